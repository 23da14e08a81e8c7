"""Issue 6, item 1: no input crashes leaklint, and one bad file never hides the others.

Every case writes one hostile input next to a known leaky file (`LEAKY`), runs the real
pipeline (discovery, loading, parsing, the engine, the json formatter) on the folder and
checks three things: the hostile file gets the expected finding or a message naming it,
nothing prints a traceback, and the leaky file still gets its LL101 finding.

Inputs that could crash the process itself (deep nesting: libcst's native parser dies with
a segmentation fault, not an exception) run in a child process, so that a regression fails
the test instead of killing pytest.
"""
from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

import pytest

from hardening_support import (
    LEAKY,
    assert_leaky_found,
    assert_no_traceback,
    notebook,
    run_json,
    run_subprocess,
    write_leaky,
    write_notebook,
)

LEAKY_BYTES = LEAKY.encode("utf-8")


def _check_folder(capsys, folder: Path, monkeypatch) -> tuple[int, list[dict], str]:
    monkeypatch.chdir(folder)
    started = time.monotonic()
    status, findings, out, err = run_json(capsys, ".")
    assert time.monotonic() - started < 60, "one bad file stalled the run"
    assert_no_traceback(out, err)
    assert status == 1, (status, findings, err)  # the leaky file always has its finding
    assert not [f for f in findings if f["code"] == "LL002"], findings
    assert_leaky_found(findings)
    return status, findings, err


def _of(findings: list[dict], path: str) -> list[dict]:
    return [f for f in findings if f["path"] == path]


# ----------------------------------------------------------------------------- files that
# cannot be checked: (file name, content, words the LL001 message must contain, line)
UNCHECKABLE = {
    "unterminated_string": ("s.py", b's = "abc\nx = 1\n', "unterminated string", 1),
    "unterminated_triple_quote": ("s.py", b'x = 1\ns = """abc\nx = 1\n', "unterminated triple-quoted", 2),
    "missing_indent": ("s.py", b"def f():\nreturn 1\n", "expected an indented block", 2),
    "unindent_mismatch": ("s.py", b"if x:\n        a = 1\n    b = 2\n", "unindent does not match", 3),
    "unexpected_indent": ("s.py", b"x = 1\n    y = 2\n", "unexpected indent", 2),
    "unclosed_bracket": ("s.py", b"x = (1,\ny = 2\n", "never closed", 1),
    "stray_bracket": ("s.py", b"x = 1)\n", "unmatched ')'", 1),
    "bad_def": ("s.py", b"def broken(:\n    pass\n", "syntax error", 1),
    "python2_print": ("s.py", b'print "hello"\n', "Missing parentheses in call to 'print'", 1),
    # (`except E, e:` is not here: Python 3.14 accepts `except A, B:` again, and so does libcst)
    "python2_raise": ("s.py", b"x = 1\nraise E, 'message'\n", "syntax error", 2),
    "python2_backticks": ("s.py", b"x = `1`\n", "syntax error", 1),
    "python2_octal": ("s.py", b"x = 0777\n", "syntax error", 1),
    "python2_exec": ("s.py", b'exec "x = 1"\n', "syntax error", 1),
    "latin1_no_cookie": ("s.py", 'x = "café"\n'.encode("latin-1"), "not valid UTF-8: byte 0xe9 at line 1", 1),
    "latin1_no_cookie_later_line": ("s.py", 'x = 1\ny = 2\nz = "café"\n'.encode("latin-1"),
                                    "not valid UTF-8: byte 0xe9 at line 3", 3),
    "unknown_cookie": ("s.py", b"# -*- coding: klingon -*-\nx = 1\n", "bad encoding declaration", 1),
    "utf16_bom": ("s.py", LEAKY.encode("utf-16"), "UTF-16", 1),
    "utf16_be_bom": ("s.py", codecs.BOM_UTF16_BE + LEAKY.encode("utf-16-be"), "UTF-16", 1),
    "nul_byte": ("s.py", b"x = 1\ny = 2\x00\n", "NUL", 2),
    "binary_named_py": ("x.py", bytes(range(256)) * 16, "NUL", 1),
    "inconsistent_tabs": ("s.py", b"if True:\n\tx = 1\n        y = 2\n", "inconsistent use of tabs", 3),
    "invalid_json_notebook": ("n.ipynb", b'{"cells": [', "not valid JSON", 1),
    "notebook_not_an_object": ("n.ipynb", b"[1, 2]", "not an object", 1),
    "notebook_cells_not_a_list": ("n.ipynb", b'{"cells": {"a": 1}}', "'cells' is not a list", 1),
    "notebook_source_not_text": ("n.ipynb", b'{"cells": [{"cell_type": "code", "source": 5}]}',
                                 "source is not text", 1),
    "notebook_utf16_bytes_broken": ("n.ipynb", b"\xff\xfe{\x00", "not valid JSON", 1),
}


