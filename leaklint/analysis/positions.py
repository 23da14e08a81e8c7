"""Line and column of the few nodes that end up in findings, without a whole-module pass.

libcst's PositionProvider regenerates the code of the whole module, which costs several
parses. Here Python's own parser (fast) gives each statement its line, libcst statements
are matched to them in source order, and only the statement that holds a reported node is
rendered to find the node inside it.
"""
from __future__ import annotations

import ast
import re
from typing import NamedTuple

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import MetadataWrapper, PositionProvider

from leaklint.analysis.render import code_for_node

_NEWLINE = re.compile(r"\r\n?|\n")  # as libcst's position provider splits tokens


# Searches of the whole text before Python's parse of the file is cheaper (the parse costs
# a few hundred searches): without a bound a script with thousands of findings is quadratic.
MAX_FILE_SEARCHES = 16


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 0-based, as libcst counts


class Positions:
    def __init__(self, module: cst.Module, source: str | None) -> None:
        self.module = module
        self.source = source
        self._statements: dict | None = None
        self._own: set | None = None  # ids of this module's statements
        self._file_searches = 0
        self._inside: dict = {}  # id(statement) -> {node: CodeRange relative to the statement}
        self._whole = None  # PositionProvider's map, when statements cannot be matched
        self._codes: dict = {}  # id(node) -> its code
        self._lines = source.split("\n") if source is not None else None

    def span(self, node, statement) -> tuple[Position, Position] | tuple[None, None]:
        if self._own is None:
            self._own = {id(mine) for mine in _statements(self.module)}
        if statement is not None and id(statement) not in self._own:
            return None, None  # a node of another file (reported at its call site instead)
        if statement is not None:
            found = self._find_once_in_file(node)
            if found is not None:
                return found
        if self._statements is None:
            self._statements = _match_statements(self.module, self.source)
        if self._statements is None:
            return self._span_from_whole_module(node)
        if statement is None:
            return None, None
        line, column, end_line, end_column = self._statements[id(statement)]
        found = self._find_in_text(node, statement, line, column, end_line, end_column)
        if found is not None:
            return found
        relative = self._relative(statement).get(node)
        if relative is None:
            return self._span_from_whole_module(node)
        start_line, start_column, end_line, end_column = relative
        return (Position(line + start_line - 1, start_column + column),
                Position(line + end_line - 1, end_column + column))

    def code(self, node) -> str:
        """The code of a node, rendered once (a finding's position and its trace note both need it)."""
        key = id(node)
        if key not in self._codes:
            self._codes[key] = code_for_node(self.module, node)
        return self._codes[key]

    def _find_once_in_file(self, node):
        """The span of a node whose code occurs exactly once in the whole file.

        Then that occurrence is the node, and Python's parse of the file (to place the
        statements) is not needed: half of the files with findings never need it. Each
        search reads the whole file, so a file with many findings parses after all.
        """
        if self._statements is not None or self._file_searches >= MAX_FILE_SEARCHES:
            return None
        if self.source is None or "\r" in self.source:
            return None
        code = self._plain_code(node)
        if code is None:
            return None
        self._file_searches += 1
        return _span_of_single(code, self.source, line=1, column=0)

    def _plain_code(self, node) -> str | None:
        """The node's code when it can be searched for: rendered, without surrounding space,
        and not in brackets of its own (its span, as libcst counts it, leaves them out)."""
        if getattr(node, "lpar", None):
            return None
        try:
            code = self.code(node)
        except Exception:  # noqa: BLE001 - a node libcst cannot render alone
            return None
        return code if code and code == code.strip() else None

    def _find_in_text(self, node, statement, line: int, column: int, end_line: int, end_column: int):
        """The span of a node whose code occurs exactly once in its statement's text, or
        that begins the statement (`X` in `X = f(X)`, `df` in `df[c] = df[c].fillna(0)`).

        Rendering the node alone and finding it in the source is several times cheaper
        than rendering its statement with every position tracked; a node in brackets of
        its own (whose span, as libcst counts it, leaves them out), a node whose code
        occurs twice (`X` in `Y = f(X, X)`) or that cannot be found goes the long way.
        """
        if self._lines is None:
            return None
        code = self._plain_code(node)
        if code is None:
            return None
        text = _slice(self._lines, line, column, end_line, end_column)
        found = _span_of_single(code, text, line, column)
        if found is None and text.startswith(code) and _begins(node, statement):
            found = _span_at(code, text, 0, line, column)
        return found

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
                self._inside[key] = _code_ranges(cst.Module(body=[wrapped]))
            except Exception:  # noqa: BLE001 - an unusual statement: fall back to the whole module
                self._inside[key] = {}
        return self._inside[key]

    def _span_from_whole_module(self, node):
        if self._whole is None:
            self._whole = _code_ranges(self.module)
        span = self._whole.get(node)
        if span is None:
            return None, None
        return Position(span[0], span[1]), Position(span[2], span[3])


