"""Imitates a Medium-style "Loan default prediction with Random Forest in Python" tutorial:
a train_test_split and a shuffled 10-fold KFold, neither with a random_state, so the reported
accuracy changes on every run."""
import pandas as pd
import numpy as np
import matplotlib.pyplot as plt
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split, KFold, cross_val_score
from sklearn.metrics import accuracy_score, classification_report

# Step 1: load the data
loans = pd.read_csv("loan_data.csv")
print(loans.info())
print(loans.describe())

# Step 2: quick look at the target
loans["not.fully.paid"].value_counts().plot(kind="bar")
plt.title("Not fully paid")
plt.show()

# Step 3: the 'purpose' column is categorical -> dummies
final_data = pd.get_dummies(loans, columns=["purpose"], drop_first=True)
X = final_data.drop("not.fully.paid", axis=1)
y = final_data["not.fully.paid"]

# Step 4: split
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.30)  # expect: LL401

# Step 5: train the forest
rfc = RandomForestClassifier(n_estimators=600)
rfc.fit(X_train, y_train)
predictions = rfc.predict(X_test)
print(classification_report(y_test, predictions))
print("Accuracy:", accuracy_score(y_test, predictions))

# Step 6: how stable is it? 10-fold cross-validation on the training part
kfold = KFold(n_splits=10, shuffle=True)  # expect: LL401
cv_scores = cross_val_score(RandomForestClassifier(n_estimators=200), X_train, y_train, cv=kfold, scoring="accuracy")
print("CV accuracy: %.3f (+/- %.3f)" % (cv_scores.mean(), cv_scores.std() * 2))
