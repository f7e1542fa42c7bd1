"""seeds/INDEX.md: reading its generated table and writing it anew.

The maintainers' prose around the table is theirs; only the region between
the two marker comments is generated.  Each row is a seed (its id linked to the
file) or a tombstone (a retracted seed: its id struck through, so that its
number and id are never used again).  Cells are compared as rendered text, so
a row agrees with a header exactly when rendering the header gives that row.

A recorded hash is never overwritten: rendering keeps the hash a row already
has, and only a row with no hash takes the header's.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import os
import re
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from checks.report.diagnostic import ByValues
from checks.seed.document import LINE_BREAK
from checks.seed.files import read_bounded

START = "<!-- checks:index:start -->"
END = "<!-- checks:index:end -->"
COLUMNS = ("id", "date", "title", "source", "cites", "pseudonyms", "sha256")
HASH_CHARS = 12
NAME = "INDEX.md"

_SEED_ID = r"[0-9]{3,}_[0-9a-f]{16}"
_LINKED = re.compile(rf"\[({_SEED_ID})\]\(([^)\s]*)\)")
_STRUCK = re.compile(rf"~~({_SEED_ID})~~")
_RETRACTED = re.compile(r"retracted ([0-9]{4}-[0-9]{2}-[0-9]{2}): (.+)")
_HASH_CELL = re.compile(rf"(?:[0-9a-f]{{{HASH_CHARS}}})?")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
# A row of as many plain cells as the table has columns (no backslash, the
# usual row), read in one match; any other line is split cell by cell.  Each
# cell is atomic: a line that is not such a row fails in linear time.
_PLAIN_ROW = re.compile(
    r"\s*+\|" + r"(?>\s*([^|\\]*[^|\\\s]|)\s*)\|" * len(COLUMNS) + r"\s*+"
)
_SEPARATOR_CELL = re.compile(r":?-{3,}:?")
# The lines git writes around a merge conflict: ours, the base's (diff3 style),
# the split, theirs.
_CONFLICT_MARKER = re.compile(r"(<{7}|\|{7}|={7}|>{7})(?:[ \t].*)?\r?")

_OFFSET_AT = {column: 2 * i for i, column in enumerate(COLUMNS)}  # in Row.offsets
HEADER_LINE = "| " + " | ".join(COLUMNS) + " |"
SEPARATOR_LINE = "|" + "|".join("---" for _ in COLUMNS) + "|"
PREAMBLE = (
    "# Seeds\n\n"
    "One row per seed, in number order. The table between the two markers is\n"
    "written by `checks index`; text outside them is kept as written.\n\n"
)


def one_line(text: str) -> str:
    """A header value as a cell holds it: on one line, each run of white
    space one space."""
    return " ".join(text.split())


# What a cell escapes with a backslash, as CommonMark reads it: `\\` and `|`
# (GitHub's cell separator), `[` `]` (no link), `<` `>` (no HTML, and never
# INDEX.md's own markers, which end in `-->`).
_SPECIAL = re.compile(r"[\\|\[\]<>]")
_ESCAPED = re.compile(r"\\([\\|\[\]<>])")


def escape(text: str) -> str:
    """A header value as a table cell: on one line, what Markdown or the
    table would read as more than text escaped."""
    return one_line(_SPECIAL.sub(r"\\\g<0>", text))


def unescape(cell: str) -> str:
    return _ESCAPED.sub(r"\1", cell) if "\\" in cell else cell


def name_list(names: Iterable[str]) -> str:
    """Names as one cell's text: `, ` between them, and a comma or a
    backslash inside a name after a backslash, so that the cell still says
    where each name ends."""
    return ", ".join(n.replace("\\", "\\\\").replace(",", "\\,") for n in names)


@dataclass(slots=True)
class Row:
    """One table row.  Its cells are read from INDEX.md's text when asked for:
    an index of 100,000 rows keeps, per row, the offsets of its cells in the
    text (one small array), not a dictionary of strings."""

    line: int
    start: int
    end: int
    id: str
    # Start and end of each column's text, from the row's start, flat.
    offsets: array
    source: str  # INDEX.md's text, shared by all its rows
    link: str | None = None  # None for a tombstone
    retracted: tuple[str, str] | None = None  # (date, reason) of a tombstone
    edited: dict[str, str] | None = None  # cells a command changed

    def written_as(self, digest: bytes) -> bool:
        """Whether the row, as INDEX.md has it and no command has edited it,
        is the text whose `digest_of` is `digest`."""
        return (
            self.edited is None
            and digest_of(self.source[self.start : self.end]) == digest
        )

    def span(self, column: str) -> tuple[int, int]:
        """Where that cell's text lies in the file (character offsets)."""
        at = _OFFSET_AT[column]
        return self.start + self.offsets[at], self.start + self.offsets[at + 1]

    def cell(self, column: str) -> str:
        """A cell's text, unescaped; the id cell's text is the id (its link
        or strike-through is the row's `link`, rendered again around it)."""
        if self.edited is not None:
            return self.edited[column]
        if column == "id":
            return self.id
        start, end = self.span(column)
        return unescape(self.source[start:end])

    @property
    def cells(self) -> Mapping[str, str]:
        """Every cell's text, by column (read only: see `edit`)."""
        return MappingProxyType({column: self.cell(column) for column in COLUMNS})

    def edit(self, **cells: str) -> None:
        """Change cells, as a command does before the table is written again."""
        self.edited = {**self.cells, **cells}

    @property
    def tombstone(self) -> bool:
        return self.link is None

    @property
    def number(self) -> int:
        return int(self.id.split("_", 1)[0])

    @property
    def recorded_hash(self) -> str:
        return self.cell("sha256")


