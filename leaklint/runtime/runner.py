"""Run a training script the way ``python script.py args`` would, with the hooks installed.

Same ``sys.argv``, ``__name__ == "__main__"``, ``sys.path[0]`` = the script's folder,
the working directory left alone, and the script's exit status passed on (``sys.exit(3)``
gives 3; an uncaught exception prints its traceback and gives 1). leaklint's own report
goes to stderr so the script's stdout stays byte-identical.
"""
from __future__ import annotations

import os
import runpy
import sys
from dataclasses import dataclass

from leaklint.runtime import hooks
from leaklint.runtime.manifest import build_manifest, write_manifest
from leaklint.runtime.recorder import AuditResult, Config


@dataclass
class RunOutcome:
    exit_status: int  # what leaklint run exits with
    script_status: int  # what the script itself exited with
    result: AuditResult


def exit_code_of(exc: SystemExit) -> int:
    """The process status ``sys.exit(code)`` gives, as the interpreter computes it."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, bool):
        return int(code)
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else code % 256
    print(code, file=sys.stderr)
    return 1


def run_script(script: str, args=(), *, config: Config | None = None, manifest_path: str | None = None,
               stream=None, verbose: bool = False) -> RunOutcome:
    """Run ``script`` under the hooks; print the report to ``stream`` (stderr)."""
    stream = stream if stream is not None else sys.stderr
    config = config or Config()
    path = os.path.abspath(script)
    saved_argv, saved_path0 = sys.argv[:], sys.path[0] if sys.path else None
    sys.argv = [script, *args]
    if sys.path:
        sys.path[0] = os.path.dirname(path)
    else:
        sys.path.insert(0, os.path.dirname(path))
    hooks.install(config)
    status = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        status = exit_code_of(exc)
    except KeyboardInterrupt:
        _print_exception()
        status = 130
    except BaseException:  # noqa: BLE001 - the script's own failure: report it as Python would
        _print_exception()
        status = 1
    finally:
        recorder = hooks.uninstall()
        sys.argv = saved_argv
        if saved_path0 is not None and sys.path:
            sys.path[0] = saved_path0
    for fh in (sys.stdout, sys.stderr):
        try:
            fh.flush()
        except (OSError, ValueError):
            pass
    result = recorder.finish()
    print(result.format(verbose=verbose), file=stream)
    exit_status = 1 if result.failures() else status
    if manifest_path:
        write_manifest(build_manifest(result, script=script, argv=[script, *args], exit_status=exit_status),
                       manifest_path)
        print(f"leaklint: split manifest written to {manifest_path}", file=stream)
    stream.flush()
    return RunOutcome(exit_status, status, result)


def _print_exception() -> None:
    exc_type, exc, tb = sys.exc_info()
    # drop leaklint's and runpy's frames: the user should see their own traceback
    while tb is not None and hooks._is_library(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    if exc is not None:
        exc = exc.with_traceback(tb)
    sys.excepthook(exc_type, exc, tb)
