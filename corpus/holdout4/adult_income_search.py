"""Adult census income: tuned logistic regression with a proper preprocessing pipeline."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, roc_auc_score
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUM = ["age", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CAT = ["workclass", "marital_status", "occupation", "relationship", "race", "sex", "native_country"]


def build_pipeline():
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    categorical = Pipeline(
        [
            ("impute", SimpleImputer(strategy="most_frequent")),
            ("onehot", OneHotEncoder(handle_unknown="ignore", min_frequency=20)),
        ]
    )
    pre = ColumnTransformer([("num", numeric, NUM), ("cat", categorical, CAT)])
    return Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=2000))])


def main():
    adult = pd.read_csv("data/adult.csv", na_values="?", skipinitialspace=True)
    adult["income"] = (adult["income"].str.strip() == ">50K").astype(int)
    feats = adult[NUM + CAT]
    target = adult["income"]

    fe_tr, fe_te, t_tr, t_te = train_test_split(feats, target, test_size=0.2, stratify=target, random_state=0)

    # quick look at the untuned pipeline, preprocessing refitted inside every fold
    base_cv = cross_val_score(build_pipeline(), feats, target, cv=5, scoring="roc_auc")
    print(f"untuned 5-fold AUC: {base_cv.mean():.4f} +/- {base_cv.std():.4f}")

    search = GridSearchCV(
        build_pipeline(),
        {"clf__C": [0.01, 0.1, 1.0, 10.0], "clf__class_weight": [None, "balanced"]},
        cv=5,
        scoring="roc_auc",
        n_jobs=-1,
    )
    search.fit(fe_tr, t_tr)
    print("best params:", search.best_params_, "cv AUC:", round(search.best_score_, 4))

    final = search.best_estimator_
    proba = final.predict_proba(fe_te)[:, 1]
    pred = (proba >= 0.5).astype(int)
    print(f"test AUC {roc_auc_score(t_te, proba):.4f}  accuracy {accuracy_score(t_te, pred):.4f}")
    print(classification_report(t_te, pred, target_names=["<=50K", ">50K"]))


if __name__ == "__main__":
    main()
