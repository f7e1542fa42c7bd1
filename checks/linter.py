"""Runs the selected rules over documents, attaches code, name and severity,
drops what the header's `accept` entries accept, and applies fixes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from checks.context import Context
from checks.diagnostic import Diagnostic, Finding, Fix, Severity
from checks.document import Document, HeaderForm
from checks.fixes import apply_fixes, write_atomic
from checks.registry import Rule
from checks.rules.header import accept_entries

MAX_FIX_PASSES = 10
_SPACES = re.compile(r"\s+")


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
        self.accept_rules = [r for r in rules if r.stage == "accept"]
        self.selected = frozenset(r.code for r in rules)
        self.severities = severities or {}
        self.context = context or Context()

    def check(self, doc: Document) -> list[Diagnostic]:
        findings = self._findings(doc)
        findings, used = self._apply_accept(doc, findings)
        for r in self.accept_rules:
            findings += [
                (r, f)
                for f in self._run(r, doc, used=frozenset(used), selected=self.selected)
            ]
        return sorted(self._diagnostic(doc, r, f) for r, f in findings)

    def fix(self, doc: Document, unsafe: bool = False, write: bool = True) -> Result:
        """Apply fixes until none is left (or MAX_FIX_PASSES), never changing the
        body, and write the file atomically if it changed."""
        original = doc
        applied: list[Fix] = []
        diagnostics = self.check(doc)
        for _ in range(MAX_FIX_PASSES):
            fixes = [d.fix for d in diagnostics if d.fix and (d.fix.safe or unsafe)]
            if not fixes or not doc.utf8:
                break
            limit = (
                doc.body_start
                if doc.form in (HeaderForm.FRONT_MATTER, HeaderForm.LEGACY)
                else 0
            )
            text, chosen = apply_fixes(doc.text, fixes, limit)
            if not chosen:
                break
            candidate = Document(doc.path, text.encode("utf-8"), doc.display)
            if candidate.body != original.body:
                break  # a fix that would touch the body is never written
            doc, diagnostics = candidate, self.check(candidate)
            applied += chosen
        if write and doc.raw != original.raw:
            write_atomic(doc.path, doc.raw)
        return Result(doc, diagnostics, applied)

    def _findings(self, doc: Document) -> list[tuple[Rule, Finding]]:
        found = []
        for r in self.rules:
            if doc.utf8 or not r.needs_text:
                found += [(r, f) for f in self._run(r, doc)]
        return found

    def _run(self, r: Rule, doc: Document, **extra) -> list[Finding]:
        try:
            return list(r.check(doc, self.context, **extra))
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
        )


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
