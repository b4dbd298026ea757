"""When a release was published (and updated), from markup first, then visible text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from datetime import datetime, time
from typing import Any

import lxml.etree
import lxml.html

from pressroom.models import When
from pressroom.normalise import layout
from pressroom.normalise.dates import find_date, parse_iso
from pressroom.normalise.text import Block, clean

DATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|dates|posted|posted-on|entry-date|published|pubdate|byline|submitted|field-date|post-date|"
    r"timestamp|time|meta|entry-meta|post-meta|dateline|"
    # WordPress's default (Kubrick) theme: "This entry was posted on Sunday, July 18th, 2010 at 3:12 pm and is …"
    r"postmetadata|"
    # Joomla 1.5 content items: `td.createdate` "Jueves, 14 de Enero de 2016 09:05" (`td.modifydate` is the update).
    r"createdate)(?:$|[\s_-])|"
    # Spanish table layouts name the date cell in camelCase: "fechaComunicado", "fecha_nota".
    r"(?:^|\s)fecha",
    re.IGNORECASE,
)
# Lines in the body that announce the publication date rather than mention some date.
# "Date/Time of Event:", "Date and time:", "Date of event:" label an event's time (the guide's lists of local events),
# never the release's.
DATE_LINE = re.compile(
    # "For Planning Purposes: Tuesday, …" heads a media advisory as "For Immediate Release" heads a release; Joomla's
    # "Created on Wednesday, 02 November 2011 08:45" is the article's publication (its "Last Updated" is not).
    r"^(?:for immediate release|immediate release|for planning purposes(?: only)?|created(?=\s+on\b|\s*:)(?: on)?|"
    r"posted(?: on)?|published(?: on)?|"
    r"date(?!\s*(?:/|and\b|&)\s*time|\s+of\s+(?:the\s+)?event)|released?|"
    r"para (?:publicaci[oó]n|difusi[oó]n) inmediata|publicado(?: el)?|fecha)\b[\s:.,–—-]*",
    re.IGNORECASE,
)
UPDATED_LINE = re.compile(r"\b(?:last\s+)?(?:updated|modified|actualizado)\b\s*(?:on|el)?\s*:?\s*", re.IGNORECASE)
_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "PressRelease", "WebPage", "Event")


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))


def json_ld_dates(tree: lxml.html.HtmlElement, tz: str) -> tuple[When | None, When | None]:
    """(datePublished, dateModified) from the page's JSON-LD, article-like objects first."""
    published = modified = None
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        objects = sorted(_ld_objects(data), key=lambda o: str(o.get("@type")) not in _ARTICLE_TYPES)
        for obj in objects:
            published = published or parse_iso(_string(obj.get("datePublished")), tz)
            modified = modified or parse_iso(_string(obj.get("dateModified")), tz)
    return published, modified


def head_published(tree: lxml.html.HtmlElement, tz: str) -> When | None:
    """The publication instant a `<meta itemprop="datePublished">` in the page's head states."""
    # Squarespace states the instant in the head and shows only the day in the post's `<time datetime="2015-06-02">`.
    head = tree.find("head")
    for el in head.iterfind("meta[@itemprop='datePublished']") if head is not None else ():
        if (value := parse_iso(el.get("content"), tz)) is not None:
            return value
    return None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# hAtom/microformats mark the post's dates on any element, with the machine value in `title`
# (`<abbr class="published" title="2011-07-07T11:02:00-0700">July 7, 2011</abbr>`: Blogger, Thematic,
# Sandbox-era WordPress themes); schema.org microdata puts it in `content` or `datetime` of an itemprop.
# Drupal 7 marks node dates in RDFa: `<span property="dc:date dc:created" content="2013-09-18T10:30:00-07:00">`.
# The attribute tests step to the attribute and back to its element (`…/@class[…]/..`): libxml2 then tests only the
# elements that carry it, instead of making an @class node set for every element and every test.
_RDFA_PROPERTY = "concat(' ', normalize-space(.), ' ')"
_RDFA_DATES = " or ".join(
    f"contains({_RDFA_PROPERTY}, ' {name} ')"
    for name in ("dc:date", "dc:created", "dc:modified", "dcterms:date", "dcterms:created", "dcterms:modified")
)
_MARKED_DATES = lxml.etree.XPath(
    ".//time | .//abbr[@title]/@class[contains(., 'published') or contains(., 'updated')]/.."
    " | descendant::*/@itemprop[. = 'datePublished' or . = 'dateModified']/.."
    f" | descendant::*[@content]/@property[{_RDFA_DATES}]/.."
)
_CLOCK = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)


