"""Seizure detection on the UCI 'Epileptic Seizure Recognition' data (Bonn EEG, 1 s segments).

Per-segment z-scoring (each segment by its own mean/std) and a small 1D CNN.
train / val / test = 70 / 15 / 15, the epoch is chosen on validation loss.
"""
import copy

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import f1_score, roc_auc_score
from torch.utils.data import DataLoader, TensorDataset, random_split

SEED = 99
EPOCHS = 25
BATCH = 128


class Trainer:
    def __init__(self, model, lr=1e-3, device="cpu"):
        self.model = model.to(device)
        self.device = device
        self.opt = torch.optim.Adam(model.parameters(), lr=lr)
        self.loss_fn = nn.BCEWithLogitsLoss()
        self.best_state = None
        self.best_val = float("inf")

    def _run(self, loader, train):
        self.model.train(train)
        total, n = 0.0, 0
        for xb, yb in loader:
            xb, yb = xb.to(self.device), yb.to(self.device)
            with torch.set_grad_enabled(train):
                loss = self.loss_fn(self.model(xb).squeeze(1), yb)
                if train:
                    self.opt.zero_grad()
                    loss.backward()
                    self.opt.step()
            total += loss.item() * len(xb)
            n += len(xb)
        return total / n

    def fit(self, train_loader, val_loader, epochs):
        for ep in range(epochs):
            tr = self._run(train_loader, True)
            va = self._run(val_loader, False)
            if va < self.best_val:
                self.best_val, self.best_state = va, copy.deepcopy(self.model.state_dict())
            print(f"epoch {ep:02d}  train {tr:.4f}  val {va:.4f}")
        self.model.load_state_dict(self.best_state)
        return self

    @torch.no_grad()
    def predict_proba(self, loader):
        self.model.eval()
        return torch.cat([torch.sigmoid(self.model(xb.to(self.device))).squeeze(1).cpu() for xb, _ in loader]).numpy()


def make_model():
    return nn.Sequential(
        nn.Conv1d(1, 16, 7, padding=3), nn.BatchNorm1d(16), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(16, 32, 5, padding=2), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(32, 64, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool1d(1),
        nn.Flatten(), nn.Linear(64, 1),
    )


df = pd.read_csv("data/Epileptic Seizure Recognition.csv")
signals = df.filter(regex=r"^X\d+$").to_numpy(dtype=np.float32)
labels = (df["y"] == 1).to_numpy(dtype=np.float32)
signals = (signals - signals.mean(axis=1, keepdims=True)) / (signals.std(axis=1, keepdims=True) + 1e-6)

full = TensorDataset(torch.from_numpy(signals).unsqueeze(1), torch.from_numpy(labels))
n_val = n_test = int(0.15 * len(full))
train_ds, val_ds, test_ds = random_split(full, [len(full) - n_val - n_test, n_val, n_test], generator=torch.Generator().manual_seed(SEED))

torch.manual_seed(SEED)
train_loader = DataLoader(train_ds, batch_size=BATCH, shuffle=True)
val_loader = DataLoader(val_ds, batch_size=512)
test_loader = DataLoader(test_ds, batch_size=512)

trainer = Trainer(make_model(), device="cuda" if torch.cuda.is_available() else "cpu").fit(train_loader, val_loader, EPOCHS)

p_test = trainer.predict_proba(test_loader)
y_test = torch.stack([y for _, y in test_ds]).numpy()
print(f"test AUC {roc_auc_score(y_test, p_test):.4f}  F1 {f1_score(y_test, p_test > 0.5):.4f}")
