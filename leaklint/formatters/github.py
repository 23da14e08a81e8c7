"""`github`: GitHub Actions workflow commands, one annotation line per finding.

    ::error file=F,line=L,endLine=E,col=C,endColumn=EC,title=leaklint (LL101)::F:L:C: LL101 message

The runner reads a command from a line that starts with `::`, takes the properties up to
the next `::`, and unescapes `%25 %0D %0A` in the message (plus `%3A %2C` in properties).
So: the message escapes `%`, `\\r`, `\\n`; property values also escape `:` and `,`; and
untrusted text is cleaned first (ci.clean), so an annotation is always exactly one line and
nothing in a message or file name can begin a second command. `col`/`endColumn` are left
out when a finding spans several lines (the runner drops them then anyway). A notebook is
annotated at line 1 of the .ipynb file (GitHub cannot point into a cell); the cell and the
line inside it are in the message.
"""
from __future__ import annotations

from leaklint.findings import Finding
from leaklint.formatters.ci import clean, repo_path
from leaklint.formatters.common import MAX_MESSAGE, clip


def format_github(findings: list[Finding]) -> str:
    return "".join(annotation(finding) + "\n" for finding in findings)


def annotation(finding: Finding) -> str:
    level = "warning" if finding.severity == "warning" else "error"
    properties: list[tuple[str, object]] = [("file", repo_path(finding.path))]
    if finding.cell is not None:
        properties += [("line", 1), ("endLine", 1)]
    else:
        line = max(finding.line, 1)
        end_line = max(finding.end_line, line)
        properties += [("line", line), ("endLine", end_line)]
        if end_line == line:
            column = max(finding.column, 1)
            properties += [("col", column), ("endColumn", max(finding.end_column, column))]
    properties.append(("title", f"leaklint ({finding.code})"))
    header = ",".join(f"{key}={escape_property(clean(str(value)))}" for key, value in properties)
    return f"::{level} {header}::{escape_data(message_text(finding))}"


def message_text(finding: Finding) -> str:
    """`path:line:col: LL101 message`, or `path:cell 3:4:1: LL101 message` in a notebook."""
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    where = f"{clean(finding.path)}:{cell}{finding.line}:{finding.column}"
    return f"{where}: {finding.code} {clip(clean(finding.message), MAX_MESSAGE)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
