"""Issue 6, item 2: fuzzing the whole pipeline (discover → load → parse → analyze → report).

Inputs: mutations of the fixture scripts and notebooks (truncation, bit flips, line
shuffles, duplicated and deleted lines, hostile tokens spliced in), structurally broken
notebooks, byte and token soup, and valid Python generated from the grammar by
hypothesmith. Each input runs through `leaklint check` twice, in one of the output formats,
and must:
- never let an exception escape (main() would print "internal error" and a traceback),
- exit 0 with no findings, 1 with findings, 2 only with an LL002 (none is expected at all),
- print the same bytes both times.

Profiles: with CI=true the `leaklint-ci` profile is derandomized (the same inputs on every
run, so a failure in CI is reproducible locally with CI=true) and runs about 2,800 inputs;
otherwise `leaklint-dev` runs a quarter of that with fresh random inputs. LEAKLINT_FUZZ_SCALE
multiplies the counts (e.g. 10 for a long local session). The number of inputs each test ran
is printed at the end of the module.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hardening_support import FORMATS, LEAKY, REPO, with_serial_uncached
from leaklint import runner
from leaklint.cli import main

try:
    import hypothesmith
except ImportError:  # pragma: no cover - hypothesmith is in the test extras
    hypothesmith = None

CI = os.environ.get("CI", "").lower() == "true"
SCALE = float(os.environ.get("LEAKLINT_FUZZ_SCALE", "1")) * (1 if CI else 0.25)

settings.register_profile("leaklint-ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
settings.register_profile("leaklint-dev", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
PROFILE = settings.get_profile("leaklint-ci" if CI else "leaklint-dev")


def examples(count: int) -> settings:
    return settings(PROFILE, max_examples=max(int(count * SCALE), 10))


FIXTURES = sorted(p for p in (REPO / "fixtures").rglob("*") if p.suffix in (".py", ".ipynb"))
FIXTURE_BYTES = {p.name: p.read_bytes() for p in FIXTURES}

RAN: Counter[str] = Counter()
OUTCOMES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def workdir(tmp_path_factory, request):
    """One folder for every input, the library loaded once (it is the same for every run)."""
    folder = tmp_path_factory.mktemp("fuzz")
    library = runner.load_library({})
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.delenv("LEAKLINT_OUTPUT_FORMAT", raising=False)
        patch.setattr(runner, "load_library", lambda extension: library if not extension else _load(extension))
        yield folder
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if reporter is not None and capture is not None and RAN:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nfuzz: {sum(RAN.values())} inputs ("
                                f"{', '.join(f'{k} {v}' for k, v in sorted(RAN.items()))}); outcomes: "
                                f"{', '.join(f'{k} {v}' for k, v in sorted(OUTCOMES.items()))}")


def _load(extension):
    from leaklint.library import load_library

    return load_library(extension)


# ----------------------------------------------------------------------------- the property
def _run(name: str, output_format: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(with_serial_uncached(["check", "--isolated", "--output-format", output_format, name]))
    return status, out.getvalue(), err.getvalue()


def _summary(output_format: str, out: str) -> tuple[int, bool]:
    """(number of findings, whether an LL002 is among them), read back from the output."""
    if output_format in ("full", "concise"):
        last = out.rstrip("\n").rsplit("\n", 1)[-1]
        if last == "All checks passed!":
            return 0, False
        match = re.fullmatch(r"Found (\d+) findings?\.", last)
        assert match, out[-500:]
        return int(match.group(1)), re.search(r"^\S.*: LL002 ", out, re.MULTILINE) is not None
    if output_format == "json":
        codes = [finding["code"] for finding in json.loads(out)]
    elif output_format == "gitlab":
        codes = [issue["check_name"] for issue in json.loads(out)]
    elif output_format == "sarif":
        codes = [result["ruleId"] for result in json.loads(out)["runs"][0]["results"]]
    else:  # github: one workflow command per line, nothing else
        lines = out.splitlines()
        assert all(line.startswith(("::error ", "::warning ")) for line in lines), out[-500:]
        codes = [re.search(r"title=leaklint \((LL\d+)\)::", line).group(1) for line in lines]
    return len(codes), "LL002" in codes


def check_input(kind: str, name: str, data: bytes, output_format: str) -> None:
    Path(name).write_bytes(data)
    try:
        first = _run(name, output_format)
        second = _run(name, output_format)
    finally:
        Path(name).unlink()
    RAN[kind] += 1
    status, out, err = first
    assert "Traceback" not in err and "internal error" not in err, err[-3000:]
    assert first == second, "the same input gave different output"
    count, internal_error = _summary(output_format, out)
    assert not internal_error, f"LL002 (an engine crash) on this input:\n{out[-3000:]}"
    assert status == (1 if count else 0), (status, count, out[-1000:])
    OUTCOMES["findings" if count else "clean"] += 1


# ----------------------------------------------------------------------------- strategies
HOSTILE = [b"\x00", b"\r", b"\r\n", b"\t", b"\x0c", b"(", b")", b"[", b"{", b"}", b'"""', b"'", b'"', b"\\",
           b"\\\n", b"#", b"\n", b"\n    ", b"\n\t", b"\xef\xbb\xbf", b"\xe9", b"\xff\xfe", b"\xc3", b"\x1b[31m",
           b"elif x:\n", b"else:\n", b"%%bash\n", b"%matplotlib inline\n", b"!ls\n", b"obj?\n", b"lambda: ",
           b"f'{", b"f\"{x!r:>{w}}\"", b"match x:\n    case _:\n", b"async ", b"await ", b":=", b"yield ",
           b"*", b"**", b"return ", b"global X\n", b"nonlocal y\n", b"del X\n", b"from x import *\n",
           b"from . import x\n", b"import utils\n", b"@d\n", b"class C:\n", b"def f(", b"type X = int\n",
           b"print ", b"exec ", b"`", b"0777", b"u'", b"X_train, X_test = ", b"train_test_split(X)",
           b".fit(X_test)", b".fit_transform(X)", b"# noqa: LL101", b"# leaklint: ignore[LL", "\u2028".encode()]


