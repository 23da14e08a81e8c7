"""What calls, subscripts and operators do to abstract values.

The interpreter walks statements; this module knows what a split, a fit, a transform, a
statistic, a score or a selection does to rows. Library specifics come from the library
models (``leaklint.library``) by category, never from the names of the user's variables.
"""
from __future__ import annotations

import re

import libcst as cst

from leaklint.analysis.facts import ColumnAssign, Fit, Note, Random, Score, Select, Source, Split, Use
from leaklint.analysis.state import FitRecord, Obj
from leaklint.analysis.values import NO_CONST, UNKNOWN, Cols, Info, Part, Value, flow, join, join_all

STATEFUL = ("transformer", "pipeline", "unknown", "instance", "search")
MODEL_LIKE = ("model", "pipeline", "search", "unknown", "instance", "trainer")
_DATE_WORDS = re.compile(r"(^|_)(date|time|timestamp|datetime|dt|ts|year|month|day|week|period|hour)s?($|_)", re.I)
_DATA_ACCESSORS = frozenset({"values", "T", "loc", "iloc", "at", "iat", "str", "dt", "cat", "array", "data",
                             "targets", "target", "features", "x", "y", "X", "dataset", "flat", "real"})
_META_ATTRS = frozenset({"shape", "columns", "dtypes", "dtype", "size", "ndim", "nbytes", "name", "names",
                         "empty", "device", "classes_", "n_features_in_", "feature_names_in_"})
_PASS_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "float", "int", "round", "abs", "str", "bool",
                            "dict", "reversed", "iter", "sum", "any", "all", "map", "filter", "pow", "divmod"})


# --------------------------------------------------------------------------- helpers
def _code(interp, node) -> str:
    try:
        return interp.module.code_for_node(node).strip()
    except Exception:  # noqa: BLE001 - code generation of an odd node; any stable text will do
        return repr(type(node))


def _short(interp, node, limit: int = 60, prefix: str = "") -> Note:
    """The code of ``node`` for traces, rendered only if a finding shows it."""
    return Note(interp.module, node, limit, prefix)


def _args(interp, call: cst.Call, frame):
    positional, keywords = [], {}
    for arg in call.args:
        value = interp.eval(arg.value, frame)
        if arg.keyword is not None:
            keywords[arg.keyword.value] = value
        elif arg.star == "*":
            if value.items is not None:
                positional.extend(value.items)
            else:
                positional.append(value)
        elif arg.star == "**":
            keywords.setdefault("**", value)
        else:
            positional.append(value)
    return positional, keywords


def _arg(positional, keywords, index, *names):
    for name in names:
        if name in keywords:
            return keywords[name]
    if index is not None and index < len(positional):
        return positional[index]
    return None


def _const(value: Value | None):
    return NO_CONST if value is None else value.const


def _narrow(interp, value: Value, split: int, side: str, node: int) -> Value:
    rows = value.rows
    selector = frozenset()
    if not rows:
        # An index array (``np.arange(n)``) or data of unknown origin: the parts it selects
        # when used as an index, and rows of its own when used as data.
        rows = frozenset({Part(_new_source(interp, node, "data of unknown origin"))})
        selector = frozenset({(split, side)})
    narrowed = frozenset(p.narrowed(split, side) for p in rows)
    return value.with_(rows=narrowed, node=node, kind="data" if value.kind in ("unknown", "const") else value.kind,
                       items=None, fields=None, objs=frozenset() if value.kind != "pred" else value.objs,
                       selector=selector, const=NO_CONST)


def _new_source(interp, node: int, note: str, role: str = "all") -> int:
    interp.facts.sources[node] = Source(node, role, note)
    return node


def _role_from_text(text) -> str:
    if not isinstance(text, str):
        return "all"
    name = text.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if re.search(r"(^|[^a-z])test", name):
        return "test"
    if re.search(r"(^|[^a-z])train", name):
        return "train"
    return "all"


def _seeded(interp, frame, value: Value | None, family: str | None) -> bool:
    if value is not None:
        if value.kind == "rng":
            return value.const == "seeded"
        if _const(value) is None:
            return family is not None and _governed(frame, family)
        if value.loops:
            interp.facts.seed_loops.update(value.loops)
        return True
    return family is not None and _governed(frame, family)


def _governed(frame, family: str) -> bool:
    seeds = frame.state.seeds
    return family in seeds or "all" in seeds


def _container(interp, expr, frame, content: Value | None, items=None, fields=None) -> Value:
    node = interp.facts.add_node(expr, "container", kind="container", inputs=[v.node for v in (items or ())])
    frame.state.put(Obj(node, None, "container", content=content))
    return Value(kind="container", node=node, objs=frozenset({node}), items=items, fields=fields,
                 elem=content, evals=content.evals if content else frozenset(),
                 loops=content.loops if content else frozenset())


def with_content(interp, value: Value, frame) -> Value:
    """A container's value as it is now (appends and item stores since it was made)."""
    content = None
    for obj_id in value.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.category == "container" and obj.content is not None:
            content = join(content, obj.content)
    if content is None:
        return value
    return value.with_(elem=join(value.elem, content), evals=value.evals | content.evals,
                       loops=value.loops | content.loops, rows=value.rows | content.rows,
                       informed=value.informed | content.informed, marks=value.marks | content.marks)


def category_of(interp, qual: str | None) -> str:
    api = interp.lib.lookup(qual)
    return api.kind if api is not None else "unknown"


def parameter_source(interp, param: cst.Param) -> Value:
    """A parameter of a function nobody in the run calls: an object of unknown origin.

    Whether `prep(df)` leaks depends on what its callers pass (all rows, or the training
    split), so the function's own data flow is not judged without a caller.
    """
    node = interp.facts.add_node(param, _short(interp, param.name, 60, "parameter "), kind="source")
    return Value(kind="unknown", node=node, objs=frozenset({node}))


# --------------------------------------------------------------------------- operators
def combine(interp, expr, values, frame) -> Value:
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitAnd) and all(v.selector for v in values):
        # `(d >= a) & (d < b)`: rows on both sides chosen, one split after the other.
        chain = tuple(pair for v in values for pair in sorted(v.selector, key=repr) if pair[0] != "&")
        return flow(None, *values).with_(selector=frozenset({("&", chain)}), kind="data")
    if any(v.kind == "container" for v in values) and isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, cst.Multiply) and values[0].items is not None and values[0].kind == "container":
            values = [values[0], values[0]]  # [df] * k: the same rows, at least twice
        if isinstance(expr.operator, (cst.Add, cst.Multiply)) and all(v.items is not None for v in values):
            items = tuple(i for v in values for i in v.items)
            return _container(interp, expr, frame, join_all(items) if items else None, items=items)
        return join_all(values).with_(items=None)
    result = flow(None, *values)
    if result.rows or result.evals or result.informed:
        node = interp.facts.add_node(expr, _short(interp, expr), inputs=[v.node for v in values])
        result = result.with_(node=node)
    if all(v.kind == "const" for v in values):
        result = result.with_(kind="const")
    return result


def unary(interp, expr: cst.UnaryOperation, value: Value) -> Value:
    if isinstance(expr.operator, cst.BitInvert) and value.selector:
        flipped = frozenset((split, _opposite(side)) for split, side in value.selector)
        return value.with_(selector=flipped)
    if isinstance(expr.operator, cst.Minus) and isinstance(value.const, (int, float)):
        return value.with_(const=-value.const)
    if isinstance(expr.operator, cst.Not) and (isinstance(value.const, bool) or (value.kind == "const" and value.const is None)):
        return Value(kind="const", const=not value.const)
    return value.with_(selector=frozenset())


def _opposite(side: str) -> str:
    return {"train": "test", "test": "train", "val": "train"}.get(side, side)


def compare(interp, expr: cst.Comparison, frame) -> Value:
    left = interp.eval(expr.left, frame)
    operands = [left]
    for target in expr.comparisons:
        operands.append(interp.eval(target.comparator, frame))
    result = flow(None, *operands)
    scoreish = [v for v in operands if v.evals or v.kind == "pred"]
    labels = [v for v in operands if v.rows and v.kind != "pred"]
    if scoreish and not labels and not interp.in_condition and not any(v.evals for v in scoreish):
        # `proba >= threshold` outside a test: predictions turned into labels, not a score.
        node = interp.facts.add_node(expr, _short(interp, expr), kind="predict", inputs=[v.node for v in operands])
        return result.with_(node=node, kind="pred")
    if scoreish:
        evals = set(result.evals)
        for v in scoreish:
            if not v.evals:
                evals.add(score_event(interp, expr, frozenset(v.objs), v.rows, v.loops, frame))
        node = interp.facts.add_node(expr, _short(interp, expr), kind="compare",
                                     inputs=[v.node for v in operands] + sorted(evals))
        varying = sum(1 for v in operands if v.kind != "const")
        return result.with_(node=node, kind="score", evals=frozenset(evals), rows=frozenset(), objs=frozenset(),
                            marks=result.marks | {("cmp", varying)})
    right = operands[1] if len(operands) > 1 else UNKNOWN
    known = _fold_none_test(left, right, expr)
    if known is not None:
        return Value(kind="const", const=known)
    if left.rows and not right.rows and len(expr.comparisons) == 1:
        return _mask(interp, expr, left, right, expr.comparisons[0].operator)
    if result.rows or result.informed:
        result = result.with_(node=interp.facts.add_node(expr, _short(interp, expr), inputs=[v.node for v in operands]))
    return result


def _fold_none_test(left: Value, right: Value, expr) -> bool | None:
    """``state is None`` where state is known to be (or not be) None."""
    if len(expr.comparisons) != 1 or not (right.kind == "const" and right.const is None):
        return None
    operator = expr.comparisons[0].operator
    if not isinstance(operator, (cst.Is, cst.IsNot, cst.Equal, cst.NotEqual)):
        return None
    if left.kind == "const" and left.const is None:
        is_none = True
    elif left.kind in ("object", "data", "container", "tuple", "func", "class", "module", "rng", "pred") and left.const is NO_CONST:
        is_none = False
    else:
        return None
    return is_none if isinstance(operator, (cst.Is, cst.Equal)) else not is_none


def _mask(interp, expr, column: Value, bound: Value, operator) -> Value:
    """``df.date < cutoff`` selects rows: one side of a split if the other side is taken too."""
    side = "train"
    if isinstance(operator, (cst.GreaterThan, cst.GreaterThanEqual)):
        side = "test"
    elif isinstance(operator, (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)):
        text = bound.const if isinstance(bound.const, str) else ""
        side = "test" if _role_from_text(text) == "test" else "train"
        if isinstance(operator, (cst.NotEqual, cst.NotIn)):
            side = _opposite(side)
    where = ("mask", _code(interp, expr.left), column.rows)
    bound_text = repr(bound.const) if bound.const is not NO_CONST else _code(interp, expr.comparisons[0].comparator)
    if isinstance(operator, (cst.Equal, cst.NotEqual)) and _role_from_text(bound.const) == "all":
        # `df[df.y == 0]` and `df[df.y == 1]` are two subsets, not the sides of one split.
        key = where + ("==", bound_text)
    elif isinstance(operator, (cst.Equal, cst.NotEqual)):
        key = where  # `df.split == "train"` and `df.split == "test"`
    else:
        key = where + ("<>", bound_text)
    split = _implicit_split(interp, key, expr, column)
    if key[-2:-1] == ("<>",):
        _pair_masks(interp, where, side, split)
    node = interp.facts.add_node(expr, _short(interp, expr), inputs=[column.node, bound.node])
    return column.with_(node=node, selector=frozenset({(split, side)}), kind="data", cols=None)


