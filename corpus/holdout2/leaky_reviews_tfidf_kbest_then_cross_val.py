"""Sentiment baseline for the product-review corpus: TF-IDF + chi2 + linear SVM."""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.svm import LinearSVC


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def main(path="data/reviews.jsonl", k=5000):
    rows = read_jsonl(path)

    def normalise(s):
        return " ".join(s.lower().split())

    texts = [normalise(r["review_text"]) for r in rows]
    labels = np.array([int(r["rating"] >= 4) for r in rows])

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True)
    X = vec.fit_transform(texts)  # expect: LL101
    selector = SelectKBest(chi2, k=min(int(k), X.shape[1]))
    X_sel = selector.fit_transform(X, labels)  # expect: LL101

    cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=13)
    scores = cross_val_score(LinearSVC(C=0.5), X_sel, labels, cv=cv, scoring="f1")
    print(f"F1 {scores.mean():.3f} +/- {scores.std():.3f}")
    return scores


if __name__ == "__main__":
    main(*sys.argv[1:3])
