"""Imitates a Store Sales (Favorita) LightGBM forecasting script done chronologically: lag and
rolling features shifted by the 16-day horizon, a cutoff-date split into train / validation /
test periods, early stopping on the validation period and a single RMSLE on the last period."""
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_squared_log_error

HORIZON = 16
DATA = "../input/store-sales-time-series-forecasting/"

df = pd.read_csv(DATA + "train.csv", parse_dates=["date"])
df = df[df["date"] >= "2016-01-01"].copy()
df = df.sort_values(["store_nbr", "family", "date"]).reset_index(drop=True)
print(df["date"].min(), df["date"].max(), df.shape)

# calendar
df["dow"] = df["date"].dt.dayofweek
df["dom"] = df["date"].dt.day
df["month"] = df["date"].dt.month
df["family"] = df["family"].astype("category")

# lags that are available at forecast time (>= horizon)
grp = df.groupby(["store_nbr", "family"], observed=True)["sales"]
for lag in [HORIZON, HORIZON + 7, HORIZON + 14, 364]:
    df[f"lag_{lag}"] = grp.shift(lag)
for win in [7, 28]:
    df[f"rmean_{win}"] = grp.transform(lambda s: s.shift(HORIZON).rolling(win, min_periods=1).mean())
df["promo_next"] = df.groupby(["store_nbr", "family"], observed=True)["onpromotion"].shift(-1).fillna(0)

features = ["store_nbr", "family", "onpromotion", "promo_next", "dow", "dom", "month",
            f"lag_{HORIZON}", f"lag_{HORIZON + 7}", f"lag_{HORIZON + 14}", "lag_364", "rmean_7", "rmean_28"]

train = df[df["date"] < "2017-07-01"]
valid = df[(df["date"] >= "2017-07-01") & (df["date"] < "2017-07-31")]
test = df[df["date"] >= "2017-07-31"]
print(len(train), len(valid), len(test))

dtrain = lgb.Dataset(train[features], np.log1p(train["sales"]))
dvalid = lgb.Dataset(valid[features], np.log1p(valid["sales"]), reference=dtrain)
params = {"objective": "regression", "learning_rate": 0.05, "num_leaves": 255, "min_data_in_leaf": 200,
          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "metric": "rmse", "verbose": -1, "seed": 7}
booster = lgb.train(params, dtrain, num_boost_round=3000, valid_sets=[dvalid], callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)])

pred = np.clip(np.expm1(booster.predict(test[features], num_iteration=booster.best_iteration)), 0, None)
print("test RMSLE:", np.sqrt(mean_squared_log_error(test["sales"], pred)))
