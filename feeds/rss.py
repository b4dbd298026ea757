"""RSS 2.0 feed builder."""

from __future__ import annotations

from collections.abc import Sequence

from pressroom.feeds.common import generator
from pressroom.feeds.decorate import decorate
from pressroom.models import Entry, FeedMeta


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole feed document; entries are already newest first."""
    data = generator(meta, entries, "rss").rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return decorate(data, meta, "rss")
