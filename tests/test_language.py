"""A wrong `language` cannot switch the detectors off: the tag is checked as
BCP 47 writes it, and a body that reads as English is read by the English
detectors whatever its tag says."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from conftest import WEIR, new_corpus, run_in_process, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

A = "000_0123456789abcdef"
# An English body with a flagged name and a quote with no speaker: what the
# detectors must still find.
ENGLISH = (
    WEIR
    + "\nMarta (not her real name) keeps the mill's books.\n\n"
    + '"Nobody asked the farmers what they wanted, not once in ten years of meetings."\n'
)
GERMAN = (
    "Der Wasserverband hat am Montag beschlossen, das Wehr unterhalb der Mühle neu "
    "zu bauen. Die Bauern flussabwärts hatten eine Reparatur des alten Wehrs verlangt.\n"
)
# Tags as people write them, with what BCP 47 makes of them.
WRITTEN_AS = {
    "eng": "en",
    "deu": "de",
    "fra": "fr",
    "ger": "de",
    "iw": "he",
    "EN": None,  # the same tag: BCP 47 is not case-sensitive
    "en-gb": None,
}


def checked(language: str, body: str) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        (corpus / "seeds" / f"{A}.txt").write_text(
            seed_text(A, body, language=f"'{language}'")
        )
        code, out, err = run_in_process(corpus, "--no-cache", "--format", "json")
    assert code in (0, 1), err
    found: dict[str, list[str]] = {}
    for d in json.loads(out)["diagnostics"]:
        found.setdefault(d["code"], []).append(d["message"])
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    language=st.sampled_from(
        ["de", "fr", "es", "ru", "it", "nl", "pl", "tr", "deu", "xx"]
    )
)
def test_an_english_body_under_any_other_tag_is_reported_and_still_read(language):
    found = checked(language, ENGLISH)
    assert ("HDR018" in found) == (language in ("deu", "xx")), found
    if language != "xx":  # a tag the registry does not know names no language
        [message] = found["HDR019"]
        assert message.startswith(
            f"language {language!r}, but the body reads as 'en' ("
        )
        assert message.endswith("sure); it is read as English")
    assert "PSN001" in found and "CLM001" in found  # the detectors read it
    assert "PSN004" not in found and "CLM007" not in found  # no "not checked" notes


@settings(max_examples=30, deadline=None)
@given(tag=st.sampled_from(sorted(WRITTEN_AS)))
def test_a_tag_is_checked_as_the_registry_writes_it(tag):
    found = checked(tag, ENGLISH if tag.lower().startswith("en") else GERMAN)
    standard = WRITTEN_AS[tag]
    if standard is None:
        assert "HDR018" not in found
    else:
        assert found["HDR018"] == [
            f"language {tag!r} is written {standard!r} in BCP 47"
        ]


def test_a_body_in_the_language_its_tag_names_is_left_to_it():
    found = checked("de", GERMAN)
    assert "HDR019" not in found and "HDR018" not in found
    assert "PSN004" in found  # not read by the English detectors, and says so


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tag=st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_", min_size=1, max_size=12
    )
)
def test_any_tag_gives_diagnostics_not_a_traceback(tag):
    found = checked(tag, ENGLISH)
    # Whatever the tag, the English body is read.
    assert "PSN001" in found, (tag, found)


def test_a_language_that_is_no_tag_at_all_does_not_switch_the_detectors_off(corpus):
    (corpus / "seeds" / f"{A}.txt").write_text(
        seed_text(A, ENGLISH, language="[de, fr]")
    )
    code, out, _ = run_in_process(corpus, "--no-cache", "--format", "json")
    codes = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert "HDR009" in codes  # the schema's finding
    assert {"PSN001", "CLM001"} <= codes
