"""One run of `checks` over a corpus: per-seed rules on the seeds asked for,
then corpus-wide rules over every seed's record and INDEX.md, then fixes.

Seeds are read one at a time; only their records stay in memory.  Per-seed
rules run on the seeds named (all of them by default, only those changed since
REF with `--diff-base REF`); corpus rules always see the whole corpus but keep
only the findings that concern the seeds asked for, or INDEX.md.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from checks.config import Config
from checks.options import UsageError
from checks.report.diagnostic import (
    CorpusFinding,
    Diagnostic,
    Fix,
    Place,
)
from checks.rules.registry import Rule
from checks.run.cache import FOLDER as CACHE_FOLDER
from checks.run.check import Checked, Job, SeedChecker
from checks.run.context import Context
from checks.run.corpus import Corpus, Display, SeedRecord, seed_files, stem_of
from checks.run.engines import engine_for
from checks.run.fixes import write_atomic
from checks.run.shardcheck import ShardCheck
from checks.run.shards import is_shard
from checks.seed.document import Document
from checks.seed.files import read_bounded
from checks.seed.index import NAME, IndexFile, read_index, rendered_index


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    fixed: list[tuple[str, Fix]] = field(default_factory=list)
    files: int = 0


# Seeds read at a time: their bytes are held only while they are checked.
CHUNK = 2000


def _chunks(order: list, most: int) -> Iterator[list]:
    """`order` in runs of at most `most`, all about the same size (no short
    last run, which would be checked in this process alone)."""
    count = -(-len(order) // most)
    size = -(-len(order) // count) if count else most
    return (order[i : i + size] for i in range(0, len(order), size))


@dataclass
class _Plan:
    """What a run checks, decided before it reads a seed."""

    in_corpus: dict  # (device, inode) -> path of every corpus seed
    targets: dict  # the same for the seeds whose own rules run
    order: list  # (key, path) of each seed file to read, corpus first
    shards: list  # (key, shard, whether named by URL)
    keep: Callable[[CorpusFinding], bool]  # which corpus findings it reports
    shown: set[str] | None  # the files it checks, when not all
    index_path: Path
    has_corpus: bool  # whether the corpus-wide rules have a corpus to read
    counted: set[str] = field(default_factory=set)  # shards, as they are read


@dataclass
class _Chunk:
    """A run of seeds read: what the cache had, and what is being checked."""

    order: list  # (key, path) of each seed
    results: list[Checked | None]  # by position, None until known
    misses: list[int] = field(default_factory=list)  # positions not in the cache
    jobs: list[Job] = field(default_factory=list)  # one for each
    digests: list = field(default_factory=list)  # each one's SHA-256, for the cache
    wait: Callable[[], list[Checked]] = list  # their results, once checked


class Run:
    def __init__(
        self,
        config: Config,
        rules: Iterable[Rule],
        context: Context | None = None,
    ):
        self.config = config
        self.folder = config.corpus_path
        self.checker = SeedChecker(config, list(rules), context)
        self.linter = self.checker.linter
        # The codes whose fix is INDEX.md written afresh.
        self.rewrites_index = frozenset(
            r.code for r in self.linter.corpus_rules if r.rewrites_index
        )
        self.display = Display()
        self.use_cache = False
        self.jobs = 1
        self.engine = "local"
        self.scheduler: str | None = None
        # With --diff-base: what the working tree changed of the configuration
        # that judges the run (checks.config.base_configuration).
        self.config_change = None
        self.unread: set[str] = set()  # stems of corpus seeds that were not read

    def _read_chunk(
        self, order: list, targets, in_corpus, cache, fix: bool, unsafe: bool
    ) -> _Chunk:
        """Read a run of seeds and take what the cache has."""
        chunk = _Chunk(order, [None] * len(order))
        for i, (key, path) in enumerate(order):
            raw, unread = read_bounded(
                path,
                self.folder if key in in_corpus else None,
                self.config.max_seed_bytes,
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

    def _record_chunk(
        self, chunk: _Chunk, targets, cache, outcome: Outcome, records: list
    ) -> None:
        """Add a run of seeds' results to the outcome and the corpus records,
        in order, and what was computed to the cache."""
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
                self.linter.restore_pending(
                    record.stem if record else stem_of(path),
                    checked.pending,
                    key in targets,
                )

    def _cache(self):
        from checks.run.cache import Cache

        settings = (
            self.checker.codes,
            sorted((k, v.value) for k, v in self.config.severity.items()),
            self.linter.context.today.isoformat(),
            str(self.folder.resolve()),
            self.config.near_duplicate,  # the banding of the records' signatures
        )
        return Cache(self.config.root, settings)

    # The corpus ---------------------------------------------------------------

    def corpus_files(self) -> dict[tuple[int, int], str]:
        if not self.folder.is_dir():
            return {}
        return seed_files([self.folder])

    def record(self, doc: Document) -> SeedRecord:
        return self.checker.record(doc)

    def corpus(
        self, records: list[SeedRecord], base=None, index: IndexFile | None = None
    ) -> Corpus:
        """The corpus of these records and INDEX.md (read now, unless `index`
        is INDEX.md as read already)."""
        index_path = self.folder / NAME
        return Corpus(
            folder=self.folder,
            records=records,
            index=index if index is not None else read_index(index_path),
            index_display=self.display(index_path),
            settings={
                "near_duplicate": self.config.near_duplicate,
                "max_seed_bytes": self.config.max_seed_bytes,
            },
            base=base,
            unread=frozenset(self.unread),
        )

    # Checking -----------------------------------------------------------------

    def check(
        self,
        paths: list[Path],
        fix: bool = False,
        unsafe: bool = False,
        diff_base: str | None = None,
    ) -> Outcome:
        # The records of a large corpus are millions of objects kept to the
        # end of the run, which the garbage collector's full passes would scan
        # again and again as they pile up (a third of a warm run over 100,000
        # seeds).  Checking leaves almost no reference cycles (about a thousand
        # objects for 10,000 seeds), so the collector waits for the run's end.
        # The worker processes collect as usual.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._check(paths, fix, unsafe, diff_base)
        finally:
            if collecting:
                gc.enable()

    def _check(
        self, paths: list[Path], fix: bool, unsafe: bool, diff_base: str | None
    ) -> Outcome:
        base = self._base(diff_base)
        plan = self._plan(paths, base)
        outcome = Outcome([])
        records: list[SeedRecord] = []
        engine = engine_for(
            self.checker,
            engine=self.engine,
            jobs=self.jobs,
            scheduler=self.scheduler,
            fix=fix,
            # A cache is kept: a warm run, most likely.
            warm=self.use_cache and (self.config.root / CACHE_FOLDER).is_dir(),
            seeds=len(plan.order),
        )
        try:
            index = self._check_seeds(plan, engine, fix, unsafe, outcome, records)
            self._check_shards(plan, engine, outcome, records)
        finally:
            engine.close()
        # Only the records are needed from here: the file lists (a path per
        # seed) go before the corpus-wide stage, where memory peaks.
        plan.in_corpus = plan.targets = {}
        plan.order = plan.shards = []
        if self.linter.corpus_rules and plan.has_corpus:
            self._check_corpus(records, base, index, plan, fix, outcome)
        outcome.diagnostics += self.linter.unused_accepts()
        outcome.diagnostics.sort()
        return outcome

    def _base(self, diff_base: str | None):
        """How the corpus differs from the revision `diff_base`, if given."""
        if diff_base is None:
            return None
        from checks.run.history import base_changes

        if not self.folder.is_dir():
            raise UsageError(f"--diff-base: no corpus folder {self.folder}")
        base = base_changes(self.folder, diff_base)
        change = self.config_change
        if change is not None:
            where = (change.line, 1, change.line, len(change.text) + 1, change.text)
            base.config = (Place(self.display(change.path), *where), change.what)
        return base

    def _plan(self, paths: list, base) -> _Plan:
        """What the run checks: the seeds named (or all, or those changed
        since the base), the shards, and which corpus findings it keeps."""
        urls = [p for p in paths if isinstance(p, str)]
        paths = [p for p in paths if not isinstance(p, str)]
        in_corpus = self.corpus_files()
        index_path = self.folder / NAME
        index_named = base is not None and base.index_changed
        if paths:
            named_index = [p for p in paths if p.name == NAME and p.is_file()]
            if any(p.samefile(index_path) for p in named_index if index_path.exists()):
                index_named = True
            paths = [p for p in paths if p not in named_index]
        if paths or urls or index_named and base is None:
            targets = seed_files(paths)
        elif self.folder.is_dir():
            targets = dict(in_corpus)
        else:
            raise UsageError(f"{self.folder}: no such file or folder")
        if base is not None and base.changed is not None:
            targets = {k: p for k, p in targets.items() if stem_of(p) in base.changed}
        keep, shown = self._keeper(
            not paths and (base is None or base.changed is None) and not index_named,
            targets,
            base,
            index_path if index_named else None,
        )
        order = list(in_corpus.items()) + [
            (k, p) for k, p in targets.items() if k not in in_corpus
        ]
        shards = [(k, p, False) for k, p in order if is_shard(p)]
        shards += [((url, 0), url, True) for url in urls]
        # Shards named outside the corpus folder are a corpus of their own; a
        # folder whose every seed is gone still has INDEX.md and a history.
        has_corpus = bool(
            in_corpus or shards or index_path.exists() or base is not None and base.gone
        )
        return _Plan(
            in_corpus,
            targets,
            [(k, p) for k, p in order if not is_shard(p)],
            shards,
            keep,
            shown,
            index_path,
            has_corpus,
        )

    def _check_seeds(
        self, plan: _Plan, engine, fix: bool, unsafe: bool, outcome: Outcome, records
    ) -> IndexFile | None:
        """Check the seeds a chunk at a time, the next one read while the
        engine checks this one, and INDEX.md while it checks the first;
        INDEX.md as read, for the corpus rules."""
        cache = self._cache() if self.use_cache and not fix else None
        checking = index = None
        for seeds in _chunks(plan.order, CHUNK):
            chunk = self._read_chunk(
                seeds, plan.targets, plan.in_corpus, cache, fix, unsafe
            )
            chunk.wait = engine.submit(chunk.jobs)
            if checking is None and self.linter.corpus_rules and plan.has_corpus:
                index = read_index(
                    plan.index_path, cache.parsed_index if cache else None
                )
            if checking is not None:
                self._record_chunk(checking, plan.targets, cache, outcome, records)
            checking = chunk
        if checking is not None:
            self._record_chunk(checking, plan.targets, cache, outcome, records)
        if cache is not None:
            cache.save()
        return index

    def _check_shards(self, plan: _Plan, engine, outcome: Outcome, records) -> None:
        for key, shard, is_url in plan.shards:
            display = shard if is_url else self.display(shard)
            found, shard_records = ShardCheck(
                shard,
                display,
                key in plan.targets or is_url,
                engine,
                self.linter,
                CHUNK,
            ).run()
            outcome.files += 1
            plan.counted.add(display)
            outcome.diagnostics += found
            records += shard_records

    def _check_corpus(
        self, records, base, index, plan: _Plan, fix: bool, outcome: Outcome
    ) -> None:
        """The corpus-wide rules' findings (INDEX.md rewritten first when
        one of them is fixed so), and the files they name counted."""
        corpus = self.corpus(records, base, index)
        found = self.corpus_findings(corpus, plan.keep)
        if fix and any(d.fix and d.code in self.rewrites_index for d in found):
            outcome.fixed.append((corpus.index_display, self.write_index(corpus)))
            corpus = self.corpus(records, base)
            found = self.corpus_findings(corpus, plan.keep)
        outcome.diagnostics += found
        # INDEX.md is one of the files checked when it was read, and when
        # a finding names it (one that says it is missing, say).
        named = {d.path for d in found}
        outcome.files += corpus.index is not None or corpus.index_display in named
        # A finding about a checked seed may stand at a seed the run did not
        # check (its copy, say): that file is counted too.
        if plan.shown is not None:
            counted = plan.counted | plan.shown | {corpus.index_display}
            outcome.files += len(named - counted)

    def _keeper(
        self, everything: bool, targets: dict, base, index_path: Path | None
    ) -> tuple[Callable[[CorpusFinding], bool], set[str] | None]:
        """Which corpus findings a run reports: all of them, or those about
        the seeds it checks (and those changed since the base), or INDEX.md
        when it was named; and the files it checks, when not all."""
        if everything:
            return (lambda f: True), None
        stems = {stem_of(p) for p in targets.values()}
        shown = {self.display(p) for p in targets.values()}
        if base is not None:
            stems |= {stem for stem, _ in base.gone}
            if base.config is not None:
                shown.add(base.config[0].path)
        if index_path is not None:
            shown.add(self.display(index_path))
        return (lambda f: f.place.path in shown or bool(f.seeds & stems)), shown

    def corpus_findings(
        self, corpus: Corpus, keep: Callable[[CorpusFinding], bool]
    ) -> list[Diagnostic]:
        found = []
        for r in self.linter.corpus_rules:
            try:
                findings = list(r.check(corpus, self.linter.context))
            # A rule's bug must not hide the other rules' findings.
            except Exception as error:  # noqa: BLE001
                findings = [
                    CorpusFinding(
                        corpus.index_place(0, 0),
                        f"internal error in rule {r.code}: {type(error).__name__}: {error}; please report it",
                    )
                ]
            for f in findings:
                if keep(f) and not (
                    f.seed and self.linter.accepted(r.code, f.seed, f.text)
                ):
                    found.append(self.linter.corpus_diagnostic(r, f))
        return found

    # Writing INDEX.md -------------------------------------------------------------

    def write_index(self, corpus: Corpus) -> Fix:
        if corpus.index is not None and not corpus.index.rewritable:
            raise UsageError(
                f"{corpus.index_display} cannot be read whole: it is not rewritten"
            )
        entries = [
            r.entry for r in corpus.records if r.number is not None and r.indexed
        ]
        text = rendered_index(entries, corpus.index)
        old = corpus.index.text if corpus.index is not None else None
        if text != old:
            write_atomic(corpus.index_path, text.encode("utf-8"))
        verb = "create" if old is None else "rewrite"
        return Fix(f"{verb} INDEX.md's table ({len(entries)} seeds)", ())

    def records(self) -> list[SeedRecord]:
        """The record of every corpus seed that can be read (the others are
        noted in `self.unread`)."""
        found = []
        for path in self.corpus_files().values():
            raw, unread = read_bounded(path, self.folder, self.config.max_seed_bytes)
            if unread is not None:
                self.unread.add(stem_of(path))
            else:
                found.append(self.record(Document(Path(path), raw, self.display(path))))
        return found
