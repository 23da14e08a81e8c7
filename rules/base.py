"""What every rule is: a code, a name, a severity, its documentation, and a question.

A rule's documentation follows ruff's shape (What it does / Why is this bad? / Example /
Use instead / References). The Example and Use instead code blocks are executable
expectations: tests/test_rule_docs.py checks that every Example fires the rule and every
Use instead stays silent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # imported for annotations only: the engine imports rules, not the reverse
    from leaklint.analysis.facts import Facts
    from leaklint.analysis.report import Report


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # "error" or "warning"
    summary: str  # one line, shown by `leaklint rules`
    doc: str  # markdown, shown by `leaklint rule CODE`

    def check(self, facts: "Facts", report: "Report") -> None:
        """Ask the question of the analysed program; report findings through ``report``.

        Meta rules (LL001-LL003) are reported by the pipeline itself and ask nothing here.
        """

    def examples(self) -> tuple[str, str]:
        """The code of the Example and Use instead sections (for the doc test)."""
        return _code_block_after(self.doc, "## Example"), _code_block_after(self.doc, "## Use instead")


def _code_block_after(doc: str, heading: str) -> str:
    start = doc.find(heading)
    if start < 0:
        return ""
    fence = doc.find("```python", start)
    if fence < 0:
        return ""
    body_start = doc.index("\n", fence) + 1
    end = doc.find("```", body_start)
    return doc[body_start:end]


def by_code(rules: Iterable[Rule]) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}
