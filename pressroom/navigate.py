"""Where to go next from a partner page: its feeds, its next archive page, the releases a listing links to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html

from pressroom.normalise import layout
from pressroom.page import Page, web_url
from pressroom.urls import canonical_url, identity_key, same_site

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
FEED_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
NEXT_TEXT = re.compile(
    r"older (posts|entries|news|releases)|next page|next\s*[»›→]|^\s*next\s*$|siguiente|anteriores|más antiguas"
    r"|^\s*[»›]\s*$",
    re.IGNORECASE,
)
READ_MORE = re.compile(r"read more|continue reading|full (release|statement|story)|leer más|seguir leyendo", re.I)
# Chrome: nothing linked from these belongs to the listing itself.
CHROME = (
    "header",
    "nav",
    "footer",
    "aside",
    "form",
)
CHROME_CLASS = re.compile(r"\b(menu|nav|navbar|sidebar|widget|footer|header|breadcrumb|share|social|comment)", re.I)
NOT_RELEASE_PATH = re.compile(
    r"/(category|tag|author|feed|wp-login\.php|wp-admin|search|page/\d+|cdn-cgi|comments)(/|$)|\.(pdf|zip|docx?|xlsx?|"
    r"pptx?|jpe?g|png|gif|svg|mp3|mp4|css|js|xml|rss)$",
    re.I,
)


@dataclass(frozen=True)
class Link:
    """A release a listing points to, with what the listing says about it."""

    url: str
    title: str | None
    context: str  # the listing block's text, which often carries the date


def is_feed(body: bytes, content_type: str | None) -> bool:
    """True when a response is an RSS/Atom/RDF document rather than an HTML page."""
    ctype = (content_type or "").lower()
    if any(t in ctype for t in ("rss", "atom", "rdf")):
        return True
    head = body[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(FEED_ROOT.match(head))


def feed_links(page: Page) -> list[str]:
    """Autodiscovered feeds that carry this page's own items, best first (comment feeds never)."""
    page_path = urlsplit(page.url).path.rstrip("/")
    found: list[tuple[int, str]] = []
    for el in page.tree.iterfind(".//link[@href]"):
        rel = (el.get("rel") or "").lower().split()
        if "alternate" not in rel or (el.get("type") or "").lower() not in FEED_TYPES:
            continue
        url = page.absolute(el.get("href", ""))
        title = (el.get("title") or "").lower()
        if "comment" in title or "/comments/" in url:
            continue
        if not same_site(url, page.url):
            continue
        path = urlsplit(url).path
        # A site-wide feed on a category page would pull in posts that are not press releases.
        if page_path and not path.startswith(page_path + "/") and path.rstrip("/") != page_path:
            continue
        found.append((0 if path.startswith(page_path + "/") else 1, url))
    found.sort(key=lambda pair: pair[0])
    return [url for _, url in found]


def next_page(page: Page) -> str | None:
    """The link to the next (older) page of an archive or listing, if there is one."""
    for el in page.tree.iterfind(".//link[@rel='next']"):
        if el.get("href"):
            return page.absolute(el.get("href", ""))
    anchors = [a for a in page.tree.iterfind(".//a[@href]")]
    for a in anchors:
        if "next" in (a.get("rel") or "").lower().split():
            return page.absolute(a.get("href", ""))
    for a in anchors:
        text = a.text_content().strip()
        if text and NEXT_TEXT.search(text):
            url = page.absolute(a.get("href", ""))
            if same_site(url, page.url) and identity_key(url) != identity_key(page.url):
                return url
    return None


def _in_chrome(el: lxml.html.HtmlElement) -> bool:
    for parent in el.iterancestors():
        if parent.tag in ("body", "html"):
            # Classes up here describe the whole layout (Drupal's "two-sidebars"), not a piece of chrome.
            break
        if parent.tag in CHROME:
            return True
        if CHROME_CLASS.search(f"{parent.get('class', '')} {parent.get('id', '')}"):
            return True
    return False


def _block(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The listing entry an anchor belongs to: the nearest item-like ancestor."""
    for parent in el.iterancestors():
        if parent.tag in ("li", "p", "tr", "article", "dd", "div", "section"):
            return parent
    return el


def release_links(page: Page) -> list[Link]:
    """Links from a listing page to release pages on the same site, in page order, each once."""
    own = identity_key(page.url)
    links: dict[str, Link] = {}
    for a in page.tree.iterfind(".//body//a[@href]"):
        href = a.get("href", "")
        if href.startswith(("#", "mailto:", "tel:", "javascript:")) or _in_chrome(a):
            continue
        url = canonical_url(page.absolute(href))
        key = identity_key(url)
        parts = urlsplit(url)
        if key == own or not same_site(url, page.url) or NOT_RELEASE_PATH.search(parts.path):
            continue
        if parts.path.rstrip("/") in ("", urlsplit(page.url).path.rstrip("/")):
            continue
        text = " ".join(a.text_content().split())
        is_more = bool(READ_MORE.search(text))
        in_heading = any(p.tag in ("h1", "h2", "h3", "h4") for p in a.iterancestors())
        if not (is_more or in_heading or len(text.split()) >= 4):
            continue
        block = _block(a)
        context = " ".join(" ".join(block.itertext()).split())[:500]  # spaced: "session 2" then "02/22/16"
        title = None if is_more else text
        known = links.get(key)
        if known is None:
            links[key] = Link(url=url, title=title, context=context)
        elif known.title is None and title:
            links[key] = Link(url=known.url, title=title, context=known.context)
    return list(links.values())


def post_elements(page: Page, found: list[lxml.html.HtmlElement] | None = None) -> list[lxml.html.HtmlElement]:
    """The full posts of an archive page (WordPress `article.post`/`.hentry` ... with an entry-title rel=bookmark permalink); [] when the page is one release or a listing."""  # noqa: E501
    found = layout.posts(page.tree) if found is None else found
    if not found or not all(layout.is_full_post(p) for p in found):
        return []
    if len(found) == 1:
        # A single post whose title links to itself is the release page, not an archive.
        link = permalink(found[0], page)
        if not link or canonical_url(link) == canonical_url(page.url):
            return []
    return found


def permalink(post: lxml.html.HtmlElement, page: Page) -> str | None:
    """The post's own address: its rel=bookmark link (a web URL only), if it has one."""
    for link in post.xpath(".//a[contains(concat(' ', @rel, ' '), ' bookmark ')][@href]"):
        # Only a web URL can be a release's address: a javascript: permalink falls back to the page's URL.
        return web_url(page.absolute(link.get("href")))
    return None
