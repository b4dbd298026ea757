"""An unchanged recrawl: conditional requests, nothing re-extracted, the same feeds; a changed page is read anew."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SITES, read_feed, run

from pressroom.pagecache import PageCache
from pressroom.sampleserver import SampleServer, _Handler
from pressroom.store import Store

SURVEY = "alliance/news/survey-one-in-three-warehouse-workers-unpaid-overtime.html"
RELEASE_PAGES = "/alliance/news/"  # the release pages the alliance feed's teaser items link to


class _RecordingHandler(_Handler):
    """Notes each request's path, conditional headers and the status answered."""

    def send_response(self, code: int, message: str | None = None) -> None:
        owner = self.server.owner
        assert isinstance(owner, RecordingServer)
        conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
        with owner.log_lock:
            owner.log.append((urlpath(self.path), conditional, int(code)))
        super().send_response(code, message)


def urlpath(target: str) -> str:
    return target.split("?")[0]


class RecordingServer(SampleServer):
    """A SampleServer that also records, per request, whether it was conditional and what it answered."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.log: list[tuple[str, bool, int]] = []
        self.log_lock = threading.Lock()
        self._httpd.RequestHandlerClass = _RecordingHandler

    def take(self) -> list[tuple[str, bool, int]]:
        """The requests since the last call, robots.txt left out."""
        with self.log_lock:
            taken, self.log = self.log, []
        return [entry for entry in taken if not entry[0].endswith("/robots.txt")]


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[tuple[Path, RecordingServer]]:
    """The test sites copied to a folder a test may edit, served on loopback; yields the config path and server."""
    root = tmp_path / "sites"
    shutil.copytree(SITES, root)
    with RecordingServer(root) as server:
        config = tmp_path / "newsroom" / "pressroom.toml"
        config.parent.mkdir()
        config.write_text(
            (root / "pressroom.toml").read_text(encoding="utf-8").replace("{{origin}}", server.origin),
            encoding="utf-8",
        )
        yield config, server


def published(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def health(config: Path) -> dict[str, tuple[str | None, int, int]]:
    with Store(config.parent / ".pressroom" / "pressroom.db") as store:
        return {s.id: (s.status, s.found, s.releases) for s in store.source_states().values()}


def test_unchanged_rebuild_asks_conditionally_and_publishes_the_same(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    first = run("build", "--config", str(config))
    assert first.exit_code == 0, first.output
    fetched = server.take()
    assert fetched and not any(conditional for _, conditional, _ in fetched)
    out = config.parent / "public"
    before, health_before = published(out), health(config)
    assert {status for status, _, _ in health_before.values()} == {"ok"}
    assert all(found > 0 for _, found, _ in health_before.values())

    second = run("build", "--config", str(config))
    assert second.exit_code == 0, second.output
    assert "Crawled 2 source(s): 2 ok, 0 empty, 0 failed" in second.output
    refetched = server.take()
    # the source URLs are asked "changed since?" and answer 304; what they lead to (the older archive page, the
    # release pages the feed links), confirmed moments ago, is not asked for at all
    assert sorted(path for path, _, _ in refetched) == ["/alliance/rss.xml", "/riverside/category/news/"]
    assert len(fetched) == 7
    assert all(conditional and status == 304 for _, conditional, status in refetched), refetched
    assert published(out) == before
    # health still counts every release the sources have, though no page was read again
    assert health(config) == health_before


def test_with_recheck_days_0_every_page_is_asked_again(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    config.write_text(config.read_text().replace("[crawl]\n", "[crawl]\nrecheck_days = 0\n", 1))
    assert run("build", "--config", str(config)).exit_code == 0
    fetched = server.take()
    assert run("build", "--config", str(config)).exit_code == 0
    refetched = server.take()
    assert sorted(path for path, _, _ in refetched) == sorted(path for path, _, _ in fetched)
    assert all(conditional and status == 304 for _, conditional, status in refetched), refetched


def test_a_release_page_is_asked_again_once_recheck_days_have_passed(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    assert run("build", "--config", str(config)).exit_code == 0
    server.take()
    page = server.root / SURVEY
    page.write_text(page.read_text(encoding="utf-8").replace("Unpaid Overtime", "Unpaid Overtime Again"), "utf-8")
    # within recheck_days (1 by default) the corrected page, linked as before, is left alone
    assert run("build", "--config", str(config)).exit_code == 0
    assert not [path for path, _, _ in server.take() if path.startswith(RELEASE_PAGES)]
    # two days later every release page is asked again: the corrected one is read, the others answer 304
    db = config.parent / ".pressroom" / "pressroom.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE page_cache SET seen = '2000-01-01T00:00:00+00:00'")
    assert run("build", "--config", str(config)).exit_code == 0
    answered = {path: status for path, _, status in server.take() if path.startswith(RELEASE_PAGES)}
    assert len(answered) == 4
    assert answered.pop("/" + SURVEY.removesuffix(".html")) == 200
    assert set(answered.values()) == {304}
    titles = {e.title for e in read_feed(config.parent / "public" / "sources/alliance/atom.xml").entries}
    assert "Survey: One in Three Warehouse Workers Report Unpaid Overtime Again" in titles


def test_a_changed_feed_brings_only_its_new_page(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    assert run("build", "--config", str(config)).exit_code == 0
    server.take()
    feed = server.root / "alliance/rss.xml"
    text = feed.read_text(encoding="utf-8")
    new_page = server.root / "alliance/news/new-release.html"
    new_page.write_text(
        (server.root / SURVEY).read_text(encoding="utf-8").replace("Unpaid Overtime", "Unpaid Breaks"), "utf-8"
    )
    item = (
        "<item><title>Survey: One in Three Warehouse Workers Report Unpaid Breaks</title>"
        "<link>{{origin}}/alliance/news/new-release</link><pubDate>Tue, 15 Apr 2014 09:00:00 -0400</pubDate></item>"
    )
    feed.write_text(text.replace("<item>", item + "<item>", 1), encoding="utf-8")

    assert run("build", "--config", str(config)).exit_code == 0
    answered = {path: status for path, _, status in server.take()}
    assert answered["/alliance/rss.xml"] == 200
    assert [path for path in answered if path.startswith(RELEASE_PAGES)] == ["/alliance/news/new-release"]
    assert health(config)["alliance"][:2] == ("ok", 5)
    titles = {e.title for e in read_feed(config.parent / "public" / "sources/alliance/atom.xml").entries}
    assert "Survey: One in Three Warehouse Workers Report Unpaid Breaks" in titles


def test_a_release_page_that_failed_is_asked_again(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    assert run("build", "--config", str(config)).exit_code == 0
    server.take()
    path = "/" + SURVEY.removesuffix(".html")
    config.write_text(config.read_text().replace("[crawl]\n", "[crawl]\nrecheck_days = 0\nretry_times = 0\n", 1))
    server.fail(path)
    assert run("build", "--config", str(config)).exit_code == 0  # a failed page is a note, not a failed source
    server.take()
    config.write_text(config.read_text().replace("recheck_days = 0\n", "", 1))
    server.recover(path)
    assert run("build", "--config", str(config)).exit_code == 0
    answered = [(p, conditional, status) for p, conditional, status in server.take() if p.startswith(RELEASE_PAGES)]
    assert answered == [(path, False, 200)]


def test_a_changed_page_is_read_again(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    config.write_text(config.read_text().replace("[crawl]\n", "[crawl]\nrecheck_days = 0\n", 1))
    assert run("build", "--config", str(config)).exit_code == 0
    server.take()
    page = server.root / SURVEY
    text = page.read_text(encoding="utf-8")
    assert text.count("Unpaid Overtime") >= 1
    page.write_text(text.replace("Unpaid Overtime", "Unpaid Overtime and Missed Breaks"), encoding="utf-8")

    result = run("build", "--config", str(config))
    assert result.exit_code == 0, result.output
    answered = {path: status for path, _, status in server.take()}
    assert answered["/" + SURVEY.removesuffix(".html")] == 200
    assert answered["/alliance/rss.xml"] == 304
    titles = {e.title for e in read_feed(config.parent / "public" / "sources/alliance/atom.xml").entries}
    assert "Survey: One in Three Warehouse Workers Report Unpaid Overtime and Missed Breaks" in titles
    assert health(config)["alliance"][:2] == ("ok", 4)

    # and the changed page is itself remembered: the build after asks conditionally again and gets a 304
    assert run("build", "--config", str(config)).exit_code == 0
    assert {status for _, _, status in server.take()} == {304}


def test_a_changed_archive_page_is_read_again_and_links_still_followed(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    assert run("build", "--config", str(config)).exit_code == 0
    server.take()
    archive = server.root / "riverside/category/news/index.html"
    text = archive.read_text(encoding="utf-8")
    old, new = "Claims Totaling $410,000", "Claims Totaling $415,000"
    assert old in text
    archive.write_text(text.replace(old, new), encoding="utf-8")

    assert run("build", "--config", str(config)).exit_code == 0
    answered = {path: status for path, _, status in server.take()}
    assert answered["/riverside/category/news/"] == 200
    assert answered["/riverside/category/news/page/2/"] == 304  # found again through the re-read page
    titles = {e.title for e in read_feed(config.parent / "public" / "sources/riverside/atom.xml").entries}
    assert "Restaurant Workers File Wage Theft Claims Totaling $415,000" in titles
    assert health(config)["riverside"][:2] == ("ok", 5)


def test_a_failed_source_keeps_its_releases_and_recovers(site_copy: tuple[Path, RecordingServer]) -> None:
    config, server = site_copy
    assert run("build", "--config", str(config)).exit_code == 0
    before = health(config)
    server.fail("/alliance/")
    result = run("build", "--config", str(config))
    assert result.exit_code == 3, result.output
    assert health(config)["alliance"][2] == before["alliance"][2]
    server.recover("/alliance/")
    assert run("build", "--config", str(config)).exit_code == 0
    assert health(config) == before


def test_the_page_cache_survives_a_spider_that_cannot_write_it(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "store.db", "riverside")
    assert cache.lookup("http://127.0.0.1/") is None
    assert cache.body("http://127.0.0.1/") is None
    cache.db.close()
    cache.seen("http://127.0.0.1/", '"x"', None)
    cache.flush()  # a closed or broken database is reported, never raised
    assert cache.broken


def test_a_page_cache_from_before_links_were_kept_still_opens(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE page_cache (source TEXT NOT NULL, url TEXT NOT NULL, etag TEXT, last_modified TEXT,"
            " digest TEXT NOT NULL, context TEXT NOT NULL, content_type TEXT, body BLOB, releases TEXT NOT NULL,"
            " dated INTEGER NOT NULL, fetched TEXT NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (source, url))"
        )
        conn.execute(
            "INSERT INTO page_cache VALUES ('a', 'http://127.0.0.1/', '\"x\"', NULL, 'd', 'c', NULL, NULL,"
            " '[\"u\"]', 1, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
        )
    cache = PageCache(db, "a")
    page = cache.lookup("http://127.0.0.1/")
    assert page is not None and page.links is None and page.releases == 1
    cache.seen("http://127.0.0.1/", None, None, (("http://127.0.0.1/2", "release", "c"),))
    cache.close()
    assert PageCache(db, "a").lookup("http://127.0.0.1/").links == (("http://127.0.0.1/2", "release", "c"),)
