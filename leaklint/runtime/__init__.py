"""Runtime split audit: watch the splits, fits and scores a script really makes.

Cheap to import: the hooks, pandas and numpy load only when something here is called.

    import leaklint.runtime
    leaklint.runtime.install()        # at the top of a script or notebook
    ...
    leaklint.runtime.report()         # AuditResult so far (also printed at exit)
    leaklint.runtime.manifest("splits.json")
"""
from __future__ import annotations

import atexit
import sys

_AT_EXIT = []  # the at-exit report registered by install(), at most one


def install(*, fail_on=None, groups=None, time=None, id=None, near=False, infer=True,
            report_at_exit: bool = True, manifest: str | None = None, verbose: bool = False):
    """Install the hooks in this process (what ``leaklint run`` does for a script).

    Call it before importing the libraries whose functions you import by name
    (``from sklearn.model_selection import train_test_split``); names bound earlier in
    your own modules are re-pointed at the hooks too. At exit the report is printed to
    stderr and, with ``manifest=PATH``, the manifest written. Returns the recorder.
    """
    from leaklint.runtime import hooks
    from leaklint.runtime.checks import DEFAULT_FAIL_ON
    from leaklint.runtime.recorder import Config

    if hooks.active() is not None:  # under `leaklint run`, or called twice: one audit, one report
        return hooks.active()
    config = Config(fail_on=tuple(fail_on) if fail_on else DEFAULT_FAIL_ON, groups=groups, time=time,
                    id=id, near=near, infer=infer)
    recorder = hooks.install(config)
    if (report_at_exit or manifest) and not _AT_EXIT:
        def at_exit():
            _exit_report(recorder, report_at_exit, manifest, verbose)

        _AT_EXIT.append(at_exit)
        atexit.register(at_exit)
    return recorder


def _exit_report(recorder, show: bool, manifest_path, verbose: bool) -> None:
    from leaklint.runtime.manifest import build_manifest, write_manifest

    try:
        result = recorder.finish()
        if show:
            print(result.format(verbose=verbose), file=sys.stderr)
        if manifest_path:
            write_manifest(build_manifest(result, script=sys.argv[0] if sys.argv else None, argv=sys.argv),
                           manifest_path)
    except Exception as exc:  # noqa: BLE001 - never turn a finished script into a failure
        print(f"leaklint: could not write the runtime report: {type(exc).__name__}: {exc}", file=sys.stderr)


def uninstall():
    """Remove the hooks (and the at-exit report); return the recorder that was active."""
    from leaklint.runtime import hooks

    for fn in _AT_EXIT:
        atexit.unregister(fn)
    _AT_EXIT.clear()
    return hooks.uninstall()


def report(recorder=None):
    """The audit so far as an :class:`~leaklint.runtime.recorder.AuditResult` (str() to print)."""
    from leaklint.runtime import hooks

    recorder = recorder or hooks.active()
    if recorder is None:
        raise RuntimeError("leaklint.runtime.install() was not called")
    return recorder.finish()


def manifest(path: str | None = None, recorder=None) -> dict:
    """The split manifest of the audit so far; written as JSON to ``path`` if given."""
    from leaklint.runtime.manifest import build_manifest, write_manifest

    data = build_manifest(report(recorder), script=sys.argv[0] if sys.argv else None, argv=sys.argv)
    if path:
        write_manifest(data, path)
    return data


def assert_clean(fail_on=None, recorder=None):
    """Raise :class:`leaklint.LeakageError`-like ``AssertionError`` if a --fail-on check failed."""
    result = report(recorder)
    failures = result.failures(fail_on)
    if failures:
        raise AssertionError("leaklint runtime audit failed:\n" + result.format(fail_on))
    return result
