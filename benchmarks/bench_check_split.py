"""Benchmark: check_split against the bare hash-and-membership baseline (issue 3, item 5).

Builds a training and a test frame of 15 mixed-type columns (7 float, 5 int, 1 bool, 1
categorical, 1 string), plants exact duplicates of training rows in the test frame, then
measures

* the baseline: ``pd.util.hash_pandas_object(frame, index=False)`` on both frames and a
  hash-table membership test (``Series.isin``) of the test hashes in the training hashes;
* ``leaklint.check_split(train, test)``, which must find every planted duplicate.

Targets: check_split takes at most 2x the baseline's time, and the peak memory while it
runs stays below 3x the size of the two frames. Peak memory is the process's peak
resident set size during the call (Linux: reset through /proc/self/clear_refs, read from
VmHWM), so it counts the frames themselves plus everything the call allocates.

Usage: python benchmarks/bench_check_split.py [--train-rows 8000000] [--test-rows 2000000]
This is a script, not a test: run it by hand, it takes about a minute at full size.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time

import numpy as np
import pandas as pd

from leaklint import check_split


def build(n_train: int, n_test: int, n_dups: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = n_train + n_test
    cols = {}
    for i in range(7):
        cols[f"f{i}"] = rng.normal(size=n)
    for i in range(5):
        cols[f"i{i}"] = rng.integers(0, 10 ** (i + 2), size=n)
    cols["flag"] = rng.random(n) < 0.3
    cols["city"] = pd.Categorical.from_codes(rng.integers(0, 50, n), [f"city_{k}" for k in range(50)])
    words = np.array([f"word-{k:05d}" for k in range(20_000)], dtype=object)
    cols["text"] = pd.array(words[rng.integers(0, len(words), n)], dtype="str")
    frame = pd.DataFrame(cols)
    train = frame.iloc[:n_train]
    test = frame.iloc[n_train:].copy()
    planted_at = rng.choice(n_test, size=n_dups, replace=False)
    planted_from = rng.choice(n_train, size=n_dups, replace=False)
    test.iloc[planted_at] = train.iloc[planted_from].to_numpy()  # same values, new index labels
    test = test.astype(train.dtypes.to_dict())
    return train, test, np.sort(planted_at)


def baseline(train: pd.DataFrame, test: pd.DataFrame) -> int:
    h_train = pd.util.hash_pandas_object(train, index=False).to_numpy()
    h_test = pd.util.hash_pandas_object(test, index=False).to_numpy()
    return int(pd.Series(h_test).isin(h_train).sum())


def peak_rss_during(fn) -> tuple[float, int]:
    """(seconds, peak resident bytes of the process) while ``fn`` runs (Linux only)."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset VmHWM to the current resident size
    except OSError:
        pass
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    peak = 0
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        pass
    return seconds, peak


def rss_now() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-rows", type=int, default=8_000_000)
    parser.add_argument("--test-rows", type=int, default=2_000_000)
    parser.add_argument("--duplicates", type=float, default=0.01, help="share of test rows planted as copies")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best is reported")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    n_dups = max(1, int(args.test_rows * args.duplicates))
    t0 = time.perf_counter()
    train, test, planted = build(args.train_rows, args.test_rows, n_dups, args.seed)
    frames_bytes = int(train.memory_usage(deep=True).sum() + test.memory_usage(deep=True).sum())
    gc.collect()
    resident_with_frames = rss_now()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"numpy {np.__version__}, pandas {pd.__version__}")
    print(f"frames: {args.train_rows:,} train + {args.test_rows:,} test rows, {train.shape[1]} columns "
          f"({', '.join(sorted({str(t) for t in train.dtypes}))}), {frames_bytes / 2**20:,.0f} MiB "
          f"(pandas deep size); process resident with frames {resident_with_frames / 2**20:,.0f} MiB; "
          f"built in {time.perf_counter() - t0:.1f} s")
    print(f"planted duplicates: {n_dups:,} test rows copy a training row")

    base_found = baseline(train, test)
    base_times, check_times, reports = [], [], []
    base_peak = check_peak = 0
    for _ in range(args.repeat):
        seconds, peak = peak_rss_during(lambda: baseline(train, test))
        base_times.append(seconds)
        base_peak = max(base_peak, peak)
        seconds, peak = peak_rss_during(lambda: reports.append(check_split(train, test)))
        check_times.append(seconds)
        check_peak = max(check_peak, peak)
    report = reports[-1]
    overlap = report["overlap"]
    found = overlap.count
    example_tests = [e["test"] for e in overlap.examples]
    expected_labels = [int(test.index[i]) for i in planted[: len(example_tests)]]
    all_found = found == n_dups and example_tests == expected_labels

    base, check = min(base_times), min(check_times)
    print(f"baseline hash_pandas_object + isin: {base:.2f} s (best of {args.repeat}; "
          f"{base_found:,} hash hits, unconfirmed)")
    print(f"check_split:                         {check:.2f} s (best of {args.repeat}; "
          f"{found:,} duplicates confirmed on values)")
    print(f"time ratio check_split / baseline: {check / base:.2f}x (target <= 2x): "
          f"{'OK' if check / base <= 2 else 'MISSED'}")
    print(f"every planted duplicate found: {'yes' if all_found else 'NO'} ({found:,} of {n_dups:,})")
    print(f"peak resident memory during check_split: {check_peak / 2**20:,.0f} MiB = "
          f"{check_peak / frames_bytes:.2f}x the frames (target < 3x): {'OK' if check_peak < 3 * frames_bytes else 'MISSED'}; "
          f"above the resident frames: {(check_peak - resident_with_frames) / 2**20:,.0f} MiB")
    print(f"peak resident memory during the baseline: {base_peak / 2**20:,.0f} MiB = {base_peak / frames_bytes:.2f}x")
    print(f"checks: {', '.join(f'{c.name}={c.status}' for c in report.checks)}")
    return 0 if all_found else 1


if __name__ == "__main__":
    sys.exit(main())
