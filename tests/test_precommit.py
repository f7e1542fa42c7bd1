"""The pre-commit hooks, run by the real `pre-commit` in real git
repositories: a good seed is committed, a bad one is blocked with its file,
line and code."""

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import BODY, REPO, WEIR, commit_all, git, run_checks, write_seed

IDENTITY = {
    "GIT_AUTHOR_NAME": "Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
}


@pytest.fixture(scope="session")
def shared(tmp_path_factory, worker_id) -> Path:
    """A folder that every pytest-xdist worker of this run sees."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@contextmanager
def made_once(path: Path):
    """Yield True to the one worker that is to make `path`, False to the
    others once it is made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield not path.exists()


@pytest.fixture(scope="session")
def pre_commit_home(shared) -> Path:
    """One pre-commit store for the run, shared by the workers: pre-commit
    locks it while it installs, so each hook environment installs once."""
    return shared / "pre-commit-home"


@pytest.fixture(scope="session")
def hooks_repo(shared) -> tuple[Path, str]:
    """This repository's working tree as a git repository of its own, so that
    the hooks tested are the ones in the tree, committed or not."""
    snapshot = shared / "hooks" / "seed-checks"
    with made_once(snapshot) as make:
        if make:
            copy_tree(snapshot.with_name("making"))
            snapshot.with_name("making").rename(snapshot)
    return snapshot, git(snapshot, "rev-parse", "HEAD").strip()


def copy_tree(snapshot: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / name.decode()
        if source.is_symlink() or source.is_file():
            target = snapshot / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            else:
                shutil.copy2(source, target)
    git(snapshot, "init", "-q", "-b", "main")
    commit_all(snapshot, "snapshot")


def in_repository(cwd: Path, home: Path, *command: str) -> subprocess.CompletedProcess:
    """`command` run as a contributor runs it: pre-commit's store at `home`,
    an identity for git, and this Python's scripts (`checks`) on the PATH."""
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), **IDENTITY)
    env["PATH"] = os.pathsep.join(
        [str(Path(sys.executable).parent), env.get("PATH", "")]
    )
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, timeout=900
    )


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return in_repository(cwd, home, sys.executable, "-m", "pre_commit", *args)


def commit(cwd: Path, home: Path, message: str) -> subprocess.CompletedProcess:
    return in_repository(cwd, home, "git", "commit", "-m", message)