@pytest.mark.parametrize("case", sorted(UNCHECKABLE))
def test_uncheckable_file_is_ll001_naming_it_and_the_rest_is_checked(tmp_path, capsys, monkeypatch, case):
    name, content, words, line = UNCHECKABLE[case]
    (tmp_path / name).write_bytes(content)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    mine = _of(findings, name)
    assert [f["code"] for f in mine] == ["LL001"], findings
    assert words in mine[0]["message"], mine[0]["message"]
    assert mine[0]["line"] == line and mine[0]["column"] >= 1


# ----------------------------------------------------------------------------- files that
# are odd but valid: the leak inside them is found at its usual place.
def _leaky_variants() -> dict[str, tuple[str, bytes, tuple[int, int] | None]]:
    lines = LEAKY.splitlines()
    tabbed = "\n".join(lines[:4] + ["if True:"] + ["\t" + line for line in lines[4:]]) + "\n"
    mixed = "".join(line + ("\r\n", "\n", "\r")[number % 3] for number, line in enumerate(lines))
    return {
        "utf8_bom": ("s.py", codecs.BOM_UTF8 + LEAKY_BYTES, (8, 5)),
        "crlf": ("s.py", LEAKY_BYTES.replace(b"\n", b"\r\n"), (8, 5)),
        "mixed_line_endings": ("s.py", mixed.encode(), (8, 5)),
        "lone_cr": ("s.py", LEAKY_BYTES.replace(b"\n", b"\r"), (8, 5)),
        "tabs": ("s.py", tabbed.encode(), (9, 6)),
        "latin1_with_cookie": ("s.py", ("# -*- coding: latin-1 -*-\n# café\n" + LEAKY).encode("latin-1"), (10, 5)),
        "no_final_newline": ("s.py", LEAKY_BYTES.rstrip(b"\n"), (8, 5)),
        "empty": ("s.py", b"", None),
        "only_comments": ("s.py", b"# nothing here\n\n   \n", None),
        "only_bom": ("s.py", codecs.BOM_UTF8, None),
        "form_feed": ("s.py", b"\x0c\n" + LEAKY_BYTES, (9, 5)),
    }


@pytest.mark.parametrize("case", sorted(_leaky_variants()))
def test_odd_but_valid_file_is_analysed(tmp_path, capsys, monkeypatch, case):
    name, content, where = _leaky_variants()[case]
    (tmp_path / name).write_bytes(content)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    mine = _of(findings, name)
    if where is None:
        assert mine == []
    else:
        assert [(f["code"], f["line"], f["column"]) for f in mine] == [("LL101", *where)], mine


NEWEST_SYNTAX = '''\
import asyncio


def first[T](items: list[T]) -> T:
    return items[0]


class Box[T]:
    def __init__(self, item: T) -> None:
        self.item = item


type Pair[K] = tuple[K, K]


def describe(command):
    match command.split():
        case [action]:
            return action
        case [action, obj] if obj:
            return f"{action} {obj}"
        case {"x": x, **rest}:
            return x
        case Point(x=0, y=0) | None:
            return "origin"
        case _:
            return "?"


names = ["a", "b"]
joined = f"{'\\n'.join(names)}"
nested = f"{f"{f"{1 + 1}"}"}"
if (count := len(names)) > 1:
    pass


async def collect(source):
    return [item async for item in source if await item]


async def main():
    async with asyncio.timeout(1):
        return {key: value async for key, value in source()}
'''


