"""Checking a JSON Lines shard: each line that is a record goes through the
rules as the seed it stands for, a batch at a time (the next batch is read
while the engine checks this one); its diagnostics are reported at the
shard's line, and a line that is no record, or where reading stopped, gets
the shard rules' findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from checks.report.diagnostic import Diagnostic, Place, Severity, source_window
from checks.run.check import Checked, Job
from checks.run.corpus import SeedRecord
from checks.run.linter import Linter
from checks.run.shards import Record, ShardError, records, virtual_name


def at_line(
    display: str, record: Record, code: str, name: str, severity: Severity, message: str
) -> Diagnostic:
    """A diagnostic at the start of a shard's line."""
    return Diagnostic(
        path=display,
        line=record.line,
        column=1,
        end_line=record.line,
        end_column=1,
        code=code,
        name=name,
        severity=severity,
        message=message,
        source=source_window(record.source, 1, 1)[0],
    )


class ShardCheck:
    """One shard through the rules: `run()` gives its diagnostics and the
    corpus records of its seeds.  `checked` says whether its own findings
    are reported (a shard in the corpus that was not named is only read for
    the corpus rules)."""

    def __init__(
        self, url: str, display: str, checked: bool, engine, linter: Linter, batch: int
    ):
        self.url = url
        self.display = display
        self.checked = checked
        self.engine = engine
        self.linter = linter
        self.batch = batch
        self.diagnostics: list[Diagnostic] = []
        self.records: list[SeedRecord] = []
        self._jobs: list[Job] = []
        self._lines: list[Record] = []
        self._checking: tuple[list[Record], Callable[[], list[Checked]]] | None = None

    def run(self) -> tuple[list[Diagnostic], list[SeedRecord]]:
        folder = Path(self.url).parent if "://" not in self.url else Path(".")
        try:
            for record in records(self.url):
                if record.raw is None:
                    if self.checked:
                        self.diagnostics += self._shard_findings(record)
                    continue
                virtual = str(folder / virtual_name(record))
                self._jobs.append(
                    Job(virtual, record.raw, virtual, None, self.checked, True)
                )
                self._lines.append(record)
                if len(self._jobs) >= self.batch:
                    self._flush()
        except (OSError, ValueError, ImportError) as error:
            if self._checking is not None:
                self._collect(*self._checking)
            # Where reading stopped: the line after the last one read whole.
            stopped = getattr(error, "line", 0) + 1
            message = (
                str(error)
                if isinstance(error, ShardError)
                else f"cannot read the shard: {error}"
            )
            stop = Record(self.url, stopped, "", None, message)
            self.diagnostics += self._shard_findings(stop)
            return self.diagnostics, self.records
        self._flush()
        assert self._checking is not None
        self._collect(*self._checking)
        return self.diagnostics, self.records

    def _flush(self) -> None:
        batch = (self._lines[:], self.engine.submit(self._jobs[:]))
        self._jobs.clear()
        self._lines.clear()
        if self._checking is not None:
            self._collect(*self._checking)
        self._checking = batch

    def _collect(self, lines: list[Record], wait: Callable[[], list[Checked]]) -> None:
        for record, result in zip(lines, wait()):
            for d in result.diagnostics or ():
                where = f"{d.line}:{d.column}"
                message = (
                    f"{d.message} (record {record.seed_id or '?'}, at {where} of the "
                    "seed it stands for)"
                )
                self.diagnostics.append(
                    at_line(self.display, record, d.code, d.name, d.severity, message)
                )
            seed = result.record
            if seed is not None:
                seed.display = self.display
                # The start of the line, for an excerpt: a record's line is
                # its whole text, and the records stay to the end.
                seed.id_place = Place(
                    self.display,
                    record.line,
                    1,
                    record.line,
                    1,
                    source_window(record.source, 1, 1)[0],
                )
                seed.shard = (self.url, record.line)
                seed.indexed = False
                self.records.append(seed)
            if result.pending:
                self.linter.accepts.restore(
                    seed.stem if seed else "", result.pending, self.checked
                )

    def _shard_findings(self, record: Record) -> list[Diagnostic]:
        """The shard rules' findings on a line of a shard, at that line."""
        severities = self.linter.severities
        return [
            at_line(
                self.display,
                record,
                r.code,
                r.name,
                severities.get(r.code, r.severity),
                message,
            )
            for r, message in self.linter.shard_findings(record)
        ]
