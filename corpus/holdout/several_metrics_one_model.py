"""Imitates a healthcare-analytics blog post (stroke prediction): one final logistic-regression
pipeline evaluated on the test split with a battery of metrics -- accuracy, precision, recall,
F1, ROC AUC, PR AUC, log loss, a confusion matrix and ROC/PR curves -- plus its training
accuracy for comparison."""
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, classification_report, confusion_matrix,
                             f1_score, log_loss, precision_score, recall_score, roc_auc_score, RocCurveDisplay,
                             PrecisionRecallDisplay)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

stroke = pd.read_csv("healthcare-dataset-stroke-data.csv").drop(columns=["id"])
print(stroke["stroke"].value_counts())
print(stroke.isna().mean())

categorical = ["gender", "ever_married", "work_type", "Residence_type", "smoking_status"]
numerical = ["age", "hypertension", "heart_disease", "avg_glucose_level", "bmi"]
X, y = stroke[categorical + numerical], stroke["stroke"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=101)

preprocess = ColumnTransformer([
    ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), numerical),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
])
logit = Pipeline([("prep", preprocess), ("lr", LogisticRegression(class_weight="balanced", max_iter=1000))])
logit.fit(X_train, y_train)

proba = logit.predict_proba(X_test)[:, 1]
pred = logit.predict(X_test)
print("train accuracy :", accuracy_score(y_train, logit.predict(X_train)))
print("test accuracy  :", accuracy_score(y_test, pred))
print("precision      :", precision_score(y_test, pred))
print("recall         :", recall_score(y_test, pred))
print("F1             :", f1_score(y_test, pred))
print("ROC AUC        :", roc_auc_score(y_test, proba))
print("PR AUC         :", average_precision_score(y_test, proba))
print("log loss       :", log_loss(y_test, proba))
print(confusion_matrix(y_test, pred))
print(classification_report(y_test, pred, digits=3))

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 5))
RocCurveDisplay.from_predictions(y_test, proba, ax=ax1)
PrecisionRecallDisplay.from_predictions(y_test, proba, ax=ax2)
plt.tight_layout()
plt.show()
