"""--jobs, the cache and the prefilter (issue 5) change no finding; the cache stays correct.

No test here measures time (machines are noisy): benchmarks/bench_speed.py does that.
"""
from __future__ import annotations

import faulthandler
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import leaklint
import leaklint.runner
from leaklint.cache import CACHE_FOLDER
from leaklint.cli import cli
from leaklint.config import CommandLineOptions, resolve_settings
from leaklint.dependencies import from_imports
from leaklint.library import load_library
from leaklint.prefilter import Prefilter, has_slice
from leaklint.pipeline import check_paths, known_codes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

HELPER_WITH_FIT = """\
from sklearn.preprocessing import StandardScaler


def prepare(X):
    return StandardScaler().fit_transform(X)
"""
HELPER_WITHOUT_FIT = """\
def prepare(X):
    return X
"""
MAIN = """\
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from utils import prepare

df = pd.read_csv("data.csv")
X = prepare(df.drop(columns="y"))
X_train, X_test, y_train, y_test = train_test_split(X, df.y, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
print(model.score(X_test, y_test))
"""


def json_output(*args: str) -> list:
    result = CliRunner().invoke(cli, ["check", *args, "--output-format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def baseline() -> list:
    """All fixtures, one process, no cache, every file analysed."""
    findings = json_output(str(FIXTURES), "--isolated", "--jobs", "1", "--no-cache", "--no-prefilter")
    assert findings, "the fixtures give findings"
    return findings


# ------------------------------------------------------------------ no finding changes


def test_jobs_change_no_finding(baseline):
    assert json_output(str(FIXTURES), "--isolated", "--jobs", "2", "--no-cache", "--no-prefilter") == baseline
    assert json_output(str(FIXTURES), "--isolated", "--jobs", "3", "--no-cache") == baseline


def test_prefilter_changes_no_finding(baseline):
    assert json_output(str(FIXTURES), "--isolated", "--jobs", "1", "--no-cache") == baseline


def test_cache_changes_no_finding(baseline, tmp_path):
    cache = str(tmp_path / "cache")
    cold = json_output(str(FIXTURES), "--isolated", "--jobs", "1", "--cache-dir", cache)
    warm = json_output(str(FIXTURES), "--isolated", "--jobs", "1", "--cache-dir", cache)
    warm_parallel = json_output(str(FIXTURES), "--isolated", "--jobs", "2", "--cache-dir", cache)
    assert cold == warm == warm_parallel == baseline
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_cached_text_output_keeps_the_source_lines(tmp_path):
    folder = FIXTURES / "LL101"
    cache = str(tmp_path / "cache")
    args = ["check", str(folder), "--isolated", "--exit-zero", "--jobs", "1", "--cache-dir", cache]
    cold = CliRunner().invoke(cli, args).output
    warm = CliRunner().invoke(cli, args).output
    assert cold == warm and "^" in cold


# ------------------------------------------------------------------ the prefilter


def test_prefilter_skips_code_without_ml_and_keeps_the_rest():
    prefilter = Prefilter(load_library())
    assert not prefilter.may_find("util.py", "import os\n\ndef join(a, b):\n    return os.path.join(a, b)\n")
    assert prefilter.may_find("a.py", "from sklearn.model_selection import train_test_split\n")
    assert prefilter.may_find("a.py", "X = load_iris()\n")  # a pattern: sklearn.datasets.load_*
    assert prefilter.may_find("a.py", "m = make()\nm.fit(x)\n")  # a protocol method
    # Rows can come from slicing a plain list: no library name needed.
    assert prefilter.may_find("a.py", "train = samples[:8]\ntest = samples[8:]\n")


def test_prefilter_never_skips_a_file_the_engine_reports_on(tmp_path):
    """A selection on a test score made only of a list slice, a call and a comparison."""
    (tmp_path / "a.py").write_text(
        "samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\ntrain = samples[:8]\ntest = samples[8:]\nbest = None\n"
        "for trial in range(10):\n    model = build(trial)\n    pred = model(test)\n    acc = pred == labels\n"
        "    if acc > best:\n        best = model\n")
    with_prefilter = json_output(str(tmp_path), "--isolated", "--jobs", "1", "--no-cache")
    assert with_prefilter == json_output(str(tmp_path), "--isolated", "--jobs", "1", "--no-cache", "--no-prefilter")
    assert with_prefilter, "the engine reports this file"


def test_prefilter_follows_imported_helpers(tmp_path):
    """main.py names nothing a rule looks at; the helper it imports does."""
    (tmp_path / "utils.py").write_text(HELPER_WITH_FIT)
    (tmp_path / "main.py").write_text("from utils import prepare\n\nprepare(read())\n")
    prefilter = Prefilter(load_library(), _project(tmp_path))
    assert prefilter.may_find(str(tmp_path / "main.py"), (tmp_path / "main.py").read_text())
    (tmp_path / "utils.py").write_text(HELPER_WITHOUT_FIT)
    prefilter = Prefilter(load_library(), _project(tmp_path))
    assert not prefilter.may_find(str(tmp_path / "main.py"), (tmp_path / "main.py").read_text())


def test_slices_are_found_outside_strings_and_comments():
    assert has_slice("x = a[1:]") and has_slice("a[b[0]:]") and has_slice('print(f"{rows[:3]}")')
    assert not has_slice('x = "a[1:]"  # b[2:]\nd = {1: 2}\ndef f(a: int) -> list[int]: ...\n')


def test_from_imports_are_found_however_written():
    text = "# taken from the paper\nfrom . import a\nfrom ..pkg.mod import (b,\n c)\nfrom \\\n  x.y import z\n"
    assert from_imports(text) == [(0, "x.y"), (1, ""), (2, "pkg.mod")]



def test_module_level_from_imports_are_those_that_start_a_line():
    text = ("from a import b\nif TYPE_CHECKING:\n    from c import d\ndef f():\n    from e import g\n"
            "x = 1; from h import i\nfrom \\\n  j import k\r\nfrom .l import m\n")
    assert from_imports(text, module_level=True) == [(0, "a"), (0, "j"), (1, "l")]
    assert from_imports(text) == [(0, "a"), (0, "c"), (0, "e"), (0, "h"), (0, "j"), (1, "l")]


FORECAST_PROJECT = {
    "main.py": "from helper import prepare\n\ndef run():\n    from extra import more\n    return more(prepare(1))\n",
    "helper.py": ("from utils import scale\n\ndef prepare(x):\n    return scale(x)\n\ndef plot(x):\n"
                  "    from heavy import unused\n    return unused(x)\n\nif False:\n    from typing_only import T\n"),
    "utils.py": "from deep import level3\n\ndef scale(x):\n    return level3(x)\n",
    "deep.py": "from deeper import level4\n\ndef level3(x):\n    return level4(x)\n",
    "deeper.py": "from deepest import level5\n\ndef level4(x):\n    return x\n",
    "deepest.py": "def level5(x):\n    return x\n",
    "extra.py": "def more(x):\n    return x\n",
    "heavy.py": "def unused():\n    pass\n",
    "typing_only.py": "T = int\n",
}


def test_the_plan_forecasts_what_the_interpreter_reads(tmp_path, monkeypatch):
    """The forecast follows every import of the checked file and the module-level imports of
    the files it reaches, to the interpreter's depth; the reads of a real run fall inside it."""
    from leaklint.analysis.interpreter import MAX_CALL_DEPTH
    from leaklint.analysis.project import Project
    from leaklint.dependencies import ImportGraph, ModuleIndex, SourceTexts

    for name, text in FORECAST_PROJECT.items():
        (tmp_path / name).write_text(text)
    files = sorted(tmp_path.glob("*.py"))
    texts = SourceTexts(1 << 20)
    graph = ImportGraph(ModuleIndex(files), texts.text)
    main = tmp_path / "main.py"
    forecast = {path.name for path in graph.forecast(main, texts.text(main), depth=MAX_CALL_DEPTH)}
    assert forecast == {"helper.py", "extra.py", "utils.py", "deep.py", "deeper.py"}
    assert {path.name for path in graph.closure(main, texts.text(main))} >= forecast | {"heavy.py", "typing_only.py"}

    reads: dict[str, set[str]] = {}
    checking = [None]
    real_parse, real_check = Project.parse, leaklint.runner.check_one

    def spying_parse(self, path):
        reads.setdefault(checking[0], set()).add(Path(path).name)
        return real_parse(self, path)

    def spying_check(file, *args, **kwargs):
        checking[0] = file.path.name
        return real_check(file, *args, **kwargs)

    monkeypatch.setattr(Project, "parse", spying_parse)
    monkeypatch.setattr(leaklint.runner, "check_one", spying_check)
    settings = resolve_settings(CommandLineOptions(), known_codes(), tmp_path)
    check_paths([str(tmp_path)], settings, tmp_path, jobs=1, prefilter=False)
    assert reads["main.py"] == forecast
    for path in files:
        expected = {found.name for found in graph.forecast(path, texts.text(path), depth=MAX_CALL_DEPTH)}
        assert reads.get(path.name, set()) <= expected, path.name


# ------------------------------------------------------------------ cache invalidation


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A script whose leak is in an imported helper; analyses counted."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "utils.py").write_text(HELPER_WITH_FIT)
    (folder / "main.py").write_text(MAIN)
    monkeypatch.chdir(folder)
    analysed: list[str] = []
    real = leaklint.runner.analyze_file

    def counting(path, *args, **kwargs):
        analysed.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(leaklint.runner, "analyze_file", counting)
    return folder, analysed


def _run(folder: Path, **options) -> list:
    settings = resolve_settings(CommandLineOptions(**options), known_codes(), folder)
    result = check_paths(["."], settings, folder, jobs=1, cache_dir=folder / CACHE_FOLDER)
    return [(f.path, f.line, f.code) for f in result.findings]


def test_the_cache_skips_unchanged_files(project):
    folder, analysed = project
    first = _run(folder)
    assert first == [("main.py", 8, "LL101")] and sorted(analysed) == ["main.py", "utils.py"]
    analysed.clear()
    assert _run(folder) == first and analysed == []


def test_a_changed_file_is_checked_again(project):
    folder, analysed = project
    _run(folder)
    analysed.clear()
    (folder / "main.py").write_text(MAIN.replace("X = prepare(", "X = (").replace("from utils import prepare\n", ""))
    assert _run(folder) == [] and analysed == ["main.py"]


def test_a_changed_imported_helper_invalidates_its_importers(project):
    folder, analysed = project
    assert _run(folder) == [("main.py", 8, "LL101")]
    analysed.clear()
    (folder / "utils.py").write_text(HELPER_WITHOUT_FIT)
    assert _run(folder) == [] and sorted(analysed) == ["main.py", "utils.py"]


def test_a_helper_that_appears_where_the_import_resolves_invalidates(project):
    folder, analysed = project
    (folder / "utils.py").unlink()
    (folder / "other.py").write_text("x = 1\n")
    assert _run(folder) == []
    analysed.clear()
    (folder / "utils.py").write_text(HELPER_WITH_FIT)
    assert _run(folder) == [("main.py", 8, "LL101")] and "main.py" in analysed


def test_a_changed_configuration_invalidates(project):
    folder, analysed = project
    _run(folder)
    analysed.clear()
    assert _run(folder, ignore=("LL101",)) == [] and analysed
    analysed.clear()
    (folder / "pyproject.toml").write_text("[tool.leaklint]\nmax-analysis-seconds = 30\n")
    assert _run(folder) == [("main.py", 8, "LL101")] and sorted(analysed) == ["main.py", "utils.py"]
    analysed.clear()
    (folder / "pyproject.toml").write_text(
        '[tool.leaklint]\nmax-analysis-seconds = 30\n[[tool.leaklint.library.api]]\nkind = "statistic"\n'
        'names = ["ourlib.summarise"]\n')
    _run(folder)
    assert sorted(analysed) == ["main.py", "utils.py"]


def test_another_leaklint_version_does_not_use_the_entries(project, monkeypatch):
    folder, analysed = project
    _run(folder)
    analysed.clear()
    monkeypatch.setattr(leaklint, "__version__", "999.0")
    assert _run(folder) == [("main.py", 8, "LL101")] and sorted(analysed) == ["main.py", "utils.py"]


def test_corrupt_entries_are_ignored_and_replaced(project):
    folder, analysed = project
    first = _run(folder)
    entries = sorted((folder / CACHE_FOLDER).rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_bytes(b"\x00garbage{")
    entries[1].write_text(json.dumps({"key": "whatever", "findings": [{"code": 1}]}))
    analysed.clear()
    assert _run(folder) == first and sorted(analysed) == ["main.py", "utils.py"]
    analysed.clear()
    for entry in entries:  # valid again, with the right key
        json.loads(entry.read_text())
    entries[0].write_text(json.dumps({"key": json.loads(entries[0].read_text())["key"], "findings": [{"x": 1}]}))
    assert _run(folder) == first and len(analysed) == 1


def test_an_unwritable_cache_folder_is_no_error(project):
    folder, _ = project
    (folder / CACHE_FOLDER).write_text("a file where the folder should be")
    assert _run(folder) == [("main.py", 8, "LL101")]


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    tree = tmp_path / "tree"
    for name in ("LL101", "LL102", "LL201"):
        shutil.copytree(FIXTURES / name, tree / name)
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "leaklint", "check", ".", "--isolated", "--output-format", "json",
               "--exit-zero", "--jobs", "1", "--cache-dir", str(cache)]
    expected = json_output(str(tree), "--isolated", "--jobs", "1", "--no-cache")
    runs = [subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for (out, err), run in zip(outputs, runs):
        assert run.returncode == 0, err.decode()[-2000:]
        assert json.loads(out) == _relative_to(expected, tree)
    for entry in cache.rglob("*.json"):
        assert "key" in json.loads(entry.read_text())
    assert not list(cache.rglob(".tmp-*"))
    warm = subprocess.run(command, cwd=tree, capture_output=True, timeout=600)
    assert json.loads(warm.stdout) == _relative_to(expected, tree)


# ------------------------------------------------------------------ the warm path

ENGINE = ("libcst", "networkx", "leaklint.analysis", "leaklint.parsing", "leaklint.runner")
# Runs leaklint's command line, then names the engine modules the run imported.
_RUN_AND_LIST_ENGINE_IMPORTS = f"""\
import sys
from leaklint.cli import main
status = main(sys.argv[1:])
print("engine:", *sorted(name for name in {ENGINE!r} if name in sys.modules), file=sys.stderr)
sys.exit(status)
"""


def test_a_run_answered_from_the_cache_imports_no_engine(tmp_path):
    """libcst, networkx and the analysis are half a second of imports a warm run must not pay."""
    tree = tmp_path / "tree"
    for name in ("LL101", "LL102"):
        shutil.copytree(FIXTURES / name, tree / name)
    (tree / "utils.py").write_text(HELPER_WITH_FIT)
    (tree / "main.py").write_text(MAIN)
    command = [sys.executable, "-c", _RUN_AND_LIST_ENGINE_IMPORTS, "check", ".", "--isolated", "--output-format",
               "json", "--exit-zero", "--cache-dir", str(tmp_path / "cache")]

    def run() -> tuple[list, list[str]]:
        done = subprocess.run(command, cwd=tree, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        engine = done.stderr.splitlines()[-1].split()
        assert engine[0] == "engine:"
        return json.loads(done.stdout), engine[1:]

    cold, imported = run()
    assert sorted(imported) == sorted(ENGINE)  # what the check sees when the engine runs
    assert ("main.py", "LL101") in [(finding["path"], finding["code"]) for finding in cold]
    warm, imported = run()
    assert imported == [] and warm == cold
    (tree / "utils.py").write_text(HELPER_WITHOUT_FIT)  # one file to check again: the engine is back
    changed, imported = run()
    assert sorted(imported) == sorted(ENGINE)
    assert changed == [finding for finding in cold if finding["path"] != "main.py"]


def test_the_module_index_resolves_imports_as_the_plain_reference_does(tmp_path):
    """ModuleIndex (the analysis' Project and the cache keys both resolve with it) gives the
    answers of the plain reference for plain and relative imports, packages, names found at
    several depths and files reached through symbolic links; Project passes them on."""
    from leaklint.analysis.project import Project
    from leaklint.dependencies import ModuleIndex

    names = ["app/main.py", "app/utils.py", "app/pkg/__init__.py", "app/pkg/mod.py", "app/pkg/sub/__init__.py",
             "app/pkg/sub/deep.py", "app/pkg/sub/utils.py", "lib/utils.py", "lib/pkg/mod.py", "lib/pkg.py",
             "top.py", "utils/__init__.py", "notes.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    files = [tmp_path / name for name in names]
    try:
        (tmp_path / "linked").symlink_to(tmp_path / "app" / "pkg", target_is_directory=True)
        (tmp_path / "app" / "alias.py").symlink_to(tmp_path / "lib" / "utils.py")
        files += [tmp_path / "linked" / "mod.py", tmp_path / "linked" / "sub" / "deep.py", tmp_path / "app" / "alias.py"]
    except OSError:
        pass  # no symbolic links here: the rest still compares
    project, index = _ReferenceResolution([str(f) for f in files]), ModuleIndex(files)
    analysis = Project.from_files([str(f) for f in files])
    imports = ["utils", "pkg", "pkg.mod", "mod", "sub", "sub.deep", "deep", "app.utils", "lib.pkg", "top", "alias",
               "missing", "pkg.missing"]
    found = set()
    for importer in files:
        for dots in range(4):
            for name in imports + ([""] if dots else []):
                expected = project.resolve(str(importer), name, dots)
                assert index.resolve(str(importer), name, dots) == expected, (importer, dots, name)
                assert analysis.resolve(str(importer), name, dots) == expected, (importer, dots, name)
                found.add(expected)
    assert len(found) > 8  # the imports reach many different files, not just None


class _ReferenceResolution:
    """Import resolution written the plain way (pathlib, resolved paths, no caches): the
    answers ModuleIndex, which the analysis and the cache keys both use, must give."""

    def __init__(self, files) -> None:
        self.by_name: dict[str, list[Path]] = {}
        for file in files:
            path = Path(file)
            if path.suffix != ".py":
                continue
            parts = list(path.resolve().with_suffix("").parts)
            if parts and parts[-1] == "__init__":
                parts = parts[:-1]
            for start in range(len(parts) - 1, 0, -1):
                self.by_name.setdefault(".".join(parts[start:]), []).append(path)
        self.known = {p for paths in self.by_name.values() for p in paths}

    def resolve(self, importer: str, name: str, dots: int) -> Path | None:
        here = Path(importer).resolve().parent
        if dots:
            base = here
            for _ in range(dots - 1):
                base = base.parent
            target = base.joinpath(*name.split(".")) if name else base
            for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                if candidate in self.known:
                    return candidate
            return None
        candidates = self.by_name.get(name, [])
        return min(candidates, key=lambda p: (self._distance(here, p), str(p))) if candidates else None

    @staticmethod
    def _distance(here: Path, path: Path) -> int:
        try:
            path.parent.relative_to(here)
            return len(path.parent.parts) - len(here.parts)
        except ValueError:
            return 1000 + len(path.parts)


# ------------------------------------------------------------------ engine speed-ups, same results


def _sources() -> list[str]:
    from leaklint.sources import load_source

    paths = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".py", ".ipynb"))
    try:
        import sklearn

        paths += sorted(Path(sklearn.__file__).parent.rglob("*.py"))[::25]
    except ImportError:
        pass
    return [load_source(path, str(path), 1 << 30).text for path in paths]


def test_positions_are_libcsts_position_provider_ones():
    import libcst as cst
    from leaklint.analysis.positions import _code_ranges, _provider_ranges

    for text in _sources():
        module = cst.parse_module(text)
        assert _code_ranges(module) == _provider_ranges(module)


def test_parsing_without_node_validation_gives_libcsts_trees():
    import libcst as cst
    from leaklint.parsing import parse_python

    for text in _sources():
        assert parse_python(text).deep_equals(cst.parse_module(text))
    parse_python("def broken(:\n")  # the switch is restored after a failed parse too
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


# ------------------------------------------------------------------ workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test crash reaches the workers through fork")
def test_a_worker_crash_is_ll002_for_that_file_only(tmp_path, monkeypatch):
    for name in ("LL101", "LL401"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    (tmp_path / "LL101" / "crash_here.py").write_text("x = 1  # CRASH_HERE\n")
    settings = resolve_settings(CommandLineOptions(isolated=True), known_codes(), tmp_path)
    expected = check_paths(["."], settings, tmp_path, jobs=1).findings
    real_parse = leaklint.runner.parse_python

    def parse_or_crash(text):
        if "CRASH_HERE" in text:
            faulthandler.disable()  # pytest's traceback dump of the worker is noise here
            os.kill(os.getpid(), signal.SIGSEGV)  # what libcst's native parser does on deep nesting
        return real_parse(text)

    monkeypatch.setattr(leaklint.runner, "parse_python", parse_or_crash)
    result = check_paths(["."], settings, tmp_path, jobs=2)
    crashed = [f for f in result.findings if f.code == "LL002"]
    assert [(f.path, f.line) for f in crashed] == [("LL101/crash_here.py", 1)]
    assert "SIGSEGV" in crashed[0].message
    assert [f for f in result.findings if f.code != "LL002"] == list(expected)


def _project(folder: Path):
    from leaklint.analysis.project import Project

    return Project.from_files([str(p) for p in folder.rglob("*.py")])


def _relative_to(findings: list, folder: Path) -> list:
    """Findings of a run from another working directory, with paths as seen from ``folder``."""
    def fix(path: str) -> str:
        return Path(path).relative_to(folder).as_posix() if Path(path).is_absolute() else path

    out = []
    for finding in findings:
        finding = dict(finding, path=fix(finding["path"]))
        finding["trace"] = [dict(step, path=fix(step["path"])) for step in finding["trace"]]
        out.append(finding)
    return sorted(out, key=lambda f: (f["path"], f.get("cell") or 0, f["line"], f["column"], f["code"], f["message"]))
