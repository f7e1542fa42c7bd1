"""HDR: what a user sees for headers, and what `--fix` may and may not do."""

import hashlib
import os
import stat

import pytest
from conftest import BODY, git, lint, run_checks, seed_text, write_seed

A = "001_0123456789abcdef"


@pytest.fixture
def corpus(corpus):
    """These tests are about each seed on its own: the corpus-wide rules
    (INDEX.md, provenance) are not selected."""
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nselect = ["HDR", "ENC"]\n'
    )
    return corpus


def test_scalars_are_read_as_written_not_typed():
    text = seed_text("970_0000000000000000", date="2024-03-01", title="1e3")
    assert lint(text, "HDR,ENC") == []


def test_nested_field_error_points_at_the_value():
    text = seed_text(A, source="\n  name: Anholm Courier\n  retrieved: 02/03/2024")
    [diagnostic] = lint(text, "HDR009")
    assert (diagnostic.line, diagnostic.column, diagnostic.end_column) == (6, 14, 24)
    assert (
        diagnostic.message
        == "source.retrieved '02/03/2024' is not a date written YYYY-MM-DD"
    )
    assert diagnostic.severity.value == "error"


def test_list_item_error_names_its_index():
    [diagnostic] = lint(seed_text(A, pseudonyms="\n- Mira\n- ''"), "HDR009")
    assert diagnostic.line == 11
    assert diagnostic.message == "pseudonyms[1] is empty"


def test_unknown_field_names_the_allowed_ones(corpus):
    path = write_seed(corpus / "seeds", A, pseudonym="[Mira]")
    run = run_checks("--select", "HDR007", path, cwd=corpus)
    assert "HDR007 unknown field 'pseudonym'; header allows id, date, title" in run.out
    assert run.code == 1


def test_header_that_is_not_a_mapping(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    path.write_text("---\n- a list\n---\n" + BODY)
    run = run_checks("--format", "json", path, cwd=corpus)
    assert [(d["code"], d["message"]) for d in run.json["diagnostics"]] == [
        ("HDR009", "header must be a mapping, not a list")
    ]


def test_empty_header_lacks_every_required_field(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    path.write_text("---\n---\n" + BODY)
    run = run_checks("--format", "json", path, cwd=corpus)
    messages = {d["message"] for d in run.json["diagnostics"] if d["code"] == "HDR008"}
    assert {m.split(";")[0] for m in messages} == {
        f"header has no {f!r}, which is required" for f in ("id", "date", "sha256")
    }


def test_alias_bomb_is_refused_not_expanded(corpus):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        lines.append(
            f"a{n}: &a{n} [" + ", ".join(["*a" if n == 1 else f"*a{n - 1}"] * 9) + "]"
        )
    path = corpus / "seeds" / f"{A}.txt"
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + BODY)
    run = run_checks("--format", "json", path, cwd=corpus)
    assert run.codes() == ["HDR005"]
    assert "aliases are not allowed" in run.json["diagnostics"][0]["message"]


def test_tags_are_refused():
    text = seed_text(A, title="!!python/object/apply:os.system [echo hi]")
    assert [(d.code, d.line) for d in lint(text, "HDR,ENC")] == [("HDR005", 9)]


def test_accept_drops_the_finding_it_names():
    body = BODY.replace("Tomas", "To\u200bmas")
    assert [d.code for d in lint(seed_text(A, body), "HDR,ENC")] == ["ENC005"]
    accept = (
        '\n- code: ENC005\n  text: "\u200b"\n  reason: copied from the print edition'
    )
    assert lint(seed_text(A, body, accept=accept), "HDR,ENC") == []


def test_accept_entry_that_matches_nothing_is_reported():
    accept = "\n- code: ENC005\n  text: Tomas\n  reason: reviewed\n- code: HDR014\n  reason: source unknown"
    found = lint(seed_text(A, accept=accept), "HDR,ENC")
    assert [(d.code, d.line, d.message, d.severity.value) for d in found] == [
        ("HDR015", 10, "accept entry for ENC005 matches no finding", "warning"),
        ("HDR015", 13, "accept entry for HDR014 matches no finding", "warning"),
    ]


def test_accept_for_a_rule_that_did_not_run_is_not_reported():
    accept = "\n- code: ENC005\n  reason: reviewed"
    assert lint(seed_text(A, accept=accept), "HDR") == []
    assert [d.code for d in lint(seed_text(A, accept=accept), "HDR,ENC")] == ["HDR015"]


def test_fix_migrates_legacy_header_keeping_body_bytes(corpus):
    path = corpus / "seeds" / f"{A}.txt"
    original = " date 2023-05-04 " + BODY.replace("Friday", "Fr\u00eeday")
    path.write_bytes(original.encode())
    run = run_checks("--fix", cwd=corpus)
    assert f"seeds/{A}.txt: fixed: migrate the legacy header to front matter" in run.out
    assert run.code == 0
    fixed = path.read_bytes()
    body = original[len(" date 2023-05-04 ") :].encode()
    digest = hashlib.sha256(body).hexdigest()
    assert (
        fixed
        == f"---\nid: {A}\ndate: '2023-05-04'\nsha256: {digest}\n---\n".encode() + body
    )
    again = run_checks("--fix", cwd=corpus)
    assert "fixed:" not in again.out
    assert path.read_bytes() == fixed


def test_fix_fills_id_from_the_file_name(corpus):
    path = write_seed(corpus / "seeds", A, id=None)
    run = run_checks("--fix", cwd=corpus)
    assert "fixed: fill id" in run.out
    assert path.read_text().startswith(f"---\nid: {A}\ndate:")
    assert run_checks(cwd=corpus).code == 0


def test_fix_leaves_a_wrong_id_to_a_person(corpus):
    path = write_seed(corpus / "seeds", A, id="002_0123456789abcdef")
    before = path.read_bytes()
    run = run_checks("--fix", cwd=corpus)
    assert "HDR010 id '002_0123456789abcdef' is not the file name" in run.out
    assert path.read_bytes() == before


def test_fix_records_hash_of_a_new_uncommitted_seed(repo):
    path = write_seed(repo / "seeds", A, sha256=None)
    run = run_checks("--fix", cwd=repo)
    assert run.code == 0, run
    assert (
        f"sha256: {hashlib.sha256(BODY.encode()).hexdigest()}\n---\n"
        in path.read_text()
    )


def test_fix_never_records_hash_of_an_edited_text(repo):
    path = write_seed(repo / "seeds", A, sha256=None)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "seed without hash")
    path.write_text(seed_text(A, BODY.replace("nine", "ten"), sha256=None))
    before = path.read_bytes()
    run = run_checks("--fix", cwd=repo)
    assert run.code == 1
    assert (
        "not filled by --fix because the body differs from the last committed version"
        in run.out
    )
    assert path.read_bytes() == before


