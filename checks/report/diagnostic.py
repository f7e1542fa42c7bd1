"""Findings as values: what a rule yields, and what the linter reports."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter


class ByValues:
    """A slotted dataclass pickled as its class and its field values, in
    order: loading the cache's records this way takes about half the time of
    the state dictionaries that slotted dataclasses are pickled with."""

    __slots__ = ()

    def __reduce__(self):
        return type(self), _values(type(self))(self)


@cache
def _values(cls: type) -> Callable[[object], tuple]:
    """The function that reads an instance's field values, in order, as a
    tuple (in C: a run sends back millions of these)."""
    names = [f.name for f in fields(cls)]
    if len(names) == 1:
        return lambda value: (getattr(value, names[0]),)
    return attrgetter(*names)


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

    def reported(self) -> Fix:
        """What a report needs of the fix once its seed is checked (and fixed,
        if asked): whether it is safe.  Its edits are not sent back from the
        process that checked the seed, nor cached."""
        return SAFE_FIX if self.safe else UNSAFE_FIX

    def __reduce__(self):
        if self is SAFE_FIX or self is UNSAFE_FIX:
            return "SAFE_FIX" if self.safe else "UNSAFE_FIX"
        return Fix, (self.description, self.edits, self.safe)


# The fixes a checked seed's diagnostics carry: pickled by name.
SAFE_FIX = Fix("a safe fix", ())
UNSAFE_FIX = Fix("an unsafe fix", (), safe=False)


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
    costs four times as much to build (5.5 against 1.3 us).  Nothing changes
    one once its seed is checked (`dataclasses.replace` makes another); until
    then, the checker keeps only what a report needs of its fix."""

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


def as_reported(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A checked seed's diagnostics as they leave its checker, each fix
    replaced by what a report needs of it (`Fix.reported`)."""
    for d in diagnostics:
        if d.fix is not None:
            d.fix = d.fix.reported()
    return diagnostics


# The order diagnostics are reported in, as their comparison has it, read in
# C: sorting by it takes a fraction of the time the comparison methods do.
ORDER = attrgetter("path", "line", "column", "end_line", "end_column", "code")


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


# An excerpt shows at most EXCERPT_WIDTH characters of a line, from
# EXCERPT_LEAD before the span (or the line's last EXCERPT_WIDTH, near its end).
EXCERPT_WIDTH = 120
EXCERPT_LEAD = 40


def source_window(
    text: str, column: int, end_column: int, lo: int = 0, hi: int | None = None
) -> tuple[str, int]:
    """The part of a long line, text[lo:hi] (all of `text` by default), that
    an excerpt can show: the span, EXCERPT_WIDTH characters before it and one
    more after it than an excerpt shows (so that it knows whether the line
    goes on); and how many characters were cut from the line's start."""
    hi = len(text) if hi is None else hi
    before, after = EXCERPT_WIDTH, EXCERPT_WIDTH - EXCERPT_LEAD + 1
    if hi - lo <= before + after + max(0, end_column - column):
        return text[lo:hi], 0
    start = max(0, column - 1 - before)
    end = min(hi - lo, max(max(end_column, column) - 1 + after, EXCERPT_WIDTH + 1))
    return text[lo + start : lo + end], start
