"""Leak: several visits per patient, split at random: patients end up on both sides.

Pass "grouped" to split by patient instead (GroupShuffleSplit): no leak.
"""
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GroupShuffleSplit, train_test_split

rng = np.random.default_rng(0)
patients = np.repeat(np.arange(60), 5)
df = pd.DataFrame({
    "patient_id": patients,
    "age": rng.integers(20, 80, 60)[patients],
    "marker": rng.normal(size=len(patients)),
    "dose": rng.normal(size=len(patients)).round(2),
})
y = (df["marker"] + rng.normal(size=len(df)) > 0).astype(int)
if sys.argv[1:] == ["grouped"]:
    train_idx, test_idx = next(GroupShuffleSplit(test_size=0.25, random_state=0).split(df, y, df["patient_id"]))
    X_train, X_test, y_train, y_test = df.iloc[train_idx], df.iloc[test_idx], y.iloc[train_idx], y.iloc[test_idx]
else:
    X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.25, random_state=0)
model = RandomForestClassifier(n_estimators=20, random_state=0).fit(X_train.drop(columns="patient_id"), y_train)
print("accuracy", model.score(X_test.drop(columns="patient_id"), y_test))
