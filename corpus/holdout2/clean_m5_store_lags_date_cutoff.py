"""Per-store daily demand with target lags; train/test cut by calendar date."""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

CUTOFF = "2016-01-01"

sales = pd.read_csv("data/store_daily_demand.csv", parse_dates=["date"])
sales = sales.sort_values(["store_id", "date"]).reset_index(drop=True)

g = sales.groupby("store_id")["units"]
sales["lag_1"] = g.shift(1)
sales["lag_7"] = g.shift(7)
sales["lag_28"] = g.shift(28)
sales["roll7_prev"] = g.transform(lambda s: s.shift(1).rolling(7).mean())
sales["dow"] = sales["date"].dt.dayofweek
sales["is_weekend"] = np.where(sales["dow"] >= 5, 1, 0)
sales = sales.dropna(subset=["lag_28", "roll7_prev"])

features = ["lag_1", "lag_7", "lag_28", "roll7_prev", "dow", "is_weekend", "price", "snap"]
train = sales[sales["date"] < CUTOFF]
test = sales[sales["date"] >= CUTOFF]

model = HistGradientBoostingRegressor(max_iter=500, learning_rate=0.05, random_state=0)
model.fit(train[features], train["units"])
print("MAE after", CUTOFF, ":", mean_absolute_error(test["units"], model.predict(test[features])))
