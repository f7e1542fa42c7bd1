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

NUM_PERM = 256
SEED = 20221213
SHINGLE = 5
# Words survive a light edit better than shingles do: a pair whose 5-word
# shingles reach the threshold shares more of its words than that.  Candidates
# are pairs whose words are alike a little above the threshold, which keeps
# texts on the same subject (alike in words, not in sentences) out.
CANDIDATE_MARGIN = -0.05
# However alike a corpus's vocabulary, no seed is measured against more than
# this many earlier seeds (the most alike by signature).
MAX_MEASURED = 8


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


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def bands_for(threshold: float) -> int:
    """The number of LSH bands whose S-curve rises just below `threshold`: a
    pair is proposed with probability 1 - (1 - s**rows)**bands."""
    return min(
        (b for b in (4, 8, 16, 32, 64) if NUM_PERM % b == 0),
        key=lambda b: abs((1 / b) ** (b / NUM_PERM) - (threshold - 0.05)),
    )


def candidates(
    signatures: Iterable[tuple[int, Any]], threshold: float
) -> Iterator[tuple[int, list[tuple[float, int]]]]:
    """For each seed, the earlier seeds whose words may be alike enough to
    measure: (key, [(estimated similarity, earlier key), ...]), most alike
    first, at most MAX_MEASURED."""
    from rensa import RMinHashLSH

    floor = min(0.95, max(0.3, threshold - CANDIDATE_MARGIN))
    lsh = RMinHashLSH(threshold=floor, num_perm=NUM_PERM, num_bands=bands_for(floor))
    sketches: dict[int, Any] = {}
    for key, sketch in signatures:
        near = []
        for other in lsh.query(sketch):
            estimate = sketch.jaccard(sketches[other])
            if estimate >= floor:
                near.append((estimate, other))
        if near:
            near.sort(key=lambda pair: (-pair[0], pair[1]))
            yield key, near[:MAX_MEASURED]
        lsh.insert(key, sketch)
        sketches[key] = sketch
