"""LL402 shuffled-time-series."""
from leaklint.rules.base import Rule


class ShuffledTimeSeries(Rule):
    def check(self, facts, report) -> None:
        for split in facts.splits.values():
            shuffles = sorted(node for what, node in split.marks if what == "shuffle")
            if not ((split.shuffled or shuffles) and split.confirmed):
                continue
            times = sorted(node for what, node in split.marks if what == "time")
            if times:
                where = split.report_node if split.report_node is not None else split.node
                if not split.shuffled:
                    where = shuffles[0]  # a positional split of shuffled rows: the shuffle is the change
                report.add(self, where,
                           "a shuffled random split of time-ordered data lets the model train on the "
                           "future of its test rows; split by time (a cutoff date, TimeSeriesSplit)",
                           report.path_between(times[0], split.node))


RULE = ShuffledTimeSeries(
    code="LL402",
    name="shuffled-time-series",
    severity="error",
    summary="Data the script treats as time-ordered is split at random.",
    doc="""\
## What it does
Flags a shuffled random split (`train_test_split`, `KFold(shuffle=True)`, `ShuffleSplit`,
`df.sample`) of data that the script itself treats as a time series: dates parsed with
`pd.to_datetime` or `parse_dates`, `sort_values` on a date column, or lag, rolling and
difference features.

## Why is this bad?
Rows from the future land in training and rows from the past in test: the model is scored
on interpolation, while it will be used to forecast (Kapoor & Narayanan's L3.1).

## Example
```python
import pandas as pd
from sklearn.model_selection import train_test_split

df = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")
df["lag_1"] = df["sales"].shift(1)
train, test = train_test_split(df.dropna(), test_size=0.2, random_state=0)
```

## Use instead
```python
import pandas as pd

df = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")
df["lag_1"] = df["sales"].shift(1)
df = df.dropna()
cutoff = int(len(df) * 0.8)
train, test = df.iloc[:cutoff], df.iloc[cutoff:]
```
""",
)
