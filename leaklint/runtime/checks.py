"""Names of the runtime checks and what ``--fail-on`` means; imports nothing heavy.

The main CLI imports this (through the ``run`` command's options) on every start, so it
must not pull in numpy or pandas.
"""
from __future__ import annotations

DEFAULT_FAIL_ON = ("overlap", "fit-on-test", "group", "time")
# --fail-on names a family: "time" also fails on the per-group time check, and so on.
FAIL_FAMILIES = {
    "overlap": ("overlap", "conflicting-labels", "near-overlap"),
    "time": ("time", "time-group"),
}
RUNTIME_CHECKS = ("fit-on-test", "test-reuse")
ALL_CHECKS = (
    "overlap", "conflicting-labels", "near-overlap", "index", "id", "group", "time", "time-group",
    "label-distribution", "fit-on-test", "test-reuse",
)


def expand_fail_on(names) -> set[str]:
    """The check names a --fail-on list covers ('all', 'none', families, exact names)."""
    out: set[str] = set()
    for raw in names:
        name = raw.strip().lower().replace("_", "-")
        if not name or name == "none":
            continue
        if name == "all":
            out.update(ALL_CHECKS)
            continue
        if name not in ALL_CHECKS:
            raise ValueError(f"unknown check {raw!r}; known: {', '.join(ALL_CHECKS)}, all, none")
        out.update(FAIL_FAMILIES.get(name, (name,)))
    return out
