"""Imitates an adaptation of the "Faces recognition using eigenfaces and SVMs" gallery
example: the eigenfaces (PCA) and the pixel scaler are computed on all the faces, and the SVM
is then tuned and scored by cross-validation on the projected data."""
import logging
from time import time

import matplotlib.pyplot as plt
from sklearn.datasets import fetch_lfw_people
from sklearn.decomposition import PCA
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from scipy.stats import loguniform

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

lfw_people = fetch_lfw_people(min_faces_per_person=70, resize=0.4)
n_samples, h, w = lfw_people.images.shape
X = lfw_people.data
y = lfw_people.target
target_names = lfw_people.target_names
print("Total dataset size: n_samples=%d, n_features=%d, n_classes=%d" % (n_samples, X.shape[1], target_names.shape[0]))

X = StandardScaler().fit_transform(X)  # expect: LL101

n_components = 150
t0 = time()
pca = PCA(n_components=n_components, svd_solver="randomized", whiten=True).fit(X)  # expect: LL101
print("done in %0.3fs" % (time() - t0))
eigenfaces = pca.components_.reshape((n_components, h, w))
X_pca = pca.transform(X)

param_grid = {"C": [1e3, 5e3, 1e4, 5e4, 1e5], "gamma": [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.1]}
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
clf = GridSearchCV(SVC(kernel="rbf", class_weight="balanced"), param_grid, cv=cv, n_jobs=-1)
clf = clf.fit(X_pca, y)
print("Best estimator found by grid search:")
print(clf.best_estimator_)
print("CV accuracy: %.3f" % clf.best_score_)

plt.figure(figsize=(8, 4))
for i in range(12):
    plt.subplot(3, 4, i + 1)
    plt.imshow(eigenfaces[i], cmap=plt.cm.gray)
    plt.xticks(())
    plt.yticks(())
plt.show()
