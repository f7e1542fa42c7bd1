"""Two branches that each add a seed: INDEX.md's table merged by the merge
driver, or mended by `--fix` when git stopped on it, and the numbers set
apart by `checks renumber`, all through real git."""

import sys

import pytest
from conftest import commit_all, git, git_result, run_checks, write_seed

A = "000_1111111111111111"
B = "001_2222222222222222"  # added on main
C = "001_3333333333333333"  # added on the branch, with the same number

FERRY = "The ferry to Anholm ran again on Friday, the harbour office said.\n"
BAKERY = "A bakery opened on Quay Street on Monday, its owner said.\n"


@pytest.fixture
def branches(repo):
    """main and `side`, each with a seed of number 001 added to A, and
    INDEX.md written on each by `checks index`; main checked out."""
    write_seed(repo / "seeds", A)
    assert run_checks("index", cwd=repo).code == 0
    commit_all(repo, "A")
    git(repo, "checkout", "-q", "-b", "side")
    write_seed(repo / "seeds", C, BAKERY)
    assert run_checks("index", cwd=repo).code == 0
    commit_all(repo, "C")
    git(repo, "checkout", "-q", "main")
    write_seed(repo / "seeds", B, FERRY)
    assert run_checks("index", cwd=repo).code == 0
    commit_all(repo, "B")
    return repo


def use_driver(repo):
    (repo / ".gitattributes").write_text("seeds/INDEX.md merge=checks-index\n")
    command = f"'{sys.executable}' -m checks merge-index %O %A %B %P"
    git(repo, "config", "merge.checks-index.driver", command)
    commit_all(repo, "the merge driver")


def merge(repo, *flags):
    """`git merge side` into main: with --no-commit, as when a hook blocks
    the merge commit (PRV004: two seeds hold 001), leaving it to finish."""
    return git_result(repo, "merge", "-q", "--no-edit", *flags, "side")


def rows(repo):
    table = (
        (repo / "seeds" / "INDEX.md")
        .read_text()
        .split("<!-- checks:index:start -->")[1]
    )
    return [line for line in table.splitlines() if line.startswith("| [")]


def test_without_the_driver_git_stops_and_idx002_names_the_merge_conflict(branches):
    assert merge(branches).returncode != 0
    run = run_checks(cwd=branches)
    assert "IDX002 [*] a git merge conflict in the generated table" in run.out
    assert "`checks --fix` (or `checks index`) mends it" in run.out
    fixed = run_checks("--fix", cwd=branches)
    assert "<<<<<<<" not in (branches / "seeds" / "INDEX.md").read_text()
    assert [r.split("]")[0] for r in rows(branches)] == [
        f"| [{A}",
        f"| [{B}",
        f"| [{C}",
    ]
    assert "IDX002" not in fixed.out
    # Both seeds hold 001: the one main lacks moves to the next free number.
    assert "PRV004" in fixed.out and "`checks renumber` moves the seed" in fixed.out
    renumbered = run_checks("renumber", cwd=branches)
    assert renumbered.out == f"renumbered {C} -> 002_3333333333333333\n"
    assert run_checks(cwd=branches).code == 0
    commit_all(branches, "merged")
    assert not (branches / "seeds" / f"{C}.txt").exists()
    assert (branches / "seeds" / "002_3333333333333333.txt").exists()


def test_the_merge_driver_merges_both_rows_and_git_does_not_stop(branches):
    use_driver(branches)
    done = merge(branches, "--no-commit")
    assert done.returncode == 0, done.stdout + done.stderr
    text = (branches / "seeds" / "INDEX.md").read_text()
    assert "<<<<<<<" not in text and "=======" not in text
    assert [r.split("]")[0] for r in rows(branches)] == [
        f"| [{A}",
        f"| [{B}",
        f"| [{C}",
    ]
    # Every hash either side recorded is there.
    for body in (FERRY, BAKERY):
        import hashlib

        assert hashlib.sha256(body.encode()).hexdigest()[:12] in text
    assert run_checks("renumber", C, cwd=branches).code == 0
    assert run_checks("--fix", cwd=branches).code == 0
    assert run_checks(cwd=branches).code == 0


def test_the_driver_leaves_a_conflict_in_the_maintainers_text_to_a_person(branches):
    use_driver(branches)
    for branch, words in (
        ("side", "Kept by the archive."),
        ("main", "Kept by the desk."),
    ):
        git(branches, "checkout", "-q", branch)
        index = branches / "seeds" / "INDEX.md"
        index.write_text(index.read_text().replace("# Seeds", f"# Seeds\n\n{words}"))
        commit_all(branches, words)
    assert merge(branches).returncode != 0
    text = (branches / "seeds" / "INDEX.md").read_text()
    assert "Kept by the archive." in text and "Kept by the desk." in text
    assert "<<<<<<< seeds/INDEX.md (ours)" in text


def test_a_diff3_conflict_keeps_both_sides_rows_and_not_the_bases(branches, tmp_path):
    index = branches / "seeds" / "INDEX.md"
    text = index.read_text()
    row_b = next(r for r in rows(branches) if B in r)
    old_a = next(r for r in rows(branches) if A in r)
    conflicted = text.replace(
        row_b,
        "<<<<<<< ours\n"
        f"{row_b}\n"
        "||||||| base\n"
        f"{old_a.replace('2024-03-01', '2024-02-29')}\n"
        "=======\n"
        f"{row_b.replace(B, C).replace(B + '.txt', C + '.txt')}\n"
        ">>>>>>> theirs",
    )
    index.write_text(conflicted)
    write_seed(branches / "seeds", C, FERRY)
    assert "IDX002" in run_checks(cwd=branches).out
    run_checks("--fix", cwd=branches)
    text = index.read_text()
    assert "2024-02-29" not in text and "|||||||" not in text
    assert [r.split("]")[0] for r in rows(branches)] == [
        f"| [{A}",
        f"| [{B}",
        f"| [{C}",
    ]


def test_renumber_with_no_seed_moves_only_what_the_base_lacks(branches):
    assert run_checks("renumber", cwd=branches).err == (
        "checks renumber: no two seeds share a number: nothing to renumber\n"
    )
    write_seed(branches / "seeds", "000_4444444444444444", BAKERY + "Fresh rolls.\n")
    run_checks("index", cwd=branches)
    commit_all(branches, "two seeds numbered 000 on main")
    refused = run_checks("renumber", cwd=branches)
    assert refused.code == 1
    assert refused.err == (
        f"checks renumber: number 000 is held by seeds that are all on main "
        f"({A}, 000_4444444444444444): a seed there keeps its number\n"
    )
