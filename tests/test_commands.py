"""Adding, amending and retracting seeds with `checks new`, `amend`, `retract`."""

import hashlib
import os
import re
import subprocess
import sys

from conftest import BODY, WEIR, run_checks, write_seed

A = "000_0123456789abcdef"
STORY = (
    "The night bus to Orrin now stops at the hospital gate, the transport office said.\n\n"
    "Nurses had asked for the stop for three winters.\n"
)


def seeds_of(corpus):
    return sorted(p.name for p in (corpus / "seeds").iterdir())


def one_seed_corpus(corpus):
    write_seed(corpus / "seeds", A)
    assert run_checks("index", cwd=corpus).code == 0


def test_new_adds_the_next_seed_with_its_header_hash_and_row(corpus, tmp_path):
    one_seed_corpus(corpus)
    text = tmp_path / "story.txt"
    text.write_bytes(STORY.encode())
    run = run_checks(
        "new",
        text,
        "--date",
        "2024-05-06",
        "--title",
        "Bus stop: at last",
        "--source-name",
        "Orrin Post",
        "--url",
        "https://example.org/orrin/bus",
        "--retrieved",
        "2024-05-07",
        "--cite",
        "transport office",
        cwd=corpus,
    )
    assert run.code == 0, run
    [added] = re.findall(r"^added seeds/(001_[0-9a-f]{16})\.txt$", run.out, re.M)
    raw = (corpus / "seeds" / f"{added}.txt").read_bytes()
    assert raw.endswith(b"\n---\n" + STORY.encode())
    assert raw.startswith(
        f"---\nid: {added}\ndate: '2024-05-06'\ntitle: 'Bus stop: at last'\n".encode()
    )
    assert f"sha256: {hashlib.sha256(STORY.encode()).hexdigest()}\n".encode() in raw
    assert "cites:\n- transport office\n" in raw.decode()
    index = (corpus / "seeds" / "INDEX.md").read_text()
    assert (
        f"| [{added}]({added}.txt) | 2024-05-06 | Bus stop: at last | Orrin Post | transport office |"
        in index
    )
    assert run_checks(cwd=corpus).code == 0


