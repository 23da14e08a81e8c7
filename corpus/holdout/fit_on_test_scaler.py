"""Imitates research code for EEG/sensor activity recognition (UCI HAR-style arrays) where the
author normalises each split "independently": the training windows with a scaler fitted on
them, and the test windows with their own mean and standard deviation."""
import argparse

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import StandardScaler


def load_split(root, split):
    X = np.loadtxt(f"{root}/{split}/X_{split}.txt")
    y = np.loadtxt(f"{root}/{split}/y_{split}.txt").astype(int)
    subjects = np.loadtxt(f"{root}/{split}/subject_{split}.txt").astype(int)
    return X, y, subjects


def normalise_train(X):
    scaler = StandardScaler()
    return scaler.fit_transform(X), scaler


def normalise_test(X):
    # per-split z-scoring, "so the test distribution is centred too"
    return (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8)  # expect: LL102


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="UCI HAR Dataset")
    ap.add_argument("--trees", type=int, default=500)
    args = ap.parse_args()

    X_train, y_train, s_train = load_split(args.root, "train")
    X_test, y_test, s_test = load_split(args.root, "test")
    print("train subjects:", np.unique(s_train))
    print("test subjects:", np.unique(s_test))

    X_train, _ = normalise_train(X_train)
    X_test = normalise_test(X_test)

    clf = RandomForestClassifier(n_estimators=args.trees, n_jobs=-1, random_state=0)
    clf.fit(X_train, y_train)
    pred = clf.predict(X_test)
    print("accuracy %.4f  macro-F1 %.4f" % (accuracy_score(y_test, pred), f1_score(y_test, pred, average="macro")))


if __name__ == "__main__":
    main()
