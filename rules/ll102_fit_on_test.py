"""LL102 fit-on-test."""
from leaklint.rules.base import Rule


class FitOnTest(Rule):
    def check(self, facts, report) -> None:
        for fit in facts.fits:
            # A transformer fitted on test rows, wherever its output goes (a keras layer inside
            # a model never calls transform).
            if fit.category == "transformer":
                held = [p for p in sorted(fit.rows) if facts.role(p) == "test"]
                if held:
                    report.add(self, fit.node,
                               f"`{facts.note(fit.node)}` learns from test rows; fit it on the training split "
                               "and only apply it to the test split",
                               report.path_between(held[0].source, fit.node))
        for use in facts.uses:
            if use.what == "split":
                continue
            for info in sorted(use.informed):
                if not facts.learned(info):
                    continue
                if facts.role(info.part) == "test":
                    report.add(self, info.node,
                               f"`{facts.note(info.node)}` learns from test rows; fit it on the training split "
                               "and only apply it to the test split",
                               report.path_between(info.part.source, info.node, use.node))


RULE = FitOnTest(
    code="LL102",
    name="fit-on-test",
    severity="error",
    summary="A transform or statistic is fitted on the test split, or on train and test combined.",
    doc="""\
## What it does
Flags a transform or statistic whose fit includes test rows: `StandardScaler().fit(X_test)`,
`(X_test - X_test.mean()) / X_test.std()`, or `pd.concat([train, test])` followed by a fit
whose output is used for training or prediction. Fitting on a validation split that is not
the reported test set (calibration, stacking) is fine.

## Why is this bad?
The test set stands in for data the model has never seen. Statistics taken from it tell
the pipeline about that data, and the reported score is no longer an honest estimate.

## Example
```python
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
X_train, y_train = train.drop(columns=["y"]), train["y"]
X_test, y_test = test.drop(columns=["y"]), test["y"]
scaler = StandardScaler().fit(pd.concat([X_train, X_test]))
model = RandomForestClassifier(random_state=0).fit(scaler.transform(X_train), y_train)
print(accuracy_score(y_test, model.predict(scaler.transform(X_test))))
```

## Use instead
```python
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
X_train, y_train = train.drop(columns=["y"]), train["y"]
X_test, y_test = test.drop(columns=["y"]), test["y"]
scaler = StandardScaler().fit(X_train)
model = RandomForestClassifier(random_state=0).fit(scaler.transform(X_train), y_train)
print(accuracy_score(y_test, model.predict(scaler.transform(X_test))))
```

## References
- Yang et al., "Data Leakage in Notebooks: Static Detection and Better Processes", ASE 2022.
- scikit-learn, "Common pitfalls and recommended practices".
""",
)
