"""ENC: encoding and text hygiene.  One scan of the text finds every suspect
character; each rule picks its own from that scan."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from checks.detect.characters import (
    BIDI,
    CONTROL,
    LINE_SEPARATORS,
    SPACES,
    TAGS,
    ZERO_WIDTH,
)
from checks.report.diagnostic import Edit, Finding, Fix
from checks.rules.registry import rule
from checks.run.context import Context
from checks.seed.document import Document, HeaderForm

_SUSPECT = re.compile(
    f"[{CONTROL}{BIDI}{ZERO_WIDTH}{LINE_SEPARATORS}{TAGS}{SPACES}\r\udc80-\udcff]"
)
_CONTROL = re.compile(f"[{CONTROL}]")
_BIDI = re.compile(f"[{BIDI}]")
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_TAG = re.compile(f"[{TAGS}]")
_SPACE = re.compile(f"[{SPACES}]")

_NAMES = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}


# Bytes that are never suspect: printable ASCII, tab and line feed.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n"


def _suspects(doc: Document) -> list[tuple[int, str]]:
    return doc.derived("encoding.suspects", _find_suspects)


def _find_suspects(doc: Document) -> list[tuple[int, str]]:
    # In valid UTF-8 the bytes left when the plain ones are dropped are whole
    # characters: the text's other characters, in a few bytes.  Most seeds
    # have no suspect among them, and the text is not scanned (12 us for 4 KB).
    if doc.utf8:
        others = doc.raw.translate(None, _PLAIN_BYTES)
        if not others or not _SUSPECT.search(others.decode("utf-8")):
            return []
    return [(m.start(), m.group()) for m in _SUSPECT.finditer(doc.text)]


def _describe(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


@rule("ENC001", "not-utf8", "error", needs_text=False)
def not_utf8(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The file is not valid UTF-8.

    ## What it does
    Reports the first byte that is not part of a valid UTF-8 sequence, with its
    byte offset, and how many such bytes the file has.  No other rule reads a
    file that fails this one.

    ## Why it matters
    A seed in another encoding (Latin-1, Windows-1252) reads as garbage to every
    tool downstream, and its hash describes bytes nobody can read.

    ## Example
    A file saved as Windows-1252 with a curly quote, byte 0x93.
    """
    if doc.utf8:
        return
    bad = [offset for offset, char in _suspects(doc) if "\udc80" <= char <= "\udcff"]
    first = bad[0]
    byte_offset = len(doc.text[:first].encode("utf-8", "surrogateescape"))
    value = ord(doc.text[first]) - 0xDC00
    yield Finding(
        first,
        first + 1,
        f"not valid UTF-8: byte 0x{value:02x} at byte offset {byte_offset} ({len(bad)} invalid byte{'s' if len(bad) > 1 else ''} in all)",
    )


