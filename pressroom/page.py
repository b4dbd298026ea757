"""A fetched web page, decoded and parsed once with lxml; every later stage reads this tree."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import lxml.html
from bs4 import UnicodeDammit
from lxml import etree
from w3lib.encoding import html_to_unicode

from pressroom.urls import absolute_url

# lxml refuses str input that still carries an XML encoding declaration.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters XML 1.0 forbids; old pages carry them and they must never reach a parser or a feed.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: read bytes that are not UTF-8 as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("pressroom-cp1252", _cp1252_bytes)


def _detect_encoding(body: bytes) -> str | None:
    """Guess the encoding of a page that declares none (old hand-made pages rarely do)."""
    return UnicodeDammit(body, ["utf-8", "windows-1252"], is_html=True).original_encoding


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode page bytes: HTTP charset, then BOM, then <meta charset>, then detection."""
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect_encoding)
    if encoding.replace("-", "").lower() == "utf8" and "\ufffd" in text and b"\xef\xbf\xbd" not in body:
        # Hand-edited pages paste Windows-1252 text (curly quotes, accents) into UTF-8 pages, and pages
        # that declare nothing are read as UTF-8: reading the stray bytes as cp1252 avoids mojibake.
        text = body.decode("utf-8", errors="pressroom-cp1252")
        if text.startswith("\ufeff"):
            text = text[1:]
    return text


@dataclass
class Page:
    url: str
    tree: lxml.html.HtmlElement

    @classmethod
    def parse(cls, body: bytes | str, url: str, content_type: str | None = None) -> Page:
        """Parse HTML bytes or text fetched from `url`; never raises on malformed markup."""
        text = decode_html(body, content_type) if isinstance(body, bytes) else body
        text = XML_ILLEGAL.sub("", XML_DECLARATION.sub("", text, count=1))
        try:
            tree = lxml.html.document_fromstring(text or "<html></html>")
        except (etree.ParserError, ValueError):
            tree = lxml.html.document_fromstring("<html></html>")
        page = cls(url=url, tree=tree)
        base = tree.find(".//base[@href]")
        if base is not None:
            page.url = absolute_url(base.get("href", ""), url)
        return page

    def absolute(self, href: str) -> str:
        """Resolve a link found on this page."""
        return absolute_url(href, self.url)

    def meta(self, *names: str) -> str | None:
        """First non-empty <meta name|property=...> content among `names`."""
        for name in names:
            for el in self.tree.iterfind(f".//meta[@property='{name}']"):
                if el.get("content", "").strip():
                    return el.get("content").strip()
            for el in self.tree.iterfind(f".//meta[@name='{name}']"):
                if el.get("content", "").strip():
                    return el.get("content").strip()
        return None

    @property
    def lang(self) -> str | None:
        """The page's declared language, e.g. 'en' from <html lang="en-US">."""
        value = self.tree.get("lang") or self.meta("og:locale", "language") or ""
        value = value.replace("_", "-").split("-")[0].lower()
        return value or None
