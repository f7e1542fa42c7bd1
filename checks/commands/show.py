"""`checks show SEED` and `checks stats`: one seed, or the whole corpus, as
a reviewer asks about it."""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from typing import Any

from checks.commands.common import (
    find_seed,
    refused_in_one_line,
    run_for,
    seed_document,
)
from checks.options import ShowOptions, StatsOptions
from checks.report.reporters import json_text, printable
from checks.seed.document import Document, HeaderForm
from checks.seed.index import NAME, read_index


@refused_in_one_line
def show(args: ShowOptions) -> int:
    """A seed's header, the state of its hash, its revisions, the names it
    flags and declares, the sources it cites and declares, and its findings
    (the corpus-wide rules' among them)."""
    run = run_for(args)
    path = find_seed(run, args.seed)
    doc = seed_document(run, path)
    header = _header(doc)
    index = read_index(run.folder / NAME)
    rows = index.rows_by_id().get(doc.stem, []) if index is not None else []
    row = next((r for r in rows if not r.tombstone), None)
    findings = [d for d in run.check([path]).diagnostics if d.path == doc.display]
    shown = {
        "path": doc.display,
        "header": header,
        "hash": _hash_state(doc, header, row.recorded_hash if row else None),
        "revisions": _listed(header.get("revisions")),
        "pseudonyms": {
            "declared": _names(header.get("pseudonyms")),
            "flagged": _flagged(doc),
        },
        "sources": {
            "declared": _names(header.get("cites")),
            "cited": _cited(doc),
        },
        "findings": [d.as_dict() for d in findings],
    }
    if args.format == "json":
        print(json_text(shown, indent=2))
    else:
        sys.stdout.write(_show_text(shown, findings))
    return 0


def _header(doc: Document) -> dict[str, Any]:
    if doc.form is HeaderForm.FRONT_MATTER and isinstance(doc.data, dict):
        return dict(doc.data)
    if doc.form is HeaderForm.LEGACY:
        return {"date": doc.legacy_date}
    return {}


