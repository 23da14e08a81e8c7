"""Output formats. A formatter takes the sorted findings and returns the text to print.

To add one (github, sarif, gitlab, ...): write a module with a function
`format_x(findings: list[Finding]) -> str` and register it below as (module, function);
the command line's --output-format choices come from these dicts. A run imports only the
module of the format it prints with.
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable

from leaklint.findings import Finding

Formatter = Callable[[list[Finding]], str]

# format name -> (module in leaklint.formatters, function)
FORMATTERS: dict[str, tuple[str, str]] = {
    "full": ("text", "format_full"),
    "concise": ("text", "format_concise"),
    "json": ("json_format", "format_json"),
    "github": ("github", "format_github"),
    "sarif": ("sarif", "format_sarif"),
    "gitlab": ("gitlab", "format_gitlab"),
}

# --statistics output per format; formats without an entry use the text table.
STATISTICS_FORMATTERS: dict[str, tuple[str, str]] = {
    "json": ("statistics", "format_statistics_json"),
}
STATISTICS_TEXT = ("statistics", "format_statistics_text")


def formatter(output_format: str, statistics: bool = False) -> Formatter:
    """The function that prints ``output_format`` (KeyError for an unknown one)."""
    if statistics:
        module, function = STATISTICS_FORMATTERS.get(output_format, STATISTICS_TEXT)
    else:
        module, function = FORMATTERS[output_format]
    # Imported here, not at the top: a run prints one format and needs no other's module.
    return getattr(import_module(f"{__name__}.{module}"), function)


def render(findings: list[Finding], output_format: str, statistics: bool = False) -> str:
    return formatter(output_format, statistics)(findings)
