"""A Jupyter notebook as one Python program: its code cells in order, magics masked.

Cells run top to bottom share one namespace, so the analysis reads them as one module.
Outputs are never read into the program. IPython syntax (`%magic`, `!shell`, `x = !ls`,
`obj?`, `%%bash` cells) is replaced line for line by Python that means "nothing here", so
every line of the program is the same line of its cell and the line map stays trivial.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from leaklint.lexing import LexState, lex_line

# Cell magics whose body is ordinary Python run by IPython (timed, captured, profiled).
# The body of any other cell magic (%%bash, %%writefile, %%html, %%sql, ...) is not Python.
PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit", "px"})

# `files = !ls`, `t = %timeit -o f()`: the name is bound, to something we cannot know.
_MAGIC_ASSIGNMENT = re.compile(r"(?P<target>[^=%!#'\"]+?)\s*=\s*[%!]")


class NotebookError(ValueError):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class NotebookProgram:
    text: str
    # (cell, first program line, line count): cell is the 1-based index in the notebook's
    # cell list with markdown and raw cells counted, as Jupyter shows them.
    cell_spans: tuple[tuple[int, int, int], ...]


def notebook_program(data: bytes) -> NotebookProgram:
    document = _read_json(data)
    if not _is_python(document):
        return NotebookProgram("", ())  # an R or Julia notebook: nothing for us to read
    lines: list[str] = []
    spans = []
    for index, cell in enumerate(notebook_cells(document), start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        cell_lines = _split_source(cell_source(cell, index))
        if not cell_lines:
            continue
        spans.append((index, len(lines) + 1, len(cell_lines)))
        lines.extend(mask_magics(cell_lines))
    text = "\n".join(lines) + "\n" if lines else ""
    return NotebookProgram(text, tuple(spans))


def _read_json(data: bytes) -> dict:
    try:
        document = json.loads(data)  # json detects UTF-8/16/32 by itself
    except json.JSONDecodeError as error:
        raise NotebookError(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except (UnicodeDecodeError, RecursionError) as error:
        raise NotebookError(f"not valid JSON: {type(error).__name__}") from None
    if not isinstance(document, dict):
        raise NotebookError("not a notebook: the JSON document is not an object")
    return document


def notebook_cells(document: dict) -> list:
    """The cell list: nbformat 4 `cells`, or the worksheets' cells of nbformat 3."""
    if "cells" in document:
        cells = document["cells"]
    elif "worksheets" in document:
        worksheets = document["worksheets"]
        if not isinstance(worksheets, list):
            raise NotebookError("'worksheets' is not a list")
        cells = [cell for sheet in worksheets if isinstance(sheet, dict) for cell in sheet.get("cells") or []]
    else:
        return []  # an empty notebook saved by a tool that omits the key
    if not isinstance(cells, list):
        raise NotebookError("'cells' is not a list")
    return cells


def cell_source(cell: dict, index: int) -> str:
    # nbformat 4 stores the code in "source", nbformat 3 in "input"; both allow a list of
    # lines or one string.
    source = cell.get("source", cell.get("input", ""))
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    raise NotebookError(f"cell {index}: source is not text")


def _split_source(source: str) -> list[str]:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if source.endswith("\n"):
        source = source[:-1]
    return source.split("\n") if source else []


def _is_python(document: dict) -> bool:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for key, field in (("language_info", "name"), ("kernelspec", "language")):
        section = metadata.get(key)
        if isinstance(section, dict) and isinstance(section.get(field), str):
            return section[field].lower() in ("python", "python3", "python2", "ipython")
    return True


def mask_magics(lines: list[str]) -> list[str]:
    """The cell's lines with IPython syntax replaced, line for line, by valid Python."""
    header = lines[0].strip()
    if header.startswith("%%"):
        name = header[2:].split(maxsplit=1)[0] if len(header) > 2 else ""
        if name not in PYTHON_BODY_CELL_MAGICS:
            # The body is another language: its indentation means nothing to Python, so
            # blank lines (valid anywhere at top level) stand in for all of it.
            return [""] * len(lines)
        lines = ["pass"] + lines[1:]
    out = []
    state = LexState()
    in_magic_continuation = False
    for line in lines:
        if in_magic_continuation:  # `!pip install a \` goes on on the next line
            out.append("")
            in_magic_continuation = line.endswith("\\")
            continue
        if state.at_statement_start:
            masked = _mask_line_magic(line)
            if masked is not None:
                out.append(masked)
                in_magic_continuation = line.endswith("\\")
                continue
        for _ in lex_line(line, state):
            pass  # only the state matters: are we inside brackets or a string?
        out.append(line)
    return out


def _mask_line_magic(line: str) -> str | None:
    """A same-indented Python stand-in when ``line`` (at a statement start) is IPython."""
    code = line.lstrip(" \t")
    indent = line[: len(line) - len(code)]
    if not code or code.startswith("#"):
        return None
    if code[0] in "%!?":
        return indent + "pass"
    assignment = _MAGIC_ASSIGNMENT.match(code)
    if assignment:
        return f"{indent}{assignment.group('target').strip()} = None"
    if code.rstrip().endswith("?") and not _ends_in_comment(code):
        return indent + "pass"  # `df.head?` / `obj??`: help, not code
    return None


def _ends_in_comment(code: str) -> bool:
    tokens = list(lex_line(code, LexState()))
    return bool(tokens) and tokens[-1].kind in ("comment", "string")
