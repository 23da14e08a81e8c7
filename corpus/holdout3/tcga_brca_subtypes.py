"""PAM50 subtype classification from TCGA-BRCA RNA-seq with nested cross-validation.

Gene filtering and selection happen inside the pipeline, so each outer fold selects
its genes without seeing its own test samples.
"""
import argparse

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, VarianceThreshold, f_classif
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.svm import LinearSVC

SEED = 1234


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--counts", default="data/TCGA-BRCA.htseq_fpkm.tsv.gz")
    ap.add_argument("--labels", default="data/brca_pam50.tsv")
    ap.add_argument("--outer", type=int, default=5)
    ap.add_argument("--inner", type=int, default=3)
    ap.add_argument("--save", default="models/pam50_svm.joblib")
    return ap.parse_args()


def main():
    args = get_args()
    expr = pd.read_csv(args.counts, sep="\t", index_col=0).T
    labels = pd.read_csv(args.labels, sep="\t", index_col=0)["PAM50"].dropna()
    labels = labels[labels != "Normal"]
    expr = expr.loc[expr.index.intersection(labels.index)]
    labels = labels.loc[expr.index]
    print(labels.value_counts())

    X = np.log2(expr.to_numpy() + 1)
    le = LabelEncoder()
    y = le.fit_transform(labels)

    pipe = Pipeline([
        ("var", VarianceThreshold(0.5)),
        ("kbest", SelectKBest(f_classif)),
        ("scale", StandardScaler()),
        ("svm", LinearSVC(dual=False, max_iter=5000)),
    ])
    grid = {"kbest__k": [50, 200, 1000], "svm__C": [0.01, 0.1, 1.0]}
    inner = StratifiedKFold(n_splits=args.inner, shuffle=True, random_state=SEED)
    outer = StratifiedKFold(n_splits=args.outer, shuffle=True, random_state=SEED + 1)
    search = GridSearchCV(pipe, grid, cv=inner, scoring="balanced_accuracy", n_jobs=-1)

    scores = cross_val_score(search, X, y, cv=outer, scoring="balanced_accuracy")
    print(f"nested CV balanced accuracy: {scores.mean():.3f} +/- {scores.std():.3f}")

    # final model for the web tool: tuned and fitted on all samples, not evaluated again
    search.fit(X, y)
    print("chosen:", search.best_params_)
    support = search.best_estimator_.named_steps["var"].get_support()
    kept = expr.columns[support][search.best_estimator_.named_steps["kbest"].get_support()]
    pd.Series(kept).to_csv("pam50_selected_genes.txt", index=False, header=False)
    joblib.dump({"model": search.best_estimator_, "classes": le.classes_}, args.save)


if __name__ == "__main__":
    main()
