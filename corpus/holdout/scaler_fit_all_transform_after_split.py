"""Imitates a tutorial on SGD regression for California housing that "looks right" -- the
scaler's transform() is applied separately to the train and test parts after the split --
but the scaler itself was fitted on the whole feature matrix before the split."""
import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import SGDRegressor
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

housing = fetch_california_housing()
features, target = housing.data, housing.target
print(housing.feature_names)
print("mean target:", target.mean())

norm = StandardScaler()
norm.fit(features)  # expect: LL101

feat_tr, feat_te, tgt_tr, tgt_te = train_test_split(features, target, test_size=0.2, random_state=10)
feat_tr = norm.transform(feat_tr)
feat_te = norm.transform(feat_te)

sgd = SGDRegressor(max_iter=2000, tol=1e-4, penalty="l2", alpha=1e-4, random_state=10)
sgd.fit(feat_tr, tgt_tr)
pred = sgd.predict(feat_te)
print("coef:", np.round(sgd.coef_, 3))
print("RMSE:", mean_squared_error(tgt_te, pred) ** 0.5)
print("R^2:", r2_score(tgt_te, pred))
