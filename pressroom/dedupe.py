"""Near-duplicate detection for statements that several partners post under different URLs and titles."""

from __future__ import annotations

import hashlib
import re

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 5  # words per shingle: long enough that shared boilerplate phrases rarely match
SKETCH = 32  # bottom-k sketch size: estimates Jaccard similarity within a few percent
MIN_WORDS = 40  # shorter texts (teasers, one-liners) are too easy to confuse
SIMILAR = 0.7  # estimated Jaccard at or above this is "the same statement"


def sketch(text: str) -> tuple[int, ...]:
    """Bottom-k MinHash sketch of the text's word shingles; () when the text is too short to judge."""
    words = WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return ()
    hashes = {
        int.from_bytes(hashlib.blake2b(" ".join(words[i : i + SHINGLE]).encode(), digest_size=7).digest(), "big")
        for i in range(len(words) - SHINGLE + 1)
    }
    return tuple(sorted(hashes)[:SKETCH])


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches."""
    if not a or not b:
        return 0.0
    union_bottom = sorted(set(a) | set(b))[:SKETCH]
    shared = set(a) & set(b)
    return sum(1 for h in union_bottom if h in shared) / len(union_bottom)
