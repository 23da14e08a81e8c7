"""What every text formatter needs: safe text, bounded length, locations users recognise.

Names, strings and comments from the analysed code reach the output through messages,
trace notes and code frames. A file may hold ANSI escapes, newlines in names of files,
or bidirectional-override characters; printed raw they would repaint a terminal, forge a
second output line or reorder what a reviewer sees. So every such piece is escaped and
clipped before it is printed.
"""
from __future__ import annotations

import re

from leaklint.findings import Finding, TraceStep

MAX_MESSAGE = 500
MAX_NOTE = 120
MAX_TRACE_STEPS = 12
MAX_FRAME_WIDTH = 160

# C0/C1 controls, DEL, and the invisible format characters that change how text reads
# (zero-width, bidi embeddings/overrides/isolates, line and paragraph separators, BOM).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def printable(text: str) -> str:
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def location(finding: Finding | TraceStep) -> str:
    """`path:line:col` or, in a notebook, `path:cell 3:line:col` (ruff's notebook form)."""
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{printable(finding.path)}:{cell}{finding.line}:{finding.column}"


def headline(finding: Finding) -> str:
    return f"{location(finding)}: {finding.code} {clip(printable(finding.message), MAX_MESSAGE)}"


def trace_text(finding: Finding) -> str:
    """`X loaded at 4 → scaler.fit_transform at 9 → ...` (other files and cells named)."""
    steps = finding.trace[:MAX_TRACE_STEPS]
    parts = [f"{clip(printable(step.note), MAX_NOTE)} at {_where(step, finding)}" for step in steps]
    if len(finding.trace) > len(steps):
        parts.append(f"… ({len(finding.trace) - len(steps)} more)")
    return " → ".join(parts)


def _where(step: TraceStep, finding: Finding) -> str:
    place = str(step.line) if step.cell is None else f"cell {step.cell}:{step.line}"
    return place if step.path == finding.path else f"{printable(step.path)}:{place}"


def summary(findings: list[Finding]) -> str:
    if not findings:
        return "All checks passed!"
    return f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''}."