@st.composite
def mutated_fixture(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(FIXTURE_BYTES)))
    data = FIXTURE_BYTES[name]
    for operation in draw(st.lists(st.sampled_from(
            ["truncate", "flip", "shuffle", "duplicate", "delete", "splice", "swap"]), min_size=1, max_size=4)):
        lines = data.split(b"\n")
        if operation == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif operation == "flip" and data:
            buffer = bytearray(data)
            for _ in range(draw(st.integers(1, 8))):
                buffer[draw(st.integers(0, len(buffer) - 1))] ^= 1 << draw(st.integers(0, 7))
            data = bytes(buffer)
        elif operation == "shuffle":
            data = b"\n".join(draw(st.permutations(lines)))
        elif operation == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif operation == "duplicate":
            index = draw(st.integers(0, len(lines) - 1))
            lines[index:index] = [lines[index]] * draw(st.integers(1, 3))
            data = b"\n".join(lines)
        elif operation == "delete" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = b"\n".join(lines)
        elif operation == "splice":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from(HOSTILE)) + data[at:]
    return name, data


@st.composite
def broken_notebook(draw) -> bytes:
    """A notebook whose structure (not its bytes) is odd: the JSON is valid."""
    sources = [text for name, raw in FIXTURE_BYTES.items() if name.endswith(".py")
               for text in [raw.decode("utf-8", "replace")]]
    line = st.sampled_from([line + "\n" for source in sources[:40] for line in source.splitlines()[:30]]
                           + ["%timeit f()\n", "!pip install x\n", "%%bash\n", "x = !ls\n", "df?\n", "\t\n"])
    source = st.one_of(
        st.lists(line, max_size=12),
        st.lists(line, max_size=12).map("".join),
        st.sampled_from([None, 5, [1, 2], {"a": "b"}, "", [""], ["x = 1"]]),
        st.text(max_size=200),
    )
    cell = st.one_of(
        st.fixed_dictionaries({"cell_type": st.sampled_from(["code", "markdown", "raw", "heading", "", 3]),
                               "source": source}, optional={
            "outputs": st.lists(st.fixed_dictionaries({"output_type": st.just("stream"),
                                                       "text": st.lists(line, max_size=3)}), max_size=2),
            "metadata": st.just({}), "execution_count": st.one_of(st.none(), st.integers())}),
        st.fixed_dictionaries({"cell_type": st.just("code"), "input": source, "language": st.just("python")}),
        st.sampled_from([None, 1, "cell", []]),
    )
    language = st.sampled_from([None, "python", "Python", "R", "julia", 7])
    metadata = st.one_of(st.none(), st.builds(lambda lang: {"kernelspec": {"language": lang}}, language),
                         st.builds(lambda lang: {"language_info": {"name": lang}}, language))
    document = draw(st.one_of(
        st.fixed_dictionaries({"cells": st.lists(cell, max_size=6)},
                              optional={"metadata": metadata, "nbformat": st.sampled_from([3, 4, 5, "4"])}),
        st.fixed_dictionaries({"worksheets": st.one_of(
            st.lists(st.fixed_dictionaries({"cells": st.lists(cell, max_size=4)}), max_size=2),
            st.sampled_from([None, {}, "x", [1]]))}),
        st.fixed_dictionaries({"cells": st.sampled_from([None, {}, "x", 1])}),
        st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=10),
    ))
    return json.dumps(document).encode()


