"""Atom 1.0 (RFC 4287) feed builder, with the pressroom extension elements (see `pressroom.feeds.extension`)."""

from __future__ import annotations

from collections.abc import Sequence

from pressroom.feeds import extension
from pressroom.feeds.common import generator
from pressroom.feeds.decorate import decorate
from pressroom.models import Entry, FeedMeta


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole feed document; entries are already newest first."""
    fg = generator(meta, entries, "atom")
    extension.attach(fg, entries)
    return decorate(fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True), meta, "atom")
