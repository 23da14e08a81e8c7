"""Every fixture gives exactly the findings written in it (`# expect: LL101`).

`# todo-expect:` marks a known gap: tolerated when missing, reported when it starts to work.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import cli
from fixture_expectations import expectations

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FILES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".py", ".ipynb"))


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> dict:
    """One run of the real command line over every fixture, grouped by file."""
    result = CliRunner().invoke(cli, ["check", str(FIXTURES), "--isolated", "--output-format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    found: dict = {}
    for finding in json.loads(result.output):
        key = ((finding.get("cell"), finding["line"]), finding["code"])
        found.setdefault(Path(finding["path"]).resolve(), set()).add(key)
    return found


def test_fixtures_cover_every_rule():
    from leaklint.rules import ANALYSIS_RULES

    for rule in ANALYSIS_RULES:
        folder = FIXTURES / rule.code
        leaky = list(folder.glob("leaky_*"))
        clean = list(folder.glob("clean_*"))
        assert len(leaky) >= 8 and len(clean) >= 8, f"{rule.code}: {len(leaky)} leaky, {len(clean)} clean"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_fixture(path: Path, reported: dict):
    expected, todo = expectations(path)
    got = reported.get(path.resolve(), set())
    missing = expected - got
    unexpected = got - expected - todo
    assert not missing and not unexpected, f"missing {sorted(missing)}, unexpected {sorted(unexpected)}"
    if path.name.startswith("clean_"):
        assert not expected, "a clean fixture expects no finding"
