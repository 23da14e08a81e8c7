"""Imitates a Kaggle "Categorical Feature Encoding Challenge" kernel that target-encodes the
high-cardinality columns the careful way: out-of-fold means inside the training split (each
row encoded by statistics of the other folds), the test split encoded with the mapping learned
on the whole training split, and the model scored once on the test split."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold, train_test_split
from sklearn.preprocessing import OneHotEncoder

SEED = 2019
HIGH_CARD = ["nom_5", "nom_6", "nom_7", "nom_8", "nom_9"]
LOW_CARD = ["bin_3", "bin_4", "nom_0", "nom_1", "nom_2", "nom_3", "nom_4"]


def smoothed_means(frame, col, target, prior, alpha):
    stats = frame.groupby(col)[target].agg(["sum", "count"])
    return (stats["sum"] + prior * alpha) / (stats["count"] + alpha)


def oof_encode(train_part, test_part, col, target="target", n_splits=5, alpha=20.0):
    oof = np.zeros(len(train_part))
    kf = KFold(n_splits=n_splits, shuffle=True, random_state=SEED)
    for fit_idx, enc_idx in kf.split(train_part):
        fit_rows = train_part.iloc[fit_idx]
        prior = fit_rows[target].mean()
        mapping = smoothed_means(fit_rows, col, target, prior, alpha)
        oof[enc_idx] = train_part.iloc[enc_idx][col].map(mapping).fillna(prior).to_numpy()
    prior_all = train_part[target].mean()
    mapping_all = smoothed_means(train_part, col, target, prior_all, alpha)
    test_enc = test_part[col].map(mapping_all).fillna(prior_all).to_numpy()
    return oof, test_enc


df = pd.read_csv("../input/cat-in-the-dat/train.csv")
print(df.shape, df["target"].mean())
print(df[HIGH_CARD].nunique())

train_part, test_part = train_test_split(df, test_size=0.2, stratify=df["target"], random_state=SEED)
train_part, test_part = train_part.reset_index(drop=True), test_part.reset_index(drop=True)

enc_tr, enc_te = {}, {}
for col in HIGH_CARD:
    enc_tr[col], enc_te[col] = oof_encode(train_part, test_part, col)

ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
low_tr = ohe.fit_transform(train_part[LOW_CARD].astype(str))
low_te = ohe.transform(test_part[LOW_CARD].astype(str))
X_tr = np.hstack([low_tr, np.column_stack([enc_tr[c] for c in HIGH_CARD])])
X_te = np.hstack([low_te, np.column_stack([enc_te[c] for c in HIGH_CARD])])

clf = LogisticRegression(C=0.1, max_iter=3000)
clf.fit(X_tr, train_part["target"])
print("test ROC AUC:", roc_auc_score(test_part["target"], clf.predict_proba(X_te)[:, 1]))
