import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = 17
COLS = ["age", "workclass", "fnlwgt", "education", "education_num", "marital_status", "occupation",
        "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week", "native_country", "income"]

adult = pd.read_csv("data/adult.data", names=COLS, na_values="?", skipinitialspace=True)
y = (adult.pop("income") == ">50K").astype(int)
X = adult.drop(columns=["fnlwgt", "education"])

categorical = X.select_dtypes(include="object").columns.tolist()
numeric = X.select_dtypes(exclude="object").columns.tolist()

preprocess = ColumnTransformer([
    ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
])
model = Pipeline([("prep", preprocess), ("clf", LogisticRegression(C=1.0, max_iter=3000))])

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
res = cross_validate(model, X, y, cv=cv, scoring=["accuracy", "roc_auc", "f1"], return_train_score=True)
for metric in ("accuracy", "roc_auc", "f1"):
    test_scores = res[f"test_{metric}"]
    print(f"{metric:>8}: {np.mean(test_scores):.4f} +/- {np.std(test_scores):.4f}  (train {np.mean(res[f'train_{metric}']):.4f})")
