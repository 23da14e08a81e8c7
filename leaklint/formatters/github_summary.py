"""The Markdown job summary the GitHub Action writes to `$GITHUB_STEP_SUMMARY`.

A count of findings per rule, then every finding: a link to `path:line`, its message, and
its trace as a Mermaid `flowchart LR` (data source → split → leaky fit → score, in program
order; the flagged step outlined in red), which GitHub renders in job summaries.

Everything that comes from the analysed code (file names, messages, trace notes) is
untrusted and would otherwise be able to inject links, images or HTML into the page, or
end a Mermaid label or code fence early:
- in Markdown, every ASCII punctuation character is backslash-escaped (CommonMark allows
  it for all of them) after control characters are cleaned, so the text renders literally;
- in Mermaid, a label is a quoted string in which every character outside a small safe set
  is written as an entity code (`#35;`), so no quote, bracket, `%%`, backtick or HTML can
  appear in it.
GitHub accepts at most 1 MiB of summary per step: findings that do not fit are counted in a
closing line instead.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from leaklint.findings import Finding, TraceStep
from leaklint.formatters.ci import clean, repo_path, where_in_notebook
from leaklint.formatters.common import MAX_MESSAGE, clip
from leaklint.formatters.statistics import count_by_code

SUMMARY_LIMIT = 1024 * 1024  # bytes GitHub accepts per step
MAX_NODES = 8  # trace steps drawn per finding (the rest become one "… more" node)
MAX_LABEL = 60

_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 _.,:=+\-*/'!?]")
_TAIL_RESERVE = 512  # room kept for the closing line


def markdown_text(text: str) -> str:
    """Untrusted text rendered literally in Markdown (one line, no markup, no HTML)."""
    return _escape_markdown(clean(text))


def _escape_markdown(cleaned: str) -> str:
    # A backtick becomes an entity rather than `\``, so the only backticks left in the
    # summary are the delimiters of the code spans written here (`&` is escaped, so
    # untrusted text cannot form entities of its own).
    return _MARKDOWN_SPECIAL.sub(r"\\\1", cleaned.replace("`", "\0")).replace("\0", "&#96;")


def markdown_message(text: str) -> str:
    """A message with leaklint's own `code` spans kept as code spans.

    The text between two backticks holds no backtick, so a single-backtick code span
    around it renders it literally and ends exactly where it should; the rest is escaped.
    An unbalanced or empty pair is escaped like any other text.
    """
    parts = clean(text).split("`")
    if len(parts) % 2 == 0:
        return markdown_text(text)
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(_escape_markdown(part))
        elif part.strip():
            out.append(f"`{part}`")
        else:
            out.append(_escape_markdown(f"`{part}`"))
    return "".join(out)


def mermaid_label(text: str) -> str:
    """Untrusted text inside a quoted Mermaid label: entity codes for anything not plainly safe."""
    return "".join(char if _MERMAID_SAFE.fullmatch(char) else f"#{ord(char)};" for char in clean(text))


def build_summary(findings: list[Finding], link_base: str | None = None, limit: int = SUMMARY_LIMIT) -> str:
    """The job summary. ``link_base`` is `https://github.com/OWNER/REPO/blob/SHA` (no link if None)."""
    if not findings:
        return "## leaklint\n\nNo findings: all checks passed.\n"
    errors = sum(1 for finding in findings if finding.severity != "warning")
    files = len({finding.path for finding in findings})
    parts = [
        f"## leaklint: {_plural(len(findings), 'finding')}\n\n"
        f"{_plural(errors, 'error')}, {_plural(len(findings) - errors, 'warning')} in {_plural(files, 'file')}.\n\n",
        _rule_table(findings),
        "\n### Findings\n\n",
    ]
    size = sum(len(part.encode("utf-8")) for part in parts)
    shown = 0
    for number, finding in enumerate(findings, start=1):
        block = _finding_block(number, finding, link_base)
        block_size = len(block.encode("utf-8"))
        if size + block_size + _TAIL_RESERVE > limit:
            break
        parts.append(block)
        size += block_size
        shown += 1
    if shown < len(findings):
        rest = len(findings) - shown
        parts.append(f"_{_plural(rest, 'more finding')} did not fit in the job summary (GitHub keeps at most "
                     f"1 MiB per step): see the annotations, the SARIF file, or run leaklint locally._\n")
    return "".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _rule_table(findings: list[Finding]) -> str:
    severity = {finding.code: finding.severity for finding in findings}
    rows = ["| Rule | Name | Severity | Findings |", "| --- | --- | --- | ---: |"]
    for code, name, count in count_by_code(findings):
        rows.append(f"| {markdown_text(code)} | {markdown_text(name)} | {severity[code]} | {count} |")
    return "\n".join(rows) + "\n"


def _finding_block(number: int, finding: Finding, link_base: str | None) -> str:
    place = f"{finding.path}:{finding.line}" if finding.cell is None else f"{finding.path}:cell {finding.cell}:{finding.line}"
    label = markdown_text(place)
    if link_base:
        anchor = f"#L{max(finding.line, 1)}" if finding.cell is None else ""
        label = f"[{label}]({link_base}/{quote(repo_path(finding.path), safe='/')}{anchor})"
    lines = [
        f"**{number}\\. {label} · {markdown_text(finding.code)} {markdown_text(finding.name)} ({finding.severity})**",
        "",
        markdown_message(clip(finding.message, MAX_MESSAGE)),
        "",
    ]
    if finding.trace:
        lines += ["```mermaid", *flowchart(finding), "```", ""]
    return "\n".join(lines) + "\n"


def flowchart(finding: Finding) -> list[str]:
    """The trace as `flowchart LR` lines; the step at the flagged line gets the `leak` class."""
    steps = list(finding.trace[:MAX_NODES])
    lines = ["flowchart LR"]
    for index, step in enumerate(steps):
        lines.append(f'  n{index}["{mermaid_label(clip(step.note, MAX_LABEL))}<br/>{mermaid_label(_where(step, finding))}"]')
    if len(finding.trace) > len(steps):
        lines.append(f'  n{len(steps)}["{len(finding.trace) - len(steps)} more steps"]')
    count = len(lines) - 1
    if count > 1:
        lines.append("  " + " --> ".join(f"n{index}" for index in range(count)))
    flagged = [index for index, step in enumerate(steps) if _is_flagged(step, finding)]
    if flagged:
        lines.append("  classDef leak stroke:#d1242f,stroke-width:3px")
        lines.append(f"  class {','.join(f'n{index}' for index in flagged)} leak")
    return lines


def _where(step: TraceStep, finding: Finding) -> str:
    place = f"line {step.line}" if step.cell is None else where_in_notebook(step)
    return place if step.path == finding.path else f"{step.path} {place}"


def _is_flagged(step: TraceStep, finding: Finding) -> bool:
    return (step.path, step.cell, step.line) == (finding.path, finding.cell, finding.line)
