"""Biased matrix factorisation on MovieLens-1M in PyTorch.

80/10/10 random split of ratings with a seeded generator; ids are indexed from the
training ratings only and cold-start rows are dropped from validation/test.
"""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

SEED = 42
EMB = 64
EPOCHS = 20


class MF(nn.Module):
    def __init__(self, n_users, n_items, dim, global_mean):
        super().__init__()
        self.U = nn.Embedding(n_users, dim)
        self.V = nn.Embedding(n_items, dim)
        self.bu = nn.Embedding(n_users, 1)
        self.bi = nn.Embedding(n_items, 1)
        self.mu = nn.Parameter(torch.tensor([global_mean]), requires_grad=False)
        for emb in (self.U, self.V):
            nn.init.normal_(emb.weight, std=0.05)
        nn.init.zeros_(self.bu.weight)
        nn.init.zeros_(self.bi.weight)

    def forward(self, u, i):
        return self.mu + self.bu(u).squeeze(1) + self.bi(i).squeeze(1) + (self.U(u) * self.V(i)).sum(1)


def to_tensors(frame, user_index, item_index):
    frame = frame[frame.user.isin(user_index) & frame.item.isin(item_index)]
    u = torch.tensor(frame.user.map(user_index).values, dtype=torch.long)
    i = torch.tensor(frame.item.map(item_index).values, dtype=torch.long)
    r = torch.tensor(frame.rating.values, dtype=torch.float32)
    return TensorDataset(u, i, r)


def rmse(model, loader):
    model.eval()
    se, n = 0.0, 0
    with torch.no_grad():
        for u, i, r in loader:
            se += ((model(u, i).clamp(1, 5) - r) ** 2).sum().item()
            n += len(r)
    return (se / n) ** 0.5


ratings = pd.read_csv("data/ml-1m/ratings.dat", sep="::", engine="python", names=["user", "item", "rating", "ts"])
rng = np.random.default_rng(SEED)
order = rng.permutation(len(ratings))
n = len(order)
train_r = ratings.iloc[order[: int(0.8 * n)]]
val_r = ratings.iloc[order[int(0.8 * n): int(0.9 * n)]]
test_r = ratings.iloc[order[int(0.9 * n):]]

user_index = {u: k for k, u in enumerate(train_r.user.unique())}
item_index = {m: k for k, m in enumerate(train_r.item.unique())}
train_ds = to_tensors(train_r, user_index, item_index)
val_ds = to_tensors(val_r, user_index, item_index)
test_ds = to_tensors(test_r, user_index, item_index)

torch.manual_seed(SEED)
model = MF(len(user_index), len(item_index), EMB, float(train_r.rating.mean()))
opt = torch.optim.Adam(model.parameters(), lr=5e-3, weight_decay=1e-5)
train_loader = DataLoader(train_ds, batch_size=4096, shuffle=True)
val_loader = DataLoader(val_ds, batch_size=65536)
test_loader = DataLoader(test_ds, batch_size=65536)

best_val, best_state, patience = float("inf"), None, 0
for epoch in range(EPOCHS):
    model.train()
    for u, i, r in train_loader:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(u, i), r)
        loss.backward()
        opt.step()
    v = rmse(model, val_loader)
    print(f"epoch {epoch + 1}: val RMSE {v:.4f}")
    if v < best_val - 1e-4:
        best_val, best_state, patience = v, {k: t.clone() for k, t in model.state_dict().items()}, 0
    else:
        patience += 1
        if patience == 3:
            break

model.load_state_dict(best_state)
print(f"test RMSE: {rmse(model, test_loader):.4f}")