def _pair_masks(interp, where, side: str, split: int) -> None:
    """`df[df.date < "2017-07-01"]` and `df[df.date >= "2017-07-31"]`: the two sides of one
    cut of the same rows (with a gap), though their bounds differ."""
    seen = interp.mask_pairs.setdefault(where, [])
    for other_side, other_split in seen:
        if other_side != side and other_split != split:
            interp.facts.splits[split].sides.add(other_side)
            interp.facts.splits[other_split].sides.add(side)
    seen.append((side, split))


def _implicit_split(interp, key, expr, data: Value) -> int:
    split = interp.implicit_splits.get(key)
    if split is None:
        split = interp.facts.add_node(expr, _short(interp, expr, 40, "split by "), kind="split", inputs=[data.node])
        interp.implicit_splits[key] = split
        interp.facts.splits[split] = Split(split, "holdout", False, False, True, data.rows, data.marks,
                                           data.loops)
    return split


# --------------------------------------------------------------------------- containers
def sequence(interp, expr, items, frame) -> Value:
    content = join_all(items) if items else None
    if expr is None or isinstance(expr, cst.Tuple):
        value = flow(None, *items) if items else Value(kind="const")
        kind = "tuple"
        return value.with_(kind=kind, items=tuple(items), elem=content, node=_seq_node(interp, expr, items))
    return _container(interp, expr, frame, content, items=tuple(items))


def _seq_node(interp, expr, items):
    if expr is None or not any(v.rows or v.evals for v in items):
        return None
    return interp.facts.add_node(expr, _short(interp, expr), inputs=[v.node for v in items])


def dict_literal(interp, expr: cst.Dict, frame) -> Value:
    fields, values = [], []
    for element in expr.elements:
        if isinstance(element, cst.DictElement):
            key = interp.eval(element.key, frame)
            value = interp.eval(element.value, frame)
            values.append(value)
            if isinstance(key.const, str):
                fields.append((key.const, value))
        else:
            values.append(interp.eval(element.value, frame))
    content = join_all(values) if values else None
    return _container(interp, expr, frame, content, fields=tuple(fields) if fields else None)


def comprehension(interp, expr, frame) -> Value:
    mapped = _map_known_items(interp, expr, frame)
    if mapped is not None:
        return mapped
    inner = interp.fork(frame)
    for clause in _for_clauses(expr.for_in):
        iterable = interp.eval(clause.iter, inner)
        loop = interp.facts.add_node(clause, "comprehension", kind="loop", inputs=[iterable.node])
        element = element_of(interp, iterable, inner)
        interp.loops.append(loop)
        interp.bind(clause.target, element.with_(loops=element.loops | {loop}), inner, clause.iter)
        for condition in clause.ifs:
            interp.eval(condition.test, inner)
    try:
        if isinstance(expr, cst.DictComp):
            interp.eval(expr.key, inner)
            value = interp.eval(expr.value, inner)
        else:
            value = interp.eval(expr.elt, inner)
    finally:
        for _ in _for_clauses(expr.for_in):
            interp.loops.pop()
    frame.state.heap = inner.state.heap
    return _container(interp, expr, frame, value)


def _map_known_items(interp, expr, frame) -> Value | None:
    """``a, b = (f(d) for d in (x, y))``: one element per known item, kept apart."""
    clause = expr.for_in
    if isinstance(expr, cst.DictComp) or clause.inner_for_in is not None or clause.ifs:
        return None
    iterable = interp.eval(clause.iter, frame)
    if iterable.items is None or not 0 < len(iterable.items) <= 16:
        return None
    items = []
    loop = interp.facts.add_node(clause, "comprehension", kind="loop", inputs=[iterable.node])
    interp.loops.append(loop)
    try:
        for item in iterable.items:
            inner = interp.fork(frame)
            interp.bind(clause.target, item.with_(loops=item.loops | {loop}), inner, clause.iter)
            items.append(interp.eval(expr.elt, inner))
            frame.state.heap = inner.state.heap
    finally:
        interp.loops.pop()
    return _container(interp, expr, frame, join_all(items), items=tuple(items))


def _for_clauses(clause):
    while clause is not None:
        yield clause
        clause = clause.inner_for_in


def element_of(interp, value: Value, frame=None) -> Value:
    if frame is not None and value.objs and not value.rows:
        item = _instance_item(interp, value, frame)
        if item is not None:
            return item
    if value.elem is not None:
        return value.elem
    if value.items:
        return join_all(value.items)
    if value.fields:
        return join_all(v for _, v in value.fields)
    if value.rows or value.kind == "pred":
        return value.with_(items=None, fields=None)
    return Value(kind="unknown", loops=value.loops, evals=value.evals)


def _instance_item(interp, value: Value, frame) -> Value | None:
    """An item of a user Dataset class: what its ``__getitem__`` returns."""
    for obj_id in value.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is None or obj.category != "instance" or obj.defn is None:
            continue
        function = interp.find_method(obj.defn, "__getitem__")
        if function is not None:
            self_value = Value(kind="object", objs=frozenset({obj_id}))
            return interp.call_function(function, [Value(kind="const")], {}, frame, self_value=self_value)
    return None


def unpack(interp, value: Value, count: int, origin):
    if value.items is not None and len(value.items) == count:
        return list(value.items)
    if value.fields is not None and len(value.fields) == count:
        return [v for _, v in value.fields]
    return None


# --------------------------------------------------------------------------- attributes
def attribute(interp, expr: cst.Attribute, base: Value, frame) -> Value:
    name = expr.attr.value
    if base.kind == "module" or (base.qual and base.kind in ("class", "func")):
        return Value(kind="module", qual=f"{base.qual}.{name}")
    for obj_id in base.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is None:
            continue
        if name in obj.attrs:
            return with_content(interp, obj.attrs[name], frame)
        if obj.category == "instance" and obj.defn is not None:
            if interp.find_method(obj.defn, name) is not None:
                return Value(kind="method", objs=frozenset({obj_id}), qual=name)
            if name in obj.defn.attrs:
                return obj.defn.attrs[name]
    if base.kind == "object" or (base.objs and not base.rows):
        return _estimator_attribute(interp, expr, base, name, frame)
    if base.rows or base.kind == "pred":
        return _data_attribute(interp, expr, base, name)
    if base.kind == "class" and base.defn is not None and name in base.defn.attrs:
        return base.defn.attrs[name]
    key = _dotted_key(expr)
    if key is not None and key in frame.state.env:
        return frame.state.env[key]
    if base.evals or base.loops or base.informed or base.marks:
        return flow(None, base).with_(node=base.node)
    return UNKNOWN


def _dotted_key(expr) -> str | None:
    from leaklint.analysis.interpreter import _dotted

    return _dotted(expr)


def _estimator_attribute(interp, expr, base: Value, name: str, frame) -> Value:
    fits = _fits(base, frame)
    if name in ("best_estimator_", "estimator_", "model", "model_", "booster_", "get_booster"):
        return base
    if name.startswith("best_score") or name == "cv_results_":
        return Value(kind="score", loops=base.loops)
    if name.endswith("_") and fits:
        # Learned attributes (mean_, feature_importances_, scores_) carry what the fit saw.
        how = "transform"
        informed = frozenset(Info(p, f.node, how) for f in fits for p in f.rows)
        return Value(kind="unknown", informed=informed | frozenset(i for f in fits for i in f.informed),
                     loops=base.loops, node=interp.facts.add_node(expr, _short(interp, expr), inputs=[f.node for f in fits]))
    if name == "history":
        return Value(kind="unknown", loops=base.loops)
    return Value(kind="unknown", loops=base.loops, objs=base.objs if name in ("module", "named_steps", "steps") else frozenset())


def _data_attribute(interp, expr, base: Value, name: str) -> Value:
    if name in _META_ATTRS:
        return Value(kind="const", loops=base.loops)
    if name == "index":
        return base.with_(kind="index", node=base.node, cols=None)
    if name in _DATA_ACCESSORS or base.kind == "pred":
        return base.with_(items=None, fields=None)
    if name in interp.lib.data_methods.get("meta", ()):
        return Value(kind="const")
    # ``df.age``: a column of a frame.
    sources = frozenset((p.source, name) for p in base.rows)
    return base.with_(cols=Cols(frozenset({name}), True), colsrc=sources, items=None, fields=None,
                      marks=base.marks | ({("time", base.node or 0)} if name in interp_date_columns(interp) else set()))


def interp_date_columns(interp) -> set:
    return interp.date_columns


# --------------------------------------------------------------------------- subscripts
def subscript(interp, expr: cst.Subscript, frame) -> Value:
    base = interp.eval(expr.value, frame)
    elements = expr.slice
    keys = []
    for element in elements:
        if isinstance(element.slice, cst.Index):
            keys.append(("index", element.slice.value, interp.eval(element.slice.value, frame)))
        else:
            keys.append(("slice", element.slice, None))
    if base.kind == "module" and base.qual:
        return flow(None, *[k[2] for k in keys if k[2] is not None])
    if base.fields is not None and len(keys) == 1 and keys[0][0] == "index" and isinstance(keys[0][2].const, str):
        for key, value in base.fields:
            if key == keys[0][2].const:
                return value
    if isinstance(base.defn, tuple) and base.defn[0] == "dataset_dict" and keys and keys[0][0] == "index":
        return _dataset_dict_item(interp, expr, base, keys[0][2].const)
    if base.items is not None and len(keys) == 1 and keys[0][0] == "index" and isinstance(keys[0][2].const, int):
        index = keys[0][2].const
        if -len(base.items) <= index < len(base.items):
            return base.items[index]
    if base.kind == "container" and not base.rows and len(keys) == 1 and keys[0][0] == "slice":
        # `random.shuffle(samples); train = samples[:n]`: the list is the data being split.
        source = interp.container_sources.get(min(base.objs)) if base.objs else None
        if source is None:
            source = _new_source(interp, interp.facts.add_node(expr.value, _short(interp, expr.value), kind="source"),
                                 "list of samples")
            if base.objs:
                interp.container_sources[min(base.objs)] = source
        base = base.with_(rows=frozenset({Part(source)}), kind="data")
        return _select_rows_and_columns(interp, expr, base, keys)
    if base.kind == "container" or (base.objs and not base.rows and base.kind != "pred"):
        return element_of(interp, with_content(interp, base, frame)) if base.kind == "container" else base
    if not (base.rows or base.kind in ("index", "pred")):
        result = flow(None, base, *[k[2] for k in keys if k[2] is not None])
        selector = frozenset().union(*[k[2].selector for k in keys if k[2] is not None])
        if selector:
            # `days[fold_idx]`: the values a fold's indices pick select that fold wherever used.
            result = result.with_(selector=selector, kind="index")
        return result
    pieces = interp.concat_pieces.get(base.rows)
    if pieces and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "loc" and keys[0][0] == "index":
        label = keys[0][2].const
        for key, rows in pieces:
            if key is not None and key == label:
                return base.with_(rows=rows, node=interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node]))
    return _select_rows_and_columns(interp, expr, base, keys)


def _dataset_dict_item(interp, expr, base: Value, key) -> Value:
    """``ds["test"]`` of a loaded dataset dict: a source that already is one side of a split."""
    loader = base.defn[1]
    node = interp.dict_sources.get((loader, key))
    if node is None:
        node = interp.facts.add_node(expr, _short(interp, expr), kind="source", inputs=[base.node])
        role = _role_from_text(key) if isinstance(key, str) else "all"
        if isinstance(key, str) and key.lower().startswith("val"):
            role = "val"
        _new_source(interp, node, f"split {key!r} of the loaded data set", role)
        interp.dict_sources[(loader, key)] = node
    return Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=base.marks)


