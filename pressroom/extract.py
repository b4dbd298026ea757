"""Pages in, releases out: find the release(s) on a parsed page and normalise everything partners write in them."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

import lxml.html

from pressroom.models import Dateline, Release, When
from pressroom.normalise import layout
from pressroom.normalise.contacts import LABELS as CONTACT_LABELS
from pressroom.normalise.contacts import completed, contacts_from_lines
from pressroom.normalise.datelines import parse_dateline
from pressroom.normalise.dates import date_from_url, find_date, local_moment, parse_iso
from pressroom.normalise.embargo import find_embargo
from pressroom.normalise.events import events_from_blocks
from pressroom.normalise.language import detect
from pressroom.normalise.markup import attachments, sanitise
from pressroom.normalise.organizations import LABEL as SIGNERS_LABEL
from pressroom.normalise.organizations import organizations_from_blocks
from pressroom.normalise.phones_emails import hidden_mailto, region_of, reveal_mailto, unprotect_emails
from pressroom.normalise.published import (
    DATE_LINE,
    body_date,
    head_published,
    header_date,
    json_ld_dates,
    time_elements,
    updated_in_text,
    visible_date,
)
from pressroom.normalise.quotes import quotes_from_blocks
from pressroom.normalise.text import BLOCK_TAGS, Block, blocks, clean, truncate
from pressroom.page import Page, web_url
from pressroom.urls import canonical_url, same_site


@dataclass(frozen=True)
class Hints:
    timezone: str = "UTC"  # IANA zone of the source: times without a zone are in it
    language: str | None = None  # the source's configured language, if any
    published: When | None = None  # date a feed item or listing line gave: used ONLY when the page has none
    title: str | None = None  # title a feed item or listing gave: used when the page has none


ADVISORY = re.compile(
    r"\b(?:media|news|press)\s+advisory\b|\baviso\s+(?:de\s+prensa|a\s+los\s+medios)\b|\bphoto\s+op", re.I
)
# A title that opens with the kind alone, "Advisory: tele-press call on …", names a media advisory too.
ADVISORY_TITLE = re.compile(r"^\s*(?:advisory|aviso)\s*[:–—-]", re.I)
STATEMENT_TITLE = re.compile(r"\bstatement\b|\bdeclaraci[oó]n\b|\bcomunicado\s+conjunto\b", re.I)
STATEMENT_BODY = re.compile(
    r"\bjoint\s+statement\b|\binitial\s+sponsors\b|\bdeclaraci[oó]n\s+conjunta\b|"
    # "Signed by:" heading the list of signers, or a statement "signed by" organisations. In narrative, "a letter
    # signed by 1,700 workers" or "the order signed by the Governor" is something the release reports on.
    r"(?m:^\s*(?:signed\s+by|firmad[oa]s?\s+por)\b)|\bstatement\s+(?:is\s+|was\s+)?signed\s+by\b|"
    # "… issued the following statement in response to …": the post is the statement it introduces.
    r"\b(?:issued|released)\s+the\s+following\s+(?:joint\s+)?statement\b|"
    r"\b(?:emiti[oó]|emitieron|public[oó])\s+la\s+siguiente\s+declaraci[oó]n\b",
    re.I,
)
# Every STATEMENT_BODY cue holds one of these words: the regex, slow over a long text, runs only when one is there.
STATEMENT_WORDS = ("statement", "sponsors", "declaraci", "signed", "firmad", "siguiente")
# A kind label on a line of its own above the text ("STATEMENT", "Joint Statement:", "Declaración").
STATEMENT_LABEL = re.compile(
    r"(?:joint\s+|public\s+)?statement|declaraci[oó]n(?:\s+conjunta|\s+p[uú]blica)?|comunicado\s+conjunto", re.I
)
# CMS content types and categories a post is filed under: "category-statements", "node-type-statement".
STATEMENT_CLASS = re.compile(r"(?:node-type-|node-|category-)(?:joint-)?statements?\b")
PRESS_RELEASE = re.compile(
    r"\bfor\s+immediate\s+release\b|\b(?:press|news)\s+release\b|\bcomunicado\s+de\s+prensa\b|"
    r"\bpara\s+(?:publicaci[oó]n|difusi[oó]n)\s+inmediata\b",
    re.I,
)
# CMS content types and categories: Drupal "node-type-press-release", WordPress "category-press-releases".
PRESS_CLASS = re.compile(r"(?:node-type-|node-|category-)press-releases?\b|\bpress_release\b")
# A title that names released documents as its subject: "FOIA Documents on …", "Factsheets: …", "New Report: …",
# "Materials from the … Meeting", "Letter Template: …", "Volante: …". A report or survey counts only as a label
# ("New Report: …"): "Report Finds One in Five …" announces a finding, which is a press release.
DOC_TITLE = re.compile(
    r"\b(?:foia|documents?|records|materials|fact\s?sheets?|flyers?|templates?|toolkits?|"
    r"documentos|materiales|volantes?|hojas?\s+informativas?)\b|"
    r"\b(?:new\s+|nuevo\s+)?(?:report|study|survey|informe|estudio)\s*:|^\s*(?:released|now\s+available)\s*:",
    re.I,
)
# The press contact a release ends or opens with: "Contact: …", "Media contacts: …", "For more information, contact …".
PRESS_CONTACT = re.compile(
    r"^(?:(?:press|media)\s+)?contacts?\s*:|^for\s+(?:more|further)\s+information,?\s+(?:please\s+)?contact\b|"
    r"^contactos?(?:\s+de\s+prensa|\s+para\s+(?:los\s+)?medios)?\s*:|^para\s+m[aá]s\s+informaci[oó]n\b",
    re.I,
)
DOCUMENTS = re.compile(
    r"\bdownload|\bdocuments?\b|\bfoia\b|\bfact\s?sheets?\b|\bmaterials\b|\breport\b|\bdescarg", re.I
)
_LABEL_LINE = re.compile(r"^[\w /'-]{2,30}:")
_TITLE_SPLIT = re.compile(r"\s+[|»–—-]\s+|\s+::\s+")
# Classes of the headline line in hand-made layouts: "titularComunicado", "headline", "titulo", "newsTitle".
_TITLE_CLASS = re.compile(r"titul|title|headline|heading", re.I)
_POST_HEADER = re.compile(r"entry|post|article|node|page-header")  # a post's own <header>, not the site's
_TITLE_LINE_TAGS = ("h1", "h2", "h3", "h4", "p", "div", "span", "font", "strong", "b", "td")
_WRAPPER_TAGS = frozenset(("div", "td", "span", "font"))
# Bold or heading lines that are never a headline: a label ending in a colon, a contact or WHAT/WHEN/WHERE label
# line (the kind may come first on the same line: "MEDIA ADVISORY Contact: …"), a byline.
_NOT_HEADLINE = re.compile(
    r".*:$|(?:(?:press|media)\s+(?:advisory|release)\s*[:–—-]?\s*)?(?:(?:press|media)\s+)?"
    r"(?:contacts?|e-?mail|phone|tel|fax|cell|what|when|where|who|location|"
    r"contacto|correo|tel[eé]fono|cu[aá]ndo|d[oó]nde|lugar)\b[^:]{0,20}:|by\s",
    re.I,
)
_BOOKMARK_HEADING = (
    ".//*[self::h1 or self::h2 or self::h3 or self::h4][.//a[contains(concat(' ', @rel, ' '), ' bookmark ')]]"
)
_BODY_META = re.compile(r"entry-title|field-date|post-date|submitted|byline|posted-on|\bdate\b")


def post_elements(page: Page, found: list[lxml.html.HtmlElement] | None = None) -> list[lxml.html.HtmlElement]:
    """The full posts of an archive page (WordPress `article.post`/`.hentry` ... with an entry-title rel=bookmark permalink); [] when the page is one release or a listing."""  # noqa: E501
    found = layout.posts(page.tree) if found is None else found
    if not found or not all(layout.is_full_post(p) for p in found):
        return []
    if len(found) == 1:
        # A single post whose title links to itself is the release page, not an archive.
        link = _permalink(found[0], page)
        if not link or canonical_url(link) == canonical_url(page.url):
            return []
    return found


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


def _permalink(post: lxml.html.HtmlElement, page: Page) -> str | None:
    for link in post.xpath(".//a[contains(concat(' ', @rel, ' '), ' bookmark ')][@href]"):
        # Only a web URL can be a release's address: a javascript: permalink falls back to the page's URL.
        return web_url(page.absolute(link.get("href")))
    return None


def _page_url(page: Page) -> str:
    for link in page.tree.iterfind(".//link[@rel='canonical'][@href]"):
        href = page.absolute(link.get("href"))
        if same_site(href, page.url):
            return href
    og = page.meta("og:url")
    if og and same_site(page.absolute(og), page.url):
        return page.absolute(og)
    return page.url


def _title(page: Page, container: lxml.html.HtmlElement, hints: Hints, mode: str) -> str:
    head = _head_title(page, container) if mode == "page" else None
    for xpath in (".//*[contains(@class, 'entry-title')]", ".//h1", ".//*[contains(@class, 'title')][self::h2]"):
        for el in container.xpath(xpath):
            text = clean(el.text_content())
            if text and not (mode == "page" and _is_site_name(page, el, text, head)):
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
            if (text := clean(el.text_content())) and not _is_site_name(page, el, text, head):
                return text
        og = clean(page.meta("og:title"))
        if og and og.casefold() != clean(page.meta("og:site_name")).casefold():
            return og
    if hints.title:
        return clean(hints.title)
    if head is None:
        head = _head_title(page, container)
    return head.title


@dataclass(frozen=True)
class _Head:
    """The page's <title> split into the release's title and the site's name (either may be empty)."""

    title: str
    site: str


