"""The SQLite store: the only module that speaks SQL. Releases are upserted by stable id, never deleted."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from pressroom.dedupe import SIMILAR, SKETCH, similarity, sketch
from pressroom.models import Entry, Posting, Release, in_zone
from pressroom.urls import canonical_url, release_id

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS releases (
    id TEXT NOT NULL,              -- release_id(url): stable across rebuilds and URL cosmetics
    source TEXT NOT NULL,          -- config source id that posted this copy
    url TEXT NOT NULL,
    group_id TEXT NOT NULL,        -- entry id shared by every posting of the same statement
    kind TEXT NOT NULL,
    language TEXT,
    sort_at TEXT NOT NULL,         -- UTC ISO instant used for ordering
    timezone TEXT NOT NULL,        -- the source's zone: a bare date means midnight there
    embargo TEXT,                  -- UTC ISO instant before which the release appears nowhere
    data TEXT NOT NULL,            -- Release.to_json()
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    updated TEXT NOT NULL,         -- last time the content changed
    last_seen TEXT NOT NULL,
    PRIMARY KEY (id, source)
);
CREATE INDEX IF NOT EXISTS releases_sort ON releases (sort_at DESC);
CREATE INDEX IF NOT EXISTS releases_source_sort ON releases (source, sort_at DESC);
CREATE INDEX IF NOT EXISTS releases_group ON releases (group_id);
CREATE TABLE IF NOT EXISTS sketches (
    h INTEGER NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sketches_h ON sketches (h);
CREATE INDEX IF NOT EXISTS sketches_release ON sketches (id, source);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    status TEXT,                   -- ok, empty, no_dates, error
    reason TEXT,
    last_crawl TEXT,
    last_success TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    found INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Candidates must share this many sketch values before the full similarity is computed.
MIN_SHARED = SKETCH // 4


@dataclass(frozen=True)
class SourceState:
    """What the last crawl of a source found."""

    id: str
    name: str
    url: str
    status: str | None
    reason: str | None
    last_crawl: datetime | None
    last_success: datetime | None
    pages: int
    found: int
    releases: int
    newest: datetime | None


def utc_now() -> datetime:
    """The current instant, to the second, in UTC."""
    return datetime.now(UTC).replace(microsecond=0)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def sort_instant(release: Release, timezone: str, fallback: datetime) -> datetime:
    """The aware instant a release sorts by: its date (midnight in its source's zone if bare), else `fallback`."""
    value = release.published
    if value is None:
        return fallback
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(timezone))
    assert isinstance(value, date)
    return datetime.combine(value, time(0), tzinfo=ZoneInfo(timezone))


