"""The XSLT 1.0 stylesheet that lets a browser show an RSS 2.0 or Atom feed as a readable page."""

from __future__ import annotations

from importlib.resources import files


def stylesheet() -> bytes:
    """The packaged `feed.xsl`, to publish as `/feed.xsl` next to the feeds that reference it."""
    return files("pressroom").joinpath("templates", "feed.xsl").read_bytes()