def _head_title(page: Page, container: lxml.html.HtmlElement) -> _Head:
    """The <title> without the site name; a title-like line at the top of the content when it is fuller."""
    full = clean(page.tree.findtext(".//title") or "")
    lines = _title_lines(container)
    logos = _logos(page, container)
    site_meta = clean(page.meta("og:site_name")).casefold()
    parts = _TITLE_SPLIT.split(full)
    title, site = full, ""
    if len(parts) >= 2:
        first, last = parts[0], parts[-1]
        # Which end is the site name: og:site_name, else the end the content does not repeat as its headline,
        # else the end a header <h1> shows, else the usual "Headline - Site" order.
        if site_meta in (first.casefold(), last.casefold()):
            site_first = first.casefold() == site_meta
        elif any(_same_title(line, first) for line in lines):
            site_first = False
        elif any(_same_title(line, last) for line in lines):
            site_first = True
        elif headline := _headline_end(container, first, last):
            site_first = headline == last  # the end the content's own <h1> repeats is the headline
        else:
            site_first = first in logos and last not in logos
        site = first if site_first else last
        title = _strip_separator(full[len(first) :] if site_first else full[: len(full) - len(last)])
        if len(title) < 10 and not site_meta:
            title, site = (full, "") if len(parts[0]) < 10 else (parts[0], "")  # as before: too short to judge
    elif full and (full.casefold() == site_meta or full in logos):
        title, site = "", full
    names = (site.casefold(), site_meta, *(logo.casefold() for logo in logos))
    lines = [line for line in lines if line.casefold() not in names]
    # "Site: Headline" (Blogger), "Site » Blog Archive » Headline" (WordPress), "Comunicado: Headline | Site":
    # a content headline whose words run inside the <title> is the headline, with the content's punctuation.
    inside = [line for line in lines if _words_within(line, full)]
    if inside:
        return _Head(max(inside, key=len), site)
    # The <title> may be cut short ("Families Deliver 3,000 Letters…") or be the site name alone.
    for line in lines:
        if title and _same_title(line, title):
            return _Head(line if len(line) > len(title.rstrip(".… ")) else title, site)
    if not title or (site and title.casefold() == site.casefold()):
        return _Head(lines[0] if lines else (title or full), site or full)
    if lines and len(_WORD.findall(lines[0])) > len(_WORD.findall(title)):
        # The <title> names no line of the content and says less than its top line ("Site - News", "Site :: Press
        # Release", "Site - Bill Signed"): it titles the site's page, and the fuller content headline is the release's.
        # A shorter top line ("Latest News") is a section heading, and the <title> keeps the headline.
        return _Head(lines[0], site)
    return _Head(title, site)


