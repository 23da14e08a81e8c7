"""Human-readable output: `full` (with code frame and trace) and `concise` (one line)."""
from __future__ import annotations

from leaklint.findings import Finding
from leaklint.formatters.common import MAX_FRAME_WIDTH, headline, printable, summary, trace_text


def format_concise(findings: list[Finding]) -> str:
    lines = [headline(finding) for finding in findings]
    lines.append(summary(findings))
    return "\n".join(lines) + "\n"


def format_full(findings: list[Finding]) -> str:
    blocks = []
    for finding in findings:
        lines = [headline(finding)]
        lines.extend(code_frame(finding))
        if finding.trace:
            lines.append(f"  trace: {trace_text(finding)}")
        blocks.append("\n".join(lines))
    blocks.append(summary(findings))
    return "\n\n".join(blocks) + "\n"


def code_frame(finding: Finding) -> list[str]:
    """The finding's line with a caret underline, ruff style; nothing if the line is unknown."""
    source = finding.source_line.rstrip("\n")
    if not source.strip():
        return []
    start = max(finding.column - 1, 0)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
    end = min(max(end, start + 1), len(source))
    # Escaping can lengthen the text, so the underline is measured on escaped pieces;
    # tabs become one space each to keep the caret under the code it marks.
    before = printable(source[:start].replace("\t", " "))
    marked = printable(source[start:end].replace("\t", " ")) or "^"
    after = printable(source[end:].replace("\t", " "))
    before, marked, after = _window(before, marked, after)
    number = str(finding.line)
    gutter = " " * len(number)
    return [
        f"{gutter} |",
        f"{number} | {before}{marked}{after}",
        f"{gutter} | {' ' * len(before)}{'^' * len(marked)}",
    ]


def _window(before: str, marked: str, after: str) -> tuple[str, str, str]:
    """Clip a long line to MAX_FRAME_WIDTH characters around the marked part."""
    marked = marked if len(marked) <= MAX_FRAME_WIDTH // 2 else marked[: MAX_FRAME_WIDTH // 2 - 1] + "…"
    room = MAX_FRAME_WIDTH - len(marked)
    if len(before) > room // 2:
        before = "…" + before[-(room // 2 - 1):]
    room -= len(before)
    if len(after) > room:
        after = after[: max(room - 1, 0)] + "…"
    return before, marked, after
