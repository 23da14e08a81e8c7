"""Settings for one run: `[tool.leaklint]` of the nearest pyproject.toml, then the command line.

    [tool.leaklint]
    select = ["LL1", "LL2"]          # codes or prefixes; default: every rule
    extend-select = ["LL401"]
    ignore = ["LL204"]
    per-file-ignores = { "tests/*" = ["LL303"] }
    exclude = [...]                  # replaces the default excludes
    extend-exclude = ["notebooks/scratch"]
    max-file-size = 5242880          # bytes
    max-analysis-seconds = 20        # per file; past it the file gets LL003
    max-lines = 50000                # per file; a longer file is not parsed and gets LL003
    [tool.leaklint.library]          # in-house APIs, passed as-is to the engine's library loader

A file given with --config may also be a `leaklint.toml` holding the same keys at top level.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from leaklint.selection import (
    PerFileIgnore,
    SelectionError,
    SelectionLayer,
    check_selectors,
    enabled_codes,
    parse_codes,
    parse_per_file_ignores,
)
from leaklint.sources import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_LINES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# ruff's default excludes: tool caches, virtual environments, build output, VCS data.
DEFAULT_EXCLUDES = (
    ".bzr", ".direnv", ".eggs", ".env", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
    ".leaklint_cache", ".mypy_cache", ".nox", ".pants.d", ".pytest_cache", ".pytype",
    ".ruff_cache", ".svn", ".tox", ".venv", "__pycache__", "__pypackages__", "_build",
    "buck-out", "build", "dist", "env", "node_modules", "site-packages", "venv",
)


DEFAULT_ANALYSIS_SECONDS = 20.0


class ConfigError(ValueError):
    """The configuration cannot be used as written (exit status 2)."""


@dataclass(frozen=True)
class FileConfig:
    """What a configuration file says, validated; None where it says nothing."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[PerFileIgnore, ...] | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    max_file_size: int | None = None
    max_analysis_seconds: float | None = None
    max_lines: int | None = None
    library: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CommandLineOptions:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[str, ...] | None = None  # raw 'GLOB:CODES' entries
    config: Path | None = None
    isolated: bool = False
    force_exclude: bool = False


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; plain data, so it can be sent to a worker process."""

    project_root: Path  # globs in exclude and per-file-ignores are relative to it
    enabled: frozenset[str]
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_analysis_seconds: float = DEFAULT_ANALYSIS_SECONDS
    max_lines: int = DEFAULT_MAX_LINES
    library_extension: dict = field(default_factory=dict)
    config_path: Path | None = None


def resolve_settings(options: CommandLineOptions, known_codes: tuple[str, ...], cwd: Path) -> Settings:
    """Settings from the configuration file (unless --isolated) and the command line.

    Raises ConfigError for a bad file and SelectionError for bad command-line codes.
    """
    if options.isolated:
        file_config = FileConfig()
    elif options.config is not None:
        file_config = load_config_file(options.config, known_codes, explicit=True)
    else:
        found = find_config(cwd)
        file_config = load_config_file(found, known_codes) if found else FileConfig()

    for selectors, where in ((options.select or (), "--select"), (options.extend_select, "--extend-select"),
                             (options.ignore, "--ignore")):
        check_selectors(selectors, known_codes, where)
    if options.per_file_ignores is not None:
        per_file_ignores = parse_per_file_ignores(options.per_file_ignores)
        for entry in per_file_ignores:
            check_selectors(entry.codes, known_codes, "--per-file-ignores")
    else:
        per_file_ignores = file_config.per_file_ignores or ()

    layers = (
        SelectionLayer(file_config.select, file_config.extend_select, file_config.ignore),
        SelectionLayer(options.select, options.extend_select, options.ignore),
    )
    return Settings(
        project_root=(file_config.path.parent if file_config.path else cwd).absolute(),
        enabled=enabled_codes(known_codes, layers),
        per_file_ignores=per_file_ignores,
        exclude=file_config.exclude if file_config.exclude is not None else DEFAULT_EXCLUDES,
        extend_exclude=file_config.extend_exclude,
        force_exclude=options.force_exclude,
        max_file_size=file_config.max_file_size or DEFAULT_MAX_FILE_SIZE,
        max_analysis_seconds=file_config.max_analysis_seconds or DEFAULT_ANALYSIS_SECONDS,
        max_lines=file_config.max_lines or DEFAULT_MAX_LINES,
        library_extension=file_config.library,
        config_path=file_config.path,
    )


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml, from ``start`` upwards, that has a [tool.leaklint] table."""
    start = start.absolute()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _leaklint_table(_read_toml(candidate), candidate) is not None:
            return candidate
    return None


def load_config_file(path: Path, known_codes: tuple[str, ...], explicit: bool = False) -> FileConfig:
    document = _read_toml(path)
    table = _leaklint_table(document, path)
    if table is None:
        # An explicit leaklint.toml holds the keys at top level; a pyproject.toml without
        # the table simply configures nothing.
        table = document if explicit and path.name != "pyproject.toml" else {}
    return _validate(table, path, known_codes)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None


def _leaklint_table(document: dict, path: Path) -> dict | None:
    tool = document.get("tool")
    if not isinstance(tool, dict) or "leaklint" not in tool:
        return None
    if not isinstance(tool["leaklint"], dict):
        raise ConfigError(f"[tool.leaklint] in {path} must be a table")
    return tool["leaklint"]


def _codes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("a list of rule codes (strings)")
    return tuple(code for item in value for code in parse_codes(item))


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("a list of strings")
    return tuple(value)


def _per_file_ignores(value: Any) -> tuple[PerFileIgnore, ...]:
    if not isinstance(value, dict):
        raise TypeError('a table of glob = ["CODE", ...]')
    return tuple(PerFileIgnore(pattern, _codes(codes)) for pattern, codes in value.items())


def _file_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise TypeError("a positive number of bytes")
    return value


def _lines(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise TypeError("a positive number of lines")
    return value


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise TypeError("a positive number of seconds")
    return float(value)


def _table(value: Any) -> dict:
    if not isinstance(value, dict):
        raise TypeError("a table")
    return value


# key in the file -> (FileConfig field, converter that raises TypeError naming the expected type)
_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "select": ("select", _codes),
    "extend-select": ("extend_select", _codes),
    "ignore": ("ignore", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("extend_exclude", _strings),
    "max-file-size": ("max_file_size", _file_size),
    "max-analysis-seconds": ("max_analysis_seconds", _seconds),
    "max-lines": ("max_lines", _lines),
    "library": ("library", _table),
}


def _validate(table: dict, path: Path, known_codes: tuple[str, ...]) -> FileConfig:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"unknown key {key!r} in the leaklint settings of {path} "
                              f"(known keys: {', '.join(_KEYS)})")
        name, convert = _KEYS[key]
        try:
            values[name] = convert(value)
        except TypeError as expected:
            raise ConfigError(f"{key!r} in {path} must be {expected}") from None
    try:
        for key in ("select", "extend_select", "ignore"):
            check_selectors(values.get(key) or (), known_codes, f"{path}")
        for entry in values.get("per_file_ignores") or ():
            check_selectors(entry.codes, known_codes, f"per-file-ignores of {path}")
    except SelectionError as error:
        raise ConfigError(str(error)) from None
    return FileConfig(path=path, **values)
