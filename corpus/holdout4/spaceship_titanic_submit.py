# Spaceship Titanic -- logistic regression baseline + submission
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA = "/kaggle/input/spaceship-titanic"
SPEND = ["RoomService", "FoodCourt", "ShoppingMall", "Spa", "VRDeck"]
CATS = ["HomePlanet", "CryoSleep", "Destination", "VIP", "Deck", "Side"]

train = pd.read_csv(f"{DATA}/train.csv")
test = pd.read_csv(f"{DATA}/test.csv")
labels = train.pop("Transported").astype(int)
test_ids = test["PassengerId"]


def engineer(df):
    df = df.copy()
    cabin = df["Cabin"].str.split("/", expand=True)
    df["Deck"], df["Side"] = cabin[0], cabin[2]
    df["TotalSpend"] = df[SPEND].sum(axis=1)
    df["NoSpend"] = (df["TotalSpend"] == 0).astype(int)
    df["GroupMember"] = df["PassengerId"].str[5:].astype(int)
    return df.drop(columns=["PassengerId", "Name", "Cabin"])


# stack only so that both frames get the same dummy columns
stacked = pd.concat([engineer(train), engineer(test)], keys=["tr", "te"])
stacked = pd.get_dummies(stacked, columns=CATS, dummy_na=True)
tr = stacked.xs("tr")
te = stacked.xs("te")


def make_model():
    return make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(C=0.5, max_iter=3000))


fit_X, val_X, fit_y, val_y = train_test_split(tr, labels, test_size=0.2, stratify=labels, random_state=17)
val_model = make_model().fit(fit_X, fit_y)
print("validation accuracy:", round(accuracy_score(val_y, val_model.predict(val_X)), 4))

final = make_model().fit(tr, labels)
sub = pd.DataFrame({"PassengerId": test_ids, "Transported": final.predict(te).astype(bool)})
sub.to_csv("submission.csv", index=False)
