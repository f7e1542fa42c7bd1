"""Near-duplicate bodies, found without comparing every pair.

Each body gets a MinHash signature of its set of words (rensa, in Rust: about
25 µs for a 4 KB body, where building word shingles in Python alone costs
three times that).  A seed keeps only a summary of it, 128 bytes where the
signature takes 1 KB and an index of signatures 0.4 KB more: one hash per
locality-sensitive-hashing band, and the lowest two bits of each MinHash
value (b-bit MinHash), enough to estimate how alike two bodies' words are.
Two bits agree by chance one time in four, against one in 256 for a whole
byte, but near the threshold, where the estimate decides, the error is about
the same (for words 90% alike, a standard error of 0.022 with two bits and
0.019 with eight), and the comparison is a few operations on 512-bit
integers.  Seeds that share a band are candidates; the estimate keeps the
alike ones; each of those is then measured exactly, as the Jaccard
similarity of the two bodies' sets of 5-word shingles, and that figure is
what is reported and compared with the threshold.  A light edit changes a
few shingles and fewer words, so a pair above the threshold in shingles is
above it in words too: the word signature only narrows the search.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Iterator

from checks.detect.lookalike import fold_bytes

NUM_PERM = 256
SEED = 20221213
SHINGLE = 5
# A band's hash: CRC-32 (two unrelated bands agree by chance once in 4e9
# pairs; the estimate then drops them).
BAND_BYTES = 4
# An array of band hashes, compared only for equality (in the machine's order).
_BAND_TYPE = next(code for code in "IL" if array(code).itemsize == BAND_BYTES)
# The low bits of each MinHash value that are kept: two, four to a byte.
LOW_BITS = 2
LOW_BYTES = NUM_PERM * LOW_BITS // 8
_CHANCE = 1 / (1 << LOW_BITS)  # how often two unrelated values' low bits agree
_LOW = bytes(b & ((1 << LOW_BITS) - 1) for b in range(256))  # a byte's low bits
_FIELDS = int.from_bytes(b"\x55" * LOW_BYTES, "little")  # each field's low bit
# Words survive a light edit better than shingles do: a pair whose 5-word
# shingles reach the threshold shares more of its words than that.  Candidates
# are pairs whose words are alike a little above the threshold, which keeps
# texts on the same subject (alike in words, not in sentences) out.
CANDIDATE_MARGIN = -0.05
# However alike a corpus's vocabulary, no seed is measured against more than
# this many earlier seeds (the most alike by signature), nor compared with more
# than MAX_PER_BAND earlier seeds of one band (the latest), nor keeps more than
# MAX_CANDIDATES: a corpus of thousands of near-copies stays linear in time
# and memory.
MAX_MEASURED = 8
MAX_PER_BAND = 32
MAX_CANDIDATES = 64


def words(body: bytes) -> list[bytes]:
    """The body's words as near-duplicates compare them: folded (look-alike
    letters as one, every space a space, invisible characters dropped; see
    checks.detect.lookalike), lowercased."""
    return fold_bytes(body).lower().split()


def floor_for(threshold: float) -> float:
    """How alike in words two bodies must be estimated to be measured."""
    return min(0.95, max(0.3, threshold - CANDIDATE_MARGIN))


def bands_for(threshold: float) -> int:
    """The number of LSH bands whose S-curve rises just below `threshold`: a
    pair is proposed with probability 1 - (1 - s**rows)**bands."""
    return min(
        (b for b in (4, 8, 16, 32, 64) if NUM_PERM % b == 0),
        key=lambda b: abs((1 / b) ** (b / NUM_PERM) - (threshold - 0.05)),
    )


def signature(body: bytes, threshold: float) -> bytes:
    """A body's summary for near-duplicate search: BAND_BYTES per band (the
    banding that suits `threshold`), then LOW_BITS per MinHash value."""
    from rensa import RMinHash

    sketch = RMinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update(words(body))
    values = array("I", sketch.digest())
    if sys.byteorder == "big":
        values.byteswap()
    raw = values.tobytes()
    bands = bands_for(floor_for(threshold))
    width = len(raw) // bands
    # Value k's low bits go to field k % 4 of byte k // 4 (any fixed place
    # will do: both sides of a comparison use the same).  The fields are
    # filled a quarter at a time: a byte of low bits shifted within itself.
    low = raw[::4].translate(_LOW)  # each value's lowest byte, then its bits
    packed = 0
    for field in range(8 // LOW_BITS):
        packed |= int.from_bytes(low[field :: 8 // LOW_BITS], "little") << (
            field * LOW_BITS
        )
    return b"".join(
        zlib.crc32(raw[i : i + width]).to_bytes(BAND_BYTES, "little")
        for i in range(0, len(raw), width)
    ) + packed.to_bytes(LOW_BYTES, "little")


def low_bits(signature: bytes) -> int:
    """The summary's low bits of the MinHash values, as one integer."""
    return int.from_bytes(signature[-LOW_BYTES:], "little")


