"""The analysis tells some libcst node classes apart by identity, ``type(node) is cst.Assign``,
instead of ``isinstance`` (every libcst class has ABCMeta as its metaclass, which makes a
failed isinstance slow). Identity is the same test only while the class has no subclass: a
libcst release that adds one must fail here, not change findings silently.

The classes are read from the code itself, every ``type(x) is C``, ``type(x) in (C, D)`` and
``kind is C`` after ``kind = type(x)`` in the modules of ``leaklint.analysis``, so that a
check added later is covered too.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import libcst as cst
import pytest

import leaklint.analysis


def _modules():
    yield leaklint.analysis
    for info in pkgutil.walk_packages(leaklint.analysis.__path__, "leaklint.analysis."):
        yield importlib.import_module(info.name)


def _is_type_call(node) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type"
            and len(node.args) == 1 and not node.keywords)


def _binds_type(value) -> bool:
    """``type(stmt)``, or ``type(expr.operator) if binary else None``."""
    if isinstance(value, ast.IfExp):
        return _is_type_call(value.body) or _is_type_call(value.orelse)
    return _is_type_call(value)


def _type_names(scope) -> set:
    """Names the scope binds to ``type(...)`` (``kind = type(stmt)``)."""
    return {target.id for node in ast.walk(scope) if isinstance(node, ast.Assign) and _binds_type(node.value)
            for target in node.targets if isinstance(target, ast.Name)}


def _classes_compared_by_identity(module) -> set:
    tree = ast.parse(inspect.getsource(module))
    namespace = vars(module)
    found = set()
    for scope in [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        names = _type_names(scope) if scope is not tree else set()
        for compare in ast.walk(scope):
            if not isinstance(compare, ast.Compare):
                continue
            lefts = [compare.left] + compare.comparators[:-1]
            for left, op, right in zip(lefts, compare.ops, compare.comparators):
                if not (_is_type_call(left) or (isinstance(left, ast.Name) and left.id in names)):
                    continue
                if isinstance(op, (ast.Is, ast.IsNot)):
                    candidates = [right]
                elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                    candidates = right.elts
                else:
                    continue
                for candidate in candidates:
                    if not isinstance(candidate, (ast.Name, ast.Attribute)):
                        continue
                    try:
                        value = eval(compile(ast.Expression(candidate), module.__name__, "eval"), namespace)  # noqa: S307
                    except (NameError, AttributeError):
                        continue  # a local variable, not a class of the module's namespace
                    if inspect.isclass(value) and issubclass(value, cst.CSTNode):
                        found.add(value)
    return found


def _all_subclasses(cls) -> set:
    out = set()
    for sub in cls.__subclasses__():
        out.add(sub)
        out |= _all_subclasses(sub)
    return out


COMPARED = sorted({cls for module in _modules() for cls in _classes_compared_by_identity(module)},
                  key=lambda cls: cls.__name__)


def test_the_hot_checks_are_found():
    # The scan must see the checks it is meant to guard (one per way of writing them).
    names = {cls.__name__ for cls in COMPARED}
    assert {"Assign", "SimpleStatementLine", "Name", "Attribute", "StarredElement", "BitAnd", "Integer"} <= names


@pytest.mark.parametrize("cls", COMPARED, ids=lambda cls: cls.__name__)
def test_no_subclass_in_libcst(cls):
    assert cls.__module__.startswith("libcst.")
    assert _all_subclasses(cls) == set(), f"{cls.__name__} has subclasses: `type(node) is` misses them"
