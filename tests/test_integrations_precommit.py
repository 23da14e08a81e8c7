"""The pre-commit hooks, for real: `pre-commit try-repo <this checkout>` on a temporary repository.

pre-commit builds a virtual environment from the checkout (pip install of leaklint and its
dependencies), so this takes about a minute; `-m 'not slow'` skips it. try-repo includes the
checkout's uncommitted changes to tracked files, not untracked files.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from leaklint.rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[1]
LL101 = next(rule for rule in ALL_RULES if rule.code == "LL101")
LEAKY, FIXED = LL101.examples()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def test_hooks_manifest_matches_the_conventions():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"leaklint", "leaklint-project"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["python", "jupyter"]
        assert hook["require_serial"] is True
        assert hook["minimum_pre_commit_version"] == "2.9.2"
    assert hooks["leaklint"]["entry"] == "leaklint check --force-exclude"
    assert hooks["leaklint-project"]["pass_filenames"] is False
    assert hooks["leaklint-project"]["entry"].split()[-1] == "."


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess:
    """Both hooks of the manifest (one environment is built for them)."""
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this checkout to be a git repository")
def test_pre_commit_try_repo_fails_on_the_leak_and_passes_after_the_fix(tmp_path):
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "train.py").write_text(LEAKY, encoding="utf-8")
    (repo / "README.md").write_text("not python\n", encoding="utf-8")
    _git(repo, "add", "train.py", "README.md")

    leaky = _try_repo(repo, tmp_path / "pre-commit-home")
    output = leaky.stdout + leaky.stderr
    assert leaky.returncode == 1, output
    assert output.count("train.py:8:12: LL101") == 2, output  # from each hook
    assert output.count("Failed") == 2, output

    (repo / "train.py").write_text(FIXED, encoding="utf-8")
    _git(repo, "add", "train.py")
    fixed = _try_repo(repo, tmp_path / "pre-commit-home")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert fixed.stdout.count("Passed") == 2, fixed.stdout
