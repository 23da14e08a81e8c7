"""Imitates a "spot-check algorithms" tutorial (Machine-Learning-Mastery style) on the Sonar
data, done properly: candidate pipelines compared with 10-fold cross-validation on the training
split, the winner chosen by its mean CV accuracy, and only that model scored on the test split."""
import numpy as np
import pandas as pd
from matplotlib import pyplot
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

seed = 7
dataset = pd.read_csv("sonar.all-data.csv", header=None)
print(dataset.shape)
print(dataset.groupby(60).size())
array = dataset.values
X = array[:, 0:60].astype(float)
Y = LabelEncoder().fit_transform(array[:, 60])

X_train, X_validation, Y_train, Y_validation = train_test_split(X, Y, test_size=0.20, random_state=seed, stratify=Y)

pipelines = []
pipelines.append(("ScaledLR", Pipeline([("Scaler", StandardScaler()), ("LR", LogisticRegression(max_iter=1000))])))
pipelines.append(("ScaledLDA", Pipeline([("Scaler", StandardScaler()), ("LDA", LinearDiscriminantAnalysis())])))
pipelines.append(("ScaledKNN", Pipeline([("Scaler", StandardScaler()), ("KNN", KNeighborsClassifier())])))
pipelines.append(("ScaledCART", Pipeline([("Scaler", StandardScaler()), ("CART", DecisionTreeClassifier(random_state=seed))])))
pipelines.append(("ScaledSVM", Pipeline([("Scaler", StandardScaler()), ("SVM", SVC())])))

results, names, means = [], [], []
for name, model in pipelines:
    kfold = StratifiedKFold(n_splits=10, shuffle=True, random_state=seed)
    cv_results = cross_val_score(model, X_train, Y_train, cv=kfold, scoring="accuracy")
    results.append(cv_results)
    names.append(name)
    means.append(cv_results.mean())
    print("%s: %f (%f)" % (name, cv_results.mean(), cv_results.std()))

fig = pyplot.figure()
fig.suptitle("Scaled Algorithm Comparison (10-fold CV on the training split)")
ax = fig.add_subplot(111)
pyplot.boxplot(results)
ax.set_xticklabels(names)
pyplot.show()

best_idx = int(np.argmax(means))
best_name, best_model = pipelines[best_idx]
print("selected by CV:", best_name)

best_model.fit(X_train, Y_train)
predictions = best_model.predict(X_validation)
print(accuracy_score(Y_validation, predictions))
print(confusion_matrix(Y_validation, predictions))
print(classification_report(Y_validation, predictions))
