"""What the runtime hooks saw, and what it means.

The hooks (:mod:`leaklint.runtime.hooks`) only observe; this module keeps the record and
draws the conclusions. It stores row *hashes*, never rows: for a hold-out split the
sorted hashes of each side (8 bytes a row), for each fit call site the sorted set of row
hashes it was fitted on and of the rows derived from them by its transforms.

A fit that saw test rows is a finding only when that knowledge reaches the test split:

* the split was made on rows the estimator had transformed (preprocessing before the
  split), or
* the fitted estimator was later applied to the test split (``transform`` / ``predict``
  / ``score`` on it), or
* the rows were an early-stopping ``eval_set`` / ``validation_data``.

So a final refit on all data that is never scored again, or a cross-validation on all
data next to a hold-out evaluation, stays silent (leaklint's policy: flag what changes a
reported number).
"""
from __future__ import annotations

import itertools
import re
import threading
import traceback
import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from leaklint.runtime import rowhash
from leaklint.runtime.checks import DEFAULT_FAIL_ON, RUNTIME_CHECKS, expand_fail_on
from leaklint.runtime.split_check import CheckResult, Side, SplitReport, run_checks

MAX_STORED_HASHES = 200_000_000  # 1.6 GB of fit-tracking state at most, then stop tracking
_MAX_PREDICTIONS = 10_000

_GROUP_NAME = re.compile(
    r"^(patient|subject|participant|user|customer|client|person|individual|household|family|"
    r"session|speaker|group|account|member|visitor|player|animal|donor|student|driver)s?"
    r"([ _-]?(id|key|no|nr|number|code))?$",
    re.IGNORECASE,
)
_TIME_NAME = re.compile(r"^(date|time|timestamp|datetime|ds|dt|day)$|(_date|_time|_at|_ts|timestamp)$", re.IGNORECASE)


@dataclass
class Config:
    """Options of one audit (``leaklint run`` flags or ``install()`` arguments)."""

    fail_on: tuple = DEFAULT_FAIL_ON
    groups: str | None = None  # column name applied to every split that has it
    time: str | None = None
    id: str | None = None
    near: bool = False
    infer: bool = True  # guess group/time columns from names and order when not given


@dataclass
class Rows:
    """Rows of a split side: ``data`` itself, or the rows at ``rows`` of it.

    ``hashes``, when given, are the row hashes of all of ``data`` (hashed once for all
    the folds of a cross-validation splitter).
    """

    data: object
    rows: np.ndarray | None = None
    hashes: np.ndarray | None = None


@dataclass
class ScoreEvent:
    seq: int
    kind: str  # predict, score, metric:accuracy_score, ...
    model: str | None
    where: str


@dataclass
class SplitRecord:
    id: int
    seq: int
    where: str
    splitter: str
    args: dict
    call: int
    fold: int | None
    holdout: bool
    n_train: int
    n_test: int
    fingerprint: dict
    report: SplitReport
    train_sorted: np.ndarray | None = None  # sorted feature-row hashes, hold-out splits only
    test_sorted: np.ndarray | None = None
    y_test_fp: str | None = None
    scoring: list = field(default_factory=list)
    fit_findings: dict = field(default_factory=dict)  # (site key, how) -> count
    note: str = ""


@dataclass
class FitSite:
    """All fits of one estimator class at one place of the user's script."""

    where: str
    estimator: str
    method: str
    kind: str = "fit"  # or "early-stopping"
    calls: int = 0
    rows: int = 0
    first_seq: int = 0
    seen_in: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    seen_out: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    merged: set = field(default_factory=set)

    @property
    def key(self) -> tuple:
        return (self.where, self.estimator, self.method, self.kind)

    def label(self) -> str:
        return f"{self.estimator}.{self.method} at {self.where}"


@dataclass
class _ObjState:
    site: FitSite
    seq: int
    model: str


