"""LL303 no-holdout."""
from leaklint.rules.base import Rule


class NoHoldout(Rule):
    def check(self, facts, report) -> None:
        if _has_held_out_score(facts):
            return
        for score in facts.scores:
            if score.cv or not score.rows or not score.fits:
                continue
            fitted = [p for f in score.fits for p in f.rows]
            if any(facts.sampled_from(f, p) for f in fitted for p in score.rows):
                continue  # evaluation rows drawn out of the training rows: LL302
            if all(any(facts.effective(f).contains(facts.effective(p)) for f in fitted) for p in score.rows):
                report.add(self, score.node,
                           "the model is scored only on the data it was trained on; hold out a test split "
                           "or cross-validate",
                           report.path_between(*sorted(f.node for f in score.fits)[:1], score.node))


def _has_held_out_score(facts) -> bool:
    for score in facts.scores:
        if score.cv or any(facts.role(p) in ("test", "val") for p in score.rows):
            return True
    return False


RULE = NoHoldout(
    code="LL303",
    name="no-holdout",
    severity="error",
    summary="A model is scored on its own training data and no held-out score exists.",
    doc="""\
## What it does
Flags a score computed on the very rows the model was trained on, in a script that computes
no held-out score at all (no test split, no validation split, no cross-validation).
A training score printed next to a test score is fine.

## Why is this bad?
Training accuracy says how well the model memorised; reported as its performance it is the
"no test set" leakage of Kapoor & Narayanan (L1.1).

## Example
```python
from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier

X, y = load_iris(return_X_y=True)
model = DecisionTreeClassifier(random_state=0).fit(X, y)
print("accuracy:", model.score(X, y))
```

## Use instead
```python
from sklearn.datasets import load_iris
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier

X, y = load_iris(return_X_y=True)
print("accuracy:", cross_val_score(DecisionTreeClassifier(random_state=0), X, y, cv=5).mean())
```
""",
)
