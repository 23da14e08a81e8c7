import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

tx = pd.read_csv("data/transactions.csv")
users = pd.read_csv("data/users.csv")
merchants = pd.read_csv("data/merchants.csv")


def add_flags(frame):
    return frame.assign(
        amount_log=lambda d: np.log1p(d["amount"]),
        is_night=lambda d: np.where(d["hour"].between(0, 5), 1, 0),
        foreign=lambda d: (d["country"] != d["home_country"]).astype(int),
    )


feats = (
    pd.merge(tx, users, on="user_id", how="left")
    .merge(merchants, on="merchant_id", how="left", suffixes=("", "_m"))
    .pipe(add_flags)
)
feats["user_mean_amount"] = feats.groupby("user_id")["amount"].transform("mean")  # expect: LL101
feats["amount_vs_user"] = feats["amount"] / feats["user_mean_amount"]

cols = ["amount_log", "is_night", "foreign", "user_mean_amount", "amount_vs_user", "merchant_risk", "account_age_days"]
X = feats[cols].fillna(0)
y = feats["is_fraud"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=7)

candidates = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)),
    "rf": RandomForestClassifier(n_estimators=300, random_state=7, n_jobs=-1),
    "gbm": GradientBoostingClassifier(random_state=7),
}
scores = {}
for name, clf in candidates.items():
    clf.fit(X_tr, y_tr)
    scores[name] = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])

best = max(scores, key=scores.get)  # expect: LL201
print(f"selected {best}: test AUC {scores[best]:.4f}")
