"""Monkeypatching that lets :class:`~leaklint.runtime.recorder.Recorder` watch a script.

Rules every hook follows, because it runs inside someone's experiment:

* it calls the original with the very same arguments, exactly once, and returns its
  result untouched; it never draws random numbers and never iterates an argument it
  does not know (a generator would be consumed);
* everything leaklint does around the call runs in ``Recorder.safely``: an exception
  there is recorded and reported, never raised into the script;
* only the outermost hooked call is observed (``Pipeline.fit`` calling the scaler's
  ``fit_transform`` is one fit, the pipeline's), tracked per thread;
* libraries are patched when the script imports them (a post-import hook on
  ``sys.meta_path``), so nothing heavy is imported on the script's behalf, and the
  import order it sees is its own.

``install()`` and ``uninstall()`` manage the one explicit registry of patches below;
``uninstall()`` restores every original.
"""
from __future__ import annotations

import functools
import importlib.abc
import inspect
import os
import site
import sys
import sysconfig
import threading
import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from leaklint.runtime import rowhash
from leaklint.runtime.recorder import Config, Recorder, Rows

FIT_METHODS = ("fit", "fit_transform", "partial_fit", "fit_predict")
APPLY_METHODS = ("transform", "predict", "predict_proba", "predict_log_proba", "decision_function", "score")
_METRIC_SUFFIXES = ("_score", "_error", "_loss", "_deviance")
_METRIC_NAMES = {"classification_report", "confusion_matrix", "matthews_corrcoef", "log_loss"}
_PRED_KWARGS = ("y_pred", "y_score", "y_prob", "y_proba", "probas_pred", "labels_pred")
_WATCHED_EXACT = {"torch", "torch.utils.data", "datasets.arrow_dataset", "xgboost.sklearn",
                  "lightgbm.sklearn", "keras"}
_MISSING = object()
_tls = threading.local()


@dataclass
class _Patch:
    owner: object
    name: str
    original: object
    on_descriptor: bool = False  # patched ``owner.fn`` of an sklearn available_if descriptor


@dataclass
class _Registry:
    """The only global state: what is patched, and the recorder hooks report to."""

    recorder: Recorder | None = None
    patches: list = field(default_factory=list)
    finder: object = None
    wrappers: dict = field(default_factory=dict)  # id(original function) -> (original, wrapper)
    rebinds: list = field(default_factory=list)
    samples: list = field(default_factory=list)  # recent DataFrame.sample results
    lock: threading.RLock = field(default_factory=threading.RLock)


_REGISTRY = _Registry()


def active() -> Recorder | None:
    return _REGISTRY.recorder


def install(config: Config | None = None) -> Recorder:
    """Patch what is importable now and what gets imported later; return the recorder."""
    with _REGISTRY.lock:
        if _REGISTRY.recorder is not None:
            return _REGISTRY.recorder
        rec = Recorder(config)
        _REGISTRY.recorder = rec
        _REGISTRY.finder = _PostImportFinder()
        sys.meta_path.insert(0, _REGISTRY.finder)
        rec.safely("install", _patch_always_there)
        for name in sorted(n for n in list(sys.modules) if _watched(n)):
            module = sys.modules.get(name)
            if module is not None:
                rec.safely(f"patch {name}", _on_import, module)
        rec.safely("rebind", _rebind_user_modules)
        return rec


def uninstall() -> Recorder | None:
    """Restore every patched attribute; return the recorder that was active."""
    with _REGISTRY.lock:
        rec = _REGISTRY.recorder
        if _REGISTRY.finder is not None and _REGISTRY.finder in sys.meta_path:
            sys.meta_path.remove(_REGISTRY.finder)
        for module_dict, name, original, wrapper in reversed(_REGISTRY.rebinds):
            if module_dict.get(name) is wrapper:
                module_dict[name] = original
        for p in reversed(_REGISTRY.patches):
            if p.on_descriptor:
                p.owner.fn = p.original
            elif p.original is _MISSING:
                try:
                    delattr(p.owner, p.name)
                except AttributeError:
                    pass
            else:
                setattr(p.owner, p.name, p.original)
        _REGISTRY.patches.clear()
        _REGISTRY.rebinds.clear()
        _REGISTRY.wrappers.clear()
        _REGISTRY.samples.clear()
        _REGISTRY.finder = None
        _REGISTRY.recorder = None
        return rec


