"""Reading the seeds a run checks, a chunk at a time: each seed's bytes are
read, what the cache has is taken from it, the rest goes to the engine, and
the results come back in order while the next chunk is read.  Only the
corpus records stay in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checks.run.check import Checked, Job, Outcome, SeedChecker
from checks.run.corpus import SeedRecord, stem_of
from checks.seed.files import read_bounded
from checks.seed.index import IndexFile, read_index

if TYPE_CHECKING:
    from checks.run.cache import Cache
    from checks.run.corpus import Display
    from checks.run.plan import Plan

# Seeds read at a time: their bytes are held only while they are checked.
CHUNK = 2000


def _chunks(order: list, most: int) -> Iterator[list]:
    """`order` in runs of at most `most`, all about the same size (no short
    last run, which would be checked in this process alone)."""
    count = -(-len(order) // most)
    size = -(-len(order) // count) if count else most
    return (order[i : i + size] for i in range(0, len(order), size))


@dataclass
class _Chunk:
    """A run of seeds read: what the cache had, and what is being checked."""

    order: list  # (key, path) of each seed
    results: list[Checked | None]  # by position, None until known
    misses: list[int] = field(default_factory=list)  # positions not in the cache
    jobs: list[Job] = field(default_factory=list)  # one for each
    digests: list = field(default_factory=list)  # each one's SHA-256, for the cache
    wait: Callable[[], list[Checked]] = list  # their results, once checked


class SeedReader:
    """The seeds of a run's plan through its engine, with what the cache has
    taken from it; `unread` gathers the corpus seeds that were not read."""

    def __init__(
        self,
        checker: SeedChecker,
        display: Display,
        plan: Plan,
        engine,
        cache: Cache | None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.checker = checker
        self.display = display
        self.plan = plan
        self.engine = engine
        self.cache = cache
        self.progress = progress  # told (seeds done, seeds in all) after each run
        self.unread: set[str] = set()

    def check(
        self, outcome: Outcome, records: list[SeedRecord], fix: bool, unsafe: bool
    ) -> IndexFile | None:
        """Check the seeds a chunk at a time, the next one read while the
        engine checks this one, and INDEX.md while it checks the first;
        INDEX.md as read, for the corpus rules."""
        plan, cache, linter = self.plan, self.cache, self.checker.linter
        checking = index = None
        done = 0
        for seeds in _chunks(plan.order, CHUNK):
            chunk = self._read(seeds, fix, unsafe)
            chunk.wait = self.engine.submit(chunk.jobs)
            if checking is None and linter.corpus_rules and plan.has_corpus:
                index = read_index(
                    plan.index_path, cache.parsed_index if cache else None
                )
            if checking is not None:
                done = self._record(checking, outcome, records, done)
            checking = chunk
        if checking is not None:
            self._record(checking, outcome, records, done)
        if cache is not None:
            cache.save()
        return index

    def _read(self, order: list, fix: bool, unsafe: bool) -> _Chunk:
        """Read a run of seeds and take what the cache has."""
        config, cache = self.checker.config, self.cache
        targets, in_corpus = self.plan.targets, self.plan.in_corpus
        chunk = _Chunk(order, [None] * len(order))
        for i, (key, path) in enumerate(order):
            raw, unread = read_bounded(
                path,
                config.corpus_path if key in in_corpus else None,
                config.max_seed_bytes,
            )
            display = self.display(path)
            hit = digest = None
            if unread is None and cache is not None:
                digest = hashlib.sha256(raw).digest()
                hit = cache.get(display, digest)
                if hit is not None and hit[0] is None and key in targets:
                    hit = None  # cached when it was only read for the corpus rules
            if hit is not None:
                chunk.results[i] = Checked.from_cache(hit)
                continue
            chunk.misses.append(i)
            chunk.digests.append(digest)
            chunk.jobs.append(
                Job(
                    str(path),
                    raw,
                    display,
                    unread,
                    key in targets,
                    key in in_corpus,
                    fix,
                    unsafe,
                )
            )
        return chunk

    def _record(self, chunk: _Chunk, outcome: Outcome, records: list, done: int) -> int:
        """Add a run of seeds' results to the outcome and the corpus records,
        in order, and what was computed to the cache; the seeds done so far,
        with the `done` before it."""
        cache, targets = self.cache, self.plan.targets
        linter = self.checker.linter
        results, order = chunk.results, chunk.order
        for i, job, digest, checked in zip(
            chunk.misses, chunk.jobs, chunk.digests, chunk.wait()
        ):
            results[i] = checked
            if job.unread is not None:
                self.unread.add(stem_of(order[i][1]))
            elif digest is not None and not any(
                d.code in self.checker.uncacheable for d in checked.diagnostics or ()
            ):
                cache.put(job.display, digest, checked.cached)
        for (key, path), checked in zip(order, results):
            if key in targets:
                outcome.files += 1
                outcome.diagnostics += checked.diagnostics or []
                outcome.fixed += checked.fixed
            record = checked.record
            if record is not None:
                records.append(record.shared())
            if checked.pending:
                linter.accepts.restore(
                    record.stem if record else stem_of(path),
                    checked.pending,
                    key in targets,
                )
        done += len(order)
        if self.progress is not None:
            self.progress(done, len(self.plan.order))
        return done
