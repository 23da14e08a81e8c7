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
import re
import stat
from pathlib import Path
from typing import Callable

# `from` <dots, names, spaces, backslash-continued lines> `import`, tried at every `from`,
# so that a `from` in a comment ("taken from the paper") cannot swallow the import that
# follows it.
_FROM = re.compile(r"from\b")  # a leading \b would cost 30x: checked by hand below
_MODULE_IMPORT = re.compile(r"((?:[ \t\f\w.]|\\\r?\n)*?)\bimport\b")
_SPACE = re.compile(r"[\s\\]+")
_NAME = re.compile(r"[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*")


def from_imports(text: str) -> list[tuple[int, str]]:
    """(dots, dotted name) of every ``from <dots><name> import`` in the text."""
    found = set()
    for start in _FROM.finditer(text):
        before = text[start.start() - 1] if start.start() else " "
        if before.isalnum() or before == "_":
            continue  # inside a longer name
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
    """The closure of a file's project imports, with the resolutions shared between files."""

    def __init__(self, project, read_text: Callable[[Path], str | None]) -> None:
        self.project = project
        self.read_text = read_text  # text of a file of the run, None when unreadable
        self._imports: dict[Path, list[tuple[int, str]]] = {}
        self._resolved: dict[tuple, Path | None] = {}

    def closure(self, path: Path, text: str | None = None, depth: int | None = None) -> list[Path]:
        """Every file of the run that checking ``path`` may read, in a stable order.

        ``depth`` limits the chain of imports followed (as the interpreter's call depth
        does): for predictions, not for the cache key, which needs every file.
        """
        importer = str(path)
        here = str(Path(importer).resolve().parent)  # what resolution depends on
        seen: dict[Path, None] = {}
        level = [self._imports_of(path, text)]
        while level and depth != 0:
            following = []
            for imports in level:
                for dots, name in imports:
                    key = (here, dots, name)
                    if key not in self._resolved:
                        self._resolved[key] = self.project.resolve(importer, name, dots)
                    found = self._resolved[key]
                    if found is not None and found not in seen:
                        seen[found] = None
                        following.append(self._imports_of(found))
            level = following
            depth = None if depth is None else depth - 1
        return sorted(seen, key=str)

    def _imports_of(self, path: Path, text: str | None = None) -> list[tuple[int, str]]:
        if path not in self._imports:
            if text is None:
                text = self.read_text(path)
            self._imports[path] = from_imports(text) if text else []
        return self._imports[path]


class SourceTexts:
    """The files of a run read once, for the import search (latin-1: a character a byte)
    and the cache key (a digest of the bytes). Not regular files, files over ``max_bytes``
    and unreadable ones have neither."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._texts: dict[Path, str | None] = {}

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
        text = self.text(path)
        return None if text is None else hashlib.blake2b(text.encode("latin-1"), digest_size=20).hexdigest()
