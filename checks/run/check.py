"""Checking one seed: a named job in, a named result out.  This is what every
engine runs, here or in another process or on a cluster."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checks.config import Config
from checks.report.diagnostic import Diagnostic, Fix, as_reported
from checks.rules.registry import Rule, all_rules
from checks.run.context import Context
from checks.run.corpus import SeedRecord
from checks.run.linter import Linter
from checks.seed.document import Document
from checks.seed.files import Changes
from checks.seed.index import row_digest


@dataclass(frozen=True, slots=True)
class Job:
    """One seed to check: its bytes as read (or why it was not read), where
    it is shown, whether its own rules run (a target), whether the corpus
    rules see it, and whether its fixes are made (safe ones, or all)."""

    path: str
    raw: bytes
    display: str
    unread: str | None
    is_target: bool
    in_corpus: bool
    fix: bool = False
    unsafe: bool = False


@dataclass(slots=True)
class Checked:
    """What checking one seed gave: its diagnostics (None when it was only
    read for the corpus rules), its corpus record (None when it has none),
    its accept entries for corpus rules, and the fixes applied."""

    diagnostics: list[Diagnostic] | None
    record: SeedRecord | None
    pending: tuple  # its entries waiting for the corpus rules: Accepts.snapshot
    fixed: list[tuple[str, Fix]] = field(default_factory=list)

    @property
    def cached(self) -> tuple:
        """What the cache keeps of it (a plain tuple loads fastest)."""
        return self.diagnostics, self.record, self.pending

    @classmethod
    def from_cache(cls, value: tuple) -> Checked:
        return cls(*value)


# Seeds whose rules run together (`SeedChecker.check_all`): enough for a
# rule's tables to stay warm, few enough that their analyses take little room.
BATCH = 64


class SeedChecker:
    """The rules of a run, ready to check seeds, a batch at a time."""

    def __init__(
        self,
        config: Config,
        rules: list[Rule],
        context: Context | None = None,
    ):
        self.config = config
        self.linter = Linter(rules, config.severity, context)
        # What the corpus rules read in each seed's record beyond the usual.
        self.reads = frozenset().union(*(r.reads for r in self.linter.corpus_rules))
        # Codes whose findings on a seed depend on more than its bytes.
        self.uncacheable = frozenset(r.code for r in rules if not r.cacheable)
        # Where fixed seeds are written (here: fixes are made in this process).
        self.changes: Changes | None = None

    @classmethod
    def of_codes(cls, config: Config, codes: list[str], today) -> SeedChecker:
        """The checker for these rule codes: what a process that checks for
        another one builds (rules travel as codes, not as functions)."""
        return cls(config, [all_rules()[c] for c in codes], Context(today=today))

    @property
    def codes(self) -> list[str]:
        linter = self.linter
        unused = [linter.unused_rule] if linter.unused_rule else []
        return sorted(r.code for r in linter.rules + unused + linter.corpus_rules)

    def check(self, job: Job) -> Checked:
        """One seed's diagnostics (after its fixes, if the job asks) and record.
        A seed that was not read has no record: the corpus rules know only
        that it is there."""
        return self.check_all([job])[0]

    def check_all(self, jobs: list[Job]) -> list[Checked]:
        """`check` for each job, the rules run a batch of seeds at a time
        (`Linter.findings_of`); everything else one seed after another, in
        order."""
        done = []
        for i in range(0, len(jobs), BATCH):
            batch = jobs[i : i + BATCH]
            docs = [Document(Path(j.path), j.raw, j.display, j.unread) for j in batch]
            checking = [k for k, j in enumerate(batch) if j.is_target and not j.fix]
            found = self.linter.findings_of([docs[k] for k in checking])
            findings = dict(zip(checking, found))
            done += [
                self._checked(job, doc, findings.get(k))
                for k, (job, doc) in enumerate(zip(batch, docs))
            ]
        return done

    def _checked(self, job: Job, doc: Document, findings: list | None) -> Checked:
        """A job's result, from its rules' findings when they were found in
        its batch (those of a seed to fix are found as it is fixed)."""
        diagnostics = None
        fixed: list[tuple[str, Fix]] = []
        if job.is_target:
            if job.fix:
                result = self.linter.fix(doc, job.unsafe, self.changes)
                doc = result.document
                diagnostics = result.diagnostics
                fixed = [(doc.display, f) for f in result.fixed]
            else:
                diagnostics = self.linter.check(doc, findings)
            as_reported(diagnostics)
        record = None
        if job.in_corpus and self.linter.corpus_rules and job.unread is None:
            record = self.record(doc)
            if not job.is_target and b"accept" in doc.raw:
                self.linter.note_accepts(doc)
        return Checked(
            diagnostics, record, self.linter.accepts.snapshot(doc.stem), fixed
        )

    def record(self, doc: Document) -> SeedRecord:
        """What the corpus rules know of a seed: its summary for
        near-duplicates and its INDEX.md row's digest only when a rule that
        reads them runs."""
        record = SeedRecord.of(doc)
        if "row-digest" in self.reads:
            record.row_digest = row_digest(record.entry)
        if "signature" in self.reads:
            from checks.detect.similarity import signature

            record.signature = signature(doc.body, self.config.near_duplicate)
        return record


@dataclass
class Outcome:
    """What a run gave: its diagnostics, the fixes it made (by file) and how
    many files it checked."""

    diagnostics: list[Diagnostic]
    fixed: list[tuple[str, Fix]] = field(default_factory=list)
    files: int = 0
