"""Rossmann Store Sales: XGBoost on calendar + lag features, strictly chronological evaluation.

- hyperparameters: GridSearchCV with TimeSeriesSplit on the training period
- early stopping: last 6 weeks of the training period
- report: RMSPE on the final 6 weeks (never touched before)
"""
import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

DATA = "input/rossmann-store-sales"
TEST_START = "2015-06-20"
VALID_START = "2015-05-09"


def rmspe(y_true, y_pred):
    mask = y_true != 0
    return np.sqrt(np.mean(((y_true[mask] - y_pred[mask]) / y_true[mask]) ** 2))


sales = pd.read_csv(f"{DATA}/train.csv", parse_dates=["Date"], dtype={"StateHoliday": str})
stores = pd.read_csv(f"{DATA}/store.csv")
df = sales.merge(stores, on="Store", how="left")
df = df[(df["Open"] == 1) & (df["Sales"] > 0)]
df = df.sort_values(["Date", "Store"]).reset_index(drop=True)

df["Year"] = df["Date"].dt.year
df["Month"] = df["Date"].dt.month
df["Day"] = df["Date"].dt.day
df["WeekOfYear"] = df["Date"].dt.isocalendar().week.astype(int)
df["StateHoliday"] = df["StateHoliday"].map({"0": 0, "a": 1, "b": 2, "c": 3}).fillna(0)
df["StoreType"] = df["StoreType"].map({"a": 0, "b": 1, "c": 2, "d": 3})
df["Assortment"] = df["Assortment"].map({"a": 0, "b": 1, "c": 2})
df["CompetitionDistance"] = df["CompetitionDistance"].fillna(1e5)

by_store = df.groupby("Store")["Sales"]
df["sales_lag_7"] = by_store.shift(7)
df["sales_lag_14"] = by_store.shift(14)
df["sales_roll_28"] = by_store.transform(lambda s: s.shift(7).rolling(28, min_periods=7).mean())
df = df.dropna(subset=["sales_lag_7", "sales_lag_14", "sales_roll_28"])

FEATURES = ["Store", "DayOfWeek", "Promo", "SchoolHoliday", "StateHoliday", "StoreType", "Assortment", "CompetitionDistance", "Promo2", "Year", "Month", "Day", "WeekOfYear", "sales_lag_7", "sales_lag_14", "sales_roll_28"]

train = df[df["Date"] < TEST_START]
test = df[df["Date"] >= TEST_START]
X_train, y_train = train[FEATURES], np.log1p(train["Sales"])
X_test, y_test = test[FEATURES], test["Sales"].to_numpy()

search = GridSearchCV(
    xgb.XGBRegressor(n_estimators=400, learning_rate=0.1, subsample=0.8, colsample_bytree=0.7, tree_method="hist", random_state=0),
    param_grid={"max_depth": [6, 8, 10], "min_child_weight": [1, 10]},
    cv=TimeSeriesSplit(n_splits=4),
    scoring="neg_root_mean_squared_error",
    n_jobs=-1,
)
search.fit(X_train, y_train)
print("best params:", search.best_params_)

inner = train["Date"] < VALID_START
model = xgb.XGBRegressor(n_estimators=5000, learning_rate=0.03, subsample=0.8, colsample_bytree=0.7, tree_method="hist", early_stopping_rounds=100, random_state=0, **search.best_params_)
model.fit(X_train[inner], y_train[inner], eval_set=[(X_train[~inner], y_train[~inner])], verbose=500)

pred = np.expm1(model.predict(X_test))
print(f"hold-out RMSPE ({TEST_START} onwards): {rmspe(y_test, pred):.4f}")