@rule("ENC002", "byte-order-mark", "warning", fixable=True)
def byte_order_mark(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The file starts with a byte-order mark.

    ## What it does
    Reports U+FEFF as the first character.

    ## Why it matters
    UTF-8 needs no byte-order mark; a mark before `---` hides the header from
    tools that expect the file to start with it.

    ## Fix (safe)
    Removed by `--fix` when it stands before a header; a mark at the start of a
    file with no header is part of the body, and is only reported.
    """
    if doc.has_bom:
        fix = None
        if doc.form in (HeaderForm.FRONT_MATTER, HeaderForm.LEGACY):
            fix = Fix("remove the byte-order mark", (Edit(0, 1, ""),))
        yield Finding(0, 1, "the file starts with a byte-order mark (U+FEFF)", fix)


@rule("ENC003", "control-character", "error")
def control_character(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text holds a control character.

    ## What it does
    Reports C0 and C1 control characters other than tab, line feed and carriage
    return, and DEL.

    ## Why it matters
    Control characters are invisible in most editors, are never part of a news
    text, and break tools that read the corpus.
    """
    for offset, char in _suspects(doc):
        if _CONTROL.match(char):
            yield Finding(offset, offset + 1, f"control character {_describe(char)}")


@rule("ENC004", "bidi-control", "error")
def bidi_control(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text holds a bidirectional control character.

    ## What it does
    Reports overrides, embeddings, isolates and directional marks
    (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C).

    ## Why it matters
    These characters reorder how text is shown, so that what a reviewer reads
    is not what the file says ("Trojan Source").
    """
    for offset, char in _suspects(doc):
        if _BIDI.match(char):
            yield Finding(
                offset, offset + 1, f"bidirectional control character {_describe(char)}"
            )


@rule("ENC005", "zero-width-character", "warning")
def zero_width_character(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text holds a zero-width character.

    ## What it does
    Reports zero-width spaces, joiners and non-joiners, word joiners, the soft
    hyphen (U+00AD), the combining grapheme joiner, invisible operators, the
    Mongolian vowel separator, the Hangul fillers, and U+FEFF anywhere but at
    the very start (see ENC002).

    ## Why it matters
    Invisible characters split or join words unseen: a name with a zero-width
    space inside it no longer matches the name in the header.
    """
    for offset, char in _suspects(doc):
        if _ZERO_WIDTH.match(char) and not (offset == 0 and char == "\ufeff"):
            yield Finding(offset, offset + 1, f"zero-width character {_describe(char)}")


@rule("ENC009", "invisible-line-break", "error")
def invisible_line_break(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text holds a line or paragraph separator (U+2028, U+2029).

    ## What it does
    Reports each U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, in the
    header or the body.

    ## Why it matters
    Most editors, terminals and diff views show nothing there, or a space, but
    YAML reads a line break: a header line that looks like one field can be
    two (`title: A<U+2028>sha256: ...`).  In a body, readers disagree on
    whether it ends a line or a paragraph.  Write a line feed instead.
    """
    for offset, char in _suspects(doc):
        if char in LINE_SEPARATORS:
            where = "header" if offset < doc.body_start else "body"
            yield Finding(
                offset,
                offset + 1,
                f"{_describe(char)} in the {where}: a line break most views do not show",
            )


@rule("ENC010", "tag-character", "error")
def tag_character(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text holds Unicode tag characters (U+E0000 to U+E007F).

    ## What it does
    Reports each run of tag characters, and the ASCII text they spell.

    ## Why it matters
    Tag characters are invisible and mirror ASCII one for one: a run of them
    is a hidden sentence that a reviewer never sees and a model trained on the
    corpus reads.  Outside an emoji flag sequence they have no use in text.
    """
    text = doc.text
    run_start = run_end = -1
    for offset, char in _suspects(doc):
        if not _TAG.match(char):
            continue
        if offset == run_end:
            run_end += 1
            continue
        if run_start >= 0:
            yield _tag_run(text, run_start, run_end)
        run_start, run_end = offset, offset + 1
    if run_start >= 0:
        yield _tag_run(text, run_start, run_end)


def _tag_run(text: str, start: int, end: int) -> Finding:
    spelled = "".join(chr(ord(c) - 0xE0000) for c in text[start:end])
    shown = spelled if spelled.isprintable() else ascii(spelled)[1:-1]
    return Finding(
        start,
        end,
        f"{end - start} tag character{'s' if end - start > 1 else ''} "
        f"(U+{ord(text[start]):04X}...) hiding the text {shown!r}",
    )


@rule("ENC011", "unusual-space", "warning")
def unusual_space(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text holds a space that is not U+0020.

    ## What it does
    Reports the first no-break, thin, hair, figure, en, em or ideographic
    space, and how many such spaces the file holds.

    ## Why it matters
    They look like a space and are not one: a name written with a no-break
    space does not match the name in the header, a search for two words
    misses them, and a copy with its spaces swapped is a different file.
    Near-duplicates and names are compared with every space as one.
    """
    found = [(offset, char) for offset, char in _suspects(doc) if _SPACE.match(char)]
    if found:
        offset, char = found[0]
        more = f" ({len(found)} such spaces in all)" if len(found) > 1 else ""
        yield Finding(offset, offset + 1, f"{_describe(char)}: not a plain space{more}")


@rule("ENC006", "crlf-line-ending", "warning")
def crlf_line_ending(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The file has CRLF or CR line endings.

    ## What it does
    Reports the first line that ends in CR LF or a lone CR, and how many do.

    ## Why it matters
    Git and editors convert line endings on some machines, which changes the
    body's bytes and so its hash.  Seeds use LF.

    ## Fix
    None by `--fix`: it would change the body.  Convert the file and record
    the change, so that its new hash is recorded on purpose.
    """
    endings = [offset for offset, char in _suspects(doc) if char == "\r"]
    if endings:
        first = endings[0]
        kind = "CRLF" if doc.text.startswith("\r\n", first) else "CR"
        yield Finding(
            first,
            first + 1,
            f"{kind} line ending ({len(endings)} line{'s' if len(endings) > 1 else ''} in all end in CR); seeds use LF",
        )


@rule("ENC007", "not-nfc", "warning")
def not_nfc(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text is not in Unicode normalization form C.

    ## What it does
    Reports the first character sequence that NFC would change, such as `e`
    followed by a combining acute accent where `é` is one character.

    ## Why it matters
    Two spellings of one word that differ only in normalization look the same
    but do not compare equal: names, searches and duplicate checks miss them.
    """
    text = doc.text
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return
    start, end = _first_unnormalized(text)
    yield Finding(
        start,
        end,
        f"{text[start:end]!r} is not in NFC (NFC writes it {unicodedata.normalize('NFC', text[start:end])!r})",
    )


def _first_unnormalized(text: str) -> tuple[int, int]:
    """The first run of a character and the combining marks after it that NFC
    would change; the whole text when no single run does."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or unicodedata.combining(text[index]) == 0:
            run = text[start:index]
            if not unicodedata.is_normalized("NFC", run):
                return start, index
            start = index
    return 0, len(text)


@rule("ENC008", "unread-file", "error", needs_text=False, on_unread=True)
def unread_file(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A seed file was not read.

    ## What it does
    Reports a seed file that `checks` refused to read: one larger than
    `max-seed-bytes` (8 MiB unless configured; the size is looked up before
    reading), one that is not a regular file, or a symbolic link that leads
    out of the corpus folder.  No other rule runs on it; its row in INDEX.md
    is kept as it is.

    ## Why it matters
    A seed is a few KB of text.  A file of hundreds of MB is a mistake that
    would stall every commit, and a link out of the corpus would let a pull
    request make the checker read a file elsewhere on the machine (a key, a
    password file) and print it in diagnostics.

    ## Example
    ```
    seeds/004_0123456789abcdef.txt -> /etc/passwd
    ```
    """
    if doc.unread is not None:
        yield Finding(0, 0, f"not read: {doc.unread}")