def _select_rows_and_columns(interp, expr, base: Value, keys) -> Value:
    row_key, col_key = keys[0], (keys[1] if len(keys) > 1 else None)
    result = base.with_(items=None, fields=None, node=None)
    if col_key is None and row_key[0] == "index" and _is_column_key(row_key[2]) and base.kind != "index":
        return _select_columns(interp, expr, result, row_key[2])
    result = _select_rows(interp, expr, result, row_key)
    if col_key is not None:
        position = _int_literal(col_key[1]) if col_key[0] == "index" else None
        if position is not None and position >= 0:
            result = result.with_(cols=Cols(frozenset({f"#{position}"}), True),
                                  colsrc=frozenset((p.source, f"#{position}") for p in result.rows))
        elif col_key[0] == "index" and _is_minus_one(col_key[1]):
            result = result.with_(cols=Cols(frozenset({"<last>"}), True),
                                  colsrc=frozenset((p.source, "<last>") for p in result.rows))
        elif col_key[0] == "index":
            result = _select_columns(interp, expr, result, col_key[2])
        else:
            result = _slice_columns(result, col_key[1])
    node = interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node] + [k[2].node for k in keys if k[2] is not None])
    return result.with_(node=node)


def _is_column_key(key: Value) -> bool:
    if isinstance(key.const, str):
        return True
    if key.kind in ("container", "tuple") and not key.rows and not key.selector:
        return True  # a list of column names, known or not
    if key.kind == "const" and not key.rows and not key.selector and not isinstance(key.const, (int, float, slice)):
        return True  # `df[col]` for col in a tuple of names
    if key.items is not None and key.items and all(isinstance(i.const, str) for i in key.items):
        return True
    return bool(key.informed) and not key.rows and not key.selector


def _select_columns(interp, expr, base: Value, key: Value) -> Value:
    names = None
    if isinstance(key.const, str):
        names = frozenset({key.const})
    elif key.items is not None and all(isinstance(i.const, str) for i in key.items):
        names = frozenset(i.const for i in key.items)
    sources = frozenset(p.source for p in base.rows)
    if names is None:
        # Columns chosen by a computed list: a selection shaped by the statistics behind it.
        # Which columns is unknown, so nothing is known of what they were computed from.
        return base.with_(cols=None, informed=base.informed | key.informed, marks=base.marks | key.marks,
                          loops=base.loops | key.loops, colsrc=frozenset())
    colsrc = frozenset((s, n) for s in sources for n in names)
    derived = frozenset(c for c in base.colsrc if c[1] in names)
    marks = base.marks
    if names & interp_date_columns(interp):
        marks = marks | {("time", base.node or 0)}
    informed = _informed_of_columns(interp, base, lambda column: column in names)
    return base.with_(cols=Cols(names, True), colsrc=colsrc | derived, marks=marks, loops=base.loops | key.loops,
                      informed=informed)


def _informed_of_columns(interp, base: Value, kept) -> frozenset:
    """What shaped the frame once the columns for which ``kept`` is false are gone: statistics
    that went only into dropped columns (a label encoded into its own column) leave with them."""
    sources = {p.source for p in base.rows}
    dropped, staying = set(), set()
    for assign in interp.facts.column_assigns:
        if assign.sources & sources:
            (staying if kept(assign.column) else dropped).update(assign.informed)
    gone = dropped - staying
    return base.informed - gone if gone else base.informed


def _slice_columns(base: Value, slice_node: cst.Slice) -> Value:
    lower, upper = slice_node.lower, slice_node.upper
    start = 0 if lower is None else _int_literal(lower)
    stop = _int_literal(upper) if upper is not None else None
    if start is not None and stop is not None and 0 <= start < stop <= 10_000:
        names = frozenset(f"#{i}" for i in range(start, stop))
        return base.with_(cols=Cols(names, True))
    if lower is None and _is_minus_one(upper):
        if base.cols is None or not base.cols.exact:
            names = base.cols.names if base.cols is not None else frozenset()
            return base.with_(cols=Cols(names | {"<last>"}, False))
    return base.with_(cols=None)


def _int_literal(node) -> int | None:
    if isinstance(node, cst.Integer):
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    return None


def _is_minus_one(node) -> bool:
    return (isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus)
            and isinstance(node.expression, cst.Integer) and node.expression.value == "1")


def _select_rows(interp, expr, base: Value, key) -> Value:
    kind, node, value = key
    if kind == "slice":
        return _positional_split(interp, expr, base, node)
    if value.selector:
        return _apply_selector(interp, base, value)
    if value.kind == "index" or value.rows:
        return base.with_(marks=base.marks | value.marks)
    return base


def _apply_selector(interp, base: Value, key: Value) -> Value:
    rows = set()
    source_rows = base.rows
    if not source_rows and base.kind == "index":
        return base.with_(selector=base.selector | key.selector, marks=base.marks | key.marks)
    for split, side in key.selector:
        chain = side if split == "&" else ((split, side),)
        for part in source_rows:
            for split_, side_ in chain:
                record = interp.facts.splits.get(split_)
                if record is not None:
                    record.sides.add(side_)
                    record.marks = record.marks | base.marks
                    use(interp, split_, "split", base)
                if not (part.path and part.path[-1][0] == split_):
                    part = part.narrowed(split_, side_)  # (else already on one side of it)
            rows.add(part)
    return base.with_(rows=frozenset(rows), marks=base.marks | key.marks, loops=base.loops | key.loops)


def _positional_split(interp, expr, base: Value, slice_node: cst.Slice) -> Value:
    lower, upper = slice_node.lower, slice_node.upper
    if slice_node.step is not None or (lower is None and upper is None):
        return base
    if lower is not None and upper is not None:
        if isinstance(lower, cst.Integer) and lower.value == "0":
            lower = None
        else:
            return base
    bound = upper if lower is None else lower
    side = "train" if lower is None else "test"
    pieces = interp.concat_pieces.get(base.rows)
    if pieces and len(pieces) >= 2:
        # `all_data[:len(train)]` takes back the first frame of a concatenation.
        rows = pieces[0][1] if side == "train" else frozenset().union(*[r for _, r in pieces[1:]])
        return base.with_(rows=rows)
    sources = frozenset(p.source for p in base.rows)
    key = ("slice", _code(interp, bound).lstrip("-"), sources if base.rows else frozenset({"index"}))
    split = _implicit_split(interp, key, expr, base)
    record = interp.facts.splits[split]
    record.marks = record.marks | base.marks
    _pair_fraction_slices(interp, bound, sources, side, split)
    if base.kind == "index" and not base.rows:
        record.sides.add(side)
        return base.with_(selector=base.selector | {(split, side)})
    record.sides.add(side)
    use(interp, split, "split", base)
    return base.with_(rows=frozenset(p.narrowed(split, side) for p in base.rows))


def _pair_fraction_slices(interp, bound, sources, side: str, split: int) -> None:
    """``df.iloc[:int(n * .85)]`` and ``df.iloc[int(n * .8):]`` are the two sides of one split
    (with 5% of the rows on both sides)."""
    fraction = _fraction_in(bound)
    seen = interp.fraction_slices.setdefault(sources, [])
    for other_fraction, other_side, other_split in seen:
        if other_side != side and other_split != split:
            # `df.iloc[:cut]` and `df.iloc[cut + gap:]`: a head and a tail of the same rows.
            head, tail = (split, other_split) if side == "train" else (other_split, split)
            head_fraction = fraction if side == "train" else other_fraction
            tail_fraction = other_fraction if side == "train" else fraction
            interp.facts.splits[head].sides.add("test")
            interp.facts.splits[tail].sides.add("train")
            if head_fraction is not None and tail_fraction is not None and head_fraction > tail_fraction:
                interp.facts.overlapping.add((head, tail))
    seen.append((fraction, side, split))


def _fraction_in(node) -> float | None:
    found = []

    class Finder(cst.CSTVisitor):
        def visit_Float(self, float_node: cst.Float) -> None:
            try:
                found.append(float(float_node.value))
            except ValueError:
                pass

    node.visit(Finder())
    fractions = [f for f in found if 0 < f < 1]
    return fractions[0] if len(fractions) == 1 else None


def store_subscript(interp, target: cst.Subscript, value: Value, frame) -> None:
    base = interp.eval(target.value, frame)
    if base.kind == "container" or (base.objs and not base.rows):
        for obj_id in base.objs:
            obj = frame.state.writable(obj_id)
            if obj is not None:
                obj.content = join(obj.content, value)
        return
    if not base.rows:
        if value.rows or value.kind == "pred":
            # `oof[idx] = model.predict(X[idx])`: the array now holds those predictions.
            root = target.value
            if isinstance(root, (cst.Name, cst.Attribute)):
                interp.bind(root, join(base, value), frame, target)
        return
    column = None
    element = target.slice[-1].slice if target.slice else None
    if isinstance(element, cst.Index):
        key = interp.eval(element.value, frame)
        if isinstance(key.const, str):
            column = key.const
    root = target.value
    while isinstance(root, cst.Subscript) or (isinstance(root, cst.Attribute) and root.attr.value in ("loc", "iloc", "at", "iat")):
        root = root.value
    store_column(interp, target, root, base, column, value, frame)


def store_column(interp, target, root, base: Value, column: str | None, value: Value, frame) -> None:
    """`df["c"] = value` (or `df.c = value`): the frame now holds what shaped the value."""
    node = interp.facts.add_node(target, _short(interp, target), kind="store", inputs=[base.node, value.node])
    cols = base.cols
    colsrc = base.colsrc
    if column is not None:
        if cols is not None:
            cols = Cols(cols.names | {column}, True) if cols.exact else Cols(cols.names - {column}, False)
        value_colsrc = value.colsrc
        shifted = any(m[0] == "shift" for m in value.marks)
        interp.facts.column_assigns.append(ColumnAssign(node, frozenset(p.source for p in base.rows), column,
                                                        value_colsrc, value.informed, shifted))
        colsrc = colsrc | frozenset((s, column) for s in {p.source for p in base.rows} if value_colsrc)
        if any(m[0] == "datetime" for m in value.marks):
            interp.date_columns.add(column)
    updated = base.with_(node=node, informed=base.informed | value.informed,
                         marks=base.marks | frozenset(m for m in value.marks if m[0] not in ("select", "shift")),
                         cols=cols, colsrc=colsrc, loops=base.loops | value.loops)
    if isinstance(root, (cst.Name, cst.Attribute)):
        interp.bind(root, updated, frame, target)


# --------------------------------------------------------------------------- events
def use(interp, node: int, what: str, value: Value) -> None:
    if value.rows:
        interp.facts.uses.append(_use(node, what, value))


def _use_features_and_target(interp, node: int, what: str, x: Value | None, y: Value | None) -> None:
    """The features and the target of a fit are used apart: a LabelEncoder of the target is
    fine, the same encoder on a feature column learns from test rows."""
    if x is not None:
        use(interp, node, what, x)
    if y is not None:
        use(interp, node, what + "_target", y)


def _use(node, what, value):
    return Use(node, what, value.rows, value.informed)


