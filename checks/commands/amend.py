"""`checks amend`: a deliberate change to a seed's text recorded."""

from __future__ import annotations

import hashlib
import re

from checks.commands.common import (
    Refused,
    edit_header,
    find_seed,
    header_data,
    readable_index,
    refusing,
    run_for,
    say,
    seed_document,
    today,
)
from checks.options import AmendOptions
from checks.rules.registry import index_codes
from checks.run.corpus import write_index
from checks.seed.edit import add_items, set_value
from checks.seed.files import Changes


@refusing
def amend(args: AmendOptions, changes: Changes) -> int:
    """Record that a seed's text was changed on purpose: the new hash, and a
    revision with the old one, the date and the reason."""
    run = run_for(args, index_codes())
    path = find_seed(run, args.seed)
    doc = seed_document(run, path)
    fields = header_data(doc)
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
    readable_index(corpus)
    revisions = fields.get("revisions")
    revision = {"date": today(run), "replaces": old, "reason": reason}
    fields["revisions"] = (list(revisions) if isinstance(revisions, list) else []) + [
        revision
    ]
    fields["sha256"] = new_sha
    new_doc = edit_header(
        doc,
        [set_value(doc, "sha256", new_sha), add_items(doc, "revisions", [revision])],
        fields,
        changes,
    )
    records = [
        r if r.path != str(path) else run.record(new_doc) for r in corpus.records
    ]
    corpus = run.corpus(records)
    if corpus.index is not None:
        for row in corpus.index.rows:
            if row.id == doc.stem and not row.tombstone:
                row.edit(sha256=new_sha[:12])
    write_index(corpus, changes)
    say(
        args,
        f"amended {doc.display}: sha256 {old[:12]}... -> {new_sha[:12]}... ({reason})",
    )
    return 0
