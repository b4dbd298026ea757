"""The store's cache of rendered entries: each entry's bytes in each feed format, kept by revision.

An entry's bytes in a feed follow from its revision (`EntryRef.revision` digests everything it shows), the format,
whether the feed re-parses its entries (`settle`), the feed title when the entry credits nobody (`fallback`) and
the rendering code. Kept here, they are rendered once per revision however many publishes, folders and feeds use
them: a publish into an empty folder splices stored bytes instead of rendering the whole history again. Saving a
revision's parts drops those of the same entry's older revisions (the same id with the same postings: a source's
own feed shows a reposted statement with fewer postings than the combined one, a revision of its own that stays);
a different rendering code (`code`) empties the cache.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence

from pressroom.storeread import chunks, marks

PARTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS parts (
    entry TEXT NOT NULL,           -- a digest of the entry's id and postings: a newer revision replaces the older
    revision TEXT NOT NULL,
    format TEXT NOT NULL,          -- atom, rss, json
    settle INTEGER NOT NULL,       -- rendered for a feed whose entries are re-parsed (see feeds.render)
    fallback TEXT NOT NULL,        -- the feed title it was rendered with when it credits nobody, else ''
    data BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS parts_key ON parts (revision, format, settle, fallback);
CREATE INDEX IF NOT EXISTS parts_entry ON parts (entry);
"""
# (format, revision, settle) -> (fallback, bytes): as `pressroom.parts` keeps them in memory.
Found = dict[tuple[str, str, bool], tuple[str, bytes]]
# entry (see the schema), revision, format, settle, fallback, bytes.
PartRow = tuple[str, str, str, bool, str, bytes]
_CODE_KEY = "parts_code"
# Revisions per query: well under SQLite's limit on parameters.
_CHUNK = 400


class PartCache:
    """Reading and saving rendered entries (mixed into `Store`, whose connection is `self.db`)."""

    db: sqlite3.Connection

    def parts_code(self) -> str | None:
        """The rendering code the stored parts were made by (None when none were ever saved)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (_CODE_KEY,)).fetchone()
        return row[0] if row else None

    def part_count(self, up_to: int) -> int:
        """How many rendered entries the store keeps (formats and variants counted), counting no further than `up_to`.

        A publish only asks whether there are as many as it wants; counting them all would grow with the store.
        """
        return self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM parts LIMIT ?)", (up_to,)).fetchone()[0]

    def stored_parts(self, revisions: Collection[str], formats: Sequence[tuple[str, bool]], title: str) -> Found:
        """The stored parts of `revisions` in each (format, settle) of `formats`, fitting a feed titled `title`."""
        found: Found = {}
        wanted = set(formats)
        kinds = sorted({fmt for fmt, _ in formats})
        cursor = self.db.cursor()
        cursor.row_factory = None
        for chunk in chunks(list(revisions), _CHUNK):
            rows = cursor.execute(
                f"SELECT revision, format, settle, fallback, data FROM parts WHERE revision IN ({marks(chunk)})"
                f" AND format IN ({marks(kinds)}) AND fallback IN ('', ?)",
                (*chunk, *kinds, title),
            )
            for revision, fmt, settle, fallback, data in rows:
                if (fmt, bool(settle)) in wanted:
                    found[(fmt, revision, bool(settle))] = (fallback, data)
        return found

    def stored_keys(self, revisions: Collection[str]) -> set[tuple[str, str]]:
        """The (format, revision) pairs of `revisions` held in any variant, read from the index alone."""
        held: set[tuple[str, str]] = set()
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples, as the keys are
        for chunk in chunks(list(revisions), _CHUNK):
            query = f"SELECT format, revision FROM parts WHERE revision IN ({marks(chunk)})"
            held.update(cursor.execute(query, chunk))
        return held

    def save_parts(self, rows: Iterable[PartRow], code: str) -> None:
        """Keep these parts, made by rendering code `code`, in place of their entries' older revisions."""
        rows = list(rows)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if self.parts_code() != code:
                self.db.execute("DELETE FROM parts")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_CODE_KEY, code))
            latest = {(entry, revision) for entry, revision, *_ in rows}
            self.db.executemany("DELETE FROM parts WHERE entry = ? AND revision != ?", latest)
            self.db.executemany(
                "INSERT OR REPLACE INTO parts (entry, revision, format, settle, fallback, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.db.execute("COMMIT")
        except BaseException:
            # SQLite has rolled back already after some errors (a full disk).
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
