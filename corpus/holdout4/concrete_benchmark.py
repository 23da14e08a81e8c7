"""Benchmark a handful of regressors on the concrete compressive strength data."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

COLUMNS = ["cement", "slag", "fly_ash", "water", "superplasticizer", "coarse_agg", "fine_agg", "age", "strength"]


def make_models():
    return {
        "ols": LinearRegression(),
        "ridge": Ridge(alpha=1.0),
        "knn": make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=7)),
        "rf": RandomForestRegressor(n_estimators=300, random_state=0),
        "gbr": GradientBoostingRegressor(random_state=0),
        "svr": make_pipeline(StandardScaler(), SVR(C=30.0, epsilon=0.5)),
    }


def main():
    concrete = pd.read_excel("data/Concrete_Data.xls")
    concrete.columns = COLUMNS
    concrete["w_c_ratio"] = concrete["water"] / concrete["cement"]
    concrete["log_age"] = np.log1p(concrete["age"])
    strength = concrete.pop("strength")

    a_X, b_X, a_y, b_y = train_test_split(concrete, strength, test_size=0.25)  # expect: LL401
    np.random.seed(0)

    rows = []
    for name, est in make_models().items():
        est.fit(a_X, a_y)
        pred = est.predict(b_X)
        rows.append({"model": name, "rmse": mean_squared_error(b_y, pred) ** 0.5, "r2": r2_score(b_y, pred)})  # expect: LL204

    table = pd.DataFrame(rows).set_index("model")
    print(table.to_markdown(floatfmt=".3f"))


if __name__ == "__main__":
    main()
