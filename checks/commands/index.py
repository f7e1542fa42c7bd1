"""`checks index`: INDEX.md's table written from the seeds' headers."""

from __future__ import annotations

from checks.commands.common import (
    refusing,
    report,
    run_for,
    say,
)
from checks.options import IndexOptions
from checks.report.diagnostic import Severity
from checks.rules.registry import index_codes
from checks.run.corpus import write_index
from checks.seed.files import Changes


@refusing
def index(args: IndexOptions, changes: Changes) -> int:
    """Rewrite INDEX.md's table from the seeds' headers, or with --check only
    report how it disagrees."""
    run = run_for(args, (*index_codes(), "PRV004", "PRV005"))
    corpus = run.corpus(run.records())
    keep_all = lambda f: True  # noqa: E731
    found = [
        d
        for d in run.linter.corpus_findings(corpus, keep_all)
        if d.code in index_codes()
    ]
    if args.check:
        report(args, found, 1)
        return 1 if any(d.severity is Severity.ERROR for d in found) else 0
    if corpus.index is not None and not corpus.index.rewritable:
        report(args, found, 1)
        return 1
    before = corpus.index.text if corpus.index is not None else None
    fix = write_index(corpus, changes)
    after = run.corpus(corpus.records, index=run.written_index(changes))
    if after.index is not None and after.index.text == before:
        say(
            args, f"{corpus.index_display} is up to date ({len(corpus.records)} seeds)."
        )
    else:
        say(args, f"{corpus.index_display}: {fix.description}.")
    remaining = [
        d
        for d in run.linter.corpus_findings(after, keep_all)
        if d.code in index_codes()
    ]
    if remaining or args.format == "json":
        report(args, remaining, 1, [(corpus.index_display, fix)])
    return 1 if any(d.severity is Severity.ERROR for d in remaining) else 0
