"""Default of credit card clients (Taiwan, UCI) -- CatBoost + tuned decision threshold."""
import numpy as np
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.metrics import confusion_matrix, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split

SEED = 2020
TARGET = "default.payment.next.month"


def add_features(df):
    bills = [f"BILL_AMT{i}" for i in range(1, 7)]
    pays = [f"PAY_AMT{i}" for i in range(1, 7)]
    df = df.copy()
    df["util_1"] = df["BILL_AMT1"] / df["LIMIT_BAL"]
    df["bill_mean"] = df[bills].mean(axis=1)
    df["pay_mean"] = df[pays].mean(axis=1)
    df["pay_ratio"] = df["pay_mean"] / (df["bill_mean"].abs() + 1)
    df["n_late"] = (df[[f"PAY_{i}" for i in [0, 2, 3, 4, 5, 6]]] > 0).sum(axis=1)
    return df


raw = pd.read_csv("data/UCI_Credit_Card.csv")
df = add_features(raw.drop(columns=["ID"]))
y = df.pop(TARGET)
X = df
for c in ["SEX", "EDUCATION", "MARRIAGE"]:
    X[c] = X[c].astype(str)
cat_features = ["SEX", "EDUCATION", "MARRIAGE"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED, stratify=y)

model = CatBoostClassifier(iterations=3000, learning_rate=0.03, depth=6, l2_leaf_reg=5, eval_metric="AUC", random_seed=SEED, verbose=250)
model.fit(X_train, y_train, cat_features=cat_features, eval_set=(X_test, y_test), early_stopping_rounds=150, use_best_model=True)  # expect: LL202

proba = model.predict_proba(X_test)[:, 1]
print(f"AUC: {roc_auc_score(y_test, proba):.4f}")

thresholds = np.arange(0.05, 0.95, 0.01)
f1s = [f1_score(y_test, (proba >= t).astype(int)) for t in thresholds]
best_t = thresholds[np.argmax(f1s)]  # expect: LL201
y_hat = (proba >= best_t).astype(int)
print(f"threshold {best_t:.2f}  F1 {f1_score(y_test, y_hat):.4f}  P {precision_score(y_test, y_hat):.3f}  R {recall_score(y_test, y_hat):.3f}")
print(confusion_matrix(y_test, y_hat))