def score_event(interp, expr, objs: frozenset, rows: frozenset, loops: frozenset, frame, cv: bool = False,
                inputs=(), model_loops: frozenset = frozenset(), data_loops: frozenset = frozenset()) -> int:
    node = interp.facts.add_node(expr, _short(interp, expr, 50, "score "), kind="score", inputs=list(inputs))
    fits = frozenset(f for obj_id in objs for f in _obj_fits(frame, obj_id))
    for fit in fits:
        interp.facts.link(fit.node, node)
    for obj_id in objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.init is not None:
            model_loops = model_loops | obj.init.loops
    for fit in fits:
        model_loops = model_loops | fit.loops  # fitted on loop-varying features or data
    in_loops = frozenset(interp.loops)
    interp.facts.scores.append(Score(node, objs, fits, rows, loops | in_loops, cv, model_loops, in_loops, data_loops))
    return node


def _obj_fits(frame, obj_id):
    obj = frame.state.heap.get(obj_id)
    return obj.fits if obj is not None else ()


def _fits(value: Value, frame) -> frozenset:
    return frozenset(f for obj_id in value.objs for f in _obj_fits(frame, obj_id))


def select_event(interp, expr, evals: frozenset, loops: frozenset, inputs=()) -> int:
    node = interp.facts.add_node(expr, _short(interp, expr, 50, "selection "), kind="select",
                                 inputs=list(inputs) + sorted(evals))
    interp.facts.selects.append(Select(node, evals, loops | frozenset(interp.loops)))
    return node


def check_selection_in_if(interp, stmt, test: Value, frame) -> None:
    """``if score > best: best = ...`` chooses by the score (a selection event)."""
    if not test.evals:
        return
    cmp = [m[1] for m in test.marks if m[0] == "cmp"]
    if not cmp:
        return
    varying = max(cmp)
    in_loop = bool(interp.loops)
    if varying < 2 and not in_loop:
        return
    body = stmt.body
    if not _acts(body) and not (getattr(stmt, "orelse", None) is not None and _acts(getattr(stmt.orelse, "body", None))):
        return
    select_event(interp, stmt.test, test.evals, test.loops, inputs=[test.node])


def _acts(suite) -> bool:
    if suite is None:
        return False
    statements = suite.body if isinstance(suite, (cst.IndentedBlock, cst.SimpleStatementSuite)) else []
    for stmt in statements:
        smalls = stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ([stmt] if isinstance(stmt, cst.BaseSmallStatement) else None)
        if smalls is None:
            return True  # a compound statement: something is done
        for small in smalls:
            if isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Return, cst.Break)):
                return True
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                func = small.value.func
                name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
                if name not in ("print", "info", "debug", "warning", "log", "write", "display", "set_postfix", "append"):
                    return True
    return False


# --------------------------------------------------------------------------- calls
def call(interp, expr: cst.Call, frame) -> Value:
    func = expr.func
    if isinstance(func, cst.Attribute):
        base = interp.eval(func.value, frame)
        base = with_content(interp, base, frame)
        method = func.attr.value
        if base.kind == "module" or (base.qual and base.kind in ("class", "func") and base.defn is None):
            positional, keywords = _args(interp, expr, frame)
            return library_call(interp, expr, f"{base.qual}.{method}", positional, keywords, frame)
        user = _user_method(interp, base, method, frame)
        if user is not None:
            positional, keywords = _args(interp, expr, frame)
            obj_id, function = user
            self_value = Value(kind="object", objs=frozenset({obj_id}), node=base.node)
            interp.pending_call = expr
            result = interp.call_function(function, positional, dict(keywords), frame, self_value=self_value)
            return result
        positional, keywords = _args(interp, expr, frame)
        chained = _mixin_method(interp, expr, base, method, positional, keywords, frame)
        if chained is not None:
            return chained
        return method_call(interp, expr, func, base, method, positional, keywords, frame)
    callee = interp.eval(func, frame)
    positional, keywords = _args(interp, expr, frame)
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
    node = interp.facts.add_node(expr, _short(interp, expr), kind="predict", inputs=[v.node for v in data])
    result = flow(node, *data)
    use(interp, node, "predict", result)
    fits = _fits(callee, frame)
    informed = frozenset(Info(p, f.node, "model") for f in fits for p in f.rows)
    return result.with_(kind="pred", objs=frozenset(callee.objs), informed=result.informed | informed,
                        loops=result.loops | callee.loops)


def unknown_call(interp, expr, positional, keywords) -> Value:
    inputs = list(positional) + [v for k, v in keywords.items()]
    result = flow(None, *inputs)
    node = interp.facts.add_node(expr, _short(interp, expr), inputs=[v.node for v in inputs])
    result = result.with_(node=node)
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


# --------------------------------------------------------------------------- library calls
class Partial:
    """`functools.partial(f, *args, **kwargs)`: calling it calls f with the arguments merged."""

    def __init__(self, callee: Value, positional: list, keywords: dict) -> None:
        self.callee, self.positional, self.keywords = callee, positional, keywords


def library_call(interp, expr, qual: str, positional, keywords, frame) -> Value:
    if qual == "functools.partial" and positional:
        return Value(kind="func", defn=Partial(positional[0], list(positional[1:]), dict(keywords)))
    api = interp.lib.lookup(qual)
    if api is None:
        if qual.startswith("builtins."):
            return builtin_call(interp, expr, qual[len("builtins."):], positional, keywords, frame)
        return unknown_call(interp, expr, positional, keywords)
    kind = api.kind
    handler = _LIBRARY_HANDLERS.get(kind)
    if handler is not None:
        return handler(interp, expr, qual, api, positional, keywords, frame)
    if kind in _CONSTRUCTED:
        return construct(interp, expr, qual, api, positional, keywords, frame)
    return unknown_call(interp, expr, positional, keywords)


def builtin_call(interp, expr, name, positional, keywords, frame) -> Value:
    if name == "zip":
        return Value(kind="tuple", elem=Value(kind="tuple", items=tuple(element_of(interp, v) for v in positional)),
                     loops=frozenset().union(*[v.loops for v in positional]) if positional else frozenset())
    if name == "enumerate" and positional:
        return Value(kind="tuple", elem=Value(kind="tuple", items=(Value(kind="const"), element_of(interp, positional[0]))))
    if name == "range":
        return Value(kind="const", elem=Value(kind="const"))
    if name == "next" and positional:
        return _next(interp, positional[0])
    if name in ("len", "print", "isinstance", "type", "id", "hasattr", "repr", "open", "super", "format", "getattr"):
        return Value(kind="const")
    if name in _PASS_BUILTINS:
        if positional:
            value = positional[0]
            if name in ("list", "tuple", "set", "reversed", "iter", "dict", "map", "filter"):
                return value
            return flow(None, value).with_(kind="score" if value.evals and not value.rows else flow(None, value).kind)
        return Value(kind="const")
    return unknown_call(interp, expr, positional, keywords)


def _next(interp, generator: Value) -> Value:
    element = element_of(interp, generator)
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


def _loader(interp, expr, qual, api, positional, keywords, frame) -> Value:
    path_value = _arg(positional, keywords, 0, "filepath_or_buffer", "path", "fname", "file", "root", "f")
    saved = interp.saved_files.get(_const(path_value))
    if saved is not None:
        # Written earlier in this program: the same rows, with what shaped them.
        return saved.with_(node=interp.facts.add_node(expr, _short(interp, expr), inputs=[saved.node]))
    node = interp.facts.add_node(expr, _short(interp, expr), kind="source")
    role = _role_from_text(_const(path_value))
    split_kw = api.get("split_keyword")
    if split_kw and isinstance(_const(keywords.get(split_kw)), str):
        role = _role_from_text(_const(keywords[split_kw]))
    train_kw = api.get("train_keyword")
    if train_kw and train_kw in keywords and isinstance(_const(keywords[train_kw]), bool):
        role = "train" if keywords[train_kw].const else "test"
    marks = frozenset()
    if "parse_dates" in keywords and _const(keywords["parse_dates"]) is not False:
        marks = frozenset({("time", node)})
        names = keywords["parse_dates"].items or ()
        interp.date_columns.update(i.const for i in names if isinstance(i.const, str))
    returns = api.get("returns")
    if returns == "split_pairs":
        _new_source(interp, node, _short(interp, expr))
        split = interp.facts.add_node(expr, "train/test split shipped with the data set", kind="split")
        interp.facts.splits[split] = Split(split, "holdout", True, False, True, frozenset({Part(node)}), marks,
                                           frozenset(), {"train", "test"})
        data = Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=marks)
        train = _narrow(interp, data, split, "train", node)
        test = _narrow(interp, data, split, "test", node)
        return Value(kind="tuple", node=node, items=(Value(kind="tuple", items=(train, train)),
                                                     Value(kind="tuple", items=(test, test))))
    if returns == "dataset_dict" and not (split_kw and split_kw in keywords):
        _new_source(interp, node, _short(interp, expr))
        return Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=marks, defn=("dataset_dict", node))
    path = _const(path_value)
    if isinstance(path, str) and (path, role) in interp.loaded_paths:
        node = interp.loaded_paths[(path, role)]  # the same file loaded twice: the same rows
    else:
        _new_source(interp, node, _short(interp, expr), role)
        if isinstance(path, str):
            interp.loaded_paths[(path, role)] = node
    return Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=marks,
                 cols=Cols(frozenset(), False))


def _split(interp, expr, qual, api, positional, keywords, frame) -> Value:
    arrays = [v for v in positional if v.kind != "const"] if api.get("outputs") == "pairs" else positional[:1]
    node = interp.facts.add_node(expr, _short(interp, expr), kind="split", inputs=[v.node for v in arrays])
    seed = keywords.get(api.get("seed")) if api.get("seed") else None
    if api.get("outputs") == "list" and seed is None and len(positional) > 2:
        seed = positional[2]
    seeded = _seeded(interp, frame, seed, api.get("family"))
    shuffled = api.get("shuffle_default", True)
    if api.get("shuffle") and api.get("shuffle") in keywords and _const(keywords[api.get("shuffle")]) is False:
        shuffled = False
    rows = frozenset().union(*[v.rows for v in arrays]) if arrays else frozenset()
    marks = frozenset().union(*[v.marks for v in arrays]) if arrays else frozenset()
    loops = frozenset().union(*[v.loops for v in arrays]) | (seed.loops if seed is not None else frozenset())
    interp.facts.splits[node] = Split(node, "holdout", True, shuffled, seeded, rows, marks, loops, {"train", "test"})
    if shuffled:
        interp.facts.randoms.append(Random(node, "split", seeded, node))
    for value in arrays:
        use(interp, node, "split", value)
    if api.get("outputs") == "pairs":
        items = []
        for value in arrays:
            items.append(_narrow(interp, value, node, "train", node).with_(loops=value.loops | loops))
            items.append(_narrow(interp, value, node, "test", node).with_(loops=value.loops | loops))
        return Value(kind="tuple", node=node, items=tuple(items))
    count = _split_count(interp, api, positional, keywords)
    data = arrays[0] if arrays else UNKNOWN
    sides = ["train"] + ["val"] * (count - 2) + ["test"] if count >= 2 else ["train", "test"]
    items = tuple(_narrow(interp, data, node, side, node).with_(loops=data.loops | loops) for side in sides)
    return Value(kind="tuple", node=node, items=items, elem=join_all(items))


def _split_count(interp, api, positional, keywords) -> int:
    lengths = positional[1] if len(positional) > 1 else keywords.get("lengths") or keywords.get("indices_or_sections")
    if lengths is not None and lengths.items is not None:
        return len(lengths.items) + (1 if api.get("outputs") == "list" and "numpy" in str(api.options) else 0)
    if lengths is not None and isinstance(lengths.const, int):
        return lengths.const
    return 2


