"""`checks init`: a folder made a checked corpus in one command, and made
again without a change."""

import subprocess
import sys

import yaml
from conftest import REPO, files_of, git, github_workflow_check, run_checks

SHA = "0123456789abcdef0123456789abcdef01234567"
WHERE = ["--repo", "https://example.org/seed-checks.git", "--rev", SHA]


def init(folder, *args):
    return run_checks("init", str(folder), *args, cwd=folder.parent)


def test_init_makes_an_empty_git_repository_a_checked_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    git(tmp_path, "init", "-q", "-b", "main", str(corpus))
    done = init(corpus, *WHERE)
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "pyproject.toml: [tool.checks] written",
        "seeds/INDEX.md written",
        ".pre-commit-config.yaml written",
        ".github/workflows/checks.yml written",
        ".gitattributes: the merge driver for seeds/INDEX.md written",
        "git: the merge driver set",
    ]
    assert run_checks(cwd=corpus).code == 0
    hooks = yaml.safe_load((corpus / ".pre-commit-config.yaml").read_text())
    [repo] = hooks["repos"]
    assert (repo["repo"], repo["rev"]) == ("https://example.org/seed-checks.git", SHA)
    assert [h["id"] for h in repo["hooks"]] == ["checks", "checks-push"]
    assert set(hooks["default_install_hook_types"]) >= {"pre-commit", "pre-push"}
    workflow = (corpus / ".github" / "workflows" / "checks.yml").read_text()
    assert f"seed-checks @ git+https://example.org/seed-checks.git@{SHA}" in workflow
    assert "--diff-base" in workflow
    assert (
        corpus / ".gitattributes"
    ).read_text() == "seeds/INDEX.md merge=checks-index\n"
    driver = git(corpus, "config", "--get", "merge.checks-index.driver")
    assert driver.strip().endswith("-m checks merge-index %O %A %B %P")


def test_what_init_writes_is_valid_for_pre_commit_and_for_github(tmp_path):
    corpus = tmp_path / "corpus"
    assert init(corpus, *WHERE).code == 0
    valid = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-config",
            ".pre-commit-config.yaml",
        ],
        cwd=corpus,
        capture_output=True,
        text=True,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    workflow = corpus / ".github" / "workflows" / "checks.yml"
    checked = github_workflow_check(workflow)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The hooks it names are hooks this repository offers.
    offered = {
        h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    hooks = yaml.safe_load((corpus / ".pre-commit-config.yaml").read_text())
    assert {h["id"] for h in hooks["repos"][0]["hooks"]} <= offered


def test_init_again_changes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    git(tmp_path, "init", "-q", "-b", "main", str(corpus))
    init(corpus, *WHERE)
    before = files_of(corpus)
    again = init(corpus, *WHERE)
    assert again.code == 0
    assert files_of(corpus) == before
    assert again.out.splitlines() == [
        "pyproject.toml has [tool.checks]",
        "seeds/INDEX.md is there",
        ".pre-commit-config.yaml is up to date",
        ".github/workflows/checks.yml is up to date",
        ".gitattributes names the merge driver",
        "git: the merge driver is set",
    ]


def test_init_leaves_a_file_it_would_write_otherwise_unless_forced(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    mine = "repos: []  # the team's own hooks\n"
    (corpus / ".pre-commit-config.yaml").write_text(mine)
    done = init(corpus, *WHERE)
    assert (
        ".pre-commit-config.yaml left as it is: it is not what checks init writes (--force replaces it)"
        in done.out
    )
    assert (corpus / ".pre-commit-config.yaml").read_text() == mine
    forced = init(corpus, *WHERE, "--force")
    assert ".pre-commit-config.yaml replaced" in forced.out
    assert "checks-push" in (corpus / ".pre-commit-config.yaml").read_text()


def test_init_adds_its_table_to_a_pyproject_and_keeps_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    project = '[project]\nname = "harbour-corpus"\n\n[tool.black]\nline-length = 99'
    (corpus / "pyproject.toml").write_text(project)
    assert (
        "pyproject.toml: [tool.checks] added"
        in init(corpus, *WHERE, "--base", "trunk").out
    )
    text = (corpus / "pyproject.toml").read_text()
    assert text.startswith(project + "\n")
    assert '[tool.checks]\ncorpus = "seeds"\nbase = "trunk"\n' in text
    assert run_checks(cwd=corpus).code == 0
    assert "branches: [trunk]" in (corpus / ".github/workflows/checks.yml").read_text()


def test_outside_git_init_says_the_merge_driver_waits_for_a_repository(tmp_path):
    corpus = tmp_path / "corpus"
    done = init(corpus, *WHERE)
    assert done.code == 0
    assert done.out.splitlines()[-1].startswith(
        "not a git repository: after `git init`"
    )
    assert (corpus / ".gitattributes").is_file()


def test_texts_in_old_form_are_migrated_in_place_and_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "seeds").mkdir(parents=True)
    (corpus / "seeds" / "000_972d40d4eaee384f.txt").write_bytes(
        b" date 2022-12-13 The ferry ran again on Friday, the harbour office said.\n"
    )
    text = b"The ferry ran again on Friday, the harbour office said.\n"
    done = init(corpus, *WHERE)
    assert (
        "seeds/INDEX.md written for 1 text (1 with a header written or mended); "
        "1 finding left: run `checks`"
    ) in done.out
    seed = (corpus / "seeds" / "000_972d40d4eaee384f.txt").read_bytes()
    assert seed.startswith(b"---\nid: 000_972d40d4eaee384f\ndate: '2022-12-13'\n")
    assert seed.endswith(b"\n---\n" + text)  # the text, byte for byte
    assert run_checks(cwd=corpus).code == 0


def test_init_pins_the_checks_it_runs_when_not_told_where_from(tmp_path):
    corpus = tmp_path / "corpus"
    assert init(corpus).code == 0
    head = git(REPO, "rev-parse", "HEAD").strip()
    hooks = yaml.safe_load((corpus / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["rev"] == head