def test_fix_records_hash_of_a_committed_unchanged_text(repo):
    path = write_seed(repo / "seeds", A, sha256=None)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "seed without hash")
    assert run_checks("--fix", cwd=repo).code == 0
    assert "sha256: " in path.read_text()


def test_fix_never_overrides_a_hash_in_the_committed_version(repo):
    path = write_seed(repo / "seeds", A)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "seed")
    path.write_text(seed_text(A, BODY.replace("nine", "ten"), sha256=None))
    run = run_checks("--fix", cwd=repo)
    assert "because the committed version records sha256" in run.out
    assert "sha256" not in path.read_text().split("---")[1]


def test_fix_reads_each_committed_seed_as_committed_in_one_run(repo):
    """Many committed seeds, some edited since and some not, one with a hash
    in its committed version: each is judged by its own committed text."""
    paths = {}
    for n in range(12):
        stem = f"{n:03d}_{n:016x}"
        body = BODY.replace("nine", f"{n + 2} hundred")
        paths[stem] = write_seed(repo / "seeds", stem, body, sha256=None)
    path = write_seed(repo / "seeds", "012_00000000000000ff", BODY)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "seeds")
    edited = sorted(paths)[1::3]
    for stem in edited:
        text = paths[stem].read_text().replace("hundred", "thousand")
        paths[stem].write_text(text)
    path.write_text(seed_text("012_00000000000000ff", BODY, sha256=None))
    run = run_checks("--fix", cwd=repo)
    assert run.code == 1
    for stem, seed in paths.items():
        assert ("sha256: " in seed.read_text()) == (stem not in edited), stem
    refused = [line for line in run.out.splitlines() if "not filled" in line]
    assert len(refused) == len(edited) + 1
    assert "because the committed version records sha256" in run.out


