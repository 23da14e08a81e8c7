"""Imitates a Palmer Penguins classification tutorial: the species labels are encoded with a
LabelEncoder fitted on the whole target column (label vocabulary only), rows with missing
values dropped, and every feature transform fitted inside a pipeline after the split."""
import pandas as pd
import seaborn as sns
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, OneHotEncoder, StandardScaler

penguins = sns.load_dataset("penguins")
print(penguins.head())
print(penguins.isna().sum())
print(penguins.groupby("species")[["bill_length_mm", "flipper_length_mm", "body_mass_g"]].mean())

penguins = penguins.dropna(subset=["species", "bill_length_mm"])
label_enc = LabelEncoder()
y = label_enc.fit_transform(penguins["species"])
print(dict(zip(label_enc.classes_, range(len(label_enc.classes_)))))

num = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
cat = ["island", "sex"]
X = penguins[num + cat]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=8)

prep = make_column_transformer(
    (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
    (make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), cat),
)
clf = make_pipeline(prep, LogisticRegression(max_iter=1000))
clf.fit(X_train, y_train)
pred = clf.predict(X_test)
print("accuracy:", accuracy_score(y_test, pred))
print("macro F1:", f1_score(y_test, pred, average="macro"))
print(confusion_matrix(y_test, pred))
print("predicted species:", label_enc.inverse_transform(pred[:10]))
