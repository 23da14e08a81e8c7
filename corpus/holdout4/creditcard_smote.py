# Credit card fraud (ULB) -- random forest with SMOTE
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, classification_report
from sklearn.model_selection import train_test_split


def describe(labels, tag):
    counts = labels.value_counts()
    print(f"{tag}: {dict(counts)}  positive rate {counts.get(1, 0) / counts.sum():.4%}")


cc = pd.read_csv("creditcard.csv")
cc["Amount_log"] = np.log1p(cc["Amount"])
cc["hour"] = (cc["Time"] // 3600) % 24

feats = cc.drop(columns=["Class", "Time", "Amount"])
label = cc["Class"]
describe(label, "raw")

sm = SMOTE(sampling_strategy=0.5, k_neighbors=5, random_state=3)
feats_bal, label_bal = sm.fit_resample(feats, label)  # expect: LL301
describe(label_bal, "after SMOTE")

tr_f, te_f, tr_l, te_l = train_test_split(
    feats_bal, label_bal, test_size=0.3, stratify=label_bal, random_state=3
)

forest = RandomForestClassifier(n_estimators=250, max_depth=14, n_jobs=-1, random_state=3)
forest.fit(tr_f, tr_l)

proba = forest.predict_proba(te_f)[:, 1]
print(classification_report(te_l, (proba > 0.5).astype(int), digits=4))
print("PR-AUC:", round(average_precision_score(te_l, proba), 4))