class Recorder:
    """The state of one audit. All ``on_*`` methods are called by hooks, never raise."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.splits: list[SplitRecord] = []
        self.fits: dict[tuple, FitSite] = {}
        self.seeds: list[dict] = []
        self.errors: list[dict] = []
        self._views: dict[str, int] = {}  # fingerprint of a test-side representation -> split id
        self._predictions: dict[str, str] = {}  # ordered fingerprint of predict output -> model
        self._objects: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._seq = itertools.count(1)
        self._calls = itertools.count(1)
        self._models: dict[str, int] = {}
        self._stored = 0
        self._lock = threading.RLock()
        self.budget_note = ""

    # ------------------------------------------------------------------ plumbing

    def safely(self, hook: str, fn, *args, **kwargs):
        """Run ``fn``; an exception is recorded as a leaklint error, never propagated."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a hook must never break the user's script
            self.record_error(hook, exc)
            return None

    def record_error(self, hook: str, exc: BaseException) -> None:
        tb = traceback.extract_tb(exc.__traceback__)
        last = tb[-1] if tb else None
        with self._lock:
            self.errors.append({
                "hook": hook,
                "error": f"{type(exc).__name__}: {exc}"[:500],
                "at": f"{last.filename}:{last.lineno}" if last else "",
            })

    def next_seq(self) -> int:
        return next(self._seq)

    def new_call(self) -> int:
        return next(self._calls)

    # -------------------------------------------------------------------- seeds

    def on_seed(self, function: str, seed, where: str) -> None:
        if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
            value = None if seed is None else repr(seed)[:100]
        else:
            value = int(seed)
        with self._lock:
            self.seeds.append({"function": function, "seed": value, "where": where})

    # ------------------------------------------------------------------- splits

    def on_split(self, *, splitter: str, where: str, args: dict, train, test, y_train=None, y_test=None,
                 groups=None, source=None, call: int | None = None, fold: int | None = None,
                 holdout: bool = True, train_hashes=None, test_hashes=None, note: str = "") -> SplitRecord:
        """Record one split and run the data checks on it.

        ``train``/``test`` are the two sides (anything rows can be read from) or, with
        ``train_hashes``/``test_hashes``, Sides already built by the caller. ``groups``
        is a pair of arrays when the splitter was given groups; ``source`` is the frame
        the split was taken from (for guessing group and time columns).
        """
        cfg = self.config
        tr_side, te_side, inferred = self._sides(train, test, y_train, y_test, groups, source)
        report = SplitReport(
            run_checks(tr_side, te_side, near=cfg.near, index_check=False, inferred=inferred,
                       has_columns=tr_side.columns is None or len(tr_side.columns) > 0),
            n_train=len(tr_side), n_test=len(te_side), columns=tr_side.columns or [])
        fp = {"train": _side_fingerprint(tr_side), "test": _side_fingerprint(te_side)}
        rec = SplitRecord(
            id=0, seq=self.next_seq(), where=where, splitter=splitter, args=args,
            call=call if call is not None else self.new_call(), fold=fold, holdout=holdout,
            n_train=len(tr_side), n_test=len(te_side), fingerprint=fp, report=report, note=note)
        if holdout:
            rec.train_sorted = np.sort(tr_side.hashes)
            rec.test_sorted = np.sort(te_side.hashes)
            if te_side.label is not None:
                rec.y_test_fp = rowhash.fingerprint(rowhash.row_hashes(te_side.label), ordered=True)
        with self._lock:
            rec.id = len(self.splits) + 1
            self.splits.append(rec)
            if holdout:
                self._views[rowhash.fingerprint(rec.test_sorted)] = rec.id
                self._check_split_made_on_fitted_rows(rec)
        return rec

    def _sides(self, train, test, y_train, y_test, groups, source):
        cfg = self.config
        parts = [p if isinstance(p, Rows) else Rows(p) for p in (train, test)]
        frames = [_readable(p.data) for p in parts]
        tr_frame, te_frame = frames
        inferred = {}
        columns = None
        if isinstance(tr_frame, pd.DataFrame) and isinstance(te_frame, pd.DataFrame):
            te_cols = set(te_frame.columns)
            columns = [c for c in tr_frame.columns if c != cfg.id and c in te_cols]
        roles = {}
        for role, col in (("groups", cfg.groups), ("time", cfg.time), ("id", cfg.id)):
            if col is not None and _has_column(tr_frame, col) and _has_column(te_frame, col):
                roles[role] = (tr_frame[col], te_frame[col])
        if cfg.infer and isinstance(source, pd.DataFrame):
            if "groups" not in roles and groups is None:
                col = infer_group_column(source)
                if col is not None and _has_column(tr_frame, col) and _has_column(te_frame, col):
                    roles["groups"], inferred["groups"] = (tr_frame[col], te_frame[col]), col
            if "time" not in roles:
                col = infer_time_column(source)
                if col == "<index>":
                    roles["time"] = (tr_frame.index.to_series(), te_frame.index.to_series())
                    inferred["time"] = "the DatetimeIndex"
                elif col is not None and _has_column(tr_frame, col) and _has_column(te_frame, col):
                    roles["time"], inferred["time"] = (tr_frame[col], te_frame[col]), col

        def side(k, y):
            part, frame = parts[k], frames[k]

            def get(role):
                pair = roles.get(role)
                if pair is None:
                    return None
                values = pair[k]
                if part.rows is not None and not (role == "groups" and groups is not None):
                    values = values.iloc[part.rows] if isinstance(values, pd.Series) else np.asarray(values)[part.rows]
                return _positional(values)

            hashes = part.hashes
            if hashes is not None and cfg.id is not None and _has_column(frame, cfg.id):
                hashes = None  # the id column is left out of the row comparison
            if hashes is not None and part.rows is not None:
                hashes = hashes[part.rows]
            index = frame.index if isinstance(frame, pd.DataFrame) else None  # for examples only
            if index is not None and part.rows is not None:
                index = index[part.rows]
            return Side(frame, rows=part.rows, columns=columns, hashes=hashes, label=_label(y),
                        groups=_positional(groups[k]) if groups is not None else get("groups"),
                        time=get("time"), ids=get("id"), index=index)

        return side(0, y_train), side(1, y_test), inferred

    def _check_split_made_on_fitted_rows(self, rec: SplitRecord) -> None:
        """Preprocessing before the split: test rows are outputs of a transformer's fit data."""
        for site in self.fits.values():
            if site.kind != "fit" or len(site.seen_out) == 0:
                continue
            n = _novel_test_rows(rec.test_sorted, site.seen_out, rec.train_sorted)
            if n:
                rec.fit_findings[(site.key, "the split was made on rows it had transformed")] = n

    # --------------------------------------------------------------------- fits

    def on_fit(self, est, method: str, where: str, x_hashes: np.ndarray, output=None, eval_sets=()) -> None:
        """An outermost fit/fit_transform/partial_fit/fit_predict of ``est`` on hashed rows."""
        seq = self.next_seq()
        name = type(est).__name__
        with self._lock:
            site = self.fits.get((where, name, method, "fit"))
            if site is None:
                site = self.fits[(where, name, method, "fit")] = FitSite(where, name, method, first_seq=seq)
            site.calls += 1
            site.rows = len(x_hashes)
            self._merge(site, "seen_in", x_hashes)
            self._models[name] = self._models.get(name, 0) + 1
            model = f"{name}#{self._models[name]}"
            try:
                self._objects[est] = _ObjState(site, seq, model)
            except TypeError:  # not weak-referenceable: its later calls are not tracked
                pass
        if output is not None and method in ("fit_transform",):
            out_hashes = _hashes_or_none(output, len(x_hashes))
            if out_hashes is not None:
                with self._lock:
                    self._merge(site, "seen_out", out_hashes)
                self._after_apply(est, "transform", where, x_hashes, out_hashes, state=self._objects.get(est))
        for label, data in eval_sets:
            self._on_eval_set(name, method, where, label, data)

    def _merge(self, site: FitSite, attr: str, hashes: np.ndarray) -> None:
        if self._stored > MAX_STORED_HASHES:
            self.budget_note = "fit tracking stopped: more than 200M row hashes stored"
            return
        uniq = np.unique(hashes)
        fp = (attr, rowhash.fingerprint(uniq))
        if fp in site.merged:
            return
        site.merged.add(fp)
        old = getattr(site, attr)
        new = uniq if len(old) == 0 else np.union1d(old, uniq)
        self._stored += len(new) - len(old)
        setattr(site, attr, new)

    def _on_eval_set(self, estimator: str, method: str, where: str, label: str, data) -> None:
        hashes = _hashes_or_none(data)
        if hashes is None:
            return
        key = (where, estimator, f"{method}({label})", "early-stopping")
        with self._lock:
            site = self.fits.get(key)
            if site is None:
                site = self.fits[key] = FitSite(where, estimator, f"{method}({label})", "early-stopping",
                                                first_seq=self.next_seq())
            site.calls += 1
            site.rows = len(hashes)
            self._merge(site, "seen_in", hashes)
            for rec in self.splits:
                if rec.holdout:
                    n = _novel_test_rows(np.sort(hashes), rec.test_sorted, rec.train_sorted)
                    if n:
                        rec.fit_findings[(site.key, "early stopping / validation used test rows")] = n

    # ------------------------------------------------------------ transform, predict

    def on_apply(self, est, method: str, where: str, x_hashes: np.ndarray, output=None, y=None) -> None:
        """An outermost transform/predict/score-like call of ``est`` on hashed rows."""
        state = self._objects.get(est) if _weakrefable(est) else None
        out_hashes = None
        if output is not None and method == "transform":
            if state is not None or rowhash.fingerprint(x_hashes) in self._views:
                out_hashes = _hashes_or_none(output, len(x_hashes))
        self._after_apply(est, method, where, x_hashes, out_hashes, state=state, output=output, y=y)

    def _after_apply(self, est, method, where, x_hashes, out_hashes, *, state, output=None, y=None) -> None:
        fp = rowhash.fingerprint(x_hashes)
        with self._lock:
            split_id = self._views.get(fp)
            rec = self.splits[split_id - 1] if split_id else None
            if rec is not None and state is not None and len(state.site.seen_in):
                n = _novel_test_rows(np.sort(x_hashes), state.site.seen_in, rec.train_sorted)
                if n:
                    key = (state.site.key, f"then {method} on the test split at {where}")
                    rec.fit_findings[key] = max(n, rec.fit_findings.get(key, 0))
            if state is not None and out_hashes is not None and method in ("transform", "fit_transform"):
                seen = np.isin(x_hashes, state.site.seen_in)
                if seen.any():
                    self._merge(state.site, "seen_out", out_hashes[seen])
            if rec is not None and out_hashes is not None and method in ("transform", "fit_transform"):
                self._views[rowhash.fingerprint(out_hashes)] = rec.id
            if rec is not None and method in ("predict", "predict_proba", "predict_log_proba",
                                              "decision_function", "score", "fit_predict"):
                model = state.model if state is not None else f"{type(est).__name__}(unfitted)"
                rec.scoring.append(ScoreEvent(self.next_seq(), method, model, where))
                if output is not None and method != "score" and len(self._predictions) < _MAX_PREDICTIONS:
                    out = _hashes_or_none(output, len(x_hashes))
                    if out is not None:
                        self._predictions[rowhash.fingerprint(out, ordered=True)] = model

    # ------------------------------------------------------------------- metrics

    def on_metric(self, name: str, where: str, y_true, y_pred) -> None:
        holdouts = [r for r in self.splits if r.holdout and r.y_test_fp]
        if not holdouts:
            return
        true_h = _hashes_or_none(y_true)
        if true_h is None:
            return
        fp = rowhash.fingerprint(true_h, ordered=True)
        matched = [r for r in holdouts if r.y_test_fp == fp]
        if not matched:
            return
        model = None
        pred_h = _hashes_or_none(y_pred) if y_pred is not None else None
        if pred_h is not None:
            model = self._predictions.get(rowhash.fingerprint(pred_h, ordered=True))
        with self._lock:
            matched[-1].scoring.append(ScoreEvent(self.next_seq(), f"metric:{name}", model, where))

    # -------------------------------------------------------------------- result

    def finish(self) -> "AuditResult":
        """Add the runtime checks (fit-on-test, test-reuse) to every hold-out split."""
        with self._lock:
            for rec in self.splits:
                if not rec.holdout:
                    continue
                kept = [c for c in rec.report.checks if c.name not in RUNTIME_CHECKS]
                rec.report.checks = kept + [self._fit_check(rec), _reuse_check(rec)]
            return AuditResult(self)

    def _fit_check(self, rec: SplitRecord) -> CheckResult:
        if not rec.fit_findings:
            fitted = sum(1 for s in self.fits.values())
            return CheckResult("fit-on-test", "pass", 0, 0.0,
                               f"no fit or early stopping whose result reached this test split saw its rows "
                               f"({fitted} fit call sites recorded)")
        sites = {s.key: s for s in self.fits.values()}
        examples, worst = [], 0
        for (key, how), n in sorted(rec.fit_findings.items(), key=lambda kv: (-kv[1], kv[0][1])):
            site = sites.get(key)
            label = site.label() if site else str(key)
            examples.append({"fit": label, "test_rows_seen": int(n), "how": how})
            worst = max(worst, n)
        first = examples[0]
        detail = f"{first['fit']} saw {worst} test rows ({worst / max(rec.n_test, 1):.1%}): {first['how']}"
        if len(examples) > 1:
            detail += f" (+{len(examples) - 1} more)"
        return CheckResult("fit-on-test", "fail", worst, worst / max(rec.n_test, 1), detail, examples[:5])


