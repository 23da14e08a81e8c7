"""Imitates the popular House Prices "stacked regressions" style kernel: train and test
are concatenated into all_data, missing values are filled with statistics of the combined
frame, a RobustScaler is fitted on the combined frame, then the frame is cut back into
train/test and the models are cross-validated on train."""
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import seaborn as sns
from scipy import stats
from sklearn.linear_model import Lasso, ElasticNet
from sklearn.kernel_ridge import KernelRidge
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import KFold, cross_val_score
import warnings

warnings.filterwarnings("ignore")

train = pd.read_csv("../input/house-prices-advanced-regression-techniques/train.csv")
test = pd.read_csv("../input/house-prices-advanced-regression-techniques/test.csv")
print("train shape:", train.shape, "test shape:", test.shape)

train_ID = train["Id"]
test_ID = test["Id"]
train.drop("Id", axis=1, inplace=True)
test.drop("Id", axis=1, inplace=True)

# outliers (from the data documentation)
fig, ax = plt.subplots()
ax.scatter(x=train["GrLivArea"], y=train["SalePrice"])
plt.ylabel("SalePrice", fontsize=13)
plt.xlabel("GrLivArea", fontsize=13)
plt.show()
train = train.drop(train[(train["GrLivArea"] > 4000) & (train["SalePrice"] < 300000)].index)

sns.distplot(train["SalePrice"], fit=stats.norm)
train["SalePrice"] = np.log1p(train["SalePrice"])

ntrain = train.shape[0]
ntest = test.shape[0]
y_train = train.SalePrice.values
all_data = pd.concat((train, test)).reset_index(drop=True)
all_data.drop(["SalePrice"], axis=1, inplace=True)
print("all_data size is : {}".format(all_data.shape))

all_data_na = (all_data.isnull().sum() / len(all_data)) * 100
all_data_na = all_data_na.drop(all_data_na[all_data_na == 0].index).sort_values(ascending=False)[:30]
missing_data = pd.DataFrame({"Missing Ratio": all_data_na})
print(missing_data.head(20))

for col in ("PoolQC", "MiscFeature", "Alley", "Fence", "FireplaceQu", "GarageType", "GarageFinish", "GarageQual", "GarageCond"):
    all_data[col] = all_data[col].fillna("None")
for col in ("GarageYrBlt", "GarageArea", "GarageCars", "BsmtFinSF1", "BsmtFinSF2", "BsmtUnfSF", "TotalBsmtSF"):
    all_data[col] = all_data[col].fillna(0)

# LotFrontage: median of the neighborhood
all_data["LotFrontage"] = all_data.groupby("Neighborhood")["LotFrontage"].transform(lambda x: x.fillna(x.median()))  # expect: LL102

for col in ("MSZoning", "Electrical", "KitchenQual", "Exterior1st", "Exterior2nd", "SaleType"):
    all_data[col] = all_data[col].fillna(all_data[col].mode()[0])  # expect: LL102
all_data = all_data.drop(["Utilities"], axis=1)
all_data["Functional"] = all_data["Functional"].fillna("Typ")

all_data["MSSubClass"] = all_data["MSSubClass"].apply(str)
all_data["YrSold"] = all_data["YrSold"].astype(str)
all_data["MoSold"] = all_data["MoSold"].astype(str)
all_data["TotalSF"] = all_data["TotalBsmtSF"] + all_data["1stFlrSF"] + all_data["2ndFlrSF"]

for c in ["GrLivArea", "TotalSF", "LotArea", "1stFlrSF"]:
    all_data[c] = np.log1p(all_data[c])

all_data = pd.get_dummies(all_data)
print(all_data.shape)

num_cols = [c for c in all_data.columns if all_data[c].dtype != "uint8" and all_data[c].dtype != "bool"]
rs = RobustScaler()
all_data[num_cols] = rs.fit_transform(all_data[num_cols])  # expect: LL102

train = all_data[:ntrain]
test = all_data[ntrain:]

n_folds = 5


def rmsle_cv(model):
    kf = KFold(n_folds, shuffle=True, random_state=42).get_n_splits(train.values)
    rmse = np.sqrt(-cross_val_score(model, train.values, y_train, scoring="neg_mean_squared_error", cv=kf))
    return rmse


lasso = Lasso(alpha=0.0005, random_state=1)
ENet = ElasticNet(alpha=0.0005, l1_ratio=0.9, random_state=3)
KRR = KernelRidge(alpha=0.6, kernel="polynomial", degree=2, coef0=2.5)
GBoost = GradientBoostingRegressor(n_estimators=3000, learning_rate=0.05, max_depth=4, max_features="sqrt",
                                   min_samples_leaf=15, min_samples_split=10, loss="huber", random_state=5)

score = rmsle_cv(lasso)
print("\nLasso score: {:.4f} ({:.4f})\n".format(score.mean(), score.std()))
# score = rmsle_cv(ENet)
# print("ElasticNet score: {:.4f} ({:.4f})\n".format(score.mean(), score.std()))

lasso.fit(train.values, y_train)
preds = np.expm1(lasso.predict(test.values))
sub = pd.DataFrame({"Id": test_ID, "SalePrice": preds})
sub.to_csv("submission.csv", index=False)
