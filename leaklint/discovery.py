"""Command-line paths to the files to check, as ruff finds them.

Directories are walked for `*.py` and `*.ipynb`, skipping the default excludes, the
configured `exclude` / `extend-exclude` globs and whatever `.gitignore` files ignore (a
`.gitignore` applies to its own folder and below). A file named on the command line is
always checked unless --force-exclude: pre-commit passes explicit files and expects them
to be respected. Symlinked folders are followed, but never twice and never in a loop.

pathspec (the gitignore matcher) is imported, and the exclude globs compiled, only when a
folder is walked, a .gitignore is read or --force-exclude asks: `leaklint a.py b.py` (what
pre-commit runs) consults neither and saves the import and the compilation (~20 ms).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from leaklint.config import Settings

if TYPE_CHECKING:
    import pathspec

SOURCE_SUFFIXES = (".py", ".ipynb")


@dataclass(frozen=True)
class DiscoveredFile:
    path: Path  # to open
    display: str  # shown to the user: relative to the working directory when inside it
    relative: str  # posix path relative to the project root, for per-file-ignores


@dataclass(frozen=True)
class Discovery:
    files: tuple[DiscoveredFile, ...]
    warnings: tuple[str, ...]  # skipped paths worth telling the user about


@dataclass(frozen=True)
class _Ignores:
    """The .gitignore files in force in one folder: (folder, spec), outermost first."""

    specs: tuple[tuple[Path, pathspec.PathSpec], ...] = ()

    def below(self, folder: Path) -> "_Ignores":
        spec = _read_gitignore(folder / ".gitignore")
        return _Ignores(self.specs + ((folder, spec),)) if spec else self


@dataclass(frozen=True)
class _Place:
    """A folder as the texts its entries' paths begin with, so that each entry of the walk
    costs a few string joins instead of pathlib's relative_to (per file, that was a fifth
    of a run answered from the cache). A prefix is '' for the base folder itself, 'a/b/'
    below it and None outside it."""

    folder: Path
    display: str | None  # from the working directory
    relative: str | None  # from the project root
    match: str | None  # from where the exclude globs match
    exclude: pathspec.PathSpec
    ignores: tuple[tuple[str, pathspec.PathSpec], ...]  # each .gitignore in force, from its folder

    def excluded(self, name: str, is_dir: bool) -> bool:
        end = "/" if is_dir else ""
        if self.match is not None and self.exclude.match_file(self.match + name + end):
            return True
        return any(spec.match_file(prefix + name + end) for prefix, spec in self.ignores)

    def file(self, name: str) -> DiscoveredFile:
        return _discovered(self.folder, self.display, self.relative, name)


def _discovered(folder: Path, display: str | None, relative: str | None, name: str) -> DiscoveredFile:
    """The file ``name`` in ``folder``, given the folder's prefixes (see _Place)."""
    path = folder / name
    display = str(path) if display is None else display + name
    relative = path.as_posix() if relative is None else relative + name
    return DiscoveredFile(path, display, relative)


def _prefix(folder: Path, base: Path) -> str | None:
    if folder == base:
        return ""
    if base not in folder.parents:
        return None
    return folder.relative_to(base).as_posix() + "/"


def discover(paths: list[str], settings: Settings, cwd: Path) -> Discovery:
    walker = _Walker(settings, cwd.absolute())
    for argument in paths:
        walker.add_argument(argument)
    files = sorted({file.display: file for file in walker.files}.values(), key=lambda f: f.display)
    return Discovery(tuple(files), tuple(walker.warnings))


