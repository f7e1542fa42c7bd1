"""ENC: encoding and text hygiene, as a user sees it."""

import pytest
from conftest import BODY, lint, run_checks, seed_text, write_seed

A = "001_0123456789abcdef"


@pytest.fixture
def corpus(corpus):
    """These tests are about each seed on its own: the corpus-wide rules
    (INDEX.md, provenance) are not selected."""
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nselect = ["HDR", "ENC"]\n'
    )
    return corpus


def test_not_utf8_reports_the_byte_offset_and_nothing_else(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    raw = seed_text(A).encode().replace(b"nine days", b"nine \x93days\x94")
    path.write_bytes(raw)
    run = run_checks("--format", "json", cwd=corpus)
    [diagnostic] = run.json["diagnostics"]
    offset = raw.index(b"\x93")
    assert diagnostic["code"] == "ENC001"
    assert (
        diagnostic["message"]
        == f"not valid UTF-8: byte 0x93 at byte offset {offset} (2 invalid bytes in all)"
    )
    assert (diagnostic["line"], diagnostic["column"]) == (12, 17)
    assert run.code == 1


def test_not_utf8_text_output_shows_the_byte_escaped(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    path.write_bytes(seed_text(A).encode().replace(b"nine days", b"nine \x93days"))
    run = run_checks(cwd=corpus)
    assert f"seeds/{A}.txt:12:17: ENC001" in run.out
    assert '"We waited nine <0x93>days for flour,"' in run.out


def test_bidi_override_is_shown_escaped_with_a_caret_under_it(corpus):
    write_seed(corpus / "seeds", A, BODY.replace("flour", "\u202eflour"))
    run = run_checks(cwd=corpus)
    lines = run.out.splitlines()
    at = lines.index(
        f"seeds/{A}.txt:12:26: ENC004 bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE"
    )
    quoted, carets = lines[at + 1], lines[at + 2]
    assert "\u202e" not in run.out
    assert quoted.endswith(
        '"We waited nine days for <U+202E>flour," said Tomas Reyna, who keeps the bakery.'
    )
    assert carets.index("^") == quoted.index("<U+202E>")
    assert carets.strip(" |").strip() == "^" * len("<U+202E>")


def test_byte_order_mark_before_header_is_removed_by_fix(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    text = seed_text(A)
    path.write_bytes("\ufeff".encode() + text.encode())
    assert run_checks("--format", "json", cwd=corpus).codes() == ["ENC002"]
    run = run_checks("--fix", cwd=corpus)
    assert "fixed: remove the byte-order mark" in run.out
    assert path.read_bytes() == text.encode()


def test_byte_order_mark_of_a_headerless_file_is_only_reported(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    path.write_bytes("\ufeff".encode() + BODY.encode())
    run = run_checks("--fix", "--format", "json", cwd=corpus)
    assert [(d["code"], d["fixable"]) for d in run.json["diagnostics"]] == [
        ("ENC002", False),
        ("HDR001", False),
    ]
    assert path.read_bytes() == "\ufeff".encode() + BODY.encode()


def test_crlf_body_is_reported_and_never_rewritten(corpus):
    path = write_seed(corpus / "seeds", A, BODY.replace("\n", "\r\n"))
    before = path.read_bytes()
    run = run_checks("--fix", "--format", "json", cwd=corpus)
    [diagnostic] = run.json["diagnostics"]
    assert diagnostic["code"] == "ENC006"
    assert (
        diagnostic["message"]
        == "CRLF line ending (3 lines in all end in CR); seeds use LF"
    )
    assert not diagnostic["fixable"]
    assert path.read_bytes() == before


def test_control_and_zero_width_characters():
    body = BODY.replace("Friday", "Fri\x00day").replace("Tomas", "To\u200dmas")
    assert [
        (d.code, d.line, d.column, d.message)
        for d in lint(seed_text(A, body), "HDR,ENC")
    ] == [
        ("ENC003", 10, 37, "control character U+0000"),
        ("ENC005", 12, 41, "zero-width character U+200D ZERO WIDTH JOINER"),
    ]


def test_suspects_are_found_among_ordinary_characters_of_other_scripts():
    # Curly quotes, accents, dashes, Cyrillic and CJK are not suspects; a
    # control, a bidi mark or a zero-width character among them is.
    ordinary = BODY.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    ordinary = ordinary.replace(
        "Tomas Reyna",
        "Tom\u00e1s Re\u00f1a \u2014 \u0421\u0435\u0440\u0433\u0435\u0439 \u6e2f",
    )
    assert lint(seed_text(A, ordinary), "ENC") == []
    for suspect, code in (
        ("\x85", "ENC003"),
        ("\u200f", "ENC004"),
        ("\ufeff", "ENC005"),
    ):
        text = seed_text(A, ordinary.replace("bakery", f"bak{suspect}ery"))
        [diagnostic] = lint(text, "ENC")
        assert (diagnostic.code, diagnostic.line) == (code, 12), suspect
        assert text.split("\n")[11][diagnostic.column - 1] == suspect


def test_not_nfc_names_the_sequence_and_its_nfc_form():
    [diagnostic] = lint(seed_text(A, BODY.replace("Reyna", "Reye\u0301na")), "HDR,ENC")
    assert diagnostic.code == "ENC007"
    assert diagnostic.message == "'e\u0301' is not in NFC (NFC writes it '\u00e9')"
    assert (diagnostic.column, diagnostic.end_column) == (48, 50)
