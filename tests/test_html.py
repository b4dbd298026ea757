"""The newsroom HTML page and the feed stylesheet: what a journalist's browser gets out of the bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from lxml import html as lxml_html

from pressroom.feeds import atom, html, rss, xsl
from pressroom.feeds.html import FeedLink, SourceHealth
from pressroom.models import Attachment, Contact, Dateline, Entry, Event, FeedMeta, Posting, Quote, Release

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2014, 3, 14, 12, 0, tzinfo=NEW_YORK)
CHROMIUM = Path("/usr/bin/chromium")

META = FeedMeta(
    id="https://news.coalition.example/atom.xml",
    title="Detention Watch Coalition Newsroom",
    self_url="https://news.coalition.example/atom.xml",
    home_url="https://news.coalition.example/",
    language="en",
    subtitle="Press releases, statements and advisories from our partners",
)

ENGLISH = Entry(
    id="urn:uuid:1c7a1f52-0d0e-4d53-9a6b-5d4b2c0f9e01",
    release=Release(
        url="https://coalition.example/node/201",
        title="Report: families pay $40 million a year to hold detained relatives",
        kind="press_release",
        published=datetime(2014, 3, 12, 10, 0, tzinfo=NEW_YORK),
        dateline=Dateline("WASHINGTON, D.C.", date(2014, 3, 12)),
        language="en",
        summary="A new report finds phone and commissary fees cost detained people's families $40 million a year.",
        body_html="<p>The <strong>report</strong> finds…</p><script>alert('body')</script>",
        quotes=(
            Quote(
                text="No family should go into debt to hear a loved one's voice.",
                speaker="Maria Lopez",
                role="Executive Director",
                organization="Detention Watch Coalition",
            ),
        ),
        contacts=(
            Contact(
                name="Sam Rivera",
                role="Communications Director",
                email="press@coalition.example",
                phone="+12025550143",
                extension="12",
            ),
        ),
        attachments=(
            Attachment(
                url="https://coalition.example/sites/default/files/paying-to-hold-2014.pdf",
                title="Paying to Hold (full report)",
                media_type="application/pdf",
                length=482113,
            ),
        ),
        events=(
            Event(
                title="Press call: Paying to Hold report",
                start=datetime(2014, 3, 11, 11, 0, tzinfo=NEW_YORK),
                end=datetime(2014, 3, 11, 12, 0, tzinfo=NEW_YORK),
                location="Telephone briefing",
            ),
        ),
    ),
    postings=(
        Posting("coalition", "Detention Watch Coalition", "https://coalition.example/node/201"),
        Posting("uncover", "Uncover the Truth", "https://uncover.example/2014/03/paying-to-hold/"),
    ),
    published=datetime(2014, 3, 12, 10, 0, tzinfo=NEW_YORK),
    updated=datetime(2014, 3, 12, 10, 0, tzinfo=NEW_YORK),
    first_seen=datetime(2014, 3, 12, 15, 30, tzinfo=UTC),
)

SPANISH = Entry(
    id="urn:uuid:7e3b9c40-58a1-4f7d-b1e2-9f60a3d4c512",
    release=Release(
        url="https://redlatina.example/comunicados/2014/foro-comunitario-derechos.html",
        title="Foro comunitario: conozca sus derechos",
        kind="media_advisory",
        published=date(2014, 3, 10),
        language="es",
        summary="Abogados voluntarios responderán preguntas sobre detención y deportación.",
        contacts=(Contact(name="Ana Beltrán", role="vocera", phone="+13125550199", email="prensa@redlatina.example"),),
        events=(
            Event(
                title="Foro comunitario «Conozca sus derechos»",
                start=datetime(2014, 3, 22, 18, 0, tzinfo=CHICAGO),
                end=datetime(2014, 3, 22, 20, 0, tzinfo=CHICAGO),
                location="Iglesia San Pío, 1919 S Ashland Ave, Chicago",
            ),
        ),
        attachments=(
            Attachment(url="https://coalition.example/sites/default/files/kyr-forum-flyer-es.pdf", title="Volante"),
        ),
    ),
    postings=(
        Posting("redlatina", "Red Latina", "https://redlatina.example/comunicados/2014/foro-comunitario-derechos.html"),
    ),
    published=datetime(2014, 3, 10, 0, 0, tzinfo=CHICAGO),
    updated=datetime(2014, 3, 10, 9, 0, tzinfo=CHICAGO),
    first_seen=datetime(2014, 3, 10, 14, 0, tzinfo=UTC),
)

MALICIOUS = Entry(
    id="urn:uuid:0a0b0c0d-0000-4000-8000-000000000bad",
    release=Release(
        url="javascript:alert(document.cookie)",
        title="<script>alert('pwned')</script> Statement on detention",
        kind="statement",
        published=datetime(2014, 3, 9, 8, 0, tzinfo=UTC),
        summary='Summary with <img src=x onerror="alert(1)"> markup & an "ampersand".',
        body_html="<script>alert('never shown')</script>",
        quotes=(Quote(text="</blockquote><script>alert(2)</script>", speaker="<b>Someone</b>"),),
        attachments=(Attachment(url="data:text/html,<script>alert(3)</script>", title="evil"),),
    ),
    postings=(Posting("uncover", "Uncover <the> Truth", "javascript:void(0)"),),
    published=datetime(2014, 3, 9, 8, 0, tzinfo=UTC),
    updated=datetime(2014, 3, 9, 8, 0, tzinfo=UTC),
    first_seen=datetime(2014, 3, 9, 8, 30, tzinfo=UTC),
)

ENTRIES = (ENGLISH, SPANISH, MALICIOUS)

FEEDS = (
    FeedLink("Detention Watch Coalition Newsroom", "https://news.coalition.example/atom.xml", "atom"),
    FeedLink("Detention Watch Coalition Newsroom", "https://news.coalition.example/rss.xml", "rss"),
    FeedLink("Detention Watch Coalition Newsroom", "https://news.coalition.example/feed.json", "json"),
    FeedLink("Detention Watch Coalition Newsroom", "https://news.coalition.example/events.ics", "ics"),
    FeedLink("All feeds", "https://news.coalition.example/feeds.opml", "opml"),
    FeedLink("Red Latina", "https://news.coalition.example/sources/redlatina/atom.xml", "atom"),
    FeedLink("Red Latina", "https://news.coalition.example/sources/redlatina/rss.xml", "rss"),
    FeedLink("Red Latina (partner's own feed)", "https://redlatina.example/feed/", "rss"),
)

SOURCES = (
    SourceHealth(
        "coalition",
        "Detention Watch Coalition",
        "https://coalition.example/press.html",
        "ok",
        None,
        datetime(2014, 3, 14, 6, 0, tzinfo=UTC),
        14,
    ),
    SourceHealth(
        "redlatina",
        "Red Latina",
        "https://redlatina.example/comunicados/",
        "error",
        "The site answered 503 Service Unavailable",
        datetime(2014, 3, 12, 6, 0, tzinfo=UTC),
        3,
    ),
    SourceHealth("uncover", "Uncover the Truth", "https://uncover.example/", None, None, None, 0),
)


def page() -> bytes:
    """The newsroom page for the fixtures."""
    return html.build(META, ENTRIES, FEEDS, SOURCES, NOW)


@pytest.fixture(scope="module")
def doc() -> lxml_html.HtmlElement:
    """The parsed page."""
    return lxml_html.document_fromstring(page())


def article(doc: lxml_html.HtmlElement, entry: Entry) -> lxml_html.HtmlElement:
    """The <article> for one entry."""
    found = doc.xpath("//article[.//h3[contains(., $t)]]", t=entry.release.title[:20])
    assert len(found) == 1
    return found[0]


def test_page_language_and_landmarks(doc: lxml_html.HtmlElement) -> None:
    assert doc.get("lang") == "en"
    assert len(doc.xpath("//h1")) == 1
    assert doc.xpath("string(//h1)").strip() == META.title
    for landmark in ("header", "main", "nav", "footer"):
        assert doc.xpath(f"//{landmark}"), landmark
    assert doc.xpath("//meta[@name='viewport']")


def test_heading_levels_never_skip(doc: lxml_html.HtmlElement) -> None:
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_no_script_anywhere() -> None:
    data = page()
    parsed = lxml_html.document_fromstring(data)
    assert not parsed.xpath("//script")
    assert b"<script" not in data.lower()
    # No event handler attributes and no javascript:/data: links from crawl data.
    for element in parsed.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not value.strip().lower().startswith(("javascript:", "data:")), (element.tag, name, value)


def test_autodiscovery_links(doc: lxml_html.HtmlElement) -> None:
    links = {
        (link.get("type"), link.get("href")): link.get("title") for link in doc.xpath("//head/link[@rel='alternate']")
    }
    assert links == {
        ("application/atom+xml", "https://news.coalition.example/atom.xml"): "Detention Watch Coalition Newsroom",
        ("application/rss+xml", "https://news.coalition.example/rss.xml"): "Detention Watch Coalition Newsroom",
        ("application/feed+json", "https://news.coalition.example/feed.json"): "Detention Watch Coalition Newsroom",
        ("application/atom+xml", "https://news.coalition.example/sources/redlatina/atom.xml"): "Red Latina",
        ("application/rss+xml", "https://news.coalition.example/sources/redlatina/rss.xml"): "Red Latina",
        ("application/rss+xml", "https://redlatina.example/feed/"): "Red Latina (partner's own feed)",
    }


def test_feeds_section_lists_every_feed(doc: lxml_html.HtmlElement) -> None:
    section = doc.get_element_by_id("feeds")
    hrefs = [a.get("href") for a in section.xpath(".//a")]
    assert hrefs == [f.url for f in FEEDS]
    # Each link says what it is and whose it is, even when read out of context.
    labels = [" ".join(a.text_content().split()) for a in section.xpath(".//a")]
    assert labels[0] == "Atom — Detention Watch Coalition Newsroom"
    assert labels[3] == "Calendar (.ics) — Detention Watch Coalition Newsroom"
    assert labels[4] == "OPML — All feeds"
    assert "copy a feed’s address into your reader" in section.text_content()


def test_release_fields(doc: lxml_html.HtmlElement) -> None:
    node = article(doc, ENGLISH)
    title = node.xpath(".//h3/a")[0]
    assert title.get("href") == ENGLISH.release.url
    assert title.text_content() == ENGLISH.release.title
    when = node.xpath(".//time")[0]
    assert when.get("datetime") == "2014-03-12T10:00:00-04:00"
    assert when.text == "12 March 2014, 10:00 EDT"
    text = " ".join(node.text_content().split())
    assert "Press release" in text
    assert "Posted by Detention Watch Coalition; also posted by Uncover the Truth" in text
    assert ENGLISH.release.summary in text
    assert "WASHINGTON, D.C." in text
    assert "The report finds" not in text  # body_html never reaches the page
    assert node.xpath(".//a[@href='https://uncover.example/2014/03/paying-to-hold/']")[0].text == "Uncover the Truth"


def test_date_only_release_shows_no_time(doc: lxml_html.HtmlElement) -> None:
    when = article(doc, SPANISH).xpath(".//time")[0]
    assert when.get("datetime") == "2014-03-10"
    assert when.text == "10 March 2014"


def test_quotes(doc: lxml_html.HtmlElement) -> None:
    figure = article(doc, ENGLISH).xpath(".//figure")[0]
    assert figure.xpath("string(blockquote)").strip() == "“No family should go into debt to hear a loved one's voice.”"
    assert figure.xpath("string(figcaption/cite)") == "Maria Lopez"
    caption = " ".join(figure.xpath("string(figcaption)").split())
    assert caption == "— Maria Lopez, Executive Director, Detention Watch Coalition"


def test_contacts_tel_and_mailto(doc: lxml_html.HtmlElement) -> None:
    node = article(doc, ENGLISH)
    tel = node.xpath(".//a[starts-with(@href, 'tel:')]")[0]
    assert tel.get("href") == "tel:+12025550143;ext=12"
    assert tel.text_content() == "+1 202-555-0143 ext. 12"
    mail = node.xpath(".//a[starts-with(@href, 'mailto:')]")[0]
    assert mail.get("href") == "mailto:press@coalition.example"
    assert mail.text == "press@coalition.example"
    assert "Sam Rivera" in node.text_content()
    spanish_tel = article(doc, SPANISH).xpath(".//a[starts-with(@href, 'tel:')]")[0]
    assert spanish_tel.get("href") == "tel:+13125550199"
    assert spanish_tel.text_content() == "+1 312-555-0199"


def test_attachments(doc: lxml_html.HtmlElement) -> None:
    item = article(doc, ENGLISH).xpath(".//ul[contains(@class, 'attachments')]/li")[0]
    assert item.xpath("a/@href") == [ENGLISH.release.attachments[0].url]
    assert " ".join(item.text_content().split()) == "Paying to Hold (full report) (PDF, 471 KB)"
    spanish = article(doc, SPANISH).xpath(".//ul[contains(@class, 'attachments')]/li")[0]
    assert " ".join(spanish.text_content().split()) == "Volante (file)"


def test_spanish_release_is_marked_spanish(doc: lxml_html.HtmlElement) -> None:
    node = article(doc, SPANISH)
    assert node.xpath(".//h3")[0].get("lang") == "es"
    assert node.xpath(".//h3/a")[0].get("hreflang") == "es"
    assert node.xpath(".//p[@class='summary']")[0].get("lang") == "es"
    # English releases carry no lang of their own: the page's lang already says English.
    assert not article(doc, ENGLISH).xpath(".//*[@lang]")


def test_upcoming_events(doc: lxml_html.HtmlElement) -> None:
    section = doc.get_element_by_id("events")
    text = " ".join(section.text_content().split())
    assert "Foro comunitario «Conozca sus derechos»" in text
    assert "Saturday 22 March 2014, 18:00–20:00 CDT" in text
    assert "Iglesia San Pío" in text
    assert "Press call" not in text  # over before `now`
    assert section.xpath(".//time/@datetime") == ["2014-03-22T18:00:00-05:00"]
    assert section.xpath(".//a/@href") == [SPANISH.release.url]
    assert section.xpath(".//h3/@lang") == ["es"]


def test_events_sorted_and_bare_dates_last_all_day() -> None:
    def with_events(*events: Event) -> Entry:
        return Entry(
            id="urn:uuid:e",
            release=Release(url="https://x.example/e", title="Events", events=events),
            postings=(),
            published=NOW,
            updated=NOW,
            first_seen=NOW,
        )

    entry = with_events(
        Event(title="Later", start=datetime(2014, 4, 2, 9, 0, tzinfo=UTC)),
        Event(title="Today all day", start=date(2014, 3, 14), all_day=True),
        Event(title="Yesterday", start=date(2014, 3, 13)),
        Event(title="Tomorrow", start=date(2014, 3, 15), end=date(2014, 3, 16)),
        Event(start=datetime(2014, 5, 1, 9, 0, tzinfo=UTC), location="Union Hall"),
    )
    parsed = lxml_html.document_fromstring(html.build(META, [entry], [], [], NOW))
    titles = [h.text_content() for h in parsed.xpath("//section[@id='events']//h3")]
    assert titles == ["Today all day", "Tomorrow", "Later", "Events"]
    # Untitled: named after the release, and the name is the link (no repeated "From the release" line).
    untitled = parsed.xpath("//section[@id='events']//li")[-1]
    assert untitled.xpath("h3/a/@href") == ["https://x.example/e"]
    assert "From the release" not in untitled.text_content()
    whens = parsed.xpath("//section[@id='events']//time/text()")
    assert whens[1] == "Saturday 15 March 2014 to Sunday 16 March 2014"


def test_sources_health(doc: lxml_html.HtmlElement) -> None:
    items = doc.get_element_by_id("sources").xpath(".//li")
    texts = [" ".join(li.text_content().split()) for li in items]
    assert texts[0].startswith("Detention Watch Coalition OK 14 releases collected.")
    assert "Last successful check" not in texts[0]  # a healthy source's time would change every crawl
    assert "Error" in texts[1]
    assert "Last check failed: The site answered 503 Service Unavailable." in texts[1]
    assert "Last successful check: 12 March 2014, 06:00 UTC." in texts[1]
    assert "Not checked yet" in texts[2] and "No successful check yet." in texts[2]
    assert items[1].xpath(".//span[contains(@class, 'status')]/@class") == ["status status-error"]


def test_a_source_without_dates_is_named_plainly() -> None:
    undated = html.SourceHealth(
        "quiet",
        "Quiet Partner",
        "https://quiet.example.org/",
        "no_dates",
        "3 release(s) found but none carries a date",
        None,
        3,
    )
    page = html.build(META, [], [], [undated], NOW)
    text = " ".join(lxml_html.fromstring(page).text_content().split())
    assert "Quiet Partner Releases without dates 3 releases collected." in text
    assert "3 release(s) found but none carries a date." in text


def test_malicious_text_is_escaped_text(doc: lxml_html.HtmlElement) -> None:
    node = article(doc, MALICIOUS)
    heading = node.xpath(".//h3")[0]
    assert heading.text_content() == "<script>alert('pwned')</script> Statement on detention"
    assert not heading.xpath(".//a")  # a javascript: URL gives no link at all
    assert 'Summary with <img src=x onerror="alert(1)"> markup' in node.text_content()
    assert not node.xpath(".//img") and not node.xpath(".//b")
    assert "Uncover <the> Truth" in node.text_content()
    assert not node.xpath(".//ul[contains(@class, 'attachments')]")
    assert "alert('never shown')" not in page().decode()
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page().decode()


def test_deterministic() -> None:
    assert page() == page()
    assert html.build(META, list(ENTRIES), list(FEEDS), list(SOURCES), NOW) == page()


def test_empty_newsroom() -> None:
    parsed = lxml_html.document_fromstring(html.build(META, [], [], [], NOW))
    text = " ".join(parsed.text_content().split())
    assert "No releases yet." in text and "No upcoming events announced." in text
    assert len(parsed.xpath("//h1")) == 1


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        html.build(META, ENTRIES, FEEDS, SOURCES, datetime(2014, 3, 14, 12, 0))


def test_zone_without_abbreviation_shows_offset() -> None:
    bogota = datetime(2014, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Bogota"))  # tzname() is "-05"
    entry = Entry(
        id="urn:uuid:b",
        release=Release(url="https://x.example/b", title="Bogotá", published=bogota),
        postings=(),
        published=bogota,
        updated=bogota,
        first_seen=bogota,
    )
    parsed = lxml_html.document_fromstring(html.build(META, [entry], [], [], NOW))
    assert parsed.xpath("//article//time/text()") == ["12 March 2014, 09:30 UTC−05:00"]


# --- the feed stylesheet -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", [atom.build, rss.build], ids=["atom", "rss"])
def test_stylesheet_renders_feed(builder: Callable[[FeedMeta, Sequence[Entry]], bytes]) -> None:
    transform = etree.XSLT(etree.fromstring(xsl.stylesheet()))
    feed = etree.fromstring(builder(META, ENTRIES))
    result = transform(feed)
    out = lxml_html.document_fromstring(str(result))
    assert out.xpath("string(//h1)").strip() == META.title
    text = " ".join(out.text_content().split())
    assert "This is a feed" in text and "copy" in text.lower()
    assert META.self_url in text
    assert META.subtitle in text
    titles = [" ".join(a.text_content().split()) for a in out.xpath("//article//h2/a | //article//h2[not(a)]")]
    assert titles[:2] == [ENGLISH.release.title, SPANISH.release.title]
    assert out.xpath("//article//h2/a/@href")[:2] == [ENGLISH.release.url, SPANISH.release.url]
    assert ENGLISH.release.summary in text
    # The malicious title and summary stay text; no partner markup becomes elements.
    assert "<script>alert('pwned')</script>" in text
    assert not out.xpath("//script | //img | //@onerror")
    assert not [h for h in out.xpath("//a/@href") if h.lower().startswith("javascript:")]
    # The release date, not the (later) time pressroom last changed the entry.
    assert out.xpath("string(//article[2]//time)").startswith("10 March 2014, 00:00 ")
    attachments = [" ".join(a.text_content().split()) for a in out.xpath("//article[1]//p/a")]
    assert attachments[0].startswith("Attachment") and "(application/pdf)" in attachments[0]


def test_stylesheet_is_xslt_1() -> None:
    root = etree.fromstring(xsl.stylesheet())
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert root.get("version") == "1.0"


# --- in a real browser --------------------------------------------------------------------------------------------


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Headless Chromium on a local file, with nothing fetched from the network."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=390,844",
        *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=120, check=False)


def test_page_in_headless_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        # CI installs Debian's chromium, so there a missing browser is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (CI must install Debian's chromium)")
        pytest.skip("chromium is not installed")
    path = tmp_path / "index.html"
    path.write_bytes(page())
    dumped = chromium(tmp_path, "--dump-dom", path.as_uri())
    assert dumped.returncode == 0, dumped.stderr.decode(errors="replace")[-2000:]
    rendered = lxml_html.document_fromstring(dumped.stdout)
    headings = [" ".join(h.text_content().split()) for h in rendered.xpath("//article//h3")]
    assert headings == [e.release.title for e in ENTRIES]
    assert not rendered.xpath("//script")

    shot = tmp_path / "newsroom-phone.png"
    taken = chromium(tmp_path, f"--screenshot={shot}", path.as_uri())
    assert taken.returncode == 0, taken.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (390, 844)
