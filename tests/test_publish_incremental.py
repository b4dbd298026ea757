"""Publishing again after a build: only what changed is rendered and written, and the folder comes out exactly as a
publish into an empty folder would write it (new releases, corrections, embargoes ending)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from test_publish import FIRST_SEEN, NOW, fill, write_config

from pressroom import archive, parts
from pressroom.config import Config, load_config
from pressroom.models import Release
from pressroom.publish import MANIFEST, PublishReport, publish
from pressroom.store import Store


def release(n: int, published: date | datetime, title: str | None = None, **extra: object) -> Release:
    return Release(
        url=f"https://harbor.example.org/news/late-{n}/",
        title=title or f"Late report {n}",
        kind="press_release",
        language="en",
        published=published,
        body_html=f"<p>Late body {n}.</p>",
        source="harbor",
        **extra,  # type: ignore[arg-type]
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every published file but the manifest (which records times), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST}


def same_as_from_scratch(config: Config, store: Store, out: Path, tmp_path: Path, now: datetime) -> None:
    fresh = tmp_path / "fresh"
    publish(config, store, fresh, now=now)
    assert tree(out) == tree(fresh)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return load_config(write_config(tmp_path, "\n[publish]\nitems = 3\n"))


def test_new_releases_render_only_themselves_and_keep_the_full_archive_pages(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)  # 9 releases: archive pages 1-3
        publish(config, store, out, now=NOW)
        for n in range(4):
            store.upsert(release(n, date(2026, 2, 25) + timedelta(days=n)), "America/New_York", now=NOW)
        rendered: Counter[str] = Counter()
        for fmt, make in list(parts.MAKERS.items()):
            monkeypatch.setitem(parts.MAKERS, fmt, lambda *a, fmt=fmt, make=make: rendered.update([fmt]) or make(*a))
        monkeypatch.setattr(archive, "full", lambda *a: pytest.fail("the whole history was read"))
        report = publish(config, store, out, now=NOW + timedelta(hours=1))
        monkeypatch.undo()
        # Each new release once per format (the oldest new one is on archive page 4 only: no JSON there).
        assert rendered == {"atom": 4, "rss": 4, "json": 3}
        kept = {str(p.relative_to(out)) for p in report.unchanged}
        assert {"archive/atom-1.xml", "archive/atom-2.xml", "archive/rss-2.xml"} <= kept
        assert "archive/atom-4.xml" in {str(p.relative_to(out)) for p in report.written}
        same_as_from_scratch(config, store, out, tmp_path, NOW + timedelta(hours=1))


# The oldest release, on archive page 1, as its partner corrected it.
CORRECTED = Release(
    url="https://harbor.example.org/news/0/",
    title="Tenants report number 0 (corrected)",
    kind="press_release",
    language="en",
    published=date(2026, 1, 1),
    body_html="<p>Body 0, corrected.</p>",
    source="harbor",
)


def test_a_corrected_archived_release_rewrites_its_page(tmp_path: Path, config: Config) -> None:
    out = tmp_path / "out"
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        publish(config, store, out, now=NOW)
        store.upsert(CORRECTED, "America/New_York", now=NOW)
        report: PublishReport = publish(config, store, out, now=NOW + timedelta(hours=1))
        written = {str(p.relative_to(out)) for p in report.written}
        assert "archive/atom-1.xml" in written and "archive/atom-2.xml" not in written
        assert b"(corrected)" in (out / "archive" / "atom-1.xml").read_bytes()
        same_as_from_scratch(config, store, out, tmp_path, NOW + timedelta(hours=1))


def test_an_ending_embargo_puts_an_old_release_into_the_archive(tmp_path: Path, config: Config) -> None:
    out = tmp_path / "out"
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        late = release(9, date(2026, 1, 2), embargo=NOW + timedelta(hours=1))
        store.upsert(late, "America/New_York", now=FIRST_SEEN)
        publish(config, store, out, now=NOW)
        assert not any(b"Late report 9" in data for data in tree(out).values())
        publish(config, store, out, now=NOW + timedelta(hours=2))
        assert b"Late report 9" in (out / "archive" / "atom-1.xml").read_bytes()
        same_as_from_scratch(config, store, out, tmp_path, NOW + timedelta(hours=2))


def test_edited_files_are_rebuilt_rather_than_reused(tmp_path: Path, config: Config) -> None:
    out = tmp_path / "out"
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        publish(config, store, out, now=NOW)
        (out / "archive" / "atom-1.xml").unlink()
        (out / "sources" / "harbor" / "atom.xml").write_bytes(b"<feed>edited</feed>")
        store.upsert(release(1, date(2026, 2, 26)), "America/New_York", now=NOW)
        publish(config, store, out, now=NOW + timedelta(hours=1))
        same_as_from_scratch(config, store, out, tmp_path, NOW + timedelta(hours=1))


def counting_renders(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts each part rendered, by format, from now until the monkeypatch is undone."""
    rendered: Counter[str] = Counter()
    for fmt, make in list(parts.MAKERS.items()):
        monkeypatch.setitem(parts.MAKERS, fmt, lambda *a, fmt=fmt, make=make: rendered.update([fmt]) or make(*a))
    return rendered


