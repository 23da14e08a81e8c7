# House Prices: Advanced Regression Techniques -- LightGBM with engineered features
import warnings

import lightgbm as lgb
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

warnings.filterwarnings("ignore")

params = dict(n_estimators=1500, learning_rate=0.02, num_leaves=31, subsample=0.8, subsample_freq=1, colsample_bytree=0.6, reg_lambda=1.0, random_state=42)

train = pd.read_csv("../input/house-prices-advanced-regression-techniques/train.csv")
print(train.shape)
print(train["SalePrice"].describe())

df = train.copy()
df["TotalSF"] = df["TotalBsmtSF"].fillna(0) + df["1stFlrSF"] + df["2ndFlrSF"]
df["HouseAge"] = df["YrSold"] - df["YearBuilt"]
df["RemodAge"] = df["YrSold"] - df["YearRemodAdd"]
df["TotalBath"] = df["FullBath"] + 0.5 * df["HalfBath"] + df["BsmtFullBath"].fillna(0) + 0.5 * df["BsmtHalfBath"].fillna(0)
df["PricePerSqft"] = df["SalePrice"] / df["GrLivArea"]  # expect: LL403
df["NbhdMeanPrice"] = df.groupby("Neighborhood")["SalePrice"].transform("mean")  # expect: LL101, LL403
df["HasPool"] = (df["PoolArea"] > 0).astype(int)

qual_map = {"Ex": 5, "Gd": 4, "TA": 3, "Fa": 2, "Po": 1}
for col in ["ExterQual", "KitchenQual", "BsmtQual", "HeatingQC"]:
    df[col] = df[col].map(qual_map).fillna(0)

features = [
    "OverallQual", "GrLivArea", "GarageCars", "TotalSF", "HouseAge", "RemodAge", "TotalBath",
    "ExterQual", "KitchenQual", "BsmtQual", "HeatingQC", "LotArea", "Fireplaces", "HasPool",
    "PricePerSqft", "NbhdMeanPrice",
]
X = df[features].fillna(0)
y = np.log1p(df["SalePrice"])

X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=42)

model = lgb.LGBMRegressor(**params)
model.fit(X_train, y_train)
rmse = np.sqrt(mean_squared_error(y_valid, model.predict(X_valid)))
print(f"RMSE on log(SalePrice): {rmse:.4f}")

imp = pd.Series(model.feature_importances_, index=features).sort_values()
imp.plot.barh(figsize=(6, 6), title="LightGBM split importance")
plt.tight_layout()
plt.savefig("importance.png")