def watch(cls: type) -> type:
    """Observe the fit/transform/predict methods of your own estimator class too."""
    _patch_estimator_class(cls)
    return cls


# ------------------------------------------------------------------ where in the script


def _library_roots() -> tuple[str, ...]:
    roots = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.add(os.path.realpath(path))
    try:
        roots.update(os.path.realpath(p) for p in site.getsitepackages())
    except AttributeError:
        pass
    roots.add(os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))  # leaklint/
    return tuple(sorted(roots))


_ROOTS = _library_roots()


@functools.lru_cache(maxsize=4096)
def _is_library(filename: str) -> bool:
    if filename.startswith("<"):
        # <stdin>, <string>, <ipython-input-...> are the user's code; <frozen runpy> is not
        return filename.startswith("<frozen")
    real = os.path.realpath(filename)
    return any(real == r or real.startswith(r + os.sep) for r in _ROOTS)


def user_site(skip: int = 1) -> str:
    """``path:line`` of the innermost frame that belongs to the user's code."""
    frame = sys._getframe(skip)
    while frame is not None:
        name = frame.f_code.co_filename
        if not _is_library(name):
            return f"{_display_path(name)}:{frame.f_lineno}"
        frame = frame.f_back
    return "<library>"


@functools.lru_cache(maxsize=1024)
def _display_path(filename: str) -> str:
    try:
        rel = os.path.relpath(filename)
    except ValueError:
        return filename
    return filename if rel.startswith("..") else rel


def _depth(kind: str) -> int:
    return getattr(_tls, kind, 0)


# ---------------------------------------------------------------- post-import patching


def _watched(name: str) -> bool:
    return name == "sklearn" or name.startswith("sklearn.") or name in _WATCHED_EXACT


class _PostImportFinder(importlib.abc.MetaPathFinder):
    """Lets the other finders find a watched module, then patches it once it has run."""

    def find_spec(self, fullname, path, target=None):
        if not _watched(fullname):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        original_exec = loader.exec_module

        def exec_module(module):
            try:
                original_exec(module)
            finally:
                try:
                    del loader.exec_module
                except AttributeError:
                    pass
            rec = _REGISTRY.recorder
            if rec is not None:
                rec.safely(f"patch {fullname}", _on_import, module)

        try:
            loader.exec_module = exec_module
        except (AttributeError, TypeError):
            pass
        return spec


def _on_import(module) -> None:
    name = module.__name__
    if name == "sklearn" or name.startswith("sklearn."):
        if name == "sklearn.base":
            for other in [m for n, m in list(sys.modules.items()) if n.startswith("sklearn.") and m is not None]:
                _patch_sklearn_module(other)
        _patch_sklearn_module(module)
        if name == "sklearn.metrics":
            for attr in dir(module):
                if attr.endswith(_METRIC_SUFFIXES) or attr in _METRIC_NAMES:
                    if inspect.isfunction(getattr(module, attr, None)):
                        _patch_function(module, attr, _wrap_metric)
    for attr, make_wrapper, also_in in _function_hooks().get(name, ()):
        # the function is defined in a submodule and re-exported: patch both names
        for owner in (module, *(sys.modules.get(m) for m in also_in)):
            if owner is not None:
                _patch_function(owner, attr, make_wrapper)
    if name == "datasets.arrow_dataset":
        cls = getattr(module, "Dataset", None)
        if cls is not None and inspect.isfunction(cls.__dict__.get("train_test_split")):
            _patch_attr(cls, "train_test_split", _wrap_hf_split(cls.__dict__["train_test_split"]))
    elif name in ("xgboost.sklearn", "lightgbm.sklearn"):
        _patch_sklearn_module(module)
    elif name == "keras":
        model = getattr(module, "Model", None)
        owner = next((c for c in getattr(model, "__mro__", ()) if "fit" in c.__dict__), None)
        if owner is not None and inspect.isfunction(owner.__dict__["fit"]):
            _patch_attr(owner, "fit", _wrap_estimator(owner.__dict__["fit"], "fit"))


def _function_hooks() -> dict:
    """Module (once imported) -> functions to wrap there and in the modules re-exporting them."""
    return {
        "sklearn.model_selection": [("train_test_split", _wrap_train_test_split, ("sklearn.model_selection._split",))],
        "torch": [("manual_seed", _wrap_seed("torch.manual_seed"), ("torch.random",))],
        "torch.utils.data": [("random_split", _wrap_random_split, ("torch.utils.data.dataset",))],
    }