def differing(a: int, b: int) -> int:
    """How many MinHash values of two summaries differ in their low bits
    (see low_bits)."""
    differ = a ^ b
    return ((differ | differ >> 1) & _FIELDS).bit_count()


def _alike(differing: int) -> float:
    """How alike two bodies' words are estimated to be, from how many low
    bits of their MinHash values differ: a value agrees when the words agree,
    or by chance one time in four."""
    same = 1 - differing / NUM_PERM
    return max(0.0, (same - _CHANCE) / (1 - _CHANCE))


def _most_differing(floor: float) -> int:
    """The most values that may differ in two summaries estimated at least
    `floor` alike."""
    return max((d for d in range(NUM_PERM + 1) if _alike(d) >= floor), default=-1)


def shingles(body: bytes) -> set[tuple[bytes, ...]]:
    w = words(body)
    if len(w) < SHINGLE:
        return {tuple(w)} if w else set()
    return set(zip(*(w[i:] for i in range(SHINGLE))))


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def candidates(
    signatures: list[bytes], threshold: float
) -> Iterator[tuple[int, list[tuple[float, int]]]]:
    """For each seed (its index in `signatures`), the earlier seeds whose
    words may be alike enough to measure: (index, [(estimated similarity,
    earlier index), ...]), most alike first, at most MAX_MEASURED.  Seeds that
    share a band's hash are found one band at a time, with a table of the
    hashes seen so far (most are seen once); only the pairs estimated alike
    enough are kept, so that a corpus on one subject, whose seeds share bands
    without being copies, costs no memory for them."""
    floor = floor_for(threshold)
    most = _most_differing(floor)  # the estimate's floor, without computing it
    lows = [low_bits(s) for s in signatures]
    bands = bands_for(floor)
    hashes = array(_BAND_TYPE)  # every seed's band hashes, one after another
    for signature in signatures:
        hashes.frombytes(signature[: bands * BAND_BYTES])
    near: dict[int, dict[int, float]] = {}
    for band in range(bands):
        seen: dict[int, int | list[int]] = {}
        for j, key in enumerate(hashes[band::bands]):
            before = seen.get(key)
            if before is None:
                seen[key] = j
                continue
            if isinstance(before, int):
                others: list[int] = [before]
                seen[key] = [before, j]
            else:
                others = before[-MAX_PER_BAND:]
                before.append(j)
            found = near.get(j, {})
            for i in others:
                if i in found or len(found) >= MAX_CANDIDATES:
                    continue
                apart = differing(lows[i], lows[j])
                if apart <= most:
                    found[i] = _alike(apart)
                    near[j] = found
    for j in sorted(near):
        ranked = sorted(
            ((a, i) for i, a in near[j].items()), key=lambda p: (-p[0], p[1])
        )
        yield j, ranked[:MAX_MEASURED]
