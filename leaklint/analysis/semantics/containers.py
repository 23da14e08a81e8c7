"""Tuples, lists, dicts and comprehensions: what they hold and what iterating over them yields."""
from __future__ import annotations

import libcst as cst

from leaklint.analysis.values import Value, flow, join_all
from leaklint.analysis.semantics import common


def sequence(interp, expr, items, frame) -> Value:
    content = join_all(items) if items else None
    if expr is None or type(expr) is cst.Tuple:  # by identity, as in interpreter.py (no subclasses)
        value = flow(None, *items) if items else Value(kind="const")
        kind = "tuple"
        return value.with_(kind=kind, items=tuple(items), elem=content, node=_seq_node(interp, expr, items))
    return common.new_container(interp, expr, frame, content, items=tuple(items))


def _seq_node(interp, expr, items):
    if expr is None or not any(v.rows or v.evals for v in items):
        return None
    return interp.facts.add_node(expr, common.short(interp, expr), inputs=[v.node for v in items])


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
    return common.new_container(interp, expr, frame, content, fields=tuple(fields) if fields else None)


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
    return common.new_container(interp, expr, frame, value)


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
    return common.new_container(interp, expr, frame, join_all(items), items=tuple(items))


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
