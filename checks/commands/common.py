"""What the commands that write or list share: the run they make, how they
report and refuse, the seed they are named, and a header edited in place."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from checks.config import Config, load_config
from checks.options import CommandOptions, WritingOptions
from checks.report.diagnostic import ORDER, Diagnostic, Edit
from checks.report.reporters import REPORTERS, Summary
from checks.rules.header import reads_english
from checks.rules.registry import all_rules, select
from checks.run.corpus import Corpus, Display
from checks.run.runner import Run
from checks.seed.document import Document, HeaderForm
from checks.seed.edit import CannotEdit, edited
from checks.seed.files import Changes, corpus_lock, read_bounded
from checks.seed.header import dump_fields

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


def run_for(args: CommandOptions, codes: tuple[str, ...] = ("ALL",)) -> Run:
    config: Config = load_config(args.config)
    rules = select(all_rules().values(), codes, config.ignore)
    return Run(config, rules)


def _out(args: CommandOptions):
    """Where a command's messages go: standard output, or standard error
    when the output is the diff of what it would write."""
    return sys.stderr if getattr(args, "diff", False) else sys.stdout


def report(
    args: CommandOptions, diagnostics: list[Diagnostic], files: int, fixed=()
) -> None:
    summary = Summary.of(files, diagnostics, len(fixed))
    REPORTERS[args.format](_out(args), False).report(
        sorted(diagnostics, key=ORDER), list(fixed), summary
    )


def say(args: CommandOptions, message: str) -> None:
    if args.format == "text":
        print(message, file=_out(args))


def refused_in_one_line(handler):
    """A command that reads only: a refusal is one line on stderr and exit
    status 1."""

    def wrapped(args) -> int:
        try:
            return handler(args)
        except Refused as refusal:
            print(f"checks {args.command}: {refusal}", file=sys.stderr)
            return 1

    wrapped.__doc__ = handler.__doc__
    return wrapped


def refusing(handler):
    """A command that writes: it runs holding the corpus lock, writing through
    the Changes it is given (with --diff, a plan printed as a unified diff
    at the end), and a refusal is one line on stderr and exit status 1."""

    @refused_in_one_line
    def wrapped(args: WritingOptions) -> int:
        changes = Changes(dry=args.diff)
        try:
            with corpus_lock(load_config(args.config).corpus_path):
                code = handler(args, changes)
        except CannotEdit as why:
            raise Refused(
                f"cannot edit the header in place: {why}; nothing was written"
            ) from None
        if changes.dry:
            sys.stdout.write(changes.diff(Display()))
        return code

    wrapped.__doc__ = handler.__doc__
    return wrapped


def header_text(fields: dict[str, Any]) -> str:
    ordered = {k: fields[k] for k in FIELD_ORDER if k in fields}
    ordered.update({k: v for k, v in fields.items() if k not in ordered})
    return f"---\n{dump_fields(ordered)}---\n"


def edit_header(
    doc: Document,
    edits: list[Edit],
    fields: dict[str, Any],
    changes: Changes,
    path: Path | None = None,
) -> Document:
    """The seed with its header edited in place (comments, style and order
    kept) to read as `fields`, the same body, written through `changes` to
    `path` (default: where it is). CannotEdit, leaving the file as it was,
    when the header cannot be edited so."""
    new = edited(doc, edits, fields)
    if path is not None:
        new = Document(path, new.raw, doc.display)
    changes.write(new.path, new.raw)
    return new


def find_seed(run: Run, seed: str) -> Path:
    path = Path(seed)
    if path.suffix == ".txt" and path.is_file():
        return path
    candidate = run.folder / f"{path.stem if path.suffix == '.txt' else seed}.txt"
    if candidate.is_file():
        return candidate
    raise Refused(f"no seed {seed!r} in {run.display(run.folder)}/")


def seed_document(run: Run, path: Path) -> Document:
    raw, unread = read_bounded(path, run.folder, run.config.max_seed_bytes)
    if unread is not None:
        raise Refused(f"{run.display(path)} is not read: {unread}")
    return Document(path, raw, run.display(path))


def header_of(doc: Document) -> dict[str, Any]:
    """What a seed's header says, as read: its front matter mapping, the date
    of an old inline header, or nothing."""
    if doc.form is HeaderForm.FRONT_MATTER and isinstance(doc.data, dict):
        return dict(doc.data)
    if doc.form is HeaderForm.LEGACY:
        return {"date": doc.legacy_date}
    return {}


def read_by_detectors(doc: Document) -> bool:
    """Whether a run's text detectors read this seed: read, UTF-8, with a
    readable header, in English."""
    return doc.unread is None and doc.utf8 and reads_english(doc)


def header_data(doc: Document) -> dict[str, Any]:
    if doc.form is not HeaderForm.FRONT_MATTER or not isinstance(doc.data, dict):
        raise Refused(
            f"{doc.display} has no readable front matter header: run `checks --fix` first"
        )
    return dict(doc.data)


def readable_index(corpus: Corpus) -> None:
    if corpus.index is not None and not corpus.index.parsed:
        where = corpus.index.problems[0] if corpus.index.problems else None
        line = corpus.index.position(where.start)[0] if where else 1
        raise Refused(
            f"{corpus.index_display}:{line}: {where.message if where else 'cannot be read'}; "
            "mend it by hand first"
        )


def today(run: Run) -> str:
    return run.linter.context.today.isoformat()


def used_ids(
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


def next_number(numbers: set[int]) -> int:
    return max(numbers, default=-1) + 1
