"""Reading a body as prose: paragraphs, sentences and direct quotes.

Paragraphs are separated by blank lines (by line breaks in a text that has no
blank line).  Sentences end at ., ! or ? (with any closing quote or bracket)
followed by white space and a capital, a digit or an opening quote; not after
an abbreviation or an initial ("Mr.", "U.S.", "J. Smith").  A sentence may
hold a quote that runs across several of its own sentences: boundaries inside
a quote are kept, since the quote's attribution is what matters.

Quotes are found in every common style: straight and curly double quotes,
low-high quotes (closed with a curly mark either way), guillemets single and
double, the double prime and the fullwidth mark some keyboards give, single
quotes (nested in double ones, or on their own as some outlets write),
dialogue led by a dash when a reporting word tags it, and the news convention
of a quote that goes on over several paragraphs, reopened at each
paragraph's start and closed only at its end.
An apostrophe (it's, soldiers') is not a quote mark.  A mark that opens and
never closes, a close with no open, or a quote opened in one style and closed
in another is a problem, with its span.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from checks.detect.phrases import ABBREVIATIONS, CUE_WORDS

# A line ends with LF, CR LF, or a CR alone (as old files do); a line or
# paragraph separator (U+2028, U+2029) breaks it too, so that no break the
# reader sees can hide from the prose reader.  Most texts break lines with LF
# alone and are read with the patterns that start with it, which re finds far
# faster than the alternations the others need.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_BLANK_LINE = re.compile(r"\n[ \t]+\n")
_LINE_BREAK = re.compile(r"\n\s*")
_ANY_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*|\u2029\s*")
_ANY_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)|\u2029")
_ANY_LINE_BREAK = re.compile(r"(?:\r\n|\r|\n|\u2028|\u2029)\s*")
# A run of end marks is matched whole, from its first mark and without giving
# any back: a line of 60,000 dots is read once, not once per dot.
_BOUNDARY = re.compile(
    r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019\u00bb\u201c\u203a\u2033\uff02)\]]*+"
    r"(?=\s+[\"'\u201c\u2018\u00ab\u201e\u2039\u2033\uff02(\[]?[A-Z0-9\u00c0-\u024f])"
)
_BEFORE_NUMBERS = frozenset({"no", "nos", "vol", "pp", "fig", "art"})
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")

# Quote marks: what each opens or closes, and its style.
_DOUBLE_OPEN = {"\u201c": "curly", "\u00ab": "guillemet", "\u201e": "low"}
_DOUBLE_CLOSE = {"\u201d": "curly", "\u00bb": "guillemet"}
# Marks that open when no quote is open and close the one that is: the
# straight quote, the double prime some keyboards give, the fullwidth quote.
_TOGGLES = {'"': "straight", "\u2033": "prime", "\uff02": "fullwidth"}
_SINGLE_OPEN = "\u2018\u2039"  # curly, single guillemet
_MARKS = re.compile(
    "[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2033\uff02\u2039\u203a]"
)
_REOPENS = '"\u201c\u00ab\u201e\u2033\uff02'  # marks that reopen a quote running on
# Dialogue led by a dash: "\u2014 Where to? \u2014 asked the driver."
_DIALOGUE_DASH = re.compile(r"[\u2014\u2013\u2015][ \u00a0]")
_DIALOGUE_TAG = re.compile(r"[ \u00a0][\u2014\u2013\u2015][ \u00a0]")
_STYLE_PAIRS = {
    ("curly", "curly"),
    ("guillemet", "guillemet"),
    ("low", "curly"),
    ("straight", "straight"),
    ("prime", "prime"),
    ("fullwidth", "fullwidth"),
    ("low", "low"),  # German: \u201e...\u201c
}


class Quote(NamedTuple):
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end, if it runs on)
    paragraph: int
    runs_on: bool = False  # continues in the next paragraph, reopened there
    continues: bool = False  # reopened at this paragraph's start, from the last

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


@dataclass(frozen=True)
class QuoteProblem:
    start: int
    end: int
    message: str


@dataclass
class Prose:
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    problems: list[QuoteProblem] = field(default_factory=list)

    def sentences_of(self, index: int) -> list[tuple[int, int]]:
        """The sentences of paragraph `index`, split the first time they are
        asked for (most paragraphs never are)."""
        found = self._split.get(index)
        if found is None:
            found = self._split[index] = split_sentences(
                self.text, *self.paragraphs[index]
            )
        return found

    def is_heading(self, index: int) -> bool:
        """A short line with no closing punctuation: a title, not prose."""
        return self._headings[index]

    @cached_property
    def _headings(self) -> list[bool]:
        text = self.text
        return [
            not _ANY_LINE_BREAK.search(text, start, end)
            and text[end - 1 : end] not in ".!?:\"'\u201d\u2019)"
            and len(text[start:end].split()) <= 15
            for start, end in self.paragraphs
        ]

    def paragraph_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    @cached_property
    def _split(self) -> dict[int, list[tuple[int, int]]]:
        return {}

    def outside_quotes(self, start: int, end: int) -> str:
        """The text of [start, end) with every quote blanked out (same length)."""
        chars = list(self.text[start:end])
        for q in self.quotes:
            lo, hi = max(q.start, start), min(q.end, end)
            for i in range(lo, hi):
                chars[i - start] = " "
        return "".join(chars)

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i].end

    def quote_within(self, start: int, end: int) -> bool:
        """Whether any quote overlaps [start, end)."""
        i = bisect.bisect_left(self.quote_starts, start)
        return self.in_quote(start) or (
            i < len(self.quotes) and self.quotes[i].start < end
        )

    @cached_property
    def quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]


def read_prose(text: str) -> Prose:
    prose = Prose(text, paragraphs=split_paragraphs(text))
    _find_quotes(prose)
    return prose


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    if "\r" in text or "\u2029" in text or "\u2028" in text:
        paragraph, blank, line = _ANY_PARAGRAPH_BREAK, _ANY_BLANK_LINE, _ANY_LINE_BREAK
    else:
        paragraph, blank, line = _PARAGRAPH_BREAK, _BLANK_LINE, _LINE_BREAK
    breaks = paragraph if "\n\n" in text or blank.search(text) else line
    spans, start = [], 0
    for m in breaks.finditer(text):
        if text[start : m.start()].strip():
            spans.append(_stripped(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_stripped(text, start, len(text)))
    return spans


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        if _abbreviation(text, begin, m.start(), m.group(0)):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        spans.append((begin, end))
    return spans


def _abbreviation(text: str, begin: int, at: int, mark: str) -> bool:
    """Whether the full stop at `at` ends an abbreviation or an initial."""
    if mark[0] != "." or (len(mark) > 1 and mark[1] == "."):
        return False
    start = (
        max(
            text.rfind(" ", begin, at),
            text.rfind("\n", begin, at),
            text.rfind("(", begin, at),
        )
        + 1
    )
    token = text[max(start, begin) : at]
    if not token or not token[0].isalpha():
        return False
    if len(token) == 1:
        return token.isupper()  # an initial: "J. Smith"
    lowered = token.lower()
    if lowered in _BEFORE_NUMBERS:
        return text[at + 1 : at + 3].strip()[:1].isdigit()  # "No. 442", not "said no."
    return lowered in ABBREVIATIONS or (
        "." in token and _DOTTED.fullmatch(token) is not None
    )


# Quotes ---------------------------------------------------------------------------


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # it's, don't, O'Brien
    if (
        before.isalpha()
        and before.lower() == "s"
        and (after.isspace() or after in ",.;:")
    ):
        return True  # the soldiers' families (a possessive, which a closing single quote rarely follows)
    if after.isdigit() and (before.isspace() or before == "("):
        return True  # the '90s
    return False


def _opens(text: str, i: int) -> bool:
    """Whether a straight or single mark at i opens (else it closes)."""
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{\u2014\u2013-/" or i == 0


def _find_quotes(prose: Prose) -> None:
    text = prose.text
    carried: str | None = (
        None  # the style of a quote running on from the last paragraph
    )
    in_dialogue = False  # the paragraph before is a line of dialogue
    for index, (start, end) in enumerate(prose.paragraphs):
        continues = carried is not None and _reopened(prose, start, end)
        carried = _paragraph_quotes(prose, index, continues)
        if _DIALOGUE_DASH.match(text, start) and (
            not prose.quotes or prose.quotes[-1].end <= start
        ):
            in_dialogue = _dialogue(prose, index, in_dialogue)
        else:
            in_dialogue = False
    if carried is not None:
        last = prose.quotes[-1]
        prose.problems.append(
            QuoteProblem(last.start, last.start + 1, "this quote is never closed")
        )
    prose.quotes.sort(key=lambda q: q.start)


def _reopened(prose: Prose, start: int, end: int) -> bool:
    """Whether the paragraph at `start` reopens the quote the one before left
    open, as a quote that runs on over paragraphs is written; else that quote
    is never closed."""
    first = prose.text[start] if start < end else ""
    if first in _REOPENS:
        return True
    previous = prose.quotes[-1]
    prose.problems.append(
        QuoteProblem(previous.start, previous.start + 1, "this quote is never closed")
    )
    return False


@dataclass(slots=True)
class _Marks:
    """What is open in a paragraph as its quote marks are read: a double
    quote (where, in which style) and a single one."""

    index: int  # the paragraph's
    start: int
    continues: bool  # the paragraph reopens a quote that runs on
    at: int | None = None
    style: str = ""
    single_at: int | None = None


def _paragraph_quotes(prose: Prose, index: int, continues: bool) -> str | None:
    """The quotes of paragraph `index`, and the problems of its marks, added
    to `prose`; the style of a quote left open at its end (it runs on)."""
    text = prose.text
    start, end = prose.paragraphs[index]
    marks = _Marks(index, start, continues)
    for m in _MARKS.finditer(text, start, end):
        i, mark = m.start(), m.group(0)
        if mark in "'\u2018\u2019\u2039\u203a":
            _single(prose, marks, i, mark)
        else:
            _double(prose, marks, i, mark)
    if marks.at is None:
        return None
    prose.quotes.append(
        Quote(
            marks.at,
            end,
            index,
            runs_on=True,
            continues=continues and marks.at == start,
        )
    )
    return marks.style


def _single(prose: Prose, marks: _Marks, i: int, mark: str) -> None:
    text = prose.text
    if mark in "'\u2019" and _is_apostrophe(text, i):
        return
    if mark in _SINGLE_OPEN or (mark == "'" and _opens(text, i)):
        if marks.single_at is None:
            marks.single_at = i
    elif marks.single_at is not None:
        if marks.at is None:  # a single-quoted quote on its own
            prose.quotes.append(Quote(marks.single_at, i + 1, marks.index))
        marks.single_at = None


def _double(prose: Prose, marks: _Marks, i: int, mark: str) -> None:
    text = prose.text
    if mark == "\u201c" and marks.style == "low" and marks.at is not None:
        style = "low"  # closes a low quote, as German does
    elif mark in _DOUBLE_OPEN or (mark in _TOGGLES and marks.at is None):
        if marks.at is not None:
            prose.problems.append(
                QuoteProblem(
                    marks.at,
                    marks.at + 1,
                    "this quote is opened again before it is closed",
                )
            )
        marks.at, marks.single_at = i, None
        marks.style = _DOUBLE_OPEN.get(mark) or _TOGGLES[mark]
        return
    else:
        style = _DOUBLE_CLOSE.get(mark) or _TOGGLES.get(mark, "straight")
    if marks.at is None:
        prose.problems.append(
            QuoteProblem(i, i + 1, "a closing quote mark with no opening one")
        )
        return
    if (marks.style, style) not in _STYLE_PAIRS:
        prose.problems.append(
            QuoteProblem(
                marks.at,
                i + 1,
                f"a quote opened with {text[marks.at]!r} is closed with {mark!r}",
            )
        )
    first_of_paragraph = marks.at == marks.start
    prose.quotes.append(
        Quote(
            marks.at,
            i + 1,
            marks.index,
            continues=marks.continues and first_of_paragraph,
        )
    )
    marks.at = None


def _dialogue(prose: Prose, index: int, going_on: bool) -> bool:
    """A paragraph led by a dash, as dialogue is written in many languages:
    "\u2014 Where to? \u2014 asked the driver."  The words run to the next
    spaced dash, or to the paragraph's end.  It is speech when a reporting
    word tags it after that dash, or when it follows a line that is; else
    the dash is only a dash (a list, a dateline).  Whether it is speech."""
    text = prose.text
    start, end = prose.paragraphs[index]
    closing = _DIALOGUE_TAG.search(text, start + 2, end)
    if closing is not None:
        word = text[closing.end() : end].split(maxsplit=1)[:1]
        tagged = bool(word) and word[0].strip(",.").lower() in CUE_WORDS
        if tagged or going_on:
            prose.quotes.append(Quote(start, closing.start() + 2, index))
            return True
        return False
    if going_on:
        prose.quotes.append(Quote(start, end, index))
        return True
    return False
