"""Findings of unchanged files, kept between runs in ``.leaklint_cache/`` (ruff-style).

One entry per checked file and configuration, ``<cache>/<version>/<name>.json``, whose
name hashes the leaklint version and code, the settings and the file's paths, and whose
``key`` also hashes the file's bytes and the bytes of every file of the run its check may
read (its ``from`` imports, transitively: see ``leaklint.dependencies``). A changed file,
a changed imported helper, a file that appears where an import now resolves, another
configuration or another leaklint all give another key, so the entry is not used and is
overwritten after the new check.

Entries are written to a temporary file and renamed into place (``os.replace``), so a
concurrent run sees the old entry or the new one, never half of one; an entry that cannot
be read or does not make sense is a miss. A cache folder that cannot be written simply
turns the cache off for the run. Results that depend on more than the files (a crash of
leaklint, LL002, and a file stopped by the time budget, LL003) are not stored.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from leaklint.dependencies import ImportGraph, SourceTexts
from leaklint.findings import Finding, TraceStep

CACHE_FOLDER = ".leaklint_cache"
NOT_CACHED = frozenset({"LL002", "LL003"})  # a crash, a budget or size stop: not a property of the bytes
_GITIGNORE = "# Created by leaklint: the cache is not part of the project.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by leaklint.\n"
                 "# For information about cache directory tags see https://bford.info/cachedir/\n")


def _digest(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


_CODE_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """A hash of leaklint's own code and library models, beyond the version number.

    An editable install or a checkout changes the engine without changing ``__version__``;
    a cache keyed on the version alone would then replay stale findings.
    """
    global _CODE_FINGERPRINT
    if _CODE_FINGERPRINT is None:
        import leaklint
        import leaklint.rules

        hasher = hashlib.blake2b(digest_size=20)
        folders = {Path(leaklint.__file__).parent, Path(leaklint.rules.__file__).parent}
        for folder in sorted(folders):
            for root, dirs, names in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(names):
                    if name.endswith((".py", ".toml")):
                        path = Path(root, name)
                        try:
                            data = path.read_bytes()
                        except OSError:
                            continue
                        hasher.update(str(path.relative_to(folder)).encode() + b"\0" + data + b"\0")
        _CODE_FINGERPRINT = hasher.hexdigest()
    return _CODE_FINGERPRINT


def settings_fingerprint(settings) -> str:
    """Every field of the settings, in a canonical text (new fields count automatically)."""
    return json.dumps(_canonical(settings), sort_keys=True, separators=(",", ":"))


def _canonical(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _canonical(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)  # Path and anything else with a faithful text


class Cache:
    def __init__(self, folder: Path, settings, version: str | None = None) -> None:
        if version is None:
            import leaklint  # read at run time: a test (or an upgrade in place) may change it

            version = leaklint.__version__
        self.root = folder
        self.folder = folder / version
        self._folder_text = str(self.folder)  # entries are named by text: a Path per file costs
        self.salt = _digest(version, code_fingerprint(), settings_fingerprint(settings))
        self.enabled = True
        self._prepared = False

    # ------------------------------------------------------------------ keys
    def keys(self, files, graph: ImportGraph, texts: SourceTexts) -> list[str | None]:
        """The full key of every file (None: not cacheable, e.g. unreadable or not a file)."""
        keys: list[str | None] = []
        for file in files:
            own = texts.digest(file.path)
            if own is None:
                keys.append(None)
                continue
            dependencies = [f"{dependency}={texts.digest(dependency)}"
                            for dependency in graph.closure(file.path, texts.text(file.path))]
            keys.append(_digest(self.salt, own, *dependencies))
        return keys

    def _entry(self, file) -> str:
        name = _digest(self.salt, os.path.abspath(file.path), file.display, file.relative)
        return os.path.join(self._folder_text, f"{name}.json")

    # ------------------------------------------------------------------ entries
    def lookup(self, file, key: str | None) -> list[Finding] | None:
        if key is None or not self.enabled:
            return None
        try:
            with open(self._entry(file), "rb") as handle:
                entry = json.loads(handle.read())
            if not isinstance(entry, dict) or entry.get("key") != key:
                return None
            return [_finding(item) for item in entry["findings"]]
        except Exception:  # noqa: BLE001 - missing, unreadable, truncated or foreign: a miss
            return None

    def store(self, file, key: str | None, findings: list[Finding]) -> None:
        if key is None or not self.enabled or any(finding.code in NOT_CACHED for finding in findings):
            return
        entry = {"key": key, "findings": [dataclasses.asdict(finding) for finding in findings]}
        try:
            self._prepare()
            _write_atomically(self._entry(file), json.dumps(entry, separators=(",", ":")))
        except OSError:
            self.enabled = False  # read-only or full disk: run on without the cache

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            path = self.root / name
            if not path.exists():
                _write_atomically(path, text)
        self._prepared = True


def _finding(item: dict) -> Finding:
    trace = tuple(TraceStep(**step) for step in item.pop("trace"))
    return Finding(**item, trace=trace)


def _write_atomically(path: str | Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, renamed."""
    import tempfile  # here, not at the top: a run answered from the cache writes nothing

    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a cache file need not be
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


_UMASK: int | None = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
