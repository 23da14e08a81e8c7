import torch
from torch import nn
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms

tfm = transforms.Compose([
    transforms.Grayscale(),
    transforms.Resize((128, 128)),
    transforms.ToTensor(),
    transforms.Normalize((0.5,), (0.5,)),
])
full = datasets.ImageFolder("data/chest_xray/all", transform=tfm)

n_test = int(0.2 * len(full))
train_set, test_set = random_split(full, [len(full) - n_test, n_test])  # expect: LL401
torch.manual_seed(1)

train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
test_loader = DataLoader(test_set, batch_size=256)

model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 32 * 32, 64), nn.ReLU(), nn.Linear(64, 2),
)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()


def train_one_epoch(net, loader):
    net.train()
    losses = []
    for images, targets in loader:
        optimizer.zero_grad()
        batch_loss = criterion(net(images), targets)
        batch_loss.backward()
        optimizer.step()
        losses.append(batch_loss.item())
    return sum(losses) / max(len(losses), 1)


history = [train_one_epoch(model, train_loader) for _ in range(10)]
print("train loss per epoch:", [round(v, 4) for v in history])

model.eval()
correct = 0
with torch.no_grad():
    for images, targets in test_loader:
        correct += (model(images).argmax(1) == targets).sum().item()
print("test accuracy:", correct / len(test_set))
