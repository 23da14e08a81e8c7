"""The CI output formats: github workflow commands, SARIF 2.1.0, GitLab Code Quality."""
from __future__ import annotations

import json
import os

import pytest

from leaklint.cli import main
from leaklint.findings import TraceStep
from leaklint.formatters import FORMATTERS
from leaklint.formatters.github import format_github
from leaklint.formatters.gitlab import format_gitlab
from leaklint.formatters.sarif import format_sarif, sarif_log
from leaklint.rules import ALL_RULES
from integrations_support import make_finding, runner_lines, validate_sarif, workflow_commands

LEAKY = ALL_RULES[[rule.code for rule in ALL_RULES].index("LL101")].examples()[0]
WARNING_EXAMPLE = ALL_RULES[[rule.code for rule in ALL_RULES].index("LL401")].examples()[0]

HOSTILE = ("leak\n::error file=evil.py,line=1::forged\r::set-output name=x::y %0A%25 "
           "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 ::warning::w ##[error]old\u2028sep")


@pytest.fixture(autouse=True)
def _no_workspace(monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def test_formats_are_registered_for_the_command_line():
    assert {"github", "sarif", "gitlab"} <= set(FORMATTERS)


# ------------------------------------------------------------------ github

def test_github_annotation_exact_form():
    out = format_github([make_finding()])
    assert out == ("::error file=train.py,line=9,endLine=9,col=5,endColumn=28,title=leaklint (LL101)::"
                   "train.py:9:5: LL101 `scaler.fit(X)` leaks\n")


def test_github_hostile_message_stays_one_annotation():
    finding = make_finding(message=HOSTILE, trace=(TraceStep("train.py", 1, 1, HOSTILE),))
    out = format_github([finding])
    assert len(runner_lines(out)) == 1
    commands = workflow_commands(out)
    assert len(commands) == 1
    command = commands[0]
    assert command["name"] == "error"
    assert command["properties"] == {"file": "train.py", "line": "9", "endLine": "9", "col": "5",
                                     "endColumn": "28", "title": "leaklint (LL101)"}
    data = command["data"]
    # the runner's unescaping yields no line break and no terminal escape ...
    assert "\n" not in data and "\r" not in data and "\x1b" not in data and "\u2028" not in data
    # ... and the literal text of the message survives
    assert "%0A%25" in data and "::set-output" in data and "red" in data and "[31m" not in data
    assert data.startswith("train.py:9:5: LL101 leak")


def test_github_property_values_are_escaped():
    finding = make_finding(path="odd,name::x%.py")
    command = workflow_commands(format_github([finding]))[0]
    assert command["properties"]["file"] == "odd,name::x%.py"
    assert "odd%2Cname%3A%3Ax%25.py" in format_github([finding])


def test_github_omits_columns_for_multi_line_findings():
    out = format_github([make_finding(line=9, end_line=12, end_column=3)])
    assert out.startswith("::error file=train.py,line=9,endLine=12,title=leaklint (LL101)::")
    assert "col=" not in out and "endColumn=" not in out


def test_github_warning_rules_are_warnings():
    out = format_github([make_finding(code="LL401", message="unseeded"), make_finding(code="LL101")])
    lines = out.splitlines()
    assert lines[0].startswith("::warning ") and "title=leaklint (LL401)" in lines[0]
    assert lines[1].startswith("::error ")


def test_github_notebook_points_at_the_file_with_cell_in_message():
    out = format_github([make_finding(path="nb/analysis.ipynb", cell=3, line=4, column=1)])
    assert out == ("::error file=nb/analysis.ipynb,line=1,endLine=1,title=leaklint (LL101)::"
                   "nb/analysis.ipynb:cell 3:4:1: LL101 `scaler.fit(X)` leaks\n")


def test_github_file_is_relative_to_the_workspace(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    command = workflow_commands(format_github([make_finding(path="train.py")]))[0]
    assert command["properties"]["file"] == "sub/train.py"
    assert command["data"].startswith("train.py:9:5:")


def test_github_format_from_environment_variable(tmp_path, monkeypatch, capsys):
    (tmp_path / "train.py").write_text(LEAKY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEAKLINT_OUTPUT_FORMAT", "github")
    status = main(["train.py"])
    out = capsys.readouterr().out
    assert status == 1
    commands = workflow_commands(out)
    assert [command["name"] for command in commands] == ["error"]
    assert commands[0]["properties"]["file"] == "train.py"
    assert commands[0]["properties"]["title"] == "leaklint (LL101)"
    assert len(runner_lines(out)) == 1


# ------------------------------------------------------------------ SARIF

def test_sarif_validates_against_the_schema_with_positions_and_relative_uris():
    findings = [
        make_finding(),
        make_finding(code="LL401", path="src/deep dir/#odd%name.py", message="unseeded", line=1, column=1,
                     end_column=1),
        make_finding(path="nb.ipynb", cell=2, line=3),
        make_finding(line=5, end_line=7, end_column=2, message=HOSTILE, trace=()),
        make_finding(code="LL001", path="broken.py", line=0, column=0, end_column=0, message="syntax error"),
    ]
    log = json.loads(format_sarif(findings))
    validate_sarif(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "leaklint" and driver["version"] and driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    for rule, descriptor in zip(ALL_RULES, driver["rules"]):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"] == rule.doc.strip()
        assert descriptor["defaultConfiguration"]["level"] == rule.severity

    first, warning, notebook, multi, broken = run["results"]
    assert first["level"] == "error" and warning["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "train.py"},
        "region": {"startLine": 9, "startColumn": 5, "endLine": 9, "endColumn": 28}}
    assert [step["physicalLocation"]["region"]["startLine"] for step in first["relatedLocations"]] == [4, 9, 12]
    flow = first["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["message"]["text"] for step in flow] == [
        'pd.read_csv("data.csv")', "scaler.fit(X)", "train_test_split(X, y)"]
    assert warning["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/deep%20dir/%23odd%25name.py"
    assert notebook["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nb.ipynb"
    assert notebook["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert "cell 2, line 3" in notebook["message"]["text"]
    assert "codeFlows" not in multi and "\x1b" not in multi["message"]["text"]
    assert broken["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_uris_relative_to_workspace(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    monkeypatch.chdir(tmp_path / "pkg")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    log = sarif_log([make_finding(path="train.py"), make_finding(path=str(tmp_path / "pkg" / "abs.py"))])
    validate_sarif(log)
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in log["runs"][0]["results"]]
    assert uris == ["pkg/train.py", "pkg/abs.py"]


def test_sarif_of_a_real_run_is_valid(tmp_path, monkeypatch, capsys):
    (tmp_path / "train.py").write_text(LEAKY, encoding="utf-8")
    (tmp_path / "split.py").write_text(WARNING_EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--output-format", "sarif", "-o", "out.sarif", "."]) == 1
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    assert sorted(result["ruleId"] for result in log["runs"][0]["results"]) == ["LL101", "LL401"]


def test_sarif_with_no_findings_is_valid():
    log = json.loads(format_sarif([]))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


# ------------------------------------------------------------------ GitLab

def test_gitlab_code_quality_fields():
    issues = json.loads(format_gitlab([make_finding(source_line="X = scaler.fit(X)"),
                                       make_finding(code="LL401", message="unseeded"),
                                       make_finding(path="nb.ipynb", cell=2, line=3)]))
    first, warning, notebook = issues
    assert first["check_name"] == "LL101" and first["severity"] == "major"
    assert first["description"] == "LL101 `scaler.fit(X)` leaks"
    assert first["location"] == {"path": "train.py", "lines": {"begin": 9}}
    assert warning["severity"] == "minor"
    assert notebook["location"]["lines"]["begin"] == 1 and "cell 2, line 3" in notebook["description"]
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_gitlab_fingerprint_survives_edits_above_but_not_changes_of_the_line():
    before = make_finding(line=9, source_line="    X = scaler.fit(X)")
    moved = make_finding(line=30, column=9, source_line="X = scaler.fit(X)")  # lines added, re-indented
    changed = make_finding(line=9, source_line="X = scaler.fit(X_all)")
    fingerprint = lambda finding: json.loads(format_gitlab([finding]))[0]["fingerprint"]  # noqa: E731
    assert fingerprint(before) == fingerprint(moved)
    assert fingerprint(before) != fingerprint(changed)
    assert fingerprint(before) != fingerprint(make_finding(code="LL102", source_line="    X = scaler.fit(X)"))
    twins = json.loads(format_gitlab([before, moved]))
    assert twins[0]["fingerprint"] != twins[1]["fingerprint"]


def test_gitlab_fingerprint_stable_across_real_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.py").write_text(LEAKY, encoding="utf-8")
    main(["--output-format", "gitlab", "-o", "one.json", "train.py"])
    (tmp_path / "train.py").write_text("# a comment\n\n\n" + LEAKY, encoding="utf-8")
    main(["--output-format", "gitlab", "-o", "two.json", "train.py"])
    one, two = (json.loads((tmp_path / name).read_text()) for name in ("one.json", "two.json"))
    assert len(one) == len(two) == 1
    assert one[0]["location"]["lines"]["begin"] + 3 == two[0]["location"]["lines"]["begin"]
    assert one[0]["fingerprint"] == two[0]["fingerprint"]
    assert os.path.exists(tmp_path / "one.json")
