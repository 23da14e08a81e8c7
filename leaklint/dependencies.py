"""Which other files of a run the analysis of one file may read (cross-file imports).

The interpreter follows ``from X import ...`` (and relative imports) into the ``.py`` files
of the run, resolving every such import, however deep, relative to the file being checked
(``Project.resolve(checked_file, ...)``); plain ``import X`` never reads a project file.
So the files one check can read are the closure of the ``from`` imports written in the
file and, transitively, in the files they resolve to. The cache keys a result on the
hashes of that closure, and the prefilter looks for trigger words in it.

The imports are found with a regular expression over the raw text, which may find more
than Python would (an import in a string or a comment), never fewer: a larger closure
only costs a cache miss or an analysis that finds nothing.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Callable, Iterable

# `from` <dots, names, spaces, backslash-continued lines> `import`, tried at every `from`,
# so that a `from` in a comment ("taken from the paper") cannot swallow the import that
# follows it.
_FROM = re.compile(r"from\b")  # a leading \b would cost 30x: checked by hand below
_MODULE_IMPORT = re.compile(r"((?:[ \t\f\w.]|\\\r?\n)*?)\bimport\b")
_SPACE = re.compile(r"[\s\\]+")
_NAME = re.compile(r"[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*")


def from_imports(text: str, module_level: bool = False) -> list[tuple[int, str]]:
    """(dots, dotted name) of every ``from <dots><name> import`` in the text; with
    ``module_level``, of those that start a line (not indented in a block)."""
    found = set()
    for start in _FROM.finditer(text):
        before = text[start.start() - 1] if start.start() else "\n"
        if before.isalnum() or before == "_":
            continue  # inside a longer name
        if module_level and before not in "\r\n":
            continue
        match = _MODULE_IMPORT.match(text, start.end())
        if match is None:
            continue
        module = _SPACE.sub("", match.group(1))
        name = module.lstrip(".")
        dots = len(module) - len(name)
        if (name and _NAME.fullmatch(name)) or (dots and not name):
            found.add((dots, name))
    return sorted(found)


class ImportGraph:
    """The closure of a file's project imports, the imports of each file searched once.

    ``resolver`` answers ``resolve(importer, name, dots)`` (a ``ModuleIndex`` or the
    analysis' ``Project``) and keeps its own answers.
    """

    def __init__(self, resolver, read_text: Callable[[Path], str | None]) -> None:
        self.resolver = resolver
        self.read_text = read_text  # text of a file of the run, None when unreadable
        self._imports: dict[Path, list[tuple[int, str]]] = {}
        self._module_level_imports: dict[Path, list[tuple[int, str]]] = {}

    def closure(self, path: Path, text: str | None = None) -> list[Path]:
        """Every file of the run that checking ``path`` may read, in a stable order: every
        import followed, however deep (the cache key and the prefilter need them all)."""
        return self._reached(path, text, None, self._imports_of)

    def forecast(self, path: Path, text: str | None, depth: int) -> list[Path]:
        """The files that checking ``path`` will most likely read: a guess, for planning.

        The interpreter runs the whole of the checked file, but of a module it imports only
        the top level (definitions and imports; the imports in a function body are run only
        if the checked file calls that function). Following the imports at the start of a
        line in the files reached, rather than every import, the guess over the sources of
        scikit-learn and pandas names 312 MB of reads where 269 MB happen (every import:
        932 MB), and misses 0.5 MB.
        """
        return self._reached(path, text, depth, self._module_level_imports_of)

    def _reached(self, path: Path, text: str | None, depth: int | None, imports_of) -> list[Path]:
        """The files the imports of ``path`` resolve to, then those that ``imports_of`` each
        file reached resolve to, ``depth`` levels deep (None: all)."""
        importer = str(path)
        seen: dict[Path, None] = {}
        level = [self._imports_of(path, text)]
        while level and depth != 0:
            following = []
            for imports in level:
                for dots, name in imports:
                    found = self.resolver.resolve(importer, name, dots)
                    if found is not None and found not in seen:
                        seen[found] = None
                        following.append(imports_of(found))
            level = following
            depth = None if depth is None else depth - 1
        return sorted(seen, key=str)

    def _imports_of(self, path: Path, text: str | None = None) -> list[tuple[int, str]]:
        if path not in self._imports:
            if text is None:
                text = self.read_text(path)
            self._imports[path] = from_imports(text) if text else []
        return self._imports[path]

    def _module_level_imports_of(self, path: Path) -> list[tuple[int, str]]:
        if path not in self._module_level_imports:
            text = self.read_text(path)
            self._module_level_imports[path] = from_imports(text, module_level=True) if text else []
        return self._module_level_imports[path]


class ModuleIndex:
    """The ``.py`` files of a run by the dotted names they can be imported as, and the file
    that ``from <dots><name> import`` in a file of the run means.

    The analysis (``leaklint.analysis.project.Project``) resolves its imports with it, and
    so do the cache keys, without importing the engine (libcst): a run whose results are
    all cached computes its keys without it. A module is named by its real path
    (symbolic links resolved), found once per folder rather than once per file.
    """

    def __init__(self, files: Iterable) -> None:
        self._by_name: dict[str, list[Path]] = {}
        self._known: set[Path] = set()
        self._real_folders: dict[str, str] = {}
        self._real_parts: dict[str, tuple[str, ...]] = {}
        self._folders: dict[str, str] = {}  # importer -> the real folder its imports start from
        self._resolved: dict[tuple[str, str, int], Path | None] = {}
        for file in files:
            path = file if isinstance(file, Path) else Path(file)
            if path.suffix != ".py":
                continue
            self._known.add(path)
            for name in self._module_names(str(path)):
                self._by_name.setdefault(name, []).append(path)

    def knows(self, path: Path) -> bool:
        """Whether ``path`` is a ``.py`` file of the run."""
        return path in self._known

    def resolve(self, importer: str, name: str, dots: int) -> Path | None:
        """The file of the run that the import means in ``importer``, or None."""
        here = self._folders.get(importer)
        if here is None:
            here = self._folders[importer] = os.path.dirname(self._real(str(importer)))
        if not dots and name not in self._by_name:
            return None  # a library (sklearn.model_selection): most imports, answered at once
        key = (here, name, dots)
        if key not in self._resolved:
            self._resolved[key] = self._relative(Path(here), name, dots) if dots else self._nearest(Path(here), name)
        return self._resolved[key]

    def _relative(self, here: Path, name: str, dots: int) -> Path | None:
        """``from .name``: the module or package that many folders up, if a file of the run."""
        base = here
        for _ in range(dots - 1):
            base = base.parent
        target = base.joinpath(*name.split(".")) if name else base
        if not target.name:
            return None  # `from . import x` at the root: no module
        found = [path for path in (target.with_suffix(".py"), target / "__init__.py") if path in self._known]
        return found[0] if found else None

    def _nearest(self, here: Path, name: str) -> Path:
        """``from name``: of the files so named, the one nearest below ``here``, else the
        shortest path (then the first in text order)."""
        return min(self._by_name[name], key=lambda path: (_distance(here, path), str(path)))

    def _module_names(self, path: str) -> list[str]:
        """"c", "b.c", "a.b.c" for a file whose real path is /a/b/c.py or /a/b/c/__init__.py."""
        if os.path.islink(path):
            parts = list(Path(os.path.realpath(path)).with_suffix("").parts)
        else:
            folder, name = os.path.split(path)
            if folder not in self._real_parts:
                self._real_parts[folder] = Path(self._real_folder(folder)).parts
            parts = [*self._real_parts[folder], name[:-3]]  # less its ".py"
        if parts[-1] == "__init__":
            parts.pop()
        if len(parts) < 2:
            return []  # /__init__.py
        names = [parts[-1]]
        for part in reversed(parts[1:-1]):  # never the root
            names.append(f"{part}.{names[-1]}")
        return names

    def _real(self, path: str) -> str:
        """``os.path.realpath(path)``, found from the folder's (once per folder) unless the
        file is itself a link."""
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        return os.path.join(self._real_folder(folder), name)

    def _real_folder(self, folder: str) -> str:
        if folder not in self._real_folders:
            self._real_folders[folder] = os.path.realpath(folder)
        return self._real_folders[folder]


def _distance(here: Path, path: Path) -> int:
    """How many folders below ``here`` the file is; far more when it is not below it."""
    if here == path.parent or here in path.parent.parents:
        return len(path.parent.parts) - len(here.parts)
    return 1000 + len(path.parts)


class SourceTexts:
    """The files of a run read once, for the import search (latin-1: a character a byte)
    and the cache key (a digest of the bytes). Not regular files, files over ``max_bytes``
    and unreadable ones have neither."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._texts: dict[Path, str | None] = {}
        self._digests: dict[Path, str | None] = {}  # a helper is in the key of each importer

    def text(self, path: Path) -> str | None:
        if path not in self._texts:
            self._texts[path] = None
            try:
                status = path.stat()
                if stat.S_ISREG(status.st_mode) and status.st_size <= self.max_bytes:
                    self._texts[path] = path.read_bytes().decode("latin-1")
            except OSError:
                pass
        return self._texts[path]

    def digest(self, path: Path) -> str | None:
        if path not in self._digests:
            text = self.text(path)
            self._digests[path] = (None if text is None else
                                   hashlib.blake2b(text.encode("latin-1"), digest_size=20).hexdigest())
        return self._digests[path]
