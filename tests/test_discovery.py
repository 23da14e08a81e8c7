"""Finding the files: default excludes, configured excludes, .gitignore, explicit paths, symlinks."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from leaklint.config import Settings
from leaklint.discovery import discover
from leaklint.selection import META_CODES


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def found(root: Path, paths=(".",), **settings) -> list[str]:
    result = discover(list(paths), Settings(project_root=root, enabled=frozenset(META_CODES), **settings), root)
    return [file.display for file in result.files]


def test_walks_python_files_and_notebooks_in_sorted_order(tmp_path):
    make(tmp_path, "b.py", "a/z.ipynb", "a/y.py", "notes.txt", "c.pyi")
    assert found(tmp_path) == ["a/y.py", "a/z.ipynb", "b.py"]


def test_default_excludes(tmp_path):
    make(tmp_path, "keep.py", ".venv/lib/x.py", "venv/x.py", "build/x.py", "dist/x.py", "__pycache__/x.py",
         ".ipynb_checkpoints/x-checkpoint.ipynb", "node_modules/x.py", "pkg/site-packages/x.py", ".git/x.py",
         ".tox/x.py", "sub/.mypy_cache/x.py")
    assert found(tmp_path) == ["keep.py"]


def test_exclude_replaces_defaults_and_extend_exclude_adds(tmp_path):
    make(tmp_path, "keep.py", "build/x.py", "scratch/old.py", "gen_1.py")
    assert found(tmp_path, extend_exclude=("scratch", "gen_*.py")) == ["keep.py"]
    assert found(tmp_path, exclude=("scratch",)) == ["build/x.py", "gen_1.py", "keep.py"]


def test_gitignore_applies_in_its_folder_and_below(tmp_path):
    make(tmp_path, "a.py", "generated.py", "data/dump.py", "sub/b.py", "sub/local.py", "sub/deeper/local.py",
         "other/local.py", "logs/keep.py", "logs/drop.py")
    (tmp_path / ".gitignore").write_text("generated.py\ndata/\nlogs/*\n!logs/keep.py\n")
    (tmp_path / "sub" / ".gitignore").write_text("local.py\n")
    assert found(tmp_path) == ["a.py", "logs/keep.py", "other/local.py", "sub/b.py"]


def test_gitignore_above_the_walked_folder_inside_a_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("skip_me.py\n")
    make(tmp_path, "src/skip_me.py", "src/keep.py")
    assert found(tmp_path, paths=("src",)) == ["src/keep.py"]


def test_explicit_files_are_checked_unless_force_exclude(tmp_path):
    make(tmp_path, "build/gen.py", "ignored.py")
    (tmp_path / ".gitignore").write_text("ignored.py\n")
    assert found(tmp_path, paths=("build/gen.py", "ignored.py")) == ["build/gen.py", "ignored.py"]
    assert found(tmp_path, paths=("build/gen.py", "ignored.py"), force_exclude=True) == []


def test_explicit_excluded_folder_is_walked(tmp_path):
    make(tmp_path, "build/a.py", "build/__pycache__/b.py")
    assert found(tmp_path, paths=("build",)) == ["build/a.py"]
    assert found(tmp_path, paths=("build",), force_exclude=True) == []


def test_paths_named_twice_are_checked_once(tmp_path):
    make(tmp_path, "a.py")
    assert found(tmp_path, paths=("a.py", ".", "./a.py")) == ["a.py"]


def test_paths_with_spaces_and_non_ascii_names(tmp_path):
    make(tmp_path, "my scripts/trainé.py")
    assert found(tmp_path) == ["my scripts/trainé.py"]


def test_files_outside_the_working_folder_keep_their_path(tmp_path):
    make(tmp_path, "outside/a.py")
    (tmp_path / "cwd").mkdir()
    result = discover([str(tmp_path / "outside")], Settings(project_root=tmp_path / "cwd", enabled=frozenset()),
                      tmp_path / "cwd")
    assert [f.display for f in result.files] == [str(tmp_path / "outside" / "a.py")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_and_broken_symlink_are_reported_not_fatal(tmp_path):
    make(tmp_path, "pkg/a.py")
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "loop")
    os.symlink(tmp_path / "missing.py", tmp_path / "dangling.py")
    result = discover(["."], Settings(project_root=tmp_path, enabled=frozenset()), tmp_path)
    assert [f.display for f in result.files] == ["pkg/a.py"]
    assert any("dangling.py" in w and "broken" in w for w in result.warnings)
    assert any("loop" in w for w in result.warnings)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_folder_is_followed_once(tmp_path):
    make(tmp_path, "real/a.py")
    os.symlink(tmp_path / "real", tmp_path / "alias")
    assert found(tmp_path) == ["alias/a.py"]


def test_missing_path_is_a_warning(tmp_path):
    result = discover(["nope.py"], Settings(project_root=tmp_path, enabled=frozenset()), tmp_path)
    assert result.files == () and "no such file" in result.warnings[0]
