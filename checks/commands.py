"""The commands that change the corpus on purpose: `checks index`, `new`,
`amend`, `retract` and `renumber`.  Each validates first and writes nothing
when it refuses; every write is atomic.  A header these commands change is
written anew in canonical form (fields in the schema's order, strings quoted
where YAML would read them otherwise); the body is never touched."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any

from checks.config import Config, load_config
from checks.options import UsageError
from checks.report.diagnostic import Diagnostic, Edit, Severity
from checks.report.reporters import REPORTERS, Summary, json_text, printable
from checks.rules.registry import all_rules, select
from checks.run.corpus import SEED_NAME, Corpus, write_index
from checks.run.fixes import corpus_lock, write_atomic
from checks.run.runner import Run
from checks.seed.document import Document, HeaderForm
from checks.seed.edit import CannotEdit, add_items, edited, set_value
from checks.seed.files import read_bounded
from checks.seed.header import dump_fields
from checks.seed.index import tombstone_cells

FIELD_ORDER = (
    "id",
    "date",
    "title",
    "language",
    "source",
    "cites",
    "pseudonyms",
    "sha256",
    "revisions",
    "accept",
)


class Refused(Exception):
    """The command will not do what was asked; nothing was written."""


def _run(args: argparse.Namespace, codes: tuple[str, ...] = ("ALL",)) -> Run:
    config: Config = load_config(args.config)
    rules = select(all_rules().values(), codes, config.ignore)
    return Run(config, rules)


def _report(args, diagnostics: list[Diagnostic], files: int, fixed=()) -> None:
    summary = Summary.of(files, diagnostics, len(fixed))
    REPORTERS[args.format](sys.stdout, False).report(
        sorted(diagnostics), list(fixed), summary
    )


def _say(args, message: str) -> None:
    if args.format == "text":
        print(message)


def _refusing(handler):
    """A command that writes: it runs holding the corpus lock, and a refusal
    is one line on stderr and exit status 1."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            with corpus_lock(load_config(args.config).corpus_path):
                return handler(args)
        except Refused as refusal:
            print(f"checks {args.command}: {refusal}", file=sys.stderr)
            return 1
        except CannotEdit as why:
            print(
                f"checks {args.command}: cannot edit the header in place: {why}; "
                "nothing was written",
                file=sys.stderr,
            )
            return 1

    wrapped.__doc__ = handler.__doc__
    return wrapped


def header_text(fields: dict[str, Any]) -> str:
    ordered = {k: fields[k] for k in FIELD_ORDER if k in fields}
    ordered.update({k: v for k, v in fields.items() if k not in ordered})
    return f"---\n{dump_fields(ordered)}---\n"


def _edit_header(
    doc: Document, edits: list[Edit], fields: dict[str, Any], path: Path | None = None
) -> Document:
    """The seed with its header edited in place (comments, style and order
    kept) to read as `fields`, the same body, written atomically to `path`
    (default: where it is). CannotEdit, leaving the file as it was, when the
    header cannot be edited so."""
    new = edited(doc, edits, fields)
    if path is not None:
        new = Document(path, new.raw, doc.display)
    write_atomic(new.path, new.raw)
    return new


def _find_seed(run: Run, seed: str) -> Path:
    path = Path(seed)
    if path.suffix == ".txt" and path.is_file():
        return path
    candidate = run.folder / f"{path.stem if path.suffix == '.txt' else seed}.txt"
    if candidate.is_file():
        return candidate
    raise Refused(f"no seed {seed!r} in {run.display(run.folder)}/")


def _document(run: Run, path: Path) -> Document:
    raw, unread = read_bounded(path, run.folder, run.config.max_seed_bytes)
    if unread is not None:
        raise Refused(f"{run.display(path)} is not read: {unread}")
    return Document(path, raw, run.display(path))


def _header_data(doc: Document) -> dict[str, Any]:
    if doc.form is not HeaderForm.FRONT_MATTER or not isinstance(doc.data, dict):
        raise Refused(
            f"{doc.display} has no readable front matter header: run `checks --fix` first"
        )
    return dict(doc.data)


def _parsed_index(corpus: Corpus) -> None:
    if corpus.index is not None and not corpus.index.parsed:
        where = corpus.index.problems[0] if corpus.index.problems else None
        line = corpus.index.position(where.start)[0] if where else 1
        raise Refused(
            f"{corpus.index_display}:{line}: {where.message if where else 'cannot be read'}; "
            "mend it by hand first"
        )


def _today(run: Run) -> str:
    return run.linter.context.today.isoformat()


# checks index -------------------------------------------------------------------


