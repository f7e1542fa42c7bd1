"""`checks renumber [SEED]`: a seed the base branch does not have moved to
the next free number; without SEED, every such seed whose number another
seed holds (two branches that each added the next seed, merged)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from checks.commands.common import (
    Refused,
    edit_header,
    find_seed,
    header_data,
    next_number,
    readable_index,
    refusing,
    run_for,
    say,
    seed_document,
    used_ids,
)
from checks.options import RenumberOptions
from checks.rules.registry import index_codes
from checks.run.corpus import SEED_NAME, Corpus, write_index
from checks.run.runner import Run
from checks.seed.edit import set_value
from checks.seed.files import Changes


@refusing
def renumber(args: RenumberOptions, changes: Changes) -> int:
    """Move a seed that the base branch does not have (or, with no seed
    named, each that shares its number) to the next free number, keeping its
    random id part."""
    from checks.run.history import names_at

    run = run_for(args, index_codes())
    ref = args.base or run.config.base
    if ref.startswith("-"):
        raise Refused(f"--base: {ref!r} is not a git revision")
    corpus = run.corpus(run.records())
    readable_index(corpus)
    at_base = names_at(run.folder, ref)
    if args.seed:
        path = find_seed(run, args.seed)
        if path.stem in at_base:
            raise Refused(f"{path.name} is on {ref}: a seed there keeps its number")
        moving = [path]
    else:
        moving = _colliding(corpus, set(at_base), ref)
    for path in moving:
        corpus = _move(run, corpus, path, at_base, changes, args)
    write_index(corpus, changes)
    return 0


def _colliding(corpus: Corpus, at_base: set[str], ref: str) -> list[Path]:
    """The seeds to move so that no two hold one number: of each number held
    twice, those the base branch lacks (all but the first, when it has none
    of them; none, when a retracted seed's tombstone holds it)."""
    holders: dict[int, list] = {}
    for record in sorted(corpus.records, key=lambda r: r.stem):
        if record.number is not None and record.indexed:
            holders.setdefault(record.number, []).append(record)
    struck = {
        row.number
        for row in (corpus.index.rows if corpus.index is not None else [])
        if row.tombstone
    }
    moving = []
    for number, records in sorted(holders.items()):
        if len(records) + (number in struck) < 2:
            continue
        new = [r for r in records if r.stem not in at_base]
        if len(new) == len(records) and number not in struck:
            new = new[1:]  # none is on the base branch: the first keeps it
        if not new:
            stems = ", ".join(r.stem for r in records)
            raise Refused(
                f"number {number:03d} is held by seeds that are all on {ref} "
                f"({stems}): a seed there keeps its number"
            )
        moving += [Path(r.path) for r in new]
    if not moving:
        raise Refused("no two seeds share a number: nothing to renumber")
    return moving


def _move(
    run: Run,
    corpus: Corpus,
    path: Path,
    at_base: list[str],
    changes: Changes,
    args: RenumberOptions,
) -> Corpus:
    """The corpus with the seed at `path` moved to the next free number (its
    file written through `changes`, its INDEX.md row changed in memory)."""
    doc = seed_document(run, path)
    fields = header_data(doc)
    match = SEED_NAME.fullmatch(doc.stem)
    if not match:
        raise Refused(f"{path.name} is not named NNN_<16 hex digits>.txt")
    others = [r for r in corpus.records if r.path != str(path)]
    numbers, _ = used_ids(
        replace(corpus, records=others),
        [n for n in at_base if n != doc.stem],
        leaving=doc.stem,
    )
    stem = f"{next_number(numbers):03d}_{match.group(2)}"
    if stem == doc.stem:
        raise Refused(f"{doc.stem} has the next free number already: nothing to do")
    target = path.with_name(f"{stem}.txt")
    if changes.exists(target):
        raise Refused(f"{target.name} exists already")
    fields["id"] = stem
    new_doc = edit_header(doc, [set_value(doc, "id", stem)], fields, changes, target)
    changes.remove(path)
    if corpus.index is not None:
        for row in corpus.index.rows:
            if row.id == doc.stem and not row.tombstone:
                row.id = stem
                row.edit(id=stem)
                row.link = f"{stem}.txt"
    say(args, f"renumbered {doc.stem} -> {stem}")
    return replace(corpus, records=others + [run.record(new_doc)])
