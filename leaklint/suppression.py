"""Comments that silence a finding on their line.

    scaler.fit(X)  # noqa: LL101
    scaler.fit(X)  # leaklint: ignore[LL101, LL102]

Codes are required: a bare `# noqa` is meant for other linters and silences nothing here
(ruff users add `lint.external = ["LL"]` so that ruff leaves our codes alone). Only real
comments count: the text `# noqa: LL101` inside a string literal does not.
"""
from __future__ import annotations

import re

from leaklint.lexing import LexState, lex_line, split_lines

_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:(?:\s*,\s*|\s+)[A-Za-z]+[0-9]+)*)", re.IGNORECASE)
_LEAKLINT_IGNORE = re.compile(r"leaklint\s*:\s*ignore\s*\[(?P<codes>[^\]]*)\]", re.IGNORECASE)
_MARKERS = ("noqa", "leaklint")


def suppressed_codes(text: str, lines_wanted: set[int]) -> dict[int, frozenset[str]]:
    """For each wanted line (1-based), the codes its comment silences (lines without any omitted)."""
    lowered = text.lower()
    if not lines_wanted or not any(marker in lowered for marker in _MARKERS):
        return {}  # the usual case, decided without lexing the file
    last_wanted = max(lines_wanted)
    result: dict[int, frozenset[str]] = {}
    state = LexState()
    for number, line in enumerate(split_lines(text), start=1):
        if number > last_wanted:
            break
        # Every line is lexed (the state says whether a line starts inside a string), but
        # only the wanted ones are read for comments.
        comments = [token.text for token in lex_line(line, state) if token.kind == "comment"]
        if number in lines_wanted and comments:
            codes = codes_in_comment(comments[-1])
            if codes:
                result[number] = codes
    return result


def codes_in_comment(comment: str) -> frozenset[str]:
    codes: set[str] = set()
    for match in _NOQA.finditer(comment):
        codes.update(code.upper() for code in re.split(r"[\s,]+", match.group("codes")) if code)
    for match in _LEAKLINT_IGNORE.finditer(comment):
        codes.update(code.upper() for code in re.split(r"[\s,]+", match.group("codes")) if code)
    return frozenset(codes)
