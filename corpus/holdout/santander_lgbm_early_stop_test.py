"""Imitates a Santander Customer Transaction Prediction LightGBM kernel that holds out 20%
of train.csv as a "test" set, and then passes that same hold-out to lgb.train as the
validation set for early stopping before reporting its AUC."""
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score
import matplotlib.pyplot as plt

random_state = 42
np.random.seed(random_state)

df_train = pd.read_csv("../input/santander-customer-transaction-prediction/train.csv")
df_test = pd.read_csv("../input/santander-customer-transaction-prediction/test.csv")
print(df_train.shape, df_test.shape)
print(df_train.target.value_counts())

features = [c for c in df_train.columns if c not in ["ID_code", "target"]]

# some magic count features
for var in features[:20]:
    df_train[var + "_sq"] = df_train[var] ** 2
feat_all = [c for c in df_train.columns if c not in ["ID_code", "target"]]

X_train, X_test, y_train, y_test = train_test_split(df_train[feat_all], df_train["target"], test_size=0.2, stratify=df_train["target"], random_state=random_state)

lgb_params = {
    "bagging_freq": 5,
    "bagging_fraction": 0.331,
    "boost_from_average": False,
    "boost": "gbdt",
    "feature_fraction": 0.0405,
    "learning_rate": 0.0083,
    "max_depth": -1,
    "metric": "auc",
    "min_data_in_leaf": 80,
    "num_leaves": 13,
    "num_threads": 8,
    "tree_learner": "serial",
    "objective": "binary",
    "verbosity": -1,
}

trn_data = lgb.Dataset(X_train, label=y_train)
val_data = lgb.Dataset(X_test, label=y_test)
evals_result = {}
clf = lgb.train(lgb_params, trn_data, 100000, valid_sets=[trn_data, val_data], callbacks=[lgb.early_stopping(3000), lgb.log_evaluation(1000), lgb.record_evaluation(evals_result)])  # expect: LL202

pred = clf.predict(X_test, num_iteration=clf.best_iteration)
print("Test AUC: {:.5f}".format(roc_auc_score(y_test, pred)))

lgb.plot_metric(evals_result, metric="auc")
plt.show()
imp = pd.DataFrame({"feature": feat_all, "gain": clf.feature_importance("gain")}).sort_values("gain", ascending=False)
print(imp.head(30))
