"""Issue 6, item 3: the output is byte-identical across runs, hash seeds and parallelism.

The corpus is a copy of four fixture folders (loops over seeds, overlapping splits, helper
functions, notebooks: the places where iterating a set or a dict could leak hash order into
the output), a two-file project with a cross-file import, and a few files that cannot be
parsed. Each child process runs the analysis once and renders every output format, so three
hash seeds cost three analyses.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hardening_support import FORMATS, LEAKY, REPO, SERIAL_UNCACHED, run_subprocess, write_leaky

SEEDS = ("0", "1", "2718281")

# Runs the pipeline once in the child and prints {format: output} as JSON.
CHILD = """
import json, sys, warnings
from pathlib import Path
from leaklint.config import CommandLineOptions, resolve_settings
from leaklint.formatters import render
from leaklint.pipeline import check_paths, known_codes

warnings.simplefilter("ignore")
cwd = Path.cwd()
settings = resolve_settings(CommandLineOptions(isolated=True), known_codes(), cwd)
result = check_paths(["."], settings, cwd)
outputs = {name: render(list(result.findings), name) for name in sys.argv[1:]}
outputs["statistics"] = render(list(result.findings), "full", statistics=True)
outputs["warnings"] = "\\n".join(result.warnings)
sys.stdout.write(json.dumps(outputs, sort_keys=True))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for folder in ("LL101", "LL203", "LL302", "LL401"):
        shutil.copytree(REPO / "fixtures" / folder, root / folder)
    project = root / "project"
    project.mkdir()
    (project / "prep.py").write_text(
        "from sklearn.preprocessing import StandardScaler\n\n\n"
        "def scale(frame):\n    return StandardScaler().fit_transform(frame)\n")
    (project / "train.py").write_text(
        "import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom prep import scale\n\n"
        "X = scale(pd.read_csv('d.csv'))\nX_train, X_test = train_test_split(X, random_state=0)\n")
    write_leaky(project)
    (root / "broken.py").write_text("def f(:\n")
    (root / "binary.py").write_bytes(b"\x00\x01\x02")
    (root / "notebook.ipynb").write_text("{not json")
    return root


def _child(corpus: Path, seed: str) -> dict[str, str]:
    result = subprocess.run([sys.executable, "-c", CHILD, *FORMATS], cwd=corpus, capture_output=True, timeout=300,
                            env={**_env(), "PYTHONHASHSEED": seed})
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return json.loads(result.stdout)


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("GITHUB_WORKSPACE", None)  # CI formats make paths relative to it
    return env


def test_output_is_byte_identical_across_hash_seeds(corpus):
    outputs = [_child(corpus, seed) for seed in SEEDS]
    json_findings = json.loads(outputs[0]["json"])
    assert len(json_findings) > 20 and {f["code"] for f in json_findings} >= {"LL001", "LL101"}
    for seed, other in zip(SEEDS[1:], outputs[1:]):
        for name in outputs[0]:
            assert other[name] == outputs[0][name], f"{name} output differs between PYTHONHASHSEED 0 and {seed}"


def test_findings_are_sorted_by_path_line_column_code(corpus):
    findings = json.loads(_child(corpus, "random")["json"])
    keys = [(f["path"], f.get("cell") or 0, f["line"], f["column"], f["code"]) for f in findings]
    assert keys == sorted(keys)
    assert len({f["path"] for f in findings}) > 10


def test_cli_output_is_identical_across_runs_and_argument_order(tmp_path):
    """The same files named in another order, or created in another order, print the same."""
    first, second = tmp_path / "first", tmp_path / "second"
    names = ["b.py", "a.py", "c/z.py", "c/a.ipynb", "broken.py"]
    for folder, order in ((first, names), (second, list(reversed(names)))):
        for name in order:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".ipynb"):
                path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": LEAKY}]}))
            elif name == "broken.py":
                path.write_text("x = (\n")
            else:
                write_leaky(path.parent, path.name)
    runs = [
        run_subprocess(["check", "--isolated", "--output-format", "full", "a.py", "b.py", "c", "broken.py"], first),
        run_subprocess(["check", "--isolated", "--output-format", "full", "a.py", "b.py", "c", "broken.py"], first),
        run_subprocess(["check", "--isolated", "--output-format", "full", "broken.py", "c", "b.py", "a.py"], first),
        run_subprocess(["check", "--isolated", "--output-format", "full", "."], second),
    ]
    assert {run.returncode for run in runs} == {1}
    assert len({run.stdout for run in runs}) == 1, [run.stdout.decode()[:400] for run in runs]
    assert runs[0].stdout.decode().count(": LL101 ") == 4


def _has_jobs_option() -> bool:
    return any(option.startswith("--jobs") for option in SERIAL_UNCACHED)


@pytest.mark.parametrize("jobs", ["2", "4", "8"])
def test_output_is_identical_across_jobs_settings(corpus, jobs):
    if not _has_jobs_option():
        pytest.skip("leaklint check has no --jobs option yet (the parallel runner is being added separately)")
    serial = run_subprocess(["check", "--isolated", "--output-format", "json", "--jobs=1", "."], corpus)
    parallel = run_subprocess(["check", "--isolated", "--output-format", "json", f"--jobs={jobs}", "."], corpus)
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout


def test_ll202_trace_is_identical_across_hash_seeds(tmp_path):
    shutil.copy(REPO / "fixtures" / "LL202" / "leaky_keras_checkpoint_best_on_test.py", tmp_path / "keras.py")
    outputs = {_child(tmp_path, seed)["json"] for seed in ("0", "1", "2", "3", "4", "5")}
    assert len(outputs) == 1
