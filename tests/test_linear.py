"""Pathological text costs linear time: every rule's patterns, together, on a
seed made of one unit repeated (long runs of quote marks, spaces, capitals,
full stops, parentheses, reporting words, pseudonym markers), and INDEX.md's
reader on a table of odd rows.

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

from checks.document import Document
from checks.index import END, START, parse_index
from checks.linter import Linter
from checks.registry import all_rules

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
}


def cpu(work) -> float:
    """The least CPU time of three runs."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


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

    small, large = cpu(check(SMALL)), cpu(check(SMALL * GROWTH))
    assert large < LIMIT * max(small, 1e-4), (small, large)


@pytest.mark.parametrize(
    "unit",
    ["|", "\\|", "| a | b | c | d | e | f | g |\n", "[", "~~", "|" * 50 + "\n"],
)
def test_index_is_read_in_linear_time(unit):
    def parse(size: int):
        raw = (
            f"{START}\n| id | date | title | source | cites | pseudonyms | sha256 |\n"
            f"|---|---|---|---|---|---|---|\n{repeated(unit, size)}\n{END}\n"
        ).encode()
        return lambda: parse_index(Path("INDEX.md"), raw)

    small, large = cpu(parse(SMALL)), cpu(parse(SMALL * GROWTH))
    assert large < LIMIT * max(small, 1e-4), (small, large)


def test_a_repeated_fault_is_listed_at_most_200_times(linter):
    raw = seed_text("000_0123456789abcdef", "\u201c" * 5000 + "\n").encode()
    found = linter.check(Document(Path("000_0123456789abcdef.txt"), raw))
    unbalanced = [d for d in found if d.code == "CLM006"]
    assert len(unbalanced) == 201
    assert unbalanced[-1].message.startswith("and 4800 more like this in the file")
