"""The other files of a run, so that `from utils import prep` reaches `prep`'s body.

Only ``.py`` files of the run take part; a module is found by its dotted path relative to
any folder above it, the one nearest the importing file first.
"""
from __future__ import annotations

import bisect
from collections import OrderedDict
from pathlib import Path

import libcst as cst

from leaklint.dependencies import ModuleIndex

MAX_IMPORTED_BYTES = 2_000_000
MAX_CACHED_CHARS = 4_000_000  # source characters of the trees kept at once (about 150 MB of trees)
_NEVER = 1 << 62
MAX_IMPORTED_LINES = 50_000  # libcst would spend seconds on it inside the importer's analysis


class Project:
    def __init__(self, files) -> None:
        # Which file an import means: the same index the cache keys are computed with.
        self._index = ModuleIndex(Path(file) for file in files)
        # Parsed modules, least recently used first, and the characters of source they hold:
        # a run over a large project must not keep every tree it parsed.
        self._modules: OrderedDict[Path, tuple[cst.Module | None, int]] = OrderedDict()
        self._cached_chars = 0
        # The run's plan (see ``schedule``): where each file is checked, and when each tree
        # is expected to be needed; the clock is the position of the file being checked.
        self._positions: dict[Path, int] = {}
        self._uses: dict[Path, list[int]] = {}
        self._clock = -1

    @classmethod
    def from_files(cls, files) -> "Project":
        return cls(files)

    def resolve(self, importer: str, name: str, dots: int) -> Path | None:
        """The file that ``from <dots><name> import ...`` in ``importer`` means, if in the run."""
        return self._index.resolve(importer, name, dots)

    def parse(self, path: Path) -> cst.Module | None:
        if path in self._modules:
            self._modules.move_to_end(path)
            return self._modules[path][0]
        module, chars = _parse(path)
        self._keep(path, module, chars)
        return module

    def schedule(self, order: list[Path], uses: dict[Path, list[int]]) -> None:
        """The order the files will be checked in, and for each file of the run the positions
        in that order of the checks expected to read its tree (its own, its importers').

        With a plan, a full cache drops the tree needed again the latest (or never), as an
        optimal cache would; without one, the least recently used.
        """
        self._positions = {Path(path): position for position, path in enumerate(order)}
        self._uses = {Path(path): sorted(positions) for path, positions in uses.items()}

    def take(self, path: Path) -> cst.Module | None:
        """The tree of a run file parsed earlier as an import, out of the cache.

        Out, so that while the file is checked an import of the file itself (a cycle) gets
        a tree of its own, as when the file had not been parsed before.
        """
        self._clock = self._positions.get(Path(path), self._clock)
        module, chars = self._modules.pop(Path(path), (None, 0))
        self._cached_chars -= chars
        return module

    def offer(self, path: Path, module: cst.Module, text: str) -> None:
        """Keep a run file's tree (parsed to check it) for the files that import it."""
        path = Path(path)
        if self._index.knows(path) and text.count("\n") <= MAX_IMPORTED_LINES:
            try:
                if path.stat().st_size > MAX_IMPORTED_BYTES:
                    return  # the guards of _parse: such a file is not followed into
            except OSError:
                return
            self._keep(path, module, len(text))

    def _keep(self, path: Path, module: cst.Module | None, chars: int) -> None:
        old = self._modules.pop(path, None)
        if old is not None:
            self._cached_chars -= old[1]
        self._modules[path] = (module, chars)
        self._cached_chars += chars
        while self._cached_chars > MAX_CACHED_CHARS and len(self._modules) > 1:
            _, dropped = self._modules.pop(self._victim(path))
            self._cached_chars -= dropped

    def _victim(self, keep: Path) -> Path:
        """The cached tree to drop: needed again the latest, the least recently used of those."""
        victim, latest = None, -1
        for candidate in self._modules:  # least recently used first
            if candidate == keep:
                continue
            uses = self._uses.get(candidate, ())
            following = bisect.bisect_right(uses, self._clock)
            upcoming = uses[following] if following < len(uses) else _NEVER
            if upcoming > latest:
                victim, latest = candidate, upcoming
                if upcoming == _NEVER:
                    break
        return victim


def _parse(path: Path) -> tuple[cst.Module | None, int]:
    """The imported file as the run parses it (with the same guards), or None; and its size."""
    from leaklint.parsing import parse_python
    from leaklint.sources import LoadError, load_source

    try:
        if path.stat().st_size > MAX_IMPORTED_BYTES:
            return None, 0
        source = load_source(path, str(path))
        if isinstance(source, LoadError) or source.is_notebook:
            return None, 0
        if source.text.count("\n") > MAX_IMPORTED_LINES:
            return None, 0
        module = parse_python(source.text)
    except Exception:  # noqa: BLE001 - an imported file that does not parse is reported on its own
        return None, 0
    return (module, len(source.text)) if isinstance(module, cst.Module) else (None, 0)
