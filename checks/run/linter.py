"""Runs the selected rules over documents, attaches code, name and severity,
drops what the header's `accept` entries accept, and applies fixes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from checks.report.diagnostic import Diagnostic, Finding, Fix, Severity, source_window
from checks.rules.header import accept_entries
from checks.rules.registry import Rule
from checks.run.context import Context
from checks.run.fixes import apply_fixes, write_atomic
from checks.seed.document import Document, HeaderForm
from checks.seed.edit import lost

MAX_FIX_PASSES = 10
# A file that repeats one fault thousands of times gets this many findings of
# it and a count of the rest: its report stays readable and its memory small.
MAX_FINDINGS = 200
_SPACES = re.compile(r"\s+")


def _runs_on(r: Rule, doc: Document) -> bool:
    """A file that was not read gets only the rules made for it; one that is
    not UTF-8, the rules that need no text."""
    if doc.unread is not None:
        return r.on_unread
    return doc.utf8 or not r.needs_text


def _trial(
    doc: Document, fixes: list[Fix]
) -> tuple[Document | None, list[Fix], str | None]:
    """`doc` with as many of `fixes` as apply together (edits on the header
    only, none overlapping), the fixes applied, and what the result lost
    (the body, a field, a comment), if anything."""
    limit = (
        doc.body_start
        if doc.form in (HeaderForm.FRONT_MATTER, HeaderForm.LEGACY)
        else 0
    )
    text, chosen = apply_fixes(doc.text, fixes, limit)
    if not chosen:
        return None, [], None
    candidate = Document(doc.path, text.encode("utf-8"), doc.display)
    if candidate.body != doc.body:
        return None, chosen, "the body would change"
    return candidate, chosen, lost(doc, candidate)


def _unfixed(d: Diagnostic, why: str) -> Diagnostic:
    """A finding whose fix --fix left out, saying why; no longer fixable."""
    return replace(d, fix=None, message=f"{d.message} (not fixed: {why})")


@dataclass
class Result:
    """What checking (and perhaps fixing) one document gave."""

    document: Document
    diagnostics: list[Diagnostic]
    fixed: list[Fix] = field(default_factory=list)


@dataclass
class PendingAccept:
    """An `accept` entry for a corpus-wide rule: whether it is used is known only
    once the corpus rules ran; `unused` is what to report if it was not."""

    seed: str
    code: str
    text: str | None
    unused: Diagnostic | None


class Linter:
    def __init__(
        self,
        rules: Iterable[Rule],
        severities: dict[str, Severity] | None = None,
        context: Context | None = None,
    ):
        rules = list(rules)
        self.rules = [r for r in rules if r.stage == "document"]
        self.accept_rules = [r for r in rules if r.stage == "accept"]
        self.corpus_rules = [r for r in rules if r.stage == "corpus"]
        self.shard_rules = [r for r in rules if r.stage == "shard"]
        self.selected = frozenset(r.code for r in rules)
        self.deferred = frozenset(r.code for r in self.corpus_rules)
        self.severities = severities or {}
        self.context = context or Context()
        self.pending: dict[str, list[PendingAccept]] = {}

    def check(self, doc: Document) -> list[Diagnostic]:
        """The document's diagnostics.  Accept entries for corpus rules are
        kept in `self.pending` to be settled after the corpus rules ran."""
        findings = self._findings(doc)
        findings, used = self._apply_accept(doc, findings)
        entries = accept_entries(doc)
        deferred = {i for i, e in enumerate(entries) if e["code"] in self.deferred}
        for r in self.accept_rules:
            findings += [
                (r, f)
                for f in self._run(
                    r, doc, used=frozenset(used | deferred), selected=self.selected
                )
            ]
        pending = [self._pending(doc, entries, i) for i in sorted(deferred)]
        if pending:
            self.pending[doc.stem] = pending
        else:
            self.pending.pop(doc.stem, None)
        return sorted(self._diagnostic(doc, r, f) for r, f in findings)

    def pending_of(self, stem: str) -> tuple:
        """A snapshot of a seed's pending accept entries, for the cache."""
        return tuple(
            (p.seed, p.code, p.text, p.unused) for p in self.pending.get(stem, ())
        )

    def restore_pending(self, stem: str, snapshot: tuple, checked: bool) -> None:
        """Pending accept entries from the cache; `checked` says whether their
        seed is being checked (else an unused one is not reported)."""
        self.pending[stem] = [
            PendingAccept(seed, code, text, unused if checked else None)
            for seed, code, text, unused in snapshot
        ]

    def note_accepts(self, doc: Document) -> None:
        """Register the accept entries of a seed that is not being checked, so
        that they still drop corpus findings about it (unused ones are not
        reported: the seed is not being checked)."""
        pending = [
            PendingAccept(
                doc.stem,
                e["code"],
                _normal(e["text"]) if isinstance(e.get("text"), str) else None,
                None,
            )
            for e in accept_entries(doc)
            if e["code"] in self.deferred
        ]
        if pending:
            self.pending[doc.stem] = pending

    def _pending(self, doc: Document, entries: list, index: int) -> PendingAccept:
        unused = None
        others = frozenset(set(range(len(entries))) - {index})
        for r in self.accept_rules:
            for f in self._run(r, doc, used=others, selected=self.selected):
                unused = self._diagnostic(doc, r, f)
        text = entries[index].get("text")
        return PendingAccept(
            doc.stem,
            entries[index]["code"],
            _normal(text) if isinstance(text, str) else None,
            unused,
        )

    def fix(self, doc: Document, unsafe: bool = False, write: bool = True) -> Result:
        """Apply fixes until none is left (or MAX_FIX_PASSES), never changing the
        body or losing what the header says, and write the file atomically if
        it changed. A fix that would is left out, and its finding says why."""
        original = doc
        applied: list[Fix] = []
        refused: dict[Fix, str] = {}
        diagnostics = self.check(doc)
        for _ in range(MAX_FIX_PASSES):
            fixes = [
                d.fix
                for d in diagnostics
                if d.fix and (d.fix.safe or unsafe) and d.fix not in refused
            ]
            if not fixes or not doc.utf8:
                break
            candidate, chosen, why = _trial(doc, fixes)
            if why is not None and len(chosen) > 1:
                # Which one: each alone, and those that pass go on.
                for fix in chosen:
                    alone = _trial(doc, [fix])[2]
                    if alone is not None:
                        refused[fix] = alone
                continue
            if why is not None:
                refused.update(dict.fromkeys(chosen, why))
                continue
            if candidate is None:
                break
            doc, diagnostics = candidate, self.check(candidate)
            applied += chosen
        if refused:
            diagnostics = [
                _unfixed(d, refused[d.fix]) if d.fix in refused else d
                for d in diagnostics
            ]
        if write and doc.raw != original.raw:
            write_atomic(doc.path, doc.raw)
        return Result(doc, diagnostics, applied)

    def _findings(self, doc: Document) -> list[tuple[Rule, Finding]]:
        return [
            (r, f) for r in self.rules if _runs_on(r, doc) for f in self._run(r, doc)
        ]

    def _run(self, r: Rule, doc: Document, **extra) -> list[Finding]:
        try:
            found = iter(r.check(doc, self.context, **extra))
            kept = list(itertools.islice(found, MAX_FINDINGS))
            more = sum(1 for _ in found) if len(kept) == MAX_FINDINGS else 0
            if more:
                kept.append(
                    Finding(
                        kept[-1].start,
                        kept[-1].end,
                        f"and {more} more like this in the file, not listed "
                        f"(a rule lists at most {MAX_FINDINGS} per file)",
                    )
                )
            return kept
        # A rule's bug must not hide the file's other findings.
        except Exception as error:  # noqa: BLE001
            return [
                Finding(
                    0,
                    0,
                    f"internal error in rule {r.code}: {type(error).__name__}: {error}; please report it",
                )
            ]

    def _apply_accept(self, doc: Document, findings: list[tuple[Rule, Finding]]):
        entries = accept_entries(doc)
        if not entries:
            return findings, set()
        used = set()
        kept = []
        for r, f in findings:
            text = _normal(doc.text[f.start : f.end])
            matched = [
                i
                for i, e in enumerate(entries)
                if e["code"] == r.code
                and (not isinstance(e.get("text"), str) or _normal(e["text"]) == text)
            ]
            if matched:
                used.update(matched)
            else:
                kept.append((r, f))
        return kept, used

    def _diagnostic(self, doc: Document, r: Rule, f: Finding) -> Diagnostic:
        line, column = doc.position(f.start)
        end_line, end_column = doc.position(f.end)
        source, cut = source_window(
            doc.line_text(line), column, end_column if end_line == line else column
        )
        return Diagnostic(
            path=doc.display,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=r.code,
            name=r.name,
            severity=self.severities.get(r.code, r.severity),
            message=f.message,
            fix=f.fix,
            source=source,
            source_start=cut,
        )

    def corpus_diagnostic(self, r: Rule, f) -> Diagnostic:
        p = f.place
        return Diagnostic(
            path=p.path,
            line=p.line,
            column=p.column,
            end_line=p.end_line,
            end_column=p.end_column,
            code=r.code,
            name=r.name,
            severity=self.severities.get(r.code, r.severity),
            message=f.message,
            fix=f.fix,
            source=p.source,
        )

    def accepted(self, code: str, seed: str | None, text: str) -> bool:
        """Whether a corpus finding on `seed` is dropped by one of its accept
        entries (which is then used)."""
        found = False
        for entry in self.pending.get(seed or "", ()):
            if entry.code == code and entry.text in (None, _normal(text)):
                entry.unused = None
                found = True
        return found

    def unused_accepts(self) -> list[Diagnostic]:
        return [
            p.unused for entries in self.pending.values() for p in entries if p.unused
        ]


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
