"""The SQLite store: the only module that speaks SQL. Releases are upserted by stable id, never deleted."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from pressroom.dedupe import SIMILAR, SKETCH, similarity, sketch
from pressroom.models import Release
from pressroom.nearby import CandidateIndex, Posting
from pressroom.storeparts import PARTS_SCHEMA, PartCache
from pressroom.storeread import READ_INDEXES, Reading
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
# Postings examined per sketch value when looking for a near-duplicate: the newest ones, as reposts come close together.
# A repost shares most of its 32 values with the original, so a few values crowded by common phrases cost it nothing,
# while every row examined costs each new posting's upsert (64 per value took a third more of a crawl's store time).
CANDIDATE_ROWS = 16
# Candidates compared in full at most, the most alike first.
CANDIDATES = 10


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
    return _content_hash(release.to_json())


def _content_hash(data: dict[str, object]) -> str:
    return _digest(_payload(data))


def _payload(data: dict[str, object]) -> str:
    """A release's JSON with sorted keys: what its content digest is taken of, and what the store keeps."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """What `Store.upsert` computes from a release before touching SQL; `prepare` makes it anywhere (a worker)."""

    release: Release  # with its canonical URL
    id: str
    digest: str
    data: str  # the `data` column: Release.to_json() as JSON
    marks: tuple[int, ...] | None  # MinHash sketch of the body, for duplicate grouping (None: not computed yet)


def prepare(release: Release, sketched: bool = True) -> Prepared:
    """The CPU-bound part of an upsert: canonical URL, id, content digest, JSON and (if `sketched`) sketch."""
    release = replace(release, url=canonical_url(release.url))
    payload = _payload(release.to_json())
    return Prepared(
        release=release,
        id=release_id(release.url),
        digest=_digest(payload),
        data=payload,
        marks=sketch(release.body_text) if sketched else None,
    )


def _content_columns(prepared: Prepared, timezone: str, undated_at: datetime) -> dict[str, object]:
    """The columns that follow from a release's content (an undated one sorts at `undated_at`)."""
    release = prepared.release
    return {
        "url": release.url,
        "kind": release.kind,
        "language": release.language,
        "sort_at": _iso(sort_instant(release, timezone, undated_at)),
        "timezone": timezone,
        "embargo": _iso(release.embargo) if release.embargo else None,
        "data": prepared.data,
        "content_hash": prepared.digest,
    }


