#!/usr/bin/env python3
"""The leaklint GitHub Action: `action.yml` runs this file (all the logic is here, not in bash).

Phase 1 (any Python 3.10+): create a fresh virtual environment under `$RUNNER_TEMP` and
install leaklint into it from the action's own checkout (`$GITHUB_ACTION_PATH`), or from
the action's repository at the `version` input. Never `pip install leaklint` by name: that
name on PyPI belongs to an unrelated package. Then run this file again with the venv's
Python.

Phase 2 (leaklint importable): run leaklint once to JSON, then
- print annotations in the `github` format, most important first (errors before warnings,
  then by path and line), at most 10 errors and 10 warnings (what GitHub shows per step),
  and a notice saying how many more there are;
- write the Markdown job summary to `$GITHUB_STEP_SUMMARY` (input `summary`);
- write SARIF to the `sarif-file` input's path, if set;
- append `findings=N` to `$GITHUB_OUTPUT`;
- exit with leaklint's exit status.

Inputs arrive as environment variables (INPUT_SRC, INPUT_ARGS, INPUT_VERSION, INPUT_SUMMARY,
INPUT_SARIF_FILE), never pasted into shell code. For tests, LEAKLINT_ACTION_SKIP_INSTALL=1
skips phase 1; LEAKLINT_ACTION_EXECUTABLE then names the leaklint to run (default: this
Python's `-m leaklint`).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MAX_ANNOTATIONS = 10  # per level and step: GitHub drops the rest silently
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_SERVER = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?")
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def main() -> int:
    if os.environ.get("LEAKLINT_ACTION_SKIP_INSTALL") == "1" or os.environ.get("LEAKLINT_ACTION_VENV"):
        return run()
    return install_and_rerun()


# ---------------------------------------------------------------- phase 1: install


def install_and_rerun() -> int:
    try:
        target = install_target()
    except ValueError as error:
        print(f"::error title=leaklint action::{_escape(str(error))}", flush=True)
        return 2
    venv_dir = Path(os.environ.get("RUNNER_TEMP") or tempfile.gettempdir()) / "leaklint-action-venv"
    if venv_dir.exists():
        shutil.rmtree(venv_dir)
    print("::group::Install leaklint", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
        python = str(venv_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
        subprocess.run([python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", target], check=True)
    except subprocess.CalledProcessError as error:
        print("::endgroup::", flush=True)
        print(f"::error title=leaklint action::installing leaklint failed (exit status {error.returncode})", flush=True)
        return 2
    print("::endgroup::", flush=True)
    env = dict(os.environ, LEAKLINT_ACTION_VENV=str(venv_dir))
    return subprocess.run([python, str(Path(__file__).resolve())], env=env).returncode


def install_target() -> str:
    """What pip installs: the action's own checkout, or its repository at INPUT_VERSION."""
    version = os.environ.get("INPUT_VERSION", "").strip()
    if not version:
        action_path = os.environ.get("GITHUB_ACTION_PATH") or str(Path(__file__).resolve().parent.parent)
        if not (Path(action_path) / "pyproject.toml").is_file():
            raise ValueError(f"no leaklint checkout at {action_path}")
        return action_path
    if not _VERSION.fullmatch(version):
        raise ValueError("input `version` must be a tag, branch or commit of the leaklint action repository")
    repository = os.environ.get("GITHUB_ACTION_REPOSITORY", "")
    server = os.environ.get("GITHUB_SERVER_URL") or "https://github.com"
    if not _REPOSITORY.fullmatch(repository) or not _SERVER.fullmatch(server):
        raise ValueError("input `version` needs the action to be used as `uses: OWNER/REPO@REF`; "
                         "leave it empty to install the action's own checkout")
    return f"leaklint @ git+{server}/{repository}@{version}"


# ---------------------------------------------------------------- phase 2: run


