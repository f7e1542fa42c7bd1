"""Who said each quote: the speaker and the cue a direct quote is tied to.

A quote is attributed when a cue links a speaker to it, in the words next to
it, as news writing does:

- after it, in its sentence: '"...," Jones said', '"...," said the mayor',
  '"..." - Jones', '"...," according to Jones', '"...," as Jones put it',
  '"..." [Reuters.]', or such a tag after a clause that completes the quote
  ('"..." unless the board pays, said Jones');
- before it, in its sentence: 'Jones said: "..."', 'Jones said the plan was
  "a disaster"', 'Jones: "..."', 'According to Jones, "..."', 'In a letter,
  Jones wrote that "..."'; a cue with no subject of its own ("..., adding
  '...'") has its sentence's; a quote that is the object of its clause's
  verb has that clause's subject ('Jones blamed the law on "..."');
- from the sentence or paragraph before: a quote that opens its sentence
  goes on with the last speaker of its paragraph, or of the sentence before
  it; a paragraph that opens with a quote goes on with the last speaker of
  the paragraph before (not an outlet cited for a fact), or with the speaker
  a paragraph ending in ":" introduces; a quote reopened in a new paragraph
  keeps its speaker.

A reporting word that is not linked so attributes nothing: "No one has said
who wrote it" gives the quote after it no speaker.  Speakers are spans as
written: a name, a pronoun ("he"), or a described one ("a campaign aide").
The words are read as tokens, in windows of a few dozen around each quote.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from checks.detect.names import is_organisation
from checks.detect.phrases import (
    ABBREVIATIONS,
    ADDRESSING_CUES,
    BETWEEN_SPEAKER_AND_CUE,
    COMMON_VERBS,
    CUE_PAIRS,
    CUE_WORDS,
    CUES_BEFORE_SPEAKER,
    NAME_PARTICLES,
    NOT_IN_SPEAKER,
    NOT_NAMES,
    NOUN_LIKE_CUES,
    PREPOSITIONS,
    SPEAKER_DETERMINERS,
    SPEAKER_PRONOUNS,
)
from checks.detect.prose import Prose, Quote

Span = tuple[int, int]

# Words (with an inner apostrophe, hyphen or dot: "O'Brien", "U.S."), numbers,
# dashes, and single marks of punctuation.
_TOKEN = re.compile(r"[^\W_][\w'\u2019.&-]*|[\u2015\u2014\u2013]|-{1,2}|[^\w\s]")
_DASHES = frozenset({"\u2015", "\u2014", "\u2013", "-", "--"})
_STOPS = frozenset({".", "!", "?", ";"})
# What ends a quote before an inverted cue: '," read the sign', '?" asks Jones'.
_AFTER_QUOTE = frozenset({",", "!", "?", '"', "\u201d", "\u2019", "'"})
# How far from a quote its cue may stand, in characters: after it ('," said
# the former governor of the state, Ana Ruiz') and before it, in its sentence.
_REACH_AFTER = 90
_REACH = 140


class Attribution(NamedTuple):
    quote: Quote
    speaker: Span | None
    cue: Span | None


class _Tie(NamedTuple):
    """A speaker and the cue that links it, before either is tied to a quote."""

    speaker: Span | None
    cue: Span | None


class _Token(NamedTuple):
    start: int
    end: int
    word: str  # lower case; a sentence's full stop is a token of its own
    cased: bool  # written with a capital letter first


def _tokens(text: str, start: int, end: int, to_stop: bool = False) -> list[_Token]:
    """The tokens of [start, end); with `to_stop`, only up to the first mark
    that ends a sentence."""
    found: list[_Token] = []
    add = found.append
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        s = m.start()
        e = s + len(word)
        if word[-1] == "." and len(word) > 1:
            bare = word[:-1]
            lowered = bare.lower()
            # The full stop of a sentence ("said."), not of "Sen." or "J.".
            if (
                lowered not in ABBREVIATIONS
                and "." not in bare
                and not (len(bare) == 1 and bare.isupper())
            ):
                add(_new(_Token, (s, e - 1, lowered, bare[0].isupper())))
                add(_new(_Token, (e - 1, e, ".", False)))
                if to_stop:
                    break
                continue
        add(_new(_Token, (s, e, word.lower(), word[0].isupper())))
        if to_stop and word in _STOPS and len(found) > 1:
            break
    return found


# Tokens are made by the thousand: without NamedTuple's argument handling.
_new = tuple.__new__


def _cue_at(tokens: list[_Token], i: int) -> int:
    """How many tokens the cue starting at `i` takes (0: none there)."""
    word = tokens[i].word
    if i + 1 < len(tokens) and tokens[i + 1].word in CUE_PAIRS.get(word, ()):
        return 2
    if word in CUE_WORDS:
        if i > 0 and tokens[i - 1].word in SPEAKER_DETERMINERS:
            return 0  # "the report", "a statement": a noun
        if tokens[i].cased and i > 0 and _is_word(tokens[i - 1]):
            return 0  # "the United States", "The Huffington Post": a name
        # "in states like Ohio", "calls for": a verb only after its subject
        # or just after a quote
        if word in NOUN_LIKE_CUES and not (
            i == 0
            or tokens[i - 1].word in SPEAKER_PRONOUNS
            or tokens[i - 1].word in _AFTER_QUOTE
            or _named(tokens[i - 1])
        ):
            return 0
        return 1
    return 0


def _named(token: _Token) -> bool:
    return token.cased and token.word[:1].isalpha()


def _is_word(token: _Token) -> bool:
    return token.word[:1].isalnum()


def _name_or_described(text: str, tokens: list[_Token], i: int, limit: int = 8) -> int:
    """How many tokens from `i` a speaker takes, read forwards: a pronoun, a
    name, or a described one ("the campaign's spokesman"); 0 if none."""
    if i >= len(tokens) or not _is_word(tokens[i]):
        return 0
    first = tokens[i]
    if first.word in SPEAKER_PRONOUNS:
        return 1
    j = i
    if first.word in SPEAKER_DETERMINERS:
        j += 1
    elif first.word in NOT_NAMES or first.word.endswith("ing"):
        return 0
    elif not _named(first) and not any(_named(t) for t in tokens[i + 1 : i + 4]):
        return 0  # "former governor Jane Ruiz" has a name in it; "then" has none
    described = first.word in SPEAKER_DETERMINERS
    while j < len(tokens) and j - i < limit:
        t = tokens[j]
        if not _is_word(t) or t.word in NOT_IN_SPEAKER or _cue_at(tokens, j):
            break
        if j > i + 1 and (t.word in COMMON_VERBS or t.word.endswith("ed")):
            break  # "The skipper spoke for an hour": the clause's verb
        if (
            not described
            and not t.cased
            and t.word not in NAME_PARTICLES
            and not any(x.cased for x in tokens[j + 1 : j + 4])
        ):
            break  # a name ends where lower-case words begin ("Devine didn't")
        j += 1
    return j - i if j > i + described else 0


def _speaker_ending(text: str, tokens: list[_Token], end: int) -> Span | None:
    """The speaker whose last token is `end - 1`, read backwards: a pronoun, a
    name (capitalised words, with titles and particles), or a described one
    reaching back to its determiner ("a spokesman for the campaign")."""
    i = end - 1
    if i >= 0 and tokens[i].word == ")":  # "Jones (R-Texas) said"
        k = i
        while k >= 0 and i - k < 10 and tokens[k].word != "(":
            k -= 1
        if k > 0 and tokens[k].word == "(":
            i = end = k
            i -= 1
    # Skip what stands between a speaker and its cue: "Jones on Tuesday said".
    while i >= 0 and tokens[i].word in BETWEEN_SPEAKER_AND_CUE and i > end - 5:
        if tokens[i].word in SPEAKER_PRONOUNS:
            break
        i -= 1
    if i < 0 or not _is_word(tokens[i]):
        if i >= 0 and tokens[i].word == ",":
            return _before_apposition(text, tokens, i)
        return None
    last = tokens[i]
    if last.word in SPEAKER_PRONOUNS:
        return last.start, last.end
    j = i
    while j >= 0 and i - j < 8:
        t = tokens[j]
        if not _is_word(t) or t.word in NOT_IN_SPEAKER:
            break
        if _cue_at(tokens, j) and j < i:
            break
        if t.word in SPEAKER_DETERMINERS:
            return t.start, last.end
        j -= 1
    first = j + 1
    # Without a determiner: a name, or a plural that stands alone ("officials").
    k = i
    while k >= first and (_named(tokens[k]) or tokens[k].word in NAME_PARTICLES):
        k -= 1
    if k < i:
        return tokens[k + 1].start, last.end
    if last.word.endswith("s") and (first == i or i - first <= 2):
        return tokens[first].start, last.end
    return None


def _before_apposition(text: str, tokens: list[_Token], comma: int) -> Span | None:
    """ "Jones, the county's engineer, said": the speaker before the
    apposition, which reaches back to the comma before it."""
    j = comma - 1
    while j >= 0 and comma - j < 12 and tokens[j].word not in {",", "(", ".", ":"}:
        j -= 1
    if j < 0 or tokens[j].word != ",":
        return None
    speaker = _speaker_ending(text, tokens, j)
    return (speaker[0], tokens[comma - 1].end) if speaker else None


def _after(text: str, quote: Quote, limit: int) -> _Tie | None:
    """A speaker and cue after the quote, in its sentence: '," Jones said',
    '," said Jones', '" - Jones', '," according to Jones', '" [Reuters]', or
    such a tag after a clause that completes the quote ('"..." if it fails,
    said Jones')."""
    end = min(limit, quote.end + _REACH_AFTER)
    inner = text[quote.start + 1 : quote.end - 1].rstrip()
    following = text[quote.end : min(end, quote.end + 8)].lstrip()[:1]
    if following in {".", ";", ":"} or (inner[-1:] == "." and following.isupper()):
        return None  # the sentence ends with the quote, and no tag follows
    common = _common_tag(text, quote.end, end)
    if common is not None:
        return common
    return _tag_after(text, quote, end, inner, following)


# The two tags most quotes have, '," Ana Ruiz said' and '," said Ana Ruiz'
# (or a pronoun), read by one pattern rather than token by token; a tag this
# does not read whole is left to the reader of tokens, which the tests check
# gives the same answer wherever this one gives any.
_COMMON_CUES = (
    "said|says|added|asked|wrote|explained|recalled|continued|noted|insisted|replied"
)
_COMMON_NAME = r"[A-Z][a-z'\u2019-]+(?:[ ][A-Z][a-z'\u2019-]+)?"
_COMMON_TAG = re.compile(
    r"[,!?]?[ ]*+(?:(?P<cue>" + _COMMON_CUES + r")[ ](?P<name>" + _COMMON_NAME + r")"
    r"|(?P<who>he|she|they|we|I|"
    + _COMMON_NAME
    + r")[ ](?P<verb>"
    + _COMMON_CUES
    + r"))"
    r"(?=[,;!?]|\.(?:\s|$))"
)


def _common_tag(text: str, at: int, end: int) -> _Tie | None:
    m = _COMMON_TAG.match(text, at, end)
    if m is None:
        return None
    speaker = "name" if m.group("cue") else "who"
    cue = "cue" if m.group("cue") else "verb"
    words = m.group(speaker).split()
    if any(
        w.lower() in NOT_NAMES or w.endswith("ing") or w.lower() in CUE_WORDS
        for w in words
        if w != "I"
    ) or (text[m.end() : m.end() + 1] == "." and words[-1].lower() in ABBREVIATIONS):
        return None  # "Monday said", "said Sen. Ruiz": for the reader of tokens
    return _Tie(m.span(speaker), m.span(cue))


def _tag_after(
    text: str, quote: Quote, end: int, inner: str, following: str
) -> _Tie | None:
    """The tag after a quote, read token by token."""
    # A bracketed source ends with its own full stop: "[Reuters.]"
    tokens = _tokens(text, quote.end, end, to_stop=following != "[")
    i = 0
    if tokens and (
        tokens[0].word == "," or (tokens[0].word in {"!", "?"} and len(tokens) > 1)
    ):
        i = 1
    if i >= len(tokens) or tokens[i].word in _STOPS or tokens[i].word == ":":
        return None
    t = tokens[i]
    if inner[-1:] == "." and t.word not in _DASHES and t.word != "[" and t.cased:
        return None  # '"... was sold." Nobody ...': a new sentence begins
    tag = _tag(text, tokens, i, inner[-1:] in {",", "!", "?", "\u2014"})
    if tag is None and inner[-1:] != ".":
        for k in range(i + 2, len(tokens)):
            if tokens[k - 1].word == ",":
                tag = _tag(text, tokens, k, True)
                if tag is not None:
                    break
    return _Tie(*tag) if tag else None


def _tag(
    text: str, tokens: list[_Token], i: int, ends_clause: bool
) -> tuple[Span, Span] | None:
    """A speech tag starting at token `i`: its speaker and cue."""
    word = tokens[i].word
    if word in _DASHES or word in ("[", "as"):
        return _led_tag(text, tokens, i)
    size = _cue_at(tokens, i)
    if size:  # "said Jones", "according to Jones"
        if not _inverts(tokens, i) and word not in CUE_PAIRS:
            return None
        n = _name_or_described(text, tokens, i + size)
        if n:
            k = i + size
            return (tokens[k].start, tokens[k + n - 1].end), _cue_span(tokens, i)
        return None
    return _speaker_first(text, tokens, i, ends_clause)


def _led_tag(text: str, tokens: list[_Token], i: int) -> tuple[Span, Span] | None:
    """A tag led by a dash ('"..." - Jones'), a bracket ('"..." [Reuters.]',
    as a digest names its source) or "as" ("as Jones put it")."""
    t = tokens[i]
    n = _name_or_described(text, tokens, i + 1)
    if not n:
        return None
    speaker = (tokens[i + 1].start, tokens[i + n].end)
    if t.word in _DASHES:
        return speaker, (t.start, t.end)
    j = i + 1 + n
    if t.word == "[":
        while j < len(tokens) and tokens[j].word == ".":
            j += 1
        if j < len(tokens) and tokens[j].word == "]":
            return speaker, (t.start, t.end)
        return None
    if j < len(tokens) and _cue_at(tokens, j):
        return speaker, _cue_span(tokens, j)
    return None


def _speaker_first(
    text: str, tokens: list[_Token], i: int, ends_clause: bool
) -> tuple[Span, Span] | None:
    """A tag whose speaker comes before its cue: "Jones said", "Jones, a
    lawyer, said", "Jones later told"."""
    n = _name_or_described(text, tokens, i)
    if not n:
        return None
    speaker = (tokens[i].start, tokens[i + n - 1].end)
    j = _past_apposition(tokens, i + n)
    skipped = 0
    # "Jones later told", "a reporter can be heard asking": a few words of a
    # verb group between the speaker and the cue.
    while j < len(tokens) and skipped < 4 and _is_word(tokens[j]):
        if _cue_at(tokens, j) or tokens[j].cased:
            break
        j += 1
        skipped += 1
    if j < len(tokens) and _cue_at(tokens, j):
        return speaker, _cue_span(tokens, j)
    # '"...," he surmised.': a speaker and one verb closing the sentence
    # after a quote is a speech tag, whatever the verb.
    j = i + n
    if (
        ends_clause
        and j + 1 < len(tokens)
        and tokens[j].word.isalpha()
        and not tokens[j].cased
        and tokens[j].word not in NOT_NAMES
        and tokens[j + 1].word in _STOPS | {","}
    ):
        return speaker, (tokens[j].start, tokens[j].end)
    return None


def _past_apposition(tokens: list[_Token], j: int) -> int:
    """The token after what stands between a speaker ending before token `j`
    and its verb: a party in parentheses ("Jones (R-Texas) said"), a role
    between commas ("Jones, a lawyer, said")."""
    if j < len(tokens) and tokens[j].word == "(":
        k = j + 1
        while k < len(tokens) and k - j < 10 and tokens[k].word != ")":
            k += 1
        if k < len(tokens) and tokens[k].word == ")":
            j = k + 1
    if j < len(tokens) and tokens[j].word == ",":
        k = j + 1
        while k < len(tokens) and k - j < 12 and tokens[k].word not in {",", "."}:
            if _cue_at(tokens, k):
                break  # "a friend, Ana Ruiz told CNN": no second comma
            k += 1
        if k < len(tokens) and (tokens[k].word == "," or _cue_at(tokens, k)):
            j = k + (tokens[k].word == ",")
    return j


def _cue_span(tokens: list[_Token], i: int) -> Span:
    size = _cue_at(tokens, i) or 1
    return tokens[i].start, tokens[i + size - 1].end


def _before(text: str, quote: Quote, start: int) -> _Tie | None:
    """A cue before the quote in its sentence (from `start`), and the speaker
    it links."""
    tokens = _tokens(text, max(start, quote.start - _REACH), quote.start)
    introduced = bool(tokens) and tokens[-1].word in {",", ":"}
    while tokens and tokens[-1].word in {",", "that", "\u2018", "'"}:
        tokens.pop()
    if not tokens:
        return None
    linked = _linked(text, tokens, nearest=introduced)
    if linked is None or linked.speaker is None:
        # No verb of saying: the quote is the object of the clause's own verb
        # ("Cruz blamed the law on '...'", "The ad targets a '...'").
        clause = _clause_subject(text, tokens)
        return _Tie(*clause) if clause else linked
    return linked


def _clause_subject(text: str, tokens: list[_Token]) -> tuple[Span, Span] | None:
    """The subject and verb of the clause the tokens open: a speaker-like
    phrase, not after a preposition, and a finite verb just after it."""
    first = 0
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].word in _STOPS or tokens[k].word in {":", ";"}:
            first = k + 1
            break
    for k in range(first, len(tokens)):
        if k > first and tokens[k - 1].word in PREPOSITIONS:
            continue
        n = _name_or_described(text, tokens, k)
        if not n:
            continue
        j = k + n
        skipped = 0
        while (
            j < len(tokens)
            and tokens[j].word in BETWEEN_SPEAKER_AND_CUE
            and skipped < 2
        ):
            j += 1
            skipped += 1
        if j < len(tokens) - 1 and _finite(tokens[j]):
            return (tokens[k].start, tokens[k + n - 1].end), (
                tokens[j].start,
                tokens[j].end,
            )
        return None
    return None


