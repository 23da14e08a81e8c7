"""Critical temperature regression on the UCI superconductivity data."""
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split


class QuantileClipper(BaseEstimator, TransformerMixin):
    """Winsorise every column to the [lower, upper] quantiles seen during fit."""

    def __init__(self, lower=0.01, upper=0.99):
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.lo_ = np.nanquantile(X, self.lower, axis=0)
        self.hi_ = np.nanquantile(X, self.upper, axis=0)
        return self

    def transform(self, X):
        return np.clip(np.asarray(X, dtype=float), self.lo_, self.hi_)


class LogCounts(BaseEstimator, TransformerMixin):
    """log1p of count-like columns; learns nothing."""

    def __init__(self, columns):
        self.columns = columns

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        X = X.copy()
        X[self.columns] = np.log1p(X[self.columns])
        return X


if __name__ == "__main__":
    df = pd.read_csv("data/superconduct/train.csv")
    y = df.pop("critical_temp").to_numpy()
    X = LogCounts(columns=["number_of_elements"]).fit_transform(df)

    clipper = QuantileClipper(0.005, 0.995)
    X = clipper.fit_transform(X)  # expect: LL101

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=2018)
    gbr = HistGradientBoostingRegressor(max_iter=600, learning_rate=0.06, random_state=2018)
    gbr.fit(X_train, y_train)
    pred = gbr.predict(X_test)
    print(f"MAE {mean_absolute_error(y_test, pred):.3f}  R2 {r2_score(y_test, pred):.4f}")
