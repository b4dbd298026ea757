"""End to end: `pressroom build` crawls the test partner sites on 127.0.0.1 and publishes feeds we read back."""

from __future__ import annotations

import json
import socket
from datetime import datetime
from pathlib import Path

from conftest import read_feed, run

from pressroom.sampleserver import SampleServer

RIVERSIDE = {
    "Statement: Workers’ Groups Urge City Council to Pass Wage Theft Ordinance",
    "Restaurant Workers File Wage Theft Claims Totaling $410,000",
    "Wage Theft Clinics Next Week: List of Local Events",
    "Documents: Payroll Records From the Grand Avenue Diner Case",
    "Judge Rejects Car Wash’s Bid to Dismiss Wage Case",
}
ALLIANCE = {
    "Joint Statement: Workers’ Groups Urge City Council to Pass Wage Theft Ordinance",
    "MEDIA ADVISORY: Workers to Testify at City Council Hearing on Wage Theft Ordinance",
    "Survey: One in Three Warehouse Workers Report Unpaid Overtime",
    "Workers’ Rights Workshop / Taller de Derechos Laborales",
}
JOINT = {
    "Statement: Workers’ Groups Urge City Council to Pass Wage Theft Ordinance",
    "Joint Statement: Workers’ Groups Urge City Council to Pass Wage Theft Ordinance",
}


def published_at(entry: dict) -> datetime:
    return datetime.fromisoformat(entry["published"])


def feed_files(out: Path) -> dict[str, Path]:
    return {str(p.relative_to(out)): p for p in sorted(out.rglob("*.xml"))}


def test_build_publishes_every_release_once(newsroom: Path) -> None:
    result = run("build", "--config", str(newsroom))
    assert result.exit_code == 0, result.output
    assert "Crawled 2 source(s): 2 ok, 0 empty, 0 failed" in result.output
    out = newsroom.parent / "public"
    slices = {"", "sources/riverside/", "sources/alliance/", "lang/en/"} | {
        f"kinds/{kind}/"
        for kind in ("statement", "press_release", "media_advisory", "event_listing", "document_release", "article")
    }
    assert set(feed_files(out)) == {prefix + name for prefix in slices for name in ("atom.xml", "rss.xml")}

    atom = read_feed(out / "atom.xml")
    titles = [e.title for e in atom.entries]
    # nine postings, one statement posted by both partners: eight entries, each once
    assert len(titles) == 8 == len(set(titles))
    assert set(titles) | JOINT == RIVERSIDE | ALLIANCE
    assert len(set(titles) & JOINT) == 1
    joint = next(e for e in atom.entries if e.title in JOINT)
    assert {t.term for t in joint.tags} >= {"riverside", "alliance", "statement"}
    assert (
        "riverside/2014/04/09" in joint.content[0].value and "alliance/news/joint-statement" in joint.content[0].value
    )

    # newest first, with the dates the partners gave (the feed's date for the undated survey page)
    times = [published_at(e) for e in atom.entries]
    assert times == sorted(times, reverse=True)
    by_title = {e.title: e for e in atom.entries}
    survey = by_title["Survey: One in Three Warehouse Workers Report Unpaid Overtime"]
    assert survey.published == "2014-03-25T09:00:00-04:00"
    assert by_title["Judge Rejects Car Wash’s Bid to Dismiss Wage Case"].published == "2014-03-14T00:00:00-05:00"

    rss = read_feed(out / "rss.xml")
    assert [e.title for e in rss.entries] == titles
    assert [e.id for e in rss.entries] == [e.id for e in atom.entries]

    # each source's own feed keeps its own copy, the repost included
    assert {e.title for e in read_feed(out / "sources/riverside/atom.xml").entries} == RIVERSIDE
    assert {e.title for e in read_feed(out / "sources/alliance/rss.xml").entries} == ALLIANCE

    # per-language and per-kind feeds also show the joint statement once, crediting both partners
    assert [e.title for e in read_feed(out / "lang/en/atom.xml").entries] == titles
    (statement,) = read_feed(out / "kinds/statement/atom.xml").entries
    assert statement.id == joint.id
    assert {t.term for t in statement.tags} >= {"riverside", "alliance"}
    events = read_feed(out / "kinds/event_listing/rss.xml").entries
    assert {e.title for e in events} == {
        "Wage Theft Clinics Next Week: List of Local Events",
        "Workers’ Rights Workshop / Taller de Derechos Laborales",
    }