def _reuse_check(rec: SplitRecord) -> CheckResult:
    models = sorted({e.model for e in rec.scoring if e.model})
    metric_calls = sum(1 for e in rec.scoring if e.kind.startswith("metric:") or e.kind == "score")
    predicts = sum(1 for e in rec.scoring if not (e.kind.startswith("metric:") or e.kind == "score"))
    detail = (f"test rows scored {_times(metric_calls)}, predicted {_times(predicts)}, "
              f"by {len(models)} fitted model{'s' * (len(models) != 1)}")
    if models:
        detail += f" ({', '.join(models[:6])}{', ...' if len(models) > 6 else ''})"
    status = "warn" if len(models) > 1 else "info"
    if len(models) > 1:
        detail += ": several models scored on one test split is selection on the test set, unless all are reported"
    examples = [{"model": e.model or "?", "call": e.kind, "where": e.where} for e in rec.scoring[:5]]
    return CheckResult("test-reuse", status, len(models), 0.0, detail, examples)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


class AuditResult:
    """The finished audit: splits with all checks, fits, seeds, errors."""

    def __init__(self, rec: Recorder):
        self.recorder = rec
        self.splits = list(rec.splits)
        self.fits = list(rec.fits.values())
        self.seeds = list(rec.seeds)
        self.errors = list(rec.errors)

    def failures(self, fail_on=None) -> list[tuple[int, str]]:
        """(split id, check) pairs that fail the run: a failed check named in ``fail_on``,
        or one that only warns (test-reuse, label-distribution) when it is named there."""
        names = expand_fail_on(self.recorder.config.fail_on if fail_on is None else fail_on)
        return [(s.id, c.name) for s in self.splits for c in s.report.checks
                if c.status in ("fail", "warn") and c.name in names]

    def ok(self, fail_on=None) -> bool:
        return not self.failures(fail_on)

    def format(self, fail_on=None, *, verbose: bool = False) -> str:
        from leaklint.runtime.report import format_audit  # keeps this module free of printing

        return format_audit(self, fail_on=fail_on, verbose=verbose)

    def __str__(self) -> str:
        return self.format()


