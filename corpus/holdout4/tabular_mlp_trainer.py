"""PyTorch MLP on the California housing data with a train/val/test protocol."""
import copy

import numpy as np
import torch
from sklearn.datasets import fetch_california_housing
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

CFG = {"seed": 17, "epochs": 60, "lr": 2e-3, "batch": 256, "hidden": 128, "patience": 8}


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.net = nn.Sequential(
            nn.Linear(8, cfg["hidden"]), nn.ReLU(), nn.Linear(cfg["hidden"], cfg["hidden"]), nn.ReLU(),
            nn.Linear(cfg["hidden"], 1),
        )
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg["lr"], weight_decay=1e-4)
        self.loss_fn = nn.MSELoss()

    def epoch(self, loader):
        self.net.train()
        for xb, yb in loader:
            self.opt.zero_grad()
            self.loss_fn(self.net(xb).squeeze(-1), yb).backward()
            self.opt.step()

    @torch.no_grad()
    def mse(self, loader):
        self.net.eval()
        errs = [((self.net(xb).squeeze(-1) - yb) ** 2).sum().item() for xb, yb in loader]
        return sum(errs) / len(loader.dataset)

    def fit(self, train_dl, val_dl):
        best, best_state, waited = float("inf"), None, 0
        for ep in range(self.cfg["epochs"]):
            self.epoch(train_dl)
            val_mse = self.mse(val_dl)
            if val_mse < best:
                best, best_state, waited = val_mse, copy.deepcopy(self.net.state_dict()), 0
            else:
                waited += 1
                if waited >= self.cfg["patience"]:
                    break
        self.net.load_state_dict(best_state)
        return best


def main():
    torch.manual_seed(CFG["seed"])
    cal = fetch_california_housing()
    feats = torch.tensor(cal.data, dtype=torch.float32)
    target = torch.tensor(cal.target, dtype=torch.float32)
    full = TensorDataset(feats, target)
    n = len(full)
    n_test, n_val = int(0.15 * n), int(0.15 * n)
    train_ds, val_ds, test_ds = random_split(full, [n - n_val - n_test, n_val, n_test])

    tr_x = feats[train_ds.indices]
    mu, sd = tr_x.mean(0), tr_x.std(0)
    feats.sub_(mu).div_(sd)

    tr_dl = DataLoader(train_ds, batch_size=CFG["batch"], shuffle=True)
    va_dl = DataLoader(val_ds, batch_size=1024)
    te_dl = DataLoader(test_ds, batch_size=1024)

    trainer = Trainer(CFG)
    best_val = trainer.fit(tr_dl, va_dl)
    print(f"best val MSE {best_val:.4f}; test MSE {trainer.mse(te_dl):.4f}  (RMSE {np.sqrt(trainer.mse(te_dl)):.3f})")


if __name__ == "__main__":
    main()
