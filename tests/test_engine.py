"""The interpreter on tiny programs: which rows a value holds, and what the rules conclude."""
from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from leaklint.analysis import AnalysisContext, analyze_file
from leaklint.analysis.interpreter import interpret_module
from leaklint.analysis.project import Project
from leaklint.library import load_library
from leaklint.rules import ANALYSIS_RULES

LIBRARY = load_library()


def context(project=None):
    return AnalysisContext(LIBRARY, project, ANALYSIS_RULES)


def codes(source: str) -> list[tuple[int, str]]:
    source = textwrap.dedent(source)
    found = analyze_file("snippet.py", cst.parse_module(source), context(), source)
    return sorted((f.line, f.code) for f in found)


HEADER = """\
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, KFold, cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
y = df.pop("label")
"""


def test_roles_of_three_way_split_made_by_two_calls():
    facts = interpret_module("s.py", cst.parse_module(HEADER + textwrap.dedent("""\
        X_tr, X_tmp, y_tr, y_tmp = train_test_split(df, y, random_state=0)
        X_val, X_te, y_val, y_te = train_test_split(X_tmp, y_tmp, random_state=0)
        m = LogisticRegression().fit(X_tr, y_tr)
        m.score(X_val, y_val)
        m.score(X_te, y_te)
    """)), context())
    roles = [sorted({facts.role(p) for p in score.rows}) for score in facts.scores]
    assert roles == [["val"], ["test"]]


def test_alias_imports_resolve_to_library_names():
    assert codes("""\
        import pandas as pd
        import sklearn.preprocessing as pp
        from sklearn.model_selection import train_test_split as tts
        df = pd.read_csv("d.csv")
        X = pp.StandardScaler().fit_transform(df)
        a, b = tts(X, random_state=1)
    """) == [(5, "LL101")]


def test_from_sklearn_import_module():
    assert codes("""\
        import pandas as pd
        from sklearn import preprocessing, model_selection
        df = pd.read_csv("d.csv")
        X = preprocessing.MinMaxScaler().fit_transform(df)
        a, b = model_selection.train_test_split(X, random_state=1)
    """) == [(4, "LL101")]


def test_fit_on_train_transform_test_is_clean():
    assert codes(HEADER + """\
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
sc = StandardScaler().fit(X_tr)
m = LogisticRegression().fit(sc.transform(X_tr), y_tr)
print(m.score(sc.transform(X_te), y_te))
""") == []


def test_scaler_fitted_before_split_then_transform_after():
    assert codes(HEADER + """\
sc = StandardScaler().fit(df)
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
m = LogisticRegression().fit(sc.transform(X_tr), y_tr)
print(m.score(sc.transform(X_te), y_te))
""") == [(8, "LL101")]


def test_helper_called_on_all_rows_leaks_but_called_per_split_does_not():
    helper = HEADER + """\
def prep(frame):
    return StandardScaler().fit_transform(frame)
"""
    leaky = helper + """\
X = prep(df)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
"""
    clean = helper + """\
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
a = prep(X_tr)
b = prep(X_te)
"""
    assert codes(leaky) == [(9, "LL101")]
    assert codes(clean) == [(9, "LL102")]  # refitting on the test split is its own leak


def test_class_keeps_fitted_scaler_on_self():
    assert codes(HEADER + """\
class Model:
    def __init__(self):
        self.scaler = StandardScaler()
        self.clf = LogisticRegression()
    def fit(self, X, y):
        self.clf.fit(self.scaler.fit_transform(X), y)
        return self
    def score(self, X, y):
        return self.clf.score(self.scaler.transform(X), y)
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
print(Model().fit(X_tr, y_tr).score(X_te, y_te))
""") == []


def test_sample_and_drop_make_a_split():
    assert codes(HEADER + """\
df["z"] = (df["a"] - df["a"].mean()) / df["a"].std()
train = df.sample(frac=0.8, random_state=0)
test = df.drop(train.index)
""") == [(8, "LL101")]


def test_kfold_loop_with_positional_indices():
    assert codes(HEADER + """\
X = StandardScaler().fit_transform(df)
for tr, te in KFold(5, shuffle=True, random_state=0).split(X):
    m = LogisticRegression().fit(X[tr], y[tr])
    m.score(X[te], y[te])
""") == [(8, "LL101")]


def test_pipeline_in_cross_val_score_is_clean():
    assert codes(HEADER + """\
from sklearn.pipeline import make_pipeline
print(cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), df, y, cv=5).mean())
""") == []


