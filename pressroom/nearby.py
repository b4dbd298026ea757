"""Near-duplicate candidates for a new posting, looked up in memory while the store holds few sketches.

A new posting is compared in full only with postings that share at least MIN_SHARED of its sketch values, counting
for each value only its newest CANDIDATE_ROWS postings (see `Store._group_for`). With a few thousand postings stored
(a newsroom's first crawl, a small newsroom) those lists fit in memory, where reading them costs a fifth of the
32-way query; past ROW_LIMIT sketch rows the store asks SQLite. The lists follow the table, whose rows are only ever
inserted: its highest rowid says whether anything was added that the lists have not seen.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from itertools import chain

# Sketch rows (32 a posting) held in memory at most: about 1,500 postings, a few megabytes.
ROW_LIMIT = 50_000

# A stored posting: (id, source).
Posting = tuple[str, str]


class CandidateIndex:
    """Each sketch value's newest postings, newest first, as the sketches table holds them up to rowid `top`."""

    def __init__(self, per_value: int) -> None:
        self.per_value = per_value
        self.newest: dict[int, list[Posting]] = {}
        self.values: dict[Posting, list[int]] = {}  # each posting's sketch
        self.rows = 0
        self.top = 0

    @classmethod
    def load(cls, db: sqlite3.Connection, top: int, per_value: int) -> CandidateIndex | None:
        """The index of the table up to rowid `top` (its highest), or None when it holds more than ROW_LIMIT rows."""
        if top > ROW_LIMIT:
            return None
        index = cls(per_value)
        index.add(db.execute("SELECT h, id, source FROM sketches WHERE rowid <= ? ORDER BY rowid", (top,)), top)
        return index

    def add(self, rows: Iterable[tuple[int, str, str]], top: int) -> None:
        """Take in (value, id, source) rows inserted in rowid order, the last of them at rowid `top`."""
        newest, values, per_value = self.newest, self.values, self.per_value
        for value, rid, source in rows:
            posting = (rid, source)
            held = newest.get(value)
            if held is None:
                newest[value] = [posting]
            else:
                held.insert(0, posting)
                if len(held) > per_value:
                    held.pop()
            values.setdefault(posting, []).append(value)
            self.rows += 1
        self.top = top

    def full(self) -> bool:
        """Whether the index has grown past ROW_LIMIT rows (the store asks SQLite from then on)."""
        return self.rows > ROW_LIMIT

    def shared(self, marks: Iterable[int], source: str, least: int, most: int) -> list[Posting]:
        """Up to `most` postings of other sources sharing `least` or more of `marks`: most shared first, then by id."""
        newest = self.newest
        counts = Counter(chain.from_iterable(newest.get(value, ()) for value in marks))
        found = sorted(
            (-count, posting) for posting, count in counts.items() if count >= least and posting[1] != source
        )
        return [posting for _, posting in found[:most]]

    def sketch(self, posting: Posting) -> tuple[int, ...]:
        """The posting's sketch values, in ascending order."""
        return tuple(sorted(self.values.get(posting, ())))
