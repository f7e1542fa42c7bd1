"""Reporters: one small function per output format, picked by name."""

from __future__ import annotations

import abc
import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from json.encoder import encode_basestring
from operator import attrgetter
from typing import TextIO

from checks.report.diagnostic import (
    EXCERPT_LEAD,
    EXCERPT_WIDTH,
    Diagnostic,
    Fix,
    Severity,
)

_SURROGATE = re.compile("[\ud800-\udfff]")

CHUNK = 512  # pieces of a report written to the stream at once


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    fixable: int = 0
    unsafe_fixable: int = 0
    fixed: int = 0
    files_with_findings: int = 0
    baseline_stale: int | None = None  # baseline entries that matched nothing

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
            summary.unsafe_fixable += d.unsafe_fixable
        return summary

    def as_dict(self) -> dict:
        extra = (
            {}
            if self.baseline_stale is None
            else {"baseline_stale": self.baseline_stale}
        )
        return extra | {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "fixable": self.fixable,
            "unsafe_fixable": self.unsafe_fixable,
            "fixed": self.fixed,
        }


class Reporter(abc.ABC):
    """Prints a whole run: its diagnostics in order, the fixes it applied, and
    a summary."""

    def __init__(self, out: TextIO, quiet: bool = False):
        self.out = out
        self.quiet = quiet

    def _stream(self, pieces: Iterable[str]) -> None:
        """Write `pieces` in chunks: each diagnostic's text is made as it is
        written, so that a large report is never held whole in memory, and
        the stream is called once per chunk, not once per piece."""
        chunk: list[str] = []
        for piece in pieces:
            chunk.append(piece)
            if len(chunk) == CHUNK:
                self.out.write("".join(chunk))
                chunk.clear()
        self.out.write("".join(chunk))

    @abc.abstractmethod
    def report(
        self,
        diagnostics: Sequence[Diagnostic],
        fixed: Sequence[tuple[str, Fix]],
        summary: Summary,
    ) -> None:
        """`diagnostics` are sorted; `fixed` pairs a path with a fix applied to it."""


_UNSEEN = ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")


def printable(text: str) -> str:
    """A file name or message on one line, as it is: a line break, a bidi
    control or a byte that is not UTF-8 (in an odd file name) written as an
    escape, so that it cannot split an output line or reorder it."""
    if text.isprintable():
        return text
    return "".join(_escaped(c) if c == "\t" else _shown(c) for c in text)


def json_text(value, **options) -> str:
    """JSON with non-ASCII text kept as it is, but a lone surrogate (a byte of
    a file name that is not UTF-8) written as its escape, so that the text
    can be encoded as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _SURROGATE.sub(_surrogate_escape, text)


def _surrogate_escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def json_string(text: str) -> str:
    """`text` as a JSON string, as json_text writes it."""
    quoted = encode_basestring(text)
    return quoted if quoted.isascii() else _SURROGATE.sub(_surrogate_escape, quoted)


def json_around(value: dict, key: str, items: Iterable[str]) -> Iterator[str]:
    """json_text(value, indent=2), the empty list at `key` (the only key so
    named) holding `items`: each item's JSON as json_text(item, indent=2)
    writes it, indented here to the list's depth."""
    head, tail = json_text(value, indent=2).split(f'"{key}": []', 1)
    indent = head[head.rfind("\n") + 1 :]
    pad = "\n" + indent + "  "
    yield head + f'"{key}": ['
    between = pad
    for item in items:
        yield between + item.replace("\n", pad)
        between = "," + pad
    yield ("" if between == pad else "\n" + indent) + "]" + tail


def _escaped(char: str) -> str:
    code = ord(char)
    return f"<0x{code - 0xDC00:02x}>" if 0xDC80 <= code <= 0xDCFF else f"<U+{code:04X}>"


def _shown(char: str) -> str:
    """How a character of a quoted line is printed: invisible and control
    characters as escapes, so the terminal shows what the file holds."""
    if char == "\t":
        return " "
    if unicodedata.category(char) in _UNSEEN:
        return _escaped(char)
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
    """The line (EXCERPT_WIDTH characters of it, from EXCERPT_LEAD before the
    span, when it is longer) and a caret line under the span; start/end are
    0-based columns."""
    prefix = suffix = ""
    if len(line) > EXCERPT_WIDTH:
        left = max(0, min(start - EXCERPT_LEAD, len(line) - EXCERPT_WIDTH))
        right = min(len(line), left + EXCERPT_WIDTH)
        prefix, suffix = ("..." if left else ""), ("..." if right < len(line) else "")
        line, start, end = line[left:right], start - left, min(end, right) - left
    if line.isascii() and line.isprintable():  # as it is, a column a character
        before, marked, rest = prefix + line[:start], line[start:end], line[start:]
        return before + rest + suffix, " " * len(before) + "^" * max(1, len(marked))
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
                self.out.write(f"{printable(path)}: fixed: {fix.description}\n")
        self._stream(map(self._heading if self.quiet else self._shown, diagnostics))
        if not self.quiet:
            self.out.write(summary_line(summary) + "\n")

    def _heading(self, d: Diagnostic) -> str:
        mark = " [*]" if d.fixable else ""
        return f"{_path(d.path)}:{d.line}:{d.column}: {d.code}{mark} {printable(d.message)}\n"

    def _shown(self, d: Diagnostic) -> str:
        start = d.column - 1 - d.source_start
        end = (
            d.end_column - 1 - d.source_start if d.end_line == d.line else len(d.source)
        )
        shown, carets = excerpt(d.source, start, end)
        if d.source_start and not shown.startswith("..."):
            shown, carets = "..." + shown, "   " + carets
        gutter = str(d.line)
        return (
            f"{self._heading(d)} {gutter} | {shown}\n {' ' * len(gutter)} | {carets}\n"
        )


