"""Positions of reported nodes: the text-search fast path agrees with libcst's PositionProvider."""
from __future__ import annotations

from pathlib import Path

import libcst as cst

from leaklint.analysis.positions import MAX_FILE_SEARCHES, Position, Positions, _provider_ranges, _statements
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


def test_a_node_whose_code_occurs_once_in_the_file_is_placed_without_pythons_parse():
    text = "X_train, X_test = split(X)\nscaler.fit(X_test)\nmodel.fit(X_train)\n"
    module = cst.parse_module(text)
    statement = list(_statements(module))[1]
    call = statement.value
    positions = Positions(module, text)
    assert positions.span(call, statement) == (Position(2, 0), Position(2, 18))
    assert positions._statements is None  # placed by the text search over the whole file
    name = call.args[0].value  # `X_test` occurs twice: the statement decides which
    assert positions.span(name, statement) == (Position(2, 11), Position(2, 17))
    assert positions._statements is not None


def test_a_node_of_another_module_is_not_placed_in_this_one():
    text = "scaler.fit(X_test)\n"
    other = cst.parse_module("def prep(X):\n    return scaler.fit(X_test)\n")
    statement = other.body[0].body.body[0].body[0]
    positions = Positions(cst.parse_module(text), text)
    assert positions.span(statement.value, statement) == (None, None)


def test_a_file_with_many_reported_nodes_is_searched_whole_only_a_few_times():
    # Each whole-file search reads the file: unbounded, a long script with a finding on
    # every few lines would take time quadratic in its length.
    text = "".join(f"model_{i}.fit(X_{i})\n" for i in range(3 * MAX_FILE_SEARCHES))
    module = cst.parse_module(text)
    expected = _provider_ranges(module)
    positions = Positions(module, text)
    for statement in _statements(module):
        start, end = positions.span(statement.value, statement)
        line, column, end_line, end_column = expected[statement.value]
        assert (start, end) == (Position(line, column), Position(end_line, end_column))
    assert positions._file_searches == MAX_FILE_SEARCHES
    assert positions._statements is not None  # the rest were placed through Python's parse


def test_what_an_assignment_or_expression_begins_with_is_placed_by_the_text_search():
    text = ("def prep(X, y):\n    X = scale(X)\n    X[y] += X[y].mean()\n    n: int = n\n"
            "    a, b = a.split(b)\n    X.fit(X)\n    return X, X\n")
    module = cst.parse_module(text)
    expected = _provider_ranges(module)
    positions = Positions(module, text)
    positions._file_searches = MAX_FILE_SEARCHES  # straight to the statements
    statements = list(_statements(module))
    assign, augmented, annotated, unpack, expression = statements[1:6]
    starts = [assign.targets[0].target, augmented.target, augmented.target.value, annotated.target,
              unpack.targets[0].target.elements[0].value, expression.value.func.value]
    for node, statement in zip(starts, [assign, augmented, augmented, annotated, unpack, expression]):
        line, column, end_line, end_column = expected[node]
        assert positions.span(node, statement) == (Position(line, column), Position(end_line, end_column))
    assert positions._inside == {}  # no statement rendered with its positions
    positions.span(statements[6].value.elements[0].value, statements[6])  # `return` comes first
    assert list(positions._inside) == [id(statements[6])]
