"""German credit: one tuned model, one test AUC, and a bootstrap interval for it."""
import numpy as np
from sklearn.compose import make_column_selector, make_column_transformer
from sklearn.datasets import fetch_openml
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

SEED = 2024

X, y = fetch_openml("credit-g", version=1, as_frame=True, return_X_y=True)
y = (y == "bad").astype(int).to_numpy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)

pre = make_column_transformer(
    (OneHotEncoder(handle_unknown="ignore"), make_column_selector(dtype_include="category")),
    remainder="passthrough",
)
pipe = make_pipeline(pre, RandomForestClassifier(n_estimators=500, random_state=SEED))
search = GridSearchCV(pipe, {"randomforestclassifier__max_depth": [4, 8, None], "randomforestclassifier__min_samples_leaf": [1, 5]}, cv=5, scoring="roc_auc")
search.fit(X_train, y_train)

proba = search.predict_proba(X_test)[:, 1]
auc = roc_auc_score(y_test, proba)

rng = np.random.default_rng(SEED)
boot = []
for _ in range(2000):
    idx = rng.integers(0, len(y_test), len(y_test))
    if len(np.unique(y_test[idx])) < 2:
        continue
    boot.append(roc_auc_score(y_test[idx], proba[idx]))
lo, hi = np.percentile(boot, [2.5, 97.5])
print(f"test AUC {auc:.3f} (95% bootstrap CI {lo:.3f}-{hi:.3f}); params {search.best_params_}")
