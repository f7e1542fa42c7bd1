"""Finding the names a text marks as not real, and every mention of them.

The detector reads a body (a str) and returns what it found: each pseudonym
with the span of its name where a marker flags it, the markers that name
nobody, and every mention of each pseudonym.  It is pure: no header, no file.

Markers are a table of phrases (checks.phrases); a marker's kind says where to
look for its name: just before it, as the subject of its sentence, just after
it, inside it, or at the names an asterisk footnote points to.  A name is one
to four capitalised words (with particles such as "de" or "al" between them),
an initial, or a title with an initial ("Mrs B").  Most bodies carry no marker
at all, so a cheap test for the words every marker contains runs first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from checks.names import QUOTES, WORD, name_after, name_before, name_ending
from checks.phrases import (
    PLACEHOLDER_NAMES,
    PSEUDONYM_EXEMPTIONS,
    PSEUDONYM_MARKERS,
)

# Kinds of marker that flag a name even when none can be found for them.
_MARKS_EVEN_ALONE = ("after", "footnote", "names_of", "nobody")
_CLAUSE_START = re.compile(r",\s+(?:\d{1,3},\s+)?(?:who|whose)\b")
_POSSESSIVE_NAME = re.compile(r"(?:'s|\u2019s)\s+names?\b")
# Between names in a list: "A, B and C", "A and his sister B".
_JOINER = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:(?:his|her|their)\s+[a-z]+\s+)?$"
)
_CALLED_THING = re.compile(r"(?:the|this|that|a|an)(?:\s+[a-z]+){1,2}\s+(?=[^\W\d_])")
_STARRED = re.compile(r"(?<=[^\W\d_])\*")
_SENTENCE_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*)\s|\n\s*\n")


@dataclass(frozen=True)
class Pseudonym:
    name: str
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


@lru_cache(maxsize=1)
def _compiled() -> tuple:
    from checks.patterns import PatternSet

    markers = tuple(
        (kind, re.compile(pattern, re.IGNORECASE))
        for kind, pattern in PSEUDONYM_MARKERS
    )
    markers += (("placeholder", re.compile(PLACEHOLDER_NAMES)),)
    # The last pattern screened is the asterisk after a name.
    screen = PatternSet([pattern for _, pattern in markers] + [_STARRED])
    exemptions = re.compile("|".join(PSEUDONYM_EXEMPTIONS), re.IGNORECASE)
    return markers, screen, exemptions


def detect(text: str, raw: bytes | None = None, full: bool = False) -> Found:
    """The pseudonyms a body flags.  `raw` is the body's bytes when the caller
    has them (it saves encoding the text again).  The markers are first
    screened all at once with RE2; `full` skips that screen and runs every
    pattern (the same result, slower: for tests)."""
    found = Found()
    markers, screen, exemptions = _compiled()
    if full:
        candidates = range(len(markers) + 1)
    else:
        candidates = screen.matching(
            raw if raw is not None else text.encode("utf-8", "surrogatepass")
        )
        if not candidates:
            return found
    seen: set[tuple[int, int]] = set()
    kinds_seen: set[str] = set()
    for index in sorted(candidates):
        if index >= len(markers):
            continue  # the asterisk screen: handled below
        kind, pattern = markers[index]
        for m in pattern.finditer(text) if full else screen.finditer(index, text):
            kinds_seen.add(kind)
            names = _resolve(kind, m, text)
            if names is None:
                continue
            if exemptions.search(text, *_sentence(text, m.start())):
                continue
            if not names:
                if kind in _MARKS_EVEN_ALONE and m.span() not in seen:
                    found.unresolved.append(_trimmed(m, text))
                    seen.add(m.span())
                continue
            for start, end in names:
                if (start, end) not in seen:
                    seen.add((start, end))
                    found.pseudonyms.append(
                        Pseudonym(text[start:end], start, end, _trimmed(m, text))
                    )
    if len(markers) in candidates and "footnote" not in kinds_seen:
        _starred_without_note(text, found, seen)
    found.pseudonyms.sort(key=lambda p: p.start)
    found.unresolved.sort()
    _drop_nobody_covered(found)
    return found


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
    of white space between its words)."""
    words = [re.escape(w) for w in name.split()]
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, text)]


