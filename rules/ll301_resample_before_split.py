"""LL301 resample-before-split."""
from leaklint.rules.base import Rule


class ResampleBeforeSplit(Rule):
    def check(self, facts, report) -> None:
        for use in facts.uses:
            if use.what not in ("split", "cv"):
                continue
            if use.what == "split" and not facts.splits[use.node].confirmed:
                continue
            for info in sorted(use.informed):
                if info.how != "resample":
                    continue
                if any(facts.effective(info.part).contains(facts.effective(p)) for p in use.rows):
                    report.add(self, info.node,
                               "rows are resampled or duplicated before the split, so copies of test rows "
                               "land in training; resample the training split only",
                               report.path_between(info.part.source, info.node, use.node))


RULE = ResampleBeforeSplit(
    code="LL301",
    name="resample-before-split",
    severity="error",
    summary="Oversampling, SMOTE, augmentation or row duplication happens before the split.",
    doc="""\
## What it does
Flags oversampling (`SMOTE`, `RandomOverSampler`, `ADASYN`, `resample(..., replace=True)`),
augmentation or row duplication (`pd.concat([df, df[df.y == 1]])`) applied to data that is
afterwards split into train and test, or cross-validated.

## Why is this bad?
Synthetic or duplicated rows are near-copies of real rows. When the split comes afterwards,
copies of a test row sit in the training set and the test score rewards memorisation.

## Example
```python
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

X, y = make_classification(weights=[0.9], random_state=0)
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
```

## Use instead
```python
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

X, y = make_classification(weights=[0.9], random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
X_res, y_res = SMOTE(random_state=0).fit_resample(X_train, y_train)
print(LogisticRegression().fit(X_res, y_res).score(X_test, y_test))
```
""",
)