def run() -> int:
    from leaklint.formatters.github import annotation, escape_data
    from leaklint.formatters.github_summary import build_summary
    from leaklint.formatters.sarif import format_sarif

    status, findings = run_leaklint()
    if findings is None:
        _append(os.environ.get("GITHUB_OUTPUT"), "findings=0\n")
        return status if status else 2

    shown, rest = pick_annotations(findings)
    for finding in shown:
        print(annotation(finding))
    if rest:
        errors = sum(1 for finding in rest if finding.severity != "warning")
        where = "the job summary lists them all" if _summary_wanted() else "run leaklint locally to see them all"
        print(f"::notice title=leaklint::{escape_data(_more_text(len(rest), errors, len(rest) - errors, where))}")
    sys.stdout.flush()

    if _summary_wanted() and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append(os.environ["GITHUB_STEP_SUMMARY"], build_summary(findings, link_base()))
    sarif_file = os.environ.get("INPUT_SARIF_FILE", os.environ.get("INPUT_SARIF-FILE", "")).strip()
    if sarif_file:
        path = Path(sarif_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(format_sarif(findings), encoding="utf-8")
    _append(os.environ.get("GITHUB_OUTPUT"), f"findings={len(findings)}\n")
    return status


def run_leaklint():
    """Run leaklint once with a JSON report; (exit status, findings or None if no report)."""
    command = leaklint_command()
    user_args = shlex.split(os.environ.get("INPUT_ARGS", ""))
    paths = shlex.split(os.environ.get("INPUT_SRC", "").strip() or ".")
    with tempfile.TemporaryDirectory(prefix="leaklint-action-") as folder:
        report = Path(folder) / "findings.json"
        # ours come last, so they win over an --output-format or -o in `args`
        argv = [*command, "check", *user_args, "--output-format", "json", "--output-file", str(report), "--", *paths]
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8", errors="replace")
        echo_untrusted(done.stdout + done.stderr)
        try:
            records = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            print(f"::error title=leaklint::leaklint exited with status {done.returncode} without a report", flush=True)
            return done.returncode, None
    if not isinstance(records, list) or not all(isinstance(record, dict) and "code" in record for record in records):
        print("::error title=leaklint::the `args` input changed leaklint's report (e.g. --statistics)", flush=True)
        return 2, None
    return done.returncode, [finding_from_record(record) for record in records]


def leaklint_command() -> list[str]:
    executable = os.environ.get("LEAKLINT_ACTION_EXECUTABLE")
    # -I: `python -m` would put the working folder (the checked-out repository, which a pull
    # request controls) first on sys.path, and a `pathspec.py` or `click.py` there would run.
    return [executable] if executable else [sys.executable, "-I", "-m", "leaklint"]


def echo_untrusted(text: str) -> None:
    """Print leaklint's own output (warnings name files of the repository) with workflow
    commands switched off, so a crafted file name cannot issue one."""
    if not text.strip():
        return
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}")
    print(text.rstrip("\n"))
    print(f"::{token}::", flush=True)


def finding_from_record(record: dict):
    from leaklint.findings import Finding, TraceStep

    trace = tuple(TraceStep(step["path"], step["line"], step["column"], step.get("note", ""), step.get("cell"))
                  for step in record.get("trace", ()))
    finding = Finding(code=record["code"], name=record["name"], severity=record["severity"], path=record["path"],
                      line=record["line"], column=record["column"], end_line=record["end_line"],
                      end_column=record["end_column"], message=record["message"], trace=trace,
                      cell=record.get("cell"))
    if finding.cell is None:  # the flagged line's text keeps SARIF fingerprints line-independent
        from dataclasses import replace

        finding = replace(finding, source_line=_source_line(finding.path, finding.line))
    return finding


_LINES: dict[str, list[str]] = {}


def _source_line(path: str, line: int) -> str:
    if path not in _LINES:
        try:
            _LINES[path] = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            _LINES[path] = []
    lines = _LINES[path]
    return lines[line - 1] if 0 < line <= len(lines) else ""


def pick_annotations(findings: list) -> tuple[list, list]:
    """At most MAX_ANNOTATIONS errors and as many warnings, most important first; and the rest."""
    ordered = sorted(findings, key=lambda f: (f.severity == "warning", f.path, f.cell or 0, f.line, f.column, f.code))
    shown, rest, taken = [], [], {"error": 0, "warning": 0}
    for finding in ordered:
        level = "warning" if finding.severity == "warning" else "error"
        if taken[level] < MAX_ANNOTATIONS:
            taken[level] += 1
            shown.append(finding)
        else:
            rest.append(finding)
    return shown, rest


def _more_text(count: int, errors: int, warnings: int, where: str) -> str:
    return (f"{count} more finding{'s' if count != 1 else ''} ({errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}) not annotated: GitHub shows at most "
            f"{MAX_ANNOTATIONS} error and {MAX_ANNOTATIONS} warning annotations per step; {where}.")


def _summary_wanted() -> bool:
    return os.environ.get("INPUT_SUMMARY", "true").strip().lower() not in ("false", "0", "no", "off")


def link_base() -> str | None:
    """`SERVER/OWNER/REPO/blob/SHA` for links to the code: the pull request's head commit
    when there is one, else GITHUB_SHA; None when the environment does not say."""
    server = os.environ.get("GITHUB_SERVER_URL", "")
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    sha = os.environ.get("GITHUB_SHA", "")
    try:
        with open(os.environ["GITHUB_EVENT_PATH"], encoding="utf-8") as event_file:
            head = json.load(event_file).get("pull_request", {}).get("head", {}).get("sha", "")
        sha = head or sha
    except (KeyError, OSError, ValueError, AttributeError):
        pass
    if _SERVER.fullmatch(server) and _REPOSITORY.fullmatch(repository) and _SHA.fullmatch(sha):
        return f"{server}/{repository}/blob/{sha}"
    return None


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(text)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


if __name__ == "__main__":
    sys.exit(main())