def _patch_always_there() -> None:
    import random

    _patch_function(random, "seed", _wrap_seed("random.seed"))
    _patch_function(np.random, "seed", _wrap_seed("numpy.random.seed"))
    _patch_attr(pd.DataFrame, "sample", _wrap_sample(pd.DataFrame.sample))
    _patch_attr(pd.DataFrame, "drop", _wrap_drop(pd.DataFrame.drop))


def _patch_sklearn_module(module) -> None:
    base = sys.modules.get("sklearn.base")
    estimator = getattr(base, "BaseEstimator", None)
    in_split = module.__name__ == "sklearn.model_selection._split"
    for attr, obj in list(vars(module).items()):
        if not isinstance(obj, type) or obj.__module__ != module.__name__:
            continue
        if in_split and inspect.isfunction(obj.__dict__.get("split")):
            _patch_attr(obj, "split", _wrap_cv_split(obj.__dict__["split"], obj.__name__))
        # estimators, and the mixins that carry their methods (LinearClassifierMixin.predict...)
        if (estimator is not None and issubclass(obj, estimator)) or attr.endswith("Mixin"):
            _patch_estimator_class(obj)


def _patch_estimator_class(cls: type) -> None:
    for method in FIT_METHODS + APPLY_METHODS:
        attr = cls.__dict__.get(method)
        if inspect.isfunction(attr):
            _patch_attr(cls, method, _wrap_estimator(attr, method))
        elif attr is not None and inspect.isfunction(getattr(attr, "fn", None)) and hasattr(attr, "check"):
            fn = attr.fn  # sklearn's available_if descriptor: keep it, wrap what it returns
            if not getattr(fn, "__leaklint_original__", None):
                _REGISTRY.patches.append(_Patch(attr, "fn", fn, on_descriptor=True))
                attr.fn = _wrap_estimator(fn, method)


def _patch_attr(owner, name: str, wrapper) -> None:
    current = owner.__dict__.get(name, _MISSING) if isinstance(owner, type) else getattr(owner, name, _MISSING)
    if getattr(current, "__leaklint_original__", None) is not None:
        return
    _REGISTRY.patches.append(_Patch(owner, name, current))
    setattr(owner, name, wrapper)


def _patch_function(module, name: str, make_wrapper) -> None:
    original = getattr(module, name, None)
    if original is None or getattr(original, "__leaklint_original__", None) is not None:
        return
    known = _REGISTRY.wrappers.get(id(original))
    wrapper = known[1] if known else make_wrapper(original)
    _REGISTRY.wrappers[id(original)] = (original, wrapper)
    _REGISTRY.patches.append(_Patch(module, name, original))
    setattr(module, name, wrapper)


def _rebind_user_modules() -> None:
    """``from sklearn.model_selection import train_test_split`` ran before install():
    point such names in the user's own modules at the hooks too (restored by uninstall).
    Only names equal to the function's own name: a variable keeping the original is left be."""
    if not _REGISTRY.wrappers:
        return
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if module is None or (name != "__main__" and (not file or _is_library(file))):
            continue
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for attr, value in list(namespace.items()):
            known = _REGISTRY.wrappers.get(id(value))
            if known is not None and known[0] is value and attr == getattr(value, "__name__", None):
                namespace[attr] = known[1]
                _REGISTRY.rebinds.append((namespace, attr, value, known[1]))


def _mark(wrapper, original):
    wrapper.__leaklint_original__ = original
    return wrapper


# ------------------------------------------------------------------------- wrappers


def _wrap_estimator(original, method: str):
    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        rec = _REGISTRY.recorder
        if rec is None or _depth("fit_depth"):
            return original(self, *args, **kwargs)
        before = rec.safely(f"{type(self).__name__}.{method}", _before_estimator, self, method, args, kwargs)
        _tls.fit_depth = 1
        try:
            result = original(self, *args, **kwargs)
        finally:
            _tls.fit_depth = 0
        if before is not None:
            rec.safely(f"{type(self).__name__}.{method}", _after_estimator, rec, self, method, before, result)
        return result

    return _mark(wrapper, original)


