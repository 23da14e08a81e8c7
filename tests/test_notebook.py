"""Notebooks as one program: cell order, the cell map, masked IPython syntax, bad notebooks."""
from __future__ import annotations

import json

import libcst as cst
import pytest

from leaklint.notebook import mask_magics
from leaklint.parsing import parse_python
from leaklint.sources import LoadError, SourceFile, load_source
from leaklint_cli_support import write_notebook


def load(path):
    return load_source(path, path.name)


def test_code_cells_in_order_with_markdown_counted(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", [
        ("markdown", "# Title"),
        ("code", "import pandas as pd\ndf = pd.read_csv('x.csv')\n"),
        ("markdown", "Some text"),
        ("code", "X = df.drop('y', axis=1)"),
    ])
    source = load(path)
    assert isinstance(source, SourceFile) and source.is_notebook
    assert source.lines()[:3] == ["import pandas as pd", "df = pd.read_csv('x.csv')", "X = df.drop('y', axis=1)"]
    assert source.locate(1) == (2, 1)
    assert source.locate(2) == (2, 2)
    assert source.locate(3) == (4, 1)


def test_empty_code_cells_take_no_lines(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", [("code", ""), ("code", "a = 1"), ("code", "\n"), ("code", "b = 2")])
    source = load(path)
    assert source.lines()[:2] == ["a = 1", "b = 2"]
    assert source.locate(1) == (2, 1)
    assert source.locate(2) == (4, 1)


def test_outputs_are_not_read(tmp_path):
    path = tmp_path / "nb.ipynb"
    huge = "LEAKED_OUTPUT " * 200_000
    path.write_text(json.dumps({"nbformat": 4, "cells": [
        {"cell_type": "code", "source": ["x = 1\n"], "outputs": [{"output_type": "stream", "text": [huge]}]}]}))
    source = load(path)
    assert isinstance(source, SourceFile) and "LEAKED_OUTPUT" not in source.text


def test_source_as_a_string(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": "a = 1\nb = 2"}]}))
    assert load(path).lines()[:2] == ["a = 1", "b = 2"]


def test_nbformat3_worksheets(tmp_path):
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps({"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "heading", "source": "Title", "level": 1},
        {"cell_type": "code", "input": ["x = 1\n", "y = 2\n"], "language": "python"},
    ]}]}))
    source = load(path)
    assert source.lines()[:2] == ["x = 1", "y = 2"]
    assert source.locate(2) == (2, 2)


@pytest.mark.parametrize("document", [{"nbformat": 4}, {"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "hi"}]}])
def test_no_cells_or_markdown_only_is_an_empty_program(tmp_path, document):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(document))
    source = load(path)
    assert isinstance(source, SourceFile) and source.text == ""


def test_other_language_notebook_is_an_empty_program(tmp_path):
    path = write_notebook(tmp_path / "r.ipynb", [("code", "library(dplyr)")],)
    document = json.loads(path.read_text())
    document["metadata"] = {"kernelspec": {"language": "R"}, "language_info": {"name": "R"}}
    path.write_text(json.dumps(document))
    assert load(path).text == ""


@pytest.mark.parametrize("content, expected", [
    ('{"cells": [', "not valid JSON"),
    ("[1, 2]", "not a notebook"),
    ('{"cells": {"a": 1}}', "'cells' is not a list"),
    ('{"cells": [{"cell_type": "code", "source": [1, 2]}]}', "source is not text"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
])
def test_broken_notebooks_are_load_errors(tmp_path, content, expected):
    path = tmp_path / "bad.ipynb"
    path.write_text(content)
    error = load(path)
    assert isinstance(error, LoadError) and expected in error.message


def test_json_error_position(tmp_path):
    path = tmp_path / "bad.ipynb"
    path.write_text('{\n  "cells": [,]\n}')
    error = load(path)
    assert isinstance(error, LoadError) and error.line == 2


MASKED_CELL = [
    "%matplotlib inline",
    "!pip install x",
    "files = !ls",
    "t = %time f()",
    "df.head?",
    "?df",
    "obj??",
    "x = 1  # really?",
    "msg = ('%d'",
    "       % x)",
    "for i in range(3):",
    "    !echo hi",
    "s = '''",
    "%s not a magic inside a string",
    "'''",
    "!pip install a \\",
    "    b",
    "y = 2",
]


def test_line_magics_are_masked_line_for_line():
    masked = mask_magics(MASKED_CELL)
    assert len(masked) == len(MASKED_CELL)
    assert masked[:7] == ["pass", "pass", "files = None", "t = None", "pass", "pass", "pass"]
    assert masked[7:11] == MASKED_CELL[7:11]  # a `# ...?` comment and a `%` continuation are Python
    assert masked[11] == "    pass"  # same indentation keeps the loop body valid
    assert masked[12:15] == MASKED_CELL[12:15]  # inside a string nothing is a magic
    assert masked[15:17] == ["pass", ""]
    assert isinstance(parse_python("\n".join(masked) + "\n"), cst.Module)


def test_timing_cell_magic_keeps_its_python_body():
    assert mask_magics(["%%time", "model.fit(X, y)", "%who"]) == ["pass", "model.fit(X, y)", "pass"]
    assert mask_magics(["%%capture out", "x = 1"]) == ["pass", "x = 1"]


@pytest.mark.parametrize("magic", ["%%bash", "%%writefile out.py", "%%html", "%%sql"])
def test_other_cell_magics_mask_the_whole_cell(magic):
    assert mask_magics([magic, "  echo 'hi", "if then"]) == ["", "", ""]


def test_masked_notebook_parses_and_maps_back(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", [
        ("code", "%matplotlib inline\nimport numpy as np"),
        ("markdown", "text"),
        ("code", "%%bash\necho 'unbalanced"),
        ("code", "%%time\nx = np.zeros(3)\n!ls"),
    ])
    source = load(path)
    assert isinstance(parse_python(source.text), cst.Module)
    line = source.lines().index("x = np.zeros(3)") + 1
    assert source.locate(line) == (4, 2)
