"""A write never breaks what it writes: whatever a title, a source, a name or
a reason holds, INDEX.md reads back as the same values, or the command
refuses and writes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import commit_all, files_of, git, new_corpus, run_in_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.seed.index import END, START, one_line, read_index

# What a table, Markdown or INDEX.md's reader could take for more than text.
AWKWARD = st.sampled_from(
    [
        "|",
        "\\",
        "\\|",
        "\n",
        "\r\n",
        "\u2028",
        "[",
        "](",
        "](000_x.txt)",
        "<",
        ">",
        "<br>",
        START,
        END,
        "~~",
        ",",
        ", ",
        "`",
        "*",
        "-->",
        "<!--",
    ]
)
VALUE = st.lists(st.one_of(AWKWARD, st.text(max_size=6)), min_size=1, max_size=6).map(
    "".join
)
EXAMPLES = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@EXAMPLES
@given(title=VALUE, source=VALUE, cites=st.lists(VALUE, max_size=3), reason=VALUE)
def test_new_and_retract_write_rows_that_read_back_as_the_same_values(
    title, source, cites, reason
):
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        (corpus / "text.txt").write_text("The ferry ran again on Friday.\n")
        before = files_of(corpus)
        code, out, err = run_in_process(
            corpus,
            "new",
            "text.txt",
            "--date=2024-05-01",
            f"--title={title}",
            f"--source-name={source}",
            *(f"--cite={name}" for name in cites),
        )
        if code != 0:
            # Refused: a message, and nothing written.
            assert code == 1 and err.strip(), (code, out, err)
            assert files_of(corpus) == before
            return
        index = read_index(corpus / "seeds" / "INDEX.md")
        assert index.text.count(START) == index.text.count(END) == 1
        [row] = index.rows
        assert row.cell("title") == one_line(title)
        assert row.cell("source") == one_line(source)
        code, out, err = run_in_process(corpus, "--no-cache", "--select", "IDX")
        assert code == 0, out
        code, out, err = run_in_process(
            corpus, "retract", f"seeds/{row.id}.txt", f"--reason={reason}"
        )
        if not one_line(reason):
            assert (code, err) == (1, "checks retract: a reason is required\n")
            return
        assert code == 0, err
        [row] = read_index(corpus / "seeds" / "INDEX.md").rows
        assert row.retracted[1] == one_line(reason)
        code, out, err = run_in_process(corpus, "--no-cache", "--select", "IDX")
        assert code == 0, out


def test_names_with_commas_stay_apart_from_the_names_around_them(tmp_path):
    """Cited names are one cell, `, ` between them: a comma inside a name is
    written so that ['A, B'] and ['A', 'B'] are two different rows."""
    corpus = new_corpus(tmp_path)
    (corpus / "one.txt").write_text("The ferry ran again on Friday.\n")
    (corpus / "two.txt").write_text("The bakery opened again on Monday.\n")
    for text, cites in (("one.txt", ["Vell, Herald"]), ("two.txt", ["Vell", "Herald"])):
        code, out, err = run_in_process(
            corpus, "new", text, "--date=2024-05-01", *(f"--cite={c}" for c in cites)
        )
        assert code == 0, err
    rows = read_index(corpus / "seeds" / "INDEX.md").rows
    assert [r.cell("cites") for r in rows] == ["Vell\\, Herald", "Vell, Herald"]


SOURCE = {
    "name": "Vell Herald",
    "url": "https://example.org/a",
    "retrieved": "2024-05-02",
}
BODY = "The ferry ran again on Friday. Daria (name changed) said she had waited.\n"


@st.composite
def header_in_some_style(
    draw, seed_id: str, *, sha256: str | None, with_id: bool | None = None
) -> tuple[str, dict]:
    """A header that any YAML reader takes for the same fields, written in one
    of the styles people write by hand: block at some indentation, nested
    mappings and lists in block or flow style, a flow mapping for the whole,
    with comments on lines of their own and after values."""
    fields: dict = {}
    if draw(st.booleans()) if with_id is None else with_id:
        fields["id"] = seed_id
    fields["date"] = "2024-05-01"
    fields["source"] = SOURCE
    if draw(st.booleans()):
        fields["pseudonyms"] = draw(st.sampled_from([["Ilse"], ["Ilse", "Oskar"]]))
    if sha256 is not None:
        fields["sha256"] = sha256
    order = draw(st.permutations(list(fields)))
    fields = {k: fields[k] for k in order}

    def scalar(value: str) -> str:
        return draw(st.sampled_from([value, f"'{value}'", f'"{value}"']))

    if draw(st.integers(0, 4)) == 0:  # one flow mapping
        parts = []
        for key, value in fields.items():
            if isinstance(value, dict):
                inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items())
                parts.append(f"{key}: {{{inner}}}")
            elif isinstance(value, list):
                parts.append(f"{key}: [{', '.join(value)}]")
            else:
                parts.append(f"{key}: {scalar(value)}")
        joiner = draw(st.sampled_from([", ", ",\n  "]))
        return "{" + joiner.join(parts) + "}\n", fields
    indent = " " * draw(st.sampled_from([0, 0, 2, 4]))
    step = " " * draw(st.sampled_from([2, 4]))
    lines = []
    for key, value in fields.items():
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"{indent}# about {key}")
        after = draw(st.sampled_from(["", "", " # checked"]))
        if isinstance(value, dict):
            if draw(st.booleans()):
                inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items())
                lines.append(f"{indent}{key}: {{{inner}}}{after}")
            else:
                lines.append(f"{indent}{key}:{after}")
                lines += [f"{indent}{step}{k}: {scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            if draw(st.booleans()):
                lines.append(f"{indent}{key}: [{', '.join(value)}]{after}")
            else:
                lines.append(f"{indent}{key}:{after}")
                dash = indent + draw(st.sampled_from(["", step]))
                lines += [f"{dash}- {item}" for item in value]
        else:
            lines.append(f"{indent}{key}: {scalar(value)}{after}")
    if draw(st.booleans()):
        lines.append(f"{indent}# the end")
    return "\n".join(lines) + "\n", fields


def seed_file(corpus: Path, seed_id: str, header: str, body: str = BODY) -> Path:
    path = corpus / "seeds" / f"{seed_id}.txt"
    path.write_bytes(f"---\n{header}---\n{body}".encode())
    return path


def read_back(path: Path):
    from checks.seed.document import Document
    from checks.seed.edit import comments

    doc = Document(path, path.read_bytes())
    return doc, comments(doc)


SEED = "000_0123456789abcdef"


@EXAMPLES
@given(data=st.data())
def test_fix_edits_a_header_in_its_own_style_or_leaves_it_and_says_why(data):
    header, fields = data.draw(header_in_some_style(SEED, sha256=None))
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        path = seed_file(corpus, SEED, header)
        before, notes = read_back(path)
        assert before.data == fields, header  # the generator's own check
        code, out, err = run_in_process(
            corpus, "--no-cache", "--fix", "--unsafe-fixes", "--select", "HDR,PSN"
        )
        assert code in (0, 1), err
        after, kept = read_back(path)
        assert after.body == before.body
        assert isinstance(after.data, dict), path.read_text()
        for key, value in fields.items():
            grown = isinstance(value, list) and after.data[key][: len(value)] == value
            assert after.data[key] == value or grown, (key, path.read_text())
        assert kept == notes, path.read_text()
        # Every fix it reports is in the file; every fix it could not make
        # is said, and not offered again.
        fixed = [line for line in out.splitlines() if ": fixed: " in line]
        assert ("record sha256" in "".join(fixed)) == ("sha256" in after.data)
        assert ("fill id" in "".join(fixed)) == (
            "id" in after.data and "id" not in fields
        )
        assert ("Daria" in "".join(fixed)) == (
            "Daria" in after.data.get("pseudonyms", [])
        )
        assert " [*] " not in out
        again = path.read_bytes()
        run_in_process(corpus, "--no-cache", "--fix", "--unsafe-fixes")
        assert path.read_bytes() == again


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_amend_and_renumber_keep_the_headers_comments_and_style(data):
    old_body = "The ferry ran again on Friday.\n"
    header, fields = data.draw(
        header_in_some_style(SEED, sha256=sha256_of(old_body), with_id=True)
    )
    late = "005_5555555555555555"
    late_header = header.replace(SEED, late).replace(
        sha256_of(old_body), sha256_of(old_body.upper())
    )
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        path = seed_file(corpus, SEED, header, old_body)
        assert run_in_process(corpus, "index")[0] == 0
        git(corpus, "init", "-q", "-b", "main")
        commit_all(corpus)
        path.write_bytes(path.read_bytes().replace(b"Friday", b"Saturday"))
        before, notes = read_back(path)
        code, out, err = run_in_process(corpus, "amend", SEED, "--reason=a wrong day")
        assert code == 0, err
        after, kept = read_back(path)
        assert kept == notes, path.read_text()
        assert after.body == before.body
        assert after.data == {
            **fields,
            "sha256": sha256_of(after.body.decode()),
            "revisions": [
                {
                    "date": after.data["revisions"][0]["date"],
                    "replaces": sha256_of(old_body),
                    "reason": "a wrong day",
                }
            ],
        }
        # A seed added after it, not yet committed, moves to the free number.
        moved = seed_file(corpus, late, late_header, old_body.upper())
        before, notes = read_back(moved)
        code, out, err = run_in_process(corpus, "renumber", late)
        assert code == 0, err
        assert out == f"renumbered {late} -> 001_5555555555555555\n"
        after, kept = read_back(corpus / "seeds" / "001_5555555555555555.txt")
        assert kept == notes
        assert after.data == {**before.data, "id": "001_5555555555555555"}
        assert not moved.exists()


def sha256_of(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


# Words as headers hold them, and near misses: reserved words in any case,
# digits first, double and trailing spaces, punctuation YAML reads.
_WORDS = st.one_of(
    st.text(st.sampled_from("abXY09_ "), min_size=1, max_size=12),
    st.sampled_from(
        ["Yes", "NO", "on", "Off", "null", "Null", "y", "N", "true", "~", "-a"]
    ),
    st.text(st.sampled_from("aZ9 :#-'\".,[]{}&*!|>%@`\t"), min_size=1, max_size=6),
)


@settings(max_examples=1000, deadline=None)
@given(
    fields=st.dictionaries(
        _WORDS, st.one_of(_WORDS, st.lists(_WORDS, max_size=3)), min_size=1, max_size=4
    )
)
def test_headers_written_without_the_emitter_are_what_the_emitter_writes(fields):
    """Plain words are written directly, for speed; the text must be the
    emitter's, byte for byte, and read back as the same values."""
    import yaml

    from checks.seed.header import _dump, dump_fields, flow

    written = dump_fields(fields)
    assert written == _dump(fields, flow=False)
    assert yaml.safe_load(written) == fields
    for value in fields.values():
        slow = _dump(value, flow=True).rstrip("\n")
        assert flow(value) == (
            slow[: -len("\n...")] if slow.endswith("\n...") else slow
        )