def test_fix_never_overrides_a_hash_in_index_md(corpus):
    path = write_seed(corpus / "seeds", A, sha256=None)
    (corpus / "seeds" / "INDEX.md").write_text(
        f"| [{A}]({A}.txt) | 2024-03-01 | 0a1b2c3d4e5f |\n"
    )
    run = run_checks("--fix", cwd=corpus)
    assert "because INDEX.md records the hash 0a1b2c3d4e5f for this seed" in run.out
    assert "sha256" not in path.read_text()


def test_fix_is_atomic_and_keeps_the_mode(corpus):
    path = write_seed(corpus / "seeds", A, id=None)
    os.chmod(path, 0o640)
    run_checks("--fix", cwd=corpus)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(p.name for p in (corpus / "seeds").iterdir()) == [f"{A}.txt"]


def test_future_and_impossible_dates(corpus):
    write_seed(corpus / "seeds", A, date="'2023-02-29'")
    write_seed(corpus / "seeds", "002_0123456789abcdef", date="'2999-01-01'")
    run = run_checks("--format", "json", cwd=corpus)
    assert [(d["code"], d["message"]) for d in run.json["diagnostics"]][:2] == [
        ("HDR011", "date 2023-02-29 is not a date"),
        ("HDR012", run.json["diagnostics"][1]["message"]),
    ]
    assert run.json["diagnostics"][1]["message"].startswith(
        "date 2999-01-01 is after today"
    )


SOURCE = "source:\n  name: Anholm Courier\n  url: https://example.org/a\n  retrieved: '2024-03-02'\n"


@pytest.mark.parametrize(
    "header, code, line, words",
    [
        # Deep nesting: in flow style (the YAML reader stops it) and in blocks.
        ("title: " + "[" * 5000 + "]" * 5000 + "\n", "HDR004", 2, "nesting depth"),
        (
            "source:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 9)),
            "HDR005",
            9,
            "deeper than 6 levels",
        ),
        # A header over the size limit is not parsed at all.
        ("title: " + "x" * 70_000 + "\n", "HDR005", 2, "the limit is 65536"),
        # Duplicate keys: an error on the second, not last-one-wins.
        ("title: One\ntitle: Two\n", "HDR006", 3, "'title' appears twice"),
        # Keys that are not strings.
        ("? [1, 2]\n: x\n", "HDR005", 2, "keys must be plain strings"),
        ("{a: 1}: x\n", "HDR005", 2, "keys must be plain strings"),
        # Merge keys are aliases too.
        ("s: &s {name: X}\nsource:\n  <<: *s\n", "HDR005", 2, "aliases"),
        # Dates that are not dates.
        ("date: 2023-02-29\n", "HDR011", 2, "2023-02-29 is not a date"),
        ("date: tomorrow\n", "HDR009", 2, "YYYY-MM-DD"),
        ("date: 2022-12-13T10:00:00\n", "HDR009", 2, "YYYY-MM-DD"),
        ("date: [2022, 12, 13]\n", "HDR009", 2, "date"),
    ],
    ids=[
        "flow-nesting",
        "block-nesting",
        "huge",
        "duplicate-key",
        "sequence-key",
        "mapping-key",
        "merge-key",
        "february-29",
        "a-word",
        "a-timestamp",
        "a-list",
    ],
)
def test_hostile_headers_get_one_clear_diagnostic(corpus, header, code, line, words):
    path = corpus / "seeds" / f"{A}.txt"
    body = BODY.encode()
    fields = f"id: {A}\nsha256: {hashlib.sha256(body).hexdigest()}\n"
    if not header.startswith("date"):
        fields += "date: '2024-03-01'\n"
    if "source" not in header:
        fields += SOURCE
    path.write_bytes(f"---\n{header}{fields}---\n".encode() + body)
    run = run_checks("--format", "json", path, cwd=corpus)
    assert run.code == 1 and "Traceback" not in run.err, run
    found = [d for d in run.json["diagnostics"] if d["code"] == code]
    assert found and found[0]["line"] == line and words in found[0]["message"], run.out


# Pieces of values that YAML reads as indicators, breaks, quotes, comments,
# anchors or tags, and characters that it does not take as written.
TRICKY = (
    ["a", "Z", "0", " ", ":", ": ", " #", "#", "'", "''", '"', "-", "- ", "? ", ","]
    + ["[", "]", "{", "}", "&a", "*a", "!t", "|", ">", "%", "@", "`", "~", "."]
    + ["http://x.org/a", "\t", "\u00a0", "\u2028", "\ufeff", "\x85", "\ufffe", "é"]
)


