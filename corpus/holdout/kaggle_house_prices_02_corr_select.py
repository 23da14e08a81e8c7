"""Imitates a beginner House Prices notebook exported to a script: EDA with a correlation
heatmap, the "top correlated features with SalePrice" chosen on the whole train.csv, mean
imputation on the whole frame, then a train_test_split and a few regressors reported on
the held-out part."""
import numpy as np
import pandas as pd
import seaborn as sns
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error, r2_score

df = pd.read_csv("data/train.csv")
print(df.head())
print(df.info())
print(df.describe().T)
print(df["SalePrice"].describe())

# --- EDA ---
plt.figure(figsize=(12, 9))
corrmat = df.corr(numeric_only=True)
sns.heatmap(corrmat, vmax=0.8, square=True)
plt.show()

print(df.isnull().sum().sort_values(ascending=False).head(20))

# drop the mostly-empty columns seen above
df = df.drop(columns=["PoolQC", "MiscFeature", "Alley", "Fence", "FireplaceQu", "Id"])

num_df = df.select_dtypes(include=[np.number])
num_df = num_df.fillna(num_df.mean())  # expect: LL101

# keep the 10 features most correlated with the target
top_corr = num_df.corr()["SalePrice"].abs().sort_values(ascending=False)[1:11].index.tolist()  # expect: LL101
print("selected features:", top_corr)

sns.pairplot(num_df[top_corr[:5] + ["SalePrice"]])
plt.show()

X = num_df[top_corr]
y = np.log(num_df["SalePrice"])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

lr = LinearRegression()
lr.fit(X_train, y_train)
pred = lr.predict(X_test)
print("RMSE (log):", np.sqrt(mean_squared_error(y_test, pred)))
print("R2:", r2_score(y_test, pred))

plt.scatter(y_test, pred, alpha=0.5)
plt.xlabel("actual")
plt.ylabel("predicted")
plt.show()
