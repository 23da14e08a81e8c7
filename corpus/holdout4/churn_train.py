"""Train the churn classifier from the warehouse export.

Usage: python churn_train.py --data exports/churn_2023q4.parquet --out models/
"""
import argparse
import json
from pathlib import Path

import joblib
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_calls", "late_payments"]
CATEGORICAL = ["contract", "payment_method", "internet_service"]
TARGET = "churned"


def load(path):
    frame = pd.read_parquet(path)
    frame = frame.dropna(subset=[TARGET])
    frame[TARGET] = frame[TARGET].astype(int)
    return frame


def build_matrix(frame):
    dummies = pd.get_dummies(frame[CATEGORICAL], drop_first=True)
    numeric = frame[NUMERIC].fillna(0.0)
    return pd.concat([numeric, dummies], axis=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default="models")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()

    frame = load(args.data)
    feats = build_matrix(frame)
    labels = frame[TARGET].values

    scaler = StandardScaler()
    feats[NUMERIC] = scaler.fit_transform(feats[NUMERIC])  # expect: LL101

    tr_feats, ho_feats, tr_y, ho_y = train_test_split(
        feats, labels, test_size=0.2, stratify=labels, random_state=args.seed
    )

    clf = GradientBoostingClassifier(n_estimators=300, max_depth=3, random_state=args.seed)
    clf.fit(tr_feats, tr_y)
    proba = clf.predict_proba(ho_feats)[:, 1]
    metrics = {
        "auc": roc_auc_score(ho_y, proba),
        "f1": f1_score(ho_y, (proba > 0.5).astype(int)),
    }
    print(json.dumps(metrics, indent=2))

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"scaler": scaler, "model": clf, "columns": list(feats.columns)}, out / "churn.joblib")


if __name__ == "__main__":
    main()
