"""PRV: provenance.  A seed's recorded hash holds, no text is in the corpus
twice, numbers and ids are used once, sources are addresses a reader can
follow, and the corpus only grows: with `--diff-base REF`, a seed changed,
deleted or renamed since REF is reported unless the change was recorded with
`checks amend` or `checks retract`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from checks.report.diagnostic import CorpusFinding, Finding
from checks.rules.registry import rule
from checks.run.context import Context
from checks.run.corpus import Corpus, SeedRecord
from checks.seed.document import Document


@rule("PRV001", "hash-mismatch", "error", protects_record=True)
def hash_mismatch(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The body's sha256 is not the one the header records.

    ## What it does
    Hashes exactly the body's bytes and compares the result with `sha256`.

    ## Why it matters
    The text changed after it was recorded: whoever reads it can no longer
    trust that it is the text that was collected.

    ## Fix
    None, by design.  Restore the recorded text, or, when the change is meant,
    record it with `checks amend SEED --reason "..."`, which keeps the old hash
    in the header's `revisions`.
    """
    data = doc.data
    recorded = data.get("sha256") if isinstance(data, dict) else None
    if not isinstance(recorded, str) or len(recorded) != 64:
        return
    actual = hashlib.sha256(doc.body).hexdigest()
    if actual != recorded:
        yield Finding(
            *doc.value_span(("sha256",)),
            f"the body's sha256 is {actual[:12]}..., the header records "
            f"{recorded[:12]}...: the text changed after it was recorded",
        )


