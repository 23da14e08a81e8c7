"""Parsing: clear syntax-error messages, new syntax accepted, deep nesting refused safely."""
from __future__ import annotations

import libcst as cst
import pytest

from leaklint.parsing import MAX_BRACKET_DEPTH, ParseError, check_nesting, parse_python


@pytest.mark.parametrize("source, line, words", [
    ("def f(:\n    pass\n", 1, "syntax error"),
    ("x = 'unterminated\n", 1, "unterminated string"),
    ('s = """never closed\n\n', 1, "unterminated triple-quoted string"),
    ("if x:\npass\n", 2, "indent"),
    ("x = 1\n    y = 2\n", 2, "indent"),
    ("print 'hello'\n", 1, "Missing parentheses"),  # Python 2
    ("a = (1,\n", 1, "never closed"),
])
def test_syntax_errors_say_what_and_where(source, line, words):
    error = parse_python(source)
    assert isinstance(error, ParseError)
    assert words.lower() in error.message.lower()
    assert error.line == line and error.column >= 1


@pytest.mark.parametrize("source", [
    "match command:\n    case [x, y]:\n        pass\n    case _:\n        pass\n",
    "def first[T](items: list[T]) -> T:\n    return items[0]\n\ntype Pair = tuple[int, int]\n",
    "name = 'x'\nprint(f'{name!r:>{10}} {\"nested\"}')\n",
    "if (n := len(a)) > 10:\n    pass\n",
    "async def f(xs):\n    return [x async for x in xs]\n",
    "x = 1\t# tab\nif x:\n\ty = 2\n",
    "",
])
def test_modern_syntax_parses(source):
    assert isinstance(parse_python(source), cst.Module)


@pytest.mark.parametrize("source", [
    "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
    "x = " + "[" * 5000 + "1" + "]" * 5000 + "\n",
    "x = " + "lambda: " * 5000 + "1\n",
    "x = a" + "[0]" * 5000 + "\n",
    "x = " + "+".join(["1"] * 5000) + "\n",
    "x = " + "not " * 5000 + "1\n",
    "x = f'{" + "(" * 5000 + "1" + ")" * 5000 + "}'\n",
    "x = (" + " ".join(["'a'"] * 5000) + ")\n",
])
def test_deep_nesting_is_refused_before_libcst_can_crash(source):
    # libcst's native parser dies with a segmentation fault on several of these.
    error = parse_python(source)
    assert isinstance(error, ParseError) and "nested" in error.message


def test_bracket_depth_limit_message():
    source = "x = " + "(" * (MAX_BRACKET_DEPTH + 1) + "1" + ")" * (MAX_BRACKET_DEPTH + 1) + "\n"
    error = check_nesting(source)
    assert error is not None and f"more than {MAX_BRACKET_DEPTH}" in error.message


@pytest.mark.parametrize("source", [
    "x = [" + ", ".join(str(i) for i in range(20000)) + "]\n",
    "data = {" + ", ".join(f"'k{i}': {i}" for i in range(5000)) + "}\n",
    "y = df.groupby('a').agg({'b': 'mean'}).reset_index().rename(columns={'b': 'c'}).sort_values('c').head(10)\n",
    "total = " + " + ".join(f"a{i} * b{i} * c{i}" for i in range(60)) + "\n",
    "s = '''\n" + "((((((((((\n" * 500 + "'''\n",  # brackets inside a string do not nest
    "# " + "(" * 1000 + "\nx = 1\n",  # nor inside a comment
])
def test_ordinary_code_passes_the_nesting_check(source):
    assert check_nesting(source) is None


