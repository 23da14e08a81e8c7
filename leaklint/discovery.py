"""Command-line paths to the files to check, as ruff finds them.

Directories are walked for `*.py` and `*.ipynb`, skipping the default excludes, the
configured `exclude` / `extend-exclude` globs and whatever `.gitignore` files ignore (a
`.gitignore` applies to its own folder and below). A file named on the command line is
always checked unless --force-exclude: pre-commit passes explicit files and expects them
to be respected. Symlinked folders are followed, but never twice and never in a loop.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pathspec

from leaklint.config import Settings

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

    def ignores(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs:
            relative = path.relative_to(base).as_posix()
            if spec.match_file(relative + "/" if is_dir else relative):
                return True
        return False


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
        self.exclude = pathspec.GitIgnoreSpec.from_lines([*settings.exclude, *settings.extend_exclude])
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
            self.files.append(self._file(absolute))

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
            subfolders = []
            for entry in entries:
                path = folder / entry.name
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    is_dir = is_file = False
                if is_dir:
                    if not self._excluded(path, is_dir=True, ignores=ignores):
                        subfolders.append(path)
                elif entry.name.endswith(SOURCE_SUFFIXES):
                    if self._excluded(path, is_dir=False, ignores=ignores):
                        continue
                    if is_file:
                        self.files.append(self._file(path))
                    elif entry.is_symlink() and not path.exists():
                        self.warnings.append(f"{self._display(path)}: broken symbolic link, skipped")
                    else:
                        # A FIFO or socket with a .py name: the loader says why it is not read.
                        self.files.append(self._file(path))
            # Reversed onto the stack so that folders are visited in name order.
            stack.extend((sub, ignores, ancestors + (real,)) for sub in reversed(subfolders))

    def _excluded(self, path: Path, is_dir: bool, ignores: _Ignores) -> bool:
        if path != self.match_base:
            relative = path.relative_to(self.match_base).as_posix()
            if self.exclude.match_file(relative + "/" if is_dir else relative):
                return True
        return ignores.ignores(path, is_dir)

    def _relative(self, path: Path) -> str:
        """Relative to the project root when inside it; otherwise the absolute path."""
        if _is_inside(path, self.settings.project_root):
            return path.relative_to(self.settings.project_root).as_posix()
        return path.as_posix()

    def _display(self, path: Path) -> str:
        try:
            return path.relative_to(self.cwd).as_posix()
        except ValueError:
            return str(path)

    def _file(self, path: Path) -> DiscoveredFile:
        return DiscoveredFile(path, self._display(path), self._relative(path))


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
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
