"""`leaklint run` and `leaklint diff-manifest` on real small scripts."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.runtime.commands import diff_manifest_command, run_command
from leaklint.runtime.manifest import diff_manifests, load_manifest
from leaklint.runtime.recorder import Config
from leaklint.runtime.runner import run_script

SCRIPTS = Path(__file__).parent / "runtime_scripts"
REPO = Path(__file__).parent.parent


def script(name: str) -> str:
    return str(SCRIPTS / name)


def audit(name: str, *args, **config):
    """Run a script in this process under the hooks, as `leaklint run` does."""
    stream = io.StringIO()
    outcome = run_script(script(name), list(args), config=Config(**config), stream=stream)
    return outcome, stream.getvalue()


def cli(*args, env=None) -> subprocess.CompletedProcess:
    """`leaklint run ...` in a fresh interpreter (python -m leaklint.runtime works without the main CLI)."""
    return subprocess.run([sys.executable, "-m", "leaklint.runtime", *args], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, **(env or {})}, timeout=120)


def test_scaler_fitted_before_the_split_is_reported(capsys):
    outcome, report = audit("scaler_before_split.py")
    assert outcome.exit_status == 1 and outcome.script_status == 0
    assert "FAIL  fit-on-test: StandardScaler.fit_transform at " in report
    assert "fit_transform at tests/runtime_scripts/scaler_before_split.py:9 saw" in report and "verdict: LEAK: fit-on-test (split 1)" in report
    assert capsys.readouterr().out.startswith("accuracy ")


def test_grouped_data_split_at_random_is_a_group_leak():
    outcome, report = audit("grouped_random_split.py")
    assert outcome.exit_status == 1
    assert "FAIL  group:" in report and "groups from column 'patient_id'" in report
    clean, report = audit("grouped_random_split.py", "grouped")
    assert clean.exit_status == 0, report
    assert "GroupShuffleSplit" in report


def test_shuffled_time_series_fails_the_time_check():
    outcome, report = audit("shuffled_time_series.py")
    assert outcome.exit_status == 1 and "FAIL  time:" in report and "'date'" in report
    ordered, report = audit("shuffled_time_series.py", "ordered")
    assert ordered.exit_status == 0, report


def test_clean_pipeline_reports_nothing_and_passes_the_exit_status_through():
    outcome, report = audit("clean_pipeline.py")
    assert outcome.exit_status == 0
    assert "FAIL" not in report and "warn" not in report and "verdict: no leak found" in report
    assert "StratifiedKFold.split" in report  # the cross-validation folds were seen
    three, _ = audit("clean_pipeline.py", "3")
    assert three.exit_status == 3


def test_fail_on_selects_what_fails_the_run():
    outcome, report = audit("scaler_before_split.py", fail_on=("overlap",))
    assert outcome.exit_status == 0
    assert "(not in --fail-on)" in report and "no failure among --fail-on checks" in report


def test_script_errors_behave_like_python(tmp_path, capsys):
    boom = tmp_path / "boom.py"
    boom.write_text("import sys\nprint(__name__, sys.argv[1:])\nraise ValueError('boom')\n")
    outcome, report = audit(str(boom), "a", "--b")
    assert outcome.exit_status == 1 and outcome.script_status == 1
    captured = capsys.readouterr()
    assert captured.out == "__main__ ['a', '--b']\n"
    assert "ValueError: boom" in captured.err and "runpy" not in captured.err
    quit_ = tmp_path / "quit.py"
    quit_.write_text("raise SystemExit('bye')\n")
    assert audit(str(quit_))[0].exit_status == 1
    assert "bye" in capsys.readouterr().err


def test_script_runs_with_its_folder_on_sys_path_and_cwd_unchanged(tmp_path, monkeypatch):
    (tmp_path / "helper_mod_for_leaklint.py").write_text("VALUE = 41\n")
    main = tmp_path / "main.py"
    main.write_text("import os, helper_mod_for_leaklint as h\n"
                    "open(os.path.join(os.getcwd(), 'out.txt'), 'w').write(str(h.VALUE + 1))\n")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert audit(str(main))[0].exit_status == 0
    assert (work / "out.txt").read_text() == "42"
    sys.modules.pop("helper_mod_for_leaklint", None)


def test_cli_end_to_end_with_manifest(tmp_path):
    manifest = tmp_path / "splits.json"
    proc = cli("run", "--manifest", str(manifest), "tests/runtime_scripts/scaler_before_split.py")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("accuracy ")
    assert "fit-on-test" in proc.stderr and f"split manifest written to {manifest}" in proc.stderr
    data = json.loads(manifest.read_text())
    assert data["tool"] == "leaklint" and data["exit_status"] == 1 and data["ok"] is False
    assert data["failures"] == [{"split": 1, "check": "fit-on-test"}]
    (split,) = data["splits"]
    assert split["splitter"] == "sklearn.model_selection.train_test_split"
    assert split["args"]["random_state"] == 0 and split["args"]["test_size"] == 0.25
    assert split["rows"] == {"train": 300, "test": 100}
    assert split["where"] == "tests/runtime_scripts/scaler_before_split.py:10"
    assert split["scored"]["models"] == ["LogisticRegression#1"]
    assert {"python", "platform", "packages"} <= set(data["environment"])
    assert data["environment"]["packages"]["scikit-learn"]
    assert [f["estimator"] for f in data["fits"]] == ["StandardScaler", "LogisticRegression"]


def test_manifest_fingerprints_are_reproducible_across_processes(tmp_path):
    paths = []
    for seed in ("1", "2"):  # different hash salts: nothing may depend on Python's hash()
        path = tmp_path / f"run{seed}.json"
        proc = cli("run", "--manifest", str(path), "tests/runtime_scripts/transparency_sklearn.py",
                   env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        paths.append(path)
    a, b = (load_manifest(str(p)) for p in paths)
    assert [s["fingerprint"] for s in a["splits"]] == [s["fingerprint"] for s in b["splits"]]
    assert a["seeds"] == b["seeds"] == [
        {"function": "numpy.random.seed", "seed": 7, "where": "tests/runtime_scripts/transparency_sklearn.py:15"},
        {"function": "random.seed", "seed": 7, "where": "tests/runtime_scripts/transparency_sklearn.py:16"},
    ]
    result = CliRunner().invoke(diff_manifest_command, [str(paths[0]), str(paths[1])])
    assert result.exit_code == 0 and "splits are identical" in result.output


def test_diff_manifest_names_the_changed_split(tmp_path):
    manifests = {}
    for variant in ("shuffled", "ordered"):
        path = tmp_path / f"{variant}.json"
        args = [] if variant == "shuffled" else ["ordered"]
        run_script(script("shuffled_time_series.py"), args, manifest_path=str(path), stream=io.StringIO())
        manifests[variant] = load_manifest(str(path))
    changed, lines = diff_manifests(manifests["shuffled"], manifests["ordered"])
    assert changed
    assert lines[0].startswith("CHANGED split 1: sklearn.model_selection.train_test_split")
    assert "    shuffle True -> False" in lines and any("test fingerprint" in line for line in lines)
    result = CliRunner().invoke(diff_manifest_command, [str(tmp_path / "shuffled.json"),
                                                        str(tmp_path / "ordered.json")])
    assert result.exit_code == 1 and "1 split changed" in result.output


def test_diff_manifest_reports_added_and_removed_splits(tmp_path):
    base = {"schema": 1, "tool": "leaklint", "splits": [
        {"id": 1, "splitter": "s", "fold": None, "rows": {"train": 1, "test": 1}, "fingerprint": {}}]}
    changed, lines = diff_manifests(base, {**base, "splits": []})
    assert changed and lines[0].startswith("only in a: split 1")


def test_diff_manifest_rejects_other_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"tool": "something"}))
    for args in ([str(bad), str(bad)], [str(other), str(other)], [str(tmp_path / "missing.json"), str(bad)]):
        result = CliRunner().invoke(diff_manifest_command, args)
        assert result.exit_code == 2, result.output


def test_run_command_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    result = runner.invoke(run_command, ["--fail-on", "overlap,nonsense", script("clean_pipeline.py")])
    assert result.exit_code == 2 and "unknown check 'nonsense'" in result.output
    assert runner.invoke(run_command, [str(tmp_path / "missing.py")]).exit_code == 2


def test_run_command_passes_script_options_through(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import sys\nprint(sys.argv[1:])\nsys.exit(4)\n")
    result = CliRunner().invoke(run_command, ["--fail-on", "none", str(probe), "--verbose", "-x", "y"])
    assert result.exit_code == 4
    assert "['--verbose', '-x', 'y']" in result.output


def test_main_cli_registers_the_runtime_commands():
    cli_module = pytest.importorskip("leaklint.cli")
    source = Path(cli_module.__file__).read_text(encoding="utf-8")
    if "# runtime commands" not in source:
        pytest.skip("leaklint/cli.py has no registration point yet")
    assert {"run", "diff-manifest"} <= set(cli_module.cli.commands)


def test_groups_time_and_id_options(tmp_path):
    data = tmp_path / "hospital_split.py"
    data.write_text(
        "import numpy as np, pandas as pd\n"
        "from sklearn.model_selection import train_test_split\n"
        "rng = np.random.default_rng(0)\n"
        "df = pd.DataFrame({'hospital': np.repeat(np.arange(20), 5), 'when': pd.date_range('2024', periods=100),\n"
        "                   'row': np.arange(100), 'x': rng.normal(size=100)})\n"
        "df = df.sample(frac=1.0, random_state=0)  # unsorted: nothing to infer\n"
        "train_test_split(df, test_size=0.2, random_state=0)\n")
    plain, report = audit(str(data))
    assert plain.exit_status == 0 and "not checked: group" in report
    named, report = audit(str(data), groups="hospital", time="when", id="row")
    assert named.exit_status == 1
    assert "FAIL  group:" in report and "FAIL  time:" in report
    checks = {c.name: c for c in named.result.splits[0].report.checks}
    assert checks["id"].status == "pass"


def test_no_infer_turns_guessing_off():
    outcome, report = audit("grouped_random_split.py", infer=False)
    assert outcome.exit_status == 0 and "not checked: group" in report
