"""Telco customer churn -- ColumnTransformer + HistGradientBoosting."""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import RocCurveDisplay, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder


@dataclass
class Settings:
    path: str = "data/WA_Fn-UseC_-Telco-Customer-Churn.csv"
    label: str = "Churn"
    id_col: str = "customerID"
    seed: int = 21
    cats: list = field(
        default_factory=lambda: [
            "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
            "OnlineSecurity", "TechSupport", "Contract", "PaperlessBilling", "PaymentMethod",
        ]
    )


def load(cfg):
    telco = pd.read_csv(cfg.path)
    telco["TotalCharges"] = pd.to_numeric(telco["TotalCharges"], errors="coerce")
    telco["avg_monthly"] = telco["TotalCharges"] / telco["tenure"].replace(0, np.nan)
    telco["charge_gap"] = telco["MonthlyCharges"] - telco["avg_monthly"]
    telco[cfg.label] = (telco[cfg.label] == "Yes").astype(int)
    return telco


def model_for(cfg):
    enc = make_column_transformer(
        (OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), cfg.cats),
        remainder="passthrough",
    )
    n_cat = len(cfg.cats)
    return make_pipeline(
        enc,
        HistGradientBoostingClassifier(categorical_features=list(range(n_cat)), random_state=cfg.seed),
    )


def main():
    cfg = Settings()
    telco = load(cfg)
    inputs = telco.drop(columns=[cfg.label, cfg.id_col])
    churn = telco[cfg.label]
    in_tr, in_te, ch_tr, ch_te = train_test_split(inputs, churn, test_size=0.2, stratify=churn, random_state=cfg.seed)

    clf = model_for(cfg).fit(in_tr, ch_tr)
    proba = clf.predict_proba(in_te)[:, 1]
    print(f"test ROC AUC: {roc_auc_score(ch_te, proba):.4f}")
    RocCurveDisplay.from_predictions(ch_te, proba).figure_.savefig("roc_telco.png")


if __name__ == "__main__":
    main()
