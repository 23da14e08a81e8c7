"""Calls: user functions and classes, objects called like functions, and the dispatch to library models."""
from __future__ import annotations

import libcst as cst

from leaklint.analysis.values import NO_CONST, Info, Value, flow
from leaklint.analysis.semantics import common, containers, estimators, library_calls


def call(interp, expr: cst.Call, frame) -> Value:
    func = expr.func
    if type(func) is cst.Attribute:  # by identity, as in interpreter.py (no subclasses)
        base = interp.eval(func.value, frame)
        base = common.with_content(interp, base, frame)
        method = func.attr.value
        if base.kind == "module" or (base.qual and base.kind in ("class", "func") and base.defn is None):
            positional, keywords = common.call_args(interp, expr, frame)
            return library_call(interp, expr, f"{base.qual}.{method}", positional, keywords, frame)
        user = _user_method(interp, base, method, frame)
        if user is not None:
            positional, keywords = common.call_args(interp, expr, frame)
            obj_id, function = user
            self_value = Value(kind="object", objs=frozenset({obj_id}), node=base.node)
            interp.pending_call = expr
            result = interp.call_function(function, positional, dict(keywords), frame, self_value=self_value)
            return result
        positional, keywords = common.call_args(interp, expr, frame)
        chained = _mixin_method(interp, expr, base, method, positional, keywords, frame)
        if chained is not None:
            return chained
        return estimators.method_call(interp, expr, func, base, method, positional, keywords, frame)
    callee = interp.eval(func, frame)
    positional, keywords = common.call_args(interp, expr, frame)
    return call_value(interp, expr, callee, positional, keywords, frame)


def call_value(interp, expr, callee: Value, positional, keywords, frame) -> Value:
    from leaklint.analysis.interpreter import ClassDef, FunctionDef

    interp.pending_call = expr
    if isinstance(callee.defn, Partial):
        inner = callee.defn
        return call_value(interp, expr, inner.callee, inner.positional + list(positional),
                          {**inner.keywords, **keywords}, frame)
    if callee.kind == "method" and callee.objs:
        for obj_id in callee.objs:
            obj = frame.state.heap.get(obj_id)
            if obj is not None and obj.defn is not None:
                function = interp.find_method(obj.defn, callee.qual)
                if function is not None:
                    self_value = Value(kind="object", objs=frozenset({obj_id}))
                    return interp.call_function(function, positional, dict(keywords), frame, self_value=self_value)
    if isinstance(callee.defn, FunctionDef):
        return interp.call_function(callee.defn, positional, dict(keywords), frame)
    if isinstance(callee.defn, ClassDef):
        return interp.instantiate(callee.defn, expr, positional, keywords, frame)
    if callee.qual and callee.kind in ("module", "func", "class"):
        return library_call(interp, expr, callee.qual, positional, keywords, frame)
    if callee.objs and callee.kind != "container":
        return _call_object(interp, expr, callee, positional, keywords, frame)
    return unknown_call(interp, expr, positional, keywords)


def _user_method(interp, base: Value, method: str, frame):
    for obj_id in base.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.category == "instance" and obj.defn is not None:
            function = interp.find_method(obj.defn, method)
            if function is not None:
                return obj_id, function
    return None


def _mixin_method(interp, expr, base: Value, method: str, positional, keywords, frame) -> Value | None:
    """`fit_transform` of a user class that defines only `fit` and `transform` (sklearn's
    TransformerMixin): its own fit, then its own transform, so that what fit learns decides."""
    second = {"fit_transform": "transform", "fit_predict": "predict"}.get(method)
    if second is None:
        return None
    fit = _user_method(interp, base, "fit", frame)
    then = _user_method(interp, base, second, frame)
    if fit is None or then is None:
        return None
    obj_id = fit[0]
    self_value = Value(kind="object", objs=frozenset({obj_id}), node=base.node)
    interp.pending_call = expr
    interp.call_function(fit[1], list(positional), dict(keywords), frame, self_value=self_value)
    interp.pending_call = expr
    return interp.call_function(then[1], list(positional[:1]), {}, frame, self_value=self_value)


def _call_object(interp, expr, callee: Value, positional, keywords, frame) -> Value:
    """``model(x)``: a network's forward pass is a prediction of that model."""
    data = [v for v in list(positional) + list(keywords.values()) if v.rows]
    if not data:
        return flow(None, *positional, *keywords.values())
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="predict", inputs=[v.node for v in data])
    result = flow(node, *data)
    common.use(interp, node, "predict", result)
    fits = common.fits_of(callee, frame)
    informed = frozenset(Info(p, f.node, "model") for f in fits for p in f.rows)
    return result.with_(kind="pred", objs=frozenset(callee.objs), informed=result.informed | informed,
                        loops=result.loops | callee.loops)


