"""The pressroom extension: a release's structured facts, carried alongside the standard feed fields.

The same facts go into two formats, built from one `facts()` dict so they can never disagree:

- JSON Feed: each item's `_pressroom` object (JSON Feed extensions are keys starting with an underscore):
  `{"kind", "quotes", "contacts", "events", "dateline", "organizations", "sources", "language"}`, each piece in the
  `pressroom extract` JSON shape (`Release.to_json()`: ISO 8601 dates, null for unknown fields), plus
  `sources`: `[{"id", "name", "url"}]`, one per posting, the shown posting first.
- Atom: elements in the `NAMESPACE` XML namespace (prefix `pressroom`) at the end of each `<entry>`, in this order:

  ```xml
  <pressroom:kind>media_advisory</pressroom:kind>
  <pressroom:dateline place="WASHINGTON" date="2024-03-04"/>
  <pressroom:organization>Clean Water Coalition</pressroom:organization>
  <pressroom:quote speaker=".." role=".." organization=".." partial="true">text</pressroom:quote>
  <pressroom:contact name=".." email=".." phone=".." extension=".." role=".." organization=".." note=".."/>
  <pressroom:event start="2024-03-09T09:00:00-05:00" end=".." all-day="false" location="..">
    <pressroom:title>..</pressroom:title>
    <pressroom:description>..</pressroom:description>
    <pressroom:contact .../>
  </pressroom:event>
  <pressroom:source id="cleanwater" name="Clean Water Coalition" href=".."/>
  ```

  Attributes and children whose value is unknown are left out; `partial` appears only on partial quotes.
  RFC 4287 section 6 lets Atom processors ignore foreign-namespace elements, so readers that don't know the
  namespace still see a valid feed. The release language is not repeated: Atom already carries it as `xml:lang`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from pressroom.feeds import common
from pressroom.feeds.common import link_url, xml_text
from pressroom.models import Entry, contact_json, dateline_json, event_json, quote_json

# An identifier, not a page to fetch; versioned so an incompatible change can get a new namespace.
NAMESPACE = "https://github.com/pressroom-news/pressroom/ns/1.0"
PREFIX = "pressroom"
_NSMAP = {PREFIX: NAMESPACE}

# Attribute name -> JSON key, in the order the attributes are written.
_CONTACT_ATTRIBUTES = (
    ("name", "name"),
    ("email", "email"),
    ("phone", "phone"),
    ("extension", "extension"),
    ("role", "role"),
    ("organization", "organization"),
    ("note", "note"),
)
_QUOTE_ATTRIBUTES = (("speaker", "speaker"), ("role", "role"), ("organization", "organization"))

# Facts by id() of the (immutable) Entry they were computed from; bounded so a long-lived process cannot grow it.
_FACTS: dict[int, tuple[Entry, dict[str, Any]]] = {}
# In JSON text, what XML forbids: control characters (escaped as \u00XX, \b, \f) and the raw non-characters
# and surrogates. A false alarm (a literal backslash before b or f) only costs the full walk.
_NEEDS_CLEANING = re.compile(r"\\u00[01][0-9a-f]|\\[bf]|[\ud800-\udfff\ufffe\uffff]")
_FACTS_LIMIT = 5_000


def facts(entry: Entry) -> dict[str, Any]:
    """The entry's structured facts as plain JSON values, XML-forbidden characters removed from every string."""
    # The same Entry object appears in several feeds of one publish (combined, language, kind): compute once.
    cached = _FACTS.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    release = entry.release
    found = {
        "kind": release.kind,
        "quotes": [quote_json(q) for q in release.quotes],
        "contacts": [contact_json(c) for c in release.contacts],
        "events": [event_json(e) for e in release.events],
        "dateline": dateline_json(release.dateline),
        "organizations": list(release.organizations),
        # Only a web URL is published; a posting whose URL is not one keeps its credit without a link.
        "sources": [{"id": p.source_id, "name": p.source_name, "url": link_url(p.url) or None} for p in entry.postings],
        "language": release.language,
    }
    # Cleaned here, once for both formats: lxml refuses these characters and a lone surrogate cannot be UTF-8.
    # Most releases hold none, which their JSON text shows in one pass (JSON escapes the control characters).
    if _NEEDS_CLEANING.search(json.dumps(found, ensure_ascii=False)):
        found = _clean(found)
    if len(_FACTS) >= _FACTS_LIMIT:
        _FACTS.clear()
    # The entry is kept alongside its facts so its id() cannot be reused by another object while cached.
    _FACTS[id(entry)] = (entry, found)
    return found


