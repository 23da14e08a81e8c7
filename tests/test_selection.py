"""Rule selection: codes, prefixes, ALL, layers, specificity, per-file ignores."""
from __future__ import annotations

import pytest

from leaklint.selection import (
    SelectionError,
    SelectionLayer,
    check_selectors,
    enabled_codes,
    ignored_for_file,
    is_reported,
    parse_codes,
    parse_per_file_ignores,
)

KNOWN = ("LL001", "LL002", "LL003", "LL101", "LL102", "LL201", "LL202", "LL401")


def enabled(*layers: SelectionLayer) -> set[str]:
    return set(enabled_codes(KNOWN, layers))


def test_default_is_every_rule():
    assert enabled() == set(KNOWN)


def test_select_prefix_replaces_but_keeps_meta_codes():
    assert enabled(SelectionLayer(select=("LL1",))) == {"LL001", "LL002", "LL003", "LL101", "LL102"}


def test_more_specific_selector_wins_and_ignore_wins_ties():
    assert enabled(SelectionLayer(select=("LL1",), ignore=("LL101",))) >= {"LL102"}
    assert "LL101" not in enabled(SelectionLayer(select=("LL1",), ignore=("LL101",)))
    assert "LL101" in enabled(SelectionLayer(select=("LL101",), ignore=("LL1",)))
    assert "LL101" not in enabled(SelectionLayer(select=("LL101",), ignore=("LL101",)))


def test_command_line_layer_over_configuration_layer():
    config = SelectionLayer(select=("LL1",), ignore=("LL102",))
    assert "LL102" not in enabled(config, SelectionLayer())
    assert "LL102" in enabled(config, SelectionLayer(extend_select=("LL102",)))
    assert enabled(config, SelectionLayer(select=("LL2",))) == {"LL001", "LL002", "LL003", "LL201", "LL202"}
    assert "LL101" not in enabled(config, SelectionLayer(ignore=("LL101",)))


def test_meta_codes_only_go_by_explicit_ignore_and_ll002_never():
    result = enabled(SelectionLayer(select=("LL101",), ignore=("LL0",)))
    assert result == {"LL002", "LL101"}
    assert "LL002" in enabled(SelectionLayer(ignore=("ALL",)))


def test_parse_codes_splits_on_commas_and_spaces():
    assert parse_codes("ll101, LL2 ALL") == ("LL101", "LL2", "ALL")


@pytest.mark.parametrize("selector", ["LL9", "XYZ", "LL1O1", "E501"])
def test_unknown_selectors_are_errors(selector):
    with pytest.raises(SelectionError, match="unknown rule selector"):
        check_selectors([selector], KNOWN, "--select")


def test_per_file_ignores_parsing_and_matching():
    entries = parse_per_file_ignores(["tests/*:LL101,LL102", "nb.ipynb:LL401,scripts/**/*.py:LL2"])
    assert [(e.pattern, e.codes) for e in entries] == [
        ("tests/*", ("LL101", "LL102")), ("nb.ipynb", ("LL401",)), ("scripts/**/*.py", ("LL2",))]
    assert ignored_for_file("tests/test_a.py", entries) == ("LL101", "LL102")
    assert ignored_for_file("deep/nb.ipynb", entries) == ("LL401",)  # a bare name matches anywhere
    assert ignored_for_file("scripts/a/b.py", entries) == ("LL2",)
    assert not is_reported("LL201", frozenset(KNOWN), ("LL2",))
    assert is_reported("LL002", frozenset(), ("ALL",))


@pytest.mark.parametrize("entry", ["LL101", ":LL101"])
def test_bad_per_file_ignores(entry):
    with pytest.raises(SelectionError):
        parse_per_file_ignores([entry])
