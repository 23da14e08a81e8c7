"""Imitates the corrected version of a credit-card-fraud kernel: the test split is set aside
first, SMOTE sits inside an imblearn Pipeline so it only ever resamples the training folds of
the grid search, and the chosen model is scored once on the untouched test split with several
metrics."""
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline as ImbPipeline
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, classification_report, confusion_matrix, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.preprocessing import RobustScaler

RANDOM_SEED = 0

df = pd.read_csv("../input/creditcardfraud/creditcard.csv")
print(df.shape)
print(df["Class"].value_counts())
print("fraud share: %.4f%%" % (100 * df["Class"].mean()))
print(df.groupby("Class")["Amount"].describe())

X = df.drop(columns=["Class"])
y = df["Class"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=RANDOM_SEED)

pipe = ImbPipeline([
    ("scale", RobustScaler()),
    ("smote", SMOTE(random_state=RANDOM_SEED)),
    ("clf", LogisticRegression(max_iter=2000, solver="liblinear")),
])
param_grid = {"smote__sampling_strategy": [0.05, 0.1, 0.3], "clf__C": [0.01, 0.1, 1.0], "clf__penalty": ["l1", "l2"]}
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=RANDOM_SEED)
search = GridSearchCV(pipe, param_grid, scoring="average_precision", cv=skf, n_jobs=-1, verbose=1)
search.fit(X_train, y_train)
print("best params:", search.best_params_)
print("best CV average precision: %.4f" % search.best_score_)

best = search.best_estimator_
proba = best.predict_proba(X_test)[:, 1]
pred = (proba >= 0.5).astype(int)
print(classification_report(y_test, pred, digits=4))
print(confusion_matrix(y_test, pred))
print("ROC AUC: %.4f" % roc_auc_score(y_test, proba))
print("Average precision: %.4f" % average_precision_score(y_test, proba))