def _before_estimator(est, method: str, args, kwargs):
    where = user_site(3)
    x = args[0] if args else kwargs.get("X", kwargs.get("x"))
    hashes = rowhash_or_none(x)
    if hashes is None:
        return None
    evals = []
    if method in FIT_METHODS:
        eval_set = kwargs.get("eval_set")
        if isinstance(eval_set, (list, tuple)):
            for i, item in enumerate(eval_set):
                if isinstance(item, (list, tuple)) and item:
                    evals.append((f"eval_set[{i}]", item[0]))
        val = kwargs.get("validation_data")
        if isinstance(val, (list, tuple)) and val:
            evals.append(("validation_data", val[0]))
    return where, hashes, evals


def _after_estimator(rec: Recorder, est, method: str, before, result) -> None:
    where, hashes, evals = before
    if method in FIT_METHODS:
        rec.on_fit(est, method, where, hashes, output=result if method == "fit_transform" else None,
                   eval_sets=evals)
    else:
        rec.on_apply(est, method, where, hashes, output=None if method == "score" else result)


def rowhash_or_none(data):
    if data is None:
        return None
    try:
        return rowhash.row_hashes(data)
    except (rowhash.UnsupportedInput, ValueError, TypeError):
        return None


def _wrap_train_test_split(original):
    @functools.wraps(original)
    def train_test_split(*arrays, **options):
        rec = _REGISTRY.recorder
        if rec is None or _depth("split_depth") or _depth("fit_depth"):
            return original(*arrays, **options)
        where = user_site(2)
        _tls.split_depth = 1
        try:
            result = original(*arrays, **options)
        finally:
            _tls.split_depth = 0
        rec.safely("train_test_split", _record_train_test_split, rec, where, arrays, options, result)
        return result

    return _mark(train_test_split, original)


def _record_train_test_split(rec: Recorder, where: str, arrays, options, result) -> None:
    if len(arrays) == 0 or len(result) < 2:
        return
    has_y = len(arrays) >= 2 and _label_like(arrays[1]) and len(result) >= 4
    args = {
        "test_size": options.get("test_size"),
        "train_size": options.get("train_size"),
        "random_state": describe_random_state(options.get("random_state")),
        "shuffle": options.get("shuffle", True),
        "stratify": options.get("stratify") is not None,
    }
    rec.on_split(splitter="sklearn.model_selection.train_test_split", where=where, args=args,
                 train=result[0], test=result[1],
                 y_train=result[2] if has_y else None, y_test=result[3] if has_y else None,
                 source=arrays[0] if isinstance(arrays[0], pd.DataFrame) else None)


def _label_like(y) -> bool:
    shape = getattr(y, "shape", None)
    if isinstance(y, pd.DataFrame):
        return y.shape[1] <= 4
    if shape is not None:
        return len(shape) == 1 or (len(shape) == 2 and shape[1] <= 4)
    if isinstance(y, (list, tuple)):
        return not y or not isinstance(y[0], (list, tuple, dict, np.ndarray))
    return False


def describe_random_state(rs):
    """A seed as JSON, without touching a generator's state."""
    if rs is None or isinstance(rs, (bool, np.bool_)):
        return rs if rs is None else bool(rs)
    if isinstance(rs, (int, np.integer)):
        return int(rs)
    return f"{type(rs).__name__} instance"


def _wrap_cv_split(original, cls_name: str):
    @functools.wraps(original)
    def split(self, *args, **kwargs):
        rec = _REGISTRY.recorder
        if rec is None or _depth("split_depth"):
            yield from original(self, *args, **kwargs)
            return
        where = user_site(2)
        ctx = rec.safely(f"{cls_name}.split", _cv_context, rec, self, type(self).__name__, where, args, kwargs)
        iterator = original(self, *args, **kwargs)
        fold = 0
        try:
            while True:
                _tls.split_depth = 1
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    _tls.split_depth = 0
                fold += 1
                if ctx is not None:
                    rec.safely(f"{cls_name}.split", _record_fold, rec, ctx, fold, item)
                yield item
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    return _mark(split, original)


def _cv_context(rec: Recorder, splitter, cls_name: str, where: str, args, kwargs) -> dict | None:
    x = args[0] if args else kwargs.get("X")
    y = args[1] if len(args) > 1 else kwargs.get("y")
    groups = args[2] if len(args) > 2 else kwargs.get("groups")
    hashes = rowhash_or_none(x)
    if hashes is None:
        return None
    try:
        params = {k: describe_random_state(v) if k == "random_state" else v
                  for k, v in splitter.get_params().items() if isinstance(v, (int, float, str, bool, type(None)))}
    except Exception:  # noqa: BLE001 - an exotic splitter without get_params
        params = {}
    params["groups"] = groups is not None
    return {"where": where, "splitter": f"sklearn.model_selection.{cls_name}.split", "args": params,
            "call": rec.new_call(), "x": x, "hashes": hashes, "y": y,
            "groups": None if groups is None else np.asarray(groups),
            "source": x if isinstance(x, pd.DataFrame) else None}


