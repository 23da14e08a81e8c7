"""The pipeline, top to bottom: discover -> load -> parse -> analyze -> filter -> report.

`check_one` does all the work for one file and depends only on its arguments, so a later
`--jobs N` can hand files to a process pool and a cache can key its result on the file's
content hash plus the settings. Nothing a file contains stops the run: a file that cannot
be read or parsed gets an LL001 finding, a crash of the analysis an LL002.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from leaklint.analysis import AnalysisContext, analyze_file
from leaklint.analysis.project import Project
from leaklint.config import ConfigError, Settings
from leaklint.discovery import DiscoveredFile, discover
from leaklint.findings import Finding, TraceStep
from leaklint.library import LibraryError, load_library
from leaklint.parsing import ParseError, parse_python
from leaklint.rules import ALL_RULES
from leaklint.rules.meta import BUDGET_EXCEEDED, INTERNAL_ERROR, PARSE_ERROR
from leaklint.selection import ignored_for_file, is_reported
from leaklint.sources import LoadError, SourceFile, load_source
from leaklint.suppression import suppressed_codes


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]  # sorted by Finding.sort_key
    warnings: tuple[str, ...]  # paths skipped (broken symlinks, loops, unreadable folders)
    files_checked: int

    @property
    def internal_error(self) -> bool:
        return any(finding.code == INTERNAL_ERROR.code for finding in self.findings)


def known_codes() -> tuple[str, ...]:
    return tuple(rule.code for rule in ALL_RULES)


def check_paths(paths: list[str], settings: Settings, cwd: Path) -> RunResult:
    discovery = discover(paths, settings, cwd)
    context = analysis_context(settings, discovery.files)
    findings: list[Finding] = []
    for file in discovery.files:
        findings.extend(check_one(file, settings, context))
    findings.sort(key=Finding.sort_key)
    warnings = discovery.warnings
    if not discovery.files:
        warnings += ("no Python files or notebooks found under the given paths",)
    return RunResult(tuple(findings), warnings, len(discovery.files))


def analysis_context(settings: Settings, files: tuple[DiscoveredFile, ...]) -> AnalysisContext:
    """What the analysis of every file shares: the library models, the project, the rules."""
    try:
        library = load_library(settings.library_extension)
    except LibraryError as error:
        where = settings.config_path or "the configuration"
        raise ConfigError(f"[tool.leaklint.library] in {where}: {error}") from None
    # Cross-file helpers (`from utils import prep`) resolve among the files of this run.
    project = Project.from_files([str(file.path) for file in files])
    rules = tuple(rule for rule in ALL_RULES if rule.code in settings.enabled)
    return AnalysisContext(library=library, project=project, rules=rules,
                           budget_seconds=settings.max_analysis_seconds)


def check_one(file: DiscoveredFile, settings: Settings, context: AnalysisContext) -> list[Finding]:
    """Every finding for one file, filtered and mapped to notebook cells."""
    file_ignores = ignored_for_file(file.relative, settings.per_file_ignores)

    def reported(finding: Finding) -> bool:
        return is_reported(finding.code, settings.enabled, file_ignores)

    source = load_source(file.path, file.display, settings.max_file_size)
    if isinstance(source, LoadError):
        return list(filter(reported, [_parse_error(file.display, source.message, source.line, source.column)]))
    too_long = _too_many_lines(file.display, source, settings.max_lines)
    if too_long is not None:  # parsing alone would take longer than any sensible budget
        return list(filter(reported, [too_long]))
    module = parse_python(source.text)
    if isinstance(module, ParseError):
        error = _parse_error(file.display, module.message, module.line, module.column)
        return list(filter(reported, [_localise(error, source, source.lines())]))

    rules = tuple(rule for rule in context.rules if is_reported(rule.code, settings.enabled, file_ignores))
    if not rules:
        return []  # every enabled rule is ignored for this file: nothing to analyse
    try:
        findings = analyze_file(file.display, module, dataclasses.replace(context, rules=rules), source.text)
    except RecursionError:
        return [_internal_error(file.display, "RecursionError: the code is nested too deeply to analyse")]
    except Exception as error:  # noqa: BLE001 - one file's crash must not stop the run
        return [_internal_error(file.display, f"{type(error).__name__}: {error}")]

    findings = [finding.with_path(file.display) for finding in findings if reported(finding)]
    findings = _unsuppressed(findings, source.text)
    lines = source.lines()
    return [_localise(finding, source, lines) for finding in findings]


def _unsuppressed(findings: list[Finding], text: str) -> list[Finding]:
    silenced = suppressed_codes(text, {finding.line for finding in findings})
    return [finding for finding in findings if finding.code not in silenced.get(finding.line, ())]


def _localise(finding: Finding, source: SourceFile, lines: list[str]) -> Finding:
    """Attach the code line, and for notebooks turn program lines into (cell, line in cell)."""
    source_line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
    finding = dataclasses.replace(finding, source_line=source_line)
    if not source.is_notebook:
        return finding
    cell, line = source.locate(finding.line)
    end_cell, end_line = source.locate(finding.end_line)
    end_column = finding.end_column
    if end_cell != cell:  # a span across cells ends, for the reader, at its first cell's line
        end_line, end_column = line, len(source_line) + 1
    trace = tuple(_localise_step(step, finding.path, source) for step in finding.trace)
    return dataclasses.replace(finding, cell=cell, line=line, end_line=end_line, end_column=end_column, trace=trace)


def _localise_step(step: TraceStep, path: str, source: SourceFile) -> TraceStep:
    if step.path != path or step.cell is not None:
        return step  # a step in another file keeps that file's own lines
    cell, line = source.locate(step.line)
    return dataclasses.replace(step, cell=cell, line=line)


def _too_many_lines(path: str, source: SourceFile, max_lines: int) -> Finding | None:
    lines = source.text.count("\n") + (not source.text.endswith("\n"))
    if lines <= max_lines:
        return None
    return _meta_finding(BUDGET_EXCEEDED, path, f"file not analysed: {lines} lines, {len(source.text)} characters, "
                                                f"over the limit of {max_lines} lines (max-lines); raise max-lines "
                                                "or split the file")


def _parse_error(path: str, message: str, line: int = 1, column: int = 1) -> Finding:
    return _meta_finding(PARSE_ERROR, path, message, line, column)


def _internal_error(path: str, message: str) -> Finding:
    return _meta_finding(INTERNAL_ERROR, path, f"leaklint failed on this file: {message}")


def _meta_finding(rule, path: str, message: str, line: int = 1, column: int = 1) -> Finding:
    line, column = max(line, 1), max(column, 1)
    return Finding(code=rule.code, name=rule.name, severity=rule.severity, path=path, line=line, column=column,
                   end_line=line, end_column=column + 1, message=message)
