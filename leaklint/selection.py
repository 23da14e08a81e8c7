"""Which rule codes are enabled: --select / --extend-select / --ignore, per-file ignores.

Selectors are full codes (`LL101`), prefixes (`LL1`, `LL10`) or `ALL`, as in ruff.
Settings come in layers (the configuration file, then the command line); a layer with
`select` starts afresh, one without it adjusts the layer below. Within a layer the more
specific selector wins (`--select LL1 --ignore LL101` keeps LL102), an ignore wins a tie.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Iterable

# Reported by the pipeline, not by an analysis rule: a narrow --select must not hide that
# a file could not be read (LL001) or analysed (LL003); only an explicit ignore does.
# LL002 (internal error) is never hidden: it is a bug in leaklint and sets exit status 2.
PARSE_ERROR = "LL001"
INTERNAL_ERROR = "LL002"
BUDGET_EXCEEDED = "LL003"
META_CODES = (PARSE_ERROR, INTERNAL_ERROR, BUDGET_EXCEEDED)

_SELECTOR = re.compile(r"^(ALL|[A-Z]+[0-9]*)$")


class SelectionError(ValueError):
    """An unknown code or a malformed selector (a usage or configuration error)."""


@dataclass(frozen=True)
class SelectionLayer:
    select: tuple[str, ...] | None = None  # None: keep what the layer below enabled
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class PerFileIgnore:
    pattern: str  # a glob against the path relative to the project root, or the file name
    codes: tuple[str, ...] = field(default=())

    def applies_to(self, relative_path: str) -> bool:
        name = relative_path.rsplit("/", 1)[-1]
        return fnmatch.fnmatchcase(relative_path, self.pattern) or fnmatch.fnmatchcase(name, self.pattern)


def parse_codes(text: str) -> tuple[str, ...]:
    """`"LL101, LL2 ALL"` -> ("LL101", "LL2", "ALL"): comma or space separated."""
    return tuple(part.upper() for part in re.split(r"[\s,]+", text.strip()) if part)


def check_selectors(selectors: Iterable[str], known_codes: Iterable[str], where: str) -> None:
    known = tuple(known_codes)
    for selector in selectors:
        if not _SELECTOR.match(selector) or (
                selector != "ALL" and not any(code.startswith(selector) for code in known)):
            raise SelectionError(f"unknown rule selector {selector!r} in {where} "
                                 f"(known codes: {', '.join(sorted(known))}; prefixes such as LL1 and ALL work too)")


def matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _specificity(code: str, selectors: Iterable[str]) -> int:
    """How specifically the selectors name ``code``: 0 not at all, ALL 1, else prefix length + 1."""
    best = 0
    for selector in selectors:
        if matches(code, selector):
            best = max(best, 1 if selector == "ALL" else len(selector) + 1)
    return best


def enabled_codes(known_codes: Iterable[str], layers: Iterable[SelectionLayer]) -> frozenset[str]:
    known = tuple(known_codes)
    enabled = set(known)  # default: every rule
    for layer in layers:
        if layer.select is not None:
            chosen = layer.select + layer.extend_select
            below = {code for code in enabled if code in META_CODES}
        else:
            chosen = layer.extend_select
            below = enabled
        result = set()
        for code in known:
            selected = _specificity(code, chosen)
            ignored = _specificity(code, layer.ignore)
            if ignored and ignored >= selected:
                continue
            if selected or code in below:
                result.add(code)
        enabled = result
    enabled.add(INTERNAL_ERROR)
    return frozenset(enabled)


def parse_per_file_ignores(entries: Iterable[str]) -> tuple[PerFileIgnore, ...]:
    """`'tests/*:LL101,LL102'` entries, repeated or comma-separated (`'a.py:LL1,b.py:LL2'`).

    A comma-separated piece without a colon is one more code for the entry before it.
    """
    result: list[PerFileIgnore] = []
    for entry in entries:
        for piece in entry.split(","):
            piece = piece.strip()
            if not piece:
                continue
            pattern, colon, codes = piece.rpartition(":")
            if colon:
                if not pattern.strip():
                    raise SelectionError(f"per-file-ignores entry {piece!r} has no file pattern")
                result.append(PerFileIgnore(pattern.strip(), parse_codes(codes)))
            elif result:
                last = result[-1]
                result[-1] = PerFileIgnore(last.pattern, last.codes + parse_codes(piece))
            else:
                raise SelectionError(f"per-file-ignores entry {piece!r} is not 'GLOB:CODES'")
    return tuple(result)


def ignored_for_file(relative_path: str, per_file_ignores: Iterable[PerFileIgnore]) -> tuple[str, ...]:
    return tuple(code for entry in per_file_ignores if entry.applies_to(relative_path) for code in entry.codes)


def is_reported(code: str, enabled: frozenset[str], file_ignores: tuple[str, ...]) -> bool:
    if code == INTERNAL_ERROR:
        return True
    if code not in enabled:
        return False
    return not any(matches(code, selector) for selector in file_ignores)
