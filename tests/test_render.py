"""Our rendering of the nodes findings point at is libcst's, character for character."""
from __future__ import annotations

import importlib.util
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
    rendered = total = calls = 0
    for text in _texts():
        module = cst.parse_module(text)
        visitor = _Nodes()
        module.visit(visitor)
        for node in visitor.found:
            total += 1
            code = plain_code(node)
            if code is not None:
                assert code == module.code_for_node(node)
                rendered += 1
                calls += type(node) is cst.Call
    assert calls > 2_000 and rendered > total // 2


def test_what_is_not_rendered_here_is_left_to_libcst():
    module = cst.parse_module("f(a,\n  b)\nx[1:2]\n(lambda: 0)()\n")
    call, subscript, outer = (line.body[0].value for line in module.body)
    assert plain_code(call) is None  # a line break inside the brackets
    assert plain_code(subscript) is None  # a slice
    assert plain_code(outer) is None  # a lambda inside
    spaced = cst.parse_module("model . fit ( X ,  y = y , )\n").body[0].body[0].value
    assert plain_code(spaced) == "model . fit ( X ,  y = y , )"
