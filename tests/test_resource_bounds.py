"""Issue 6, item 7: one pathological file cannot stall the run.

Three bounds, each configurable in `[tool.leaklint]`, each reported with the file's size
while the other files of the run keep their findings:
- `max-file-size` (bytes): larger files are LL001 without being read;
- `max-lines`: longer files are LL003 without being parsed (libcst cannot be interrupted);
- `max-analysis-seconds`: the interpreter stops at its deadline, LL003.
"""
from __future__ import annotations

import json
import time

import pytest

from hardening_support import LEAKY, assert_leaky_found, assert_no_traceback, run_inprocess, write_leaky, write_notebook


def _heavy_script(lines: int) -> str:
    """Many statements every rule looks at (so no pre-filter can skip the file)."""
    body = ["import pandas as pd", "from sklearn.preprocessing import StandardScaler",
            "from sklearn.model_selection import train_test_split"]
    for number in range((lines - 3) // 3):
        body += [f"frame{number} = pd.read_csv('part{number}.csv')",
                 f"scaled{number} = StandardScaler().fit_transform(frame{number})",
                 f"train{number}, test{number} = train_test_split(scaled{number}, random_state={number})"]
    return "\n".join(body) + "\n"


def _check(capsys, monkeypatch, folder, *args):
    monkeypatch.chdir(folder)
    started = time.monotonic()
    status, out, err = run_inprocess(capsys, "check", "--output-format", "json", *args, ".")
    elapsed = time.monotonic() - started
    assert_no_traceback(out, err)
    return status, (json.loads(out) if out.startswith("[") else out), err, elapsed


def _config(folder, **values) -> None:
    lines = "".join(f"{key} = {value}\n" for key, value in values.items())
    (folder / "pyproject.toml").write_text(f"[tool.leaklint]\n{lines}")


def test_tiny_time_budget_gives_ll003_with_the_size_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    text = _heavy_script(3000)
    (tmp_path / "big.py").write_text(text)
    write_leaky(tmp_path)  # 27 interpreter steps: under the 256 between two looks at the clock
    _config(tmp_path, **{"max-analysis-seconds": "1e-9"})
    status, findings, _, _ = _check(capsys, monkeypatch, tmp_path)
    assert status == 1
    (big,) = [f for f in findings if f["path"] == "big.py"]
    assert big["code"] == "LL003" and big["severity"] == "warning" and (big["line"], big["column"]) == (1, 1)
    assert f"({text.count(chr(10)) + 1} lines, {len(text)} characters)" in big["message"]
    assert "per-file budget of 1e-09 s" in big["message"] and "max-analysis-seconds" in big["message"]
    assert_leaky_found(findings)


def test_the_default_budget_lets_the_same_kind_of_file_through(tmp_path, capsys, monkeypatch):
    (tmp_path / "big.py").write_text(_heavy_script(600))
    status, findings, _, _ = _check(capsys, monkeypatch, tmp_path, "--isolated")
    assert status == 1
    assert {f["code"] for f in findings} == {"LL101"} and len(findings) == 199


def test_max_lines_from_the_configuration(tmp_path, capsys, monkeypatch):
    long = LEAKY + "\n".join(f"x{number} = {number}" for number in range(141)) + "\n"  # 150 lines
    (tmp_path / "long.py").write_text(long)
    (tmp_path / "exactly.py").write_text(LEAKY + "\n".join(f"x{number} = {number}" for number in range(91)) + "\n")
    write_leaky(tmp_path)
    _config(tmp_path, **{"max-lines": "100"})
    status, findings, _, _ = _check(capsys, monkeypatch, tmp_path)
    assert status == 1
    (mine,) = [f for f in findings if f["path"] == "long.py"]
    assert mine["code"] == "LL003"
    assert mine["message"] == (f"file not analysed: 150 lines, {len(long)} characters, over the limit of 100 lines "
                               "(max-lines); raise max-lines or split the file")
    assert [f["code"] for f in findings if f["path"] == "exactly.py"] == ["LL101"]  # 100 lines: analysed
    assert_leaky_found(findings)


def test_max_lines_guard_is_fast_on_200000_lines(tmp_path, capsys, monkeypatch):
    huge = _heavy_script(30) + "".join(f"v{number} = {number}\n" for number in range(200_000))
    (tmp_path / "huge.py").write_text(huge)
    assert len(huge) < 5 * 1024 * 1024  # under the default size cap
    write_leaky(tmp_path)
    status, findings, _, elapsed = _check(capsys, monkeypatch, tmp_path, "--isolated")
    assert elapsed < 20, elapsed  # parsing alone would take half a minute or more
    (mine,) = [f for f in findings if f["path"] == "huge.py"]
    assert mine["code"] == "LL003" and "200030 lines" in mine["message"]
    assert_leaky_found(findings)


@pytest.mark.parametrize("value", ["0", "-5", '"many"', "true", "1.5"])
def test_max_lines_must_be_a_positive_whole_number(tmp_path, capsys, monkeypatch, value):
    write_leaky(tmp_path)
    _config(tmp_path, **{"max-lines": value})
    status, out, err, _ = _check(capsys, monkeypatch, tmp_path)
    assert status == 2 and "'max-lines'" in err and "positive number of lines" in err


def test_max_file_size_from_the_configuration_and_notebook_code(tmp_path, capsys, monkeypatch):
    (tmp_path / "big.py").write_text(LEAKY + "# " + "x" * 2000 + "\n")
    code = LEAKY + "# " + "y" * 2000 + "\n"
    write_notebook(tmp_path / "code.ipynb", {"cells": [{"cell_type": "code", "source": code}]})
    # Outputs do not count against the limit (a notebook's JSON may be 20 times the size).
    write_notebook(tmp_path / "outputs.ipynb", {"cells": [{"cell_type": "code", "source": LEAKY, "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "z" * 15_000}]}]})
    write_leaky(tmp_path)
    _config(tmp_path, **{"max-file-size": "1000"})
    status, findings, _, _ = _check(capsys, monkeypatch, tmp_path)
    by_path = {f["path"]: f for f in findings}
    assert by_path["big.py"]["code"] == "LL001" and "file too large" in by_path["big.py"]["message"]
    assert by_path["code.ipynb"]["code"] == "LL001"
    assert f"notebook code too large ({len(code)} characters; the limit is 1000)" == by_path["code.ipynb"]["message"]
    assert by_path["outputs.ipynb"]["code"] == "LL101"
    assert_leaky_found(findings)


def test_recursion_in_the_analysis_is_ll003_that_says_so(tmp_path, capsys, monkeypatch):
    """The interpreter turns a RecursionError into the same stop as the deadline; the
    message must not claim the time budget ran out after a fraction of a second."""
    from leaklint.analysis import interpreter

    original = interpreter.Interpreter.exec_block

    def exec_block(self, body, frame):
        if getattr(self, "path", "").endswith("deep.py"):
            raise RecursionError("maximum recursion depth exceeded")
        return original(self, body, frame)

    monkeypatch.setattr(interpreter.Interpreter, "exec_block", exec_block)
    (tmp_path / "deep.py").write_text(LEAKY)
    write_leaky(tmp_path)
    status, findings, _, _ = _check(capsys, monkeypatch, tmp_path, "--isolated")
    (mine,) = [f for f in findings if f["path"] == "deep.py"]
    assert mine["code"] == "LL003" and "nests too deeply" in mine["message"] and "budget of" not in mine["message"]
    assert_leaky_found(findings)


def test_imported_helper_over_the_line_limit_is_not_parsed_by_its_importer(tmp_path, capsys, monkeypatch):
    from leaklint import parsing

    parsed_lines = []
    original = parsing.parse_python

    def parse_python(text):
        parsed_lines.append(text.count("\n"))
        return original(text)

    monkeypatch.setattr(parsing, "parse_python", parse_python)
    helper = ("from sklearn.preprocessing import StandardScaler\n\n\ndef scale(frame):\n"
              "    return StandardScaler().fit_transform(frame)\n" + "".join(f"v{n} = {n}\n" for n in range(60_000)))
    (tmp_path / "helpers.py").write_text(helper)
    (tmp_path / "train.py").write_text("from helpers import scale\n" + LEAKY.replace(
        "X = StandardScaler().fit_transform(X)", "X = scale(X)"))
    # The same helper, short: the importer does read it (so the check above is not vacuous).
    (tmp_path / "short").mkdir()
    (tmp_path / "short" / "helpers.py").write_text(helper[: helper.index("v0 = 0")])
    (tmp_path / "short" / "train.py").write_text((tmp_path / "train.py").read_text())
    write_leaky(tmp_path)
    status, findings, _, _ = _check(capsys, monkeypatch, tmp_path, "--isolated")
    # The run may share trees it parsed itself with importers (then nothing is parsed here at
    # all); what must never happen is a parse of the 60,000-line helper. That the short helper
    # was read is shown by the LL101 found through it below.
    assert max(parsed_lines, default=0) < 50_000
    assert [f["code"] for f in findings if f["path"] == "helpers.py"] == ["LL003"]
    assert [f["code"] for f in findings if f["path"] == "train.py"] == []  # the helper's body is unknown
    assert [f["code"] for f in findings if f["path"] == "short/train.py"] == ["LL101"]
    assert_leaky_found(findings)
