"""Imitates an ML-paper experiment script: a TF-IDF + two-layer MLP (PyTorch) on 20 Newsgroups
with the official train/test split, run over five seeds and reported as mean +- std of the test
accuracy, with no run singled out."""
import argparse
import json
import random

import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import fetch_20newsgroups
from sklearn.feature_extraction.text import TfidfVectorizer
from torch.utils.data import DataLoader, TensorDataset


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class MLP(nn.Module):
    def __init__(self, d_in, d_hidden, n_classes, p_drop=0.5):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, d_hidden), nn.ReLU(), nn.Dropout(p_drop), nn.Linear(d_hidden, n_classes))

    def forward(self, x):
        return self.net(x)


def to_tensor(sparse):
    return torch.tensor(sparse.toarray(), dtype=torch.float32)


def run_seed(seed, Xtr, ytr, Xte, yte, args):
    seed_everything(seed)
    model = MLP(Xtr.shape[1], args.hidden, int(ytr.max()) + 1)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-5)
    loss_fn = nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(Xtr, ytr), batch_size=args.bs, shuffle=True, generator=torch.Generator().manual_seed(seed))
    for _ in range(args.epochs):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(Xte).argmax(1) == yte).float().mean().item()
    return acc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--max-features", type=int, default=30000)
    args = ap.parse_args()

    train = fetch_20newsgroups(subset="train", remove=("headers", "footers", "quotes"))
    test = fetch_20newsgroups(subset="test", remove=("headers", "footers", "quotes"))
    vec = TfidfVectorizer(max_features=args.max_features, sublinear_tf=True, min_df=2)
    Xtr = to_tensor(vec.fit_transform(train.data))
    Xte = to_tensor(vec.transform(test.data))
    ytr, yte = torch.tensor(train.target), torch.tensor(test.target)

    accs = []
    for seed in args.seeds:
        acc = run_seed(seed, Xtr, ytr, Xte, yte, args)
        print(f"seed {seed}: test acc {acc:.4f}")
        accs.append(acc)
    mean, std = float(np.mean(accs)), float(np.std(accs, ddof=1))
    print(f"TF-IDF+MLP: {100 * mean:.2f} +- {100 * std:.2f}")
    with open("results_20news.json", "w") as f:
        json.dump({"seeds": args.seeds, "acc": accs, "mean": mean, "std": std}, f, indent=1)


if __name__ == "__main__":
    main()
