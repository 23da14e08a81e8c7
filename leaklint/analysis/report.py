"""Turn rule answers into findings: positions, messages and the trace that proves them.

Positions are computed only for files that have findings (libcst's PositionProvider costs
several times a parse), and only once per file.
"""
from __future__ import annotations

import networkx as nx

from leaklint.analysis.facts import Facts, Note
from leaklint.analysis.positions import Positions
from leaklint.findings import Finding, TraceStep

MAX_TRACE = 8
MAX_NOTE = 80


class Report:
    def __init__(self, path: str, facts: Facts, source: str | None = None) -> None:
        self.path = path
        self.facts = facts
        self._pending: dict = {}  # (code, node) -> (rule, message, trace nodes)
        self._positions = Positions(facts.module, source)
        self._notes: dict = {}  # graph node -> its rendered note

    def add(self, rule, node: int, message: str, trace=()) -> None:
        """Report ``rule`` at graph node ``node``; ``trace`` lists graph nodes to connect."""
        key = (rule.code, node)
        if key not in self._pending:
            self._pending[key] = (rule, message, tuple(t for t in trace if t is not None))

    def path_between(self, *nodes) -> list[int]:
        """A chain of nodes through each given node in turn (shortest paths where they exist)."""
        chain: list[int] = []
        nodes = [n for n in nodes if n is not None]
        for a, b in zip(nodes, nodes[1:]):
            try:
                piece = nx.shortest_path(self.facts.graph, a, b)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                piece = [a, b]
            chain.extend(piece if not chain else piece[1:] if chain[-1] == piece[0] else piece)
        if not chain and nodes:
            chain = nodes[:1]
        return chain

    def findings(self) -> list[Finding]:
        if not self._pending:
            return []
        candidates = []
        for (code, node), (rule, message, trace) in self._pending.items():
            start, end = self._position(node)
            if start is None:
                continue
            steps = self._trace(trace)
            candidates.append(Finding(code=rule.code, name=rule.name, severity=rule.severity, path=self.path,
                                      line=start.line, column=start.column + 1, end_line=end.line,
                                      end_column=end.column + 1, message=message, trace=steps))
        # One finding per rule and line: a statement that fits twice is one thing to change.
        # The rules may add them in hash order (sets of graph facts), so the one kept is
        # chosen by position, not by arrival: the output must not depend on PYTHONHASHSEED.
        out = {}
        for finding in sorted(candidates, key=_choice_key):
            out.setdefault((finding.code, finding.line), finding)
        return sorted(out.values(), key=Finding.sort_key)

    def _trace(self, nodes) -> tuple:
        steps = []
        seen = set()
        for node in nodes:
            data = self.facts.graph.nodes.get(node)
            if data is None or data.get("cst") is None:
                continue
            start, _ = self._position(node)
            if start is None:
                continue
            if start.line in seen:
                continue  # one step a line: the first thing that happened there
            seen.add(start.line)
            steps.append((node, start))
        if len(steps) > MAX_TRACE:
            steps = steps[: MAX_TRACE // 2] + steps[-MAX_TRACE // 2:]
        # The code of a step is rendered only for the steps kept, once per node.
        return tuple(TraceStep(self.path, start.line, start.column + 1, self._note(node)) for node, start in steps)

    def _note(self, node: int) -> str:
        note = self._notes.get(node)
        if note is None:
            note = self.facts.graph.nodes[node]["note"]
            if isinstance(note, Note) and note.module is self.facts.module:
                note = note.text(self._positions.code)  # rendered already to find the step
            note = " ".join(str(note).split())
            if len(note) > MAX_NOTE:
                note = note[: MAX_NOTE - 1] + "…"
            self._notes[node] = note
        return note

    def _position(self, node: int):
        data = self.facts.graph.nodes.get(node)
        if not data or data.get("cst") is None:
            return None, None
        anchor = data.get("anchor")
        if anchor is not None and anchor[2]:
            return self._positions.span(anchor[0], anchor[1])  # inside a user estimator's fit
        start, end = self._positions.span(data["cst"], data.get("stmt"))
        if start is None and anchor is not None:
            # Code of another file of the run: report at the call in this file that ran it.
            start, end = self._positions.span(anchor[0], anchor[1])
        return start, end


def _choice_key(finding: Finding) -> tuple:
    trace = tuple((step.path, step.line, step.column, step.note) for step in finding.trace)
    return (*finding.sort_key(), finding.end_line, finding.end_column, trace)
