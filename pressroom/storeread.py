"""The store's read path for publishing: newest-N windows, archive history and what changed since a publish.

Every query reads a window through an index (the newest postings, one group's postings, one range of sort
instants), so the cost of a publish follows the size of its feeds, not of the store. Row metadata is read first
and fingerprinted (`EntryRef.revision`); the stored JSON is decoded only for entries that are rendered.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter

from pressroom.models import Entry, Posting, Release, in_zone

# Every column but `data`: enough to order, group and fingerprint an entry without decoding it (`_ref` reads them by
# position: keep the order).
META = "rowid, id, source, url, group_id, sort_at, timezone, content_hash, first_seen, updated"
# An archive position: a statement's first posting instant and its group id (the order archive pages follow).
Key = tuple[str, str]
READ_INDEXES = """
CREATE INDEX IF NOT EXISTS releases_language_sort ON releases (language, sort_at);
CREATE INDEX IF NOT EXISTS releases_kind_sort ON releases (kind, sort_at);
CREATE INDEX IF NOT EXISTS releases_embargo ON releases (embargo) WHERE embargo IS NOT NULL;
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    release INTEGER NOT NULL,      -- rowid of the inserted or changed posting
    old_group TEXT                 -- its group before the change (NULL for an insert)
);
CREATE TRIGGER IF NOT EXISTS releases_added AFTER INSERT ON releases
BEGIN INSERT INTO changes (release) VALUES (new.rowid); END;
CREATE TRIGGER IF NOT EXISTS releases_changed
AFTER UPDATE OF id, source, url, group_id, sort_at, timezone, embargo, content_hash, first_seen, updated ON releases
BEGIN INSERT INTO changes (release, old_group) VALUES (new.rowid, old.group_id); END;
"""


@dataclass(frozen=True)
class EntryRef:
    """An entry known by its postings' metadata (shown posting first) and the digest of everything it shows."""

    id: str
    rows: tuple[sqlite3.Row, ...]
    revision: str


@dataclass(frozen=True)
class Visibility:
    """Which postings may be published: none under embargo at `now`, none whose id is in `hidden`."""

    now: datetime | None = None
    hidden: tuple[str, ...] = ()

    def sql(self) -> tuple[str, list[str]]:
        """The SQL conditions (to append after a WHERE) and their parameters."""
        where, params = "", []
        if self.now is not None:
            where += " AND (embargo IS NULL OR embargo <= ?)"
            params.append(self.now.astimezone(UTC).isoformat())
        if self.hidden:
            where += f" AND id NOT IN ({','.join('?' * len(self.hidden))})"
            params.extend(self.hidden)
        return where, params


