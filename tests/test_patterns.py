"""The RE2 screens the detectors read text through: an exact twin of a
pattern finds, in ASCII text, exactly what Python's re finds."""

import json
import re

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.detect import claims, pseudonyms
from checks.detect.patterns import NotExact, PatternSet, to_re2


def screens() -> list[tuple[str, PatternSet]]:
    weasels = claims._compiled()[1]
    return [("weasel", weasels), ("marker", pseudonyms._compiled()[1])]


def passages() -> list[str]:
    """Every labelled passage of the project's sets that is ASCII."""
    found = []
    for path in sorted((REPO / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text", "")
            if text.isascii():
                found.append(text)
    return found


TWINNED = [
    (f"{name} {index}", screen, index)
    for name, screen in screens()
    for index in range(len(screen))
    if screen._ascii_twin(index) is not None
]


def test_most_of_the_weasel_phrases_have_an_exact_twin():
    weasels = claims._compiled()[1]
    assert (
        sum(1 for name, *_ in TWINNED if name.startswith("weasel"))
        >= len(weasels) * 3 // 4
    )


@pytest.mark.parametrize(
    "screen, index", [t[1:] for t in TWINNED], ids=[t[0] for t in TWINNED]
)
def test_a_twin_finds_what_pythons_re_finds_in_the_labelled_passages(screen, index):
    pattern = screen.pattern(index)
    text = "\n\n".join(passages())
    raw = text.encode("ascii")
    expected = [m.span() for m in pattern.finditer(text)]
    assert screen.exact_spans(index, raw, text) == expected
    # Every character Python's re takes for a space in ASCII text, between words.
    for space in "\t\x0b\x0c\x1c\x1d\x1e\x1f":
        spaced = text.replace(" ", space)
        expected = [m.span() for m in pattern.finditer(spaced)]
        assert (
            screen.exact_spans(index, raw.replace(b" ", space.encode()), spaced)
            == expected
        )


WORDS = (
    "it is widely believed that experts say some critics have argued were said to "
    "reportedly the ministry said according to many may have been by others, "
    "(not her real name) Ana whose name was changed"
).split()
ASCII_TEXT = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from([" ", "  ", "\t", "\n", "\x0b", "\x1c", ", ", ". ", "; "]),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=3),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(ASCII_TEXT)
def test_every_twin_agrees_with_pythons_re_on_any_ascii_text(text):
    raw = text.encode("ascii")
    for _, screen, index in TWINNED:
        expected = [m.span() for m in screen.pattern(index).finditer(text)]
        if all(start < end for start, end in expected):
            assert screen.exact_spans(index, raw, text) == expected, screen.pattern(
                index
            )


def test_a_pattern_re2_cannot_run_exactly_has_no_twin():
    for pattern in [r"a(?=b)", r"(?<!x)a", r"(a)\1", r"end$", r"[\S]"]:
        with pytest.raises(NotExact):
            to_re2(pattern, ascii=True)
    screen = PatternSet([r"\bsaid(?=\s)", r"\bsaid\s"])
    text = "she said so"
    raw = text.encode()
    assert screen._ascii_twin(0) is None and screen._ascii_twin(1) is not None
    assert screen.exact_spans(0, raw, text) == [(4, 8)]  # it looks past "said"
    assert screen.exact_spans(1, raw, text) == [(4, 9)]


def test_outside_ascii_the_spans_are_pythons_in_code_points():
    screen = PatternSet([r"\b(?:critics|experts)\s+say\b"], re.IGNORECASE)
    text = "Café owners doubt it; critics\u00a0say it will fail. Experts say so."
    raw = text.encode("utf-8")
    expected = [m.span() for m in screen.pattern(0).finditer(text)]
    assert expected == [(22, 33), (48, 59)]
    assert screen.exact_spans(0, raw, text) == expected


def test_python_compiles_a_pattern_given_as_source_only_when_asked():
    screen = PatternSet([r"\bnot (?:his|her) real name\b"], re.IGNORECASE)
    assert screen._compiled == {}
    assert screen.matching(b"Lena (not her real name) drives") == {0}
    assert screen._compiled == {}
    assert screen.pattern(0).flags & re.IGNORECASE