def forget() -> None:
    """Drop the cached facts and content (a publish calls this when done, so its entries can be freed)."""
    _FACTS.clear()
    common.forget()


class PressroomExtension(BaseExtension):
    """Feed-level half of the extension: declares the namespace on the Atom root."""

    def extend_ns(self) -> dict[str, str]:
        """The `pressroom` prefix for the namespace map of the feed root."""
        return dict(_NSMAP)


class PressroomEntryExtension(BaseEntryExtension):
    """Entry-level half of the extension: holds one entry's facts and writes them as namespaced Atom elements."""

    def __init__(self) -> None:
        """No facts yet; an entry without facts gets no pressroom elements."""
        self._facts: dict[str, Any] | None = None

    def facts(self, value: dict[str, Any]) -> None:
        """Set the facts (a `facts()` dict) this entry carries."""
        self._facts = value

    def extend_atom(self, entry: Any) -> Any:
        """Append the pressroom elements to the Atom `<entry>` element."""
        if self._facts is not None:
            append_atom(entry, self._facts)
        return entry


def attach(fg: FeedGenerator, entries: Sequence[Entry]) -> None:
    """Register the extension for Atom only and give each feedgen entry its entry's facts."""
    # Registered after the entries were added: feedgen then registers it on each existing entry too.
    # RSS stays as it was: it has no registration here, so its output is unchanged.
    fg.register_extension(PREFIX, PressroomExtension, PressroomEntryExtension, atom=True, rss=False)
    for fe, entry in zip(fg.entry(), entries, strict=True):
        getattr(fe, PREFIX).facts(facts(entry))


def append_atom(parent: Any, found: dict[str, Any]) -> None:
    """Append the elements for a `facts()` dict to an Atom `<entry>` element."""
    _element(parent, "kind", text=found["kind"])
    dateline = found["dateline"] or {}
    if dateline.get("place") or dateline.get("date"):
        _element(parent, "dateline", place=dateline.get("place"), date=dateline.get("date"))
    for name in found["organizations"]:
        _element(parent, "organization", text=name)
    for quote in found["quotes"]:
        attributes = {attr: quote.get(key) for attr, key in _QUOTE_ATTRIBUTES}
        if quote.get("partial"):
            attributes["partial"] = "true"
        _element(parent, "quote", text=quote["text"], **attributes)
    for contact in found["contacts"]:
        _contact(parent, contact)
    for event in found["events"]:
        node = _element(
            parent,
            "event",
            start=event["start"],
            end=event["end"],
            **{"all-day": "true" if event["all_day"] else "false"},
            location=event["location"],
        )
        if event["title"]:
            _element(node, "title", text=event["title"])
        if event["description"]:
            _element(node, "description", text=event["description"])
        for contact in event["contacts"]:
            _contact(node, contact)
    for source in found["sources"]:
        _element(parent, "source", id=source["id"], name=source["name"], href=source["url"])


def _contact(parent: Any, contact: dict[str, Any]) -> None:
    _element(parent, "contact", **{attr: contact.get(key) for attr, key in _CONTACT_ATTRIBUTES})


def _element(parent: Any, tag: str, /, text: str | None = None, **attributes: str | None) -> Any:
    """A namespaced child element; None and empty attributes are left out rather than written empty."""
    node = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", nsmap=_NSMAP)
    for key, value in attributes.items():
        if value:
            node.set(key, value)
    if text:
        node.text = text
    return node


def _clean(value: Any) -> Any:
    """The value with xml_text applied to every string inside it."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value
