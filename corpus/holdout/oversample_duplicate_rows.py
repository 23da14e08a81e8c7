"""Imitates the "How to Handle Imbalanced Classes in Machine Learning" blog tutorial (balance
scale data): the minority class is up-sampled with sklearn.utils.resample (duplicated rows),
the frames are concatenated, and only afterwards is the data split for evaluation."""
import pandas as pd
import numpy as np
from sklearn.utils import resample
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, roc_auc_score, balanced_accuracy_score

df = pd.read_csv("balance-scale.data", names=["balance", "var1", "var2", "var3", "var4"])
print(df.head())
print(df["balance"].value_counts())

# Transform into binary classification
df["balance"] = [1 if b == "B" else 0 for b in df.balance]
print(df["balance"].value_counts())

# Separate majority and minority classes
df_majority = df[df.balance == 0]
df_minority = df[df.balance == 1]

# Upsample minority class
df_minority_upsampled = resample(df_minority, replace=True, n_samples=576, random_state=123)  # expect: LL301

# Combine majority class with upsampled minority class
df_upsampled = pd.concat([df_majority, df_minority_upsampled])
print(df_upsampled.balance.value_counts())

y = df_upsampled.balance
X = df_upsampled.drop("balance", axis=1)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=123)

clf_1 = LogisticRegression().fit(X_train, y_train)
pred_y_1 = clf_1.predict(X_test)
print(np.unique(pred_y_1))
print("accuracy:", accuracy_score(y_test, pred_y_1))
print("balanced accuracy:", balanced_accuracy_score(y_test, pred_y_1))
print("AUROC:", roc_auc_score(y_test, clf_1.predict_proba(X_test)[:, 1]))
