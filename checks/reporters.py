"""Reporters: one small function per output format, picked by name."""

from __future__ import annotations

import abc
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from checks.diagnostic import Diagnostic, Fix, Severity

WINDOW = 120


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    fixable: int = 0
    fixed: int = 0
    files_with_findings: int = 0

    @classmethod
    def of(cls, files: int, diagnostics: Sequence[Diagnostic], fixed: int) -> Summary:
        """`files` seeds checked; a file with findings may also be INDEX.md."""
        summary = cls(files=files, fixed=fixed)
        summary.files_with_findings = len({d.path for d in diagnostics})
        for d in diagnostics:
            summary.errors += d.severity is Severity.ERROR
            summary.warnings += d.severity is Severity.WARNING
            summary.infos += d.severity is Severity.INFO
            summary.fixable += d.fixable
        return summary

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "fixable": self.fixable,
            "fixed": self.fixed,
        }


class Reporter(abc.ABC):
    """Prints a whole run: its diagnostics in order, the fixes it applied, and
    a summary."""

    def __init__(self, out: TextIO, quiet: bool = False):
        self.out = out
        self.quiet = quiet

    @abc.abstractmethod
    def report(
        self,
        diagnostics: Sequence[Diagnostic],
        fixed: Sequence[tuple[str, Fix]],
        summary: Summary,
    ) -> None:
        """`diagnostics` are sorted; `fixed` pairs a path with a fix applied to it."""


def _shown(char: str) -> str:
    """How a character of a quoted line is printed: invisible and control
    characters as escapes, so the terminal shows what the file holds."""
    if char == "\t":
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"):
        code = ord(char)
        return (
            f"<0x{code - 0xDC00:02x}>"
            if 0xDC80 <= code <= 0xDCFF
            else f"<U+{code:04X}>"
        )
    return char


def _width(text: str) -> int:
    return sum(
        2
        if unicodedata.east_asian_width(c) in "WF"
        else 0
        if unicodedata.combining(c)
        else 1
        for c in text
    )


def excerpt(line: str, start: int, end: int) -> tuple[str, str]:
    """The line (a window of about WINDOW characters around the span when it is
    long) and a caret line under the span; start/end are 0-based columns."""
    prefix = suffix = ""
    if len(line) > WINDOW:
        left = max(0, min(start - WINDOW // 3, len(line) - WINDOW))
        right = min(len(line), max(left + WINDOW, min(end, left + WINDOW)))
        prefix, suffix = ("..." if left else ""), ("..." if right < len(line) else "")
        line, start, end = line[left:right], start - left, min(end, right) - left
    shown = [_shown(c) for c in line]
    before = prefix + "".join(shown[:start])
    marked = "".join(shown[start:end]) or " "
    return before + "".join(shown[start:]) + suffix, " " * _width(before) + "^" * max(
        1, _width(marked)
    )


class TextReporter(Reporter):
    """`path:line:col: CODE message`, the line quoted with carets under the
    span, and a summary."""

    def report(self, diagnostics, fixed, summary) -> None:
        if not self.quiet:
            for path, fix in fixed:
                self.out.write(f"{path}: fixed: {fix.description}\n")
        for d in diagnostics:
            mark = " [*]" if d.fixable else ""
            self.out.write(
                f"{d.path}:{d.line}:{d.column}: {d.code}{mark} {d.message}\n"
            )
            if self.quiet:
                continue
            end = d.end_column - 1 if d.end_line == d.line else len(d.source)
            shown, carets = excerpt(d.source, d.column - 1, end)
            gutter = str(d.line)
            self.out.write(f" {gutter} | {shown}\n {' ' * len(gutter)} | {carets}\n")
        if not self.quiet:
            self.out.write(summary_line(summary) + "\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(s: Summary) -> str:
    fixed = f"Fixed {_plural(s.fixed, 'problem')}. " if s.fixed else ""
    if not (s.errors or s.warnings or s.infos):
        return f"{fixed}All checks passed ({_plural(s.files, 'file')})."
    counts = [_plural(s.errors, "error"), _plural(s.warnings, "warning")]
    if s.infos:
        counts.append(_plural(s.infos, "note"))
    line = f"{fixed}Found {', '.join(counts)} in {s.files_with_findings} of {_plural(s.files, 'file')}"
    if s.fixable:
        line += f" ({s.fixable} fixable with `checks --fix`)"
    return line + "."


class JsonReporter(Reporter):
    """One object: `{"diagnostics": [...], "summary": {...}}`."""

    def report(self, diagnostics, fixed, summary) -> None:
        json.dump(
            {
                "diagnostics": [d.as_dict() for d in diagnostics],
                "summary": summary.as_dict(),
            },
            self.out,
            indent=2,
            ensure_ascii=False,
        )
        self.out.write("\n")


REPORTERS: dict[str, Callable[[TextIO, bool], Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}


def rules_table(rules: Sequence) -> str:
    width = max((len(r.name) for r in rules), default=0)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {'fix' if r.fixable else '   '}  {r.summary}\n"
        for r in rules
    )
