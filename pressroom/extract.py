"""Pages in, releases out: find the release(s) on a parsed page and normalise everything partners write in them."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from pressroom.headline import TITLE_LINE_TAGS, head_title, is_site_name
from pressroom.kinds import kind
from pressroom.models import Dateline, Hints, Release, When
from pressroom.navigate import permalink, post_elements
from pressroom.normalise import layout
from pressroom.normalise.contacts import completed, contacts_from_lines
from pressroom.normalise.datelines import parse_dateline
from pressroom.normalise.dates import date_from_url, find_date, local_moment, parse_iso
from pressroom.normalise.embargo import find_embargo
from pressroom.normalise.events import events_from_blocks
from pressroom.normalise.language import detect
from pressroom.normalise.markup import attachments, sanitise
from pressroom.normalise.organizations import organizations_from_blocks
from pressroom.normalise.phones_emails import hidden_mailto, region_of, reveal_mailto, unprotect_emails
from pressroom.normalise.published import (
    DATE_LINE,
    body_date,
    head_published,
    header_date,
    json_ld_dates,
    posted_clock,
    time_elements,
    updated_in_text,
    visible_date,
)
from pressroom.normalise.quotes import quotes_from_blocks
from pressroom.normalise.text import Block, blocks, clean, truncate
from pressroom.page import Page
from pressroom.urls import canonical_url, same_site

_LABEL_LINE = re.compile(r"^[\w /'-]{2,30}:")
_BOOKMARK_HEADING = (
    ".//*[self::h1 or self::h2 or self::h3 or self::h4][.//a[contains(concat(' ', @rel, ' '), ' bookmark ')]]"
)
_BODY_META = re.compile(r"entry-title|field-date|post-date|submitted|byline|posted-on|\bdate\b")


def extract_releases(page: Page, hints: Hints | None = None) -> list[Release]:
    """Every release on the page: one per post on an archive page, else one for the page; [] when the page has no release content."""  # noqa: E501
    hints = hints or Hints()
    found = layout.posts(page.tree)
    posts = post_elements(page, found)
    if posts:
        return [r for post in posts if (r := _release(page, post, hints, mode="post"))]
    if layout.is_listing(page.tree, found):
        return []
    release = _release(page, layout.main_element(page.tree), hints, mode="page")
    return [release] if release else []


def extract_fragment(html: str, url: str, hints: Hints | None = None) -> Release:
    """A release from a body-HTML fragment (an RSS item's content:encoded), title/date from hints."""
    hints = hints or Hints()
    page = Page.parse(f"<html><body>{html}</body></html>", url)
    body = page.tree.find("body")
    release = _release(page, body if body is not None else page.tree, hints, mode="fragment")
    return release or Release(url=canonical_url(url), title=clean(hints.title), published=hints.published)


def _page_url(page: Page) -> str:
    for link in page.tree.iterfind(".//link[@rel='canonical'][@href]"):
        href = page.absolute(link.get("href"))
        if same_site(href, page.url):
            return href
    og = page.meta("og:url")
    if og and same_site(page.absolute(og), page.url):
        return page.absolute(og)
    return page.url


# Where a post's title is, best first: `.entry-title`, <h1>, `h2.title`. The class tests step to the attribute and
# back to its element, so libxml2 tests only the elements that have a class (as in layout.MAIN_CANDIDATES).
_TITLE_PLACES = (
    lxml.etree.XPath("descendant::*/@class[contains(., 'entry-title')]/.."),
    lxml.etree.XPath(".//h1"),
    lxml.etree.XPath(".//h2/@class[contains(., 'title')]/.."),
)


def _title(page: Page, container: lxml.html.HtmlElement, hints: Hints, mode: str) -> str:
    head = head_title(page, container) if mode == "page" else None
    for xpath in _TITLE_PLACES:
        for el in xpath(container):
            text = clean(el.text_content())
            if text and not (mode == "page" and is_site_name(page, el, text, head)):
                return text
    if mode == "post":
        # Older WordPress themes (Kubrick, Twenty Ten) head each archived post with a bare `<h2><a rel="bookmark">`:
        # the heading that holds the post's permalink is its title.
        for el in container.xpath(_BOOKMARK_HEADING):
            if text := clean(el.text_content()):
                return text
        return clean(hints.title)
    if mode == "page":
        for el in page.tree.xpath("//h1[contains(@class, 'title') or @id='page-title']"):
            if (text := clean(el.text_content())) and not is_site_name(page, el, text, head):
                return text
        og = clean(page.meta("og:title"))
        if og and og.casefold() != clean(page.meta("og:site_name")).casefold():
            return og
    if hints.title:
        return clean(hints.title)
    if head is None:
        head = head_title(page, container)
    return head.title


def _published(
    page: Page, container: lxml.html.HtmlElement, body: list[Block], url: str, hints: Hints, mode: str
) -> tuple[When | None, When | None, Dateline | None, int]:
    """(published, updated, dateline, index of the dateline block) in the documented priority order."""
    tz = hints.timezone
    published = updated = None
    if mode == "page":
        published, updated = json_ld_dates(page.tree, tz)
    if mode != "fragment":
        found, stated = time_elements(container, tz)
        published, updated = published or found, updated or stated
    if mode == "page":
        stamped = parse_iso(page.meta("article:published_time"), tz) or head_published(page.tree, tz)
        if _same_day_finer(published, stamped, tz):
            # A theme's visible "March 30, 2015" (even marked itemprop=datePublished) names the day the
            # article:published_time meta gives to the second: the instant is the same publication, told finer.
            published = stamped
        published = published or stamped
        modified = parse_iso(page.meta("article:modified_time"), tz)
        updated = modified if _same_day_finer(updated, modified, tz) else updated or modified
    if published is None and mode != "fragment":
        published = visible_date(container, tz)
    if published is None and mode == "page":
        published = header_date(container, tz)
    if published is None and mode == "fragment":
        published = hints.published
    published = published or body_date(body, tz)
    if mode != "fragment":
        published = posted_clock(container, published, tz)
    dateline, index = None, -1
    # A CMS's metadata list above the text (Joomla's "Details / Category: … / Created on … / Hits: …" <dl>) is
    # not among the paragraphs the dateline opens: its lines do not count toward the first six.
    opening = [(i, b) for i, b in enumerate(body) if b.tag not in ("dt", "dd")][:6]
    for i, block in opening:
        if block.heading or DATE_LINE.match(block.text) or len(block.text) < 30:
            continue
        dateline, _ = parse_dateline(block.text)
        if dateline:
            index = i
            break
    published = published or (dateline.date if dateline else None) or date_from_url(url) or hints.published
    if published is None and mode == "page":
        published = _htmldate(page, container)
    if updated is None:
        updated = updated_in_text(container, body, tz)
    published, updated = local_moment(published, tz), local_moment(updated, tz)
    if updated == published:
        updated = None  # themes print the same value as "updated"; that states no modification
    return published, updated, dateline, index


def _same_day_finer(day: When | None, instant: When | None, tz: str) -> bool:
    """`day` is a bare date and `instant` a datetime that falls on it in the partner's zone."""
    if day is None or isinstance(day, datetime) or not isinstance(instant, datetime):
        return False
    local = local_moment(instant, tz)
    return isinstance(local, datetime) and local.date() == day


def _htmldate(page: Page, container: lxml.html.HtmlElement) -> When | None:
    # Last resort only (htmldate is slow), and shown only the head and the content: chrome never dates a release.
    from htmldate import find_date as htmldate_find

    doc = lxml.html.document_fromstring("<html><body></body></html>")
    head = page.tree.find("head")
    if head is not None:
        doc.insert(0, copy.deepcopy(head))
    doc.find("body").append(layout.strip_chrome(container))
    try:
        found = htmldate_find(doc, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises a variety of errors on odd markup; a missing date is not fatal
        return None
    return parse_iso(found) if found else None


def _summary(body: list[Block], title: str, dateline_index: int) -> str:
    for i, block in enumerate(body):
        if i < dateline_index:
            continue  # "Reposted from our coalition partner." and the like come before the dateline
        text = clean(block.text)
        if i == dateline_index:
            text = parse_dateline(text)[1]
        if block.heading or block.bold or block.tag == "li" or len(text) < 60 or text in title or DATE_LINE.match(text):
            continue
        if block.navigation:
            continue  # a menu row or a list of other releases
        if _LABEL_LINE.match(text) or (len(text) < 100 and find_date(text)):
            continue
        return truncate(text, 300)
    # No narrative (an advisory of WHAT/WHEN/WHERE blocks): the first long labelled line says what it is.
    for block in body:
        text = _LABEL_LINE.sub("", clean(block.text)).strip()
        if len(text) >= 60:
            return truncate(text, 300)
    return truncate(body[0].text, 300) if body else ""


def _contact_blocks(body_el: lxml.html.HtmlElement, body: list[Block], used: set[int]) -> list[Block]:
    """The blocks the release's contacts are read from (not an event's): with hidden mailto: addresses written in."""
    shown = body
    if hidden_mailto(body_el):
        copied = copy.deepcopy(body_el)
        reveal_mailto(copied)
        revealed = blocks(copied)
        if len(revealed) == len(body):  # the same paragraphs, so the event blocks' indexes still apply
            shown = revealed
    return [b for i, b in enumerate(shown) if i not in used]


def _classes(page: Page, container: lxml.html.HtmlElement, mode: str) -> str:
    body = page.tree.find("body")
    own = container.get("class", "")
    return own if mode != "page" or body is None else f"{own} {body.get('class', '')}"


def _release(page: Page, container: lxml.html.HtmlElement, hints: Hints, mode: str) -> Release | None:
    body_el = layout.strip_chrome(layout.body_element(container))
    unprotect_emails(body_el)
    url = {"post": lambda: permalink(container, page) or page.url, "page": lambda: _page_url(page)}.get(
        mode, lambda: page.url
    )()
    url = canonical_url(url)
    title = _title(page, container, hints, mode)
    for el in body_el.xpath(".//*[@class]"):
        if _BODY_META.search(el.get("class", "")) and len(clean(el.text_content())) < 200:
            el.drop_tree()  # title and date lines were read from the container already
    # The headline line is the title, not body text: an <h1>, or a classed <p> in hand-made layouts.
    for el in body_el.iterdescendants(TITLE_LINE_TAGS):  # not body_el itself: a root cannot be dropped
        if clean(el.text_content()) == title:
            el.drop_tree()
            break
    body = blocks(body_el)
    body_text = "\n\n".join(b.text for b in body)
    if len(body_text) < 40:
        return None
    published, updated, dateline, dl_index = _published(page, container, body, url, hints, mode)
    region = region_of(urlsplit(url).hostname or "")
    events, used = events_from_blocks(body, published or (dateline.date if dateline else None), hints.timezone, region)
    # A flyer's single event is the post itself: it takes the post's title when it has none.
    events = [e if e.title else replace(e, title=title) for e in events]
    rest = [b for i, b in enumerate(body) if i not in used]
    files = attachments(body_el, page.url)
    organizations = organizations_from_blocks(body)
    contact_lines = [line for b in _contact_blocks(body_el, body, used) for line in b.lines]
    quotes = tuple(quotes_from_blocks(rest))
    classes = _classes(page, container, mode)
    return Release(
        url=url,
        title=title,
        kind=kind(title, body, body_text, len(events), len(files), classes, bool(dateline), bool(used), len(quotes)),
        published=published,
        updated=updated,
        dateline=dateline,
        language=detect(body_text, default=hints.language or page.lang),
        summary=_summary(body, title, dl_index),
        body_text=body_text,
        body_html=sanitise(body_el, page.url),
        organizations=tuple(organizations),
        quotes=quotes,
        contacts=tuple(completed(contacts_from_lines(contact_lines, region), (c for e in events for c in e.contacts))),
        events=tuple(events),
        attachments=tuple(files),
        embargo=find_embargo(body_text, published, hints.timezone),
    )
