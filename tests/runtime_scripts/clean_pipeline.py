"""Clean: split first, fit the whole pipeline on the training rows, score once."""
import sys

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=400, n_features=8, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
pipe = make_pipeline(StandardScaler(), LogisticRegression())
cv = cross_val_score(pipe, X_train, y_train, cv=3)
pipe.fit(X_train, y_train)
pred = pipe.predict(X_test)
print(f"cv {cv.mean():.6f} accuracy {accuracy_score(y_test, pred):.6f} f1 {f1_score(y_test, pred):.6f}")
pipe.fit(X, y)  # refit on everything for deployment: never scored again, not a leak
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
