import argparse

import joblib
import pandas as pd
from sklearn.base import clone
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/ENB2012_data.csv")
    ap.add_argument("--no-refit", action="store_true")
    args = ap.parse_args()

    df = pd.read_csv(args.data)
    X, y = df.drop(columns=["Y1", "Y2"]), df["Y1"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=8)

    pipe = Pipeline([("scale", StandardScaler()), ("rf", RandomForestRegressor(random_state=8))])
    search = GridSearchCV(pipe, {"rf__n_estimators": [200, 500], "rf__max_features": [0.5, 1.0]}, cv=5, scoring="neg_mean_absolute_error")
    search.fit(X_train, y_train)
    print("heating load test MAE:", mean_absolute_error(y_test, search.predict(X_test)))

    if args.no_refit:
        return
    production = clone(search.best_estimator_).fit(X, y)
    joblib.dump(production, "heating_load_model.joblib")
    print("saved model refitted on all", len(X), "rows")


if __name__ == "__main__":
    main()
