"""Bank customer churn -- LightGBM with early stopping on an inner validation split."""
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

RANDOM = 2024
TARGET = "Exited"
FEATS = [
    "CreditScore", "Geography", "Gender", "Age", "Tenure", "Balance",
    "NumOfProducts", "HasCrCard", "IsActiveMember", "EstimatedSalary", "balance_per_product",
]
PARAMS = {
    "objective": "binary",
    "metric": "auc",
    "learning_rate": 0.02,
    "num_leaves": 31,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "seed": RANDOM,
    "verbose": -1,
}

df = pd.read_csv("data/Churn_Modelling.csv")
df["balance_per_product"] = df["Balance"] / df["NumOfProducts"]
for col in ("Geography", "Gender"):
    df[col] = df[col].astype("category")

full_tr, test_part = train_test_split(df, test_size=0.2, stratify=df[TARGET], random_state=RANDOM)
core, val = train_test_split(full_tr, test_size=0.15, stratify=full_tr[TARGET], random_state=RANDOM)

dtrain = lgb.Dataset(core[FEATS], core[TARGET])
dvalid = lgb.Dataset(val[FEATS], val[TARGET], reference=dtrain)
booster = lgb.train(
    PARAMS,
    dtrain,
    num_boost_round=5000,
    valid_sets=[dvalid],
    callbacks=[lgb.early_stopping(200), lgb.log_evaluation(500)],
)
print("stopped at", booster.best_iteration)

test_pred = booster.predict(test_part[FEATS], num_iteration=booster.best_iteration)
print(f"test AUC: {roc_auc_score(test_part[TARGET], test_pred):.4f}")