TOKENS = st.sampled_from([b"x", b"X_train", b"df", b"=", b"(", b")", b"[", b"]", b":", b",", b".", b"fit", b"if",
                          b"elif", b"else", b"for", b"in", b"def", b"class", b"lambda", b"return", b"\n", b"    ",
                          b"\t", b"1", b"'s'", b'"""', b"#", b"\\", b"import", b"from", b"as", b"with", b"try",
                          b"except", b"*", b"@", b"await", b"async", b"match", b"case", b"_", b"yield", b"not",
                          b"train_test_split", b"StandardScaler()", b"pd.read_csv('d')", b";"])


# ----------------------------------------------------------------------------- the tests
@examples(1500)
@given(mutated_fixture(), st.sampled_from(FORMATS))
def test_mutated_fixtures(mutated, output_format):
    name, data = mutated
    check_input("fixture-mutation", "input" + Path(name).suffix, data, output_format)


@examples(400)
@given(broken_notebook(), st.sampled_from(FORMATS))
def test_structurally_odd_notebooks(data, output_format):
    check_input("notebook", "input.ipynb", data, output_format)


@examples(300)
@given(st.binary(max_size=400), st.sampled_from(FORMATS))
def test_random_bytes(data, output_format):
    check_input("bytes", "input.py", data, output_format)


@examples(300)
@given(st.lists(TOKENS, max_size=80).map(b" ".join), st.sampled_from(FORMATS))
def test_token_soup(data, output_format):
    check_input("token-soup", "input.py", data, output_format)


@pytest.mark.skipif(hypothesmith is None, reason="hypothesmith is not installed")
@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # hypothesmith compiles what it generates
@examples(200)
@given(hypothesmith.from_grammar() if hypothesmith else st.just(""), st.booleans(), st.sampled_from(FORMATS))
def test_generated_valid_python(source, with_leak, output_format):
    """Grammar-valid Python (often semantically absurd), alone or followed by a known leak."""
    text = source + ("\n" + LEAKY if with_leak else "")
    check_input("hypothesmith", "input.py", text.encode("utf-8", "surrogatepass"), output_format)
