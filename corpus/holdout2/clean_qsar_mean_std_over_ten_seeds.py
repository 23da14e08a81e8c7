import numpy as np
import pandas as pd
from sklearn.metrics import matthews_corrcoef
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

SEEDS = range(10)

data = pd.read_csv("data/biodeg.csv", sep=";", header=None)
X = data.iloc[:, :-1].to_numpy()
y = (data.iloc[:, -1] == "RB").astype(int).to_numpy()

mccs = []
for seed in SEEDS:
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    model = make_pipeline(StandardScaler(), SVC(C=10, gamma="scale"))
    model.fit(X_tr, y_tr)
    mccs.append(matthews_corrcoef(y_te, model.predict(X_te)))

mccs = np.array(mccs)
print(f"MCC over {len(mccs)} random splits: {mccs.mean():.3f} +/- {mccs.std(ddof=1):.3f}")
