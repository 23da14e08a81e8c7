"""LL204 repeated-test-eval."""
from leaklint.rules.base import Rule


class RepeatedTestEval(Rule):
    def check(self, facts, report) -> None:
        if _has_validation(facts):
            return
        selected = set()
        for select in facts.selects:
            selected |= select.evals
        groups: dict = {}
        for score in facts.scores:
            if score.cv or score.node in selected:
                continue
            for part in sorted(score.rows):
                if facts.role(part) == "test":
                    groups.setdefault(facts.effective(part), []).append(score)
        for part, scores in groups.items():
            self._check_group(facts, report, scores)

    def _check_group(self, facts, report, scores) -> None:
        first_model = None
        seen_models = set()
        for score in sorted(scores, key=lambda s: s.node):
            candidates = score.objs
            # Models that differ only by their seed are one candidate: averaging seeds is fine.
            # A loop over data sets scores each on its own test rows: not one test set reused.
            varying = (score.model_loops & score.in_loops) - facts.seed_loops - score.data_loops
            many = len(candidates) > 1 or bool(varying)
            if not candidates:
                continue
            if first_model is None and not many:
                first_model = candidates
                seen_models |= candidates
                continue
            if many or not candidates <= seen_models:
                new = candidates - seen_models
                seen_models |= candidates
                if many or new:
                    report.add(self, score.node,
                               "several candidate models are scored on the same test split; compare them on a "
                               "validation split or by cross-validation and score only the chosen one",
                               report.path_between(score.node))


def _has_validation(facts) -> bool:
    for score in facts.scores:
        if score.cv or any(facts.role(p) == "val" for p in score.rows):
            return True
    return any(split.kind == "cv" and split.confirmed for split in facts.splits.values())


RULE = RepeatedTestEval(
    code="LL204",
    name="repeated-test-eval",
    severity="warning",
    summary="Several candidate models are scored on the same test split with no separate validation set.",
    doc="""\
## What it does
Warns when the same test split scores several candidate models (a loop over models or
hyperparameters, or several models side by side) and the script has no validation split or
cross-validation to compare them on.

## Why is this bad?
Whoever reads the table will pick the best row: the test set then does the job of a
validation set, and the best number is optimistic (Yang et al.'s multi-test leakage).

## Example
```python
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier

X, y = load_wine(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
for model in [LogisticRegression(max_iter=1000), RandomForestClassifier(random_state=0)]:
    model.fit(X_train, y_train)
    print(type(model).__name__, model.score(X_test, y_test))
```

## Use instead
```python
from sklearn.datasets import load_wine
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier

X, y = load_wine(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
for model in [LogisticRegression(max_iter=1000), RandomForestClassifier(random_state=0)]:
    print(type(model).__name__, cross_val_score(model, X_train, y_train, cv=5).mean())
final = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(final.score(X_test, y_test))
```
""",
)
