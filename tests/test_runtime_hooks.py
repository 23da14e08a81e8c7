"""In-process hooks: what they record, what they conclude, and that they stay out of the way."""
from __future__ import annotations

import gc
import random
import tracemalloc

import numpy as np
import pandas as pd
import pytest
import sklearn.model_selection
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GridSearchCV, GroupKFold, KFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from leaklint.runtime import hooks
from leaklint.runtime.recorder import Config, Recorder

ORIGINAL_TTS = sklearn.model_selection.train_test_split


@pytest.fixture
def audit():
    rec = hooks.install(Config())
    try:
        yield rec
    finally:
        hooks.uninstall()


def data(n=200, seed=0):
    return make_classification(n_samples=n, n_features=6, random_state=seed)


def checks(rec: Recorder, split_id: int = 1) -> dict:
    result = rec.finish()
    split = result.splits[split_id - 1]
    return {c.name: c for c in split.report.checks}


def test_install_patches_and_uninstall_restores():
    hooks.install(Config())
    try:
        assert sklearn.model_selection.train_test_split is not ORIGINAL_TTS
        assert train_test_split is not ORIGINAL_TTS  # this module's name was re-pointed
        assert StandardScaler.fit.__leaklint_original__ is not None
    finally:
        hooks.uninstall()
    assert sklearn.model_selection.train_test_split is ORIGINAL_TTS
    assert train_test_split is ORIGINAL_TTS
    assert not hasattr(StandardScaler.fit, "__leaklint_original__")
    assert not hasattr(pd.DataFrame.sample, "__leaklint_original__")


def test_train_test_split_recorded_with_arguments(audit):
    X, y = data()
    train_test_split(X, y, test_size=0.25, random_state=3, stratify=y)
    (split,) = audit.finish().splits
    assert split.splitter == "sklearn.model_selection.train_test_split"
    assert split.where.endswith("test_runtime_hooks.py:" + str(_line_of("train_test_split(X, y, test_size=0.25")))
    assert split.args == {"test_size": 0.25, "train_size": None, "random_state": 3, "shuffle": True,
                          "stratify": True}
    assert (split.n_train, split.n_test) == (150, 50)
    assert len(split.fingerprint["train"]) == 32