def test_newest_syntax_parses_and_the_leak_after_it_is_found(tmp_path, capsys, monkeypatch):
    (tmp_path / "modern.py").write_text(NEWEST_SYNTAX + LEAKY, encoding="utf-8")
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    offset = NEWEST_SYNTAX.count("\n")
    assert [(f["code"], f["line"], f["column"]) for f in _of(findings, "modern.py")] == [("LL101", 8 + offset, 5)]


def test_twenty_megabyte_file_is_ll001_file_too_large_without_reading_it_all(tmp_path, capsys, monkeypatch):
    big = tmp_path / "generated.py"
    with big.open("wb") as handle:
        handle.write(b"x = 1\n" * (20 * 1024 * 1024 // 6 + 1))
    assert big.stat().st_size > 20 * 1024 * 1024
    write_leaky(tmp_path)
    started = time.monotonic()
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert time.monotonic() - started < 20
    (mine,) = _of(findings, "generated.py")
    assert mine["code"] == "LL001" and "file too large" in mine["message"] and str(big.stat().st_size) in mine["message"]


def test_200000_line_file_under_the_size_cap_does_not_stall_the_run(tmp_path, capsys, monkeypatch):
    # libcst parses roughly 6,000 lines a second and cannot be interrupted: 200,000 lines
    # would take half a minute or more. The max-lines guard reports it instead (LL003).
    big = tmp_path / "generated.py"
    big.write_bytes(b"".join(b"v%d = %d + 1\n" % (number, number) for number in range(200_000)))
    assert big.stat().st_size < 5 * 1024 * 1024  # under the default size cap
    write_leaky(tmp_path)
    started = time.monotonic()
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert time.monotonic() - started < 30
    (mine,) = _of(findings, "generated.py")
    assert mine["code"] == "LL003" and mine["severity"] == "warning"
    assert "200000 lines" in mine["message"] and "max-lines" in mine["message"]


# ----------------------------------------------------------------------------- deep nesting
DEEP = {
    "parentheses": b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n",
    "lists": b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "dicts": b"x = " + b"{1: " * 5000 + b"1" + b"}" * 5000 + b"\n",
    "calls": b"x = f" + b"(" * 5000 + b")" * 5000 + b"\n",
    "call_chain": b"x = f" + b"()" * 5000 + b"\n",
    "subscripts": b"x = a" + b"[0]" * 5000 + b"\n",
    "attributes": b"x = a" + b".b" * 5000 + b"\n",
    "unary": b"x = " + b"-" * 5000 + b"1\n",
    "not": b"x = " + b"not " * 5000 + b"1\n",
    "power": b"x = " + b"2 ** " * 5000 + b"1\n",
    "lambdas": b"x = " + b"lambda: " * 5000 + b"1\n",
    "conditional": b"x = " + b"1 if c else " * 5000 + b"2\n",
    "await": b"async def f():\n    x = " + b"await " * 5000 + b"y\n",
    "string_concat": b"x = " + b'"a" ' * 5000 + b"\n",
    "fstrings": b"x = " + b'f"{' * 5000 + b"1" + b'}"' * 5000 + b"\n",  # PEP 701 nesting
    # 1,000 levels already make half a megabyte (5,000 would be 12 MB, over the size cap)
    "indentation": b"".join(b" " * level + b"if x:\n" for level in range(1000)) + b" " * 1000 + b"pass\n",
    "elif_chain": b"if a:\n    pass\n" + b"elif a:\n    pass\n" * 20_000,  # crashed libcst before
    "nested_elif_chains": b"".join(b"    " * level + b"if a:\n" + b"    " * (level + 1) + b"pass\n"
                                   + (b"    " * level + b"elif a:\n" + b"    " * (level + 1) + b"pass\n") * 200
                                   for level in range(10)),
}


def test_5000_levels_of_nesting_are_refused_without_a_crash(tmp_path):
    """All the deep files in one child process: no RecursionError, no segfault, the rest checked."""
    for name, content in DEEP.items():
        (tmp_path / f"deep_{name}.py").write_bytes(content)
    write_leaky(tmp_path)
    started = time.monotonic()
    result = run_subprocess(["check", "--isolated", "--output-format", "json", "."], tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1, (result.returncode, err[-3000:])  # a crash is a negative status
    assert time.monotonic() - started < 60
    assert_no_traceback(out, err)
    assert "RecursionError" not in out + err
    findings = json.loads(out)
    assert_leaky_found(findings)
    for name in DEEP:
        mine = _of(findings, f"deep_{name}.py")
        assert [f["code"] for f in mine] in (["LL001"], ["LL003"]), (name, mine)
        assert any(word in mine[0]["message"] for word in ("nested", "deep", "indentation")), (name, mine)


def test_moderate_nesting_is_still_analysed(tmp_path, capsys, monkeypatch):
    """The guards must not refuse ordinary code: 50 brackets, 300 elifs, 40 indentation levels."""
    lines = LEAKY.splitlines()
    moderate = (
        "x = " + "(" * 50 + "1" + ")" * 50 + "\n"
        + "if a:\n    pass\n" + "elif a:\n    pass\n" * 300
        + "".join("    " * level + "if x:\n" for level in range(40)) + "    " * 40 + "pass\n"
    )
    (tmp_path / "moderate.py").write_text("\n".join(lines[:4]) + "\n" + moderate + "\n".join(lines[4:]) + "\n")
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    offset = moderate.count("\n")
    assert [(f["code"], f["line"]) for f in _of(findings, "moderate.py")] == [("LL101", 8 + offset)]


# ----------------------------------------------------------------------------- the tree
def test_symlink_loop_and_broken_symlink_in_the_tree_are_warnings(tmp_path, capsys, monkeypatch):
    (tmp_path / "pkg").mkdir()
    os.symlink("..", tmp_path / "pkg" / "up")  # pkg/up/pkg/up/... loops
    os.symlink("self", tmp_path / "self")  # a link to itself
    os.symlink("missing.py", tmp_path / "broken.py")
    write_leaky(tmp_path / "pkg")
    write_leaky(tmp_path)
    _, findings, err = _check_folder(capsys, tmp_path, monkeypatch)
    assert "broken.py: broken symbolic link" in err
    assert "pkg/up: symbolic link loop" in err
    assert_leaky_found(findings, "pkg/leaky.py")
    assert {f["path"] for f in findings} == {"leaky.py", "pkg/leaky.py"}


def test_unreadable_file_is_ll001_naming_it(tmp_path, capsys, monkeypatch):
    secret = tmp_path / "secret.py"
    secret.write_text(LEAKY)
    write_leaky(tmp_path)
    if os.geteuid() == 0:  # root reads a mode-000 file anyway: make the read fail instead
        original = Path.read_bytes

        def read_bytes(self):
            if self.name == "secret.py":
                raise PermissionError(13, "Permission denied")
            return original(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    secret.chmod(0)
    try:
        _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    finally:
        secret.chmod(0o644)
    (mine,) = _of(findings, "secret.py")
    assert mine["code"] == "LL001" and "cannot read file: Permission denied" in mine["message"]


def test_unreadable_folder_is_a_warning(tmp_path, capsys, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root can read a mode-000 folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    write_leaky(locked)
    locked.chmod(0)
    write_leaky(tmp_path)
    try:
        _, findings, err = _check_folder(capsys, tmp_path, monkeypatch)
    finally:
        locked.chmod(0o755)
    assert "locked: cannot read folder" in err


def test_paths_with_spaces_and_non_ascii_names(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "my experiments" / "données"
    folder.mkdir(parents=True)
    write_leaky(folder, "naïve model – v2 ü.py")
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert_leaky_found(findings, "my experiments/données/naïve model – v2 ü.py")


def test_fifo_named_py_does_not_block(tmp_path, capsys, monkeypatch):
    os.mkfifo(tmp_path / "pipe.py")
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    (mine,) = _of(findings, "pipe.py")
    assert mine["code"] == "LL001" and "not a regular file" in mine["message"]


# ----------------------------------------------------------------------------- notebooks
def test_nbformat3_notebook_is_analysed(tmp_path, capsys, monkeypatch):
    document = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "old"},
                "worksheets": [{"cells": [
                    {"cell_type": "markdown", "source": "# title"},
                    {"cell_type": "code", "language": "python", "input": LEAKY, "outputs": [],
                     "prompt_number": 1}]}]}
    write_notebook(tmp_path / "old.ipynb", document)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert [(f["code"], f["cell"], f["line"]) for f in _of(findings, "old.ipynb")] == [("LL101", 2, 8)]


def test_notebook_with_source_as_one_string(tmp_path, capsys, monkeypatch):
    document = notebook([("code", "")])
    document["cells"][0]["source"] = LEAKY
    write_notebook(tmp_path / "flat.ipynb", document)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert [(f["code"], f["cell"], f["line"], f["column"]) for f in _of(findings, "flat.ipynb")] == [("LL101", 1, 8, 5)]


@pytest.mark.parametrize("document", [
    {"nbformat": 4, "nbformat_minor": 5, "metadata": {}},
    {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []},
    notebook([("markdown", "# Only prose\n\n```python\n" + LEAKY + "```\n"), ("raw", LEAKY)]),
    {},
], ids=["no_cells_key", "empty_cells", "markdown_and_raw_only", "empty_object"])
def test_notebook_without_code_is_clean(tmp_path, capsys, monkeypatch, document):
    write_notebook(tmp_path / "prose.ipynb", document)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert _of(findings, "prose.ipynb") == []


def test_notebook_huge_outputs_are_not_read_into_the_program(tmp_path, capsys, monkeypatch):
    """30 MB of outputs, themselves holding leaky code: only the cell's code is analysed."""
    document = notebook([("code", "import math\nprint(math.pi)\n"), ("code", LEAKY)])
    leaky_output = {"output_type": "stream", "name": "stdout", "text": [LEAKY] * 10}
    big_output = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
                  "data": {"text/plain": ["x = 1\n"] * (30 * 1024 * 1024 // 10),
                           "image/png": "iVBORw0KGgo" * 1000}}
    document["cells"][0]["outputs"] = [leaky_output, big_output]
    document["cells"][1]["outputs"] = [leaky_output]
    path = write_notebook(tmp_path / "outputs.ipynb", document)
    assert path.stat().st_size > 30 * 1024 * 1024  # bigger than the 5 MB limit on code
    write_leaky(tmp_path)
    started = time.monotonic()
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert time.monotonic() - started < 30
    assert [(f["code"], f["cell"], f["line"]) for f in _of(findings, "outputs.ipynb")] == [("LL101", 2, 8)]


def test_notebook_in_another_language_is_not_read_as_python(tmp_path, capsys, monkeypatch):
    document = notebook([("code", "library(ggplot2)\nx <- c(1, 2)\n")],
                        metadata={"kernelspec": {"name": "ir", "language": "R"}})
    write_notebook(tmp_path / "r.ipynb", document)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    assert _of(findings, "r.ipynb") == []


def test_notebook_with_magics_and_a_syntax_error_cell(tmp_path, capsys, monkeypatch):
    document = notebook([("code", "%matplotlib inline\n!pip install x\nfiles = !ls\n"),
                         ("code", "%%bash\nfor f in *; do echo $f; done\n"),
                         ("code", "def broken(:\n")])
    write_notebook(tmp_path / "magic.ipynb", document)
    write_leaky(tmp_path)
    _, findings, _ = _check_folder(capsys, tmp_path, monkeypatch)
    (mine,) = _of(findings, "magic.ipynb")
    assert mine["code"] == "LL001" and mine["cell"] == 3 and mine["line"] == 1
