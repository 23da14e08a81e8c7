"""`[tool.leaklint]` settings: discovery of the file, validation, precedence of the command line."""
from __future__ import annotations

import pytest

from leaklint.config import CommandLineOptions, ConfigError, DEFAULT_EXCLUDES, find_config, resolve_settings
from leaklint.pipeline import known_codes
from leaklint_cli_support import fake_engine, run, workdir  # noqa: F401 - fixtures

LEAKS = 'leak("LL101")\nleak("LL102")\nleak("LL401")\n'


def settings(cwd, **options):
    return resolve_settings(CommandLineOptions(**options), known_codes(), cwd)


def write_pyproject(folder, body: str):
    (folder / "pyproject.toml").write_text(body)


def test_nearest_pyproject_with_the_table_wins(tmp_path):
    write_pyproject(tmp_path, "[tool.leaklint]\nselect = ['LL1']\n")
    (tmp_path / "pkg").mkdir()
    write_pyproject(tmp_path / "pkg", "[project]\nname = 'x'\n")  # no table: keep looking up
    assert find_config(tmp_path / "pkg") == tmp_path / "pyproject.toml"
    result = settings(tmp_path / "pkg")
    assert "LL401" not in result.enabled and "LL101" in result.enabled
    assert result.project_root == tmp_path


def test_all_keys(tmp_path):
    write_pyproject(tmp_path, """
[tool.leaklint]
select = ["LL1", "LL4"]
extend-select = ["LL201"]
ignore = ["LL102"]
per-file-ignores = { "tests/*" = ["LL101"] }
exclude = ["old"]
extend-exclude = ["scratch"]
max-file-size = 1000
max-analysis-seconds = 5

[[tool.leaklint.library.api]]
kind = "statistic"
names = ["our_ml.fit_scaler"]
""")
    result = settings(tmp_path)
    assert {"LL101", "LL401", "LL201"} <= result.enabled and "LL102" not in result.enabled
    assert [(e.pattern, e.codes) for e in result.per_file_ignores] == [("tests/*", ("LL101",))]
    assert result.exclude == ("old",) and result.extend_exclude == ("scratch",)
    assert result.max_file_size == 1000 and result.max_analysis_seconds == 5.0
    assert result.library_extension == {"api": [{"kind": "statistic", "names": ["our_ml.fit_scaler"]}]}


def test_defaults_without_configuration(tmp_path):
    result = settings(tmp_path)
    assert result.enabled == frozenset(known_codes()) and result.exclude == DEFAULT_EXCLUDES


@pytest.mark.parametrize("body, words", [
    ("[tool.leaklint]\nselct = ['LL1']\n", "unknown key 'selct'"),
    ("[tool.leaklint]\nselect = 'LL1'\n", "'select'"),
    ("[tool.leaklint]\nmax-file-size = -1\n", "'max-file-size'"),
    ("[tool.leaklint]\nper-file-ignores = ['x']\n", "'per-file-ignores'"),
    ("[tool.leaklint]\nselect = ['LL999']\n", "unknown rule selector 'LL999'"),
    ("[tool.leaklint\n", "not valid TOML"),
    ("[tool]\nleaklint = 3\n", "must be a table"),
])
def test_bad_configuration_is_an_error(tmp_path, body, words):
    write_pyproject(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        settings(tmp_path)
    assert words in str(caught.value)


def test_bad_configuration_exits_2_with_message(workdir, capsys, fake_engine):
    write_pyproject(workdir, "[tool.leaklint]\nunknown = 1\n")
    (workdir / "a.py").write_text("x = 1\n")
    status, out, err = run(capsys, "a.py")
    assert status == 2 and "unknown key 'unknown'" in err and "pyproject.toml" in err


def test_bad_library_extension_exits_2(workdir, capsys, fake_engine):
    write_pyproject(workdir, "[tool.leaklint.library]\napi = [{kind = 'no-such-kind', names = ['x']}]\n")
    (workdir / "a.py").write_text("x = 1\n")
    status, out, err = run(capsys, "a.py")
    assert status == 2 and "configuration error" in err


def test_command_line_wins_over_configuration(workdir, capsys, fake_engine):
    write_pyproject(workdir, "[tool.leaklint]\nselect = ['LL101']\n")
    (workdir / "a.py").write_text(LEAKS)
    assert _codes(run(capsys, "a.py", "--output-format", "concise")) == ["LL101"]
    assert _codes(run(capsys, "a.py", "--output-format", "concise", "--select", "LL4")) == ["LL401"]
    assert _codes(run(capsys, "a.py", "--output-format", "concise", "--extend-select", "LL102")) == ["LL101", "LL102"]
    assert _codes(run(capsys, "a.py", "--output-format", "concise", "--isolated")) == ["LL101", "LL102", "LL401"]


def test_config_option_picks_a_file(workdir, capsys, fake_engine):
    (workdir / "a.py").write_text(LEAKS)
    (workdir / "leaklint.toml").write_text("ignore = ['LL1']\n")
    assert _codes(run(capsys, "a.py", "--output-format", "concise", "--config", "leaklint.toml")) == ["LL401"]
    status, _, err = run(capsys, "a.py", "--config", "leaklint.toml", "--isolated")
    assert status == 2


def test_max_file_size_from_configuration(workdir, capsys, fake_engine):
    write_pyproject(workdir, "[tool.leaklint]\nmax-file-size = 10\n")
    (workdir / "big.py").write_text("x = 1\n" * 10)
    status, out, _ = run(capsys, "big.py", "--output-format", "concise")
    assert status == 1 and "LL001 file too large (60 bytes" in out


def _codes(result) -> list[str]:
    status, out, err = result
    return [line.split()[1] for line in out.splitlines() if ": LL" in line]
