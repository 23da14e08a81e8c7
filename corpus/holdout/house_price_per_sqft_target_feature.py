"""Imitates a King County house-sales regression tutorial with "smart" feature engineering:
among honest features (house age, renovation flag, log areas) it adds price_per_sqft, which is
computed from the target price itself, before the split."""
import numpy as np
import pandas as pd
import seaborn as sns
import matplotlib.pyplot as plt
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

houses = pd.read_csv("kc_house_data.csv")
houses = houses.drop(columns=["id", "date"])
print(houses.shape)
print(houses.describe().T[["mean", "std", "min", "max"]])

sns.histplot(houses["price"], bins=100)
plt.show()

houses["house_age"] = 2015 - houses["yr_built"]
houses["renovated"] = (houses["yr_renovated"] > 0).astype(int)
houses["log_sqft_living"] = np.log1p(houses["sqft_living"])
houses["log_sqft_lot"] = np.log1p(houses["sqft_lot"])
houses["basement"] = (houses["sqft_basement"] > 0).astype(int)
houses["price_per_sqft"] = houses["price"] / houses["sqft_living"]  # expect: LL403
houses = houses.drop(columns=["yr_renovated", "sqft_basement"])

X = houses.drop(columns=["price"])
y = houses["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)

forest = RandomForestRegressor(n_estimators=300, min_samples_leaf=2, n_jobs=-1, random_state=3)
forest.fit(X_train, y_train)
y_hat = forest.predict(X_test)
print("MAE: %.0f" % mean_absolute_error(y_test, y_hat))
print("R2 : %.4f" % r2_score(y_test, y_hat))
print(pd.Series(forest.feature_importances_, index=X.columns).sort_values(ascending=False).head(10))
