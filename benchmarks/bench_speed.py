"""Benchmark: leaklint against the libcst parse floor, in parallel, cached, and at scale (issue 5).

Builds its corpora (no network needed):

* fixtures: the project's fixtures, replicated to at least ``--fixture-files`` files;
* library: ``--library-files`` Python files of the installed scikit-learn and pandas, spread
  evenly over both packages (real code at scale; 0 takes every file);
* scaling: generated training scripts of ``--scaling-lines`` lines each.

On the first two it measures, on the same files and as separate processes (start-up
included, medians over ``--runs`` runs):

  (a) the floor: a bare loop of ``libcst.parse_module`` over the files (read + decode + parse);
  (b) ``leaklint check`` in one process (``--jobs 1 --no-cache``);
  (c) ``leaklint check --jobs 2 --no-cache``;
  (d) a warm re-run with the cache (after one run that fills it);
  (e) flake8 and pylint, when installed;

and prints the ratios b/a, b/c and d/b, the peak memory (largest resident set of any one
process of the run), whether (b), (c), (d) and a run without the prefilter gave the same
findings, and the targets. On the scaling series it measures the CPU time of one check of
each script, the first in its process after a short warm-up script (start-up excluded), and
the parse floor of the same script.

Targets: b/a <= 1.5 on the fixture and library corpora; b/c >= 1.8 (on 2 cores); d/b <= 0.10;
time per line within 20% from 1,000 to 50,000 lines; peak memory <= 300 MB on the library
corpus. Wall-clock times on a busy machine are noisy: CPU times are printed next to them.

Usage: python benchmarks/bench_speed.py [--runs 3] [--quick] [--corpora fixtures,library,scaling]
This is a script, not a test: at full size it takes about a quarter of an hour on 2 cores.
"""
from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MB = 1024 * 1024

FLOOR_SCRIPT = """\
import sys, pathlib, libcst
from leaklint.sources import load_source
files = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*") if p.suffix in (".py", ".ipynb"))
parsed = 0
for path in files:
    source = load_source(path, str(path), 1 << 40)
    try:
        libcst.parse_module(source.text)
        parsed += 1
    except Exception:
        pass
print(parsed)
"""

# One process, start-up excluded: leaklint's check of one script, as the first thing the
# process checks after a short warm-up script, then the parse floor of the same script.
PER_LINE_SCRIPT = """\
import json, sys, time, warnings
from pathlib import Path
import libcst
from leaklint.config import Settings
from leaklint.pipeline import check_paths, known_codes
warnings.simplefilter("ignore")
path, warm_up = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(project_root=path.parent, enabled=frozenset(known_codes()), max_analysis_seconds=3600.0,
                    max_lines=10**9, max_file_size=1 << 40)
text = path.read_text()
clock = time.process_time  # one process, one thread: CPU time, less noisy than the wall clock
# Start-up excluded: the first check imports the engine and sets up what the analysis of a
# training script first needs; a short training script pays for that here, untimed. The
# script itself is then checked once, as a run of leaklint checks it: a second check in
# the same process would find the memory of the first, in a state that depends on its size.
check_paths([str(warm_up)], settings, path.parent, jobs=1)
start = clock()
result = check_paths([str(path)], settings, path.parent, jobs=1)
lint = clock() - start
start = clock(); libcst.parse_module(text); floor = clock() - start
codes = sorted({f.code for f in result.findings})
print(json.dumps({"floor": floor, "lint": lint, "codes": codes}))
"""


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mb: float
    output: bytes = b""


