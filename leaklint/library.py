"""Library knowledge as data: which qualified names split, fit, score, resample, seed, ...

The engine knows only the categories (``kind``); the TOML files under ``rules/libraries/``
(shipped as ``leaklint.rules``) say which names belong to them. A team adds its own
entries in ``[tool.leaklint.library]`` with the same format, e.g.::

    [[tool.leaklint.library.api]]
    kind = "statistic"
    names = ["our_ml.fit_scaler"]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KINDS = frozenset({
    "loader", "split", "cv_splitter", "cross_validation", "transformer", "stateless", "label", "statistic",
    "pipeline", "search", "model", "metric", "meta", "resample", "resampler", "shuffle", "seed", "rng",
    "concat", "select", "time", "train_function", "subset", "trainer", "study", "passthrough", "argparser", "saver",
})

# Aliases users import through: tensorflow re-exports keras, sklearn modules are re-exported.
_PREFIX_ALIASES = (("tensorflow.keras.", "keras."), ("tf_keras.", "keras."), ("tensorflow.python.keras.", "keras."))


class LibraryError(ValueError):
    """A library file or a [tool.leaklint.library] entry is malformed."""


@dataclass(frozen=True)
class Api:
    kind: str
    options: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@dataclass
class Library:
    exact: dict = field(default_factory=dict)  # qualified name -> Api
    patterns: list = field(default_factory=list)  # (prefix, suffix, Api), most specific first
    estimator_methods: dict = field(default_factory=dict)  # method name -> role
    data_methods: dict = field(default_factory=dict)  # role -> frozenset of method names
    eval_keywords: frozenset = frozenset()
    _cache: dict = field(default_factory=dict, repr=False)

    def lookup(self, qualname: str | None) -> Api | None:
        if not qualname:
            return None
        if qualname in self._cache:
            return self._cache[qualname]
        found = self._lookup(_normalise(qualname))
        self._cache[qualname] = found
        return found

    def _lookup(self, name: str) -> Api | None:
        candidates = [name]
        public = ".".join(part for part in name.split(".") if not part.startswith("_"))
        if public != name:
            candidates.append(public)
        for candidate in candidates:
            if candidate in self.exact:
                return self.exact[candidate]
        for candidate in candidates:
            for prefix, suffix, api in self.patterns:
                if candidate.startswith(prefix) and candidate.endswith(suffix) and len(candidate) >= len(prefix) + len(suffix):
                    return api
        return None

    def data_method(self, role: str, name: str) -> bool:
        return name in self.data_methods.get(role, ())

    def add(self, table: Mapping[str, Any], origin: str) -> None:
        for key in ("estimator_methods", "data_methods", "eval_keywords"):
            if key in table:
                self._add_protocol(key, table[key], origin)
        for entry in table.get("api", []):
            self._add_api(entry, origin)
        self.patterns.sort(key=lambda p: -(len(p[0]) + len(p[1])))
        self._cache.clear()

    def _add_api(self, entry: Mapping[str, Any], origin: str) -> None:
        if not isinstance(entry, Mapping) or "kind" not in entry or "names" not in entry:
            raise LibraryError(f"{origin}: every [[api]] entry needs 'kind' and 'names'")
        kind = entry["kind"]
        if kind not in KINDS:
            raise LibraryError(f"{origin}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        names = entry["names"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise LibraryError(f"{origin}: 'names' of a {kind} entry must be a list of strings")
        api = Api(kind, {k: v for k, v in entry.items() if k not in ("kind", "names")})
        for name in names:
            if "*" in name:
                prefix, _, suffix = name.partition("*")
                self.patterns.append((prefix, suffix, api))
            else:
                self.exact[name] = api

    def _add_protocol(self, key: str, table: Any, origin: str) -> None:
        if key == "eval_keywords":
            self.eval_keywords = self.eval_keywords | frozenset(table.get("names", []))
            return
        if not isinstance(table, Mapping):
            raise LibraryError(f"{origin}: [{key}] must be a table of lists")
        for role, names in table.items():
            if key == "estimator_methods":
                for name in names:
                    self.estimator_methods[name] = role
            else:
                self.data_methods[role] = frozenset(self.data_methods.get(role, frozenset()) | set(names))


def _normalise(qualname: str) -> str:
    for old, new in _PREFIX_ALIASES:
        if qualname.startswith(old):
            return new + qualname[len(old):]
    return qualname


def load_library(extension: Mapping[str, Any] | None = None) -> Library:
    """The shipped library models, then the user's ``[tool.leaklint.library]`` on top."""
    library = Library()
    folder = resources.files("leaklint.rules").joinpath("libraries")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    # protocol.toml first so that library files may extend it.
    files.sort(key=lambda f: f.name != "protocol.toml")
    for file in files:
        try:
            table = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise LibraryError(f"{file.name}: {exc}") from exc
        library.add(table, file.name)
    if extension:
        library.add(extension, "[tool.leaklint.library]")
    return library
