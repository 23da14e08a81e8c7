# ECON 590 problem set 5: multinomial logit on the Palmer penguins
import numpy as np
import seaborn as sns
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, PolynomialFeatures, StandardScaler

penguins = sns.load_dataset("penguins").dropna()

# species names -> integer codes
le = LabelEncoder()
species = le.fit_transform(penguins["species"])

measures = penguins[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]].to_numpy()
measures = np.log1p(measures)

# pairwise interactions; no parameters are learned from the data here
poly = PolynomialFeatures(degree=2, include_bias=False)
expanded = poly.fit_transform(measures)

ex_tr, ex_te, sp_tr, sp_te = train_test_split(expanded, species, test_size=0.3, stratify=species, random_state=1)

scaler = StandardScaler()
ex_tr = scaler.fit_transform(ex_tr)
ex_te = scaler.transform(ex_te)

logit = LogisticRegression(C=1.0, max_iter=5000)
logit.fit(ex_tr, sp_tr)

print("train accuracy:", round(logit.score(ex_tr, sp_tr), 3))
print("test accuracy: ", round(logit.score(ex_te, sp_te), 3))
print(classification_report(sp_te, logit.predict(ex_te), target_names=le.classes_))

names = poly.get_feature_names_out(["bill_len", "bill_depth", "flipper", "mass"])
for cls, row in zip(le.classes_, logit.coef_):
    top = np.argsort(np.abs(row))[::-1][:3]
    print(cls, [names[i] for i in top])
