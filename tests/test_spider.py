"""The partner spider on small sites built for each shape: autodiscovered, broken and invalid feeds, listings,
robots.txt and page budgets. All sources are crawled in one real run against a loopback server."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import run

from pressroom.sampleserver import SampleServer
from pressroom.store import Store

PARAGRAPH = (
    "Members of the Harbor Tenants Council met with the housing committee on Tuesday to ask for a moratorium on "
    "evictions in buildings with open code violations. The council presented a survey of {n} households, most of "
    "whom reported leaks, broken heat or pests that had gone unrepaired for more than a year. "
)


def body(n: int) -> str:
    return "<p>" + PARAGRAPH.format(n=n) * 4 + "</p>"


def page(title: str, content: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title} | Harbor Tenants Council</title>{head}</head><body>"
        "<header><nav><a href='{{origin}}/'>Home</a> <a href='{{origin}}/about/'>About us and our history</a></nav>"
        f"</header><main><article><h1>{title}</h1>{content}</article></main>"
        "<footer>Harbor Tenants Council, 12 Example Pier, Portland, ME. info@harbortenants.example.org</footer>"
        "</body></html>"
    )


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbor</title>'
        f"<link>{{{{origin}}}}/</link><description>News</description>{items}</channel></rss>"
    )


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def build_sites(root: Path) -> None:
    """Five tiny partner sites, one per shape under test."""
    write(root, "robots.txt", "User-agent: *\nDisallow: /private/\n")
    # 1. an HTML page that announces a feed of full items: the items come from the feed, no page is fetched
    write(
        root,
        "auto/news/index.html",
        page("News", "<p>Latest news.</p>", '<link rel="alternate" type="application/rss+xml" href="feed.xml">'),
    )
    items = "".join(
        f"<item><title>Full item {i}</title><link>{{{{origin}}}}/auto/news/item-{i}/</link>"
        f"<pubDate>Mon, 0{i} Jun 2015 10:00:00 -0400</pubDate>"
        f"<content:encoded><![CDATA[{body(i)}]]></content:encoded></item>"
        for i in (1, 2)
    )
    write(root, "auto/news/feed.xml", rss(items))
    # 2. a listing whose announced feed is gone (404): fall back to the listing's links
    listing = "".join(
        f"<div class='entry'><p>0{i}/1{i}/15 | Tenants ask for repairs, part {i}. "
        f"<a href='{{{{origin}}}}/broken/releases/part-{i}.html'>Read More »</a></p></div>"
        for i in (1, 2)
    )
    write(
        root,
        "broken/releases/index.html",
        page("Releases", listing, '<link rel="alternate" type="application/rss+xml" href="feed.xml">'),
    )
    for i in (1, 2):
        write(root, f"broken/releases/part-{i}.html", page(f"Tenants ask for repairs, part {i}", body(10 + i)))
    # 3. an invalid RSS feed of teasers (stray ampersand, unclosed item): items still found, pages fetched
    teasers = (
        "<item><title>Rent board hearing & vote</title><link>{{origin}}/bad/hearing.html</link>"
        "<description>A short teaser.</description><pubDate>Tue, 02 Feb 2016 09:30:00 -0500</pubDate></item>"
        "<item><title>Undated teaser</title><link>{{origin}}/bad/undated.html</link><description>Teaser"
    )
    write(root, "bad/feed.xml", rss(teasers))
    write(root, "bad/hearing.html", page("Rent board hearing and vote", body(21)))
    write(root, "bad/undated.html", page("Undated teaser", "<p>Posted on March 3, 2016</p>" + body(22)))
    # 4. robots.txt forbids the source
    write(root, "private/index.html", page("Private", body(30)))
    # 5. a listing whose releases carry no date anywhere
    links = "".join(
        f"<li><a href='{{{{origin}}}}/undated/item-{i}.html'>Tenants meet the housing committee, round {i}</a></li>"
        for i in (1, 2)
    )
    write(root, "undated/index.html", page("Updates", f"<ul>{links}</ul>"))
    for i in (1, 2):
        write(root, f"undated/item-{i}.html", page(f"Tenants meet the housing committee, round {i}", body(40 + i)))
    # 6. a Drupal listing whose <body> names its sidebars, as stock Drupal themes do
    rows = "".join(
        f"<div class='views-row'><h3><a href='{{{{origin}}}}/drupal/node/{i}'>Council hears tenants on repairs,"
        f" session {i}</a></h3><span class='date'>0{i}/2{i}/16</span></div>"
        for i in (1, 2)
    )
    listing = page("Newsroom", f"<div class='view-content'>{rows}</div>").replace(
        "<body>", "<body class='html not-front two-sidebars page-newsroom'>"
    )
    write(root, "drupal/index.html", listing)
    for i in (1, 2):
        write(root, f"drupal/node/{i}.html", page(f"Council hears tenants on repairs, session {i}", body(50 + i)))
    # 7. an archive with more pages than the budget allows
    for n in range(1, 6):
        older = f"<div class='nav-previous'><a href='{{{{origin}}}}/archive/page/{n + 1}/'>Older posts</a></div>"
        posts = "".join(
            f"<article class='post hentry'><h2 class='entry-title'><a rel='bookmark' "
            f"href='{{{{origin}}}}/archive/2015/0{n}/0{k}/post-{n}-{k}/'>Post {n}.{k}</a></h2>"
            f"<div class='entry-meta'>Posted on May {n + k}, 2015 by admin</div>"
            f"<div class='entry-content'>{body(n * 10 + k)}</div></article>"
            for k in (1, 2)
        )
        path = "archive/index.html" if n == 1 else f"archive/page/{n}/index.html"
        write(root, path, page(f"Archive page {n}", posts + older))
    # 8. a long page (past the head a meta refresh is looked for in) that moves readers on with a meta refresh
    refresh = '<meta http-equiv="refresh" content="0; url={{origin}}/moved/new/">'
    write(root, "moved/index.html", page("Nos mudamos", "".join(body(60 + n) for n in range(40)), refresh))
    write(
        root, "moved/new/index.html", page("Tenants win repairs at the harbor towers", "<p>May 4, 2016</p>" + body(70))
    )


CONFIG = """
[newsroom]
timezone = "America/New_York"

