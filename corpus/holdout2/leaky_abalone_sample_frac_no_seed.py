import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error
from sklearn.neighbors import KNeighborsRegressor

df = pd.read_csv("data/abalone.csv")
df = pd.get_dummies(df, columns=["Sex"], dtype=float)
df["age"] = df["Rings"] + 1.5
feats = [c for c in df.columns if c not in ("Rings", "age")]

train = df.sample(frac=0.8)  # expect: LL401
test = df.drop(train.index)

mu, sd = train[feats].mean(), train[feats].std()
Xtr = (train[feats] - mu) / sd
Xte = (test[feats] - mu) / sd

knn = KNeighborsRegressor(n_neighbors=15, weights="distance")
knn.fit(Xtr, train["age"])
rmse = np.sqrt(mean_squared_error(test["age"], knn.predict(Xte)))
print(f"test RMSE: {rmse:.3f} years")
