"""A small PyTorch training loop: random_split, a shuffling DataLoader, dropout."""
import random

import numpy as np
import torch
from _digest import digest, print_rng_states
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(5)
np.random.seed(5)
random.seed(5)
X = torch.randn(256, 6)
y = (X[:, 0] - X[:, 1] > 0).long()
train_set, test_set = random_split(TensorDataset(X, y), [192, 64])
model = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 2))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(3):
    for xb, yb in DataLoader(train_set, batch_size=32, shuffle=True):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
    print("epoch", epoch, "loss", repr(round(loss.item(), 8)))
model.eval()
with torch.no_grad():
    xt = torch.stack([test_set[i][0] for i in range(len(test_set))])
    yt = torch.stack([test_set[i][1] for i in range(len(test_set))])
    logits = model(xt)
print("acc", repr((logits.argmax(1) == yt).float().mean().item()), "logits", digest(logits.numpy()))
print_rng_states()