# Each of the line reader's rules, met once.
EDGES = [
    "id: a\n",
    "title: a: b\n",
    "title: a:\n",
    "title: a \n",
    "title:  a\n",
    "title: a #b\n",
    "title: a#b\n",
    "title: 'a''b'\n",
    "title: 'a'b\n",
    *(f"title: {c}a\n" for c in "-?:,[]{}#&*!|>'\"%@`"),
    *(f"title: a{c}b\n" for c in "\t\u2028\u2029\ufeff\x85\ufffe\x7f"),
    "title: ~\n",
    "cites:\n- a\n- b\n",
    "cites:\n- a\nid: x\n",
    "cites:\n- a: b\n",
    "cites:\n  - a\n",
    "source:\n  name: a\n  url: b\nid: x\n",
    "source:\n  name: a\n",
    "source:\n  name:\n",
    "source:\n  name: a\n- b\n",
    "cites:\n- a\n  name: b\n",
    "id:\n",
    "id:\nname: a\n",
    "id: a\nid: b\n",
    "source:\n  a: x\n  a: y\n",
    "cites:\n- a\ncites:\n- b\n",
    "  name: a\n",
    "- a\n",
    "id: a\n\n",
    "# note\nid: a\n",
    "id: a",
    "id: a\r\n",
]


def test_a_header_as_checks_writes_it_is_read_as_yaml_reads_it():
    """Most headers are read line by line, not by YAML: for any header that
    reader accepts, the data and every span must be YAML's."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checks.seed.header import compose_header, dump_fields, read_plain_header

    value = st.lists(st.sampled_from(TRICKY), max_size=6).map("".join)
    key = st.sampled_from(["id", "date", "title", "name", "url", "cites", "a-b", "_x"])
    fields = st.dictionaries(
        key,
        st.one_of(
            value, st.lists(value, max_size=3), st.dictionaries(key, value, max_size=3)
        ),
        max_size=5,
    )
    line = st.one_of(
        st.builds("{}: {}".format, key, value),
        st.builds("{}:".format, key),
        st.builds("  {}: {}".format, key, value),
        st.builds("- {}".format, value),
        st.builds("  - {}".format, value),
        st.sampled_from(["", "# note", "---", "  "]),
    )
    header = st.one_of(
        fields.map(dump_fields),
        st.lists(line, max_size=8).map(lambda lines: "".join(f"{x}\n" for x in lines)),
    )

    def readings(loaded):
        return loaded.data, loaded.keys, loaded.values, loaded.problems

    for text in EDGES:
        plain = read_plain_header(text)
        assert plain is None or readings(plain) == readings(compose_header(text)), text

    accepted = []

    # CHECKS_EXAMPLES=50000 for a longer search.
    @settings(
        max_examples=int(os.environ.get("CHECKS_EXAMPLES", "1000")), deadline=None
    )
    @given(header)
    def agree(text):
        plain = read_plain_header(text)
        if plain is not None:
            accepted.append(text)
            assert readings(plain) == readings(compose_header(text))

    agree()
    assert len(accepted) > 100  # the line reader was tried, not only refused


@pytest.mark.parametrize("emitter", ["libyaml", "python"])
def test_values_checks_writes_read_back_as_they_were(emitter, monkeypatch):
    """What `checks` writes into a header (new, amend, fixes, a shard's
    records) reads back as the same values, with libyaml's emitter or
    PyYAML's own (whose single quotes turn a NEL into a space)."""
    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checks.seed.header import _dumper, dump_fields, load_header

    if emitter == "python":
        monkeypatch.delattr(yaml, "CSafeDumper", raising=False)
    _dumper.cache_clear()
    value = st.lists(st.sampled_from(TRICKY), min_size=1, max_size=6).map("".join)
    fields = st.fixed_dictionaries(
        {"title": value, "cites": st.lists(value, max_size=3)},
        optional={"source": st.fixed_dictionaries({"name": value})},
    )

    @settings(
        max_examples=int(os.environ.get("CHECKS_EXAMPLES", "1000")) // 2,
        deadline=None,
    )
    @given(fields)
    def round_trip(written):
        assert load_header(dump_fields(written)).data == written

    try:
        round_trip()
    finally:
        _dumper.cache_clear()