_WORD = re.compile(r"\w+")


def _headline_end(container: lxml.html.HtmlElement, first: str, last: str) -> str | None:
    """The end of a two-part <title> that an <h1> in the content repeats, if exactly one does."""
    headings = [clean(h.text_content()) for h in container.iter("h1")]
    ends = [end for end in (first, last) if any(_same_title(h, end) for h in headings)]
    return ends[0] if len(ends) == 1 else None


def _words_within(line: str, full: str) -> bool:
    """The line's words (three or more) run, in order and together, inside the <title>'s words."""
    words, outer = _WORD.findall(line.casefold()), _WORD.findall(full.casefold())
    if len(words) < 3 or len(words) > len(outer):
        return False
    n = len(words)
    return any(outer[i : i + n] == words for i in range(len(outer) - n + 1))


def _strip_separator(text: str) -> str:
    """A <title> part without the separator left at its cut end."""
    return re.sub(r"^\s*(?:[|»–—-]|::)\s*|\s*(?:[|»–—-]|::)\s*$", "", text).strip()


def _same_title(line: str, title: str) -> bool:
    """The same headline, allowing for a <title> cut short with an ellipsis."""
    a, b = line.casefold().rstrip(".… "), title.casefold().rstrip(".… ")
    return len(b) >= 10 and (a == b or a.startswith(b))


