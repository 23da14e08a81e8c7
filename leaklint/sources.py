"""File bytes to the Python text the analysis reads, or a message saying why not.

A script is decoded as Python itself would (PEP 263: a UTF-8 BOM or a coding cookie,
UTF-8 otherwise). A notebook becomes one program made of its code cells (see
leaklint.notebook), with a line map back to the cells.
"""
from __future__ import annotations

import bisect
import codecs
import io
import re
import stat
import tokenize
from dataclasses import dataclass
from pathlib import Path

from leaklint.lexing import split_lines
from leaklint.notebook import NotebookError, notebook_program

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
# libcst parses about 6,000 lines a second and cannot be interrupted: a file with more
# lines than this is reported (LL003) instead of parsed, so it cannot stall the run.
DEFAULT_MAX_LINES = 50_000
# A notebook's JSON is mostly outputs (plots, tables) that are never read into the
# program, so the file itself may be this many times the limit; its code may not.
NOTEBOOK_SIZE_FACTOR = 20


@dataclass(frozen=True)
class CellSpan:
    """Lines ``first_line .. first_line + line_count - 1`` of the program come from ``cell``."""

    cell: int  # 1-based index in the notebook's cell list, markdown cells counted
    first_line: int
    line_count: int


@dataclass(frozen=True)
class SourceFile:
    path: str  # the path shown to the user
    text: str  # Python source, newlines normalised to "\n"
    is_notebook: bool = False
    cells: tuple[CellSpan, ...] = ()  # notebooks only, in program order

    def locate(self, line: int) -> tuple[int | None, int]:
        """(cell, line in cell) for a program line; (None, line) for scripts."""
        if not self.is_notebook or not self.cells:
            return None, line
        starts = [span.first_line for span in self.cells]
        index = max(bisect.bisect_right(starts, line) - 1, 0)
        span = self.cells[index]
        return span.cell, line - span.first_line + 1

    def lines(self) -> list[str]:
        return split_lines(self.text)


@dataclass(frozen=True)
class LoadError:
    path: str
    message: str
    line: int = 1
    column: int = 1


def load_source(path: Path, display_path: str, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceFile | LoadError:
    """Read and decode one file. Never raises for anything the file contains."""
    is_notebook = path.suffix.lower() == ".ipynb"
    byte_limit = max_file_size * NOTEBOOK_SIZE_FACTOR if is_notebook else max_file_size
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            return LoadError(display_path, "not a regular file")
        if status.st_size > byte_limit:
            return _too_large(display_path, status.st_size, byte_limit)
        data = path.read_bytes()
    except OSError as error:
        return LoadError(display_path, f"cannot read file: {error.strerror or error}")
    if len(data) > byte_limit:  # the file grew between stat and read
        return _too_large(display_path, len(data), byte_limit)
    loaded = _load_notebook(data, display_path) if is_notebook else _load_script(data, display_path)
    if is_notebook and isinstance(loaded, SourceFile) and len(loaded.text) > max_file_size:
        return LoadError(display_path, f"notebook code too large ({len(loaded.text)} characters; "
                                       f"the limit is {max_file_size})")
    return loaded


def _too_large(display_path: str, size: int, limit: int) -> LoadError:
    return LoadError(display_path, f"file too large ({size} bytes; the limit is {limit})")


def _load_script(data: bytes, display_path: str) -> SourceFile | LoadError:
    try:
        text = decode_python(data)
    except SourceDecodeError as error:
        return LoadError(display_path, str(error), error.line)
    return SourceFile(display_path, text)


def _load_notebook(data: bytes, display_path: str) -> SourceFile | LoadError:
    try:
        program = notebook_program(data)
    except NotebookError as error:
        return LoadError(display_path, f"invalid notebook: {error}", error.line, error.column)
    text = normalise_newlines(program.text)
    spans = tuple(CellSpan(cell, first, count) for cell, first, count in program.cell_spans)
    return SourceFile(display_path, text, is_notebook=True, cells=spans)


class SourceDecodeError(ValueError):
    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


# Python source in these encodings is not decodable as PEP 263 text without a cookie,
# and people meet them when an editor on Windows saved the file.
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode_python(data: bytes) -> str:
    """Source text per PEP 263, newlines normalised; SourceDecodeError otherwise."""
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            raise SourceDecodeError(f"file is {name} encoded; Python source must be UTF-8 or declare its encoding")
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise SourceDecodeError("file contains NUL bytes (binary file?)", line)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:  # an unknown cookie or a cookie that contradicts the BOM
        if not _declares_encoding(data):
            # detect_encoding also fails when line 1 or 2 is simply not UTF-8 (a Latin-1
            # `é` near the top): say that, not "bad encoding declaration".
            encoding = "utf-8"
        else:
            raise SourceDecodeError(f"bad encoding declaration: {error.msg}", error.lineno or 1) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        what = "UTF-8" if encoding in ("utf-8", "utf-8-sig") else encoding
        raise SourceDecodeError(
            f"not valid {what}: byte 0x{data[error.start]:02x} at line {line}"
            + (" (declare the encoding with a coding comment, PEP 263)" if what == "UTF-8" else ""),
            line) from None
    except LookupError:  # detect_encoding accepts only codecs Python knows, but be safe
        raise SourceDecodeError(f"unknown encoding {encoding!r}") from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    # Python reads source with universal newlines: CRLF and CR each end one line. Turning
    # them into "\n" keeps every line number and column and lets later stages split on "\n".
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# PEP 263: a comment on line 1 or 2 matching this declares the encoding.
_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.MULTILINE)


def _declares_encoding(data: bytes) -> bool:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    first_two = b"\n".join(data.split(b"\n", 2)[:2])
    return _CODING_COOKIE.search(first_two) is not None
