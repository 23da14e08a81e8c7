"""The pytest plugin: a fixture, a marker and an option to assert training code leaks nothing."""
from __future__ import annotations

from importlib import metadata

# pytester's in-process runs drop modules first imported inside them; numpy cannot be
# imported twice in a process, so the inner test files' libraries are imported here.
import sklearn.datasets  # noqa: F401
import sklearn.linear_model  # noqa: F401
import sklearn.model_selection  # noqa: F401
import sklearn.preprocessing  # noqa: F401,E402

pytest_plugins = ["pytester"]

TESTS = '''
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def train(leaky):
    X, y = make_classification(n_samples=120, n_features=4, random_state=0)
    if leaky:
        X = StandardScaler().fit_transform(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    return LogisticRegression().fit(X_train, y_train).score(X_test, y_test)


def test_fixture_clean(leaklint_audit):
    train(leaky=False)
    result = leaklint_audit.assert_clean()
    assert len(result.splits) == 1


def test_fixture_leaky(leaklint_audit):
    train(leaky=True)
    with pytest.raises(AssertionError, match="fit-on-test"):
        leaklint_audit.assert_clean()
    assert leaklint_audit.failures() == [(1, "fit-on-test")]


@pytest.mark.leaklint_audit
def test_marker_leaky():
    train(leaky=True)


@pytest.mark.leaklint_audit(fail_on="overlap")
def test_marker_other_checks():
    train(leaky=True)


def test_unaudited_leaky():
    train(leaky=True)
'''


def _plugin_args() -> list[str]:
    """Load the plugin explicitly only when its entry point is not installed."""
    installed = any(ep.name == "leaklint" and ep.value == "leaklint.runtime.pytest_plugin"
                    for ep in metadata.entry_points(group="pytest11"))
    return [] if installed else ["-p", "leaklint.runtime.pytest_plugin"]


def test_fixture_and_marker(pytester):
    pytester.makepyfile(test_training=TESTS)
    result = pytester.runpytest_inprocess(*_plugin_args(), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines(["*test_marker_leaky*", "*leaklint runtime audit found leakage*"])
    assert "test_marker_other_checks FAILED" not in result.stdout.str()


def test_option_audits_every_test(pytester):
    pytester.makepyfile(test_training=TESTS)
    result = pytester.runpytest_inprocess(*_plugin_args(), "-p", "no:cacheprovider", "--leaklint-audit",
                                          "-k", "unaudited")
    result.assert_outcomes(failed=1)


def test_plugin_import_is_cheap_and_installs_nothing():
    import subprocess
    import sys

    code = ("import sys, leaklint.runtime.pytest_plugin as p; "
            "print('pandas' in sys.modules, any(type(f).__name__ == '_PostImportFinder' for f in sys.meta_path))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
