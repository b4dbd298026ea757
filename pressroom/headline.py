"""The release's headline: the page's <title> without the site name, and the heading-like lines atop the content."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from pressroom.kinds import ADVISORY, PRESS_RELEASE
from pressroom.normalise import layout
from pressroom.normalise.dates import find_date
from pressroom.normalise.organizations import LABEL as SIGNERS_LABEL
from pressroom.normalise.published import DATE_LINE
from pressroom.normalise.text import BLOCK_TAGS, clean
from pressroom.page import Page
from pressroom.urls import canonical_url

_TITLE_SPLIT = re.compile(r"\s+[|»–—-]\s+|\s+::\s+")
# Classes of the headline line in hand-made layouts: "titularComunicado", "headline", "titulo", "newsTitle".
_TITLE_CLASS = re.compile(r"titul|title|headline|heading", re.I)
_POST_HEADER = re.compile(r"entry|post|article|node|page-header")  # a post's own <header>, not the site's
TITLE_LINE_TAGS = ("h1", "h2", "h3", "h4", "p", "div", "span", "font", "strong", "b", "td")
_WRAPPER_TAGS = frozenset(("div", "td", "span", "font"))
# Bold or heading lines that are never a headline: a label ending in a colon, a contact or WHAT/WHEN/WHERE label
# line (the kind may come first on the same line: "MEDIA ADVISORY Contact: …"), a byline.
_NOT_HEADLINE = re.compile(
    r".*:$|(?:(?:press|media)\s+(?:advisory|release)\s*[:–—-]?\s*)?(?:(?:press|media)\s+)?"
    r"(?:contacts?|e-?mail|phone|tel|fax|cell|what|when|where|who|location|"
    r"contacto|correo|tel[eé]fono|cu[aá]ndo|d[oó]nde|lugar)\b[^:]{0,20}:|by\s",
    re.I,
)


@dataclass(frozen=True)
class Head:
    """The page's <title> split into the release's title and the site's name (either may be empty)."""

    title: str
    site: str


def head_title(page: Page, container: lxml.html.HtmlElement) -> Head:
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
        return Head(max(inside, key=len), site)
    # The <title> may be cut short ("Families Deliver 3,000 Letters…") or be the site name alone.
    for line in lines:
        if title and _same_title(line, title):
            return Head(line if len(line) > len(title.rstrip(".… ")) else title, site)
    if not title or (site and title.casefold() == site.casefold()):
        return Head(lines[0] if lines else (title or full), site or full)
    if lines and len(_WORD.findall(lines[0])) > len(_WORD.findall(title)):
        # The <title> names no line of the content and says less than its top line ("Site - News", "Site :: Press
        # Release", "Site - Bill Signed"): it titles the site's page, and the fuller content headline is the release's.
        # A shorter top line ("Latest News") is a section heading, and the <title> keeps the headline.
        return Head(lines[0], site)
    return Head(title, site)


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
    for el in container.iter(TITLE_LINE_TAGS):
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


def is_site_name(page: Page, el: lxml.html.HtmlElement, text: str, head: Head | None) -> bool:
    """An <h1> that names the site (a logo heading), not the release."""
    folded = text.casefold()
    if folded == clean(page.meta("og:site_name")).casefold():
        return True
    if head is not None and folded == head.title.casefold():
        return False  # the <title> calls it the headline
    if _in_site_header(page, el):
        return True
    return head is not None and bool(head.site) and folded == head.site.casefold()
