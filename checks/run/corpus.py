"""The corpus: which seed files a run reads, and the few facts about each seed
that corpus-wide rules (index, duplicates, numbering, history) need.

Seeds are read one at a time; a run keeps only a small `SeedRecord` per seed,
never the bodies, so that a large corpus is never held at once.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.options import UsageError
from checks.report.diagnostic import ByValues, Fix, Place
from checks.run.shards import SUFFIXES
from checks.seed.document import Document, HeaderForm
from checks.seed.files import MAX_SEED_BYTES, Changes, read_bounded
from checks.seed.index import Entry, IndexFile, entry_from_header, rendered_index

SEED_NAME = re.compile(r"([0-9]{3,})_([0-9a-f]{16})")


def _walk(folder: Path) -> Iterator[tuple[str, tuple[int, int]]]:
    """(path, (device, inode)) of each seed file below `folder`, hidden
    folders and files skipped, in no particular order."""
    device = os.stat(folder).st_dev
    pending = [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.name.endswith((".txt", *SUFFIXES)):
                if entry.is_symlink():
                    # Named even when it leads nowhere or out of the corpus:
                    # the runner reports it instead of reading it.
                    try:
                        info = entry.stat()
                    except OSError:
                        info = entry.stat(follow_symlinks=False)
                    yield entry.path, (info.st_dev, info.st_ino)
                elif entry.is_file():
                    yield entry.path, (device, entry.inode())


def seed_paths(paths: Iterable[Path]) -> list[Path]:
    """The seed files named, or under the folders named (hidden ones
    skipped), each once, in a stable order."""
    return [Path(p) for p in seed_files(paths).values()]


def seed_files(paths: Iterable[Path]) -> dict[tuple[int, int], str]:
    """seed_paths() as strings (a corpus of 100,000 makes no Path objects),
    keyed by (device, inode), so that a file named twice, or by two names,
    is read once."""
    found: dict[tuple[int, int], str] = {}
    for path in paths:
        if path.is_dir():
            candidates = sorted(_walk(path))
        elif path.is_file():
            info = path.stat()
            candidates = [(str(path), (info.st_dev, info.st_ino))]
        elif path.exists():
            raise UsageError(f"{path}: not a file or a folder")
        else:
            raise UsageError(f"{path}: no such file or folder")
        for name, key in candidates:
            if key not in found:
                found[key] = name
    return found


def stem_of(path: str) -> str:
    """A file's name without its last suffix, as Path.stem."""
    return os.path.splitext(os.path.basename(path))[0]


class Display:
    """Paths as a user would type them: relative to the working folder when
    the file is inside it."""

    def __init__(self) -> None:
        self.cwd = os.path.realpath(os.getcwd())
        # Folders inside the working folder, as shown: a corpus's seeds share
        # a few, and a file's name is then only joined to its folder's.
        self._inside: dict[str, str] = {}

    def __call__(self, path: str | Path) -> str:
        folder, name = os.path.split(path)
        named = name not in ("", ".", "..")  # the path ends with a file's name
        shown = self._inside.get(folder)
        if shown is not None and named:
            return shown + name
        full = os.path.abspath(path)
        if named and full.startswith(self.cwd + os.sep):
            self._inside[folder] = full[len(self.cwd) + 1 : len(full) - len(name)]
        if not full.startswith(self.cwd + os.sep):
            full = os.path.realpath(path)
        if full.startswith(self.cwd + os.sep):
            return full[len(self.cwd) + 1 :]
        return os.path.normpath(str(path))


def documents(paths: Iterable[Path], folder: Path, limit: int) -> Iterator[Document]:
    """Read one seed at a time (none larger than `limit` bytes, no link out
    of the corpus `folder`)."""
    display = Display()
    for path in seed_paths(paths):
        raw, unread = read_bounded(path, folder, limit)
        yield Document(path, raw, display(path), unread)


