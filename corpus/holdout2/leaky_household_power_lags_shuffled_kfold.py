"""Hourly household load forecasting with lagged consumption."""
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import KFold, cross_val_score


def make_lags(frame, col, lags):
    for lag in lags:
        frame[f"{col}_lag{lag}"] = frame[col].shift(lag)
    return frame


def main():
    load = pd.read_csv("data/household_power_hourly.csv")
    load["timestamp"] = pd.to_datetime(load["timestamp"])
    load = load.sort_values("timestamp")
    load["hour"] = load["timestamp"].dt.hour
    load["weekday"] = load["timestamp"].dt.weekday
    load = make_lags(load, "kw", [1, 2, 3, 24, 168]).dropna()

    X = load[[c for c in load.columns if c.startswith("kw_lag") or c in ("hour", "weekday", "temp")]]
    y = load["kw"]

    kf = KFold(n_splits=5, shuffle=True, random_state=42)  # expect: LL402
    rf = RandomForestRegressor(n_estimators=200, min_samples_leaf=5, n_jobs=-1, random_state=42)
    mae = -cross_val_score(rf, X, y, cv=kf, scoring="neg_mean_absolute_error")
    print("CV MAE per fold:", np.round(mae, 3), "mean", round(mae.mean(), 3))


if __name__ == "__main__":
    main()
