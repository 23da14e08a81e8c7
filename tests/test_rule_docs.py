"""Every rule documents itself, and its examples are tests: the Example fires the rule,
the Use instead stays silent (fixit's valid/invalid examples, ruff's doc shape)."""
from __future__ import annotations

import libcst as cst
import pytest

from leaklint.analysis import AnalysisContext, analyze_file
from leaklint.library import load_library
from leaklint.rules import ALL_RULES, ANALYSIS_RULES

SECTIONS = ("## What it does", "## Why is this bad?")
EXAMPLE_SECTIONS = ("## Example", "## Use instead")


def _codes(source: str) -> set[str]:
    context = AnalysisContext(load_library(), None, ANALYSIS_RULES)
    return {f.code for f in analyze_file("example.py", cst.parse_module(source), context, source)}


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_rule_has_documentation(rule):
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section}"
    assert rule.severity in ("error", "warning")
    assert rule.summary and rule.name


@pytest.mark.parametrize("rule", ANALYSIS_RULES, ids=[r.code for r in ANALYSIS_RULES])
def test_example_fires(rule):
    for section in EXAMPLE_SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section}"
    example, _ = rule.examples()
    assert rule.code in _codes(example)


@pytest.mark.parametrize("rule", ANALYSIS_RULES, ids=[r.code for r in ANALYSIS_RULES])
def test_use_instead_is_silent(rule):
    _, fixed = rule.examples()
    assert fixed.strip()
    assert _codes(fixed) == set()


def test_codes_are_unique():
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
