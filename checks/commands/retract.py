"""`checks retract`: a seed withdrawn, leaving a tombstone row in INDEX.md."""

from __future__ import annotations

from pathlib import Path

from checks.commands.common import (
    Refused,
    readable_index,
    refusing,
    run_for,
    say,
    today,
)
from checks.options import RetractOptions
from checks.rules.registry import index_codes
from checks.run.corpus import SEED_NAME, Corpus, write_index
from checks.seed.files import Changes
from checks.seed.index import tombstone_cells


@refusing
def retract(args: RetractOptions, changes: Changes) -> int:
    """Withdraw a seed: its INDEX.md row becomes a tombstone (so that its number
    and id are never reused), then the file is removed."""
    run = run_for(args, index_codes())
    corpus = run.corpus(run.records())
    readable_index(corpus)
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
        write_index(corpus, changes)
        corpus = run.corpus(corpus.records, index=run.written_index(changes))
    rows = rows_of(corpus)
    if record is None and not rows:
        raise Refused(f"no seed {seed_id} and no row for it in {corpus.index_display}")
    if not any(r.tombstone for r in rows):
        rows[0].edit(**tombstone_cells(rows[0], today(run), reason))
        rows[0].link = None
        corpus.records = [r for r in corpus.records if r.stem != seed_id]
        write_index(corpus, changes)
    elif record is None:
        raise Refused(f"{seed_id} was retracted already")
    if record is not None:
        changes.remove(Path(record.path))
    say(args, f"retracted {seed_id}: {reason}")
    return 0
