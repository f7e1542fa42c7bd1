"""What git and INDEX.md record about a seed: the facts that decide whether a
fix may record a hash.  A fix must never bless an edited text, so a hash is
filled in only for a seed that has no hash recorded anywhere and whose body is
unchanged from its last committed version."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from checks.config import ConfigError
from checks.document import Document

_HEX_RUN = re.compile(r"\b[0-9a-f]{12,64}\b")


def committed_bytes(path: Path) -> bytes | None:
    """The file as HEAD has it, or None when it is not in a git repository or
    not committed there."""
    try:
        result = subprocess.run(
            ["git", "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine: nothing was ever committed
        return None
    return result.stdout if result.returncode == 0 else None


class HashRecords:
    """Answers, for a seed with no `sha256`, why a hash may not be filled in."""

    def __init__(self) -> None:
        self._index_rows: dict[Path, dict[str, str]] = {}

    def fill_blocker(self, doc: Document) -> str | None:
        recorded = self._index_hash(doc)
        if recorded:
            return f"INDEX.md records the hash {recorded} for this seed"
        committed = committed_bytes(doc.path)
        if committed is not None:
            before = Document(doc.path, committed)
            before_hash = (
                before.data.get("sha256") if isinstance(before.data, dict) else None
            )
            if before_hash:
                return f"the committed version records sha256 {before_hash}"
            if before.body != doc.body:
                return "the body differs from the last committed version"
        return None

    def _index_hash(self, doc: Document) -> str | None:
        index = doc.path.parent / "INDEX.md"
        if index not in self._index_rows:
            self._index_rows[index] = _hashes_by_id(index)
        return self._index_rows[index].get(doc.stem)


def _hashes_by_id(path: Path) -> dict[str, str]:
    """Seed id -> the hash prefix its INDEX.md row records.  A row that cannot
    be parsed is still searched for a hash: a damaged record is a record."""
    from checks.index import read_index

    try:
        index = read_index(path)
    except OSError:
        return {}
    if index is None:
        return {}
    rows = {r.id: r.recorded_hash for r in index.rows if r.recorded_hash}
    if index.problems:
        for line in index.text.splitlines():
            link = re.search(r"([0-9]{3,}_[0-9a-f]{16})", line)
            hashes = [
                h for h in _HEX_RUN.findall(line) if link and h not in link.group(1)
            ]
            if link and hashes:
                rows.setdefault(link.group(1), hashes[-1])
    return rows


@dataclass
class BaseChanges:
    """How the corpus folder differs from a git revision (`--diff-base REF`):
    seeds new or modified since REF (`changed`), the body and revisions each
    modified seed had at REF (`bodies`), seeds gone since REF with the name a
    rename gave them (`gone`), and whether INDEX.md changed."""

    ref: str
    changed: set[str] = field(default_factory=set)
    bodies: dict[str, tuple[bytes, list]] = field(default_factory=dict)
    gone: list[tuple[str, str | None]] = field(default_factory=list)
    index_changed: bool = False


def _git(folder: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, check=False
        )
    except OSError as error:
        raise ConfigError(f"--diff-base needs git: {error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return result.stdout


def base_changes(folder: Path, ref: str) -> BaseChanges:
    """Seeds added, modified, deleted and renamed in `folder` since `ref`,
    the working tree included (untracked seeds count as added)."""
    if ref.startswith("-"):
        raise ConfigError(f"--diff-base: {ref!r} is not a git revision")
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ConfigError:
        raise ConfigError(
            f"--diff-base: {ref!r} is not a commit in this repository"
        ) from None
    changes = BaseChanges(ref)
    fields = _git(
        folder, "diff", "-z", "--name-status", "-M", "--relative", ref, "--", "."
    ).split(b"\0")
    fields = [f.decode("utf-8", "surrogateescape") for f in fields if f]
    i = 0
    while i < len(fields):
        status = fields[i]
        if status[0] in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            if status[0] == "R" and old.endswith(".txt"):
                changes.gone.append((Path(old).stem, Path(new).name))
            if new.endswith(".txt"):
                changes.changed.add(Path(new).stem)
            continue
        name = fields[i + 1]
        i += 2
        if name == "INDEX.md":
            changes.index_changed = True
        if not name.endswith(".txt"):
            continue
        stem = Path(name).stem
        if status[0] == "D":
            changes.gone.append((stem, None))
        else:
            changes.changed.add(stem)
            if status[0] == "M":
                before = Document(
                    folder / name, _git(folder, "show", f"{ref}:./{name}")
                )
                data = before.data if isinstance(before.data, dict) else {}
                revisions = data.get("revisions")
                changes.bodies[stem] = (
                    before.body,
                    [r for r in revisions if isinstance(r, dict)]
                    if isinstance(revisions, list)
                    else [],
                )
    untracked = _git(
        folder, "ls-files", "-z", "--others", "--exclude-standard", "--", "."
    )
    for name in untracked.split(b"\0"):
        if name.endswith(b".txt"):
            changes.changed.add(Path(name.decode("utf-8", "surrogateescape")).stem)
    return changes


def exists_at(folder: Path, ref: str, name: str) -> bool:
    if ref.startswith("-"):
        return False
    try:
        _git(folder, "cat-file", "-e", f"{ref}:./{name}")
    except ConfigError:
        return False
    return True


def names_at(folder: Path, ref: str) -> list[str]:
    """The seed ids in `folder` at `ref` (none when `ref` is unknown)."""
    if ref.startswith("-"):
        return []
    try:
        listing = _git(folder, "ls-tree", "-z", "--name-only", ref, "--", ".")
    except ConfigError:
        return []
    names = [
        Path(n.decode("utf-8", "surrogateescape")).name
        for n in listing.split(b"\0")
        if n
    ]
    return [n[:-4] for n in names if n.endswith(".txt")]
