"""Imitates a research benchmark script (Higgs-like tabular data, argparse, logging) that uses
early stopping correctly: a validation split is carved out of the training portion and passed
as eval_set, while the test split is scored once at the end."""
import argparse
import logging

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

log = logging.getLogger(__name__)


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--csv", default="data/higgs_sample.csv")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--max-depth", type=int, default=8)
    p.add_argument("--eta", type=float, default=0.05)
    p.add_argument("--rounds", type=int, default=5000)
    p.add_argument("--patience", type=int, default=100)
    return p.parse_args()


def split_three_ways(X, y, seed):
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=seed, stratify=y)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.125, random_state=seed, stratify=y_rest)
    return (X_train, y_train), (X_val, y_val), (X_test, y_test)


def main():
    args = get_args()
    logging.basicConfig(level=logging.INFO)
    df = pd.read_csv(args.csv)
    y = df.pop("label").to_numpy()
    X = df.to_numpy(np.float32)
    (X_train, y_train), (X_val, y_val), (X_test, y_test) = split_three_ways(X, y, args.seed)
    log.info("train=%d val=%d test=%d", len(y_train), len(y_val), len(y_test))

    clf = xgb.XGBClassifier(n_estimators=args.rounds, max_depth=args.max_depth, learning_rate=args.eta, subsample=0.8,
                            colsample_bytree=0.8, tree_method="hist", eval_metric="auc",
                            early_stopping_rounds=args.patience, random_state=args.seed)
    clf.fit(X_train, y_train, eval_set=[(X_val, y_val)], verbose=250)
    log.info("best iteration %d (val auc %.4f)", clf.best_iteration, clf.best_score)

    proba = clf.predict_proba(X_test)[:, 1]
    print(f"test AUC {roc_auc_score(y_test, proba):.4f}  test acc {accuracy_score(y_test, proba > 0.5):.4f}")
    print(f"train AUC {roc_auc_score(y_train, clf.predict_proba(X_train)[:, 1]):.4f}")


if __name__ == "__main__":
    main()
