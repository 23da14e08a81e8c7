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
    """A file of statements built to sit near every limit of the nesting estimate."""
    import random

    rng = random.Random(seed)
    pieces = []
    for _ in range(rng.randint(1, 6)):
        n = rng.choice([rng.randint(1, 60), rng.randint(85, 115), rng.randint(185, 215)])
        kind = rng.randrange(9)
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
            levels = n // 4
            pieces.append("".join("    " * i + "if a:\n" for i in range(levels))
                          + "    " * levels + "y = " + "-" * rng.randint(1, 120) + "1")
        elif kind == 7:
            pieces.append("x = '''a (\n[ b''' + (" + " not".join(["c"] * n) + ")")
        else:
            pieces.append("x = a \\\n" + "    + b \\\n" * n + "    + c")
    return "\n".join(pieces) + "\n"


@pytest.mark.parametrize("seed", range(300))
def test_the_quick_bound_never_passes_what_the_estimate_refuses(seed):
    from leaklint.parsing import surely_shallow

    source = _near_the_limits(seed)
    if surely_shallow(source):
        assert check_nesting(source) is None


def test_the_quick_bound_passes_ordinary_code():
    from pathlib import Path

    from leaklint.parsing import surely_shallow

    sources = sorted(Path(__file__).resolve().parent.parent.joinpath("fixtures").rglob("*.py"))
    assert sources and all(surely_shallow(path.read_text(encoding="utf-8")) for path in sources)
