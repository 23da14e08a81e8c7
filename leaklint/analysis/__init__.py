"""The static analysis: interpret a parsed module, build its dataflow graph, ask the rules."""
from __future__ import annotations

import time
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
    prefilter: object = None  # leaklint.prefilter.Prefilter: skips files no rule can report on


def analyze_file(path: str, module: cst.Module, context: AnalysisContext, source: str | None = None) -> list[Finding]:
    """Findings for one parsed module; lines count in the module's own text (1-based).

    ``source`` is the text the module was parsed from (positions are cheaper with it). The
    caller maps notebook lines to cells and applies suppressions and selection.
    """
    from leaklint.analysis.interpreter import interpret_module
    from leaklint.analysis.report import Report

    if context.prefilter is not None and source is not None and not context.prefilter.may_find(path, source):
        return []  # no call any rule looks at, in the file or in the files it imports
    started = time.monotonic()
    facts = interpret_module(path, module, context)
    if facts.budget_exceeded:
        # The interpreter stops on its deadline and on RecursionError: only the elapsed
        # time tells them apart, and "ran past 20 s" after one second would mislead.
        timed_out = time.monotonic() - started >= context.budget_seconds
        return [_budget_exceeded(path, source, context.budget_seconds, timed_out)]
    report = Report(path, facts, source)
    for rule in context.rules:
        rule.check(facts, report)
    return report.findings()


def _budget_exceeded(path: str, source: str | None, seconds: float, timed_out: bool = True) -> Finding:
    from leaklint.rules.meta import BUDGET_EXCEEDED as rule

    size = f"{source.count(chr(10)) + 1} lines, {len(source)} characters" if source is not None else "size unknown"
    if timed_out:
        message = (f"analysis stopped after the per-file budget of {seconds:g} s ({size}); the file was not "
                   "fully checked: raise max-analysis-seconds or split the file")
    else:
        message = (f"analysis stopped: the code nests too deeply for the analysis ({size}); the file was not "
                   "fully checked: flatten the nesting or split the file")
    return Finding(code=rule.code, name=rule.name, severity=rule.severity, path=path, line=1, column=1,
                   end_line=1, end_column=1, message=message)


def rule_codes(rules: Iterable["Rule"]) -> list[str]:
    return [rule.code for rule in rules]
