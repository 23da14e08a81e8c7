"""Our rendering of the nodes findings point at is libcst's, character for character."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import libcst as cst

from leaklint.analysis.render import plain_code
from leaklint.sources import load_source

ROOT = Path(__file__).resolve().parent.parent


class _Nodes(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = []

    def on_visit(self, node) -> bool:
        if isinstance(node, cst.BaseExpression):
            self.found.append(node)
        return True


def _texts():
    paths = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".py", ".ipynb"))
    paths += sorted((ROOT / "corpus").rglob("*.py"))
    for package in ("sklearn", "pandas"):  # real code with every spacing habit there is
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.origin:
            paths += sorted(Path(spec.origin).parent.rglob("*.py"))[:40]
    for path in paths:
        yield load_source(path, str(path), 1 << 30).text


def test_every_expression_rendered_here_is_rendered_as_libcst_renders_it():
    rendered = total = 0
    kinds = Counter()
    for text in _texts():
        module = cst.parse_module(text)
        visitor = _Nodes()
        module.visit(visitor)
        for node in visitor.found:
            total += 1
            code = plain_code(node, module.default_newline)
            if code is not None:
                assert code == module.code_for_node(node)
                rendered += 1
                kinds[type(node).__name__] += 1
                alone = plain_code(node)  # without the newline: the same, or left to libcst
                assert alone is None or alone == code
    assert kinds["Call"] > 2_000 and rendered > total * 3 // 4
    for kind in ("UnaryOperation", "BinaryOperation", "BooleanOperation", "Comparison", "List", "Tuple", "Dict", "ConcatenatedString"):
        assert kinds[kind] > 50, kind


def test_what_is_not_rendered_here_is_left_to_libcst():
    module = cst.parse_module("f(a,\n  b)\nx[::2, *y]\n(lambda: 0)()\n[*a]\n")
    call, subscript, outer, starred = (line.body[0].value for line in module.body)
    assert plain_code(call) is None  # a line break inside the brackets, and no newline given
    assert plain_code(subscript) is None  # a starred index
    assert plain_code(outer) is None  # a lambda inside
    assert plain_code(starred) is None
    spaced = cst.parse_module("model . fit ( X ,  y = y , )\n").body[0].body[0].value
    assert plain_code(spaced) == "model . fit ( X ,  y = y , )"


def test_line_breaks_and_comments_inside_brackets_are_rendered_with_the_modules_newline():
    for newline in ("\n", "\r\n"):
        text = newline.join(["fit(X,  # the rows", "", "    # all of them", "    y=-y[1:, ::2],", "    "
                             "w={'a': (1,), 'b': [c is not d, e not in f]})", ""])
        module = cst.parse_module(text)
        call = module.body[0].body[0].value
        assert plain_code(call, module.default_newline) == module.code_for_node(call)
