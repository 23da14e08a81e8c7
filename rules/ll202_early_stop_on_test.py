"""LL202 early-stop-on-test."""
from leaklint.rules.base import Rule


class EarlyStopOnTest(Rule):
    def check(self, facts, report) -> None:
        for fit in facts.fits:
            if fit.eval_node is None:
                continue
            held = [p for p in sorted(fit.eval_rows) if facts.role(p) == "test"]
            if held:
                report.add(self, fit.eval_node,
                           "the test split is given as the validation / eval set; carve a validation "
                           "split out of the training data instead",
                           report.path_between(held[0].source, fit.eval_node))


RULE = EarlyStopOnTest(
    code="LL202",
    name="early-stop-on-test",
    severity="error",
    summary="The test split is used as the validation / eval set of a training run.",
    doc="""\
## What it does
Flags training calls that receive the test split as their validation data:
`eval_set=[(X_test, y_test)]` (xgboost, lightgbm, catboost), `validation_data=(X_test, y_test)`
(keras), `valid_sets`/`evals`, or a Trainer built with `eval_dataset=` the test split.

## Why is this bad?
Early stopping, checkpoint selection and learning-rate schedules all choose by the
validation score. When that score is the test score, the test set has tuned the model.

## Example
```python
import xgboost as xgb
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model = xgb.XGBClassifier(n_estimators=500, early_stopping_rounds=20)
model.fit(X_train, y_train, eval_set=[(X_test, y_test)])
print(model.score(X_test, y_test))
```

## Use instead
```python
import xgboost as xgb
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, random_state=0)
model = xgb.XGBClassifier(n_estimators=500, early_stopping_rounds=20)
model.fit(X_fit, y_fit, eval_set=[(X_val, y_val)])
print(model.score(X_test, y_test))
```
""",
)
