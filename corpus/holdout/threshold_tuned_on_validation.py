"""Imitates a fraud-scoring notebook-turned-script where the decision threshold is tuned the
right way: train / validation / test split, the F1-optimal threshold found on the validation
probabilities, then applied once to the test set."""
import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split

SEED = 99

tx = pd.read_csv("data/ieee_fraud_sample.csv")
print(tx.shape, tx["isFraud"].mean())
tx = tx.drop(columns=["TransactionID"])
for c in tx.select_dtypes("object").columns:
    tx[c] = tx[c].astype("category")

y = tx.pop("isFraud")
X_dev, X_test, y_dev, y_test = train_test_split(tx, y, test_size=0.2, stratify=y, random_state=SEED)
X_fit, X_val, y_fit, y_val = train_test_split(X_dev, y_dev, test_size=0.25, stratify=y_dev, random_state=SEED)

model = LGBMClassifier(n_estimators=700, learning_rate=0.03, num_leaves=64, colsample_bytree=0.7, subsample=0.8, subsample_freq=1, random_state=SEED, verbose=-1)
model.fit(X_fit, y_fit)

val_proba = model.predict_proba(X_val)[:, 1]
grid = np.linspace(0.05, 0.95, 91)
val_f1 = np.array([f1_score(y_val, val_proba >= t) for t in grid])
threshold = grid[val_f1.argmax()]
print(f"threshold chosen on validation: {threshold:.2f} (val F1 {val_f1.max():.4f})")

test_proba = model.predict_proba(X_test)[:, 1]
test_pred = test_proba >= threshold
print("test AUC      :", roc_auc_score(y_test, test_proba))
print("test F1       :", f1_score(y_test, test_pred))
print("test precision:", precision_score(y_test, test_pred))
print("test recall   :", recall_score(y_test, test_pred))
