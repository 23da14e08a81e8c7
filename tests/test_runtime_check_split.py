"""check_split: every check with a planted leak and a clean look-alike."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import leaklint
from leaklint.runtime import rowhash
from leaklint.runtime.split_check import LeakageError, SplitReport, check_split


def frame(n=50, seed=0, start=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "a": rng.normal(size=n),
        "b": rng.integers(0, 1000, n),
        "s": rng.choice(["x", "y", "z"], n),
    }, index=range(start, start + n))


def test_public_api_is_reexported_lazily():
    assert leaklint.check_split is check_split
    assert leaklint.SplitReport is SplitReport
    assert leaklint.LeakageError is LeakageError
    with pytest.raises(AttributeError):
        leaklint.no_such_name  # noqa: B018


def test_import_leaklint_does_not_import_pandas():
    code = "import sys, leaklint, leaklint.runtime; print('pandas' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_clean_split_passes():
    report = check_split(frame(80, seed=1), frame(20, seed=2, start=80))
    assert report.ok
    assert report["overlap"].status == "pass" and report["overlap"].count == 0
    assert report["index"].status == "pass"
    assert isinstance(report.table, pd.DataFrame)
    assert report.table.loc["overlap", "status"] == "pass"
    assert "no leak found" in str(report)


def test_planted_duplicates_are_counted_with_examples():
    train, test = frame(100, seed=1), frame(40, seed=2, start=100)
    test = pd.concat([test, train.iloc[[3, 5, 7]]])
    report = check_split(train, test)
    overlap = report["overlap"]
    assert overlap.status == "fail" and overlap.count == 3
    assert overlap.share == pytest.approx(3 / 43)
    assert [e["train"] for e in overlap.examples] == [3, 5, 7]
    assert not report.ok and "overlap" in report.failed
    assert "LEAK" in str(report)


def test_duplicate_differing_only_in_index_is_found_and_index_check_stays_clean():
    train = frame(30, seed=1)
    test = train.iloc[[0, 1]].copy()
    test.index = [1000, 1001]
    report = check_split(train, test)
    assert report["overlap"].count == 2
    assert report["index"].status == "pass"


def test_index_overlap_without_equal_rows():
    train, test = frame(30, seed=1), frame(10, seed=2, start=25)
    report = check_split(train, test)
    assert report["index"].status == "fail" and report["index"].count == 5
    assert report["overlap"].count == 0


def test_fresh_range_indexes_are_not_compared():
    report = check_split(frame(30, seed=1).reset_index(drop=True), frame(10, seed=2).reset_index(drop=True))
    assert report.get("index") is None and report.ok


def test_int64_and_float64_columns_holding_the_same_values_match():
    train = pd.DataFrame({"a": np.array([1, 2, 3], dtype=np.int64), "b": [0.5, 1.5, 2.5]})
    test = pd.DataFrame({"a": np.array([2.0, 7.0], dtype=np.float64), "b": [1.5, 1.5]}, index=[10, 11])
    report = check_split(train, test)
    assert report["overlap"].count == 1
    look_alike = pd.DataFrame({"a": [2.5], "b": [1.5]}, index=[12])  # 2.5 is not 2
    assert check_split(train, look_alike)["overlap"].count == 0


def test_nullable_and_numpy_dtypes_agree():
    train = pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int64"), "s": ["x", None, "z"]})
    test = pd.DataFrame({"a": [np.nan, 3.0], "s": np.array([None, "z"], dtype=object)}, index=[5, 6])
    assert check_split(train, test)["overlap"].count == 2


def test_nan_rows_match_only_nan_at_the_same_place():
    train = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [np.nan, 2.0, 3.0]})
    test = pd.DataFrame({"a": [np.nan, 1.0, np.nan], "b": [2.0, 5.0, np.nan]}, index=[7, 8, 9])
    report = check_split(train, test)
    assert report["overlap"].count == 1
    assert report["overlap"].examples[0]["train"] == 1


def test_mixed_object_columns_compare_by_value_and_type():
    train = pd.DataFrame({"m": np.array([1, "1", 2.5, None, b"x"], dtype=object), "k": range(5)})
    test = pd.DataFrame({"m": np.array(["1", 1.0, "2.5", None, b"x"], dtype=object), "k": [1, 0, 2, 3, 4]},
                        index=range(10, 15))
    report = check_split(train, test)
    # "1"=="1" (row k=1), 1==1.0 (k=0), None==None (k=3), b"x"==b"x" (k=4); "2.5" is not 2.5
    assert report["overlap"].count == 4
    assert sorted(e["test"] for e in report["overlap"].examples) == [10, 11, 13, 14]


def test_unhashable_cells_are_compared_by_value():
    train = pd.DataFrame({"tags": [["a", "b"], ["c"], {"k": 1}], "n": [1, 2, 3]})
    test = pd.DataFrame({"tags": [["a", "b"], ["c", "d"], {"k": 1}, np.array([1, 2])], "n": [1, 2, 3, 4]},
                        index=range(10, 14))
    report = check_split(train, test)
    assert report["overlap"].count == 2
    assert report["overlap"].status == "fail"


def test_empty_splits_are_reported_not_crashed():
    train = frame(10)
    empty = train.iloc[:0]
    for tr, te, which in ((train, empty, "test"), (empty, train, "train")):
        report = check_split(tr, te, label="b", groups="s")
        assert report["sizes"].status == "warn" and which in report["sizes"].detail
        assert report["overlap"].status == "skip"
        assert report.ok
        json.dumps(report.to_dict())


def test_conflicting_labels_same_features_different_label():
    train = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": ["x", "y", "z"], "y": [0, 1, 0]})
    test = pd.DataFrame({"a": [1.0, 2.0, 9.0], "b": ["x", "y", "z"], "y": [1, 1, 0]}, index=[10, 11, 12])
    report = check_split(train, test, label="y")
    assert report["overlap"].count == 2  # features (label excluded) equal
    assert report["conflicting-labels"].count == 1
    assert report["conflicting-labels"].examples[0]["test"] == 10
    same_labels = test.assign(y=[0, 1, 0])
    assert check_split(train, same_labels, label="y")["conflicting-labels"].count == 0


def test_conflict_not_reported_when_another_twin_has_the_label():
    train = pd.DataFrame({"a": [1.0, 1.0], "y": [0, 1]})
    test = pd.DataFrame({"a": [1.0], "y": [1]}, index=[5])
    assert check_split(train, test, label="y")["conflicting-labels"].count == 0


def test_label_as_arrays():
    X_train, X_test = np.arange(10.0).reshape(5, 2), np.array([[0.0, 1.0], [4.0, 5.0]])
    report = check_split(X_train, X_test, label=(np.array([0, 1, 0, 1, 0]), np.array([1, 0])))
    assert report["overlap"].count == 2 and report["conflicting-labels"].count == 1
    concatenated = np.array([0, 1, 0, 1, 0, 1, 0])
    assert check_split(X_train, X_test, label=concatenated)["conflicting-labels"].count == 1


def test_near_duplicates_only_when_asked():
    train = pd.DataFrame({"t": ["Hello  World", "café"], "x": [0.1234567, 2.0]})
    test = pd.DataFrame({"t": ["hello world", "cafe\u0301", "other"], "x": [0.1234568, 2.0, 3.0]},
                        index=[10, 11, 12])
    plain = check_split(train, test)
    assert plain["overlap"].count == 0 and plain.get("near-overlap") is None
    near = check_split(train, test, near=True, near_decimals=5)
    assert near["near-overlap"].count == 2 and near["near-overlap"].status == "fail"
    assert "beyond exact" in near["near-overlap"].detail


def test_id_overlap_and_id_left_out_of_row_comparison():
    train = pd.DataFrame({"id": [1, 2, 3], "a": [0.1, 0.2, 0.3]})
    test = pd.DataFrame({"id": [3, 4, 5], "a": [9.0, 0.2, 8.0]}, index=[10, 11, 12])
    report = check_split(train, test, id="id")
    assert report["id"].count == 1 and report["id"].status == "fail"
    assert report["overlap"].count == 1  # the row with id 4 copies train's id 2 row


def test_group_overlap_and_clean_grouped_split():
    df = pd.DataFrame({"patient": np.repeat(np.arange(10), 3), "v": np.arange(30.0)})
    random_split = check_split(df.iloc[::2], df.iloc[1::2], groups="patient")
    assert random_split["group"].status == "fail" and random_split["group"].count == 15
    grouped = check_split(df[df.patient < 7], df[df.patient >= 7], groups="patient")
    assert grouped["group"].status == "pass"
    as_pair = check_split(df.v.iloc[:15], df.v.iloc[15:], groups=(df.patient.iloc[:15], df.patient.iloc[15:]))
    assert as_pair["group"].status == "pass"


def test_missing_groups_never_match():
    train = pd.DataFrame({"g": [None, "a"], "v": [1, 2]})
    test = pd.DataFrame({"g": [None, "b"], "v": [3, 4]}, index=[5, 6])
    assert check_split(train, test, groups="g")["group"].count == 0


def test_time_order_overall_and_per_group():
    days = pd.date_range("2024-01-01", periods=20, freq="D")
    df = pd.DataFrame({"t": days, "store": ["a", "b"] * 10, "v": np.arange(20.0)})
    shuffled = check_split(df.iloc[::2], df.iloc[1::2], time="t")
    assert shuffled["time"].status == "fail" and shuffled["time"].count == 9
    ordered = check_split(df.iloc[:15], df.iloc[15:], time="t", groups="store")
    assert ordered["time"].status == "pass" and ordered["time-group"].status == "pass"
    # per store the order holds, across stores it does not
    per_store = pd.concat([df[(df.store == "a") & (df.t <= days[9])], df[(df.store == "b") & (df.t <= days[15])]])
    rest = df.drop(per_store.index)
    report = check_split(per_store, rest, time="t", groups="store")
    assert report["time-group"].status == "pass"
    assert report["time"].status == "fail"


def test_time_equal_to_latest_training_time_counts():
    train = pd.DataFrame({"t": [1, 2, 3], "v": [0, 1, 2]})
    test = pd.DataFrame({"t": [3, 4], "v": [5, 6]}, index=[5, 6])
    assert check_split(train, test, time="t")["time"].count == 1


def test_datetime_units_and_timezones_hash_equal():
    ns = pd.Series(pd.to_datetime(["2024-01-01 10:00", "2024-01-02 00:00"])).astype("datetime64[ns]")
    us = ns.astype("datetime64[us]")
    assert (rowhash.column_hash(ns) == rowhash.column_hash(us)).all()
    utc = ns.dt.tz_localize("UTC")
    paris = utc.dt.tz_convert("Europe/Paris")
    assert (rowhash.column_hash(utc) == rowhash.column_hash(paris)).all()
    assert not (rowhash.column_hash(ns) == rowhash.column_hash(ns.astype("int64"))).any()


def test_label_distribution_reported_not_failed():
    train = pd.DataFrame({"v": range(10), "y": ["a"] * 6 + ["b"] * 4})
    test = pd.DataFrame({"v": range(10, 14), "y": ["a", "b", "c", "c"]}, index=range(10, 14))
    report = check_split(train, test, label="y")
    dist = report["label-distribution"]
    assert dist.status == "warn" and dist.count == 2 and "'c'" in dist.detail
    assert report.ok  # reported, never failed
    regression = check_split(train.assign(y=np.linspace(0, 1, 10)), test.assign(y=[0.11, 0.52, 0.93, 0.3]),
                             label="y")
    assert regression["label-distribution"].status == "skip"


def test_columns_are_aligned_by_name():
    train = frame(20, seed=1)
    test = train.iloc[:2][["s", "b", "a"]].copy()
    test.index = [100, 101]
    assert check_split(train, test)["overlap"].count == 2


def test_columns_present_on_one_side_only_are_noted():
    train = frame(20, seed=1)
    test = train.iloc[:2].assign(extra=1)
    test.index = [100, 101]
    report = check_split(train, test)
    assert report["overlap"].count == 2
    assert any("only in test: ['extra']" in n for n in report.notes)


def test_numpy_lists_and_series():
    assert check_split(np.array([[1, 2], [3, 4]]), np.array([[3, 4]]))["overlap"].count == 1
    assert check_split([1, 2, 3], [3.0, 4])["overlap"].count == 1
    assert check_split([[1, "a"], [2, "b"]], [[2, "b"]])["overlap"].count == 1
    assert check_split([{"a": 1}, {"a": 2}], [{"a": 2}])["overlap"].count == 1
    assert check_split(pd.Series([1, 2, 3], name="v"), pd.Series([5], name="v", index=[9]))["overlap"].count == 0


def test_sparse_matrices():
    sparse = pytest.importorskip("scipy.sparse")
    train = sparse.csr_matrix(np.array([[0, 1.0, 0], [2.0, 0, 0]]))
    test = sparse.csr_matrix(np.array([[2.0, 0, 0], [0, 0, 3.0]]))
    assert check_split(train, test)["overlap"].count == 1


def test_hash_collisions_never_produce_a_finding(monkeypatch):
    def colliding(data, columns=None):
        return np.zeros(rowhash.n_rows(data), dtype=np.uint64)

    monkeypatch.setattr(rowhash, "row_hashes", colliding)
    train, test = frame(30, seed=1), frame(10, seed=2, start=30)
    test = pd.concat([test, train.iloc[[4]]])
    report = check_split(train, test)
    assert report["overlap"].count == 1
    assert report["overlap"].examples[0]["train"] == 4
    assert "collisions dismissed" in report["overlap"].detail


def test_raise_on_leak():
    train = frame(10)
    with pytest.raises(LeakageError) as info:
        check_split(train, train.iloc[:2], raise_on_leak=True)
    assert info.value.report.failed == ["overlap"]
    check_split(frame(10, seed=1), frame(5, seed=2, start=10), raise_on_leak=True)


def test_to_dict_is_json_and_complete():
    train = pd.DataFrame({"t": pd.date_range("2024", periods=4), "v": [1.0, np.nan, 3.0, 4.0], "y": [0, 1, 0, 1]})
    report = check_split(train, train.iloc[2:], label="y", time="t", groups="v")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is False and data["n_train"] == 4 and data["n_test"] == 2
    assert {c["check"] for c in data["checks"]} >= {"overlap", "time", "group", "label-distribution"}


def test_bad_specs_are_explained():
    with pytest.raises(ValueError, match="groups="):
        check_split(frame(5), frame(3), groups=[1, 2])
    with pytest.raises(ValueError, match="missing from one split"):
        check_split(frame(5), frame(3).drop(columns="s"), groups="s")
    with pytest.raises(TypeError):
        check_split((x for x in range(3)), [1])


def test_a_check_that_cannot_be_computed_is_skipped_not_fatal():
    train = pd.DataFrame({"t": ["monday", "tuesday"], "v": [1, 2]})
    test = pd.DataFrame({"t": ["sunday"], "v": [1]}, index=[5])
    report = check_split(train, test, time="t")
    assert report["time"].status == "skip" and "could not be computed" in report["time"].detail
    assert report["overlap"].status == "pass"
