"""Runs the selected rules over documents, hands their findings to
suppression (checks.report.suppression), attaches code, name and severity,
and applies fixes."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from checks.report.diagnostic import (
    ORDER,
    CorpusFinding,
    Diagnostic,
    Finding,
    Fix,
    Severity,
    source_window,
)
from checks.report.suppression import Accept, Accepts, Waiting
from checks.rules.registry import Rule, protected_codes
from checks.run.context import Context
from checks.run.corpus import Corpus
from checks.run.fixes import apply_fixes
from checks.seed.document import Document, HeaderForm
from checks.seed.edit import lost
from checks.seed.files import Changes

MAX_FIX_PASSES = 10
# A file that repeats one fault thousands of times gets this many findings of
# it and a count of the rest: its report stays readable and its memory small.
MAX_FINDINGS = 200


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


class Linter:
    def __init__(
        self,
        rules: Iterable[Rule],
        severities: dict[str, Severity] | None = None,
        context: Context | None = None,
    ):
        rules = list(rules)
        self.rules = [r for r in rules if r.stage == "document"]
        self.unused_rule = next((r for r in rules if r.stage == "suppression"), None)
        self.corpus_rules = [r for r in rules if r.stage == "corpus"]
        self.shard_rules = [r for r in rules if r.stage == "shard"]
        self.selected = frozenset(r.code for r in rules)
        self.severities = severities or {}
        self.context = context or Context()
        self.accepts = Accepts(protected_codes(), (r.code for r in self.corpus_rules))
        # The codes whose unused entries are reported as each seed is checked
        # (those of the corpus rules wait for the corpus).
        self._settled = self.selected - self.accepts.deferred

    def check(
        self, doc: Document, findings: list[tuple[Rule, Finding]] | None = None
    ) -> list[Diagnostic]:
        """The document's diagnostics (from its rules' `findings`, when they
        were found already).  Its accept entries for corpus rules wait in
        `self.accepts` until the corpus rules ran."""
        if findings is None:
            findings = self._findings(doc)
        entries = self.accepts.entries(doc)
        findings, used = self.accepts.drop(doc, entries, findings)
        unused = [e for e in entries if e.index not in used and e.code in self._settled]
        diagnostics = [self._diagnostic(doc, r, f) for r, f in findings]
        diagnostics += self._unused(doc, unused)
        waiting = [
            Waiting(e, (self._unused(doc, [e]) or [None])[0])
            for e in self.accepts.for_corpus(entries)
        ]
        self.accepts.wait(doc.stem, waiting)
        return sorted(diagnostics, key=ORDER)

    def accepted(self, doc: Document) -> list[tuple[Diagnostic, int]]:
        """The findings of the document's own rules that its accept entries
        drop, each with the index of the entry (in the header's `accept`)."""
        entries = self.accepts.entries(doc)
        if not entries:
            return []
        dropped = self.accepts.dropped(doc, entries, self._findings(doc))
        return [(self._diagnostic(doc, r, f), index) for r, f, index in dropped]

    def _unused(self, doc: Document, entries: list[Accept]) -> list[Diagnostic]:
        """HDR015's diagnostics for the `entries` that dropped nothing, when
        it is selected."""
        r = self.unused_rule
        if r is None or not entries:
            return []
        return [self._diagnostic(doc, r, f) for f in self._run(r, doc, unused=entries)]

    def note_accepts(self, doc: Document) -> None:
        """Register the accept entries of a seed that is not being checked, so
        that they still drop corpus findings about it (unused ones are not
        reported: the seed is not being checked)."""
        entries = self.accepts.for_corpus(self.accepts.entries(doc))
        self.accepts.wait(doc.stem, [Waiting(e, None) for e in entries])

    def fix(
        self, doc: Document, unsafe: bool = False, changes: Changes | None = None
    ) -> Result:
        """Apply fixes until none is left (or MAX_FIX_PASSES), never changing the
        body or losing what the header says, and write the file if it changed
        (through `changes`, or atomically at once). A fix that would is left
        out, and its finding says why."""
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
        if doc.raw != original.raw:
            (changes or Changes()).write(doc.path, doc.raw)
        return Result(doc, diagnostics, applied)

    def _findings(self, doc: Document) -> list[tuple[Rule, Finding]]:
        return self.findings_of([doc])[0]

    def findings_of(self, docs: list[Document]) -> list[list[tuple[Rule, Finding]]]:
        """Each document's findings, each with its rule, in the rules' order.
        Each rule runs over all the documents in turn: its code, and the tables
        of the detector it reads, stay in the processor's caches from one
        document to the next (13% less time a seed than one seed after
        another, on 2,560 messy seeds in batches of 64)."""
        found: list[list[tuple[Rule, Finding]]] = [[] for _ in docs]
        for r in self.rules:
            for doc, into in zip(docs, found):
                if _runs_on(r, doc):
                    findings = self._run(r, doc)
                    if findings:
                        into += [(r, f) for f in findings]
        return found

    def _run(self, r: Rule, doc: Document, **extra) -> list[Finding]:
        found, more, crash = _guarded(r, doc, self.context, MAX_FINDINGS, **extra)
        if crash is not None:
            return [Finding(0, 0, crash)]
        if more:
            found.append(
                Finding(
                    found[-1].start,
                    found[-1].end,
                    f"and {more} more like this in the file, not listed "
                    f"(a rule lists at most {MAX_FINDINGS} per file)",
                )
            )
        return found

    def corpus_findings(
        self, corpus: Corpus, keep: Callable[[CorpusFinding], bool]
    ) -> list[Diagnostic]:
        """The corpus rules' diagnostics that `keep` keeps and no accept
        entry of their seed drops."""
        found = []
        for r in self.corpus_rules:
            findings, _, crash = _guarded(r, corpus, self.context)
            if crash is not None:
                findings = [CorpusFinding(corpus.index_place(0, 0), crash)]
            for f in findings:
                if keep(f) and not (
                    f.seed and self.accepts.accepted(r.code, f.seed, f.text)
                ):
                    found.append(self.corpus_diagnostic(r, f))
        return found

    def shard_findings(self, record) -> list[tuple[Rule, str]]:
        """The shard rules' messages on a line of a shard (a
        checks.run.shards.Record), each with its rule."""
        found: list[tuple[Rule, str]] = []
        for r in self.shard_rules:
            findings, _, crash = _guarded(r, record, self.context)
            if crash is not None:
                found.append((r, crash))
            else:
                found += [(r, f.message) for f in findings]
        return found

    def _diagnostic(self, doc: Document, r: Rule, f: Finding) -> Diagnostic:
        line, column, end_line, end_column, lo, hi = doc.place(f.start, f.end)
        source, cut = source_window(
            doc.text, column, end_column if end_line == line else column, lo, hi
        )
        return Diagnostic(
            doc.display,
            line,
            column,
            end_line,
            end_column,
            r.code,
            r.name,
            self.severities.get(r.code, r.severity),
            f.message,
            f.fix,
            source,
            cut,
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


def _guarded(
    r: Rule, subject, context: Context, limit: int | None = None, **extra
) -> tuple[list, int, str | None]:
    """A rule's findings on `subject` (at most `limit`), how many more it had,
    and what to report instead if it raised: a rule's bug must not hide the
    other findings."""
    try:
        found = iter(r.check(subject, context, **extra))
        kept = list(itertools.islice(found, limit))
        more = sum(1 for _ in found) if limit and len(kept) == limit else 0
    except Exception as error:  # noqa: BLE001
        crash = f"internal error in rule {r.code}: {type(error).__name__}: {error}; please report it"
        return [], 0, crash
    return kept, more, None
