"""Imitates a Kaggle "IMDB Dataset of 50K Movie Reviews" sentiment kernel: HTML stripping,
stop-word removal, the TF-IDF vectorizer fitted on every review, then train_test_split and a
logistic regression with accuracy and a classification report."""
import re
import string

import numpy as np
import pandas as pd
from nltk.corpus import stopwords
from nltk.stem.porter import PorterStemmer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelBinarizer

imdb_data = pd.read_csv("../input/imdb-dataset-of-50k-movie-reviews/IMDB Dataset.csv")
print(imdb_data.shape)
print(imdb_data.head(10))
print(imdb_data.describe())
print(imdb_data["sentiment"].value_counts())

stop = set(stopwords.words("english"))
ps = PorterStemmer()


def denoise_text(text):
    text = re.sub(r"<.*?>", " ", text)
    text = re.sub(r"\[[^]]*\]", "", text)
    return text


def remove_special_characters(text):
    return re.sub(r"[^a-zA-Z0-9\s]", "", text)


def simple_stemmer(text):
    return " ".join(ps.stem(word) for word in text.split())


def remove_stopwords(text):
    return " ".join(w for w in text.split() if w.lower() not in stop)


imdb_data["review"] = imdb_data["review"].apply(denoise_text)
imdb_data["review"] = imdb_data["review"].apply(remove_special_characters)
imdb_data["review"] = imdb_data["review"].apply(simple_stemmer)
imdb_data["review"] = imdb_data["review"].apply(remove_stopwords)

lb = LabelBinarizer()
sentiment_data = lb.fit_transform(imdb_data["sentiment"]).ravel()

tv = TfidfVectorizer(min_df=2, max_df=0.9, use_idf=True, ngram_range=(1, 2), max_features=200000)
tv_reviews = tv.fit_transform(imdb_data["review"])  # expect: LL101
print("tfidf:", tv_reviews.shape)

train_reviews, test_reviews, train_sentiments, test_sentiments = train_test_split(tv_reviews, sentiment_data, test_size=0.2, random_state=42)

lr = LogisticRegression(penalty="l2", max_iter=500, C=2, random_state=42)
lr_tfidf = lr.fit(train_reviews, train_sentiments)
lr_tfidf_predict = lr.predict(test_reviews)
print("lr_tfidf_score :", accuracy_score(test_sentiments, lr_tfidf_predict))
print(classification_report(test_sentiments, lr_tfidf_predict, target_names=["Positive", "Negative"]))
print(confusion_matrix(test_sentiments, lr_tfidf_predict, labels=[1, 0]))
