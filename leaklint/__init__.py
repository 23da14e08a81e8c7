"""leaklint: find evaluation-protocol leakage in machine-learning code."""

__version__ = "0.1.0"

_RUNTIME_EXPORTS = ("check_split", "SplitReport", "LeakageError")


def __getattr__(name):
    # PEP 562: the runtime split check pulls in pandas and numpy; load it only when used,
    # so `import leaklint` (done by every CLI run) stays cheap.
    if name in _RUNTIME_EXPORTS:
        from leaklint.runtime import split_check

        return getattr(split_check, name)
    raise AttributeError(f"module 'leaklint' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_RUNTIME_EXPORTS))
