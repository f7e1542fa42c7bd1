"""Invisible and look-alike characters: a copy of a seed written with
Cyrillic look-alikes, no-break spaces or soft hyphens is found as a copy,
with the code points that tell it apart; names that only look alike are
told apart, by code point."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from conftest import WEIR, new_corpus, run_in_process, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.detect.lookalike import fold

A = "000_0123456789abcdef"
B = "001_1111111111111111"
# Letters a reader cannot tell from Latin ones, and spaces and characters a
# reader does not see.
LOOK_ALIKES = {
    "a": "\u0430",
    "e": "\u0435",
    "o": "\u043e",
    "p": "\u0440",
    "c": "\u0441",
    "i": "\u0456",
}
SPACES = ["\u00a0", "\u2009", "\u202f", "\u2007"]
INVISIBLE = ["\u00ad", "\u200b", "\u2060"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_folding_twice_changes_nothing_more(text):
    assert fold(fold(text)) == fold(text)


@st.composite
def disguised(draw, text: str) -> str:
    """`text` with some letters swapped for look-alikes, some spaces for
    other spaces and some invisible characters put in."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(chars) - 1))
        kind = draw(st.sampled_from(["letter", "space", "invisible"]))
        if kind == "letter" and chars[at] in LOOK_ALIKES:
            chars[at] = LOOK_ALIKES[chars[at]]
        elif kind == "space" and chars[at] == " ":
            chars[at] = draw(st.sampled_from(SPACES))
        elif kind == "invisible" and chars[at].isalpha():
            chars[at] += draw(st.sampled_from(INVISIBLE))
    return "".join(chars)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(copy=disguised(WEIR))
def test_a_disguised_copy_is_a_copy_and_the_message_shows_its_code_points(copy):
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        (corpus / "seeds" / f"{A}.txt").write_text(seed_text(A, WEIR))
        (corpus / "seeds" / f"{B}.txt").write_text(seed_text(B, copy))
        code, out, err = run_in_process(
            corpus, "--no-cache", "--format", "json", "--select", "PRV002,PRV003"
        )
    found = json.loads(out)["diagnostics"]
    assert code == 1, (copy, found)
    [d] = found
    assert d["path"] == f"seeds/{B}.txt"
    if copy == WEIR:
        assert (d["code"], d["message"]) == ("PRV002", f"the same body as {A}")
        return
    assert d["code"] == "PRV003"
    assert d["message"].startswith(
        f"the same text as {A} once look-alike characters, spaces and invisible "
        "ones are folded: this one has U+"
    ), d["message"]
    first = next(c for c, w in zip(copy, WEIR) if c != w)
    assert f"U+{ord(first):04X}" in d["message"]


def test_a_declared_name_and_a_flagged_one_that_only_look_alike_are_told_apart(
    corpus,
):
    # The header says "Sergei" in Latin letters; the text flags a name
    # spelled with a Cyrillic "е".
    (corpus / "seeds" / f"{A}.txt").write_text(
        seed_text(
            A, "S\u0435rgei (name changed) left the town.\n", pseudonyms="[Sergei]"
        )
    )
    code, out, _ = run_in_process(corpus, "--format", "json", "--select", "PSN")
    messages = {d["code"]: d["message"] for d in json.loads(out)["diagnostics"]}
    assert code == 1
    assert messages["PSN001"].endswith(
        "(it looks like the declared 'Sergei', but has U+0435 CYRILLIC SMALL LETTER IE "
        "where the other has U+0065 LATIN SMALL LETTER E)"
    )
    assert messages["PSN002"].endswith(
        "(it looks like the flagged 'S\u0435rgei', but has U+0065 LATIN SMALL LETTER E "
        "where the other has U+0435 CYRILLIC SMALL LETTER IE)"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_the_quick_way_of_folding_agrees_with_the_slow_one(text):
    """A text whose characters all fold alone is folded kind by kind; any
    other, a run at a time.  Both must give the same bytes."""
    from checks.detect.lookalike import _NOT_ASCII, _fold_ascii, _fold_run, fold_bytes

    raw = text.encode("utf-8", "surrogatepass")
    assert fold_bytes(raw) == _fold_ascii(_NOT_ASCII.sub(_fold_run, raw))


def test_a_cited_source_written_with_a_look_alike_says_how_it_is_written(corpus):
    (corpus / "seeds" / f"{A}.txt").write_text(
        seed_text(A, "R\u0435uters reported the closure first.\n", cites="[Reuters]")
    )
    code, out, _ = run_in_process(corpus, "--format", "json", "--select", "CLM005")
    [d] = json.loads(out)["diagnostics"]
    assert d["message"] == (
        "cited source 'Reuters' never appears in the text (it is written 'R\u0435uters', "
        "with U+0435 CYRILLIC SMALL LETTER IE where the other has U+0065 LATIN SMALL "
        "LETTER E)"
    )