class Reading:
    """The read methods of `Store` (mixed in; `self.db` is the store's connection)."""

    db: sqlite3.Connection

    def entries(
        self,
        limit: int,
        source: str | None = None,
        language: str | None = None,
        kind: str | None = None,
        now: datetime | None = None,
        hidden: Collection[str] = (),
        memo: dict[str, Entry] | None = None,
    ) -> list[Entry]:
        """The newest `limit` feed entries, optionally of one source, language or kind.

        Without `source`: one entry per statement, crediting every posting. With `source`: that source's
        own copies, one entry each. With `now`, releases still under embargo are left out, and so are
        the release ids in `hidden`. Entries of the same revision are taken from (and added to) `memo`.
        """
        refs = self.window(limit, source, language, kind, Visibility(now, tuple(hidden)))
        return self.load(refs, memo)

    def window(
        self,
        limit: int,
        source: str | None = None,
        language: str | None = None,
        kind: str | None = None,
        visible: Visibility = Visibility(),  # noqa: B008 - immutable
    ) -> list[EntryRef]:
        """The newest `limit` entries, newest first; see `Store.entries`."""
        filters = [(column, value) for column, value in (("language", language), ("kind", kind)) if value is not None]
        params: list[str] = [value for _, value in filters] + visible.sql()[1]
        where = "".join(f" AND {column} = ?" for column, _ in filters) + visible.sql()[0]
        # For a few groups' postings the group index is the way in: "+" keeps SQLite from reading every
        # posting of the language or kind through their index instead.
        members = "".join(f" AND +{column} = ?" for column, _ in filters) + visible.sql()[0]
        names = self.source_names()
        if source is not None:
            rows = self.db.execute(
                f"SELECT {META} FROM releases WHERE source = ?{where} ORDER BY sort_at DESC, id LIMIT ?",
                (source, *params, limit),
            ).fetchall()
            return [_ref(row["id"], [row], names) for row in rows]
        return self._refs(self._newest_groups(limit, where, members, params), members, params, names)

    def group_refs(self, group_ids: Sequence[str], visible: Visibility) -> list[EntryRef]:
        """The combined entries of `group_ids`, in that order (those with no visible posting left out)."""
        where, params = visible.sql()
        return self._refs(group_ids, where, params, self.source_names())

    def load(self, refs: Sequence[EntryRef], memo: dict[str, Entry] | None = None) -> list[Entry]:
        """The entries of `refs`, decoded; `memo` (by revision) shares them between the feeds of one publish."""
        memo = {} if memo is None else memo
        missing = [ref for ref in refs if ref.revision not in memo]
        data: dict[int, str] = {}
        for chunk in chunks([ref.rows[0]["rowid"] for ref in missing], 500):
            data.update(self.db.execute(f"SELECT rowid, data FROM releases WHERE rowid IN ({marks(chunk)})", chunk))
        names = self.source_names()
        for ref in missing:
            memo[ref.revision] = _entry(ref, data[ref.rows[0]["rowid"]], names)
        return [memo[ref.revision] for ref in refs]

    def history(self, visible: Visibility, refs: bool = True) -> list[tuple[Key, EntryRef | str]]:
        """Every visible statement oldest first, as (archive key, reference or, without `refs`, its revision).

        One pass, no row data decoded. A reference holds its postings' rows: about a kilobyte per statement.
        """
        where, params = visible.sql()
        rows = self.db.execute(
            f"SELECT {META} FROM releases WHERE 1{where} ORDER BY group_id, sort_at, first_seen, source", params
        )
        names = self.source_names()
        found = []
        for gid, members in groupby(rows, key=itemgetter("group_id")):
            group = list(members)
            ref = _ref(gid, group, names)
            found.append(((group[0]["sort_at"], gid), ref if refs else ref.revision))
        found.sort(key=itemgetter(0))
        return found

    def groups_between(self, low: Key | None, high: Key | None, visible: Visibility) -> list[Key]:
        """The archive keys of visible statements after `low` up to `high` (inclusive), oldest first."""
        where, params = visible.sql()
        bounds, bound_params = "", []
        if low is not None:
            bounds += " AND sort_at >= ?"
            bound_params.append(low[0])
        if high is not None:
            bounds += " AND sort_at <= ?"
            bound_params.append(high[0])
        # A statement's key is its first visible posting, so its group is found by any posting in the range.
        rows = self.db.execute(f"SELECT group_id FROM releases WHERE 1{bounds}{where}", (*bound_params, *params))
        gids = list(dict.fromkeys(r[0] for r in rows))
        keys = sorted((first, gid) for gid, first in self._firsts(gids, where, params).items())
        return [k for k in keys if (low is None or k > low) and (high is None or k <= high)]

    def group_keys(self, group_ids: Collection[str], visible: Visibility) -> dict[str, Key]:
        """The archive key of each of `group_ids` that has a visible posting."""
        where, params = visible.sql()
        return {gid: (first, gid) for gid, first in self._firsts(list(group_ids), where, params).items()}

    def group_count(self, visible: Visibility) -> int:
        """How many statements have a visible posting."""
        total = self.db.execute("SELECT COUNT(DISTINCT group_id) FROM releases").fetchone()[0]
        # Only postings under embargo or hidden can leave a group with nothing visible; they are few and indexed.
        held = set()
        if visible.now is not None:
            now = visible.now.astimezone(UTC).isoformat()
            held |= {r[0] for r in self.db.execute("SELECT group_id FROM releases WHERE embargo > ?", (now,))}
        for chunk in chunks(list(visible.hidden), 500):
            rows = self.db.execute(f"SELECT group_id FROM releases WHERE id IN ({marks(chunk)})", chunk)
            held |= {r[0] for r in rows}
        return total - (len(held) - len(self.group_keys(held, visible)))

    def change_mark(self) -> int:
        """The sequence number of the latest stored change (0 when none was recorded)."""
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]

    def changed_groups(self, since: int, lapsed: tuple[str, str] | None = None) -> set[str]:
        """Groups a posting joined, left or changed in after change `since`, and those with an embargo in `lapsed`."""
        rows = self.db.execute(
            "SELECT r.group_id, c.old_group FROM changes c LEFT JOIN releases r ON r.rowid = c.release WHERE c.seq > ?",
            (since,),
        )
        found = {gid for row in rows for gid in row if gid}
        if lapsed is not None:
            rows = self.db.execute("SELECT group_id FROM releases WHERE embargo >= ? AND embargo <= ?", lapsed)
            found |= {r[0] for r in rows}
        return found

    def embargo_bounds(self, now: datetime) -> tuple[str | None, str | None]:
        """The latest embargo that ended by `now` and the earliest still in force (ISO instants, None if none)."""
        at = now.astimezone(UTC).isoformat()
        ended = self.db.execute("SELECT MAX(embargo) FROM releases WHERE embargo <= ?", (at,)).fetchone()[0]
        pending = self.db.execute("SELECT MIN(embargo) FROM releases WHERE embargo > ?", (at,)).fetchone()[0]
        return ended, pending

    def source_names(self) -> dict[str, str]:
        """Each source's display name, by id."""
        return {r["id"]: r["name"] for r in self.db.execute("SELECT id, name FROM sources")}

    def _newest_groups(self, limit: int, where: str, members: str, params: list[str]) -> list[str]:
        """The `limit` statements whose first matching posting is newest, newest first (group id breaks ties).

        `where` selects the matching postings; `members` is the same condition for postings found by group.
        """
        # Postings are read newest first through the sort index. A statement's first posting may be older than
        # any read so far, so each one found is ranked by its true first posting; reading stops when no statement
        # not yet found (all its postings older than the oldest read) could still rank among the `limit` newest.
        firsts: dict[str, str] = {}
        batch = max(limit * 2, 64)
        while True:
            rows = self.db.execute(
                f"SELECT group_id, sort_at FROM releases WHERE 1{where} ORDER BY sort_at DESC, rowid DESC LIMIT ?",
                (*params, batch),
            ).fetchall()
            fresh = list(dict.fromkeys(r[0] for r in rows if r[0] not in firsts))
            firsts.update(self._firsts(fresh, members, params))
            ranked = sorted(sorted(firsts), key=firsts.__getitem__, reverse=True)
            if len(rows) < batch or (len(ranked) >= limit and firsts[ranked[limit - 1]] > rows[-1][1]):
                return ranked[:limit]
            batch *= 4

    def _firsts(self, group_ids: list[str], where: str, params: list[str]) -> dict[str, str]:
        """Each group's first matching posting instant (groups with none left out)."""
        found: dict[str, str] = {}
        for chunk in chunks(group_ids, 500):
            found.update(
                self.db.execute(
                    f"SELECT group_id, MIN(sort_at) FROM releases WHERE group_id IN ({marks(chunk)}){where}"
                    " GROUP BY group_id",
                    (*chunk, *params),
                )
            )
        return found

    def _refs(self, group_ids: Sequence[str], where: str, params: list[str], names: dict[str, str]) -> list[EntryRef]:
        members: dict[str, list[sqlite3.Row]] = {gid: [] for gid in group_ids}
        for chunk in chunks(list(group_ids), 500):
            for row in self.db.execute(
                f"SELECT {META} FROM releases WHERE group_id IN ({marks(chunk)}){where}"
                " ORDER BY sort_at, first_seen, source",
                (*chunk, *params),
            ):
                members[row["group_id"]].append(row)
        return [_ref(gid, rows, names) for gid, rows in members.items() if rows]


