"""The published folder: every file, read back with the tools subscribers use; stability; archives; WebSub."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from conftest import read_feed, run
from icalendar import Calendar
from lxml import etree

from pressroom.config import load_config
from pressroom.models import Contact, Event, Quote, Release
from pressroom.publish import publish
from pressroom.store import Store
from pressroom.validate import validate

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
FIRST_SEEN = datetime(2026, 2, 1, tzinfo=UTC)


def write_config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "pressroom.toml"
    path.write_text(
        '[newsroom]\ntitle = "Harbor Coalition"\nbase_url = "https://news.example.org/coalition/"\n'
        'timezone = "America/New_York"\n\n[[sources]]\nid = "harbor"\nname = "Harbor Tenants"\n'
        'url = "https://harbor.example.org/news/"\n\n[[sources]]\nid = "rios"\nname = "Red de Ríos"\n'
        'url = "https://rios.example.org/"\nlanguage = "es"\n' + extra,
        encoding="utf-8",
    )
    return path


def fill(store: Store, count: int = 8) -> None:
    """`count` releases from two sources, one a Spanish release with an event."""
    store.register_source("harbor", "Harbor Tenants", "https://harbor.example.org/news/")
    store.register_source("rios", "Red de Ríos", "https://rios.example.org/")
    for n in range(count):
        store.upsert(
            Release(
                url=f"https://harbor.example.org/news/{n}/",
                title=f"Tenants report number {n}",
                kind="press_release",
                language="en",
                published=date(2026, 1, 1) + timedelta(days=n),
                summary=f"Summary {n}.",
                body_html=f"<p>Body {n}.</p>",
                quotes=(Quote("We will not wait.", "Ana Ruiz", "organizer", "Harbor Tenants"),),
                contacts=(Contact(name="Dan Cole", phone="+13035550100", extension="12"),),
                source="harbor",
            ),
            "America/New_York",
            now=FIRST_SEEN,
        )
    store.upsert(
        Release(
            url="https://rios.example.org/foro/",
            title="Foro comunitario",
            kind="event_listing",
            language="es",
            published=datetime(2026, 2, 20, 9, tzinfo=UTC),
            events=(
                Event(
                    title="Foro",
                    start=datetime(2026, 7, 10, 10, tzinfo=timezone(timedelta(hours=-7))),  # as extracted: an offset
                    end=None,
                    location="Centro Comunitario, 415 Calle Ejemplo",
                ),
                Event(title="Semana de acción", start=date(2026, 7, 13), end=date(2026, 7, 17), all_day=True),
            ),
            source="rios",
        ),
        "America/Los_Angeles",
        now=FIRST_SEEN,
    )


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, Path]:
    config = write_config(tmp_path)
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        publish(load_config(config), store, tmp_path / "out", now=NOW)
    return config, tmp_path / "out"


def test_every_file_is_published_and_reads_back(folder: tuple[Path, Path]) -> None:
    _, out = folder
    names = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    for prefix in ("", "sources/harbor/", "sources/rios/", "lang/en/", "lang/es/", "kinds/press_release/"):
        assert {prefix + n for n in ("atom.xml", "rss.xml", "feed.json")} <= names
    assert {"events.ics", "feeds.opml", "index.html", "feed.xsl"} <= names
    atom = read_feed(out / "atom.xml")
    assert len(atom.entries) == 9
    assert atom.feed.links[0].href == "https://news.example.org/coalition/atom.xml"
    json_feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in json_feed["items"]] == [e.id for e in atom.entries]
    assert json_feed["items"][-1]["_pressroom"]["contacts"][0]["phone"] == "+13035550100"
    assert [e.title for e in read_feed(out / "lang/es/rss.xml").entries] == ["Foro comunitario"]
    calendar = Calendar.from_ical((out / "events.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Foro", "Semana de acción"}
    assert events["Foro"]["DTSTART"].dt == datetime(2026, 7, 10, 17, tzinfo=UTC)
    assert events["Foro"]["DTSTART"].params.get("TZID") == "America/Los_Angeles"  # the zone survives the store
    assert events["Semana de acción"]["DTEND"].dt == date(2026, 7, 18)
    outlines = etree.parse(str(out / "feeds.opml")).findall(".//outline")
    assert "https://news.example.org/coalition/sources/rios/rss.xml" in {o.get("xmlUrl") for o in outlines}
    page = etree.parse(str(out / "index.html"), etree.HTMLParser())
    assert page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")[0].endswith("/atom.xml")
    assert "Tenants report number 7" in page.xpath("string(//main)")
    assert validate(out)[1] == []


def test_feeds_point_browsers_at_the_stylesheet_on_the_same_origin(folder: tuple[Path, Path]) -> None:
    _, out = folder
    for name in ("atom.xml", "sources/harbor/rss.xml"):
        assert b'<?xml-stylesheet type="text/xsl" href="/coalition/feed.xsl"?>' in (out / name).read_bytes()
    stylesheet = etree.XSLT(etree.parse(str(out / "feed.xsl")))
    html = str(stylesheet(etree.parse(str(out / "rss.xml"))))
    assert "Tenants report number 7" in html


def test_unchanged_rebuild_touches_no_file(tmp_path: Path, folder: tuple[Path, Path]) -> None:
    config, out = folder
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    with Store(tmp_path / "db.sqlite") as store:
        report = publish(load_config(config), store, out, now=NOW + timedelta(minutes=5))
    assert report.written == []
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()} == before


def test_corrected_release_keeps_its_id_and_gets_a_new_updated(tmp_path: Path, folder: tuple[Path, Path]) -> None:
    config, out = folder
    entry = next(e for e in read_feed(out / "atom.xml").entries if e.title == "Tenants report number 3")
    with Store(tmp_path / "db.sqlite") as store:
        store.upsert(
            Release(
                url="http://harbor.example.org/news/3?utm_source=mail",
                title="Tenants report number 3 (corrected)",
                kind="press_release",
                language="en",
                published=date(2026, 1, 4),
                source="harbor",
            ),
            "America/New_York",
            now=NOW,
        )
        report = publish(load_config(config), store, out, now=NOW)
    assert out / "atom.xml" in report.written
    corrected = next(e for e in read_feed(out / "atom.xml").entries if e.id == entry.id)
    assert corrected.title == "Tenants report number 3 (corrected)"
    assert corrected.updated > entry.updated
    assert read_feed(out / "atom.xml").feed.updated == corrected.updated


def test_older_releases_stay_reachable_through_archive_pages(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, "\n[publish]\nitems = 3\n"))
    out = tmp_path / "out"
    with Store(tmp_path / "db.sqlite") as store:
        fill(store)
        publish(config, store, out, now=NOW)
    current = read_feed(out / "atom.xml")
    assert len(current.entries) == 3
    links = {link.rel: link.href for link in current.feed.links}
    assert links["prev-archive"] == "https://news.example.org/coalition/archive/atom-3.xml"
    seen = {e.id for e in current.entries}
    page = out / "archive" / "atom-3.xml"
    pages = 0
    while True:
        archive = read_feed(page)
        pages += 1
        assert len(archive.entries) == 3
        assert b"<fh:archive" in page.read_bytes()
        rels = {link.rel: link.href for link in archive.feed.links}
        assert rels["current"] == "https://news.example.org/coalition/atom.xml"
        seen |= {e.id for e in archive.entries}
        if "prev-archive" not in rels:
            break
        page = out / "archive" / rels["prev-archive"].rsplit("/", 1)[1]
    assert pages == 3
    assert len(seen) == 9  # every release, the oldest included
    oldest = read_feed(out / "archive" / "atom-1.xml")
    assert [e.title for e in oldest.entries] == [f"Tenants report number {n}" for n in (2, 1, 0)]
    assert read_feed(out / "archive" / "rss-2.xml").entries


class Hub(BaseHTTPRequestHandler):
    """A WebSub hub on loopback that records publish pings."""

    pings: list[dict[str, list[str]]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        Hub.pings.append(parse_qs(self.rfile.read(length).decode()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_websub_hub_is_announced_and_pinged_only_for_changed_feeds(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hub = f"http://127.0.0.1:{server.server_address[1]}/hub"
    Hub.pings = []
    try:
        config = write_config(tmp_path, f'\n[publish]\nwebsub_hub = "{hub}"\n')
        with Store(tmp_path / ".pressroom" / "pressroom.db") as store:
            fill(store)
        first = run("publish", "--config", str(config))
        assert first.exit_code == 0, first.output
        pinged = {p["hub.url"][0] for p in Hub.pings}
        assert all(p["hub.mode"] == ["publish"] for p in Hub.pings)
        assert "https://news.example.org/coalition/atom.xml" in pinged
        assert "https://news.example.org/coalition/sources/rios/feed.json" in pinged
        assert f"Told the WebSub hub about {len(pinged)} changed feed(s)" in first.output
        out = tmp_path / "public"
        atom_links = {link.rel: link.href for link in read_feed(out / "atom.xml").feed.links}
        assert atom_links["hub"] == hub
        assert b'rel="hub"' in (out / "rss.xml").read_bytes()
        assert json.loads((out / "feed.json").read_text())["hubs"] == [{"type": "WebSub", "url": hub}]

        Hub.pings = []
        again = run("publish", "--config", str(config))
        assert again.exit_code == 0
        assert Hub.pings == []
    finally:
        server.shutdown()
