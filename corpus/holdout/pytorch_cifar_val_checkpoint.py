"""Imitates a cleaned-up CIFAR-10 training script: 5,000 training images are split off with a
seeded random_split as a validation set, the best checkpoint is chosen on validation accuracy,
and the official test set is evaluated once with the selected checkpoint."""
import argparse
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader, random_split

SEED = 0
torch.manual_seed(SEED)


class SmallCNN(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.c1 = nn.Conv2d(3, 64, 3, padding=1)
        self.c2 = nn.Conv2d(64, 128, 3, padding=1)
        self.c3 = nn.Conv2d(128, 256, 3, padding=1)
        self.bn1, self.bn2, self.bn3 = nn.BatchNorm2d(64), nn.BatchNorm2d(128), nn.BatchNorm2d(256)
        self.fc = nn.Linear(256, n_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.c1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.c2(x))), 2)
        x = F.relu(self.bn3(self.c3(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


@torch.no_grad()
def accuracy(model, loader, device):
    model.eval()
    hits = total = 0
    for xb, yb in loader:
        out = model(xb.to(device))
        hits += (out.argmax(1).cpu() == yb).sum().item()
        total += yb.numel()
    return hits / total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--lr", type=float, default=0.05)
    args = ap.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"

    norm = T.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))
    full_train = torchvision.datasets.CIFAR10("./data", train=True, download=True, transform=T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), norm]))
    test_set = torchvision.datasets.CIFAR10("./data", train=False, download=True, transform=T.Compose([T.ToTensor(), norm]))
    train_set, val_set = random_split(full_train, [45000, 5000], generator=torch.Generator().manual_seed(SEED))

    train_loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=256, num_workers=4)
    test_loader = DataLoader(test_set, batch_size=256, num_workers=4)

    model = SmallCNN().to(device)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * len(train_loader))

    best_val, best_state = 0.0, None
    for epoch in range(args.epochs):
        model.train()
        for xb, yb in train_loader:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad()
            F.cross_entropy(model(xb), yb).backward()
            opt.step()
            sched.step()
        val_acc = accuracy(model, val_loader, device)
        print(f"epoch {epoch:02d} val acc {val_acc:.4f}")
        if val_acc > best_val:
            best_val, best_state = val_acc, copy.deepcopy(model.state_dict())

    model.load_state_dict(best_state)
    print(f"best val acc {best_val:.4f}")
    print(f"test acc {accuracy(model, test_loader, device):.4f}")


if __name__ == "__main__":
    main()
