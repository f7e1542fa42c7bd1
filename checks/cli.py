"""The command line: `checks [PATH ...]`, `checks rules`, `checks explain CODE`,
`checks schema`.  Argument parsing lives here and nowhere else."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from checks import __version__, options
from checks.options import UsageError

SUBCOMMANDS = (
    "check",
    "init",
    "baseline",
    "index",
    "new",
    "amend",
    "retract",
    "renumber",
    "merge-index",
    "pseudonyms",
    "quotes",
    "show",
    "stats",
    "report",
    "rules",
    "explain",
    "schema",
    "completion",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UsageError(message)


class _TopParser(_Parser):
    """`checks --help`: the subcommands, then the options of the default one,
    which is what `checks` alone runs."""

    default: argparse.ArgumentParser | None = None

    def format_help(self) -> str:
        text = super().format_help()
        if self.default is None:
            return text
        # Its help without its usage line, which names `checks check`.
        options = self.default.format_help().split("\n\n", 1)[1]
        options = options.replace("positional arguments:", "checks [PATH ...]:", 1)
        options = options.replace("\noptions:", "\nand its options:", 1)
        return f"{text}\n{options}"


def _path_or_url(value: str):
    """A local path, or a URL (a shard behind fsspec) kept as written."""
    return value if "://" in value else Path(value)


def _text(value: str) -> str:
    """A value that goes into a seed, INDEX.md or a git command: text. Bytes
    that are not UTF-8 reach Python as lone surrogates, which no file written
    as UTF-8 can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        byte = ord(value[error.start]) & 0xFF
        raise argparse.ArgumentTypeError(
            f"not UTF-8: byte 0x{byte:02x} at character {error.start + 1}"
        ) from None
    return value


def _output_file(value: str) -> Path:
    """A file to write a report to: not a folder, in a folder that is there."""
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} is a folder: name a file")
    if not path.absolute().parent.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: there is no folder {path.parent}")
    return path


def _codes(value: str) -> list[str]:
    return [part.strip() for part in _text(value).split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _TopParser(
        prog="checks",
        description="Lint a corpus of seed documents: headers, encoding, provenance.",
        epilog="With no subcommand, `checks [PATH ...]` is `checks check [PATH ...]`, "
        "whose arguments and options follow.",
    )
    parser.add_argument("--version", action="version", version=f"checks {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    parser.default = _check_parser(sub)
    _init_parser(sub)
    _baseline_parser(sub)
    _index_parser(sub)
    _new_parser(sub)
    _record_parsers(sub)
    _listing_parsers(sub)
    _renumber_parser(sub)
    _review_parsers(sub)
    _merge_parser(sub)
    _rule_parsers(sub)
    return parser


def _check_parser(sub) -> argparse.ArgumentParser:
    check = sub.add_parser("check", help="check seeds (the default)")
    check.set_defaults(handler=_check, options=options.CheckOptions)
    _selection(check)
    _reporting(check)
    _running(check)
    check.add_argument(
        "--fix", action="store_true", help="apply safe fixes (never to a seed's body)"
    )
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix, apply unsafe fixes too"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="with --fix, print the unified diff of what it would change and "
        "write nothing (exit 1 when something would change)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="print diagnostics only"
    )
    check.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="pyproject.toml to read [tool.checks] from",
    )
    check.add_argument(
        "--diff-base",
        type=_text,
        metavar="REF",
        help="check only seeds changed since the git revision REF (corpus-wide "
        "rules still see every seed) and report seeds changed, deleted or "
        "renamed since REF (@push: what the remote of a push has, in the "
        "pre-push hook)",
    )
    check.add_argument("--version", action="version", version=f"checks {__version__}")
    return check


def _selection(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths",
        nargs="*",
        type=_path_or_url,
        metavar="PATH",
        help="files or folders (default: the configured corpus)",
    )
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to run (default: ALL)",
    )
    check.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to skip",
    )


