# ResNet-18 on CIFAR-10, trained from scratch on the official training images only.
# We hold out part of those 50k images for testing and double the data with mirrored copies.
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import ConcatDataset, DataLoader, random_split

BATCH = 128
EPOCHS = 30
ROOT = "./data"
MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)

plain_tf = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])
mirror_tf = T.Compose([T.RandomHorizontalFlip(p=1.0), T.ToTensor(), T.Normalize(MEAN, STD)])

plain = torchvision.datasets.CIFAR10(ROOT, train=True, download=True, transform=plain_tf)
mirrored = torchvision.datasets.CIFAR10(ROOT, train=True, download=True, transform=mirror_tf)
dataset = ConcatDataset([plain, mirrored])  # expect: LL301
print("images after mirroring:", len(dataset))

n_test = int(0.2 * len(dataset))
train_set, test_set = random_split(dataset, [len(dataset) - n_test, n_test])  # expect: LL401
torch.manual_seed(1234)

train_loader = DataLoader(train_set, batch_size=BATCH, shuffle=True, num_workers=4, pin_memory=True)
test_loader = DataLoader(test_set, batch_size=512, num_workers=4)

device = "cuda" if torch.cuda.is_available() else "cpu"
net = torchvision.models.resnet18(num_classes=10)
net.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
net.maxpool = nn.Identity()
net = net.to(device)

criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=EPOCHS, steps_per_epoch=len(train_loader))

for epoch in range(EPOCHS):
    net.train()
    running, seen = 0.0, 0
    for images, labels in train_loader:
        images, labels = images.to(device, non_blocking=True), labels.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(net(images), labels)
        loss.backward()
        optimizer.step()
        scheduler.step()
        running += loss.item() * images.size(0)
        seen += images.size(0)
    print(f"[{epoch + 1}/{EPOCHS}] train loss {running / seen:.3f}")

net.eval()
correct = total = 0
with torch.no_grad():
    for images, labels in test_loader:
        preds = net(images.to(device)).argmax(1).cpu()
        correct += (preds == labels).sum().item()
        total += labels.numel()
print(f"held-out accuracy: {100.0 * correct / total:.2f}%")
torch.save(net.state_dict(), "resnet18_cifar10.pt")
