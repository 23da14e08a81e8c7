"""Attributes, subscripts and column stores of data frames and arrays: which rows, which columns."""
from __future__ import annotations

import libcst as cst

from leaklint.analysis.facts import ColumnAssign
from leaklint.analysis.values import UNKNOWN, Cols, Info, Part, Value, flow, join
from leaklint.analysis.semantics import common, containers, operators


def attribute(interp, expr: cst.Attribute, base: Value, frame) -> Value:
    name = expr.attr.value
    if base.kind == "module" or (base.qual and base.kind in ("class", "func")):
        return Value(kind="module", qual=f"{base.qual}.{name}")
    for obj_id in base.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is None:
            continue
        if name in obj.attrs:
            return common.with_content(interp, obj.attrs[name], frame)
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
    key = common.dotted_key(expr)
    if key is not None and key in frame.state.env:
        return frame.state.env[key]
    if base.evals or base.loops or base.informed or base.marks:
        return flow(None, base).with_(node=base.node)
    return UNKNOWN


def _estimator_attribute(interp, expr, base: Value, name: str, frame) -> Value:
    fits = common.fits_of(base, frame)
    if name in ("best_estimator_", "estimator_", "model", "model_", "booster_", "get_booster"):
        return base
    if name.startswith("best_score") or name == "cv_results_":
        return Value(kind="score", loops=base.loops)
    if name.endswith("_") and fits:
        # Learned attributes (mean_, feature_importances_, scores_) carry what the fit saw.
        how = "transform"
        informed = frozenset(Info(p, f.node, how) for f in fits for p in f.rows)
        return Value(kind="unknown", informed=informed | frozenset(i for f in fits for i in f.informed),
                     loops=base.loops, node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[f.node for f in fits]))
    if name == "history":
        return Value(kind="unknown", loops=base.loops)
    return Value(kind="unknown", loops=base.loops, objs=base.objs if name in ("module", "named_steps", "steps") else frozenset())


def _data_attribute(interp, expr, base: Value, name: str) -> Value:
    if name in common.META_ATTRS:
        return Value(kind="const", loops=base.loops)
    if name == "index":
        return base.with_(kind="index", node=base.node, cols=None)
    if name in common.PART_ACCESSORS and base.kind != "pred":
        return base.with_(items=None, fields=None, cols=None)
    if name in common.DATA_ACCESSORS or base.kind == "pred":
        return base.with_(items=None, fields=None)
    if name in interp.lib.data_methods.get("meta", ()):
        return Value(kind="const")
    # ``df.age``: a column of a frame.
    sources = frozenset((p.source, name) for p in base.rows)
    return base.with_(cols=Cols(frozenset({name}), True), colsrc=sources, items=None, fields=None,
                      marks=base.marks | ({("time", base.node or 0)} if name in interp_date_columns(interp) else set()))


def interp_date_columns(interp) -> set:
    return interp.date_columns


def subscript(interp, expr: cst.Subscript, frame) -> Value:
    base = interp.eval(expr.value, frame)
    elements = expr.slice
    keys = []
    for element in elements:
        if type(element.slice) is cst.Index:  # by identity, as in interpreter.py (no subclasses)
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
            source = common.new_source(interp, interp.facts.add_node(expr.value, common.short(interp, expr.value), kind="source"),
                                 "list of samples")
            if base.objs:
                interp.container_sources[min(base.objs)] = source
        base = base.with_(rows=frozenset({Part(source)}), kind="data")
        return _select_rows_and_columns(interp, expr, base, keys)
    if base.kind == "container" or (base.objs and not base.rows and base.kind != "pred"):
        return containers.element_of(interp, common.with_content(interp, base, frame)) if base.kind == "container" else base
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
                return base.with_(rows=rows, node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node]))
    return _select_rows_and_columns(interp, expr, base, keys)


def _dataset_dict_item(interp, expr, base: Value, key) -> Value:
    """``ds["test"]`` of a loaded dataset dict: a source that already is one side of a split."""
    loader = base.defn[1]
    node = interp.dict_sources.get((loader, key))
    if node is None:
        node = interp.facts.add_node(expr, common.short(interp, expr), kind="source", inputs=[base.node])
        role = common.role_from_text(key) if isinstance(key, str) else "all"
        if isinstance(key, str) and key.lower().startswith("val"):
            role = "val"
        common.new_source(interp, node, f"split {key!r} of the loaded data set", role)
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
    node = interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node] + [k[2].node for k in keys if k[2] is not None])
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
    # One column carries only what shaped it (and the whole frame). A list of columns keeps
    # everything: after pd.get_dummies the names kept need not be the names assigned.
    informed = informed_of_columns(interp, base, lambda column: column in names) if len(names) == 1 else base.informed
    return base.with_(cols=Cols(names, True), colsrc=colsrc | derived, marks=marks, loops=base.loops | key.loops,
                      informed=informed)


def informed_of_columns(interp, base: Value, kept) -> frozenset:
    """What shaped the frame once the columns for which ``kept`` is false are gone: statistics
    that went only into dropped columns (a label encoded into its own column) leave with them."""
    sources = {p.source for p in base.rows}
    dropped, staying = set(), set()
    for assign in interp.facts.assigns_to(sources):
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
        return apply_selector(interp, base, value)
    if value.kind == "index" or value.rows:
        return base.with_(marks=base.marks | value.marks)
    if value.kind == "const" and base.kind == "index":
        # `df.index[int(0.8 * len(df))]`: one label, a bound to compare with, not rows.
        return base.with_(marks=base.marks | {("scalar", 0)})
    return base


def apply_selector(interp, base: Value, key: Value) -> Value:
    rows = set()
    source_rows = base.rows
    if not source_rows and base.kind == "index":
        return base.with_(selector=base.selector | key.selector, marks=base.marks | key.marks)
    for split, side in sorted(key.selector, key=repr):
        chain = side if split == "&" else ((split, side),)
        for part in sorted(source_rows):
            for split_, side_ in chain:
                record = interp.facts.splits.get(split_)
                if record is not None:
                    record.sides.add(side_)
                    record.marks = record.marks | base.marks
                    common.use(interp, split_, "split", base)
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
    key = ("slice", common.code_of(interp, bound).lstrip("-"), sources if base.rows else frozenset({"index"}))
    split = operators.implicit_split(interp, key, expr, base)
    record = interp.facts.splits[split]
    record.marks = record.marks | base.marks
    _pair_fraction_slices(interp, bound, sources, side, split)
    if base.kind == "index" and not base.rows:
        record.sides.add(side)
        return base.with_(selector=base.selector | {(split, side)})
    record.sides.add(side)
    common.use(interp, split, "split", base)
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
        stored = False
        for obj_id in base.objs:
            obj = frame.state.writable(obj_id)
            if obj is not None:
                obj.content = join(obj.content, value)
                stored = True
        if stored or base.kind == "container":
            return
        # An object no statement of the program made (an array from `np.zeros`): the
        # name that holds it holds what is stored in it too.
    if not base.rows:
        if value.rows or value.kind == "pred" or value.evals:
            # `oof[idx] = model.predict(X[idx])`: the array now holds those predictions;
            # `grid[i, j] = model.score(X_te, y_te)`: those scores.
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
    node = interp.facts.add_node(target, common.short(interp, target), kind="store", inputs=[base.node, value.node])
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