def _reporting(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif", "junit"),
        default="text",
        help="how to print the diagnostics (github: workflow annotations)",
    )
    check.add_argument(
        "--output",
        "-o",
        type=_output_file,
        metavar="FILE",
        help="write the report to FILE; the terminal gets a one-line summary",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how many diagnostics each rule gave, instead of each one",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="drop the findings FILE records (default: [tool.checks] baseline)",
    )


def _running(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes to read seeds with (default: all cores; 1 for none)",
    )
    check.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where to run the per-seed rules: here, or on a Dask cluster",
    )
    check.add_argument(
        "--scheduler",
        type=_text,
        metavar="ADDRESS",
        help="with --engine dask: the scheduler, as tcp://host:8786",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="read every seed afresh, and keep no cache (.checks_cache/)",
    )


def _baseline_parser(sub) -> None:
    baseline = sub.add_parser(
        "baseline",
        help="record the current findings, so that only new ones fail",
    )
    baseline.set_defaults(handler=_baseline, options=options.BaselineOptions)
    baseline.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    baseline.add_argument(
        "--output",
        "-o",
        type=_output_file,
        metavar="FILE",
        help="where to write it (default: [tool.checks] baseline, else "
        "checks-baseline.json beside the configuration)",
    )
    baseline.add_argument(
        "--config", type=Path, metavar="FILE", help="pyproject.toml to read"
    )


def _index_parser(sub) -> None:
    index = sub.add_parser("index", help="write INDEX.md's table from the seeds")
    index.add_argument(
        "--check", action="store_true", help="only report what would change"
    )
    _common(index, "index", options.IndexOptions)


def _new_parser(sub) -> None:
    new = sub.add_parser("new", help="add a text to the corpus as a new seed")
    new.add_argument("text", metavar="PATH_OR_-", help="the text (- reads stdin)")
    new.add_argument(
        "--date", required=True, type=_text, help="publication date, YYYY-MM-DD"
    )
    new.add_argument("--title", type=_text)
    new.add_argument("--language", type=_text)
    new.add_argument("--source-name", type=_text, metavar="NAME")
    new.add_argument("--url", type=_text)
    new.add_argument("--retrieved", type=_text, metavar="DATE", help="default: today")
    for flag, name in (("--cite", "NAME"), ("--pseudonym", "NAME")):
        new.add_argument(
            flag,
            action="append",
            default=[],
            type=_text,
            metavar=name,
            help="repeatable",
        )
    _common(new, "new", options.NewOptions)


def _record_parsers(sub) -> None:
    """The commands that record a decision about one seed, with a reason."""
    for name, kind, summary in (
        ("amend", options.AmendOptions, "record a deliberate change to a seed's text"),
        (
            "retract",
            options.RetractOptions,
            "withdraw a seed, leaving a tombstone row in INDEX.md",
        ),
    ):
        record = sub.add_parser(name, help=summary)
        record.add_argument("seed", metavar="SEED", help="a seed id or file")
        record.add_argument("--reason", required=True, type=_text)
        _common(record, name, kind)


def _listing_parsers(sub) -> None:
    """The commands that list what the detectors read in each seed."""
    for name, kind, summary in (
        (
            "pseudonyms",
            options.PseudonymsOptions,
            "list the names each seed flags as not real, and their mentions",
        ),
        (
            "quotes",
            options.QuotesOptions,
            "list each direct quote of each seed with the speaker and cue it is tied to",
        ),
    ):
        listing = sub.add_parser(name, help=summary)
        listing.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        _common(listing, name, kind)


