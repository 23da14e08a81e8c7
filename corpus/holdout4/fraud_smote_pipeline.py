"""Insurance claim fraud: oversampling done right (training rows only)."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline as ImbPipeline
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score, classification_report
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.preprocessing import StandardScaler

SEED = 31

claims = pd.read_csv("data/insurance_claims.csv")
claims = claims.drop(columns=["policy_number", "incident_location", "_c39"], errors="ignore")
claims["fraud_reported"] = (claims["fraud_reported"] == "Y").astype(int)
claims = pd.get_dummies(claims, drop_first=True)

y_all = claims.pop("fraud_reported")
X_all = claims.astype(float)

X_fit, X_hold, y_fit, y_hold = train_test_split(X_all, y_all, test_size=0.25, stratify=y_all, random_state=SEED)

# 1) cross-validated estimate: SMOTE runs inside each training fold only
pipe = ImbPipeline(
    [
        ("scale", StandardScaler()),
        ("smote", SMOTE(random_state=SEED)),
        ("gb", GradientBoostingClassifier(random_state=SEED)),
    ]
)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
ap_cv = cross_val_score(pipe, X_fit, y_fit, cv=cv, scoring="average_precision")
print(f"CV average precision: {ap_cv.mean():.3f} +/- {ap_cv.std():.3f}")

# 2) final model: oversample the training part, evaluate on the untouched holdout
X_bal, y_bal = SMOTE(random_state=SEED).fit_resample(X_fit, y_fit)
print("training rows after SMOTE:", len(X_bal), "positives:", int(y_bal.sum()))
gb = GradientBoostingClassifier(random_state=SEED).fit(X_bal, y_bal)
hold_proba = gb.predict_proba(X_hold)[:, 1]
print("holdout AP:", round(average_precision_score(y_hold, hold_proba), 3))
print(classification_report(y_hold, (hold_proba > 0.5).astype(int)))
