"""Imitates the scikit-learn gallery style "Sample pipeline for text feature extraction and
evaluation" adapted to a tabular task (adult census via fetch_openml): a ColumnTransformer +
HistGradientBoosting Pipeline tuned with GridSearchCV on the training split, then a single
score on the test split."""
from pprint import pprint
from time import time

from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.datasets import fetch_openml
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder

X, y = fetch_openml("adult", version=2, as_frame=True, return_X_y=True)
X = X.drop(columns=["fnlwgt", "education"])
y = (y == ">50K").astype(int)
print(X.dtypes)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

ordinal = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-1)
preprocessor = ColumnTransformer([("cat", ordinal, make_column_selector(dtype_include="category"))], remainder="passthrough", verbose_feature_names_out=False)
pipeline = Pipeline([
    ("pre", preprocessor),
    ("hgb", HistGradientBoostingClassifier(random_state=0)),
])
parameter_grid = {
    "hgb__learning_rate": (0.03, 0.1, 0.3),
    "hgb__max_leaf_nodes": (15, 31, 63),
    "hgb__l2_regularization": (0.0, 1.0),
}

grid_search = GridSearchCV(estimator=pipeline, param_grid=parameter_grid, n_jobs=2, cv=5, scoring="roc_auc", verbose=1)
print("Performing grid search...")
pprint(parameter_grid)
t0 = time()
grid_search.fit(X_train, y_train)
print(f"Done in {time() - t0:.3f}s")
print("Best parameters combination found:")
best_parameters = grid_search.best_estimator_.get_params()
for param_name in sorted(parameter_grid.keys()):
    print(f"{param_name}: {best_parameters[param_name]}")
print(f"Best CV ROC AUC: {grid_search.best_score_:.3f}")

test_auc = grid_search.score(X_test, y_test)
print(f"ROC AUC of the best parameters on the test set: {test_auc:.3f}")