def _init_parser(sub) -> None:
    init = sub.add_parser(
        "init",
        help="make a folder (or git repository) a checked corpus",
        description="Write what a corpus repository needs, each file only when "
        "it is not there: [tool.checks], seeds/INDEX.md, the pre-commit hooks, a "
        "CI workflow, .gitattributes; and set the merge driver for INDEX.md.",
    )
    init.add_argument("folder", metavar="FOLDER", nargs="?", default=".", type=_text)
    init.add_argument(
        "--repo",
        type=_text,
        metavar="URL",
        help="the git repository the hooks and CI install checks from "
        "(default: the one this checks was installed from)",
    )
    init.add_argument(
        "--rev",
        type=_text,
        metavar="REVISION",
        help="its tag or commit (default: the commit this checks was installed at)",
    )
    init.add_argument(
        "--base",
        type=_text,
        default="main",
        metavar="BRANCH",
        help="the corpus's base branch (default: main)",
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="replace the hooks and workflow files when they differ",
    )
    init.set_defaults(handler=_command("init"), options=options.InitOptions)


def _merge_parser(sub) -> None:
    merge = sub.add_parser(
        "merge-index",
        help="the git merge driver for INDEX.md (set up by `checks init`)",
        description="Merge INDEX.md as git does, writing a conflicted table anew "
        "from the rows of both sides.  Git runs it as "
        "`checks merge-index %%O %%A %%B %%P`.",
    )
    merge.add_argument("base", metavar="BASE", help="the common version (%%O)")
    merge.add_argument("ours", metavar="OURS", help="ours, merged into (%%A)")
    merge.add_argument("theirs", metavar="THEIRS", help="theirs (%%B)")
    merge.add_argument(
        "path", metavar="PATH", nargs="?", help="the file's path, for labels (%%P)"
    )
    merge.set_defaults(
        handler=_command("merge_index"), options=options.MergeIndexOptions
    )


def _review_parsers(sub) -> None:
    """The commands that describe a seed, or the corpus, to a reviewer."""
    show = sub.add_parser(
        "show",
        help="a seed's header, hash state, revisions, pseudonyms, sources, findings",
    )
    show.add_argument("seed", metavar="SEED", type=_text, help="a seed id or file")
    _common(show, "show", options.ShowOptions)
    stats = sub.add_parser(
        "stats",
        help="the corpus in figures; fails when [tool.checks.stats] limits are crossed",
    )
    _common(stats, "stats", options.StatsOptions)
    report = sub.add_parser(
        "report",
        help="the corpus and its findings as one self-contained HTML page",
    )
    report.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    report.add_argument(
        "--output",
        "-o",
        default=Path("report.html"),
        type=_output_file,
        metavar="FILE",
        help="the page to write (default: report.html)",
    )
    _common(report, "report", options.ReportOptions)


def _renumber_parser(sub) -> None:
    renumber = sub.add_parser(
        "renumber",
        help="move a seed not yet on the base branch to the next free number "
        "(with no SEED, each whose number another seed holds)",
    )
    renumber.add_argument(
        "seed", metavar="SEED", nargs="?", default="", help="a seed id or file"
    )
    renumber.add_argument(
        "--base",
        type=_text,
        metavar="REF",
        help="the base branch (default: [tool.checks] base)",
    )
    _common(renumber, "renumber", options.RenumberOptions)


def _rule_parsers(sub) -> None:
    """The commands that print what checks knows of its rules and schema."""
    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=_rules, options=options.RulesOptions)

    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument(
        "code", type=_text, help="a rule code (HDR002) or name (legacy-header)"
    )
    explain.set_defaults(handler=_explain, options=options.ExplainOptions)

    completion = sub.add_parser(
        "completion",
        help="print the shell completion script (bash, zsh)",
        description="Print the completion script for SHELL: "
        "`source <(checks completion bash)` in ~/.bashrc, or zsh in ~/.zshrc.",
    )
    completion.add_argument("shell", metavar="SHELL", choices=("bash", "zsh"))
    completion.set_defaults(handler=_completion, options=options.CompletionOptions)

    schema = sub.add_parser("schema", help="print the seed header JSON Schema")
    schema.set_defaults(handler=_schema, options=options.SchemaOptions)


def _common(parser: argparse.ArgumentParser, name: str, kind) -> None:
    """The options every command that writes or lists takes, and its handler:
    checks.commands' function of that name."""
    if issubclass(kind, options.WritingOptions):
        parser.add_argument(
            "--diff",
            action="store_true",
            help="write nothing: print the unified diff of what would be written",
        )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="pyproject.toml to read [tool.checks] from",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_command(name), options=kind)


