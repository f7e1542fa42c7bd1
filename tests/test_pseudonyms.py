"""Flagged pseudonyms: the detector's figures, the PSN rules as a user meets
them, and the unsafe fix that declares what was found."""

import json
import subprocess
import sys
import unicodedata

import pytest
from conftest import REPO, lint, run_checks, seed_text, write_seed

from checks.detect.pseudonyms import detect

A = "000_0123456789abcdef"
DATA = REPO / "tests" / "data"
BODY = (
    "The fish market in Lowmere opened late on Tuesday.\n\n"
    "Daria (name has been changed) has sold mussels there for six years. Daria says "
    "the storm took two of her nets. Her neighbour, whom we are calling Ilse, agreed.\n"
)


def labelled(name):
    return [json.loads(line) for line in (DATA / name).read_text().splitlines()]


def figures(name):
    script = REPO / "benchmarks" / "pseudonyms.py"
    run = subprocess.run(
        [sys.executable, script, "--json", "--labelled", DATA / name],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


SETS = ["pseudonyms.jsonl", "pseudonyms-heldout.jsonl", "pseudonyms-forms.jsonl"]


@pytest.mark.parametrize("name", SETS)
def test_the_detector_meets_its_targets_on_the_labelled_passages(name):
    cases = labelled(name)
    assert len(cases) >= 60
    assert sum(c["negative"] for c in cases) >= len(cases) / 3
    result = figures(name)
    assert result["names_precision"] >= 0.95
    assert result["names_recall"] >= 0.90
    assert result["negatives_left_alone"] == result["hard_negatives"]


def test_the_labelled_set_is_large_and_varied():
    cases = labelled("pseudonyms.jsonl")
    assert len(cases) >= 80
    markers = {
        "(not",
        "(name",
        "whose name",
        "not the real names",
        "identified only as",
        "calling",
        "*",
    }
    texts = " ".join(c["text"] for c in cases)
    assert all(marker in texts for marker in markers)


@pytest.mark.parametrize("name", SETS)
def test_the_re2_screen_never_hides_a_marker(name):
    """Screening with RE2 first gives what running every pattern gives,
    also with no-break spaces where the passages have spaces."""
    for case in labelled(name):
        for text in (case["text"], case["text"].replace(" ", "\u00a0")):
            screened, full = detect(text), detect(text, full=True)
            assert (screened.pseudonyms, screened.unresolved) == (
                full.pseudonyms,
                full.unresolved,
            ), text


def test_the_first_seed_flags_sergei_and_stas_and_nothing_else():
    raw = (REPO / "seeds" / "000_972d40d4eaee384f.txt").read_bytes()
    body = raw.split(b"\n---\n", 1)[1]
    found = detect(body.decode(), body)
    assert found.names == ["Sergei", "Stas"]
    assert found.unresolved == []


def test_an_undeclared_pseudonym_is_an_error_at_the_name():
    text = seed_text(A, BODY)
    found = lint(text, "PSN")
    assert {d.severity.value for d in found} == {"error"}
    got = [(d.code, d.line, d.column, d.end_column, d.message) for d in found]
    assert got == [
        (
            "PSN001",
            12,
            1,
            6,
            "'Daria' is marked as not a real name ('(name has been changed)') but is not "
            "declared in the header's pseudonyms",
        ),
        (
            "PSN001",
            12,
            147,
            151,
            "'Ilse' is marked as not a real name ('whom we are calling') but is not "
            "declared in the header's pseudonyms",
        ),
    ]
    assert text.splitlines()[11][146:150] == "Ilse"


def test_fix_leaves_pseudonyms_alone_and_unsafe_fixes_declare_them(corpus):
    path = write_seed(corpus / "seeds", A, BODY, pseudonyms="[Ilse]")
    before = path.read_bytes()
    run = run_checks("--fix", "--select", "PSN", cwd=corpus)
    assert run.code == 1 and path.read_bytes() == before
    # Only --unsafe-fixes fixes it: not marked [*], not counted as fixable.
    assert f"seeds/{A}.txt:13:1: PSN001 'Daria' is marked" in run.out
    assert run.out.endswith(
        "Found 1 error, 0 warnings in 1 of 1 file "
        "(1 with `checks --fix --unsafe-fixes`, to review).\n"
    )
    run = run_checks("--fix", "--unsafe-fixes", "--select", "PSN", cwd=corpus)
    assert run.code == 0, run
    assert (
        f"seeds/{A}.txt: fixed: added Daria to the header's pseudonyms, for review"
        in run.out
    )
    text = path.read_text()
    assert "pseudonyms: [Ilse, Daria]\n" in text  # in the list's own style
    assert text.endswith(BODY)
    again = path.read_bytes()
    run_checks("--fix", "--unsafe-fixes", "--select", "PSN", cwd=corpus)
    assert path.read_bytes() == again


def test_a_declared_name_the_body_never_uses():
    found = lint(seed_text(A, BODY, pseudonyms="[Daria, Ilse, Oskar]"), "PSN")
    assert [(d.code, d.message) for d in found] == [
        ("PSN002", "pseudonym 'Oskar' never appears in the body")
    ]


def test_a_marker_that_names_nobody_is_a_warning():
    body = (
        "Three stallholders spoke to us. All names in this story have been changed.\n"
    )
    found = lint(seed_text(A, body), "PSN")
    assert [(d.code, d.severity.value) for d in found] == [("PSN003", "warning")]


def test_a_seed_not_in_english_gets_one_note_and_no_findings():
    german = (
        "Daria (Name geändert) wohnt seit sechs Jahren auf der Insel. Der Sturm "
        "hat zwei ihrer Netze zerrissen, sagte sie am Freitag.\n"
    )
    found = lint(seed_text(A, german, language="de"), "PSN")
    assert [(d.code, d.severity.value) for d in found] == [("PSN004", "info")]


def test_checks_pseudonyms_lists_every_mention(corpus):
    write_seed(corpus / "seeds", A, BODY, pseudonyms="[Daria, Ilse]")
    run = run_checks("pseudonyms", "--format", "json", cwd=corpus)
    [entry] = run.json
    daria = entry["pseudonyms"][0]
    assert daria["name"] == "Daria" and daria["marker"] == "(name has been changed)"
    assert daria["mentions"] == [{"line": 13, "column": 1}, {"line": 13, "column": 69}]
    text = run_checks("pseudonyms", cwd=corpus).out
    assert (
        f"seeds/{A}.txt:13:1: Daria (declared; '(name has been changed)'); mentioned at 13:1, 13:69"
        in text
    )


def test_checks_new_names_the_options_that_would_declare_them(corpus, tmp_path):
    text = tmp_path / "story.txt"
    text.write_text(BODY)
    run = run_checks("new", text, "--date", "2024-03-01", cwd=corpus)
    assert run.code == 1
    assert (
        "checks new: to declare what the text flags, add: --pseudonym Daria --pseudonym Ilse"
        in run.err
    )
    ok = run_checks(
        "new",
        text,
        "--date",
        "2024-03-01",
        "--pseudonym",
        "Daria",
        "--pseudonym",
        "Ilse",
        cwd=corpus,
    )
    assert ok.code == 0, ok


def test_each_way_of_marking_a_name_is_labelled():
    """The forms set holds each construction outlets use, and hard negatives."""
    texts = " ".join(c["text"] for c in labelled("pseudonyms-forms.jsonl"))
    for form in (
        "who asked the magazine not to print her real name",
        "going by the alias",
        "is an alias",
        "isn't her real name",
        "Neither Oskar nor Lilja",
        "pseudonymous",
        "we'll call",
        "Let's call him",
        "whom this newspaper is calling",
        "in this article",
        "(names changed)",
        "All names in this story have been changed",
        "\u200b",
        "\u0301",
    ):
        assert form in texts, form


def _psn(body, **fields):
    found = lint(seed_text(A, body, **fields), "PSN,ENC")
    return [(d.code, d.line, d.column, d.end_column) for d in found]


def test_a_name_with_a_hidden_character_is_the_same_name():
    body = "Da\u200bria (not her real name) sells bread at the corner.\n"
    found = _psn(body)
    # PSN001 spans the name as written (six characters), ENC005 the hidden one
    assert ("PSN001", 10, 1, 7) in found and ("ENC005", 10, 3, 4) in found
    assert [c for c, *_ in _psn(body, pseudonyms="[Daria]")] == ["ENC005"]


def test_a_declared_name_matches_the_body_in_either_unicode_form():
    decomposed = "Jose\u0301 (name changed) mends nets on the quay.\n"
    assert [c for c, *_ in _psn(decomposed)][:1] == ["PSN001"]
    # declared in NFC, written in NFD: the same name; ENC007 reports the form
    codes = [c for c, *_ in _psn(decomposed, pseudonyms="[Jos\u00e9]")]
    assert codes == ["ENC007"]
    composed = "Jos\u00e9 (name changed) mends nets on the quay.\n"
    codes = [c for c, *_ in _psn(composed, pseudonyms='["Jose\u0301"]')]
    assert codes == ["ENC007"]


@pytest.mark.parametrize(
    "hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\U000e0041"]
)
@pytest.mark.parametrize(
    "text",
    [
        "Daria (not her real name) sells bread at the corner.",
        "Halima, whose name was changed for her protection, sews uniforms.",
        "The driver, whom this newspaper is calling Dario, waited by the van.",
    ],
)
def test_a_hidden_character_anywhere_in_a_name_changes_nothing(text, hidden):
    [plain] = detect(text).pseudonyms
    for cut in range(plain.start + 1, plain.end):
        written = text[:cut] + hidden + text[cut:]
        [found] = detect(written).pseudonyms
        assert found.name == plain.name
        # the span covers the name as written, hidden character included
        assert (found.start, found.end) == (plain.start, plain.end + 1)
        assert written[found.start : found.end].replace(hidden, "") == plain.name


def test_a_decomposed_name_is_found_as_its_composed_form():
    composed = "Ren\u00e9e (name changed) keeps the harbour log."
    decomposed = unicodedata.normalize("NFD", composed)
    [a], [b] = detect(composed).pseudonyms, detect(decomposed).pseudonyms
    assert a.name == b.name == "Ren\u00e9e"
    assert decomposed[b.start : b.end] == "Rene\u0301e"
