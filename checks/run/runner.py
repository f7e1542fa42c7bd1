"""One run of `checks` over a corpus: per-seed rules on the seeds asked for,
then corpus-wide rules over every seed's record and INDEX.md, then fixes.

Seeds are read one at a time; only their records stay in memory.  Per-seed
rules run on the seeds named (all of them by default, only those changed since
REF with `--diff-base REF`); corpus rules always see the whole corpus but keep
only the findings that concern the seeds asked for, or INDEX.md.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path

from checks.config import Config, ConfigChange
from checks.options import Running, UsageError
from checks.report.diagnostic import (
    ORDER,
    Place,
)
from checks.rules.registry import Rule
from checks.run.cache import FOLDER as CACHE_FOLDER
from checks.run.check import Outcome, SeedChecker
from checks.run.context import Context
from checks.run.corpus import (
    Corpus,
    Display,
    SeedRecord,
    seed_files,
    stem_of,
    write_index,
)
from checks.run.engines import engine_for
from checks.run.plan import Plan, make_plan
from checks.run.reading import CHUNK, SeedReader
from checks.run.shardcheck import ShardCheck
from checks.seed.document import Document
from checks.seed.files import Changes, read_bounded
from checks.seed.index import NAME, IndexFile, parse_index, read_index


class Run:
    def __init__(
        self,
        config: Config,
        rules: Iterable[Rule],
        context: Context | None = None,
        running: Running | None = None,
        config_change: ConfigChange | None = None,
        progress: Callable[[int, int], None] | None = None,
    ):
        """A run of `rules` as `config` says, the per-seed ones run as
        `running` says; with --diff-base, `config_change` is what the working
        tree changed of the configuration that judges the run
        (checks.config.base_configuration)."""
        self.config = config
        self.progress = progress  # told (seeds done, seeds in all) as they are
        self.running = running or Running()
        self.config_change = config_change
        self.folder = config.corpus_path
        self.checker = SeedChecker(config, list(rules), context)
        self.linter = self.checker.linter
        # The codes whose fix is INDEX.md written afresh.
        self.rewrites_index = frozenset(
            r.code for r in self.linter.corpus_rules if r.rewrites_index
        )
        self.display = Display()
        self.unread: set[str] = set()  # stems of corpus seeds that were not read

    def cache(self):
        """The per-seed cache for this run's rules and settings."""
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

    def written_index(self, changes: Changes | None) -> IndexFile | None:
        """INDEX.md as `changes` planned to write it (with --diff), to read
        back instead of the file; None when the file is what to read."""
        path = self.folder / NAME
        if changes is None or not changes.dry or not changes.exists(path):
            return None
        return parse_index(path, changes.read(path))

    # Checking -----------------------------------------------------------------

    def check(
        self,
        paths: list[Path],
        fix: bool = False,
        unsafe: bool = False,
        diff_base: str | None = None,
        changes: Changes | None = None,
    ) -> Outcome:
        """The run's outcome; fixed files are written through `changes` (a
        dry plan, with --diff), or at once."""
        # The records of a large corpus are millions of objects kept to the
        # end of the run, which the garbage collector's full passes would scan
        # again and again as they pile up (a third of a warm run over 100,000
        # seeds).  Checking leaves almost no reference cycles (about a thousand
        # objects for 10,000 seeds), so the collector waits for the run's end.
        # The worker processes collect as usual.
        collecting = gc.isenabled()
        gc.disable()
        self.checker.changes = changes
        try:
            return self._check(paths, fix, unsafe, diff_base)
        finally:
            if collecting:
                gc.enable()

    def _check(
        self, paths: list[Path], fix: bool, unsafe: bool, diff_base: str | None
    ) -> Outcome:
        base = self._base(diff_base)
        plan = make_plan(self.folder, self.display, self.corpus_files(), paths, base)
        outcome = Outcome([])
        records: list[SeedRecord] = []
        use_cache = self.running.use_cache
        engine = engine_for(
            self.checker,
            self.running,
            fix=fix,
            # A cache is kept: a warm run, most likely.
            warm=use_cache and (self.config.root / CACHE_FOLDER).is_dir(),
            seeds=len(plan.order),
        )
        try:
            cache = self.cache() if use_cache and not fix else None
            reader = SeedReader(
                self.checker, self.display, plan, engine, cache, self.progress
            )
            index = reader.check(outcome, records, fix, unsafe)
            self.unread |= reader.unread
            self._check_shards(plan, engine, outcome, records)
        finally:
            engine.close()
        # Only the records are needed from here: the file lists (a path per
        # seed) go before the corpus-wide stage, where memory peaks.
        plan.in_corpus = plan.targets = {}
        plan.order = plan.shards = []
        if self.linter.corpus_rules and plan.has_corpus:
            self._check_corpus(records, base, index, plan, fix, outcome)
        outcome.diagnostics += self.linter.accepts.unused()
        outcome.diagnostics.sort(key=ORDER)
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

    def _check_shards(self, plan: Plan, engine, outcome: Outcome, records) -> None:
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
        self, records, base, index, plan: Plan, fix: bool, outcome: Outcome
    ) -> None:
        """The corpus-wide rules' findings (INDEX.md rewritten first when
        one of them is fixed so), and the files they name counted."""
        corpus = self.corpus(records, base, index)
        found = self.linter.corpus_findings(corpus, plan.keep)
        if fix and any(d.fix and d.code in self.rewrites_index for d in found):
            changes = self.checker.changes
            outcome.fixed.append((corpus.index_display, write_index(corpus, changes)))
            corpus = self.corpus(records, base, self.written_index(changes))
            found = self.linter.corpus_findings(corpus, plan.keep)
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

    # Writing INDEX.md -------------------------------------------------------------

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
