"""PSN: names the text marks as not real are declared in the header, so that
nobody downstream takes an invented name for a real person."""

from __future__ import annotations

from collections.abc import Iterator

from checks.detect.lookalike import looks_like
from checks.detect.pseudonyms import Found, detect, mentions, normal_name
from checks.report.diagnostic import Finding, Fix
from checks.rules.header import extend_list_field, not_english, reads_english
from checks.rules.registry import rule
from checks.run.context import Context
from checks.seed.document import Document, HeaderForm


def detected(doc: Document) -> tuple[Found, int]:
    """The detector's findings on the body, and the offset of the body in the
    file (add it to their offsets)."""
    found = doc.derived("pseudonyms", lambda d: detect(d.text[d.body_start :], d.body))
    return found, doc.body_start


def declared(doc: Document) -> list[str]:
    data = doc.data if isinstance(doc.data, dict) else {}
    names = data.get("pseudonyms")
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _declare(doc: Document, names: list[str]) -> Fix | None:
    """Add `names` to the header's `pseudonyms`, keeping those declared."""
    current = declared(doc)
    return extend_list_field(
        doc, "pseudonyms", current, current + [n for n in names if n not in current]
    )


@rule("PSN001", "undeclared-pseudonym", "error", fixable=True)
def undeclared_pseudonym(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A name the text marks as not real is missing from the header's `pseudonyms`.

    ## What it does
    Finds the places where the body says a name is not the person's own, in
    the ways outlets write it: "Marta (not her real name)", "Pavel and Inna are
    not the real names of ...", "Sergio, whose name has been changed", "who
    asked to be identified only as Joy", "whom we are calling Elena", "Lucia*"
    with a note "*Name has been changed", "All names in this story have been
    changed" before the people it covers, and more.  Each name so flagged must
    be listed in the header's `pseudonyms` (compared after NFKC, invisible
    characters removed); the finding's span is the name where the marker flags
    it, and the message quotes the marker.  Only English bodies are read (see
    PSN004).

    ## Why it matters
    An invented name that is not declared becomes, downstream, a fact about a
    real person who does not exist, or worse, about one who does.

    ## Example
    ```
    Daria (name has been changed) was 15 when she left school.
    ```
    with no `pseudonyms: [Daria]` in the header.

    ## Fix (unsafe)
    `checks --fix --unsafe-fixes` adds the names found to `pseudonyms` and
    says so; a person should check them, since the detector can be wrong.
    `--fix` alone never touches `pseudonyms`.
    """
    if not reads_english(doc):
        return
    found, shift = detected(doc)
    have = {normal_name(n) for n in declared(doc)}
    missing = [n for n in found.names if normal_name(n) not in have]
    if not missing:
        return
    fix = _declare(doc, missing)
    reported = set()
    for p in found.pseudonyms:
        if normal_name(p.name) in have or p.name in reported:
            continue
        reported.add(p.name)
        marker = " ".join(doc.text[p.marker[0] + shift : p.marker[1] + shift].split())
        yield Finding(
            p.start + shift,
            p.end + shift,
            f"{p.name!r} is marked as not a real name ({marker!r}) but is not declared "
            f"in the header's pseudonyms{_look_alike(p.name, declared(doc), 'declared')}",
            fix,
        )


def _look_alike(name: str, others: list[str], which: str) -> str:
    """What tells `name` from the one of `others` it looks the same as, if
    any: a declaration with a Cyrillic letter, or a no-break space, is not
    the name the text uses, however alike they look."""
    alike = looks_like(name, others)
    if alike is None:
        return ""
    other, told = alike
    return f" (it looks like the {which} {other!r}, but has {told})"


@rule("PSN002", "absent-pseudonym", "error")
def absent_pseudonym(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A declared pseudonym never appears in the body.

    ## What it does
    Reports each name in the header's `pseudonyms` that the body never
    contains as a whole word.

    ## Why it matters
    A declaration that matches nothing is a typo or a stale header, and the
    name the text really uses goes undeclared.
    """
    if doc.form is not HeaderForm.FRONT_MATTER:
        return
    body = doc.text[doc.body_start :]
    flagged = detected(doc)[0].names if reads_english(doc) else []
    for index, name in enumerate(declared(doc)):
        if not mentions(body, name):
            yield Finding(
                *doc.field_span(("pseudonyms", index)),
                f"pseudonym {name!r} never appears in the body"
                + _look_alike(name, flagged, "flagged"),
            )


@rule("PSN003", "unresolved-pseudonym-marker", "warning")
def unresolved_pseudonym_marker(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The text says names were changed without saying which.

    ## What it does
    Reports a marker that names nobody ("Some names have been changed", a
    "(names changed)" with no name before it, an asterisk note with no starred
    name), at the marker.

    ## Why it matters
    Some names in the text are invented and nothing says which: a person must
    read it and declare them, or record with an `accept` entry that none can
    be identified.
    """
    if not reads_english(doc):
        return
    found, shift = detected(doc)
    for start, end in found.unresolved:
        marker = " ".join(doc.text[start + shift : end + shift].split())
        yield Finding(
            start + shift,
            end + shift,
            f"{marker!r} says names were changed but names nobody",
        )


@rule("PSN004", "pseudonyms-not-checked", "info")
def pseudonyms_not_checked(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The body is not in English, so its pseudonyms were not looked for.

    ## What it does
    Notes, once, that a seed whose `language` is not English was not read for
    pseudonym markers: the detector knows English wordings only.

    ## Why it matters
    A reader must not take the absence of findings for a check that passed.
    """
    yield from not_english(
        doc, "pseudonyms were not checked: the detector reads English"
    )
