"""Imitates a Spaceship Titanic CatBoost kernel done correctly: the target
"Transported" is popped off before select_dtypes builds the feature matrix, the model is
checked on a stratified hold-out from train.csv, then refit on everything for the submission."""
import numpy as np
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

SEED = 17
train = pd.read_csv("/kaggle/input/spaceship-titanic/train.csv")
test = pd.read_csv("/kaggle/input/spaceship-titanic/test.csv")
print(train.describe(include="all").T.head(20))
print(train.groupby("HomePlanet")["Transported"].mean())

SPEND = ["RoomService", "FoodCourt", "ShoppingMall", "Spa", "VRDeck"]


def fe(df):
    df = df.copy()
    cabin = df["Cabin"].fillna("U/-1/U").str.split("/", expand=True)
    df["Deck"], df["Num"], df["Side"] = cabin[0], cabin[1].astype(float), cabin[2]
    df["Spend"] = df[SPEND].fillna(0).sum(axis=1)
    df["LogSpend"] = np.log1p(df["Spend"])
    df["CryoSleep"] = df["CryoSleep"].astype("float")
    df["VIP"] = df["VIP"].astype("float")
    for c in ["HomePlanet", "Destination", "Deck", "Side"]:
        df[c] = df[c].fillna("missing").astype(str)
    return df.drop(columns=["Name", "Cabin", "PassengerId"])


y = train.pop("Transported").astype(int)
X = fe(train)
X = X.select_dtypes(include=["number", "object"])
X_sub = fe(test)[X.columns]
cat_cols = X.select_dtypes("object").columns.tolist()

X_tr, X_ho, y_tr, y_ho = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)
cb = CatBoostClassifier(iterations=1500, depth=6, learning_rate=0.03, loss_function="Logloss", random_seed=SEED, verbose=300)
cb.fit(X_tr, y_tr, cat_features=cat_cols)
ho_proba = cb.predict_proba(X_ho)[:, 1]
print("hold-out accuracy: %.4f  AUC: %.4f" % (accuracy_score(y_ho, ho_proba > 0.5), roc_auc_score(y_ho, ho_proba)))

cb_full = CatBoostClassifier(iterations=1500, depth=6, learning_rate=0.03, loss_function="Logloss", random_seed=SEED, verbose=0)
cb_full.fit(X, y, cat_features=cat_cols)
pd.DataFrame({"PassengerId": test["PassengerId"], "Transported": cb_full.predict(X_sub).astype(bool)}).to_csv("submission.csv", index=False)
