"""Loading files: PEP 263 decoding, newline handling, size limits, unreadable files."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from leaklint.sources import LoadError, SourceFile, load_source


def load(tmp_path: Path, data: bytes, name: str = "x.py", **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return load_source(path, name, **kwargs)


def test_utf8_source_loads(tmp_path):
    source = load(tmp_path, "x = 'é'\n".encode())
    assert isinstance(source, SourceFile)
    assert source.text == "x = 'é'\n"
    assert source.locate(1) == (None, 1)


def test_utf8_bom_is_dropped(tmp_path):
    source = load(tmp_path, codecs.BOM_UTF8 + b"x = 1\n")
    assert isinstance(source, SourceFile) and source.text == "x = 1\n"


def test_coding_cookie_is_honoured(tmp_path):
    source = load(tmp_path, "# -*- coding: latin-1 -*-\nx = 'é'\n".encode("latin-1"))
    assert isinstance(source, SourceFile) and "é" in source.text


def test_latin1_without_cookie_is_an_error_naming_the_line(tmp_path):
    error = load(tmp_path, "a = 1\nx = 'é'\n".encode("latin-1"))
    assert isinstance(error, LoadError)
    assert "not valid UTF-8" in error.message and error.line == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_errors(tmp_path, encoding):
    error = load(tmp_path, "x = 1\n".encode(encoding))  # Python's codec writes a BOM
    assert isinstance(error, LoadError) and encoding.upper() in error.message


def test_unknown_cookie_is_an_error(tmp_path):
    error = load(tmp_path, b"# coding: no-such-codec\nx = 1\n")
    assert isinstance(error, LoadError) and "encoding" in error.message


def test_nul_bytes_are_an_error(tmp_path):
    error = load(tmp_path, b"x = 1\ny = '\x00'\n")
    assert isinstance(error, LoadError) and "NUL" in error.message and error.line == 2


def test_binary_file_named_py_is_an_error(tmp_path):
    error = load(tmp_path, bytes(range(256)) * 8)
    assert isinstance(error, LoadError)


def test_crlf_and_lone_cr_keep_line_numbers(tmp_path):
    source = load(tmp_path, b"a = 1\r\nb = 2\rc = 3\n")
    assert isinstance(source, SourceFile)
    assert source.lines()[:3] == ["a = 1", "b = 2", "c = 3"]


def test_too_large_file(tmp_path):
    error = load(tmp_path, b"x = 1\n" * 100, max_file_size=100)
    assert isinstance(error, LoadError) and error.message.startswith("file too large (600 bytes")


def test_empty_file_loads(tmp_path):
    source = load(tmp_path, b"")
    assert isinstance(source, SourceFile) and source.text == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    error = load_source(fifo, "pipe.py")
    assert isinstance(error, LoadError) and "regular file" in error.message


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.py"
    path.write_text("x = 1\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)  # chmod does not stop root, who runs CI
    error = load_source(path, "secret.py")
    assert isinstance(error, LoadError) and "Permission denied" in error.message
