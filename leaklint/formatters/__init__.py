"""Output formats. A formatter takes the sorted findings and returns the text to print.

To add one (github, sarif, gitlab, ...): write a module with a function
`format_x(findings: list[Finding]) -> str` and register it below; the command line's
--output-format choices come from these dicts.
"""
from __future__ import annotations

from typing import Callable

from leaklint.findings import Finding
from leaklint.formatters.github import format_github
from leaklint.formatters.gitlab import format_gitlab
from leaklint.formatters.json_format import format_json
from leaklint.formatters.sarif import format_sarif
from leaklint.formatters.statistics import format_statistics_json, format_statistics_text
from leaklint.formatters.text import format_concise, format_full

Formatter = Callable[[list[Finding]], str]

FORMATTERS: dict[str, Formatter] = {
    "full": format_full,
    "concise": format_concise,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
    "gitlab": format_gitlab,
}

# --statistics output per format; formats without an entry use the text table.
STATISTICS_FORMATTERS: dict[str, Formatter] = {
    "json": format_statistics_json,
}


def render(findings: list[Finding], output_format: str, statistics: bool = False) -> str:
    if statistics:
        return STATISTICS_FORMATTERS.get(output_format, format_statistics_text)(findings)
    return FORMATTERS[output_format](findings)