def _cross_validation(interp, expr, qual, api, positional, keywords, frame) -> Value:
    estimator = _arg(positional, keywords, api.get("estimator"), "estimator")
    x = _arg(positional, keywords, api.get("x"), "X", "x", "dtrain", "train_set")
    y = _arg(positional, keywords, api.get("y"), "y")
    x = materialize(interp, x) if x is not None else None
    y = materialize(interp, y) if y is not None else None
    data = [v for v in (x, y) if v is not None]
    node = interp.facts.add_node(expr, _short(interp, expr), kind="cv", inputs=[v.node for v in data])
    value = flow(None, *data)
    cv = keywords.get(api.get("cv") or "cv") or keywords.get("folds")
    shuffled, splitter = _splitter_of(cv, frame)
    interp.facts.splits[node] = Split(node, "cv", True, shuffled, True, value.rows, value.marks, value.loops,
                                      {"train", "val"}, splitter)
    _use_features_and_target(interp, node, "cv", x, y)
    if x is not None and y is not None:
        model = min(estimator.objs) if estimator is not None and estimator.objs else node
        interp.facts.fits.append(Fit(node, model, "cv",
                                     value.rows, frozenset(), None, x.cols, x.colsrc, x.rows, y.colsrc, y.cols, value.loops))
    objs = estimator.objs if estimator is not None else frozenset()
    loops = value.loops | (estimator.loops if estimator is not None else frozenset())
    for obj_id in objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.init is not None:
            loops = loops | obj.init.loops
    if api.get("returns") == "pred":
        return Value(kind="pred", node=node, rows=frozenset(Part(p.source, p.path + ((node, "val"),)) for p in value.rows),
                     objs=frozenset(), loops=loops)
    score = score_event(interp, expr, objs, value.rows, loops, frame, cv=True, inputs=[node])
    return Value(kind="score", node=score, evals=frozenset({score}), loops=loops)


def _splitter_of(cv: Value | None, frame):
    """Whether a ``cv=`` argument shuffles, and where that splitter was made."""
    if cv is None:
        return False, None
    for obj_id in cv.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.category == "cv_splitter":
            return bool(obj.kwargs.get("__shuffled__")), obj_id
    return False, None


def _metric(interp, expr, qual, api, positional, keywords, frame) -> Value:
    y_true = _arg(positional, keywords, api.get("y_true", 0), "y_true", "labels_true", "target", "references")
    y_pred = _arg(positional, keywords, api.get("y_pred", 1), "y_pred", "y_score", "y_prob", "probas_pred",
                  "labels_pred", "preds", "predictions", "input")
    values = [v for v in (y_true, y_pred) if v is not None]
    if not values:
        return Value(kind="score")
    preds = [v for v in values if v.kind == "pred"]
    objs = frozenset().union(*[v.objs for v in preds]) if preds else frozenset()
    rows = (preds[0].rows if preds and preds[0].rows else frozenset().union(*[v.rows for v in values]))
    loops = frozenset().union(*[v.loops for v in values])
    if not rows and not objs and not any(v.evals for v in values):
        return Value(kind="score", loops=loops)
    truth = y_true.loops if y_true is not None else frozenset()
    node = score_event(interp, expr, objs, rows, loops, frame, inputs=[v.node for v in values], data_loops=truth)
    return Value(kind="score", node=node, evals=frozenset({node}) | frozenset().union(*[v.evals for v in values]), loops=loops)


def _statistic(interp, expr, qual, api, positional, keywords, frame) -> Value:
    data = [v for v in list(positional) + list(keywords.values()) if v.rows]
    if any(v.kind == "pred" for v in data) and api.get("returns") == "summary":
        rows = frozenset().union(*[v.rows for v in data])
        objs = frozenset().union(*[v.objs for v in data])
        loops = frozenset().union(*[v.loops for v in data])
        node = score_event(interp, expr, objs, rows, loops, frame, inputs=[v.node for v in data])
        return Value(kind="score", node=node, evals=frozenset({node}), loops=loops)
    if not data:
        inputs = list(positional) + list(keywords.values())
        if any(v.evals for v in inputs):
            return flow(None, *inputs).with_(kind="score", rows=frozenset())
        return flow(None, *inputs)
    # A statistic function returns the data rescaled (the same rows) unless the library model
    # says it returns a summary (np.mean: one number per column).
    return statistic_of(interp, expr, data, keeps_rows=api.get("returns") != "summary")


def statistic_of(interp, expr, data, keeps_rows: bool) -> Value:
    node = interp.facts.add_node(expr, _short(interp, expr, 60), kind="stat", inputs=[v.node for v in data])
    informed = frozenset(Info(p, node, "stat") for v in data for p in v.rows)
    base = flow(node, *data)
    # A statistic is not a row-wise function of its input columns: it remembers them apart,
    # so that a target mean computed on the training rows is not "computed from the target".
    interp.facts.stat_colsrc[node] = base.colsrc
    result = base.with_(informed=base.informed | informed, colsrc=frozenset())
    if not keeps_rows:
        result = result.with_(rows=frozenset(), kind="unknown", cols=None)
    return result


def _seed(interp, expr, qual, api, positional, keywords, frame) -> Value:
    family = api.get("family", "numpy")
    value = _arg(positional, keywords, 0, "seed")
    if value is not None and _const(value) is None:
        return Value(kind="const")
    frame.state.seeds = frame.state.seeds | {family}
    if value is not None and value.loops:
        interp.facts.seed_loops.update(value.loops)
    return Value(kind="const")


def _rng(interp, expr, qual, api, positional, keywords, frame) -> Value:
    seed = _arg(positional, keywords, 0, "seed", "x")
    seeded = seed is not None and _const(seed) is not None
    if seed is not None and seed.loops:
        interp.facts.seed_loops.update(seed.loops)
    return Value(kind="rng", const="seeded" if seeded else "unseeded", loops=seed.loops if seed is not None else frozenset())


_RANDOM_DATA = frozenset({"choice", "standard_normal", "normal", "rand", "randn", "random", "uniform", "integers",
                          "randint", "random_sample", "binomial", "poisson", "exponential", "multivariate_normal",
                          "beta", "gamma", "lognormal", "multinomial", "dirichlet", "laplace", "standard_t"})


def _synthetic_source(interp, expr) -> Value:
    """Random numbers drawn as data (``rng.standard_normal((n, d))``): a data set of its own."""
    node = interp.facts.add_node(expr, _short(interp, expr), kind="source")
    _new_source(interp, node, _short(interp, expr))
    return Value(kind="data", node=node, rows=frozenset({Part(node)}), cols=Cols(frozenset(), False))


def _shuffle(interp, expr, qual, api, positional, keywords, frame, rng: Value | None = None) -> Value:
    if qual.endswith("choice") and rng is None:
        if _const(keywords.get("replace")) is not False:
            return _synthetic_source(interp, expr)
        return _random_sample(interp, expr, _seeded(interp, frame, None, api.get("family") if api else "numpy"))
    node = interp.facts.add_node(expr, _short(interp, expr), kind="shuffle", inputs=[v.node for v in positional])
    if rng is not None:
        seeded = rng.const == "seeded"
    else:
        seeded = _seeded(interp, frame, keywords.get(api.get("seed")) if api.get("seed") else None, api.get("family"))
    interp.facts.randoms.append(Random(node, "shuffle", seeded, None))
    mark = ("shuffle", node)
    if not positional:
        return Value(kind="index", node=node, marks=frozenset({mark}))
    results = []
    for value in positional:
        kind = value.kind if value.rows or value.kind == "container" else "index"
        results.append(value.with_(node=node, marks=value.marks | {mark}, kind=kind, items=None))
    if len(results) > 1 and api.get("seed"):
        return Value(kind="tuple", items=tuple(results), node=node)
    leaf = qual.rsplit(".", 1)[-1]
    if leaf == "shuffle" and isinstance(expr.args[0].value if expr.args else None, cst.Name):
        interp.bind(expr.args[0].value, results[0], frame, expr)  # in place
    return results[0]


def _random_sample(interp, expr, seeded: bool) -> Value:
    """``rng.choice(n, size=k, replace=False)``: indices of a random subset of the rows."""
    node = interp.facts.add_node(expr, _short(interp, expr), kind="sample")
    interp.facts.splits[node] = Split(node, "holdout", False, True, seeded, frozenset(), frozenset(), frozenset())
    interp.facts.splits[node].sides.add("test")
    interp.facts.randoms.append(Random(node, "sample", seeded, node))
    return Value(kind="index", node=node, selector=frozenset({(node, "test")}))


def _concat(interp, expr, qual, api, positional, keywords, frame) -> Value:
    parts = []
    first = positional[0] if positional else None
    if first is not None and first.items:
        parts = list(first.items)
    elif first is not None and first.elem is not None and not first.rows:
        parts = [first.elem]  # frames appended to a list in a loop
    else:
        parts = list(positional)
    axis = keywords.get("axis")
    if axis is not None and _const(axis) in (1, "columns"):
        result = flow(None, *parts).with_(cols=None)
        return result.with_(node=interp.facts.add_node(expr, _short(interp, expr), inputs=[v.node for v in parts]))
    node = interp.facts.add_node(expr, _short(interp, expr), kind="concat", inputs=[v.node for v in parts])
    result = flow(node, *parts)
    keys = keywords.get("keys")
    labels = [i.const for i in keys.items] if keys is not None and keys.items is not None else [None] * len(parts)
    if len(labels) == len(parts) and len({p for v in parts for p in v.rows}) == sum(len(v.rows) for v in parts):
        # Remember the pieces so that `both.loc["train"]` or `both[:n_train]` can take them apart again.
        interp.concat_pieces[result.rows] = tuple((label, v.rows) for label, v in zip(labels, parts))
    duplicated = _duplicated_rows(parts)
    if duplicated:
        interp.facts.resamples[node] = "rows duplicated"
        result = result.with_(informed=result.informed | frozenset(Info(p, node, "resample") for p in duplicated))
    cols = parts[0].cols if parts and all(v.cols == parts[0].cols for v in parts) else None
    return result.with_(cols=cols, colsrc=frozenset().union(*[v.colsrc for v in parts]) if parts else frozenset())


def _duplicated_rows(parts) -> set:
    """Rows present twice in a concatenation (``concat([df, df[df.y == 1]])``)."""
    found = set()
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            for pa in a.rows:
                for pb in b.rows:
                    if pa.contains(pb):
                        found.add(pa)
                    elif pb.contains(pa):
                        found.add(pb)
    return found


def _select(interp, expr, qual, api, positional, keywords, frame) -> Value:
    inputs = list(positional) + list(keywords.values())
    inputs = [with_content(interp, v, frame) for v in inputs]
    evals = frozenset().union(*[v.evals for v in inputs]) if inputs else frozenset()
    keyfunc = keywords.get("key")
    if keyfunc is not None and keyfunc.defn is not None and positional:
        scored = call_value(interp, expr, keyfunc, [element_of(interp, positional[0])], {}, frame)
        evals |= scored.evals
    result = flow(None, *inputs)
    scored = [v for v in positional if v.evals]
    several = len(scored) > 1 or any(v.kind in ("container", "tuple") or v.elem is not None or v.loops for v in scored)
    if evals and several:
        node = select_event(interp, expr, evals, result.loops, inputs=[v.node for v in inputs])
        return result.with_(node=node, marks=result.marks | {("select", node)}, kind="score")
    if positional and positional[0].elem is not None:
        return join(result, positional[0].elem)
    return result