def _finite(token: _Token) -> bool:
    """A word that reads as a clause's verb: a common one, or one in -ed or
    -s that is not a word of another kind."""
    word = token.word
    return (
        not token.cased
        and word.isalpha()
        and word not in NOT_NAMES
        and word not in NOT_IN_SPEAKER
        and (
            word in COMMON_VERBS
            or word.endswith(("ed", "es", "ts", "ds", "ks", "ns", "rs", "ls"))
        )
    )


def _linked(text: str, tokens: list[_Token], nearest: bool = True) -> _Tie | None:
    """A cue in `tokens` that links a speaker (its subject, the name after
    "according to" or after an inverted "said"), or failing that the nearest
    cue with none; a colon at the end with a speaker heading it ("Jones:") is
    a cue too.  The cue nearest the end is taken when a comma or colon
    introduces the quote ('Jones said: "..."'); else the first of the
    sentence, whose words the later ones report ('Jones said Ruiz would
    "..."')."""
    unlinked = None
    best = None
    colon = tokens[-1].word == ":"
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].word in _STOPS:
            break
        size = _cue_at(tokens, i)
        if not size:
            continue
        cue = _cue_span(tokens, i)
        speaker = _cue_speaker(text, tokens, i, size)
        if speaker is None:
            unlinked = unlinked or cue
            continue
        best = speaker, cue
        if nearest:
            break
    if best:
        return _Tie(*best)
    if colon and unlinked is None:
        # A speaker heading the quote: "Jones:", "Here is Jones in 1992:",
        # "Jones leaned in and boomed:", "Jones released this statement:".
        speaker = _speaker_ending(text, tokens, len(tokens) - 1)
        if speaker is None or speaker[0] > tokens[0].start:
            speaker = _subject(text, tokens, len(tokens) - 1, clause=True) or speaker
        if speaker is not None:
            return _Tie(speaker, (tokens[-1].start, tokens[-1].end))
    return _Tie(None, unlinked) if unlinked else None


