"""Credit-card fraud (ULB, European cardholders 2013).

train / validation / test = 60 / 20 / 20, stratified and seeded.
- SMOTE only on the training part
- model family and decision threshold picked on validation
- test set scored once at the end
"""
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import RobustScaler
from xgboost import XGBClassifier

SEED = 7

df = pd.read_csv("data/creditcard.csv")
print(df["Class"].value_counts())
X = df.drop(columns=["Class", "Time"])
y = df["Class"].to_numpy()

X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)
X_tr, X_val, y_tr, y_val = train_test_split(X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=SEED)

amount_scaler = RobustScaler().fit(X_tr[["Amount"]])
for part in (X_tr, X_val, X_test):
    part.loc[:, "Amount"] = amount_scaler.transform(part[["Amount"]]).ravel()

X_tr_res, y_tr_res = SMOTE(sampling_strategy=0.1, random_state=SEED).fit_resample(X_tr, y_tr)
print("after SMOTE:", np.bincount(y_tr_res))

candidates = {
    "logreg": LogisticRegression(C=0.1, max_iter=2000),
    "xgb": XGBClassifier(n_estimators=2000, learning_rate=0.05, max_depth=5, subsample=0.8, colsample_bytree=0.8, eval_metric="aucpr", early_stopping_rounds=100, random_state=SEED),
}
val_ap = {}
for name, clf in candidates.items():
    if name == "xgb":
        clf.fit(X_tr_res, y_tr_res, eval_set=[(X_val, y_val)], verbose=False)
    else:
        clf.fit(X_tr_res, y_tr_res)
    val_ap[name] = average_precision_score(y_val, clf.predict_proba(X_val)[:, 1])
    print(f"{name}: validation AUPRC {val_ap[name]:.4f}")

best_name = max(val_ap, key=val_ap.get)
best = candidates[best_name]

prec, rec, thr = precision_recall_curve(y_val, best.predict_proba(X_val)[:, 1])
f1 = 2 * prec[:-1] * rec[:-1] / (prec[:-1] + rec[:-1] + 1e-12)
threshold = thr[np.argmax(f1)]
print(f"chosen: {best_name}, threshold {threshold:.3f}")

p_test = best.predict_proba(X_test)[:, 1]
y_hat = (p_test >= threshold).astype(int)
print(f"TEST  AUPRC {average_precision_score(y_test, p_test):.4f}  F1 {f1_score(y_test, y_hat):.4f}  precision {precision_score(y_test, y_hat):.4f}  recall {recall_score(y_test, y_hat):.4f}")
