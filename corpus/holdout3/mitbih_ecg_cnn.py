"""1D-CNN heartbeat classifier on the MIT-BIH arrhythmia (Kaggle heartbeat) CSVs.

mitbih_train.csv / mitbih_test.csv: 187 samples per beat, last column = class (N, S, V, F, Q).
"""
import os
import time

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

CFG = {
    "data_dir": "input/heartbeat",
    "batch_size": 256,
    "epochs": 40,
    "lr": 1e-3,
    "weight_decay": 1e-4,
    "ckpt": "checkpoints/ecg_cnn_best.pt",
}
CLASSES = ["N", "S", "V", "F", "Q"]

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_split(name):
    df = pd.read_csv(os.path.join(CFG["data_dir"], name), header=None)
    x = torch.tensor(df.iloc[:, :-1].values, dtype=torch.float32).unsqueeze(1)
    y = torch.tensor(df.iloc[:, -1].values, dtype=torch.long)
    return TensorDataset(x, y)


class BeatNet(nn.Module):
    def __init__(self, n_classes=5):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, kernel_size=5, padding=2)
        self.conv2 = nn.Conv1d(32, 64, kernel_size=5, padding=2)
        self.conv3 = nn.Conv1d(64, 128, kernel_size=3, padding=1)
        self.pool = nn.MaxPool1d(2)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(128 * 23, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, n_classes))

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = self.pool(F.relu(self.conv3(x)))
        return self.head(x)


def train_one_epoch(model, loader, optimizer, criterion):
    model.train()
    total = 0.0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    return total / len(loader.dataset)


@torch.no_grad()
def accuracy(model, loader):
    model.eval()
    correct = 0
    for xb, yb in loader:
        pred = model(xb.to(device)).argmax(dim=1).cpu()
        correct += (pred == yb).sum().item()
    return correct / len(loader.dataset)


def main():
    train_ds = load_split("mitbih_train.csv")
    test_ds = load_split("mitbih_test.csv")
    train_loader = DataLoader(train_ds, batch_size=CFG["batch_size"], shuffle=True, num_workers=2)
    test_loader = DataLoader(test_ds, batch_size=1024)

    model = BeatNet(len(CLASSES)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=CFG["lr"], weight_decay=CFG["weight_decay"])
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=CFG["epochs"])
    criterion = nn.CrossEntropyLoss()

    os.makedirs(os.path.dirname(CFG["ckpt"]), exist_ok=True)
    best_acc, best_epoch = 0.0, -1
    for epoch in range(1, CFG["epochs"] + 1):
        t0 = time.time()
        train_loss = train_one_epoch(model, train_loader, optimizer, criterion)
        scheduler.step()
        test_acc = accuracy(model, test_loader)
        print(f"epoch {epoch:02d} loss {train_loss:.4f} test_acc {test_acc:.4f} ({time.time() - t0:.1f}s)")
        if test_acc > best_acc:  # expect: LL201
            best_acc, best_epoch = test_acc, epoch
            torch.save(model.state_dict(), CFG["ckpt"])

    print(f"best test accuracy {best_acc:.4f} at epoch {best_epoch}")


if __name__ == "__main__":
    main()
