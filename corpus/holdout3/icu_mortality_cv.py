"""In-hospital mortality from first-day ICU data (WiDS Datathon 2020 extract).

All preprocessing lives inside the pipeline so that every CV fold imputes and scales
with statistics of its own training part.
"""
import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = [
    "age", "bmi", "d1_heartrate_max", "d1_mbp_min", "d1_resprate_max", "d1_spo2_min",
    "d1_temp_max", "d1_glucose_max", "d1_potassium_max", "d1_creatinine_max",
    "apache_4a_hospital_death_prob", "gcs_eyes_apache", "gcs_motor_apache", "gcs_verbal_apache",
]
CATEGORICAL = ["gender", "ethnicity", "icu_admit_source", "icu_type", "apache_3j_bodysystem"]
TARGET = "hospital_death"


def build_pipeline(C):
    numeric = Pipeline([("impute", SimpleImputer(strategy="median", add_indicator=True)), ("scale", StandardScaler())])
    categorical = Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="missing")), ("onehot", OneHotEncoder(handle_unknown="ignore", min_frequency=20))])
    pre = ColumnTransformer([("num", numeric, NUMERIC), ("cat", categorical, CATEGORICAL)])
    return Pipeline([("pre", pre), ("clf", LogisticRegression(C=C, max_iter=2000, class_weight="balanced"))])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/training_v2.csv")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--out", default="results/icu_mortality.json")
    args = ap.parse_args()

    df = pd.read_csv(args.data)
    # one row per ICU stay; keep first stay per patient to avoid repeated patients
    df = df.sort_values("encounter_id").drop_duplicates("patient_id", keep="first")
    df = df[df["age"].between(16, 100)]
    print(f"{len(df)} stays, mortality {df[TARGET].mean():.3%}")

    X = df[NUMERIC + CATEGORICAL]
    y = df[TARGET].to_numpy()

    cv = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    res = cross_validate(build_pipeline(args.C), X, y, cv=cv, scoring=["roc_auc", "average_precision", "neg_brier_score"], n_jobs=-1)

    summary = {}
    for key in ["test_roc_auc", "test_average_precision", "test_neg_brier_score"]:
        vals = res[key]
        summary[key.replace("test_", "")] = {"mean": float(np.mean(vals)), "std": float(np.std(vals))}
        print(f"{key:28s} {np.mean(vals):.4f} +/- {np.std(vals):.4f}")

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
