"""Where the release is on a page: archive posts, the main content element, its body, and the chrome to drop."""

from __future__ import annotations

import copy
import re

import lxml.html
from lxml import etree

from pressroom.normalise.text import clean

# Class/id words that mark site chrome: widgets, menus, sharing, sign-up boxes, comments, meta lines.
CHROME = re.compile(
    r"(?:^|[\s_-])(?:widgets?|sidebar|menu|navigation|navbar|nav|breadcrumbs?|share|sharing|sharedaddy|social|"
    r"signup|newsletter|subscribe|subscription|related|jp-relatedposts|comments|comment-respond|respond|"
    r"site-footer|site-header|masthead|skip-link|screen-reader-text|addtoany|post-navigation|nav-links|"
    r"pagination|entry-meta|entry-footer|entry-utility|postmetadata|tags-links|cat-links|author-info|"
    r"cookie|banner|donate-box|search|recent-posts)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Elementor, the most used WordPress page builder, wraps EVERY block of a page, the post's text included, in
# `elementor-widget elementor-widget-<type>` (…-text-editor, …-heading, …-nav-menu, …-share-buttons): the widget
# type says whether the block is chrome, the word "widget" does not. Its theme builder marks the site header and
# footer as `elementor-location-header` / `elementor-location-footer`.
_ELEMENTOR_WRAPPER = re.compile(r"\belementor-(?:widget|element|widget-wrap|widget-container|column-wrap)\b(?!-)")
_ELEMENTOR_TYPE = re.compile(r"\belementor-widget-")
_ELEMENTOR_LOCATION = re.compile(r"\belementor-location-(header|footer)\b")
CHROME_TAGS = ("nav", "aside", "form", "script", "style", "noscript", "template", "iframe", "button", "select", "input")
# One cheap XPath for every element that could hold the release; `_rank` orders them in Python. The attribute tests
# step to the attribute itself and back to its element (`descendant::*/@class[…]/..`): libxml2 then tests only the
# elements that carry the attribute, once each, instead of turning `@class` into a node set for every element and
# every test (four times faster, the same elements in the same document order).
MAIN_CANDIDATES = etree.XPath(
    ".//article | .//main | descendant::*/@role[. = 'main']/.."
    " | descendant::*/@class[contains(., 'node') or contains(., 'post') or contains(., 'hentry')]/.."
    " | descendant::*/@id[starts-with(., 'node-') or . = 'content' or . = 'main-content' or . = 'main'"
    " or . = 'primary']/.."
    # Elementor's document for the post itself (its header and footer templates are other documents): the post's
    # text is split over sibling text-editor widgets, so no one dense block holds all of it.
    " | .//div/@data-elementor-type[. = 'wp-post' or . = 'wp-page' or . = 'single-post' or . = 'single']/.."
)
BODY_XPATH = etree.XPath(
    "descendant::*/@class[contains(., 'entry-content') or contains(., 'field-name-body') or contains(., 'field-body')"
    " or contains(., 'node-content') or contains(., 'post-content') or contains(., 'article-body')]/.."
    " | descendant::*/@itemprop[. = 'articleBody']/.."
)
# A hand-made layout's side columns by class/id token: "lateral", "col-der", "leftCol".
_SIDE_COLUMNS = r"columna-?(?:izq|der)|col-?(?:izq|der|left|right)|left-?col|right-?col|lateral"
# Class/id tokens of hand-made table layouts (often Spanish, often camelCase): header, menu, footer and side columns.
LAYOUT_CHROME = re.compile(
    rf"^(?:encabezado|cabecera|cabezal|header|banner|masthead|logo|menu|nav|navegaci[oó]n|pie|footer|"
    rf"{_SIDE_COLUMNS}|sidebar|barra)",
    re.IGNORECASE,
)
# The side columns among them: the density count skips them, so a container found by density may still hold one
# ("#contenido" around "#lateral" and "#principal") and its body must drop it as the other chrome is dropped.
SIDE_COLUMN = re.compile(rf"^(?:barra-?lateral|{_SIDE_COLUMNS})", re.IGNORECASE)
# Where text is counted for density: the elements that can hold a whole release in a table layout.
CONTAINERS = frozenset(("td", "th", "div", "section", "article", "main", "center", "body"))
_DENSITY_SKIP = frozenset((*CHROME_TAGS, "nav", "aside", "header", "footer"))
READ_MORE = re.compile(r"^(?:read more|continue reading|more|leer más|seguir leyendo)\b", re.IGNORECASE)


def marks(el: lxml.html.HtmlElement) -> str:
    """The element's class and id words that can name chrome, page-builder wrapper words read by their type."""
    text = f"{el.get('class', '')} {el.get('id', '')}"
    if "elementor-" in text:
        text = _ELEMENTOR_WRAPPER.sub(" ", text)
        text = _ELEMENTOR_LOCATION.sub(r"site-\1", _ELEMENTOR_TYPE.sub("", text))
    return text


def _in_chrome(el: lxml.html.HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("body", "html", "main"):
            break  # <body class="one-sidebar"> describes the layout, not chrome around the content
        if anc.tag in ("nav", "aside", "footer", "header") or CHROME.search(marks(anc)):
            return True
    return False


def _text_len(el: lxml.html.HtmlElement) -> int:
    return int(el.xpath("string-length(normalize-space(.))"))  # in C: no Python string for the whole subtree


def is_full_post(post: lxml.html.HtmlElement) -> bool:
    """A post shown in full, not a teaser ending in 'Read more'."""
    if post.xpath(".//*[contains(@class, 'entry-summary')]") and not post.xpath(
        ".//*[contains(@class, 'entry-content')]"
    ):
        return False
    links = [_link_text(a) for a in post.iter("a")]
    return not any(READ_MORE.match(t) for t in links[-3:])


def _link_text(link: lxml.html.HtmlElement) -> str:
    text = (link.text or "").strip()
    return text if text or not len(link) else clean(link.text_content())


def _classes(el: lxml.html.HtmlElement) -> set[str]:
    return set((el.get("class") or "").split())


def posts(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Every post element whose title links to it with rel=bookmark, outermost only, outside sidebars."""
    found: list[lxml.html.HtmlElement] = []
    for link in tree.xpath(".//a[contains(@rel, 'bookmark')][@href]"):
        if "bookmark" not in link.get("rel", "").split():
            continue
        # The permalink must be the post's title (a bookmark around the date in the meta line is not one).
        heading = next(
            (a for a in link.iterancestors() if a.tag in ("h1", "h2", "h3") or "entry-title" in _classes(a)), None
        )
        if heading is None:
            continue
        post = next(
            (a for a in heading.iterancestors() if a.tag == "article" or _classes(a) & {"post", "hentry"}), None
        )
        if post is not None and not any(post is p for p in found) and not _in_chrome(post):
            found.append(post)
    return [el for el in found if not any(other is not el and el in other.iterdescendants() for other in found)]


def is_listing(tree: lxml.html.HtmlElement, found: list[lxml.html.HtmlElement] | None = None) -> bool:
    """A press listing: several teasers with 'Read More' links, or several excerpt-only posts."""
    teasers = [p for p in (posts(tree) if found is None else found) if not is_full_post(p)]
    if len(teasers) >= 2:
        return True
    more = [a for a in tree.iter("a") if READ_MORE.match(_link_text(a)) and not _in_chrome(a)]
    return len(more) >= 3


# Page builders render "Recent posts" / "Related posts" grids as one `<article class="post type-post …">` card per
# other post (Elementor's Posts and Loop Grid widgets: `elementor-post`, `e-loop-item`): a card is a teaser, never
# the page's own release, however much it looks like a WordPress post.
_POST_CARD = frozenset(("elementor-post", "e-loop-item"))


def _rank(el: lxml.html.HtmlElement) -> int:
    classes, ident = _classes(el), el.get("id") or ""
    if classes & _POST_CARD:
        return 9
    if el.tag == "article" and classes & {"post", "hentry", "type-post"}:
        return 0
    if "node" in classes or ident.startswith("node-"):
        return 1
    if el.tag == "article":
        return 2
    if "post" in classes or "blog-post" in classes:
        return 3  # Weebly names each post `div.blog-post`, its body split over sibling `div.paragraph`s
    if el.tag == "main" or el.get("role") == "main" or el.get("data-elementor-type"):
        return 4
    if ident in ("content", "main-content", "main", "primary"):
        return 5
    return 9


def main_element(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the release: a post, a Drupal node, <article>, <main>, #content, the densest cell, <body>."""
    ranked: dict[int, list[lxml.html.HtmlElement]] = {}
    for el in MAIN_CANDIDATES(tree):
        rank = _rank(el)
        if rank < 9:
            ranked.setdefault(rank, []).append(el)
    for rank in sorted(ranked):
        candidates = [el for el in ranked[rank] if not _in_chrome(el) and _text_len(el) >= 80]
        if candidates:
            # The first WordPress post is the page's own; elsewhere the fullest candidate wins.
            return candidates[0] if rank == 0 else max(candidates, key=_text_len)
    body = tree.find("body")
    if body is None:
        return tree
    found = densest(body)
    return found if found is not None else body


def is_layout_chrome(el: lxml.html.HtmlElement) -> bool:
    """Chrome by class or id: the usual WordPress names, or a table layout's header/menu/footer/side-column cell."""
    words = marks(el)
    return bool(CHROME.search(words)) or any(LAYOUT_CHROME.match(word) for word in words.split())


# Blocks whose text is one paragraph; table cells and divs are both paragraphs and containers.
_PARAGRAPH_TAGS = frozenset(("p", "li", "dd", "dt", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "address"))


class _Density:
    """One pass over a layout: each paragraph's text and link text, and the same totals for every container."""

    def __init__(self) -> None:
        self.paragraphs: dict[lxml.html.HtmlElement, list[int]] = {}  # paragraph -> [text, link text]
        self.totals: dict[lxml.html.HtmlElement, list[int]] = {}  # container -> [text, link text]
        self.up: dict[lxml.html.HtmlElement, lxml.html.HtmlElement | None] = {}  # container -> enclosing one

    def add(self, text: str | None, para: lxml.html.HtmlElement, stack: tuple, link: bool) -> None:
        n = len(text.strip()) if text else 0
        if not n:
            return
        for counts in (self.paragraphs.setdefault(para, [0, 0]), *(self.totals[c] for c in stack)):
            counts[0] += n
            counts[1] += n if link else 0

    def walk(self, el: lxml.html.HtmlElement, para: lxml.html.HtmlElement, stack: tuple, link: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _DENSITY_SKIP or is_layout_chrome(el):
            return  # chrome by tag or by name: its text is never the release
        if tag in CONTAINERS:
            self.up[el] = stack[-1] if stack else None
            self.totals[el] = [0, 0]
            stack = (*stack, el)
        if tag in CONTAINERS or tag in _PARAGRAPH_TAGS:
            para = el
        link = link or tag == "a"
        self.add(el.text, para, stack, link)
        for child in el:
            if len(stack) < 200:  # pathological nesting: stop descending rather than hit the recursion limit
                self.walk(child, para, stack, link)
            self.add(child.tail, para, stack, link)


def densest(body: lxml.html.HtmlElement, minimum: int = 140) -> lxml.html.HtmlElement | None:
    """The table cell or block with the most paragraph text that is not links, chrome excluded; None if too little."""
    d = _Density()
    d.walk(body, body, (), False)
    scores: dict[lxml.html.HtmlElement, float] = {}
    for para, (n, links) in d.paragraphs.items():
        if links * 2 > n:
            continue  # a paragraph that is mostly links is navigation, whatever its class says
        near = para if para in d.totals else next((a for a in para.iterancestors() if a in d.totals), None)
        if near is None:
            continue
        # A paragraph counts fully for its own container and half for the one around it.
        scores[near] = scores.get(near, 0) + n - links
        if (far := d.up.get(near)) is not None:
            scores[far] = scores.get(far, 0) + (n - links) / 2
    scores.pop(body, None)
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    if scores[best] < minimum:
        return None
    # Date and title lines often sit just outside the densest block (a sibling div, a row of a nested table):
    # climb while the enclosing container adds only a little text and almost no links.
    while (parent := d.up.get(best)) is not None and parent is not body:
        if best.tag in ("td", "th") and parent.tag not in ("td", "th"):
            break  # a cell is a layout unit: around it are the site's other rows and columns
        text, links = d.totals[best]
        extra, extra_links = d.totals[parent][0] - text, d.totals[parent][1] - links
        if extra > max(200, text // 4) or extra_links * 4 > extra:
            break
        best = parent
    return best


def body_element(container: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The release body inside its container: .entry-content, a Drupal body field, else the container itself."""
    for el in BODY_XPATH(container):
        if _text_len(el) >= 40:
            return el
    return container


def _side_column(el: lxml.html.HtmlElement) -> bool:
    """A hand-made layout's side column by class or id ("lateral", "col-der"): site boxes beside the text."""
    return any(SIDE_COLUMN.match(word) for word in marks(el).split())


def strip_chrome(el: lxml.html.HtmlElement, keep_title: bool = False) -> lxml.html.HtmlElement:
    """A copy of `el` without menus, widgets, forms, sharing boxes, site headers and footers, or scripts."""
    el = copy.deepcopy(el)
    doomed = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node is el:
            continue
        if (
            node.tag in CHROME_TAGS
            or (node.tag in ("header", "footer") and not keep_title)
            or CHROME.search(marks(node))
            or _side_column(node)
        ):
            doomed.append(node)
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()  # keeps the tail text, which belongs to the surrounding paragraph
    return el
