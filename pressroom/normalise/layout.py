"""Where the release is on a page: archive posts, the main content element, its body, and the chrome to drop."""

from __future__ import annotations

import copy
import re

import lxml.html

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
CHROME_TAGS = ("nav", "aside", "form", "script", "style", "noscript", "template", "iframe", "button", "select", "input")
# One cheap XPath for every element that could hold the release; `_rank` orders them in Python.
MAIN_CANDIDATES = (
    ".//article | .//main | .//*[@role='main'] | .//*[contains(@class, 'node') or contains(@class, 'post')"
    " or contains(@class, 'hentry') or starts-with(@id, 'node-')]"
    " | .//*[@id='content' or @id='main-content' or @id='main' or @id='primary']"
)
BODY_XPATH = (
    ".//*[contains(@class, 'entry-content') or contains(@class, 'field-name-body') or contains(@class, 'field-body')"
    " or contains(@class, 'node-content') or contains(@class, 'post-content') or contains(@class, 'article-body')"
    " or @itemprop='articleBody']"
)
READ_MORE = re.compile(r"^(?:read more|continue reading|more|leer más|seguir leyendo)\b", re.IGNORECASE)


def _in_chrome(el: lxml.html.HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("body", "html", "main"):
            break  # <body class="one-sidebar"> describes the layout, not chrome around the content
        if anc.tag in ("nav", "aside", "footer", "header") or CHROME.search(
            f"{anc.get('class', '')} {anc.get('id', '')}"
        ):
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


def _rank(el: lxml.html.HtmlElement) -> int:
    classes, ident = _classes(el), el.get("id") or ""
    if el.tag == "article" and classes & {"post", "hentry", "type-post"}:
        return 0
    if "node" in classes or ident.startswith("node-"):
        return 1
    if el.tag == "article":
        return 2
    if "post" in classes:
        return 3
    if el.tag == "main" or el.get("role") == "main":
        return 4
    if ident in ("content", "main-content", "main", "primary"):
        return 5
    return 9


def main_element(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the release: a WordPress post, a Drupal node, <article>, <main>, #content, else <body>."""
    ranked: dict[int, list[lxml.html.HtmlElement]] = {}
    for el in tree.xpath(MAIN_CANDIDATES):
        rank = _rank(el)
        if rank < 9:
            ranked.setdefault(rank, []).append(el)
    for rank in sorted(ranked):
        candidates = [el for el in ranked[rank] if not _in_chrome(el) and _text_len(el) >= 80]
        if candidates:
            # The first WordPress post is the page's own; elsewhere the fullest candidate wins.
            return candidates[0] if rank == 0 else max(candidates, key=_text_len)
    body = tree.find("body")
    return body if body is not None else tree


def body_element(container: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The release body inside its container: .entry-content, a Drupal body field, else the container itself."""
    for el in container.xpath(BODY_XPATH):
        if _text_len(el) >= 40:
            return el
    return container


def strip_chrome(el: lxml.html.HtmlElement, keep_title: bool = False) -> lxml.html.HtmlElement:
    """A copy of `el` without menus, widgets, forms, sharing boxes, site headers and footers, or scripts."""
    el = copy.deepcopy(el)
    doomed = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node is el:
            continue
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in CHROME_TAGS or (node.tag in ("header", "footer") and not keep_title) or CHROME.search(marks):
            doomed.append(node)
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()  # keeps the tail text, which belongs to the surrounding paragraph
    return el
