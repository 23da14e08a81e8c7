"""k-NN on the wine data with a hand-written cross-validation loop (lab 4)."""
import numpy as np
from sklearn.datasets import load_wine
from sklearn.decomposition import PCA
from sklearn.model_selection import StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler


def cross_validate(feats, labels, k=7, n_splits=5, seed=0):
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    scores = []
    oof = np.zeros_like(labels)
    for fold, (tr_idx, va_idx) in enumerate(folds.split(feats, labels)):
        f_tr, f_va = feats[tr_idx], feats[va_idx]
        scaler = StandardScaler().fit(f_tr)
        pca = PCA(n_components=0.95, random_state=seed).fit(scaler.transform(f_tr))
        z_tr = pca.transform(scaler.transform(f_tr))
        z_va = pca.transform(scaler.transform(f_va))
        knn = KNeighborsClassifier(n_neighbors=k).fit(z_tr, labels[tr_idx])
        oof[va_idx] = knn.predict(z_va)
        scores.append(knn.score(z_va, labels[va_idx]))
        print(f"fold {fold}: {pca.n_components_} components, acc {scores[-1]:.3f}")
    return np.array(scores), oof


if __name__ == "__main__":
    wine = load_wine()
    chem = np.log1p(wine.data)
    cultivar = wine.target
    scores, oof = cross_validate(chem, cultivar)
    print(f"mean accuracy {scores.mean():.3f} +/- {scores.std():.3f}")
    print("out-of-fold confusion:")
    print(np.array([[np.sum((cultivar == a) & (oof == b)) for b in range(3)] for a in range(3)]))