@_refusing
def index(args: argparse.Namespace) -> int:
    """Rewrite INDEX.md's table from the seeds' headers, or with --check only
    report how it disagrees."""
    run = _run(args, ("IDX", "PRV004", "PRV005"))
    corpus = run.corpus(run.records())
    keep_all = lambda f: True  # noqa: E731
    found = [
        d for d in run.corpus_findings(corpus, keep_all) if d.code.startswith("IDX")
    ]
    if args.check:
        _report(args, found, 1)
        return 1 if any(d.severity is Severity.ERROR for d in found) else 0
    if corpus.index is not None and not corpus.index.rewritable:
        _report(args, found, 1)
        return 1
    before = corpus.index.text if corpus.index is not None else None
    fix = write_index(corpus)
    after = run.corpus(corpus.records)
    if after.index is not None and after.index.text == before:
        _say(
            args, f"{corpus.index_display} is up to date ({len(corpus.records)} seeds)."
        )
    else:
        _say(args, f"{corpus.index_display}: {fix.description}.")
    remaining = [
        d for d in run.corpus_findings(after, keep_all) if d.code.startswith("IDX")
    ]
    if remaining or args.format == "json":
        _report(args, remaining, 1, [(corpus.index_display, fix)])
    return 1 if any(d.severity is Severity.ERROR for d in remaining) else 0


# checks new -------------------------------------------------------------------


def _read_text(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise UsageError(f"{source}: {error.strerror}") from None


def _used(
    corpus: Corpus, at_base: list[str] = (), leaving: str | None = None
) -> tuple[set[int], set[str]]:
    """The numbers and id parts that seeds, INDEX.md's rows and the base
    revision's seeds hold; `leaving` is a seed about to give its own up."""
    numbers = {r.number for r in corpus.records if r.number is not None}
    hexes = {r.hex for r in corpus.records if r.hex}
    rows = corpus.index.rows if corpus.index is not None else []
    for seed_id in [r.id for r in rows if r.id != leaving] + list(at_base):
        number, hex_part = seed_id.split("_", 1)
        numbers.add(int(number))
        hexes.add(hex_part)
    return numbers, hexes


def _next_number(numbers: set[int]) -> int:
    return max(numbers, default=-1) + 1


@_refusing
def new(args: argparse.Namespace) -> int:
    """Add a text as the next seed, with its header and INDEX.md row, unless a
    rule finds an error in it or it repeats a seed already there."""
    run = _run(args)
    body = _read_text(args.text)
    if not body.strip():
        raise Refused("the text is empty")
    records = run.records()
    corpus = run.corpus(records)
    _parsed_index(corpus)
    numbers, hexes = _used(corpus)
    number = _next_number(numbers)
    hex_part = secrets.token_hex(8)
    while hex_part in hexes:
        hex_part = secrets.token_hex(8)
    stem = f"{number:03d}_{hex_part}"
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
            ("retrieved", args.retrieved or (_today(run) if args.url else None)),
        )
        if v
    }
    if source:
        fields["source"] = source
    if args.cite:
        fields["cites"] = list(dict.fromkeys(args.cite))
    if args.pseudonym:
        fields["pseudonyms"] = list(dict.fromkeys(args.pseudonym))
    fields["sha256"] = hashlib.sha256(body).hexdigest()
    path = run.folder / f"{stem}.txt"
    raw = header_text(fields).encode("utf-8") + body
    doc = Document(path, raw, run.display(path))
    diagnostics = run.linter.check(doc)
    record = run.record(doc)
    record.body = doc.body
    trial = run.corpus(records + [record])
    diagnostics += [
        d
        for d in run.corpus_findings(trial, lambda f: stem in f.seeds)
        if not d.code.startswith("IDX")
    ]
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        _report(args, diagnostics, 1)
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
    run.folder.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, raw, create=True)
    except FileExistsError:
        raise Refused(f"{doc.display} exists already") from None
    fix = write_index(
        run.corpus(records + [run.record(Document(path, raw, doc.display))])
    )
    if args.format == "json":
        _report(args, diagnostics, 1, [(doc.display, fix)])
    else:
        print(f"added {doc.display}")
        if diagnostics:
            _report(args, diagnostics, 1)
    return 0


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


# checks amend -------------------------------------------------------------------