class _Walker:
    def __init__(self, settings: Settings, cwd: Path) -> None:
        self.settings = settings
        self.cwd = cwd
        self.files: list[DiscoveredFile] = []
        self.warnings: list[str] = []
        self.seen_folders: set[str] = set()
        # Exclude globs are matched relative to this folder: the project root, or the
        # argument itself when it lies outside the project or is excluded by name (then
        # the user asked for it, and only what is excluded below it is skipped).
        self.match_base = settings.project_root

    def add_argument(self, argument: str) -> None:
        path = Path(argument)
        absolute = Path(os.path.abspath(self.cwd / path))
        if not os.path.lexists(absolute):
            self.warnings.append(f"{argument}: no such file or directory")
            return
        self.match_base = self.settings.project_root
        if not _is_inside(absolute, self.match_base):
            self.match_base = absolute if absolute.is_dir() else absolute.parent
        if absolute.is_dir():
            self._add_folder(absolute)
        elif not absolute.exists():
            self.warnings.append(f"{argument}: broken symbolic link")
        elif self.settings.force_exclude and self._excluded(
                absolute, is_dir=False, ignores=_ancestor_gitignores(absolute.parent).below(absolute.parent)):
            return
        else:
            folder = absolute.parent
            # No _Place: its exclude globs would be compiled for a file that is checked anyway.
            self.files.append(_discovered(folder, _prefix(folder, self.cwd), _prefix(folder, self.settings.project_root),
                                          absolute.name))

    @cached_property
    def exclude(self) -> pathspec.PathSpec:
        import pathspec  # here, not at the top: files named on the command line never need it

        return pathspec.GitIgnoreSpec.from_lines([*self.settings.exclude, *self.settings.extend_exclude])

    def _add_folder(self, folder: Path) -> None:
        inherited = _ancestor_gitignores(folder)
        if self._excluded(folder, is_dir=True, ignores=inherited):
            if self.settings.force_exclude:
                return
            # Named on the command line, so checked; only what is excluded below it is
            # skipped: match below it as if it were the root.
            self.match_base, inherited = folder, _Ignores()
        self._walk(folder, inherited)

    def _walk(self, root: Path, inherited: _Ignores) -> None:
        # An explicit stack, not recursion: folder trees can be deeper than Python's stack.
        stack: list[tuple[Path, _Ignores, tuple[str, ...]]] = [(root, inherited, ())]
        while stack:
            folder, ignores, ancestors = stack.pop()
            real = os.path.realpath(folder)
            if real in ancestors:
                self.warnings.append(f"{self._display(folder)}: symbolic link loop, not followed")
                continue
            if real in self.seen_folders:
                continue  # reached again through another symlink: already checked
            self.seen_folders.add(real)
            ignores = ignores.below(folder)
            try:
                entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError as error:
                self.warnings.append(f"{self._display(folder)}: cannot read folder ({error.strerror or error})")
                continue
            place = self._place(folder, ignores)
            subfolders = []
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    is_dir = is_file = False
                if is_dir:
                    if not place.excluded(name, is_dir=True):
                        subfolders.append(folder / name)
                elif name.endswith(SOURCE_SUFFIXES):
                    if place.excluded(name, is_dir=False):
                        continue
                    if not is_file and entry.is_symlink() and not os.path.exists(entry.path):
                        self.warnings.append(f"{self._display(folder / name)}: broken symbolic link, skipped")
                    else:
                        # A FIFO or socket with a .py name is kept too: the loader says why it is not read.
                        self.files.append(place.file(name))
            # Reversed onto the stack so that folders are visited in name order.
            stack.extend((sub, ignores, ancestors + (real,)) for sub in reversed(subfolders))

    def _excluded(self, path: Path, is_dir: bool, ignores: _Ignores) -> bool:
        # From its parent, which lies outside the match base when the path is the base itself:
        # the exclude globs then do not apply to it.
        return self._place(path.parent, ignores).excluded(path.name, is_dir)

    def _place(self, folder: Path, ignores: _Ignores) -> _Place:
        """``folder`` seen from the working directory, the project root (a file outside it
        is named by its absolute path), the exclude globs' base and its .gitignore files."""
        specs = tuple((prefix, spec) for base, spec in ignores.specs
                      if (prefix := _prefix(folder, base)) is not None)
        return _Place(folder, _prefix(folder, self.cwd), _prefix(folder, self.settings.project_root),
                      _prefix(folder, self.match_base), self.exclude, specs)

    def _display(self, path: Path) -> str:
        try:
            return path.relative_to(self.cwd).as_posix()
        except ValueError:
            return str(path)


def _is_inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _ancestor_gitignores(folder: Path) -> _Ignores:
    """The .gitignore files above ``folder`` inside its git work tree (none outside one)."""
    chain = []
    for parent in folder.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            ignores = _Ignores()
            for ancestor in reversed(chain):
                ignores = ignores.below(ancestor)
            return ignores
    return _Ignores()


def _read_gitignore(path: Path) -> pathspec.PathSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None  # no .gitignore here (the usual case), or one we may not read
    if not lines:
        return None
    import pathspec  # here, not at the top: only a .gitignore with lines needs it

    return pathspec.GitIgnoreSpec.from_lines(lines)
