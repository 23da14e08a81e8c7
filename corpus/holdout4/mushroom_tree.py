"""Mushroom edibility with a shallow decision tree (reproducible: global seed)."""
import random

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder
from sklearn.tree import DecisionTreeClassifier, export_text

random.seed(42)
np.random.seed(42)

shrooms = pd.read_csv("data/mushrooms.csv")
shrooms = shrooms.sample(frac=1).reset_index(drop=True)

# "e"/"p" -> 0/1; the encoder only learns the two label names
edible_enc = LabelEncoder()
poisonous = edible_enc.fit_transform(shrooms.pop("class"))

# one-hot of a single frame: no statistics involved
onehot = pd.get_dummies(shrooms, prefix_sep="=")

tr_rows, te_rows, tr_lab, te_lab = train_test_split(onehot, poisonous, test_size=0.25)

tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=10)
tree.fit(tr_rows, tr_lab)
pred = tree.predict(te_rows)

print("test accuracy:", accuracy_score(te_lab, pred))
print(confusion_matrix(te_lab, pred))
print(export_text(tree, feature_names=list(onehot.columns)))
