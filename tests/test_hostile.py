"""A hostile partner site crawled with a real `pressroom build`: nothing harmful or broken reaches a published file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SITES, run

from pressroom.sampleserver import SampleServer
from pressroom.validate import validate

# Never in any published byte, whatever the case: each would run code or load a document in a reader.
FORBIDDEN = (b"<script", b"javascript:", b"onerror=", b"onload=", b"onclick=", b"data:text/html", b"expression(")
MOJIBAKE = ("Ã©", "Ã¡", "Ã±", "â€", "Â", "\ufffd")
NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
TRAPS = """
<script>alert('body')</script><noscript><img src=x onerror=alert(1)></noscript>
<iframe src="javascript:alert(5)"></iframe><object data="data:text/html;base64,PHNjcmlwdD4="></object>
<img src="/hostile/logo.png" onerror="alert(6)" alt="logo"> <img src="data:text/html;base64,PHNjcmlwdD4=">
<svg onload="alert(9)"><script>alert(10)</script></svg>
"""


def _release_one() -> bytes:
    """Windows-1252 bytes served as UTF-8, with control characters and every markup trap."""
    html = f"""<html><head><title>Coalition Demands\x01 Answers on Detention Contracts | Hostile Partner</title>
<script>alert('head')</script><style>body {{ background: url(javascript:alert(1)) }}</style></head>
<body onload="alert(2)"><div class="content">
<h1 onclick="alert(3)">Coalition Demands\x0b Answers on Detention Contracts</h1>
<p class="date">March 4, 2014</p>
<p style="background:url(javascript:alert(4)); width: expression(alert(5))">WASHINGTON, D.C. – Advocates said today
that the county’s detention contracts are “unacceptable”\x08 and must be reviewed before the budget vote.</p>
<p>“We will not stop until every family is safe,” said María Pérez, director of the Coalition.</p>
{TRAPS}
<p>Read the <a href="javascript:alert(7)//report.pdf" onmouseover="alert(8)">full report (PDF)</a>, the
<a href="data:text/html,&lt;script&gt;alert(8)&lt;/script&gt;">summary</a> and the
<a href="files/contracts.pdf">contracts (PDF)</a>.</p>
<p>Contact: Ana López, ana@hostile.example.org, (202) 555-0143</p>
</div></body></html>"""
    return html.encode("cp1252")


def _release_two(origin: str) -> bytes:
    """UTF-8 with a BOM, a <base href>, relative and protocol-relative links, entities escaped twice, an event."""
    host = origin.split("://", 1)[1]
    html = f"""<html><head><base href="{origin}/hostile/sub/">
<title>MEDIA ADVISORY: Families Rally at City Hall</title></head><body><div class="content">
<h1>MEDIA ADVISORY: Families Rally at City Hall</h1>
<p>March 10, 2014</p>
<p>Families and the firm of Smith &amp;amp; Jones will rally for &amp;#8220;Justice Now&amp;#8221; before the
hearing on the county budget, with speakers from every neighbourhood.</p>
<p>WHAT: A rally and press conference on the county detention budget.</p>
<p>WHEN: Saturday, March 15, 2014, 10:00 a.m.</p>
<p>WHERE: City Hall, 100 Main Street</p>
<p>See the <a href="flyer.pdf">flyer (PDF)</a> and the <a href="//{host}/hostile/agenda.pdf">agenda (PDF)</a>
and <a href="vbscript:msgbox(1)" style="x:expression(alert(1))">this</a>.</p>
{TRAPS}
</div></body></html>"""
    return b"\xef\xbb\xbf" + html.encode("utf-8")


def _deep_page() -> bytes:
    """Markup nested 20,000 deep (libxml2 stops at 256) between the release's real text."""
    return (
        "<html><head><title>Deeply Nested Statement on Shelter Funding</title></head><body><div class='content'>"
        "<h1>Deeply Nested Statement on Shelter Funding</h1><p>March 12, 2014</p>"
        "<p>The shelter network issued the following statement today about funding for the coming winter.</p>"
        + "<div>" * 20_000
        + "<p>Deep inside the nesting, the statement continues with its demands.</p>"
        + "</div>" * 20_000
        + "<p>Text after the deep nesting survives and reaches subscribers.</p></div></body></html>"
    ).encode()


