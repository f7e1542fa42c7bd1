"""`checks renumber`: a seed the base branch does not have moved to the next
free number."""

from __future__ import annotations

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
from checks.run.corpus import SEED_NAME, write_index
from checks.seed.edit import set_value
from checks.seed.files import Changes


@refusing
def renumber(args: RenumberOptions, changes: Changes) -> int:
    """Move a seed that the base branch does not have to the next free number,
    keeping its random id part."""
    from checks.run.history import exists_at, names_at

    run = run_for(args, index_codes())
    ref = args.base or run.config.base
    if ref.startswith("-"):
        raise Refused(f"--base: {ref!r} is not a git revision")
    path = find_seed(run, args.seed)
    if exists_at(run.folder, ref, path.name):
        raise Refused(f"{path.name} is on {ref}: a seed there keeps its number")
    doc = seed_document(run, path)
    fields = header_data(doc)
    match = SEED_NAME.fullmatch(doc.stem)
    if not match:
        raise Refused(f"{path.name} is not named NNN_<16 hex digits>.txt")
    corpus = run.corpus(run.records())
    readable_index(corpus)
    others = [r for r in corpus.records if r.path != str(path)]
    numbers, _ = used_ids(
        run.corpus(others),
        [n for n in names_at(run.folder, ref) if n != doc.stem],
        leaving=doc.stem,
    )
    number = next_number(numbers)
    stem = f"{number:03d}_{match.group(2)}"
    if stem == doc.stem:
        raise Refused(f"{doc.stem} has the next free number already: nothing to do")
    target = path.with_name(f"{stem}.txt")
    if target.exists():
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
    corpus.records = others + [run.record(new_doc)]
    write_index(corpus, changes)
    say(args, f"renumbered {doc.stem} -> {stem}")
    return 0
