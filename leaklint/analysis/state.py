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
    heap: dict  # object id -> Obj, shared with copies until written (copy on write)
    seeds: frozenset = frozenset()  # random-number families seeded so far ("numpy", "torch", ...)
    owned: set = field(default_factory=set)  # objects this state may change in place

    def copy(self) -> "State":
        # Branches copy the state often; objects are copied only when a branch changes them.
        self.owned = set()
        return State(dict(self.env), dict(self.heap), self.seeds)

    def obj(self, obj_id: int) -> Obj | None:
        return self.heap.get(obj_id)

    def writable(self, obj_id: int) -> Obj | None:
        obj = self.heap.get(obj_id)
        if obj is not None and obj_id not in self.owned:
            obj = obj.copy()
            self.heap[obj_id] = obj
            self.owned.add(obj_id)
        return obj

    def put(self, obj: Obj) -> None:
        self.heap[obj.id] = obj
        self.owned.add(obj.id)

    def join_from(self, other: "State") -> None:
        """Make this state describe either itself or ``other`` (may-analysis)."""
        for name, value in other.env.items():
            mine = self.env.get(name)
            if mine is not value:
                self.env[name] = join(mine, value)
        for obj_id, obj in other.heap.items():
            mine = self.heap.get(obj_id)
            if mine is obj:
                continue
            self.heap[obj_id] = obj if mine is None else mine.joined(obj)
            self.owned.discard(obj_id)
        # A seed set on any path governs what follows: being strict here would flag
        # `if args.seed: np.random.seed(args.seed)` scripts that are reproducible.
        self.seeds = self.seeds | other.seeds
