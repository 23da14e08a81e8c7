"""Train the listing-price model, report the test error once, then refit on everything and ship."""
import json
import os

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SEED", "5"))
GRID = [
    {"n_estimators": 300, "max_features": 0.5, "min_samples_leaf": 1},
    {"n_estimators": 300, "max_features": 0.33, "min_samples_leaf": 3},
    {"n_estimators": 600, "max_features": 0.33, "min_samples_leaf": 5},
]


def load():
    listings = pd.read_csv("data/listings_clean.csv")
    listings = listings[listings["price"].between(10, 2000)]
    price = np.log(listings.pop("price"))
    return listings.drop(columns=["listing_id", "host_id"]), price


def main():
    X, y = load()
    dev_X, test_X, dev_y, test_y = train_test_split(X, y, test_size=0.15, random_state=SEED)
    fit_X, val_X, fit_y, val_y = train_test_split(dev_X, dev_y, test_size=0.2, random_state=SEED)

    val_scores = []
    for params in GRID:
        rf = RandomForestRegressor(**params, n_jobs=-1, random_state=SEED).fit(fit_X, fit_y)
        val_scores.append(mean_absolute_error(val_y, rf.predict(val_X)))
        print(params, "val MAE", round(val_scores[-1], 4))
    best = GRID[int(np.argmin(val_scores))]

    chosen = RandomForestRegressor(**best, n_jobs=-1, random_state=SEED).fit(dev_X, dev_y)
    test_mae = mean_absolute_error(test_y, chosen.predict(test_X))
    print("chosen", best, "test MAE (log price):", round(test_mae, 4))

    # production model: same settings, all labelled rows, not evaluated again
    prod = RandomForestRegressor(**best, n_jobs=-1, random_state=SEED).fit(X, y)
    os.makedirs("artifacts", exist_ok=True)
    joblib.dump(prod, "artifacts/price_rf.joblib")
    with open("artifacts/metrics.json", "w") as fh:
        json.dump({"params": best, "test_mae_log": test_mae}, fh)


if __name__ == "__main__":
    main()