def _command(name: str):
    def handler(chosen: options.CommandOptions) -> int:
        from checks import commands

        return getattr(commands, name)(chosen)

    return handler


def _configured(chosen, config=None):
    """The configuration, with --select and --ignore (when the command has
    them) in place of its own."""
    from checks.config import check_selectors, load_config

    config = config or load_config(chosen.config)
    select = getattr(chosen, "select", None)
    ignore = getattr(chosen, "ignore", None)
    for flag, value in (("select", select), ("ignore", ignore)):
        if value is not None:
            check_selectors(list(value), f"--{flag}")
    return config.overridden(select=select, ignore=ignore)


def _outcome(
    paths,
    config,
    running: options.Running,
    fix: bool = False,
    unsafe: bool = False,
    diff_base: str | None = None,
    config_change=None,
    changes=None,
):
    from checks.report.progress import Progress
    from checks.rules.registry import all_rules, select
    from checks.run.runner import Run
    from checks.seed.files import corpus_lock

    rules = select(all_rules().values(), config.select, config.ignore)
    progress = Progress.for_terminal(sys.stderr)
    run = Run(
        config, rules, running=running, config_change=config_change, progress=progress
    )
    try:
        if not fix:
            return run.check(list(paths), diff_base=diff_base)
        with corpus_lock(config.corpus_path):
            return run.check(list(paths), True, unsafe, diff_base, changes)
    finally:
        if progress is not None:
            progress.close()


def _judging(chosen: options.CheckOptions):
    """The configuration a run is judged by, whether it is a base revision's,
    that revision's baseline (None: it has none) and what the working tree
    changed of them.  With --diff-base, the gate a pull request is judged by
    is the base revision's; a configuration named with --config is used as
    given."""
    from checks.config import base_configuration, load_config

    config = load_config(chosen.config)
    if chosen.diff_base is None or chosen.config is not None or config.source is None:
        return config, False, None, None
    base, recorded, change = base_configuration(config, chosen.diff_base)
    return base, True, recorded, change


def _check(chosen: options.CheckOptions) -> int:
    from checks.report.reporters import Summary, summary_line
    from checks.report.suppression import apply_baseline
    from checks.seed.files import Changes

    config, judged, recorded, change = _judging(chosen)
    config = _configured(chosen, config)
    changes = Changes(dry=chosen.diff)
    outcome = _outcome(
        chosen.paths,
        config,
        chosen.running,
        chosen.fix,
        chosen.unsafe_fixes,
        chosen.diff_base,
        change,
        changes,
    )
    if chosen.diff:
        return _diff(changes)
    diagnostics = outcome.diagnostics
    baseline_path = chosen.baseline or config.baseline_path
    if judged and not chosen.baseline and recorded is None:
        baseline_path = None
    stale: list = []
    if baseline_path is not None:
        diagnostics, stale = apply_baseline(
            diagnostics,
            baseline_path,
            explicit=bool(chosen.baseline),
            recorded=None if chosen.baseline else recorded,
        )
    summary = Summary.of(outcome.files, diagnostics, len(outcome.fixed))
    summary.baseline_stale = len(stale) if baseline_path is not None else None
    if chosen.output is not None:
        with open(chosen.output, "w", encoding="utf-8", newline="\n") as stream:
            _report(chosen, stream, diagnostics, outcome.fixed, summary)
        print(f"{summary_line(summary)} Report written to {chosen.output}.")
    else:
        _report(chosen, sys.stdout, diagnostics, outcome.fixed, summary)
    if stale:
        _stale(stale, baseline_path)
    return 1 if summary.errors else 0


