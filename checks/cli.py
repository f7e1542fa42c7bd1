"""The command line: `checks [PATH ...]`, `checks rules`, `checks explain CODE`,
`checks schema`.  Argument parsing lives here and nowhere else."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from checks import __version__

SUBCOMMANDS = ("check", "rules", "explain", "schema")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UsageError(message)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="checks",
        description="Lint a corpus of seed documents: headers, encoding, provenance.",
        epilog="With no subcommand, `checks [PATH ...]` is `checks check [PATH ...]`.",
    )
    parser.add_argument("--version", action="version", version=f"checks {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="check seeds (the default)")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
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
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--fix", action="store_true", help="apply safe fixes (never to a seed's body)"
    )
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix, apply unsafe fixes too"
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
    check.add_argument("--version", action="version", version=f"checks {__version__}")
    check.set_defaults(handler=_check)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=_rules)

    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", help="a rule code (HDR002) or name (legacy-header)")
    explain.set_defaults(handler=_explain)

    schema = sub.add_parser("schema", help="print the seed header JSON Schema")
    schema.set_defaults(handler=_schema)
    return parser


def _check(args: argparse.Namespace) -> int:
    from checks.config import check_selectors, load_config
    from checks.corpus import documents
    from checks.linter import Linter
    from checks.registry import all_rules, select
    from checks.reporters import REPORTERS, Summary

    config = load_config(args.config)
    for flag in ("select", "ignore"):
        if getattr(args, flag) is not None:
            check_selectors(getattr(args, flag), f"--{flag}")
    config = config.overridden(
        select=tuple(args.select) if args.select is not None else None,
        ignore=tuple(args.ignore) if args.ignore is not None else None,
    )
    if args.unsafe_fixes and not args.fix:
        raise UsageError("--unsafe-fixes goes with --fix")
    linter = Linter(
        select(all_rules().values(), config.select, config.ignore), config.severity
    )
    reporter = REPORTERS[args.format](sys.stdout, args.quiet)
    summary = Summary()
    for doc in documents(args.paths or [config.corpus_path]):
        if args.fix:
            result = linter.fix(doc, unsafe=args.unsafe_fixes)
            summary.add(result.diagnostics, len(result.fixed))
            reporter.file(result.document, result.diagnostics, result.fixed)
        else:
            diagnostics = linter.check(doc)
            summary.add(diagnostics)
            reporter.file(doc, diagnostics)
    reporter.finish(summary)
    return 1 if summary.errors else 0


def _rules(args: argparse.Namespace) -> int:
    from checks.registry import all_rules
    from checks.reporters import rules_table

    rules = sorted(all_rules().values(), key=lambda r: r.code)
    if args.format == "json":
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


def _explain(args: argparse.Namespace) -> int:
    from checks.registry import all_rules

    wanted = args.code.strip()
    found = [
        r for r in all_rules().values() if wanted in (r.code, r.code.lower(), r.name)
    ]
    if not found:
        raise UsageError(f"no rule {wanted!r}; `checks rules` lists them")
    r = found[0]
    fix = ", fixable" if r.fixable else ""
    print(f"{r.code} {r.name} ({r.severity.value}{fix})\n\n{r.doc}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from checks.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from checks.config import ConfigError

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
        return args.handler(args)
    except (UsageError, ConfigError) as error:
        print(f"checks: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"checks: error: {error.filename or ''}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 2


def run() -> None:
    raise SystemExit(main())