@dataclass
class Series:
    runs: list = field(default_factory=list)

    def add(self, measure: Measure) -> None:
        self.runs.append(measure)

    @property
    def wall(self) -> float:
        return statistics.median(m.wall for m in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(m.cpu for m in self.runs)

    @property
    def best(self) -> float:
        """The fastest run: other jobs on a shared machine only ever add time."""
        return min(m.wall for m in self.runs)

    @property
    def rss(self) -> float:
        return max(m.rss_mb for m in self.runs)


def run_measured(command: list[str], cwd: Path | None = None) -> Measure:
    """Wall time, CPU time (user + system, children included) and peak RSS of one process tree."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err = process.stderr.read()
        process.stderr.close()
        out.seek(0)
        output = out.read()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n{err.decode()[-3000:]}")
    # ru_maxrss: kilobytes on Linux, bytes on macOS; the largest process of the tree.
    rss = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    return Measure(wall, usage.ru_utime + usage.ru_stime, rss, output)


# ------------------------------------------------------------------ corpora
def build_fixture_corpus(target: Path, files: int) -> None:
    sources = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".py", ".ipynb"))
    copies = max(1, -(-files // len(sources)))
    for copy in range(copies):
        shutil.copytree(FIXTURES, target / f"copy_{copy:03d}", ignore=shutil.ignore_patterns(".leaklint_cache", "*.md"))


def library_sources() -> list[tuple[Path, Path]]:
    """(package folder's parent, file) for every .py file of the installed sklearn and pandas."""
    found = []
    for name in ("sklearn", "pandas"):
        # Found, not imported: this process forks the measured ones, and a child's peak
        # memory would count this process's pages (a few hundred MB with pandas imported).
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            print(f"note: {name} is not installed; the library corpus leaves it out")
            continue
        folder = Path(spec.submodule_search_locations[0])
        found.extend((folder.parent, path) for path in sorted(folder.rglob("*.py")))
    return found


def build_library_corpus(target: Path, files: int) -> None:
    sources = library_sources()
    if files and files < len(sources):
        step = len(sources) / files
        sources = [sources[int(i * step)] for i in range(files)]
    for base, path in sources:
        destination = target / path.relative_to(base)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


HEADER = '''\
"""A generated training script: {lines} lines of loading, splitting, fitting and scoring."""
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 0
results = {{}}
'''

BLOCKS = [
    '''\
# experiment {i}: scale after the split
df_{i} = pd.read_csv("data/part_{i}.csv")
df_{i}["ratio_{i}"] = df_{i}["a"] / (df_{i}["b"] + 1)
X_{i} = df_{i}.drop(columns=["target"])
y_{i} = df_{i}["target"]
X_train_{i}, X_test_{i}, y_train_{i}, y_test_{i} = train_test_split(X_{i}, y_{i}, test_size=0.2, random_state=SEED)
scaler_{i} = StandardScaler()
X_train_{i} = scaler_{i}.fit_transform(X_train_{i})
X_test_{i} = scaler_{i}.transform(X_test_{i})
model_{i} = RandomForestClassifier(n_estimators=100, random_state=SEED)
model_{i}.fit(X_train_{i}, y_train_{i})
results["rf_{i}"] = accuracy_score(y_test_{i}, model_{i}.predict(X_test_{i}))

''',
    '''\
# experiment {i}: a helper, a pipeline and cross-validation
def train_{i}(frame, columns):
    features = frame[columns].fillna(frame[columns].median())
    target = frame["label"]
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))
    scores = cross_val_score(pipeline, features, target, cv=KFold(5, shuffle=True, random_state=SEED))
    return float(np.mean(scores))


results["cv_{i}"] = train_{i}(pd.read_parquet("data/part_{i}.parquet"), ["a", "b", "c"])

''',
    '''\
# experiment {i}: a leak (the scaler sees the test rows) and a search
raw_{i} = pd.read_csv("data/more_{i}.csv")
values_{i} = StandardScaler().fit_transform(raw_{i}.drop(columns=["y"]))
a_train_{i}, a_test_{i}, b_train_{i}, b_test_{i} = train_test_split(values_{i}, raw_{i}["y"], random_state=SEED)
search_{i} = GridSearchCV(LogisticRegression(), {{"C": [0.1, 1.0, 10.0]}}, cv=5)
search_{i}.fit(a_train_{i}, b_train_{i})
for name_{i}, estimator_{i} in [("best", search_{i}.best_estimator_), ("plain", LogisticRegression())]:
    estimator_{i}.fit(a_train_{i}, b_train_{i})
    if f1_score(b_test_{i}, estimator_{i}.predict(a_test_{i})) > 0.5:
        results[name_{i} + "_{i}"] = estimator_{i}

''',
]


def training_script(lines: int) -> str:
    parts = [HEADER.format(lines=lines)]
    count = parts[0].count("\n")
    i = 0
    while True:
        block = BLOCKS[i % len(BLOCKS)].format(i=i)
        if count + block.count("\n") > lines - 1:
            break
        parts.append(block)
        count += block.count("\n")
        i += 1
    parts.append("\n" * (lines - 1 - count))
    parts.append("print(results)\n")
    return "".join(parts)


def corpus_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.suffix in (".py", ".ipynb")]
    lines = 0
    for path in files:
        with open(path, "rb") as handle:
            lines += handle.read().count(b"\n")
    return len(files), lines


# ------------------------------------------------------------------ measurements
def leaklint(*args: str) -> list[str]:
    return [sys.executable, "-m", "leaklint", "check", *args, "--exit-zero", "--output-format", "json"]


def findings_of(measure: Measure) -> list:
    return json.loads(measure.output or b"[]")


def other_linter(module: str, corpus: Path) -> list[str] | None:
    if importlib.util.find_spec(module) is None:
        return None
    if module == "flake8":
        return [sys.executable, "-m", "flake8", "--exit-zero", "-q", str(corpus)]
    return [sys.executable, "-m", "pylint", "--exit-zero", "--disable=all", "--enable=E,W", "-j", "1",
            "--recursive=y", str(corpus)]


def measure_corpus(name: str, corpus: Path, runs: int, work: Path) -> dict:
    files, lines = corpus_size(corpus)
    print(f"\n== {name}: {files} files, {lines:,} lines ==", flush=True)
    floor, single, double, warm = Series(), Series(), Series(), Series()
    cache = work / f"cache-{name}"
    outputs = {}
    for run in range(runs):
        floor.add(run_measured([sys.executable, "-c", FLOOR_SCRIPT, str(corpus)]))
        one = run_measured(leaklint(str(corpus), "--isolated", "--jobs", "1", "--no-cache"))
        single.add(one)
        two = run_measured(leaklint(str(corpus), "--isolated", "--jobs", "2", "--no-cache"))
        double.add(two)
        shutil.rmtree(cache, ignore_errors=True)
        filled = run_measured(leaklint(str(corpus), "--isolated", "--cache-dir", str(cache)))  # fills the cache
        again = run_measured(leaklint(str(corpus), "--isolated", "--cache-dir", str(cache)))
        warm.add(again)
        outputs.setdefault("one", findings_of(one))
        outputs.setdefault("two", findings_of(two))
        outputs.setdefault("filled", findings_of(filled))
        outputs.setdefault("warm", findings_of(again))
        print(f"  run {run + 1}/{runs}: floor {floor.runs[-1].wall:.2f} s, single {one.wall:.2f} s, "
              f"--jobs 2 {two.wall:.2f} s, warm {again.wall:.2f} s", flush=True)
    unfiltered = run_measured(leaklint(str(corpus), "--isolated", "--jobs", "1", "--no-cache", "--no-prefilter"))
    same = all(outputs[key] == outputs["one"] for key in outputs)
    same_prefilter = findings_of(unfiltered) == outputs["one"]
    others = {}
    for module in ("flake8", "pylint"):
        command = other_linter(module, corpus)
        if command is None:
            others[module] = None
        else:
            series = Series()
            for _ in range(runs):
                series.add(run_measured(command))
            others[module] = series
    return {"name": name, "files": files, "lines": lines, "floor": floor, "single": single, "double": double,
            "warm": warm, "others": others, "same": same, "same_prefilter": same_prefilter,
            "findings": len(outputs["one"]), "unfiltered": unfiltered}


BURN_SCRIPT = """\
import sys, time
from multiprocessing import get_context
def burn(n):
    total = 0
    for i in range(n):
        total += i * i
    return total
if __name__ == "__main__":
    n = 3_000_000
    start = time.perf_counter(); burn(n); burn(n); serial = time.perf_counter() - start
    with get_context().Pool(2) as pool:
        start = time.perf_counter(); pool.map(burn, [n, n]); parallel = time.perf_counter() - start
    print(serial / parallel)
"""


def machine_ceiling(runs: int) -> float:
    """How much faster two processes burn CPU than one here: the best --jobs 2 can do."""
    speedups = []
    for _ in range(max(runs, 3)):
        done = subprocess.run([sys.executable, "-c", BURN_SCRIPT], capture_output=True, text=True, check=True)
        speedups.append(float(done.stdout))
    return statistics.median(speedups)


# A measurement of a short script takes the mean of several processes that check it, up to
# this many lines in all (at most MAX_PROCESSES): one check of a 1,000-line script lasts a
# few tenths of a second, where the shared machine's speed swings by a third.
LINES_PER_MEASUREMENT = 10_000
MAX_PROCESSES = 10


def measure_scaling(sizes: list[int], runs: int, work: Path) -> list[dict]:
    """Per size, the median over ``runs`` measurements of the time of one check.

    The runs go round the sizes (1,000, 10,000, 50,000, 1,000, ...) rather than one size
    after the other, so that a slow minute of the machine falls on every size alike.
    """
    folder = work / "scaling"
    folder.mkdir(exist_ok=True)
    warm_up = folder / "warm_up.py"
    warm_up.write_text(training_script(100))
    paths = {}
    for lines in sizes:
        paths[lines] = folder / f"train_{lines}.py"
        paths[lines].write_text(training_script(lines))
    samples: dict[int, list[dict]] = {lines: [] for lines in sizes}
    print("\n== scaling: generated training scripts ==", flush=True)
    for run in range(runs):
        for lines in sizes:
            processes = max(1, min(MAX_PROCESSES, LINES_PER_MEASUREMENT // lines))
            measured = []
            for _ in range(processes):
                done = subprocess.run([sys.executable, "-c", PER_LINE_SCRIPT, str(paths[lines]), str(warm_up)],
                                      capture_output=True, text=True, check=True)
                measured.append(json.loads(done.stdout))
            sample = {"floor": statistics.mean(m["floor"] for m in measured),
                      "lint": statistics.mean(m["lint"] for m in measured), "codes": measured[0]["codes"]}
            samples[lines].append(sample)
            print(f"  run {run + 1}/{runs}, {lines:>6} lines (x{processes}): parse {sample['floor']:.3f} s, "
                  f"leaklint {sample['lint']:.3f} s ({sample['lint'] / lines * 1e6:.1f} us/line)", flush=True)
    rows = []
    for lines in sizes:
        floor = statistics.median(sample["floor"] for sample in samples[lines])
        lint = statistics.median(sample["lint"] for sample in samples[lines])
        best = min(sample["lint"] for sample in samples[lines])
        rows.append({"lines": lines, "floor": floor, "lint": lint, "best": best, "codes": samples[lines][0]["codes"]})
    return rows


# ------------------------------------------------------------------ report
def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(results: list[dict], scaling: list[dict], started_load, args, ceiling: float,
           started_steal: float = 0.0) -> None:
    print("\n" + "=" * 100)
    print(f"leaklint speed benchmark   {time.strftime('%Y-%m-%d %H:%M')}   runs per measurement: {args.runs} (medians)")
    print(f"machine: {platform.platform()}, {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"libcst {libcst_version()}")
    print(f"CPU time stolen by other virtual machines during the run: {stolen_seconds() - started_steal:.0f} s "
          "(timings on a shared host are noisy; the target checks use medians)")
    print(f"load average at start {fmt_load(started_load)}, at end {fmt_load(os.getloadavg())}; "
          f"two processes burning CPU run {ceiling:.2f}x as fast as one here (the ceiling for b/c)")
    for result in results:
        a, b, c, d = result["floor"], result["single"], result["double"], result["warm"]
        print(f"\n{result['name']}: {result['files']} files, {result['lines']:,} lines, {result['findings']} findings")
        print(f"  {'':<34} {'wall s':>9} {'cpu s':>9} {'peak MB':>9}")
        rows = [("(a) libcst.parse_module loop", a), ("(b) leaklint --jobs 1", b), ("(c) leaklint --jobs 2", c),
                ("(d) leaklint, warm cache", d)]
        for module, series in result["others"].items():
            rows.append((f"(e) {module}", series))
        for label, series in rows:
            if series is None:
                print(f"  {label:<34} {'not installed':>9}")
            else:
                print(f"  {label:<34} {series.wall:>9.2f} {series.cpu:>9.2f} {series.rss:>9.0f}")
        print(f"  b/a = {b.wall / a.wall:.2f} (cpu {b.cpu / a.cpu:.2f}, fastest runs {b.best / a.best:.2f}; "
              f"target <= 1.5: {verdict(b.wall / a.wall <= 1.5)})")
        print(f"  b/c = {b.wall / c.wall:.2f} (fastest runs {b.best / c.best:.2f}; target >= 1.8 on 2 cores: "
              f"{verdict(b.wall / c.wall >= 1.8)})")
        print(f"  d/b = {d.wall / b.wall:.3f} (fastest runs {d.best / b.best:.3f}; target <= 0.10: "
              f"{verdict(d.wall / b.wall <= 0.10)})")
        memory_target = f" (target <= 300 MB: {verdict(b.rss <= 300)})" if result["name"] == "library" else ""
        print(f"  peak memory: {b.rss:.0f} MB single process{memory_target}, {c.rss:.0f} MB largest process "
              f"with --jobs 2")
        print(f"  same findings with --jobs 1, --jobs 2, cold and warm cache: {'yes' if result['same'] else 'NO'}; "
              f"without the prefilter: {'yes' if result['same_prefilter'] else 'NO'} "
              f"(one run without it: {result['unfiltered'].cpu:.2f} s cpu)")
    if scaling:
        print("\nscaling (CPU seconds of one check, the first of its process after a warm-up; medians):")
        print(f"  {'lines':>7} {'parse s':>9} {'leaklint s':>11} {'us/line':>9} {'fastest':>9} {'leaklint/parse':>15}")
        for row in scaling:
            print(f"  {row['lines']:>7} {row['floor']:>9.3f} {row['lint']:>11.3f} {row['lint'] / row['lines'] * 1e6:>9.1f} "
                  f"{row['best'] / row['lines'] * 1e6:>9.1f} {row['lint'] / row['floor']:>15.2f}")
        checked = [row for row in scaling if row["lines"] >= 1000]
        if len(checked) >= 2:
            spread = _spread([row["lint"] / row["lines"] for row in checked])
            fastest = _spread([row["best"] / row["lines"] for row in checked])
            print(f"  time per line from {checked[0]['lines']:,} to {checked[-1]['lines']:,} lines varies by "
                  f"{spread * 100:.0f}% (fastest runs {fastest * 100:.0f}%; target within 20%: {verdict(spread <= 0.20)})")


def _spread(values: list[float]) -> float:
    return max(values) / min(values) - 1


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def libcst_version() -> str:
    from importlib.metadata import version

    return version("libcst")


def stolen_seconds() -> float:
    """CPU time the hypervisor gave to other guests (the 'steal' column of /proc/stat), 0 elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def fmt_load(load) -> str:
    return "/".join(f"{x:.1f}" for x in load)


def compile_sources() -> None:
    """Bytecode for leaklint's modules, as an installed package has it.

    An editable install runs from the source tree, and where PYTHONDONTWRITEBYTECODE is
    set (it is on these machines) every run would compile each module changed since its
    bytecode was last written again: tens of milliseconds of start-up that a user's
    installed copy does not pay.
    """
    for folder in ("leaklint", "rules"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, help="runs per measurement, the median is reported (default 3)")
    parser.add_argument("--fixture-files", type=int, help="replicate the fixtures to at least this many (default 1000)")
    parser.add_argument("--library-files", type=int, help="files of sklearn + pandas, 0: all (default 1000)")
    parser.add_argument("--scaling-lines", help="sizes of the generated scripts (default 100,1000,10000,50000)")
    parser.add_argument("--corpora", default="fixtures,library,scaling", help="which corpora to measure")
    parser.add_argument("--quick", action="store_true",
                        help="a quick look: 1 run, 300 fixture files, 200 library files, scripts up to 10,000 lines")
    parser.add_argument("--workdir", type=Path, help="build the corpora here (default: a temporary folder)")
    args = parser.parse_args()
    defaults = (1, 300, 200, "100,1000,10000") if args.quick else (3, 1000, 1000, "100,1000,10000,50000")
    for name, default in zip(("runs", "fixture_files", "library_files", "scaling_lines"), defaults):
        if getattr(args, name) is None:
            setattr(args, name, default)
    corpora = set(args.corpora.split(","))
    compile_sources()
    started_load = os.getloadavg()
    started_steal = stolen_seconds()
    work = Path(tempfile.mkdtemp(prefix="leaklint-bench-")) if args.workdir is None else args.workdir
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = []
        if "fixtures" in corpora:
            corpus = work / "fixtures"
            shutil.rmtree(corpus, ignore_errors=True)
            build_fixture_corpus(corpus, args.fixture_files)
            results.append(measure_corpus("fixtures", corpus, args.runs, work))
        if "library" in corpora:
            corpus = work / "library"
            shutil.rmtree(corpus, ignore_errors=True)
            build_library_corpus(corpus, args.library_files)
            results.append(measure_corpus("library", corpus, args.runs, work))
        scaling = []
        if "scaling" in corpora:
            sizes = [int(n) for n in args.scaling_lines.split(",") if n.strip()]
            try:
                scaling = measure_scaling(sizes, args.runs, work)
            except subprocess.CalledProcessError as error:  # still report what was measured
                print(f"scaling series failed:\n{error.stderr}", flush=True)
        report(results, scaling, started_load, args, machine_ceiling(args.runs), started_steal)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
