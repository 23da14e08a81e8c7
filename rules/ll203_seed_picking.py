"""LL203 seed-picking."""
from leaklint.rules.base import Rule
from leaklint.rules.ll201_select_on_test import seeds_vary, test_scores


class SeedPicking(Rule):
    def check(self, facts, report) -> None:
        for select in facts.selects:
            scores = test_scores(facts, select.evals)
            if scores and seeds_vary(facts, scores):
                report.add(self, select.node,
                           "the run with the best test score over several random seeds is kept; report the "
                           "mean and spread over seeds instead",
                           report.path_between(scores[0].node, select.node))


RULE = SeedPicking(
    code="LL203",
    name="seed-picking",
    severity="error",
    summary="A loop over random seeds keeps or reports the run with the best test score.",
    doc="""\
## What it does
Flags a loop over random seeds (used as `random_state`, `seed`, `torch.manual_seed(...)`)
whose best run by test score is kept or reported.

## Why is this bad?
The seed is not a hyperparameter: picking the luckiest one reports noise as performance.
The number will not be reproduced by anyone who runs the method with another seed.

## Example
```python
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
best = 0.0
for seed in range(20):
    model = RandomForestClassifier(random_state=seed).fit(X_train, y_train)
    acc = model.score(X_test, y_test)
    if acc > best:
        best = acc
print("accuracy", best)
```

## Use instead
```python
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scores = []
for seed in range(20):
    model = RandomForestClassifier(random_state=seed).fit(X_train, y_train)
    scores.append(model.score(X_test, y_test))
print("accuracy", np.mean(scores), "+/-", np.std(scores))
```
""",
)