@_refusing
def amend(args: argparse.Namespace) -> int:
    """Record that a seed's text was changed on purpose: the new hash, and a
    revision with the old one, the date and the reason."""
    run = _run(args, ("IDX",))
    path = _find_seed(run, args.seed)
    doc = _document(run, path)
    fields = _header_data(doc)
    old = fields.get("sha256")
    new_sha = hashlib.sha256(doc.body).hexdigest()
    if not isinstance(old, str) or not re.fullmatch(r"[0-9a-f]{64}", old):
        raise Refused(f"{doc.display} records no sha256 to amend")
    if old == new_sha:
        raise Refused(
            f"{doc.display}'s body still has its recorded sha256: nothing to amend"
        )
    reason = " ".join(args.reason.split())
    if not reason:
        raise Refused("a reason is required")
    corpus = run.corpus(run.records())
    _parsed_index(corpus)
    revisions = fields.get("revisions")
    revision = {"date": _today(run), "replaces": old, "reason": reason}
    fields["revisions"] = (list(revisions) if isinstance(revisions, list) else []) + [
        revision
    ]
    fields["sha256"] = new_sha
    new_doc = _edit_header(
        doc,
        [set_value(doc, "sha256", new_sha), add_items(doc, "revisions", [revision])],
        fields,
    )
    records = [
        r if r.path != str(path) else run.record(new_doc) for r in corpus.records
    ]
    corpus = run.corpus(records)
    if corpus.index is not None:
        for row in corpus.index.rows:
            if row.id == doc.stem and not row.tombstone:
                row.edit(sha256=new_sha[:12])
    write_index(corpus)
    _say(
        args,
        f"amended {doc.display}: sha256 {old[:12]}... -> {new_sha[:12]}... ({reason})",
    )
    return 0


# checks retract -------------------------------------------------------------------


@_refusing
def retract(args: argparse.Namespace) -> int:
    """Withdraw a seed: its INDEX.md row becomes a tombstone (so that its number
    and id are never reused), then the file is removed."""
    run = _run(args, ("IDX",))
    corpus = run.corpus(run.records())
    _parsed_index(corpus)
    seed_id = Path(args.seed).stem
    if not SEED_NAME.fullmatch(seed_id):
        raise Refused(f"{args.seed!r} is not a seed id")
    reason = " ".join(args.reason.split())
    if not reason:
        raise Refused("a reason is required")
    record = next((r for r in corpus.records if r.stem == seed_id), None)

    def rows_of(corpus: Corpus) -> list:
        return corpus.index.rows_by_id().get(seed_id, []) if corpus.index else []

    if record is not None and not rows_of(corpus):
        # A seed not yet listed gets its row first; the row becomes its tombstone.
        write_index(corpus)
        corpus = run.corpus(corpus.records)
    rows = rows_of(corpus)
    if record is None and not rows:
        raise Refused(f"no seed {seed_id} and no row for it in {corpus.index_display}")
    if not any(r.tombstone for r in rows):
        rows[0].edit(**tombstone_cells(rows[0], _today(run), reason))
        rows[0].link = None
        corpus.records = [r for r in corpus.records if r.stem != seed_id]
        write_index(corpus)
    elif record is None:
        raise Refused(f"{seed_id} was retracted already")
    if record is not None:
        os.unlink(record.path)
    _say(args, f"retracted {seed_id}: {reason}")
    return 0


# checks renumber -------------------------------------------------------------------


@_refusing
def renumber(args: argparse.Namespace) -> int:
    """Move a seed that the base branch does not have to the next free number,
    keeping its random id part."""
    from checks.run.history import exists_at, names_at

    run = _run(args, ("IDX",))
    ref = args.base or run.config.base
    if ref.startswith("-"):
        raise Refused(f"--base: {ref!r} is not a git revision")
    path = _find_seed(run, args.seed)
    if exists_at(run.folder, ref, path.name):
        raise Refused(f"{path.name} is on {ref}: a seed there keeps its number")
    doc = _document(run, path)
    fields = _header_data(doc)
    match = SEED_NAME.fullmatch(doc.stem)
    if not match:
        raise Refused(f"{path.name} is not named NNN_<16 hex digits>.txt")
    corpus = run.corpus(run.records())
    _parsed_index(corpus)
    others = [r for r in corpus.records if r.path != str(path)]
    numbers, _ = _used(
        run.corpus(others),
        [n for n in names_at(run.folder, ref) if n != doc.stem],
        leaving=doc.stem,
    )
    number = _next_number(numbers)
    stem = f"{number:03d}_{match.group(2)}"
    if stem == doc.stem:
        raise Refused(f"{doc.stem} has the next free number already: nothing to do")
    target = path.with_name(f"{stem}.txt")
    if target.exists():
        raise Refused(f"{target.name} exists already")
    fields["id"] = stem
    new_doc = _edit_header(doc, [set_value(doc, "id", stem)], fields, target)
    os.unlink(path)
    if corpus.index is not None:
        for row in corpus.index.rows:
            if row.id == doc.stem and not row.tombstone:
                row.id = stem
                row.edit(id=stem)
                row.link = f"{stem}.txt"
    corpus.records = others + [run.record(new_doc)]
    write_index(corpus)
    _say(args, f"renumbered {doc.stem} -> {stem}")
    return 0


# checks pseudonyms, checks quotes -----------------------------------------------------


def _english_documents(args: argparse.Namespace, listing: list[dict]):
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


def pseudonyms(args: argparse.Namespace) -> int:
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


def quotes(args: argparse.Namespace) -> int:
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
