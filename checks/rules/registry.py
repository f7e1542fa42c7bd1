"""The rule record, the decorator that registers one, and selection by code."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from checks.report.diagnostic import Finding, Severity

FAMILIES = {
    "HDR": "header",
    "ENC": "encoding and text hygiene",
    "IDX": "INDEX.md consistency",
    "PRV": "provenance",
    "PSN": "flagged pseudonyms",
    "CLM": "unattributed claims",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    check: Callable[..., Iterator[Finding]]
    fixable: bool = False
    needs_text: bool = True
    stage: str = "document"
    on_unread: bool = False
    protects_record: bool = False
    cacheable: bool = True
    reads: frozenset[str] = frozenset()
    rewrites_index: bool = False

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity | str,
    *,
    fixable: bool = False,
    needs_text: bool = True,
    stage: str = "document",
    on_unread: bool = False,
    protects_record: bool = False,
    cacheable: bool = True,
    reads: frozenset[str] = frozenset(),
    rewrites_index: bool = False,
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register a rule function.  Its docstring's first line is the summary, and
    the whole docstring is what `checks explain` prints.  `needs_text=False`
    marks the rules that still run on a file that is not valid UTF-8;
    `on_unread=True` the rules that run, alone, on a file that was not read
    (too large, or a link out of the corpus).  The rule of
    `stage="suppression"` is told the `accept` entries that dropped nothing
    (checks.report.suppression settles which); rules of `stage="corpus"` read
    the whole corpus, and those of `stage="shard"` a line of a shard.
    `protects_record=True` marks the rules that guard the record itself
    (hashes, ids, history): no `accept` entry in a seed can silence them.
    What the run must know of a rule is declared here, so that the run
    names no code: `cacheable=False` for a rule whose findings on a seed
    depend on more than its bytes (git, INDEX.md), `reads` for what a corpus
    rule needs in each seed's record beyond the usual ("signature": the
    near-duplicate summary, "row-digest": the digest of its INDEX.md row),
    `rewrites_index=True` for a rule whose fix is INDEX.md written afresh."""

    def register(
        check: Callable[..., Iterator[Finding]],
    ) -> Callable[..., Iterator[Finding]]:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        if code[:3] not in FAMILIES:
            raise ValueError(f"rule code {code} has no known family")
        doc = inspect.cleandoc(check.__doc__ or "")
        RULES[code] = Rule(
            code=code,
            name=name,
            severity=Severity(severity),
            summary=" ".join(doc.split("\n\n", 1)[0].split()),
            check=check,
            fixable=fixable,
            needs_text=needs_text,
            stage=stage,
            on_unread=on_unread,
            protects_record=protects_record,
            cacheable=cacheable,
            reads=frozenset(reads),
            rewrites_index=rewrites_index,
        )
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every rule, by code: the families register theirs as checks.rules, the
    package this module is in, is imported."""
    return RULES


@cache
def protected_codes() -> frozenset[str]:
    """The codes of the rules that guard the record itself, which no `accept`
    entry can silence (read once every family has registered its rules)."""
    return frozenset(code for code, r in RULES.items() if r.protects_record)


@cache
def index_codes() -> tuple[str, ...]:
    """The codes of the rules about INDEX.md, those whose fix writes it afresh:
    what the commands that write INDEX.md check before and after."""
    return tuple(sorted(code for code, r in RULES.items() if r.rewrites_index))


def matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _weight(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def select(
    rules: Iterable[Rule], select: Iterable[str], ignore: Iterable[str]
) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored one;
    the longer prefix wins when both match, as in `select=["HDR"], ignore=["HDR0"]`."""
    select, ignore = list(select), list(ignore)
    chosen = []
    for r in rules:
        best_select = max(
            (_weight(s) for s in select if matches(r.code, s)), default=-1
        )
        best_ignore = max(
            (_weight(s) for s in ignore if matches(r.code, s)), default=-1
        )
        if best_select >= 0 and best_select > best_ignore:
            chosen.append(r)
    return sorted(chosen, key=lambda r: r.code)


def unknown_selectors(selectors: Iterable[str], codes: Iterable[str]) -> list[str]:
    codes = list(codes)
    return [s for s in selectors if not any(matches(c, s) for c in codes)]
