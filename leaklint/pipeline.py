"""A run, top to bottom: discover -> cached results -> check the rest -> sort.

The files whose results the cache holds are answered from it; only the others reach the
engine (``leaklint.runner``: parsing with libcst, the analysis with networkx, the rules).
The engine is imported only then, so a run over an unchanged tree imports none of it and
takes a small part of the time of a cold run. Nothing here changes a finding: the cache
(``leaklint.cache``) keys each result on the file's bytes, the bytes of the files it
imports and the settings.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from leaklint.cache import Cache
from leaklint.config import Settings
from leaklint.dependencies import ImportGraph, ModuleIndex, SourceTexts
from leaklint.discovery import discover
from leaklint.findings import Finding
from leaklint.rules import ALL_RULES
from leaklint.rules.meta import INTERNAL_ERROR
from leaklint.sources import NOTEBOOK_SIZE_FACTOR


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


def check_paths(paths: list[str], settings: Settings, cwd: Path, jobs: int | None = 1, cache_dir: Path | None = None,
                prefilter: bool = True) -> RunResult:
    """Check every file under ``paths``.

    ``jobs`` > 1 checks files in that many worker processes (None: one per core);
    ``cache_dir`` keeps results of unchanged files between runs; ``prefilter`` skips the
    analysis of files that cannot give a finding. None of the three changes the findings.
    """
    discovery = discover(paths, settings, cwd)
    files = discovery.files
    results: dict[int, list[Finding]] = {}
    texts = SourceTexts(settings.max_file_size * NOTEBOOK_SIZE_FACTOR)
    imports = ImportGraph(ModuleIndex(file.path for file in files), texts.text)
    cache = Cache(cache_dir, settings) if cache_dir is not None else None
    keys: list[str | None] = [None] * len(files)
    if cache is not None:
        keys = cache.keys(files, imports, texts)
        for index, file in enumerate(files):
            hit = cache.lookup(file, keys[index])
            if hit is not None:
                results[index] = hit
    todo = [index for index in range(len(files)) if index not in results]
    if todo:
        # Imported here, not at the top: the engine pulls in libcst and networkx (half a
        # second), which a run answered wholly from the cache never needs.
        runner = _import_engine()

        context = runner.analysis_context(settings, files)
        plan = runner.plan_checks([files[index].path for index in todo], imports, texts) if len(todo) > 1 else None
        del texts, imports  # the texts of a large run are many megabytes
        if plan is not None:
            context.project.schedule(*plan)
        with runner.fewer_collections():
            for index, findings in runner.check_files(todo, files, settings, context, jobs, prefilter, plan):
                results[index] = findings
                if cache is not None:
                    cache.store(files[index], keys[index], findings)
    findings = sorted((finding for found in results.values() for finding in found), key=Finding.sort_key)
    warnings = discovery.warnings
    if not discovery.files:
        warnings += ("no Python files or notebooks found under the given paths",)
    return RunResult(tuple(findings), warnings, len(discovery.files))


def _import_engine():
    """``leaklint.runner``, imported with the cyclic garbage collector paused.

    The import makes a few hundred thousand objects (libcst's and networkx's classes and
    functions), none of them garbage, and the collector would walk them over a hundred
    times on the way: 20-30 ms of each run, before any file is checked (and before
    ``--jobs`` forks its workers).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from leaklint import runner
    finally:
        if enabled:
            gc.enable()
    return runner
