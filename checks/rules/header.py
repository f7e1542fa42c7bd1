"""HDR: the metadata header of every seed."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterator, Sequence

from checks.detect.language import SURE, identified, primary, standard_tag
from checks.report.diagnostic import Edit, Finding, Fix
from checks.report.suppression import Accept, accept_list
from checks.rules.registry import protected_codes, rule
from checks.run.context import Context
from checks.seed.document import Document, HeaderForm
from checks.seed.edit import CannotEdit, add_items, new_field
from checks.seed.formats import ID_PATTERN
from checks.seed.header import dump_fields
from checks.seed.schema import problems_of_kind

_ID = re.compile(ID_PATTERN)


def _newline(doc: Document) -> str:
    return "\r\n" if "\r\n" in doc.text[: doc.body_start] else "\n"


@rule("HDR001", "missing-header", "error")
def missing_header(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A seed has no header.

    ## What it does
    Reports a file that starts neither with a `---` line (YAML front matter) nor
    with the legacy ` date YYYY-MM-DD ` prefix.

    ## Why it matters
    Without a header nothing is known of the text's origin: no id, no date, no
    hash to prove the text is the one that was recorded.

    ## Example
    A file whose first line is already the article's text.

    Use instead:
    ```
    ---
    id: 001_0123456789abcdef
    date: '2024-03-01'
    sha256: ...
    ---
    The article's text.
    ```

    ## Fix
    None: the date and origin must come from a person.
    """
    if doc.form is HeaderForm.NONE:
        start = 1 if doc.has_bom else 0
        yield Finding(
            start,
            start,
            "no header: the file must start with a '---' line, the YAML header and another '---' line",
        )


