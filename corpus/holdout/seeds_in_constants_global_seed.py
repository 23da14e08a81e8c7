"""Imitates a tidy course-project script (abalone age regression): SEED in a module constant,
np.random.seed(SEED) set at import time so the later train_test_split without random_state is
governed by it, and the shuffling KFold and df.sample given random_state=SEED."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

SEED = 42
np.random.seed(SEED)

COLS = ["Sex", "Length", "Diameter", "Height", "Whole", "Shucked", "Viscera", "Shell", "Rings"]
abalone = pd.read_csv("abalone.data", names=COLS)
abalone = abalone.sample(frac=1.0, random_state=SEED).reset_index(drop=True)
abalone["Age"] = abalone["Rings"] + 1.5
print(abalone.describe())
print(abalone["Sex"].value_counts())

X = abalone.drop(columns=["Rings", "Age"])
y = abalone["Age"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)

model = Pipeline([
    ("enc", ColumnTransformer([("sex", OneHotEncoder(), ["Sex"])], remainder="passthrough")),
    ("rf", RandomForestRegressor(n_estimators=300, min_samples_leaf=4, random_state=SEED)),
])
cv = KFold(n_splits=5, shuffle=True, random_state=SEED)
scores = -cross_val_score(model, X_train, y_train, cv=cv, scoring="neg_mean_absolute_error")
print("CV MAE: %.3f +- %.3f" % (scores.mean(), scores.std()))

model.fit(X_train, y_train)
print("test MAE: %.3f" % mean_absolute_error(y_test, model.predict(X_test)))
