"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) builder, with the `_pressroom` extension on every item.

Items say the same as the Atom entries: `content_html` is the cleaned body plus the multi-posting credit, `tags`
are the Atom category terms (kind, source ids, language), `authors` the Atom authors. When a release has no HTML
at all the item gets `content_text` instead (body text, else summary, else title), because JSON Feed requires one
of the two. Optional fields are left out when unknown rather than written as null, which the spec's types forbid.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pressroom.feeds import extension
from pressroom.feeds.common import (
    UNKNOWN_MEDIA_TYPE,
    authors,
    categories,
    content_html,
    description,
    entry_title,
    link_url,
    moment,
    xml_text,
)
from pressroom.models import Attachment, Entry, FeedMeta

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole feed document as UTF-8 JSON; entries are already newest first."""
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
        "items": [_item(meta, entry) for entry in entries],
    }
    # Dict order is the key order: insertion order above and in _item, never sorted, so diffs stay readable.
    text = json.dumps(_drop_empty(feed), ensure_ascii=False, indent=2, sort_keys=False)
    # "<" and ">" only ever occur inside strings; escaped, a plain-text field (a title, a quote) that a reader wrongly
    # puts into a page as HTML shows as text, and no "<script" appears in the file. The values are unchanged.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    return (text + "\n").encode("utf-8")


def _item(meta: FeedMeta, entry: Entry) -> dict[str, Any]:
    """One JSON Feed item; None values are removed by the caller."""
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
        "authors": [{"name": name} for name in authors(entry) or [xml_text(meta.title)]],
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
