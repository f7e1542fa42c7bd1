"""Findings as values: what a rule yields, and what the linter reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from functools import cache


class ByValues:
    """A slotted dataclass pickled as its class and its field values, in
    order: loading the cache's records this way takes about half the time of
    the state dictionaries that slotted dataclasses are pickled with."""

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in _names(type(self)))


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (code-point offsets) with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A change that resolves a finding. `safe` fixes run with --fix; unsafe ones
    need --unsafe-fixes as well.  No fix may touch a seed's body."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """What a rule yields: a span of the document's text and a message.

    `start`/`end` are code-point offsets into the decoded file (end exclusive)."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(order=True, slots=True)
class Diagnostic(ByValues):
    """A finding placed in a file, with the rule's code, name and severity attached.
    Lines and columns are 1-based, columns count code points, the end is exclusive.

    Not frozen: a run makes one for every finding, and a frozen dataclass
    costs four times as much to build (5.5 against 1.3 us); nothing changes
    one once it is made (`dataclasses.replace` makes another)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    source: str = field(
        default="", compare=False
    )  # the text of `line`, or a window of it
    source_start: int = field(
        default=0, compare=False
    )  # the column before `source` begins

    @property
    def span_text(self) -> str:
        """The text the span covers on its first line."""
        end = (
            self.end_column
            if self.end_line == self.line
            else self.column + len(self.source)
        )
        return self.source[
            self.column - 1 - self.source_start : end - 1 - self.source_start
        ]

    @property
    def fixable(self) -> bool:
        """`checks --fix` fixes it (its fix is safe)."""
        return self.fix is not None and self.fix.safe

    @property
    def unsafe_fixable(self) -> bool:
        """Only `checks --fix --unsafe-fixes` fixes it."""
        return self.fix is not None and not self.fix.safe

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fixable,
            "unsafe_fix": self.unsafe_fixable,
        }


@dataclass(frozen=True, slots=True)
class Place(ByValues):
    """A span in some file of the corpus (a seed or INDEX.md), as a reader sees it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    source: str = ""


@dataclass(frozen=True)
class CorpusFinding:
    """What a corpus-wide rule yields.  `seeds` names the seeds it is about, so
    that a run over some seeds keeps the findings that concern them; `seed` and
    `text` say which header's `accept` entries may drop it, and on which text."""

    place: Place
    message: str
    seeds: frozenset[str] = frozenset()
    fix: Fix | None = None
    seed: str | None = None
    text: str = ""


SOURCE_WINDOW = 160


def source_window(line: str, column: int, end_column: int) -> tuple[str, int]:
    """The part of a long line worth keeping for an excerpt: the span and
    SOURCE_WINDOW characters each side; and how many characters were cut
    from its start."""
    if len(line) <= 2 * SOURCE_WINDOW + max(0, end_column - column):
        return line, 0
    start = max(0, column - 1 - SOURCE_WINDOW)
    end = min(len(line), max(end_column, column) - 1 + SOURCE_WINDOW)
    return line[start:end], start
