"""pytest plugin: let a test suite assert that training code makes no leaky split.

Loaded through the ``pytest11`` entry point, so it must cost nothing when unused: no
hook is installed and nothing heavy imported unless a test asks for it, through

* the ``leaklint_audit`` fixture::

      def test_training_is_clean(leaklint_audit):
          train_model(load_data())
          leaklint_audit.assert_clean()          # or assert_clean(fail_on=["all"])

* the ``@pytest.mark.leaklint_audit(fail_on=..., groups=..., time=...)`` marker, or the
  ``--leaklint-audit`` option for every test: the test fails when a ``--fail-on`` check
  failed in the splits it made.
"""
from __future__ import annotations

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("leaklint", "leaklint runtime split audit")
    group.addoption("--leaklint-audit", action="store_true", default=False,
                    help="audit the splits every test makes; fail a test whose splits leak")
    group.addoption("--leaklint-fail-on", default=None, metavar="CHECKS",
                    help="comma-separated checks that fail an audited test (default: overlap,fit-on-test,group,time)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "leaklint_audit(fail_on=None, groups=None, time=None, id=None): "
                   "fail the test if the splits it makes leak (leaklint runtime audit)")


class Audit:
    """What the ``leaklint_audit`` fixture gives a test."""

    def __init__(self, recorder):
        self.recorder = recorder

    @property
    def result(self):
        return self.recorder.finish()

    @property
    def splits(self):
        return self.result.splits

    def failures(self, fail_on=None):
        return self.result.failures(fail_on)

    def assert_clean(self, fail_on=None):
        result = self.result
        if result.failures(fail_on):
            raise AssertionError("leaklint runtime audit found leakage:\n" + result.format(fail_on))
        return result


def _start(**options):
    from leaklint.runtime import hooks
    from leaklint.runtime.checks import DEFAULT_FAIL_ON
    from leaklint.runtime.recorder import Config

    if hooks.active() is not None:
        raise pytest.UsageError("leaklint: a runtime audit is already active in this process")
    fail_on = options.pop("fail_on", None) or DEFAULT_FAIL_ON
    if isinstance(fail_on, str):
        fail_on = tuple(fail_on.split(","))
    return hooks.install(Config(fail_on=tuple(fail_on), **options))


def _stop():
    from leaklint.runtime import hooks

    hooks.uninstall()


@pytest.fixture
def leaklint_audit():
    """Audit the splits, fits and scoring done during this test (hooks removed afterwards)."""
    recorder = _start()
    try:
        yield Audit(recorder)
    finally:
        _stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    marker = item.get_closest_marker("leaklint_audit")
    everywhere = item.config.getoption("leaklint_audit")
    if marker is None and not everywhere or "leaklint_audit" in getattr(item, "fixturenames", ()):
        yield
        return
    options = dict(marker.kwargs) if marker is not None else {}
    if "fail_on" not in options and item.config.getoption("leaklint_fail_on"):
        options["fail_on"] = item.config.getoption("leaklint_fail_on")
    recorder = _start(**options)
    try:
        outcome = yield
    finally:
        _stop()
    if outcome.excinfo is not None:
        return  # the test failed on its own: that is the failure to show
    try:
        Audit(recorder).assert_clean()
    except AssertionError as error:
        outcome.force_exception(error)
