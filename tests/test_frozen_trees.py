"""FrozenTrees: parse trees kept out of the cyclic collector's walks, and nothing left frozen."""
from __future__ import annotations

import gc
from pathlib import Path

import libcst as cst

from leaklint.config import Settings
from leaklint.pipeline import check_paths, known_codes
from leaklint.runner import FrozenTrees

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_a_parsed_tree_is_frozen_and_the_collector_state_is_restored():
    trees = FrozenTrees()
    before = gc.get_freeze_count()
    try:
        module = trees.parse("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
        assert isinstance(module, cst.Module)
        assert gc.get_freeze_count() > before  # the tree (and what was alive) is frozen
        assert gc.isenabled()
        gc.disable()
        trees.parse("x = 1\n")
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()
        trees.release()
    assert gc.get_freeze_count() == 0


class _Node:
    pass


def test_cycles_left_by_one_file_are_collected_before_the_next_tree_is_frozen():
    import weakref

    trees = FrozenTrees()
    node = _Node()
    node.itself = node
    alive = weakref.ref(node)
    del node  # garbage that only the cyclic collector can free
    try:
        trees.parse("x = 1\n")
    finally:
        trees.release()
    assert alive() is None  # frozen instead, it would have outlived the release


def test_a_run_leaves_nothing_frozen_and_finds_the_same_with_or_without_it(monkeypatch):
    settings = Settings(project_root=FIXTURES, enabled=frozenset(known_codes()))
    paths = [str(FIXTURES / "LL101"), str(FIXTURES / "LL102")]
    frozen = check_paths(paths, settings, FIXTURES, jobs=1)
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(FrozenTrees, "parse", lambda self, text: __import__("leaklint.parsing").parsing.parse_python(text))
    plain = check_paths(paths, settings, FIXTURES, jobs=1)
    assert frozen.findings and frozen.findings == plain.findings
