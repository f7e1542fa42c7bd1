"""seeds/INDEX.md as a maintainer meets it: written by `checks index`, kept in
step with the headers, never allowed to forget a recorded hash."""

import hashlib
import os

from conftest import BODY, run_checks, write_seed

A = "000_0123456789abcdef"
B = "001_1111111111111111"
SNOW = (
    "Snow closed the mountain road above Vell for a second week.\n"
    "Mira (not her real name) drives the plough.\n"
)


def index_text(corpus) -> str:
    return (corpus / "seeds" / "INDEX.md").read_text(encoding="utf-8")


def row_of(corpus, seed_id) -> str:
    return next(
        line for line in index_text(corpus).splitlines() if f"{seed_id}" in line
    )


def two_seeds(corpus):
    write_seed(corpus / "seeds", A, title="Ferry runs again", cites="[Island Council]")
    write_seed(corpus / "seeds", B, SNOW, pseudonyms="[Mira]")
    run = run_checks("index", cwd=corpus)
    assert run.code == 0, run


def test_index_writes_a_row_per_seed_and_a_second_run_changes_nothing(corpus):
    two_seeds(corpus)
    text = index_text(corpus)
    digest = hashlib.sha256(BODY.encode()).hexdigest()[:12]
    assert (
        f"| [{A}]({A}.txt) | 2024-03-01 | Ferry runs again | Anholm Courier | Island Council |  | {digest} |"
        in text
    )
    assert f"| [{B}]({B}.txt) |" in text and "| Mira |" in text
    assert text.index(A) < text.index(B)
    again = run_checks("index", cwd=corpus)
    assert again.out == "seeds/INDEX.md is up to date (2 seeds).\n"
    assert index_text(corpus) == text
    assert run_checks(cwd=corpus).code == 0


def test_prose_around_the_table_is_kept(corpus):
    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    start, table_and_end = index_text(corpus).split("<!-- checks:index:start -->")
    stale = table_and_end.replace(" | Ferry runs again |", " | Old title |")
    path.write_text(
        "# Our corpus\n\nAsk Lin before adding sports.\n\n<!-- checks:index:start -->"
        + stale
        + "\nKept after the table too.\n"
    )
    assert run_checks(cwd=corpus).code == 1
    run_checks("index", cwd=corpus)
    text = index_text(corpus)
    assert text.startswith("# Our corpus\n\nAsk Lin before adding sports.\n\n")
    assert text.endswith("<!-- checks:index:end -->\n\nKept after the table too.\n")
    assert "Old title" not in text and "Ferry runs again" in text


def test_a_deleted_row_is_reported_and_checks_index_restores_it(corpus):
    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    path.write_text(index_text(corpus).replace(row_of(corpus, B) + "\n", ""))
    run = run_checks("--format", "json", cwd=corpus)
    assert run.code == 1
    [diagnostic] = run.json["diagnostics"]
    assert (diagnostic["code"], diagnostic["path"]) == ("IDX003", "seeds/INDEX.md")
    assert diagnostic["message"] == f"seed {B} has no row in INDEX.md"
    assert run_checks("index", cwd=corpus).code == 0
    assert run_checks(cwd=corpus).code == 0


def test_a_row_that_disagrees_names_the_field_and_both_values(corpus):
    two_seeds(corpus)
    seed = corpus / "seeds" / f"{A}.txt"
    seed.write_text(seed.read_text().replace("Ferry runs again", "Ferry back"))
    run = run_checks("--format", "json", cwd=corpus)
    [diagnostic] = run.json["diagnostics"]
    assert diagnostic["code"] == "IDX006" and diagnostic["fixable"]
    assert (
        diagnostic["message"]
        == f"title is 'Ferry runs again' in the row but 'Ferry back' in {A}'s header"
    )
    line = index_text(corpus).splitlines()[diagnostic["line"] - 1]
    assert line[diagnostic["column"] - 1 : diagnostic["end_column"] - 1] == (
        "Ferry runs again"
    )
    fixed = run_checks("--fix", cwd=corpus)
    assert fixed.code == 0, fixed
    assert "seeds/INDEX.md: fixed: rewrite INDEX.md's table (2 seeds)" in fixed.out
    assert "| Ferry back |" in row_of(corpus, A)


