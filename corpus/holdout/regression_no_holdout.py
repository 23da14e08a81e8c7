"""Imitates an applied-science analysis script (e.g. predicting crop yield from weather and
soil variables): a gradient-boosting model is fitted to all rows, and its R^2 and RMSE on those
same rows are written to the results table as the model's performance."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error, r2_score

data = pd.read_csv("data/yield_county_2000_2019.csv")
data = data.dropna(subset=["yield_bu_acre"])
print(data.shape)
print(data[["yield_bu_acre", "precip_jul", "tmax_jul", "soil_awc"]].describe())

predictors = ["precip_may", "precip_jun", "precip_jul", "precip_aug", "tmax_jun", "tmax_jul", "tmax_aug",
              "gdd", "edd", "soil_awc", "soil_om", "irrigated_frac"]
X = data[predictors].fillna(0).values
y = data["yield_bu_acre"].values

gbr = GradientBoostingRegressor(n_estimators=500, max_depth=4, learning_rate=0.05, random_state=0)
gbr.fit(X, y)

r2 = r2_score(y, gbr.predict(X))  # expect: LL303
rmse = np.sqrt(mean_squared_error(y, gbr.predict(X)))  # expect: LL303
print(f"R2 = {r2:.3f}, RMSE = {rmse:.2f} bu/acre")

importance = pd.DataFrame({"variable": predictors, "importance": gbr.feature_importances_}).sort_values("importance", ascending=False)
print(importance)
pd.DataFrame([{"model": "GBR", "R2": r2, "RMSE": rmse}]).to_csv("results/table2_performance.csv", index=False)
