"""Imitates a medical-insurance-charges regression script where the train and test frames are
drawn with two independent df.sample() calls (80% and 20%), so most test rows are also in the
training frame; the gradient-boosting model is then scored on the "test" frame."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score

SEED = 1

insurance = pd.read_csv("data/insurance.csv")
print(insurance.head())
print(insurance.describe())
print(insurance.groupby("smoker")["charges"].median())

insurance["sex"] = (insurance["sex"] == "male").astype(int)
insurance["smoker"] = (insurance["smoker"] == "yes").astype(int)
insurance = pd.get_dummies(insurance, columns=["region"], drop_first=True)
insurance["bmi_smoker"] = insurance["bmi"] * insurance["smoker"]
insurance["age2"] = insurance["age"] ** 2

test_df = insurance.sample(frac=0.2, random_state=SEED)
train_df = insurance.sample(frac=0.8, random_state=SEED + 1)
print(len(train_df), len(test_df))

features = [c for c in insurance.columns if c != "charges"]
gbr = GradientBoostingRegressor(n_estimators=400, max_depth=3, learning_rate=0.05, subsample=0.9, random_state=SEED)
gbr.fit(train_df[features], np.log(train_df["charges"]))  # expect: LL302

pred = np.exp(gbr.predict(test_df[features]))
print("MAE :", mean_absolute_error(test_df["charges"], pred))
print("R2  :", r2_score(test_df["charges"], pred))
