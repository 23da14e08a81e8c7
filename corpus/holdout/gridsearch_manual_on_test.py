"""Imitates a course-assignment style SVM tuning script on the digits data: two nested loops
over C and gamma, each fitted model scored on X_test, the running best kept with
`if score > best_score`, and the best parameters and test accuracy printed."""
import numpy as np
from sklearn import datasets, svm
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
import matplotlib.pyplot as plt

digits = datasets.load_digits()
n_samples = len(digits.images)
data = digits.images.reshape((n_samples, -1))
print("samples:", n_samples, "features:", data.shape[1])

_, axes = plt.subplots(nrows=1, ncols=4, figsize=(10, 3))
for ax, image, label in zip(axes, digits.images, digits.target):
    ax.set_axis_off()
    ax.imshow(image, cmap=plt.cm.gray_r, interpolation="nearest")
    ax.set_title("Training: %i" % label)

Xtrain, Xtest, ytrain, ytest = train_test_split(data, digits.target, test_size=0.3, shuffle=True, random_state=1)
mms = MinMaxScaler().fit(Xtrain)
Xtrain = mms.transform(Xtrain)
Xtest = mms.transform(Xtest)

C_values = [0.1, 1, 10, 100]
gamma_values = [0.001, 0.01, 0.1, 1]
best_score = 0
best_params = {}
grid = np.zeros((len(C_values), len(gamma_values)))
for i, C in enumerate(C_values):
    for j, gamma in enumerate(gamma_values):
        clf = svm.SVC(C=C, gamma=gamma)
        clf.fit(Xtrain, ytrain)
        score = clf.score(Xtest, ytest)
        grid[i, j] = score
        if score > best_score:  # expect: LL201
            best_score = score
            best_params = {"C": C, "gamma": gamma}

print("Best parameters:", best_params)
print("Best test accuracy: {:.3f}".format(best_score))
plt.figure()
plt.imshow(grid, interpolation="nearest")
plt.colorbar()
plt.xticks(range(len(gamma_values)), gamma_values)
plt.yticks(range(len(C_values)), C_values)
plt.show()
