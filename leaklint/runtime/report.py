"""The text report printed at the end of ``leaklint run`` (and by ``install()`` at exit).

Short by default: one header per split, only the lines that failed or warn, one line
naming what could not be checked and why (so the user learns which flag to pass), and a
verdict. Cross-validation folds of one splitter call are grouped under one header.
"""
from __future__ import annotations

from itertools import groupby

from leaklint.runtime.checks import expand_fail_on
from leaklint.runtime.recorder import AuditResult, SplitRecord
from leaklint.runtime.split_check import format_example

_HINTS = {
    "group": "pass --groups COLUMN",
    "time": "pass --time COLUMN",
}


def format_audit(result: AuditResult, fail_on=None, *, verbose: bool = False) -> str:
    rec = result.recorder
    names = expand_fail_on(rec.config.fail_on if fail_on is None else fail_on)
    n_splits = len(result.splits)
    lines = [f"leaklint run: {n_splits} split{'s' * (n_splits != 1)}, {len(result.fits)} fit call site"
             f"{'s' * (len(result.fits) != 1)}, {len(result.seeds)} seed call{'s' * (len(result.seeds) != 1)} recorded"]
    for _, group in groupby(result.splits, key=lambda s: s.call):
        group = list(group)
        lines.extend(_format_call(group, names, verbose))
    if rec.budget_note:
        lines.append(f"note: {rec.budget_note}")
    if result.errors:
        lines.append(f"leaklint internal errors ({len(result.errors)}; the script itself was not affected, "
                     "but the audit may be incomplete):")
        for err in result.errors[:10]:
            lines.append(f"  in {err['hook']}: {err['error']}")
    failures = result.failures(fail_on)
    if failures:
        parts = sorted({f"{check} (split {sid})" for sid, check in failures})
        lines.append("verdict: LEAK: " + ", ".join(parts[:10]) + (" ..." if len(parts) > 10 else ""))
    else:
        other = [(s.id, c.name) for s in result.splits for c in s.report.checks if c.status == "fail"]
        if other:
            lines.append(f"verdict: no failure among --fail-on checks ({len(other)} other failed checks reported above)")
        elif n_splits == 0:
            lines.append("verdict: no split was recorded (leaklint sees scikit-learn, torch random_split, "
                         "HF datasets train_test_split and pandas sample/drop splits)")
        else:
            lines.append("verdict: no leak found")
    return "\n".join(lines)


def _format_call(group: list[SplitRecord], names: set, verbose: bool) -> list[str]:
    first = group[0]
    args = ", ".join(f"{k}={v}" for k, v in first.args.items() if v is not None or k == "random_state")
    if first.fold is None:
        head = (f"split {first.id}: {first.splitter} at {first.where}"
                f"{' (' + args + ')' if args else ''}: {first.n_train} train / {first.n_test} test rows")
    elif len(group) == 1:
        head = (f"split {first.id}: {first.splitter} at {first.where}{' (' + args + ')' if args else ''}, "
                f"fold {first.fold}: {first.n_train} train / {first.n_test} test rows")
    else:
        head = (f"splits {first.id}-{group[-1].id}: {first.splitter} at {first.where}"
                f"{' (' + args + ')' if args else ''}: {len(group)} folds")
    out = [head]
    if first.note:
        out.append(f"  note: {first.note}")
    quiet_pass, skipped = 0, {}
    for rec in group:
        prefix = f"fold {rec.fold}: " if rec.fold is not None else ""
        for c in rec.report.checks:
            show = verbose or c.status in ("fail", "warn") or (c.name == "test-reuse" and c.count)
            if c.status == "skip":
                skipped.setdefault(c.name, c.detail)
                if not verbose:
                    continue
            if not show:
                quiet_pass += c.status == "pass"
                continue
            status = c.status.upper() if c.status == "fail" else c.status
            mark = "" if c.status != "fail" or c.name in names else " (not in --fail-on)"
            out.append(f"  {status:<5} {prefix}{c.name}: {c.detail}{mark}")
            limit = 5 if verbose else 2
            if not verbose and (c.status == "info" or (c.name == "fit-on-test" and len(c.examples) == 1)):
                limit = 0  # the detail line says it all
            for ex in c.examples[:limit]:
                out.append(f"          {_example(ex)}")
    if quiet_pass:
        out.append(f"  ({quiet_pass} other check{'s' * (quiet_pass != 1)} passed)")
    if skipped and not verbose:
        hints = [f"{name} ({detail}{': ' + _HINTS[name] if name in _HINTS and 'given' in detail else ''})"
                 for name, detail in skipped.items()]
        out.append("  not checked: " + "; ".join(hints))
    return out


def _example(ex: dict) -> str:
    if "fit" in ex:
        return f"{ex['fit']}: {ex['test_rows_seen']} test rows; {ex['how']}"
    if "model" in ex:
        return f"{ex['call']} by {ex['model']} at {ex['where']}"
    return format_example(ex)
