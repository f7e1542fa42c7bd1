"""Pathological text costs linear time: every rule's patterns, together, on a
seed made of one unit repeated (long runs of quote marks, spaces, capitals,
full stops, parentheses, reporting words, pseudonym markers), and INDEX.md's
reader on a table of odd rows.

Every compiled pattern of the modules that read text is also tested alone,
run as the code runs it (searched, or matched where it is only ever matched
against a short span).

This is a test of growth, not of speed: the same input at 8 KB and at eight
times that must cost about eight times as much CPU, not sixty-four (quadratic)
or more.  There is no absolute time in it.  Each input found a case before it
was fixed: a line of full stops took 46 s at 64 KB (a sentence-end pattern
that backtracked at every dot), a run of curly quotes 2 s (a line lookup per
finding, from the start of the file), repeated weasel phrases 1 s (every
phrase compared with every other).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import seed_text

from checks.detect.patterns import PatternSet
from checks.rules.registry import all_rules
from checks.run.linter import Linter
from checks.seed.document import Document
from checks.seed.index import END, START, parse_index

SMALL, GROWTH = 8_000, 8
# Linear growth gives about 8; quadratic 64.  The margin absorbs timer noise.
LIMIT = 3 * GROWTH

UNITS = {
    "straight quotes": '"',
    "curly quotes": "\u201c",
    "curly pairs": "\u201c\u201d",
    "apostrophes": "'",
    "quoted words": '"a" ',
    "guillemets": "\u00ab",
    "spaces": " ",
    "blank lines": " \n\n",
    "capitals": "A",
    "capitalised words": "Aa ",
    "initials": "A. ",
    "titles": "Mr. ",
    "nested parentheses": "(((",
    "parentheses": "()",
    "full stops": ".",
    "ellipses": "... ",
    "question marks": "?",
    "name changed": "(name changed) ",
    "not real names": "X and Y are not their real names ",
    "asterisks": "Sergei* ",
    "said": "said ",
    "according to": "according to ",
    "reportedly": "reportedly ",
    "experts say": "experts say ",
    "organisations": "the Vell Herald Port Authority ",
    "dashes": "\u2014",
    "bidi controls": "\u202e",
    # Sentences the detectors read names around, repeated without end.
    "flagged names": "Ana (name changed), ",
    "not her real name": "Ana Bell, not her real name, ",
    "quotes with speakers": "\u201cYes,\u201d said Ana Bell of the Vell Herald, ",
    "titled speakers": "Mr. Ana Bell said, ",
}


def cpu(work, under: float = 0.0) -> float:
    """The least CPU time of three runs, or of fewer once one takes less
    than `under` (the least of three would then pass as well)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
        if best < under:
            break
    return best


def grows_linearly(small_work, large_work) -> tuple[float, float]:
    """CPU of the small input and of the large one; the large one is run
    again only while it is over the bound."""
    small = cpu(small_work)
    bound = LIMIT * max(small, 1e-4)
    return small, cpu(large_work, under=bound)


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.fixture(scope="module")
def linter() -> Linter:
    linter = Linter(all_rules().values())
    linter.check(
        Document(
            Path("000_0123456789abcdef.txt"), seed_text("000_0123456789abcdef").encode()
        )
    )
    return linter


@pytest.mark.parametrize("unit", list(UNITS.values()), ids=list(UNITS))
def test_every_rule_reads_a_repeated_unit_in_linear_time(unit, linter):
    def check(size: int):
        raw = seed_text("000_0123456789abcdef", repeated(unit, size) + "\n").encode(
            "utf-8"
        )
        return lambda: linter.check(Document(Path("000_0123456789abcdef.txt"), raw))

    small, large = grows_linearly(check(SMALL), check(SMALL * GROWTH))
    assert large < LIMIT * max(small, 1e-4), (small, large)


@pytest.mark.parametrize(
    "before, unit, after",
    [
        ("", unit, "")
        for unit in (
            "|",
            "\\|",
            "| a | b | c | d | e | f | g |\n",
            "[",
            "~~",
            "|" * 50 + "\n",
        )
    ]
    + [("|", " ", "|"), ("| a |", " b", " |")],  # one long cell
)
def test_index_is_read_in_linear_time(before, unit, after):
    def parse(size: int):
        row = before + repeated(unit, size) + after
        raw = (
            f"{START}\n| id | date | title | source | cites | pseudonyms | sha256 |\n"
            f"|---|---|---|---|---|---|---|\n{row}\n{END}\n"
        ).encode()
        return lambda: parse_index(Path("INDEX.md"), raw)

    small, large = grows_linearly(parse(SMALL), parse(SMALL * GROWTH))
    assert large < LIMIT * max(small, 1e-4), (small, large)


