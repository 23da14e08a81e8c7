"""The static analysis: interpret a parsed module, build its dataflow graph, ask the rules."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from leaklint.findings import Finding

if TYPE_CHECKING:
    from leaklint.library import Library
    from leaklint.analysis.project import Project
    from leaklint.rules.base import Rule


@dataclass(frozen=True)
class AnalysisContext:
    library: "Library"
    project: "Project | None"
    rules: tuple["Rule", ...]  # the enabled rules: unselected rules cost nothing
    budget_seconds: float = 20.0  # per file; past it the file gets LL003


def analyze_file(path: str, module: cst.Module, context: AnalysisContext, source: str | None = None) -> list[Finding]:
    """Findings for one parsed module; lines count in the module's own text (1-based).

    ``source`` is the text the module was parsed from (positions are cheaper with it). The
    caller maps notebook lines to cells and applies suppressions and selection.
    """
    from leaklint.analysis.interpreter import interpret_module
    from leaklint.analysis.report import Report

    facts = interpret_module(path, module, context)
    report = Report(path, facts, source)
    for rule in context.rules:
        rule.check(facts, report)
    return report.findings()


def rule_codes(rules: Iterable["Rule"]) -> list[str]:
    return [rule.code for rule in rules]
