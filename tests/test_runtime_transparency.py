"""Issue 6 item 6: the runtime hooks never change what a script computes.

Each script prints its metrics with full precision, digests of its predictions and of
every random generator's state at the end; the output must be byte-identical with and
without the hooks. (The memory bound per row is tested in test_runtime_hooks.py.)
"""
from __future__ import annotations

import io
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from leaklint.runtime import hooks
from leaklint.runtime.runner import run_script

SCRIPTS = Path(__file__).parent / "runtime_scripts"
REPO = Path(__file__).parent.parent


def plain_run(path: Path, capsys) -> str:
    """The script as `python path` would run it, in this process, without hooks."""
    saved_argv, saved_path0 = sys.argv[:], sys.path[0]
    sys.argv, sys.path[0] = [str(path)], str(path.parent)
    try:
        runpy.run_path(str(path), run_name="__main__")
    finally:
        sys.argv, sys.path[0] = saved_argv, saved_path0
    return capsys.readouterr().out


def hooked_run(path: Path, capsys) -> tuple[str, str]:
    report = io.StringIO()
    outcome = run_script(str(path), [], stream=report)
    assert outcome.script_status == 0
    return capsys.readouterr().out, report.getvalue()


@pytest.mark.parametrize("name", ["transparency_sklearn.py", "transparency_pandas.py", "transparency_torch.py"])
def test_same_output_predictions_and_random_state_with_and_without_hooks(name, capsys):
    if name == "transparency_torch.py":
        pytest.importorskip("torch")
    path = SCRIPTS / name
    plain = plain_run(path, capsys)
    hooked, report = hooked_run(path, capsys)
    assert hooked == plain
    assert "numpy-rng" in plain and "python-rng" in plain
    if name == "transparency_torch.py":
        assert "torch-rng" in plain and "torch.utils.data.random_split" in report
    if name == "transparency_pandas.py":
        assert "pandas.DataFrame.sample + drop" in report
    assert "internal errors" not in report


def test_same_output_in_separate_processes():
    """The real thing: `python script.py` against `leaklint run script.py`."""
    path = "tests/runtime_scripts/transparency_sklearn.py"
    plain = subprocess.run([sys.executable, path], capture_output=True, text=True, cwd=REPO, timeout=120)
    hooked = subprocess.run([sys.executable, "-m", "leaklint.runtime", "run", path], capture_output=True,
                            text=True, cwd=REPO, timeout=120)
    assert plain.returncode == hooked.returncode == 0, hooked.stderr
    assert hooked.stdout == plain.stdout
    assert "leaklint run:" in hooked.stderr


@pytest.mark.parametrize("target", ["_record_train_test_split", "_before_estimator", "_after_estimator",
                                    "_record_metric", "_remember_sample"])
def test_a_failing_hook_is_reported_and_the_script_completes(target, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError(f"forced failure in {target}")

    script = SCRIPTS / ("transparency_pandas.py" if target == "_remember_sample" else "transparency_sklearn.py")
    plain = plain_run(script, capsys)
    monkeypatch.setattr(hooks, target, broken)
    hooked, report = hooked_run(script, capsys)
    assert hooked == plain
    assert "leaklint internal errors" in report and f"forced failure in {target}" in report
