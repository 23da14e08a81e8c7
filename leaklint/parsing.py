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

import libcst as cst
from libcst._nodes.base import CSTNode

from leaklint.lexing import STRING_OR_COMMENT, LexState, lex_line, split_lines

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
    too_deep = None if surely_shallow(text) else check_nesting(text)
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
    state = LexState()
    items = [_Item()]  # one per open bracket level, plus the statement itself
    indents = [0]
    elifs = [0]  # per indentation level: `elif` branches so far in the current `if` statement
    previous_kind = ""
    for number, line in enumerate(split_lines(text), start=1):
        if state.at_statement_start:
            if len(items) > 1 or items[0].depth:
                items = [_Item()]
            previous_kind = ""
            _track_indentation(line, indents)
            if _track_elif_chains(line, len(indents), elifs) > MAX_ELIF_DEPTH:
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


def surely_shallow(text: str) -> bool:
    """True when ``check_nesting`` surely finds nothing to refuse: a bound it needs a tenth
    of its time for, since nearly every file is far from the limits.

    ``check_nesting``'s estimate at a token never exceeds the tokens that can deepen the
    tree in the logical line so far (operators, keyword operators, open brackets, strings
    after strings, brackets inside f-strings) plus two per indentation level, and its
    bracket count never exceeds the open brackets. Once strings and comments are masked,
    both are counted per line with bytes.translate, and only a loop over lines is left
    in Python: it joins the lines of a logical line and tracks the indentation.
    """
    code = STRING_OR_COMMENT.sub(_mask_string, text)
    if code.count("elif") > MAX_ELIF_DEPTH:  # more than the `elif`s of any chain
        return False
    lines = _WORD_OPERATOR.sub("~", code).encode("utf-8", "replace").split(b"\n")
    indents = [0]
    depth = 0  # open brackets
    continued = False
    deepening = 0  # in the logical line so far
    for line in lines:
        if not depth and not continued:
            deepening = 0
            stripped = line.lstrip(b" \t\f")
            if stripped:
                width = len(line[: len(line) - len(stripped)].expandtabs(8))
                while width < indents[-1]:
                    indents.pop()
                if width > indents[-1]:
                    indents.append(width)
        deepening += len(line.translate(None, _NOT_DEEPENING))
        if deepening > MAX_BRACKET_DEPTH or deepening + 2 * (len(indents) - 1) > MAX_TREE_DEPTH:
            return False
        depth = max(0, depth + len(line.translate(None, _NOT_OPEN)) - len(line.translate(None, _NOT_CLOSE)))
        continued = line.endswith(b"\\")
    return True


_WORD_OPERATOR = re.compile(r"\b(?:not|and|or|if|lambda|await|in|is)\b|==|!=")
_NOT_DEEPENING = bytes(sorted(set(range(256)) - set(b"+-*/%@&|^~<>.([{'")))
_NOT_OPEN = bytes(sorted(set(range(256)) - set(b"([{")))
_NOT_CLOSE = bytes(sorted(set(range(256)) - set(b")]}")))


def _mask_string(match: re.Match) -> str:
    """A comment goes. A string becomes one quote (one token), plus a `~` for each bracket
    of an f-string (its replacement fields nest); its line breaks become continuations,
    since the logical line goes on."""
    prefix = match.group(1)
    if prefix is None:
        return ""
    string = match.group()
    brackets = sum(map(string.count, "([{")) if "f" in prefix.lower() else 0
    return "'" + "~" * brackets + "\\\n" * string.count("\n")


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
