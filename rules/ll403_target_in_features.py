"""LL403 target-in-features."""
from leaklint.rules.base import Rule

FITTING = ("model", "pipeline", "search", "unknown", "instance", "trainer", "cv")


class TargetInFeatures(Rule):
    def check(self, facts, report) -> None:
        assigns = _ColumnAssigns(facts.column_assigns)
        for fit in facts.fits:
            if fit.category not in FITTING or not fit.y_colsrc or fit.x_cols is None:
                continue
            targets = assigns.target_columns(fit.y_colsrc)
            sources = {p.source for p in fit.x_rows}
            names = {column for source, column in targets if source in sources}
            kept = sorted(c for c in names if fit.x_cols.has(c))
            if kept:
                report.add(self, fit.node,
                           f"the feature matrix still holds the target column {kept[0]!r}; drop it from X",
                           report.path_between(fit.node))
                continue
            for assign in facts.assigns_to(sources):
                if assign.column not in names and fit.x_cols.has(assign.column):
                    if _from_target(facts, assign, names, fit):
                        report.add(self, assign.node,
                                   f"feature {assign.column!r} is computed from the target; it will not be "
                                   "known when the model is used",
                                   report.path_between(assign.node, fit.node))


class _ColumnAssigns:
    """The column assignments of a program by the column they write, indexed once: a script
    with a thousand models and a thousand assignments must not compare every pair."""

    def __init__(self, assigns) -> None:
        self.by_column: dict = {}  # (source, column) written -> assignments (not shifted)
        for assign in assigns:
            if not assign.shifted:
                for source in assign.sources:
                    self.by_column.setdefault((source, assign.column), []).append(assign)

    def target_columns(self, colsrc) -> set:
        """The target's columns and every column the target was computed from."""
        targets = set(colsrc)
        pending = list(targets)
        while pending:
            for assign in self.by_column.get(pending.pop(), ()):
                for column in assign.colsrc:
                    if column not in targets:
                        targets.add(column)
                        pending.append(column)
        return targets


def _from_target(facts, assign, names, fit) -> bool:
    """Row by row from the target, or a target statistic over rows beyond the training split."""
    if assign.shifted:
        return False  # a lag of the target is known at prediction time
    if any(column in names for _, column in assign.colsrc):
        return True
    for info in assign.informed:
        beyond = facts.role(info.part) == "test" or any(facts.strictly_contains(info.part, p) for p in fit.rows)
        if info.how == "stat" and beyond:
            if any(column in names for _, column in facts.stat_colsrc.get(info.node, ())):
                return True
    return False


RULE = TargetInFeatures(
    code="LL403",
    name="target-in-features",
    severity="error",
    summary="The target column is left in the feature matrix, or a feature is computed from the target.",
    doc="""\
## What it does
Flags a model trained with the target column (or a column the target was computed from)
still in its feature matrix, and features computed from the target (`df["ratio"] =
df["price"] / df["sqft"]` when `price` is the target, a target mean per group over all rows).

## Why is this bad?
The model reads the answer from its input. The score is near perfect and means nothing:
the feature will not exist when the model is used (Kapoor & Narayanan's L2).

## Example
```python
import pandas as pd
from sklearn.linear_model import LinearRegression

df = pd.read_csv("houses.csv")
y = df["price"]
X = df.drop(columns=["id"])
model = LinearRegression().fit(X, y)
```

## Use instead
```python
import pandas as pd
from sklearn.linear_model import LinearRegression

df = pd.read_csv("houses.csv")
y = df["price"]
X = df.drop(columns=["id", "price"])
model = LinearRegression().fit(X, y)
```
""",
)
