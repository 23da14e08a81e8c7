"""The interpreter's state at one program point: names, objects, and global seeds.

Branches copy the state and join the copies afterwards. Objects (fitted estimators, class
instances, containers) live in a heap keyed by allocation site so that
``scaler.fit(X)`` changes what a later ``scaler.transform`` returns.
"""
from __future__ import annotations

import bisect
import itertools
import weakref
from dataclasses import dataclass, field
from typing import NamedTuple

import immutables

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


_EPOCH = itertools.count(1)  # orders every write to every Tracked dict
_MAX_ANCESTRY = 64


class Tracked:
    """A mapping that logs its writes, remembers the mapping it was copied from, and is
    copied in constant time.

    A long script keeps thousands of names at module level; every branch and loop copies
    them and joins the copies again. Copying a dict of every name at each branch, and
    comparing every name at each join, made the analysis quadratic in the length of the
    script. So the names sit in a persistent hash map (``immutables.Map``, the structure
    behind contextvars: a copy shares it, a write makes a new version in O(log n)), and a
    join looks only at the names written since the two copies parted (``changed_keys``).
    """

    __slots__ = ("_map", "log", "born", "origin", "__weakref__")

    def __init__(self, items=(), origin: "Tracked | None" = None) -> None:
        self._map = items if isinstance(items, immutables.Map) else immutables.Map(items)
        self.log: list = []  # (epoch, key) of every write since ``born``
        self.born = next(_EPOCH)
        # Equal to ``origin`` at ``born``; weak, so that a chain of copies is not kept alive.
        self.origin = weakref.ref(origin) if origin is not None else None

    def copy(self) -> "Tracked":
        return Tracked(self._map, origin=self)

    # -- reading
    def __getitem__(self, key):
        return self._map[key]

    def get(self, key, default=None):
        return self._map.get(key, default)

    def __contains__(self, key) -> bool:
        return key in self._map

    def __iter__(self):
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def keys(self):
        return self._map.keys()

    def values(self):
        return self._map.values()

    def items(self):
        return self._map.items()

    def __repr__(self) -> str:
        return f"Tracked({dict(self._map.items())!r})"

    # -- writing
    def __setitem__(self, key, value) -> None:
        self.log.append((next(_EPOCH), key))
        self._map = self._map.set(key, value)

    def __delitem__(self, key) -> None:
        self.log.append((next(_EPOCH), key))
        self._map = self._map.delete(key)

    def pop(self, key, *default):
        if key not in self._map:
            if default:
                return default[0]
            raise KeyError(key)
        value = self._map[key]
        del self[key]
        return value

    def setdefault(self, key, default=None):
        if key not in self._map:
            self[key] = default
        return self._map[key]

    def update(self, *args, **kwargs) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):
        self.update(other)
        return self

    def clear(self) -> None:
        for key in list(self._map):
            del self[key]


def changed_keys(a: dict, b: dict) -> list | None:
    """The keys whose values may differ between ``a`` and ``b``, or None when unknown.

    Both are traced back through the dicts they were copied from to their nearest common
    ancestor; what differs is among the keys written on either path since it parted.
    """
    if not isinstance(a, Tracked) or not isinstance(b, Tracked):
        return None
    ancestry = {}  # id -> (dict, epoch at which the path from ``a`` left it)
    node, left = a, None
    for _ in range(_MAX_ANCESTRY):
        ancestry[id(node)] = (node, left)
        parent = node.origin() if node.origin is not None else None
        if parent is None:
            break
        node, left = parent, node.born
    path_b = []
    node, left = b, None
    for _ in range(_MAX_ANCESTRY):
        if id(node) in ancestry and ancestry[id(node)][0] is node:
            common, left_a = node, ancestry[id(node)][1]
            break
        path_b.append(node)
        parent = node.origin() if node.origin is not None else None
        if parent is None:
            return None
        node, left = parent, node.born
    else:
        return None
    left_b = left
    keys: dict = {}
    for node, _ in ancestry.values():
        if node is common:
            break
        keys.update(dict.fromkeys(key for _, key in node.log))
    for node in path_b:
        keys.update(dict.fromkeys(key for _, key in node.log))
    since = min(epoch for epoch in (left_a, left_b) if epoch is not None) if (left_a or left_b) else None
    if since is not None:
        tail = bisect.bisect_right(common.log, (since,))  # epochs are unique: the first write after
        keys.update(dict.fromkeys(key for _, key in common.log[tail:]))
    return list(keys)


@dataclass
class State:
    env: dict  # name -> Value (locals of the frame being interpreted)
    heap: dict  # object id -> Obj, shared with copies until written (copy on write)
    seeds: frozenset = frozenset()  # random-number families seeded so far ("numpy", "torch", ...)
    owned: set = field(default_factory=set)  # objects this state may change in place

    def __post_init__(self) -> None:
        # New, empty dicts from the interpreter become Tracked; a dict handed over from
        # another state (a shared heap) is one already, and keeps its identity.
        if type(self.env) is dict and not self.env:
            self.env = Tracked()
        if type(self.heap) is dict and not self.heap:
            self.heap = Tracked()

    def copy(self) -> "State":
        # Branches copy the state often; objects are copied only when a branch changes them.
        self.owned = set()
        return State(_copy(self.env), _copy(self.heap), self.seeds)

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
        for name, value in _differing(self.env, other.env):
            mine = self.env.get(name)
            if mine is not value:
                self.env[name] = join(mine, value)
        for obj_id, obj in _differing(self.heap, other.heap):
            mine = self.heap.get(obj_id)
            if mine is obj:
                continue
            self.heap[obj_id] = obj if mine is None else mine.joined(obj)
            self.owned.discard(obj_id)
        # A seed set on any path governs what follows: being strict here would flag
        # `if args.seed: np.random.seed(args.seed)` scripts that are reproducible.
        self.seeds = self.seeds | other.seeds


def _copy(mapping: dict) -> dict:
    return mapping.copy() if isinstance(mapping, Tracked) else dict(mapping)


def _differing(mine: dict, other: dict):
    """The (key, value) pairs of ``other`` that may differ from ``mine``: all of them unless
    the two are Tracked copies of one another."""
    keys = changed_keys(mine, other)
    if keys is None:
        return list(other.items())
    return [(key, other[key]) for key in keys if key in other]