@lru_cache(maxsize=256)
def _path(path: str) -> str:
    """A file's name as printed: the same for each of its findings."""
    return printable(path)


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
    fixes = []
    if s.fixable:
        fixes.append(f"{s.fixable} fixable with `checks --fix`")
    if s.unsafe_fixable:
        fixes.append(
            f"{s.unsafe_fixable} {'more ' if s.fixable else ''}with "
            "`checks --fix --unsafe-fixes`, to review"
        )
    if fixes:
        line += f" ({'; '.join(fixes)})"
    return line + "."


class JsonReporter(Reporter):
    """One object: `{"diagnostics": [...], "summary": {...}}`, each
    diagnostic as `Diagnostic.as_dict` has it."""

    def report(self, diagnostics, fixed, summary) -> None:
        value = {"diagnostics": [], "summary": summary.as_dict()}
        self._stream(
            json_around(value, "diagnostics", map(diagnostic_json, diagnostics))
        )
        self.out.write("\n")


_TRUE_FALSE = ("false", "true")


def diagnostic_json(d: Diagnostic) -> str:
    """json_text(d.as_dict(), indent=2), written directly (a fifth of the
    cost: a report can hold a million)."""
    return (
        f'{{\n  "path": {json_string(d.path)},\n  "line": {d.line},\n'
        f'  "column": {d.column},\n  "end_line": {d.end_line},\n'
        f'  "end_column": {d.end_column},\n  "code": {json_string(d.code)},\n'
        f'  "name": {json_string(d.name)},\n  "severity": "{d.severity.value}",\n'
        f'  "message": {json_string(d.message)},\n'
        f'  "fixable": {_TRUE_FALSE[d.fixable]},\n'
        f'  "unsafe_fix": {_TRUE_FALSE[d.unsafe_fixable]}\n}}'
    )


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one annotation per diagnostic, on
    the file, line and columns it is about."""

    LEVELS = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def report(self, diagnostics, fixed, summary) -> None:
        self._stream(map(self._annotation, diagnostics))
        self.out.write(summary_line(summary) + "\n")

    def _annotation(self, d: Diagnostic) -> str:
        where = (
            f"file={_github_property(_path(d.path))},line={d.line},col={d.column},"
            f"endLine={d.end_line},endColumn={d.end_column},"
            f"title={_github_property(f'{d.code} {d.name}')}"
        )
        return f"::{self.LEVELS[d.severity]} {where}::{_github_data(printable(d.message))}\n"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


class SarifReporter(Reporter):
    """SARIF 2.1.0, for code scanning: every rule with its help text, every
    diagnostic with its region in Unicode code points."""

    LEVELS = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "note",
    }

    def report(self, diagnostics, fixed, summary) -> None:
        from checks import __version__
        from checks.rules.registry import all_rules

        rules = sorted(all_rules().values(), key=lambda r: r.code)
        index = {r.code: i for i, r in enumerate(rules)}
        driver = {
            "name": "checks",
            "version": __version__,
            "informationUri": "https://pypi.org/project/seed-checks/",
            "rules": [self._rule(r) for r in rules],
        }
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "columnKind": "unicodeCodePoints",
                    "results": [],
                }
            ],
        }
        results = (self._result(d, index) for d in diagnostics)
        self._stream(json_around(log, "results", results))
        self.out.write("\n")

    def _rule(self, r) -> dict:
        return {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.summary},
            "help": {"text": r.doc, "markdown": r.doc},
            "defaultConfiguration": {"level": self.LEVELS[r.severity]},
            "properties": {"fixable": r.fixable},
        }

    def _result(self, d: Diagnostic, index: dict[str, int]) -> str:
        """A SARIF result as json_text(..., indent=2) writes it, written
        directly: ruleId, ruleIndex, level, message, the one location with
        its region, and the fingerprint."""
        return (
            f'{{\n  "ruleId": {json_string(d.code)},\n'
            f'  "ruleIndex": {index.get(d.code, -1)},\n'
            f'  "level": "{self.LEVELS[d.severity]}",\n'
            f'  "message": {{\n    "text": {json_string(printable(d.message))}\n  }},\n'
            '  "locations": [\n    {\n      "physicalLocation": {\n'
            f'        "artifactLocation": {{\n          "uri": {json_string(_uri(d.path))}\n        }},\n'
            f'        "region": {{\n          "startLine": {d.line},\n'
            f'          "startColumn": {d.column},\n          "endLine": {d.end_line},\n'
            f'          "endColumn": {d.end_column}\n        }}\n      }}\n    }}\n  ],\n'
            f'  "partialFingerprints": {{\n    "checks/v1": "{fingerprint(d)}"\n  }}\n}}'
        )


@lru_cache(maxsize=256)
def _uri(path: str) -> str:
    from urllib.parse import quote

    # A name that is not UTF-8 is percent-encoded byte for byte.
    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"))


class JunitReporter(Reporter):
    """JUnit XML: a test case per file, failing with its error diagnostics
    (warnings and notes are written to its output).  Written a file at a
    time, as ElementTree indents the whole (diagnostics come sorted by file)."""

    def report(self, diagnostics, fixed, summary) -> None:
        files = failing = 0
        for _, found in itertools.groupby(diagnostics, key=_PATH):
            files += 1
            failing += any(d.severity is Severity.ERROR for d in found)
        passed = summary.files - files
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
            f'  <testsuite name="checks" tests="{max(summary.files, files)}" '
            f'failures="{failing}" errors="0"'
        )
        if not files and passed <= 0:
            self.out.write(head + " />\n</testsuites>\n")
            return
        self.out.write(head + ">")
        cases = itertools.chain(
            (
                _junit_case(printable(path), list(found))
                for path, found in itertools.groupby(diagnostics, key=_PATH)
            ),
            [_junit_case(f"{passed} more files without findings", [])]
            if passed > 0
            else [],
        )
        self._stream("\n    " + case for case in cases)
        self.out.write("\n  </testsuite>\n</testsuites>\n")


_PATH = attrgetter("path")


def _junit_case(name: str, found: list[Diagnostic]) -> str:
    """One file's test case, indented as at its place in the report."""
    import xml.etree.ElementTree as ET

    case = ET.Element("testcase", classname="checks", name=name)
    errors = [d for d in found if d.severity is Severity.ERROR]
    if errors:
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{len(errors)} error{'s' if len(errors) != 1 else ''}",
            type=errors[0].code,
        )
        failure.text = "\n".join(_line(d) for d in errors)
    others = [d for d in found if d.severity is not Severity.ERROR]
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in others)
    ET.indent(case, level=2)
    return ET.tostring(case, encoding="unicode")


