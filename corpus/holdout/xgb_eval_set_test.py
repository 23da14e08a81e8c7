"""Imitates a research benchmark script for tabular classification (UCI Adult income):
argparse, a config dict, helper functions, one-hot encoding inside a ColumnTransformer fitted
on train, and XGBoost with early stopping whose eval_set is the test split."""
import argparse
import os
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.compose import ColumnTransformer
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder

COLUMNS = ["age", "workclass", "fnlwgt", "education", "education_num", "marital_status", "occupation",
           "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week", "native_country", "income"]
CATEGORICAL = ["workclass", "education", "marital_status", "occupation", "relationship", "race", "sex", "native_country"]

CONFIG = {
    "n_estimators": 2000,
    "max_depth": 6,
    "learning_rate": 0.05,
    "subsample": 0.9,
    "colsample_bytree": 0.8,
    "early_stopping_rounds": 50,
}


def read_adult(path):
    df = pd.read_csv(path, header=None, names=COLUMNS, na_values="?", skipinitialspace=True)
    df = df.dropna()
    df["income"] = (df["income"].str.strip(".") == ">50K").astype(int)
    return df


def build_encoder(num_cols):
    return ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)], remainder="passthrough")


def parse_args():
    ap = argparse.ArgumentParser(description="xgboost on adult")
    ap.add_argument("--data-dir", default="data/adult")
    ap.add_argument("--test-size", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", default=None)
    return ap.parse_args()


def main():
    args = parse_args()
    df = read_adult(os.path.join(args.data_dir, "adult.data"))
    X = df.drop(columns=["income"])
    y = df["income"].values
    num_cols = [c for c in X.columns if c not in CATEGORICAL]

    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=args.test_size, random_state=args.seed, stratify=y)

    enc = build_encoder(num_cols)
    X_tr = enc.fit_transform(X_tr)
    X_te = enc.transform(X_te)

    t0 = time.time()
    model = xgb.XGBClassifier(tree_method="hist", eval_metric="logloss", random_state=args.seed, **CONFIG)
    model.fit(X_tr, y_tr, eval_set=[(X_te, y_te)], verbose=False)  # expect: LL202
    print(f"trained in {time.time() - t0:.1f}s, best iteration {model.best_iteration}")

    proba = model.predict_proba(X_te)[:, 1]
    pred = (proba > 0.5).astype(int)
    print(f"acc={accuracy_score(y_te, pred):.4f} f1={f1_score(y_te, pred):.4f} auc={roc_auc_score(y_te, proba):.4f}")
    if args.save:
        model.save_model(args.save)


if __name__ == "__main__":
    main()