def _line_of(text: str) -> int:
    with open(__file__, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if text in line and "_line_of" not in line:
                return number
    raise AssertionError(text)


def test_same_split_gives_same_fingerprints_in_two_audits():
    prints = []
    for _ in range(2):
        rec = hooks.install(Config())
        try:
            X, y = data()
            train_test_split(X, y, random_state=0)
        finally:
            hooks.uninstall()
        prints.append(rec.finish().splits[0].fingerprint)
    assert prints[0] == prints[1]


def test_scaler_fitted_before_split_is_fit_on_test(audit):
    X, y = data()
    X = StandardScaler().fit_transform(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    LogisticRegression().fit(X_train, y_train).score(X_test, y_test)
    fit = checks(audit)["fit-on-test"]
    assert fit.status == "fail" and fit.count == 50
    assert "StandardScaler.fit_transform" in fit.detail and "made on rows it had transformed" in fit.detail


def test_scaler_fit_then_transform_before_split(audit):
    X, y = data()
    scaler = StandardScaler().fit(X)
    X_train, X_test, _, _ = train_test_split(scaler.transform(X), y, random_state=0)
    assert checks(audit)["fit-on-test"].status == "fail"


def test_scaler_fitted_on_all_rows_then_applied_to_test(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    scaler = StandardScaler().fit(X)
    scaler.transform(X_test)
    fit = checks(audit)["fit-on-test"]
    assert fit.status == "fail" and "then transform on the test split" in fit.detail


def test_statistics_of_the_test_split_normalising_it(audit):
    X, y = data()
    X_train, X_test, _, _ = train_test_split(X, y, random_state=0)
    StandardScaler().fit_transform(X_test)
    assert checks(audit)["fit-on-test"].count == 50


def test_clean_preprocessing_on_train_only(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    scaler = StandardScaler().fit(X_train)
    model = LogisticRegression().fit(scaler.transform(X_train), y_train)
    model.predict(scaler.transform(X_test))
    result = checks(audit)
    assert result["fit-on-test"].status == "pass"
    assert result["test-reuse"].status == "info"


def test_duplicates_across_splits_are_overlap_not_fit_on_test(audit):
    X, y = data()
    X = np.vstack([X, X[:20]])
    y = np.concatenate([y, y[:20]])
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    LogisticRegression().fit(X_train, y_train).predict(X_test)
    result = checks(audit)
    assert result["overlap"].status == "fail"
    assert result["fit-on-test"].status == "pass"


def test_pipeline_fitted_on_all_data_then_scored_on_test(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    pipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    accuracy_score(y_test, pipe.predict(X_test))
    fit = checks(audit)["fit-on-test"]
    assert fit.status == "fail" and "Pipeline.fit" in fit.detail and "then predict" in fit.detail


def test_refit_on_all_data_after_evaluation_is_clean(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    pipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
    accuracy_score(y_test, pipe.predict(X_test))
    pipe.fit(X, y)  # deployment refit, never scored again
    cross_val_score(LogisticRegression(), X, y, cv=3)  # CV on all data next to the hold-out
    assert checks(audit)["fit-on-test"].status == "pass"


def test_test_reuse_counts_models_and_metric_calls(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    for c in (0.01, 1.0, 100.0):
        model = LogisticRegression(C=c).fit(X_train, y_train)
        accuracy_score(y_test, model.predict(X_test))
    result = audit.finish()
    reuse = {c.name: c for c in result.splits[0].report.checks}["test-reuse"]
    assert reuse.status == "warn" and reuse.count == 3
    assert "scored 3 times, predicted 3 times" in reuse.detail
    assert result.ok()  # test-reuse is not in the default --fail-on
    assert result.failures(["test-reuse"]) == [(1, "test-reuse")]


def test_one_model_several_metrics_is_not_reuse(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    model = LogisticRegression().fit(X_train, y_train)
    pred = model.predict(X_test)
    accuracy_score(y_test, pred)
    accuracy_score(y_true=y_test, y_pred=pred)
    reuse = checks(audit)["test-reuse"]
    assert reuse.status == "info" and reuse.count == 1


def test_nested_fits_are_not_recorded(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    grid = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()),
                        {"logisticregression__C": [0.1, 1.0]}, cv=3)
    grid.fit(X_train, y_train)
    fits = audit.finish().fits
    assert [(f.estimator, f.method, f.calls) for f in fits] == [("GridSearchCV", "fit", 1)]


def test_cv_folds_recorded_and_group_leak_found(audit):
    X, y = data(120)
    groups = np.repeat(np.arange(30), 4)
    list(KFold(4, shuffle=True, random_state=0).split(X, y, groups))
    list(GroupKFold(4).split(X, y, groups))
    result = audit.finish()
    kfold = [s for s in result.splits if "KFold.split" in s.splitter and "Group" not in s.splitter]
    grouped = [s for s in result.splits if "GroupKFold" in s.splitter]
    assert [s.fold for s in kfold] == [1, 2, 3, 4] and len(grouped) == 4
    assert all({c.name: c for c in s.report.checks}["group"].status == "fail" for s in kfold)
    assert all({c.name: c for c in s.report.checks}["group"].status == "pass" for s in grouped)
    assert all(not s.holdout for s in result.splits)


def test_splits_inside_a_search_are_recorded_as_folds(audit):
    X, y = data(120)
    groups = np.repeat(np.arange(30), 4)
    GridSearchCV(LogisticRegression(), {"C": [1.0]}, cv=KFold(3)).fit(X, y, groups=groups)
    splits = audit.finish().splits
    assert len(splits) == 3 and all(s.where.endswith(str(_line_of("cv=KFold(3)).fit(X, y, groups"))) for s in splits)


class EarlyStopper(ClassifierMixin, BaseEstimator):
    """Stands in for xgboost/lightgbm: fit(X, y, eval_set=[(X_val, y_val)])."""

    def fit(self, X, y, eval_set=None):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


def test_early_stopping_on_the_test_split(audit):
    hooks.watch(EarlyStopper)
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, random_state=0)
    EarlyStopper().fit(X_fit, y_fit, eval_set=[(X_val, y_val)])  # clean: validation carved from train
    assert checks(audit)["fit-on-test"].status == "pass"
    EarlyStopper().fit(X_train, y_train, eval_set=[(X_test, y_test)])
    fit = checks(audit)["fit-on-test"]
    assert fit.status == "fail" and "early stopping" in fit.detail and "eval_set[0]" in fit.detail


def test_unwatched_user_estimators_are_left_alone(audit):
    class Mine(BaseEstimator):
        def fit(self, X, y=None):
            return self

    assert not hasattr(Mine.fit, "__leaklint_original__")


def test_generators_are_not_consumed(audit):
    vec = CountVectorizer().fit(doc for doc in ["a rose", "is a rose"])
    assert sorted(vec.vocabulary_) == ["is", "rose"]


def test_seeds_are_recorded(audit):
    random.seed(3)
    np.random.seed(4)
    seeds = audit.finish().seeds
    assert [(s["function"], s["seed"]) for s in seeds] == [("random.seed", 3), ("numpy.random.seed", 4)]
    assert seeds[0]["where"].startswith("tests/test_runtime_hooks.py:") or "test_runtime_hooks.py" in seeds[0]["where"]


def test_pandas_sample_drop_pair_is_a_split(audit):
    df = pd.DataFrame({"user_id": np.repeat(np.arange(25), 4), "v": np.arange(100.0)})
    train = df.sample(frac=0.8, random_state=1)
    test = df.drop(train.index)
    df.drop(columns="v")  # unrelated drops are ignored
    (split,) = audit.finish().splits
    assert split.splitter == "pandas.DataFrame.sample + drop" and split.args["random_state"] == 1
    assert (split.n_train, split.n_test) == (80, 20) and len(test) == 20
    group = {c.name: c for c in split.report.checks}["group"]
    assert group.status == "fail" and "user_id" in group.detail


def test_pandas_sample_drop_inplace(audit):
    df = pd.DataFrame({"v": np.arange(50.0)})
    train = df.sample(n=40, random_state=0)
    df.drop(train.index, inplace=True)
    (split,) = audit.finish().splits
    assert (split.n_train, split.n_test) == (40, 10)


def test_metric_hook_attributes_predictions_to_the_model(audit):
    X, y = data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    model = LogisticRegression().fit(X_train, y_train)
    accuracy_score(y_test, model.predict(X_test))
    events = audit.finish().splits[0].scoring
    assert [(e.kind, e.model) for e in events] == [("predict", "LogisticRegression#1"),
                                                  ("metric:accuracy_score", "LogisticRegression#1")]


def test_an_error_inside_a_hook_is_recorded_and_the_call_still_works(audit, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("planted failure")

    monkeypatch.setattr(Recorder, "on_split", broken)
    X, y = data()
    got = train_test_split(X, y, random_state=0)
    expected = ORIGINAL_TTS(X, y, random_state=0)
    assert all(np.array_equal(a, b) for a, b in zip(got, expected))
    result = audit.finish()
    assert result.errors and "planted failure" in result.errors[0]["error"]
    assert "internal errors" in result.format()


def test_hooks_do_not_touch_random_state():
    def workload():
        np.random.seed(1)
        random.seed(1)
        X, y = data()
        X_train, X_test, y_train, y_test = train_test_split(X, y)  # global RNG
        list(KFold(3, shuffle=True).split(X_train))
        df = pd.DataFrame(X_train).sample(frac=0.5)
        pd.DataFrame(X_train).drop(df.index)
        model = LogisticRegression().fit(X_train, y_train)
        return model.predict_proba(X_test), np.random.get_state()[1].copy(), random.getstate()

    plain = workload()
    hooks.install(Config())
    try:
        hooked = workload()
    finally:
        hooks.uninstall()
    assert np.array_equal(plain[0], hooked[0])
    assert np.array_equal(plain[1], hooked[1])
    assert plain[2] == hooked[2]


def test_memory_held_for_a_one_million_row_split_is_below_64_bytes_a_row():
    n = 1_000_000
    X = np.random.default_rng(0).normal(size=(n, 4))
    y = np.arange(n) % 2
    hooks.install(Config())
    try:
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        parts = train_test_split(X, y, test_size=0.2, random_state=0)
        del parts
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        rec = hooks.active()
        assert len(rec.splits) == 1
    finally:
        hooks.uninstall()
    assert held / n < 64, f"{held / n:.1f} bytes a row"


def test_torch_random_split_and_seed():
    torch = pytest.importorskip("torch")
    rec = hooks.install(Config())
    try:
        from torch.utils.data import Subset, TensorDataset, random_split  # names bound after install()

        torch.manual_seed(0)
        X = torch.arange(40, dtype=torch.float32).reshape(20, 2)
        X[10:] = X[:10]  # every row twice: a random split puts copies on both sides
        y = torch.zeros(20, dtype=torch.long)
        train, test = random_split(Subset(TensorDataset(X, y), list(range(20))), [0.5, 0.5],
                                   generator=torch.Generator().manual_seed(1))
    finally:
        hooks.uninstall()
    result = rec.finish()
    (split,) = result.splits
    assert split.args["generator_seed"] == 1 and split.args["lengths"] == [0.5, 0.5]
    assert {c.name: c for c in split.report.checks}["overlap"].status == "fail"
    assert [s["function"] for s in result.seeds][:1] == ["torch.manual_seed"]
    assert len(train) == len(test) == 10


def test_torch_dataset_items_are_never_read():
    torch = pytest.importorskip("torch")
    from torch.utils.data import Dataset

    class Exploding(Dataset):
        def __len__(self):
            return 10

        def __getitem__(self, i):
            raise AssertionError("leaklint read an item")

    rec = hooks.install(Config())
    try:
        torch.utils.data.random_split(Exploding(), [7, 3], generator=torch.Generator().manual_seed(0))
    finally:
        hooks.uninstall()
    (split,) = rec.finish().splits
    assert "identified by position" in split.note and not rec.errors


def test_hf_datasets_train_test_split():
    datasets = pytest.importorskip("datasets")
    rec = hooks.install(Config())
    try:
        ds = datasets.Dataset.from_dict({"text": ["a", "b", "c", "a"] * 5, "label": [0, 1, 0, 0] * 5})
        ds.train_test_split(test_size=0.25, seed=0)
    finally:
        hooks.uninstall()
    (split,) = rec.finish().splits
    assert {c.name: c for c in split.report.checks}["overlap"].status == "fail"


@pytest.mark.parametrize("module_name", ["keras", "xgboost.sklearn"])
def test_early_stopping_hooks_of_other_libraries(module_name, monkeypatch):
    """keras Model.fit(validation_data=...) and xgboost/lightgbm fit(eval_set=...), with
    stand-in modules (the real libraries are not needed to check the patching)."""
    import sys
    import types

    module = types.ModuleType(module_name)
    if module_name == "keras":
        class Model:
            def fit(self, x, y, validation_data=None):
                return self
        fit_kwargs = lambda X_test, y_test: {"validation_data": (X_test, y_test)}  # noqa: E731
        label = "validation_data"
    else:
        class Model(ClassifierMixin, BaseEstimator):
            def fit(self, X, y, eval_set=None):
                return self
        fit_kwargs = lambda X_test, y_test: {"eval_set": [(X_test, y_test)]}  # noqa: E731
        label = "eval_set[0]"
    Model.__module__ = module_name
    module.Model = Model
    monkeypatch.setitem(sys.modules, module_name, module)
    rec = hooks.install(Config())
    try:
        X, y = data()
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        Model().fit(X_train, y_train, **fit_kwargs(X_test, y_test))
    finally:
        hooks.uninstall()
    fit = checks(rec)["fit-on-test"]
    assert fit.status == "fail" and label in fit.detail
    assert not hasattr(Model.fit, "__leaklint_original__")


def test_install_inside_leaklint_run_does_not_report_twice():
    import leaklint.runtime as runtime

    rec = hooks.install(Config())
    try:
        assert runtime.install() is rec
        assert not runtime._AT_EXIT
    finally:
        hooks.uninstall()


def test_hf_datasets_hook_with_a_stand_in(monkeypatch):
    """Dataset.train_test_split of Hugging Face datasets, checked without the library."""
    import sys
    import types

    class Dataset:
        def __init__(self, frame):
            self.frame = frame

        def to_pandas(self):
            return self.frame.copy()

        def train_test_split(self, test_size=0.25, seed=None):
            cut = int(len(self.frame) * (1 - test_size))
            return {"train": Dataset(self.frame.iloc[:cut]), "test": Dataset(self.frame.iloc[cut:])}

    module = types.ModuleType("datasets.arrow_dataset")
    Dataset.__module__ = module.__name__
    module.Dataset = Dataset
    monkeypatch.setitem(sys.modules, "datasets.arrow_dataset", module)
    rec = hooks.install(Config())
    try:
        ds = Dataset(pd.DataFrame({"text": ["a", "b", "c", "d"] * 5, "label": [0, 1, 0, 1] * 5}))
        ds.train_test_split(test_size=0.25, seed=3)
    finally:
        hooks.uninstall()
    (split,) = rec.finish().splits
    assert split.splitter == "datasets.Dataset.train_test_split" and split.args["seed"] == 3
    assert (split.n_train, split.n_test) == (15, 5)
    result = {c.name: c for c in split.report.checks}
    assert result["overlap"].status == "fail" and result["label-distribution"].status == "info"
    assert "train_test_split" in Dataset.__dict__ and not hasattr(Dataset.train_test_split, "__leaklint_original__")
