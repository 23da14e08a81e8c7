"""LL201 select-on-test."""
from leaklint.rules.base import Rule


def test_scores(facts, evals):
    """The score events among ``evals`` computed on the test split (not cross-validated)."""
    scores = _scores_by_node(facts)
    found = []
    for node in sorted(evals):
        score = scores.get(node)
        if score is not None and not score.cv and any(facts.role(p) == "test" for p in score.rows):
            found.append(score)
    return found


def _scores_by_node(facts) -> dict:
    """node -> score event, made once per file rather than once per selection (the events
    only grow, so their number tells whether the map is current)."""
    cached = getattr(facts, "_scores_by_node", None)
    if cached is None or cached[0] != len(facts.scores):
        cached = (len(facts.scores), {score.node: score for score in facts.scores})
        facts._scores_by_node = cached
    return cached[1]


def seeds_vary(facts, scores) -> bool:
    return any(score.loops & facts.seed_loops for score in scores)


class SelectOnTest(Rule):
    def check(self, facts, report) -> None:
        for select in facts.selects:
            scores = test_scores(facts, select.evals)
            if scores and not seeds_vary(facts, scores):
                score = scores[0]
                report.add(self, select.node,
                           "a choice is made by a score on the test split; choose on a validation split "
                           "or by cross-validation and score the test split once",
                           report.path_between(_first_source(facts, score), score.node, select.node))


def _first_source(facts, score):
    return min((p.source for p in score.rows), default=None)


RULE = SelectOnTest(
    code="LL201",
    name="select-on-test",
    severity="error",
    summary="Hyperparameters, model, features, threshold or epoch are chosen by a test-set score.",
    doc="""\
## What it does
Flags a choice driven by scores on the test split: a loop that keeps a running best
(`if score > best: best = ...`), `max`/`argmax`/`sorted`/`idxmax` over test scores, or a
comparison of two models' test scores that decides which one is kept.

## Why is this bad?
Once the test set has chosen the model, its score is no longer an estimate of performance on
new data: it is the maximum of several noisy estimates, biased upwards.

## Example
```python
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
best_k, best_score = None, 0.0
for k in [1, 3, 5, 7, 9]:
    model = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    score = model.score(X_test, y_test)
    if score > best_score:
        best_k, best_score = k, score
print(best_k, best_score)
```

## Use instead
```python
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neighbors import KNeighborsClassifier

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
search = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": [1, 3, 5, 7, 9]}, cv=5)
search.fit(X_train, y_train)
print(search.best_params_, search.score(X_test, y_test))
```

## References
- Cawley & Talbot, "On over-fitting in model selection and subsequent selection bias", JMLR 2010.
""",
)
