"""Imitates a Titanic script with a long feature_engineering() helper: titles, family size,
cabin deck -- and, buried in the middle, Age imputed with the mean and Fare standardised with
the mean/std of the frame it receives, which is the full train.csv before the split."""
import re

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

TITLE_MAP = {"Mr": 0, "Miss": 1, "Mrs": 2, "Master": 3, "Rare": 4}


def get_title(name):
    m = re.search(r" ([A-Za-z]+)\.", name)
    return m.group(1) if m else ""


def feature_engineering(df):
    df = df.copy()
    df["Title"] = df["Name"].apply(get_title)
    df["Title"] = df["Title"].replace(["Lady", "Countess", "Capt", "Col", "Don", "Dr", "Major", "Rev", "Sir", "Jonkheer", "Dona"], "Rare")
    df["Title"] = df["Title"].replace({"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"})
    df["Title"] = df["Title"].map(TITLE_MAP).fillna(4)
    df["Sex"] = df["Sex"].map({"female": 1, "male": 0})
    df["FamilySize"] = df["SibSp"] + df["Parch"] + 1
    df["IsAlone"] = (df["FamilySize"] == 1).astype(int)
    df["Deck"] = df["Cabin"].fillna("U").str[0]
    df["HasCabin"] = df["Cabin"].notna().astype(int)
    df["Embarked"] = df["Embarked"].fillna("S").map({"S": 0, "C": 1, "Q": 2})
    df["Age"] = df["Age"].fillna(df["Age"].mean())  # expect: LL101
    df["Fare"] = (df["Fare"] - df["Fare"].mean()) / df["Fare"].std()  # expect: LL101
    df["AgeBand"] = pd.cut(df["Age"], bins=[0, 12, 18, 35, 60, 120], labels=False)
    df = pd.get_dummies(df, columns=["Deck"], prefix="Deck")
    df = df.drop(columns=["Name", "Ticket", "Cabin", "PassengerId"])
    return df


train = pd.read_csv("input/train.csv")
print(train.shape)
print(train.groupby("Sex")["Survived"].mean())

train = feature_engineering(train)
y = train["Survived"]
X = train.drop("Survived", axis=1)

X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=2)
rf = RandomForestClassifier(n_estimators=250, max_depth=7, min_samples_leaf=2, random_state=2)
rf.fit(X_train, y_train)
print("train acc:", accuracy_score(y_train, rf.predict(X_train)))
print("val acc:", accuracy_score(y_val, rf.predict(X_val)))