def content_hash(release: Release) -> str:
    """A digest of everything a reader would see, so unchanged recrawls change nothing."""
    payload = json.dumps(release.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _content_columns(release: Release, timezone: str, undated_at: datetime, digest: str) -> dict[str, object]:
    """The columns that follow from a release's content (an undated one sorts at `undated_at`)."""
    return {
        "url": release.url,
        "kind": release.kind,
        "language": release.language,
        "sort_at": _iso(sort_instant(release, timezone, undated_at)),
        "timezone": timezone,
        "embargo": _iso(release.embargo) if release.embargo else None,
        "data": json.dumps(release.to_json(), ensure_ascii=False),
        "content_hash": digest,
    }


class Store:
    """Releases and source health in one SQLite file (WAL, one transaction per change)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    # -- releases -----------------------------------------------------------------------------------

    def upsert(self, release: Release, timezone: str = "UTC", now: datetime | None = None) -> str:
        """Store one source's copy of a release; returns 'new', 'updated' or 'unchanged'."""
        now = now or utc_now()
        release = replace(release, url=canonical_url(release.url))
        rid = release_id(release.url)
        digest = content_hash(release)
        db = self._transaction()
        try:
            row = db.execute(
                "SELECT content_hash, first_seen FROM releases WHERE id = ? AND source = ?", (rid, release.source)
            ).fetchone()
            if row and row["content_hash"] == digest:
                db.execute(
                    "UPDATE releases SET last_seen = ? WHERE id = ? AND source = ?", (_iso(now), rid, release.source)
                )
                outcome = "unchanged"
            elif row:
                columns = _content_columns(release, timezone, datetime.fromisoformat(row["first_seen"]), digest)
                assignments = ", ".join(f"{name} = :{name}" for name in columns)
                db.execute(
                    f"UPDATE releases SET {assignments}, updated = :now, last_seen = :now"
                    " WHERE id = :id AND source = :source",
                    {**columns, "now": _iso(now), "id": rid, "source": release.source},
                )
                outcome = "updated"
            else:
                marks = sketch(release.body_text)
                columns = _content_columns(release, timezone, now, digest)
                row_values = {
                    **columns,
                    "id": rid,
                    "source": release.source,
                    "group_id": self._group_for(rid, release.source, marks),
                    "first_seen": _iso(now),
                    "updated": _iso(now),
                    "last_seen": _iso(now),
                }
                names = ", ".join(row_values)
                db.execute(
                    f"INSERT INTO releases ({names}) VALUES ({', '.join(':' + n for n in row_values)})", row_values
                )
                db.executemany("INSERT INTO sketches VALUES (?, ?, ?)", [(h, rid, release.source) for h in marks])
                outcome = "new"
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return outcome

    def _group_for(self, rid: str, source: str, marks: tuple[int, ...]) -> str:
        """The group a new posting joins: the same URL elsewhere, or a near-identical text from another source."""
        same_url = self.db.execute("SELECT group_id FROM releases WHERE id = ? LIMIT 1", (rid,)).fetchone()
        if same_url:
            return same_url["group_id"]
        if not marks:
            return rid
        placeholders = ",".join("?" * len(marks))
        candidates = self.db.execute(
            f"SELECT id, source, COUNT(*) AS shared FROM sketches WHERE h IN ({placeholders}) AND source != ?"
            " GROUP BY id, source HAVING shared >= ? ORDER BY shared DESC LIMIT 10",
            (*marks, source, MIN_SHARED),
        ).fetchall()
        for cand in candidates:
            theirs = tuple(
                r["h"]
                for r in self.db.execute(
                    "SELECT h FROM sketches WHERE id = ? AND source = ? ORDER BY h", (cand["id"], cand["source"])
                )
            )
            if similarity(marks, theirs) >= SIMILAR:
                row = self.db.execute(
                    "SELECT group_id FROM releases WHERE id = ? AND source = ?", (cand["id"], cand["source"])
                ).fetchone()
                return row["group_id"]
        return rid

    def count(self, source: str | None = None) -> int:
        """How many postings are stored (for one source, or all)."""
        if source is None:
            return self.db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM releases WHERE source = ?", (source,)).fetchone()[0]

    def entries(
        self,
        limit: int,
        source: str | None = None,
        language: str | None = None,
        kind: str | None = None,
        now: datetime | None = None,
        hidden: Collection[str] = (),
        offset: int = 0,
        oldest_first: bool = False,
        memo: dict[tuple[str, ...], Entry] | None = None,
    ) -> list[Entry]:
        """The newest `limit` feed entries, optionally of one language or kind.

        Without `source`: one entry per statement, crediting every posting. With `source`: that source's
        own copies, one entry each. With `now`, releases still under embargo are left out, and so are
        the release ids in `hidden`. `offset` and `oldest_first` page through the whole history (archives).
        Entries built from the same rows are taken from (and added to) `memo`, so feeds can share them.
        """
        order = "ASC" if oldest_first else "DESC"
        filters = [(column, value) for column, value in (("language", language), ("kind", kind)) if value is not None]
        where = "".join(f" AND {column} = ?" for column, _ in filters)
        params: list[str] = [value for _, value in filters]
        visible, visible_params = _visibility(now, hidden)
        where += visible
        params += visible_params
        if source is not None:
            rows = self.db.execute(
                f"SELECT * FROM releases WHERE source = ?{where} ORDER BY sort_at {order}, id LIMIT ? OFFSET ?",
                (source, *params, limit, offset),
            ).fetchall()
            names = self._source_names()
            return [self._entry(row["id"], [row], names, memo) for row in rows]
        groups = self.db.execute(
            f"SELECT group_id, MIN(sort_at) AS first FROM releases WHERE 1{where} GROUP BY group_id"
            f" ORDER BY first {order}, group_id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return self._group_entries([g["group_id"] for g in groups], where, params, memo)

    def group_entries(
        self,
        group_ids: list[str],
        now: datetime | None = None,
        hidden: Collection[str] = (),
        memo: dict[tuple[str, ...], Entry] | None = None,
    ) -> list[Entry]:
        """The combined entries for `group_ids`, in that order, visible at `now` (an archive page's entries)."""
        where, params = _visibility(now, hidden)
        return self._group_entries(group_ids, where, params, memo)

    def _group_entries(
        self, ids: list[str], where: str, params: list[str], memo: dict[tuple[str, ...], Entry] | None
    ) -> list[Entry]:
        members: dict[str, list[sqlite3.Row]] = {gid: [] for gid in ids}
        for chunk in _chunks(ids, 500):
            placeholders = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT * FROM releases WHERE group_id IN ({placeholders}){where}"
                " ORDER BY sort_at, first_seen, source",
                (*chunk, *params),
            ):
                members[row["group_id"]].append(row)
        names = self._source_names()
        return [self._entry(gid, members[gid], names, memo) for gid in ids]

    def history(self, now: datetime | None = None, hidden: Collection[str] = ()) -> list[tuple[str, str]]:
        """Every visible statement oldest first, as (group id, revision): the order archive pages are cut from.

        The revision digests what each entry's output depends on (its postings' content, times and names), so
        an archive page whose revisions are unchanged needs no rebuilding. One pass, no row data decoded.
        """
        where, params = _visibility(now, hidden)
        rows = self.db.execute(
            "SELECT group_id, MIN(sort_at) AS first,"
            " GROUP_CONCAT(id || ' ' || source || ' ' || content_hash || ' ' || updated || ' ' || first_seen, ';')"
            f" AS members FROM releases WHERE 1{where} GROUP BY group_id ORDER BY first ASC, group_id",
            params,
        )
        names = self._source_names()
        # Source names are shown in every entry; a renamed partner changes every page it appears on.
        salt = json.dumps(sorted(names.items()))
        return [
            (r["group_id"], hashlib.blake2b(f"{salt}|{r['members']}".encode(), digest_size=16).hexdigest())
            for r in rows
        ]

    def facets(self, column: str) -> list[str]:
        """Every stored value of `language` or `kind`, for the per-language and per-kind feeds."""
        if column not in ("language", "kind"):
            raise ValueError(f"not a facet: {column}")
        rows = self.db.execute(f"SELECT DISTINCT {column} FROM releases WHERE {column} IS NOT NULL ORDER BY 1")
        return [r[0] for r in rows]

    def _entry(
        self,
        entry_id: str,
        rows: list[sqlite3.Row],
        names: dict[str, str],
        memo: dict[tuple[str, ...], Entry] | None = None,
    ) -> Entry:
        # Everything the entry is built from; the same key means the same Entry, so it is decoded once.
        key = (entry_id, *(f"{r['id']} {r['source']} {r['content_hash']} {r['updated']}" for r in rows))
        if memo is not None and key in memo:
            return memo[key]
        primary = rows[0]
        release = in_zone(Release.from_json(json.loads(primary["data"]), source=primary["source"]), primary["timezone"])
        postings = tuple(Posting(r["source"], names.get(r["source"], r["source"]), r["url"]) for r in rows)
        first_seen = min(datetime.fromisoformat(r["first_seen"]) for r in rows)
        shown = (f"{r['timezone']} {r['first_seen']} {p.source_name}" for r, p in zip(rows, postings, strict=True))
        revision = hashlib.blake2b("|".join((*key, *shown)).encode(), digest_size=16).hexdigest()
        entry = Entry(
            id=entry_id,
            release=release,
            postings=postings,
            # In the partner's own offset: readers show what the partner wrote, feeds stay exact.
            published=sort_instant(release, primary["timezone"], datetime.fromisoformat(primary["first_seen"])),
            updated=max(datetime.fromisoformat(r["updated"]) for r in rows),
            first_seen=first_seen,
            revision=revision,
        )
        if memo is not None:
            memo[key] = entry
        return entry

    def _source_names(self) -> dict[str, str]:
        return {r["id"]: r["name"] for r in self.db.execute("SELECT id, name FROM sources")}

    # -- sources ------------------------------------------------------------------------------------

    def record_crawl(
        self,
        source_id: str,
        name: str,
        url: str,
        status: str,
        reason: str | None,
        pages: int,
        found: int,
        when: datetime | None = None,
    ) -> None:
        """Remember how a source's crawl ended; a failure keeps the last success time."""
        when = when or utc_now()
        success = _iso(when) if status != "error" else None
        db = self._transaction()
        try:
            db.execute(
                "INSERT INTO sources (id, name, url, status, reason, last_crawl, last_success, pages, found)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET name = excluded.name, url = excluded.url, status = excluded.status,"
                " reason = excluded.reason, last_crawl = excluded.last_crawl,"
                " last_success = COALESCE(excluded.last_success, sources.last_success),"
                " pages = excluded.pages, found = excluded.found",
                (source_id, name, url, status, reason, _iso(when), success, pages, found),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def register_source(self, source_id: str, name: str, url: str) -> None:
        """Make sure a configured source has a row (and its current display name)."""
        self.db.execute(
            "INSERT INTO sources (id, name, url) VALUES (?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET name = excluded.name, url = excluded.url",
            (source_id, name, url),
        )

    def source_states(self) -> dict[str, SourceState]:
        """Every known source with its last crawl and what is stored for it."""
        stats = {
            r["source"]: (r["n"], _dt(r["newest"]))
            for r in self.db.execute(
                "SELECT source, COUNT(*) AS n, MAX(sort_at) AS newest FROM releases GROUP BY source"
            )
        }
        states = {}
        for r in self.db.execute("SELECT * FROM sources ORDER BY id"):
            count, newest = stats.get(r["id"], (0, None))
            states[r["id"]] = SourceState(
                id=r["id"],
                name=r["name"],
                url=r["url"],
                status=r["status"],
                reason=r["reason"],
                last_crawl=_dt(r["last_crawl"]),
                last_success=_dt(r["last_success"]),
                pages=r["pages"],
                found=r["found"],
                releases=count,
                newest=newest,
            )
        return states


def _visibility(now: datetime | None, hidden: Collection[str]) -> tuple[str, list[str]]:
    """SQL conditions leaving out releases under embargo at `now` and the ids in `hidden`."""
    where, params = "", []
    if now is not None:
        where += " AND (embargo IS NULL OR embargo <= ?)"
        params.append(_iso(now))
    if hidden:
        where += f" AND id NOT IN ({','.join('?' * len(hidden))})"
        params.extend(hidden)
    return where, params


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
