"""Provenance as the corpus's keepers meet it: on a copy of the bundled corpus
and in real git repositories made for each test."""

import shutil

import pytest
from conftest import (
    BODY,
    REPO,
    WEIR,
    commit_all,
    git,
    git_result,
    run_checks,
    write_seed,
)

FIRST = "000_972d40d4eaee384f"

SNOW = "Snow closed the mountain road above Vell for a second week.\n"


@pytest.fixture
def bundled(corpus):
    """A copy of the bundled corpus, with its INDEX.md."""
    shutil.rmtree(corpus / "seeds")
    shutil.copytree(REPO / "seeds", corpus / "seeds")
    assert run_checks(cwd=corpus).code == 0
    return corpus


def codes(corpus, *args):
    return run_checks("--format", "json", *args, cwd=corpus).codes()


def test_one_changed_character_in_a_body_is_a_hash_mismatch(bundled):
    path = bundled / "seeds" / f"{FIRST}.txt"
    raw = path.read_bytes()
    body_at = raw.index(b"\n---\n") + 5
    path.write_bytes(raw[: body_at + 10] + b"X" + raw[body_at + 11 :])
    run = run_checks("--format", "json", cwd=bundled)
    assert run.code == 1
    [diagnostic] = run.json["diagnostics"]
    assert diagnostic["code"] == "PRV001"
    assert diagnostic["message"].endswith(
        "the header records cb23b36c751c...: the text changed after it was recorded"
    )
    assert not diagnostic["fixable"]


def test_a_second_copy_of_a_seed_is_a_duplicate(bundled):
    original = (bundled / "seeds" / f"{FIRST}.txt").read_text()
    copy = "001_00000000000000aa"
    (bundled / "seeds" / f"{copy}.txt").write_text(original.replace(FIRST, copy))
    run_checks("index", cwd=bundled)
    run = run_checks("--format", "json", cwd=bundled)
    assert run.code == 1
    assert [(d["code"], d["path"], d["message"]) for d in run.json["diagnostics"]] == [
        ("PRV002", f"seeds/{copy}.txt", f"the same body as {FIRST}")
    ]


def test_a_lightly_edited_copy_is_a_near_duplicate(bundled):
    original = (bundled / "seeds" / f"{FIRST}.txt").read_text()
    header, body = original.split("\n---\n", 1)
    edited = body.replace("Sergei", "Sasha", 1).replace(" the ", " a ", 2)
    assert edited != body
    copy = "001_00000000000000bb"
    write_seed(bundled / "seeds", copy, edited)
    run_checks("index", cwd=bundled)
    run = run_checks("--format", "json", "--select", "PRV", cwd=bundled)
    [diagnostic] = run.json["diagnostics"]
    assert diagnostic["code"] == "PRV003"
    assert diagnostic["path"] == f"seeds/{copy}.txt"
    assert diagnostic["message"].startswith(f"nearly the same text as {FIRST}: ")
    share = int(diagnostic["message"].split(": ")[1].split("%")[0])
    assert 80 <= share < 100


def test_near_duplicate_threshold_comes_from_configuration(corpus):
    write_seed(corpus / "seeds", "000_0123456789abcdef", WEIR)
    edited = WEIR.replace("about four months", "about five months")
    write_seed(corpus / "seeds", "001_1111111111111111", edited)
    run_checks("index", cwd=corpus)
    assert codes(corpus) == ["PRV003"]
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nnear-duplicate = 0.99\n'
    )
    assert codes(corpus) == []


def test_different_texts_are_not_near_duplicates(corpus):
    write_seed(corpus / "seeds", "000_0123456789abcdef", WEIR)
    write_seed(corpus / "seeds", "001_1111111111111111", BODY)
    write_seed(corpus / "seeds", "002_2222222222222222", SNOW)
    run_checks("index", cwd=corpus)
    assert codes(corpus) == []


def test_a_reviewed_near_duplicate_is_accepted_and_a_stale_acceptance_reported(corpus):
    a, b = "000_0123456789abcdef", "001_1111111111111111"
    write_seed(corpus / "seeds", a, WEIR)
    edited = WEIR.replace("about four months", "about five months")
    accept = f"\n- code: PRV003\n  text: {a}\n  reason: the board's correction, kept on purpose"
    write_seed(corpus / "seeds", b, edited, accept=accept)
    run_checks("index", cwd=corpus)
    assert codes(corpus) == []
    (corpus / "seeds" / "INDEX.md").unlink()
    write_seed(corpus / "seeds", b, SNOW, accept=accept)
    run_checks("index", cwd=corpus)
    run = run_checks("--format", "json", cwd=corpus)
    assert [(d["code"], d["message"]) for d in run.json["diagnostics"]] == [
        ("HDR015", "accept entry for PRV003 matches no finding")
    ]