@rule("HDR002", "legacy-header", "error", fixable=True)
def legacy_header(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A seed still has the old inline header.

    ## What it does
    Reports the legacy form, ` date YYYY-MM-DD ` written before the text on the
    first line, as in ` date 2022-12-13 Troops were ...`.

    ## Why it matters
    The inline form has no room for an id, a source or a hash, and a reader
    cannot tell where the header ends and the text begins.

    ## Fix (safe)
    `checks --fix` rewrites the prefix as front matter with the `date` and, when
    the file name is a valid seed id, the `id`.  The text after the prefix is the
    body and stays byte for byte as it was.
    """
    if doc.form is not HeaderForm.LEGACY:
        return
    fields = {}
    if _ID.match(doc.stem):
        fields["id"] = doc.stem
    fields["date"] = doc.legacy_date
    newline = "\r\n" if doc.text[: doc.body_start].endswith("\r\n") else "\n"
    replacement = f"---{newline}{dump_fields(fields, newline)}---{newline}"
    fix = Fix(
        "migrate the legacy header to front matter",
        (Edit(doc.header_start, doc.body_start, replacement),),
    )
    prefix = doc.text[doc.header_start : doc.body_start]
    yield Finding(
        doc.header_start,
        doc.body_start,
        f"legacy header {prefix!r}: the header must be YAML front matter between '---' lines",
        fix,
    )


@rule("HDR003", "unterminated-header", "error")
def unterminated_header(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The header opens with `---` but never closes.

    ## What it does
    Reports a file whose first line is `---` and that has no later line that is
    exactly `---`.

    ## Why it matters
    Without the closing line the header and the body cannot be told apart, so
    neither can be checked and no hash can be computed.

    ## Fix
    None: add the closing `---` line where the header ends.
    """
    if doc.form is HeaderForm.UNTERMINATED:
        yield Finding(
            *doc.opening_span, "the header opened here is never closed by a '---' line"
        )


@rule("HDR004", "yaml-syntax-error", "error")
def yaml_syntax_error(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The header is not valid YAML.

    ## What it does
    Reports the place where the YAML parser gave up, with its reason.

    ## Example
    ```
    ---
    cites: [BBC
    ---
    ```
    """
    for problem in doc.loaded.problems:
        if problem.kind == "syntax":
            yield Finding(
                problem.start + doc.header_start,
                problem.end + doc.header_start,
                problem.message,
            )


@rule("HDR005", "unsafe-yaml", "error")
def unsafe_yaml(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The header uses YAML features a header has no need for.

    ## What it does
    Refuses anchors and aliases, tags (`!!python/object`, `!custom`), keys that
    are not plain strings, nesting deeper than six levels and headers over 64 KiB.

    ## Why it matters
    A header is small, plain data.  These features are how YAML documents blow
    up in memory (an alias bomb) or smuggle in types a reader did not expect.

    ## Example
    ```
    cites: &outlets [BBC]
    pseudonyms: *outlets
    ```
    """
    for problem in doc.loaded.problems:
        if problem.kind == "unsafe":
            yield Finding(
                problem.start + doc.header_start,
                problem.end + doc.header_start,
                problem.message,
            )


@rule("HDR006", "duplicate-key", "error")
def duplicate_key(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A header key is written twice.

    ## What it does
    Reports the second (and every later) occurrence of a key in one mapping.

    ## Why it matters
    YAML readers disagree on which value wins; most silently keep the last.
    A provenance record must say one thing.

    ## Example
    ```
    date: '2022-12-13'
    date: '2022-12-14'
    ```
    """
    for problem in doc.loaded.problems:
        if problem.kind == "duplicate-key":
            yield Finding(
                problem.start + doc.header_start,
                problem.end + doc.header_start,
                problem.message,
            )


@rule("HDR007", "unknown-field", "error")
def unknown_field(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The header has a field the schema does not define.

    ## What it does
    Reports every key that schemas/seed-header.schema.json does not allow,
    at the key.

    ## Why it matters
    An unknown key is most often a misspelt known one (`pseudonym:` for
    `pseudonyms:`), whose value then silently checks nothing.

    ## Example
    ```
    pseudonym: [Anna]
    ```
    """
    for problem in problems_of_kind(doc.validation[1], "unknown"):
        yield Finding(*doc.field_span(problem.path), problem.message)


@rule("HDR008", "missing-field", "error", fixable=True, cacheable=False)
def missing_field(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The header lacks a required field (`id`, `date`, `sha256`).

    ## What it does
    Reports each required field that is absent, at the mapping that should
    hold it.

    ## Fix (safe)
    `id` is filled from the file name when the name is a valid seed id.
    `sha256` is filled with the hash of the body only when no hash was ever
    recorded for the seed (none in INDEX.md, none in the committed version) and
    the body is unchanged from its last committed version, if there is one:
    a fix must never be able to bless an edited text.  `date` cannot be filled.
    """
    for problem in problems_of_kind(doc.validation[1], "missing"):
        span = doc.field_span(problem.path[:-1])
        fix = None
        message = problem.message
        try:
            if problem.path == ("id",) and _ID.match(doc.stem):
                fix = Fix(
                    f"fill id: {doc.stem}",
                    (new_field(doc, "id", doc.stem, first=True),),
                )
            elif problem.path == ("sha256",):
                blocker = ctx.records.fill_blocker(doc)
                if blocker:
                    message += f"; not filled by --fix because {blocker}"
                else:
                    digest = hashlib.sha256(doc.body).hexdigest()
                    fix = Fix(
                        f"record sha256 {digest[:12]}...",
                        (new_field(doc, "sha256", digest),),
                    )
        except CannotEdit as why:
            message += f"; not filled by --fix: {why}"
        yield Finding(*span, message, fix)


@rule("HDR009", "invalid-field", "error")
def invalid_field(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A header field has a value of the wrong kind or shape.

    ## What it does
    Reports a value that breaks the schema: a list where a single value
    belongs, an id or hash of the wrong form, an empty title, a name listed
    twice.  The diagnostic points at the value and names the field.

    ## Example
    ```
    date: 13/12/2022
    ```
    """
    for problem in problems_of_kind(doc.validation[1], "invalid"):
        span = doc.value_span(problem.path) or doc.field_span(problem.path)
        yield Finding(*span, problem.message)


@rule("HDR010", "id-mismatch", "error")
def id_mismatch(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The header's `id` is not the file's name.

    ## What it does
    Compares `id` with the file name without `.txt`.

    ## Why it matters
    The id is how INDEX.md, other seeds and downstream data refer to a text.
    A mismatch means a renamed file or a header copied from another seed.

    ## Example
    `seeds/002_0123456789abcdef.txt` with `id: 001_0123456789abcdef`.
    """
    data = doc.data
    if (
        isinstance(data, dict)
        and isinstance(data.get("id"), str)
        and data["id"] != doc.stem
    ):
        yield Finding(
            *doc.value_span(("id",)),
            f"id {data['id']!r} is not the file name {doc.stem!r}",
        )


def _dates(doc: Document) -> Iterator[tuple]:
    data = doc.data
    if not isinstance(data, dict):
        return
    if isinstance(data.get("date"), str):
        yield ("date",), data["date"]
    source = data.get("source")
    if isinstance(source, dict) and isinstance(source.get("retrieved"), str):
        yield ("source", "retrieved"), source["retrieved"]


def _as_date(text: str):
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None  # a shape problem, which invalid-field reports
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return False


@rule("HDR011", "impossible-date", "error")
def impossible_date(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date in the header does not exist.

    ## What it does
    Checks `date` and `source.retrieved` against the calendar.

    ## Example
    ```
    date: '2022-02-30'
    ```
    """
    for path, text in _dates(doc):
        if _as_date(text) is False:
            yield Finding(
                *doc.value_span(path), f"{'.'.join(path)} {text} is not a date"
            )


@rule("HDR012", "future-date", "error")
def future_date(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date in the header lies in the future, or a text was retrieved before
    it was published.

    ## What it does
    Reports `date` or `source.retrieved` later than today, and a
    `source.retrieved` earlier than `date`.

    ## Why it matters
    A text cannot have been published or retrieved tomorrow: such a date is a
    typo (a swapped month and day, a wrong year) that misplaces the text in time.

    ## Example
    ```
    date: '2999-01-01'
    ```
    """
    dates = {}
    for path, text in _dates(doc):
        value = _as_date(text)
        if value:
            dates[path] = value
            if value > ctx.today:
                yield Finding(
                    *doc.value_span(path),
                    f"{'.'.join(path)} {text} is after today ({ctx.today})",
                )
    published, retrieved = dates.get(("date",)), dates.get(("source", "retrieved"))
    if published and retrieved and retrieved < published:
        yield Finding(
            *doc.value_span(("source", "retrieved")),
            f"source.retrieved {retrieved} is before the publication date {published}",
        )


@rule("HDR013", "bad-file-name", "error", needs_text=False)
def bad_file_name(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A seed's file name is not `NNN_<16 lowercase hex>.txt`.

    ## What it does
    Checks the name: the seed's number zero-padded to at least three digits,
    an underscore, 16 lowercase hex digits, `.txt`.

    ## Example
    `seeds/7_article.txt`; use `seeds/007_3f9a0c1d2b4e6f80.txt`.
    """
    if doc.path.suffix != ".txt" or not _ID.match(doc.stem):
        yield Finding(
            0,
            0,
            f"file name {doc.path.name!r} is not NNN_<16 lowercase hex digits>.txt",
        )


@rule("HDR014", "incomplete-source", "warning")
def incomplete_source(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Part of the text's source is unknown.

    ## What it does
    Warns when `source` or one of its parts (`name`, `url`, `retrieved`) is
    absent, naming what is missing.

    ## Why it matters
    A text whose publisher is unknown is still admissible, but a reader must be
    told that its origin cannot be traced.

    ## Example
    ```
    source:
      name: Example Daily
    ```
    """
    data = doc.data
    if not isinstance(data, dict) or doc.form is not HeaderForm.FRONT_MATTER:
        return
    source = data.get("source")
    if source is None:
        yield Finding(
            *doc.opening_span,
            "no source: the publisher, url and retrieval date are unknown",
        )
    elif isinstance(source, dict):
        missing = [part for part in ("name", "url", "retrieved") if part not in source]
        if missing:
            yield Finding(
                *doc.field_span(("source",)), f"source has no {', '.join(missing)}"
            )


@rule("HDR015", "unused-accept", "warning", stage="suppression")
def unused_accept(
    doc: Document, ctx: Context, unused: Sequence[Accept] = ()
) -> Iterator[Finding]:
    """An `accept` entry matches no finding.

    ## What it does
    Reports an entry of the header's `accept` list that dropped nothing in this
    run, for a rule that ran.

    ## Why it matters
    A stale acceptance hides the next real finding with the same text, and
    tells a reader a review happened that no longer applies.

    ## Example
    ```
    accept:
      - code: CLM001
        text: "a quote that was since removed"
        reason: checked against the broadcast
    ```
    """
    # Which entries dropped nothing is settled by suppression, which sees
    # every rule's findings; this rule only places them.
    for entry in unused:
        yield Finding(
            *doc.field_span(("accept", entry.index)),
            f"accept entry for {entry.code} matches no finding",
        )


@rule("HDR017", "accepts-record-rule", "error")
def accepts_record_rule(doc: Document, ctx: Context) -> Iterator[Finding]:
    """An `accept` entry names a rule that protects the record.

    ## What it does
    Reports an entry of the header's `accept` list for PRV001, PRV005,
    PRV007, PRV008 or PRV009: the rules that guard a seed's hash, its id and
    its history.  Such an entry suppresses nothing.

    ## Why it matters
    A seed's header is written in the same pull request it is judged by: if it
    could accept a hash mismatch or an unrecorded edit, the record would be
    only as good as the change that argues with it.  A deliberate change is
    recorded with `checks amend`, a withdrawal with `checks retract`.

    ## Example
    ```
    accept:
      - code: PRV001
        reason: the text was tidied
    ```
    """
    protected = protected_codes()
    for index, entry in enumerate(accept_list(doc)):
        if entry["code"] in protected:
            yield Finding(
                *doc.field_span(("accept", index)),
                f"accept entry for {entry['code']}: that rule protects the record, and "
                "no seed can accept it (record a change with `checks amend`)",
            )


def english(doc: Document) -> bool:
    """Whether the detectors, which read English, read this seed: its
    `language` (English when absent) is English, or it says another language
    and the body reads as English all the same (a wrong tag must not switch
    the detectors off; HDR019 reports it)."""
    return doc.derived("english", _english)


def _english(doc: Document) -> bool:
    language = _language(doc)
    if language is not None and primary(standard_tag(language) or language) == "en":
        return True
    # Another language, or a `language` that is no tag at all (a list, say).
    return doc.utf8 and _read_as(doc)[0] == "en" and _read_as(doc)[1] >= SURE


def _language(doc: Document) -> str | None:
    data = doc.data if isinstance(doc.data, dict) else {}
    language = data.get("language", "en")
    return language if isinstance(language, str) else None


def _read_as(doc: Document) -> tuple[str, float]:
    """The language the body reads as, and how sure the identifier is."""
    return doc.derived("language.read-as", lambda d: identified(d.text[d.body_start :]))


_TAG_SHAPE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


@rule("HDR018", "bad-language-tag", "error")
def bad_language_tag(doc: Document, ctx: Context) -> Iterator[Finding]:
    """`language` is not a BCP 47 tag as the IANA registry writes it.

    ## What it does
    Reports a `language` whose subtags the registry does not have (`xx`), or
    that the registry writes another way: `eng` is `en` (a language with a
    two-letter code has no three-letter tag), `iw` is `he`, `i-klingon` is
    `tlh`.  A tag that does not have the shape of one (`en_US`) is HDR009's.

    ## Why it matters
    Every tool downstream reads the tag to decide what the text is; a tag it
    does not know is a text in no language, and the English detectors here
    would not read a body tagged `eng`.

    ## Example
    ```
    language: eng
    ```
    """
    language = _language(doc)
    if language is None or not _TAG_SHAPE.fullmatch(language):
        return
    standard = standard_tag(language)
    if standard is None:
        yield Finding(
            *doc.value_span(("language",)),
            f"language {language!r} is not a BCP 47 tag the IANA registry knows",
        )
    elif standard.lower() != language.lower():
        yield Finding(
            *doc.value_span(("language",)),
            f"language {language!r} is written {standard!r} in BCP 47",
        )


@rule("HDR019", "language-mismatch", "error")
def language_mismatch(doc: Document, ctx: Context) -> Iterator[Finding]:
    """`language` names another language than the body is written in.

    ## What it does
    When `language` is not English, reads the body with a language
    identifier (fastText's, 176 languages) and reports a tag whose language
    is not the one the identifier is sure of (90% or more).  The body is
    then read by the English detectors if it reads as English.

    ## Why it matters
    A wrong tag misleads whoever selects texts by language, and a body in
    English tagged `de` would otherwise pass the pseudonym and claim rules
    unread.

    ## Example
    An English news text with `language: de`.
    """
    language = _language(doc)
    if language is None or not doc.utf8:
        return
    standard = standard_tag(language)
    if standard is None or primary(standard) == "en":
        return
    read_as, sure = _read_as(doc)
    if sure >= SURE and read_as != primary(standard):
        yield Finding(
            *doc.value_span(("language",)),
            f"language {language!r}, but the body reads as {read_as!r} "
            f"({sure:.0%} sure){'; it is read as English' if read_as == 'en' else ''}",
        )


def reads_english(doc: Document) -> bool:
    """Whether the text detectors read this seed: a readable header and an
    English body."""
    return (
        doc.form is HeaderForm.FRONT_MATTER
        and isinstance(doc.data, dict)
        and english(doc)
    )


def not_english(doc: Document, what: str) -> Iterator[Finding]:
    """One note at `language` when a seed is not in English."""
    if doc.form is not HeaderForm.FRONT_MATTER or not isinstance(doc.data, dict):
        return
    if not english(doc):
        yield Finding(
            *doc.field_span(("language",)),
            f"{what}, and this seed is {doc.data.get('language')!r}",
        )


def extend_list_field(
    doc: Document, field: str, current: list[str], wanted: list[str]
) -> Fix | None:
    """An unsafe fix that writes header list `field` as `wanted` (which
    starts with `current`), for a person to review: used to declare what a
    detector found. None when the list cannot be grown in place."""
    added = [n for n in wanted if n not in current]
    try:
        edit = add_items(doc, field, added)
    except CannotEdit:
        return None
    return Fix(
        f"added {', '.join(added)} to the header's {field}, for review",
        (edit,),
        safe=False,
    )
