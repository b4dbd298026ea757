"""Property tests: on arbitrary text and bytes the normalisers never raise and return only XML-safe text."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from typing import Any

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.extract import Hints, extract_fragment, extract_releases
from pressroom.feedparse import parse_feed
from pressroom.models import Release
from pressroom.normalise.contacts import contacts_from_lines
from pressroom.normalise.dates import find_date, parse_when
from pressroom.normalise.events import events_from_blocks
from pressroom.normalise.markup import attachments, sanitise
from pressroom.normalise.quotes import quotes_from_blocks, quotes_in_paragraph
from pressroom.normalise.text import Block, blocks, clean
from pressroom.page import Page

NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Elements and attributes that run or load something; only these URL schemes may stay in an href or src.
UNSAFE_TAGS = {"script", "iframe", "style", "object", "embed", "svg", "math", "link", "meta", "base", "form"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")

# Pieces partners really write, and pieces that break parsers, so examples reach the interesting code paths.
FRAGMENTS = [
    "March 4, 2014",
    "4 de marzo de 2014",
    "Monday, April 7, 2014, 10:00 a.m. (EDT)",
    "2:00pm pt – 5pm pt",
    "WHEN: ",
    "WHERE: City Hall, ",
    "WHAT: ",
    "Contact: ",
    "Media contacts: Ana López, (202) 555-0143 x12, ana@example.org",
    "“",
    "”",
    '"',
    " said María Pérez, director of the Coalition.",
    "EMBARGOED UNTIL 10:00 a.m. ET, Tuesday, March 4, 2014",
    "WASHINGTON, D.C. – ",
    "&amp;#8220;",
    "&amp;amp;",
    "&#0;",
    "&#xD800;",
    "\x00",
    "\x0b",
    "\x1f",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\ufeff",
    "Ã©",
    "â€™",
    "\n",
    " ",
]
HTML_FRAGMENTS = [
    "<p>",
    "</p>",
    "<h1>",
    "</h1>",
    "<div class='content'>",
    "</div>",
    "<br>",
    "<strong>",
    "<a href='javascript:alert(1)'>",
    "<a href='files/report.pdf'>",
    "<a href='//other.example.org/x.pdf'>",
    "</a>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src='data:text/html,x'></iframe>",
    "<p style='background:url(javascript:alert(1));width:expression(alert(2))'>",
    "<base href='javascript:alert(1)'>",
    "<base href='/news/'>",
    "<title>",
    "</title>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?xml version='1.0' encoding='utf-8'?>",
    "<!DOCTYPE html>",
    "<",
    ">",
    "&",
]

text_pieces = st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS))
texts = st.lists(text_pieces, max_size=12).map("".join)
html_texts = st.lists(st.one_of(text_pieces, st.sampled_from(HTML_FRAGMENTS)), max_size=25).map("".join)


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="surrogatepass" if codec == "utf-8" else "replace")


html_bytes = st.one_of(
    st.binary(max_size=400),
    st.tuples(html_texts, st.sampled_from(["utf-8", "cp1252", "utf-16"])).map(lambda pair: _encode(*pair)),
    html_texts.map(lambda t: b"\xef\xbb\xbf" + _encode(t, "utf-8")),
)
content_types = st.sampled_from([None, "text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1"])
ZONES = st.sampled_from(["UTC", "America/New_York", "America/Los_Angeles", "Europe/Madrid"])
REFS = st.sampled_from([None, date(2014, 3, 4), datetime(2014, 3, 4, 10, 0)])

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_xml_safe(value: Any, where: str = "value") -> None:
    """Every string inside `value` (dataclasses, dicts, sequences) holds only characters XML 1.0 allows."""
    if isinstance(value, str):
        assert not NOT_XML_CHAR.search(value), f"{where}: {value!r}"
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            assert_xml_safe(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_xml_safe(item, f"{where}[{key!r}]")
    elif isinstance(value, list | tuple | set):
        for n, item in enumerate(value):
            assert_xml_safe(item, f"{where}[{n}]")


def assert_markup_safe(html: str) -> None:
    """No element or attribute in the HTML can run script or load a document; the same words as text are fine."""
    if not html.strip():
        return
    for el in lxml.html.fragments_fromstring(f"<div>{html}</div>")[0].iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag not in UNSAFE_TAGS, html
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on") and name.lower() != "style", html
            if name.lower() in ("href", "src"):
                assert value.strip().lower().startswith(SAFE_SCHEMES), html


def assert_release_safe(release: Release) -> None:
    assert_xml_safe(release, "release")
    assert_markup_safe(release.body_html)
    for attachment in release.attachments:
        assert attachment.url.startswith(("http://", "https://")), attachment.url
    assert release.url.startswith(("http://", "https://")), release.url


@FAST
@given(texts, ZONES)
def test_find_date_never_raises(text: str, tz: str) -> None:
    assert isinstance(find_date(text, tz), date | type(None))


@FAST
@given(texts, REFS, ZONES)
def test_parse_when_never_raises(text: str, ref: date | None, tz: str) -> None:
    found = parse_when(text, ref, tz)
    assert found is None or isinstance(found[0], date)


@FAST
@given(st.lists(texts, max_size=6))
def test_contacts_are_xml_safe(lines: list[str]) -> None:
    assert_xml_safe(contacts_from_lines(lines))


@FAST
@given(texts)
def test_quotes_are_xml_safe(text: str) -> None:
    assert_xml_safe(quotes_in_paragraph(text))
    assert_xml_safe(quotes_from_blocks([Block(text, "p")]))


@FAST
@given(st.lists(texts, max_size=6), REFS, ZONES)
def test_events_are_xml_safe(paragraphs: list[str], ref: date | None, tz: str) -> None:
    events, used = events_from_blocks([Block(p, "p") for p in paragraphs], ref, tz)
    assert_xml_safe(events)
    assert used <= set(range(len(paragraphs)))


@FAST
@given(texts)
def test_clean_is_xml_safe(text: str) -> None:
    assert_xml_safe(clean(text))


@SLOW
@given(html_bytes, content_types)
def test_any_page_bytes_give_safe_releases(body: bytes, content_type: str | None) -> None:
    page = Page.parse(body, "https://partner.example.org/news/item.html", content_type)
    assert page.url.startswith("https://")
    assert_xml_safe([b.text for b in blocks(page.tree)])
    for release in extract_releases(page, Hints(timezone="America/New_York")):
        assert_release_safe(release)


@SLOW
@given(html_texts)
def test_any_page_text_gives_safe_releases(text: str) -> None:
    page = Page.parse(
        f"<html><body><div class='content'><h1>A Headline Here</h1>{text}</div></body></html>",
        "https://p.example.org/a",
    )
    for release in extract_releases(page):
        assert_release_safe(release)
    assert_release_safe(extract_fragment(text, "https://p.example.org/b", Hints(title=text[:40])))


@SLOW
@given(html_texts)
def test_sanitised_html_is_safe(text: str) -> None:
    page = Page.parse(f"<html><body><div>{text}</div></body></html>", "https://p.example.org/a/")
    body = page.tree.find("body")
    html = sanitise(body, page.url)
    assert_markup_safe(html)
    assert_xml_safe(html)
    assert all(a.url.startswith(("http://", "https://")) for a in attachments(body, page.url))


@SLOW
@given(
    st.one_of(
        st.binary(max_size=300),
        html_texts.map(
            lambda t: f"<rss><channel><item><title>{t}</title><link>{t}</link></item></channel></rss>".encode(
                "utf-8", "surrogatepass"
            )
        ),
    )
)
def test_any_feed_bytes_parse_safely(body: bytes) -> None:
    parsed = parse_feed(body, "https://p.example.org/feed.xml")
    for entry in parsed.get("entries") or []:
        assert_xml_safe(entry.get("title"))
        link = entry.get("link")
        assert link is None or link.startswith(("http://", "https://")), link
