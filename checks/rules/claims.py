"""CLM: every claim in a seed can be traced to who made it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from checks.detect.claims import Claims, analyse
from checks.detect.lookalike import differences, looks_like, written_as
from checks.report.diagnostic import Finding, Fix
from checks.rules.header import extend_list_field, not_english, reads_english
from checks.rules.registry import rule
from checks.run.context import Context
from checks.seed.document import Document, HeaderForm


def analysed(doc: Document) -> tuple[Claims, int]:
    """The claims analysis of the body, and the offset of the body in the file."""
    return doc.derived(
        "claims", lambda d: analyse(d.text[d.body_start :], d.body)
    ), doc.body_start


def declared_cites(doc: Document) -> list[str]:
    cites = doc.data.get("cites") if isinstance(doc.data, dict) else None
    return [c for c in cites if isinstance(c, str)] if isinstance(cites, list) else []


@lru_cache(maxsize=4096)  # the same outlets, seed after seed
def _key(name: str) -> str:
    name = " ".join(name.split()).lower()
    return name[4:] if name.startswith("the ") else name


def snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _each(doc: Document, spans: list, shift: int, what: str) -> Iterator[Finding]:
    """A finding for each span of the body, quoting its start."""
    for start, end in spans:
        text = doc.text[start + shift : end + shift]
        yield Finding(start + shift, end + shift, f"{what}: {snippet(text)}")


@rule("CLM001", "quote-without-speaker", "error")
def quote_without_speaker(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A direct quote has no speaker.

    ## What it does
    Reports a quote of four words or more (or one with a full stop in it)
    that no cue ties to a speaker: '"...," Ana Ruiz said', '"...," said the
    mayor', '"..." - Ana Ruiz', 'Ana Ruiz: "..."', 'Ana Ruiz wrote that
    "..."', 'according to Ana Ruiz', 'as she put it'.  A quote that opens its
    sentence or paragraph goes on with the last speaker (of its paragraph, the
    sentence before, or the paragraph before), as news writing does; a
    reporting word elsewhere ("No one has said who wrote it") attributes
    nothing.  Titles in title case ("Down by the Old Mill") and short terms are
    not speech.  `checks quotes` lists every quote with the speaker and cue it
    is tied to.  The span is the quote, marks included.

    ## Why it matters
    Words in quotes are someone's words.  A quote with no speaker cannot be
    checked, and may be the writer's own words dressed up as testimony.

    ## Example
    ```
    "The road will not reopen before spring."
    ```
    alone in its paragraph, with nobody saying it.
    """
    if not reads_english(doc):
        return
    claims, shift = analysed(doc)
    yield from _each(doc, claims.quotes_without_speaker, shift, "quote with no speaker")


