"""Imitates a Kaggle Titanic XGBoost kernel: a validation split carved from train.csv to check
the model, then the same pipeline refit on every labelled row to predict test.csv (unlabelled,
never scored) for the submission file."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from xgboost import XGBClassifier

SEED = 3

train_data = pd.read_csv("/kaggle/input/titanic/train.csv")
test_data = pd.read_csv("/kaggle/input/titanic/test.csv")
print(train_data.head())
women = train_data.loc[train_data.Sex == "female"]["Survived"]
print("% of women who survived:", sum(women) / len(women))
men = train_data.loc[train_data.Sex == "male"]["Survived"]
print("% of men who survived:", sum(men) / len(men))


def engineer(df):
    out = df.copy()
    out["Title"] = out["Name"].str.split(", ").str[1].str.split(".").str[0]
    out["Title"] = out["Title"].replace({"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"})
    out.loc[~out["Title"].isin(["Mr", "Mrs", "Miss", "Master"]), "Title"] = "Other"
    out["Family"] = out["SibSp"] + out["Parch"]
    out["TicketPrefix"] = out["Ticket"].str.extract(r"^([A-Za-z\./]+)", expand=False).fillna("NUM")
    return out


train_data = engineer(train_data)
test_data = engineer(test_data)

features = ["Pclass", "Sex", "Age", "Fare", "Embarked", "Title", "Family", "TicketPrefix"]
cats = ["Sex", "Embarked", "Title", "TicketPrefix"]
nums = ["Pclass", "Age", "Fare", "Family"]
X = train_data[features]
y = train_data["Survived"]

pre = ColumnTransformer([
    ("num", SimpleImputer(strategy="median"), nums),
    ("cat", Pipeline([("imp", SimpleImputer(strategy="most_frequent")), ("oh", OneHotEncoder(handle_unknown="ignore", min_frequency=10))]), cats),
])
model = Pipeline([("pre", pre), ("xgb", XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.03, subsample=0.9, colsample_bytree=0.8, random_state=SEED))])

X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)
model.fit(X_tr, y_tr)
print("validation accuracy:", accuracy_score(y_va, model.predict(X_va)))

# final model on all labelled passengers
model.fit(X, y)
predictions = model.predict(test_data[features])
output = pd.DataFrame({"PassengerId": test_data.PassengerId, "Survived": predictions})
output.to_csv("submission.csv", index=False)
print("Your submission was successfully saved!")