def test_new_reads_standard_input_and_keeps_the_bytes(corpus):
    one_seed_corpus(corpus)
    data = "Caf\u00e9 owners met on Sunday.\r\nNo decision was taken.".encode()
    run = subprocess.run(
        [sys.executable, "-m", "checks", "new", "-", "--date", "2024-05-06"],
        cwd=corpus,
        input=data,
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr
    [added] = [n for n in seeds_of(corpus) if n.startswith("001_")]
    assert (corpus / "seeds" / added).read_bytes().endswith(b"\n---\n" + data)


def test_new_refuses_a_duplicate_and_writes_nothing(corpus, tmp_path):
    write_seed(corpus / "seeds", A, WEIR)
    assert run_checks("index", cwd=corpus).code == 0
    before = {n: (corpus / "seeds" / n).read_bytes() for n in seeds_of(corpus)}
    text = tmp_path / "copy.txt"
    for body in (WEIR, WEIR.replace("about four months", "about five months")):
        text.write_text(body)
        run = run_checks(
            "new",
            text,
            "--date",
            "2024-05-06",
            "--source-name",
            "X",
            "--url",
            "https://example.org/x",
            cwd=corpus,
        )
        assert run.code == 1
        assert re.search(
            rf"PRV00[23] (the same body as|nearly the same text as) {A}", run.out
        )
        assert "checks new: not added: 1 error(s) in the new seed" in run.err
        assert {
            n: (corpus / "seeds" / n).read_bytes() for n in seeds_of(corpus)
        } == before


def test_new_refuses_a_text_with_an_error(corpus, tmp_path):
    one_seed_corpus(corpus)
    text = tmp_path / "story.txt"
    text.write_text(STORY.replace("bus", "b\u202eus"))
    run = run_checks("new", text, "--date", "2024-02-30", cwd=corpus)
    assert run.code == 1
    assert "HDR011" in run.out and "ENC004" in run.out
    assert seeds_of(corpus) == ["000_0123456789abcdef.txt", "INDEX.md"]


def test_amend_refuses_an_unchanged_text_and_records_a_changed_one(corpus):
    one_seed_corpus(corpus)
    path = corpus / "seeds" / f"{A}.txt"
    refused = run_checks("amend", A, "--reason", "typo", cwd=corpus)
    assert refused.code == 1
    assert "body still has its recorded sha256: nothing to amend" in refused.err
    old = hashlib.sha256(BODY.encode()).hexdigest()
    path.write_text(path.read_text().replace("nine days", "ten days"))
    body = path.read_bytes().split(b"\n---\n", 1)[1]
    run = run_checks(
        "amend", f"seeds/{A}.txt", "--reason", "the  council\ncorrected it", cwd=corpus
    )
    assert run.code == 0, run
    text = path.read_text()
    new = hashlib.sha256(body).hexdigest()
    assert f"sha256: {new}\nrevisions:\n- date: '" in text
    assert f"  replaces: {old}\n  reason: the council corrected it\n---\n" in text
    assert path.read_bytes().endswith(b"\n---\n" + body)
    assert f"| {new[:12]} |" in (corpus / "seeds" / "INDEX.md").read_text()
    assert run_checks(cwd=corpus).code == 0


def test_retract_leaves_a_tombstone_and_its_number_is_not_reused(corpus, tmp_path):
    one_seed_corpus(corpus)
    text = tmp_path / "story.txt"
    text.write_text(STORY)
    assert run_checks("new", text, "--date", "2024-05-06", cwd=corpus).code == 0
    [second] = [n[:-4] for n in seeds_of(corpus) if n.startswith("001_")]
    run = run_checks(
        "retract", second, "--reason", "withdrawn at the writer's request", cwd=corpus
    )
    assert run.code == 0, run
    assert not (corpus / "seeds" / f"{second}.txt").exists()
    index = (corpus / "seeds" / "INDEX.md").read_text()
    today = re.search(
        rf"~~{second}~~ \| 2024-05-06 \| retracted (\d{{4}}-\d\d-\d\d): withdrawn",
        index,
    )
    assert today
    assert hashlib.sha256(STORY.encode()).hexdigest()[:12] in index
    assert run_checks(cwd=corpus).code == 0
    again = run_checks("retract", second, "--reason", "twice", cwd=corpus)
    assert again.code == 1 and "was retracted already" in again.err
    text.write_text("A third and different text about the harbour lights.\n")
    assert run_checks("new", text, "--date", "2024-05-08", cwd=corpus).code == 0
    assert [n for n in seeds_of(corpus) if n.startswith("002_")]


def test_commands_write_nothing_when_the_index_is_damaged(corpus, tmp_path):
    one_seed_corpus(corpus)
    index = corpus / "seeds" / "INDEX.md"
    index.write_text(index.read_text().replace(" | 2024-03-01 |", " |"))
    before = index.read_bytes()
    text = tmp_path / "story.txt"
    text.write_text(STORY)
    for args in (
        ["new", text, "--date", "2024-05-06"],
        ["retract", A, "--reason", "x"],
    ):
        run = run_checks(*args, cwd=corpus)
        assert run.code == 1
        assert "mend it by hand first" in run.err
    assert index.read_bytes() == before
    assert seeds_of(corpus) == [f"{A}.txt", "INDEX.md"]


def test_new_files_get_the_usual_permissions(corpus, tmp_path):
    one_seed_corpus(corpus)
    text = tmp_path / "story.txt"
    text.write_text(STORY)
    run_checks("new", text, "--date", "2024-05-06", cwd=corpus)
    [added] = [n for n in seeds_of(corpus) if n.startswith("001_")]
    umask = os.umask(0)
    os.umask(umask)
    assert (corpus / "seeds" / added).stat().st_mode & 0o777 == 0o666 & ~umask


def apply(diff: str, folder, tmp_path) -> None:
    patch = tmp_path / "change.diff"
    patch.write_text(diff)
    done = subprocess.run(
        ["git", "apply", str(patch)], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def twin_corpora(tmp_path, make):
    """Two copies of the corpus `make` builds in a folder: one for the
    command, one for its --diff."""
    from conftest import new_corpus

    folders = []
    for name in ("done", "dry"):
        folder = tmp_path / name
        folder.mkdir(parents=True)
        new_corpus(folder)
        make(folder)
        folders.append(folder)
    return folders


def worked(folder) -> dict:
    """The files of the corpus, without git's own (its index keeps times)."""
    from conftest import files_of

    return {k: v for k, v in files_of(folder).items() if not k.startswith(".git/")}


def test_each_command_with_diff_writes_nothing_and_shows_what_it_would(tmp_path):
    """The diff of `--diff`, applied with `git apply`, gives the very files
    the command writes: a table written, a text amended, a seed retracted
    (its file removed), a seed moved to the next free number."""
    from conftest import files_of, git

    def index_less(folder):
        write_seed(folder / "seeds", A)

    def edited(folder):
        one_seed_corpus(folder)
        seed = folder / "seeds" / f"{A}.txt"
        seed.write_bytes(seed.read_bytes() + b"The ferry ran late.\n")

    def two_of_one_number(folder):
        one_seed_corpus(folder)
        git(folder, "init", "-q", "-b", "main")
        git(folder, "add", "-A")
        git(
            folder,
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "main",
        )
        write_seed(folder / "seeds", "000_1111111111111111", STORY)
        run_checks("index", cwd=folder)

    cases = [
        (index_less, ["index"]),
        (edited, ["amend", A, "--reason", "a misspelt river"]),
        (one_seed_corpus, ["retract", A, "--reason", "withdrawn by the outlet"]),
        (two_of_one_number, ["renumber", "000_1111111111111111"]),
    ]
    for n, (make, command) in enumerate(cases):
        done, dry = twin_corpora(tmp_path / str(n), make)
        before = files_of(dry)
        shown = run_checks(*command, "--diff", cwd=dry)
        assert shown.code == 0, (command, shown.err)
        assert files_of(dry) == before, command
        assert shown.out.startswith("--- "), command
        assert run_checks(*command, cwd=done).code == 0
        apply(shown.out, dry, tmp_path / str(n))
        assert worked(dry) == worked(done), command


def test_new_with_diff_shows_the_seed_and_its_row(corpus, tmp_path):
    from conftest import files_of

    one_seed_corpus(corpus)
    text = tmp_path / "story.txt"
    text.write_bytes(STORY.encode())
    before = files_of(corpus)
    shown = run_checks("new", text, "--date", "2024-05-06", "--diff", cwd=corpus)
    assert shown.code == 0, shown.err
    assert files_of(corpus) == before
    assert shown.err.startswith("added seeds/001_")
    assert "--- /dev/null\n+++ b/seeds/001_" in shown.out
    assert "+++ b/seeds/INDEX.md\n" in shown.out
    apply(shown.out, corpus, tmp_path)
    assert run_checks(cwd=corpus).code == 0
    assert len(seeds_of(corpus)) == 3
