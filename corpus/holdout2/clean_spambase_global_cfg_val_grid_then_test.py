"""Experiments for the 'simple baselines' workshop paper.

python run.py --model svm
python run.py --model mlp --seed 3
"""
import argparse
import sys
from functools import partial

import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

try:
    from xgboost import XGBClassifier
    HAS_XGB = True
except ImportError:
    XGBClassifier = None
    HAS_XGB = False

CFG = {"seed": 7, "val_size": 0.2, "test_size": 0.2, "data": "data/spambase.csv"}

GRIDS = {
    "svm": [{"C": c} for c in (0.1, 1, 10, 100)],
    "mlp": [{"width": w, "alpha": a} for w in (32, 64, 128) for a in (1e-4, 1e-3)],
    "xgb": [{"n": n, "depth": d} for n in (200, 400) for d in (3, 5)],
}


def set_config(**overrides):
    global CFG
    CFG = {**CFG, **overrides}


def fit_preprocessor(X):
    pre = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    return pre.fit(X)


def build(model, **hp):
    if model == "svm":
        return SVC(C=hp.get("C", 1.0), gamma="scale")
    if model == "mlp":
        return MLPClassifier(hidden_layer_sizes=(hp.get("width", 64),) * 2, alpha=hp.get("alpha", 1e-4), max_iter=400, random_state=CFG["seed"])
    if model == "xgb" and HAS_XGB:
        return XGBClassifier(n_estimators=hp.get("n", 300), max_depth=hp.get("depth", 4), random_state=CFG["seed"])
    raise ValueError(f"unknown or unavailable model: {model}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=sorted(GRIDS), default="svm")
    ap.add_argument("--seed", type=int, default=CFG["seed"])
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args(argv)
    set_config(seed=args.seed)

    df = pd.read_csv(CFG["data"])
    if args.check_only:
        print(df.shape, df["is_spam"].value_counts().to_dict())
        return 0
    X, y = df.drop(columns=["is_spam"]).to_numpy(), df["is_spam"].to_numpy()

    split = partial(train_test_split, random_state=CFG["seed"])
    X_dev, X_test, y_dev, y_test = split(X, y, test_size=CFG["test_size"])
    X_tr, X_val, y_tr, y_val = split(X_dev, y_dev, test_size=CFG["val_size"])

    pre = fit_preprocessor(X_tr)
    Z_tr, Z_val = pre.transform(X_tr), pre.transform(X_val)

    best_hp, best_f1 = None, -1.0
    for hp in GRIDS[args.model]:
        clf = build(args.model, **hp).fit(Z_tr, y_tr)
        f1 = f1_score(y_val, clf.predict(Z_val))
        if f1 > best_f1:
            best_hp, best_f1 = hp, f1
    print(f"[{args.model}] best on validation: {best_hp} (F1 {best_f1:.3f})")

    pre = fit_preprocessor(X_dev)
    final = build(args.model, **best_hp).fit(pre.transform(X_dev), y_dev)
    y_hat = final.predict(pre.transform(X_test))
    print(f"test accuracy {accuracy_score(y_test, y_hat):.3f}  test F1 {f1_score(y_test, y_hat):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
