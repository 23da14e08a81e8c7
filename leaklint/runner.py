"""The engine's side of a run: check the files the cache does not answer for.

`check_one` does all the work for one file and depends only on its arguments, so `--jobs N`
hands files to worker processes (leaklint.parallel) and the cache (leaklint.cache) keys its
result on the file's bytes, the bytes of the files it imports and the settings. Nothing a
file contains stops the run: a file that cannot be read or parsed gets an LL001 finding, a
crash of the analysis (or of the worker process checking the file) an LL002. The run
around it (discovery, the cache, the order of the findings) is leaklint.pipeline, which
imports this module only when a file has to be checked.
"""
from __future__ import annotations

import dataclasses
import gc
from contextlib import contextmanager
from pathlib import Path

from leaklint.analysis import AnalysisContext, analyze_file
from leaklint.analysis.project import Project
from leaklint.analysis.interpreter import MAX_CALL_DEPTH
from leaklint.config import ConfigError, Settings
from leaklint.dependencies import ImportGraph, SourceTexts
from leaklint.discovery import DiscoveredFile
from leaklint.findings import Finding, TraceStep
from leaklint.library import LibraryError, load_library
from leaklint.parsing import ParseError, parse_python
from leaklint.prefilter import Prefilter
from leaklint.rules import ALL_RULES
from leaklint.rules.meta import BUDGET_EXCEEDED, INTERNAL_ERROR, PARSE_ERROR
from leaklint.selection import ignored_for_file, is_reported
from leaklint.sources import LoadError, SourceFile, load_source
from leaklint.suppression import suppressed_codes


@contextmanager
def fewer_collections():
    """Python's cyclic garbage collector, run less often while files are checked.

    A parse tree and its analysis are millions of objects that live as long as the file is
    checked, and freed by reference counting when it is done; with the default thresholds
    the collector walks them again and again (a fifth of the time on a 50,000-line script).
    """
    saved = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def plan_checks(order: list[Path], imports: ImportGraph, texts: SourceTexts):
    """(order, uses) for Project.schedule: each file's tree is read by its own check and, as
    far as the imports written in the files tell (``ImportGraph.forecast``), by the checks
    of its importers."""
    uses: dict[Path, list[int]] = {}
    for position, path in enumerate(order):
        uses.setdefault(path, []).append(position)
        for dependency in imports.forecast(path, texts.text(path), depth=MAX_CALL_DEPTH):
            uses.setdefault(dependency, []).append(position)
    return order, uses


def check_files(indices: list[int], files, settings: Settings, context: AnalysisContext, jobs: int | None,
                prefilter: bool, plan=None):
    """(index, findings) of the given files, in worker processes when that pays off
    (``jobs`` None: as many as there are cores)."""
    done: set[int] = set()
    if jobs is None:
        from leaklint.parallel import default_jobs

        jobs = default_jobs()
    if jobs > 1 and len(indices) > 1:
        from leaklint.parallel import WorkerStartError, check_in_workers

        def crashed(index: int, message: str) -> list[Finding]:
            return [_internal_error(files[index].display, message)]

        try:
            for index, findings in check_in_workers(indices, files, settings, jobs, prefilter, crashed, plan):
                done.add(index)
                yield index, findings
        except WorkerStartError:
            pass  # no worker could start (a sandbox without fork?): check the rest here
    skip = make_prefilter(context) if prefilter else None
    trees = FrozenTrees()
    try:
        for index in indices:
            if index not in done:
                yield index, check_one(files[index], settings, context, skip, trees)
    finally:
        trees.release()


def make_prefilter(context: AnalysisContext) -> Prefilter:
    return Prefilter(context.library, context.project)


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


class FrozenTrees:
    """Parses files for a run of many, and keeps their trees out of the collector's walks.

    A tree is up to millions of objects that reference counting frees and that hold no
    cycles, yet Python's cyclic collector walks every object it tracks: during the parse
    (young objects promoted again and again) and later while the tree is cached for the
    files that import it (a third of the collector's time over 200 sklearn/pandas files
    went to walking trees). So the collector is paused while a file is parsed and the new
    tree is then frozen (``gc.freeze``: never walked, still freed when no longer used).
    What is frozen cannot be collected as a cycle, so the leftovers of the previous file
    are collected first: the young generations only, where they are, since a full
    collection walks the whole heap of the process (seconds in a large one, at every
    file). Older cycles stay frozen until ``release``, which hands them back.
    """

    def __init__(self) -> None:
        self._frozen_before = gc.get_freeze_count()

    def parse(self, text: str):
        gc.collect(1)
        enabled = gc.isenabled()
        gc.disable()
        try:
            return parse_python(text)
        finally:
            gc.freeze()
            if enabled:
                gc.enable()

    def release(self) -> None:
        if not self._frozen_before:  # what someone else froze stays frozen
            gc.unfreeze()


def check_one(file: DiscoveredFile, settings: Settings, context: AnalysisContext,
              prefilter: Prefilter | None = None, trees: FrozenTrees | None = None) -> list[Finding]:
    """Every finding for one file, filtered and mapped to notebook cells.

    With a ``prefilter``, a file that cannot give a finding is parsed (for LL001) but its
    analysis stops at once; with ``trees`` (a run of many files) the tree is parsed by it.
    """
    file_ignores = ignored_for_file(file.relative, settings.per_file_ignores)

    def reported(finding: Finding) -> bool:
        return is_reported(finding.code, settings.enabled, file_ignores)

    source = load_source(file.path, file.display, settings.max_file_size)
    if isinstance(source, LoadError):
        return list(filter(reported, [_parse_error(file.display, source.message, source.line, source.column)]))
    too_long = _too_many_lines(file.display, source, settings.max_lines)
    if too_long is not None:  # parsing alone would take longer than any sensible budget
        return list(filter(reported, [too_long]))
    project = context.project if not source.is_notebook else None
    module = ((project.take(file.path) if project is not None else None)
              or (trees.parse(source.text) if trees is not None else parse_python(source.text)))
    if isinstance(module, ParseError):
        error = _parse_error(file.display, module.message, module.line, module.column)
        return list(filter(reported, [_localise(error, source, source.lines())]))

    rules = tuple(rule for rule in context.rules if is_reported(rule.code, settings.enabled, file_ignores))
    if not rules:
        return []  # every enabled rule is ignored for this file: nothing to analyse
    try:
        findings = analyze_file(file.display, module, dataclasses.replace(context, rules=rules, prefilter=prefilter),
                                source.text)
    except RecursionError:
        return [_internal_error(file.display, "RecursionError: the code is nested too deeply to analyse")]
    except Exception as error:  # noqa: BLE001 - one file's crash must not stop the run
        return [_internal_error(file.display, f"{type(error).__name__}: {error}")]
    if project is not None:
        project.offer(file.path, module, source.text)  # for the files that import this one

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
