"""Positions of reported nodes: the text-search fast path agrees with libcst's PositionProvider."""
from __future__ import annotations

from pathlib import Path

import libcst as cst

from leaklint.analysis.positions import Position, Positions, _provider_ranges, _statements
from leaklint.sources import load_source

ROOT = Path(__file__).resolve().parent.parent


class _Expressions(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = []

    def on_visit(self, node) -> bool:
        if isinstance(node, (cst.Call, cst.Attribute, cst.Subscript, cst.Name, cst.BinaryOperation)):
            self.found.append(node)
        return True


def _sources():
    paths = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".py", ".ipynb"))
    paths += sorted((ROOT / "corpus").rglob("*.py"))[::3]
    return [load_source(path, str(path), 1 << 30).text for path in paths]


def test_every_expression_of_a_statement_is_placed_as_the_position_provider_places_it():
    checked = fast = 0
    for text in _sources():
        module = cst.parse_module(text)
        expected = _provider_ranges(module)
        positions = Positions(module, text)
        for statement in _statements(module):
            if not isinstance(statement, cst.BaseSmallStatement):
                continue
            visitor = _Expressions()
            statement.visit(visitor)
            for node in visitor.found:
                start, end = positions.span(node, statement)
                line, column, end_line, end_column = expected[node]
                assert (start, end) == (Position(line, column), Position(end_line, end_column)), \
                    (cst.Module(body=[]).code_for_node(node), text.count("\n"))
                checked += 1
        fast += sum(1 for _ in positions._codes)
    assert checked > 10_000 and fast > checked // 2  # most answers come from the text search


def test_columns_count_characters_after_non_ascii_text():
    text = 'note = "é–é"; model = fit(X)\nscore = evaluate(model, "ünïcode", X)\n'
    module = cst.parse_module(text)
    expected = _provider_ranges(module)
    positions = Positions(module, text)
    for statement in _statements(module):
        visitor = _Expressions()
        statement.visit(visitor)
        for node in visitor.found:
            line, column, end_line, end_column = expected[node]
            assert positions.span(node, statement) == (Position(line, column), Position(end_line, end_column))
