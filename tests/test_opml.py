"""The OPML 2.0 subscription list: what feed readers import."""

from __future__ import annotations

import pytest
from lxml import etree

from pressroom.feeds import opml
from pressroom.feeds.opml import FeedLink

FEEDS = (
    FeedLink("All partners (Atom)", "https://feeds.coalition.example/all.atom", "atom", "https://coalition.example/"),
    FeedLink("All partners (RSS)", "https://feeds.coalition.example/all.rss", "rss", "https://coalition.example/"),
    FeedLink("All partners (JSON)", "https://feeds.coalition.example/all.json", "json", "https://coalition.example/"),
    FeedLink("Friends of the River & co", "https://feeds.coalition.example/riverfriends.atom", "atom"),
)


def outlines(data: bytes) -> list[dict[str, str]]:
    """The attributes of every body outline, in document order."""
    return [dict(o.attrib) for o in etree.fromstring(data).iterfind("body/outline")]


def test_document_shape() -> None:
    """An OPML 2.0 root with the title in head, no dateCreated, and UTF-8 with a declaration."""
    data = opml.build("Clean Water Coalition feeds", FEEDS)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<opml version=\"2.0\">")
    root = etree.fromstring(data)
    assert root.tag == "opml"
    assert root.get("version") == "2.0"
    assert [child.tag for child in root] == ["head", "body"]
    assert [child.tag for child in root.find("head")] == ["title"]
    assert root.findtext("head/title") == "Clean Water Coalition feeds"


def test_outlines_match_the_atom_and_rss_feeds() -> None:
    """One rss-type outline per Atom or RSS feed, in the given order; JSON feeds are left out."""
    assert outlines(opml.build("Feeds", FEEDS)) == [
        {
            "type": "rss",
            "text": "All partners (Atom)",
            "title": "All partners (Atom)",
            "xmlUrl": "https://feeds.coalition.example/all.atom",
            "htmlUrl": "https://coalition.example/",
        },
        {
            "type": "rss",
            "text": "All partners (RSS)",
            "title": "All partners (RSS)",
            "xmlUrl": "https://feeds.coalition.example/all.rss",
            "htmlUrl": "https://coalition.example/",
        },
        {
            "type": "rss",
            "text": "Friends of the River & co",
            "title": "Friends of the River & co",
            "xmlUrl": "https://feeds.coalition.example/riverfriends.atom",
        },
    ]


def test_deterministic() -> None:
    """Equal input gives equal bytes."""
    assert opml.build("Feeds", FEEDS) == opml.build("Feeds", list(FEEDS))


def test_repeated_urls_are_listed_once() -> None:
    """A feed given twice is one subscription."""
    data = opml.build("Feeds", (FEEDS[0], FeedLink("Again", FEEDS[0].url, "atom")))
    assert [o["xmlUrl"] for o in outlines(data)] == [FEEDS[0].url]


def test_untitled_feed_is_named_by_its_url_and_control_characters_go() -> None:
    """`text` is required by OPML, so an empty title falls back to the URL; XML-forbidden characters are removed."""
    data = opml.build(
        "Feeds\x00",
        (FeedLink("", "https://x.example/a.rss", "rss"), FeedLink("B\x0b", "https://x.example/b.rss", "rss")),
    )
    assert etree.fromstring(data).findtext("head/title") == "Feeds"
    assert [o["text"] for o in outlines(data)] == ["https://x.example/a.rss", "B"]


def test_unknown_kind_is_refused() -> None:
    """A kind other than atom, rss or json is a caller bug."""
    with pytest.raises(ValueError, match="unknown feed kind"):
        opml.build("Feeds", (FeedLink("X", "https://x.example/x.xml", "rdf"),))
