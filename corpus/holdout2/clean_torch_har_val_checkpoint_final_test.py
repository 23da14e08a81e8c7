import copy

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

SEED = 11
BATCH = 128


def load_tensors(path="data/har_features.npz"):
    blob = np.load(path)
    X = torch.tensor(blob["X"], dtype=torch.float32)
    y = torch.tensor(blob["y"], dtype=torch.long)
    return TensorDataset(X, y)


@torch.no_grad()
def accuracy(model, loader):
    model.eval()
    hits = n = 0
    for xb, yb in loader:
        hits += (model(xb).argmax(-1) == yb).sum().item()
        n += len(yb)
    return hits / n


def main():
    ds = load_tensors()
    n = len(ds)
    n_val, n_test = int(0.15 * n), int(0.15 * n)
    gen = torch.Generator().manual_seed(SEED)
    train_ds, val_ds, test_ds = random_split(ds, [n - n_val - n_test, n_val, n_test], generator=gen)

    train_dl = DataLoader(train_ds, batch_size=BATCH, shuffle=True)
    val_dl = DataLoader(val_ds, batch_size=1024)
    test_dl = DataLoader(test_ds, batch_size=1024)

    model = nn.Sequential(nn.Linear(561, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 6))
    opt = torch.optim.Adam(model.parameters(), lr=3e-4)
    loss_fn = nn.CrossEntropyLoss()

    best_val, best_state, patience = 0.0, None, 0
    for epoch in range(100):
        model.train()
        for xb, yb in train_dl:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
        val_acc = accuracy(model, val_dl)
        if val_acc > best_val:
            best_val, best_state, patience = val_acc, copy.deepcopy(model.state_dict()), 0
        else:
            patience += 1
            if patience >= 10:
                break

    model.load_state_dict(best_state)
    print(f"best val acc {best_val:.4f}; test acc {accuracy(model, test_dl):.4f}")


if __name__ == "__main__":
    main()
