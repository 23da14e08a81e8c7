"""Imitates an "AutoML-lite" helper script from a team repo: a registry of candidate
pipelines, each trained and scored on the hold-out test split, the best one chosen with
max(..., key=...) over those test scores, pickled and its test F1 written to the report."""
import json
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

OUT = Path("artifacts")
RANDOM_STATE = 13


def candidates():
    return {
        "logreg": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)),
        "svm_rbf": make_pipeline(StandardScaler(), SVC(C=3.0, gamma="scale", probability=True)),
        "rf": RandomForestClassifier(n_estimators=400, random_state=RANDOM_STATE),
        "extra_trees": ExtraTreesClassifier(n_estimators=400, random_state=RANDOM_STATE),
        "mlp": make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=1000, random_state=RANDOM_STATE)),
    }


def main():
    data = load_breast_cancer(as_frame=True)
    X, y = data.data, data.target
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=RANDOM_STATE)

    results = {}
    fitted = {}
    for name, est in candidates().items():
        est.fit(X_tr, y_tr)
        fitted[name] = est
        results[name] = f1_score(y_te, est.predict(X_te))
        print(f"{name:12s} F1={results[name]:.4f}")

    best_name = max(results, key=results.get)  # expect: LL201
    print("selected:", best_name)
    OUT.mkdir(exist_ok=True)
    joblib.dump(fitted[best_name], OUT / "model.joblib")
    (OUT / "report.json").write_text(json.dumps({"model": best_name, "test_f1": results[best_name], "all": results}, indent=2))


if __name__ == "__main__":
    main()