# ----------------------------------------------------------------------- helpers


def infer_group_column(frame: pd.DataFrame):
    """A column whose name says it identifies an entity with several rows (patient_id...)."""
    n = len(frame)
    for col in frame.columns:
        if not isinstance(col, str) or not _GROUP_NAME.match(col.strip()):
            continue
        s = frame[col]
        if pd.api.types.is_float_dtype(s.dtype):
            continue
        try:
            distinct = s.nunique(dropna=True)
        except TypeError:
            continue
        if distinct >= 2 and n >= 1.5 * distinct:
            return col
    return None


def infer_time_column(frame: pd.DataFrame):
    """A date column (or a DatetimeIndex) the frame is sorted by: the data is a time series.

    Only sorted dates count: an unsorted date column may be a mere attribute (a birth
    date), and a random split of such data is not temporal leakage.
    """
    if isinstance(frame.index, pd.DatetimeIndex) and len(frame) > 1 and frame.index.is_monotonic_increasing:
        return "<index>"
    for col in frame.columns:
        s = frame[col]
        is_date = isinstance(s.dtype, pd.DatetimeTZDtype) or (isinstance(s.dtype, np.dtype) and s.dtype.kind == "M")
        if not is_date or not (isinstance(col, str) and _TIME_NAME.search(col)):
            continue
        if len(s) > 1 and s.is_monotonic_increasing and s.nunique() > 1:
            return col
    return None