def _cue_speaker(text: str, tokens: list[_Token], i: int, size: int) -> Span | None:
    """The speaker the cue at `i` (of `size` tokens) links, if any."""
    if " ".join(t.word for t in tokens[i : i + size]) in CUES_BEFORE_SPEAKER:
        n = _name_or_described(text, tokens, i + size)
        return (tokens[i + size].start, tokens[i + size + n - 1].end) if n else None
    speaker = _speaker_ending(text, tokens, i)
    if speaker is None and _inverts(tokens, i):  # 'Said Jones: "..."'
        n = _name_or_described(text, tokens, i + size)
        if n and i + size + n >= len(tokens) - 1:
            speaker = tokens[i + size].start, tokens[i + size + n - 1].end
    return speaker if speaker is not None else _subject(text, tokens, i)


def _inverts(tokens: list[_Token], i: int) -> bool:
    """Whether the cue at `i` may have its speaker after it ("said Jones"):
    at its clause's start (a quote just before it ends a clause), and not a
    verb whose object is whom it addresses ("telling the crowd")."""
    word = tokens[i].word
    return (
        (i == 0 or tokens[i - 1].word in {",", ":", "!", "?"})
        and not word.endswith("ing")
        and word not in ADDRESSING_CUES
    )


def _subject(
    text: str, tokens: list[_Token], cue: int, clause: bool = False
) -> Span | None:
    """The subject of the sentence that holds the cue at `cue`, when the
    cue's own clause has none: after a comma or a conjunction ("Jones spoke
    for an hour, adding ...", "... but insists"), or for any verb before a
    colon (`clause`)."""
    if cue == 0:
        return None
    if not clause and tokens[cue - 1].word not in {",", "and", "but", "then"}:
        return None
    first = 0
    for k in range(cue - 1, -1, -1):
        if tokens[k].word in _STOPS or tokens[k].word == ":":
            first = k + 1
            break
    # The first speaker-like words not governed by a preposition: "In an
    # interview with the Journal, Jones ...".
    for k in range(first, cue):
        if k > first and tokens[k - 1].word in PREPOSITIONS:
            continue
        n = _name_or_described(text, tokens, k)
        if n and k + n < cue:
            return tokens[k].start, tokens[k + n - 1].end
        if n:
            break
    return None


