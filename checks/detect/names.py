"""Reading a person's or an organisation's name out of running text.

A name is one to four capitalised words (with particles such as "de" or "al"
between them), an initial, or a title with an initial ("Mrs B").  The readers
look just before or just after a place in the text, skip quote marks, and
stop at a sentence's end, so that "Tuesday. Daria" gives "Daria".
"""

from __future__ import annotations

import re
from functools import lru_cache

from checks.detect.phrases import (
    KNOWN_OUTLETS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORGANISATION_WORDS,
    TITLES,
)

WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*|\d+|\S")
QUOTES = "\"'\u201c\u201d\u2018\u2019"
_SENTENCE_FOLLOWS = re.compile(r"\s*$|\s*\n|\s+[A-Z\"\u201c]")


def tokens_before(text: str, end: int, limit: int = 64) -> list[tuple[int, int]]:
    start = max(0, end - limit)
    return [t.span() for t in WORD.finditer(text, start, end)]


def name_before(text: str, end: int) -> tuple[int, int] | None:
    """The name written just before `end` (quotes, an asterisk and spaces
    between them allowed)."""
    tokens = tokens_before(text, end)

    def last() -> str:
        return text[tokens[-1][0] : tokens[-1][1]] if tokens else ""

    while tokens and last() in QUOTES + "*,":
        tokens.pop()
    # An age between the name and the marker: "Abdul, 32, who ..."
    if (
        last().isdigit()
        and len(tokens) >= 2
        and text[tokens[-2][0] : tokens[-2][1]] == ","
    ):
        del tokens[-2:]
    return name_ending(text, tokens)


def name_ending(text: str, tokens: list[tuple[int, int]]) -> tuple[int, int] | None:
    words: list[tuple[int, int]] = []
    i = len(tokens) - 1
    while i >= 0 and len(words) < 4:
        s, e = tokens[i]
        word = text[s:e].rstrip(".")
        gap = text[e : words[0][0]] if words else ""
        if words and (not gap.isspace() or "\n\n" in gap):
            break
        if (
            words
            and text[e - 1] == "."
            and not _initial(word)
            and word.lower() not in TITLES
        ):
            break  # "Tuesday. Daria": the sentence before ends here
        if capitalised(word) or (words and word.lower() in NAME_PARTICLES):
            words.insert(0, (s, e))
            i -= 1
            continue
        break
    while words and text[words[0][0] : words[0][1]].lower() in NAME_PARTICLES:
        words.pop(0)
    # A sentence's first word is capitalised whatever it is.
    while len(words) > 1 and text[words[0][0] : words[0][1]].lower() in NOT_NAMES:
        if text[words[0][0] : words[0][1]].lower().rstrip(".") in TITLES:
            break
        words.pop(0)
    if not words:
        return None
    return _clean_span(text, words[0][0], words[-1][1], words[-1][0])


def _clean_span(
    text: str, start: int, end: int, last_word: int
) -> tuple[int, int] | None:
    """The name without quotes around it, nor a full stop that ends the
    sentence rather than an initial ("Anna K. said" keeps it)."""
    while end > start and text[end - 1] in QUOTES:
        end -= 1
    if (
        end > start
        and text[end - 1] == "."
        and (not _initial(text[last_word:end]) or _SENTENCE_FOLLOWS.match(text, end))
    ):
        end -= 1
    while start < end and text[start] in QUOTES:
        start += 1
    return (start, end) if is_name(text[start:end]) else None


def name_after(text: str, start: int) -> tuple[int, int] | None:
    """The name written just after `start`."""
    words: list[tuple[int, int]] = []
    for token in WORD.finditer(text, start, min(len(text), start + 80)):
        s, e = token.span()
        word = token.group()
        if not words:
            if word in _LEADING:
                continue  # quotes and punctuation before the name
        elif not text[words[-1][1] : s].isspace():
            break
        elif (
            _initial(text[words[-1][0] : words[-1][1]])
            and text[words[-1][1] - 1] == "."
            and len(word) == 1
        ):
            break  # "K and L. K said": a bare letter after an initial starts anew
        bare = word.rstrip(".,")
        possessive = bare.endswith(("'s", "\u2019s"))
        if possessive:
            bare = bare[:-2]
        if not (capitalised(bare) or (words and word.lower() in NAME_PARTICLES)):
            break
        words.append((s, s + len(bare) if not _initial(word) else e))
        if possessive or len(words) == 4:
            break
    while words and text[words[-1][0] : words[-1][1]].lower() in NAME_PARTICLES:
        words.pop()
    if not words:
        return None
    return _clean_span(text, words[0][0], words[-1][1], words[-1][0])


_LEADING = frozenset(QUOTES + ",:")


def capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper() and word[0].isalpha()


def _initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", word))


def is_name(name: str) -> bool:
    words = name.split()
    if not words:
        return False
    if len(words) == 1 and len(name) >= 2 and name.isupper() and name.isalpha():
        return True  # an acronym: WHO, UN, BBC
    first = words[0].lower().rstrip(".")
    if len(words) == 1 and (first in NOT_NAMES or first in TITLES):
        return False
    if first in NOT_NAMES and first not in TITLES:
        return False
    return all(capitalised(w) or w.lower() in NAME_PARTICLES for w in words)


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}s?")


@lru_cache(maxsize=4096)  # a corpus names the same outlets again and again
def is_organisation(name: str) -> bool:
    """An outlet or organisation's name: an acronym, a known outlet, or two
    or more capitalised words ending with an organisation word ("Health
    Ministry", "Lowmere Gazette"); a lone "Police" or "Council" is not one."""
    words = name.split()
    if not words:
        return False
    if any(" ".join(words[-k:]) in KNOWN_OUTLETS for k in (1, 2, 3)):
        return True  # "Reuters", "the Associated Press", "Novaya Gazeta"
    if len(words) == 1:
        return bool(_ACRONYM.fullmatch(words[0]))
    return words[-1].lower() in ORGANISATION_WORDS
