"""`gitlab`: a GitLab Code Quality report (a JSON array, one issue per finding).

Each issue: `description`, `check_name` (the code), `fingerprint`, `severity` (error rules
`major`, warning rules `minor`), `location.path` relative to the repository root and
`location.lines.begin`. The fingerprint is line-independent (see ci.fingerprints), so GitLab
does not report an unchanged leak as fixed and re-introduced after an edit above it.
A notebook is located at line 1 of the .ipynb file, the cell and line in the description.
"""
from __future__ import annotations

import json

from leaklint.findings import Finding
from leaklint.formatters.ci import clean, fingerprints, repo_path, where_in_notebook
from leaklint.formatters.common import MAX_MESSAGE, clip

SEVERITY = {"error": "major", "warning": "minor"}


def format_gitlab(findings: list[Finding]) -> str:
    issues = [_issue(finding, fingerprint) for finding, fingerprint in zip(findings, fingerprints(findings))]
    return json.dumps(issues, indent=2, ensure_ascii=True) + "\n"


def _issue(finding: Finding, fingerprint: str) -> dict:
    description = f"{finding.code} {clip(clean(finding.message), MAX_MESSAGE)}"
    if finding.cell is not None:
        description += f" ({where_in_notebook(finding)})"
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.code,
        "categories": ["Bug Risk"],
        "fingerprint": fingerprint,
        "severity": SEVERITY.get(finding.severity, "major"),
        "location": {
            "path": repo_path(finding.path),
            "lines": {"begin": 1 if finding.cell is not None else max(finding.line, 1)},
        },
    }
