"""Imitates the scikit-learn "working with text data" tutorial applied to the IMDB 50k reviews
CSV: the reviews are split first and the TfidfVectorizer lives inside a Pipeline, so its
vocabulary and idf weights are learned from the training reviews only (also within CV)."""
import re

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, classification_report
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline

reviews = pd.read_csv("data/IMDB Dataset.csv")
print(reviews.sentiment.value_counts())
reviews["review"] = reviews["review"].str.replace(r"<br\s*/?>", " ", regex=True)
reviews["len"] = reviews["review"].str.split().str.len()
print(reviews.groupby("sentiment")["len"].describe())

labels = (reviews["sentiment"] == "positive").astype(int)
docs_train, docs_test, y_train, y_test = train_test_split(reviews["review"], labels, test_size=0.25, random_state=1234)

text_clf = Pipeline([
    ("tfidf", TfidfVectorizer(sublinear_tf=True, strip_accents="unicode", token_pattern=r"(?u)\b\w\w+\b")),
    ("clf", SGDClassifier(loss="hinge", penalty="l2", alpha=1e-4, max_iter=20, random_state=42)),
])
params = {"tfidf__ngram_range": [(1, 1), (1, 2)], "tfidf__min_df": [1, 3], "clf__alpha": [1e-4, 1e-5]}
gs = GridSearchCV(text_clf, params, cv=3, n_jobs=-1)
gs.fit(docs_train, y_train)
print(gs.best_params_, round(gs.best_score_, 4))

predicted = gs.predict(docs_test)
print("test accuracy:", accuracy_score(y_test, predicted))
print(classification_report(y_test, predicted, target_names=["negative", "positive"]))
