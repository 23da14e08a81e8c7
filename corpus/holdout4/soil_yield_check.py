"""Sanity check for the field report: do the soil covariates explain yield per crop?"""
import sys

import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

COVARIATES = ["ph", "organic_matter", "nitrogen", "phosphorus", "potassium", "clay_pct", "rain_mm"]


def fit_and_report(plots, target="yield_t_ha"):
    reg = make_pipeline(StandardScaler(), Ridge(alpha=0.5))
    reg.fit(plots[COVARIATES], plots[target])
    fitted = reg.predict(plots[COVARIATES])
    r2 = r2_score(plots[target], fitted)  # expect: LL303
    coefs = pd.Series(reg[-1].coef_, index=COVARIATES)
    return r2, coefs


def main(path):
    field = pd.read_csv(path)
    field = field.dropna(subset=COVARIATES + ["yield_t_ha"])
    for crop, plots in field.groupby("crop"):
        if len(plots) < 30:
            continue
        r2, coefs = fit_and_report(plots)
        print(f"{crop:<10} n={len(plots):4d}  R2={r2:.2f}")
        print(coefs.round(3).to_string())
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/field_trials_2023.csv")