@rule("PRV002", "duplicate-body", "error", stage="corpus")
def duplicate_body(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """Two seeds have the same body.

    ## What it does
    Reports each seed whose body's bytes equal an earlier seed's, naming it.

    ## Why it matters
    A text counted twice weighs twice in whatever is built from the corpus.
    """
    first: dict[str, SeedRecord] = {}
    for record in corpus.records:
        earlier = first.setdefault(record.body_sha256, record)
        if earlier is not record:
            yield CorpusFinding(
                record.id_place,
                f"the same body as {earlier.stem}",
                frozenset({record.stem, earlier.stem}),
                seed=record.stem,
                text=earlier.stem,
            )


# How many seeds' shingles the near-duplicate rule holds at once.
NEAR_BLOCK = 1024


@rule("PRV003", "near-duplicate", "error", stage="corpus", reads={"signature"})
def near_duplicate(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """Two seeds are nearly the same text.

    ## What it does
    Reports a seed whose body shares at least the configured part of its
    5-word shingles with an earlier seed's (`near-duplicate` in
    `[tool.checks]`, 0.8 by default), naming the other seed and the
    similarity: the same article from two outlets, or a copy with small edits.
    Words are compared folded: look-alike letters as one (Unicode TR39's
    skeleton: a Cyrillic `а` is an `a`), every kind of space as a space,
    invisible characters dropped; a copy told apart only so is named as the
    same text, with the code points that tell it apart.
    Candidates are found with MinHash and locality-sensitive hashing, so the
    cost grows with the corpus, not with the number of pairs.

    ## Why it matters
    Near-copies weigh twice like exact ones, and are harder to see.

    ## Example
    A seed that repeats another with a changed headline and two words edited.
    Accept a pair that was reviewed with an `accept` entry whose `text` is the
    other seed's id.
    """
    from checks.detect.similarity import candidates

    threshold = corpus.settings.get("near_duplicate", 0.8)
    records = [r for r in corpus.records if r.signature is not None]
    # Candidates are measured a block at a time: the bodies of a block's seeds
    # are read together (a shard once, not once per seed) and their shingles
    # dropped after it.
    block: list[tuple[int, list[int]]] = []
    wanted: set[int] = set()
    for j, near in candidates([r.signature for r in records], threshold):
        others = [
            i for _, i in near if records[i].body_sha256 != records[j].body_sha256
        ]
        if not others:
            continue  # copies are PRV002's
        block.append((j, others))
        wanted.update(others, (j,))
        if len(wanted) >= NEAR_BLOCK:
            yield from _near_findings(corpus, records, block, wanted, threshold)
            block, wanted = [], set()
    yield from _near_findings(corpus, records, block, wanted, threshold)


def _near_findings(
    corpus: Corpus,
    records: list[SeedRecord],
    block: list[tuple[int, list[int]]],
    wanted: set[int],
    threshold: float,
) -> Iterator[CorpusFinding]:
    from checks.detect.lookalike import differences
    from checks.detect.similarity import jaccard, shingles

    order = sorted(wanted)
    bodies = dict(zip(order, corpus.bodies([records[k] for k in order])))
    shingled = {k: shingles(body) for k, body in bodies.items() if body is not None}
    for j, others in block:
        if j not in shingled:
            continue
        b = records[j]
        above = sorted(
            (
                (score, i)
                for i in others
                if i in shingled
                and (score := jaccard(shingled[i], shingled[j])) >= threshold
            ),
            key=lambda p: (-p[0], p[1]),
        )
        if not above:
            continue
        score, i = above[0]
        more = f" (and {len(above) - 1} more)" if len(above) > 1 else ""
        a = records[i]
        if shingled[i] == shingled[j]:
            # Told apart only by characters a reader does not see as different.
            told = differences(
                bodies[j].decode("utf-8", "surrogateescape"),
                bodies[i].decode("utf-8", "surrogateescape"),
            )
            message = (
                f"the same text as {a.stem}{more} once look-alike characters, "
                f"spaces and invisible ones are folded: this one has {told}"
            )
        else:
            message = (
                f"nearly the same text as {a.stem}{more}: {score:.0%} of 5-word "
                f"shingles shared (threshold {threshold:.0%})"
            )
        yield CorpusFinding(
            b.id_place,
            message,
            frozenset({a.stem, b.stem}),
            seed=b.stem,
            text=a.stem,
        )


@rule("PRV004", "number-sequence", "error", stage="corpus")
def number_sequence(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """Seed numbers repeat or skip.

    ## What it does
    Reports a seed whose number another seed (or a retracted seed's tombstone
    in INDEX.md) already has, and a gap: numbers run from 000 with none
    missing.  Two branches that each added the next seed collide this way when
    merged; `checks renumber` moves the one not yet on the base branch to the
    next free number.

    ## Why it matters
    The number is how people cite a seed; one that means two texts, or a gap
    nobody can explain, undermines every citation.
    """
    owners: dict[int, str] = {}
    tombstones = corpus.index.rows if corpus.index is not None else []
    for row in tombstones:
        if row.tombstone:
            owners.setdefault(row.number, row.id)
    for record in corpus.records:
        if record.number is None or not record.indexed:
            continue
        owner = owners.setdefault(record.number, record.stem)
        if owner != record.stem:
            yield CorpusFinding(
                record.id_place,
                f"number {record.number:03d} is also {owner}'s: `checks renumber` "
                "moves the seed the base branch lacks to the next free number",
                frozenset({record.stem, owner}),
                seed=record.stem,
            )
    numbers = sorted(owners)
    first_of = {
        r.number: r
        for r in reversed(corpus.records)
        if r.number is not None and r.indexed
    }
    expected = 0
    for number in numbers:
        if number > expected and number in first_of:
            missing = (
                f"{expected:03d}"
                if number == expected + 1
                else f"{expected:03d}-{number - 1:03d}"
            )
            record = first_of[number]
            yield CorpusFinding(
                record.id_place,
                f"number {number:03d} skips {missing}: seed numbers run on without gaps",
                frozenset({record.stem}),
                seed=record.stem,
            )
        expected = number + 1


@rule("PRV005", "duplicate-id", "error", stage="corpus", protects_record=True)
def duplicate_id(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """A seed's random id part is used by another seed or a retracted one.

    ## What it does
    Reports a seed whose 16-hex part another seed (under any number, in any
    folder of the corpus) or an INDEX.md tombstone already has, and a seed
    whose whole id was retracted.

    ## Why it matters
    The hex part is what stays unique when numbers collide; reused, it ties
    two texts to one identity.
    """
    # id part -> (the id holding it, its file; None for a tombstone)
    owners: dict[str, tuple[str, str | None]] = {}
    retracted = set()
    if corpus.index is not None:
        retracted = {row.id for row in corpus.index.rows if row.tombstone}
    for seed_id in sorted(retracted):
        owners.setdefault(seed_id.split("_", 1)[1], (seed_id, None))
    for record in corpus.records:
        if record.hex is None:
            continue
        owner, where = owners.setdefault(record.hex, (record.stem, record.display))
        if owner != record.stem:
            what = f"is also {owner}'s ({where or 'retracted'})"
        elif where is None or record.stem in retracted:
            what = "was retracted"
        elif where != record.display:
            what = f"is also held by {where}"
        else:
            continue
        yield CorpusFinding(
            record.id_place,
            f"id part {record.hex} {what}: a new seed takes a fresh id",
            frozenset({record.stem, owner}),
            seed=record.stem,
        )


@rule("PRV006", "source-url-scheme", "error")
def source_url_scheme(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The source URL is not an http(s) address.

    ## What it does
    Reports `source.url` unless it is an absolute `http://` or `https://`
    address with a host.  (A seed with no source at all is HDR014's warning.)

    ## Why it matters
    A reader must be able to follow the address to the original; a file path,
    a `javascript:` link or a bare name leads nowhere, or somewhere unsafe.
    """
    data = doc.data
    source = data.get("source") if isinstance(data, dict) else None
    url = source.get("url") if isinstance(source, dict) else None
    if not isinstance(url, str):
        return
    parts = urlsplit(url.strip()) if url.isprintable() else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        yield Finding(
            *doc.value_span(("source", "url")),
            f"source url {url!r} is not an http(s) address",
        )


@rule("PRV007", "changed-since-base", "error", stage="corpus", protects_record=True)
def changed_since_base(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """With `--diff-base REF`: a seed's body changed since REF, unrecorded.

    ## What it does
    Compares each seed's body and revisions with its version at REF, also
    when the seed was moved, renamed or replaced by a symbolic link since.  A
    change is accepted only when it was recorded with `checks amend`: the
    header's `sha256` is the new body's, the `revisions` at REF are kept as
    they were, and a new revision `replaces` the hash of the body at REF.
    Revisions deleted or rewritten are reported even when the body is as it
    was.

    ## Why it matters
    The corpus is append-only: a recorded text changes only by a person's
    recorded decision, never silently in a pull request.
    """
    base = corpus.base
    if base is None:
        return
    for record in corpus.records:
        before = base.bodies.get(record.stem)
        if before is None:
            continue
        old_body, old_revisions = before
        old_sha = hashlib.sha256(old_body).hexdigest()
        edited = old_sha != record.body_sha256
        if record.revisions[: len(old_revisions)] != old_revisions:
            problem = f"its {len(old_revisions)} recorded revision(s) were " + (
                "rewritten" if record.revisions else "deleted"
            )
        elif not edited:
            continue
        elif not any(
            r.get("replaces") == old_sha for r in record.revisions[len(old_revisions) :]
        ):
            problem = "no revision records the change (`checks amend` records one)"
        elif record.header_sha256 != record.body_sha256:
            problem = "the header's sha256 is not the new body's"
        else:
            continue
        yield CorpusFinding(
            record.id_place,
            f"the body {'changed' if edited else 'is unchanged'} since {base.ref} "
            f"and {problem}",
            frozenset({record.stem}),
            seed=record.stem,
        )


@rule("PRV008", "removed-since-base", "error", stage="corpus", protects_record=True)
def removed_since_base(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """With `--diff-base REF`: a seed that REF has is gone, with no tombstone.

    ## What it does
    Reports each seed present at REF and absent now, unless INDEX.md has its
    tombstone row (written by `checks retract`).

    ## Why it matters
    Withdrawing a text is a decision that must leave a trace and keep its
    number from being reused.
    """
    base = corpus.base
    if base is None:
        return
    index = corpus.index
    rows = index.rows_by_id() if index is not None else {}
    for seed_id, new_name in base.gone:
        if any(r.tombstone for r in rows.get(seed_id, ())):
            continue
        what = (
            "deleted"
            if not new_name
            else f"moved to {new_name}"
            if Path(new_name).stem == seed_id
            else f"renamed to {new_name}"
        )
        place = corpus.index_place(0, 0)
        if index is not None and seed_id in rows:
            place = corpus.index_place(*rows[seed_id][0].span("id"))
        yield CorpusFinding(
            place,
            f"{seed_id} was {what} since {base.ref}: seeds are never removed or renamed; "
            f"withdraw one with `checks retract {seed_id} --reason ...`",
            frozenset({seed_id}),
        )


@rule("PRV009", "linked-since-base", "error", stage="corpus", protects_record=True)
def linked_since_base(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """With `--diff-base REF`: a seed, or the corpus folder, is a symbolic link.

    ## What it does
    Reports each seed changed since REF that is now a symbolic link, INDEX.md
    when it became one, and the corpus folder when it is one.  When the folder is a link, no other
    comparison with REF is made: every seed is checked, and this finding
    says why the comparison stopped.

    ## Why it matters
    A pull request's diff shows a link as the name it leads to, not as the
    text a reader gets: a seed turned into a link to another file changes its
    text with nothing to review, and a corpus folder turned into a link hides
    every change behind it from the comparison with REF.
    """
    base = corpus.base
    if base is None:
        return
    places = {r.display.rsplit("/", 1)[-1]: r for r in corpus.records}
    for name, target in base.linked:
        if name == ".":
            yield CorpusFinding(
                corpus.index_place(0, 0),
                f"the corpus folder is a symbolic link to {target!r} where {base.ref} "
                "has a folder: --diff-base compared nothing (every seed was checked)",
                frozenset(),
            )
            continue
        record = places.get(name.rsplit("/", 1)[-1])
        what = "INDEX.md is" if name == "INDEX.md" else "a seed is"
        yield CorpusFinding(
            record.id_place if record else corpus.index_place(0, 0),
            f"{name} is a symbolic link to {target!r} since {base.ref}: {what} a "
            "file, whose text a review can see",
            frozenset({Path(name).stem}),
            seed=Path(name).stem,
        )


@rule("PRV010", "config-changed-since-base", "warning", stage="corpus")
def config_changed_since_base(corpus: Corpus, ctx: Context) -> Iterator[CorpusFinding]:
    """With `--diff-base REF`: the configuration or the baseline changed since REF.

    ## What it does
    Reports a change to `[tool.checks]` in `pyproject.toml`, or to the
    baseline file it names, since REF.  The run is judged by REF's
    configuration and baseline, not by the changed ones; a configuration
    given with `--config` is used as given.

    ## Why it matters
    A pull request that changes a severity, an ignore, the corpus folder or
    the baseline would otherwise weaken the very gate it is judged by.  The
    change takes effect once it is merged; until then a reviewer sees it here.
    """
    base = corpus.base
    if base is None or base.config is None:
        return
    place, what = base.config
    yield CorpusFinding(
        place,
        f"{what} changed since {base.ref}: this run is judged by {base.ref}'s, "
        "and the change applies once it is merged",
    )
