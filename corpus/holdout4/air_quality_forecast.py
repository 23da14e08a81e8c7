"""Next-hour NO2 forecast for the city sensor network.

Rolling-origin evaluation; the final model is scored on the last 60 days only.
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import TimeSeriesSplit, train_test_split

LAGS = [1, 2, 3, 24, 168]


def load(path="data/no2_hourly.csv"):
    air = pd.read_csv(path, parse_dates=["timestamp"]).sort_values("timestamp")
    air = air.set_index("timestamp").asfreq("h")
    air["no2"] = air["no2"].interpolate(limit=3)
    return air


def add_features(air):
    out = air.copy()
    for lag in LAGS:
        out[f"no2_lag{lag}"] = out["no2"].shift(lag)
    out["no2_roll24"] = out["no2"].shift(1).rolling(24).mean()
    out["hour"] = out.index.hour
    out["dow"] = out.index.dayofweek
    out["target"] = out["no2"].shift(-1)
    return out.dropna()


def main():
    air = add_features(load())
    cols = [c for c in air.columns if c.startswith("no2_")] + ["hour", "dow", "temp", "wind"]
    design, nxt = air[cols], air["target"]

    tscv = TimeSeriesSplit(n_splits=5, gap=24)
    maes = []
    for k, (a, b) in enumerate(tscv.split(design)):
        reg = HistGradientBoostingRegressor(max_iter=300, random_state=0)
        reg.fit(design.iloc[a], nxt.iloc[a])
        maes.append(mean_absolute_error(nxt.iloc[b], reg.predict(design.iloc[b])))
        print(f"origin {k}: train until {design.index[a[-1]]:%Y-%m-%d}, MAE {maes[-1]:.2f}")
    print(f"rolling-origin MAE {np.mean(maes):.2f} +/- {np.std(maes):.2f}")

    past_X, recent_X, past_y, recent_y = train_test_split(design, nxt, test_size=60 * 24, shuffle=False)
    final = HistGradientBoostingRegressor(max_iter=300, random_state=0).fit(past_X, past_y)
    print("last 60 days MAE:", round(mean_absolute_error(recent_y, final.predict(recent_X)), 2))


if __name__ == "__main__":
    main()
