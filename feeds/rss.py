"""RSS 2.0 feed builder."""

from __future__ import annotations

from collections.abc import Sequence

from pressroom.feeds.render import rss_document
from pressroom.models import Entry, FeedMeta


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole feed document; entries are already newest first."""
    return rss_document(meta, entries)
