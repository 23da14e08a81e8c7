"""LL401 unseeded-split."""
from leaklint.rules.base import Rule


class UnseededSplit(Rule):
    def check(self, facts, report) -> None:
        shuffles_used = set()
        for split in facts.splits.values():
            if split.confirmed:
                shuffles_used |= {node for what, node in split.marks if what == "shuffle"}
        for random in facts.randoms:
            if random.seeded:
                continue
            if random.what == "sample" and not facts.splits[random.split].confirmed:
                continue
            if random.what == "shuffle" and random.node not in shuffles_used:
                continue
            report.add(self, random.node,
                       "this split or shuffle has no fixed seed, so nobody can redo it; pass a seed "
                       "(random_state=, seed=, generator=) or set the global seed before it",
                       report.path_between(random.node))


RULE = UnseededSplit(
    code="LL401",
    name="unseeded-split",
    severity="warning",
    summary="A random split or shuffle has no fixed seed, and no global seed governs it.",
    doc="""\
## What it does
Flags random splits and shuffles that nobody can redo: `train_test_split`, `ShuffleSplit` or
`KFold(shuffle=True)` without `random_state`, `df.sample` without `random_state`,
`np.random.permutation` with no seeded generator, `random_split` without `generator=`, and
HF `train_test_split` without `seed=`. A global seed set earlier (`np.random.seed`,
`torch.manual_seed`, `random.seed`) counts where it governs that call. Shuffles only count
when they decide a split.

## Why is this bad?
Every run evaluates on a different test set: the reported number cannot be reproduced, and
a lucky split cannot be told from a good model.

## Example
```python
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

X, y = load_iris(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
```

## Use instead
```python
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

SEED = 42
X, y = load_iris(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED)
```
""",
)
