"""Body HTML for feeds (sanitised, links absolute) and attachments (document links with media types)."""

from __future__ import annotations

import mimetypes
import re
from urllib.parse import unquote, urlsplit

import lxml.html
import nh3

from pressroom.models import Attachment
from pressroom.normalise.text import clean
from pressroom.page import web_url
from pressroom.urls import absolute_url

DOCUMENT_EXTENSIONS = (".pdf", ".zip", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".csv")
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "div", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_EMPTY_TAGS = re.compile(r"<(p|div|span)>\s*</\1>")


def sanitise(el: lxml.html.HtmlElement, base_url: str) -> str:
    """The inner HTML of `el`, links absolute, everything unsafe (scripts, on* handlers, javascript:) removed."""
    el.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    inner = (el.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in el)
    html = nh3.clean(
        inner,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _EMPTY_TAGS.sub("", html).strip()


def attachments(el: lxml.html.HtmlElement, base_url: str) -> list[Attachment]:
    """Links to documents (PDF, zip, Office, ODT, CSV) in `el`; ordinary article links are not attachments."""
    found: dict[str, Attachment] = {}
    for link in el.iter("a"):
        href = link.get("href")
        if not href:
            continue
        url = web_url(absolute_url(href, base_url))
        if url is None:
            continue  # a javascript: or data: "download" is never published
        path = unquote(urlsplit(url).path).lower()
        if not path.endswith(DOCUMENT_EXTENSIONS) or url in found:
            continue
        title = clean(link.text_content()) or link.get("title") or path.rsplit("/", 1)[-1]
        media_type = mimetypes.guess_type(path, strict=False)[0]
        found[url] = Attachment(url=url, title=title, media_type=media_type)
    return list(found.values())