class Store(Reading, PartCache):
    """Releases and source health in one SQLite file (WAL, one transaction per change); rendered entries too."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.executescript(READ_INDEXES)
        self.db.executescript(PARTS_SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        # The near-duplicate search's candidates in memory, while the store holds few sketches (`pressroom.nearby`).
        self._nearby: CandidateIndex | None = None

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

    def upsert(
        self, release: Release, timezone: str = "UTC", now: datetime | None = None, prepared: Prepared | None = None
    ) -> str:
        """Store one source's copy of a release; returns 'new', 'updated' or 'unchanged'.

        `prepared` is `prepare(release)` computed ahead (by the crawl's extraction worker) to spare this process.
        """
        return self.upsert_many([(release, timezone, prepared)], now)[0]

    def upsert_many(self, items: list[tuple[Release, str, Prepared | None]], now: datetime | None = None) -> list[str]:
        """Upsert several (release, timezone, prepared) in one transaction: all are stored, or none (and it raises).

        One commit for the lot: the crawl stores what a moment of downloading brought in at once, since each commit
        writes every page it changed (of the releases, their indexes and the sketches) to the WAL again.
        """
        now = now or utc_now()
        db = self._transaction()
        try:
            outcomes = [self._upsert_in(db, release, timezone, now, prepared) for release, timezone, prepared in items]
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            self._nearby = None  # it may hold sketches that were just rolled back: read again when next needed
            raise
        return outcomes

    def _upsert_in(
        self, db: sqlite3.Connection, release: Release, timezone: str, now: datetime, prepared: Prepared | None
    ) -> str:
        # Only a new posting needs the sketch: leave it for later when nothing was computed ahead.
        prepared = prepared or prepare(release, sketched=False)
        release = replace(prepared.release, source=release.source)
        rid, digest = prepared.id, prepared.digest
        row = db.execute(
            "SELECT content_hash, first_seen FROM releases WHERE id = ? AND source = ?", (rid, release.source)
        ).fetchone()
        if row and row["content_hash"] == digest:
            db.execute(
                "UPDATE releases SET last_seen = ? WHERE id = ? AND source = ?", (_iso(now), rid, release.source)
            )
            return "unchanged"
        if row:
            columns = _content_columns(prepared, timezone, datetime.fromisoformat(row["first_seen"]))
            assignments = ", ".join(f"{name} = :{name}" for name in columns)
            db.execute(
                f"UPDATE releases SET {assignments}, updated = :now, last_seen = :now"
                " WHERE id = :id AND source = :source",
                {**columns, "now": _iso(now), "id": rid, "source": release.source},
            )
            return "updated"
        marks = prepared.marks if prepared.marks is not None else sketch(release.body_text)
        columns = _content_columns(prepared, timezone, now)
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
        db.execute(f"INSERT INTO releases ({names}) VALUES ({', '.join(':' + n for n in row_values)})", row_values)
        rows = [(h, rid, release.source) for h in marks]
        db.executemany("INSERT INTO sketches VALUES (?, ?, ?)", rows)
        if self._nearby is not None and rows:
            self._nearby.add(rows, self._sketch_top())
            if self._nearby.full():
                self._nearby = None
        return "new"

    def _group_for(self, rid: str, source: str, marks: tuple[int, ...]) -> str:
        """The group a new posting joins: the same URL elsewhere, or a near-identical text from another source."""
        same_url = self.db.execute("SELECT group_id FROM releases WHERE id = ? LIMIT 1", (rid,)).fetchone()
        if same_url:
            return same_url["group_id"]
        if not marks:
            return rid
        for posting in self._candidates(marks, source):
            if similarity(marks, self._sketch_of(posting)) >= SIMILAR:
                row = self.db.execute("SELECT group_id FROM releases WHERE id = ? AND source = ?", posting).fetchone()
                return row["group_id"]
        return rid

    def _candidates(self, marks: tuple[int, ...], source: str) -> list[Posting]:
        """(id, source) of the postings of other sources worth comparing with `marks`, the most alike first."""
        # A shingle shared by many postings (boilerplate) says little and would make every upsert scan them all:
        # each sketch value contributes only its newest CANDIDATE_ROWS postings, so the search stays bounded.
        top = self._sketch_top()
        if self._nearby is None or self._nearby.top != top:
            self._nearby = CandidateIndex.load(self.db, top, CANDIDATE_ROWS)
        if self._nearby is not None:
            return self._nearby.shared(marks, source, MIN_SHARED, CANDIDATES)
        one = f"SELECT * FROM (SELECT id, source FROM sketches WHERE h = ? ORDER BY rowid DESC LIMIT {CANDIDATE_ROWS})"
        rows = self.db.execute(
            f"SELECT id, source, COUNT(*) AS shared FROM ({' UNION ALL '.join([one] * len(marks))})"
            f" WHERE source != ? GROUP BY id, source HAVING shared >= ? ORDER BY shared DESC, id, source"
            f" LIMIT {CANDIDATES}",
            (*marks, source, MIN_SHARED),
        )
        return [(row["id"], row["source"]) for row in rows]

    def _sketch_of(self, posting: Posting) -> tuple[int, ...]:
        """A stored posting's (id, source) sketch values, ascending."""
        if self._nearby is not None:
            return self._nearby.sketch(posting)
        return tuple(
            r["h"] for r in self.db.execute("SELECT h FROM sketches WHERE id = ? AND source = ? ORDER BY h", posting)
        )

    def _sketch_top(self) -> int:
        """The highest rowid of the sketches table: rows are only ever inserted, so it moves with every insert."""
        return self.db.execute("SELECT max(rowid) FROM sketches").fetchone()[0] or 0

    def count(self, source: str | None = None) -> int:
        """How many postings are stored (for one source, or all)."""
        if source is None:
            return self.db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM releases WHERE source = ?", (source,)).fetchone()[0]

    def facets(self, column: str) -> list[str]:
        """Every stored value of `language` or `kind`, for the per-language and per-kind feeds."""
        if column not in ("language", "kind"):
            raise ValueError(f"not a facet: {column}")
        rows = self.db.execute(f"SELECT DISTINCT {column} FROM releases WHERE {column} IS NOT NULL ORDER BY 1")
        return [r[0] for r in rows]

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
