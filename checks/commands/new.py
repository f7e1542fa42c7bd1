"""`checks new`: a text added to the corpus as the next seed."""

from __future__ import annotations

import hashlib
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any

from checks.commands.common import (
    Refused,
    header_text,
    next_number,
    readable_index,
    refusing,
    report,
    run_for,
    say,
    today,
    used_ids,
)
from checks.options import NewOptions, UsageError
from checks.report.diagnostic import Diagnostic, Severity
from checks.rules.registry import index_codes
from checks.run.corpus import Corpus, SeedRecord, write_index
from checks.run.runner import Run
from checks.seed.document import Document
from checks.seed.files import Changes


def _read_text(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise UsageError(f"{source}: {error.strerror}") from None


@refusing
def new(args: NewOptions, changes: Changes) -> int:
    """Add a text as the next seed, with its header and INDEX.md row, unless a
    rule finds an error in it or it repeats a seed already there."""
    run = run_for(args)
    body = _read_text(args.text)
    if not body.strip():
        raise Refused("the text is empty")
    records = run.records()
    corpus = run.corpus(records)
    readable_index(corpus)
    fields = _header_fields(args, _new_stem(corpus), today(run))
    fields["sha256"] = hashlib.sha256(body).hexdigest()
    path = run.folder / f"{fields['id']}.txt"
    raw = header_text(fields).encode("utf-8") + body
    doc = Document(path, raw, run.display(path))
    diagnostics = _trial(run, records, doc)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        report(args, diagnostics, 1)
        print(
            f"checks new: not added: {len(errors)} error(s) in the new seed",
            file=sys.stderr,
        )
        hints = _declaration_hints(doc, fields)
        if hints:
            print(
                f"checks new: to declare what the text flags, add: {hints}",
                file=sys.stderr,
            )
        return 1
    if not changes.dry:
        run.folder.mkdir(parents=True, exist_ok=True)
    try:
        changes.write(path, raw, create=True)
    except FileExistsError:
        raise Refused(f"{doc.display} exists already") from None
    fix = write_index(
        run.corpus(records + [run.record(Document(path, raw, doc.display))]),
        changes,
    )
    if args.format == "json":
        report(args, diagnostics, 1, [(doc.display, fix)])
    else:
        say(args, f"added {doc.display}")
        if diagnostics:
            report(args, diagnostics, 1)
    return 0


def _new_stem(corpus: Corpus) -> str:
    """The next free number, and a random id part no seed or row holds."""
    numbers, hexes = used_ids(corpus)
    hex_part = secrets.token_hex(8)
    while hex_part in hexes:
        hex_part = secrets.token_hex(8)
    return f"{next_number(numbers):03d}_{hex_part}"


def _header_fields(args: NewOptions, stem: str, today: str) -> dict[str, Any]:
    """The header the options describe (the hash left to the caller); a
    source with a URL and no date of retrieval was retrieved `today`."""
    fields: dict[str, Any] = {"id": stem, "date": args.date}
    if args.title:
        fields["title"] = args.title
    if args.language:
        fields["language"] = args.language
    source = {
        k: v
        for k, v in (
            ("name", args.source_name),
            ("url", args.url),
            ("retrieved", args.retrieved or (today if args.url else None)),
        )
        if v
    }
    if source:
        fields["source"] = source
    if args.cite:
        fields["cites"] = list(dict.fromkeys(args.cite))
    if args.pseudonym:
        fields["pseudonyms"] = list(dict.fromkeys(args.pseudonym))
    return fields


def _trial(run: Run, records: list[SeedRecord], doc: Document) -> list[Diagnostic]:
    """What the new seed would be found to have, by its own rules and by the
    corpus rules with it among the other seeds (INDEX.md's, whose row it
    does not have yet, left out)."""
    diagnostics = run.linter.check(doc)
    record = run.record(doc)
    record.body = doc.body
    trial = run.corpus(records + [record])
    stem = doc.stem
    return diagnostics + [
        d
        for d in run.linter.corpus_findings(trial, lambda f: stem in f.seeds)
        if d.code not in index_codes()
    ]


def _declaration_hints(doc: Document, fields: dict[str, Any]) -> str:
    """The --pseudonym and --cite options that would declare what the
    detectors found in the new text."""
    from checks.rules.claims import analysed
    from checks.rules.header import english
    from checks.rules.pseudonyms import detected

    if not (doc.utf8 and english(doc)):  # the detectors read English text
        return ""
    have = set(fields.get("pseudonyms", []))
    names = [n for n in detected(doc)[0].names if n not in have]
    cited = set(fields.get("cites", []))
    sources = [n for n in analysed(doc)[0].source_names if n not in cited]
    options = [f"--pseudonym {shlex.quote(n)}" for n in names]
    options += [f"--cite {shlex.quote(n)}" for n in sources]
    return " ".join(options)
