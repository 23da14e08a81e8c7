"""Leak: a daily time series split with shuffling: the model trains on the future.

Pass "ordered" to split with shuffle=False (train before test): no leak.
"""
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(1)
days = pd.date_range("2023-01-01", periods=300, freq="D")
df = pd.DataFrame({"date": days, "lag1": rng.normal(size=300).cumsum(), "temp": rng.normal(15, 5, 300)})
target = df["lag1"].shift(-1).fillna(0.0)
shuffle = sys.argv[1:] != ["ordered"]
X_train, X_test, y_train, y_test = train_test_split(df, target, test_size=0.2, shuffle=shuffle, random_state=0)
features = ["lag1", "temp"]
model = Ridge().fit(X_train[features], y_train)
print("mae", round(mean_absolute_error(y_test, model.predict(X_test[features])), 6))
