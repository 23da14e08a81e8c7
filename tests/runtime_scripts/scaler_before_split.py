"""Leak: the scaler learns its statistics on all rows, test rows included, before the split."""
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=400, n_features=8, random_state=0)
X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
print(f"accuracy {accuracy_score(y_test, model.predict(X_test)):.6f}")
