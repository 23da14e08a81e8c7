"""Predict final maths grade (G3) of Portuguese secondary-school students (UCI)."""
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split


def standardize(frame):
    """z-score every column (helper shared with the other course notebooks)"""
    return (frame - frame.mean()) / frame.std()  # expect: LL102


def load(path="student-mat.csv"):
    df = pd.read_csv(path, sep=";")
    binary = ["schoolsup", "famsup", "paid", "activities", "nursery", "higher", "internet", "romantic"]
    for col in binary:
        df[col] = (df[col] == "yes").astype(int)
    df = pd.get_dummies(df, columns=["school", "sex", "address", "famsize", "Pstatus", "Mjob", "Fjob", "reason", "guardian"], drop_first=True, dtype=float)
    return df


df = load()
print(df.shape)
print(df[["G1", "G2", "G3"]].corr())

y = df["G3"]
# G1/G2 are period grades -- too close to the outcome, leave them out
X = df.drop(columns=["G1", "G2"])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
X_train = standardize(X_train)
X_test = standardize(X_test)

reg = Ridge(alpha=10.0)
reg.fit(X_train, y_train)  # expect: LL403
pred = reg.predict(X_test)
print(f"R2  = {r2_score(y_test, pred):.3f}")
print(f"MAE = {mean_absolute_error(y_test, pred):.3f}")
coef = pd.Series(reg.coef_, index=X.columns).sort_values()
print(coef.tail(10))
