"""What a run imports (issue 5, start-up): modules a run does not use stay unloaded.

No test here measures time; each runs the command line in a fresh process and asks
sys.modules afterwards.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

WATCHED = ("pathspec", "tomllib", "leaklint.config", "leaklint.formatters.text", "leaklint.formatters.json_format",
           "leaklint.formatters.sarif", "leaklint.formatters.gitlab", "leaklint.formatters.github",
           "leaklint.formatters.statistics")
# Runs leaklint's command line, then names the watched modules the run imported.
_RUN_AND_LIST_IMPORTS = f"""\
import sys
from leaklint.cli import main
status = main(sys.argv[1:])
print("imported:", *sorted(name for name in {WATCHED!r} if name in sys.modules), file=sys.stderr)
sys.exit(status)
"""


def _imported(cwd: Path, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _RUN_AND_LIST_IMPORTS, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    last = done.stderr.splitlines()[-1].split()
    assert last[0] == "imported:"
    return last[1:]


def test_files_named_on_the_command_line_need_no_gitignore_matcher_and_one_formatter(tmp_path):
    script = next(FIXTURES.glob("LL101/leaky*.py"))
    (tmp_path / "a.py").write_bytes(script.read_bytes())
    imported = _imported(tmp_path, "check", "a.py", "--isolated", "--no-cache", "--jobs", "1")
    assert "pathspec" not in imported  # no folder walked, no .gitignore read: nothing to match
    assert [name for name in imported if name.startswith("leaklint.formatters.")] == ["leaklint.formatters.text"]
    imported = _imported(tmp_path, "check", "a.py", "--isolated", "--no-cache", "--jobs", "1",
                         "--output-format", "sarif")
    assert [name for name in imported if name.startswith("leaklint.formatters.")] == ["leaklint.formatters.sarif"]


def test_a_folder_walk_still_matches_the_excludes(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    assert "pathspec" in _imported(tmp_path, "check", ".", "--isolated", "--no-cache", "--jobs", "1")


def test_listing_the_rules_reads_no_configuration(tmp_path):
    imported = _imported(tmp_path, "rules")
    assert "leaklint.config" not in imported and "tomllib" not in imported
