# House Prices: Advanced Regression Techniques -- ridge on the log target
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.preprocessing import RobustScaler

INPUT = "../input/house-prices-advanced-regression-techniques"
train = pd.read_csv(f"{INPUT}/train.csv")
test = pd.read_csv(f"{INPUT}/test.csv")

# the two huge cheap houses from the data description
train = train[~((train["GrLivArea"] > 4000) & (train["SalePrice"] < 300000))].reset_index(drop=True)
y_log = np.log1p(train["SalePrice"])
n_train = len(train)

combined = pd.concat([train.drop(columns=["SalePrice"]), test], axis=0, ignore_index=True)
combined = combined.drop(columns=["Id"])

for col in ["PoolQC", "MiscFeature", "Alley", "Fence", "FireplaceQu", "GarageType", "BsmtQual"]:
    combined[col] = combined[col].fillna("None")
combined["TotalSF"] = combined["TotalBsmtSF"].fillna(0) + combined["1stFlrSF"] + combined["2ndFlrSF"]
combined["Age"] = combined["YrSold"] - combined["YearBuilt"]
combined["RemodAge"] = combined["YrSold"] - combined["YearRemodAdd"]
combined["MSSubClass"] = combined["MSSubClass"].astype(str)

for col in ["LotArea", "GrLivArea", "TotalSF", "1stFlrSF", "MasVnrArea"]:
    combined[col] = np.log1p(combined[col].clip(lower=0))

combined = pd.get_dummies(combined, dummy_na=True)
combined = combined.fillna(combined.median(numeric_only=True))  # expect: LL102
scaler = RobustScaler().fit(combined)  # expect: LL102

train_mat = scaler.transform(combined.iloc[:n_train])
sub_mat = scaler.transform(combined.iloc[n_train:])

model = Ridge(alpha=10.0)
model.fit(train_mat, y_log)
pred = np.expm1(model.predict(sub_mat))

submission = pd.DataFrame({"Id": test["Id"], "SalePrice": pred})
submission.to_csv("submission.csv", index=False)
print(submission.head())
