"""``check_split``: what a train/test split really contains.

Static analysis sees code; it cannot see that test rows are copies of training rows,
that a patient sits on both sides, or that test dates precede training dates. This module
answers those questions for two concrete splits, fast enough for tens of millions of rows:
rows are reduced to canonical 64-bit hashes (:mod:`leaklint.runtime.rowhash`), membership
is a pandas hash table, and every hash hit is confirmed on the real values before it is
counted, so a hash collision can never produce a finding.

The runtime hooks reuse :func:`run_checks` on :class:`Side` objects that point into the
arrays a script split (positions plus hashes), so no copy of the rows is kept.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from leaklint.runtime import rowhash

STATUSES = ("pass", "fail", "warn", "info", "skip")
DATA_CHECKS = (
    "sizes",
    "overlap",
    "conflicting-labels",
    "near-overlap",
    "index",
    "id",
    "group",
    "time",
    "time-group",
    "label-distribution",
)
MAX_EXAMPLES = 5
_CONTINUOUS_LABEL_UNIQUES = 20


class LeakageError(Exception):
    """Raised by ``check_split(..., raise_on_leak=True)`` when a check failed."""

    def __init__(self, report: "SplitReport"):
        self.report = report
        failed = ", ".join(report.failed) or "unknown"
        super().__init__(f"split leaks ({failed}):\n{report}")


@dataclass
class CheckResult:
    """One line of a :class:`SplitReport`."""

    name: str
    status: str
    count: int = 0
    share: float = 0.0  # of the test split's rows
    detail: str = ""
    examples: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "check": self.name,
            "status": self.status,
            "count": int(self.count),
            "share": round(float(self.share), 6),
            "detail": self.detail,
            "examples": [_jsonable(e) for e in self.examples],
        }


class SplitReport:
    """The result of :func:`check_split`: per-check status, counts and examples.

    ``ok`` is False when any check has status ``fail``; ``warn`` and ``info`` lines
    (label distribution, for instance) are reported but never fail a split.
    """

    def __init__(self, checks: list[CheckResult], *, n_train: int, n_test: int, columns: list, notes=()):
        self.checks = list(checks)
        self.n_train = int(n_train)
        self.n_test = int(n_test)
        self.columns = list(columns)
        self.notes = list(notes)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def failed(self) -> list[str]:
        return [c.name for c in self.checks if c.status == "fail"]

    def __getitem__(self, name: str) -> CheckResult:
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)

    def get(self, name: str) -> CheckResult | None:
        return next((c for c in self.checks if c.name == name), None)

    @property
    def table(self) -> pd.DataFrame:
        rows = [(c.name, c.status, int(c.count), float(c.share), c.detail) for c in self.checks]
        return pd.DataFrame(rows, columns=["check", "status", "count", "share", "detail"]).set_index("check")

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "failed": self.failed,
            "n_train": self.n_train,
            "n_test": self.n_test,
            "columns": [_jsonable(c) for c in self.columns],
            "notes": list(self.notes),
            "checks": [c.to_dict() for c in self.checks],
        }

    def format(self, *, only_problems: bool = False, indent: str = "") -> str:
        lines = []
        width = max((len(c.name) for c in self.checks), default=5)
        for c in self.checks:
            if only_problems and c.status not in ("fail", "warn"):
                continue
            status = c.status.upper() if c.status == "fail" else c.status
            lines.append(f"{indent}  {status:<5} {c.name:<{width}}  {c.detail}")
            for ex in c.examples:
                lines.append(f"{indent}          {format_example(ex)}")
        for note in self.notes:
            lines.append(f"{indent}  note: {note}")
        return "\n".join(lines)

    def __str__(self) -> str:
        head = f"leaklint check_split: {self.n_train} train rows, {self.n_test} test rows, {len(self.columns)} columns"
        verdict = "no leak found" if self.ok else "LEAK: " + ", ".join(self.failed)
        return f"{head}\n{self.format()}\nverdict: {verdict}"

    def __repr__(self) -> str:
        state = "ok" if self.ok else "failed=" + ",".join(self.failed)
        return f"<SplitReport {self.n_train} train / {self.n_test} test, {state}>"


def format_example(ex: dict) -> str:
    where = ", ".join(f"{k} {ex[k]!r}" for k in ("test", "train") if k in ex)
    extra = ", ".join(f"{k}={v}" for k, v in ex.items() if k not in ("test", "train", "row"))
    row = ex.get("row")
    cells = ", ".join(f"{k}={v}" for k, v in row.items()) if row else ""
    return "e.g. " + "; ".join(part for part in (where, extra, cells) if part)


# --------------------------------------------------------------------------- sides


class Side:
    """One side of a split: where its rows live and their hashes, never a copy of rows.

    ``data`` holds the feature columns (a DataFrame, or a scipy sparse matrix), ``rows``
    the positions in ``data`` that belong to this side (``None``: all of them).
    """

    def __init__(self, data, rows=None, *, columns=None, hashes=None, index=None, label=None,
                 groups=None, time=None, ids=None):
        self.data = data
        self.rows = None if rows is None else np.asarray(rows)
        self.columns = columns
        if hashes is None:
            hashes = rowhash.row_hashes(self.data, columns)
            if self.rows is not None:
                hashes = hashes[self.rows]
        self.hashes = hashes
        self.index = index
        self.label = label  # DataFrame (one or more label columns) or None
        self.groups = groups  # Series with a positional index, or None
        self.time = time
        self.ids = ids

    def __len__(self) -> int:
        return len(self.hashes)

    def positions(self, local: np.ndarray) -> np.ndarray:
        return local if self.rows is None else self.rows[local]

    def take(self, local: np.ndarray):
        pos = self.positions(np.asarray(local, dtype=np.intp))
        if rowhash.is_sparse(self.data):
            return self.data.tocsr()[pos]
        frame = rowhash.as_frame(self.data)
        if self.columns is not None:
            frame = frame[self.columns]
        return frame.iloc[pos]

    def labels_of(self, local: np.ndarray) -> list:
        if self.index is None:
            return [int(i) for i in local]
        return [self.index[i] for i in local]


# ---------------------------------------------------------------------- public API


def check_split(train, test, *, label=None, groups=None, time=None, id=None, near=False,
                near_decimals: int = 6, raise_on_leak: bool = False,
                max_examples: int = MAX_EXAMPLES) -> SplitReport:
    """Check a train/test split for row overlap, id, group and temporal leakage.

    ``train`` and ``test``: DataFrames, Series, numpy arrays or lists. ``label``,
    ``groups``, ``time`` and ``id`` each take a column name present in both frames (the
    label and id columns are then left out of the row comparison), a pair
    ``(train_values, test_values)``, or one array of ``len(train) + len(test)`` values
    (train first). ``near=True`` adds a near-duplicate check (numbers rounded to
    ``near_decimals``, text normalised for case, whitespace and Unicode form).
    """
    tr_frame, te_frame = _frame_or_sparse(train, "train"), _frame_or_sparse(test, "test")
    n_tr, n_te = rowhash.n_rows(tr_frame), rowhash.n_rows(te_frame)
    specs = {"label": label, "groups": groups, "time": time, "id": id}
    resolved, used_cols = {}, []
    for role, spec in specs.items():
        tr_vals, te_vals, col = _resolve(spec, role, tr_frame, te_frame, n_tr, n_te)
        resolved[role] = (tr_vals, te_vals)
        if col is not None and role in ("label", "id"):
            used_cols.append(col)
    notes = []
    if rowhash.is_sparse(tr_frame) or rowhash.is_sparse(te_frame):
        columns = None
        if not (rowhash.is_sparse(tr_frame) and rowhash.is_sparse(te_frame)):
            raise TypeError("check_split: both sides must be sparse, or neither")
    else:
        columns, note = _aligned_columns(tr_frame, te_frame, exclude=used_cols)
        if note:
            notes.append(note)
    sides = []
    for frame, part in ((tr_frame, 0), (te_frame, 1)):
        sides.append(Side(
            frame, columns=columns, index=_meaningful_index(frame),
            label=_label_frame(resolved["label"][part]),
            groups=_positional(resolved["groups"][part]),
            time=_positional(resolved["time"][part]),
            ids=_positional(resolved["id"][part]),
        ))
    checks = run_checks(sides[0], sides[1], near=near, near_decimals=near_decimals,
                        index_check=_index_check_applies(tr_frame, te_frame), max_examples=max_examples,
                        has_columns=columns is None or len(columns) > 0)
    report = SplitReport(checks, n_train=n_tr, n_test=n_te,
                         columns=columns if columns is not None else [], notes=notes)
    if raise_on_leak and not report.ok:
        raise LeakageError(report)
    return report


def run_checks(train: Side, test: Side, *, near=False, near_decimals=6, index_check=True,
               max_examples=MAX_EXAMPLES, has_columns=True, inferred: dict | None = None) -> list[CheckResult]:
    """Every data check on two sides; ``inferred`` maps a role to the column it was guessed from.

    A check that cannot be computed on these values (time strings that are no dates...)
    becomes a ``skip`` line naming the error: the other checks still run.
    """
    inferred = inferred or {}
    n_te, ex = len(test), max_examples
    checks = [_sizes(len(train), n_te)]
    why = "train split is empty" if len(train) == 0 else "test split is empty" if n_te == 0 else ""
    if not has_columns:
        why = "no feature columns to compare"
    checks += _guarded("overlap", lambda: [CheckResult("overlap", "skip", detail=why)] if why
                       else _overlap_checks(train, test, ex))
    if near:
        checks += _guarded("near-overlap", lambda: [CheckResult("near-overlap", "skip", detail=why) if why
                                                    else _near_overlap(train, test, near_decimals, ex)])
    if index_check and train.index is not None and test.index is not None:
        checks += _guarded("index", lambda: [_index_overlap(train, test, ex)])
    if train.ids is not None:
        checks += _guarded("id", lambda: [_value_overlap("id", train.ids, test.ids, test, train, ex, "id")])
    if train.groups is not None:
        source = f" (groups from column {inferred['groups']!r})" if "groups" in inferred else ""
        checks += _guarded("group", lambda: [_with_suffix(
            _value_overlap("group", train.groups, test.groups, test, train, ex, "group"), source)])
    else:
        checks.append(CheckResult("group", "skip", detail="no groups given"))
    if train.time is not None:
        checks += _guarded("time", lambda: _time_checks(train, test, ex, inferred.get("time")))
    else:
        checks.append(CheckResult("time", "skip", detail="no time given"))
    if train.label is not None and train.label.shape[1] == 1:
        checks += _guarded("label-distribution", lambda: [
            _label_distribution(train.label.iloc[:, 0], test.label.iloc[:, 0], n_te)])
    return checks


def _guarded(name: str, compute) -> list[CheckResult]:
    try:
        return compute()
    except (TypeError, ValueError, OverflowError) as exc:
        return [CheckResult(name, "skip", detail=f"could not be computed: {type(exc).__name__}: {exc}"[:300])]


def _with_suffix(result: CheckResult, suffix: str) -> CheckResult:
    result.detail += suffix
    return result


# ------------------------------------------------------------------- the checks


def _sizes(n_tr: int, n_te: int) -> CheckResult:
    if n_tr == 0 or n_te == 0:
        which = "train" if n_tr == 0 else "test"
        return CheckResult("sizes", "warn", detail=f"{which} split is empty ({n_tr} train / {n_te} test rows)")
    return CheckResult("sizes", "info", detail=f"{n_tr} train / {n_te} test rows ({n_te / (n_tr + n_te):.1%} test)")


def _overlap_checks(train: Side, test: Side, ex: int) -> list[CheckResult]:
    q, p, collisions = matches(train.hashes, test.hashes, lambda pp, qq: rows_equal(train, test, pp, qq))
    n = len(q)
    detail = f"{n} test rows ({_pct(n, len(test))}) equal a training row"
    if collisions:
        detail += f"; {collisions} hash collisions dismissed after comparing values"
    out = [CheckResult("overlap", "fail" if n else "pass", n, _share(n, len(test)), detail,
                       _row_examples(train, test, p[:ex], q[:ex]))]
    if train.label is None or n == 0:
        if train.label is not None:
            out.append(CheckResult("conflicting-labels", "pass", 0, 0.0, "no test row shares its features with a training row"))
        return out
    lab_tr = rowhash.row_hashes(train.label)
    lab_te = rowhash.row_hashes(test.label)
    full_tr = rowhash.combine([train.hashes, lab_tr], len(train))
    full_te = rowhash.combine([test.hashes, lab_te], len(test))

    def equal_with_label(pp, qq):
        same = rows_equal(train, test, pp, qq)
        for j in range(train.label.shape[1]):
            same &= rowhash.column_values_equal(train.label.iloc[pp, j], test.label.iloc[qq, j])
        return same

    fq, _, _ = matches(full_tr, full_te, equal_with_label)
    conflict = np.setdiff1d(q, fq, assume_unique=True)
    pos = np.searchsorted(q, conflict)
    m = len(conflict)
    examples = []
    for qi, pi in zip(conflict[:ex], p[pos][:ex]):
        e = _row_examples(train, test, np.array([pi]), np.array([qi]))[0]
        e["label"] = f"{_short(test.label.iloc[qi, 0])} in test vs {_short(train.label.iloc[pi, 0])} in train"
        examples.append(e)
    out.append(CheckResult(
        "conflicting-labels", "fail" if m else "pass", m, _share(m, len(test)),
        f"{m} test rows ({_pct(m, len(test))}) share their features with training rows but not their label",
        examples))
    return out


def _near_overlap(train: Side, test: Side, decimals: int, ex: int) -> CheckResult:
    if rowhash.is_sparse(train.data):
        return CheckResult("near-overlap", "skip", detail="near duplicates are not computed for sparse data")
    near_tr = _near_frame(train.take(np.arange(len(train))), decimals)
    near_te = _near_frame(test.take(np.arange(len(test))), decimals)
    ntr, nte = Side(near_tr), Side(near_te)
    q, p, _ = matches(ntr.hashes, nte.hashes, lambda pp, qq: rows_equal(ntr, nte, pp, qq))
    exact = int(np.isin(q, matches(train.hashes, test.hashes,
                                    lambda pp, qq: rows_equal(train, test, pp, qq))[0]).sum())
    n = len(q)
    detail = (f"{n} test rows ({_pct(n, len(test))}) equal a training row after rounding numbers to "
              f"{decimals} decimals and normalising text ({n - exact} beyond exact duplicates)")
    return CheckResult("near-overlap", "fail" if n else "pass", n, _share(n, len(test)), detail,
                       _row_examples(train, test, p[:ex], q[:ex]))


def _near_frame(frame: pd.DataFrame, decimals: int) -> pd.DataFrame:
    return pd.DataFrame({i: rowhash.near_column(frame.iloc[:, i], decimals).to_numpy()
                         for i in range(frame.shape[1])})


def _index_overlap(train: Side, test: Side, ex: int) -> CheckResult:
    shared = train.index
    if isinstance(train.index, pd.RangeIndex) and isinstance(test.index, pd.RangeIndex):
        shared = train.index.intersection(test.index)  # arithmetic, no hash table
    hit = np.flatnonzero(test.index.isin(shared)) if len(shared) else np.zeros(0, dtype=np.intp)
    n = len(hit)
    examples = [{"test": _jsonable(test.index[i])} for i in hit[:ex]]
    return CheckResult("index", "fail" if n else "pass", n, _share(n, len(test)),
                       f"{n} test rows ({_pct(n, len(test))}) carry an index label also used in train", examples)


def _value_overlap(name: str, tr: pd.Series, te: pd.Series, test: Side, train: Side, ex: int, noun: str) -> CheckResult:
    """Test rows whose value (id, group) also appears in train; missing values never match."""
    tr_h, te_h = rowhash.column_hash(tr), rowhash.column_hash(te)
    tr_h = tr_h[tr_h != rowhash.NULL_HASH]
    valid_te = np.flatnonzero(te_h != rowhash.NULL_HASH)
    tr_valid = tr[tr.notna().to_numpy()].reset_index(drop=True)
    te_valid = te.iloc[valid_te].reset_index(drop=True)
    q, p, _ = matches(tr_h, te_h[valid_te],
                      lambda pp, qq: rowhash.column_values_equal(tr_valid.iloc[pp], te_valid.iloc[qq]))
    q = valid_te[q]
    n = len(q)
    shared = np.unique(te_h[valid_te][np.searchsorted(valid_te, q)]) if n else []
    examples = [{"test": _jsonable(test.labels_of([qi])[0]), noun: _short(te.iloc[qi])} for qi in q[:ex]]
    detail = (f"{n} test rows ({_pct(n, len(test))}) have a {noun} that also appears in train"
              f" ({len(shared)} shared {noun} values)")
    return CheckResult(name, "fail" if n else "pass", n, _share(n, len(test)), detail, examples)


def _time_checks(train: Side, test: Side, ex: int, inferred_from) -> list[CheckResult]:
    tr_t, tr_ok = time_values(train.time)
    te_t, te_ok = time_values(test.time)
    src = f" (time from column {inferred_from!r})" if inferred_from else ""
    if not tr_ok.any() or not te_ok.any():
        return [CheckResult("time", "skip", detail="no usable time values" + src)]
    latest = tr_t[tr_ok].max()
    early = np.flatnonzero(te_ok & (te_t <= latest))
    n = len(early)
    latest_txt = _short(train.time.iloc[int(np.flatnonzero(tr_ok & (tr_t == latest))[0])])
    out = [CheckResult(
        "time", "fail" if n else "pass", n, _share(n, len(test)),
        f"{n} test rows ({_pct(n, len(test))}) are at or before the latest training time {latest_txt}{src}",
        [{"test": _jsonable(test.labels_of([i])[0]), "time": _short(test.time.iloc[i])} for i in early[:ex]])]
    if train.groups is not None:
        g_tr = train.groups[tr_ok].reset_index(drop=True)
        per_group = pd.Series(tr_t[tr_ok]).groupby(g_tr.to_numpy(), dropna=True).max()
        where = per_group.index.get_indexer(test.groups.to_numpy())
        has = te_ok & (where >= 0)
        lim = per_group.to_numpy()[np.where(where >= 0, where, 0)] if len(per_group) else np.zeros(len(test), tr_t.dtype)
        bad = np.flatnonzero(has & (te_t <= lim))
        m = len(bad)
        out.append(CheckResult(
            "time-group", "fail" if m else "pass", m, _share(m, len(test)),
            f"{m} test rows ({_pct(m, len(test))}) are at or before the latest training time of their own group",
            [{"test": _jsonable(test.labels_of([i])[0]), "group": _short(test.groups.iloc[i]),
              "time": _short(test.time.iloc[i])} for i in bad[:ex]]))
    return out


def time_values(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Comparable numbers for a time column (int64 ns for dates) and a mask of usable ones."""
    dtype = s.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        dtype = s.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "mM":
        unit = "datetime64[ns]" if dtype.kind == "M" else "timedelta64[ns]"
        ints = s.to_numpy().astype(unit).view(np.int64)
        return ints, ints != np.iinfo(np.int64).min
    if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        vals = s.to_numpy(dtype=np.float64, na_value=np.nan)
        return vals, ~np.isnan(vals)
    try:
        parsed = pd.to_datetime(s, utc=True)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"time values must be dates or numbers, not {dtype}") from exc
    return time_values(parsed)


