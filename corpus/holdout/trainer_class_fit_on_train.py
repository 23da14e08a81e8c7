"""Imitates class-based project code (employee attrition, IBM HR data): a Trainer object holds
self.encoder, self.scaler and self.model; fit() learns all three from the training frame and
evaluate() only calls transform() on the test frame."""
import logging

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

logger = logging.getLogger("attrition")
logging.basicConfig(level=logging.INFO)

CAT = ["BusinessTravel", "Department", "EducationField", "Gender", "JobRole", "MaritalStatus", "OverTime"]
DROP = ["EmployeeCount", "Over18", "StandardHours", "EmployeeNumber"]


class AttritionTrainer:
    def __init__(self, seed=11):
        self.seed = seed
        self.encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
        self.scaler = StandardScaler()
        self.model = RandomForestClassifier(n_estimators=500, class_weight="balanced", min_samples_leaf=3, random_state=seed)
        self.num_cols = None

    def _matrix(self, frame, fit):
        num = frame.drop(columns=CAT)
        if fit:
            self.num_cols = list(num.columns)
            return np.hstack([self.scaler.fit_transform(num), self.encoder.fit_transform(frame[CAT])])
        return np.hstack([self.scaler.transform(num[self.num_cols]), self.encoder.transform(frame[CAT])])

    def fit(self, X_frame, y):
        self.model.fit(self._matrix(X_frame, fit=True), y)
        return self

    def evaluate(self, X_frame, y):
        M = self._matrix(X_frame, fit=False)
        proba = self.model.predict_proba(M)[:, 1]
        pred = (proba >= 0.5).astype(int)
        return {"acc": accuracy_score(y, pred), "f1": f1_score(y, pred), "auc": roc_auc_score(y, proba)}


if __name__ == "__main__":
    hr = pd.read_csv("WA_Fn-UseC_-HR-Employee-Attrition.csv").drop(columns=DROP)
    logger.info("attrition rate %.3f", (hr["Attrition"] == "Yes").mean())
    target = (hr.pop("Attrition") == "Yes").astype(int)
    X_tr, X_te, y_tr, y_te = train_test_split(hr, target, test_size=0.2, stratify=target, random_state=11)
    trainer = AttritionTrainer().fit(X_tr, y_tr)
    logger.info("test metrics: %s", trainer.evaluate(X_te, y_te))