def test_rebuild_keeps_ids_and_leaves_files_untouched(newsroom: Path) -> None:
    assert run("build", "--config", str(newsroom)).exit_code == 0
    out = newsroom.parent / "public"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    ids = [e.id for e in read_feed(out / "atom.xml").entries]
    assert all(i.startswith("urn:uuid:") for i in ids)

    again = run("build", "--config", str(newsroom))
    assert again.exit_code == 0, again.output
    assert f"0 file(s) written, {len(before)} unchanged" in again.output
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [e.id for e in read_feed(out / "atom.xml").entries] == ids


def test_failing_partner_keeps_its_releases_and_exits_3(newsroom: Path, sites: SampleServer) -> None:
    assert run("build", "--config", str(newsroom)).exit_code == 0
    sites.fail("/alliance/")
    result = run("build", "--config", str(newsroom))
    assert result.exit_code == 3, result.output
    assert "1 failed" in result.output
    assert "FAILED alliance: HTTP 503" in result.output
    assert "keeping 4 earlier release(s)" in result.output
    out = newsroom.parent / "public"
    titles = {e.title for e in read_feed(out / "atom.xml").entries}
    assert titles >= ALLIANCE - JOINT
    assert {e.title for e in read_feed(out / "sources/alliance/atom.xml").entries} == ALLIANCE

    status = run("sources", "--config", str(newsroom), "--json")
    rows = {row["id"]: row for row in map(json.loads, status.output.splitlines())}
    assert rows["alliance"]["status"] == "error"
    assert rows["alliance"]["reason"].startswith("HTTP 503")
    assert rows["alliance"]["releases"] == 4
    assert rows["alliance"]["last_success"] is not None
    assert rows["riverside"]["status"] == "ok"


def test_crawl_and_publish_run_separately(newsroom: Path) -> None:
    crawled = run("crawl", "--config", str(newsroom))
    assert crawled.exit_code == 0, crawled.output
    out = newsroom.parent / "elsewhere"
    assert not out.exists()
    published = run("publish", "--config", str(newsroom), "--out", str(out))
    assert published.exit_code == 0, published.output
    assert len(read_feed(out / "atom.xml").entries) == 8
    table = run("sources", "--config", str(newsroom))
    assert table.exit_code == 0
    assert [line.split()[:3] for line in table.output.splitlines()[1:]] == [
        ["riverside", "ok", "5"],
        ["alliance", "ok", "4"],
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dead_site_on_first_run_publishes_nothing_and_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "pressroom.toml"
    config.write_text(
        f'[crawl]\nretry_times = 0\nallow_private = true\n\n[[sources]]\nid = "gone"\nurl = "http://127.0.0.1:{free_port()}/news/"\n',
        encoding="utf-8",
    )
    result = run("build", "--config", str(config))
    assert result.exit_code == 1, result.output
    assert "FAILED gone: connection refused by http://127.0.0.1:" in result.output
    assert "Nothing to publish" in result.output
    assert "Traceback" not in result.output


def test_config_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "pressroom.toml"
    config.write_text('[[sources]]\nid = "x"\nurl = "https://example.org/"\ntz = "UTC"\n', encoding="utf-8")
    for command in ("build", "crawl", "publish", "sources"):
        result = run(command, "--config", str(config))
        assert result.exit_code == 2, (command, result.output)
        expected = "source 'x': unknown key 'tz' (expected one of: crawl, id, language, name, timezone, url)"
        assert result.output.strip() == f"Error: pressroom.toml: {expected}"
    missing = run("build", "--config", str(tmp_path / "absent.toml"))
    assert missing.exit_code == 2
    assert "no such config file" in missing.output