def _time(interp, expr, qual, api, positional, keywords, frame) -> Value:
    result = flow(None, *positional, *keywords.values())
    node = interp.facts.add_node(expr, _short(interp, expr), kind="time", inputs=[v.node for v in positional])
    return result.with_(node=node, marks=result.marks | {("time", node), ("datetime", node)}, colsrc=result.colsrc)


def _meta(interp, expr, qual, api, positional, keywords, frame) -> Value:
    return Value(kind="const")


def _resample_function(interp, expr, qual, api, positional, keywords, frame) -> Value:
    replace = keywords.get("replace")
    if replace is not None and _const(replace) is False:
        return unknown_call(interp, expr, positional, keywords)
    return _resample(interp, expr, positional, "resample")


def _resample(interp, expr, arrays, how: str) -> Value:
    node = interp.facts.add_node(expr, _short(interp, expr, 50, "resample "), kind="resample",
                                 inputs=[v.node for v in arrays])
    interp.facts.resamples[node] = _short(interp, expr)
    results = []
    for value in arrays:
        informed = frozenset(Info(p, node, "resample") for p in value.rows)
        results.append(value.with_(node=node, informed=value.informed | informed, items=None))
    if len(results) == 1:
        return results[0]
    return Value(kind="tuple", node=node, items=tuple(results))


def _train_function(interp, expr, qual, api, positional, keywords, frame) -> Value:
    node = interp.facts.add_node(expr, _short(interp, expr), kind="object")
    obj = Obj(node, qual, "model")
    frame.state.put(obj)
    model = Value(kind="object", node=node, objs=frozenset({node}))
    data = _arg(positional, keywords, api.get("data"), api.get("data_keyword") or "dtrain")
    _fit(interp, expr, model, obj, [data] if data is not None else [], keywords, frame, node=node)
    return model


def _subset(interp, expr, qual, api, positional, keywords, frame) -> Value:
    if len(positional) < 2:
        return unknown_call(interp, expr, positional, keywords)
    base, index = positional[0], positional[1]
    if index.selector:
        result = _apply_selector(interp, base, index)
    else:
        result = base.with_(marks=base.marks | index.marks)
    return result.with_(node=interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node, index.node]))


_CONSTRUCTED = ("transformer", "stateless", "label", "model", "pipeline", "search", "resampler", "cv_splitter",
                "trainer", "study", "argparser")


def construct(interp, expr, qual, api, positional, keywords, frame) -> Value:
    node = interp.allocation(expr, _short(interp, expr), [v.node for v in list(positional) + list(keywords.values())])
    category = api.kind
    obj = Obj(node, qual, category, init=flow(None, *positional, *keywords.values()), kwargs=dict(keywords))
    if category == "pipeline":
        obj.category = _pipeline_category(interp, positional, frame)
    if category == "search":
        estimator = _arg(positional, keywords, api.get("estimator", 0), "estimator")
        if estimator is not None:
            obj.attrs["__estimator__"] = estimator
    if category == "cv_splitter":
        shuffled = api.get("shuffle_default", False)
        if api.get("shuffle") and api.get("shuffle") in keywords:
            shuffled = _const(keywords[api.get("shuffle")]) is not False
        obj.kwargs["__shuffled__"] = shuffled
        obj.kwargs["__time__"] = bool(api.get("time_ordered"))
        seed = keywords.get(api.get("seed")) if api.get("seed") else None
        if shuffled:
            seeded = _seeded(interp, frame, seed, api.get("family"))
            interp.facts.randoms.append(Random(node, "cv", seeded, None))
    for value in keywords.values():
        if value.loops and category in ("model", "pipeline", "search", "transformer"):
            pass
    if "random_state" in keywords or "seed" in keywords or "random_seed" in keywords:
        seed = keywords.get("random_state") or keywords.get("seed") or keywords.get("random_seed")
        if seed is not None and seed.loops:
            interp.facts.seed_loops.update(seed.loops)
    frame.state.put(obj)
    loops = obj.init.loops if obj.init is not None else frozenset()
    return Value(kind="object", node=node, objs=frozenset({node}), qual=qual, loops=loops)


def _pipeline_category(interp, positional, frame) -> str:
    steps = []
    for value in positional:
        if value.items is not None:
            for item in value.items:
                steps.append(item.items[-1] if item.items else item)
        else:
            steps.append(value)
    if not steps:
        return "pipeline"
    last = steps[-1]
    categories = {frame.state.heap[o].category for o in last.objs if o in frame.state.heap}
    if categories and categories <= {"transformer", "stateless", "label"}:
        return "transformer"
    return "pipeline"


def _saver(interp, expr, qual, api, positional, keywords, frame) -> Value:
    data, path = _arg(positional, keywords, api.get("data", 0), "obj", "value", "arr", "X"), \
        _arg(positional, keywords, api.get("path", 1), "f", "filename", "fname", "file", "path")
    if qual.startswith("numpy."):
        path, data = data, path  # np.save(file, arr)
    save(interp, path, data)
    return Value(kind="const")


def save(interp, path: Value | None, data: Value | None) -> None:
    """Remember what was written to a constant path, for a later load of the same file."""
    if path is not None and data is not None and isinstance(path.const, str) and (data.rows or data.informed):
        interp.saved_files[path.const] = data


def _passthrough(interp, expr, qual, api, positional, keywords, frame) -> Value:
    wrapped = [v for v in positional[:1] if v.objs and not v.rows and v.kind == "object"]
    if wrapped:
        return wrapped[0]  # DataLoader(dataset) iterates like the dataset it wraps
    return unknown_call(interp, expr, positional, keywords)


_LIBRARY_HANDLERS = {
    "passthrough": _passthrough,
    "saver": _saver,
    "loader": _loader,
    "split": _split,
    "cross_validation": _cross_validation,
    "metric": _metric,
    "statistic": _statistic,
    "seed": _seed,
    "rng": _rng,
    "shuffle": _shuffle,
    "concat": _concat,
    "select": _select,
    "time": _time,
    "meta": _meta,
    "resample": _resample_function,
    "train_function": _train_function,
    "subset": _subset,
}


# --------------------------------------------------------------------------- methods
def method_call(interp, expr, func, base: Value, method: str, positional, keywords, frame) -> Value:
    role = interp.lib.estimator_methods.get(method)
    if base.kind == "rng":
        if method == "manual_seed":
            return base.with_(const="seeded")
        if method in ("permutation", "shuffle"):
            return _shuffle(interp, expr, method, None, positional, keywords, frame, rng=base)
        if method == "choice" and _const(keywords.get("replace")) is False:
            return _random_sample(interp, expr, base.const == "seeded")
        if method in _RANDOM_DATA:
            return _synthetic_source(interp, expr)
        return Value(kind="const")
    if base.objs and base.kind not in ("data", "pred", "container", "tuple", "score") and (role is not None or not base.rows):
        return estimator_method(interp, expr, base, method, role, positional, keywords, frame)
    if base.kind == "container" or (base.objs and base.kind == "container"):
        return container_method(interp, expr, func, base, method, positional, keywords, frame)
    if base.kind == "pred" and method == "backward":
        return _backward(interp, expr, base, frame)
    if base.rows or base.kind in ("pred", "index"):
        if role in ("predict", "score") and base.kind == "data":
            # A value that came out of an unknown training function and is asked to predict:
            # a model fitted on the rows it was made from.
            return _implicit_model(interp, expr, base, method, role, positional, keywords, frame)
        return data_method(interp, expr, func, base, method, positional, keywords, frame)
    if base.evals:
        return _score_method(interp, expr, base, method, positional, keywords, frame)
    if base.informed or base.loops or base.marks:
        # A summary (``df.corr()["y"].drop("y")``) keeps what shaped it.
        return flow(interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node]), base, *positional)
    return unknown_call(interp, expr, positional, keywords)


def _score_method(interp, expr, base, method, positional, keywords, frame):
    if method in interp.lib.data_methods.get("select", ()):
        node = select_event(interp, expr, base.evals, base.loops, inputs=[base.node])
        return base.with_(node=node, marks=base.marks | {("select", node)})
    return flow(None, base, *positional)


def container_method(interp, expr, func, base: Value, method: str, positional, keywords, frame) -> Value:
    if method in ("append", "add", "extend", "insert", "update", "appendleft", "setdefault", "put"):
        added = join_all(positional + list(keywords.values()))
        if method == "extend" or method == "update":
            added = element_of(interp, added) if method == "extend" else added
        for obj_id in base.objs:
            obj = frame.state.writable(obj_id)
            if obj is not None:
                obj.content = join(obj.content, added)
        return Value(kind="const")
    if method in ("items",):
        return Value(kind="tuple", elem=Value(kind="tuple", items=(Value(kind="const"), element_of(interp, base))),
                     evals=base.evals, loops=base.loops)
    if method in ("values", "copy"):
        return base if method == "copy" else Value(kind="tuple", elem=element_of(interp, base), evals=base.evals, loops=base.loops)
    if method in ("get", "pop", "__getitem__"):
        return element_of(interp, base)
    if method in ("index",) and base.evals:
        return _score_method(interp, expr, base, "argmax", positional, keywords, frame)
    if base.evals and method in interp.lib.data_methods.get("select", ()):
        return _score_method(interp, expr, base, method, positional, keywords, frame)
    return flow(None, base, *positional)


def _implicit_model(interp, expr, base, method, role, positional, keywords, frame) -> Value:
    node = base.node if base.node is not None else interp.facts.add_node(expr, "model", kind="object")
    obj = frame.state.heap.get(node)
    if obj is None:
        obj = Obj(node, None, "model", fits=frozenset({FitRecord(node, base.rows, base.informed, base.loops)}))
        frame.state.put(obj)
    model = Value(kind="object", node=node, objs=frozenset({node}), loops=base.loops)
    return estimator_method(interp, expr, model, method, role, positional, keywords, frame)


def _backward(interp, expr, loss: Value, frame) -> Value:
    """``loss.backward()`` trains the model whose predictions the loss compares."""
    for obj_id in loss.objs:
        obj = interp.heap_obj(frame, obj_id, "model")
        node = interp.facts.add_node(expr, _short(interp, expr, 60, "train on "), kind="fit", inputs=[loss.node])
        record = FitRecord(node, loss.rows, loss.informed, loss.loops)
        obj.fits = obj.fits | {record}
        interp.facts.uses.append(Use(node, "fit", loss.rows, loss.informed))
        interp.facts.fits.append(Fit(node, obj_id, obj.category, loss.rows, frozenset(), None, None, frozenset(),
                                     loss.rows, frozenset(), None, loss.loops))
    return Value(kind="const")


def estimator_method(interp, expr, base: Value, method: str, role, positional, keywords, frame) -> Value:
    results = []
    for obj_id in sorted(base.objs):
        obj = interp.heap_obj(frame, obj_id)
        results.append(_estimator_method_on(interp, expr, base, obj, method, role, positional, keywords, frame))
    return join_all(results)


