"""The one data type every stage after the analysis speaks: a finding and its trace."""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class TraceStep:
    """One node of the dataflow path that proves a finding (1-based line and column)."""

    path: str
    line: int
    column: int
    note: str
    cell: int | None = None  # 1-based notebook cell; line then counts inside the cell


@dataclass(frozen=True)
class Finding:
    """A rule violation at the line to change.

    Lines and columns are 1-based. For notebooks ``cell`` is the 1-based index in the
    notebook's cell list (markdown cells counted) and ``line`` counts inside that cell.
    """

    code: str
    name: str
    severity: str  # "error" or "warning"
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    trace: tuple[TraceStep, ...] = ()
    cell: int | None = None
    source_line: str = field(default="", compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.cell or 0, self.line, self.column, self.code, self.message)

    def with_path(self, path: str) -> "Finding":
        return replace(self, path=path, trace=tuple(replace(s, path=path) if s.path == self.path else s for s in self.trace))

    def to_dict(self) -> dict:
        out = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "trace": [
                {k: v for k, v in (("path", s.path), ("line", s.line), ("column", s.column),
                                   ("note", s.note), ("cell", s.cell)) if k != "cell" or v is not None}
                for s in self.trace
            ],
        }
        if self.cell is not None:
            out["cell"] = self.cell
        return out