def test_numbers_that_skip_or_repeat(corpus):
    write_seed(corpus / "seeds", "000_0123456789abcdef")
    write_seed(corpus / "seeds", "002_2222222222222222", SNOW)
    run_checks("index", cwd=corpus)
    run = run_checks("--format", "json", cwd=corpus)
    assert [(d["code"], d["message"]) for d in run.json["diagnostics"]] == [
        ("PRV004", "number 002 skips 001: seed numbers run on without gaps")
    ]


@pytest.mark.parametrize(
    "url",
    ["file:///srv/archive/a.html", "javascript:alert(1)", "example.org/a", "https://"],
)
def test_a_source_url_must_be_http(corpus, url):
    path = write_seed(corpus / "seeds", "000_0123456789abcdef")
    path.write_text(path.read_text().replace("https://example.org/anholm/ferry", url))
    run_checks("index", cwd=corpus)
    assert codes(corpus) == ["PRV006"]


# History: --diff-base, amend, retract, renumber --------------------------------


def committed_corpus(repo):
    write_seed(repo / "seeds", "000_0123456789abcdef")
    write_seed(repo / "seeds", "001_1111111111111111", SNOW)
    assert run_checks("index", cwd=repo).code == 0
    commit_all(repo, "two seeds")
    return repo / "seeds" / "000_0123456789abcdef.txt"


def test_an_edit_since_the_base_is_reported_until_amended(repo):
    seed = committed_corpus(repo)
    seed.write_text(seed.read_text().replace("nine days", "ten days"))
    run = run_checks("--format", "json", "--diff-base", "main", cwd=repo)
    assert run.codes() == ["PRV007", "PRV001"]
    assert run.json["diagnostics"][0]["message"] == (
        "the body changed since main and no revision records the change "
        "(`checks amend` records one)"
    )
    amended = run_checks(
        "amend", seed.stem, "--reason", "the council corrected the count", cwd=repo
    )
    assert amended.code == 0, amended
    assert run_checks("--diff-base", "main", cwd=repo).code == 0
    assert "replaces: " in seed.read_text()
    assert "reason: the council corrected the count" in seed.read_text()


def test_rewriting_recorded_revisions_is_reported(repo):
    seed = committed_corpus(repo)
    seed.write_text(seed.read_text().replace("nine days", "ten days"))
    run_checks("amend", seed.stem, "--reason", "first fix", cwd=repo)
    commit_all(repo, "amend")
    seed.write_text(seed.read_text().replace("first fix", "another story"))
    seed.write_text(seed.read_text().replace("ten days", "eleven days"))
    run_checks("amend", seed.stem, "--reason", "second fix", cwd=repo)
    run = run_checks("--format", "json", "--diff-base", "main", cwd=repo)
    assert run.codes() == ["PRV007"]
    assert (
        "its 1 recorded revision(s) were rewritten"
        in run.json["diagnostics"][0]["message"]
    )


def test_a_deleted_seed_is_reported_until_retracted(repo):
    committed_corpus(repo)
    gone = repo / "seeds" / "001_1111111111111111.txt"
    gone.unlink()
    run = run_checks("--format", "json", "--diff-base", "main", cwd=repo)
    assert sorted(run.codes()) == ["IDX004", "PRV008"]
    git(repo, "checkout", "--", "seeds/001_1111111111111111.txt")
    retracted = run_checks(
        "retract", "001_1111111111111111", "--reason", "a privacy request", cwd=repo
    )
    assert retracted.code == 0, retracted
    assert not gone.exists()
    assert run_checks("--diff-base", "main", cwd=repo).code == 0
    index = (repo / "seeds" / "INDEX.md").read_text()
    assert "| ~~001_1111111111111111~~ |" in index
    assert ": a privacy request |" in index


def test_a_renamed_seed_is_reported(repo):
    committed_corpus(repo)
    git(repo, "mv", "seeds/001_1111111111111111.txt", "seeds/001_2222222222222222.txt")
    run = run_checks("--format", "json", "--diff-base", "main", cwd=repo)
    messages = [d["message"] for d in run.json["diagnostics"] if d["code"] == "PRV008"]
    assert messages == [
        "001_1111111111111111 was renamed to 001_2222222222222222.txt since main: "
        "seeds are never removed or renamed; withdraw one with "
        "`checks retract 001_1111111111111111 --reason ...`"
    ]


