import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split


class MeanTargetEncoder:
    """Smoothed mean encoding; the category means come from the frame given to fit."""

    def __init__(self, cols, smoothing=20.0):
        self.cols = cols
        self.smoothing = smoothing

    def fit(self, frame, target):
        self.prior_ = target.mean()
        self.maps_ = {}
        for c in self.cols:
            stats = target.groupby(frame[c]).agg(["mean", "count"])
            w = stats["count"] / (stats["count"] + self.smoothing)
            self.maps_[c] = w * stats["mean"] + (1 - w) * self.prior_
        return self

    def transform(self, frame):
        out = frame.copy()
        for c in self.cols:
            out[c + "_te"] = out[c].map(self.maps_[c]).fillna(self.prior_)
        return out.drop(columns=self.cols)


CATS = ["neighbourhood", "room_type", "property_type"]
NUMS = ["accommodates", "bedrooms", "beds", "minimum_nights", "number_of_reviews"]

listings = pd.read_csv("data/airbnb_listings.csv", usecols=CATS + NUMS + ["price"]).dropna()
listings["log_price"] = np.log1p(listings["price"])

train, test = train_test_split(listings, test_size=0.2, random_state=99)
enc = MeanTargetEncoder(CATS).fit(train, train["log_price"])
X_train = enc.transform(train).drop(columns=["price", "log_price"])
X_test = enc.transform(test).drop(columns=["price", "log_price"])

ridge = Ridge(alpha=3.0).fit(X_train, train["log_price"])
rmse = mean_squared_error(test["log_price"], ridge.predict(X_test)) ** 0.5
print(f"test RMSE (log price): {rmse:.4f}")
