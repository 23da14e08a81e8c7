"""Issue 6, item 5: nothing in an analysed file can forge output, in any format.

A pull request controls file names, strings and comments, and they reach leaklint's output
through paths, messages (the flagged code), trace notes, code frames, LL001 messages
(CPython quotes the offending character) and warnings. The files below carry workflow
commands (`\\n::error::`, `::set-output`, `%0A`), ANSI and OSC escape sequences, terminal
controls, bidi overrides, Markdown/HTML and 100,000-character lines. For every format:
- each finding is exactly one annotation / record / headline, and no other workflow command
  appears (a line starting with `::` exists only in `github`, one per finding);
- no raw control or bidi character reaches the output;
- messages, trace notes and code frames stay within their length limits.
"""
from __future__ import annotations

import json
import os
import re

import pytest

from hardening_support import FORMATS, LEAKY, run_inprocess, run_json, write_notebook
from leaklint.formatters.common import MAX_FRAME_WIDTH, MAX_MESSAGE, MAX_NOTE, MAX_TRACE_STEPS

FLAGGED = "X = StandardScaler().fit_transform(X)"
HOSTILE_NAMES = [
    "evil\n::error file=forged.py,line=1::forged.py",
    "pct%0A::warning::x%0D%25.py",
    "x::set-output name=a::b.py",
    "\x1b[31mred\x1b[0m.py",
    "bidi\u202egnp.py",
    "cr\rback\bbell\x07nul.py",
    "<img src=x onerror=alert(1)> [link](javascript:alert(1)).py",
]
HOSTILE_TEXT = ("\n::error file=forged.py::forged\n%0A::set-output name=x::y %0D%25 \x1b[2J\x1b]0;title\x07 "
                "\x1b[31m\u202e\u2028\x08\x7f\x9b31m </details><script>x</script> ::add-mask::secret")
# Matches what may never be printed raw: C0 controls but newline, DEL, C1, bidi, separators.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture
def hostile(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    project.mkdir()
    for name in HOSTILE_NAMES:
        (project / name).write_text(LEAKY, encoding="utf-8")
    # The flagged expression itself holds the hostile text (a triple-quoted string spans lines),
    # and so does a comment on the flagged line; the trace goes through a long name.
    (project / "strings.py").write_text(LEAKY.replace(
        FLAGGED, f'X = StandardScaler().fit_transform(X["""{HOSTILE_TEXT}"""])  # {HOSTILE_TEXT.replace(chr(10), " ")}'),
        encoding="utf-8")
    (project / "long.py").write_text(LEAKY.replace(
        'df = pd.read_csv("data.csv")', f'df = pd.read_csv("{"d" * 5000}.csv")').replace(
        FLAGGED, f'X = StandardScaler().fit_transform(X[["{"a" * 100_000}"]])  # {"b" * 50_000}'), encoding="utf-8")
    (project / "syntax.py").write_text("x = 1 \u202e\ny = \x1b[31m\n", encoding="utf-8")
    write_notebook(project / "note\x1b[1m::error::book.ipynb", {"cells": [
        {"cell_type": "markdown", "source": HOSTILE_TEXT},
        {"cell_type": "code", "source": LEAKY.replace(FLAGGED, f'X = StandardScaler().fit_transform(X)  # {HOSTILE_TEXT}'.replace("\n", " "))},
    ]})
    os.symlink("missing.py", project / "broken\n::error::link\x1b[0m.py")
    monkeypatch.chdir(project)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    _, findings, _, _ = run_json(capsys, ".")
    return project, findings


def _github_unescape(text: str) -> str:
    # The runner's order: %0D, %0A, then the property escapes, %25 last.
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


GITHUB_LINE = re.compile(r"::(error|warning) (?P<properties>[^:]*)::(?P<message>.*)")
GITHUB_KEYS = {"file", "line", "endLine", "col", "endColumn", "title"}


def _check_github(out: str, findings: list[dict]) -> None:
    from leaklint.formatters.ci import clean

    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(findings), out[-2000:]
    files = []
    for line in lines[:-1]:
        match = GITHUB_LINE.fullmatch(line)
        assert match, line[:300]
        properties = {}
        for item in match.group("properties").split(","):
            key, _, value = item.partition("=")
            assert key not in properties, line[:300]
            properties[key] = _github_unescape(value)
            assert "\n" not in properties[key] and "\r" not in properties[key]
        assert {"file", "line", "endLine", "title"} <= set(properties) <= GITHUB_KEYS, line[:300]
        assert re.fullmatch(r"leaklint \(LL\d{3}\)", properties["title"])
        files.append(properties["file"])
        message = _github_unescape(match.group("message"))
        assert "\n" not in message and "\r" not in message
        assert len(message) <= MAX_MESSAGE + 1200  # location (an escaped path) + message
    # Each annotation points at the file of its finding: no property was cut short or added.
    assert sorted(files) == sorted(clean(finding["path"]) for finding in findings)


def _check_text(out: str, output_format: str, expected: int) -> None:
    lines = out.rstrip("\n").split("\n")
    assert re.fullmatch(r"Found \d+ findings?\.", lines[-1])
    if output_format == "concise":
        assert len(lines) == expected + 1
        headlines = lines[:-1]
    else:
        headlines = [line for line in lines[:-1]
                     if line and not line.startswith(" ") and not re.match(r"\d+ \| ", line)]
        assert len(headlines) == expected, headlines
        for line in lines:
            if re.match(r"\d+ \| |\s+\| ", line):  # code frame and its underline
                assert len(line) <= MAX_FRAME_WIDTH + 20, len(line)
            elif line.startswith("  trace: "):
                assert len(line) <= MAX_TRACE_STEPS * (MAX_NOTE + 40) + 200, len(line)
    for line in headlines:
        assert re.match(r".+:\d+:\d+: LL\d{3} ", line), line[:300]
        assert len(line) <= MAX_MESSAGE + 1200, len(line)


def _check_json_like(out: str, output_format: str, expected: int) -> None:
    document = json.loads(out)
    if output_format == "sarif":
        records = document["runs"][0]["results"]
        texts = [r["message"]["text"] for r in records]
        notes = [loc["message"]["text"] for r in records for loc in r.get("relatedLocations", [])]
        uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for r in records for loc in r["locations"]]
        assert all(UNSAFE.search(uri) is None and " " not in uri for uri in uris), uris
    elif output_format == "gitlab":
        records = document
        texts = [r["description"] for r in records]
        notes = []
    else:
        records = document
        texts = [r["message"] for r in records]
        notes = [step["note"] for r in records for step in r["trace"]]
        assert all(len(r["trace"]) <= MAX_TRACE_STEPS for r in records)
    assert len(records) == expected
    assert all(len(text) <= MAX_MESSAGE + 40 for text in texts)  # + " (cell 2, line 8)"
    assert all(len(note) <= MAX_NOTE + 40 for note in notes)
    if output_format in ("sarif", "gitlab"):  # shown on web pages: cleaned, not only JSON-escaped
        assert not [text for text in texts + notes if UNSAFE.search(text)]


