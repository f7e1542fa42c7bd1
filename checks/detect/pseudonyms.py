"""Finding the names a text marks as not real, and every mention of them.

The detector reads a body (a str) and returns what it found: each pseudonym
with the span of its name where a marker flags it, the markers that name
nobody, and every mention of each pseudonym.  It is pure: no header, no file.

Markers are a table of phrases (checks.detect.phrases), each with a kind that says
how to find the person it is about: the name before an aside or a relative
clause, the subject of the sentence (or the person a pronoun refers back to),
the object of a verb of calling, the people a note introduces.  A name is one
to four capitalised words (with particles such as "de" or "al" between them),
an initial, or a title with a name ("Mrs B"); the title is kept off when the
text also writes the bare name.

Names are read after normalising the text (NFKC, invisible characters such as
a zero-width space or a soft hyphen removed), so "Dar\u00ada" with a hidden
character is still "Daria"; spans point into the text as it was.  Most bodies
carry no marker at all, so one RE2 pass over all the markers runs first.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from checks.detect.names import (
    QUOTES,
    WORD,
    is_name,
    name_after,
    name_before,
    name_ending,
)
from checks.detect.phrases import (
    COMMON_VERBS,
    KNOWN_OUTLETS,
    NATIONALITIES,
    NOT_NAMES,
    NOT_PERSON_AFTER,
    OFFICIAL_ROLES,
    ORGANISATION_WORDS,
    PROTECTIVE_PURPOSE,
    PSEUDONYM_EXEMPTIONS,
    PSEUDONYM_MARKERS,
    TITLES,
)

# The screen's patterns after the markers: an asterisk after a name, a name
# said not to be changed, and what makes a text worth normalising.
_STAR, _EXCEPTION, _NORMALISE = (len(PSEUDONYM_MARKERS) + i for i in range(3))
# Kinds of marker that are reported as naming nobody when no name is found.
_MARKS_EVEN_ALONE = ("aside", "footnote", "blanket", "names_of")
_CLAUSE_START = re.compile(r",\s+(?:\d{1,3},\s+)?(?:who|whose)\b")
_POSSESSIVE_NAME = re.compile(r"(?:'s|\u2019s)\s+names?\b")
# Between names in a list: "A, B and C", "A and his sister B", "A and his wife, B".
_JOINER = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:(?:his|her|their)\s+[a-z]+,?\s+)?$"
)
_JOINER_AFTER = re.compile(
    r"[\"'\u201d\u2019]?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:(?:his|her|their)\s+[a-z]+,?\s+)?(?=[\"'\u201c\u2018]?[^\W\d_])"
)
_CALLED_THING = re.compile(r"(?:the|this|that|a|an)(?:\s+[a-z]+){1,2}\s+(?=[^\W\d_])")
_STARRED = re.compile(r"(?<=[^\W\d_])\*")
_SENTENCE_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*)\s|\n\s*\n")
_CLAUSE_BOUNDARY = re.compile(
    r"[.!?](?:[\"'\u201d\u2019)\]]*)\s|[,;:()\[\]\u2013\u2014\n]|\s-\s"
)
_PLURAL = re.compile(r"\b(?:names|their|these|both|they|all)\b", re.IGNORECASE)
_SINGULAR_PRONOUN = re.compile(r"\b(?:his|her)\b", re.IGNORECASE)
# A note that names were changed, not only kept back ("(name withheld)").
_NAMES_NOTE = re.compile(
    r"\bnames?\b[^)\]]{0,80}?\b(?:changed|altered|falsified|replaced)\b", re.IGNORECASE
)
_SOME = re.compile(r"^\W*(?:some|many|several|other|most)\b", re.IGNORECASE)
_ALL = re.compile(r"\ball\b", re.IGNORECASE)
_EXCEPTED = re.compile(
    r"(?:'s|\u2019s)\s+(?:was\s+not|wasn't|wasn\u2019t|were\s+not|weren't|weren\u2019t|is\s+not|isn't|isn\u2019t|has\s+not|hasn't|hasn\u2019t)\b"
)
# What may stand between a subject and the verb a marker starts with.
_SUBJECT_GAP = frozenset(
    "also has had have then later previously once still always is was who , ".split()
)
_PRONOUNS = frozenset("he she they it that this these those i".split())
_PLURAL_PRONOUNS = frozenset("they these those their".split())
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\U000e0000-\U000e007f]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# What makes a text worth normalising before it is read: an invisible
# character, a combining mark (a decomposed letter), a ligature or a
# fullwidth form.  Curly quotes and dashes, in most texts, are not.
_NEEDS_NORMALISING = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\U000e0000-\U000e007f"
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ufb00-\ufb4f\uff00-\uffef]"
)


@dataclass(frozen=True)
class Pseudonym:
    name: str  # as normalised (NFKC, no invisible characters)
    start: int  # the name where the marker flags it (code-point offsets)
    end: int
    marker: tuple[int, int]


@dataclass
class Found:
    pseudonyms: list[Pseudonym] = field(default_factory=list)
    unresolved: list[tuple[int, int]] = field(default_factory=list)  # markers

    @property
    def names(self) -> list[str]:
        """Each name once, in the order the text flags them."""
        return list(dict.fromkeys(p.name for p in self.pseudonyms))


# Normalising --------------------------------------------------------------------


def normal_name(name: str) -> str:
    """A name as the detector reads it: NFKC, no invisible characters, one
    space between words.  Two names that print alike compare equal."""
    return " ".join(_INVISIBLE.sub("", unicodedata.normalize("NFKC", name)).split())


class _View:
    """A text as the detector reads it (NFKC, invisible characters removed),
    with the way back to offsets in the text as written."""

    def __init__(self, text: str, normalise: bool):
        """`normalise` is whether the text holds what _NEEDS_NORMALISING
        finds (the caller knows it from an RE2 screen of the bytes)."""
        self.original = text
        self.text = text
        self._breaks: list[int] | None = None  # offsets in self.text
        self._shift: list[int] = []  # original minus normalised, from each break on
        if not normalise:
            return
        pieces, breaks, shift = [], [0], [0]
        done = 0
        length = 0
        for run in _NON_ASCII.finditer(text):
            start = run.start()
            # a combining mark joins the character before it
            if start > done and unicodedata.combining(text[start]):
                start -= 1
            normal = _INVISIBLE.sub(
                "", unicodedata.normalize("NFKC", text[start : run.end()])
            )
            if normal == text[start : run.end()]:
                continue
            pieces.append(text[done:start])
            length += start - done
            pieces.append(normal)
            length += len(normal)
            breaks.append(length)
            shift.append(run.end() - length)
            done = run.end()
        if done == 0:
            return  # nothing the normal form changes
        pieces.append(text[done:])
        self.text = "".join(pieces)
        self._breaks, self._shift = breaks, shift

    def back(self, offset: int) -> int:
        """The offset in the written text of `offset` in the normalised one
        (a character made from several maps to the first of them)."""
        if self._breaks is None:
            return offset
        i = bisect.bisect_right(self._breaks, offset) - 1
        return min(offset + self._shift[i], len(self.original))


# Detecting ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _normalising():
    from checks.detect.patterns import PatternSet

    return PatternSet([_NEEDS_NORMALISING])


@lru_cache(maxsize=1)
def _compiled() -> tuple:
    from checks.detect.patterns import PatternSet

    kinds = tuple(kind for kind, _ in PSEUDONYM_MARKERS)
    screen = PatternSet(
        [pattern for _, pattern in PSEUDONYM_MARKERS]
        + [_STARRED, _EXCEPTED, _NEEDS_NORMALISING],
        re.IGNORECASE,
    )
    exemptions = re.compile("|".join(PSEUDONYM_EXEMPTIONS), re.IGNORECASE)
    protective = re.compile(PROTECTIVE_PURPOSE, re.IGNORECASE)
    return kinds, screen, exemptions, protective


def detect(text: str, raw: bytes | None = None, full: bool = False) -> Found:
    """The pseudonyms a body flags.  `raw` is the body's bytes when the caller
    has them (it saves encoding the text again).  The markers are first
    screened all at once with RE2; `full` skips that screen and runs every
    pattern (the same result, slower: for tests)."""
    found = Found()
    kinds, screen, exemptions, protective = _compiled()
    if full:
        candidates = range(len(screen))
        view = _View(text, bool(_NEEDS_NORMALISING.search(text)))
    else:
        if raw is None:
            raw = text.encode("utf-8", "surrogatepass")
        candidates = screen.matching(raw)
        view = _View(text, _NORMALISE in candidates)
        if view.text is not text:  # screened again, as it is read
            candidates = screen.matching(view.text.encode("utf-8", "surrogatepass"))
        if not candidates:
            return found
    text = view.text
    reader = _Reader(text, protective)
    seen: set[tuple[int, int]] = set()
    kinds_seen: set[str] = set()
    for index in sorted(candidates):
        if index >= len(kinds):
            continue  # the asterisk, exception and normalising screens: below
        kind = kinds[index]
        if full:
            matches = screen.pattern(index).finditer(text)
        else:
            matches = screen.finditer(index, text)
        for m in matches:
            kinds_seen.add(kind)
            names = reader.resolve(kind, m)
            if names is None:
                continue
            if _exempt(text, m, exemptions):
                continue
            marker = _trimmed(m, text)
            if not names:
                if kind in _MARKS_EVEN_ALONE and marker not in seen:
                    found.unresolved.append(marker)
                    seen.add(marker)
                continue
            for start, end in names:
                if (start, end) not in seen:
                    seen.add((start, end))
                    found.pseudonyms.append(
                        Pseudonym(text[start:end], start, end, marker)
                    )
    if _STAR in candidates and "footnote" not in kinds_seen:
        _starred_without_note(text, found, seen)
    if _EXCEPTION in candidates:
        _drop_excepted(text, found)
    _drop_nobody_covered(found)
    _titles_off(text, found)
    if view.text is not view.original:
        found = _written(view, found)
    found.pseudonyms.sort(key=lambda p: p.start)
    found.unresolved.sort()
    return found


def _written(view: _View, found: Found) -> Found:
    back = view.back
    return Found(
        [
            Pseudonym(
                p.name,
                back(p.start),
                back(p.end),
                (back(p.marker[0]), back(p.marker[1])),
            )
            for p in found.pseudonyms
        ],
        [(back(s), back(e)) for s, e in found.unresolved],
    )


def _starred_without_note(text: str, found: Found, seen: set) -> None:
    """Names written "Yasmin*" (not emphasis such as *Yasmin*) when the text
    has no asterisk note of its own."""
    for star in _STARRED.finditer(text):
        after = text[star.end() : star.end() + 1]
        if after.isalnum() or after == "*":
            continue
        name = name_before(text, star.start())
        if name is None or (name[0] > 0 and text[name[0] - 1] == "*") or name in seen:
            continue
        seen.add(name)
        found.pseudonyms.append(Pseudonym(text[name[0] : name[1]], *name, star.span()))


def mentions(text: str, name: str) -> list[tuple[int, int]]:
    """Every place the name is written in the text, as whole words (any run
    of white space between its words; compared as normalised)."""
    view = _View(
        text,
        not text.isascii()
        and bool(_normalising().matching(text.encode("utf-8", "surrogatepass"))),
    )
    words = [re.escape(w) for w in normal_name(name).split()]
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    return [
        (view.back(m.start()), view.back(m.end()))
        for m in re.finditer(pattern, view.text)
    ]


def _trimmed(m: re.Match, text: str) -> tuple[int, int]:
    start, end = m.span()
    while start < end and text[start] in " \t\n,\u2013\u2014-":
        start += 1
    return start, end


def _drop_nobody_covered(found: Found) -> None:
    """A note that overlaps a marker resolved for a name ("Omar* ... *Names
    have been changed") is not also unresolved."""
    if not found.pseudonyms or not found.unresolved:
        return
    flagged = sorted({p.marker for p in found.pseudonyms})
    starts = [s for s, _ in flagged]
    # the furthest a flagged marker reaches, among those starting up to each
    reach = list(itertools.accumulate((e for _, e in flagged), max))
    kept = []
    for s, e in found.unresolved:
        last = bisect.bisect_left(starts, e) - 1  # the last to start before this ends
        if last < 0 or reach[last] <= s:
            kept.append((s, e))
    found.unresolved = kept


def _drop_excepted(text: str, found: Found) -> None:
    """A name the text says was not changed ("Tilde's was not") is its own."""
    if not found.pseudonyms:
        return
    excepted = {
        text[name[0] : name[1]]
        for m in _EXCEPTED.finditer(text)
        if (name := name_before(text, m.start()))
    }
    if excepted:
        found.pseudonyms = [p for p in found.pseudonyms if p.name not in excepted]


def _titles_off(text: str, found: Found) -> None:
    """ "Mr Ferro" is "Ferro" when the text also writes "Ferro" alone."""
    bare_too: dict[str, bool] = {}
    for i, p in enumerate(found.pseudonyms):
        first, _, rest = p.name.partition(" ")
        if not rest or first.lower().rstrip(".") not in TITLES:
            continue
        if p.name not in bare_too:
            bare_too[p.name] = _written_bare(text, rest)
        if bare_too[p.name]:
            found.pseudonyms[i] = Pseudonym(rest, p.end - len(rest), p.end, p.marker)


def _written_bare(text: str, name: str) -> bool:
    for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
        before = text[max(0, m.start() - 6) : m.start()].split()
        if not before or before[-1].lower().rstrip(".") not in TITLES:
            return True
    return False


def _exempt(text: str, m: re.Match, exemptions: re.Pattern) -> bool:
    """Whether the marker's own clause says the name is a persona or one taken
    in life, or the next sentence does of it ("It is a stage name")."""
    start, end = _clause_around(text, m.start(), m.end())
    if exemptions.search(text, start, end):
        return True
    # The predicate that follows an aside is said of the same person:
    # "Ada North, who writes under a pseudonym, is in fact ..."
    after = (
        _SPACE.match(text, end + 1) if end < len(text) and text[end] == "," else None
    )
    if after and exemptions.match(text, after.end()):
        return True
    follows = _REFERS_BACK.match(text, _sentence(text, m.end())[1])
    return bool(follows and exemptions.search(text, *_sentence(text, follows.end())))


_SPACE = re.compile(r"\s*")
_REFERS_BACK = re.compile(
    r"\s*(?:It|This|That|The\s+name)(?:'s|\u2019s|\s+(?:is|was))\b"
)


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause a marker stands in: from the boundary before it (a sentence's
    end, a comma, semicolon, colon, bracket or dash) to the one after."""
    floor = max(0, start - 300)
    begin = floor
    for m in _CLAUSE_BOUNDARY.finditer(text, floor, start + 1):
        begin = m.end()
    after = _CLAUSE_BOUNDARY.search(text, max(end - 1, start + 1), end + 300)
    return begin, after.start() if after else min(len(text), end + 300)


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max(0, at - 300)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, at)]
    start = ends[-1] if ends else start
    after = _SENTENCE_END.search(text, at, at + 300)
    return start, after.end() if after else min(len(text), at + 300)


# Resolving the names a marker is about -------------------------------------------


class _Reader:
    """Finds, for each marker, the names it is about in one text: [] when it
    names nobody, None when the match is not a marker after all."""

    def __init__(self, text: str, protective: re.Pattern):
        self.text = text
        self.protective = protective
        self.names = _Names(text)
        self._starred: list[tuple[int, int]] | None = None

    def resolve(self, kind: str, m: re.Match) -> list[tuple[int, int]] | None:
        names = getattr(self, "_" + kind)(m)
        if names:
            names = [_possessor(self.text, n) for n in names]
        return names

    def _aside(self, m: re.Match) -> list[tuple[int, int]] | None:
        text, inner = self.text, m.group(0)
        name = name_before(text, m.start())
        if name is None:
            if inner.lstrip()[:1] in "([" and _NAMES_NOTE.search(inner):
                return self._blanket(m) if _PLURAL.search(inner) else []
            return None
        joined = _JOINER.search(text, max(0, name[0] - 40), name[0])
        if joined and (_PLURAL.search(inner) or not _SINGULAR_PRONOUN.search(inner)):
            return _names_before(text, m.start())
        return [name]

    def _clause(self, m: re.Match) -> list[tuple[int, int]] | None:
        text = self.text
        name = name_before(text, _before_dash(text, m.start()))
        if name is None:
            sentence_start = _sentence(text, m.start())[0]
            starts = [
                c.start()
                for c in _CLAUSE_START.finditer(text, sentence_start, m.start() + 1)
            ]
            name = name_before(text, starts[-1]) if starts else None
        return [name] if name else None

    def _quoted(self, m: re.Match) -> list[tuple[int, int]] | None:
        text = self.text
        name = name_after(text, m.end())
        if (
            name
            and text[name[0] - 1] in QUOTES
            and text[name[1] : name[1] + 2].lstrip(".,")[:1] in QUOTES
        ):
            return [name]
        return None

    def _quoted_before(self, m: re.Match) -> list[tuple[int, int]] | None:
        name = name_before(self.text, m.start() + 1)
        if name and name[0] > 0 and self.text[name[0] - 1] in QUOTES:
            return [name]
        return None

    def _subject(self, m: re.Match) -> list[tuple[int, int]] | None:
        text = self.text
        lead = m.group(0).split(None, 1)[0].lower() if m.group(0).strip() else ""
        if lead in ("his", "her", "their"):
            return self._antecedent(m.start(), plural=lead == "their")
        at = m.start()
        tokens = list(WORD.finditer(text, max(0, at - 60), at))
        while tokens and tokens[-1].group(0).lower() in _SUBJECT_GAP:
            was_who = tokens[-1].group(0).lower() == "who"
            tokens.pop()
            if was_who:
                break
        end = tokens[-1].end() if tokens else at
        if tokens and tokens[-1].group(0).lower() in _PRONOUNS:
            pronoun = tokens[-1].group(0).lower()
            if pronoun in ("these", "those"):  # a list of people, or things
                names = self._antecedent(tokens[-1].start(), plural=True)
                return names if names and len(names) > 1 else None
            return self._antecedent(
                tokens[-1].start(), plural=pronoun in _PLURAL_PRONOUNS
            )
        names = _names_before(text, end)
        if names and _person_like(text, names[-1]):
            return names
        # A verb whose subject stands at the sentence's start: "But he
        # works ..., and wanted a pseudonym used".
        start = _sentence(text, at)[0]
        first = [
            t
            for t in WORD.finditer(text, start, at)
            if t.group(0).lower() not in ("but", "and", "so")
        ][:1]
        if first and first[0].group(0).lower() in _PRONOUNS - {"that", "this", "it"}:
            pronoun = first[0].group(0).lower()
            return self._antecedent(
                first[0].start(), plural=pronoun in _PLURAL_PRONOUNS
            )
        if not first:
            # A phrase that opens the sentence is about the subject after it:
            # "Speaking under a pseudonym, Corin said".
            comma = text.find(",", m.end(), m.end() + 80)
            name = name_after(text, comma + 1) if comma >= 0 else None
            if name and _person_like(text, name):
                return [name]
        return None

    def _antecedent(
        self, at: int, plural: bool = False
    ) -> list[tuple[int, int]] | None:
        """The person a pronoun at `at` refers back to: the last person named
        in the 600 characters before it (with the people joined to that one,
        for "they" and "their")."""
        text = self.text
        people = [
            n
            for n in self.names.running_names(max(0, at - 600), at)
            if _person_like(text, n)
        ]
        if not people:
            return None
        if plural:
            names = _names_before(text, people[-1][1])
            if len(names) > 1:
                return names
        return [people[-1]]

    def _called(self, m: re.Match) -> list[tuple[int, int]] | None:
        text = self.text
        after = _CALLED_THING.match(text, m.end())  # "calling the shop Greenway Stores"
        names = _names_after(text, after.end() if after else m.end())
        return names or None

    def _alias(self, m: re.Match) -> list[tuple[int, int]] | None:
        """An alias is a substitute only for a person the text names no other way."""
        text = self.text
        tokens = list(WORD.finditer(text, max(0, m.start() - 60), m.start()))
        while tokens and tokens[-1].group(0).lower() in ("who", ",", "also"):
            tokens.pop()
        if tokens:
            last = tokens[-1].group(0).lower()
            if last in _PRONOUNS and self._antecedent(tokens[-1].start()):
                return None
            if name_before(text, tokens[-1].end()):
                return None
        name = name_after(text, m.end())
        return [name] if name else None

    def _self(self, m: re.Match) -> list[tuple[int, int]] | None:
        name = name_after(self.text, m.end())
        if name and self.protective.search(
            self.text, name[1], _sentence(self.text, name[1])[1]
        ):
            return [name]
        return None

    def _possessive(self, m: re.Match) -> list[tuple[int, int]] | None:
        name = name_after(self.text, m.end())
        if name and _POSSESSIVE_NAME.match(self.text, name[1]):
            return [name]
        return None

    def _names_of(self, m: re.Match) -> list[tuple[int, int]]:
        return _names_in(self.text, m.start("names"), m.end("names"))

    def _footnote(self, m: re.Match) -> list[tuple[int, int]]:
        text = self.text
        if self._starred is None:
            self._starred = [
                name
                for star in _STARRED.finditer(text)
                if (name := name_before(text, star.start()))
            ]
        names = [n for n in self._starred if n[0] <= m.start()]
        if names:
            return names
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        within = [
            n
            for n in self.names.running_names(m.start(), line_end)
            if _person_like(text, n)
        ]
        if within:
            return within[:1]
        # The person the text is about: the first it introduces.
        first = self.names.introduced(0, m.start(), by_possession=True)
        return first[:1]

    def _blanket(self, m: re.Match) -> list[tuple[int, int]]:
        note = m.group(0)
        if _SOME.search(note):
            return []
        names = self.names.introduced(m.end(), m.end() + 1200)
        if names:
            return names
        if _ALL.search(note) or note.lstrip()[:1] in "([":
            paragraph = self.text.rfind("\n\n", 0, m.start())
            return self.names.introduced(max(0, paragraph, m.start() - 800), m.start())
        return []


class _Names:
    """The names of one text and the people it introduces, read once however
    many markers ask: what each capitalised word starts, the name there, and
    whether it introduces a person."""

    def __init__(self, text: str):
        self.text = text
        self._names: dict[int, tuple[int, int] | None] = {}
        self._introductions: dict[int, tuple[tuple[int, int, bool], ...]] = {}
        self._capitals: list[int] | None = None

    def name_at(self, at: int) -> tuple[int, int] | None:
        if at not in self._names:
            self._names[at] = name_after(self.text, at)
        return self._names[at]

    def capitals(self, start: int, end: int) -> list[int]:
        """Where the capitalised words between two offsets start (the text's
        list of them is made once)."""
        if self._capitals is None:
            text = self.text
            self._capitals = [
                m.start()
                for m in _WORD_START.finditer(text)
                if text[m.start()].isupper()
            ]
        starts = self._capitals
        return starts[
            bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)
        ]

    def running_names(self, start: int, end: int) -> list[tuple[int, int]]:
        """Every name between two offsets, skipping a sentence's capitalised
        first word unless a verb or a comma follows it ("Clearly that")."""
        text, spans, cursor = self.text, [], start
        for at in self.capitals(start, end):
            if at < cursor:
                continue
            name = self.name_at(at)
            if name is None or name[1] > end:
                continue
            cursor = name[1]
            if _opens_sentence(text, name[0]) and not _followed_as_subject(
                text, name[1]
            ):
                continue
            spans.append(name)
        return spans

    def introduced(
        self, start: int, end: int, by_possession: bool = False
    ) -> list[tuple[int, int]]:
        """The people introduced between two offsets, each name once, twelve
        at most: the names that stand as a sentence's or a clause's subject
        ("Kasimir was", "Twenty-year-old Sven had", "Ines \u2013 'we left'",
        "Mr Ferro, 40, is"), with the names listed with them, or in
        apposition after a person ("his aunt, Zora."); with `by_possession`,
        also a name whose sentence is only about something of theirs ("Anouk's
        rent")."""
        names: dict[str, tuple[int, int]] = {}
        for at in self.capitals(start, end):
            for s, e, possession in self._introduction(at):
                if e <= end and (by_possession or not possession):
                    names.setdefault(self.text[s:e], (s, e))
            if len(names) >= 12:
                break
        return list(names.values())

    def _introduction(self, at: int) -> tuple[tuple[int, int, bool], ...]:
        if at in self._introductions:
            return self._introductions[at]
        text, found = self.text, ()
        if not _AGED.match(text, at) and (
            _at_opening(text, at) or _LABEL.search(text, at, at + 60)
        ):
            name = self.name_at(at)
            labelled = name is not None and _LABEL.match(
                text, name[1]
            )  # "Ines \u2013 \u201cwe ..."
            if (
                name is None
                or not (labelled or _at_opening(text, at))
                or not _person_like(text, name)
                or _official(text, name)
            ):
                pass
            elif (
                labelled
                or _followed_as_subject(text, name[1])
                or _in_apposition(text, name)
            ):
                found = tuple(
                    (*n, False)
                    for n in _names_after(text, name[0])
                    if _person_like(text, n)
                )
            elif _POSSESSION.match(text, name[1]):
                found = ((*name, True),)
        self._introductions[at] = found
        return found


def _possessor(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """ "Nadia's Long Winter" names Nadia: a name does not hold a
    possessive followed by more words."""
    start, end = span
    m = re.search(r"(?:'s|\u2019s)\s", text[start:end])
    return (start, start + m.start()) if m else span


def _person_like(text: str, span: tuple[int, int]) -> bool:
    """Whether a name, where it stands, can be a person being spoken of: not
    an organisation, an outlet, an acronym or a nationality, and not after a
    preposition or article ("in Norway", "the Old Bridge")."""
    name = text[span[0] : span[1]]
    words = name.split()
    if not words or not is_name(name):
        return False
    if len(name) > 1 and name.replace(".", "").isupper():
        return False
    lowered = [w.lower().strip(".'\u2019") for w in words]
    if any(w in ORGANISATION_WORDS for w in lowered[1:]) or name in KNOWN_OUTLETS:
        return False
    if (
        lowered[0] in NATIONALITIES
        or lowered[0] in NOT_NAMES
        and lowered[0] not in TITLES
    ):
        return False
    before = [t.group(0) for t in WORD.finditer(text, max(0, span[0] - 30), span[0])]
    while before and before[-1] in QUOTES:
        before.pop()
    return not before or before[-1].lower() not in NOT_PERSON_AFTER


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 4) : at]
    stripped = before.rstrip("\"'\u201c\u2018 \t")
    return at == 0 or not stripped or stripped[-1] in ".!?\n"


# What follows a subject's name: an age, an apposition ("Ludo, a trader,"), a
# relative clause, a dash before a quote, or more names.
_AGE_OR_LIST = re.compile(
    r",\s*\d{1,3}\s*,|,\s+(?:a|an|the|his|her|their)\s+[^,.;\n]{1,40},|\s*[\u2013\u2014-]\s*[\"\u201c]"
    r"|,\s+who\b|(?:\s*,\s*|\s+and\s+)[\"'\u201c\u2018]?[A-Z]"
)
# The word after a name, past one adverb ("Pia now walks").
_NEXT_WORD = re.compile(
    r"\s+(?:(?:now|still|also|never|often|always|then|later|only|just|already|[a-z]+ly)\s+)?([a-z]+)\b(\s*\S?)"
)


def _followed_as_subject(text: str, at: int) -> bool:
    """Whether what follows a name makes it a sentence's subject: a verb, an
    age ("Ferro, 40, is"), an apposition ("Ludo, a trader,"), a list of names,
    or a dash before a quote."""
    rest = text[at : at + 40].lstrip("\"'\u201d\u2019")
    if _AGE_OR_LIST.match(rest):
        return True
    word = _NEXT_WORD.match(rest)
    if not word:
        return False
    verb, then = word.groups()
    if verb in COMMON_VERBS:
        return True
    # "Gustav sweeps the floor", not "Harbour tales Ines": a verb is not followed by a name
    return (
        verb.endswith("ed") or (verb.endswith("s") and not verb.endswith("ss"))
    ) and not then.strip().isupper()


_LABEL = re.compile(r"[\"'\u201d\u2019]?\s*[\u2013\u2014-]\s*[\"\u201c]")
# Where a word may start with a capital: an ASCII capital, or any letter past
# ASCII (checked with str.isupper).
_WORD_START = re.compile(r"(?<![\w'\u2019.-])[A-Z\u00c0-\U0010ffff]")
_AGED = re.compile(r"[^\W\d_]+-year-old", re.IGNORECASE)
_POSSESSION = re.compile(r"(?:'s|\u2019s)\s+[a-z]")


def _at_opening(text: str, at: int) -> bool:
    """Whether `at` opens a sentence or a clause: after a sentence's end, a
    line break, a bracket, a comma or a conjunction, an age ("16-year-old")
    or a quote."""
    before = text[max(0, at - 40) : at]
    before = before.rstrip("\"'\u201c\u2018 \t")
    age = _AGE_BEFORE.search(before)
    if age:
        before = before[: age.start()].rstrip()
    if not before:
        return True
    if before[-1] in ".!?\n,;:\u2013\u2014])" or before.endswith(("\u201d", "\u2019")):
        return True
    last = before.rsplit(None, 1)[-1].lower()
    return last in ("and", "but", "while", "whereas", "when", "as")


_AGE_BEFORE = re.compile(
    r"(?<![A-Za-z\d])(?:\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)[- ]year[- ]old$", re.IGNORECASE
)


def _official(text: str, name: tuple[int, int]) -> bool:
    """Whether the name is an official's, named for real: "the ministry's
    spokesman, Arvid Holt", "Arvid Holt, a spokesman for", "Dr Ines Lowe"."""
    first = text[name[0] : name[1]].split(None, 1)[0].lower().rstrip(".")
    if first in ("dr", "prof", "professor"):
        return True
    return bool(
        _ROLE_BEFORE.search(text, max(0, name[0] - 40), name[0])
        or _ROLE_AFTER.match(text, name[1])
    )


_ROLE_BEFORE = re.compile(
    r"\b(?:" + OFFICIAL_ROLES + r"),?\s+(?:of\s+\S+\s+)?$", re.IGNORECASE
)
_ROLE_AFTER = re.compile(
    r",\s+(?:who\s+is\s+)?(?:a|an|the|its|their)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:"
    + OFFICIAL_ROLES
    + r")\b",
    re.IGNORECASE,
)


def _in_apposition(text: str, name: tuple[int, int]) -> bool:
    """ "his aunt, Zora." : a name after a person's role and a comma,
    closing its sentence."""
    before = text[max(0, name[0] - 30) : name[0]]
    after = text[name[1] : name[1] + 2]
    return (
        bool(re.search(r"\b(?:his|her|their)\s+[a-z]+,\s*$", before))
        and after[:1] in ".;"
    )


def _before_dash(text: str, at: int) -> int:
    """Where a name ends before a dash that opens an aside ("Ruben - who")."""
    m = re.search(r"\s*[\u2013\u2014-]\s*$", text[max(0, at - 4) : at])
    return at - len(m.group(0)) if m else at


def _names_before(text: str, end: int) -> list[tuple[int, int]]:
    """A name, or a list "A, B and C", ending just before `end`.  A list does
    not reach back past a preposition ("a winter of Flu, Lumi and Aino")."""
    names = []
    cursor = end
    while True:
        name = name_before(text, cursor)
        if name is None:
            break
        if names and not _joined_by_and(text, name[1], names[0][0]):
            before = [
                t.group(0).lower()
                for t in WORD.finditer(text, max(0, name[0] - 20), name[0])
            ]
            if before and before[-1] in NOT_PERSON_AFTER:
                break
        names.insert(0, name)
        joiner = _JOINER.search(text, max(0, name[0] - 40), name[0])
        if not joiner or len(names) >= 8:
            break
        cursor = name[0] - len(joiner.group(0))
    return names


def _joined_by_and(text: str, end: int, start: int) -> bool:
    return " and " in text[end:start] or "&" in text[end:start]


def _names_after(text: str, start: int) -> list[tuple[int, int]]:
    """A name, or a list "K and L", '"Lumi" and "Aino"', "Emeka and his
    sister, Hedda", starting just after `start`."""
    names = []
    name = name_after(text, start)
    while name is not None and len(names) < 8:
        names.append(name)
        joiner = _JOINER_AFTER.match(text, name[1])
        if not joiner:
            break
        name = name_after(text, joiner.end())
    return names


def _names_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in a list such as "Dmitri and Alina", "Leo, Mia and Ana" or
    "Ivan nor Olga"."""
    spans = []
    for part in re.finditer(r"(?:(?!\b(?:and|nor|or)\b)[^,&])+", text[start:end]):
        chunk = part.group(0)
        offset = start + part.start() + len(chunk) - len(chunk.lstrip())
        tokens = [
            (offset + t.start(), offset + t.end()) for t in WORD.finditer(chunk.strip())
        ]
        name = name_ending(text, tokens)
        if name:
            spans.append(name)
    return spans