@pytest.fixture
def corpus_repo(repo, hooks_repo, pre_commit_home) -> Path:
    """A corpus repository with one good seed committed and the `checks` hook
    installed from this repository."""
    path, sha = hooks_repo
    config = {"repos": [{"repo": str(path), "rev": sha, "hooks": [{"id": "checks"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    write_seed(repo / "seeds", "000_0123456789abcdef", WEIR)
    assert run_checks("index", cwd=repo).code == 0
    commit_all(repo, "a first seed")
    installed = pre_commit(repo, pre_commit_home, "install")
    assert installed.returncode == 0, installed.stderr
    return repo


def add_seed(repo: Path, seed_id: str, body: str, **fields) -> Path:
    path = write_seed(repo / "seeds", seed_id, body, **fields)
    run_checks("index", cwd=repo)
    git(repo, "add", "-A")
    return path


def test_this_repositorys_own_hooks_pass_on_its_seeds(hooks_repo, shared):
    # First in the file, with a store of its own: pytest-xdist hands the next
    # test to the other worker, and the two environments install side by side.
    path, _ = hooks_repo
    run = pre_commit(path, shared / "pre-commit-home-local", "run", "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "checks (every rule)" in run.stdout


def test_a_good_seed_is_committed(corpus_repo, pre_commit_home):
    add_seed(corpus_repo, "001_1111111111111111", BODY)
    done = commit(corpus_repo, pre_commit_home, "a good seed")
    assert done.returncode == 0, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert "checks (every rule)" in output and "Passed" in output


@pytest.mark.parametrize(
    "case, expected",
    [
        ("broken header", "seeds/001_1111111111111111.txt:9:8: HDR004"),
        ("no INDEX.md row", "seeds/INDEX.md:10:1: IDX003"),
        ("undeclared pseudonym", "seeds/001_1111111111111111.txt:10:1: PSN001"),
        ("unattributed quote", "seeds/001_1111111111111111.txt:12:1: CLM001"),
    ],
)
def test_a_bad_seed_is_blocked_naming_file_line_and_code(
    corpus_repo, pre_commit_home, case, expected
):
    seed = "001_1111111111111111"
    if case == "broken header":
        add_seed(corpus_repo, seed, BODY, title="[unclosed")
    elif case == "no INDEX.md row":
        write_seed(corpus_repo / "seeds", seed, BODY)
        git(corpus_repo, "add", "-A")
    elif case == "undeclared pseudonym":
        add_seed(
            corpus_repo, seed, "Daria (not her real name) sells mussels at the quay.\n"
        )
    else:
        add_seed(
            corpus_repo,
            seed,
            'The quay flooded.\n\n"Nobody warned the stallholders about the tide that night."\n',
        )
    blocked = commit(corpus_repo, pre_commit_home, case)
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert expected in output, output
    assert git(corpus_repo, "log", "-1", "--format=%s") == "a first seed\n"


def test_the_fix_hook_leaves_fixed_files_to_stage_and_never_a_body(
    repo, hooks_repo, pre_commit_home
):
    path, sha = hooks_repo
    config = {
        "repos": [{"repo": str(path), "rev": sha, "hooks": [{"id": "checks-fix"}]}]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    seed = write_seed(repo / "seeds", "000_0123456789abcdef", BODY, sha256=None)
    git(repo, "add", "-A")
    run = pre_commit(repo, pre_commit_home, "run", "checks-fix")
    assert run.returncode != 0
    assert "files were modified by this hook" in run.stdout
    assert seed.read_bytes().endswith(b"\n---\n" + BODY.encode())
    assert "sha256: " in seed.read_text()
    assert (repo / "seeds" / "INDEX.md").is_file()
    assert "seeds/000_0123456789abcdef.txt" in git(repo, "diff", "--name-only")


def test_every_hook_this_repository_offers_passes_on_a_good_corpus(
    corpus_repo, hooks_repo, pre_commit_home
):
    path, sha = hooks_repo
    offered = yaml.safe_load((path / ".pre-commit-hooks.yaml").read_text())
    hooks = [{"id": hook["id"]} for hook in offered]
    config = {"repos": [{"repo": str(path), "rev": sha, "hooks": hooks}]}
    (corpus_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    # A push of what the remote has (HEAD), as pre-commit's pre-push runs it.
    pushing = ["--remote-name", "origin", "--remote-url", str(path)]
    pushing += ["--remote-branch", "main", "--local-branch", "main"]
    pushing += ["--from-ref", "HEAD", "--to-ref", "HEAD"]
    git(corpus_repo, "add", ".pre-commit-config.yaml")
    for stage, extra in (("pre-commit", ["--all-files"]), ("pre-push", pushing)):
        run = pre_commit(
            corpus_repo, pre_commit_home, "run", "--hook-stage", stage, *extra
        )
        assert run.returncode == 0, run.stdout + run.stderr
        passed = [line for line in run.stdout.splitlines() if line.endswith("Passed")]
        # A push that brings nothing new runs only the hook made for pushes.
        stages = [hook.get("stages", ["pre-commit"]) for hook in offered]
        assert [line.split("...")[0] for line in passed] == [
            hook["name"] for hook, at in zip(offered, stages) if stage in at
        ]


def test_the_local_hook_installs_what_pyproject_requires():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    [hook] = config["repos"][0]["hooks"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert hook["additional_dependencies"] == project["dependencies"]


def readme_block(heading: str) -> str:
    """The first shell block of the README after `heading`."""
    text = (REPO / "README.md").read_text()
    after = text[text.index(f"\n{heading}\n") :]
    return after.split("```sh\n", 1)[1].split("```", 1)[0]


def run_shell(script: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    return in_repository(cwd, home, "bash", "-e", "-c", script)


def test_the_readme_quick_start_as_written_then_two_branches_merged_and_pushed(
    tmp_path, hooks_repo, pre_commit_home
):
    """The README's quick start, run as written in a clone's folder; then
    what comes next for a team: two branches each add a seed, git merges
    INDEX.md through the driver, the merge commit is stopped because both
    seeds took number 001, renumber moves one, the merge is committed through
    the hooks, pushed, and a quiet edit is blocked at the next push."""
    path, sha = hooks_repo
    work = tmp_path / "clone"
    work.mkdir()
    # `checks init` pins the repository checks came from at its commit; the
    # hooks here come from the working tree's snapshot, as in the tests above.
    pinned = (
        f'checks() {{ if [ "$1" = init ]; then command checks "$@" '
        f'--repo "{path}" --rev {sha}; else command checks "$@"; fi; }}\n'
    )
    quick = run_shell(pinned + readme_block("## A new corpus"), work, pre_commit_home)
    assert quick.returncode == 0, quick.stdout + quick.stderr
    corpus = tmp_path / "harbour-corpus"
    assert git(corpus, "log", "--format=%s") == "a first seed\n"
    assert "checks (every rule)" in quick.stdout + quick.stderr

    story = """
        git switch -q -c bakery
        echo "A bakery opened on Quay Street on Monday, its owner said." > bakery.txt
        checks new bakery.txt --date 2024-03-04 --source-name "Anholm Courier" \\
          --url https://example.org/anholm/bakery
        git add seeds && git commit -q -m "the bakery"
        git switch -q main
        echo "The night bus stops at the hospital gate now, the transport office said." > bus.txt
        checks new bus.txt --date 2024-03-05 --source-name "Orrin Post" \\
          --url https://example.org/orrin/bus
        git add seeds && git commit -q -m "the night bus"
    """
    branches = run_shell(story, corpus, pre_commit_home)
    assert branches.returncode == 0, branches.stdout + branches.stderr
    merged = run_shell("git merge --no-edit bakery", corpus, pre_commit_home)
    said = merged.stdout + merged.stderr
    assert merged.returncode != 0  # the merge commit's hook stops it
    assert (
        "CONFLICT" not in said
        and "<<<<<<<" not in (corpus / "seeds" / "INDEX.md").read_text()
    )
    assert "PRV004" in said and "`checks renumber` moves the seed" in said
    # The seed the merged branch brings, which main lacks: it is to move.
    bakery = git(
        corpus,
        "diff",
        "--name-only",
        "--diff-filter=A",
        "HEAD",
        "MERGE_HEAD",
        "--",
        "seeds/*.txt",
    )
    finish = """
        checks renumber
        git add -A seeds && git commit -q --no-edit
        git init -q --bare -b main ../remote.git
        git remote add origin ../remote.git
        git push -q -u origin main
    """
    done = run_shell(finish, corpus, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name[:3] for p in (corpus / "seeds").glob("*.txt")) == [
        "000",
        "001",
        "002",
    ]
    assert (corpus / "seeds" / f"002_{bakery.strip()[10:]}").exists(), bakery

    seed = next((corpus / "seeds").glob("000_*.txt"))
    text = seed.read_text()
    old = re.search(r"sha256: ([0-9a-f]{64})", text).group(1)
    body = text.split("\n---\n", 1)[1].replace("Friday", "Saturday")
    new = hashlib.sha256(body.encode()).hexdigest()
    seed.write_text(text.split("\n---\n", 1)[0].replace(old, new) + "\n---\n" + body)
    quiet = run_shell(
        "git commit -q -am 'a quiet edit' --no-verify && git push -q",
        corpus,
        pre_commit_home,
    )
    assert quiet.returncode != 0
    assert "PRV007" in quiet.stdout + quiet.stderr
    assert git(tmp_path / "remote.git", "log", "-1", "--format=%s").startswith("Merge")