def attribute(prose: Prose) -> list[Attribution]:
    """Each quote of the prose with the speaker and cue it is tied to."""
    by_paragraph: dict[int, list[Quote]] = {}
    for q in prose.quotes:
        by_paragraph.setdefault(q.paragraph, []).append(q)
    reading = _Reading(prose)
    for index in range(len(prose.paragraphs)):
        quotes = by_paragraph.get(index)
        if quotes:
            reading.paragraph(index, quotes)
        elif not prose.is_heading(index):
            reading.last, reading.spoken = None, index
    return reading.found


class _Reading:
    """Quotes tied to speakers paragraph by paragraph, in order: who spoke
    last goes on to the quotes that follow."""

    def __init__(self, prose: Prose):
        self.prose = prose
        self.found: list[Attribution] = []
        self.last: _Tie | None = None  # the last speaker, for quotes that go on
        self.spoken = -1  # the last paragraph that is not a heading
        # Within a paragraph: the speaker carried from the one before, the
        # paragraph before when it has no quote (its last sentence may name
        # who speaks next: "Jones said the plan had failed."; read only if a
        # quote here needs it), and the paragraph's sentences, once needed.
        self.carried: _Tie | None = None
        self.quiet = -1
        self.sentences: list[Span] | None = None
        self.starts: list[int] = []

    def paragraph(self, index: int, quotes: list[Quote]) -> None:
        end = self.prose.paragraphs[index][1]
        self.carried = self.last
        spoken = self.spoken
        self.quiet = spoken if self.last is None and 0 <= spoken == index - 1 else -1
        self.last = None
        self.sentences = None
        for n, q in enumerate(quotes):
            tie = self.carried if q.continues else None
            if tie is None:
                following = quotes[n + 1].start if n + 1 < len(quotes) else end
                tie = _after(self.prose.text, q, following)
            if tie is None:
                tie = self._before(index, quotes, n)
            attribution = Attribution(q, *(tie or (None, None)))
            self.found.append(attribution)
            if attribution.cue is not None:
                self.last = _Tie(attribution.speaker, attribution.cue)
        self.spoken = index

    def _before(self, index: int, quotes: list[Quote], n: int) -> _Tie | None:
        """The tie of quote `n` of the paragraph that no tag after it gives:
        a tag before it in its sentence, the speaker of an earlier quote of
        the sentence, or, for a quote that opens its sentence, the last
        speaker."""
        prose, text, q = self.prose, self.prose.text, quotes[n]
        start = prose.paragraphs[index][0]
        if self.sentences is None:
            self.sentences = prose.sentences_of(index)
            self.starts = [s for s, _ in self.sentences]
        k = max(0, bisect.bisect_right(self.starts, q.start) - 1)
        sentence_start = self.starts[k] if self.starts else start
        tie = _before(text, q, max(sentence_start, quotes[n - 1].end if n else start))
        previous = self.found[-1] if n else None
        if (
            tie is None
            and previous
            and previous.speaker
            and previous.quote.start >= sentence_start
        ):
            # '... called it a "..." made by "...": one sentence, one speaker.
            tie = _Tie(previous.speaker, previous.cue)
        if (tie is None and _opens(text, sentence_start, q)) or (
            tie and tie.speaker is None
        ):
            # A quote that opens its sentence, or a cue with no subject
            # ("Adding, '...'"), goes on with the last speaker: of this
            # paragraph, of the sentence before, or of the paragraph before.
            source = self.last
            if source is None and _opens(text, start, q):
                if self.quiet >= 0:
                    self.carried, self.quiet = _last_speaker(prose, self.quiet), -1
                source = self.carried
            if source is None and k:
                source = _speaking(prose, *self.sentences[k - 1])
            if source is not None:
                tie = _Tie(source.speaker, tie.cue if tie else source.cue)
        return tie


