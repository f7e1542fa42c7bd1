"""Text as a reader sees it, for comparing two texts or two names: NFKC, every
kind of space one space, invisible characters removed, and letters that look
alike folded to one (the skeleton of Unicode TR39: Cyrillic `а` and Latin `a`
fold together, so do `I`, `l` and `1`).

A copy of a seed with Cyrillic look-alikes or no-break spaces is a different
file with the same text; near-duplicates and names are compared folded, and
what tells two look-alikes apart is shown by code point (`differences`).

The look-alike table is TR39's confusables data as the confusable_homoglyphs
package ships it.  That file lists each pair both ways; since every character
TR39 folds goes to one prototype, a character listed with one partner folds
to it, and one listed with several is a prototype.  The table is built on
first use (about 10 ms), and only for a text that is not ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from checks.detect.characters import BIDI, LINE_SEPARATORS, SPACES, TAGS, ZERO_WIDTH

# ASCII characters whose skeleton is not themselves, and what it folds to
# (TR39's `%` is `º/₀`, which folds on to `o/O`): the table's own, kept here
# so that an ASCII text is folded without the table.
_ASCII = {
    "0": "O",
    "1": "l",
    "I": "l",
    "`": "'",
    "|": "l",
    "m": "rn",
    '"': "''",
    "%": "o/O",
}
_ASCII_BYTES = bytes.maketrans(
    b"".join(k.encode() for k, v in _ASCII.items() if len(v) == 1 and v.isascii()),
    b"".join(v.encode() for v in _ASCII.values() if len(v) == 1 and v.isascii()),
)
_ASCII_SPREAD = [
    (k.encode(), v.encode()) for k, v in _ASCII.items() if len(v) > 1 or not v.isascii()
]
# A run of bytes that are not ASCII, with the byte before it (a mark in the
# run may combine with the letter before it).
_NOT_ASCII = re.compile(rb"[\x00-\x7f]?[\x80-\xff]+")
_ASCII_ALL = bytes(range(128))
_GONE = re.compile(f"[{ZERO_WIDTH}{TAGS}{BIDI}]")
_SPACE = re.compile(f"[{SPACES}{LINE_SEPARATORS}]")


@cache
def _skeletons() -> dict[str, str]:
    """Each character that folds to another string: its prototype."""
    import json
    from importlib import resources

    listed = json.loads(
        resources.files("confusable_homoglyphs")
        .joinpath("confusables.json")
        .read_text(encoding="utf-8")
    )
    # Right-to-left characters are written between two LEFT-TO-RIGHT MARKs.
    partners = {
        k.replace("\u200e", ""): [t["c"].replace("\u200e", "") for t in targets]
        for k, targets in listed.items()
    }
    table = {}
    for char, others in partners.items():
        if len(char) != 1 or len(others) != 1:
            continue  # a prototype (it has several partners), or a string
        prototype = others[0]
        if partners.get(prototype) == [char] and char < prototype:
            continue  # two that look alike and nothing else: the first is kept
        table[char] = prototype
    # A prototype may itself hold characters that normalise or fold further
    # (U+2780 is folded to a circled digit): folded until nothing changes.
    for char, prototype in table.items():
        for _ in range(4):
            settled = "".join(
                table.get(c, c) for c in unicodedata.normalize("NFKC", prototype)
            )
            if settled == prototype:
                break
            prototype = settled
        table[char] = prototype
    return table


def _fold_run(match: re.Match) -> bytes:
    return _folded_run(match.group())


@lru_cache(maxsize=8192)
def _folded_run(run: bytes) -> bytes:
    """A run of bytes that are not ASCII, folded (NFKC, spaces, invisible
    characters, look-alikes) until nothing changes: a folded mark may have to
    be put back in order, or compose.  Runs repeat (curly quotes, dashes), so
    each is folded once."""
    table = _skeletons()
    text = run.decode("utf-8", "surrogateescape")
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", text)
        folded = _SPACE.sub(" ", _GONE.sub("", folded))
        folded = "".join(table.get(c, c) for c in folded)
        if folded == text:
            break
        text = folded
    return text.encode("utf-8", "surrogateescape")


def _fold_ascii(data: bytes) -> bytes:
    data = data.translate(_ASCII_BYTES)
    for source, target in _ASCII_SPREAD:
        if source in data:
            data = data.replace(source, target)
    return data


def fold_bytes(text: bytes) -> bytes:
    """`text` (UTF-8, perhaps with bytes that are not) folded, as bytes.

    A news text has few characters that are not ASCII, and few kinds of them
    (curly quotes, dashes): each kind is folded once and replaced where it
    stands.  A character that may combine with the one before it (a mark, a
    Hangul vowel) or a byte that is not UTF-8 sends the text the slow way,
    a run of such bytes at a time."""
    if text.isascii():
        return _fold_ascii(text)
    kinds = set(text.translate(None, _ASCII_ALL).decode("utf-8", "surrogateescape"))
    if all(_stands_alone(c) for c in kinds):
        for char in kinds:
            text = text.replace(char.encode("utf-8"), _folded_run(char.encode("utf-8")))
        return _fold_ascii(text)
    return _fold_ascii(_NOT_ASCII.sub(_fold_run, text))


@lru_cache(maxsize=4096)
def _stands_alone(char: str) -> bool:
    """Whether `char` folds the same whatever stands before it: not a mark,
    not a Hangul vowel or final consonant (they compose with the syllable
    before them), not a byte that is not UTF-8, and folding to something that
    starts with no mark."""
    if "\udc80" <= char <= "\udcff" or "\u1160" <= char <= "\u11ff":
        return False
    if unicodedata.category(char)[0] == "M":
        return False
    folded = _folded_run(char.encode("utf-8")).decode("utf-8", "surrogateescape")
    return not folded or unicodedata.category(folded[0])[0] != "M"


def fold(text: str) -> str:
    """`text` folded: two strings a reader cannot tell apart fold the same."""
    return fold_bytes(text.encode("utf-8", "surrogatepass")).decode(
        "utf-8", "surrogatepass"
    )


def describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def differences(one: str, other: str, most: int = 3) -> str:
    """What tells apart two strings that fold the same, by code point: the
    first `most` places where they differ."""
    shown = []
    i = j = 0
    while i < len(one) and j < len(other) and len(shown) < most:
        if one[i] == other[j]:
            i, j = i + 1, j + 1
            continue
        # Skip what folding removes on either side before comparing.
        if fold(one[i]) == "":
            shown.append(f"{describe(one[i])} (invisible)")
            i += 1
            continue
        if fold(other[j]) == "":
            j += 1
            continue
        shown.append(f"{describe(one[i])} where the other has {describe(other[j])}")
        i, j = i + 1, j + 1
    return "; ".join(shown)


def looks_like(name: str, others: list[str]) -> tuple[str, str] | None:
    """The first of `others` that `name` cannot be told from by eye (the same
    folded, case and spacing aside) without being it, and what tells them
    apart (see differences); None when there is none."""
    folded = fold(" ".join(name.split())).casefold()
    for other in others:
        if other != name and fold(" ".join(other.split())).casefold() == folded:
            return other, differences(name, other)
    return None


def written_as(text: str, name: str) -> str | None:
    """The words of `text` that look like `name` (the same folded, case and
    spacing aside) without being it, if any: how a look-alike spells it."""
    wanted = fold(" ".join(name.split())).casefold().split()
    if not wanted:
        return None
    words = text.split()
    folded = [fold(w).casefold() for w in words]
    for i in range(len(words) - len(wanted) + 1):
        if folded[i : i + len(wanted)] == wanted:
            return " ".join(words[i : i + len(wanted)])
    return None
