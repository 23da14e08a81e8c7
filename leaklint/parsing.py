"""Text to libcst module, or a message saying why not.

libcst's native parser overflows the C stack (a segmentation fault, not an exception) on
very deep nesting: 1,500 nested brackets or 4,000 chained lambdas kill the process, and
long trailer chains (`a[0][0]...`) make it crawl. Python visitors over the tree, ours and
libcst's, raise RecursionError a few hundred levels down. So before parsing we estimate
the depth of the tree from the tokens and refuse what could not be analysed anyway;
CPython itself rejects 200 nested parentheses.
"""
from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from itertools import accumulate, compress, count, islice
from operator import not_, sub
from typing import Iterator

import libcst as cst
from libcst._nodes.base import CSTNode

from leaklint.lexing import KEYWORD_OPERATORS, STRING_OR_COMMENT, LexState, lex_line, split_lines, string_prefix

MAX_BRACKET_DEPTH = 100
# Estimated syntax-tree depth: brackets + operator and trailer chains + 2 per indentation
# level. Plain libcst visitors fail near 350 with the default recursion limit; the engine
# needs head room of its own.
MAX_TREE_DEPTH = 200
# Each `elif` nests the rest of its `if` statement one level deeper (If.orelse is an If):
# libcst's parser crashes the process near 9,000 branches of one chain, the analysis runs
# out of stack near 1,000. Indentation does not show this depth, so it is counted apart.
MAX_ELIF_DEPTH = 500


@dataclass(frozen=True)
class ParseError:
    message: str
    line: int = 1  # 1-based, in the parsed text
    column: int = 1  # 1-based


def parse_python(text: str) -> cst.Module | ParseError:
    too_deep = nesting_error(text)
    if too_deep is not None:
        return too_deep
    try:
        return _parse_module(text)
    except cst.ParserSyntaxError as error:
        return _explain_syntax_error(text, error)
    except RecursionError:
        return ParseError("too deeply nested to parse")
    except Exception as error:  # noqa: BLE001 - a parser bug on one file must not stop the run
        return ParseError(f"cannot parse: {type(error).__name__}: {error}")


def _parse_module(text: str) -> cst.Module:
    """``libcst.parse_module``, without validating again every node the parser builds.

    Each libcst node checks its fields in ``__post_init__`` (libcst's own comment there:
    the work could move out of parsing): a sixth of the parse, spent on trees the parser
    has just built from valid code. Validation only raises, it never changes a node, and
    over thousands of real files and generated programs it never raised on parser output,
    so the tree is the same without it. Nodes made elsewhere (``with_changes``) are still
    checked: the switch is off only while the parser runs.
    """
    saved = CSTNode.__post_init__
    CSTNode.__post_init__ = _no_validation
    try:
        return cst.parse_module(text)
    finally:
        CSTNode.__post_init__ = saved


def _no_validation(node) -> None:
    return None


