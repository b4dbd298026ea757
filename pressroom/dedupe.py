"""Near-duplicate detection for statements that several partners post under different URLs and titles."""

from __future__ import annotations

import hashlib
import heapq
import re

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 5  # words per shingle: long enough that shared boilerplate phrases rarely match
SKETCH = 32  # bottom-k sketch size: estimates Jaccard similarity within a few percent
MIN_WORDS = 40  # shorter texts (teasers, one-liners) are too easy to confuse
SIMILAR = 0.7  # estimated Jaccard at or above this is "the same statement"


def sketch(text: str) -> tuple[int, ...]:
    """Bottom-k MinHash sketch of the text's word shingles; () when the text is too short to judge."""
    words = [word.encode() for word in WORD.findall(text.lower())]
    if len(words) < MIN_WORDS:
        return ()
    count = len(words) - SHINGLE + 1
    # Each shingle's words joined by a space: the i-th of each of SHINGLE staggered runs of the words.
    shingles = set(map(b" ".join, zip(*(words[start : start + count] for start in range(SHINGLE)), strict=True)))
    # The smallest digests are the smallest numbers (same length, big-endian): only those few are converted.
    digests = heapq.nsmallest(SKETCH, {hashlib.blake2b(shingle, digest_size=7).digest() for shingle in shingles})
    return tuple(int.from_bytes(digest, "big") for digest in digests)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches."""
    if not a or not b:
        return 0.0
    union_bottom = sorted(set(a) | set(b))[:SKETCH]
    shared = set(a) & set(b)
    return sum(1 for h in union_bottom if h in shared) / len(union_bottom)
