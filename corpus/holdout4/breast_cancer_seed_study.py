"""How stable is the gradient boosting result across random seeds? (appendix B)"""
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

SEEDS = list(range(10))


def one_run(seed, bc):
    tr_x, te_x, tr_t, te_t = train_test_split(
        bc.data, bc.target, test_size=0.25, stratify=bc.target, random_state=seed
    )
    clf = HistGradientBoostingClassifier(
        learning_rate=0.05, max_leaf_nodes=15, early_stopping=True, validation_fraction=0.15, random_state=seed
    )
    clf.fit(tr_x, tr_t)
    proba = clf.predict_proba(te_x)[:, 1]
    return {
        "seed": seed,
        "auc": roc_auc_score(te_t, proba),
        "f1": f1_score(te_t, (proba > 0.5).astype(int)),
        "iters": clf.n_iter_,
    }


def main():
    bc = load_breast_cancer()
    runs = pd.DataFrame([one_run(s, bc) for s in SEEDS])
    print(runs.to_string(index=False, float_format="%.4f"))
    for metric in ("auc", "f1"):
        vals = runs[metric].to_numpy()
        print(f"{metric}: {vals.mean():.4f} +/- {vals.std(ddof=1):.4f} over {len(vals)} seeds")
    ci = 1.96 * runs["auc"].std(ddof=1) / np.sqrt(len(runs))
    print(f"95% CI for mean AUC: [{runs['auc'].mean() - ci:.4f}, {runs['auc'].mean() + ci:.4f}]")


if __name__ == "__main__":
    main()
