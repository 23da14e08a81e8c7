"""Helpers for the hardening tests: a known leaky file, in-process and subprocess runs.

Every hardening test puts `LEAKY` next to the hostile input and checks that its finding
is still reported: one bad file must never stop the rest of the run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from leaklint.cli import main

LEAKY = '''\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data.csv")
X = df.drop(columns=["y"])
y = df["y"]
X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
'''
LEAKY_AT = ("LL101", 8, 5)  # code, line, column of the finding in LEAKY

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("full", "concise", "json", "github", "sarif", "gitlab")


def write_leaky(folder: Path, name: str = "leaky.py") -> Path:
    path = folder / name
    path.write_text(LEAKY, encoding="utf-8")
    return path


def notebook(cells: list[tuple[str, str]], **extra) -> dict:
    """An nbformat 4 document; cells are (cell_type, source) pairs."""
    return {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True),
             **({"outputs": [], "execution_count": None} if kind == "code" else {})}
            for kind, source in cells
        ],
        **extra,
    }


def write_notebook(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _has_option(name: str) -> bool:
    from leaklint.cli import check

    return any(name in parameter.opts for parameter in check.params)


# One process, no cache: a test must see this run's own analysis (a cached result would hide
# nondeterminism, a worker process would not see monkeypatches). Added only where the
# options exist.
SERIAL_UNCACHED = tuple(option for option, present in (("--no-cache", _has_option("--no-cache")),
                                                        ("--jobs=1", _has_option("--jobs"))) if present)


def run_inprocess(capsys, *args: str) -> tuple[int, str, str]:
    status = main(with_serial_uncached(list(args)))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys, *args: str) -> tuple[int, list[dict], str, str]:
    """(status, findings, stdout, stderr) of `leaklint --isolated --output-format json ARGS`."""
    status, out, err = run_inprocess(capsys, "check", "--isolated", "--output-format", "json", *args)
    return status, json.loads(out), out, err


def with_serial_uncached(args: list[str]) -> list[str]:
    """``args`` with SERIAL_UNCACHED added after `check` (--jobs only if not given already)."""
    if not args or args[0] != "check":
        return args
    given_jobs = any(arg.startswith("--jobs") for arg in args)
    extra = [option for option in SERIAL_UNCACHED if not (given_jobs and option.startswith("--jobs"))]
    return [args[0], *extra, *args[1:]]


def run_subprocess(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 120,
                   python_args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`python -m leaklint ARGS` in a child process (a crash there cannot take pytest down)."""
    args = with_serial_uncached(args)
    child_env = dict(os.environ)
    child_env.pop("LEAKLINT_OUTPUT_FORMAT", None)
    child_env.update(env or {})
    return subprocess.run([sys.executable, *python_args, "-m", "leaklint", *args], cwd=cwd, env=child_env,
                          capture_output=True, timeout=timeout)


def assert_leaky_found(findings: list[dict], path: str = "leaky.py") -> None:
    code, line, column = LEAKY_AT
    hits = [f for f in findings if f["path"] == path and f["code"] == code]
    assert [(f["line"], f["column"]) for f in hits] == [(line, column)], findings


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text and "internal error" not in text, text[-2000:]
