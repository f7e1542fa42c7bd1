"""Suppression, in one place: what a seed's `accept` entries and a corpus's
baseline drop, and the entries of either that dropped nothing, reported as
ruff reports an unused `noqa`.  Rules know nothing of it: the linter hands
each finding here before it becomes a diagnostic.

An `accept` entry drops the findings of its rule in its seed, all of them or
those whose text (spaces folded) is its `text`.  An entry for a corpus-wide
rule is settled only once the corpus rules ran, so it waits here, with what
to report if nothing used it.

A baseline records the findings a corpus had when it adopted `checks`, so
that only new ones fail.  Each finding is recorded by its fingerprint (the
file, the rule, and the text its span covers; see
checks.report.reporters.fingerprint), not by its line, so that edits
elsewhere in a file do not invalidate it.  A finding recorded twice must be
found twice to be dropped twice.  Entries that match nothing any more are
reported, so that the file only shrinks.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.options import UsageError
from checks.report.diagnostic import Diagnostic, Finding
from checks.report.reporters import fingerprint
from checks.seed.document import Document
from checks.seed.files import write_atomic

_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def accept_list(doc: Document) -> list[dict]:
    """The header's `accept` entries, each in its place; one that is not a
    mapping with a string `code` is {"code": ""}, which matches nothing."""
    data = doc.data
    entries = data.get("accept") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [
        e if isinstance(e, dict) and isinstance(e.get("code"), str) else {"code": ""}
        for e in entries
    ]


@dataclass(frozen=True, slots=True)
class Accept:
    """An `accept` entry: its place in the list, its rule, its text (spaces
    folded), or None for every finding of the rule in the seed."""

    index: int
    code: str
    text: str | None

    def drops(self, code: str, text: str) -> bool:
        """Whether it drops a finding of rule `code` whose text, spaces
        folded, is `text`."""
        return self.code == code and self.text in (None, text)


@dataclass(slots=True)
class Waiting:
    """An entry for a corpus-wide rule, waiting for the corpus rules; `unused`
    is what to report if none of their findings is dropped by it."""

    entry: Accept
    unused: Diagnostic | None


class Accepts:
    """The `accept` entries of a run's seeds.  No seed can accept a rule of
    `protected` (HDR017 reports such an entry); entries for the corpus-wide
    rules of `deferred` wait until those rules ran."""

    def __init__(self, protected: Iterable[str], deferred: Iterable[str]):
        self.protected = frozenset(protected)
        self.deferred = frozenset(deferred)
        self.waiting: dict[str, list[Waiting]] = {}

    def entries(self, doc: Document) -> list[Accept]:
        return [
            Accept(
                index,
                "" if e["code"] in self.protected else e["code"],
                _normal(e["text"]) if isinstance(e.get("text"), str) else None,
            )
            for index, e in enumerate(accept_list(doc))
        ]

    def for_corpus(self, entries: list[Accept]) -> list[Accept]:
        """The entries that wait for the corpus rules."""
        return [e for e in entries if e.code in self.deferred]

    def drop(
        self, doc: Document, entries: list[Accept], findings: list[tuple[Any, Finding]]
    ) -> tuple[list[tuple[Any, Finding]], set[int]]:
        """The findings (each with its rule: anything with a `code`) that no
        entry drops, and the entries (by index) that dropped one."""
        if not entries:
            return findings, set()
        used: set[int] = set()
        kept = []
        for r, f in findings:
            text = _normal(doc.text[f.start : f.end])
            matched = {e.index for e in entries if e.drops(r.code, text)}
            if matched:
                used |= matched
            else:
                kept.append((r, f))
        return kept, used

    def dropped(
        self, doc: Document, entries: list[Accept], findings: list[tuple[Any, Finding]]
    ) -> list[tuple[Any, Finding, int]]:
        """The findings `drop` drops, each with the index of the first entry
        that drops it (a report shows them apart, with that entry's reason)."""
        found = []
        for r, f in findings:
            text = _normal(doc.text[f.start : f.end])
            first = next((e.index for e in entries if e.drops(r.code, text)), None)
            if first is not None:
                found.append((r, f, first))
        return found

    def wait(self, stem: str, waiting: list[Waiting]) -> None:
        """Entries of a seed that wait for the corpus rules (replacing any it had)."""
        if waiting:
            self.waiting[stem] = waiting
        else:
            self.waiting.pop(stem, None)

    def snapshot(self, stem: str) -> tuple:
        """A seed's waiting entries, for the cache and for a worker's answer."""
        return tuple((w.entry, w.unused) for w in self.waiting.get(stem, ()))

    def restore(self, stem: str, snapshot: tuple, checked: bool) -> None:
        """Waiting entries from a snapshot; `checked` says whether their seed is
        being checked (else an unused one is not reported)."""
        self.wait(
            stem,
            [Waiting(entry, unused if checked else None) for entry, unused in snapshot],
        )

    def accepted(self, code: str, seed: str | None, text: str) -> bool:
        """Whether a corpus finding on `seed` is dropped by one of its waiting
        entries (each that drops it is then used)."""
        found = False
        for w in self.waiting.get(seed or "", ()):
            if w.entry.drops(code, _normal(text)):
                w.unused = None
                found = True
        return found

    def unused(self) -> list[Diagnostic]:
        """What the waiting entries that dropped nothing report."""
        return [
            w.unused for entries in self.waiting.values() for w in entries if w.unused
        ]


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
