"""Atom 1.0 (RFC 4287) feed builder, with the pressroom extension elements (see `pressroom.feeds.extension`)."""

from __future__ import annotations

from collections.abc import Sequence

from pressroom.feeds.render import atom_document
from pressroom.models import Entry, FeedMeta


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole feed document; entries are already newest first."""
    return atom_document(meta, entries)