@rule("CLM002", "unattributed-claim", "warning")
def unattributed_claim(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A claim stands with no source in its paragraph.

    ## What it does
    Reports a sentence that states a figure ("40 people", "12%", "thousands
    of") or a grave act ("killed", "tortured", "embezzled", "was responsible
    for") in a paragraph that attributes nothing: no reporting word, no quote.
    Questions, headings and the writer's framing ("In this article ...") are
    not claims.  Built for precision: most of a reporter's own narration is
    left alone.

    ## Why it matters
    Figures and accusations are what readers repeat; each needs a source a
    reader can weigh.
    """
    if not reads_english(doc):
        return
    claims, shift = analysed(doc)
    yield from _each(doc, claims.unattributed, shift, "claim with no source")


@rule("CLM003", "weasel-attribution", "warning")
def weasel_attribution(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A claim leans on nobody in particular.

    ## What it does
    Reports, outside quotes, a cue of saying or believing whose agent is
    nobody in particular: a vague one ("some critics argue", "many believe",
    "according to some", "several commentators"), a missing one ("it is
    believed", "is widely regarded as", "has been suggested", "there are
    reports", "studies show"), and "reportedly", "allegedly" or a guess
    ("probably", "arguably").  Only the cue's own agent excuses it: the "by X"
    of a passive ("is considered by the county engineer"), or the named source
    of the sentence's reporting verb ("..., the ministry said"); "the critics"
    refers back to a group already named.  A name elsewhere in the sentence
    excuses nothing.  The span is the phrase.

    ## Why it matters
    Vague attribution lends a claim authority without anyone to answer for it.

    ## Example
    ```
    The bridge is widely regarded as unsafe.
    ```
    Use instead: `The county engineer, Ana Ruiz, said the bridge was unsafe.`
    """
    if not reads_english(doc):
        return
    claims, shift = analysed(doc)
    for start, end in claims.weasels:
        phrase = " ".join(doc.text[start + shift : end + shift].split())
        yield Finding(
            start + shift,
            end + shift,
            f"weasel attribution {phrase!r}: the sentence names no source",
        )


def _declare_cites(doc: Document, names: list[str]) -> Fix | None:
    current = declared_cites(doc)
    have = {_key(c) for c in current}
    return extend_list_field(
        doc, "cites", current, current + [n for n in names if _key(n) not in have]
    )


@rule("CLM004", "undeclared-source", "error", fixable=True)
def undeclared_source(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A source the text cites is missing from the header's `cites`.

    ## What it does
    Finds the outlets and organisations the body attributes to ("according
    to the BBC", "told Reuters", "the ministry said in a statement", "a
    report by the UN") and reports each one, at its first citation, that the
    header's `cites` does not list.

    ## Why it matters
    `cites` is how a reader of the corpus finds every text that rests on a
    given source, to weigh it or to withdraw it if the source is discredited.

    ## Fix (unsafe)
    `checks --fix --unsafe-fixes` adds the sources found to `cites` and says
    so; a person should check them.
    """
    if not reads_english(doc):
        return
    claims, shift = analysed(doc)
    have = {_key(c) for c in declared_cites(doc)}
    missing = [n for n in claims.source_names if _key(n) not in have]
    if not missing:
        return
    fix = _declare_cites(doc, missing)
    reported = set()
    for source in claims.sources:
        if _key(source.name) in have or _key(source.name) in reported:
            continue
        reported.add(_key(source.name))
        alike = looks_like(source.name, declared_cites(doc))
        yield Finding(
            source.start + shift,
            source.end + shift,
            f"the text cites {source.name!r}, which the header's cites does not list"
            + (f" (it looks like {alike[0]!r}, but has {alike[1]})" if alike else ""),
            fix,
        )


@rule("CLM005", "unused-source", "warning")
def unused_source(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A declared source never appears in the text.

    ## What it does
    Reports each entry of the header's `cites` that the body never mentions.

    ## Why it matters
    A stale or mistyped `cites` entry ties the seed to a source it does not
    rest on, and hides the one it does.
    """
    if doc.form is not HeaderForm.FRONT_MATTER:
        return
    lowered = doc.text[doc.body_start :].lower()
    spaced = None  # the body with every run of white space as one space
    for index, name in enumerate(declared_cites(doc)):
        key = _key(name)
        if key in lowered:
            continue
        if spaced is None:
            spaced = " ".join(lowered.split())
        if key not in spaced:
            alike = written_as(doc.text[doc.body_start :], name)
            told = (
                f" (it is written {alike!r}, with {differences(alike, name)})"
                if alike
                else ""
            )
            yield Finding(
                *doc.field_span(("cites", index)),
                f"cited source {name!r} never appears in the text{told}",
            )


@rule("CLM006", "unbalanced-quote", "warning")
def unbalanced_quote(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A quote mark has no partner, or a quote closes in another style.

    ## What it does
    Reports an opening mark that is never closed (a quote may run on over
    paragraphs when each one reopens it), a closing mark with no opening one,
    a quote opened twice, and a quote opened with one style and closed with
    another (`"` then `”`).

    ## Why it matters
    Where a quote ends decides whose words the rest of the text is; a broken
    mark leaves that to guesswork, for readers and for the claim rules.
    """
    if not reads_english(doc):
        return
    claims, shift = analysed(doc)
    for problem in claims.quote_problems:
        yield Finding(problem.start + shift, problem.end + shift, problem.message)


@rule("CLM007", "claims-not-checked", "info")
def claims_not_checked(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The body is not in English, so its claims were not checked.

    ## What it does
    Notes, once, that a seed whose `language` is not English was not read for
    quotes, attributions or cited sources.

    ## Why it matters
    A reader must not take the absence of findings for a check that passed.
    """
    yield from not_english(doc, "claims were not checked: the detectors read English")