def test_a_repeated_fault_is_listed_at_most_200_times(linter):
    raw = seed_text("000_0123456789abcdef", "\u201c" * 5000 + "\n").encode()
    found = linter.check(Document(Path("000_0123456789abcdef.txt"), raw))
    unbalanced = [d for d in found if d.code == "CLM006"]
    assert len(unbalanced) == 201
    assert unbalanced[-1].message.startswith("and 4800 more like this in the file")


# The modules that run patterns over text a seed supplies.
READERS = [
    "checks.detect.prose",
    "checks.detect.attribution",
    "checks.detect.names",
    "checks.detect.claims",
    "checks.detect.pseudonyms",
    "checks.seed.document",
    "checks.run.corpus",
    "checks.seed.header",
    "checks.seed.index",
    "checks.report.suppression",
    "checks.rules.encoding",
    "checks.rules.header",
    "checks.rules.claims",
    "checks.rules.pseudonyms",
    "checks.rules.index",
    "checks.rules.provenance",
]
# Patterns that are never searched through a whole text, and how each is run
# instead: these are tested that way (the others by searching).
ANCHORED = {
    "_LEGACY": "matched at the start of a file",
    "SEED_NAME": "matched against a file name",
    "_GAP_AFTER_VERB": "matched over the 24 characters between two words",
    "_GAP_BEFORE_VERB": "matched over the 20 characters between two words",
    "_JOINER": "searched in the 40 characters before a name",
    "_JOINER_AFTER": "matched just after a name",
    "_LABEL": "matched just after a name",
    "_AGED": "matched at the start of a word",
    "_AGE_OR_LIST": "matched over the 40 characters after a name",
    "_NEXT_WORD": "matched over the 40 characters after a name",
    "_ROLE_AFTER": "matched just after a name",
    "_REFERS_BACK": "matched at the end of a sentence",
    "_PLAIN_ROW": "matched whole against one line of INDEX.md",
    "_ENTRY": "matched whole against one line of a header",
    "_BY_AGENT": "matched over the 40 characters after a weasel phrase",
    "_BACK": "searched in the 12 characters before a weasel phrase",
    "_BACK_HERE": "matched at the start of a weasel phrase",
    "_LEADING_WORD": "matched at the start of a weasel phrase, up to its end",
    "_SPECIFIC_DETERMINER": "matched just after a weasel phrase's 'by'",
    "_DIALOGUE_DASH": "matched at the start of a paragraph",
    "_COMMON_TAG": "matched just after a quote, over 90 characters",
}


def patterns_in_use() -> list[tuple[str, object]]:
    """(name, pattern or (PatternSet, index)) for every compiled pattern of
    the modules that read text, and for every pattern of the screens the
    detectors build (run as the detectors run them: RE2, then Python's re
    near each candidate)."""
    import gc
    import importlib
    import re

    from checks.detect import claims, pseudonyms

    claims._compiled(), claims._organisations(), pseudonyms._compiled()
    found: dict = {}

    def collect(value, name, depth=0):
        if isinstance(value, re.Pattern):
            found.setdefault((value.pattern, value.flags), (name, value))
        elif isinstance(value, (list, tuple)) and depth < 3:
            for item in value:
                collect(item, name, depth + 1)

    screens = [o for o in gc.get_objects() if isinstance(o, PatternSet)]
    for screen in screens:
        for index in range(len(screen)):
            pattern = screen.pattern(index)
            found[(pattern.pattern, pattern.flags)] = (
                f"screened {pattern.pattern[:40]}",
                (screen, index),
            )
    for module in READERS:
        for name, value in vars(importlib.import_module(module)).items():
            collect(value, name)
    return sorted(found.values(), key=lambda pair: pair[0])


PATTERNS = patterns_in_use()


def test_the_patterns_in_use_are_found():
    names = {name for name, _ in PATTERNS}
    assert len(PATTERNS) > 80 and set(ANCHORED) <= names
    assert sum(isinstance(p, tuple) for _, p in PATTERNS) > 40  # the screened ones


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_every_pattern_runs_in_linear_time_as_it_is_used(name, pattern):
    if isinstance(pattern, tuple):
        screen, index = pattern
        from checks.detect import pseudonyms

        # The screen for texts worth normalising is only asked whether it
        # matches, in every set it is in.
        matched_only = screen.pattern(index) is pseudonyms._NEEDS_NORMALISING

        def run(text):
            raw = text.encode("utf-8")
            if index in screen.matching(raw) and not matched_only:
                for _ in screen.finditer(index, text):
                    pass
                screen.exact_spans(index, raw, text)

    elif name in ANCHORED:
        run = pattern.match
    else:

        def run(text):
            for _ in pattern.finditer(text):
                pass

    for unit in UNITS.values():
        short, long = repeated(unit, SMALL // 2), repeated(unit, SMALL // 2 * GROWTH)
        small, large = grows_linearly(
            lambda text=short: run(text), lambda text=long: run(text)
        )
        assert large < LIMIT * max(small, 1e-4), (unit, small, large)
