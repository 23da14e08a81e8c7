"""Issue 6, item 4: `leaklint check` never runs what it analyses, nor reads beyond its paths.

The project below is booby-trapped: every file that Python, pytest, pip, site or IPython
would execute writes a marker file when executed. leaklint runs over it (through its
console script, and under an audit hook that logs every file opened, every `exec` of a code
object and every process started) and afterwards no marker may exist, no code object from
the project may have been executed, and every file opened must be leaklint's own code,
Python's, a configuration file, or inside the paths named on the command line.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hardening_support import LEAKY, REPO, SERIAL_UNCACHED

# Runs leaklint's main() under an audit hook; the log goes to the file named by argv[1].
AUDITED = r"""
import os, sys
log_path, argv = sys.argv[1], sys.argv[2:]
events = []
recording = [True]

def hook(event, args):
    if not recording[0]:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        events.append(("open", os.path.abspath(os.fsdecode(args[0]))))
    elif event in ("os.scandir", "os.listdir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        events.append(("list", os.path.abspath(os.fsdecode(args[0]))))
    elif event == "exec" and args and hasattr(args[0], "co_filename"):
        events.append(("exec", args[0].co_filename))
    elif event in ("subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.spawn", "os.fork"):
        events.append(("process", repr(args)[:200]))
    elif event == "import" and args and args[0] and not str(args[0]).startswith(("leaklint", "_")):
        events.append(("import", str(args[0])))

sys.addaudithook(hook)
from leaklint.cli import main
status = main(argv)
sys.stdout.flush()
recording[0] = False  # what follows is this wrapper's own bookkeeping
import json
with open(log_path, "w") as handle:
    json.dump({"status": status, "events": events}, handle)
"""


def _marker(markers: Path, name: str) -> str:
    return f"open({str(markers / name)!r}, 'w').write('ran')\n"


@pytest.fixture
def trapped(tmp_path) -> tuple[Path, Path, Path]:
    """(project, markers folder, outside folder)."""
    project, markers, outside = tmp_path / "project", tmp_path / "markers", tmp_path / "outside"
    for folder in (project, markers, outside, project / "pkg"):
        folder.mkdir()

    def trap(relative: str, body: str = "") -> None:
        (project / relative).write_text(_marker(markers, relative.replace("/", "_")) + body, encoding="utf-8")

    trap("train.py", "import sys\nsys.path.insert(0, '../outside')\nfrom secret import token\n"
                     "from pkg.helpers import scale\nimport pandas as pd\n"
                     "raw = pd.read_csv('../outside/data.csv')\n"
                     + LEAKY + "\nif __name__ == '__main__':\n    " + _marker(markers, "main_guard"))
    trap("pkg/__init__.py")
    trap("pkg/helpers.py", "\ndef scale(frame):\n    " + _marker(markers, "helper_body") + "    return frame\n")
    trap("conftest.py", "\ndef pytest_configure(config):\n    " + _marker(markers, "pytest_configure"))
    trap("setup.py", "from setuptools import setup\nsetup(name='trap')\n")
    trap("__main__.py")
    for shadow in ("sitecustomize.py", "usercustomize.py", "json.py", "click.py", "pathspec.py", "libcst.py",
                   "networkx.py", "tomllib.py", "typing.py", "evil_backend.py"):
        trap(shadow)
    # A .pth file runs its `import` lines when it sits in a site directory.
    (project / "zz_evil.pth").write_text("import os; " + _marker(markers, "pth").strip() + "\n")
    (project / "evil.pth.py").write_text(_marker(markers, "pth_py"))
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = []\nbuild-backend = "evil_backend"\nbackend-path = ["."]\n\n'
        "[tool.leaklint]\nignore = []\n")
    cells = [
        _marker(markers, "notebook_cell"),
        "%run train.py\n",
        "!touch " + str(markers / "notebook_shell") + "\n",
        "%%bash\ntouch " + str(markers / "notebook_bash") + "\n",
        "%load_ext evil\nget_ipython().system('touch " + str(markers / "notebook_system") + "')\n",
        "%%writefile " + str(markers / "notebook_writefile") + "\nran\n",
        LEAKY,
    ]
    (project / "notebook.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}
        for source in cells]}))
    (outside / "secret.py").write_text(_marker(markers, "outside_secret") + "token = 1\n")
    (outside / "data.csv").write_text("a,y\n1,0\n")
    return project, markers, outside


def _audited_run(project: Path, log: Path, args: list[str], env: dict | None = None) -> tuple[int, list, str]:
    # -I: the child neither puts the project folder on sys.path nor reads PYTHON* variables,
    # so only leaklint itself can be the one that executes or reads anything.
    done = subprocess.run([sys.executable, "-I", "-c", AUDITED, str(log), "check", *SERIAL_UNCACHED, *args],
                          cwd=project, capture_output=True, timeout=300, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    record = json.loads(log.read_text())
    return record["status"], record["events"], done.stdout.decode()


def _library_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, str(REPO / "leaklint"),
             str(REPO / "rules")}
    spec = importlib.util.find_spec("leaklint")
    roots.update(os.path.dirname(location) for location in spec.submodule_search_locations or ())
    return [os.path.realpath(root) for root in roots]


def _inside(path: str, folders) -> bool:
    real = os.path.realpath(path)
    return any(real == folder or real.startswith(folder.rstrip(os.sep) + os.sep) for folder in folders)


def _assert_contained(events: list, allowed_data: list[Path], config: list[Path], project: Path) -> None:
    libraries = _library_roots()
    data = [os.path.realpath(p) for p in allowed_data]
    config_files = {os.path.realpath(p) for p in config}
    stray = []
    for kind, path in events:
        if kind == "process":
            stray.append((kind, path))
        elif kind == "exec":
            # Importing leaklint and its libraries executes their modules; generated code
            # (namedtuple, dataclass methods) has a "<string>" file name.
            if not (path.startswith("<") or _inside(path, libraries)):
                stray.append((kind, path))
        elif kind == "import":
            continue  # module names only; where they were found is the "open" event
        elif kind == "open" and (_inside(path, libraries) or os.path.realpath(path) in config_files
                                 or _inside(path, data) or path == os.devnull):
            continue
        elif kind == "list" and (_inside(path, data) or _inside(path, libraries)):
            continue
        else:
            stray.append((kind, path))
    assert not stray, f"leaklint touched what it was not given: {stray[:20]}"
    assert not [path for kind, path in events if kind == "exec" and _inside(path, [str(project)])]


def test_checking_a_trapped_project_runs_nothing_and_reads_only_its_paths(trapped, tmp_path):
    project, markers, outside = trapped
    status, events, out = _audited_run(project, tmp_path / "log.json", ["--output-format", "json", "."])
    assert status == 1
    findings = json.loads(out)
    assert {(f["path"], f["code"]) for f in findings} >= {("train.py", "LL101"), ("notebook.ipynb", "LL101")}
    assert sorted(os.listdir(markers)) == []
    # The whole project was given; configuration is the project's pyproject.toml and any
    # .gitignore or pyproject.toml above it (the search for the nearest configuration).
    config = [parent / name for parent in project.parents for name in ("pyproject.toml", ".gitignore")]
    _assert_contained(events, [project], config, project)
    opened = {path for kind, path in events if kind == "open"}
    assert str(outside / "secret.py") not in opened and str(outside / "data.csv") not in opened
    assert str(project / "pkg" / "helpers.py") in opened  # read (cross-file helper), never run


def test_explicit_files_read_only_those_files_and_configuration(trapped, tmp_path):
    project, markers, outside = trapped
    status, events, out = _audited_run(project, tmp_path / "log.json",
                                       ["--output-format", "json", "train.py", "notebook.ipynb"])
    assert status == 1
    assert sorted(os.listdir(markers)) == []
    config = [project / "pyproject.toml", project / ".gitignore"]
    config += [parent / name for parent in project.parents for name in ("pyproject.toml", ".gitignore")]
    _assert_contained(events, [project / "train.py", project / "notebook.ipynb"], config, project)


def test_cache_stays_in_its_own_folder(trapped, tmp_path):
    if "--no-cache" not in SERIAL_UNCACHED:
        pytest.skip("this leaklint has no cache")
    project, markers, _ = trapped
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-I", "-c", AUDITED, str(tmp_path / "log.json"), "check", "--jobs=1",
                           "--cache-dir", str(cache), "--output-format", "json", "."],
                          cwd=project, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    events = json.loads((tmp_path / "log.json").read_text())["events"]
    config = [parent / name for parent in project.parents for name in ("pyproject.toml", ".gitignore")]
    _assert_contained(events, [project, cache], config, project)
    assert sorted(os.listdir(markers)) == []


def test_console_script_in_a_trapped_folder_runs_nothing(trapped):
    """The way users and pre-commit run it: `leaklint` from the project folder."""
    project, markers, _ = trapped
    script = Path(sys.executable).with_name("leaklint")
    if not script.exists():
        script = Path(shutil.which("leaklint") or "")
    if not script.is_file():
        pytest.skip("no leaklint console script next to this Python")
    done = subprocess.run([str(script), "check", *SERIAL_UNCACHED, "."], cwd=project, capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr.decode()[-3000:]
    assert sorted(os.listdir(markers)) == []


def test_python_dash_m_from_the_project_folder_imports_it_unless_isolated(trapped):
    """`python -m leaklint` puts the current folder first on sys.path, so a `pathspec.py` in
    the analysed repository would run; `python -I -m leaklint` (what the action runs) does not."""
    project, markers, _ = trapped
    subprocess.run([sys.executable, "-I", "-m", "leaklint", "check", *SERIAL_UNCACHED, "."], cwd=project,
                   capture_output=True, timeout=300, check=False)
    assert sorted(os.listdir(markers)) == []
    subprocess.run([sys.executable, "-m", "leaklint", "check", *SERIAL_UNCACHED, "."], cwd=project,
                   capture_output=True, timeout=300, check=False)
    assert os.listdir(markers), "expected: plain `python -m` imports modules from the current folder"


def test_github_action_runs_leaklint_isolated(monkeypatch):
    spec = importlib.util.spec_from_file_location("leaklint_github_action", REPO / "scripts" / "github_action.py")
    action = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(action)
    monkeypatch.delenv("LEAKLINT_ACTION_EXECUTABLE", raising=False)
    command = action.leaklint_command()
    assert command[:3] == [sys.executable, "-I", "-m"] and command[3] == "leaklint"
