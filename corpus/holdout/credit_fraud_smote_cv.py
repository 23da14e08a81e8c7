"""Imitates a small research/benchmark script on the credit-card fraud data: argparse options,
a config dict of classifiers, and SMOTE applied once to the whole data set before a
stratified 5-fold cross-validation (the synthetic minority points end up in the test folds)."""
import argparse
import json
import logging

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("fraud")

SEED = 2021


def load(path):
    df = pd.read_csv(path)
    df = df.drop_duplicates()
    log.info("loaded %d rows, fraud rate %.4f", len(df), df["Class"].mean())
    X = df.drop(columns=["Class"]).to_numpy(dtype=np.float32)
    y = df["Class"].to_numpy()
    return X, y


def balance(X, y, ratio):
    sampler = SMOTE(sampling_strategy=ratio, k_neighbors=5, random_state=SEED)
    return sampler.fit_resample(X, y)  # expect: LL301


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/creditcard.csv")
    p.add_argument("--ratio", type=float, default=0.5)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--trees", type=int, default=300)
    p.add_argument("--out", default="results/smote_rf.json")
    args = p.parse_args()

    X, y = load(args.data)
    X_bal, y_bal = balance(X, y, args.ratio)
    log.info("after SMOTE: %s", np.bincount(y_bal))

    clf = make_pipeline(StandardScaler(), RandomForestClassifier(n_estimators=args.trees, n_jobs=-1, random_state=SEED))
    cv = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=SEED)
    res = cross_validate(clf, X_bal, y_bal, cv=cv, scoring=["roc_auc", "f1", "recall", "precision"])
    summary = {k: float(np.mean(v)) for k, v in res.items() if k.startswith("test_")}
    for k, v in summary.items():
        log.info("%s: %.4f", k, v)
    with open(args.out, "w") as fh:
        json.dump(summary, fh, indent=2)


if __name__ == "__main__":
    main()
