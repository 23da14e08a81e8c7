"""pandas feature engineering and a df.sample / df.drop split driven by the global RNG."""
import random

import numpy as np
import pandas as pd
from _digest import digest, print_rng_states
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

np.random.seed(11)
random.seed(11)
n = 400
df = pd.DataFrame({
    "city": np.random.choice(["paris", "lyon", "nice"], n),
    "income": np.random.lognormal(10, 0.5, n),
    "age": np.random.randint(18, 90, n),
})
df["income_vs_city"] = df["income"] / df.groupby("city")["income"].transform("mean")
df["log_income"] = np.log1p(df["income"])
df = pd.get_dummies(df, columns=["city"], dtype=float)
df["target"] = (df["income_vs_city"] + np.random.normal(0, 0.3, n) > 1).astype(int)
train = df.sample(frac=0.75)  # no random_state: the global seed decides
test = df.drop(train.index)
features = [c for c in df.columns if c not in ("target", "income")]  # raw income: badly scaled
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(train[features], train["target"])
proba = model.predict_proba(test[features])
print("acc", repr(accuracy_score(test["target"], proba.argmax(1))), "logloss", repr(log_loss(test["target"], proba)))
print("proba", digest(proba), "train rows", digest(np.sort(train.index.to_numpy())))
print("draw", repr(np.random.rand()))
print_rng_states()
