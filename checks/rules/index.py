"""IDX: seeds/INDEX.md agrees with the seeds.

Every rule here reads the whole corpus: the seeds' records and INDEX.md as
parsed.  The fixes all rewrite the table between INDEX.md's markers with
`checks index`, which keeps every hash a row records.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.report.diagnostic import CorpusFinding, Fix
from checks.rules.registry import rule
from checks.run.context import Context
from checks.run.corpus import Corpus
from checks.seed.index import COLUMNS, END, HASH_CHARS, expected_cells

REWRITE = Fix("rewrite INDEX.md's table with `checks index`", ())


def _rewritable(corpus: Corpus) -> Fix | None:
    return REWRITE if corpus.index is not None and corpus.index.parsed else None


@rule(
    "IDX001",
    "missing-index",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
)
def missing_index(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """The corpus has no INDEX.md.

    ## What it does
    Reports a corpus folder with seeds and no `INDEX.md` beside them.

    ## Why it matters
    INDEX.md is the corpus's table of contents and a second record of every
    seed's hash: without it, nothing outside a seed vouches for its text.

    ## Fix (safe)
    `checks --fix` (or `checks index`) creates INDEX.md with a row per seed.
    """
    if corpus.index is None and any(r.indexed for r in corpus.records):
        yield CorpusFinding(
            corpus.index_place(0, 0),
            f"no INDEX.md in {corpus.folder.name}/: run `checks index` to write one",
            frozenset(r.stem for r in corpus.records),
            REWRITE,
        )


@rule(
    "IDX002",
    "unparseable-index",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
)
def unparseable_index(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """INDEX.md's table cannot be read.

    ## What it does
    Reports, at the line where reading stopped, INDEX.md without its two marker
    comments (`<!-- checks:index:start -->`, `<!-- checks:index:end -->`), with
    them twice or out of order, or with a table whose header, separator or rows
    are not what `checks index` writes (a row with too few cells, an id cell that
    is not `[ID](ID.txt)` or `~~ID~~`, a hash cell that is not 12 hex digits);
    and, at its `<<<<<<<` line, a git merge conflict inside the table.

    ## Why it matters
    A row that cannot be read may hold the only other record of a seed's hash;
    no tool may rewrite it unseen.

    ## Fix (safe)
    When the markers are missing, `checks --fix` appends them, with a fresh
    table, after the existing text.  When the table holds a git merge
    conflict (two branches each added a row), `checks --fix` writes it anew
    from the headers, with the rows of both sides and every hash they record
    (the merge driver `checks merge-index` does so during the merge).  A
    damaged table must be mended by hand: it is never overwritten.
    """
    index = corpus.index
    if index is None:
        return
    fix = REWRITE if index.rewritable else None
    for problem in index.problems + index.conflicts:
        yield CorpusFinding(
            corpus.index_place(problem.start, problem.end),
            problem.message,
            frozenset(r.stem for r in corpus.records),
            fix,
        )


@rule(
    "IDX003",
    "unindexed-seed",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
)
def unindexed_seed(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """A seed has no row in INDEX.md.

    ## What it does
    Reports each seed whose id appears in no row of the table, at the end of
    the table, naming the seed.

    ## Fix (safe)
    `checks --fix` adds its row, in number order.
    """
    index = corpus.index
    if index is None or index.region is None:
        return
    listed = index.rows_by_id()
    at = corpus.index_place(index.region[1], index.region[1] + len(END))
    for record in corpus.records:
        if record.indexed and record.number is not None and record.stem not in listed:
            yield CorpusFinding(
                at,
                f"seed {record.stem} has no row in INDEX.md",
                frozenset({record.stem}),
                _rewritable(corpus),
            )


@rule(
    "IDX004",
    "dangling-row",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
)
def dangling_row(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """A row of INDEX.md points at no seed, or outside the corpus folder.

    ## What it does
    Reports a row whose seed file does not exist, and a row whose link is not
    the seed's own file name beside INDEX.md (`../`, a folder, an absolute path
    or an address).

    ## Why it matters
    A row without its seed is a text that vanished without a record; a link
    elsewhere makes a reader trust a file the corpus does not hold.

    ## Fix (safe)
    A link is rewritten to `ID.txt` when that seed exists.  A row whose
    seed is gone is not removed: restore the seed, or retract it with
    `checks retract ID --reason "..."`, which keeps a tombstone row.
    """
    index = corpus.index
    if index is None:
        return
    present = {r.stem for r in corpus.records} | corpus.unread
    for row in index.rows:
        if row.tombstone:
            continue
        if row.id not in present:
            yield CorpusFinding(
                corpus.index_place(*row.span("id")),
                f"row for {row.id} but there is no seed {row.id}.txt: restore it or "
                f"record its withdrawal with `checks retract {row.id}`",
                frozenset({row.id}),
            )
        elif row.link != f"{row.id}.txt":
            yield CorpusFinding(
                corpus.index_place(*row.span("id")),
                f"row for {row.id} links to {row.link!r}, not to {row.id}.txt beside INDEX.md",
                frozenset({row.id}),
                _rewritable(corpus),
            )


@rule(
    "IDX005",
    "duplicate-row",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
)
def duplicate_row(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """A seed is listed twice in INDEX.md.

    ## What it does
    Reports every row after the first for the same id, a tombstone included.

    ## Fix (safe)
    `checks --fix` keeps the first row when the rows record the same hash.
    Rows that record different hashes are left for a person to decide between.
    """
    index = corpus.index
    if index is None:
        return
    for seed_id, rows in index.rows_by_id().items():
        if len(rows) < 2:
            continue
        hashes = {r.recorded_hash for r in rows if r.recorded_hash}
        tombstones = any(r.tombstone for r in rows)
        for row in rows[1:]:
            yield CorpusFinding(
                corpus.index_place(*row.span("id")),
                f"{seed_id} is listed again (first on line {rows[0].line})"
                + ("; the rows record different hashes" if len(hashes) > 1 else ""),
                frozenset({seed_id}),
                _rewritable(corpus) if len(hashes) < 2 and not tombstones else None,
            )


@rule(
    "IDX006",
    "row-mismatch",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
    reads={"row-digest"},
)
def row_mismatch(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """A row of INDEX.md disagrees with its seed's header.

    ## What it does
    Compares each cell of a seed's row with what the header says (date, title,
    source name, cites, pseudonyms, and the first 12 hex digits of `sha256`)
    and reports each cell that differs, with both values.

    ## Why it matters
    Readers and tools read the index, not every header: a stale row misleads
    them, and a row hash that differs from the header's means one of the two
    records was changed.

    ## Fix (safe)
    `checks --fix` rewrites the row from the header, except a recorded
    hash: a row's hash is never overwritten.  A different hash means the text
    or a record changed: restore it, or record the change with `checks amend`.
    """
    index = corpus.index
    if index is None:
        return
    rows = index.rows_by_id()
    for record in corpus.records:
        live = [r for r in rows.get(record.stem, ()) if not r.tombstone]
        if not live:
            continue
        row = live[0]
        if record.row_digest is not None and row.written_as(record.row_digest):
            continue  # the row as `checks index` writes it from this header
        expected = expected_cells(record.entry, row)
        for column in COLUMNS[1:-1]:
            actual = row.cell(column)
            if actual != expected[column]:
                yield CorpusFinding(
                    corpus.index_place(*row.span(column)),
                    f"{column} is {actual!r} in the row but "
                    f"{expected[column]!r} in {record.stem}'s header",
                    frozenset({record.stem}),
                    _rewritable(corpus),
                )
        header_hash = record.entry.sha256[:HASH_CHARS]
        if row.recorded_hash != header_hash:
            recorded = bool(row.recorded_hash)
            yield CorpusFinding(
                corpus.index_place(*row.span("sha256")),
                f"the row records sha256 {row.recorded_hash or 'none'} but the header "
                f"has {header_hash or 'none'}"
                + (": the text or a record changed" if recorded else ""),
                frozenset({record.stem}),
                None if recorded else _rewritable(corpus),
            )


@rule(
    "IDX007",
    "rows-out-of-order",
    "error",
    fixable=True,
    stage="corpus",
    rewrites_index=True,
)
def rows_out_of_order(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """INDEX.md's rows are not in seed-number order.

    ## What it does
    Reports the first row whose seed number is lower than the row above it.

    ## Fix (safe)
    `checks --fix` sorts the rows.
    """
    index = corpus.index
    if index is None:
        return
    order = [(row.number, row.id) for row in index.rows]  # each id parsed once
    for at in range(1, len(order)):
        if order[at] < order[at - 1]:
            above, row = index.rows[at - 1], index.rows[at]
            yield CorpusFinding(
                corpus.index_place(*row.span("id")),
                f"{row.id} comes after {above.id}: rows go in seed-number order",
                frozenset({row.id}),
                _rewritable(corpus),
            )
            return
