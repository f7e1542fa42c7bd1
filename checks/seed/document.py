"""One seed: its exact bytes, its header, its body and the map from offsets to
lines and columns.

The canonical form is YAML front matter: a line `---`, the header, a line
`---`, then the body, which is exactly the bytes after that closing line.  The
legacy form (` date YYYY-MM-DD ` before the text on the first line) is read
too, so that it can be reported and migrated.  A file that is not valid UTF-8
is decoded with surrogate escapes, so that every byte keeps a position.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_LEGACY = re.compile(
    r"\ufeff?[ \t]*date[ \t]+([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ \t]+|\r?\n)"
)
# What ends a line, for every file `checks` reports on (an editor's view).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Positions this near the start (the header, mostly) are found by scanning
# from it; past them the lines are mapped once, so that the cost of placing a
# finding does not grow with the file.
_NEAR = 512


class HeaderForm(enum.Enum):
    FRONT_MATTER = "front matter"
    LEGACY = "legacy"
    UNTERMINATED = "unterminated"
    NONE = "none"


class Document:
    """A seed as read from disk.  `text` offsets are code points; `body` is bytes."""

    def __init__(
        self,
        path: Path,
        raw: bytes,
        display: str | None = None,
        unread: str | None = None,
    ):
        self.path = path
        self.display = display if display is not None else str(path)
        # Why the file was not read (its `raw` is then empty), or None.
        self.unread = unread
        self.raw = raw
        try:
            self.text = raw.decode("utf-8")
            self.utf8 = True
        except UnicodeDecodeError:
            self.text = raw.decode("utf-8", "surrogateescape")
            self.utf8 = False
        self.has_bom = self.text.startswith("\ufeff")
        self.form = HeaderForm.NONE
        self.header_start = self.header_end = self.body_start = 0
        self.legacy_date: str | None = None
        self._split()
        body_byte = len(self.text[: self.body_start].encode("utf-8", "surrogateescape"))
        self.body = raw[body_byte:]
        self._derived: dict[str, Any] = {}

    def _split(self) -> None:
        text = self.text
        opening = _OPEN.match(text)
        if opening:
            self.header_start = opening.end()
            closing = _CLOSE.search(text, self.header_start)
            if closing is None:
                self.form = HeaderForm.UNTERMINATED
                self.header_end = self.body_start = len(text)
            else:
                self.form = HeaderForm.FRONT_MATTER
                self.header_end, self.body_start = closing.start(), closing.end()
            return
        legacy = _LEGACY.match(text)
        if legacy:
            self.form = HeaderForm.LEGACY
            self.legacy_date = legacy.group(1)
            self.header_start = 1 if self.has_bom else 0
            self.header_end = self.body_start = legacy.end()

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def header_text(self) -> str:
        return (
            self.text[self.header_start : self.header_end]
            if self.form is HeaderForm.FRONT_MATTER
            else ""
        )

    @cached_property
    def loaded(self):
        """The header's YAML as plain data with spans (see checks.seed.header)."""
        from checks.seed.header import LoadedHeader, load_header

        if self.form is not HeaderForm.FRONT_MATTER:
            return LoadedHeader()
        return load_header(self.header_text)

    @property
    def data(self) -> Any:
        return self.loaded.data

    @cached_property
    def validation(self):
        """(SeedHeader or None, schema problems); see checks.seed.schema."""
        from checks.seed.schema import validate

        if self.data is None:
            return None, []
        return validate(self.data)

    @property
    def header(self):
        """The validated header, or None when it is missing or breaks the schema."""
        return self.validation[0]

    def key_span(self, path: tuple[Any, ...]) -> tuple[int, int] | None:
        span = self.loaded.keys.get(path)
        return (
            None
            if span is None
            else (span[0] + self.header_start, span[1] + self.header_start)
        )

    def value_span(self, path: tuple[Any, ...]) -> tuple[int, int] | None:
        span = self.loaded.values.get(path)
        return (
            None
            if span is None
            else (span[0] + self.header_start, span[1] + self.header_start)
        )

    def field_span(self, path: tuple[Any, ...]) -> tuple[int, int]:
        """Where a header field is written: its key, else its value, else the
        nearest enclosing field that is written, else the opening `---`."""
        while path:
            span = self.key_span(path) or self.value_span(path)
            if span:
                return span
            path = path[:-1]
        return self.opening_span

    @property
    def opening_span(self) -> tuple[int, int]:
        start = 1 if self.has_bom else 0
        return start, start + 3

    @cached_property
    def _line_starts(self) -> list[int]:
        text = self.text
        if self._has_cr:
            return [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        lengths = map(len, text.split("\n")[:-1])
        return [0, *itertools.accumulate(map((1).__add__, lengths))]

    @cached_property
    def _has_cr(self) -> bool:
        return "\r" in self.text

    def _line_of(self, offset: int) -> tuple[int, int]:
        """The 1-based line of a text offset (already within the text) and the
        offset its line starts at: counted near the top, where most header
        findings are, else read from the lines mapped once."""
        if offset < _NEAR and not self._has_cr and "_line_starts" not in self.__dict__:
            text = self.text
            return text.count("\n", 0, offset) + 1, text.rfind("\n", 0, offset) + 1
        starts = self._line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, starts[index]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a text offset."""
        offset = max(0, min(offset, len(self.text)))
        line, lo = self._line_of(offset)
        return line, offset - lo + 1

    def place(self, start: int, end: int) -> tuple[int, int, int, int, int, int]:
        """Line and column of both ends of a span, and where the text of its
        first line starts and stops (its line break left out): what a finding
        needs, with one search for the line and one for its end."""
        text = self.text
        start = max(0, min(start, len(text)))
        line, lo = self._line_of(start)
        if self._has_cr:
            found = LINE_BREAK.search(text, lo)
            hi = found.start() if found else len(text)
        else:
            hi = text.find("\n", lo)
            hi = len(text) if hi < 0 else hi
        if start <= end <= hi:
            return line, start - lo + 1, line, end - lo + 1, lo, hi
        return (line, start - lo + 1, *self.position(end), lo, hi)

    def derived(self, key: str, compute: Callable[[Document], Any]) -> Any:
        """Compute an analysis of this document once and share it between rules."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute(self)
            return value
