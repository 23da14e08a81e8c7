"""Default of credit card clients (UCI) -- gradient boosted trees."""
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

PARAMS = dict(
    n_estimators=2000,
    learning_rate=0.03,
    max_depth=5,
    subsample=0.8,
    colsample_bytree=0.7,
    eval_metric="auc",
    early_stopping_rounds=100,
)


def load_credit(path="data/credit_default.csv"):
    raw = pd.read_csv(path)
    raw = raw.rename(columns={"default.payment.next.month": "default"})
    pay_cols = [c for c in raw.columns if c.startswith("PAY_AMT")]
    bill_cols = [c for c in raw.columns if c.startswith("BILL_AMT")]
    raw["pay_ratio"] = raw[pay_cols].sum(axis=1) / (raw[bill_cols].sum(axis=1).abs() + 1)
    raw["util"] = raw["BILL_AMT1"] / raw["LIMIT_BAL"]
    raw["months_late"] = (raw[[f"PAY_{i}" for i in (0, 2, 3, 4, 5, 6)]] > 0).sum(axis=1)
    return raw


df = load_credit()
target = df.pop("default")
df = df.drop(columns=["ID"])

dev_X, hold_X, dev_y, hold_y = train_test_split(df, target, test_size=0.25, stratify=target, random_state=11)

booster = xgb.XGBClassifier(**PARAMS, random_state=11)
booster.fit(dev_X, dev_y, eval_set=[(hold_X, hold_y)], verbose=200)  # expect: LL202
print("best iteration:", booster.best_iteration)

hold_auc = roc_auc_score(hold_y, booster.predict_proba(hold_X)[:, 1])
print(f"holdout AUC: {hold_auc:.4f}")

imp = pd.Series(booster.feature_importances_, index=dev_X.columns).sort_values(ascending=False)
print(imp.head(15))