def _marked_value(el: lxml.html.HtmlElement, tz: str) -> When | None:
    """The date an element marks: its machine-readable attribute first, else its text."""
    for attr in ("datetime", "content", "title"):
        if el.get(attr) and (value := parse_iso(el.get(attr), tz)) is not None:
            # A Drupal date field of day granularity stores midnight ("Thursday, January 17, 2013" shown as
            # `content="2013-01-17T00:00:00-05:00"`): without a clock in the text, the value is a day.
            midnight = isinstance(value, datetime) and value.time() == time()
            if midnight and el.get("property") and not _CLOCK.search(el.text_content()):
                return value.date()
            return value
    return find_date(clean(el.text_content()), tz)


def time_elements(container: lxml.html.HtmlElement, tz: str) -> tuple[When | None, When | None]:
    """(published, updated) from `time.entry-date`/`time.updated`, hAtom `abbr.published[title]` and microdata."""
    published = updated = None
    explicit = False
    for el in _MARKED_DATES(container):
        classes = el.get("class", "")
        value = _marked_value(el, tz)
        if value is None:
            continue
        if (
            el.get("itemprop") == "dateModified"
            or "modified" in el.get("property", "")
            or ("updated" in classes and "published" not in classes and "entry-date" not in classes)
        ):
            updated = updated or value
        elif published is None or (not explicit and _says_published(el)):
            # A date marked as the publication date beats a bare <time> met earlier (an event's, a comment's).
            published, explicit = value, _says_published(el)
    return published, updated


def _says_published(el: lxml.html.HtmlElement) -> bool:
    return (
        el.get("itemprop") == "datePublished"
        or "published" in el.get("class", "").split()
        or "created" in el.get("property", "")
    )


def _names(el: lxml.html.HtmlElement) -> str:
    """What an element is called: its class, id and the `data-hook` site builders name their parts with."""
    # Wix-built posts mark the visible date only by `<span data-hook="time-ago">Jul 9, 2019</span>`, classes hashed.
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('data-hook', '')}"


def visible_date(container: lxml.html.HtmlElement, tz: str) -> When | None:
    """A date in the container's date/meta elements: 'Posted on July 5, 2012 by admin', `.field-date`."""
    for el in container.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if DATE_CLASS.search(_names(el)):
            text = clean(el.text_content())
            if len(text) <= 200 and not UPDATED_LINE.match(text):
                found = find_date(text, tz)
                if found:
                    return found
    return _byline_date(container, tz)


_TEXT_LENGTH = lxml.etree.XPath("string-length(normalize-space(.))")  # in C: no Python string for the subtree


def header_date(container: lxml.html.HtmlElement, tz: str) -> When | None:
    """The date line of the post's header, the block right above the container."""
    # Site builders (Weebly's `div.blog-header` holding `p.blog-date`) put a post's title and date in the sibling
    # before its body, and the content element found for the page is the body alone.
    el = container
    for _ in range(2):  # the body's own header, then its parent's: a header row a level up
        for sibling in el.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or sibling.tag in ("script", "style"):
                continue
            if sibling.tag in ("td", "th"):
                break  # a cell beside the content is a side column of a table layout, never its header
            length = _TEXT_LENGTH(sibling)
            if not length or sibling.tag in ("nav", "aside") or layout.is_layout_chrome(sibling):
                continue  # a sidebar or menu before the body in the source: chrome, whatever dates it lists
            if length <= 300:
                found = visible_date(sibling, tz)
                if found:
                    return found
            break  # only the nearest block above is the post's header
        el = el.getparent()
        if el is None or el.tag == "body":
            break
    return None