def _trimmed(m: re.Match, text: str) -> tuple[int, int]:
    start, end = m.span()
    while start < end and text[start] in " \t\n,\u2013\u2014-":
        start += 1
    return start, end


def _drop_nobody_covered(found: Found) -> None:
    """A parenthetical marker resolved for one name is not also unresolved."""
    flagged = {p.marker for p in found.pseudonyms}
    found.unresolved = [u for u in found.unresolved if u not in flagged]


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max(0, at - 300)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, at)]
    start = ends[-1] if ends else start
    after = _SENTENCE_END.search(text, at, at + 300)
    return start, after.end() if after else min(len(text), at + 300)


# Resolving the names a marker is about -------------------------------------------


def _resolve(kind: str, m: re.Match, text: str) -> list[tuple[int, int]] | None:
    """The spans of the names a marker is about; [] when it names nobody;
    None when the match is not a marker after all."""
    if kind == "after":
        name = name_before(text, m.start())
        if (
            name
            and _JOINER.search(text, max(0, name[0] - 40), name[0])
            and "names" in m.group(0).lower()
        ):
            return _names_before(text, m.start())
        return [name] if name else []
    if kind == "predicate":
        return _names_before(text, m.start())
    if kind == "clause":
        name = name_before(text, m.start())
        if name is None:
            sentence_start = _sentence(text, m.start())[0]
            starts = [
                c.start()
                for c in _CLAUSE_START.finditer(text, sentence_start, m.start() + 1)
            ]
            name = name_before(text, starts[-1]) if starts else None
        return [name] if name else None
    if kind == "before":
        name = name_after(text, m.end())
        return [name] if name else None
    if kind == "calling":
        # "we are calling the village shop Greenway Stores"
        after = _CALLED_THING.match(text, m.end())
        name = name_after(text, after.end() if after else m.end())
        return [name] if name else None
    if kind == "possessive":
        name = name_after(text, m.end())
        if name and _POSSESSIVE_NAME.match(text, name[1]):
            return [name]
        return None
    if kind == "placeholder":
        return [m.span()]
    if kind == "quoted":
        name = name_after(text, m.end())
        if (
            name
            and text[name[0] - 1] in QUOTES
            and text[name[1] : name[1] + 2].lstrip(".,")[:1] in QUOTES
        ):
            return [name]
        return None
    if kind == "names_of":
        start = m.start("names")
        return _names_in(text, start, m.end("names"))
    if kind == "footnote":
        names = []
        for star in _STARRED.finditer(text, 0, m.start() + 1):
            name = name_before(text, star.start())
            if name:
                names.append(name)
        return names
    if kind == "nobody":
        name = name_before(text, m.start())
        return [name] if name else []
    return None


def _names_before(text: str, end: int) -> list[tuple[int, int]]:
    """A name, or a list "A, B and C", ending just before `end`."""
    names = []
    cursor = end
    while True:
        name = name_before(text, cursor)
        if name is None:
            break
        names.insert(0, name)
        joiner = _JOINER.search(text, max(0, name[0] - 40), name[0])
        if not joiner or len(names) >= 8:
            break
        cursor = name[0] - len(joiner.group(0))
    return names


def _names_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in a list such as "Dmitri and Alina" or "Leo, Mia and Ana"."""
    spans = []
    for part in re.finditer(r"(?:(?!\band\b)[^,&])+", text[start:end]):
        chunk = part.group(0)
        offset = start + part.start() + len(chunk) - len(chunk.lstrip())
        tokens = [
            (offset + t.start(), offset + t.end()) for t in WORD.finditer(chunk.strip())
        ]
        name = name_ending(text, tokens)
        if name:
            spans.append(name)
    return spans
