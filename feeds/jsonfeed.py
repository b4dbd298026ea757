"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) builder, with the `_pressroom` extension on every item.

Items say the same as the Atom entries: `content_html` is the cleaned body plus the multi-posting credit, `tags`
are the Atom category terms (kind, source ids, language), `authors` the Atom authors. When a release has no HTML
at all the item gets `content_text` instead (body text, else summary, else title), because JSON Feed requires one
of the two. Optional fields are left out when unknown rather than written as null, which the spec's types forbid.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from pressroom.feeds import extension
from pressroom.feeds.common import (
    UNKNOWN_MEDIA_TYPE,
    authors,
    categories,
    content_html,
    description,
    entry_title,
    fallback_author,
    link_url,
    moment,
    xml_text,
)
from pressroom.feeds.render import splice
from pressroom.models import Attachment, Entry, FeedMeta

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole feed document as UTF-8 JSON; entries are already newest first."""
    parts = [part(entry, fallback_author(entry, meta.title)) for entry in entries]
    return splice(frame(meta, bool(parts)), parts, "json")


def frame(meta: FeedMeta, items: bool) -> tuple[bytes, bytes]:
    """The document without items, cut where they go (`items`: whether there are any)."""
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": xml_text(meta.title),
        "home_page_url": xml_text(meta.home_url),
        "feed_url": xml_text(meta.self_url),
        "description": description(meta),
        "language": xml_text(meta.language) or None,
        # Readers fall back to the feed's authors for items without any; every item has its own anyway.
        "authors": [{"name": xml_text(meta.title), "url": xml_text(meta.home_url)}],
        "hubs": [{"type": "WebSub", "url": xml_text(meta.hub)}] if meta.hub else None,
    }
    # Dict order is the key order: insertion order above and in _item, never sorted, so diffs stay readable.
    # The text is what json.dumps(indent=2, ensure_ascii=False) writes, with each item made on its own.
    lines = [f"  {_key(key)}: {_indented(value, 1)}" for key, value in _drop_empty(feed).items()]
    lines.append('  "items": ' + ("[\n" if items else "[]"))
    head = _safe("{\n" + ",\n".join(lines)).encode("utf-8")
    return (head, b"\n  ]\n}\n") if items else (head, b"\n}\n")


def part(entry: Entry, fallback: str) -> bytes:
    """One item as it stands in the `items` list (four spaces in); `fallback` credits an entry with no author."""
    return _safe("    " + _indented(_drop_empty(_item(entry, fallback)), 2)).encode("utf-8")


def _safe(text: str) -> str:
    # "<" and ">" only ever occur inside strings; escaped, a plain-text field (a title, a quote) that a reader wrongly
    # puts into a page as HTML shows as text, and no "<script" appears in the file. The values are unchanged.
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def _key(text: str) -> str:
    return encode_basestring(text)


def _indented(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2, ensure_ascii=False) writes it `level` deep (its first line not indented)."""
    # The standard encoder falls back to pure Python with indent; this direct recursion is several times faster.
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        members = f",{inner}".join(f"{_key(k)}: {_indented(v, level + 1)}" for k, v in value.items())
        return "{" + inner + members + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        members = f",{inner}".join(_indented(v, level + 1) for v in value)
        return "[" + inner + members + "\n" + "  " * level + "]"
    return json.dumps(value)


def _item(entry: Entry, fallback: str) -> dict[str, Any]:
    """One JSON Feed item; None values are removed by the caller. `fallback` credits an entry with no author."""
    release = entry.release
    html = content_html(entry)
    summary = xml_text(release.summary).strip()
    title = entry_title(release)
    text = None
    if not html:
        # JSON Feed requires content_html or content_text; give the best plain text there is.
        text = xml_text(release.body_text).strip() or summary or title
    return {
        "id": xml_text(entry.id),
        "url": link_url(release.url) or None,
        "title": title,
        "content_html": html or None,
        "content_text": text,
        "summary": summary or None,
        "date_published": moment(entry.published, f"published of {entry.id}").isoformat(),
        "date_modified": moment(entry.updated, f"updated of {entry.id}").isoformat(),
        # The same credit as Atom, where the feed title is the last resort.
        "authors": [{"name": name} for name in authors(entry) or [fallback]],
        "tags": [category["term"] for category in categories(release, entry.postings, "atom")],
        "language": xml_text(release.language) or None,
        "attachments": [_attachment(a) for a in release.attachments if link_url(a.url)],
        "_pressroom": extension.facts(entry),
    }


def _attachment(attachment: Attachment) -> dict[str, Any]:
    """A JSON Feed attachment; mime_type is required, so an unknown type is said explicitly as in Atom and RSS."""
    return {
        "url": link_url(attachment.url),
        "mime_type": xml_text(attachment.media_type).strip() or UNKNOWN_MEDIA_TYPE,
        "title": xml_text(attachment.title).strip() or None,
        "size_in_bytes": attachment.length,
    }


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """The feed without None values and empty lists at the feed, item and attachment level.

    The `_pressroom` object is kept as it is: its fixed shape (nulls and empty lists included) is its contract.
    """
    kept: dict[str, Any] = {}
    for key, value in data.items():
        # `items` is required even when empty.
        if value is None or (value == [] and key != "items"):
            continue
        if key == "items" or key == "attachments":
            value = [_drop_empty(item) for item in value]
        kept[key] = value
    return kept
