"""Near-duplicate bodies, found without comparing every pair.

Each body gets a MinHash signature of its set of words (rensa, in Rust: about
25 µs for a 4 KB body, where building word shingles in Python alone costs
three times that).  Locality-sensitive hashing over the signatures proposes
candidate pairs; each candidate is then measured exactly, as the Jaccard
similarity of the two bodies' sets of 5-word shingles, and that figure is what
is reported and compared with the threshold.  A light edit changes a few
shingles and fewer words, so a pair above the threshold in shingles is above it
in words too: the word signature only narrows the search.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

NUM_PERM = 64
SEED = 20221213
SHINGLE = 5
# The word-set similarity at which pairs become candidates, below the shingle
# threshold so that candidates are not missed.
CANDIDATE_MARGIN = 0.25


def words(body: bytes) -> list[bytes]:
    return body.lower().split()


def signature(body: bytes) -> Any:
    from rensa import RMinHash

    sketch = RMinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update(words(body))
    return sketch


def shingles(body: bytes) -> set[tuple[bytes, ...]]:
    w = words(body)
    if len(w) < SHINGLE:
        return {tuple(w)} if w else set()
    return set(zip(*(w[i:] for i in range(SHINGLE))))


def similarity(a: bytes, b: bytes) -> float:
    """Jaccard similarity of the two bodies' 5-word shingles."""
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def candidate_pairs(
    signatures: Iterable[tuple[int, Any]], threshold: float
) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, whose word sets may be alike enough to measure."""
    from rensa import RMinHashLSH

    bands = 16
    lsh = RMinHashLSH(
        threshold=max(0.1, threshold - CANDIDATE_MARGIN),
        num_perm=NUM_PERM,
        num_bands=bands,
    )
    for key, sketch in signatures:
        for other in sorted(lsh.query(sketch)):
            yield other, key
        lsh.insert(key, sketch)