def _label_distribution(tr: pd.Series, te: pd.Series, n_te: int) -> CheckResult:
    name = "label-distribution"
    try:
        if _looks_continuous(tr, te):
            return CheckResult(name, "skip", detail="label looks continuous (regression)")
        tr_share = tr.value_counts(normalize=True, dropna=True)
        te_counts = te.value_counts(dropna=True)
    except TypeError:
        return CheckResult(name, "skip", detail="labels are not hashable")
    te_share = te_counts / max(int(te_counts.sum()), 1)
    unseen = [c for c in te_counts.index if c not in tr_share.index]
    n_unseen = int(te_counts.loc[unseen].sum()) if unseen else 0
    classes = tr_share.index.union(te_share.index)
    diff = (tr_share.reindex(classes, fill_value=0) - te_share.reindex(classes, fill_value=0)).abs()
    parts = []
    if unseen:
        shown = ", ".join(repr(_jsonable(c)) for c in unseen[:5])
        parts.append(f"{n_unseen} test rows carry labels never seen in train ({shown})")
    if len(diff):
        worst = diff.idxmax()
        parts.append(f"largest class-share difference {100 * diff.max():.1f} points "
                     f"(class {_jsonable(worst)!r}: {tr_share.get(worst, 0):.1%} train vs {te_share.get(worst, 0):.1%} test)")
    return CheckResult(name, "warn" if unseen else "info", n_unseen, _share(n_unseen, n_te), "; ".join(parts))