@dataclass
class Problem:
    start: int
    end: int
    message: str


@dataclass
class IndexFile:
    path: Path
    text: str
    region: tuple[int, int] | None = None  # offsets of the table between markers
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Git merge conflicts inside the table, each at its `<<<<<<<` line: the
    # rows of both sides are read, the base's left out.
    conflicts: list[Problem] = field(default_factory=list)
    utf8: bool = True
    unread: bool = False  # too large, or a link out of the corpus: never rewritten

    @property
    def parsed(self) -> bool:
        """Whether the table was read whole, so that it may be rewritten."""
        return self.region is not None and not self.problems

    @property
    def rewritable(self) -> bool:
        """Whether a fresh table may be written: the old one was read whole,
        or the file has no marker at all (the table is appended after its
        text).  A file that was not read, is not UTF-8 or has a marker twice
        is mended by hand."""
        if self.unread or not self.utf8:
            return False
        return self.parsed or (START not in self.text and END not in self.text)

    def rows_by_id(self) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = {}
        for row in self.rows:
            found.setdefault(row.id, []).append(row)
        return found

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        if not 0 < line <= len(starts):
            return ""
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[starts[line - 1] : end].rstrip("\r\n")

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in LINE_BREAK.finditer(self.text)]


# INDEX.md holds a row of about 200 bytes per seed: this is a million rows.
MAX_INDEX_BYTES = 256 * 1024 * 1024


def read_index(
    path: Path, parse: Callable[[Path, bytes], IndexFile] | None = None
) -> IndexFile | None:
    """The parsed INDEX.md (by `parse`, parse_index unless given), or None
    when there is none."""
    if not os.path.lexists(path):
        return None
    raw, unread = read_bounded(path, path.parent, MAX_INDEX_BYTES)
    if unread is None:
        return (parse or parse_index)(path, raw)
    index = IndexFile(path, "", unread=True)
    index.problems.append(Problem(0, 0, f"INDEX.md is not read: {unread}"))
    return index


def parse_index(path: Path, raw: bytes) -> IndexFile:
    try:
        text = raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as error:
        text = raw.decode("utf-8", "replace")
        index = IndexFile(path, text, utf8=False)
        offset = len(raw[: error.start].decode("utf-8", "replace"))
        index.problems.append(
            Problem(offset, offset + 1, f"not valid UTF-8 at byte offset {error.start}")
        )
        return index
    index = IndexFile(path, text, utf8=utf8)
    starts = [m.start() for m in re.finditer(re.escape(START), text)]
    ends = [m.start() for m in re.finditer(re.escape(END), text)]
    if not starts and not ends:
        index.problems.append(
            Problem(
                0, 0, f"no generated table: the markers {START} and {END} are missing"
            )
        )
        return index
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        where, marker = next(
            iter([(at, START) for at in starts] + [(at, END) for at in ends])
        )
        index.problems.append(
            Problem(
                where,
                where + len(marker),
                f"the markers {START} and {END} must each appear once, in that order",
            )
        )
        return index
    region_start = (
        text.index("\n", starts[0]) + 1 if "\n" in text[starts[0] :] else len(text)
    )
    region_end = ends[0]
    if region_start > region_end:
        region_start = region_end
    index.region = (region_start, region_end)
    _parse_table(index, region_start, region_end)
    return index