def _record_fold(rec: Recorder, ctx: dict, fold: int, item) -> None:
    train_idx, test_idx = (np.asarray(part) for part in item)
    y, groups = ctx["y"], ctx["groups"]
    rec.on_split(
        splitter=ctx["splitter"], where=ctx["where"], args=ctx["args"], call=ctx["call"], fold=fold,
        holdout=False, train=Rows(ctx["x"], train_idx, ctx["hashes"]), test=Rows(ctx["x"], test_idx, ctx["hashes"]),
        y_train=None if y is None else _take(y, train_idx), y_test=None if y is None else _take(y, test_idx),
        groups=None if groups is None else (groups[train_idx], groups[test_idx]), source=ctx["source"])


def _take(values, idx):
    if isinstance(values, (pd.Series, pd.DataFrame)):
        return values.iloc[idx]
    return np.asarray(values)[idx]


def _wrap_metric(original):
    @functools.wraps(original)
    def metric(*args, **kwargs):
        result = original(*args, **kwargs)
        rec = _REGISTRY.recorder
        if rec is not None and not _depth("fit_depth"):
            rec.safely(original.__name__, _record_metric, rec, original.__name__, user_site(2), args, kwargs)
        return result

    return _mark(metric, original)


def _record_metric(rec: Recorder, name: str, where: str, args, kwargs) -> None:
    y_true = args[0] if args else kwargs.get("y_true", kwargs.get("labels_true"))
    y_pred = args[1] if len(args) > 1 else next((kwargs[k] for k in _PRED_KWARGS if k in kwargs), None)
    if y_true is not None:
        rec.on_metric(name, where, y_true, y_pred)


def _wrap_seed(function: str):
    def make(original):
        @functools.wraps(original)
        def seed(*args, **kwargs):
            result = original(*args, **kwargs)
            rec = _REGISTRY.recorder
            if rec is not None:
                value = args[0] if args else next(iter(kwargs.values()), None)
                rec.safely(function, rec.on_seed, function, value, user_site(2))
            return result

        return _mark(seed, original)

    return make


def _wrap_random_split(original):
    @functools.wraps(original)
    def random_split(*args, **kwargs):
        rec = _REGISTRY.recorder
        if rec is None or _depth("split_depth"):
            return original(*args, **kwargs)
        where = user_site(2)
        result = original(*args, **kwargs)
        rec.safely("random_split", _record_random_split, rec, where, args, kwargs, result)
        return result

    return _mark(random_split, original)


def _record_random_split(rec: Recorder, where: str, args, kwargs, result) -> None:
    dataset = args[0] if args else kwargs.get("dataset")
    lengths = args[1] if len(args) > 1 else kwargs.get("lengths")
    generator = args[2] if len(args) > 2 else kwargs.get("generator")
    parts = list(result)
    if len(parts) < 2:
        return
    base, features, labels = _torch_base(dataset)
    seed = None
    if generator is not None:
        try:
            seed = int(generator.initial_seed())
        except Exception:  # noqa: BLE001 - a generator-like object without a seed
            seed = None
    args_out = {"lengths": _jsonable_lengths(lengths), "generator_seed": seed,
                "generator": "default" if generator is None or _is_default_generator(generator) else "given"}
    note = "" if features is not None else (
        "dataset items were not read (that could run its transforms); rows are identified by position")
    for k in range(1, len(parts)):
        train_pos = _base_indices(parts[0], base)
        test_pos = _base_indices(parts[k], base)
        data = features if features is not None else np.arange(len(base)).reshape(-1, 1)
        rec.on_split(
            splitter="torch.utils.data.random_split" + (f" (part 1 vs {k + 1})" if len(parts) > 2 else ""),
            where=where, args=args_out, train=Rows(data, train_pos), test=Rows(data, test_pos),
            y_train=None if labels is None else labels[train_pos],
            y_test=None if labels is None else labels[test_pos], note=note)