def _looks_continuous(tr: pd.Series, te: pd.Series) -> bool:
    if not (pd.api.types.is_float_dtype(tr.dtype) and pd.api.types.is_float_dtype(te.dtype)):
        return False
    both = pd.concat([tr, te], ignore_index=True).dropna()
    integral = bool((both == np.round(both)).all())
    return not integral or both.nunique() > _CONTINUOUS_LABEL_UNIQUES


# ------------------------------------------------------------ matching machinery


def matches(train_h: np.ndarray, test_h: np.ndarray,
            equal: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> tuple[np.ndarray, np.ndarray, int]:
    """Test positions with an equal training row, one such training position each.

    Hash membership finds candidates; ``equal(train_pos, test_pos)`` confirms them on
    values. A candidate whose first same-hash training row differs is tried against the
    other rows with that hash, so only a true match is ever returned.
    """
    empty = np.zeros(0, dtype=np.intp)
    if len(train_h) == 0 or len(test_h) == 0:
        return empty, empty, 0
    # build the hash table on the smaller side, then on the few candidates of the other
    if len(test_h) <= len(train_h):
        p = np.flatnonzero(_isin(train_h, test_h))
        q = np.flatnonzero(_isin(test_h, train_h[p]))
    else:
        q = np.flatnonzero(_isin(test_h, train_h))
        p = np.flatnonzero(_isin(train_h, test_h[q]))
    if len(q) == 0:
        return empty, empty, 0
    qh, ph = test_h[q], train_h[p]
    order = np.argsort(ph, kind="stable")
    p, ph = p[order], ph[order]
    lo = np.searchsorted(ph, qh, "left")
    hi = np.searchsorted(ph, qh, "right")
    first = p[lo]
    ok = np.asarray(equal(first, q), dtype=bool)
    for i in np.flatnonzero(~ok & (hi - lo > 1)):
        for j in range(lo[i] + 1, hi[i]):
            if equal(p[j:j + 1], q[i:i + 1])[0]:
                ok[i], first[i] = True, p[j]
                break
    return q[ok], first[ok], int((~ok).sum())


def _isin(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Hash-table membership (pandas'), linear in both sizes, unlike np.isin's sort."""
    return pd.Series(values, copy=False).isin(reference).to_numpy()


def rows_equal(train: Side, test: Side, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Whether training rows ``p`` equal test rows ``q`` pairwise, on the real values."""
    if len(p) == 0:
        return np.zeros(0, dtype=bool)
    a, b = train.take(p), test.take(q)
    if rowhash.is_sparse(a):
        return np.array([abs(a[i] - b[i]).sum() == 0 and (a[i] != b[i]).nnz == 0 for i in range(len(p))])
    same = np.ones(len(p), dtype=bool)
    for j in range(a.shape[1]):
        same &= rowhash.column_values_equal(a.iloc[:, j], b.iloc[:, j])
    return same


# ---------------------------------------------------------------- input handling


def _frame_or_sparse(data, which: str):
    if rowhash.is_sparse(data):
        return data
    try:
        return rowhash.as_frame(data)
    except rowhash.UnsupportedInput as exc:
        raise TypeError(f"check_split: cannot read the {which} split: {exc}") from None


def _resolve(spec, role: str, tr, te, n_tr: int, n_te: int):
    """(train values, test values, column name or None) for a label/groups/time/id spec."""
    if spec is None:
        return None, None, None
    if _is_column(spec, tr) or _is_column(spec, te):
        if not (_is_column(spec, tr) and _is_column(spec, te)):
            raise ValueError(f"check_split: {role} column {spec!r} is missing from one split")
        return tr[spec], te[spec], spec
    if isinstance(spec, (tuple, list)) and len(spec) == 2 and all(_sized(s) for s in spec):
        a, b = spec
        if len(a) == n_tr and len(b) == n_te:
            return _as_series(a), _as_series(b), None
    if _sized(spec) and len(spec) == n_tr + n_te and not isinstance(spec, str):
        values = _as_series(spec)
        return values.iloc[:n_tr], values.iloc[n_tr:], None
    raise ValueError(
        f"check_split: {role}= must be a column of both splits, a pair (train_values, test_values) "
        f"of lengths ({n_tr}, {n_te}), or {n_tr + n_te} values (train first)")


def _is_column(spec, frame) -> bool:
    if not isinstance(frame, pd.DataFrame):
        return False
    try:
        return spec in frame.columns
    except TypeError:
        return False


def _sized(x) -> bool:
    return hasattr(x, "__len__") and not isinstance(x, (str, bytes, dict))


def _as_series(values) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        return values.iloc[:, 0] if values.shape[1] == 1 else values
    if isinstance(values, pd.Series):
        return values
    arr = np.asarray(values) if not isinstance(values, list) else values
    return pd.Series(arr) if getattr(arr, "ndim", 1) == 1 else pd.DataFrame(arr)


def _label_frame(values):
    if values is None:
        return None
    if isinstance(values, pd.DataFrame):
        return values.reset_index(drop=True)
    frame = rowhash.as_frame(values)
    return frame.reset_index(drop=True)


def _positional(values):
    if values is None:
        return None
    if isinstance(values, pd.DataFrame):
        values = values.iloc[:, 0]
    return values.reset_index(drop=True)


def _aligned_columns(tr, te, exclude) -> tuple[list, str]:
    tr_cols = [c for c in tr.columns if c not in exclude]
    te_cols = {c for c in te.columns if c not in exclude}
    common = [c for c in tr_cols if c in te_cols]
    note = ""
    only_tr = [c for c in tr_cols if c not in te_cols]
    only_te = [c for c in te.columns if c not in exclude and c not in set(tr_cols)]
    if only_tr or only_te:
        note = (f"compared the {len(common)} columns both splits have; only in train: "
                f"{[_jsonable(c) for c in only_tr[:5]]}, only in test: {[_jsonable(c) for c in only_te[:5]]}")
    return common, note


def _meaningful_index(frame):
    return frame.index if isinstance(frame, pd.DataFrame) else None


def _index_check_applies(tr, te) -> bool:
    """Index labels mean something unless both sides were freshly numbered from 0."""
    if not (isinstance(tr, pd.DataFrame) and isinstance(te, pd.DataFrame)):
        return False

    def fresh(ix):
        return isinstance(ix, pd.RangeIndex) and ix.start == 0 and ix.step == 1

    return not (fresh(tr.index) and fresh(te.index))


# ----------------------------------------------------------------------- helpers


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def _pct(n: int, total: int) -> str:
    return f"{_share(n, total):.1%}"


def _short(v, limit: int = 40) -> str:
    text = repr(_jsonable(v))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _row_examples(train: Side, test: Side, p, q, max_cols: int = 6) -> list[dict]:
    if len(q) == 0:
        return []
    out = []
    tr_labels, te_labels = train.labels_of(p), test.labels_of(q)
    rows = test.take(q) if not rowhash.is_sparse(test.data) else None
    for k in range(len(q)):
        ex = {"test": _jsonable(te_labels[k]), "train": _jsonable(tr_labels[k])}
        if rows is not None:
            cells = rows.iloc[k]
            ex["row"] = {str(c): _short(cells.iloc[j]) for j, c in enumerate(rows.columns[:max_cols])}
        out.append(ex)
    return out


def _jsonable(v):
    """JSON-safe version of a value from user data (index labels, cells, examples)."""
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if np.isfinite(f) else str(f)
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (pd.Timestamp, np.datetime64)):
        return str(pd.Timestamp(v)) if not pd.isna(v) else None
    if rowhash._is_null(v):
        return None
    return str(v)