def _parse_table(index: IndexFile, start: int, end: int) -> None:
    text = index.text
    offset = start
    number = index.position(start)[0]  # of the line being read
    seen_header = seen_separator = in_base = False
    for line in text[start:end].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        line_number = number
        # The next line's number: a lone CR ends a line too (LINE_BREAK).
        number += 1 + (line.count("\r") - line.endswith("\r") if "\r" in line else 0)
        stripped = line.strip()
        if not stripped:
            continue
        marker = _CONFLICT_MARKER.fullmatch(line)
        if marker is not None:
            in_base = marker.group(1) == "|||||||"
            if marker.group(1) == "<<<<<<<":
                index.conflicts.append(
                    Problem(line_start, line_start + len(line.rstrip("\r")), CONFLICT)
                )
            continue
        if in_base:
            continue  # the rows as they were before either side changed them
        if not stripped.startswith("|") or not stripped.endswith("|"):
            index.problems.append(
                Problem(
                    line_start,
                    line_start + len(line),
                    "a line of the table that is not a table row",
                )
            )
            continue
        cells, spans = _cells(line)
        if not seen_header:
            seen_header = True
            if [c.lower() for c in cells] != list(COLUMNS):
                index.problems.append(
                    Problem(
                        line_start,
                        line_start + len(line),
                        f"the table's header row must be {HEADER_LINE!r}",
                    )
                )
                return
            continue
        if not seen_separator:
            seen_separator = True
            if not all(_SEPARATOR_CELL.fullmatch(c) for c in cells) or len(
                cells
            ) != len(COLUMNS):
                index.problems.append(
                    Problem(
                        line_start,
                        line_start + len(line),
                        "the header row must be followed by a separator row (|---|...)",
                    )
                )
                return
            continue
        row = _row(index, line_number, line_start, line, cells, spans)
        if row is not None:
            index.rows.append(row)
    if not seen_separator:
        index.problems.append(
            Problem(
                start,
                start,
                f"the generated region holds no table (it starts with {HEADER_LINE!r})",
            )
        )


CONFLICT = (
    "a git merge conflict in the generated table: the table is written from the "
    "seeds' headers, so `checks --fix` (or `checks index`) mends it, keeping "
    "every row and hash either side recorded"
)


def _cells(line: str) -> tuple[list[str], list[tuple[int, int]]]:
    """A table line's cells (stripped) and where each lies in the line."""
    plain = _PLAIN_ROW.fullmatch(line)
    if plain is not None:
        return list(plain.groups()), list(plain.regs[1:])
    return split_cells(line)


def split_cells(line: str) -> tuple[list[str], list[tuple[int, int]]]:
    """_cells for any line: split at each pipe not escaped, then stripped."""
    inner_start = line.index("|") + 1
    inner_end = line.rindex("|")
    cells, spans = [], []
    position = inner_start
    for part in _CELL_SPLIT.split(line[inner_start:inner_end]):
        lead = len(part) - len(part.lstrip())
        value = part.strip()
        cells.append(value)
        spans.append((position + lead, position + lead + len(value)))
        position += len(part) + 1
    return cells, spans


def _row(
    index: IndexFile, line: int, start: int, text: str, cells: list[str], spans: list
) -> Row | None:
    def problem(message: str, span: tuple[int, int] | None = None) -> None:
        s, e = span or (start, start + len(text))
        index.problems.append(Problem(s, e, message))

    if len(cells) != len(COLUMNS):
        problem(f"a row has {len(cells)} cells; the table has {len(COLUMNS)} columns")
        return None
    named = dict(zip(COLUMNS, cells))

    def span(column: str) -> tuple[int, int]:
        s, e = spans[COLUMNS.index(column)]
        return start + s, start + e

    linked = _LINKED.fullmatch(named["id"])
    struck = None if linked else _STRUCK.fullmatch(named["id"])
    if not linked and not struck:
        problem(
            f"id cell {named['id']!r} is neither [ID](ID.txt) nor a retracted ~~ID~~",
            span("id"),
        )
        return None
    if not _HASH_CELL.fullmatch(named["sha256"]):
        problem(
            f"sha256 cell {named['sha256']!r} is not {HASH_CHARS} lowercase hex digits",
            span("sha256"),
        )
        return None
    offsets = array("I", itertools.chain.from_iterable(spans))
    if linked:
        return Row(
            line,
            start,
            start + len(text),
            linked.group(1),
            offsets,
            index.text,
            link=linked.group(2),
        )
    title = unescape(named["title"])
    retracted = _RETRACTED.fullmatch(title)
    if not retracted:
        problem(
            f"a retracted row's title must read 'retracted YYYY-MM-DD: reason', not {title!r}",
            span("title"),
        )
        return None
    return Row(
        line,
        start,
        start + len(text),
        struck.group(1),
        offsets,
        index.text,
        retracted=(retracted.group(1), retracted.group(2)),
    )


