"""Store Sales - Time Series Forecasting (Favorita): global LightGBM on lag features."""
import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_log_error
from sklearn.model_selection import train_test_split

DATA = "../input/store-sales-time-series-forecasting"
LAGS = [16, 21, 28, 35]

sales = pd.read_csv(f"{DATA}/train.csv", parse_dates=["date"])
oil = pd.read_csv(f"{DATA}/oil.csv", parse_dates=["date"])
holidays = pd.read_csv(f"{DATA}/holidays_events.csv", parse_dates=["date"])
stores = pd.read_csv(f"{DATA}/stores.csv")

oil["dcoilwtico"] = oil["dcoilwtico"].ffill()
national = holidays[(holidays["locale"] == "National") & (holidays["transferred"] == False)]
sales = sales.merge(oil, on="date", how="left").merge(stores[["store_nbr", "type", "cluster"]], on="store_nbr", how="left")
sales["is_holiday"] = sales["date"].isin(national["date"]).astype(int)

sales = sales.sort_values(["store_nbr", "family", "date"]).reset_index(drop=True)
grp = sales.groupby(["store_nbr", "family"])["sales"]
for lag in LAGS:
    sales[f"lag_{lag}"] = grp.shift(lag)
sales["rmean_16_28"] = grp.transform(lambda s: s.shift(16).rolling(28).mean())

sales["dow"] = sales["date"].dt.dayofweek
sales["dom"] = sales["date"].dt.day
sales["month"] = sales["date"].dt.month
sales["payday"] = ((sales["dom"] == 15) | sales["date"].dt.is_month_end).astype(int)
sales["family"] = sales["family"].astype("category")
sales["type"] = sales["type"].astype("category")
sales = sales.dropna(subset=[f"lag_{lag}" for lag in LAGS] + ["rmean_16_28"])

FEATURES = ["store_nbr", "family", "type", "cluster", "onpromotion", "dcoilwtico", "is_holiday", "dow", "dom", "month", "payday"] + [f"lag_{lag}" for lag in LAGS] + ["rmean_16_28"]
X = sales[FEATURES]
y = np.log1p(sales["sales"])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)  # expect: LL402

model = lgb.LGBMRegressor(objective="regression", n_estimators=1200, learning_rate=0.05, num_leaves=255, min_child_samples=50, colsample_bytree=0.8, random_state=42)
model.fit(X_train, y_train, categorical_feature=["family", "type"])

pred = np.clip(np.expm1(model.predict(X_test)), 0, None)
rmsle = np.sqrt(mean_squared_log_error(np.expm1(y_test), pred))
print(f"RMSLE: {rmsle:.4f}")
