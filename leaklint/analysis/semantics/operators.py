"""Operators and comparisons: data flowing through arithmetic, masks that select rows, scores compared."""
from __future__ import annotations

import libcst as cst

from leaklint.analysis.facts import Split
from leaklint.analysis.values import NO_CONST, UNKNOWN, Value, flow, join_all
from leaklint.analysis.semantics import common


def combine(interp, expr, values, frame) -> Value:
    # Node classes by identity, as in interpreter.py (they have no subclasses).
    binary = type(expr) is cst.BinaryOperation
    operator = type(expr.operator) if binary else None
    if operator is cst.BitAnd and all(v.selector for v in values):
        # `(d >= a) & (d < b)`: rows on both sides chosen, one split after the other.
        chain = tuple(pair for v in values for pair in sorted(v.selector, key=repr) if pair[0] != "&")
        return flow(None, *values).with_(selector=frozenset({("&", chain)}), kind="data")
    if binary and any(v.kind == "container" for v in values):
        if operator is cst.Multiply and values[0].items is not None and values[0].kind == "container":
            values = [values[0], values[0]]  # [df] * k: the same rows, at least twice
        if (operator is cst.Add or operator is cst.Multiply) and all(v.items is not None for v in values):
            items = tuple(i for v in values for i in v.items)
            return common.new_container(interp, expr, frame, join_all(items) if items else None, items=items)
        return join_all(values).with_(items=None)
    result = flow(None, *values)
    if result.rows or result.evals or result.informed:
        node = interp.facts.add_node(expr, common.short(interp, expr), inputs=[v.node for v in values])
        result = result.with_(node=node)
    frames = [v for v in values if v.rows]
    if len(frames) == 1 and frames[0].cols is not None:
        result = result.with_(cols=frames[0].cols)  # (df - df.mean()) / df.std(): the same columns
    if operator is cst.Add and all(v.kind == "const" for v in values):
        texts = [v.const for v in values]
        if all(isinstance(t, str) for t in texts):
            return result.with_(kind="const", const="".join(texts))  # col + "_ctr"
    if all(v.kind == "const" for v in values):
        result = result.with_(kind="const")
    return result


def unary(interp, expr: cst.UnaryOperation, value: Value) -> Value:
    operator = type(expr.operator)  # by identity, as in interpreter.py (no subclasses)
    if operator is cst.BitInvert and value.selector:
        flipped = frozenset((split, common.opposite(side)) for split, side in value.selector)
        return value.with_(selector=flipped)
    if operator is cst.Minus and isinstance(value.const, (int, float)):
        return value.with_(const=-value.const)
    if operator is cst.Not and (isinstance(value.const, bool) or (value.kind == "const" and value.const is None)):
        return Value(kind="const", const=not value.const)
    return value.with_(selector=frozenset())


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
        node = interp.facts.add_node(expr, common.short(interp, expr), kind="predict", inputs=[v.node for v in operands])
        return result.with_(node=node, kind="pred")
    if scoreish:
        evals = set(result.evals)
        for v in scoreish:
            if not v.evals:
                evals.add(common.score_event(interp, expr, frozenset(v.objs), v.rows, v.loops, frame))
        node = interp.facts.add_node(expr, common.short(interp, expr), kind="compare",
                                     inputs=[v.node for v in operands] + sorted(evals))
        varying = sum(1 for v in operands if v.kind != "const")
        return result.with_(node=node, kind="score", evals=frozenset(evals), rows=frozenset(), objs=frozenset(),
                            marks=result.marks | {("cmp", varying)})
    right = operands[1] if len(operands) > 1 else UNKNOWN
    known = _fold_none_test(left, right, expr)
    if known is not None:
        return Value(kind="const", const=known)
    if left.rows and (not right.rows or ("scalar", 0) in right.marks) and len(expr.comparisons) == 1:
        return _mask(interp, expr, left, right, expr.comparisons[0].operator)
    if result.rows or result.informed:
        result = result.with_(node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[v.node for v in operands]))
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
        side = "test" if common.role_from_text(text) == "test" else "train"
        if isinstance(operator, (cst.NotEqual, cst.NotIn)):
            side = common.opposite(side)
    where = ("mask", common.code_of(interp, expr.left), column.rows)
    bound_text = repr(bound.const) if bound.const is not NO_CONST else common.code_of(interp, expr.comparisons[0].comparator)
    if isinstance(operator, (cst.Equal, cst.NotEqual)) and common.role_from_text(bound.const) == "all":
        # `df[df.y == 0]` and `df[df.y == 1]` are two subsets, not the sides of one split.
        key = where + ("==", bound_text)
    elif isinstance(operator, (cst.Equal, cst.NotEqual)):
        key = where  # `df.split == "train"` and `df.split == "test"`
    else:
        key = where + ("<>", bound_text)
    split = implicit_split(interp, key, expr, column)
    if key[-2:-1] == ("<>",):
        _pair_masks(interp, where, side, split)
    node = interp.facts.add_node(expr, common.short(interp, expr), inputs=[column.node, bound.node])
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


def implicit_split(interp, key, expr, data: Value) -> int:
    split = interp.implicit_splits.get(key)
    if split is None:
        split = interp.facts.add_node(expr, common.short(interp, expr, 40, "split by "), kind="split", inputs=[data.node])
        interp.implicit_splits[key] = split
        interp.facts.splits[split] = Split(split, "holdout", False, False, True, data.rows, data.marks,
                                           data.loops)
    return split


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
    common.select_event(interp, stmt.test, test.evals, test.loops, inputs=[test.node])


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
