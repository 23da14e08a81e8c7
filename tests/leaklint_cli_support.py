"""Helpers for the CLI tests: run `leaklint` in-process, fake the analysis, write notebooks.

The CLI tests check the pipeline around the engine (discovery, loading, selection,
suppression, output), so they replace the analysis by a fake that reports a finding
wherever the source calls `leak("LLxxx")`: the tests then do not depend on what the
engine detects.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leaklint.cli import main
from leaklint.findings import Finding, TraceStep
from leaklint.rules import ALL_RULES

_LEAK_CALL = re.compile(r'leak\("(LL\d+)"\)')
_NAMES = {rule.code: (rule.name, rule.severity) for rule in ALL_RULES}


def fake_analyze_file(path, module, context, source=None):
    enabled = {rule.code for rule in context.rules}
    findings = []
    for number, line in enumerate((source or "").split("\n"), start=1):
        for match in _LEAK_CALL.finditer(line):
            code = match.group(1)
            if code not in enabled:
                continue
            name, severity = _NAMES[code]
            column = match.start() + 1
            findings.append(Finding(
                code=code, name=name, severity=severity, path=path, line=number, column=column,
                end_line=number, end_column=match.end() + 1, message=f"fake {code} finding",
                trace=(TraceStep(path, 1, 1, "data loaded"), TraceStep(path, number, column, "leak"))))
    return findings


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write_notebook(path: Path, cells: list[tuple[str, str]], **extra) -> Path:
    """cells: (cell_type, source) pairs; sources are stored as lists of lines, as Jupyter does."""
    document = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True),
             **({"outputs": [], "execution_count": None} if kind == "code" else {})}
            for kind, source in cells
        ],
        **extra,
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A fresh current folder with no configuration and no output-format variable."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEAKLINT_OUTPUT_FORMAT", raising=False)
    return tmp_path


@pytest.fixture
def fake_engine(monkeypatch):
    monkeypatch.setattr("leaklint.runner.analyze_file", fake_analyze_file)
