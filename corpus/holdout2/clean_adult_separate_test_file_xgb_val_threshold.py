"""Adult income: adult.data for training, the labelled adult.test for the final number."""
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OrdinalEncoder
from xgboost import XGBClassifier

COLS = ["age", "workclass", "fnlwgt", "education", "education_num", "marital_status", "occupation",
        "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week", "native_country", "income"]
CAT = ["workclass", "education", "marital_status", "occupation", "relationship", "race", "sex", "native_country"]


def read(path, skip=0):
    frame = pd.read_csv(path, names=COLS, skiprows=skip, na_values="?", skipinitialspace=True)
    frame["income"] = frame["income"].str.rstrip(".").eq(">50K").astype(int)
    return frame


train_file = read("data/adult.data")
test_file = read("data/adult.test", skip=1)

X_full, y_full = train_file.drop(columns="income"), train_file["income"]
X_test, y_test = test_file.drop(columns="income"), test_file["income"]

X_tr, X_val, y_tr, y_val = train_test_split(X_full, y_full, test_size=0.2, stratify=y_full, random_state=3)

enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
X_tr[CAT] = enc.fit_transform(X_tr[CAT])
X_val[CAT] = enc.transform(X_val[CAT])
X_test[CAT] = enc.transform(X_test[CAT])

model = XGBClassifier(n_estimators=3000, learning_rate=0.03, max_depth=5, subsample=0.9, early_stopping_rounds=100, random_state=3)
model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], verbose=False)

val_proba = model.predict_proba(X_val)[:, 1]
grid = np.arange(0.2, 0.8, 0.01)
val_f1 = [f1_score(y_val, (val_proba >= t).astype(int)) for t in grid]
threshold = grid[int(np.argmax(val_f1))]

test_pred = (model.predict_proba(X_test)[:, 1] >= threshold).astype(int)
print(f"threshold {threshold:.2f} (validation) -> test accuracy {accuracy_score(y_test, test_pred):.4f}, test F1 {f1_score(y_test, test_pred):.4f}")