def _last_speaker(prose: Prose, index: int) -> _Tie | None:
    """Who the last sentence of paragraph `index` says is speaking; not an
    outlet cited for a fact, which is not who speaks next."""
    sentences = prose.sentences_of(index)
    speaking = _speaking(prose, *sentences[-1]) if sentences else None
    if speaking is not None and is_organisation(_words(prose.text, speaking.speaker)):
        return None
    return speaking


def _words(text: str, span: Span | None) -> str:
    return " ".join(text[span[0] : span[1]].split()) if span else ""


def _opens(text: str, start: int, q: Quote) -> bool:
    """Whether the quote opens what starts at `start` (a few marks and dashes
    aside)."""
    return (
        q.start == start
        or q.start - start <= 4
        and not text[start : q.start].strip(
            " \t\n\"'\u201c\u2018\u00ab\u201e(\u2014\u2013-"
        )
    )


def _speaking(prose: Prose, start: int, end: int) -> _Tie | None:
    """The speaker a cue of the sentence [start, end) links, outside quotes."""
    text = prose.text
    start = max(start, end - _REACH)  # a cue's reach, not the whole of a long sentence
    tokens = _tokens(text, start, end)
    if prose.quote_within(start, end):
        tokens = [t for t in tokens if not prose.in_quote(t.start)]
    while tokens and tokens[-1].word in _STOPS:
        tokens.pop()
    linked = _linked(text, tokens, nearest=tokens[-1].word == ":") if tokens else None
    return linked if linked is not None and linked.speaker is not None else None
