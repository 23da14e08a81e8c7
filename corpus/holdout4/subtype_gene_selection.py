"""Expression-based subtype classifier (Fig. 3 of the manuscript).

Reads the normalised expression matrix (samples x genes) and reports 10-fold CV accuracy
for a linear SVM restricted to the top-k most discriminative genes.
"""
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.svm import LinearSVC

EXPR_PATH = "data/expression_tpm_log2.tsv"
META_PATH = "data/sample_metadata.tsv"
K_GENES = [10, 50, 200]


def read_inputs():
    expr = pd.read_csv(EXPR_PATH, sep="\t", index_col=0)
    meta = pd.read_csv(META_PATH, sep="\t", index_col=0)
    meta = meta.loc[expr.index]
    codes = meta["subtype"].astype("category").cat.codes.values
    return expr.values, codes, list(expr.columns)


def main():
    expr, subtype, genes = read_inputs()
    print(f"{expr.shape[0]} samples, {expr.shape[1]} genes, {len(set(subtype))} subtypes")
    cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=2021)
    for k in K_GENES:
        selector = SelectKBest(f_classif, k=k)
        expr_top = selector.fit_transform(expr, subtype)  # expect: LL101
        top_genes = [genes[i] for i in selector.get_support(indices=True)]
        acc = cross_val_score(LinearSVC(C=0.1, max_iter=5000), expr_top, subtype, cv=cv)
        print(f"k={k:4d}  acc={acc.mean():.3f} +/- {acc.std():.3f}  top: {', '.join(top_genes[:5])}")


if __name__ == "__main__":
    main()
