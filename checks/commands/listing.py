"""`checks pseudonyms` and `checks quotes`: what the detectors read in each
seed, listed."""

from __future__ import annotations

from checks.config import load_config
from checks.options import ListingOptions, PseudonymsOptions, QuotesOptions
from checks.report.reporters import json_text, printable
from checks.seed.document import Document


def _english_documents(args: ListingOptions, listing: list[dict]):
    """The seeds named (or the corpus's) that can be read and are in English;
    each other one goes into `listing` as not checked, and why."""
    from checks.rules.header import english
    from checks.run.corpus import documents

    config = load_config(args.config)
    for doc in documents(
        args.paths or [config.corpus_path], config.corpus_path, config.max_seed_bytes
    ):
        if doc.unread is not None:
            reason = doc.unread
        elif not doc.utf8:
            # As `checks` does: the detectors read text, and these bytes are
            # not text (ENC001 says where).
            reason = "not UTF-8"
        elif not english(doc):
            reason = "not English"
        else:
            yield doc
            continue
        listing.append({"path": doc.display, "checked": False, "reason": reason})


def pseudonyms(args: PseudonymsOptions) -> int:
    """List, per seed, the names its text flags as not real, where each is
    flagged and every place it is mentioned, and markers that name nobody."""
    from checks.detect.pseudonyms import mentions
    from checks.rules.pseudonyms import declared, detected

    listing: list[dict] = []
    for doc in _english_documents(args, listing):
        found, shift = detected(doc)
        body = doc.text[shift:]
        entry = {
            "path": doc.display,
            "checked": True,
            "declared": declared(doc),
            "pseudonyms": [],
        }
        for name in found.names:
            first = next(p for p in found.pseudonyms if p.name == name)
            entry["pseudonyms"].append(
                {
                    "name": name,
                    "flagged_at": _place(doc, first.start + shift),
                    "marker": " ".join(
                        doc.text[
                            first.marker[0] + shift : first.marker[1] + shift
                        ].split()
                    ),
                    "mentions": [
                        _place(doc, shift + s) for s, _ in mentions(body, name)
                    ],
                }
            )
        entry["unresolved_markers"] = [
            _place(doc, shift + s) for s, _ in found.unresolved
        ]
        listing.append(entry)
    if args.format == "json":
        print(json_text(listing, indent=2))
        return 0
    for entry in listing:
        if not entry["checked"]:
            print(f"{printable(entry['path'])}: not checked ({entry['reason']})")
            continue
        for p in entry["pseudonyms"]:
            status = "declared" if p["name"] in entry["declared"] else "NOT DECLARED"
            where = ", ".join(f"{m['line']}:{m['column']}" for m in p["mentions"])
            print(
                f"{printable(entry['path'])}:{p['flagged_at']['line']}:{p['flagged_at']['column']}: "
                f"{p['name']} ({status}; {p['marker']!r}); mentioned at {where}"
            )
        for u in entry["unresolved_markers"]:
            print(
                f"{printable(entry['path'])}:{u['line']}:{u['column']}: a marker that names nobody"
            )
    return 0


def quotes(args: QuotesOptions) -> int:
    """List, per seed, each direct quote with the speaker and the cue it is
    tied to (or none), as CLM001 reads them."""
    from checks.rules.claims import analysed, snippet

    listing: list[dict] = []
    for doc in _english_documents(args, listing):
        claims, shift = analysed(doc)
        entry = {"path": doc.display, "checked": True, "quotes": []}
        for a in claims.attributions:
            quote = _spanned(doc, a.quote.start + shift, a.quote.end + shift)
            quote["speaker"] = a.speaker and _spanned(
                doc, *(x + shift for x in a.speaker)
            )
            quote["cue"] = a.cue and _spanned(doc, *(x + shift for x in a.cue))
            entry["quotes"].append(quote)
        listing.append(entry)
    for entry in listing:
        entry.setdefault("quotes", [])  # a seed not read has none listed
    if args.format == "json":
        print(json_text(listing, indent=2))
        return 0
    for entry in listing:
        path = printable(entry["path"])
        if not entry["checked"]:
            print(f"{path}: not checked ({entry['reason']})")
            continue
        for q in entry["quotes"]:
            said = (
                f"{q['speaker']['text']!r} ({q['cue']['text']!r} at "
                f"{q['cue']['line']}:{q['cue']['column']})"
                if q["speaker"]
                else "NO SPEAKER"
            )
            print(f"{path}:{q['line']}:{q['column']}: {snippet(q['text'])} - {said}")
    return 0


def _spanned(doc: Document, start: int, end: int) -> dict:
    """A span of the file as diagnostics give it: 1-based lines and columns,
    the end exclusive, and its text."""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": doc.text[start:end],
    }


def _place(doc: Document, offset: int) -> dict:
    line, column = doc.position(offset)
    return {"line": line, "column": column}
