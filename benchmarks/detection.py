"""Detection quality: precision and recall of leaklint against `# expect:` comments.

    python benchmarks/detection.py fixtures corpus/holdout

Runs the command line once per folder (JSON output), compares every file's (line, code)
pairs with its expectations (`# todo-expect:` counts as expected: a known gap is a miss),
and prints per-rule counts, overall precision and recall, and the files that differ.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fixture_expectations import expectations  # noqa: E402


def measure(folder: Path) -> tuple[Counter, Counter, Counter, list[str]]:
    out = subprocess.run([sys.executable, "-m", "leaklint", "check", str(folder), "--isolated",
                          "--output-format", "json", "--exit-zero"], capture_output=True, text=True, check=True)
    reported: dict = {}
    for finding in json.loads(out.stdout):
        reported.setdefault(Path(finding["path"]).resolve(), set()).add(
            ((finding.get("cell"), finding["line"]), finding["code"]))
    tp, fp, fn, differing = Counter(), Counter(), Counter(), []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".ipynb")):
        expected, todo = expectations(path)
        expected |= todo
        got = reported.get(path.resolve(), set())
        for _, code in expected & got:
            tp[code] += 1
        for _, code in got - expected:
            fp[code] += 1
        for _, code in expected - got:
            fn[code] += 1
        if got != expected:
            differing.append(f"  {path}: missing {sorted(expected - got)} unexpected {sorted(got - expected)}")
    return tp, fp, fn, differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the files that differ")
    args = parser.parse_args()
    for folder in args.folders:
        tp, fp, fn, differing = measure(folder)
        files = sum(1 for p in folder.rglob("*") if p.suffix in (".py", ".ipynb"))
        print(f"{folder} ({files} files)")
        print(f"  {'code':6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for code in sorted(set(tp) | set(fp) | set(fn)):
            print(f"  {code:6} {tp[code]:4} {fp[code]:4} {fn[code]:4}")
        t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        precision = t / (t + f) if t + f else 1.0
        recall = t / (t + n) if t + n else 1.0
        print(f"  total  {t:4} {f:4} {n:4}   precision {precision:.3f}  recall {recall:.3f}")
        if args.verbose:
            print("\n".join(differing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