def _near_the_limits(seed: int) -> str:
    """A file of statements built to sit near every limit of the nesting estimate, some of
    them on text where a lexer could go wrong."""
    import random

    rng = random.Random(seed)
    # Long `elif` chains (5) and stray brackets (11) make the guard check the whole text.
    kinds = range(19) if rng.random() < 0.3 else [kind for kind in range(19) if kind not in (5, 11)]
    pieces = []
    for _ in range(rng.randint(1, 6)):
        n = rng.choice([rng.randint(1, 60), rng.randint(85, 115), rng.randint(185, 215)])
        kind = rng.choice(kinds)
        if kind == 0:
            pieces.append("x = " + "(" * n + "1" + ")" * n)
        elif kind == 1:
            pieces.append("x = (" + "\n".join(f"a{i} +" for i in range(n)) + " 1)")
        elif kind == 2:
            pieces.append("x = a" + ".b" * n)
        elif kind == 3:
            pieces.append("x = " + " ".join(["'s'"] * n))
        elif kind == 4:
            pieces.append("x = f'{" + "(" * (n // 2) + "1" + ")" * (n // 2) + "}'")
        elif kind == 5:
            pieces.append("if a:\n    pass\n" + "elif a:\n    pass\n" * rng.choice([n, 495, 505]))
        elif kind == 6:
            levels = rng.choice([n // 4, n // 2])
            indent = rng.choice(["    ", "    ", "\t", " ", "  \f"])
            pieces.append("".join(indent * i + "if a:\n" for i in range(levels))
                          + indent * levels + "y = " + "-" * rng.randint(1, 120) + "1")
        elif kind == 7:
            pieces.append("x = '''a (\n[ b''' + (" + " not".join(["c"] * n) + ")")
        elif kind == 8:
            pieces.append("x = a \\\n" + "    + b \\\n" * n + "    + c")
        elif kind == 9:  # an escaped quote does not end a string
            pieces.append(rng.choice(["s = '''\\''' '''", "s = '\\'' + '", 's = """a\\""""" + ('])
                          + "(" * (n // 2) + "1" + ")" * (n // 2))
        elif kind == 10:  # the lexer goes on after a comment ending with a backslash
            indent = "    " * rng.randint(0, 40)
            pieces.append("".join(indent[:i] + "if a:\n" for i in range(0, len(indent), 4))
                          + indent + "x = a" + " + b" * (n // 2) + "  # c:\\\n" + indent + " + b" * (n // 2))
        elif kind == 11:  # a stray closing bracket: the lexer counts from zero again
            pieces.append("x = a" + " + a" * (n // 2) + " ) (\n" + " + b" * (n // 2) + ")")
        elif kind == 12:  # a name may follow digits: `1or` holds the operator `or`
            pieces.append("x = (" + " ".join(["1or"] * n) + " 1)")
        elif kind == 13:  # t-strings nest like f-strings
            pieces.append(rng.choice(["x = t'{", "x = rT'{", "x = Tr'''\n{"]) + "(" * n + "1" + ")" * n + "}'")
        elif kind == 14:  # a one-quote string goes on after a line ending with any backslash
            pieces.append("x = 'a\\\\\n' + " + "(" * n + "1" + ")" * n + " + 'b\\\n(((' + c")
        elif kind == 15:  # a keyword, or a word ending with f, right before a string
            pieces.append("x = (" + " ".join(rng.choice(["a if'(('else", "1in'['", "elif'{'", "x or'b'"])
                                             for _ in range(n // 3)) + " 1)")
        elif kind == 16:  # brackets and quotes in comments and strings, inside a long statement
            pieces.append("x = (a  # ((( '\n" + " + a  # ]]] \"\n" * (n // 2) + " + '''#(\n'''" * 3 + ")")
        elif kind == 17:  # deep, over lines that end inside brackets or strings
            pieces.append("x = [\n" + "(\n" * (n // 2) + "'''\n(\n'''" + ")\n" * (n // 2) + "]")
        else:  # a logical line left open runs to the end of the text
            pieces.append(rng.choice(["x = '''", "x = 'a\\", "x = (", "x = a \\"]) + " + b" * n)
    return "\n".join(pieces) + rng.choice(["\n", "", "\\", "\n\n"])


def _statement_starts(source: str) -> list[int]:
    """The lines (0-based) where the lexer sees a statement start."""
    from leaklint.lexing import LexState, lex_line, split_lines

    state = LexState()
    starts = []
    for number, line in enumerate(split_lines(source)):
        if state.at_statement_start:
            starts.append(number)
        for _ in lex_line(line, state):
            pass
    return starts


@pytest.mark.parametrize("seed", range(300))
def test_the_bound_flags_every_statement_the_estimate_refuses(seed):
    from leaklint.lexing import STRING_OR_COMMENT, split_lines
    from leaklint.parsing import (
        _WORD_OPERATOR, _check_lines, _logical_lines, _mask_string, _suspect_statements, _track_indentation)

    source = _near_the_limits(seed)
    suspects = _suspect_statements(source)
    if suspects is None:  # the guard checks the whole text instead
        return
    data = _WORD_OPERATOR.sub("~", STRING_OR_COMMENT.sub(_mask_string, source)).encode("utf-8", "replace")
    starts = _statement_starts(source)
    assert _logical_lines(data)[0] == starts
    flagged = dict(suspects)
    lines, indents = split_lines(source), [0]
    for first in starts:
        _track_indentation(lines[first], indents)
        if _check_lines(lines, first, indents.copy()) is not None:
            assert flagged.get(first) == indents


@pytest.mark.parametrize("seed", range(300))
def test_the_guard_answers_like_the_whole_file_estimate(seed):
    from leaklint.parsing import nesting_error

    source = _near_the_limits(seed)
    assert nesting_error(source) == check_nesting(source)


def test_the_generated_files_take_every_path_of_the_guard():
    from leaklint.parsing import _suspect_statements

    refused = [source for source in map(_near_the_limits, range(300)) if check_nesting(source) is not None]
    suspects = [_suspect_statements(source) for source in refused]
    assert len(refused) > 100
    assert sum(found is None for found in suspects) >= 10  # checked whole
    assert sum(bool(found) for found in suspects) > 80  # checked statement by statement


def _real_sources() -> list:
    """Python files of this repository, and every fourth of installed sklearn and pandas."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    paths = sorted(root.joinpath("fixtures").rglob("*.py")) + sorted(root.joinpath("corpus").rglob("*.py"))
    for package in ("sklearn", "pandas"):
        spec = importlib.util.find_spec(package)  # a top-level package is found, not imported
        if spec is not None and spec.submodule_search_locations:
            paths += sorted(path for location in spec.submodule_search_locations
                            for path in Path(location).rglob("*.py"))[::4]
    return paths


def test_the_guard_answers_like_the_whole_file_estimate_on_real_code():
    from leaklint.parsing import nesting_error
    from leaklint.sources import SourceFile, load_source

    sources = [(path, load_source(path, str(path))) for path in _real_sources()]
    texts = [(path, source.text) for path, source in sources if isinstance(source, SourceFile)]
    assert len(texts) > 300
    assert [path for path, text in texts if nesting_error(text) != check_nesting(text)] == []


def test_the_bound_passes_ordinary_code():
    from pathlib import Path

    from leaklint.parsing import _suspect_statements

    sources = sorted(Path(__file__).resolve().parent.parent.joinpath("fixtures").rglob("*.py"))
    assert sources and all(_suspect_statements(path.read_text(encoding="utf-8")) == [] for path in sources)


@pytest.mark.parametrize("seed", range(100))
def test_string_prefix_reads_what_a_prefix_group_would_match(seed):
    # The guard (f- and t-strings nest) and the prefilter (f-strings stay code) read it.
    import random
    import re

    from leaklint.lexing import STRING_OR_COMMENT, string_prefix

    comment, strings = STRING_OR_COMMENT.pattern.split("|", 1)
    with_group = re.compile(f"{comment}|([A-Za-z]{{0,2}})(?:{strings})")
    rng = random.Random(seed)
    fragments = ["'", '"', "'''", "\\", "\n", "#", "f", "rb", "x", "é", "1", " ", "(", ":", "Fr", "if", "_t"]
    text = "".join(rng.choice(fragments) for _ in range(300))
    assert [(match.start(), string_prefix(match)) for match in STRING_OR_COMMENT.finditer(text)] == [
        (match.start() + len(match.group(1) or ""), match.group(1) or "") for match in with_group.finditer(text)]