def _explain_syntax_error(text: str, error: cst.ParserSyntaxError) -> ParseError:
    """The clearest message we can get for a file libcst rejected.

    libcst's messages list expected tokens and often point past the mistake; CPython's
    point at it ("Missing parentheses in call to 'print'"). Asking CPython costs a fraction
    of the libcst parse and happens only for broken files. When CPython accepts the text
    (syntax newer or older than one of the two parsers), libcst's word stands.
    """
    try:
        with warnings.catch_warnings():  # `"\d"` and friends: the user's business, not ours
            warnings.simplefilter("ignore")
            compile(text, "<leaklint>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as python_error:
        return ParseError(f"syntax error: {python_error.msg}",
                          max(python_error.lineno or 1, 1), max(python_error.offset or 1, 1))
    except (RecursionError, MemoryError, ValueError):
        pass
    first_line = str(error.message).strip().splitlines()[0] if error.message else "invalid syntax"
    return ParseError(f"syntax error: {first_line}", max(error.raw_line, 1), error.raw_column + 1)


def check_nesting(text: str) -> ParseError | None:
    """A ParseError when the text nests deeper than libcst and the analysis can take."""
    return _check_lines(split_lines(text), 0, [0], [0])


def _check_lines(lines: list[str], first: int, indents: list[int],
                 elifs: list[int] | None = None) -> ParseError | None:
    """``check_nesting`` from ``lines[first]``, where a logical line starts, given the
    indentation stack there: to the end of the text with ``elifs`` (the `elif` branches so
    far per indentation level), else that logical line only, `elif` chains not counted."""
    state = LexState()
    items = [_Item()]  # one per open bracket level, plus the statement itself
    previous_kind = ""
    for number, line in enumerate(islice(lines, first, None), start=first + 1):
        if state.at_statement_start:
            if elifs is None and number > first + 1:
                return None
            if len(items) > 1 or items[0].depth:
                items = [_Item()]
            previous_kind = ""
            _track_indentation(line, indents)
            if elifs is not None and _track_elif_chains(line, len(indents), elifs) > MAX_ELIF_DEPTH:
                return ParseError(f"`elif` branches nested more than {MAX_ELIF_DEPTH} deep; not analysed",
                                  number, len(line) - len(line.lstrip(" \t\f")) + 1)
        for token in lex_line(line, state):
            kind, text_ = token.kind, token.text
            inner_brackets = 0
            if kind == "string" and previous_kind == "string":
                kind, text_ = "operator", "<concat>"  # implicit concatenation nests like `+`
            previous_kind = token.kind
            if kind == "operator":
                items[-1].add(_PRECEDENCE.get(text_, _TRAILER))
            elif kind == "open":
                items[-1].add(_TRAILER)  # a call, a subscript or a display: one level
                items.append(_Item())
            elif kind == "close":
                if len(items) > 1:
                    items.pop()
                continue
            elif kind == "separator":
                if items[-1].depth:
                    items[-1] = _Item()
                continue
            elif kind in ("string", "string-rest") and token.fstring:
                # f-string replacement fields are parsed as expressions too.
                inner_brackets = _bracket_depth(token.text)
            else:
                continue
            if len(items) - 1 + inner_brackets > MAX_BRACKET_DEPTH:  # checked first: the clearer message
                return ParseError(f"brackets nested more than {MAX_BRACKET_DEPTH} deep; not analysed",
                                  number, token.column + 1)
            depth = sum(item.depth for item in items) + inner_brackets + 2 * (len(indents) - 1)
            if depth > MAX_TREE_DEPTH:
                return ParseError(
                    f"expression nested too deeply (estimated depth over {MAX_TREE_DEPTH}); not analysed",
                    number, token.column + 1)
    return None


def nesting_error(text: str) -> ParseError | None:
    """What ``check_nesting(text)`` returns, in a small part of its time.

    Nearly every file is far from the limits. A bound finds the statements that could come
    near them (``_suspect_statements``), and the exact estimate runs on those alone: where a
    logical line starts, its state is fresh but for the indentation stack, which the bound
    tracks the same way. The bound is never below the estimate, so the first statement the
    whole-file check refuses is one of those, refused with the same message at the same place.
    """
    suspects = _suspect_statements(text)
    if suspects is None:
        return check_nesting(text)
    lines = split_lines(text)
    for first, indents in suspects:
        error = _check_lines(lines, first, indents)
        if error is not None:
            return error
    return None


def _suspect_statements(text: str) -> list[tuple[int, list[int]]] | None:
    """The logical lines whose bound goes over a limit, as their first line (0-based) and the
    indentation stack there; None when the whole text must be checked: the `elif` chains
    span statements, and the bound per line cannot follow the lexer through stray brackets.
    """
    code = STRING_OR_COMMENT.sub(_mask_string, text)
    if code.count("elif") > MAX_ELIF_DEPTH:  # more than the `elif`s of any chain
        return None
    data = _WORD_OPERATOR.sub("~", code).encode("utf-8", "replace")
    logical = _logical_lines(data)
    if logical is None:
        return None
    starts, bounds = logical
    if max(bounds) <= MAX_BRACKET_DEPTH and not _may_indent_deeply(data):
        return []
    lines = split_lines(text)
    indents = [0]
    suspects = []
    for first, bound in zip(starts, bounds):
        _track_indentation(lines[first], indents)
        if bound > MAX_BRACKET_DEPTH or bound + 2 * (len(indents) - 1) > MAX_TREE_DEPTH:
            # `_check_lines` tracks this line again, which changes nothing: its width is on top.
            suspects.append((first, indents.copy()))
    return suspects


def _logical_lines(data: bytes) -> tuple[list[int], list[int]] | None:
    """Where each logical line of the masked code starts (0-based line), and a bound in it:
    the tokens that can deepen the tree (operators, keyword operators, open brackets,
    strings, brackets in f-strings). ``check_nesting``'s estimate at a token never exceeds
    those before it in the logical line plus two per indentation level, and its bracket
    count never exceeds the open brackets.

    All is counted per line with bytes.translate over the whole text. A logical line ends
    where no bracket is open and the line does not end with a backslash (masked strings that
    go on end their lines with one); such a line end is counted as a bracket opened and
    closed again on the next line. The lexer's depth is then the running sum of the counts
    per line, unless a bracket closes while none is open (the lexer counts from zero again,
    mid-line): None for such code.
    """
    brackets = data.replace(b"\\\n", b"(\n)").translate(_TO_PARENTHESES, _NOT_BRACKET)
    if _closes_unopened(brackets.replace(b"\n", b"")):
        return None
    opens = _line_lengths(brackets.translate(None, b")"))
    closes = _line_lengths(brackets.translate(None, b"("))
    ends = list(compress(count(), map(not_, accumulate(map(sub, opens, closes)))))
    last = data.count(b"\n")
    if not ends or ends[-1] != last:
        ends.append(last)  # brackets still open at the end of the text
    deepening = list(accumulate(_line_lengths(data.translate(None, _NOT_DEEPENING))))
    totals = [deepening[end] for end in ends]
    return [0] + [end + 1 for end in ends[:-1]], list(map(sub, totals, [0] + totals[:-1]))


def _line_lengths(data: bytes) -> Iterator[int]:
    return map(len, data.split(b"\n"))


def _closes_unopened(brackets: bytes) -> bool:
    """True when a bracket closes while none is open. Pairs with nothing between are taken
    out first, while that takes out much (a few rounds leave nothing of ordinary code);
    what is left is followed one bracket at a time."""
    while b"()" in brackets:
        before = len(brackets)
        brackets = brackets.replace(b"()", b"")
        if before - len(brackets) < before // 8:
            break
    return min(accumulate(map(_DEPTH_CHANGE.__getitem__, brackets)), default=0) < 0


def _may_indent_deeply(data: bytes) -> bool:
    """True when a statement may sit so many levels deep that two per level take a bound
    within MAX_BRACKET_DEPTH over MAX_TREE_DEPTH. Each level adds a column or more, so a
    line must start with ``_DEEP_INDENT`` spaces; tabs and form feeds, of varying width,
    are not measured."""
    return _DEEP_INDENT in data or data.startswith(_DEEP_INDENT[1:]) or b"\t" in data or b"\f" in data


def _all_bytes_but(kept: bytes) -> bytes:
    return bytes(sorted(set(range(256)) - set(kept)))


# Keyword operators as the lexer reads them: whole names, which may follow digits (`1if`),
# so only a letter or `_` before one hides it (a keyword ending a name like `x1if` counts
# too: the bound may exceed). One alternative per keyword, each starting with its letter:
# the regex engine skips to those letters instead of trying every position.
_WORD_OPERATOR = re.compile(
    "|".join(rf"{word}\b(?<![^\W\d]{word})" for word in sorted(KEYWORD_OPERATORS)) + "|==|!=")
# Deleted to count, in masked code, one byte or more per token that can deepen the tree.
_NOT_DEEPENING = _all_bytes_but(b"+-*/%@&|^~<>.([{'\n")
_NOT_BRACKET = _all_bytes_but(b"([{)]}\n")
_TO_PARENTHESES = bytes.maketrans(b"[{]}", b"(())")
_DEPTH_CHANGE = {ord("("): 1, ord(")"): -1}
_DEEP_INDENT = b"\n" + b" " * ((MAX_TREE_DEPTH - MAX_BRACKET_DEPTH) // 2 + 1)
_TEMPLATE_PREFIX = frozenset("fFtT")


def _mask_string(match: re.Match) -> str:
    """A comment goes, but for a final backslash, which continues the line for the lexer.
    A string becomes one quote (one token), plus a `~` for each bracket of an f- or t-string
    (its replacement fields nest); its line breaks become continuations, since the logical
    line goes on."""
    string = match.group()
    if string[0] == "#":
        return "\\" if string[-1] == "\\" else ""
    breaks = "\\\n" * string.count("\n")
    if _TEMPLATE_PREFIX.isdisjoint(string_prefix(match)):
        return "'" + breaks
    return "'" + "~" * sum(map(string.count, "([{")) + breaks


# Binding strength of the operators (low to high). In `a*b*c + d*e` the products are
# siblings under `+`: a weaker operator closes the chains of the stronger ones before it.
_PRECEDENCE = {
    "lambda": 0, "if": 1, "or": 2, "and": 3, "not": 4,
    "in": 5, "is": 5, "<": 5, ">": 5, "==": 5, "!=": 5,
    "|": 6, "^": 7, "&": 8, "<<": 9, ">>": 9, "+": 10, "-": 10, "<concat>": 10,
    "*": 11, "/": 11, "//": 11, "%": 11, "@": 11, "~": 12, "**": 13, "await": 14,
}
_TRAILER = 15  # `.attr`, `(...)`, `[...]`: bind tightest


class _Item:
    """Operator chains in one expression item (between commas, at one bracket level)."""

    __slots__ = ("chains", "depth")

    def __init__(self) -> None:
        self.chains = [0] * (_TRAILER + 1)
        self.depth = 0

    def add(self, precedence: int) -> None:
        closed = self.chains[precedence + 1:]
        if any(closed):
            self.depth -= sum(closed)
            self.chains[precedence + 1:] = [0] * len(closed)
        self.chains[precedence] += 1
        self.depth += 1


def _track_indentation(line: str, indents: list[int]) -> None:
    stripped = line.lstrip(" \t\f")
    if not stripped or stripped.startswith("#"):
        return  # blank and comment-only lines do not indent
    width = len(line[: len(line) - len(stripped)].expandtabs(8))
    while width < indents[-1]:
        indents.pop()
    if width > indents[-1]:
        indents.append(width)


_ELIF = re.compile(r"elif\b")
_ELSE = re.compile(r"else\s*:")


def _track_elif_chains(line: str, levels: int, elifs: list[int]) -> int:
    """Update the `elif` counts for a line at a statement start; their sum over the open levels."""
    stripped = line.lstrip(" \t\f")
    if stripped and not stripped.startswith("#"):
        del elifs[levels:]
        elifs.extend([0] * (levels - len(elifs)))
        if _ELIF.match(stripped):
            elifs[-1] += 1
        elif not _ELSE.match(stripped):  # `else:` still belongs to the chain; anything else ends it
            elifs[-1] = 0
    return sum(elifs)


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(0, depth - 1)
    return deepest
