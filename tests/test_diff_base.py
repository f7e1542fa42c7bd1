"""The change under review cannot switch the gate off: whatever a pull request
does to the corpus (edit a text and its recorded hashes, move or rename a
seed, turn it or the corpus folder into a link, delete its revisions, accept
the rules that protect the record, change the configuration), `checks
--diff-base` on the base branch reports it and exits 1.

The cases are generated: a committed corpus, then a random mix of changes to
its seeds in the working tree, each as an attacker would make it (the hashes
in the header and in INDEX.md brought in line with the edited text)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import WEIR, commit_all, git, run_in_process, write_seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEEDS = ["000_0123456789abcdef", "001_1111111111111111", "002_2222222222222222"]
TEXTS = [
    WEIR,
    "Snow closed the mountain road above Vell for a second week.\n",
    "The night bus to Orrin now stops at the hospital, the council said.\n",
]
GUARDS = {"PRV007", "PRV008", "PRV009"}


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> Path:
    """A corpus of three seeds, the second amended once, committed on main."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    for seed_id, text in zip(SEEDS, TEXTS):
        write_seed(folder / "seeds", seed_id, text)
    git(folder, "init", "-q", "-b", "main")
    assert run_in_process(folder, "index")[0] == 0
    commit_all(folder, "three seeds")
    amended = folder / "seeds" / f"{SEEDS[1]}.txt"
    amended.write_text(amended.read_text().replace("second", "third"))
    assert run_in_process(folder, "amend", SEEDS[1], "--reason=a week on")[0] == 0
    commit_all(folder, "amended")
    return folder


def body_hash(raw: bytes) -> str:
    return hashlib.sha256(raw.split(b"\n---\n", 1)[1]).hexdigest()


def cover_up(corpus: Path, path: Path, old_hash: str) -> None:
    """Make the header's and INDEX.md's hashes agree with the edited body, as
    a change meant to pass unseen would."""
    new_hash = body_hash(path.read_bytes())
    path.write_text(path.read_text().replace(old_hash, new_hash))
    index = corpus / "seeds" / "INDEX.md"
    index.write_text(index.read_text().replace(old_hash[:12], new_hash[:12]))


def edit(corpus: Path, seed_id: str, path: Path) -> None:
    old = body_hash(path.read_bytes())
    path.write_text(path.read_text().replace(" the ", " a ", 1))
    cover_up(corpus, path, old)


CHANGES = [
    "none",
    "edit",
    "move",
    "move and edit",
    "rename",
    "link to an edited copy",
    "delete revisions",
    "rewrite revisions",
    "delete",
]


def apply(corpus: Path, seed_id: str, change: str) -> None:
    seeds = corpus / "seeds"
    path = seeds / f"{seed_id}.txt"
    if change == "edit":
        edit(corpus, seed_id, path)
    elif change.startswith("move"):
        (seeds / "kept").mkdir(exist_ok=True)
        moved = seeds / "kept" / path.name
        path.rename(moved)
        if change == "move and edit":
            edit(corpus, seed_id, moved)
    elif change == "rename":
        path.rename(seeds / f"{seed_id[:4]}{'f' * 16}.txt")
    elif change == "link to an edited copy":
        copy = seeds / f".{seed_id}.md"
        shutil.copy(path, copy)
        edit(corpus, seed_id, copy)
        path.unlink()
        os.symlink(copy.name, path)
    elif "revisions" in change:
        text = path.read_text()
        if "revisions:" not in text:
            return  # nothing to delete: no change
        if change == "delete revisions":
            text = re.sub(r"revisions:\n(?:- .*\n(?:  .*\n)*)+", "", text)
        else:
            text = text.replace("a week on", "a typo")
        path.write_text(text)
    elif change == "delete":
        path.unlink()


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=st.lists(st.sampled_from(CHANGES), min_size=3, max_size=3))
def test_every_change_that_alters_the_record_is_reported(committed, changes):
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        shutil.copytree(committed, corpus, symlinks=True)
        altered = set()
        for seed_id, change in zip(SEEDS, changes):
            before = (corpus / "seeds" / f"{seed_id}.txt").read_bytes()
            apply(corpus, seed_id, change)
            after = corpus / "seeds" / f"{seed_id}.txt"
            if change != "none" and not (
                after.is_file() and after.read_bytes() == before
            ):
                altered.add(seed_id)
        code, out, err = run_in_process(
            corpus, "--no-cache", "--format", "json", "--diff-base", "main"
        )
    assert code in (0, 1), err
    found = json.loads(out)["diagnostics"]
    guarded = {d["code"] for d in found} & GUARDS
    if altered:
        assert code == 1 and guarded, (changes, found)
    else:
        assert not guarded, (changes, found)


def test_a_seed_moved_into_a_folder_with_its_text_edited_is_reported(
    committed, tmp_path
):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    apply(corpus, SEEDS[0], "move and edit")
    code, out, _ = run_in_process(corpus, "--format", "json", "--diff-base", "main")
    found = [(d["code"], d["message"]) for d in json.loads(out)["diagnostics"]]
    assert code == 1
    assert (
        "PRV008",
        f"{SEEDS[0]} was moved to kept/{SEEDS[0]}.txt since main: seeds are never "
        f"removed or renamed; withdraw one with `checks retract {SEEDS[0]} --reason ...`",
    ) in found
    assert (
        "PRV007",
        "the body changed since main and no revision records the change "
        "(`checks amend` records one)",
    ) in found