def stored_parts(path: Path) -> set[tuple[str, str]]:
    """The (format, revision) of every rendered entry the store file at `path` keeps."""
    with closing(sqlite3.connect(path)) as db:
        return set(db.execute("SELECT format, revision FROM parts"))


def test_a_publish_into_an_empty_folder_renders_nothing_the_store_keeps(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        publish(config, store, tmp_path / "first", now=NOW)
        rendered = counting_renders(monkeypatch)
        report = publish(config, store, tmp_path / "second", now=NOW)
        monkeypatch.undo()
    assert rendered == {}
    assert report.entries == 3 and not report.unchanged
    assert tree(tmp_path / "second") == tree(tmp_path / "first")
    assert feedparser.parse(tmp_path / "second" / "archive" / "rss-1.xml").entries[0].title == "Tenants report number 2"


def test_entries_rendered_by_other_code_are_rendered_again(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        fill(store)
        publish(config, store, tmp_path / "first", now=NOW)
    kept = stored_parts(db)
    assert {fmt for fmt, _ in kept} == {"atom", "rss", "json"}
    # As an upgrade finds the cache: made by another version's rendering code.
    with closing(sqlite3.connect(db)) as other:
        other.execute("UPDATE meta SET value = 'older code' WHERE key = 'parts_code'")
        other.execute("UPDATE parts SET data = CAST('<entry>stale</entry>' AS BLOB)")
        other.commit()
    with Store(db) as store:
        rendered = counting_renders(monkeypatch)
        publish(config, store, tmp_path / "second", now=NOW)
        monkeypatch.undo()
        assert store.parts_code() not in (None, "older code")
    assert rendered["atom"] == 9 and rendered["rss"] == 9
    assert tree(tmp_path / "second") == tree(tmp_path / "first")
    assert stored_parts(db) == kept


def test_a_corrected_release_leaves_no_stale_bytes_in_the_store(tmp_path: Path, config: Config) -> None:
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        fill(store)
        publish(config, store, tmp_path / "out", now=NOW)
        before = stored_parts(db)
        store.upsert(CORRECTED, "America/New_York", now=NOW)
        publish(config, store, tmp_path / "out", now=NOW + timedelta(hours=1))
    after = stored_parts(db)
    gone, added = before - after, after - before
    # Release 0 is on archive page 1 only (Atom and RSS): its old revision's two parts give way to the new one's.
    assert len(gone) == 2 and len(added) == 2
    assert {fmt for fmt, _ in gone} == {fmt for fmt, _ in added} == {"atom", "rss"}
    with closing(sqlite3.connect(db)) as check:
        (data,) = check.execute("SELECT data FROM parts WHERE format = 'atom' AND revision = ?", ([*added][0][1],))
    assert b"(corrected)" in data[0]


def test_a_large_history_read_page_by_page_gives_the_same_folder(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        publish(config, store, tmp_path / "kept", now=NOW)
        # As with more stored postings than the history pass keeps references for: each page reads its own.
        monkeypatch.setattr(archive, "KEEP_REFS_UP_TO", 0)
        read: list[int] = []
        real = Store.group_refs
        monkeypatch.setattr(Store, "group_refs", lambda self, *a: read.append(1) or real(self, *a))
        publish(config, store, tmp_path / "reread", now=NOW)
    assert len(read) == 3  # archive pages 1-3, each read once for both formats
    assert tree(tmp_path / "reread") == tree(tmp_path / "kept")
