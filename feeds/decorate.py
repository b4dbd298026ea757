"""What feedgen cannot write: the browser stylesheet, WebSub hub links and RFC 5005 archive links and marker."""

from __future__ import annotations

from typing import Literal

from lxml import etree

from pressroom.models import FeedMeta

ATOM_NS = "http://www.w3.org/2005/Atom"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def reparses(meta: FeedMeta) -> bool:
    """Whether `decorate` has anything to add, so re-parses and re-serialises the document."""
    return bool(meta.stylesheet or meta.hub or meta.links or meta.archive)


def decorate(data: bytes, meta: FeedMeta, fmt: Literal["atom", "rss"]) -> bytes:
    """The feed document with `meta`'s stylesheet, hub, extra links and archive marker added."""
    if not reparses(meta):
        return data
    root = etree.fromstring(data, _PARSER)
    links = ([("hub", meta.hub)] if meta.hub else []) + list(meta.links)
    if fmt == "atom":
        parent, tag, at = root, f"{{{ATOM_NS}}}link", _after_last(root, f"{{{ATOM_NS}}}link")
    else:
        # RSS has no link relations of its own; atom:link is the common way to carry them.
        parent = root.find("channel")
        tag, at = f"{{{ATOM_NS}}}link", _after_last(parent, f"{{{ATOM_NS}}}link")
    for offset, (rel, href) in enumerate(links):
        link = etree.Element(tag, href=href, rel=rel)
        parent.insert(at + offset, link)
    if meta.archive:
        marker = etree.Element(f"{{{HISTORY_NS}}}archive", nsmap={"fh": HISTORY_NS})
        parent.insert(at + len(links), marker)
    tree = root.getroottree()
    if meta.stylesheet:
        root.addprevious(etree.ProcessingInstruction("xml-stylesheet", f'type="text/xsl" href="{meta.stylesheet}"'))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _after_last(parent: etree._Element, tag: str) -> int:
    """The index just after the last child with `tag` (or after the leading metadata when there is none)."""
    positions = [i for i, child in enumerate(parent) if child.tag == tag]
    return positions[-1] + 1 if positions else min(len(parent), 3)