def test_branches_may_flow():
    assert codes(HEADER + """\
import sys
if len(sys.argv) > 1:
    X = StandardScaler().fit_transform(df)
else:
    X = df
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
""") == [(10, "LL101")]


def test_running_best_over_test_scores():
    assert codes(HEADER + """\
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
best = 0
for c in [0.1, 1, 10]:
    s = LogisticRegression(C=c).fit(X_tr, y_tr).score(X_te, y_te)
    if s > best:
        best = s
""") == [(12, "LL201")]


def test_global_seed_governs_later_split_only():
    assert codes(HEADER + """\
np.random.seed(0)
X_tr, X_te, y_tr, y_te = train_test_split(df, y)
""") == []
    assert codes(HEADER + """\
X_tr, X_te, y_tr, y_te = train_test_split(df, y)
np.random.seed(0)
""") == [(8, "LL401")]


def test_time_order_then_shuffled_split():
    assert codes(HEADER + """\
df["date"] = pd.to_datetime(df["date"])
df = df.sort_values("date")
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
""") == [(10, "LL402")]


def test_target_left_in_features():
    assert codes("""\
        import pandas as pd
        from sklearn.linear_model import LinearRegression
        df = pd.read_csv("d.csv")
        model = LinearRegression().fit(df.drop(columns=["id"]), df["price"])
    """) == [(4, "LL403")]


@pytest.mark.parametrize("unpack", ["(a, b) = parts", "a, b = [d.map(f) for d in parts]"])
def test_comprehension_over_known_items_keeps_them_apart(unpack):
    source = HEADER + f"""\
parts = train_test_split(df, random_state=0)
f = abs
{unpack}
sc = StandardScaler().fit(a)
m = LogisticRegression().fit(sc.transform(a), y)
"""
    assert codes(source) == []


def test_cross_file_helper_reported_at_the_call(tmp_path):
    (tmp_path / "helpers.py").write_text("from sklearn.preprocessing import StandardScaler\n"
                                         "def prep(d):\n    return StandardScaler().fit_transform(d)\n")
    main = tmp_path / "train.py"
    main.write_text(HEADER + "from helpers import prep\nX = prep(df)\n"
                    "X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)\n")
    project = Project.from_files([tmp_path / "helpers.py", main])
    source = main.read_text()
    found = analyze_file(str(main), cst.parse_module(source), context(project), source)
    assert [(f.line, f.code) for f in found] == [(9, "LL101")]
    assert found[0].trace, "a finding carries the path that proves it"


def test_argparse_defaults_are_the_values_of_a_plain_run():
    assert codes(HEADER + """\
import argparse
ap = argparse.ArgumentParser()
ap.add_argument("--seed", type=int, default=None)
args = ap.parse_args()
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=args.seed)
""") == [(12, "LL401")]


def test_date_cut_with_a_gap_is_a_split_and_a_filter_is_not():
    assert codes(HEADER + """\
df = df[df["date"] >= "2016-01-01"]
train = df[df["date"] < "2017-07-01"]
test = df[df["date"] >= "2017-07-31"]
m = LogisticRegression().fit(train[["a"]], train["y"])
print(m.score(test[["a"]], test["y"]))
""") == []


def test_two_independent_samples_overlap():
    assert codes(HEADER + """\
test = df.sample(frac=0.2, random_state=1)
train = df.sample(frac=0.8, random_state=2)
m = LogisticRegression().fit(train[["a"]], train["y"])
print(m.score(test[["a"]], test["y"]))
""") == [(10, "LL302")]


def test_attribute_assignment_is_a_column_assignment():
    assert codes(HEADER + """\
df.a = df.a.fillna(df.a.mean())
X_tr, X_te, y_tr, y_te = train_test_split(df, y, random_state=0)
""") == [(8, "LL101")]


def test_user_library_extension_teaches_an_in_house_statistic():
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "fixtures/LL102/leaky_gap_in_house_normaliser.py"
    source = path.read_text()
    taught = AnalysisContext(load_library({"api": [{"kind": "statistic", "names": ["labtools.normalise"]}]}),
                             None, ANALYSIS_RULES)
    untaught = analyze_file(str(path), cst.parse_module(source), context(), source)
    found = analyze_file(str(path), cst.parse_module(source), taught, source)
    assert [f.code for f in untaught] == []
    assert (18, "LL102") in [(f.line, f.code) for f in found]
