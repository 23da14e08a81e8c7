"""Read the `# expect: LL101` comments of a fixture (a script or a notebook)."""
from __future__ import annotations

import json
import re
from pathlib import Path

_EXPECT = re.compile(r"#\s*(todo-expect|expect):\s*((?:LL\d{3}[\s,]*)+)")


def expectations(path: Path) -> tuple[set, set]:
    """(expected, todo) sets of ((cell or None, line), code)."""
    expected, todo = set(), set()
    for cell, line_number, line in _lines(path):
        for kind, codes in _EXPECT.findall(line):
            for code in re.findall(r"LL\d{3}", codes):
                (todo if kind == "todo-expect" else expected).add(((cell, line_number), code))
    return expected, todo


def _lines(path: Path):
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(notebook.get("cells", []), start=1):
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            for number, line in enumerate(text.split("\n"), start=1):
                yield index, number, line
    else:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            yield None, number, line
