"""Imitates a quick Spaceship Titanic (Kaggle) LightGBM baseline: feature engineering on
Cabin/PassengerId, booleans cast to int, and the feature matrix built with select_dtypes,
which silently keeps the boolean target column "Transported"."""
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

train = pd.read_csv("/kaggle/input/spaceship-titanic/train.csv")
test = pd.read_csv("/kaggle/input/spaceship-titanic/test.csv")
print(train.shape, test.shape)
print(train["Transported"].value_counts(normalize=True))
print(train.isna().sum())

spend_cols = ["RoomService", "FoodCourt", "ShoppingMall", "Spa", "VRDeck"]


def add_features(df):
    df = df.copy()
    df[["Deck", "CabinNum", "Side"]] = df["Cabin"].str.split("/", expand=True)
    df["CabinNum"] = pd.to_numeric(df["CabinNum"], errors="coerce")
    df["Group"] = df["PassengerId"].str.split("_").str[0].astype(int)
    df[spend_cols] = df[spend_cols].fillna(0)
    df["TotalSpend"] = df[spend_cols].sum(axis=1)
    df["NoSpend"] = (df["TotalSpend"] == 0).astype(int)
    df["CryoSleep"] = df["CryoSleep"].map({True: 1, False: 0})
    df["VIP"] = df["VIP"].map({True: 1, False: 0})
    for c in ["HomePlanet", "Destination", "Deck", "Side"]:
        df[c] = df[c].astype("category")
    return df


train = add_features(train)
test = add_features(test)

X = train.select_dtypes(include=["number", "bool", "category"])
y = train["Transported"].astype(int)
print("features:", list(X.columns))

X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)

model = lgb.LGBMClassifier(n_estimators=500, learning_rate=0.03, num_leaves=31, subsample=0.8, colsample_bytree=0.8, random_state=42, verbose=-1)
model.fit(X_tr, y_tr)  # expect: LL403
va_pred = model.predict(X_va)
print("validation accuracy:", accuracy_score(y_va, va_pred))

imp = pd.Series(model.feature_importances_, index=X.columns).sort_values(ascending=False)
print(imp.head(15))
