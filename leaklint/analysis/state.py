"""The interpreter's state at one program point: names, objects, and global seeds.

Branches copy the state and join the copies afterwards. Objects (fitted estimators, class
instances, containers) live in a heap keyed by allocation site so that
``scaler.fit(X)`` changes what a later ``scaler.transform`` returns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from leaklint.analysis.values import Value, join


class FitRecord(NamedTuple):
    """An estimator was fitted at ``node`` on ``rows`` that were shaped by ``informed``."""

    node: int
    rows: frozenset
    informed: frozenset
    loops: frozenset


@dataclass
class Obj:
    id: int
    qual: str | None
    category: str  # transformer, stateless, label, model, pipeline, search, resampler, cv_splitter, instance, container, unknown
    fits: frozenset = frozenset()  # FitRecord: the fit(s) the object may currently hold
    attrs: dict = field(default_factory=dict)  # attribute name -> Value
    init: Value | None = None  # joined constructor arguments
    kwargs: dict = field(default_factory=dict)  # constructor keyword -> Value
    content: Value | None = None  # containers: what they hold
    defn: object = None  # user class payload for instances

    def copy(self) -> "Obj":
        return Obj(self.id, self.qual, self.category, self.fits, dict(self.attrs), self.init,
                   dict(self.kwargs), self.content, self.defn)

    def joined(self, other: "Obj") -> "Obj":
        attrs = dict(self.attrs)
        for key, value in other.attrs.items():
            attrs[key] = join(attrs.get(key), value)
        return Obj(self.id, self.qual or other.qual, self.category, self.fits | other.fits, attrs,
                   join(self.init, other.init) if other.init is not None else self.init,
                   {**other.kwargs, **self.kwargs},
                   join(self.content, other.content) if other.content is not None else self.content,
                   self.defn or other.defn)


@dataclass
class State:
    env: dict  # name -> Value (locals of the frame being interpreted)
    heap: dict  # object id -> Obj
    seeds: frozenset = frozenset()  # random-number families seeded so far ("numpy", "torch", ...)

    def copy(self) -> "State":
        return State(dict(self.env), {k: o.copy() for k, o in self.heap.items()}, self.seeds)

    def obj(self, obj_id: int) -> Obj | None:
        return self.heap.get(obj_id)

    def join_from(self, other: "State") -> None:
        """Make this state describe either itself or ``other`` (may-analysis)."""
        for name, value in other.env.items():
            self.env[name] = join(self.env.get(name), value)
        for obj_id, obj in other.heap.items():
            mine = self.heap.get(obj_id)
            self.heap[obj_id] = obj.copy() if mine is None else mine.joined(obj)
        # A seed set on any path governs what follows: being strict here would flag
        # `if args.seed: np.random.seed(args.seed)` scripts that are reproducible.
        self.seeds = self.seeds | other.seeds