def _title_lines(container: lxml.html.HtmlElement) -> list[str]:
    """Short heading-like lines at the top of the content: a headline in a classed <p>, an <h2>, a bold line."""
    found: list[str] = []
    seen = 0
    for el in container.iter(_TITLE_LINE_TAGS):
        if (
            el.tag in _WRAPPER_TAGS
            and any(child.tag in BLOCK_TAGS for child in el)
            and not _TITLE_CLASS.search(el.get("class", ""))
        ):
            continue  # a wrapper of paragraphs is not a line (and its whole text is costly to clean)
        text = clean(el.text_content())
        if not text:
            continue
        seen += 1
        if seen > 12 or len(found) >= 3:
            break
        if el.tag == "p" and len(text) >= 200:
            break  # the narrative has begun: a heading below it heads a section, not the release
        if not 10 <= len(text) <= 200 or DATE_LINE.match(text) or PRESS_RELEASE.fullmatch(text):
            continue
        if _NOT_HEADLINE.match(text) or ADVISORY.fullmatch(text) or _in_chrome_of(el, container):
            continue  # "Media Contact: …" labels a block; "MEDIA ADVISORY" names the kind; widget titles are chrome
        if (signers := SIGNERS_LABEL.match(text)) and ":" in signers.group():
            continue  # a joint statement's bold "Initial Sponsors: A, B, C" lists who signs, not what it says
        if len(text) < 60 and find_date(text):
            continue  # "jueves, 13 de marzo de 2014" is the date line, not the headline
        if el.tag in ("h1", "h2", "h3", "h4", "strong", "b") or _TITLE_CLASS.search(el.get("class", "")):
            found.append(text)
    return found