def _torch_base(dataset):
    """The dataset under any Subsets, and its feature/label arrays if it is a TensorDataset."""
    base = dataset
    while hasattr(base, "indices") and hasattr(base, "dataset"):
        base = base.dataset
    tensors = getattr(base, "tensors", None)
    if type(base).__name__ == "TensorDataset" and tensors:
        try:
            feats = rowhash._tensor_to_numpy(tensors[0])
            labels = rowhash._tensor_to_numpy(tensors[1]) if len(tensors) > 1 else None
            return base, feats, labels
        except rowhash.UnsupportedInput:
            pass
    return base, None, None


def _base_indices(subset, base) -> np.ndarray:
    idx = np.asarray(subset.indices, dtype=np.int64)
    ds = subset.dataset
    while ds is not base and hasattr(ds, "indices"):
        idx = np.asarray(ds.indices, dtype=np.int64)[idx]
        ds = ds.dataset
    return idx


def _jsonable_lengths(lengths):
    try:
        return [float(x) if isinstance(x, float) else int(x) for x in lengths]
    except (TypeError, ValueError):
        return repr(lengths)


def _is_default_generator(generator) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and generator is getattr(torch, "default_generator", None)


def _wrap_hf_split(original):
    @functools.wraps(original)
    def train_test_split(self, *args, **kwargs):
        rec = _REGISTRY.recorder
        if rec is None or _depth("split_depth"):
            return original(self, *args, **kwargs)
        where = user_site(2)
        _tls.split_depth = 1
        try:
            result = original(self, *args, **kwargs)
        finally:
            _tls.split_depth = 0
        rec.safely("Dataset.train_test_split", _record_hf_split, rec, where, kwargs, result)
        return result

    return _mark(train_test_split, original)


def _record_hf_split(rec: Recorder, where: str, kwargs, result) -> None:
    train, test = result["train"].to_pandas(), result["test"].to_pandas()
    label = next((c for c in ("label", "labels") if c in train.columns and c in test.columns), None)
    args = {k: describe_random_state(kwargs.get(k)) if k == "seed" else kwargs.get(k)
            for k in ("test_size", "train_size", "shuffle", "seed", "stratify_by_column")}
    rec.on_split(splitter="datasets.Dataset.train_test_split", where=where, args=args,
                 train=train.drop(columns=[label]) if label else train,
                 test=test.drop(columns=[label]) if label else test,
                 y_train=train[label] if label else None, y_test=test[label] if label else None,
                 source=None)


def _wrap_sample(original):
    @functools.wraps(original)
    def sample(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        rec = _REGISTRY.recorder
        if rec is not None and not _depth("fit_depth") and isinstance(result, pd.DataFrame):
            rec.safely("DataFrame.sample", _remember_sample, self, result, kwargs, user_site(2))
        return result

    return _mark(sample, original)


def _remember_sample(parent, result, kwargs, where) -> None:
    entry = (weakref.ref(parent), weakref.ref(result.index), where,
             {"frac": kwargs.get("frac"), "n": kwargs.get("n"),
              "random_state": describe_random_state(kwargs.get("random_state"))})
    samples = _REGISTRY.samples
    samples.append(entry)
    del samples[:-32]


def _wrap_drop(original):
    @functools.wraps(original)
    def drop(self, *args, **kwargs):
        rec = _REGISTRY.recorder
        match = None
        if rec is not None and _REGISTRY.samples and not _depth("fit_depth"):
            match = rec.safely("DataFrame.drop", _sample_match, self, args, kwargs)
        result = original(self, *args, **kwargs)
        if match is not None:
            test = self if kwargs.get("inplace") else result
            rec.safely("DataFrame.drop", _record_sample_split, rec, self, test, match)
        return result

    return _mark(drop, original)


def _sample_match(frame, args, kwargs):
    labels = args[0] if args else kwargs.get("labels")
    axis = kwargs.get("axis", 0)
    target = kwargs.get("index") if labels is None else (labels if axis in (0, "index", "rows") else None)
    if not isinstance(target, pd.Index):
        return None
    for parent_ref, index_ref, where, sample_args in reversed(_REGISTRY.samples):
        if parent_ref() is frame and index_ref() is target:
            positions = frame.index.get_indexer_for(target)
            inplace = kwargs.get("inplace", False)
            train = frame.iloc[positions] if inplace else Rows(frame, positions)
            return train, where, sample_args
    return None


def _record_sample_split(rec: Recorder, parent, test, match) -> None:
    train, where, args = match
    rec.on_split(splitter="pandas.DataFrame.sample + drop", where=where, args=args,
                 train=train, test=test, source=parent if isinstance(train, Rows) else None)
