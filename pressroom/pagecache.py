"""What the last crawl learned about each page of a source, so the next one can ask "changed since?" and skip work.

One row per (source, URL) in the store's SQLite file, in a table of its own: the validators the partner sent
(ETag, Last-Modified), a digest of the body, what else extraction depended on (`context`), the releases the page
yielded and, for pages we navigate (archives, listings, feeds), the body itself (zlib) and the links the page led
to, so an unchanged page's links can be followed again without fetching or even parsing it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS page_cache (
    source TEXT NOT NULL,
    url TEXT NOT NULL,             -- the URL the body came from (after redirects)
    etag TEXT,
    last_modified TEXT,
    digest TEXT NOT NULL,          -- of the (decompressed) body
    context TEXT NOT NULL,         -- how the page was read: its role, hints and pressroom's version
    content_type TEXT,
    body BLOB,                     -- zlib of the body, for pages whose links are followed
    releases TEXT NOT NULL,        -- JSON list of the release URLs the page yielded
    dated INTEGER NOT NULL,        -- how many of them carry a date
    fetched TEXT NOT NULL,         -- when the body was last received
    seen TEXT NOT NULL,            -- when the page was last confirmed (200 or 304)
    links TEXT,                    -- JSON [[url, role, context], ...] the page led to; NULL: not recorded
    PRIMARY KEY (source, url)
);
"""
# A link an unchanged page led to last time: (url, role, context), as the spider's requests carry them.
CachedLink = tuple[str, str, str]
# Writes are batched: one short transaction per this many pages, so a crawl never waits on the store per page.
BATCH = 64


@dataclass(frozen=True)
class CachedPage:
    """One page as the last crawl left it (without its body, which is read only when needed)."""

    url: str
    etag: str | None
    last_modified: str | None
    digest: str
    context: str
    content_type: str | None
    has_body: bool
    releases: int
    dated: int
    seen: datetime  # when the partner last confirmed the page (200 or 304)
    links: tuple[CachedLink, ...] | None  # None: not recorded (pages cached by an older pressroom)


@dataclass(frozen=True)
class Fetched:
    """A page whose releases were all stored: what to remember about it."""

    url: str
    etag: str | None
    last_modified: str | None
    digest: str
    context: str
    content_type: str | None
    body: bytes | None
    releases: tuple[str, ...]
    dated: int
    links: tuple[CachedLink, ...] | None = None


def _links(text: str | None) -> tuple[CachedLink, ...] | None:
    return None if text is None else tuple((url, role, context) for url, role, context in json.loads(text))


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class PageCache:
    """One source's page cache: a snapshot read at open, writes buffered and committed in small batches."""

    def __init__(self, path: str | Path, source: str) -> None:
        self.source = source
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        if "links" not in {row[1] for row in self.db.execute("PRAGMA table_info(page_cache)")}:
            self.db.execute("ALTER TABLE page_cache ADD COLUMN links TEXT")  # a cache written by an older pressroom
        # The snapshot stays as it was at open: within one crawl a URL is fetched once, so nothing newer is needed.
        rows = self.db.execute(
            "SELECT url, etag, last_modified, digest, context, content_type, body IS NOT NULL,"
            " json_array_length(releases), dated, seen, links FROM page_cache WHERE source = ?",
            (source,),
        )
        self.pages = {
            row[0]: CachedPage(*row[:6], bool(row[6]), *row[7:9], datetime.fromisoformat(row[9]), _links(row[10]))
            for row in rows
        }
        self._fetched: list[Fetched] = []
        self._seen: list[tuple[str | None, str | None, str | None, str]] = []
        self._forgotten: list[str] = []
        self.broken = False

    def lookup(self, url: str) -> CachedPage | None:
        """What the last crawl remembered about `url`, if anything."""
        return self.pages.get(url)

    def body(self, url: str) -> bytes | None:
        """The body kept for `url`, decompressed; None when there is none (or it cannot be read)."""
        try:
            row = self.db.execute(
                "SELECT body FROM page_cache WHERE source = ? AND url = ?", (self.source, url)
            ).fetchone()
            return zlib.decompress(row[0]) if row and row[0] is not None else None
        except (sqlite3.Error, zlib.error) as exc:
            logger.warning("page cache: cannot read the body of %s: %s", url, exc)
            return None

    def remember(self, page: Fetched) -> None:
        """Record a page whose releases are all in the store (written with the next batch)."""
        self._fetched.append(page)
        self._maybe_flush()

    def seen(
        self, url: str, etag: str | None, last_modified: str | None, links: tuple[CachedLink, ...] | None = None
    ) -> None:
        """Record that an unchanged page was confirmed again (its releases are still current), and its links."""
        self._seen.append((etag, last_modified, None if links is None else json.dumps(links), url))
        self._maybe_flush()

    def forget(self, url: str) -> None:
        """Drop what is known about a page that failed, so the next crawl asks for it in full."""
        self._forgotten.append(url)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self._fetched) + len(self._seen) + len(self._forgotten) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered in one transaction; a failure only costs the next crawl some refetching."""
        fetched, seen, forgotten = self._fetched, self._seen, self._forgotten
        self._fetched, self._seen, self._forgotten = [], [], []
        if self.broken or not (fetched or seen or forgotten):
            return
        now = _now()
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany(
                    "INSERT OR REPLACE INTO page_cache (source, url, etag, last_modified, digest, context,"
                    " content_type, body, releases, dated, fetched, seen, links)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            self.source,
                            p.url,
                            p.etag,
                            p.last_modified,
                            p.digest,
                            p.context,
                            p.content_type,
                            zlib.compress(p.body, 6) if p.body is not None else None,
                            json.dumps(p.releases),
                            p.dated,
                            now,
                            now,
                            None if p.links is None else json.dumps(p.links),
                        )
                        for p in fetched
                    ],
                )
                # A 304 may bring fresh validators; keep the old ones when it sends none.
                self.db.executemany(
                    "UPDATE page_cache SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                    " links = COALESCE(?, links), seen = ? WHERE source = ? AND url = ?",
                    [(etag, modified, links, now, self.source, url) for etag, modified, links, url in seen],
                )
                self.db.executemany(
                    "DELETE FROM page_cache WHERE source = ? AND url = ?", [(self.source, url) for url in forgotten]
                )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            # The cache only saves work: a full disk or a locked file must not fail the crawl of this source.
            logger.warning("page cache for %s not written: %s", self.source, exc)
            self.broken = True

    def close(self) -> None:
        """Write what is left and close the connection."""
        try:
            self.flush()
        finally:
            self.db.close()
