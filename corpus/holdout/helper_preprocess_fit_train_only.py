"""Imitates research code for concrete compressive-strength regression with hand-written
preprocessing helpers: fit_preprocessing() learns medians, clipping bounds and a scaler from
the training split only and apply_preprocessing() reuses them on any frame."""
import argparse
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

TARGET = "strength"


@dataclass
class PrepState:
    medians: pd.Series
    lower: pd.Series
    upper: pd.Series
    scaler: StandardScaler
    columns: list


def add_ratios(df):
    df = df.copy()
    df["water_cement"] = df["water"] / df["cement"]
    df["binder"] = df["cement"] + df["slag"] + df["fly_ash"]
    df["log_age"] = np.log1p(df["age"])
    return df


def fit_preprocessing(train_df):
    feats = add_ratios(train_df.drop(columns=[TARGET]))
    medians = feats.median()
    feats = feats.fillna(medians)
    lower, upper = feats.quantile(0.01), feats.quantile(0.99)
    feats = feats.clip(lower, upper, axis=1)
    scaler = StandardScaler().fit(feats)
    return PrepState(medians, lower, upper, scaler, list(feats.columns))


def apply_preprocessing(state, df):
    feats = add_ratios(df.drop(columns=[TARGET]))[state.columns]
    feats = feats.fillna(state.medians).clip(state.lower, state.upper, axis=1)
    return state.scaler.transform(feats)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="data/concrete.csv")
    ap.add_argument("--alpha", type=float, default=1.0)
    args = ap.parse_args()

    df = pd.read_csv(args.csv)
    print(df.describe().T)
    train_df, test_df = train_test_split(df, test_size=0.2, random_state=31)

    state = fit_preprocessing(train_df)
    X_train = apply_preprocessing(state, train_df)
    X_test = apply_preprocessing(state, test_df)
    y_train, y_test = train_df[TARGET].values, test_df[TARGET].values

    model = Ridge(alpha=args.alpha).fit(X_train, y_train)
    pred = model.predict(X_test)
    print("train R2:", r2_score(y_train, model.predict(X_train)))
    print("test  R2:", r2_score(y_test, pred), " MAE:", mean_absolute_error(y_test, pred))


if __name__ == "__main__":
    main()
