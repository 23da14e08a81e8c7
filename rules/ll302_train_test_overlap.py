"""LL302 train-test-overlap."""
from leaklint.rules.base import Rule


class TrainTestOverlap(Rule):
    def check(self, facts, report) -> None:
        for score in facts.scores:
            if score.cv:
                continue
            held = [p for p in sorted(score.rows) if facts.role(p) in ("test", "val")]
            for fit in sorted(score.fits):
                overlap = [p for p in held if any(facts.effective(f).contains(facts.effective(p)) for f in fit.rows)]
                overlap += [p for p in sorted(score.rows) if any(facts.sampled_from(f, p) for f in fit.rows)]
                if overlap:
                    report.add(self, fit.node,
                               "the model is trained on rows it is later scored on; train on the training "
                               "split only",
                               report.path_between(overlap[0].source, fit.node, score.node))


RULE = TrainTestOverlap(
    code="LL302",
    name="train-test-overlap",
    severity="error",
    summary="A model is scored on rows it was trained on (fit on all data, test drawn from train, train+test).",
    doc="""\
## What it does
Flags a model whose training rows include the rows it is scored on: a model fitted on the
full data and scored on a part of it, test rows drawn from the training set, or a final fit
on `concat(train, test)` scored on the test set.

## Why is this bad?
A model evaluated on rows it has seen reports memorisation, not generalisation. This is the
overlap leakage Yang et al. found in 6.5% of GitHub notebooks.

## Example
```python
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor

X, y = load_diabetes(return_X_y=True)
model = RandomForestRegressor(random_state=0).fit(X, y)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(model.score(X_test, y_test))
```

## Use instead
```python
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor

X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model = RandomForestRegressor(random_state=0).fit(X_train, y_train)
print(model.score(X_test, y_test))
```
""",
)
