# Lab 4: decision trees on the UCI mushroom data (edible vs poisonous)
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.tree import DecisionTreeClassifier, export_text

np.random.seed(42)

cols = ["class", "cap-shape", "cap-surface", "cap-color", "bruises", "odor", "gill-attachment", "gill-spacing", "gill-size", "gill-color", "stalk-shape", "stalk-root", "stalk-surface-above-ring", "stalk-surface-below-ring", "stalk-color-above-ring", "stalk-color-below-ring", "veil-type", "veil-color", "ring-number", "ring-type", "spore-print-color", "population", "habitat"]
mush = pd.read_csv("agaricus-lepiota.data", header=None, names=cols)
print(mush["class"].value_counts())

# Q1: how many values does each attribute take?
print(mush.nunique().sort_values())

features = mush.drop(columns=["class", "veil-type"])
target = (mush["class"] == "p").astype(int)

a, b, ya, yb = train_test_split(features, target, test_size=0.25)

tree = make_pipeline(OneHotEncoder(handle_unknown="ignore"), DecisionTreeClassifier(max_depth=4, random_state=0))
tree.fit(a, ya)

print("train accuracy:", tree.score(a, ya))
print("test accuracy :", accuracy_score(yb, tree.predict(b)))
print(confusion_matrix(yb, tree.predict(b)))

# Q2: which attribute does the root split on?
names = tree[0].get_feature_names_out(features.columns)
print(export_text(tree[-1], feature_names=list(names)))