def _novel_test_rows(rows_sorted: np.ndarray, seen: np.ndarray, train_sorted) -> int:
    """How many of ``rows_sorted`` are in ``seen`` but are not copies of a training row."""
    if len(rows_sorted) == 0 or len(seen) == 0:
        return 0
    hit = _in_sorted(rows_sorted, seen)
    if train_sorted is not None and len(train_sorted):
        hit &= ~_in_sorted(rows_sorted, train_sorted)
    return int(hit.sum())


def _in_sorted(values: np.ndarray, sorted_ref: np.ndarray) -> np.ndarray:
    if len(sorted_ref) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(sorted_ref, values)
    pos[pos == len(sorted_ref)] = 0
    return sorted_ref[pos] == values


def _side_fingerprint(side: Side) -> str:
    h = side.hashes
    if side.label is not None:
        h = rowhash.combine([h, rowhash.row_hashes(side.label)], len(h))
    return rowhash.fingerprint(h)


def _readable(data):
    if rowhash.is_sparse(data):
        return data
    return rowhash.as_frame(data)


def _has_column(frame, col) -> bool:
    return isinstance(frame, pd.DataFrame) and col in frame.columns


def _positional(values):
    if values is None:
        return None
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values))
    return s.reset_index(drop=True)


def _label(y):
    if y is None:
        return None
    try:
        return rowhash.as_frame(y).reset_index(drop=True)
    except rowhash.UnsupportedInput:
        return None


def _hashes_or_none(data, n: int | None = None):
    """Row hashes of ``data`` if it can be read without side effects (and has ``n`` rows)."""
    if data is None:
        return None
    try:
        h = rowhash.row_hashes(data)
    except rowhash.UnsupportedInput:
        return None
    if n is not None and len(h) != n:
        return None
    return h


def _weakrefable(obj) -> bool:
    try:
        weakref.ref(obj)
        return True
    except TypeError:
        return False
