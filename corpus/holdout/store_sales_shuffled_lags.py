"""Imitates a Store Sales - Time Series Forecasting (Favorita) XGBoost script: dates parsed,
rows sorted by store/family/date, lag and rolling features of the sales built per series, and
then an ordinary shuffled train_test_split, so the model is tested on days in between its
training days."""
import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_log_error

DATA = "../input/store-sales-time-series-forecasting/"

train = pd.read_csv(DATA + "train.csv", parse_dates=["date"])
oil = pd.read_csv(DATA + "oil.csv", parse_dates=["date"])
holidays = pd.read_csv(DATA + "holidays_events.csv", parse_dates=["date"])
stores = pd.read_csv(DATA + "stores.csv")

print(train.date.min(), train.date.max())
print(train.groupby("family").sales.sum().sort_values(ascending=False).head(10))

train = train[train.date >= "2015-01-01"]
train = train.merge(stores, on="store_nbr", how="left")
oil["dcoilwtico"] = oil["dcoilwtico"].ffill()
train = train.merge(oil, on="date", how="left")
nat_hol = holidays[(holidays.locale == "National") & (holidays.transferred == False)][["date"]].drop_duplicates()
nat_hol["is_holiday"] = 1
train = train.merge(nat_hol, on="date", how="left")
train["is_holiday"] = train["is_holiday"].fillna(0)

train = train.sort_values(["store_nbr", "family", "date"]).reset_index(drop=True)

train["dayofweek"] = train.date.dt.dayofweek
train["month"] = train.date.dt.month
train["day"] = train.date.dt.day
train["payday"] = ((train.date.dt.day == 15) | train.date.dt.is_month_end).astype(int)

g = train.groupby(["store_nbr", "family"])["sales"]
for lag in [1, 7, 14, 28]:
    train[f"lag_{lag}"] = g.shift(lag)
train["roll_mean_7"] = g.transform(lambda s: s.shift(1).rolling(7).mean())
train["roll_mean_28"] = g.transform(lambda s: s.shift(1).rolling(28).mean())
train = train.dropna(subset=["lag_28", "roll_mean_28"])

for c in ["family", "city", "state", "type"]:
    train[c] = train[c].astype("category")

features = ["store_nbr", "family", "onpromotion", "dcoilwtico", "is_holiday", "dayofweek", "month", "day", "payday",
            "cluster", "city", "state", "type", "lag_1", "lag_7", "lag_14", "lag_28", "roll_mean_7", "roll_mean_28"]
X = train[features]
y = np.log1p(train["sales"])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=42)  # expect: LL402

reg = xgb.XGBRegressor(n_estimators=800, max_depth=8, learning_rate=0.05, subsample=0.8, colsample_bytree=0.8, tree_method="hist", enable_categorical=True, random_state=42)
reg.fit(X_train, y_train, verbose=100)
pred = np.clip(reg.predict(X_test), 0, None)
print("RMSLE:", np.sqrt(mean_squared_log_error(np.expm1(y_test), np.expm1(pred))))
