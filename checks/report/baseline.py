"""A baseline: the findings a corpus had when it adopted `checks`, so that
only new ones fail.

Each finding is recorded by its fingerprint (the file, the rule, and the text
its span covers; see checks.report.reporters.fingerprint), not by its line, so that
edits elsewhere in a file do not invalidate it.  A finding recorded twice must
be found twice to be dropped twice.  Entries that match nothing any more are
reported, so that the file only shrinks.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from checks.options import UsageError
from checks.report.diagnostic import Diagnostic
from checks.report.reporters import fingerprint
from checks.run.fixes import write_atomic

VERSION = 1


def write_baseline(diagnostics: Sequence[Diagnostic], path: Path) -> int:
    entries = sorted(
        (
            {
                "path": d.path,
                "code": d.code,
                "fingerprint": fingerprint(d),
                "message": d.message,
            }
            for d in diagnostics
        ),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]),
    )
    text = json.dumps(
        {"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False
    )
    write_atomic(path, (text + "\n").encode("utf-8"))
    return len(entries)


def read_baseline(path: Path, recorded: bytes | None = None) -> list[dict]:
    """The entries of the baseline at `path`, or of `recorded`: the bytes a
    git revision has for it."""
    try:
        text = path.read_bytes() if recorded is None else recorded
        data = json.loads(text.decode("utf-8"))
    except OSError as error:
        raise UsageError(
            f"{path}: cannot read the baseline: {error.strerror}"
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise UsageError(
            f"{path}: not a baseline written by `checks baseline`: {error}"
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise UsageError(
            f"{path}: not a baseline written by `checks baseline` (version {VERSION})"
        )
    entries = [
        e
        for e in data["findings"]
        if isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
    ]
    if len(entries) != len(data["findings"]):
        raise UsageError(f"{path}: a baseline entry has no fingerprint")
    return entries


def apply_baseline(
    diagnostics: Sequence[Diagnostic],
    path: Path,
    explicit: bool = False,
    recorded: bytes | None = None,
) -> tuple[list[Diagnostic], list[dict]]:
    """The diagnostics the baseline does not record, and the entries that
    matched none.  A configured baseline that does not exist yet records
    nothing; one named on the command line must exist.  `recorded`, when
    given, is the baseline's content (a git revision's) instead of the file's."""
    if recorded is None and not path.exists() and not explicit:
        return list(diagnostics), []
    entries = read_baseline(path, recorded)
    remaining = Counter(e["fingerprint"] for e in entries)
    kept = []
    for d in diagnostics:
        key = fingerprint(d)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(d)
    stale = []
    for e in entries:
        if remaining[e["fingerprint"]] > 0:
            remaining[e["fingerprint"]] -= 1
            stale.append(e)
    return kept, stale
