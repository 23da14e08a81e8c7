"""`--statistics`: how many findings of each code, most frequent first."""
from __future__ import annotations

import json
from collections import Counter

from leaklint.findings import Finding


def count_by_code(findings: list[Finding]) -> list[tuple[str, str, int]]:
    counts = Counter((finding.code, finding.name) for finding in findings)
    return sorted(((code, name, count) for (code, name), count in counts.items()), key=lambda row: (-row[2], row[0]))


def format_statistics_text(findings: list[Finding]) -> str:
    rows = count_by_code(findings)
    width = max((len(str(count)) for _, _, count in rows), default=1)
    return "".join(f"{count:>{width}}  {code}  {name}\n" for code, name, count in rows)


def format_statistics_json(findings: list[Finding]) -> str:
    rows = [{"code": code, "name": name, "count": count} for code, name, count in count_by_code(findings)]
    return json.dumps(rows, indent=2, ensure_ascii=True) + "\n"
