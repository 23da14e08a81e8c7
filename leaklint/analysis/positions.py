"""Line and column of the few nodes that end up in findings, without a whole-module pass.

libcst's PositionProvider regenerates the code of the whole module, which costs several
parses. Here Python's own parser (fast) gives each statement its line, libcst statements
are matched to them in source order, and only the statement that holds a reported node is
rendered to find the node inside it.
"""
from __future__ import annotations

import ast
from typing import NamedTuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 0-based, as libcst counts


class Positions:
    def __init__(self, module: cst.Module, source: str | None) -> None:
        self.module = module
        self.source = source
        self._statements: dict | None = None
        self._inside: dict = {}  # id(statement) -> {node: CodeRange relative to the statement}
        self._whole = None  # PositionProvider's map, when statements cannot be matched

    def span(self, node, statement) -> tuple[Position, Position] | tuple[None, None]:
        if self._statements is None:
            self._statements = _match_statements(self.module, self.source)
        if self._statements is None:
            return self._span_from_whole_module(node)
        if statement is None or id(statement) not in self._statements:
            return None, None  # a node of another file (reported at its call site instead)
        line, column = self._statements[id(statement)]
        relative = self._relative(statement).get(node)
        if relative is None:
            return self._span_from_whole_module(node)
        start, end = relative.start, relative.end
        return (Position(line + start.line - 1, start.column + column),
                Position(line + end.line - 1, end.column + column))

    def _relative(self, statement) -> dict:
        key = id(statement)
        if key not in self._inside:
            wrapped = statement
            if isinstance(statement, cst.BaseSmallStatement):
                wrapped = cst.SimpleStatementLine(body=[statement])
            else:
                # Python's parser puts a statement at its keyword: drop the comments and blank
                # lines (and decorators) that libcst keeps in front of it.
                changes = {"leading_lines": []}
                if hasattr(statement, "decorators"):
                    changes["decorators"] = []
                wrapped = statement.with_changes(**changes)
            try:
                wrapper = MetadataWrapper(cst.Module(body=[wrapped]), unsafe_skip_copy=True)
                self._inside[key] = wrapper.resolve(PositionProvider)
            except Exception:  # noqa: BLE001 - an unusual statement: fall back to the whole module
                self._inside[key] = {}
        return self._inside[key]

    def _span_from_whole_module(self, node):
        if self._whole is None:
            self._whole = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        span = self._whole.get(node)
        if span is None:
            return None, None
        return Position(span.start.line, span.start.column), Position(span.end.line, span.end.column)


def _match_statements(module: cst.Module, source: str | None) -> dict | None:
    """id(libcst statement) -> (line, column) of the same statement per Python's parser."""
    if source is None:
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    theirs = sorted((n for n in ast.walk(tree) if isinstance(n, ast.stmt)), key=lambda n: (n.lineno, n.col_offset))
    ours = list(_statements(module))
    if len(theirs) != len(ours):
        return None
    return {id(mine): (node.lineno, node.col_offset) for mine, node in zip(ours, theirs)}


def _statements(node):
    """libcst statements in source order: small statements one by one, compounds before their bodies."""
    if isinstance(node, cst.SimpleStatementLine) or isinstance(node, cst.SimpleStatementSuite):
        yield from node.body
        return
    if isinstance(node, cst.BaseCompoundStatement):
        yield node
    for child in _blocks(node):
        yield from _statements(child)


def _blocks(node):
    if isinstance(node, cst.Module):
        return node.body
    children = []
    for field in ("body", "handlers", "orelse", "finalbody", "cases"):
        value = getattr(node, field, None)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            children.extend(value)
        elif isinstance(value, (cst.IndentedBlock, cst.SimpleStatementSuite)):
            if isinstance(value, cst.IndentedBlock):
                children.extend(value.body)
            else:
                children.append(value)
        else:
            children.append(value)
    out = []
    for child in children:
        if isinstance(child, (cst.Else, cst.Finally)):
            out.extend(_blocks(child))
        elif isinstance(child, (cst.ExceptHandler, getattr(cst, "ExceptStarHandler", cst.ExceptHandler), cst.MatchCase)):
            out.extend(_blocks(child))
        else:
            out.append(child)
    return out