def unknown_call(interp, expr, positional, keywords) -> Value:
    inputs = list(positional) + [v for k, v in keywords.items()]
    # `sp.hstack([a, b])`, `np.column_stack([...])`: what the list holds goes through.
    held = [v.elem for v in inputs if v.kind in ("container", "tuple") and not v.rows and v.elem is not None]
    node = interp.facts.add_node(expr, common.short(interp, expr), inputs=[v.node for v in inputs])
    result = flow(node, *inputs, *held)
    frames = [v for v in inputs if v.rows]
    if len(frames) == 1:
        # pd.get_dummies(df), np.log1p(df), np.array(idx): the columns of the one frame and
        # the rows an index selects go through.
        result = result.with_(cols=frames[0].cols, selector=frames[0].selector)
    if not result.rows and result.kind != "pred" and not result.evals:
        # An object from an unknown factory (a model builder): give it an identity so that
        # later fit/predict calls on it are tracked.
        result = result.with_(objs=frozenset({node}), kind="unknown")
    return result


class Partial:
    """`functools.partial(f, *args, **kwargs)`: calling it calls f with the arguments merged."""

    def __init__(self, callee: Value, positional: list, keywords: dict) -> None:
        self.callee, self.positional, self.keywords = callee, positional, keywords


def library_call(interp, expr, qual: str, positional, keywords, frame) -> Value:
    if qual == "functools.partial" and positional:
        return Value(kind="func", defn=Partial(positional[0], list(positional[1:]), dict(keywords)))
    if qual in ("os.path.join", "posixpath.join") and positional:
        # The file name is what tells a test file from a training file.
        parts = [v.const if isinstance(v.const, str) else "…" for v in positional]
        return Value(kind="const", const="/".join(parts))
    api = interp.lib.lookup(qual)
    if api is None:
        if qual.startswith("builtins."):
            return builtin_call(interp, expr, qual[len("builtins."):], positional, keywords, frame)
        return unknown_call(interp, expr, positional, keywords)
    kind = api.kind
    handler = library_calls.LIBRARY_HANDLERS.get(kind)
    if handler is not None:
        return handler(interp, expr, qual, api, positional, keywords, frame)
    if kind in library_calls.CONSTRUCTED:
        return library_calls.construct(interp, expr, qual, api, positional, keywords, frame)
    return unknown_call(interp, expr, positional, keywords)


def builtin_call(interp, expr, name, positional, keywords, frame) -> Value:
    if name == "zip":
        return Value(kind="tuple", elem=Value(kind="tuple", items=tuple(containers.element_of(interp, v) for v in positional)),
                     loops=frozenset().union(*[v.loops for v in positional]) if positional else frozenset())
    if name == "enumerate" and positional:
        return Value(kind="tuple", elem=Value(kind="tuple", items=(Value(kind="const"), containers.element_of(interp, positional[0]))))
    if name == "range":
        return Value(kind="const", elem=Value(kind="const"))
    if name == "next" and positional:
        return _next(interp, positional[0])
    if name in ("len", "print", "isinstance", "type", "id", "hasattr", "repr", "open", "super", "format", "getattr"):
        return Value(kind="const")
    if name in common.PASS_BUILTINS:
        if positional:
            value = positional[0]
            if name in ("list", "tuple", "set", "reversed", "iter", "dict", "map", "filter"):
                return value
            if value.kind == "const" and not value.rows:
                return Value(kind="const", const=_convert(name, value.const), loops=value.loops)
            return flow(None, value).with_(kind="score" if value.evals and not value.rows else flow(None, value).kind)
        return Value(kind="const")
    return unknown_call(interp, expr, positional, keywords)


def _convert(name: str, const):
    """int(3.7), str(5): the converted constant where the builtin is a plain conversion."""
    converter = {"int": int, "float": float, "str": str, "bool": bool, "abs": abs, "round": round}.get(name)
    if converter is None or const is NO_CONST:
        return NO_CONST
    try:
        return converter(const)
    except Exception:  # noqa: BLE001 - an odd literal: simply unknown
        return NO_CONST


def _next(interp, generator: Value) -> Value:
    element = containers.element_of(interp, generator)
    if element.items is None:
        return element
    items = []
    for item in element.items:
        selector = frozenset((split, "test" if side == "val" else side) for split, side in item.selector)
        for split, _ in item.selector:
            record = interp.facts.splits.get(split)
            if record is not None:
                record.kind = "holdout"
        items.append(item.with_(selector=selector))
    return element.with_(items=tuple(items))
