"""Vibration fault classifier for the pump fleet.

Trained on the 2022 logs, evaluated on the 2023 logs.
"""
from dataclasses import dataclass

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score, confusion_matrix


@dataclass
class Config:
    train_csv: str = "data/pumps_2022.csv"
    eval_csv: str = "data/pumps_2023.csv"
    channels: tuple = ("rms_x", "rms_y", "rms_z", "kurtosis", "crest_factor", "temp_c")
    label: str = "fault"
    seed: int = 7


class PumpModel:
    def __init__(self, cfg):
        self.cfg = cfg
        self.clf = RandomForestClassifier(
            n_estimators=400, min_samples_leaf=3, random_state=cfg.seed, n_jobs=-1
        )
        self.mu = None
        self.sigma = None

    def _features(self, frame):
        return frame[list(self.cfg.channels)].to_numpy(dtype=float)

    def fit(self, frame):
        feats = self._features(frame)
        self.mu = feats.mean(axis=0)
        self.sigma = feats.std(axis=0) + 1e-9
        self.clf.fit((feats - self.mu) / self.sigma, frame[self.cfg.label].to_numpy())
        return self


def main():
    cfg = Config()
    train_frame = pd.read_csv(cfg.train_csv)
    eval_frame = pd.read_csv(cfg.eval_csv)
    model = PumpModel(cfg).fit(train_frame)

    eval_feats = eval_frame[list(cfg.channels)].to_numpy(dtype=float)
    eval_feats = (eval_feats - eval_feats.mean(axis=0)) / (eval_feats.std(axis=0) + 1e-9)  # expect: LL102
    pred = model.clf.predict(eval_feats)
    truth = eval_frame[cfg.label].to_numpy()
    print(f"balanced accuracy on 2023 pumps: {balanced_accuracy_score(truth, pred):.3f}")
    print(confusion_matrix(truth, pred))


if __name__ == "__main__":
    main()