@dataclass(slots=True)
class SeedRecord(ByValues):
    """What corpus-wide rules know of one seed."""

    path: str  # as read (a str: a corpus of 100,000 keeps one per seed)
    display: str
    stem: str
    number: int | None
    hex: str | None
    entry: Entry
    has_header: bool
    body_sha256: str
    header_sha256: str | None
    revisions: list[dict[str, Any]]
    id_place: Place
    signature: bytes | None = None  # for near-duplicates: checks.detect.similarity
    row_digest: bytes | None = None  # of its INDEX.md row as written: checks.seed.index
    indexed: bool = True  # whether INDEX.md lists it (records of shards are not)
    body: bytes | None = None  # kept only for a seed not yet written
    shard: tuple[str, int] | None = None  # (url, line) of a record of a shard

    def shared(self) -> SeedRecord:
        """The record with the values many seeds repeat (dates, outlets,
        cited sources) held once: a corpus of 100,000 keeps one copy of each.
        Records come back from worker processes as new strings each."""
        e = self.entry
        self.entry = Entry(
            e.id,
            sys.intern(e.date),
            e.title,
            sys.intern(e.source),
            tuple(sys.intern(c) for c in e.cites),
            e.pseudonyms,
            e.sha256,
        )
        return self

    @classmethod
    def of(cls, doc: Document) -> SeedRecord:
        name = SEED_NAME.fullmatch(doc.stem)
        data = doc.data if doc.form is HeaderForm.FRONT_MATTER else None
        data = data if isinstance(data, dict) else {}
        if doc.form is HeaderForm.LEGACY:
            data = {"date": doc.legacy_date}
        sha = data.get("sha256")
        revisions = data.get("revisions")
        span = doc.value_span(("id",)) or doc.opening_span
        line, column, end_line, end_column, lo, hi = doc.place(*span)
        return cls(
            path=str(doc.path),
            display=doc.display,
            stem=doc.stem,
            number=int(name.group(1)) if name else None,
            hex=name.group(2) if name else None,
            entry=entry_from_header(doc.stem, data),
            has_header=doc.form is HeaderForm.FRONT_MATTER,
            body_sha256=hashlib.sha256(doc.body).hexdigest(),
            header_sha256=sha if isinstance(sha, str) else None,
            revisions=[r for r in revisions if isinstance(r, dict)]
            if isinstance(revisions, list)
            else [],
            id_place=Place(
                doc.display, line, column, end_line, end_column, doc.text[lo:hi]
            ),
        )


@dataclass
class Corpus:
    """Every seed's record, INDEX.md as read, and where they live."""

    folder: Path
    records: list[SeedRecord]
    index: IndexFile | None
    index_display: str
    settings: dict[str, Any] = field(default_factory=dict)
    base: Any = None  # checks.run.history.BaseChanges with --diff-base
    unread: frozenset[str] = frozenset()  # seeds present but not read (ENC008)

    @property
    def index_path(self) -> Path:
        return self.folder / "INDEX.md"

    def bodies(self, records: list[SeedRecord]) -> list[bytes | None]:
        """The bodies of `records`, read again (records do not keep them: a
        seed not yet written keeps its own, a record of a shard says where it
        is); None for one that cannot be read again.  Each shard is read once,
        however many of its records are asked for."""
        found: list[bytes | None] = [None] * len(records)
        in_shards: dict[str, dict[int, int]] = {}  # url: {line: position}
        for position, record in enumerate(records):
            if record.body is not None:
                found[position] = record.body
            elif record.shard is not None:
                url, line = record.shard
                in_shards.setdefault(url, {})[line] = position
            else:
                found[position] = self._seed_body(record)
        if not in_shards:
            return found
        from checks.run.shards import read_lines, to_record

        for url, lines in in_shards.items():
            try:
                texts = read_lines(url, set(lines))
            except (OSError, ValueError):
                continue
            for line, text in texts.items():
                position = lines[line]
                raw = to_record(url, line, text).raw
                found[position] = (
                    Document(Path(records[position].path), raw).body if raw else b""
                )
        return found

    def _seed_body(self, record: SeedRecord) -> bytes | None:
        # Read as the seed was read at first: it may have been replaced since
        # (by a FIFO, a link out of the corpus, a huge file).
        path = Path(record.path)
        raw, unread = read_bounded(
            path,
            self.folder,
            self.settings.get("max_seed_bytes", MAX_SEED_BYTES),
        )
        return None if unread is not None else Document(path, raw).body

    def index_place(self, start: int, end: int) -> Place:
        """A span of INDEX.md (or its first line when there is none)."""
        if self.index is None:
            return Place(self.index_display, 1, 1, 1, 1, "")
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(end)
        return Place(
            self.index_display,
            line,
            column,
            end_line,
            end_column,
            self.index.line_text(line),
        )


def write_index(corpus: Corpus, changes: Changes | None = None) -> Fix:
    """INDEX.md's table written afresh from the corpus's records, through
    `changes` or at once (a file that cannot be read whole is refused, never
    rewritten)."""
    if corpus.index is not None and not corpus.index.rewritable:
        raise UsageError(
            f"{corpus.index_display} cannot be read whole: it is not rewritten"
        )
    entries = [r.entry for r in corpus.records if r.number is not None and r.indexed]
    text = rendered_index(entries, corpus.index)
    old = corpus.index.text if corpus.index is not None else None
    if text != old:
        (changes or Changes()).write(corpus.index_path, text.encode("utf-8"))
    verb = "create" if old is None else "rewrite"
    return Fix(f"{verb} INDEX.md's table ({len(entries)} seeds)", ())