def _names(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _listed(value: Any) -> list:
    return list(value) if isinstance(value, list) else []


def _hash_state(doc: Document, header: dict, row_hash: str | None) -> dict:
    body = hashlib.sha256(doc.body).hexdigest()
    recorded = header.get("sha256")
    recorded = recorded if isinstance(recorded, str) else None
    return {
        "body": body,
        "header": recorded,
        "index": row_hash,
        "agrees": recorded == body and row_hash == body[: len(row_hash or "x")],
    }


def _reads_english(doc: Document) -> bool:
    from checks.rules.header import reads_english

    return doc.unread is None and doc.utf8 and reads_english(doc)


def _flagged(doc: Document) -> list[str]:
    from checks.rules.pseudonyms import detected

    return list(detected(doc)[0].names) if _reads_english(doc) else []


def _cited(doc: Document) -> list[str]:
    from checks.rules.claims import analysed

    return analysed(doc)[0].source_names if _reads_english(doc) else []


def _show_text(shown: dict, findings: list) -> str:
    lines = [shown["path"], "header:"]
    for key, value in shown["header"].items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            lines.append(f"  {key}: {printable(', '.join(value))}")
        elif isinstance(value, list):  # revisions, accept: an entry a line
            lines.append(f"  {key}:")
            lines += [f"    - {_fields(item)}" for item in value]
        else:
            lines.append(f"  {key}: {_fields(value)}")
    lines.append(f"hash: {_hash_words(shown['hash'])}")
    revisions = shown["revisions"]
    lines.append(f"revisions: {len(revisions) or 'none'}")
    for r in revisions:
        if isinstance(r, dict):
            lines.append(
                f"  {r.get('date')}: replaces {str(r.get('replaces'))[:12]} "
                f"({printable(str(r.get('reason')))})"
            )
    for what, parts in (
        ("pseudonyms", ("declared", "flagged")),
        ("sources", ("declared", "cited")),
    ):
        said = [
            f"{part} {', '.join(map(printable, shown[what][part])) or 'none'}"
            for part in parts
        ]
        lines.append(f"{what}: {'; '.join(said)}")
    lines.append(f"findings: {len(findings) or 'none'}")
    lines += [
        f"  {d.line}:{d.column}: {d.code} {printable(d.message)}" for d in findings
    ]
    return "\n".join(lines) + "\n"


def _fields(value: Any) -> str:
    """A header value on one line: a mapping's fields as `key: value`."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_fields(v)}" for k, v in value.items())
    return printable(str(value))


def _hash_words(state: dict) -> str:
    body, header, index = state["body"], state["header"], state["index"]
    said = [f"the body's sha256 is {body[:12]}"]
    if header is None:
        said.append("the header records none")
    elif header == body:
        said.append("as the header records")
    else:
        said.append(f"the header records {header[:12]}")
    if index is None:
        said.append("INDEX.md has no row for it")
    elif index == body[: len(index)]:
        said.append("as INDEX.md's row records")
    else:
        said.append(f"INDEX.md's row records {index}")
    return ", ".join(said)


@refused_in_one_line
def stats(args: StatsOptions) -> int:
    """The corpus in figures, and the limits of [tool.checks.stats] checked
    against them: exit 1 when one is crossed."""
    from checks.config import load_config
    from checks.run.corpus import documents

    config = load_config(args.config)
    run = run_for(args)
    years: Counter = Counter()
    languages: Counter = Counter()
    outlets: Counter = Counter()
    accepted: Counter = Counter()
    seeds = amended = pseudonymised = 0
    for doc in documents(
        [config.corpus_path], config.corpus_path, config.max_seed_bytes
    ):
        seeds += 1
        header = _header(doc)
        date = header.get("date")
        years[
            date[:4] if isinstance(date, str) and date[:4].isdigit() else "unknown"
        ] += 1
        language = header.get("language", "en")
        languages[language if isinstance(language, str) else "unknown"] += 1
        source = header.get("source")
        name = source.get("name") if isinstance(source, dict) else None
        outlets[name if isinstance(name, str) and name else "unknown"] += 1
        amended += bool(_listed(header.get("revisions")))
        pseudonymised += bool(_names(header.get("pseudonyms")))
        codes = {
            e.get("code") for e in _listed(header.get("accept")) if isinstance(e, dict)
        }
        accepted.update(c for c in codes if isinstance(c, str))
    index = read_index(config.corpus_path / NAME)
    retracted = sum(r.tombstone for r in index.rows) if index is not None else 0
    findings = Counter(d.code for d in run.check([]).diagnostics)
    figures = {
        "seeds": seeds,
        "retracted": retracted,
        "amended": amended,
        "pseudonymised": pseudonymised,
        "pseudonymised_share": round(pseudonymised / seeds, 4) if seeds else 0.0,
        "by_year": dict(sorted(years.items())),
        "by_language": dict(languages.most_common()),
        "by_outlet": dict(outlets.most_common()),
        "accepted": dict(sorted(accepted.items())),
        "findings": dict(sorted(findings.items())),
    }
    crossed = [
        f"{code} is accepted in {accepted[code] / seeds:.1%} of seeds "
        f"({accepted[code]} of {seeds}), over the {limit:.1%} "
        "[tool.checks.stats] max-accepted allows"
        for code, limit in sorted(config.max_accepted.items())
        if seeds and accepted[code] / seeds > limit
    ]
    if args.format == "json":
        print(json_text({**figures, "limits_crossed": crossed}, indent=2))
    else:
        sys.stdout.write(_stats_text(figures))
        for line in crossed:
            print(f"checks stats: {line}", file=sys.stderr)
    return 1 if crossed else 0


def _stats_text(figures: dict) -> str:
    seeds = figures["seeds"]
    lines = [
        f"seeds: {seeds}",
        f"retracted: {figures['retracted']}",
        f"amended: {figures['amended']}",
        f"with pseudonyms: {figures['pseudonymised']} "
        f"({figures['pseudonymised_share']:.1%})",
    ]
    for title, key in (
        ("by year", "by_year"),
        ("by language", "by_language"),
        ("by outlet", "by_outlet"),
        ("accepted, seeds per rule", "accepted"),
        ("findings per rule", "findings"),
    ):
        lines.append(f"{title}:")
        lines += [f"  {printable(str(k))}: {v}" for k, v in figures[key].items()]
        if not figures[key]:
            lines.append("  none")
    return "\n".join(lines) + "\n"
