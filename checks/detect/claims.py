"""Who said it: quotes without a speaker, claims without a source, weasel
attribution, and the outlets and organisations a text cites.

The body is read as prose (checks.detect.prose): paragraphs, sentences, quotes.
Reporting words ("said", "told", "according to", "in a statement" ...) are
found in one RE2 pass; only those outside quotes count, since a quote's
words are its speaker's, not the writer's.

- A quote is attributed when its paragraph has a reporting word outside the
  quotes, as news writing does ("...," she said. "..."); a speaker carries
  over to the next paragraphs that open with a quote, until a paragraph
  without one (headings are skipped); a paragraph that ends with ":" gives
  its speaker to the next.  Quotes of fewer than four words with no full stop
  inside ("a "different group" of soldiers") are terms, not speech.
- A weasel phrase ("reportedly", "experts say", "is widely regarded as") is
  reported unless its sentence names a specific source: a name, a definite
  described one ("the ministry said"), or a pronoun that refers back.
- A claim is a sentence with a figure or a grave act in it, in a paragraph
  with no attribution at all; questions, headings and the writer's framing
  are not claims.
- A cited source is an organisation or outlet tied to a reporting word:
  "according to the BBC", "told Reuters", "BBC reported", "reported BBC",
  "a report by the UN".
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from checks.detect.attribution import Attribution, attribute
from checks.detect.names import is_organisation, name_after, name_before
from checks.detect.phrases import (
    CLAIM_SIGNALS,
    CUE_WORDS,
    DESCRIBED_SOURCES,
    FRAMING_OPENERS,
    KNOWN_OUTLETS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    REPORTING,
    WEASEL_PHRASES,
)
from checks.detect.prose import Prose, QuoteProblem, read_prose

if TYPE_CHECKING:
    from checks.detect.patterns import PatternSet

MIN_QUOTE_WORDS = 4
_PRONOUN_SOURCE = re.compile(
    r"\b(?:he|she|they|i|we|it)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_DESCRIBED = re.compile(
    r"(?:\b(?:the|a|an|this|that|his|her|their|its)\s+(?:\w+\s+){0,2}|^\s*)(?:"
    + "|".join(DESCRIBED_SOURCES)
    + r")s?\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_AFTER_VERB = re.compile(r"\s*(?:(?:to|by|with|for|in)\s+)?(?:the\s+)?", re.IGNORECASE)
_BY = re.compile(
    r"\b(?:report|reports|article|investigation|statement|study|survey|analysis|interview)\s+(?:published\s+)?(?:by|from|with)\s+",
    re.IGNORECASE,
)
# "an estimated 12,000", "a reported 40": the reporting word describes a figure.
_ADJECTIVAL = re.compile(r"\ban?\s+$", re.IGNORECASE)
_DEFINITE = re.compile(
    r"(?:^\s*|[,;]\s+|\b(?:and|but|while|as)\s+)the\s+(?:[\w-]+\s+){1,3}$",
    re.IGNORECASE,
)
_CLAIM = re.compile(CLAIM_SIGNALS, re.IGNORECASE)
_SENTENCE_MARK = re.compile(r"[.!?]")


class Source(NamedTuple):
    name: str
    start: int
    end: int


@dataclass
class Claims:
    prose: Prose
    quotes_without_speaker: list[tuple[int, int]] = field(default_factory=list)
    unattributed: list[tuple[int, int]] = field(default_factory=list)
    weasels: list[tuple[int, int]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)

    @property
    def quote_problems(self) -> list[QuoteProblem]:
        return self.prose.problems

    @property
    def source_names(self) -> list[str]:
        return list(dict.fromkeys(s.name for s in self.sources))


@lru_cache(maxsize=1)
def _compiled() -> tuple:
    from checks.detect.patterns import PatternSet

    return (
        PatternSet([REPORTING, _BY], re.IGNORECASE),
        PatternSet([p for _, p in WEASEL_PHRASES], re.IGNORECASE),
        PatternSet([_CLAIM]),
    )


def analyse(text: str, raw: bytes | None = None) -> Claims:
    reporting_screen, weasel_screen, claim_screen = _compiled()
    prose = read_prose(text)
    claims = Claims(prose)
    raw = raw if raw is not None else text.encode("utf-8", "surrogatepass")
    # Reporting words are in nearly every text: their two patterns are
    # searched at once, without asking the set which of them may match.
    verbs = reporting_screen.spans(0, raw, text) + reporting_screen.spans(1, raw, text)
    verbs = sorted(
        (s, e)
        for s, e in verbs
        if not prose.in_quote(s)
        and not _adjectival(text, s)
        and (text[s].islower() or _starts_sentence(text, s))
    )
    starts = [s for s, _ in verbs]
    weasel_spans = []
    for index in sorted(weasel_screen.matching(raw)):
        kind = WEASEL_PHRASES[index][0]
        for start, end in weasel_screen.exact_spans(index, raw, text):
            start = _phrase_start(text, start, end)
            if not prose.in_quote(start):
                weasel_spans.append((start, end, kind))
    paragraphs = [
        (start, end, prose.is_heading(index), _in(starts, start, end))
        for index, (start, end) in enumerate(prose.paragraphs)
    ]
    _quotes(claims)
    _weasels(claims, weasel_spans, verbs)
    _claims(claims, paragraphs, weasel_spans, claim_screen)
    _sources(claims, verbs, raw)
    return claims


def _adjectival(text: str, at: int) -> bool:
    """Whether the reporting word at `at` describes a figure ("an estimated
    12,000"): most words before one end in a letter other than a or n."""
    before = text[at - 2 : at]
    if (
        len(before) == 2
        and before[1] == " "
        and before[0] not in "aAnN"
        and not before[0].isspace()  # as re's \s
    ):
        return False
    return _ADJECTIVAL.search(text, max(0, at - 4), at) is not None


def _starts_sentence(text: str, at: int) -> bool:
    """Whether `at` starts a sentence or a clause: a capitalised reporting word
    elsewhere is a name ("Nasarawa States")."""
    i = at - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u2018":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;,(\u2014\u2013"


def _in(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


# A paragraph as the attribution rules read it: start, end, whether it is a
# heading, whether it has a reporting word outside quotes.
_Paragraph = tuple[int, int, bool, bool]


def _quotes(claims: Claims) -> None:
    prose = claims.prose
    claims.attributions = attribute(prose)
    for a in claims.attributions:
        if a.speaker is None and is_claim(a.quote.inner(prose.text)):
            claims.quotes_without_speaker.append((a.quote.start, a.quote.end))


def is_claim(inner: str) -> bool:
    """Whether a quote's words are speech to attribute: four words or more,
    or a full sentence; not a term ("a 'different group'") nor a title in
    title case ("the song 'Down by the Old Mill'")."""
    words = inner.split()
    if len(words) < MIN_QUOTE_WORDS and not _SENTENCE_MARK.search(inner):
        return False
    return not _title_case(words)


def _title_case(words: list[str]) -> bool:
    """Most words capitalised, first and last among them, and no full stop
    inside: how titles of songs, books and films are written."""
    if len(words) > 12 or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    if any(w.endswith(".") for w in words[:-1]):
        return False
    capitals = sum(w[:1].isupper() for w in words)
    return capitals * 3 >= len(words) * 2


def _sentence_of(prose: Prose, offset: int) -> tuple[int, int]:
    sentences = prose.sentences_of(prose.paragraph_at(offset))
    i = bisect.bisect_right([s for s, _ in sentences], offset) - 1
    if i < 0:
        return sentences[0] if sentences else (0, len(prose.text))
    return sentences[i]


def _specific_source(
    prose: Prose, verbs: list[tuple[int, int]], lo: int, hi: int, skip: tuple[int, int]
) -> bool:
    """Whether a reporting word in [lo, hi), not part of `skip`, has a specific
    source: a name, a definite described source, or a pronoun.  `verbs` are
    sorted."""
    text = prose.text
    for s, e in itertools.islice(verbs, bisect.bisect_left(verbs, (lo,)), None):
        if s >= hi:
            break
        if skip[0] <= s < skip[1]:
            continue
        if not _says(text, s, e):
            continue  # "found out", "shows": a finding, not someone's words
        before = prose.outside_quotes(max(lo, s - 60), s)
        name = name_before(text, s)
        if name and not _sentence_initial_common(text, name, lo):
            return True
        if (
            _DESCRIBED.search(before)
            or _PRONOUN_SOURCE.search(before)
            or _DEFINITE.search(before)
        ):
            return True
        after = _AFTER_VERB.match(text, e)
        if name_after(text, after.end() if after else e):
            return True
    return False


def _says(text: str, start: int, end: int) -> bool:
    """Whether the reporting word at [start, end) reports someone's words."""
    word = text[start:end].lower()
    return word.split()[0] in CUE_WORDS or word.startswith(
        ("according", "in a", "in an")
    )


def _sentence_initial_common(
    text: str, name: tuple[int, int], sentence_start: int
) -> bool:
    """A capitalised word that is only capitalised because it starts the sentence."""
    word = text[name[0] : name[1]].split()[0].lower()
    return name[0] == sentence_start and (
        word in NOT_NAMES or word.endswith(("s", "ly"))
    )


def _weasels(
    claims: Claims, spans: list[tuple[int, int, str]], verbs: list[tuple[int, int]]
) -> None:
    prose = claims.prose
    text = prose.text
    spans = sorted(set(spans), key=lambda span: (span[0], -span[1]))
    # A reporting word inside any weasel phrase ("were said to") names nobody.
    starts = [a for a, _, _ in spans]
    reach = list(itertools.accumulate((b for _, b, _ in spans), max))
    verbs = [v for v in verbs if not _covered(starts, reach, v[0])]
    reported_to = -1  # the end of the weasel phrases kept so far
    for start, end, kind in spans:
        if start < reported_to:
            continue  # inside one already kept
        if kind == "vague":
            # The phrase holds its own agent, and it is nobody in particular.
            if _refers_back(text, start):
                continue
        elif kind != "adverb" and _agent_after(text, end):
            continue
        else:
            # Said by someone the sentence names: "..., the ministry said."
            lo, hi = _sentence_of(prose, start)
            if _specific_source(prose, verbs, lo, hi, (start, end)):
                continue
        claims.weasels.append((start, end))
        reported_to = max(reported_to, end)


_LEADING_WORD = re.compile(
    r"[^\w]*(?:(?:and|but|while|though|that)\s+)?", re.IGNORECASE
)
_BY_AGENT = re.compile(
    r"\s*+(?:,\s*+)?(?:\w+ly\s++)?(?:to\s++(?:be|have)\s++)?(?:by|from|of)\s+",
    re.IGNORECASE,
)
_SPECIFIC_DETERMINER = re.compile(
    r"(?:the|his|her|its|their|this|that)\s+(?!(?:most|majority|many|public|media|press)\b)\w",
    re.IGNORECASE,
)
# Words that point back to a group the text has named: "the critics".
_REFERRING = r"(?:the|these|those|his|her|its|their|our|both)"
_BACK_HERE = re.compile(_REFERRING + r"\s", re.IGNORECASE)
_BACK = re.compile(r"\b" + _REFERRING + r"\s+$", re.IGNORECASE)


def _phrase_start(text: str, start: int, end: int) -> int:
    """Where a weasel phrase's words begin: after punctuation or a
    conjunction its pattern needs before it ("; critics say")."""
    m = _LEADING_WORD.match(text, start, end)
    return m.end() if m and m.end() < end else start


def _refers_back(text: str, start: int) -> bool:
    """ "The critics say": a group the text has already named."""
    return (
        _BACK.search(text, max(0, start - 12), start) is not None
        or _BACK_HERE.match(text, start) is not None
    )


def _agent_after(text: str, end: int) -> bool:
    """Whether the phrase ending at `end` names its agent: "considered by the
    ministry", "regarded by Ana Ruiz as", "reports from Reuters"; "by
    many" or "by critics" names nobody."""
    m = _BY_AGENT.match(text, end, min(len(text), end + 40))
    if not m:
        return False
    at = m.end()
    name = name_after(text, at)
    if name and not text[name[0] : name[1]].lower().startswith(
        ("some", "many", "most", "other")
    ):
        return True
    return _SPECIFIC_DETERMINER.match(text, at) is not None


def _covered(starts: list[int], reach: list[int], at: int) -> bool:
    """Whether `at` lies inside one of the spans whose sorted `starts` are
    given, `reach[i]` being the furthest end of the first i + 1."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < reach[i]


def _claims(
    claims: Claims,
    paragraphs: list[_Paragraph],
    weasels: list[tuple[int, int, str]],
    screen: PatternSet,
) -> None:
    prose = claims.prose
    text = prose.text
    quoted = {q.paragraph for q in prose.quotes}
    weasel_starts = sorted(w for w, _, _ in weasels)
    for index, (start, end, is_heading, attributed) in enumerate(paragraphs):
        if index in quoted or attributed or is_heading:
            continue
        if not screen.may_match(0, text[start:end]):
            continue  # no sentence of it can be a claim: it is not split
        for start, end in prose.sentences_of(index):
            _claim(claims, text, start, end, weasel_starts)


def _claim(
    claims: Claims, text: str, start: int, end: int, weasel_starts: list[int]
) -> None:
    """Record the sentence [start, end) if it is a claim (in a paragraph that
    attributes nothing)."""
    sentence = text[start:end]
    stripped = sentence.rstrip("\"'\u201d\u2019) ")
    if stripped.endswith("?") or sentence.lower().startswith(FRAMING_OPENERS):
        return
    if _in(weasel_starts, start, end):
        return  # a weasel phrase is reported as such
    if _CLAIM.search(sentence):
        claims.unattributed.append((start, end))


@lru_cache(maxsize=1)
def _organisations():
    """A pattern for the capitalised phrases that may name an organisation."""
    from checks.detect.patterns import PatternSet

    # Longest first, so that an alternative is never cut short by its own
    # start; then in order, so that the pattern is the same in every process.
    last = sorted(
        {w.capitalize() for w in ORGANISATION_WORDS}
        | {o.split()[-1] for o in KNOWN_OUTLETS},
        key=lambda w: (-len(w), w),
    )
    pattern = re.compile(
        r"\b(?:[A-Z][\w&'-]*\s+){0,4}(?:" + "|".join(map(re.escape, last)) + r")\b"
        r"|\b[A-Z][A-Z&]{1,6}s?\b"
    )
    return PatternSet([pattern])


def _normal_source(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """An organisation's name without a leading "The"."""
    start, end = span
    if text[start:end].lower().startswith("the "):
        start += 4
    return start, end


# What may stand between a reporting word and the organisation it names.
_GAP_AFTER_VERB = re.compile(
    r"\s*(?:(?:to|by|with|for|in|from)\s+)?(?:the\s+)?$", re.IGNORECASE
)
_GAP_BEFORE_VERB = re.compile(r"\s*,?\s*(?:[a-z]+\s+){0,2}$")


def _sources(claims: Claims, verbs: list[tuple[int, int]], raw: bytes) -> None:
    """The organisations a reporting word is tied to: "according to the BBC",
    "told Reuters", "the Port Authority said", "a report by the UN"."""
    text = claims.prose.text
    screen = _organisations()
    ends = [e for _, e in verbs]
    starts = [s for s, _ in verbs]
    seen = set()
    for start, end in screen.spans(0, raw, text):
        if claims.prose.in_quote(start):
            continue
        start, end = _normal_source(text, (start, end))
        name = text[start:end]
        if not is_organisation(name) or (start, end) in seen:
            continue
        # A reporting word just before ("told Reuters") or just after ("BBC reported").
        i = bisect.bisect_right(ends, start) - 1
        before = (
            i >= 0
            and start - ends[i] <= 24
            and _GAP_AFTER_VERB.match(text, ends[i], start)
        )
        j = bisect.bisect_left(starts, end)
        after = (
            j < len(starts)
            and starts[j] - end <= 20
            and _GAP_BEFORE_VERB.match(text, end, starts[j])
        )
        if before or after:
            seen.add((start, end))
            claims.sources.append(Source(name, start, end))
