"""`checks show SEED`: one seed as a reviewer asks about it."""

from __future__ import annotations

import hashlib
import sys
from typing import Any

from checks.commands.common import (
    find_seed,
    header_of,
    read_by_detectors,
    refused_in_one_line,
    run_for,
    seed_document,
)
from checks.options import ShowOptions
from checks.report.reporters import json_text, printable
from checks.rules.claims import analysed, declared_cites
from checks.rules.pseudonyms import declared, detected
from checks.seed.document import Document
from checks.seed.index import NAME, read_index


@refused_in_one_line
def show(args: ShowOptions) -> int:
    """A seed's header, the state of its hash, its revisions, the names it
    flags and declares, the sources it cites and declares, and its findings
    (the corpus-wide rules' among them)."""
    run = run_for(args)
    path = find_seed(run, args.seed)
    doc = seed_document(run, path)
    header = header_of(doc)
    index = read_index(run.folder / NAME)
    rows = index.rows_by_id().get(doc.stem, []) if index is not None else []
    row = next((r for r in rows if not r.tombstone), None)
    findings = [d for d in run.check([path]).diagnostics if d.path == doc.display]
    shown = {
        "path": doc.display,
        "header": header,
        "hash": _hash_state(doc, header, row.recorded_hash if row else None),
        "revisions": _revisions(header),
        "pseudonyms": {"declared": declared(doc), "flagged": _flagged(doc)},
        "sources": {"declared": declared_cites(doc), "cited": _cited(doc)},
        "findings": [d.as_dict() for d in findings],
    }
    if args.format == "json":
        print(json_text(shown, indent=2))
    else:
        sys.stdout.write(_show_text(shown, findings))
    return 0


def _revisions(header: dict) -> list:
    revisions = header.get("revisions")
    return list(revisions) if isinstance(revisions, list) else []


def _hash_state(doc: Document, header: dict, row_hash: str | None) -> dict:
    body = hashlib.sha256(doc.body).hexdigest()
    recorded = header.get("sha256")
    recorded = recorded if isinstance(recorded, str) else None
    return {
        "body": body,
        "header": recorded,
        "index": row_hash,
        "agrees": recorded == body
        and row_hash is not None
        and body.startswith(row_hash),
    }


def _flagged(doc: Document) -> list[str]:
    return list(detected(doc)[0].names) if read_by_detectors(doc) else []


def _cited(doc: Document) -> list[str]:
    return analysed(doc)[0].source_names if read_by_detectors(doc) else []


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
    elif body.startswith(index):
        said.append("as INDEX.md's row records")
    else:
        said.append(f"INDEX.md's row records {index}")
    return ", ".join(said)
