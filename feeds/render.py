"""Atom and RSS documents assembled from entries serialised one by one, so each entry can be rendered once.

feedgen still makes every element: the feed's own elements come from a FeedGenerator with no entries (the
"frame"), each entry from a standalone feedgen entry. An entry is serialised inside a wrapper root that declares
the same namespaces as the feed's root, so its bytes are exactly those it has inside the whole document (`_settled`
covers `decorate`'s re-parse). A document is its frame with its entries' bytes spliced in; a publish keeps those
bytes (`pressroom.parts`) and splices them into every feed that carries the entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from lxml import etree

from pressroom.feeds import common, extension
from pressroom.feeds.decorate import ATOM_NS, decorate, reparses
from pressroom.models import Entry, FeedMeta

Format = Literal["atom", "rss", "json"]
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# The namespaces each format's root declares (feedgen's, in its order), so an entry serialises as in the feed.
_RSS_NSMAP = {"dc": "http://purl.org/dc/elements/1.1/", "atom": ATOM_NS, "content": _CONTENT_NS}
_ATOM_NSMAP = extension.PressroomExtension().extend_ns()


# What goes between two entries of a document (JSON items are comma-separated).
SEPARATORS: dict[str, bytes] = {"atom": b"", "rss": b"", "json": b",\n"}


def splice(frame: tuple[bytes, bytes], parts: Sequence[bytes], fmt: Format) -> bytes:
    """The document: its frame with the entries' bytes between the two halves."""
    separator = SEPARATORS[fmt]
    # One join, one copy of a document that can run to megabytes.
    inner = parts if not separator else (separator.join(parts),)
    return b"".join((frame[0], *inner, frame[1]))


def atom_frame(meta: FeedMeta, updated: datetime) -> tuple[bytes, bytes]:
    """The decorated Atom document without entries, cut where the entries go (before `</feed>`)."""
    fg = common.generator(meta, updated, "atom")
    extension.attach(fg, ())
    head = decorate(fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True), meta, "atom")
    cut = head.rindex(b"</feed>")
    return head[:cut], head[cut:]


def rss_frame(meta: FeedMeta, updated: datetime) -> tuple[bytes, bytes]:
    """The decorated RSS document without items, cut where the items go (before `</channel>`)."""
    fg = common.generator(meta, updated, "rss")
    head = decorate(fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True), meta, "rss")
    cut = head.rindex(b"  </channel>")
    return head[:cut], head[cut:]


def atom_part(entry: Entry, fallback: str, settle: bool) -> bytes:
    """One `<entry>` as it stands in an Atom feed; `settle` when the feed is decorated (see `_settled`)."""
    return _between(_settled(_atom_wrapped(entry, fallback), settle), b">\n", b"</feed>")


def rss_part(entry: Entry, fallback: str, settle: bool) -> bytes:
    """One `<item>` as it stands in an RSS feed; `settle` when the feed is decorated (see `_settled`)."""
    return _between(_settled(_rss_wrapped(entry, fallback), settle), b"<channel>\n", b"  </channel>")


def atom_document(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole Atom document."""
    settle = reparses(meta)
    parts = [atom_part(e, common.fallback_author(e, meta.title), settle) for e in entries]
    return splice(atom_frame(meta, common.feed_updated(entries)), parts, "atom")


def rss_document(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole RSS document."""
    settle = reparses(meta)
    parts = [rss_part(e, common.fallback_author(e, meta.title), settle) for e in entries]
    return splice(rss_frame(meta, common.feed_updated(entries)), parts, "rss")


def _atom_wrapped(entry: Entry, fallback: str) -> bytes:
    """The entry inside a root like feedgen's Atom root, serialised as feedgen does."""
    fe = common.feed_entry(entry, fallback, "atom")
    fe.register_extension(extension.PREFIX, extension.PressroomEntryExtension, atom=True, rss=False)
    getattr(fe, extension.PREFIX).facts(extension.facts(entry))
    root = etree.Element("feed", xmlns=ATOM_NS, nsmap=_ATOM_NSMAP)
    root.append(fe.atom_entry())
    return etree.tostring(root, pretty_print=True, encoding="UTF-8")


def _rss_wrapped(entry: Entry, fallback: str) -> bytes:
    """The item inside a root and channel like feedgen's RSS ones, serialised as feedgen does."""
    fe = common.feed_entry(entry, fallback, "rss")
    root = etree.Element("rss", version="2.0", nsmap=_RSS_NSMAP)
    etree.SubElement(root, "channel").append(fe.rss_entry())
    return etree.tostring(root, pretty_print=True, encoding="UTF-8")


def _settled(data: bytes, settle: bool) -> bytes:
    """The wrapped entry as a feed has it: as feedgen wrote it, or (`settle`) as `decorate`'s re-parse writes it."""
    # Parsing and writing back changes only elements with empty text (`<x></x>` comes back as `<x/>`): feedgen's
    # trees have no mixed content, a text of blanks alone is kept, and lxml escapes ">" in attributes, so "></"
    # occurs only there. Such elements are rare, so only entries holding one take the round trip.
    if not settle or b"></" not in data:
        return data
    return etree.tostring(etree.fromstring(data, _PARSER), pretty_print=True, encoding="UTF-8")


def _between(data: bytes, start: bytes, end: bytes) -> bytes:
    """The bytes after the first `start` and before the last `end`: the wrapped element's lines."""
    return data[data.index(start) + len(start) : data.rindex(end)]
