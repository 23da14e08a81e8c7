"""The GitHub Action's script, run as the runner runs it, and its job summary."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from leaklint.findings import TraceStep
from leaklint.formatters.github_summary import build_summary, markdown_message, markdown_text, mermaid_label
from leaklint.rules import ALL_RULES
from integrations_support import make_finding, validate_sarif, workflow_commands

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "github_action.py"
EXAMPLES = {rule.code: rule.examples()[0] for rule in ALL_RULES}


def fixture_repository(root: Path) -> dict[str, int]:
    """30 findings: 24 errors (LL101 in scripts and a notebook, LL102, LL201), 6 warnings (LL401)."""
    layout = {"src/prep_{}.py": ("LL101", 11), "src/scale_test_{}.py": ("LL102", 6),
              "models/pick_{}.py": ("LL201", 6), "experiments/split {}.py": ("LL401", 6)}
    for pattern, (code, count) in layout.items():
        for number in range(count):
            path = root / pattern.format(number)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(EXAMPLES[code], encoding="utf-8")
    lines = EXAMPLES["LL101"].splitlines(keepends=True)
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Leaky notebook\n"]},
                          {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": lines[:6]},
                          {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": lines[6:]}]}
    (root / "notebooks").mkdir()
    (root / "notebooks" / "eda.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return {"LL101": 12, "LL102": 6, "LL201": 6, "LL401": 6}


def run_action(workspace: Path, tmp_path: Path, _skip_install: bool = True,
               **inputs: str) -> tuple[subprocess.CompletedProcess, Path, Path]:
    summary, output = tmp_path / "step_summary.md", tmp_path / "github_output"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    env.update({
        "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output), "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "octo/ml-project", "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
        "RUNNER_TEMP": str(tmp_path / "runner_temp"),
        "INPUT_SRC": ".", "INPUT_ARGS": "", "INPUT_VERSION": "", "INPUT_SUMMARY": "true", "INPUT_SARIF_FILE": "",
    })
    env.pop("LEAKLINT_ACTION_VENV", None)
    if _skip_install:  # use the leaklint of this test run instead of building a venv
        env["LEAKLINT_ACTION_SKIP_INSTALL"] = "1"
        executable = Path(sys.executable).with_name("leaklint")
        if executable.exists():
            env["LEAKLINT_ACTION_EXECUTABLE"] = str(executable)
    else:
        env.pop("LEAKLINT_ACTION_SKIP_INSTALL", None)
        env.pop("LEAKLINT_ACTION_EXECUTABLE", None)
        env.pop("VIRTUAL_ENV", None)
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    done = subprocess.run([sys.executable, str(SCRIPT)], cwd=workspace, env=env, capture_output=True, text=True,
                          timeout=600)
    return done, summary, output


def test_action_on_a_repository_with_30_findings(tmp_path):
    workspace = tmp_path / "repo"
    workspace.mkdir()
    expected = fixture_repository(workspace)
    done, summary, output = run_action(workspace, tmp_path, sarif_file="reports/leaklint.sarif")
    assert done.returncode == 1, done.stderr

    commands = workflow_commands(done.stdout)
    errors = [command for command in commands if command["name"] == "error"]
    warnings = [command for command in commands if command["name"] == "warning"]
    notices = [command for command in commands if command["name"] == "notice"]
    assert len(errors) == 10 and len(warnings) == 6 and len(notices) == 1
    assert commands.index(warnings[0]) > commands.index(errors[-1])  # errors first
    assert notices[0]["data"].startswith("14 more findings (14 errors, 0 warnings) not annotated")
    files = [command["properties"]["file"] for command in errors]
    assert files == sorted(files)
    assert all(command["properties"]["title"].startswith("leaklint (LL") for command in errors + warnings)
    assert any(command["properties"]["file"] == "experiments/split 0.py" for command in warnings)

    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## leaklint: 30 findings\n\n24 errors, 6 warnings in 30 files.")
    for code, count in expected.items():
        assert re.search(rf"^\| {code} \| .* \| {count} \|$", text, re.M), code
    assert len(re.findall(r"^\*\*\d+\\\. ", text, re.M)) == 30
    assert text.count("```mermaid\nflowchart LR\n") == 30
    assert "(https://github.com/octo/ml-project/blob/0123456789abcdef0123456789abcdef01234567/src/prep_0.py#L8)" in text
    assert "experiments/split%200.py#L" in text
    assert "[notebooks\\/eda\\.ipynb\\:cell 3\\:2](https://github.com/octo/ml-project/blob/" in text
    assert "did not fit" not in text

    assert output.read_text(encoding="utf-8") == "findings=30\n"
    log = json.loads((workspace / "reports" / "leaklint.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == 30


def test_action_clean_repository_and_no_summary(tmp_path):
    workspace = tmp_path / "repo"
    workspace.mkdir()
    use_instead = ALL_RULES[[rule.code for rule in ALL_RULES].index("LL101")].examples()[1]
    (workspace / "train.py").write_text(use_instead, encoding="utf-8")
    done, summary, output = run_action(workspace, tmp_path, summary="false")
    assert done.returncode == 0, done.stderr
    assert workflow_commands(done.stdout) == []
    assert not summary.exists()
    assert output.read_text(encoding="utf-8") == "findings=0\n"


def test_action_args_and_src_inputs(tmp_path):
    workspace = tmp_path / "repo"
    workspace.mkdir()
    fixture_repository(workspace)
    done, summary, output = run_action(workspace, tmp_path, src="models 'experiments'",
                                       args="--ignore LL401 --output-format full")
    assert done.returncode == 1, done.stderr
    assert output.read_text(encoding="utf-8") == "findings=6\n"
    assert {command["name"] for command in workflow_commands(done.stdout)} == {"error"}


def test_action_output_of_leaklint_cannot_issue_commands(tmp_path):
    workspace = tmp_path / "repo"
    (workspace / "data").mkdir(parents=True)
    (workspace / "train.py").write_text(EXAMPLES["LL101"], encoding="utf-8")
    # leaklint warns about a broken symbolic link, naming it: the name is the attacker's
    (workspace / "data" / "x\n::error file=forged.py::forged\n::set-output name=findings::0.py").symlink_to(
        workspace / "missing")
    done, _, output = run_action(workspace, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "forged" in done.stdout  # printed, for the reader ...
    commands = workflow_commands(done.stdout)
    assert [command["name"] for command in commands] == ["error"]  # ... but not obeyed
    assert commands[0]["properties"]["file"] == "train.py"
    assert output.read_text(encoding="utf-8") == "findings=1\n"


def test_action_rejects_a_bad_version_before_installing(tmp_path):
    spec = importlib.util.spec_from_file_location("github_action", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = {"INPUT_VERSION": "--index-url=http://evil", "GITHUB_ACTION_REPOSITORY": "octo/leaklint"}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        with pytest.raises(ValueError):
            module.install_target()
        patch.setenv("INPUT_VERSION", "v1.2.0")
        assert module.install_target() == "leaklint @ git+https://github.com/octo/leaklint@v1.2.0"
        patch.setenv("INPUT_VERSION", "")
        patch.setenv("GITHUB_ACTION_PATH", str(ROOT))
        assert module.install_target() == str(ROOT)


# ------------------------------------------------------------------ the summary itself

def _unescaped_markup(markdown: str) -> list[str]:
    """Markdown syntax characters outside code spans that no backslash neutralises."""
    outside = re.sub(r"`[^`\n]*`", "", markdown).replace("&#96;", "")  # a literal backtick
    return re.findall(r"(?<!\\)[<>\[\]()!*_@|#`&]", outside)


def test_summary_escapes_untrusted_text():
    hostile = 'x"]\n--> evil["pwn"] %%{init: {}}%% ```\n<img src=x onerror=alert(1)> [a](javascript:1) @team #1 | |&lt;'
    finding = make_finding(path="a](http://evil)/b.py", message=f"`{hostile}` and {hostile}",
                           trace=(TraceStep("a](http://evil)/b.py", 1, 1, hostile),))
    text = build_summary([finding], "https://github.com/o/r/blob/" + "0" * 40)
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("**1"))
    message = lines[lines.index(header) + 2]
    assert _unescaped_markup(message) == []
    assert header.startswith("**1\\. [a\\]\\(http\\:\\/\\/evil\\)\\/b\\.py\\:9]"
                             "(https://github.com/o/r/blob/" + "0" * 40 + "/a%5D%28http%3A/evil%29/b.py#L9) · ")
    block = text[text.index("```mermaid"):]
    assert block.count("```") == 2 and block.endswith("```\n\n")
    node = block.splitlines()[2]
    assert node.startswith('  n0["') and node.endswith('"]') and node.count('"') == 2
    assert "%%" not in block and "<img" not in block and not re.search(r"[{}\[\]`<>&%\\]", node[6:-2].replace("<br/>", ""))


def test_markdown_helpers():
    assert markdown_text("*a* [b](c) <d> @e") == r"\*a\* \[b\]\(c\) \<d\> \@e"
    assert markdown_message("`x.fit(X)` learns <b>") == r"`x.fit(X)` learns \<b\>"
    assert markdown_message("odd ` one") == "odd &#96; one"
    assert markdown_message("a `` b") == "a &#96;&#96; b"
    assert mermaid_label('a"b') == "a#34;b"


def test_summary_stays_under_the_limit_and_counts_the_rest():
    findings = [make_finding(line=line, message="m" * 400) for line in range(1, 201)]
    text = build_summary(findings, None, limit=20_000)
    assert len(text.encode("utf-8")) <= 20_000
    shown = len(re.findall(r"^\*\*\d+\\\. ", text, re.M))
    assert 0 < shown < 200
    assert f"_{200 - shown} more findings did not fit in the job summary" in text
    assert len(build_summary(findings).encode("utf-8")) < 1024 * 1024


def test_summary_with_no_findings():
    assert "No findings" in build_summary([])


@pytest.mark.slow
def test_action_installs_leaklint_into_a_fresh_venv_from_the_action_path(tmp_path):
    """The real path: no skip, the script builds a venv from $GITHUB_ACTION_PATH and re-runs itself there."""
    workspace = tmp_path / "repo"
    workspace.mkdir()
    (workspace / "train.py").write_text(EXAMPLES["LL101"], encoding="utf-8")
    done, summary, output = run_action(workspace, tmp_path, sarif_file="out.sarif", _skip_install=False)
    assert done.returncode == 1, done.stdout + done.stderr
    venv = tmp_path / "runner_temp" / "leaklint-action-venv"
    assert (venv / "bin" / "leaklint").exists() or (venv / "Scripts" / "leaklint.exe").exists()
    assert "::group::Install leaklint" in done.stdout
    assert [command["name"] for command in workflow_commands(done.stdout)].count("error") == 1
    assert output.read_text(encoding="utf-8") == "findings=1\n"
    validate_sarif(json.loads((workspace / "out.sarif").read_text(encoding="utf-8")))
    assert "## leaklint: 1 finding" in summary.read_text(encoding="utf-8")


def test_action_yml_passes_inputs_only_through_the_environment():
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) == {"src", "args", "version", "summary", "sarif-file"}
    assert action["inputs"]["src"]["default"] == "." and action["inputs"]["summary"]["default"] == "true"
    assert action["inputs"]["version"]["default"] == "" and action["inputs"]["sarif-file"]["default"] == ""
    assert "findings" in action["outputs"]
    assert action["runs"]["using"] == "composite"
    step = action["runs"]["steps"][0]
    assert "${{" not in step["run"]  # nothing is pasted into shell code
    assert "scripts/github_action.py" in step["run"]
    for name in action["inputs"]:
        assert step["env"][f"INPUT_{name.upper().replace('-', '_')}"] == f"${{{{ inputs.{name} }}}}"
    assert action["outputs"]["findings"]["value"] == f"${{{{ steps.{step['id']}.outputs.findings }}}}"


def test_example_workflow_is_ready():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "leaklint-example.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["leaklint"]
    upload = next(step for step in job["steps"] if "upload-sarif" in step.get("uses", ""))
    assert "head.repo.full_name == github.repository" in upload["if"]
    assert job["permissions"]["security-events"] == "write"
