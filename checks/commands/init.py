"""`checks init [FOLDER]`: a folder (or a git repository) made a checked
corpus in one command.

It writes what a corpus repository needs, each file only when it is not
there: `[tool.checks]` in pyproject.toml (added to one that lacks it),
seeds/INDEX.md, the pre-commit hooks (every rule at each commit and merge
commit, what changed since the base branch at each push), a CI workflow that
installs `checks` at a pinned revision, and `.gitattributes` naming the merge
driver for INDEX.md, which it sets in the clone's git configuration.  Run
again, it changes nothing; a file it would write differently is left as it
is unless `--force`.

The hooks and the workflow install `checks` from the git repository it was
installed from, at its commit, unless `--repo` and `--rev` say otherwise.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from checks import __version__
from checks.commands.common import Refused, refused_in_one_line
from checks.config import has_checks_table
from checks.options import InitOptions
from checks.seed.files import write_atomic
from checks.seed.index import NAME, rendered_index

WRITTEN_BY = "# Written by `checks init`"
MERGE_DRIVER = "checks-index"

PRE_COMMIT = f"""{WRITTEN_BY}: every rule on the seeds of each commit (and merge
# commit), and at each push every seed changed, deleted or renamed since the
# base branch, which a commit hook cannot see.  Run `pre-commit install` once.
default_install_hook_types: [pre-commit, pre-merge-commit, pre-push]
repos:
  - repo: @REPO@
    rev: @REV@
    hooks:
      - id: checks
        stages: [pre-commit, pre-merge-commit]
      - id: checks-push
"""

WORKFLOW = f"""{WRITTEN_BY}: the pull-request gate.  It installs checks at a
# pinned revision, annotates what a pull request changes and checks the whole
# corpus on @BASE@.
name: checks

on:
  pull_request:
  push:
    branches: [@BASE@]

permissions:
  contents: read

jobs:
  corpus:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # --diff-base reads the base branch's history
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install checks
        run: python -m pip install "seed-checks @ git+@PIP_REPO@@@REV@"
      - name: checks on the seeds this pull request changes
        if: github.event_name == 'pull_request'
        run: checks --diff-base "origin/${{ github.base_ref }}" --format github
      - name: checks on the whole corpus
        if: github.event_name != 'pull_request'
        run: checks --format github
"""

TOOL_SECTION = f"""
{WRITTEN_BY}: the corpus `checks` guards (see its README for every key).
[tool.checks]
corpus = "seeds"
base = "@BASE@"
"""

ATTRIBUTES = f"seeds/{NAME} merge={MERGE_DRIVER}\n"


@refused_in_one_line
def init(args: InitOptions) -> int:
    """Make `args.folder` a checked corpus; report each file on a line."""
    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        raise Refused(f"{folder} is not a folder")
    repo, rev = args.repo, args.rev
    if repo is None or rev is None:
        repo, rev = _origin(repo, rev)
    filled = {
        "@REPO@": repo,
        "@PIP_REPO@": _pip_url(repo),
        "@REV@": rev,
        "@BASE@": args.base,
    }
    folder.mkdir(parents=True, exist_ok=True)
    said = [
        _pyproject(folder, filled),
        _index(folder),
        _file(folder / ".pre-commit-config.yaml", _fill(PRE_COMMIT, filled), args),
        _file(
            folder / ".github" / "workflows" / "checks.yml",
            _fill(WORKFLOW, filled),
            args,
        ),
        _appended(folder / ".gitattributes", ATTRIBUTES),
        _merge_driver(folder),
    ]
    for line in said:
        print(line)
    return 0


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def _origin(repo: str | None, rev: str | None) -> tuple[str, str]:
    """Where this `checks` was installed from: its git repository (the
    remote it came from, else the clone itself) and its commit."""
    source = Path(__file__).resolve().parents[2]

    def git(*args: str) -> str | None:
        done = subprocess.run(
            ["git", "-C", str(source), *args], capture_output=True, text=True
        )
        return done.stdout.strip() if done.returncode == 0 else None

    if repo is None and (source / ".git").exists():
        repo = git("remote", "get-url", "origin") or str(source)
    if rev is None and (source / ".git").exists():
        rev = git("rev-parse", "HEAD")
    if repo is None or rev is None:
        raise Refused(
            f"this checks ({__version__}) was not installed from a git "
            "repository: name the one the corpus installs it from with --repo "
            "URL --rev REVISION"
        )
    return repo, rev


def _pip_url(repo: str) -> str:
    """The repository as pip's `git+` URL takes it: a path as a file URL."""
    if "://" in repo or repo.startswith("git@"):
        return repo
    return Path(repo).resolve().as_uri()


def _file(path: Path, text: str, args: InitOptions) -> str:
    shown = _shown(path, args)
    if path.exists():
        if path.read_bytes() == text.encode("utf-8"):
            return f"{shown} is up to date"
        if not args.force:
            return (
                f"{shown} left as it is: it is not what checks init writes "
                "(--force replaces it)"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    write_atomic(path, text.encode("utf-8"))
    return f"{shown} {'replaced' if existed else 'written'}"


def _shown(path: Path, args: InitOptions) -> str:
    return str(path.relative_to(Path(args.folder)))


def _pyproject(folder: Path, filled: dict[str, str]) -> str:
    """`[tool.checks]` added to pyproject.toml (made if need be); one that
    has it is left as it is."""
    path = folder / "pyproject.toml"
    if path.exists() and has_checks_table(path):
        return "pyproject.toml has [tool.checks]"
    raw = path.read_bytes() if path.exists() else b""
    section = _fill(TOOL_SECTION, filled)
    if not raw:
        section = section.lstrip("\n")
    elif not raw.endswith(b"\n"):
        section = "\n" + section
    write_atomic(path, raw + section.encode("utf-8"))
    return f"pyproject.toml: [tool.checks] {'added' if raw else 'written'}"


def _index(folder: Path) -> str:
    """seeds/INDEX.md, written for the texts seeds/ holds: their old inline
    headers migrated in place first, as `checks --fix` does (safe fixes
    only, never a byte of a text)."""
    seeds = folder / "seeds"
    path = seeds / NAME
    if path.exists():
        return f"seeds/{NAME} is there"
    seeds.mkdir(exist_ok=True)
    if not any(seeds.glob("*.txt")):
        write_atomic(path, rendered_index([], None).encode("utf-8"))
        return f"seeds/{NAME} written"
    from checks.config import load_config
    from checks.rules.registry import all_rules, select
    from checks.run.runner import Run
    from checks.seed.files import corpus_lock

    config = load_config(folder / "pyproject.toml")
    run = Run(config, select(all_rules().values(), config.select, config.ignore))
    with corpus_lock(config.corpus_path):
        outcome = run.check([], fix=True)
    texts = sum(1 for _ in seeds.glob("*.txt"))
    mended = len({shown for shown, _ in outcome.fixed if not shown.endswith(NAME)})
    left = len(outcome.diagnostics)
    return (
        f"seeds/{NAME} written for {_count(texts, 'text')} ({mended} with a "
        f"header written or mended); {_count(left, 'finding')} left: run `checks`"
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _appended(path: Path, line: str) -> str:
    raw = path.read_bytes() if path.exists() else b""
    if line.strip().encode("utf-8") in (kept.strip() for kept in raw.splitlines()):
        return f"{path.name} names the merge driver"
    lead = b"" if not raw or raw.endswith(b"\n") else b"\n"
    write_atomic(path, raw + lead + line.encode("utf-8"))
    added = "added" if raw else "written"
    return f"{path.name}: the merge driver for seeds/{NAME} {added}"


def _merge_driver(folder: Path) -> str:
    """The merge driver set in the clone's git configuration, which no
    repository can carry: this Python, so that git finds this checks."""
    inside = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
    )
    if inside.returncode != 0:
        return (
            f"not a git repository: after `git init`, run checks init again to set "
            f"the merge driver for seeds/{NAME}"
        )
    command = f"{shlex.quote(sys.executable)} -m checks merge-index %O %A %B %P"
    settings = {
        f"merge.{MERGE_DRIVER}.name": f"seeds/{NAME}'s table, merged by checks",
        f"merge.{MERGE_DRIVER}.driver": command,
    }
    changed = False
    for key, value in settings.items():
        now = subprocess.run(
            ["git", "-C", str(folder), "config", "--local", "--get", key],
            capture_output=True,
            text=True,
        ).stdout.rstrip("\n")
        if now != value:
            subprocess.run(
                ["git", "-C", str(folder), "config", "--local", key, value],
                check=True,
                capture_output=True,
            )
            changed = True
    return "git: the merge driver " + ("set" if changed else "is set")
