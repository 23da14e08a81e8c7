"""Imitates a data-science blog post on "optimising the decision threshold" for Telco customer
churn: a gradient-boosting model, then the F1 score of every threshold on the test set, the
best threshold picked with argmax and the F1 at that threshold reported."""
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, precision_recall_curve, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

df = pd.read_csv("WA_Fn-UseC_-Telco-Customer-Churn.csv")
df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")
df = df.dropna(subset=["TotalCharges"])
df = df.drop(columns=["customerID"])
print(df["Churn"].value_counts(normalize=True))

y = (df.pop("Churn") == "Yes").astype(int)
cat_cols = df.select_dtypes("object").columns.tolist()
num_cols = df.select_dtypes(exclude="object").columns.tolist()

X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.25, stratify=y, random_state=7)

pre = ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), cat_cols)], remainder="passthrough")
clf = Pipeline([("pre", pre), ("gb", HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=7))])
clf.fit(X_train, y_train)

probs = clf.predict_proba(X_test)[:, 1]
print("AUC:", roc_auc_score(y_test, probs))
print("F1 @0.5:", f1_score(y_test, probs >= 0.5))

thresholds = np.arange(0.05, 0.95, 0.01)
f1s = [f1_score(y_test, (probs >= t).astype(int)) for t in thresholds]
best_t = thresholds[np.argmax(f1s)]  # expect: LL201
print(f"best threshold {best_t:.2f} -> F1 {f1_score(y_test, probs >= best_t):.4f}")

prec, rec, thr = precision_recall_curve(y_test, probs)
plt.plot(thresholds, f1s)
plt.axvline(best_t, color="r", linestyle="--")
plt.xlabel("threshold")
plt.ylabel("F1 on test")
plt.show()