def _span_of_single(code: str, text: str, line: int, column: int):
    """The span of ``code`` where it occurs exactly once in ``text``, a text that starts at
    (line, column); None when it occurs twice or not at all."""
    at = text.find(code)
    if at < 0 or text.find(code, at + 1) >= 0:
        return None
    return _span_at(code, text, at, line, column)


def _span_at(code: str, text: str, at: int, line: int, column: int):
    """The span of ``code`` at offset ``at`` of ``text``, a text that starts at (line, column)."""
    before = text[:at]
    start_line = line + before.count("\n")
    start_column = (column + len(before)) if start_line == line else len(before) - before.rfind("\n") - 1
    last_break = code.rfind("\n")
    finish_line = start_line + code.count("\n")
    finish_column = start_column + len(code) if last_break < 0 else len(code) - last_break - 1
    return Position(start_line, start_column), Position(finish_line, finish_column)


def _begins(node, statement) -> bool:
    """Does ``node`` begin an assignment or an expression statement (where Python's parser
    places it)? It does if it is the first target (or the expression), or what begins that:
    the object of a subscript, attribute or call, the first element of a bare tuple."""
    kind = type(statement)
    if kind is cst.Assign:
        first = statement.targets[0].target
    elif kind is cst.AugAssign or kind is cst.AnnAssign:
        first = statement.target
    elif kind is cst.Expr:
        first = statement.value
    else:
        return False
    while first is not node:
        kind = type(first)
        if kind is cst.Subscript or kind is cst.Attribute:
            first = first.value
        elif kind is cst.Call:
            first = first.func
        elif kind is cst.Tuple and first.elements and type(first.elements[0]) is cst.Element:
            first = first.elements[0].value
        else:
            return False
    return True


def _code_ranges(module: cst.Module) -> dict:
    """node -> (start line, start column, end line, end column), as PositionProvider has them.

    PositionProvider regenerates the code with position tracking; MetadataWrapper adds a
    visit of the whole tree, and the tracking itself spends most of its time in
    contextlib and in small objects. ``_RangeState`` tracks the same positions (the same
    rules: syntactic ranges where libcst records them, hoisted from the first and last
    child where it says so, whitespace-inclusive otherwise) with plain tuples.
    """
    state = _RangeState(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return state.ranges


def _provider_ranges(module: cst.Module) -> dict:
    """The same map from libcst's PositionProvider (the reference, for tests)."""
    found = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {node: (r.start.line, r.start.column, r.end.line, r.end.column) for node, r in found.items()}


class _RangeState(CodegenState):
    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.line = 1  # one-indexed
        self.column = 0  # zero-indexed
        self.stack: list = []
        self.ranges: dict = {}

    def _advance(self, value: str) -> None:
        if "\n" not in value and "\r" not in value:
            self.column += len(value)
            return
        segments = _NEWLINE.split(value)
        self.line += len(segments) - 1
        self.column = len(segments[-1])

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self._advance(value)

    def before_codegen(self, node) -> None:
        self.stack.append((self.line, self.column))

    def after_codegen(self, node) -> None:
        line, column = self.stack.pop()
        if node not in self.ranges:  # a syntactic range recorded inside wins
            self.ranges[node] = (line, column, self.line, self.column)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _RangeState, node, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = (self.state.line, self.state.column)

    def __exit__(self, *exc) -> bool:
        state = self.state
        start = state.ranges[self.start_node][:2] if self.start_node is not None else self.start
        end = state.ranges[self.end_node][2:] if self.end_node is not None else (state.line, state.column)
        state.ranges[self.node] = (*start, *end)
        return False


def _match_statements(module: cst.Module, source: str | None) -> dict | None:
    """id(libcst statement) -> (line, column) of the same statement per Python's parser."""
    if source is None:
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    theirs = sorted(_ast_statements(tree), key=lambda n: (n.lineno, n.col_offset))
    ours = list(_statements(module))
    if len(theirs) != len(ours):
        return None
    lines = source.split("\n")
    return {id(mine): (node.lineno, _characters(lines, node.lineno, node.col_offset),
                       node.end_lineno, _characters(lines, node.end_lineno, node.end_col_offset))
            for mine, node in zip(ours, theirs)}


def _characters(lines: list[str], line: int, offset: int) -> int:
    """Python's parser counts columns in UTF-8 bytes; libcst, and we, in characters."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.isascii():
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", "replace"))


def _slice(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The text from (line, column) to (end_line, end_column): lines 1-based, columns 0-based."""
    if line == end_line:
        return lines[line - 1][column:end_column]
    return "\n".join([lines[line - 1][column:], *lines[line:end_line - 1], lines[end_line - 1][:end_column]])


def _ast_statements(tree: ast.Module) -> list:
    """Every statement of an ast tree (statements only sit in these fields: no need to walk
    the expressions, which are most of the nodes)."""
    found = []
    pending = [tree]
    while pending:
        node = pending.pop()
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, field, None)
            if not isinstance(children, list):
                continue
            for child in children:
                if isinstance(child, ast.stmt):
                    found.append(child)
                pending.append(child)
    return found


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
