"""What the interpreter learned about one program: the dataflow graph and its events.

Rules read only this. Graph nodes are integers in execution order (a smaller node happened
earlier); each carries the libcst node it came from and a short note for traces. Edges mean
"computed from".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import networkx as nx

from leaklint.analysis.render import code_for_node
from leaklint.analysis.values import Part

HELD_OUT = ("test", "val")


class Note:
    """Text of a graph node, made from its code only when a finding needs it."""

    __slots__ = ("module", "node", "limit", "prefix")

    def __init__(self, module, node, limit: int, prefix: str = "") -> None:
        self.module, self.node, self.limit, self.prefix = module, node, limit, prefix

    def __str__(self) -> str:
        return self.text(partial(code_for_node, self.module))

    def text(self, code_for_node) -> str:
        """The note, with the node's code from ``code_for_node`` (a renderer that may have it already)."""
        try:
            code = code_for_node(self.node)
        except Exception:  # noqa: BLE001 - a node libcst cannot render alone
            code = type(self.node).__name__
        text = self.prefix + " ".join(code.split())
        return text if len(text) <= self.limit else text[: self.limit - 1] + "…"


class Source(NamedTuple):
    node: int
    role: str  # "all", or "train"/"test"/"val" for a file that already is one side of a split
    note: str


@dataclass
class Split:
    node: int
    kind: str  # "holdout" or "cv"
    explicit: bool  # made by a known splitter (else: slices, masks, sample/drop)
    shuffled: bool
    seeded: bool
    inputs: frozenset  # Part
    marks: frozenset  # marks of the data that was split
    loops: frozenset
    sides: set = field(default_factory=set)  # sides actually taken
    report_node: int | None = None  # where to report (the splitter's construction), if not here

    @property
    def confirmed(self) -> bool:
        # A lone `df[:1000]` or `df[df.age > 0]` is a subset, not a split: it becomes a
        # split only when the other side is taken too.
        return self.explicit or len(self.sides) >= 2


class Random(NamedTuple):
    """A random split, shuffle or sample at ``node``; ``seeded`` if a seed governs it."""

    node: int
    what: str  # split, cv, shuffle, sample
    seeded: bool
    split: int | None  # the split it made, for samples


class Use(NamedTuple):
    """Data ``rows`` shaped by ``informed`` reached event ``node`` (fit, predict, score, cv, split)."""

    node: int
    what: str
    rows: frozenset
    informed: frozenset


class Fit(NamedTuple):
    node: int
    obj: int
    category: str  # library category of the estimator (model, transformer, search, ...)
    rows: frozenset
    eval_rows: frozenset  # rows given as validation / eval set
    eval_node: int | None
    x_cols: object  # Cols or None
    x_colsrc: frozenset
    x_rows: frozenset
    y_colsrc: frozenset
    y_cols: object
    loops: frozenset


class Score(NamedTuple):
    node: int
    objs: frozenset  # models scored (empty when unknown)
    fits: frozenset  # FitRecords the models held when scored
    rows: frozenset  # rows the score was computed on
    loops: frozenset
    cv: bool  # a cross-validated score (held out by construction)
    model_loops: frozenset  # loops the scored model varies with (candidates)
    in_loops: frozenset  # loops being run when the score was computed
    data_loops: frozenset  # loops the scored rows vary with (then it is not the same test set)


class Select(NamedTuple):
    node: int
    evals: frozenset  # score nodes that decided the choice
    loops: frozenset


class ColumnAssign(NamedTuple):
    node: int
    sources: frozenset  # sources of the frame the column was added to
    column: str
    colsrc: frozenset  # (source, column) it was computed from, row by row
    informed: frozenset
    shifted: bool  # computed through a time shift (a lag, or a label from the future)