def test_diff_base_checks_only_changed_seeds_with_per_seed_rules(repo):
    write_seed(
        repo / "seeds", "000_0123456789abcdef", BODY.replace("bakery", "bak\u200bery")
    )
    write_seed(repo / "seeds", "001_1111111111111111", SNOW)
    run_checks("index", cwd=repo)
    commit_all(repo)
    assert codes(repo) == ["ENC005"]  # a warning on the whole corpus
    assert codes(repo, "--diff-base", "main") == []  # that seed did not change
    new = write_seed(repo / "seeds", "002_2222222222222222", WEIR, title="'a \u200b'")
    run = run_checks("--format", "json", "--diff-base", "main", cwd=repo)
    assert [(d["code"], d["path"]) for d in run.json["diagnostics"]] == [
        ("ENC005", f"seeds/{new.name}"),
        ("IDX003", "seeds/INDEX.md"),
    ]


def test_diff_base_that_is_not_a_commit_is_a_usage_error(repo):
    committed_corpus(repo)
    run = run_checks("--diff-base", "no-such-branch", cwd=repo)
    assert run.code == 2
    assert (
        run.err
        == "checks: error: --diff-base: 'no-such-branch' is not a commit in this repository\n"
    )


def test_two_branches_adding_the_same_number_collide_and_renumber_resolves_it(repo):
    committed_corpus(repo)
    git(repo, "checkout", "-q", "-b", "other")
    write_seed(repo / "seeds", "002_aaaaaaaaaaaaaaaa", WEIR)
    run_checks("index", cwd=repo)
    commit_all(repo, "weir")
    git(repo, "checkout", "-q", "main")
    write_seed(
        repo / "seeds",
        "002_bbbbbbbbbbbbbbbb",
        "The night bus to Orrin now stops at the hospital.\n",
    )
    run_checks("index", cwd=repo)
    commit_all(repo, "bus")
    git(repo, "checkout", "-q", "other")
    merge = git_result(repo, "merge", "-q", "main")
    assert merge.returncode != 0  # INDEX.md conflicts: both sides added a row
    git(repo, "checkout", "--theirs", "seeds/INDEX.md")
    run_checks("index", cwd=repo)
    run = run_checks("--format", "json", cwd=repo)
    assert [(d["code"], d["path"]) for d in run.json["diagnostics"]] == [
        ("PRV004", "seeds/002_bbbbbbbbbbbbbbbb.txt")
    ]
    refused = run_checks("renumber", "002_bbbbbbbbbbbbbbbb", cwd=repo)
    assert refused.code == 1
    assert "002_bbbbbbbbbbbbbbbb.txt is on main" in refused.err
    moved = run_checks("renumber", "002_aaaaaaaaaaaaaaaa", cwd=repo)
    assert moved.code == 0, moved
    assert moved.out == "renumbered 002_aaaaaaaaaaaaaaaa -> 003_aaaaaaaaaaaaaaaa\n"
    assert run_checks(cwd=repo).code == 0
    assert (
        "id: 003_aaaaaaaaaaaaaaaa\n"
        in (repo / "seeds" / "003_aaaaaaaaaaaaaaaa.txt").read_text()
    )


def test_renumber_leaves_a_seed_that_has_the_next_free_number_already(repo):
    """Its own INDEX.md row is not a number taken: moving it on would leave
    a gap (PRV004)."""
    committed_corpus(repo)
    path = write_seed(repo / "seeds", "002_2222222222222222", WEIR)
    run_checks("index", cwd=repo)
    before = path.read_bytes()
    run = run_checks("renumber", "002_2222222222222222", cwd=repo)
    assert (run.code, run.err) == (
        1,
        "checks renumber: 002_2222222222222222 has the next free number already: "
        "nothing to do\n",
    )
    assert path.read_bytes() == before
    assert run_checks(cwd=repo).code == 0


def test_an_acceptance_on_an_unchanged_seed_still_holds_under_diff_base(repo):
    a, b = "000_0123456789abcdef", "001_1111111111111111"
    edited = WEIR.replace("about four months", "about five months")
    accept = f"\n- code: PRV003\n  text: {a}\n  reason: the board's correction, kept on purpose"
    write_seed(repo / "seeds", b, edited, accept=accept)
    run_checks("index", cwd=repo)
    commit_all(repo, "the correction")
    # The earlier text arrives later, under a lower number: the finding
    # concerns the new seed and lands on the committed one, which accepts it.
    write_seed(repo / "seeds", a, WEIR)
    run_checks("index", cwd=repo)
    assert codes(repo, "--diff-base", "main") == []
    assert (
        codes(
            repo, "--diff-base", "main", "--select", "PRV003,HDR", "--ignore", "HDR015"
        )
        == []
    )
