"""Rules the pipeline reports itself: a file it cannot read, a crash, a file too costly."""
from leaklint.rules.base import Rule

PARSE_ERROR = Rule(
    code="LL001",
    name="parse-error",
    severity="error",
    summary="The file could not be read or parsed, so it was not checked.",
    doc="""\
## What it does
Reports a file leaklint could not check: a syntax error, a file that is not UTF-8 (and
declares no other encoding), a binary file, a broken notebook, a file over the size limit,
or code nested too deeply to parse safely.

## Why is this bad?
A file that is not checked can hide any leak. The rest of the run goes on.

## Example
```python
def broken(:
```

## Use instead
```python
def fixed():
    pass
```
""",
)

INTERNAL_ERROR = Rule(
    code="LL002",
    name="internal-error",
    severity="error",
    summary="leaklint failed on this file (a bug in leaklint); the exit status is 2.",
    doc="""\
## What it does
Reports an exception inside leaklint's own analysis of one file. The other files are still
checked, and the run exits with status 2.

## Why is this bad?
It is leaklint's fault, not yours: please report it with the file that triggers it.
""",
)

BUDGET_EXCEEDED = Rule(
    code="LL003",
    name="analysis-budget-exceeded",
    severity="warning",
    summary="The file took longer than the per-file analysis budget and was skipped.",
    doc="""\
## What it does
Reports a file whose analysis ran past the per-file budget (`max-analysis-seconds`), so that
one pathological file cannot stall a whole run.

## Why is this bad?
Findings in that file may be missing. Split the file, or raise the budget.
""",
)