def _huge_page() -> bytes:
    """A 13 MB release page."""
    para = "<p>The coalition said today that families deserve better housing, and that the work goes on.</p>\n"
    return (
        "<html><head><title>Enormous Report on Housing Conditions</title></head><body><div class='content'>"
        "<h1>Enormous Report on Housing Conditions</h1><p>March 14, 2014</p>"
        + para * (13_000_000 // len(para))
        + "</div></body></html>"
    ).encode()


def _feed(origin: str) -> bytes:
    """RSS with a billion-laughs DTD, an external entity, a javascript: item link, raw control bytes, a bare &."""
    words = " ".join(["The network repeated its call for a full public accounting of the contracts."] * 8)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "{origin}/hostile/evil.dtd">
]>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Hostile Partner News &lol4; &xxe;</title><link>{origin}/hostile/</link><description>News</description>
<item><title>Statement on the Budget from Smith &amp;amp; Jones&#x1;</title>
<link>{origin}/hostile/feed-statement.html</link><pubDate>Tue, 18 Mar 2014 10:00:00 -0400</pubDate>
<description>&lol4; &xxe; &remote;</description>
<content:encoded><![CDATA[<p onclick="alert(1)">{words}</p><script>alert(2)</script>
<p><a href="javascript:alert(3)">click</a> <img src="x" onerror="alert(4)"> &lol4;</p>]]></content:encoded></item>
<item><title>Item That Only Links to Script</title><link>javascript:alert(document.cookie)</link>
<pubDate>Wed, 19 Mar 2014 10:00:00 -0400</pubDate>
<content:encoded><![CDATA[<p>{words}</p>]]></content:encoded></item>
<item><title>Parks & Recreation Workers\x02 Join the Call</title><link>{origin}/hostile/feed-parks.html</link>
<pubDate>Thu, 20 Mar 2014 10:00:00 -0400</pubDate>
<content:encoded><![CDATA[<p>Parks workers joined the call. {words}</p>]]></content:encoded></item>
</channel></rss>""".encode()


LISTING = """<html><head><title>Press Room | Hostile Partner</title></head><body><h1>Press Room</h1><ul>
<li><h3><a href="r1.html">Coalition Demands Answers on Detention Contracts</a></h3><p>March 4, 2014</p>
<a href="r1.html">Read More »</a></li>
<li><h3><a href="r2.html">MEDIA ADVISORY: Families Rally at City Hall</a></h3><p>March 10, 2014</p>
<a href="r2.html">Read More »</a></li>
<li><h3><a href="deep.html">Deeply Nested Statement on Shelter Funding</a></h3><p>March 12, 2014</p>
<a href="deep.html">Read More »</a></li>
<li><h3><a href="huge.html">Enormous Report on Housing Conditions</a></h3><p>March 14, 2014</p>
<a href="huge.html">Read More »</a></li>
<li><h3><a href="javascript:alert(1)">A Link That Runs Script Instead</a></h3>
<a href="javascript:alert(1)">Read More »</a></li>
</ul></body></html>"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The hostile site served on loopback and built once; yields the published folder."""
    root = tmp_path_factory.mktemp("hostile")
    site = root / "site"
    (site / "hostile" / "files").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    # A healthy partner (the end-to-end test sites) is crawled in the same build: it must not suffer.
    with SampleServer(site) as server, SampleServer(SITES) as healthy:
        origin = server.origin
        (site / "hostile" / "press.html").write_text(LISTING, encoding="utf-8")
        (site / "hostile" / "r1.html").write_bytes(_release_one())
        (site / "hostile" / "r2.html").write_bytes(_release_two(origin))
        (site / "hostile" / "deep.html").write_bytes(_deep_page())
        (site / "hostile" / "huge.html").write_bytes(_huge_page())
        (site / "hostile" / "feed.xml").write_bytes(_feed(origin))
        config = root / "pressroom.toml"
        config.write_text(
            f"""[newsroom]
title = "Hostile Test Newsroom"
base_url = "https://news.example.org/"
timezone = "America/New_York"

[crawl]
autothrottle = false
allow_private = true

[[sources]]
id = "hostile"
name = "Hostile Partner"
url = "{origin}/hostile/press.html"

[[sources]]
id = "hostile-feed"
name = "Hostile Partner Feed"
url = "{origin}/hostile/feed.xml"

[[sources]]
id = "riverside"
name = "Riverside Workers' Center"
url = "{healthy.origin}/riverside/category/news/"
timezone = "America/Chicago"
""",
            encoding="utf-8",
        )
        out = root / "public"
        result = run("build", "--config", str(config), "--out", str(out))
        assert result.exit_code == 0, result.output
    yield out


