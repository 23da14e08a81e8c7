"""Methods of data values (frames, series, arrays, datasets): statistics, samples, drops, time order."""
from __future__ import annotations

import libcst as cst

from leaklint.analysis.facts import Random, Split
from leaklint.analysis.values import NO_CONST, Cols, Value, flow, join
from leaklint.analysis.semantics import calls, common, estimators, frames, library_calls, operators


def data_method(interp, expr, func, base: Value, method: str, positional, keywords, frame) -> Value:
    lib = interp.lib
    if base.evals and not base.rows and method in lib.data_methods.get("select", ()):
        return estimators.score_method(interp, expr, base, method, positional, keywords, frame)
    if method in ("train_test_split",):
        return _hf_split(interp, expr, base, positional, keywords, frame)
    if method == "isin":
        if positional and positional[0].selector:
            return base.with_(selector=positional[0].selector, node=interp.facts.add_node(expr, common.short(interp, expr)))
        return _mask_method(interp, expr, func, base)
    if (lib.data_method("group_statistic", method) or method == "apply") and positional and isinstance(
            positional[0].defn, common.function_class()):
        # groupby(...).transform(lambda s: s.fillna(s.median())): what the function does to the data.
        inner = calls.call_value(interp, expr, positional[0], [base], {}, frame)
        result = flow(None, base, inner).with_(cols=base.cols, colsrc=inner.colsrc)
        return result.with_(node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node, inner.node]))
    if lib.data_method("statistic", method) or method == "sum":
        if common.constant_of(keywords.get("axis")) in (1, "columns"):
            return flow(None, base).with_(node=base.node)  # row by row: nothing learned across rows
        if _is_window(func, lib):
            # ``s.rolling(7).mean()``: a statistic of a window of rows, not of the data set.
            return flow(None, base, *positional).with_(node=base.node, cols=base.cols)
        if base.kind == "pred":
            node = common.score_event(interp, expr, base.objs, base.rows, base.loops, frame, inputs=[base.node])
            return Value(kind="score", node=node, evals=frozenset({node}) | base.evals, loops=base.loops)
        if method in ("min", "max", "sum") and not base.rows:
            return flow(None, base)
        result = library_calls.statistic_of(interp, expr, [base], keeps_rows=False)
        return result.with_(informed=result.informed | frozenset().union(*[v.informed for v in positional]) if positional else result.informed)
    if lib.data_method("group_statistic", method) and _is_aggregate_arg(positional):
        return library_calls.statistic_of(interp, expr, [base], keeps_rows=(method == "transform"))
    if lib.data_method("time", method):
        node = interp.facts.add_node(expr, common.short(interp, expr), kind="time", inputs=[base.node])
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
        split = operators.implicit_split(interp, key, expr, base)
        side = "train" if method == "head" else "test"
        interp.facts.splits[split].sides.add(side)
        return base.with_(rows=frozenset(p.narrowed(split, side) for p in base.rows),
                          node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node]))
    if method == "shuffle" and "seed" in keywords or method == "shuffle" and not positional:
        node = interp.facts.add_node(expr, common.short(interp, expr), kind="shuffle", inputs=[base.node])
        seeded = common.is_seeded(interp, frame, keywords.get("seed"), "numpy")
        interp.facts.randoms.append(Random(node, "shuffle", seeded, None))
        return base.with_(node=node, marks=base.marks | {("shuffle", node)})
    if method == "insert" and len(positional) >= 3 and isinstance(func, cst.Attribute):
        # df.insert(0, "c", values): a column assignment in place.
        column = positional[1].const if isinstance(positional[1].const, str) else None
        frames.store_column(interp, expr, func.value, base, column, positional[2], frame)
        return Value(kind="const", const=None)
    if lib.data_method("save", method):
        library_calls.save(interp, common.arg_value(positional, keywords, 0, "path_or_buf", "path", "dataset_path"), base)
        return Value(kind="const")
    if lib.data_method("meta", method):
        return Value(kind="const")
    if method == "append" or method in ("merge", "join", "combine_first"):
        if method == "append":
            return library_calls.concatenate(interp, expr, "append", None, [Value(kind="tuple", items=(base, *positional))], keywords, frame)
        return flow(None, base, *positional)
    if method in ("to_datetime",):
        return library_calls.time_marker(interp, expr, method, None, [base], keywords, frame)
    if lib.data_method("sort", method):
        by = common.arg_value(positional, keywords, 0, "by", "keys")
        result = flow(None, base, *positional).with_(cols=base.cols, colsrc=base.colsrc, node=base.node)
        names = []
        if by is not None:
            names = [by.const] if isinstance(by.const, str) else [i.const for i in (by.items or ()) if isinstance(i.const, str)]
        if method == "sort_index" or any(_is_date_column(interp, n) for n in names):
            node = interp.facts.add_node(expr, common.short(interp, expr), kind="time", inputs=[base.node])
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
        result = result.with_(node=interp.facts.add_node(expr, common.short(interp, expr),
                                                         inputs=[base.node] + [v.node for v in positional]))
    if lib.data_method("inplace", method):
        return _maybe_inplace(interp, func, result, keywords, frame)
    return result


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
    return isinstance(name, str) and (name in frames.interp_date_columns(interp) or bool(common.DATE_WORDS.search(name)))


