"""Skip the analysis of files that cannot give a finding (ordinary code with no ML in it).

Every finding is about rows of data: where they came from, how a split carved them, what
was fitted, scored or chosen on them. In the engine, rows and the events the rules read
(fits, scores, splits, shuffles, selections) start only at

* a call the library models know (``rules/libraries/*.toml`` and the user's
  ``[tool.leaklint.library]``): a loader, a split, an estimator, a metric, a seed, ...;
* a method the protocol names (``estimator_methods``, ``data_methods``, the eval keywords);
* a slice of a plain list (``samples[:n]``), which the engine treats as a positional split
  of a list of samples.

A qualified name the engine looks up is made of names written in the code (in the import
and the attribute chain), so a call of a modelled API leaves the last component of its
name, or the fixed part of a pattern such as ``sklearn.datasets.load_*``, in the text. A
file is analysed when its text, or the text of a file of the run it imports (``from X
import``, transitively, as the interpreter follows them), holds one of those words or a
slice; otherwise its analysis is skipped: it could not report anything. Parsing still
happens, so a file that does not parse still gets its LL001.

API kinds that never start anything on their own are left out of the trigger words:
``meta`` calls return a constant, ``passthrough`` calls return their argument, ``select``
calls (``max``, ``sorted``) choose only among scores that some other event produced, and
``argparser`` objects only hold command-line values. Without that, ``print`` and ``len``
would make every file a candidate.
"""
from __future__ import annotations

import re
from pathlib import Path

from leaklint.dependencies import ImportGraph
from leaklint.lexing import STRING_OR_COMMENT, string_prefix

INERT_KINDS = frozenset({"meta", "passthrough", "select", "argparser"})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACKET_OR_COLON = re.compile(r"[\[\]:]")


class Prefilter:
    """Trigger words derived from the library models of one run."""

    def __init__(self, library, project=None) -> None:
        words: set[str] = set(library.estimator_methods)
        for names in library.data_methods.values():
            words.update(names)
        words.update(library.eval_keywords)
        prefixes: set[str] = set()
        suffixes: set[str] = set()
        for name, api in library.exact.items():
            if api.kind not in INERT_KINDS:
                words.add(name.rsplit(".", 1)[-1])
        for prefix, suffix, api in library.patterns:
            if api.kind in INERT_KINDS:
                continue
            if "." in suffix.strip("."):
                words.add(suffix.rstrip(".").rsplit(".", 1)[-1])  # keras.datasets.*.load_data
            elif suffix.startswith("."):
                words.add(suffix[1:])  # module.*.name
            elif suffix:
                suffixes.add(suffix)  # transformers.*Tokenizer
            elif prefix.endswith("."):
                words.add(prefix[:-1].rsplit(".", 1)[-1])  # sklearn.linear_model.*
            else:
                prefixes.add(prefix.rsplit(".", 1)[-1])  # sklearn.datasets.load_*
        words.discard("")
        self.words = frozenset(words)
        self.prefixes = tuple(sorted(p for p in prefixes if p))
        self.suffixes = tuple(sorted(s for s in suffixes if s))
        self.project = project
        self._texts: dict[Path, str | None] = {}
        self._triggered: dict[Path, bool] = {}
        self._graph = ImportGraph(project, self._read_text) if project is not None else None

    def triggers(self, text: str) -> bool:
        """True when the text holds a trigger word or a slice."""
        names = set(_WORD.findall(text))
        if not self.words.isdisjoint(names):
            return True
        if self.prefixes and any(name.startswith(self.prefixes) for name in names):
            return True
        if self.suffixes and any(name.endswith(self.suffixes) for name in names):
            return True
        return has_slice(text)

    def may_find(self, path, text: str) -> bool:
        """False only when neither the file nor any project file it imports can give a finding."""
        if self.triggers(text):
            return True
        if self._graph is None:
            return False
        return any(self._dependency_triggers(dependency) for dependency in self._graph.closure(Path(path), text))

    def _dependency_triggers(self, path: Path) -> bool:
        if path not in self._triggered:
            self._triggered[path] = self.triggers(self._read_text(path) or "")
        return self._triggered[path]

    def _read_text(self, path: Path) -> str | None:
        """An imported file's text for the word search (latin-1: every byte is one character)."""
        if path not in self._texts:
            try:
                self._texts[path] = path.read_bytes().decode("latin-1")
            except OSError:
                self._texts[path] = None
        return self._texts[path]


def has_slice(text: str) -> bool:
    """True when a colon stands inside square brackets, outside strings and comments.

    A superset of the slices in the file: a dict or a lambda inside a list counts too, and
    f-strings are searched as code (their replacement fields may slice).
    """
    if ":" not in text or "[" not in text:
        return False
    depth = 0
    for match in _BRACKET_OR_COLON.finditer(STRING_OR_COMMENT.sub(_blank, text)):
        char = match.group()
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif depth:
            return True
    return False


def _blank(match: re.Match) -> str:
    return match.group() if "f" in string_prefix(match).lower() else " "
