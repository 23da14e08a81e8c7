"""The code of the expressions findings point at, without libcst's code generator.

A finding's position and the notes of its trace come from the code of a node (found in
the source text). libcst renders a node through a CodegenState that records a syntactic
position for every node it passes, in context managers: a third of the time of the
report on the fixtures went to rendering calls such as ``scaler.fit(X_train)``. Those are
a handful of node kinds on one line; this renders them with the same rules (libcst's
``_codegen_impl`` of each kind) and leaves everything else (line breaks inside brackets,
slices, literals of other kinds) to libcst, by answering None.
"""
from __future__ import annotations

import libcst as cst

_TOKENS = (cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)


def plain_code(node) -> str | None:
    """``Module.code_for_node(node)`` for the kinds rendered here, else None."""
    out: list[str] = []
    return "".join(out) if _render(node, out) else None


def _render(node, out: list[str]) -> bool:
    kind = type(node)
    if kind is cst.SimpleWhitespace:
        out.append(node.value)
        return True
    if kind not in _TOKENS and kind is not cst.Attribute and kind is not cst.Call and kind is not cst.Subscript:
        return False
    for lpar in node.lpar:
        out.append("(")
        if not _render(lpar.whitespace_after, out):
            return False
    if kind in _TOKENS:
        out.append(node.value)
    elif kind is cst.Attribute:
        if not (_render(node.value, out) and _token(node.dot, out) and _render(node.attr, out)):
            return False
    elif kind is cst.Call:
        if not (_render(node.func, out) and _render(node.whitespace_after_func, out)):
            return False
        out.append("(")
        if not (_render(node.whitespace_before_args, out) and _arguments(node.args, out)):
            return False
        out.append(")")
    elif not _subscript(node, out):
        return False
    for rpar in node.rpar:
        if not _render(rpar.whitespace_before, out):
            return False
        out.append(")")
    return True


def _arguments(args, out: list[str]) -> bool:
    last = len(args) - 1
    for number, arg in enumerate(args):
        out.append(arg.star)
        if not _render(arg.whitespace_after_star, out):
            return False
        if arg.keyword is not None:
            if not _render(arg.keyword, out):
                return False
            if arg.equal is cst.MaybeSentinel.DEFAULT:
                out.append(" = ")
            elif not _token(arg.equal, out):
                return False
        if not (_render(arg.value, out) and _comma(arg.comma, number != last, out)):
            return False
        if not _render(arg.whitespace_after_arg, out):
            return False
    return True


def _subscript(node: cst.Subscript, out: list[str]) -> bool:
    if not (_render(node.value, out) and _render(node.whitespace_after_value, out)):
        return False
    out.append("[")
    if not _render(node.lbracket.whitespace_after, out):
        return False
    last = len(node.slice) - 1
    for number, element in enumerate(node.slice):
        index = element.slice
        if type(index) is not cst.Index or index.star is not None:
            return False
        if not (_render(index.value, out) and _comma(element.comma, number != last, out)):
            return False
    if not _render(node.rbracket.whitespace_before, out):
        return False
    out.append("]")
    return True


def _comma(comma, default: bool, out: list[str]) -> bool:
    if comma is cst.MaybeSentinel.DEFAULT:
        if default:
            out.append(", ")
        return True
    return _token(comma, out)


def _token(node, out: list[str]) -> bool:
    """An operator token with the whitespace around it."""
    token = _OPERATORS.get(type(node))
    if token is None or not _render(node.whitespace_before, out):
        return False
    out.append(token)
    return _render(node.whitespace_after, out)


_OPERATORS = {cst.Dot: ".", cst.Comma: ",", cst.AssignEqual: "="}
