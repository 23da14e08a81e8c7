"""Imitates a terse analysis script from a lab notebook (wine cultivar classification) with
unhelpful variable names: the training part is called `a`, the test part `b`, the scaled
training matrix `full` and the PCA output `everything` -- but every fit is on the training part
and the test part only goes through transform()."""
from sklearn.datasets import load_wine
from sklearn.decomposition import PCA
from sklearn.metrics import accuracy_score, balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

w = load_wine()
d, t = w.data, w.target
a, b, ya, yb = train_test_split(d, t, test_size=0.3, stratify=t, random_state=5)

sc = StandardScaler()
full = sc.fit_transform(a)
p = PCA(n_components=5, random_state=5)
everything = p.fit_transform(full)
print("explained:", p.explained_variance_ratio_.round(3), p.explained_variance_ratio_.sum())

b2 = p.transform(sc.transform(b))

m = SVC(C=2.0, kernel="rbf", gamma="scale")
m.fit(everything, ya)
out = m.predict(b2)
print("acc", accuracy_score(yb, out), "bal acc", balanced_accuracy_score(yb, out))
