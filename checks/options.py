"""What a command is asked to do, as the command line says it: one frozen value
per command, built once by checks.cli and taken as it is by the commands and
the run; and the one error for a request that cannot be met."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, ClassVar


class UsageError(Exception):
    """A usage or configuration error: reported in one line, exit status 2."""


@dataclass(frozen=True)
class Options:
    """The options of one command.  `of` takes the parsed arguments' values by
    name (lists become tuples), and a subclass checks in `__post_init__` what
    its options cannot mean together."""

    command: ClassVar[str]

    @classmethod
    def of(cls, values: dict[str, Any]) -> Options:
        return cls(
            **{
                f.name: tuple(v) if isinstance(v := values[f.name], list) else v
                for f in fields(cls)
                if f.name in values
            }
        )


@dataclass(frozen=True)
class Running:
    """Where and how the per-seed rules run."""

    jobs: int = 1  # processes (1: this one)
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address
    use_cache: bool = False

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise UsageError(f"--jobs must be 1 or more, not {self.jobs}")
        if self.engine == "dask" and not self.scheduler:
            raise UsageError("--engine dask needs --scheduler ADDRESS")

    @classmethod
    def of_flags(
        cls, jobs: int | None, engine: str, scheduler: str | None, no_cache: bool
    ) -> Running:
        """As the flags say it: no --jobs is every core."""
        every_core = os.cpu_count() or 1
        return cls(
            every_core if jobs is None else jobs, engine, scheduler, not no_cache
        )


# `--diff-base @push`: what the remote of a push already has.
PUSHED = "@push"


def pushed_base(env: dict[str, str]) -> str | None:
    """The revision a pre-push hook compares with: the last commit the remote
    already has of what is pushed (pre-commit's PRE_COMMIT_FROM_REF); None,
    every seed checked, when the remote has none of its history (a first
    push), so that nothing there can have been changed unseen."""
    if "PRE_COMMIT_REMOTE_NAME" not in env:
        raise UsageError(
            f"--diff-base {PUSHED} is for the pre-push hook that pre-commit runs"
        )
    return env.get("PRE_COMMIT_FROM_REF") or None


@dataclass(frozen=True)
class CheckOptions(Options):
    command: ClassVar[str] = "check"
    paths: tuple[Path | str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    format: str = "text"
    output: Path | None = None
    statistics: bool = False
    baseline: Path | None = None
    running: Running = Running()
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    quiet: bool = False
    config: Path | None = None
    diff_base: str | None = None

    @classmethod
    def of(cls, values: dict[str, Any]) -> Options:
        running = Running.of_flags(
            values["jobs"], values["engine"], values["scheduler"], values["no_cache"]
        )
        diff_base = values.get("diff_base")
        if diff_base == PUSHED:
            diff_base = pushed_base(os.environ)
        return super().of(dict(values, running=running, diff_base=diff_base))

    def __post_init__(self) -> None:
        if self.unsafe_fixes and not self.fix:
            raise UsageError("--unsafe-fixes goes with --fix")
        if self.diff and not self.fix:
            raise UsageError("--diff goes with --fix: it shows what --fix would write")
        if self.statistics and self.format not in ("text", "json"):
            raise UsageError(
                f"--statistics prints counts per rule as text or json, not as {self.format}"
            )


@dataclass(frozen=True)
class BaselineOptions(Options):
    command: ClassVar[str] = "baseline"
    paths: tuple[Path, ...] = ()
    output: Path | None = None
    config: Path | None = None


@dataclass(frozen=True)
class CommandOptions(Options):
    """What every command that writes or lists takes."""

    config: Path | None = None
    format: str = "text"


@dataclass(frozen=True)
class WritingOptions(CommandOptions):
    """What every command that writes takes: with `diff`, it writes nothing
    and prints the unified diff of what it would write."""

    diff: bool = False


@dataclass(frozen=True)
class IndexOptions(WritingOptions):
    command: ClassVar[str] = "index"
    check: bool = False


@dataclass(frozen=True)
class NewOptions(WritingOptions):
    command: ClassVar[str] = "new"
    text: str = "-"
    date: str = ""
    title: str | None = None
    language: str | None = None
    source_name: str | None = None
    url: str | None = None
    retrieved: str | None = None
    cite: tuple[str, ...] = ()
    pseudonym: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmendOptions(WritingOptions):
    command: ClassVar[str] = "amend"
    seed: str = ""
    reason: str = ""


@dataclass(frozen=True)
class RetractOptions(AmendOptions):
    command: ClassVar[str] = "retract"


@dataclass(frozen=True)
class RenumberOptions(WritingOptions):
    command: ClassVar[str] = "renumber"
    seed: str = ""
    base: str | None = None


@dataclass(frozen=True)
class InitOptions(Options):
    command: ClassVar[str] = "init"
    folder: str = "."
    repo: str | None = None
    rev: str | None = None
    base: str = "main"
    force: bool = False


@dataclass(frozen=True)
class MergeIndexOptions(Options):
    command: ClassVar[str] = "merge-index"
    base: str = ""
    ours: str = ""
    theirs: str = ""
    path: str | None = None


@dataclass(frozen=True)
class ListingOptions(CommandOptions):
    """What the commands that list what the detectors read take."""

    paths: tuple[Path, ...] = ()


@dataclass(frozen=True)
class PseudonymsOptions(ListingOptions):
    command: ClassVar[str] = "pseudonyms"


@dataclass(frozen=True)
class QuotesOptions(ListingOptions):
    command: ClassVar[str] = "quotes"


@dataclass(frozen=True)
class ShowOptions(CommandOptions):
    command: ClassVar[str] = "show"
    seed: str = ""


@dataclass(frozen=True)
class StatsOptions(CommandOptions):
    command: ClassVar[str] = "stats"


@dataclass(frozen=True)
class ReportOptions(CommandOptions):
    command: ClassVar[str] = "report"
    paths: tuple[Path, ...] = ()
    output: Path = Path("report.html")


@dataclass(frozen=True)
class RulesOptions(Options):
    command: ClassVar[str] = "rules"
    format: str = "text"


@dataclass(frozen=True)
class ExplainOptions(Options):
    command: ClassVar[str] = "explain"
    code: str = ""


@dataclass(frozen=True)
class CompletionOptions(Options):
    command: ClassVar[str] = "completion"
    shell: str = "bash"


@dataclass(frozen=True)
class SchemaOptions(Options):
    command: ClassVar[str] = "schema"
