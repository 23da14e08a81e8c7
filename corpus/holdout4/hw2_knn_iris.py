# Homework 2 -- nearest neighbours from scratch, compared with sklearn
import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier


class MyKNN:
    def __init__(self, k=5):
        self.k = k

    def fit(self, pts, tags):
        self.pts = np.asarray(pts, dtype=float)
        self.tags = np.asarray(tags)
        return self

    def predict(self, query):
        dists = ((query[:, None, :] - self.pts[None, :, :]) ** 2).sum(-1)
        nearest = np.argsort(dists, axis=1)[:, : self.k]
        votes = self.tags[nearest]
        return np.array([np.bincount(v).argmax() for v in votes])

    def score(self, query, truth):
        return float((self.predict(query) == truth).mean())


iris = load_iris()
pts_train, pts_test, tag_train, tag_test = train_test_split(
    iris.data, iris.target, test_size=0.3, stratify=iris.target, random_state=2
)

mine = MyKNN(k=5).fit(pts_train, tag_train)
ref = KNeighborsClassifier(n_neighbors=5).fit(pts_train, tag_train)

print("my kNN      train acc: %.3f   test acc: %.3f" % (mine.score(pts_train, tag_train), mine.score(pts_test, tag_test)))
# sanity check against the library implementation (should be ~1.0)
print("agreement with sklearn on test points:", np.mean(mine.predict(pts_test) == ref.predict(pts_test)))
