"""`# noqa: CODE` and `# leaklint: ignore[CODE]` comments."""
from __future__ import annotations

import pytest

from leaklint.suppression import codes_in_comment, suppressed_codes


@pytest.mark.parametrize("comment, codes", [
    ("# noqa: LL101", {"LL101"}),
    ("# NOQA:LL101,LL102", {"LL101", "LL102"}),
    ("# noqa: LL101 LL102", {"LL101", "LL102"}),
    ("# noqa: E501, ll101", {"E501", "LL101"}),
    ("# leaklint: ignore[LL101]", {"LL101"}),
    ("# leaklint: ignore[LL101, LL102]", {"LL101", "LL102"}),
    ("# type: ignore  # noqa: LL204", {"LL204"}),
    ("# noqa", set()),
    ("# noqa:", set()),
    ("# leaklint: ignore", set()),
])
def test_codes_in_comment(comment, codes):
    assert codes_in_comment(comment) == codes


def test_only_real_comments_on_wanted_lines_count():
    text = (
        "a = fit(X)  # noqa: LL101\n"
        "b = '# noqa: LL101'\n"
        "c = '''\n"
        "# noqa: LL101\n"
        "'''\n"
        "d = fit(X)  # leaklint: ignore[LL102]\n"
    )
    assert suppressed_codes(text, {1, 2, 3, 4, 5, 6}) == {1: {"LL101"}, 6: {"LL102"}}


def test_files_without_markers_are_not_lexed():
    assert suppressed_codes("x = 1\n", {1}) == {}
