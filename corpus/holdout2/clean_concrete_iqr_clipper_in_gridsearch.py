"""Concrete compressive strength: custom transformers inside a tuned pipeline."""
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.pipeline import Pipeline


class IQRClipper(BaseEstimator, TransformerMixin):
    def __init__(self, k=1.5):
        self.k = k

    def fit(self, X, y=None):
        q1, q3 = np.percentile(X, [25, 75], axis=0)
        iqr = q3 - q1
        self.low_, self.high_ = q1 - self.k * iqr, q3 + self.k * iqr
        return self

    def transform(self, X):
        return np.clip(X, self.low_, self.high_)


class RatioFeatures(BaseEstimator, TransformerMixin):
    """Adds water/cement and aggregate/binder ratios (no learned state)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        X = np.asarray(X, dtype=float)
        water_cement = X[:, 3] / (X[:, 0] + 1e-6)
        agg_binder = (X[:, 5] + X[:, 6]) / (X[:, 0] + X[:, 1] + X[:, 2] + 1e-6)
        return np.column_stack([X, water_cement, agg_binder])


concrete = pd.read_csv("data/Concrete_Data.csv")
X = concrete.iloc[:, :-1].to_numpy()
y = concrete.iloc[:, -1].to_numpy()
X = RatioFeatures().fit_transform(X)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=31)

pipe = Pipeline([("clip", IQRClipper()), ("gbr", GradientBoostingRegressor(random_state=31))])
grid = {"clip__k": [1.5, 3.0], "gbr__n_estimators": [300, 600], "gbr__max_depth": [3, 4]}
search = GridSearchCV(pipe, grid, cv=KFold(5, shuffle=True, random_state=31), scoring="neg_mean_absolute_error", n_jobs=-1)
search.fit(X_train, y_train)

pred = search.predict(X_test)
print("best params:", search.best_params_)
print(f"test MAE {mean_absolute_error(y_test, pred):.2f}  R2 {r2_score(y_test, pred):.3f}")