def _estimator_method_on(interp, expr, base, obj: Obj, method, role, positional, keywords, frame) -> Value:
    model = Value(kind="object", node=base.node, objs=frozenset({obj.id}), loops=base.loops | _obj_loops(obj))
    if obj.category == "study" and method == "optimize":
        return _optimize(interp, expr, positional, keywords, frame)
    if obj.category == "argparser":
        return _argparser_method(interp, obj, model, method, positional, keywords)
    if obj.category == "trainer":
        return _trainer_method(interp, expr, model, obj, method, positional, keywords, frame)
    if obj.category == "cv_splitter" and method in ("split", "get_n_splits"):
        return _cv_split(interp, expr, obj, positional, keywords, frame) if method == "split" else Value(kind="const")
    if role is None:
        if method == "manual_seed":
            return Value(kind="rng", const="seeded")
        return model if method in ("compile", "set_params", "add", "to", "cuda", "cpu", "train", "eval") else flow(None, *positional, *keywords.values())
    if role == "fit":
        if obj.category == "unknown" and not positional and not keywords:
            return model
        _fit(interp, expr, model, obj, positional[:2], keywords, frame, partial=(method == "partial_fit"))
        return model
    if role == "fit_transform":
        record = _fit(interp, expr, model, obj, positional[:2], keywords, frame)
        return _transform(interp, expr, obj, positional[:1], frame, record_fits=frozenset({record}))
    if role == "fit_predict":
        record = _fit(interp, expr, model, obj, positional[:2], keywords, frame)
        if obj.category in ("transformer",):
            return _transform(interp, expr, obj, positional[:1], frame, record_fits=frozenset({record}))
        return _predict(interp, expr, model, obj, positional[:1], frame)
    if role == "fit_resample":
        node_before = interp.facts.graph.number_of_nodes()
        del node_before
        return _resample(interp, expr, positional[:2], "resample")
    if role == "transform":
        if obj.category in MODEL_LIKE and obj.category not in ("pipeline", "unknown", "instance") and obj.category != "transformer":
            return _predict(interp, expr, model, obj, positional[:1], frame)
        return _transform(interp, expr, obj, positional[:1], frame)
    if role == "predict":
        return _predict(interp, expr, model, obj, positional[:1] or list(keywords.values())[:1], frame)
    if role == "score":
        data = [v for v in positional[:2] + [keywords.get(k) for k in ("X", "x", "y") if k in keywords] if v is not None]
        value = flow(None, *data)
        node = interp.facts.add_node(expr, _short(interp, expr), kind="predict", inputs=[v.node for v in data])
        _use_features_and_target(interp, node, "score", _arg(positional, keywords, 0, "X", "x"),
                                 _arg(positional, keywords, 1, "y"))
        score = score_event(interp, expr, frozenset({obj.id}), value.rows, value.loops | model.loops, frame, inputs=[node],
                            data_loops=value.loops)
        return Value(kind="score", node=score, evals=frozenset({score}), loops=value.loops | model.loops)
    if role == "split":
        return _cv_split(interp, expr, obj, positional, keywords, frame)
    return flow(None, *positional)


def _obj_loops(obj: Obj) -> frozenset:
    loops = obj.init.loops if obj.init is not None else frozenset()
    for fit in obj.fits:
        loops = loops | fit.loops
    return loops


def _fit(interp, expr, model: Value, obj: Obj, data, keywords, frame, partial: bool = False, node: int | None = None) -> FitRecord:
    data = [v for v in data if v is not None]
    x = materialize(interp, data[0] if data else (keywords.get("X") or keywords.get("x") or UNKNOWN))
    y = materialize(interp, data[1] if len(data) > 1 else (keywords.get("y") or UNKNOWN))
    value = flow(None, x, y)
    if node is None:
        node = interp.facts.add_node(expr, _short(interp, expr, 60), kind="fit", inputs=[x.node, y.node, model.node])
    eval_rows, eval_node = frozenset(), None
    for keyword in interp.lib.eval_keywords:
        if keyword in keywords:
            held = _all_rows(keywords[keyword])
            if held:
                eval_rows = eval_rows | held
                eval_node = node
                interp.facts.link(keywords[keyword].node, node)
    loops = value.loops | model.loops | _obj_loops(obj)
    record = FitRecord(node, value.rows, value.informed, loops)
    obj.fits = (obj.fits | {record}) if partial else frozenset({record})
    _use_features_and_target(interp, node, "fit", x, y)
    if obj.category == "search":
        shuffled, splitter = _splitter_of(obj.kwargs.get("cv"), frame)
        interp.facts.splits[node] = Split(node, "cv", True, shuffled, True, value.rows, value.marks,
                                          value.loops, {"train", "val"}, splitter)
        _use_features_and_target(interp, node, "cv", x, y)
    interp.facts.fits.append(Fit(node, obj.id, obj.category, value.rows, eval_rows, eval_node, x.cols, x.colsrc,
                                 x.rows, y.colsrc, y.cols, loops))
    return record


def _all_rows(value: Value) -> frozenset:
    rows = set(value.rows)
    for item in value.items or ():
        rows |= _all_rows(item)
    if value.elem is not None:
        rows |= value.elem.rows
    return frozenset(rows)


def materialize(interp, value: Value) -> Value:
    """Data built without a known loader (a list of texts read line by line) gets rows of its
    own when a fit or a cross-validation meets it, the same rows every time."""
    if value.rows or value.node is None or value.kind not in ("container", "tuple", "unknown"):
        return value
    if value.objs and value.kind == "unknown":
        return value  # an object (a model), not data
    source = interp.materialized.get(value.node)
    if source is None:
        source = _new_source(interp, value.node, "data of unknown origin")
        interp.materialized[value.node] = source
    return value.with_(rows=frozenset({Part(source)}))


def _transform(interp, expr, obj: Obj, data, frame, record_fits=None) -> Value:
    x = materialize(interp, data[0] if data else UNKNOWN)
    fits = record_fits if record_fits is not None else obj.fits
    node = interp.facts.add_node(expr, _short(interp, expr, 50, ""), kind="transform",
                                 inputs=[x.node] + [f.node for f in fits])
    informed = x.informed
    if obj.category == "label":
        informed = informed | frozenset(Info(p, f.node, "label") for f in fits for p in f.rows)
    elif obj.category != "stateless":
        informed = informed | frozenset(Info(p, f.node, "transform") for f in fits for p in f.rows)
        informed = informed | frozenset(i for f in fits for i in f.informed)
    return x.with_(node=node, informed=informed, cols=None, items=None, fields=None, kind="data" if x.rows else x.kind,
                   loops=x.loops | _obj_loops(obj))


def _predict(interp, expr, model: Value, obj: Obj, data, frame) -> Value:
    x = data[0] if data else UNKNOWN
    node = interp.facts.add_node(expr, _short(interp, expr, 50, ""), kind="predict",
                                 inputs=[x.node] + [f.node for f in obj.fits])
    use(interp, node, "predict", x)
    informed = x.informed | frozenset(Info(p, f.node, "model") for f in obj.fits for p in f.rows)
    informed = informed | frozenset(i for f in obj.fits for i in f.informed if i.how != "model")
    return Value(kind="pred", node=node, rows=x.rows, informed=informed, objs=frozenset({obj.id}),
                 loops=x.loops | model.loops, marks=x.marks)


def _cv_split(interp, expr, obj: Obj, positional, keywords, frame) -> Value:
    data = [v for v in positional[:3] if v is not None and v.rows]
    value = flow(None, *data) if data else UNKNOWN
    node = interp.facts.add_node(expr, _short(interp, expr), kind="split", inputs=[v.node for v in data])
    shuffled = bool(obj.kwargs.get("__shuffled__"))
    interp.facts.splits[node] = Split(node, "cv", True, shuffled, True, value.rows, value.marks,
                                      value.loops, {"train", "val"}, obj.id)
    use(interp, node, "cv", value)
    train = Value(kind="index", node=node, selector=frozenset({(node, "train")}))
    held = Value(kind="index", node=node, selector=frozenset({(node, "val")}))
    return Value(kind="tuple", node=node, elem=Value(kind="tuple", items=(train, held)))


def _argparser_method(interp, obj: Obj, parser: Value, method: str, positional, keywords) -> Value:
    """`args.seed` is the default of `--seed`, as in a plain run of the script."""
    if method == "add_argument":
        names = [v.const for v in positional if isinstance(v.const, str)]
        dest = _const(keywords.get("dest"))
        if not isinstance(dest, str):
            longs = [n for n in names if n.startswith("--")]
            dest = (longs[0] if longs else names[0] if names else "").lstrip("-").replace("-", "_")
        if dest:
            obj.attrs[dest] = keywords.get("default", Value(kind="const", const=None))
        return Value(kind="const")
    if method in ("parse_args", "parse_known_args"):
        node = obj.id + 0
        namespace = Value(kind="object", node=node, objs=frozenset({obj.id}))
        if method == "parse_known_args":
            return Value(kind="tuple", items=(namespace, Value(kind="const")))
        return namespace
    if method in ("add_argument_group", "add_mutually_exclusive_group", "add_subparsers", "set_defaults"):
        return parser
    return Value(kind="const")


def _optimize(interp, expr, positional, keywords, frame) -> Value:
    objective = _arg(positional, keywords, 0, "func")
    if objective is None or objective.defn is None:
        return Value(kind="const")
    trial = Value(kind="unknown")
    result = call_value(interp, expr, objective, [trial], {}, frame)
    if result.evals:
        select_event(interp, expr, result.evals, result.loops)
    return Value(kind="const")


def _trainer_method(interp, expr, model: Value, obj: Obj, method, positional, keywords, frame) -> Value:
    train = obj.kwargs.get(interp.lib.lookup(obj.qual).get("train_keyword", "train_dataset")) if obj.qual else None
    evaluation = obj.kwargs.get(interp.lib.lookup(obj.qual).get("eval_keyword", "eval_dataset")) if obj.qual else None
    if method == "train":
        kwargs = {}
        if evaluation is not None:
            kwargs["eval_dataset"] = evaluation
        record_node = interp.facts.add_node(expr, _short(interp, expr, 50, "fit "), kind="fit")
        _fit(interp, expr, model, obj, [train] if train is not None else [], kwargs, frame, node=record_node)
        if evaluation is not None and _all_rows(evaluation):
            # The eval set was handed over where the trainer was built: that line is the one to change.
            fit = interp.facts.fits[-1]
            interp.facts.fits[-1] = fit._replace(eval_node=obj.id)
        return Value(kind="unknown")
    if method == "evaluate":
        data = _arg(positional, keywords, 0, "eval_dataset") or evaluation or UNKNOWN
        score = score_event(interp, expr, frozenset({obj.id}), data.rows, data.loops, frame, data_loops=data.loops)
        return Value(kind="score", node=score, evals=frozenset({score}))
    if method == "predict":
        # Trainer.predict also computes the metrics of a labelled data set: it scores it.
        data = positional[0] if positional else keywords.get("test_dataset", UNKNOWN)
        score_event(interp, expr, frozenset({obj.id}), data.rows, data.loops, frame, data_loops=data.loops)
        return _predict(interp, expr, model, obj, positional[:1], frame)
    return Value(kind="unknown")


