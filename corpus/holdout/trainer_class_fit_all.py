"""Imitates class-based experiment code (bank marketing / term-deposit prediction): an
Experiment class keeps self.imputer and self.scaler; prepare() fits both on the full frame and
run() only then splits into train and test."""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import roc_auc_score, classification_report
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


@dataclass
class Config:
    path: str = "data/bank-additional-full.csv"
    target: str = "y"
    test_size: float = 0.2
    seed: int = 123
    n_estimators: int = 300
    drop: list = field(default_factory=lambda: ["duration"])


class Experiment:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.imputer = SimpleImputer(strategy="median")
        self.scaler = StandardScaler()
        self.model = GradientBoostingClassifier(n_estimators=cfg.n_estimators, random_state=cfg.seed)
        self.df = None

    def load(self):
        df = pd.read_csv(self.cfg.path, sep=";")
        df = df.drop(columns=self.cfg.drop)
        df = df.replace("unknown", np.nan)
        self.df = df
        return self

    def prepare(self, df):
        y = (df[self.cfg.target] == "yes").astype(int).values
        X = df.drop(columns=[self.cfg.target])
        X = pd.get_dummies(X, dummy_na=True)
        X = self.imputer.fit_transform(X)  # expect: LL101
        X = self.scaler.fit_transform(X)  # expect: LL101
        return X, y

    def run(self):
        X, y = self.prepare(self.df)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=self.cfg.test_size, stratify=y, random_state=self.cfg.seed)
        self.model.fit(X_tr, y_tr)
        proba = self.model.predict_proba(X_te)[:, 1]
        print("AUC: %.4f" % roc_auc_score(y_te, proba))
        print(classification_report(y_te, (proba > 0.5).astype(int)))
        return self


if __name__ == "__main__":
    Experiment(Config()).load().run()
