"""What the CI formats (github, sarif, gitlab) share: repository paths, clean text, fingerprints.

CI services resolve a finding's file against the repository root, not against the folder
leaklint ran in: paths are made relative to `$GITHUB_WORKSPACE` when it is set (GitHub
Actions), else to the current working directory, with forward slashes.

Text from the analysed code (names, strings, file names) is untrusted. `clean` removes ANSI
escape sequences outright (an escaped `\\x1b` would leave `[31m` behind) and then escapes
every remaining control or invisible character the way the text formats do, so no newline,
carriage return or terminal sequence reaches a CI log or a web page.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path

from leaklint.findings import Finding, TraceStep
from leaklint.formatters.common import printable

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and the two-character ESC sequences.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")


def clean(text: str) -> str:
    return printable(_ANSI.sub("", text))


def workspace_root() -> Path:
    return Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())


def repo_path(path: str) -> str:
    """``path`` (as leaklint printed it: relative to the cwd, or absolute) relative to the
    workspace, with forward slashes. A path outside the workspace keeps a relative form with
    ``..`` (or stays absolute on another Windows drive)."""
    cwd = os.path.realpath(os.getcwd())
    absolute = os.path.normpath(os.path.join(cwd, path))
    root = os.path.realpath(workspace_root())
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def where_in_notebook(item: Finding | TraceStep) -> str:
    """`cell 3, line 4` for a notebook location, '' elsewhere."""
    return "" if item.cell is None else f"cell {item.cell}, line {item.line}"


def fingerprints(findings: list[Finding]) -> list[str]:
    """A fingerprint per finding that survives unrelated edits.

    It hashes what identifies the problem, not where it sits: the repository path, the
    code, the message and the text of the flagged line (whitespace stripped). Line numbers
    and notebook cell numbers are left out, so adding lines or cells above a finding keeps
    its fingerprint. Identical findings in one file are told apart by their order.
    """
    seen: Counter[str] = Counter()
    prints = []
    for finding in findings:
        key = "\0".join((repo_path(finding.path), finding.code, finding.message, finding.source_line.strip()))
        prints.append(hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest())
        seen[key] += 1
    return prints