def _maybe_inplace(interp, func, result: Value, keywords, frame) -> Value:
    flag = keywords.get("inplace")
    if flag is not None and common.constant_of(flag) is True and isinstance(func, cst.Attribute):
        if isinstance(func.value, (cst.Name, cst.Attribute, cst.Subscript)):
            target = func.value
            if isinstance(target, cst.Subscript):
                frames.store_subscript(interp, target, result, frame)
            else:
                interp.bind(target, result, frame, func)
        return Value(kind="const", const=None)
    return result


def _mask_method(interp, expr, func, base: Value) -> Value:
    key = ("mask", common.code_of(interp, func.value), frozenset(p.source for p in base.rows))
    split = operators.implicit_split(interp, key, expr, base)
    return base.with_(selector=frozenset({(split, "train")}), node=interp.facts.add_node(expr, common.short(interp, expr)))


def _hf_split(interp, expr, base, positional, keywords, frame) -> Value:
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="split", inputs=[base.node])
    seeded = common.is_seeded(interp, frame, keywords.get("seed"), "numpy")
    shuffled = common.constant_of(keywords.get("shuffle")) is not False
    interp.facts.splits[node] = Split(node, "holdout", True, shuffled, seeded, base.rows, base.marks, base.loops, {"train", "test"})
    if shuffled:
        interp.facts.randoms.append(Random(node, "split", seeded, node))
    common.use(interp, node, "split", base)
    train = common.narrow(interp, base, node, "train", node)
    test = common.narrow(interp, base, node, "test", node)
    return Value(kind="data", node=node, rows=train.rows | test.rows, fields=(("test", test), ("train", train)))


def _sample(interp, expr, base, positional, keywords, frame) -> Value:
    frac = common.constant_of(keywords.get("frac"))
    replace = common.constant_of(keywords.get("replace")) is True
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="sample", inputs=[base.node])
    seed = keywords.get("random_state")
    if seed is None and len(positional) > 5:
        seed = positional[5]
    seeded = common.is_seeded(interp, frame, seed, "numpy")
    if replace or (isinstance(frac, (int, float)) and frac > 1):
        return library_calls.resample_rows(interp, expr, [base], "resample")
    if isinstance(frac, (int, float)) and frac >= 1:
        interp.facts.randoms.append(Random(node, "shuffle", seeded, None))
        return base.with_(node=node, marks=base.marks | {("shuffle", node)})
    side = "train" if not isinstance(frac, (int, float)) or frac >= 0.5 else "test"
    interp.facts.splits[node] = Split(node, "holdout", False, True, seeded, base.rows, base.marks, base.loops)
    interp.facts.splits[node].sides.add(side)
    interp.facts.randoms.append(Random(node, "sample", seeded, node))
    common.use(interp, node, "split", base)
    return base.with_(node=node, rows=frozenset(p.narrowed(node, side) for p in base.rows), items=None)


def _drop(interp, expr, func, base, positional, keywords, frame) -> Value:
    labels = common.arg_value(positional, keywords, 0, "labels")
    columns = keywords.get("columns")
    axis = common.constant_of(keywords.get("axis")) if "axis" in keywords else (common.constant_of(positional[1]) if len(positional) > 1 else 0)
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
        informed = base.informed if names is None else frames.informed_of_columns(interp, base, lambda c: c not in names)
        result = base.with_(cols=cols, informed=informed)
    else:
        dropped = index if index is not None else labels
        if dropped is not None and dropped.rows:
            result = _complement(interp, base, dropped)
    result = result.with_(node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node]))
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
                    record.sides.add(common.opposite(side))
                rows.add(part.narrowed(split, common.opposite(side)))
    if not rows:
        return base
    return base.with_(rows=frozenset(rows))


def _pop(interp, expr, func, base, positional, frame) -> Value:
    column = common.constant_of(positional[0]) if positional else NO_CONST
    if not isinstance(column, str):
        return base.with_(cols=None)
    popped = base.with_(cols=Cols(frozenset({column}), True), colsrc=frozenset((p.source, column) for p in base.rows),
                        node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node]))
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