def _files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.parts))


def _items(out: Path) -> dict[str, dict]:
    return {item["title"]: item for item in json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]}


def test_the_healthy_partner_beside_it_publishes_in_full(published: Path) -> None:
    riverside = json.loads((published / "sources" / "riverside" / "feed.json").read_text(encoding="utf-8"))
    assert len(riverside["items"]) == 5
    assert "Restaurant Workers File Wage Theft Claims Totaling $410,000" in {i["title"] for i in riverside["items"]}


def test_every_published_file_is_valid(published: Path) -> None:
    checked, problems = validate(published)
    assert checked >= 5
    assert problems == []


def test_nothing_harmful_in_any_published_byte(published: Path) -> None:
    files = _files(published)
    assert any(p.name == "index.html" for p in files) and any(p.name == "events.ics" for p in files)
    for path in files:
        data = path.read_bytes().lower()
        for needle in FORBIDDEN:
            assert needle not in data, f"{path.name} carries {needle!r}"
        # No declared entity was expanded, and no local file was read into a feed.
        assert b"lollol" not in data and b"root:" not in data, path.name


def test_no_mojibake_and_only_xml_characters(published: Path) -> None:
    for path in _files(published):
        if path.suffix in (".xsl",):
            continue
        text = path.read_text(encoding="utf-8")
        assert not NOT_XML_CHAR.search(text), path.name
        for marker in MOJIBAKE:
            assert marker not in text, f"{path.name} carries {marker!r}"


def test_real_releases_are_published_with_their_real_text(published: Path) -> None:
    items = _items(published)
    first = items["Coalition Demands Answers on Detention Contracts"]
    assert "“unacceptable”" in first["content_html"] and "county’s" in first["content_html"]
    assert any(q["speaker"] == "María Pérez" for q in first["_pressroom"]["quotes"])
    assert [a["url"].rsplit("/", 2)[-2:] for a in first["attachments"]] == [["files", "contracts.pdf"]]

    rally = items["MEDIA ADVISORY: Families Rally at City Hall"]
    assert "Smith &amp; Jones" in rally["content_html"] and "“Justice Now”" in rally["content_html"]
    urls = sorted(a["url"] for a in rally["attachments"])
    assert urls[0].endswith("/hostile/agenda.pdf") and urls[1].endswith("/hostile/sub/flyer.pdf")
    assert all(u.startswith("http://127.0.0.1:") for u in urls)
    assert rally["_pressroom"]["events"] and rally["_pressroom"]["events"][0]["location"].startswith("City Hall")

    deep = items["Deeply Nested Statement on Shelter Funding"]
    assert "Text after the deep nesting survives" in deep["content_html"]

    huge = items["Enormous Report on Housing Conditions"]
    assert "families deserve better housing" in huge["content_html"]

    statement = items["Statement on the Budget from Smith & Jones"]
    assert "public accounting" in statement["content_html"]
    assert any(t.startswith("Parks & Recreation Workers") for t in items)
    # The item whose only link runs script is not published at all, and neither is the listing's script link.
    assert "Item That Only Links to Script" not in items
    assert "A Link That Runs Script Instead" not in items
    assert all(item["url"].startswith("http://127.0.0.1:") for item in items.values())
