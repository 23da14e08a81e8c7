"""The code of the expressions findings point at, without libcst's code generator.

A finding's position and the notes of its trace come from the code of a node (found in
the source text). libcst renders a node through a CodegenState that records a syntactic
position for every node it passes, in context managers: a third of the time of the
report on the fixtures went to rendering calls such as ``scaler.fit(X_train)``. Those are
a handful of node kinds (names, literals, attributes, calls, subscripts and slices,
operators, lists, tuples, dicts); this renders them with the same rules (libcst's
``_codegen_impl`` of each kind) and leaves everything else (lambdas, comprehensions,
f-strings, starred elements, ...) to libcst, by answering None.
"""
from __future__ import annotations

import libcst as cst


def plain_code(node, newline: str | None = None) -> str | None:
    """``Module.code_for_node(node)`` for the kinds rendered here, else None.

    ``newline`` is the module's ``default_newline``, which libcst writes for a line break
    inside brackets; without it a node with a line break inside is left to libcst.
    """
    out: list[str] = []
    return "".join(out) if _render(node, out, newline) else None


def code_for_node(module: cst.Module, node) -> str:
    """``module.code_for_node(node)``: rendered here when it can be, else by libcst."""
    code = plain_code(node, module.default_newline)
    return code if code is not None else module.code_for_node(node)


def _render(node, out: list[str], newline) -> bool:
    kind = type(node)
    if kind is cst.SimpleWhitespace:
        out.append(node.value)
        return True
    if kind is cst.ParenthesizedWhitespace:
        return _line_breaks(node, out, newline)
    body = _BODIES.get(kind)
    if body is None:
        return False
    for lpar in node.lpar:
        out.append("(")
        if not _render(lpar.whitespace_after, out, newline):
            return False
    if not body(node, out, newline):
        return False
    for rpar in node.rpar:
        if not _render(rpar.whitespace_before, out, newline):
            return False
        out.append(")")
    return True


def _value(node, out: list[str], newline) -> bool:
    out.append(node.value)
    return True


def _attribute(node: cst.Attribute, out: list[str], newline) -> bool:
    return (_render(node.value, out, newline) and _token(node.dot, out, newline)
            and _render(node.attr, out, newline))


def _call(node: cst.Call, out: list[str], newline) -> bool:
    if not (_render(node.func, out, newline) and _render(node.whitespace_after_func, out, newline)):
        return False
    out.append("(")
    if not (_render(node.whitespace_before_args, out, newline) and _arguments(node.args, out, newline)):
        return False
    out.append(")")
    return True


def _arguments(args, out: list[str], newline) -> bool:
    last = len(args) - 1
    for number, arg in enumerate(args):
        out.append(arg.star)
        if not _render(arg.whitespace_after_star, out, newline):
            return False
        if arg.keyword is not None:
            if not _render(arg.keyword, out, newline):
                return False
            if arg.equal is cst.MaybeSentinel.DEFAULT:
                out.append(" = ")
            elif not _token(arg.equal, out, newline):
                return False
        if not (_render(arg.value, out, newline) and _comma(arg.comma, ", " if number != last else "", out, newline)):
            return False
        if not _render(arg.whitespace_after_arg, out, newline):
            return False
    return True


def _subscript(node: cst.Subscript, out: list[str], newline) -> bool:
    if not (_render(node.value, out, newline) and _render(node.whitespace_after_value, out, newline)):
        return False
    out.append("[")
    if not _render(node.lbracket.whitespace_after, out, newline):
        return False
    last = len(node.slice) - 1
    for number, element in enumerate(node.slice):
        index = element.slice
        if type(index) is cst.Slice:
            if not _slice(index, out, newline):
                return False
        elif type(index) is not cst.Index or index.star is not None or not _render(index.value, out, newline):
            return False
        if not _comma(element.comma, ", " if number != last else "", out, newline):
            return False
    if not _render(node.rbracket.whitespace_before, out, newline):
        return False
    out.append("]")
    return True


def _slice(node: cst.Slice, out: list[str], newline) -> bool:
    if node.lower is not None and not _render(node.lower, out, newline):
        return False
    if not _token(node.first_colon, out, newline):
        return False
    if node.upper is not None and not _render(node.upper, out, newline):
        return False
    if node.second_colon is cst.MaybeSentinel.DEFAULT:
        if node.step is not None:
            out.append(":")
    elif not _token(node.second_colon, out, newline):
        return False
    return node.step is None or _render(node.step, out, newline)


def _unary(node: cst.UnaryOperation, out: list[str], newline) -> bool:
    token = _UNARY.get(type(node.operator))
    if token is None:
        return False
    out.append(token)
    return _render(node.operator.whitespace_after, out, newline) and _render(node.expression, out, newline)


def _binary(node, out: list[str], newline) -> bool:
    return (_render(node.left, out, newline) and _token(node.operator, out, newline)
            and _render(node.right, out, newline))