def _in_chrome_of(el: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
    """Inside a widget, menu, sidebar or site header of the container (a "Recent Posts" box, a "Newsletter" title)."""
    for anc in el.iterancestors():
        if anc is container or "hentry" in anc.get("class", "").split():
            return False  # a post's own heading, even in Blogger's `div.widget.Blog`
        if anc.tag in ("nav", "aside", "header", "footer") or layout.is_layout_chrome(anc):
            return True
    return False


def _logos(page: Page, container: lxml.html.HtmlElement) -> set[str]:
    """Texts of <h1>s that name the site: in a header, or above the menu that precedes the content."""
    found = set()
    for el in page.tree.iter("h1"):
        if _in_site_header(page, el) or _above_navigation(el, container):
            found.add(clean(el.text_content()))
    return found


def _above_navigation(h1: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
    """An untitled <h1> outside the content with a menu (three links or more) between it and the content."""
    if _TITLE_CLASS.search(f"{h1.get('class', '')} {h1.get('id', '')}") or container.tag == "body":
        return False
    if any(anc is container for anc in h1.iterancestors()):
        return False
    links, started = 0, False
    for el in h1.getroottree().iter():
        if el is h1:
            started = True
        elif el is container:
            return started and links >= 3
        elif started and el.tag == "a" and not any(anc is h1 for anc in el.iterancestors()):
            links += 1
    return False


def _in_site_header(page: Page, el: lxml.html.HtmlElement) -> bool:
    """A heading in the site's header (header cell, masthead, banner) or one that links to the home page."""
    home = canonical_url(page.absolute("/"))
    for link in el.iter("a"):
        if "home" in link.get("rel", "").split() or canonical_url(page.absolute(link.get("href", ""))) == home:
            return True
    for anc in el.iterancestors():
        if anc.tag in ("body", "main", "article") or "hentry" in anc.get("class", "").split():
            # Inside an hAtom entry the heading is the post's own, even when the theme wraps the posts in a
            # "widget" (Blogger's `div.widget.Blog`).
            return False
        if anc.tag == "header" and not _POST_HEADER.search(anc.get("class", "")):
            return not any(up.tag in ("article", "main") for up in anc.iterancestors())
        if layout.is_layout_chrome(anc):
            # A page builder's header module inside the post (Divi's full-width header, `header-content`) holds the
            # post's own headline: only outside a post does a "header" wrapper mean the site's.
            return not any(up.tag == "article" or "hentry" in up.get("class", "").split() for up in anc.iterancestors())
    return False


def _is_site_name(page: Page, el: lxml.html.HtmlElement, text: str, head: _Head | None) -> bool:
    """An <h1> that names the site (a logo heading), not the release."""
    folded = text.casefold()
    if folded == clean(page.meta("og:site_name")).casefold():
        return True
    if head is not None and folded == head.title.casefold():
        return False  # the <title> calls it the headline
    if _in_site_header(page, el):
        return True
    return head is not None and bool(head.site) and folded == head.site.casefold()


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
    dateline, index = None, -1
    for i, block in enumerate(body[:6]):
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


def _kind(
    title: str,
    body: list[Block],
    text: str,
    events: int,
    files: int,
    classes: str = "",
    dateline: bool = False,
) -> str:
    """The kind of item (the partner guide's "Kinds of item"): what the text says first, then its shape."""
    head = title + " " + " ".join(b.text for b in body[:4])
    # Cues sit at the top ("Joint statement") or the bottom ("Initial Sponsors:"); the middle is narrative.
    text = text if len(text) <= 8000 else text[:5000] + "\n" + text[-3000:]
    if ADVISORY.search(head) or ADVISORY_TITLE.match(title):
        return "media_advisory"
    if (
        STATEMENT_TITLE.search(title)
        or (_may_match(text, STATEMENT_WORDS) and STATEMENT_BODY.search(text))
        or any(STATEMENT_LABEL.fullmatch(b.text.strip(" :.")) for b in body[:4])
    ):
        return "statement"
    if files and DOC_TITLE.search(title):
        # A document release is a press release about the documents it attaches: the more specific kind wins,
        # even under a "For Immediate Release" line.
        return "document_release"
    if PRESS_RELEASE.search(head):
        return "press_release"
    if events and not (dateline and events == 1 and _press_contact(body)):
        # A post built around its events is a listing; a release in the press form (dateline, press contact) that
        # also times its one send-off or rally stays a press release.
        return "event_listing"
    if STATEMENT_CLASS.search(classes):
        return "statement"
    if PRESS_CLASS.search(classes):
        return "press_release"  # the CMS content type is weaker than what the text says it is
    if dateline and _press_contact(body):
        # A release's form without its "For Immediate Release" line: the guide's press releases open with a
        # dateline ("NEW ORLEANS—Leaders …") and name a contact for the press; a blog post or article has neither.
        return "press_release"
    if files and DOCUMENTS.search(title + " " + text):
        return "document_release"
    return "article"


def _may_match(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds any of `words` (lower case), a cheap test before a costly regex."""
    lowered = text.lower()
    return any(word in lowered for word in words)


def _press_contact(body: list[Block]) -> bool:
    """A line naming the contact for the press ("Contact:", "Media contacts:", "For more information, contact …")."""
    return any(PRESS_CONTACT.match(line) or _opening_label(line) for b in body for line in b.lines)


def _opening_label(line: str) -> bool:
    """A line opening with a press label the contacts read ("Press:", "Media:", "Medios / Media:")."""
    match = CONTACT_LABELS.match(line)
    return bool(match and match["opening"])


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
    url = {"post": lambda: _permalink(container, page) or page.url, "page": lambda: _page_url(page)}.get(
        mode, lambda: page.url
    )()
    url = canonical_url(url)
    title = _title(page, container, hints, mode)
    for el in body_el.xpath(".//*[@class]"):
        if _BODY_META.search(el.get("class", "")) and len(clean(el.text_content())) < 200:
            el.drop_tree()  # title and date lines were read from the container already
    # The headline line is the title, not body text: an <h1>, or a classed <p> in hand-made layouts.
    for el in body_el.iterdescendants(_TITLE_LINE_TAGS):  # not body_el itself: a root cannot be dropped
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
    return Release(
        url=url,
        title=title,
        kind=_kind(title, body, body_text, len(events), len(files), _classes(page, container, mode), bool(dateline)),
        published=published,
        updated=updated,
        dateline=dateline,
        language=detect(body_text, default=hints.language or page.lang),
        summary=_summary(body, title, dl_index),
        body_text=body_text,
        body_html=sanitise(body_el, page.url),
        organizations=tuple(organizations),
        quotes=tuple(quotes_from_blocks(rest)),
        contacts=tuple(completed(contacts_from_lines(contact_lines, region), (c for e in events for c in e.contacts))),
        events=tuple(events),
        attachments=tuple(files),
        embargo=find_embargo(body_text, published, hints.timezone),
    )
