# House Prices (Kaggle) -- regularised linear model, everything inside one sklearn Pipeline.
# CV score on train.csv, then refit on all of train.csv and predict test.csv for submission.
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

SEED = 5
INPUT = "../input/house-prices-advanced-regression-techniques"
SKEWED = ["LotArea", "GrLivArea", "1stFlrSF", "MasVnrArea", "BsmtFinSF1", "WoodDeckSF", "OpenPorchSF"]


def add_features(df):
    df = df.copy()
    df["TotalSF"] = df[["TotalBsmtSF", "1stFlrSF", "2ndFlrSF"]].fillna(0).sum(axis=1)
    df["Age"] = df["YrSold"] - df["YearBuilt"]
    df["Remodeled"] = (df["YearRemodAdd"] != df["YearBuilt"]).astype(int)
    df["MSSubClass"] = df["MSSubClass"].astype(str)
    df["MoSold"] = df["MoSold"].astype(str)
    return df


train = pd.read_csv(f"{INPUT}/train.csv")
test = pd.read_csv(f"{INPUT}/test.csv")

y = np.log1p(train["SalePrice"])
X = add_features(train.drop(columns=["Id", "SalePrice"]))
X_sub = add_features(test.drop(columns=["Id"]))

log_tf = FunctionTransformer(np.log1p, feature_names_out="one-to-one")
numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
skewed = make_pipeline(SimpleImputer(strategy="median"), log_tf, StandardScaler())
categorical = make_pipeline(SimpleImputer(strategy="constant", fill_value="None"), OneHotEncoder(handle_unknown="ignore"))

pre = ColumnTransformer([
    ("skewed", skewed, SKEWED),
    ("num", numeric, [c for c in X.select_dtypes("number").columns if c not in SKEWED]),
    ("cat", categorical, make_column_selector(dtype_include=object)),
])
model = make_pipeline(pre, RidgeCV(alphas=np.logspace(-1, 3, 30)))

kf = KFold(n_splits=5, shuffle=True, random_state=SEED)
rmse = -cross_val_score(model, X, y, cv=kf, scoring="neg_root_mean_squared_error")
print(f"CV RMSE (log price): {rmse.mean():.4f} +/- {rmse.std():.4f}")

model.fit(X, y)
print("alpha:", model[-1].alpha_)
submission = pd.DataFrame({"Id": test["Id"], "SalePrice": np.expm1(model.predict(X_sub))})
submission.to_csv("submission.csv", index=False)