@pytest.mark.parametrize("output_format", FORMATS)
def test_hostile_names_strings_and_comments_cannot_forge_output(hostile, capsys, output_format):
    project, findings = hostile
    expected = len(findings)
    paths = {finding["path"] for finding in findings}
    assert len(paths) == len(HOSTILE_NAMES) + 4 and "syntax.py" in paths  # every file was reported
    assert {finding["code"] for finding in findings} == {"LL101", "LL001"}
    status, out, err = run_inprocess(capsys, "check", "--isolated", "--output-format", output_format, ".")
    assert status == 1
    assert not UNSAFE.search(out), repr(UNSAFE.search(out).group())
    assert not UNSAFE.search(err), repr(err)
    assert "broken\\x0a::error::link" in err  # the warning names the link, escaped
    for stream, allowed in ((out, output_format == "github"), (err, False)):
        commands = [line for line in stream.split("\n") if line.lstrip().startswith("::")]
        assert allowed or not commands, commands[:3]
    if output_format == "github":
        _check_github(out, findings)
    elif output_format in ("full", "concise"):
        _check_text(out, output_format, expected)
    else:
        _check_json_like(out, output_format, expected)


def test_json_keeps_the_raw_text_for_programs(hostile):
    """json is data for programs: values are exact (escaped by JSON itself), only clipped."""
    _, findings = hostile
    (strings,) = [f for f in findings if f["path"] == "strings.py"]
    assert strings["code"] == "LL101" and "::error file=forged.py" in strings["message"]
    assert any("\n" in f["path"] for f in findings)


def test_code_frame_of_a_100000_character_line_is_clipped(hostile, capsys):
    status, out, _ = run_inprocess(capsys, "check", "--isolated", "--output-format", "full", "long.py")
    assert status == 1
    assert max(len(line) for line in out.split("\n")) <= MAX_MESSAGE + 200
    assert "aaaa…" in out or "a…" in out


def test_github_job_summary_escapes_markup(hostile):
    from leaklint.findings import Finding, TraceStep
    from leaklint.formatters.github_summary import build_summary

    _, records = hostile
    findings = [Finding(code=r["code"], name=r["name"], severity=r["severity"], path=r["path"], line=r["line"],
                        column=r["column"], end_line=r["end_line"], end_column=r["end_column"], message=r["message"],
                        trace=tuple(TraceStep(s["path"], s["line"], s["column"], s["note"], s.get("cell"))
                                    for s in r["trace"]), cell=r.get("cell")) for r in records]
    summary = build_summary(findings, link_base="https://github.com/o/r/blob/0")
    # Markdown renders `\<` and `\]` literally: only unescaped markup could become HTML or a link.
    assert not re.search(r"(?<!\\)<(img|script|/details)", summary)
    assert not re.search(r"(?<!\\)\]\(javascript", summary)
    assert not UNSAFE.search(summary)
    assert not [line for line in summary.split("\n") if line.startswith("::")]