# --------------------------------------------------------------------------- data methods
def data_method(interp, expr, func, base: Value, method: str, positional, keywords, frame) -> Value:
    lib = interp.lib
    if base.evals and not base.rows and method in lib.data_methods.get("select", ()):
        return _score_method(interp, expr, base, method, positional, keywords, frame)
    if method in ("train_test_split",):
        return _hf_split(interp, expr, base, positional, keywords, frame)
    if method == "isin":
        if positional and positional[0].selector:
            return base.with_(selector=positional[0].selector, node=interp.facts.add_node(expr, _short(interp, expr)))
        return _mask_method(interp, expr, func, base)
    if (lib.data_method("group_statistic", method) or method == "apply") and positional and isinstance(
            positional[0].defn, _function_class()):
        # groupby(...).transform(lambda s: s.fillna(s.median())): what the function does to the data.
        inner = call_value(interp, expr, positional[0], [base], {}, frame)
        result = flow(None, base, inner).with_(cols=base.cols, colsrc=inner.colsrc)
        return result.with_(node=interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node, inner.node]))
    if lib.data_method("statistic", method) or method == "sum":
        if _const(keywords.get("axis")) in (1, "columns"):
            return flow(None, base).with_(node=base.node)  # row by row: nothing learned across rows
        if _is_window(func, lib):
            # ``s.rolling(7).mean()``: a statistic of a window of rows, not of the data set.
            return flow(None, base, *positional).with_(node=base.node, cols=base.cols)
        if base.kind == "pred":
            node = score_event(interp, expr, base.objs, base.rows, base.loops, frame, inputs=[base.node])
            return Value(kind="score", node=node, evals=frozenset({node}) | base.evals, loops=base.loops)
        if method in ("min", "max", "sum") and not base.rows:
            return flow(None, base)
        result = statistic_of(interp, expr, [base], keeps_rows=False)
        return result.with_(informed=result.informed | frozenset().union(*[v.informed for v in positional]) if positional else result.informed)
    if lib.data_method("group_statistic", method) and _is_aggregate_arg(positional):
        return statistic_of(interp, expr, [base], keeps_rows=(method == "transform"))
    if lib.data_method("time", method):
        node = interp.facts.add_node(expr, _short(interp, expr), kind="time", inputs=[base.node])
        result = flow(node, base, *positional).with_(cols=base.cols, marks=base.marks | {("time", node)})
        if method == "shift":
            # A lagged target is a legitimate feature, and a target shifted into the future
            # is a forecasting label: neither makes its source column a leak.
            result = result.with_(colsrc=frozenset(), marks=result.marks | {("shift", node)})
        return result
    if lib.data_method("sample", method):
        return _sample(interp, expr, base, positional, keywords, frame)
    if lib.data_method("drop", method):
        return _drop(interp, expr, func, base, positional, keywords, frame)
    if lib.data_method("pop", method):
        return _pop(interp, expr, func, base, positional, frame)
    if method in ("head", "tail") and positional:
        key = ("slice", "headtail", frozenset(p.source for p in base.rows))
        split = _implicit_split(interp, key, expr, base)
        side = "train" if method == "head" else "test"
        interp.facts.splits[split].sides.add(side)
        return base.with_(rows=frozenset(p.narrowed(split, side) for p in base.rows),
                          node=interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node]))
    if method == "shuffle" and "seed" in keywords or method == "shuffle" and not positional:
        node = interp.facts.add_node(expr, _short(interp, expr), kind="shuffle", inputs=[base.node])
        seeded = _seeded(interp, frame, keywords.get("seed"), "numpy")
        interp.facts.randoms.append(Random(node, "shuffle", seeded, None))
        return base.with_(node=node, marks=base.marks | {("shuffle", node)})
    if method == "insert" and len(positional) >= 3 and isinstance(func, cst.Attribute):
        # df.insert(0, "c", values): a column assignment in place.
        column = positional[1].const if isinstance(positional[1].const, str) else None
        store_column(interp, expr, func.value, base, column, positional[2], frame)
        return Value(kind="const", const=None)
    if lib.data_method("save", method):
        save(interp, _arg(positional, keywords, 0, "path_or_buf", "path", "dataset_path"), base)
        return Value(kind="const")
    if lib.data_method("meta", method):
        return Value(kind="const")
    if method == "append" or method in ("merge", "join", "combine_first"):
        if method == "append":
            return _concat(interp, expr, "append", None, [Value(kind="tuple", items=(base, *positional))], keywords, frame)
        return flow(None, base, *positional)
    if method in ("to_datetime",):
        return _time(interp, expr, method, None, [base], keywords, frame)
    if lib.data_method("sort", method):
        by = _arg(positional, keywords, 0, "by", "keys")
        result = flow(None, base, *positional).with_(cols=base.cols, colsrc=base.colsrc, node=base.node)
        names = []
        if by is not None:
            names = [by.const] if isinstance(by.const, str) else [i.const for i in (by.items or ()) if isinstance(i.const, str)]
        if method == "sort_index" or any(_is_date_column(interp, n) for n in names):
            node = interp.facts.add_node(expr, _short(interp, expr), kind="time", inputs=[base.node])
            result = result.with_(node=node, marks=result.marks | {("time", node)})
        return _maybe_inplace(interp, func, result, keywords, frame)
    result = flow(None, base, *positional, *keywords.values())
    if base.fields is not None or isinstance(base.defn, tuple):
        # A dataset dict: ds.map(tokenize) maps every split and keeps them apart.
        result = result.with_(fields=base.fields, defn=base.defn)
    result = result.with_(cols=base.cols, colsrc=base.colsrc | frozenset().union(*[v.colsrc for v in positional]) if positional else base.colsrc,
                          kind=base.kind if base.kind in ("data", "pred", "index") else result.kind,
                          selector=base.selector if method in ("copy", "values", "to_numpy", "astype") else frozenset())
    if base.kind == "pred":
        result = result.with_(objs=base.objs)
    if result.rows or result.informed:
        result = result.with_(node=interp.facts.add_node(expr, _short(interp, expr),
                                                         inputs=[base.node] + [v.node for v in positional]))
    if lib.data_method("inplace", method):
        return _maybe_inplace(interp, func, result, keywords, frame)
    return result


def _function_class():
    from leaklint.analysis.interpreter import FunctionDef

    return FunctionDef


def _is_window(func, lib) -> bool:
    receiver = func.value if isinstance(func, cst.Attribute) else None
    return (isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute)
            and lib.data_method("time", receiver.func.attr.value))


def _is_aggregate_arg(positional) -> bool:
    if not positional:
        return True
    first = positional[0]
    # "mean", np.mean: an aggregate; a lambda may well be a shift-then-roll of the past.
    return isinstance(first.const, str) or (first.qual is not None and first.defn is None)


def _is_date_column(interp, name) -> bool:
    return isinstance(name, str) and (name in interp_date_columns(interp) or bool(_DATE_WORDS.search(name)))


def _maybe_inplace(interp, func, result: Value, keywords, frame) -> Value:
    flag = keywords.get("inplace")
    if flag is not None and _const(flag) is True and isinstance(func, cst.Attribute):
        if isinstance(func.value, (cst.Name, cst.Attribute, cst.Subscript)):
            target = func.value
            if isinstance(target, cst.Subscript):
                store_subscript(interp, target, result, frame)
            else:
                interp.bind(target, result, frame, func)
        return Value(kind="const", const=None)
    return result


def _mask_method(interp, expr, func, base: Value) -> Value:
    key = ("mask", _code(interp, func.value), frozenset(p.source for p in base.rows))
    split = _implicit_split(interp, key, expr, base)
    return base.with_(selector=frozenset({(split, "train")}), node=interp.facts.add_node(expr, _short(interp, expr)))


def _hf_split(interp, expr, base, positional, keywords, frame) -> Value:
    node = interp.facts.add_node(expr, _short(interp, expr), kind="split", inputs=[base.node])
    seeded = _seeded(interp, frame, keywords.get("seed"), "numpy")
    shuffled = _const(keywords.get("shuffle")) is not False
    interp.facts.splits[node] = Split(node, "holdout", True, shuffled, seeded, base.rows, base.marks, base.loops, {"train", "test"})
    if shuffled:
        interp.facts.randoms.append(Random(node, "split", seeded, node))
    use(interp, node, "split", base)
    train = _narrow(interp, base, node, "train", node)
    test = _narrow(interp, base, node, "test", node)
    return Value(kind="data", node=node, rows=train.rows | test.rows, fields=(("test", test), ("train", train)))


def _sample(interp, expr, base, positional, keywords, frame) -> Value:
    frac = _const(keywords.get("frac"))
    replace = _const(keywords.get("replace")) is True
    node = interp.facts.add_node(expr, _short(interp, expr), kind="sample", inputs=[base.node])
    seed = keywords.get("random_state")
    if seed is None and len(positional) > 5:
        seed = positional[5]
    seeded = _seeded(interp, frame, seed, "numpy")
    if replace or (isinstance(frac, (int, float)) and frac > 1):
        return _resample(interp, expr, [base], "resample")
    if isinstance(frac, (int, float)) and frac >= 1:
        interp.facts.randoms.append(Random(node, "shuffle", seeded, None))
        return base.with_(node=node, marks=base.marks | {("shuffle", node)})
    side = "train" if not isinstance(frac, (int, float)) or frac >= 0.5 else "test"
    interp.facts.splits[node] = Split(node, "holdout", False, True, seeded, base.rows, base.marks, base.loops)
    interp.facts.splits[node].sides.add(side)
    interp.facts.randoms.append(Random(node, "sample", seeded, node))
    use(interp, node, "split", base)
    return base.with_(node=node, rows=frozenset(p.narrowed(node, side) for p in base.rows), items=None)


def _drop(interp, expr, func, base, positional, keywords, frame) -> Value:
    labels = _arg(positional, keywords, 0, "labels")
    columns = keywords.get("columns")
    axis = _const(keywords.get("axis")) if "axis" in keywords else (_const(positional[1]) if len(positional) > 1 else 0)
    index = keywords.get("index")
    result = base
    if columns is not None or axis in (1, "columns"):
        names = _names(columns if columns is not None else labels)
        cols = base.cols
        if names is None:
            cols = None
        elif cols is None:
            cols = Cols(frozenset(names), False)
        elif cols.exact:
            cols = Cols(cols.names - set(names), True)
        else:
            cols = Cols(cols.names | set(names), False)
        informed = base.informed if names is None else _informed_of_columns(interp, base, lambda c: c not in names)
        result = base.with_(cols=cols, informed=informed)
    else:
        dropped = index if index is not None else labels
        if dropped is not None and dropped.rows:
            result = _complement(interp, base, dropped)
    result = result.with_(node=interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node]))
    return _maybe_inplace(interp, func, result, keywords, frame)


def _names(value: Value | None):
    if value is None:
        return None
    if isinstance(value.const, str):
        return [value.const]
    if value.items is not None and all(isinstance(i.const, str) for i in value.items):
        return [i.const for i in value.items]
    return None


def _complement(interp, base: Value, dropped: Value) -> Value:
    """``df.drop(train.index)``: the rows of ``df`` on the other side of train's split."""
    rows = set()
    for part in base.rows:
        for other in dropped.rows:
            if other.source == part.source and len(other.path) == len(part.path) + 1 and other.path[:-1] == part.path:
                split, side = other.path[-1]
                record = interp.facts.splits.get(split)
                if record is not None:
                    record.sides.add(_opposite(side))
                rows.add(part.narrowed(split, _opposite(side)))
    if not rows:
        return base
    return base.with_(rows=frozenset(rows))


def _pop(interp, expr, func, base, positional, frame) -> Value:
    column = _const(positional[0]) if positional else NO_CONST
    if not isinstance(column, str):
        return base.with_(cols=None)
    popped = base.with_(cols=Cols(frozenset({column}), True), colsrc=frozenset((p.source, column) for p in base.rows),
                        node=interp.facts.add_node(expr, _short(interp, expr), inputs=[base.node]))
    cols = base.cols
    if cols is None:
        cols = Cols(frozenset({column}), False)
    elif cols.exact:
        cols = Cols(cols.names - {column}, True)
    else:
        cols = Cols(cols.names | {column}, False)
    if isinstance(func.value, (cst.Name, cst.Attribute)):
        interp.bind(func.value, base.with_(cols=cols), frame, func)
    return popped
