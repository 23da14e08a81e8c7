"""scikit-learn pipelines whose results depend on the global random state."""
import random

import numpy as np
from _digest import digest, print_rng_states
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

np.random.seed(7)
random.seed(7)
X, y = make_classification(n_samples=300, n_features=12, n_informative=5, random_state=3)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)  # global seed decides
forest = make_pipeline(StandardScaler(), SelectKBest(k=6), RandomForestClassifier(n_estimators=15))
forest.fit(X_train, y_train)  # no random_state: draws from the global numpy RNG
proba = forest.predict_proba(X_test)
print("forest auc", repr(roc_auc_score(y_test, proba[:, 1])))
print("forest proba", digest(proba))
grid = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()),
                    {"logisticregression__C": [0.1, 1.0]}, cv=KFold(3, shuffle=True))
grid.fit(X_train, y_train)
pred = grid.predict(X_test)
print("grid acc", repr(accuracy_score(y_test, pred)), "best", grid.best_params_)
print("cv", repr(cross_val_score(LogisticRegression(), X_train, y_train, cv=KFold(4, shuffle=True)).tolist()))
print("draw", repr(np.random.rand()), repr(random.random()))
print_rng_states()
