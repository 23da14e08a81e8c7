"""Imitates an Ames House Prices feature-engineering tutorial done cleanly: new features are
built only from other features (total area, age at sale, quality x area), the price-per-square-
foot ratio is computed on a separate copy just for a plot, the target is log-transformed, and
imputation/encoding are fitted inside a pipeline after the split."""
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

ames = pd.read_csv("data/train.csv")
ames = ames.drop(columns=["Id"])
print(ames.shape)

# EDA: price per square foot by neighbourhood (plot only)
eda = ames.assign(price_per_sf=ames["SalePrice"] / ames["GrLivArea"])
eda.groupby("Neighborhood")["price_per_sf"].median().sort_values().plot(kind="barh", figsize=(6, 9))
plt.show()

ames["TotalSF"] = ames["TotalBsmtSF"].fillna(0) + ames["1stFlrSF"] + ames["2ndFlrSF"]
ames["AgeAtSale"] = ames["YrSold"] - ames["YearBuilt"]
ames["RemodAge"] = ames["YrSold"] - ames["YearRemodAdd"]
ames["QualArea"] = ames["OverallQual"] * ames["GrLivArea"]
ames["TotalPorch"] = ames[["OpenPorchSF", "EnclosedPorch", "3SsnPorch", "ScreenPorch", "WoodDeckSF"]].sum(axis=1)
ames["HasGarage"] = ames["GarageArea"].fillna(0).gt(0).astype(int)
ames["MSSubClass"] = ames["MSSubClass"].astype(str)

y = np.log1p(ames["SalePrice"])
X = ames.drop(columns=["SalePrice"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1460)

prep = ColumnTransformer([
    ("num", SimpleImputer(strategy="median"), make_column_selector(dtype_include=np.number)),
    ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="NA"), OneHotEncoder(handle_unknown="ignore")), make_column_selector(dtype_include=object)),
])
gbr = make_pipeline(prep, GradientBoostingRegressor(n_estimators=1500, learning_rate=0.02, max_depth=3, subsample=0.8, random_state=1460))
gbr.fit(X_train, y_train)
rmse_log = mean_squared_error(y_test, gbr.predict(X_test)) ** 0.5
print(f"test RMSE on log(SalePrice): {rmse_log:.4f}")
