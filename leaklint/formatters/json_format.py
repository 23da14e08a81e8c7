"""`json`: an array of findings, the schema of Finding.to_dict (1-based lines and columns).

json.dumps escapes control characters itself; ensure_ascii also escapes the invisible
and bidi characters, so the output is plain ASCII whatever the analysed code held.
"""
from __future__ import annotations

import json

from leaklint.findings import Finding
from leaklint.formatters.common import MAX_MESSAGE, MAX_NOTE, MAX_TRACE_STEPS, clip


def format_json(findings: list[Finding]) -> str:
    return json.dumps([_bounded(finding.to_dict()) for finding in findings], indent=2, ensure_ascii=True) + "\n"


def _bounded(record: dict) -> dict:
    record["message"] = clip(record["message"], MAX_MESSAGE)
    record["trace"] = [dict(step, note=clip(step["note"], MAX_NOTE)) for step in record["trace"][:MAX_TRACE_STEPS]]
    return record
