"""The command line end to end, with a fake analysis (see leaklint_cli_support)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from leaklint.findings import Finding
from leaklint_cli_support import fake_engine, run, workdir, write_notebook  # noqa: F401 - fixtures

REPO = Path(__file__).resolve().parent.parent

FINDING_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "name", "severity", "path", "line", "column", "end_line", "end_column", "message",
                     "trace"],
        "properties": {
            "code": {"type": "string", "pattern": "^LL[0-9]{3}$"},
            "name": {"type": "string"},
            "severity": {"enum": ["error", "warning"]},
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1},
            "end_column": {"type": "integer", "minimum": 1},
            "message": {"type": "string"},
            "cell": {"type": "integer", "minimum": 1},
            "trace": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["path", "line", "column", "note"],
                "properties": {"path": {"type": "string"}, "line": {"type": "integer", "minimum": 1},
                               "column": {"type": "integer", "minimum": 1}, "note": {"type": "string"},
                               "cell": {"type": "integer", "minimum": 1}}}},
        },
    },
}


def concise(capsys, *args) -> tuple[int, list[str]]:
    status, out, _ = run(capsys, *args, "--output-format", "concise")
    return status, [line for line in out.splitlines() if ": LL" in line]


# ---------------------------------------------------------------- exit status


def test_exit_0_when_clean(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text("x = 1\n")
    status, out, _ = run(capsys, "a.py")
    assert status == 0 and "All checks passed!" in out


def test_exit_1_with_findings_and_0_with_exit_zero(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL101")\n')
    assert run(capsys, "a.py")[0] == 1
    assert run(capsys, "a.py", "--exit-zero")[0] == 0


@pytest.mark.parametrize("args", [
    ["--no-such-option", "."],
    ["--select", "LL999", "."],
    ["--ignore", "nonsense!", "."],
    ["--per-file-ignores", "LL101", "."],
    ["does-not-exist.py"],
    ["--output-format", "xml", "."],
    ["rule", "LL999"],
    [],
])
def test_exit_2_on_usage_errors(workdir, capsys, fake_engine, args):
    (workdir / "a.py").write_text("x = 1\n")
    status, out, err = run(capsys, *args)
    assert status == 2, (out, err)


def test_output_format_from_environment(workdir, capsys, fake_engine, monkeypatch):
    (workdir / "a.py").write_text('leak("LL101")\n')
    monkeypatch.setenv("LEAKLINT_OUTPUT_FORMAT", "json")
    status, out, _ = run(capsys, "a.py")
    assert status == 1 and json.loads(out)[0]["code"] == "LL101"
    monkeypatch.setenv("LEAKLINT_OUTPUT_FORMAT", "yaml")
    assert run(capsys, "a.py")[0] == 2


def test_check_is_the_default_command_and_default_path_is_here(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL101")\n')
    assert concise(capsys, "check", "a.py") == concise(capsys, "a.py") == concise(capsys, "check")
    assert run(capsys, "--version")[0] == 0
    assert run(capsys, "--help")[0] == 0


# ---------------------------------------------------------------- output formats


def test_full_format_has_frame_trace_and_summary(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('import x\ny = leak("LL101")\n')
    status, out, _ = run(capsys, "a.py")
    assert out.splitlines()[:5] == [
        "a.py:2:5: LL101 fake LL101 finding",
        "  |",
        '2 | y = leak("LL101")',
        "  |     ^^^^^^^^^^^^^",
        "  trace: data loaded at 1 → leak at 2",
    ]
    assert out.rstrip().endswith("Found 1 finding.")


def test_concise_format_is_one_line_per_finding(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL101")\nleak("LL401")\n')
    status, out, _ = run(capsys, "a.py", "--output-format", "concise")
    assert out.splitlines() == ["a.py:1:1: LL101 fake LL101 finding", "a.py:2:1: LL401 fake LL401 finding",
                                "Found 2 findings."]


def test_json_format_matches_the_schema(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL101")\n')
    write_notebook(workdir / "nb.ipynb", [("markdown", "# t"), ("code", "x = 1"), ("code", '%time y = 2\nleak("LL102")')])
    status, out, _ = run(capsys, ".", "--output-format", "json")
    records = json.loads(out)
    jsonschema.validate(records, FINDING_SCHEMA)
    assert [(r["path"], r.get("cell"), r["line"], r["code"]) for r in records] == [
        ("a.py", None, 1, "LL101"), ("nb.ipynb", 3, 2, "LL102")]
    assert records[1]["trace"][0]["cell"] == 2  # the step on program line 1 is in the first code cell


def test_notebook_location_in_text_formats(workdir, capsys, fake_engine):
    write_notebook(workdir / "nb.ipynb", [("markdown", "# t"), ("code", "x = 1"), ("code", 'y = 2\n  # c\nz = leak("LL101")')])
    status, lines = concise(capsys, "nb.ipynb")
    assert lines == ["nb.ipynb:cell 3:3:5: LL101 fake LL101 finding"]
    status, out, _ = run(capsys, "nb.ipynb")
    assert "trace: data loaded at cell 2:1 → leak at cell 3:3" in out


def test_empty_json_is_an_empty_array(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text("x = 1\n")
    status, out, _ = run(capsys, "a.py", "--output-format", "json")
    assert status == 0 and json.loads(out) == []


def test_statistics(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL401")\nleak("LL101")\nleak("LL401")\n')
    status, out, _ = run(capsys, "a.py", "--statistics")
    assert status == 1 and out.splitlines() == ["2  LL401  unseeded-split", "1  LL101  fit-before-split"]
    status, out, _ = run(capsys, "a.py", "--statistics", "--output-format", "json")
    assert json.loads(out)[0] == {"code": "LL401", "name": "unseeded-split", "count": 2}


def test_output_file(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL101")\n')
    status, out, _ = run(capsys, "a.py", "-o", "report.json", "--output-format", "json")
    assert status == 1 and out == ""
    assert json.loads((workdir / "report.json").read_text())[0]["code"] == "LL101"


def test_control_characters_from_the_code_are_escaped(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('s = "\x1b[31m\\n::error::x"; t = "\u202e"; leak("LL101")  ' + "#" * 5000 + "\n")
    status, out, _ = run(capsys, "a.py")
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b" in out
    frame_line = [line for line in out.splitlines() if line.startswith("1 | ")][0]
    assert len(frame_line) < 200


def test_trace_and_message_are_bounded(workdir, capsys, monkeypatch):
    from leaklint.findings import TraceStep

    def chatty(path, module, context, source=None):
        steps = tuple(TraceStep(path, 1, 1, "n" * 1000) for _ in range(100))
        return [Finding("LL101", "fit-before-split", "error", path, 1, 1, 1, 2, "m" * 10_000, steps)]

    monkeypatch.setattr("leaklint.runner.analyze_file", chatty)
    (workdir / "a.py").write_text("x = 1\n")
    for output_format in ("full", "concise", "json"):
        status, out, _ = run(capsys, "a.py", "--output-format", output_format)
        assert status == 1 and len(out) < 5000


# ---------------------------------------------------------------- selection and suppression


def test_select_ignore_and_prefixes(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text('leak("LL101")\nleak("LL102")\nleak("LL401")\n')
    codes = lambda *args: [line.split()[1] for line in concise(capsys, "a.py", *args)[1]]  # noqa: E731
    assert codes() == ["LL101", "LL102", "LL401"]
    assert codes("--select", "LL1") == ["LL101", "LL102"]
    assert codes("--select", "LL1", "--ignore", "LL102") == ["LL101"]
    assert codes("--ignore", "LL1,LL4") == []
    assert codes("--select", "LL101", "--extend-select", "LL401") == ["LL101", "LL401"]


def test_per_file_ignores_from_the_command_line(workdir, capsys, fake_engine):
    (workdir / "tests").mkdir()
    (workdir / "tests" / "t.py").write_text('leak("LL101")\nleak("LL401")\n')
    (workdir / "a.py").write_text('leak("LL101")\n')
    status, lines = concise(capsys, ".", "--per-file-ignores", "tests/*:LL101")
    assert [line.split(":")[0] + " " + line.split()[1] for line in lines] == ["a.py LL101", "tests/t.py LL401"]


def test_suppression_comments(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text(
        'leak("LL101")  # noqa: LL101\n'
        'leak("LL101")  # NOQA:LL102\n'
        'leak("LL101")  # leaklint: ignore[LL102, LL101]\n'
        'leak("LL101")  # noqa\n'
        'leak("LL101"); s = "# noqa: LL101"\n'
    )
    status, lines = concise(capsys, "a.py")
    assert [line.split(":")[1] for line in lines] == ["2", "4", "5"]


def test_suppression_in_a_notebook_cell(workdir, capsys, fake_engine):
    write_notebook(workdir / "nb.ipynb", [("code", "!pip install x"), ("code", 'leak("LL101")  # noqa: LL101\nleak("LL102")')])
    status, lines = concise(capsys, "nb.ipynb")
    assert lines == ["nb.ipynb:cell 2:2:1: LL102 fake LL102 finding"]


# ---------------------------------------------------------------- bad input never stops the run

BAD_INPUTS = {
    "syntax.py": b"def f(:\n    pass\n",
    "python2.py": b"print 'hello'\n",
    "latin1.py": "x = 'caf\xe9'\n".encode("latin-1"),
    "utf16.py": "x = 1\n".encode("utf-16"),
    "binary.py": bytes(range(256)) * 4,
    "nul.py": b"x = 1\x00\n",
    "deep.py": b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n",
    "broken.ipynb": b'{"cells": [',
    "huge.py": b"x = 1\n" * 1_000_000,
}


def test_every_bad_input_gives_ll001_and_the_rest_is_checked(workdir, capsys, fake_engine):
    for name, data in BAD_INPUTS.items():
        (workdir / name).write_bytes(data)
    (workdir / "good.py").write_text('leak("LL101")\n')
    (workdir / "empty.py").write_text("")
    status, out, _ = run(capsys, ".", "--output-format", "json")
    records = json.loads(out)
    by_path = {}
    for record in records:
        by_path.setdefault(record["path"], []).append(record["code"])
    assert status == 1
    assert by_path.pop("good.py") == ["LL101"]
    assert by_path == {name: ["LL001"] for name in BAD_INPUTS}
    messages = {r["path"]: r["message"] for r in records}
    assert messages["huge.py"].startswith("file too large (6000000 bytes")
    assert "nested" in messages["deep.py"] and "Missing parentheses" in messages["python2.py"]


def test_syntax_error_in_a_notebook_names_the_cell(workdir, capsys, fake_engine):
    write_notebook(workdir / "nb.ipynb", [("markdown", "m"), ("code", "x = 1"), ("code", "y = 2\ndef f(:\n  pass")])
    status, lines = concise(capsys, "nb.ipynb")
    assert status == 1 and lines[0].startswith("nb.ipynb:cell 3:2:") and "LL001" in lines[0]


def test_an_analysis_crash_is_ll002_with_exit_2_and_the_rest_is_checked(workdir, capsys, monkeypatch):
    from leaklint_cli_support import fake_analyze_file

    def crashing(path, module, context, source=None):
        if "crash" in path:
            raise ValueError("engine bug on purpose")
        return fake_analyze_file(path, module, context, source)

    monkeypatch.setattr("leaklint.runner.analyze_file", crashing)
    (workdir / "a_crash.py").write_text("x = 1\n")
    (workdir / "b.py").write_text('leak("LL101")\n')
    status, lines = concise(capsys, ".", "--exit-zero", "--ignore", "LL0")
    assert status == 2
    assert lines == ["a_crash.py:1:1: LL002 leaklint failed on this file: ValueError: engine bug on purpose",
                     "b.py:1:1: LL101 fake LL101 finding"]


def test_recursion_error_in_the_analysis_is_contained(workdir, capsys, monkeypatch):
    def recursing(path, module, context, source=None):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("leaklint.runner.analyze_file", recursing)
    (workdir / "a.py").write_text("x = 1\n")
    status, lines = concise(capsys, "a.py")
    assert status == 2 and "LL002" in lines[0] and "RecursionError" in lines[0]


def test_ll001_can_be_ignored_explicitly_but_not_by_a_narrow_select(workdir, capsys, fake_engine):
    (workdir / "bad.py").write_text("def f(:\n")
    assert concise(capsys, "bad.py", "--select", "LL101")[0] == 1
    assert concise(capsys, "bad.py", "--ignore", "LL001")[0] == 0


# ---------------------------------------------------------------- rules


def test_rules_lists_every_rule(capsys):
    from leaklint.rules import ALL_RULES

    status, out, _ = run(capsys, "rules")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == [rule.code for rule in ALL_RULES]


def test_rule_prints_its_documentation(capsys):
    status, out, _ = run(capsys, "rule", "ll101")
    assert status == 0 and out.startswith("# LL101 fit-before-split") and "## What it does" in out


# ---------------------------------------------------------------- the real engine


def test_fixtures_run_without_internal_errors(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("LEAKLINT_OUTPUT_FORMAT", raising=False)
    status, out, err = run(capsys, "fixtures", "--output-format", "json", "--isolated")
    records = json.loads(out)
    jsonschema.validate(records, FINDING_SCHEMA)
    assert status == 1
    assert not [r for r in records if r["code"] in ("LL001", "LL002")]


def test_deeply_nested_imported_helper_does_not_crash_the_run(tmp_path):
    import subprocess
    import sys

    (tmp_path / "main.py").write_text("from helper import prep\nimport pandas as pd\nprep(pd.read_csv('x.csv'))\n")
    (tmp_path / "helper.py").write_text("def prep(d):\n    return d\nx = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    # In a child process: a segmentation fault here must not take the test run down.
    done = subprocess.run([sys.executable, "-m", "leaklint", ".", "--output-format", "concise", "--isolated"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "helper.py:3:" in done.stdout and "LL001" in done.stdout