def test_a_corpus_folder_turned_into_a_link_stops_the_comparison_and_says_so(
    committed, tmp_path
):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    (corpus / "seeds").rename(corpus / "elsewhere")
    os.symlink("elsewhere", corpus / "seeds")
    code, out, _ = run_in_process(corpus, "--diff-base", "main")
    assert code == 1
    assert out.startswith(
        "seeds/INDEX.md:1:1: PRV009 the corpus folder is a symbolic link to 'elsewhere' "
        "where main has a folder: --diff-base compared nothing (every seed was checked)\n"
    ), out


def test_revisions_deleted_from_an_unchanged_text_are_reported(committed, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    apply(corpus, SEEDS[1], "delete revisions")
    code, out, _ = run_in_process(corpus, "--format", "json", "--diff-base", "main")
    assert code == 1
    assert [(d["code"], d["message"]) for d in json.loads(out)["diagnostics"]] == [
        (
            "PRV007",
            "the body is unchanged since main and its 1 recorded revision(s) were deleted",
        )
    ]


@pytest.mark.parametrize("code", ["PRV001", "PRV005", "PRV007", "PRV008", "PRV009"])
def test_a_seed_cannot_accept_a_rule_that_protects_the_record(
    committed, tmp_path, code
):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    path = corpus / "seeds" / f"{SEEDS[0]}.txt"
    text = path.read_text().replace(" the ", " a ", 1)
    path.write_text(
        text.replace("sha256:", f"accept:\n- code: {code}\n  reason: tidied\nsha256:")
    )
    code_, out, _ = run_in_process(corpus, "--format", "json", "--diff-base", "main")
    found = {d["code"]: d["message"] for d in json.loads(out)["diagnostics"]}
    assert code_ == 1
    assert found["HDR017"] == (
        f"accept entry for {code}: that rule protects the record, and no seed can "
        "accept it (record a change with `checks amend`)"
    )
    assert {"PRV001", "PRV007"} <= set(found)  # and the edit is still reported


CONFIG_CHANGES = {
    "ignore": 'ignore = ["PRV"]\n',
    "select": 'select = ["HDR"]\n',
    "severity": '[tool.checks.severity]\nPRV007 = "info"\nPRV001 = "info"\n',
    "corpus": 'corpus = "elsewhere"\n',
}


@pytest.mark.parametrize("change", sorted(CONFIG_CHANGES))
def test_a_configuration_changed_in_the_pull_request_does_not_judge_it(
    committed, tmp_path, change
):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    (corpus / "elsewhere").mkdir()
    apply(corpus, SEEDS[0], "edit")
    text = '[tool.checks]\ncorpus = "seeds"\n'
    if change == "corpus":
        text = '[tool.checks]\ncorpus = "elsewhere"\n'
    else:
        text += CONFIG_CHANGES[change]
    (corpus / "pyproject.toml").write_text(text)
    code, out, _ = run_in_process(corpus, "--format", "json", "--diff-base", "main")
    found = {d["code"]: d for d in json.loads(out)["diagnostics"]}
    assert code == 1
    key = "corpus" if change == "corpus" else change
    assert found["PRV010"]["message"] == (
        f"[tool.checks] {key} changed since main: this run is judged by main's, "
        "and the change applies once it is merged"
    )
    assert (found["PRV010"]["path"], found["PRV010"]["line"]) == ("pyproject.toml", 1)
    assert found["PRV007"]["severity"] == "error"
    # Without --diff-base, the working tree's configuration is the one in force.
    assert run_in_process(corpus, "--format", "json")[0] in (0, 1)


def test_a_baseline_added_in_the_pull_request_drops_nothing(committed, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    path = corpus / "seeds" / f"{SEEDS[0]}.txt"
    path.write_text(path.read_text().replace(" the ", " a ", 1))  # PRV001
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nbaseline = "checks-baseline.json"\n'
    )
    run_in_process(corpus, "baseline")  # records the edit's findings
    assert run_in_process(corpus, "--format", "json")[0] == 0  # as the PR would have it
    code, out, _ = run_in_process(corpus, "--format", "json", "--diff-base", "main")
    found = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert code == 1 and {"PRV001", "PRV010"} <= found


def test_two_seeds_with_one_id_in_two_folders_name_each_other(corpus):
    write_seed(corpus / "seeds", SEEDS[0])
    write_seed(corpus / "seeds" / "kept", SEEDS[0], WEIR)
    run_in_process(corpus, "index")
    code, out, _ = run_in_process(corpus, "--format", "json", "--select", "PRV005")
    assert code == 1
    assert [(d["path"], d["message"]) for d in json.loads(out)["diagnostics"]] == [
        (
            f"seeds/kept/{SEEDS[0]}.txt",
            f"id part 0123456789abcdef is also held by seeds/{SEEDS[0]}.txt: "
            "a new seed takes a fresh id",
        )
    ]


def test_an_index_replaced_by_a_link_to_an_edited_copy_is_reported(committed, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(committed, corpus, symlinks=True)
    index = corpus / "seeds" / "INDEX.md"
    copy = corpus / "seeds" / ".index-copy.md"
    copy.write_text(index.read_text())
    index.unlink()
    os.symlink(copy.name, index)
    code, out, _ = run_in_process(corpus, "--format", "json", "--diff-base", "main")
    found = [(d["code"], d["message"]) for d in json.loads(out)["diagnostics"]]
    assert code == 1
    assert (
        "PRV009",
        "INDEX.md is a symbolic link to '.index-copy.md' since main: INDEX.md is a "
        "file, whose text a review can see",
    ) in found
