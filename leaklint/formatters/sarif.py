"""`sarif`: SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

One run; `tool.driver` lists every rule with its documentation (help.markdown is the rule's
doc, shown by code scanning next to the alert). Each result has one primary location, the
line to change (a pull-request alert is shown only when that line is in the diff), and the
finding's trace as `relatedLocations` and as a `codeFlows` thread flow, in program order.

Locations: `uri` is relative to the repository root (`$GITHUB_WORKSPACE`, else the current
folder), percent-encoded, forward slashes; lines and columns are 1-based and never 0 (the
upload rejects 0). A notebook location is line 1 of the .ipynb file, with the cell and the
line inside it in the message: a line of a cell has no line in the notebook's JSON that
code scanning could show.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from leaklint import __version__
from leaklint.findings import Finding, TraceStep
from leaklint.formatters.ci import clean, fingerprints, repo_path, where_in_notebook
from leaklint.formatters.common import MAX_MESSAGE, MAX_NOTE, MAX_TRACE_STEPS, clip

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FALLBACK_INFORMATION_URI = "https://github.com/leaklint/leaklint"
FINGERPRINT_KEY = "leaklint/v1"


def format_sarif(findings: list[Finding]) -> str:
    return json.dumps(sarif_log(findings), indent=2, ensure_ascii=True) + "\n"


def sarif_log(findings: list[Finding]) -> dict:
    from leaklint.rules import ALL_RULES

    rules = list(ALL_RULES)
    index = {rule.code: number for number, rule in enumerate(rules)}
    results = [_result(finding, index, fingerprint) for finding, fingerprint in zip(findings, fingerprints(findings))]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "leaklint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": information_uri(),
                "rules": [_rule(rule) for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def information_uri() -> str:
    """The project's home page from the installed package's metadata, if it names one."""
    try:
        from importlib.metadata import metadata

        for entry in metadata("leaklint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "source", "repository") and url.strip():
                return url.strip()
        home = metadata("leaklint").get("Home-page")
        if home and home.strip() and home.strip().upper() != "UNKNOWN":
            return home.strip()
    except Exception:  # noqa: BLE001 - not installed as a distribution (a bare checkout)
        pass
    return FALLBACK_INFORMATION_URI


def _rule(rule) -> dict:
    level = _level(rule.severity)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": section(rule.doc, "What it does") or rule.summary},
        "help": {"text": rule.doc.strip() or rule.summary, "markdown": rule.doc.strip() or rule.summary},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["leakage", "machine-learning", rule.severity], "precision": "high"},
    }


def section(doc: str, heading: str) -> str:
    """The text under `## heading` up to the next heading, lines joined."""
    lines = doc.splitlines()
    try:
        start = lines.index(f"## {heading}") + 1
    except ValueError:
        return ""
    body = []
    for line in lines[start:]:
        if line.startswith("## "):
            break
        body.append(line.strip())
    return " ".join(part for part in body if part)


def _level(severity: str) -> str:
    return "warning" if severity == "warning" else "error"


def _result(finding: Finding, index: dict[str, int], fingerprint: str) -> dict:
    message = clip(clean(finding.message), MAX_MESSAGE)
    if finding.cell is not None:
        message = f"{message} ({where_in_notebook(finding)})"
    result = {
        "ruleId": finding.code,
        "level": _level(finding.severity),
        "message": {"text": message},
        "locations": [_location(finding.path, finding.line, finding.column, finding.end_line,
                                finding.end_column, finding.cell)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    steps = finding.trace[:MAX_TRACE_STEPS]
    if steps:
        result["relatedLocations"] = [dict(_step_location(step), id=number) for number, step in enumerate(steps)]
        result["codeFlows"] = [{"threadFlows": [{"locations": [
            {"location": _step_location(step), "executionOrder": number + 1} for number, step in enumerate(steps)
        ]}]}]
    return result


def _step_location(step: TraceStep) -> dict:
    note = clip(clean(step.note), MAX_NOTE)
    if step.cell is not None:
        note = f"{note} ({where_in_notebook(step)})"
    location = _location(step.path, step.line, step.column, step.line, step.column, step.cell)
    location["message"] = {"text": note}
    return location


def _location(path: str, line: int, column: int, end_line: int, end_column: int, cell: int | None) -> dict:
    if cell is not None:
        region = {"startLine": 1}
    else:
        line = max(line, 1)
        column = max(column, 1)
        end_line = max(end_line, line)
        end_column = max(end_column, 1)
        if end_line == line:
            end_column = max(end_column, column + 1)
        region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {"physicalLocation": {"artifactLocation": {"uri": sarif_uri(path)}, "region": region}}


def sarif_uri(path: str) -> str:
    """A relative URI reference: percent-encoded, so `:`, `#`, `?`, `%` and spaces in file
    names cannot turn it into a scheme, a fragment or a query."""
    return quote(repo_path(path), safe="/")
