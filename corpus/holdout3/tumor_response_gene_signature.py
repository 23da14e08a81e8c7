#!/usr/bin/env python
# Predict response to neoadjuvant chemotherapy from baseline RNA-seq.
# Small-n, large-p: 112 tumours x ~20k genes.
import argparse
import sys

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, VarianceThreshold, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.svm import SVC


def read_inputs(expr_path, meta_path):
    expr = pd.read_csv(expr_path, sep="\t", index_col=0)  # genes x samples (TPM)
    meta = pd.read_csv(meta_path, sep="\t", index_col="sample_id")
    shared = expr.columns.intersection(meta.index)
    if len(shared) < len(meta):
        print(f"warning: {len(meta) - len(shared)} samples without expression", file=sys.stderr)
    expr = expr[shared].T  # samples x genes
    meta = meta.loc[shared]
    return expr, meta


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("expression")
    ap.add_argument("metadata")
    ap.add_argument("-k", "--n-genes", type=int, default=50)
    ap.add_argument("--kernel", default="linear", choices=["linear", "rbf"])
    args = ap.parse_args(argv)

    expr, meta = read_inputs(args.expression, args.metadata)
    y = (meta["pCR"] == "yes").astype(int).to_numpy()
    print(f"{expr.shape[0]} samples, {expr.shape[1]} genes, {y.sum()} responders")

    X = np.log2(expr.to_numpy() + 1.0)

    # drop flat genes, then keep the most discriminative ones
    vt = VarianceThreshold(threshold=0.2)
    X = vt.fit_transform(X)  # expect: LL101
    selector = SelectKBest(score_func=f_classif, k=args.n_genes)
    X_sig = selector.fit_transform(X, y)  # expect: LL101
    kept = expr.columns[vt.get_support()][selector.get_support()]
    print("signature genes:", ", ".join(kept[:15]), "...")

    clf = SVC(kernel=args.kernel, C=1.0, class_weight="balanced")
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=2021)
    auc = cross_val_score(clf, X_sig, y, cv=cv, scoring="roc_auc")
    print(f"5-fold AUC: {auc.mean():.3f} +/- {auc.std():.3f}")

    # for the figure: fitted on everything, coefficients only
    clf_lin = SVC(kernel="linear", C=1.0, class_weight="balanced").fit(X_sig, y)
    weights = pd.Series(clf_lin.coef_.ravel(), index=kept).sort_values()
    weights.to_csv("signature_weights.tsv", sep="\t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
