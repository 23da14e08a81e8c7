"""Daily unit demand per store -- LightGBM on calendar and lag features."""
import argparse

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

FEATURES = ["store", "dow", "month", "is_holiday", "lag_7", "lag_14", "roll_mean_7", "promo_share", "price"]


def build_features(sales):
    sales = sales.sort_values(["store", "date"]).copy()
    g = sales.groupby("store")["units"]
    sales["lag_7"] = g.shift(7)
    sales["lag_14"] = g.shift(14)
    sales["roll_mean_7"] = g.transform(lambda s: s.shift(1).rolling(7).mean())
    sales["dow"] = sales["date"].dt.dayofweek
    sales["month"] = sales["date"].dt.month
    sales["promo_share"] = sales["promo_units"] / sales["units"].clip(lower=1)  # expect: LL403
    return sales.dropna(subset=["lag_14", "roll_mean_7"])


def wmape(y_true, y_pred):
    return np.abs(y_true - y_pred).sum() / np.abs(y_true).sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="data/store_daily.csv")
    ap.add_argument("--rounds", type=int, default=1500)
    args = ap.parse_args()

    sales = pd.read_csv(args.csv, parse_dates=["date"])
    frame = build_features(sales)

    feats = frame[FEATURES]
    units = frame["units"]
    f_tr, f_te, u_tr, u_te = train_test_split(feats, units, test_size=0.2, random_state=0)  # expect: LL402

    reg = lgb.LGBMRegressor(n_estimators=args.rounds, learning_rate=0.05, num_leaves=31, random_state=0)
    reg.fit(f_tr, u_tr, categorical_feature=["store"])
    pred = reg.predict(f_te)
    print(f"MAE {mean_absolute_error(u_te, pred):.2f}  WMAPE {wmape(u_te.values, pred):.3%}")


if __name__ == "__main__":
    main()
