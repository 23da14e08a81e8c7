"""The other files of a run, so that `from utils import prep` reaches `prep`'s body.

Only ``.py`` files of the run take part; a module is found by its dotted path relative to
any folder above it, the one nearest the importing file first.
"""
from __future__ import annotations

from pathlib import Path

import libcst as cst

MAX_IMPORTED_BYTES = 2_000_000
MAX_IMPORTED_LINES = 50_000  # libcst would spend seconds on it inside the importer's analysis


class Project:
    def __init__(self, files) -> None:
        self._by_name: dict[str, list[Path]] = {}
        self._modules: dict[Path, cst.Module | None] = {}
        for file in files:
            path = Path(file)
            if path.suffix != ".py":
                continue
            for name in _module_names(path):
                self._by_name.setdefault(name, []).append(path)

    @classmethod
    def from_files(cls, files) -> "Project":
        return cls(files)

    def resolve(self, importer: str, name: str, dots: int) -> Path | None:
        """The file that ``from <dots><name> import ...`` in ``importer`` means, if in the run."""
        here = Path(importer).resolve().parent
        if dots:
            base = here
            for _ in range(dots - 1):
                base = base.parent
            target = base.joinpath(*name.split(".")) if name else base
            for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                if candidate in self._known():
                    return candidate
            return None
        candidates = self._by_name.get(name, [])
        if not candidates:
            return None
        return min(candidates, key=lambda p: (_distance(here, p), str(p)))

    def parse(self, path: Path) -> cst.Module | None:
        if path not in self._modules:
            self._modules[path] = _parse(path)
        return self._modules[path]

    def _known(self) -> set:
        return {p for paths in self._by_name.values() for p in paths}


def _module_names(path: Path):
    path = path.resolve()
    parts = list(path.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    for start in range(len(parts) - 1, 0, -1):
        yield ".".join(parts[start:])


def _distance(here: Path, path: Path) -> int:
    try:
        path.parent.relative_to(here)
        return len(path.parent.parts) - len(here.parts)
    except ValueError:
        return 1000 + len(path.parts)


def _parse(path: Path) -> cst.Module | None:
    """The imported file as the run parses it (with the same guards), or None."""
    from leaklint.parsing import parse_python
    from leaklint.sources import LoadError, load_source

    try:
        if path.stat().st_size > MAX_IMPORTED_BYTES:
            return None
        source = load_source(path, str(path))
        if isinstance(source, LoadError) or source.is_notebook:
            return None
        if source.text.count("\n") > MAX_IMPORTED_LINES:
            return None
        module = parse_python(source.text)
    except Exception:  # noqa: BLE001 - an imported file that does not parse is reported on its own
        return None
    return module if isinstance(module, cst.Module) else None