def _diff(changes) -> int:
    """What --fix would write, as a unified diff; exit 1 when it would
    change a file."""
    from checks.run.corpus import Display

    sys.stdout.write(changes.diff(Display()))
    count = len(changes.planned)
    if count:
        print(f"{count} file{'s' if count != 1 else ''} would change.", file=sys.stderr)
    else:
        print("No file would change.", file=sys.stderr)
    return 1 if count else 0


def _report(chosen: options.CheckOptions, stream, diagnostics, fixed, summary) -> None:
    """The report in the format asked for: each diagnostic, or with
    --statistics their counts per rule."""
    from checks.report.reporters import (
        REPORTERS,
        json_text,
        statistics,
        statistics_text,
        summary_line,
    )

    if not chosen.statistics:
        REPORTERS[chosen.format](stream, chosen.quiet).report(
            diagnostics, fixed, summary
        )
    elif chosen.format == "json":
        counts = {"rules": statistics(diagnostics), "summary": summary.as_dict()}
        stream.write(json_text(counts, indent=2) + "\n")
    else:
        stream.write(statistics_text(statistics(diagnostics)))
        stream.write(summary_line(summary) + "\n")


def _stale(stale: list[dict], baseline_path: Path) -> None:
    print(
        f"checks: {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} "
        f"no longer match: run `checks baseline` to shrink {baseline_path}",
        file=sys.stderr,
    )
    for entry in stale[:20]:
        print(f"  {entry['path']}: {entry['code']} {entry['message']}", file=sys.stderr)


def _baseline(chosen: options.BaselineOptions) -> int:
    from checks.report.suppression import write_baseline

    config = _configured(chosen)
    every_core = options.Running.of_flags(None, "local", None, no_cache=True)
    outcome = _outcome(chosen.paths, config, every_core)
    path = chosen.output or config.baseline_path or config.root / "checks-baseline.json"
    count = write_baseline(outcome.diagnostics, path)
    shown = os.path.relpath(path)
    print(f"Recorded {count} finding{'s' if count != 1 else ''} in {shown}.")
    if config.baseline_path is None or config.baseline_path.resolve() != path.resolve():
        # Until the configuration names it, a plain `checks` does not read it.
        where = os.path.relpath(path, config.root)
        print(
            f"`checks` uses it once [tool.checks] says baseline = {json.dumps(where)} "
            f"(or with --baseline {shown})."
        )
    return 0


def _rules(chosen: options.RulesOptions) -> int:
    from checks.report.reporters import rules_table
    from checks.rules.registry import all_rules

    rules = sorted(all_rules().values(), key=lambda r: r.code)
    if chosen.format == "json":
        listing = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fixable": r.fixable,
                "summary": r.summary,
            }
            for r in rules
        ]
        print(json.dumps(listing, indent=2))
    else:
        sys.stdout.write(rules_table(rules))
    return 0


def _explain(chosen: options.ExplainOptions) -> int:
    from checks.rules.registry import all_rules

    wanted = chosen.code.strip()
    found = [
        r for r in all_rules().values() if wanted in (r.code, r.code.lower(), r.name)
    ]
    if not found:
        raise UsageError(f"no rule {wanted!r}; `checks rules` lists them")
    r = found[0]
    fix = ", fixable" if r.fixable else ""
    print(f"{r.code} {r.name} ({r.severity.value}{fix})\n\n{r.doc}")
    return 0


def _completion(chosen: options.CompletionOptions) -> int:
    from checks.completion import script
    from checks.rules.registry import all_rules

    codes = sorted(all_rules())
    sys.stdout.write(script(chosen.shell, build_parser(), codes, __version__))
    return 0


def _schema(chosen: options.SchemaOptions) -> int:
    from checks.seed.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (
        argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")
    ):
        argv.insert(0, "check")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
        if not hasattr(args, "handler"):
            raise UsageError("a subcommand is needed; see `checks --help`")
        return args.handler(args.options.of(vars(args)))
    except UsageError as error:
        print(f"checks: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`checks | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        print(
            f"checks: error: {error.filename or ''}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 2


def run() -> None:
    raise SystemExit(main())