def _comparison(node: cst.Comparison, out: list[str], newline) -> bool:
    if not _render(node.left, out, newline):
        return False
    for target in node.comparisons:
        if not (_token(target.operator, out, newline) and _render(target.comparator, out, newline)):
            return False
    return True


def _list(node: cst.List, out: list[str], newline) -> bool:
    return _bracketed("[", node.lbracket, node.elements, node.rbracket, "]", out, newline)


def _dict(node: cst.Dict, out: list[str], newline) -> bool:
    return _bracketed("{", node.lbrace, node.elements, node.rbrace, "}", out, newline)


def _bracketed(opening: str, left, elements, right, closing: str, out: list[str], newline) -> bool:
    out.append(opening)
    if not (_render(left.whitespace_after, out, newline) and _elements(elements, out, newline)):
        return False
    if not _render(right.whitespace_before, out, newline):
        return False
    out.append(closing)
    return True


def _tuple(node: cst.Tuple, out: list[str], newline) -> bool:
    return _elements(node.elements, out, newline, lone=",")  # `(x,)`


def _elements(elements, out: list[str], newline, lone: str = "") -> bool:
    """Elements of a list, tuple or dict: a default comma between them, ``lone`` after a
    single element."""
    last = len(elements) - 1
    for number, element in enumerate(elements):
        kind = type(element)
        if kind is cst.DictElement:
            if not (_render(element.key, out, newline) and _render(element.whitespace_before_colon, out, newline)):
                return False
            out.append(":")
            if not _render(element.whitespace_after_colon, out, newline):
                return False
        elif kind is not cst.Element:
            return False  # starred
        default = ", " if number != last else lone if last == 0 else ""
        if not (_render(element.value, out, newline) and _comma(element.comma, default, out, newline)):
            return False
    return True


def _concatenated(node: cst.ConcatenatedString, out: list[str], newline) -> bool:
    return (_render(node.left, out, newline) and _render(node.whitespace_between, out, newline)
            and _render(node.right, out, newline))


def _comma(comma, default: str, out: list[str], newline) -> bool:
    if comma is cst.MaybeSentinel.DEFAULT:
        out.append(default)
        return True
    return _token(comma, out, newline)


def _token(node, out: list[str], newline) -> bool:
    """An operator token with the whitespace around it."""
    kind = type(node)
    token = _OPERATORS.get(kind)
    if token is None or not _render(node.whitespace_before, out, newline):
        return False
    if kind is cst.NotIn or kind is cst.IsNot:  # two words
        out.append(token[0])
        if not _render(node.whitespace_between, out, newline):
            return False
        token = token[1]
    out.append(node.value if kind is cst.NotEqual else token)  # `!=`, or `<>` after barry_as_FLUFL
    return _render(node.whitespace_after, out, newline)


def _line_breaks(node: cst.ParenthesizedWhitespace, out: list[str], newline) -> bool:
    """Whitespace with line breaks (and comments) inside brackets. The lines' indent tokens
    are those of the codegen state, none when a node is rendered alone."""
    if newline is None:
        return False
    for line in (node.first_line, *node.empty_lines):
        out.append(line.whitespace.value)
        if line.comment is not None:
            out.append(line.comment.value)
        out.append(newline if line.newline.value is None else line.newline.value)
    out.append(node.last_line.value)
    return True


_BODIES = {
    cst.Name: _value, cst.Integer: _value, cst.Float: _value, cst.Imaginary: _value, cst.SimpleString: _value,
    cst.Attribute: _attribute, cst.Call: _call, cst.Subscript: _subscript,
    cst.UnaryOperation: _unary, cst.BinaryOperation: _binary, cst.BooleanOperation: _binary,
    cst.Comparison: _comparison,
    cst.List: _list, cst.Tuple: _tuple, cst.Dict: _dict, cst.ConcatenatedString: _concatenated,
}

_UNARY = {cst.Minus: "-", cst.Plus: "+", cst.BitInvert: "~", cst.Not: "not"}

_OPERATORS = {
    cst.Dot: ".", cst.Comma: ",", cst.AssignEqual: "=", cst.Colon: ":",
    cst.Add: "+", cst.Subtract: "-", cst.Multiply: "*", cst.Divide: "/", cst.FloorDivide: "//",
    cst.Modulo: "%", cst.Power: "**", cst.LeftShift: "<<", cst.RightShift: ">>", cst.BitOr: "|",
    cst.BitAnd: "&", cst.BitXor: "^", cst.MatrixMultiply: "@",
    cst.LessThan: "<", cst.GreaterThan: ">", cst.Equal: "==", cst.LessThanEqual: "<=",
    cst.GreaterThanEqual: ">=", cst.NotEqual: "!=", cst.In: "in", cst.Is: "is",
    cst.NotIn: ("not", "in"), cst.IsNot: ("is", "not"), cst.And: "and", cst.Or: "or",
}
