"""What git and INDEX.md record about a seed: the facts that decide whether a
fix may record a hash.  A fix must never bless an edited text, so a hash is
filled in only for a seed that has no hash recorded anywhere and whose body is
unchanged from its last committed version."""

from __future__ import annotations

import os
import re
import subprocess
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from checks.options import UsageError
from checks.report.diagnostic import Place
from checks.seed.document import Document

_HEX_RUN = re.compile(r"\b[0-9a-f]{12,64}\b")


def committed_bytes(path: Path, ref: str = "HEAD") -> bytes | None:
    """The file as revision `ref` has it, or None when it is not in a git
    repository or not in that revision."""
    if ref.startswith("-"):
        return None
    try:
        result = subprocess.run(
            ["git", "-C", str(path.parent), "show", f"{ref}:./{path.name}"],
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
        self._committed: dict[Path, _Committed] = {}

    def fill_blocker(self, doc: Document) -> str | None:
        recorded = self._index_hash(doc)
        if recorded:
            return f"INDEX.md records the hash {recorded} for this seed"
        folder = doc.path.parent
        if folder not in self._committed:
            self._committed[folder] = _Committed(folder)
        committed = self._committed[folder].read(doc.path)
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


class _Committed:
    """One folder's files as HEAD has them, for a run that asks about many:
    one `git ls-tree` says which are committed (none, outside a repository),
    and one `git cat-file --batch` reads them, instead of a `git show` each."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._objects = _head_objects(folder)
        self._reader: subprocess.Popen | None = None
        self._owner = 0

    def read(self, path: Path) -> bytes | None:
        object_id = self._objects.get(path.name)
        if object_id is None:
            return None
        try:
            return self._cat(object_id)
        except (OSError, ValueError):  # the reader failed: ask git once
            self._reader = None
            return committed_bytes(path)

    def _cat(self, object_id: bytes) -> bytes:
        if self._reader is None or self._owner != os.getpid():  # none, or forked
            self._reader = subprocess.Popen(
                ["git", "-C", str(self._folder), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            self._owner = os.getpid()
            weakref.finalize(self, _close, self._reader)
        reader = self._reader
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write(object_id + b"\n")
        reader.stdin.flush()
        _, kind, size = reader.stdout.readline().split()
        data = reader.stdout.read(int(size) + 1)
        if kind != b"blob" or len(data) != int(size) + 1:
            raise ValueError(object_id)
        return data[:-1]


def _head_objects(folder: Path) -> dict[str, bytes]:
    """File name -> object id of each file HEAD has in `folder`."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(folder), "ls-tree", "-z", "HEAD", "./"],
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine: nothing was ever committed
        return {}
    if listed.returncode != 0:
        return {}
    objects = {}
    for entry in listed.stdout.split(b"\0"):
        about, _, name = entry.partition(b"\t")
        fields = about.split()
        if len(fields) == 3 and fields[1] == b"blob":
            objects[os.fsdecode(name)] = fields[2]
    return objects


def _close(reader: subprocess.Popen) -> None:
    if reader.stdin is not None:
        reader.stdin.close()
    reader.wait()
    if reader.stdout is not None:
        reader.stdout.close()


def _hashes_by_id(path: Path) -> dict[str, str]:
    """Seed id -> the hash prefix its INDEX.md row records.  A row that cannot
    be parsed is still searched for a hash: a damaged record is a record."""
    from checks.seed.index import read_index

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
    seeds new or modified since REF (`changed`; None when every seed must be
    checked), the body and revisions each modified, moved or retyped seed had
    at REF (`bodies`), seeds gone since REF with the name a rename gave them
    (`gone`), what is a symbolic link where REF has a file or a folder
    (`linked`: its name in the corpus, "." for the folder, and its target),
    whether INDEX.md changed, and how the configuration did."""

    ref: str
    changed: set[str] | None = field(default_factory=set)
    bodies: dict[str, tuple[bytes, list]] = field(default_factory=dict)
    gone: list[tuple[str, str | None]] = field(default_factory=list)
    linked: list[tuple[str, str]] = field(default_factory=list)
    index_changed: bool = False
    # Where the configuration changed since `ref`, and what: the run is
    # judged by `ref`'s (see base_configuration).
    config: tuple[Place, str] | None = None


def _git(folder: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, check=False
        )
    except OSError as error:
        raise UsageError(f"--diff-base needs git: {error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return result.stdout


def _names(output: bytes) -> list[str]:
    return [f.decode("utf-8", "surrogateescape") for f in output.split(b"\0") if f]


def _where(folder: Path) -> tuple[Path, str]:
    """The repository's top folder and the corpus folder's path in it, as
    git records it: the folder itself is not followed if it is a link."""
    parent = Path(os.path.realpath(folder.absolute().parent))
    top = Path(_git(parent, "rev-parse", "--show-toplevel").decode().strip())
    return top, os.path.relpath(parent / folder.name, top).replace(os.sep, "/")


def _diff(top: Path, corpus: str, ref: str) -> Iterator[tuple[str, str, str]]:
    """(status letter, name at `ref`, name now) of each file git sees changed
    in the corpus folder since `ref`, working tree included; names relative
    to the folder."""
    prefix = "" if corpus == "." else corpus + "/"
    fields = [
        f[len(prefix) :] if f.startswith(prefix) else f
        for f in _names(
            _git(top, "diff", "-z", "--name-status", "-M", ref, "--", corpus)
        )
    ]
    i = 0
    while i < len(fields):
        status = fields[i][0]
        if status in "RC":
            yield status, fields[i + 1], fields[i + 2]
            i += 3
        else:
            yield status, fields[i + 1], fields[i + 1]
            i += 2
    untracked = _git(
        top, "ls-files", "-z", "--others", "--exclude-standard", "--", corpus
    )
    for name in _names(untracked):
        yield "A", "", name[len(prefix) :]


def base_changes(folder: Path, ref: str) -> BaseChanges:
    """Seeds added, modified, deleted, moved and retyped in `folder` since
    `ref`, the working tree included (untracked seeds count as added)."""
    if ref.startswith("-"):
        raise UsageError(f"--diff-base: {ref!r} is not a git revision")
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except UsageError:
        raise UsageError(
            f"--diff-base: {ref!r} is not a commit in this repository"
        ) from None
    changes = BaseChanges(ref)
    top, corpus = _where(folder)
    if os.path.islink(folder):
        # What git compares is not what is read: nothing else can be trusted.
        changes.linked.append((".", os.readlink(folder)))
        changes.changed = None
        return changes
    deleted: dict[str, str] = {}
    added: dict[str, str] = {}
    for status, old, name in _diff(top, corpus, ref):
        if name == "INDEX.md":
            changes.index_changed = True
            if os.path.islink(folder / name):
                changes.linked.append((name, os.readlink(folder / name)))
        if not name.endswith(".txt"):
            continue
        stem = Path(name).stem
        if status == "D" and not os.path.lexists(folder / name):
            deleted[stem] = name
            continue
        if status == "R" and old.endswith(".txt"):
            changes.gone.append((Path(old).stem, name))
        added.update({stem: name} if status == "A" else {})
        changes.changed.add(stem)
        if os.path.islink(folder / name):
            changes.linked.append((name, os.readlink(folder / name)))
        if status in "MRT" and old.endswith(".txt"):
            changes.bodies[stem] = _at(top, corpus, ref, old)
    # A seed deleted in one place and added in another under its id was
    # moved, however much it was edited on the way (git pairs only files
    # that are half the same).
    for stem, old in deleted.items():
        changes.gone.append((stem, added.get(stem)))
        if stem in added:
            changes.bodies[stem] = _at(top, corpus, ref, old)
    return changes


def _at(top: Path, corpus: str, ref: str, name: str) -> tuple[bytes, list]:
    """The body and the revisions seed `name` had at `ref`."""
    path = name if corpus == "." else f"{corpus}/{name}"
    before = Document(Path(name), _git(top, "show", f"{ref}:{path}"))
    data = before.data if isinstance(before.data, dict) else {}
    revisions = data.get("revisions")
    if not isinstance(revisions, list):
        return before.body, []
    return before.body, [r for r in revisions if isinstance(r, dict)]


def exists_at(folder: Path, ref: str, name: str) -> bool:
    if ref.startswith("-"):
        return False
    try:
        _git(folder, "cat-file", "-e", f"{ref}:./{name}")
    except UsageError:
        return False
    return True


def names_at(folder: Path, ref: str) -> list[str]:
    """The seed ids in `folder` at `ref` (none when `ref` is unknown)."""
    if ref.startswith("-"):
        return []
    try:
        listing = _git(folder, "ls-tree", "-z", "--name-only", ref, "--", ".")
    except UsageError:
        return []
    names = [
        Path(n.decode("utf-8", "surrogateescape")).name
        for n in listing.split(b"\0")
        if n
    ]
    return [n[:-4] for n in names if n.endswith(".txt")]