# A byline that opens with the posting verb: "Posted by admin on July 5, 2012 04:12 PM" (Movable Type, Blogger and
# WordPress footers, whatever the theme calls the element), "Posted on July 5, 2012 by admin", "Publicado el …".
_BYLINE = re.compile(r"^\s*(?:posted|published|publicado)\b", re.IGNORECASE)


def _byline_date(container: lxml.html.HtmlElement, tz: str) -> When | None:
    """The date in the first short "Posted by … on <date>" line of the container, whatever its class."""
    for el in container.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style") or not _BYLINE.match(el.text or ""):
            continue
        if any(a.tag in ("aside", "nav") or "sidebar" in a.get("class", "") for a in el.iterancestors()):
            continue  # a "Recent comments: Posted by … on …" widget dates someone else's words
        text = clean(el.text_content())
        if len(text) <= 120 and (found := find_date(text, tz)):  # a byline, not a sentence of the release
            return found
    return None


# The old WordPress themes' post footer: "This entry was posted on Tuesday, May 4th, 2010 at 3:12 pm and is filed
# under News." It repeats the day the header shows, with the clock the header leaves out.
_POSTED_FOOTER = re.compile(r"^\s*(?:this\s+(?:entry|post)\s+was\s+)?(?:posted|published)\s+on\b", re.IGNORECASE)
# The elements (the container included) with a text node holding "posted" or "published" in any case: every element
# _POSTED_FOOTER can match, in document order.
_POSTING_WORDS = lxml.etree.XPath(
    "descendant-or-self::*[text()[contains(translate(., 'POSTEDUBLIH', 'postedublih'), 'posted')"
    " or contains(translate(., 'POSTEDUBLIH', 'postedublih'), 'published')]]"
)
# The container's whole text, and a test on it that _POSTED_FOOTER's match in any element's text must pass: that
# text is one run of the container's text, and the pattern below is part of the footer's, unanchored, with the same
# flags. Most releases fail it, and then no element needs the XPath's translate() of every text node.
_TEXT = lxml.etree.XPath("string()")
_POSTED_ON = re.compile(r"(?:posted|published)\s+on", re.IGNORECASE)


def posted_clock(container: lxml.html.HtmlElement, day: When | None, tz: str) -> When | None:
    """`day` told to the minute by a "(This entry was) posted on <day> at <clock>" line of the post, else `day`."""
    if day is None or isinstance(day, datetime):
        return day
    if not _POSTED_ON.search(_TEXT(container)):
        return day
    # XPath picks the few elements whose text mentions posting, rather than a Python step for every element.
    for el in _POSTING_WORDS(container):
        if not isinstance(el.tag, str) or el.tag in ("script", "style") or not _POSTED_FOOTER.match(el.text or ""):
            continue
        if any(a.tag in ("aside", "nav") or "sidebar" in a.get("class", "") for a in el.iterancestors()):
            continue  # a widget's "posted on …" dates someone else's post
        text = clean(el.text_content())
        found = find_date(text, tz) if len(text) <= 250 and _CLOCK.search(text) else None
        if isinstance(found, datetime) and found.date() == day:
            return found
    return day


def body_date(blocks: Sequence[Block], tz: str) -> When | None:
    """'For Immediate Release: Friday, June 12, 2015' or a date alone on a line near the top of the body."""
    for block in blocks[:6]:
        for line in block.lines:
            if DATE_LINE.match(line) or (len(line) <= 40 and not UPDATED_LINE.search(line)):
                found = find_date(line, tz)
                if found:
                    return found
    return None


def updated_in_text(container: lxml.html.HtmlElement, blocks: Sequence[Block], tz: str) -> When | None:
    """A stated modification date: 'Updated: March 5, 2014' in a meta element or a short line of the body."""
    texts = [
        clean(el.text_content())
        for el in container.iter()
        if isinstance(el.tag, str) and el.tag not in ("script", "style") and DATE_CLASS.search(_names(el))
    ]
    texts += [line for block in blocks for line in block.lines if len(line) <= 80]
    for text in texts:
        match = UPDATED_LINE.search(text) if len(text) <= 200 else None
        found = find_date(text[match.end() : match.end() + 60], tz) if match else None
        if found:
            return found
    return None
