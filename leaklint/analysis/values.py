"""Abstract values: what the interpreter knows about a Python value.

The question every rule asks is where rows came from and where they went, so a value
records the rows it holds (``Part``: a data source and the chain of splits that carved it),
the rows whose statistics shaped it (``Info``), the scores that flow into it, the loops it
varies with, and marks (time order, shuffles). Values are immutable; joining two values
(after a branch, or for may-aliasing) unions everything they know.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple


class Part(NamedTuple):
    """Rows of one data source, narrowed by a chain of splits ``((split_node, side), ...)``.

    ``side`` is "train", "test" or "val" ("val" for the held-out fold of a
    cross-validation splitter). The empty path is the whole source.
    """

    source: int
    path: tuple = ()

    def narrowed(self, split: int, side: str) -> "Part":
        return Part(self.source, self.path + ((split, side),))

    def contains(self, other: "Part") -> bool:
        """True when every row of ``other`` is a row of ``self`` (prefix of its path)."""
        return self.source == other.source and other.path[: len(self.path)] == self.path


class Info(NamedTuple):
    """The rows ``part`` shaped a value through event ``node`` (how: stat, transform, model, resample)."""

    part: Part
    node: int
    how: str


NO_CONST = object()  # a value with no known literal
_EMPTY = frozenset()


@dataclass(frozen=True)
class Cols:
    """Known columns of a frame: exactly ``names`` (exact=True) or all but ``names``."""

    names: frozenset
    exact: bool

    def has(self, column: str) -> bool | None:
        return (column in self.names) if self.exact else (column not in self.names)


@dataclass(frozen=True)
class Value:
    kind: str = "unknown"  # data, index, module, func, class, object, pred, score, const, unknown
    node: int | None = None  # graph node that produced the value
    rows: frozenset = frozenset()  # Part
    informed: frozenset = frozenset()  # Info
    evals: frozenset = frozenset()  # score-event nodes whose results flow into this value
    loops: frozenset = frozenset()  # loop ids whose variable this value varies with
    marks: frozenset = frozenset()  # (what, node): ("time", n), ("shuffle", n), ("select", n)
    selector: frozenset = frozenset()  # (split_node, side) applied when this value indexes data
    objs: frozenset = frozenset()  # heap object ids (estimators, instances, containers)
    qual: str | None = None  # qualified name of a module, library function or class
    items: tuple | None = None  # known elements of a tuple/list
    fields: tuple | None = None  # known (key, Value) of a dict-like value
    elem: "Value | None" = None  # what iterating over the value yields
    cols: Cols | None = None  # known columns (frames)
    colsrc: frozenset = frozenset()  # (source, column) this value is computed from
    const: Any = field(default=NO_CONST, compare=False)
    defn: Any = field(default=None, compare=False)  # user function/class payload

    def __init__(self, kind: str = "unknown", node: int | None = None, rows: frozenset = frozenset(),
                 informed: frozenset = frozenset(), evals: frozenset = frozenset(), loops: frozenset = frozenset(),
                 marks: frozenset = frozenset(), selector: frozenset = frozenset(), objs: frozenset = frozenset(),
                 qual: str | None = None, items: tuple | None = None, fields: tuple | None = None,
                 elem: "Value | None" = None, cols: Cols | None = None, colsrc: frozenset = frozenset(),
                 const: Any = NO_CONST, defn: Any = None) -> None:
        # The fields and defaults declared above, set in one dict update: the generated
        # __init__ of a frozen dataclass sets each through object.__setattr__, and the
        # engine makes millions of values.
        self.__dict__.update(kind=kind, node=node, rows=rows, informed=informed, evals=evals, loops=loops,
                             marks=marks, selector=selector, objs=objs, qual=qual, items=items, fields=fields,
                             elem=elem, cols=cols, colsrc=colsrc, const=const, defn=defn)

    def with_(self, **changes) -> "Value":
        # dataclasses.replace, without its per-field __init__ (the hottest call of the
        # engine): a copy of the fields with the changes on top.
        if not _FIELDS.issuperset(changes):
            return replace(self, **changes)  # raises the TypeError replace() would
        value = object.__new__(Value)
        fields = value.__dict__
        fields.update(self.__dict__)
        fields.update(changes)
        return value

    @property
    def is_data(self) -> bool:
        return bool(self.rows)


_FIELDS = frozenset(Value.__dataclass_fields__)
assert tuple(Value.__dataclass_fields__) == Value.__init__.__code__.co_varnames[1:len(_FIELDS) + 1]
UNKNOWN = Value()


def join(a: Value | None, b: Value | None) -> Value:
    """What a name may hold when it holds ``a`` on one path and ``b`` on another."""
    if a is None:
        return b if b is not None else UNKNOWN
    if b is None or a is b:
        return a
    kind = a.kind if a.kind == b.kind else _dominant_kind(a.kind, b.kind)
    items = None
    if a.items is not None and b.items is not None and len(a.items) == len(b.items):
        items = tuple(join(x, y) for x, y in zip(a.items, b.items))
    fields = None
    if a.fields is not None and b.fields is not None:
        fields = _join_fields(a.fields, b.fields)
    elem = a.elem if b.elem is None else (b.elem if a.elem is None else join(a.elem, b.elem))
    cols = a.cols if a.cols == b.cols else None
    const = a.const if (a.const is not NO_CONST and _same_const(a.const, b.const)) else NO_CONST
    return Value(
        kind=kind,
        node=a.node if a.node is not None else b.node,
        rows=_union(a.rows, b.rows),
        informed=_union(a.informed, b.informed),
        evals=_union(a.evals, b.evals),
        loops=_union(a.loops, b.loops),
        marks=_union(a.marks, b.marks),
        selector=_union(a.selector, b.selector),
        objs=_union(a.objs, b.objs),
        qual=a.qual if a.qual == b.qual else (a.qual or b.qual if kind in ("module", "class", "func") else None),
        items=items,
        fields=fields,
        elem=elem,
        cols=cols,
        colsrc=_union(a.colsrc, b.colsrc),
        const=const,
        defn=a.defn if a.defn is not None else b.defn,
    )


def join_all(values) -> Value:
    out = None
    for value in values:
        out = join(out, value)
    return out if out is not None else UNKNOWN


def flow(node: int | None, *inputs: Value, kind: str | None = None) -> Value:
    """A value computed from ``inputs`` (an unknown function, an operator): it carries
    their rows, statistics, scores, loops and marks, but no object identity."""
    # Unions only where an input holds something (most hold nothing): the same sets, fewer
    # of them made; an input that holds nothing costs no call at all. One pass over the inputs.
    rows = informed = evals = loops = marks = colsrc = objs = _EMPTY
    predicted = scored = False
    for v in inputs:
        if v.kind == "pred":
            predicted = True
            objs = _union(objs, v.objs)  # a prediction remembers the model that made it
        elif v.kind == "score":
            scored = True
        if not (v.rows or v.informed or v.evals or v.loops or v.marks or v.colsrc):
            continue
        rows = _union(rows, v.rows)
        informed = _union(informed, v.informed)
        evals = _union(evals, v.evals)
        loops = _union(loops, v.loops)
        marks = _union(marks, v.marks)
        colsrc = _union(colsrc, v.colsrc)
    if kind is None:
        if predicted:
            kind = "pred"
        elif scored:
            kind = "score"
        elif rows:
            kind = "data"
        else:
            kind = "unknown"
    if kind != "pred":
        objs = _EMPTY
    return Value(kind=kind, node=node, rows=rows, informed=informed, evals=evals, loops=loops, marks=marks,
                 colsrc=colsrc, objs=objs)


def _union(a: frozenset, b: frozenset) -> frozenset:
    # The same set on both sides is common (a value both branches left alone) and, for
    # what a long script accumulates (every score it made), large: no new set then.
    if a is b or not b:
        return a
    return a | b if a else b


def _dominant_kind(a: str, b: str) -> str:
    # ``best = None`` joined with a model keeps the model; anything else is unknown.
    if a in ("const", "unknown"):
        return b
    if b in ("const", "unknown"):
        return a
    if "data" in (a, b):
        return "data"
    return "unknown"


def _join_fields(a: tuple, b: tuple) -> tuple:
    merged = dict(a)
    for key, value in b:
        merged[key] = join(merged.get(key), value)
    return tuple(sorted(merged.items(), key=lambda kv: str(kv[0])))


def _same_const(x: Any, y: Any) -> bool:
    try:
        return type(x) is type(y) and x == y
    except Exception:  # noqa: BLE001 - arbitrary literals may not compare
        return False