@dataclass
class Facts:
    path: str
    module: object  # libcst.Module, for positions of the findings only
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)
    sources: dict = field(default_factory=dict)  # node -> Source
    splits: dict = field(default_factory=dict)  # node -> Split
    uses: list = field(default_factory=list)
    fits: list = field(default_factory=list)
    scores: list = field(default_factory=list)
    selects: list = field(default_factory=list)
    column_assigns: list = field(default_factory=list)
    seed_loops: set = field(default_factory=set)  # loops whose variable is used as a seed
    resamples: dict = field(default_factory=dict)  # node -> note
    randoms: list = field(default_factory=list)
    overlapping: set = field(default_factory=set)  # (head split, tail split) whose sides share rows
    stat_colsrc: dict = field(default_factory=dict)  # statistic node -> columns it summarised
    budget_exceeded: bool = False
    _flipped: set | None = None
    _scored_test_file: bool | None = None
    _label_features: set | None = None
    _assigns_by_source: dict = field(default_factory=dict)  # source -> positions in column_assigns
    _assigns_indexed: int = 0  # column_assigns indexed so far (the list only grows)
    anchor: object = None  # (call, statement, always) here that ran code of another file or a user fit
    statement: object = None  # the statement being interpreted

    # -- graph -------------------------------------------------------------------------
    # The interpreter adds tens of thousands of nodes and edges per file: they go straight
    # into the DiGraph's own dicts, as DiGraph.add_node and add_edge would put them, without
    # the checks and the cache clearing of each call (nothing reads the graph meanwhile).
    def add_node(self, cst_node, note: str, kind: str = "value", inputs=()) -> int:
        graph = self.graph
        node = len(graph._node)
        attrs = {"cst": cst_node, "note": note, "kind": kind, "anchor": self.anchor, "stmt": self.statement}
        if node in graph._succ:
            graph._node[node].update(attrs)
        else:
            graph._succ[node] = {}
            graph._pred[node] = {}
            graph._node[node] = attrs
        for source in inputs:
            if source is not None and source != node:
                self._edge(source, node)
        nx._clear_cache(graph)
        return node

    def link(self, source: int | None, target: int | None) -> None:
        if source is not None and target is not None and source != target:
            self._edge(source, target)
            nx._clear_cache(self.graph)

    def _edge(self, source, target) -> None:
        graph = self.graph
        for end in (source, target):
            if end not in graph._succ:  # as add_edge: an unknown end becomes a node
                graph._succ[end] = {}
                graph._pred[end] = {}
                graph._node[end] = {}
        data = graph._succ[source].get(target, {})
        graph._succ[source][target] = data
        graph._pred[target][source] = data

    def note(self, node: int) -> str:
        return str(self.graph.nodes[node]["note"])

    # -- rows ----------------------------------------------------------------------------
    def effective(self, part: Part) -> Part:
        """The part with only the splits that really split (both sides taken)."""
        kept = tuple(step for step in part.path if self.splits[step[0]].confirmed)
        return part if kept == part.path else Part(part.source, kept)

    def scored_test_file(self) -> bool:
        if self._scored_test_file is None:
            self._scored_test_file = any(
                self.sources.get(p.source) is not None and self.sources[p.source].role == "test"
                for score in self.scores for p in score.rows)
        return self._scored_test_file

    def assigns_to(self, sources) -> list:
        """The column assignments to frames of these sources, in the order they were made.

        Through an index by source, brought up to date with the assignments added since the
        last call, so that neither the interpreter (at every column selection) nor a rule
        (for every fit) scans all the assignments of a long script.
        """
        for position in range(self._assigns_indexed, len(self.column_assigns)):
            for source in self.column_assigns[position].sources:
                self._assigns_by_source.setdefault(source, []).append(position)
        self._assigns_indexed = len(self.column_assigns)
        positions = sorted({position for source in sources for position in self._assigns_by_source.get(source, ())})
        return [self.column_assigns[position] for position in positions]

    def flipped(self) -> set:
        """Implicit splits (slices, masks) whose "head" side is the one scored, not fitted.

        ``X[perm[:n_test]]`` may well be the test set: for splits without a splitter the side
        a model is trained on is the training side.
        """
        if self._flipped is None:
            fitted: dict = {}
            for fit in self.fits:
                if fit.category in ("transformer", "stateless", "label"):
                    continue
                for part in fit.rows:
                    for split, side in part.path:
                        fitted.setdefault(split, set()).add(side)
            self._flipped = {split for split, sides in fitted.items()
                             if sides == {"test"} and split in self.splits and not self.splits[split].explicit}
        return self._flipped

    def role(self, part: Part) -> str:
        """all, train, val or test: what the rows are in the evaluation protocol."""
        part = self.effective(part)
        flipped = self.flipped()
        if flipped and any(split in flipped for split, _ in part.path):
            swap = {"train": "test", "test": "train"}
            part = Part(part.source, tuple((s, swap.get(side, side) if s in flipped else side) for s, side in part.path))
        source = self.sources.get(part.source)
        sides = [side for _, side in part.path]
        # A file that is the test (or validation) set makes its rows held out. What is split off
        # other data is a validation set when a test file is scored too (adult.test,
        # CIFAR10(train=False)); Kaggle's test.csv has no labels, so there what is split off
        # train.csv is the test set of every reported number.
        if source is not None and source.role in ("test", "val"):
            sides.insert(0, source.role)
        elif self.scored_test_file():
            sides.insert(0, "train")  # the labelled data beside a scored test file
        if not sides:
            return "all"
        held = [i for i, side in enumerate(sides) if side in HELD_OUT]
        if not held:
            return "train"
        first = held[0]
        if sides[first] == "val" or "train" in sides[:first]:
            return "val"  # held out of a training portion: a validation set
        return "test" if all(side == "test" for side in sides[first:]) else "val"

    def is_test(self, part: Part) -> bool:
        return self.role(part) == "test"

    def strictly_contains(self, outer: Part, inner: Part) -> bool:
        """``outer`` holds every row of ``inner`` and rows on the other side of a split."""
        outer, inner = self.effective(outer), self.effective(inner)
        return outer.contains(inner) and len(outer.path) < len(inner.path)

    def sampled_from(self, outer: Part, inner: Part) -> bool:
        """``inner`` rows were taken out of ``outer`` rows (a sample, a tail, an overlapping slice)."""
        if outer.contains(inner) and len(outer.path) < len(inner.path):
            return True
        if outer.source == inner.source and outer.path and inner.path and outer.path[:-1] == inner.path[:-1]:
            a, b = outer.path[-1][0], inner.path[-1][0]
            if (a, b) in self.overlapping:
                return True
            # Two independent random samples of the same rows share rows.
            return a != b and a in self.sample_splits() and b in self.sample_splits()
        return False

    def learned(self, info) -> bool:
        """Did this fit or statistic learn from rows in a way that matters for features?

        A label encoder learns the label vocabulary: harmless for the target, but on a
        feature column it is an ordinal encoder fitted on whatever rows it saw.
        """
        if info.how in ("stat", "transform"):
            return True
        if info.how == "label":
            if self._label_features is None:
                self._label_features = {i.node for use in self.uses if use.what in ("fit", "cv", "predict", "score")
                                        for i in use.informed if i.how == "label"}
            return info.node in self._label_features
        return False

    def sample_splits(self) -> set:
        return {random.split for random in self.randoms if random.what == "sample"}

    def overlaps(self, a: Part, b: Part) -> bool:
        a, b = self.effective(a), self.effective(b)
        return a.contains(b) or b.contains(a)

    def split_after(self, outer: Part, inner: Part) -> int | None:
        """The first split that separates ``inner`` from the rest of ``outer``."""
        outer, inner = self.effective(outer), self.effective(inner)
        if len(inner.path) > len(outer.path):
            return inner.path[len(outer.path)][0]
        return None