[crawl]
autothrottle = false
retry_times = 0
allow_private = true  # the sites are on 127.0.0.1

[[sources]]
id = "auto"
url = "{origin}/auto/news/"

[[sources]]
id = "broken"
url = "{origin}/broken/releases/"

[[sources]]
id = "bad"
url = "{origin}/bad/feed.xml"

[[sources]]
id = "private"
url = "{origin}/private/"

[[sources]]
id = "undated"
url = "{origin}/undated/"

[[sources]]
id = "drupal"
url = "{origin}/drupal/"

[[sources]]
id = "archive"
url = "{origin}/archive/"
crawl = {{ page_budget = 2 }}

[[sources]]
id = "moved"
url = "{origin}/moved/"
"""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleServer, str]:
    root = tmp_path_factory.mktemp("sites")
    build_sites(root)
    with SampleServer(root) as server:
        config = root / "pressroom.toml"
        config.write_text(CONFIG.format(origin=server.origin), encoding="utf-8")
        result = run("crawl", "--config", str(config))
        yield config.parent / ".pressroom" / "pressroom.db", server, result.output


def releases(db: Path, source: str) -> dict[str, object]:
    with Store(db) as store:
        return {e.release.title: e.release for e in store.entries(100, source=source)}


def test_autodiscovered_feed_with_full_items_needs_no_page_fetches(crawled: tuple[Path, SampleServer, str]) -> None:
    db, server, _ = crawled
    found = releases(db, "auto")
    assert set(found) == {"Full item 1", "Full item 2"}
    assert found["Full item 1"].published == datetime.fromisoformat("2015-06-01T10:00:00-04:00")
    assert "Harbor Tenants Council met with the housing committee" in found["Full item 2"].body_text
    assert not any(path.startswith("/auto/news/item-") for path in server.requests)


def test_broken_discovered_feed_falls_back_to_the_listing(crawled: tuple[Path, SampleServer, str]) -> None:
    db, server, _ = crawled
    found = releases(db, "broken")
    assert set(found) == {"Tenants ask for repairs, part 1", "Tenants ask for repairs, part 2"}
    # the pages carry no date: the listing line's date is used
    assert found["Tenants ask for repairs, part 1"].published == date(2015, 1, 11)
    assert found["Tenants ask for repairs, part 2"].published == date(2015, 2, 12)
    with Store(db) as store:
        state = store.source_states()["broken"]
    assert state.status == "ok"
    assert "HTTP 404" in state.reason


def test_invalid_feed_still_yields_its_items_with_feed_or_page_dates(crawled: tuple[Path, SampleServer, str]) -> None:
    db, _, _ = crawled
    found = releases(db, "bad")
    assert set(found) == {"Rent board hearing and vote", "Undated teaser"}
    assert found["Rent board hearing and vote"].published == datetime.fromisoformat("2016-02-02T09:30:00-05:00")
    assert found["Undated teaser"].published == date(2016, 3, 3)


def test_robots_txt_is_obeyed_and_reported(crawled: tuple[Path, SampleServer, str]) -> None:
    db, server, output = crawled
    assert "/private/" not in server.requests
    with Store(db) as store:
        state = store.source_states()["private"]
    assert state.status == "error"
    assert state.reason.startswith("robots.txt forbids")
    assert "FAILED private: robots.txt forbids" in output


def test_page_budget_stops_an_archive(crawled: tuple[Path, SampleServer, str]) -> None:
    db, server, _ = crawled
    archive_pages = [p for p in server.requests if p.startswith("/archive/")]
    assert len(archive_pages) <= 3  # the budget, plus at most one request already in flight
    assert "/archive/page/4/" not in archive_pages
    found = releases(db, "archive")
    assert {"Post 1.1", "Post 1.2", "Post 2.1", "Post 2.2"} <= set(found)
    assert "Post 5.1" not in found
    with Store(db) as store:
        state = store.source_states()["archive"]
    assert state.status == "ok"
    assert "page budget (2 pages)" in state.reason


def test_a_drupal_listing_with_sidebar_classes_on_its_body_is_still_a_listing(
    crawled: tuple[Path, SampleServer, str],
) -> None:
    db, _, _ = crawled
    found = releases(db, "drupal")
    assert set(found) == {"Council hears tenants on repairs, session 1", "Council hears tenants on repairs, session 2"}
    assert found["Council hears tenants on repairs, session 2"].published == date(2016, 2, 22)


def test_a_source_without_any_dates_is_flagged(crawled: tuple[Path, SampleServer, str]) -> None:
    db, _, output = crawled
    assert len(releases(db, "undated")) == 2
    with Store(db) as store:
        state = store.source_states()["undated"]
    assert state.status == "no_dates"
    assert state.reason == "2 release(s) found but none carries a date"
    assert "1 without dates" in output


def test_robots_txt_is_asked_before_pages(crawled: tuple[Path, SampleServer, str]) -> None:
    _, server, _ = crawled
    assert server.requests[0] == "/robots.txt"


def test_a_meta_refresh_past_a_long_page_is_followed(crawled: tuple[Path, SampleServer, str]) -> None:
    db, server, _ = crawled
    assert (server.root / "moved" / "index.html").stat().st_size > 16_384
    assert list(releases(db, "moved")) == ["Tenants win repairs at the harbor towers"]
