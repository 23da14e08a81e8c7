"""Choose the sepsis-alert threshold on the validation cohort, report it once on the test cohort."""
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score, roc_curve
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

VITALS = ["hr", "resp", "temp", "sbp", "map", "o2sat", "lactate", "wbc", "age"]
SEED = 8


def youden_threshold(y_true, scores):
    fpr, tpr, thr = roc_curve(y_true, scores)
    return thr[np.argmax(tpr - fpr)]


def summarize(y_true, scores, threshold, tag):
    alert = (scores >= threshold).astype(int)
    print(f"{tag:>5}: sensitivity {recall_score(y_true, alert):.3f}  PPV {precision_score(y_true, alert):.3f}")


cohort = pd.read_csv("data/icu_first6h.csv")
vitals = cohort[VITALS]
sepsis = cohort["sepsis_within_24h"].to_numpy()

rest_v, test_v, rest_s, test_s = train_test_split(vitals, sepsis, test_size=0.2, stratify=sepsis, random_state=SEED)
fit_v, val_v, fit_s, val_s = train_test_split(rest_v, rest_s, test_size=0.25, stratify=rest_s, random_state=SEED)

model = make_pipeline(
    SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(C=0.3, class_weight="balanced", max_iter=1000)
)
model.fit(fit_v, fit_s)

val_scores = model.predict_proba(val_v)[:, 1]
cut = youden_threshold(val_s, val_scores)
summarize(val_s, val_scores, cut, "val")
summarize(test_s, model.predict_proba(test_v)[:, 1], cut, "test")
