import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"

BODY = (
    "The ferry to Anholm ran again on Friday, the island council said.\n\n"
    '"We waited nine days for flour," said Tomas Reyna, who keeps the bakery.\n'
)

# A longer text, for what needs more than a few sentences (near-duplicates).
WEIR = (
    "The regional water board voted on Monday to rebuild the weir below Cantrell "
    "Mill, ending a dispute that had run for most of the decade. Farmers downstream "
    "had asked for the old stone weir to be repaired rather than replaced, saying the "
    "new design would change how the river floods their fields each spring. The "
    "board's engineer told the meeting that the stone weir could no longer be made "
    "safe, and that the new structure would hold back less water, not more. Work is "
    "due to start in late summer, when the river is at its lowest, and should take "
    "about four months.\n"
)


class Run:
    """What a run of `checks` gave: its exit status, standard output and
    standard error."""

    def __init__(self, code: int, out: str, err: str):
        self.code = code
        self.out = out
        self.err = err

    @property
    def json(self) -> dict:
        return json.loads(self.out)

    def codes(self) -> list:
        return [d["code"] for d in self.json["diagnostics"]]

    def __repr__(self) -> str:
        return f"<exit {self.code}\n{self.out}\n{self.err}>"


def run_checks(*args, cwd=None, process: bool = False) -> Run:
    """Run `checks` with these arguments in folder `cwd`: the same `main()`
    the command runs, in this process; with `process`, as a user does, in a
    process of its own (for what only a process shows: the entry point, the
    exit status of a crash, what reaches the terminal's encoding)."""
    args = [str(a) for a in args]
    if not process:
        return Run(*run_in_process(Path(cwd or os.getcwd()), *args))
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "checks", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def run_in_process(cwd: Path, *args: str) -> tuple[int, str, str]:
    """Run the same `main()` the command runs, in this process (for tests that
    need hundreds of runs, or a process that has imported `checks` already):
    its exit status, standard output and standard error."""
    from checks.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # --help and --version end the process
                code = stop.code if isinstance(stop.code, int) else 0
    finally:
        os.chdir(before)
    return code, out.getvalue(), err.getvalue()


def lint(text: str | bytes, select: str = "ALL", name: str | None = None):
    """The diagnostics `checks` gives one seed's `text`, linted in this process
    by the per-seed rules `select` names (comma-separated codes or prefixes),
    its `accept` entries applied, with no corpus, no files and no git, as
    yamllint's RuleTestCase lints a string: the helper of the tests of one
    rule.  The seed is named `name`, by default as its header's id says.
    Each diagnostic is the value the reporters print."""
    from checks.rules.registry import all_rules
    from checks.rules.registry import select as chosen
    from checks.run.linter import Linter
    from checks.seed.document import Document

    rules = chosen(all_rules().values(), select.split(","), [])
    linter = Linter([r for r in rules if r.stage in ("document", "suppression")])
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if name is None:
        named = re.search(rb"^id: ([0-9]+_[0-9a-f]+)$", raw, re.M)
        name = named.group(1).decode() if named else "001_0123456789abcdef"
    return linter.check(Document(Path(f"{name}.txt"), raw, f"seeds/{name}.txt"))


def seed_text(seed_id: str, body: str = BODY, **fields) -> str:
    """A valid seed with a correct hash; a field given as None is left out,
    extra fields are written as given (YAML text)."""
    header = {
        "id": seed_id,
        "date": "'2024-03-01'",
        "source": "\n  name: Anholm Courier\n  url: https://example.org/anholm/ferry\n  retrieved: '2024-03-02'",
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
    }
    header.update(fields)
    lines = "".join(
        f"{key}: {value}\n" for key, value in header.items() if value is not None
    )
    return f"---\n{lines}---\n{body}"


def write_seed(folder: Path, seed_id: str, body: str = BODY, **fields) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{seed_id}.txt"
    path.write_bytes(seed_text(seed_id, body, **fields).encode("utf-8"))
    return path


def new_corpus(folder: Path) -> Path:
    """`folder` made an empty corpus: pyproject.toml with [tool.checks], seeds/
    (for tests that make one per generated example)."""
    (folder / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    (folder / "seeds").mkdir()
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` but the cache, and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".checks_cache" not in p.parts
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty corpus repository: pyproject.toml with [tool.checks], seeds/."""
    return new_corpus(tmp_path)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(corpus: Path) -> Path:
    """The corpus as a git repository with a first commit."""
    git(corpus, "init", "-q", "-b", "main")
    git(corpus, "config", "user.email", "tests@example.org")
    git(corpus, "config", "user.name", "Tests")
    git(corpus, "add", "-A")
    git(corpus, "commit", "-q", "-m", "start", "--allow-empty")
    return corpus


def git_result(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`git` with an identity, its result kept whatever it is (a merge that
    stops, say)."""
    identity = ["-c", "user.name=Tests", "-c", "user.email=tests@example.org"]
    return subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True
    )


def github_workflow_check(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema's verdict on a GitHub workflow, against the schema it
    ships (offline)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
    )


def commit_all(cwd: Path, message: str = "corpus") -> None:
    git(cwd, "add", "-A")
    identity = ["-c", "user.name=Tests", "-c", "user.email=tests@example.org"]
    git(cwd, *identity, "commit", "-qm", message)
