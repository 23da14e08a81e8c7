"""Oxford-IIIT Pet (37 breeds): fine-tune an ImageNet ResNet-50.

Official 'trainval' split -> 85% train / 15% validation (index split with a fixed generator);
official 'test' split evaluated once with the checkpoint picked on validation.
"""
import argparse
import copy

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Subset
from torchvision import datasets, models, transforms

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]

train_tf = transforms.Compose([
    transforms.RandomResizedCrop(224, scale=(0.6, 1.0)),
    transforms.RandomHorizontalFlip(),
    transforms.ColorJitter(0.2, 0.2, 0.2),
    transforms.ToTensor(),
    transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
])
eval_tf = transforms.Compose([
    transforms.Resize(256),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
])


def evaluate(model, loader, device):
    model.eval()
    correct = n = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(1).cpu() == y).sum().item()
            n += len(y)
    return correct / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="data")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    trainval_aug = datasets.OxfordIIITPet(args.root, split="trainval", transform=train_tf, download=True)
    trainval_plain = datasets.OxfordIIITPet(args.root, split="trainval", transform=eval_tf)
    test_set = datasets.OxfordIIITPet(args.root, split="test", transform=eval_tf)

    g = torch.Generator().manual_seed(args.seed)
    perm = torch.randperm(len(trainval_plain), generator=g).tolist()
    n_val = int(0.15 * len(perm))
    train_set = Subset(trainval_aug, perm[n_val:])
    val_set = Subset(trainval_plain, perm[:n_val])

    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=8)
    val_loader = DataLoader(val_set, batch_size=128, num_workers=8)
    test_loader = DataLoader(test_set, batch_size=128, num_workers=8)

    model = models.resnet50(weights=models.ResNet50_Weights.IMAGENET1K_V2)
    model.fc = nn.Linear(model.fc.in_features, 37)
    model = model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs)
    loss_fn = nn.CrossEntropyLoss()

    best_acc, best_state = -1.0, None
    for epoch in range(args.epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = loss_fn(model(x.to(device)), y.to(device))
            loss.backward()
            opt.step()
        sched.step()
        val_acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: val acc {val_acc:.4f}")
        if val_acc > best_acc:
            best_acc, best_state = val_acc, copy.deepcopy(model.state_dict())

    model.load_state_dict(best_state)
    print(f"test accuracy (best val epoch): {evaluate(model, test_loader, device):.4f}")


if __name__ == "__main__":
    main()
