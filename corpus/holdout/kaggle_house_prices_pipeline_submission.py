"""Imitates a House Prices kernel done carefully: train and test are concatenated only so that
pd.get_dummies produces the same columns, imputation and scaling live inside a Pipeline that is
cross-validated on train.csv, and the final model is refit on all of train.csv to write the
submission (test.csv has no SalePrice and is never scored)."""
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LassoCV, RidgeCV
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler

SEED = 2024
INPUT = "/kaggle/input/house-prices-advanced-regression-techniques/"

train = pd.read_csv(INPUT + "train.csv")
test = pd.read_csv(INPUT + "test.csv")
print(train.shape, test.shape)
print(train["SalePrice"].describe())
print("skew of SalePrice:", train["SalePrice"].skew())
print(train.select_dtypes("number").corrwith(train["SalePrice"]).sort_values(ascending=False).head(10))

# documented outliers
train = train[~((train["GrLivArea"] > 4000) & (train["SalePrice"] < 300000))].reset_index(drop=True)
y = np.log1p(train.pop("SalePrice"))
train_ids, test_ids = train.pop("Id"), test.pop("Id")

# concatenation only for a consistent one-hot layout
n_train = len(train)
all_data = pd.concat([train, test], axis=0, ignore_index=True)
for col in ["MSSubClass", "MoSold", "YrSold"]:
    all_data[col] = all_data[col].astype(str)
for col in ["PoolQC", "MiscFeature", "Alley", "Fence", "FireplaceQu", "GarageType", "BsmtQual"]:
    all_data[col] = all_data[col].fillna("None")
all_data["TotalSF"] = all_data["TotalBsmtSF"].fillna(0) + all_data["1stFlrSF"] + all_data["2ndFlrSF"]
all_data["TotalBath"] = all_data["FullBath"] + 0.5 * all_data["HalfBath"] + all_data["BsmtFullBath"].fillna(0) + 0.5 * all_data["BsmtHalfBath"].fillna(0)
all_data = pd.get_dummies(all_data, dummy_na=False)
X = all_data.iloc[:n_train]
X_sub = all_data.iloc[n_train:]
print(X.shape, X_sub.shape)

kf = KFold(n_splits=5, shuffle=True, random_state=SEED)


def rmse_cv(model):
    return np.sqrt(-cross_val_score(model, X, y, scoring="neg_mean_squared_error", cv=kf))


lasso = make_pipeline(SimpleImputer(strategy="median"), RobustScaler(), LassoCV(alphas=np.logspace(-4.5, -2, 30), max_iter=50000, random_state=SEED))
ridge = make_pipeline(SimpleImputer(strategy="median"), RobustScaler(), RidgeCV(alphas=np.logspace(-1, 2.5, 40)))

for name, model in [("lasso", lasso), ("ridge", ridge)]:
    s = rmse_cv(model)
    print(f"{name}: {s.mean():.4f} ({s.std():.4f})")

# blend of the two, refit on every training row for the submission
lasso.fit(X, y)
ridge.fit(X, y)
blend = 0.6 * np.expm1(lasso.predict(X_sub)) + 0.4 * np.expm1(ridge.predict(X_sub))
pd.DataFrame({"Id": test_ids, "SalePrice": blend}).to_csv("submission.csv", index=False)