def _ref(entry_id: str, rows: Sequence[sqlite3.Row], names: dict[str, str]) -> EntryRef:
    """The entry's reference; its revision digests every column and name the rendered entry follows from."""
    # By position (see META): a row's columns by name cost a search of its column names each, and a publish into an
    # empty folder makes a reference for every statement in the store.
    parts = [entry_id]
    parts += (f"{r[1]} {r[2]} {r[7]} {r[9]}" for r in rows)  # id, source, content_hash, updated
    parts += (f"{r[6]} {r[8]} {names.get(r[2], r[2])}" for r in rows)  # timezone, first_seen, the source's name
    return EntryRef(entry_id, tuple(rows), hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest())


def _entry(ref: EntryRef, data: str, names: dict[str, str]) -> Entry:
    """The published entry: the shown posting's release, crediting every posting."""
    from pressroom.store import sort_instant  # the store module mixes this one in

    rows = ref.rows
    primary = rows[0]
    release = in_zone(Release.from_json(json.loads(data), source=primary["source"]), primary["timezone"])
    return Entry(
        id=ref.id,
        release=release,
        postings=tuple(Posting(r["source"], names.get(r["source"], r["source"]), r["url"]) for r in rows),
        # In the partner's own offset: readers show what the partner wrote, feeds stay exact.
        published=sort_instant(release, primary["timezone"], datetime.fromisoformat(primary["first_seen"])),
        updated=max(datetime.fromisoformat(r["updated"]) for r in rows),
        first_seen=min(datetime.fromisoformat(r["first_seen"]) for r in rows),
        revision=ref.revision,
    )


def marks(chunk: Sequence[object]) -> str:
    """The "?, ?, …" placeholders of an SQL IN list for `chunk`."""
    return ",".join("?" * len(chunk))


def chunks(items: list, size: int) -> Iterator[list]:
    """`items` in lists of at most `size`: an IN list each, well under SQLite's limit on parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