def test_a_recorded_hash_is_never_overwritten(corpus):
    two_seeds(corpus)
    recorded = row_of(corpus, A)
    seed = corpus / "seeds" / f"{A}.txt"
    seed.write_text(seed.read_text().replace("nine days", "ten days"))
    run = run_checks("--format", "json", cwd=corpus)
    assert run.codes() == ["PRV001"]
    # The header's hash is then removed, as if to cover the edit: --fix must not
    # record the edited body's hash, and neither index nor --fix touches the row.
    lines = seed.read_text().splitlines(keepends=True)
    seed.write_text("".join(line for line in lines if not line.startswith("sha256:")))
    assert run_checks("index", cwd=corpus).code == 1
    fixed = run_checks("--fix", "--format", "json", cwd=corpus)
    assert fixed.code == 1
    assert "sha256" not in seed.read_text()
    codes = fixed.codes()
    assert "HDR008" in codes and "IDX006" in codes
    message = next(
        d["message"] for d in fixed.json["diagnostics"] if d["code"] == "HDR008"
    )
    assert "not filled by --fix because INDEX.md records the hash" in message
    assert row_of(corpus, A) == recorded


def test_missing_markers_are_appended_after_the_prose(corpus):
    write_seed(corpus / "seeds", A)
    path = corpus / "seeds" / "INDEX.md"
    path.write_text("# Notes\n\nA hand-written list we used to keep.\n")
    run = run_checks("--format", "json", cwd=corpus)
    assert [(d["code"], d["fixable"]) for d in run.json["diagnostics"]] == [
        ("IDX002", True)
    ]
    assert run_checks("--fix", cwd=corpus).code == 0
    text = index_text(corpus)
    assert text.startswith("# Notes\n\nA hand-written list we used to keep.\n\n")
    assert f"[{A}]({A}.txt)" in text


def test_a_damaged_table_is_reported_where_it_breaks_and_never_rewritten(corpus):
    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    damaged = index_text(corpus).replace(" | 2024-03-01 | Ferry runs again |", " |")
    path.write_text(damaged)
    row_line = damaged.splitlines().index(row_of(corpus, A)) + 1
    for args in ([], ["--fix"], ["index"]):
        run = run_checks(*args, "--format", "json", cwd=corpus)
        assert run.code == 1, (args, run)
        idx002 = [d for d in run.json["diagnostics"] if d["code"] == "IDX002"]
        assert [(d["line"], d["fixable"]) for d in idx002] == [(row_line, False)]
        assert "a row has 5 cells; the table has 7 columns" in idx002[0]["message"]
        assert path.read_text() == damaged


def test_markers_twice_or_bytes_not_utf8_are_never_rewritten(corpus):
    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    twice = index_text(corpus) + "\nOld copy:\n<!-- checks:index:start -->\n"
    not_utf8 = index_text(corpus).encode() + b"Notes from Z\xfcrich\n"
    for damaged in (twice.encode(), not_utf8):
        path.write_bytes(damaged)
        for args in ([], ["--fix"], ["index"]):
            run = run_checks(*args, "--format", "json", cwd=corpus)
            assert run.code == 1, (args, run)
            assert [(d["code"], d["fixable"]) for d in run.json["diagnostics"]] == [
                ("IDX002", False)
            ]
            assert path.read_bytes() == damaged


def test_a_link_outside_the_corpus_is_reported_and_fixed(corpus):
    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    path.write_text(index_text(corpus).replace(f"({A}.txt)", f"(../../etc/{A}.txt)"))
    run = run_checks("--format", "json", cwd=corpus)
    [diagnostic] = run.json["diagnostics"]
    assert diagnostic["code"] == "IDX004"
    assert f"links to '../../etc/{A}.txt'" in diagnostic["message"]
    assert run_checks("--fix", cwd=corpus).code == 0
    assert f"[{A}]({A}.txt)" in index_text(corpus)


def test_a_row_without_its_seed_is_kept_until_the_seed_is_retracted(corpus):
    two_seeds(corpus)
    (corpus / "seeds" / f"{B}.txt").unlink()
    run = run_checks("--fix", "--format", "json", cwd=corpus)
    assert [(d["code"], d["fixable"]) for d in run.json["diagnostics"]] == [
        ("IDX004", False)
    ]
    assert f"[{B}]({B}.txt)" in index_text(corpus)
    assert run_checks("index", cwd=corpus).code == 1  # still reported, still kept
    assert f"[{B}]({B}.txt)" in index_text(corpus)


