"""LL101 fit-before-split."""
from leaklint.rules.base import Rule

class FitBeforeSplit(Rule):
    def check(self, facts, report) -> None:
        # A statistic that saw test rows is LL102's (`concat([train, test])` then fit).
        saw_test = {info.node for use in facts.uses for info in use.informed if facts.role(info.part) == "test"}
        for use in facts.uses:
            if not _is_real_use(facts, use):
                continue
            for info in sorted(use.informed):
                if not facts.learned(info) or info.node in saw_test:
                    continue
                for part in sorted(use.rows):
                    if _crosses_split(facts, info.part, part, use.what):
                        split = facts.split_after(info.part, part) or (use.node if use.what in ("split", "cv") else None)
                        source = info.part.source
                        report.add(self, info.node,
                                   f"`{facts.note(info.node)}` learns from rows that are later split off "
                                   "for evaluation; fit it on the training split only",
                                   report.path_between(source, info.node, split, use.node))
                        break


def _is_real_use(facts, use) -> bool:
    if use.what == "split":
        return facts.splits[use.node].confirmed
    return True


def _crosses_split(facts, seen, used, what) -> bool:
    """The statistic saw ``seen`` rows; ``used`` rows are one side of a split of them.

    Only statistics of data that is not yet on the training side count: a scaler fitted on
    the whole training split and then cross-validated biases the validation score only,
    while the test split stays untouched.
    """
    if facts.role(seen) != "all":
        return False
    if what in ("split", "cv"):
        return facts.effective(seen).contains(facts.effective(used))
    return facts.strictly_contains(seen, used)


RULE = FitBeforeSplit(
    code="LL101",
    name="fit-before-split",
    severity="error",
    summary="A stateful transform or data-wide statistic is computed on data that is later split or cross-validated.",
    doc="""\
## What it does
Flags a fit (scaler, encoder, imputer, feature selector, PCA, vectorizer, tokenizer, target
encoder) or a data-wide statistic (`mean`, `std`, `median`, `quantile`, `fillna(df.mean())`,
`qcut`, group aggregates) computed on rows that are afterwards split into train and test, or
cross-validated. Helper functions are followed: `prep(df)` before the split is the same leak.

## Why is this bad?
The statistic has seen the test rows, so the test score measures a model that already knows
something about them (Kapoor & Narayanan's L1.2 and L1.3). scikit-learn's "Common pitfalls"
page shows feature selection before the split lifting accuracy on pure noise from 0.46 to 0.76.

## Example
```python
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("data.csv")
X, y = df.drop(columns=["label"]), df["label"]
X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
print(model.score(X_test, y_test))
```

## Use instead
```python
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("data.csv")
X, y = df.drop(columns=["label"]), df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X_train)
model = LogisticRegression().fit(scaler.transform(X_train), y_train)
print(model.score(scaler.transform(X_test), y_test))
```

## References
- Kapoor & Narayanan, "Leakage and the reproducibility crisis in ML-based science", Patterns 2023.
- scikit-learn, "Common pitfalls and recommended practices": data leakage.
""",
)
