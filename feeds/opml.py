"""OPML 2.0 (http://opml.org/spec2.opml) subscription list: one outline per Atom or RSS feed.

JSON feeds are left out: OPML readers import `type="rss"` outlines as RSS/Atom subscriptions and would fail on
JSON. There is no `dateCreated`: it would be the build time, and equal input must give equal bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from pressroom.feeds.common import xml_text

MEDIA_TYPE = "text/x-opml"
KINDS = ("atom", "rss", "json")


@dataclass(frozen=True)
class FeedLink:
    """One published feed: its title, absolute URL, format and, optionally, the web page it mirrors."""

    title: str
    url: str
    kind: str  # "atom" | "rss" | "json"
    html_url: str = ""  # the newsroom page the feed follows; written as htmlUrl when known


def build(title: str, feeds: Sequence[FeedLink]) -> bytes:
    """The OPML document listing the Atom and RSS feeds in the given order, each URL once."""
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = xml_text(title)
    body = etree.SubElement(opml, "body")
    seen: set[str] = set()
    for feed in feeds:
        if feed.kind not in KINDS:
            raise ValueError(f"unknown feed kind {feed.kind!r} for {feed.url}; expected one of {KINDS}")
        url = xml_text(feed.url)
        if feed.kind == "json" or url in seen:
            continue
        seen.add(url)
        name = xml_text(feed.title).strip() or url
        outline = etree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=url)
        if feed.html_url:
            outline.set("htmlUrl", xml_text(feed.html_url))
    # The same declaration style as the Atom and RSS files feedgen writes.
    return etree.tostring(opml, pretty_print=True, xml_declaration=True, encoding="UTF-8")