def _line(d: Diagnostic) -> str:
    return f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {printable(d.message)}"


def fingerprint(d: Diagnostic) -> str:
    """What a finding is about, independent of where it is: the file, the rule
    and the text of its span (its message when the span is not on one line)."""
    if d.end_line == d.line and d.end_column > d.column:
        about = d.span_text
    else:
        about = d.message
    key = "\0".join((d.path, d.code, " ".join(about.split())))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def statistics(diagnostics: Sequence[Diagnostic]) -> list[dict]:
    """Counts per rule, most frequent first, as `checks --statistics` prints."""
    counts: dict[str, dict] = {}
    for d in diagnostics:
        entry = counts.get(d.code)
        if entry is None:
            entry = counts[d.code] = {
                "code": d.code,
                "name": d.name,
                "count": 0,
                "fixable": 0,
                "unsafe_fixable": 0,
            }
        entry["count"] += 1
        entry["fixable"] += d.fixable
        entry["unsafe_fixable"] += d.unsafe_fixable
    return sorted(counts.values(), key=lambda e: (-e["count"], e["code"]))


def statistics_text(rows: list[dict]) -> str:
    """One line per rule; `[*]` counts what `--fix` fixes, `[-]` what only
    `--unsafe-fixes` does."""
    width = max((len(str(e["count"])) for e in rows), default=1)
    lines = []
    for e in rows:
        fixes = "".join(
            f"  {mark} {e[key]} {what}"
            for mark, key, what in (
                ("[*]", "fixable", "fixable"),
                ("[-]", "unsafe_fixable", "with --unsafe-fixes"),
            )
            if e[key]
        )
        lines.append(f"{e['count']:>{width}}  {e['code']}  {e['name']}{fixes}\n")
    return "".join(lines)


REPORTERS: dict[str, Callable[[TextIO, bool], Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
}


def rules_table(rules: Sequence) -> str:
    width = max((len(r.name) for r in rules), default=0)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {'fix' if r.fixable else '   '}  {r.summary}\n"
        for r in rules
    )
