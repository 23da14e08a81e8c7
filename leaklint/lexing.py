"""A rough, never-failing line lexer for Python-like text.

Three places need to know where strings, comments and brackets are before (or without)
a real parse: the nesting check that protects libcst from crashing, the notebook masker
that must tell a magic line from a `%` continuation line, and the suppression comments.
Python's own tokenize raises on half-written code and IPython magics, and its behaviour
changes between versions (PEP 701); this lexer only approximates, but it never raises and
it can resume at any line, which is what those callers need.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple

# One alternative per token kind that matters; everything else (numbers, whitespace,
# stray characters such as `!` or `?` of IPython) is skipped by the search. Names are
# matched so that `bar'` is not read as the string prefix `r'`, but only the keywords
# that build expressions are reported.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#.*)
  | (?P<string>(?:[rRbBuUfFtT]{1,2})?(?:'''|\"\"\"|'|"))
  | (?P<name>[^\W\d]\w*)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<separator>,|;|:=|(?<![=!<>])=(?!=))
  | (?P<operator>\*\*|//|<<|>>|->|[-+*/%@&|^~<>.]|==|!=)
    """,
    re.VERBOSE,
)

# Comments and whole string literals, to mask what is not code in a whole text at once: the
# strings `lex_line` finds line by line, ending where it ends them (the nesting guard relies
# on that), leftmost first. A backslash escapes the next character, a line break included;
# a one-quote string also goes on after a line ending with any backslash, else it stops at
# the line end. The pattern starts at the quote, not at the letters of a prefix, and its
# loops are unrolled (plain characters, then one escape or lone quote): both spare the
# regex engine a match attempt at every character. `string_prefix` reads the prefix back.
STRING_OR_COMMENT = re.compile(
    r"#[^\n]*"
    r"|'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*(?:'''|\\?\Z)"
    r'|"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"""|\\?\Z)'
    r"|'[^'\\\n]*(?:(?:\\[\s\S]|(?<=\\)\n)[^'\\\n]*)*'?"
    r'|"[^"\\\n]*(?:(?:\\[\s\S]|(?<=\\)\n)[^"\\\n]*)*"?'
)


def string_prefix(match: re.Match) -> str:
    """The prefix (`f`, `rb`, ...) of a string STRING_OR_COMMENT found; "" for a comment.

    The ASCII letters among the two characters before the quote: what a pattern starting
    with ``[A-Za-z]{0,2}`` would have matched, since such letters never belong to the
    comment or string found before (those end at a quote, a line end or the text end).
    """
    start = match.start()
    text = match.string
    if not text[start - 1:start].isalpha() or text[start] == "#":  # most strings: quickly
        return ""
    before = text[max(start - 2, 0):start]
    if before.isascii() and before.isalpha():
        return before
    last = before[-1:]
    return last if last.isascii() and last.isalpha() else ""


# The rest of a string after its opening quote: backslash escapes the next character in
# every kind of string (even raw ones, where `r'\''` is valid), which is all we need.
_STRING_REST = {
    "'": re.compile(r"(?:[^'\\]|\\.)*'"),
    '"': re.compile(r'(?:[^"\\]|\\.)*"'),
    "'''": re.compile(r"(?:[^'\\]|\\.|'(?!''))*'''"),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""'),
}

# Keywords that add a level to the expression tree (`x if c else y` is one level: `if`).
KEYWORD_OPERATORS = frozenset({"not", "and", "or", "if", "lambda", "await", "in", "is"})


class Token(NamedTuple):  # a tuple: lexing a 5 MB file makes millions of these
    # comment | string | string-rest (a string continued from an earlier line) |
    # open | close | separator | operator (keyword operators included)
    kind: str
    text: str
    column: int  # 0-based, in the line where the token starts
    fstring: bool = False  # a string token whose prefix holds f or t


@dataclass
class LexState:
    """What carries over from one line to the next."""

    depth: int = 0  # open brackets
    open_string: str | None = None  # closing quote of a string that continues
    open_fstring: bool = False
    continued: bool = False  # the previous line ended with a backslash

    @property
    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.open_string is None and not self.continued


def lex_line(line: str, state: LexState) -> Iterator[Token]:
    """Tokens of one line (without its newline); updates ``state`` for the next line."""
    pos = 0
    state.continued = False
    if state.open_string is not None:
        quote = state.open_string
        end = _string_end(line, 0, quote)
        if end is None:
            yield Token("string-rest", line, 0, state.open_fstring)
            if len(quote) == 1 and not line.endswith("\\"):
                state.open_string = None  # unterminated one-line string: stop at the line end
            return
        state.open_string = None
        yield Token("string-rest", line[:end], 0, state.open_fstring)
        pos = end
    while pos < len(line):
        match = _TOKEN.search(line, pos)
        if match is None:
            break
        kind = match.lastgroup
        start = match.start()
        if kind == "string":
            opener = match.group()
            quote = opener.lstrip("rRbBuUfFtT")
            fstring = any(c in "fFtT" for c in opener[: len(opener) - len(quote)])
            end = _string_end(line, match.end(), quote)
            if end is None:
                if len(quote) == 3 or line.endswith("\\"):
                    state.open_string, state.open_fstring = quote, fstring
                yield Token("string", line[start:], start, fstring)
                return
            yield Token("string", line[start:end], start, fstring)
            pos = end
            continue
        text = match.group()
        if kind == "open":
            state.depth += 1
        elif kind == "close":
            state.depth = max(0, state.depth - 1)
        elif kind == "name":
            pos = match.end()
            if text in KEYWORD_OPERATORS:
                yield Token("operator", text, start)
            continue
        yield Token(kind, text, start)
        pos = match.end()
    state.continued = line.endswith("\\")


def _string_end(line: str, pos: int, quote: str) -> int | None:
    match = _STRING_REST[quote].match(line, pos)
    return match.end() if match else None


def split_lines(text: str) -> list[str]:
    """Lines as Python counts them (text is already newline-normalised to ``\\n``)."""
    return text.split("\n")
