"""Imitates an Amazon Employee Access / high-cardinality categorical tutorial: the
category_encoders TargetEncoder is fitted on all rows (with the labels) before the
train/test split, followed by a LightGBM classifier evaluated on the hold-out."""
import pandas as pd
import category_encoders as ce
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/amazon_employee_access/train.csv")
print(df.shape)
print(df.nunique())
print(df["ACTION"].value_counts(normalize=True))

target = "ACTION"
cat_features = [c for c in df.columns if c != target]
X = df[cat_features].astype(str)
y = df[target]

encoder = ce.TargetEncoder(cols=cat_features, smoothing=20, min_samples_leaf=10)
X_enc = encoder.fit_transform(X, y)  # expect: LL101
print(X_enc.head())

X_train, X_test, y_train, y_test = train_test_split(X_enc, y, test_size=0.25, stratify=y, random_state=2018)
clf = LGBMClassifier(n_estimators=400, learning_rate=0.03, num_leaves=40, random_state=2018, verbose=-1)
clf.fit(X_train, y_train)
print("ROC AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
