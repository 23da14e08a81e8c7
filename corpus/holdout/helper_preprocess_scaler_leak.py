"""Imitates a student research repo's train.py for wine-quality regression: a "utils"
section with load/preprocess helpers, where preprocess() fits a MinMaxScaler on whatever it is
given -- and it is given the whole feature matrix before the train/test split."""
import argparse
import os

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import MinMaxScaler

# ----------------------------------------------------------------- utils


def load_wine(data_dir):
    red = pd.read_csv(os.path.join(data_dir, "winequality-red.csv"), sep=";")
    white = pd.read_csv(os.path.join(data_dir, "winequality-white.csv"), sep=";")
    red["is_red"] = 1
    white["is_red"] = 0
    return pd.concat([red, white], ignore_index=True)


def preprocess(frame, feature_cols):
    """Clip a few heavy-tailed columns and scale everything to [0, 1]."""
    out = frame[feature_cols].copy()
    out["total sulfur dioxide"] = out["total sulfur dioxide"].clip(upper=300)
    out["residual sugar"] = np.log1p(out["residual sugar"])
    scaler = MinMaxScaler()
    return scaler.fit_transform(out)  # expect: LL101


def report(y_true, y_pred, name):
    rmse = mean_squared_error(y_true, y_pred) ** 0.5
    print(f"[{name}] MAE={mean_absolute_error(y_true, y_pred):.3f} RMSE={rmse:.3f}")


# ----------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/wine")
    ap.add_argument("--hidden", type=int, nargs="+", default=[64, 64])
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()

    df = load_wine(args.data)
    print(df.shape)
    print(df.quality.value_counts().sort_index())
    feature_cols = [c for c in df.columns if c != "quality"]

    X = preprocess(df, feature_cols)
    y = df["quality"].to_numpy(dtype=float)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=args.seed)

    mlp = MLPRegressor(hidden_layer_sizes=tuple(args.hidden), alpha=1e-3, max_iter=800, random_state=args.seed)
    mlp.fit(X_train, y_train)
    report(y_test, mlp.predict(X_test), "mlp/test")
    # report(y_train, mlp.predict(X_train), "mlp/train")


if __name__ == "__main__":
    main()