# Rendering -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry(ByValues):
    """What the index shows of one seed, from its header."""

    id: str
    date: str = ""
    title: str = ""
    source: str = ""
    cites: tuple[str, ...] = ()
    pseudonyms: tuple[str, ...] = ()
    sha256: str = ""

    @property
    def number(self) -> int:
        return int(self.id.split("_", 1)[0])

    def cells(self) -> dict[str, str]:
        """The row's cells as text (before escaping)."""
        return {
            "id": self.id,
            "date": one_line(self.date),
            "title": one_line(self.title),
            "source": one_line(self.source),
            "cites": one_line(name_list(self.cites)),
            "pseudonyms": one_line(name_list(self.pseudonyms)),
            "sha256": self.sha256[:HASH_CHARS],
        }


def entry_from_header(seed_id: str, data: object) -> Entry:
    """An index entry from header data as read (valid or not, as far as it goes)."""
    data = data if isinstance(data, dict) else {}

    def text(value: object) -> str:
        return value if isinstance(value, str) else ""

    def names(value: object) -> tuple[str, ...]:
        return (
            tuple(v for v in value if isinstance(v, str))
            if isinstance(value, list)
            else ()
        )

    source = data.get("source")
    sha = text(data.get("sha256"))
    return Entry(
        id=seed_id,
        date=text(data.get("date")),
        title=text(data.get("title")),
        source=text(source.get("name")) if isinstance(source, dict) else "",
        cites=names(data.get("cites")),
        pseudonyms=names(data.get("pseudonyms")),
        sha256=sha if re.fullmatch(r"[0-9a-f]{64}", sha) else "",
    )


def render_cells(cells: Mapping[str, str], link: str | None) -> str:
    shown = {k: escape(v) for k, v in cells.items()}
    shown["id"] = (
        f"[{cells['id']}]({link})" if link is not None else f"~~{cells['id']}~~"
    )
    return "| " + " | ".join(shown[c] for c in COLUMNS) + " |"


def row_digest(entry: Entry) -> bytes:
    """A digest of the row `checks index` writes for `entry`: a row whose text
    has this digest agrees with the header (see `digest_of`)."""
    return digest_of(render_cells(entry.cells(), f"{entry.id}.txt"))


def digest_of(row_text: str) -> bytes:
    return hashlib.blake2b(
        row_text.encode("utf-8", "surrogatepass"), digest_size=8
    ).digest()


def expected_cells(entry: Entry, row: Row | None) -> dict[str, str]:
    """The cells a seed's row should have: its header's, except that a hash the
    row already records is kept."""
    cells = entry.cells()
    if row is not None and row.recorded_hash:
        cells["sha256"] = row.recorded_hash
    return cells


def render_region(entries: Iterable[Entry], index: IndexFile | None) -> str:
    """The table for `entries`, keeping what only the old table knows:
    tombstones, rows whose seed is missing, and recorded hashes."""
    old = index.rows_by_id() if index is not None else {}
    lines: list[tuple[tuple[int, str, int], str]] = []
    for entry in entries:
        rows = old.pop(entry.id, [])
        live = [r for r in rows if not r.tombstone]
        first = live[0] if live else None
        key = (entry.number, entry.id, 0)
        lines.append(
            (key, render_cells(expected_cells(entry, first), f"{entry.id}.txt"))
        )
        # Only a row that records a hash of its own is kept beside the first.
        kept = [
            r
            for r in rows
            if r.tombstone
            or (
                r is not first
                and r.recorded_hash not in ("", expected_cells(entry, first)["sha256"])
            )
        ]
        lines += [
            ((r.number, r.id, n + 1), render_cells(r.cells, r.link))
            for n, r in enumerate(kept)
        ]
    for rows in old.values():
        lines += [
            ((r.number, r.id, n), render_cells(r.cells, r.link))
            for n, r in enumerate(rows)
        ]
    lines.sort(key=lambda pair: pair[0])
    return "\n".join([HEADER_LINE, SEPARATOR_LINE, *(line for _, line in lines)]) + "\n"


def rendered_index(entries: list[Entry], index: IndexFile | None) -> str:
    """The whole INDEX.md with a fresh table: the maintainers' text kept, or
    a short preamble for a new file."""
    region = render_region(entries, index)
    if index is None:
        return f"{PREAMBLE}{START}\n{region}{END}\n"
    if index.region is None:
        text = index.text
        separator = (
            ""
            if not text or text.endswith("\n\n")
            else ("\n" if text.endswith("\n") else "\n\n")
        )
        return f"{text}{separator}{START}\n{region}{END}\n"
    start, end = index.region
    return index.text[:start] + region + index.text[end:]


def tombstone_cells(row: Row, date: str, reason: str) -> dict[str, str]:
    return {
        "id": row.id,
        "date": row.cell("date"),
        "title": f"retracted {date}: {' '.join(reason.split())}",
        "source": "",
        "cites": "",
        "pseudonyms": "",
        "sha256": row.recorded_hash,
    }