def test_kept_rows_and_tombstones_survive_a_rewrite_unchanged(corpus):
    two_seeds(corpus)
    (corpus / "seeds" / f"{B}.txt").unlink()
    kept = row_of(corpus, B)
    c = "002_2222222222222222"
    write_seed(corpus / "seeds", c, SNOW.replace("second", "third"))
    assert run_checks("retract", c, "--reason", "a copy", cwd=corpus).code == 0
    tombstone = row_of(corpus, c)
    write_seed(corpus / "seeds", "003_3333333333333333", "Rain in Vell.\n")
    run_checks("index", cwd=corpus)  # rewrites the table for the new seed
    assert row_of(corpus, B) == kept and row_of(corpus, c) == tombstone
    assert "IDX002" not in run_checks("--format", "json", cwd=corpus).codes()


def test_cells_with_pipes_and_backslashes_round_trip(corpus):
    write_seed(corpus / "seeds", A, title="'Ferry | bakery \\ council'")
    assert run_checks("index", cwd=corpus).code == 0
    assert "| Ferry \\| bakery \\\\ council |" in row_of(corpus, A)
    assert run_checks(cwd=corpus).code == 0


def test_a_value_with_runs_of_spaces_agrees_with_its_one_line_cell(corpus):
    # A cell holds a value on one line, each run of white space one space; the
    # row agrees with the header it was written from, and --fix has nothing to do.
    write_seed(
        corpus / "seeds",
        A,
        title="'Ferry  runs   again'",
        cites="['Island   Council']",
    )
    assert run_checks("index", cwd=corpus).code == 0
    assert "| Ferry runs again | Anholm Courier | Island Council |" in row_of(corpus, A)
    assert run_checks(cwd=corpus).code == 0
    table = index_text(corpus)
    fixed = run_checks("--fix", cwd=corpus)
    assert fixed.code == 0 and "fixed" not in fixed.out.lower(), fixed
    assert index_text(corpus) == table


def test_a_row_after_a_lone_carriage_return_is_placed_at_its_line(corpus):
    # A lone CR ends a line for an editor: every later row is a line further,
    # in a finding's place and in a message that names a row's line.
    import re

    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    b = row_of(corpus, B)
    text = index_text(corpus).replace("| Ferry runs again |", "| Ferry runs\ragain |")
    path.write_bytes(text.replace(b, f"{b}\n{b}").encode())
    run = run_checks("--format", "json", cwd=corpus)
    [again] = [d for d in run.json["diagnostics"] if d["code"] == "IDX005"]
    lines = re.split(r"\r\n|\r|\n", path.read_bytes().decode())
    assert lines[10] == lines[11] == b  # lines 11 and 12, after the CR's line
    assert again["line"] == 12
    assert again["message"] == f"{B} is listed again (first on line 11)"


def test_rows_out_of_order_and_twice(corpus):
    two_seeds(corpus)
    path = corpus / "seeds" / "INDEX.md"
    a, b = row_of(corpus, A), row_of(corpus, B)
    path.write_text(index_text(corpus).replace(f"{a}\n{b}\n", f"{b}\n{a}\n{a}\n"))
    run = run_checks("--format", "json", cwd=corpus)
    assert sorted(run.codes()) == ["IDX005", "IDX007"]
    assert run_checks("--fix", cwd=corpus).code == 0
    assert index_text(corpus).count(A + "]") == 1


def test_index_that_is_not_utf8_gets_a_diagnostic_not_a_crash(corpus):
    write_seed(corpus / "seeds", A)
    (corpus / "seeds" / "INDEX.md").write_bytes(b"# Seeds\n\xff\xfe broken\n")
    run = run_checks("--format", "json", cwd=corpus)
    assert run.code == 1
    [diagnostic] = run.json["diagnostics"]
    assert diagnostic["code"] == "IDX002"
    assert diagnostic["line"] == 2
    assert diagnostic["message"] == "not valid UTF-8 at byte offset 8"


def test_a_plain_row_is_read_as_the_general_reader_reads_it():
    """Most rows are read in one match; any line must give the cells and
    offsets that splitting it at each pipe gives."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checks.seed.index import _cells, split_cells

    cell = st.text(alphabet=" \t\u00a0\u2003\x1fab|\\-[]()~é", max_size=12)

    @settings(
        max_examples=int(os.environ.get("CHECKS_EXAMPLES", "1000")), deadline=None
    )
    @given(st.lists(cell, min_size=5, max_size=9), st.sampled_from(["", " ", "\r"]))
    def agree(cells, edge):
        line = edge + "|" + "|".join(cells) + "|" + edge
        assert _cells(line) == split_cells(line)

    agree()
