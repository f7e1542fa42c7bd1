"""Screening a text with many patterns at once, in linear time.

A detector's phrase table can hold dozens of patterns, and most texts match
none of them.  Running each one with Python's re costs tens of microseconds
per 4 KB; RE2 runs all of them together, as a set, in one pass over the
bytes (about 7 us for 4 KB, however many patterns) and in time linear in the
text whatever the patterns, and says which can match.  The detector then runs
only those with Python's re, which finds the spans and supports lookarounds.

Each pattern is translated into an RE2 pattern that matches at least
wherever the original does: lookarounds are dropped, and \\s and \\w are
widened to their Unicode meaning.  The screen may therefore let a pattern
through that Python's re then rejects, never the other way round.

On ASCII text, most patterns have an exact RE2 twin (compiled for Latin-1,
with Python's \\s): the same spans as Python's re, without running it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cached_property

_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_COUNTED = re.compile(r"\{(\d*),\d*\}(\?)?")
# Python's \s in ASCII text: RE2's lacks \v and the separators \x1c-\x1f.
_ASCII_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f "
# How Python's classes are written in RE2, outside a bracket and inside one:
# widened to their Unicode meaning, or exact in ASCII text.
_WIDE_FORMS = {
    "\\s": ("[\\s\\pZ]", "\\s\\pZ"),
    "\\w": ("[\\w\\pL\\pN]", "\\w\\pL\\pN"),
}
_ASCII_FORMS = {
    "\\s": (f"[{_ASCII_SPACE}]", _ASCII_SPACE),
    "\\S": (f"[^{_ASCII_SPACE}]", None),
}


# How far past the stretch where a Python match may start it may look: its
# own words, and a lookahead after them.
LOOKAHEAD = 100


class NotExact(ValueError):
    """The pattern has no RE2 twin that matches exactly as it does."""


def to_re2(pattern: str, ascii: bool = False) -> str:
    """An RE2 pattern that matches wherever the Python `pattern` matches.
    With `ascii`, one that matches exactly where it does in ASCII text, run
    as Latin-1; NotExact when there is none (a lookaround, a back-reference,
    a $, which Python's re also lets match before a final newline)."""
    pattern = _UNICODE_ESCAPE.sub(lambda m: "\\x{" + m.group(1) + "}", pattern)
    if not ascii:
        # A counted repeat of a Unicode class makes a very large automaton;
        # an unbounded one matches more and costs nothing.
        pattern = _COUNTED.sub(
            lambda m: (
                ("+" if m.group(1) not in ("", "0") else "*") + (m.group(2) or "")
            ),
            pattern,
        )
        pattern = pattern.replace("[^\\W\\d_]", "\\pL")
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            forms = (_ASCII_FORMS if ascii else _WIDE_FORMS).get(pair)
            if forms is not None and forms[in_class] is not None:
                out.append(forms[in_class])
            elif ascii and (forms or pair[1].isdigit() or pair == "\\Z"):
                raise NotExact(pattern)  # \S in a class, a back-reference, \Z
            elif pair == "\\x" and pattern.startswith("{", i + 2):
                close = pattern.index("}", i)
                out.append(pattern[i : close + 1])
                i = close + 1
                continue
            else:
                out.append(pair)
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern.startswith("^", i + 1):
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):
                out.append("]")
                i += 1
        elif c == "(" and pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            if ascii:
                raise NotExact(pattern)
            i = _group_end(pattern, i)
            continue
        elif c == "$" and ascii:
            raise NotExact(pattern)
        elif c == "(" and pattern.startswith("(?P<", i):
            i = pattern.index(">", i) + 1
            out.append("(?:")
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _group_end(pattern: str, start: int) -> int:
    """The index just after the group that opens at `start`."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _options(latin1: bool = False):
    """RE2's options for every pattern here: room for large automata, errors
    raised rather than logged; Latin-1 for the twins that read ASCII text."""
    import re2

    options = re2.Options()
    options.max_mem = 64 << 20
    options.log_errors = False
    if latin1:
        options.encoding = re2.Options.Encoding.LATIN1
    return options


class PatternSet:
    """Patterns screened together: `matching(data)` is the set of indices of
    the patterns that may match somewhere in `data` (UTF-8 bytes).  A pattern
    is given compiled Python-style (a pattern object, whose IGNORECASE flag is
    kept), or as its source, with `flags`: Python's re then compiles it only
    when its matches are asked for (a table of dozens of patterns takes tens
    of milliseconds to compile, at every start, for texts most of which
    match none of them)."""

    def __init__(self, patterns: Sequence[re.Pattern | str], flags: int = 0):
        self._options = _options()
        self._sources = [
            (p.pattern, p.flags) if isinstance(p, re.Pattern) else (p, flags)
            for p in patterns
        ]
        self._compiled = {
            i: p for i, p in enumerate(patterns) if isinstance(p, re.Pattern)
        }
        self._single: dict[tuple[int, bool], object] = {}
        self._exact: dict[int, object | None] = {}

    def __len__(self) -> int:
        return len(self._sources)

    def pattern(self, index: int) -> re.Pattern:
        """Pattern `index` as Python's re runs it."""
        compiled = self._compiled.get(index)
        if compiled is None:
            compiled = self._compiled[index] = re.compile(*self._sources[index])
        return compiled

    def _source(self, index: int, ascii: bool = False) -> str:
        source, flags = self._sources[index]
        return ("(?i)" if flags & re.IGNORECASE else "") + to_re2(source, ascii)

    @cached_property
    def _set(self):
        """The patterns as one RE2 set, compiled when first matched (some
        users only ever ask for one pattern's spans)."""
        import re2

        compiled = re2.Set.SearchSet(self._options)
        for index in range(len(self._sources)):
            compiled.Add(self._source(index))
        compiled.Compile()
        return compiled

    def matching(self, data: bytes) -> set[int]:
        return set(self._set.Match(data) or ())

    def _single_pattern(self, index: int, binary: bool = False):
        import re2

        single = self._single.get((index, binary))
        if single is None:
            source = self._source(index)
            single = self._single[(index, binary)] = re2.compile(
                source.encode("utf-8") if binary else source, self._options
            )
        return single

    def may_match(self, index: int, text: str) -> bool:
        """Whether the RE2 translation of pattern `index` matches somewhere in
        `text`: if not, the pattern does not (one search, for a short text
        that Python's re would take many times longer to clear)."""
        return self._single_pattern(index).search(text) is not None

    def spans(self, index: int, raw: bytes, text: str) -> list[tuple[int, int]]:
        """Where the RE2 translation of pattern `index` matches, in code
        points of `text` (`raw` is its UTF-8): for patterns that need no
        lookaround, the same spans as Python's re, many times faster."""
        single = self._single_pattern(index, binary=True)
        found = [m.span() for m in single.finditer(raw)]
        if len(raw) == len(text) or not found:
            return found
        return _to_code_points(raw, found)

    def exact_spans(self, index: int, raw: bytes, text: str) -> list[tuple[int, int]]:
        """The spans of Python's matches of pattern `index` (those `finditer`
        finds with `reach` 0) in `text`, whose UTF-8 is `raw`: in ASCII text,
        those of its exact RE2 twin when it has one."""
        if len(raw) == len(text):
            twin = self._ascii_twin(index)
            if twin is not None:
                found = [m.span() for m in twin.finditer(raw)]
                if all(start < end for start, end in found):
                    return found
        return [m.span() for m in self.finditer(index, text, reach=0, raw=raw)]

    def _ascii_twin(self, index: int):
        """Pattern `index` as RE2 runs it exactly as Python's re does in ASCII
        text (see to_re2), or None."""
        if index not in self._exact:
            import re2

            twin = None
            if not self._sources[index][1] & ~(re.IGNORECASE | re.UNICODE):
                try:
                    source = self._source(index, ascii=True).encode("latin-1")
                    twin = re2.compile(source, _options(latin1=True))
                except (NotExact, UnicodeEncodeError, re2.error):
                    pass
            self._exact[index] = twin
        return self._exact[index]

    def finditer(
        self, index: int, text: str, reach: int = 200, raw: bytes | None = None
    ) -> Iterator[re.Match]:
        """The Python matches of pattern `index` in `text`, searched only near
        where its RE2 translation matches: those that start in its span or
        within `reach` characters after, each seeing LOOKAHEAD characters
        further (a lookahead at a phrase's end looks past the RE2 span).
        `raw` is the text's UTF-8, as `spans` takes it, when the caller has it."""
        pattern = self.pattern(index)
        if raw is None and text.isascii():
            raw = text.encode("ascii")
        if raw is None:  # RE2 encodes the text and counts code points itself
            candidates = [m.span() for m in self._single_pattern(index).finditer(text)]
        else:
            candidates = self.spans(index, raw, text)
        seen: set[tuple[int, int]] = set()
        for start, end in candidates:
            stop = max(end + reach, start + 1)
            for m in pattern.finditer(text, start, min(len(text), stop + LOOKAHEAD)):
                if m.start() >= stop:
                    break
                if m.span() not in seen:
                    seen.add(m.span())
                    yield m


def _to_code_points(raw: bytes, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Byte spans of UTF-8 `raw` as code-point spans, decoding each stretch
    between two offsets once."""
    offsets = sorted({o for span in spans for o in span})
    chars, previous, count = {}, 0, 0
    for offset in offsets:
        count += len(raw[previous:offset].decode("utf-8", "surrogateescape"))
        chars[offset] = count
        previous = offset
    return [(chars[s], chars[e]) for s, e in spans]
