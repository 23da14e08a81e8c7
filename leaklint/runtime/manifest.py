"""The split manifest: which splits a run made, reproducibly identified, and how to compare two.

A reviewer reading a result needs to know what split it came from. The manifest records
each split's place in the script, splitter and arguments, row counts, a fingerprint of
each side (sha256 over the sorted row hashes: identical on any machine for the same
rows, whatever their order), the check results and how often the test side was scored,
plus the library versions, the platform and the seeds the script set. Two runs of a
seeded script give the same fingerprints; :func:`diff_manifests` says which splits
changed.
"""
from __future__ import annotations

import datetime as _dt
import json
import platform
from importlib import metadata

from leaklint.runtime.checks import expand_fail_on
from leaklint.runtime.recorder import AuditResult, SplitRecord
from leaklint.runtime.split_check import _jsonable

SCHEMA = 1
_PACKAGES = ("numpy", "pandas", "scikit-learn", "torch", "datasets", "xgboost", "lightgbm", "keras", "leaklint")


def environment() -> dict:
    """Python, platform and versions of the relevant packages (read from metadata, not imported)."""
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "packages": versions,
    }


def build_manifest(result: AuditResult, *, script: str | None = None, argv=None, exit_status=None,
                   fail_on=None) -> dict:
    rec = result.recorder
    names = sorted(expand_fail_on(rec.config.fail_on if fail_on is None else fail_on))
    failures = result.failures(fail_on)
    return {
        "schema": SCHEMA,
        "tool": "leaklint",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "script": script,
        "argv": list(argv) if argv is not None else None,
        "exit_status": exit_status,
        "fail_on": names,
        "ok": not failures,
        "failures": [{"split": sid, "check": check} for sid, check in failures],
        "environment": environment(),
        "seeds": list(result.seeds),
        "splits": [_split_entry(s) for s in result.splits],
        "fits": [{"estimator": f.estimator, "method": f.method, "kind": f.kind, "where": f.where,
                  "calls": f.calls, "rows": f.rows} for f in result.fits],
        "errors": list(result.errors),
    }


def _split_entry(s: SplitRecord) -> dict:
    report = s.report.to_dict()
    metric_calls = sum(1 for e in s.scoring if e.kind.startswith("metric:") or e.kind == "score")
    return {
        "id": s.id,
        "where": s.where,
        "splitter": s.splitter,
        "args": _jsonable(s.args),
        "call": s.call,
        "fold": s.fold,
        "holdout": s.holdout,
        "rows": {"train": s.n_train, "test": s.n_test},
        "fingerprint": dict(s.fingerprint),
        "ok": report["ok"],
        "failed": report["failed"],
        "checks": report["checks"],
        "scored": {
            "metric_calls": metric_calls,
            "predict_calls": len(s.scoring) - metric_calls,
            "models": sorted({e.model for e in s.scoring if e.model}),
        },
        "note": s.note,
    }


def write_manifest(manifest: dict, path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, sort_keys=False)
        fh.write("\n")


class ManifestError(ValueError):
    """A file that is not a leaklint split manifest."""


def load_manifest(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path}: not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("tool") != "leaklint" or not isinstance(data.get("splits"), list):
        raise ManifestError(f"{path}: not a leaklint split manifest")
    if data.get("schema") != SCHEMA:
        raise ManifestError(f"{path}: manifest schema {data.get('schema')!r}, this leaklint reads {SCHEMA}")
    return data


def _key(split: dict) -> tuple:
    return split.get("splitter"), split.get("fold")


def _keyed(splits: list) -> dict:
    """Match splits by splitter, fold and occurrence, not line number (edits move lines)."""
    seen: dict = {}
    out = {}
    for s in splits:
        k = _key(s)
        seen[k] = seen.get(k, 0) + 1
        out[k + (seen[k],)] = s
    return out


def diff_manifests(a: dict, b: dict, *, names=("a", "b")) -> tuple[bool, list[str]]:
    """(whether any split changed, readable lines). Environment and seed changes are listed
    but only split changes (rows, fingerprints, arguments, added or removed) count."""
    lines, changed = [], False
    ka, kb = _keyed(a["splits"]), _keyed(b["splits"])
    for key in list(ka) + [k for k in kb if k not in ka]:
        sa, sb = ka.get(key), kb.get(key)
        if sa is None or sb is None:
            changed = True
            present, where = (names[1], sb) if sa is None else (names[0], sa)
            lines.append(f"only in {present}: {_describe(where)}")
            continue
        diffs = _split_diffs(sa, sb)
        if diffs:
            changed = True
            lines.append(f"CHANGED {_describe(sb)}")
            lines.extend(f"    {d}" for d in diffs)
        else:
            lines.append(f"same    {_describe(sb)}")
    env = _env_diffs(a.get("environment") or {}, b.get("environment") or {})
    if env:
        lines.append("environment: " + "; ".join(env))
    if (a.get("seeds") or []) != (b.get("seeds") or []):
        lines.append(f"seeds: {_seeds(a)} -> {_seeds(b)}")
    n_changed = sum(1 for line in lines if line.startswith(("CHANGED", "only in")))
    lines.append(f"{n_changed} split{'s' * (n_changed != 1)} changed" if changed else "splits are identical")
    return changed, lines


def _describe(split: dict) -> str:
    fold = f" fold {split['fold']}" if split.get("fold") is not None else ""
    rows = split.get("rows") or {}
    return (f"split {split.get('id')}: {split.get('splitter')}{fold} at {split.get('where')} "
            f"({rows.get('train')} train / {rows.get('test')} test)")


def _split_diffs(sa: dict, sb: dict) -> list[str]:
    out = []
    for side in ("train", "test"):
        ra, rb = (sa.get("rows") or {}).get(side), (sb.get("rows") or {}).get(side)
        if ra != rb:
            out.append(f"{side} rows {ra} -> {rb}")
        fa, fb = (sa.get("fingerprint") or {}).get(side), (sb.get("fingerprint") or {}).get(side)
        if fa != fb:
            out.append(f"{side} fingerprint {str(fa)[:12]} -> {str(fb)[:12]}")
    args_a, args_b = sa.get("args") or {}, sb.get("args") or {}
    for k in sorted(set(args_a) | set(args_b)):
        if args_a.get(k) != args_b.get(k):
            out.append(f"{k} {args_a.get(k)!r} -> {args_b.get(k)!r}")
    if sa.get("failed") != sb.get("failed"):
        out.append(f"failed checks {sa.get('failed')} -> {sb.get('failed')}")
    return out


def _env_diffs(ea: dict, eb: dict) -> list[str]:
    out = []
    for k in ("python", "platform"):
        if ea.get(k) != eb.get(k):
            out.append(f"{k} {ea.get(k)} -> {eb.get(k)}")
    pa, pb = ea.get("packages") or {}, eb.get("packages") or {}
    for k in sorted(set(pa) | set(pb)):
        if pa.get(k) != pb.get(k):
            out.append(f"{k} {pa.get(k)} -> {pb.get(k)}")
    return out


def _seeds(m: dict) -> str:
    return ", ".join(f"{s.get('function')}({s.get('seed')})" for s in m.get("seeds") or []) or "none"
