"""The feedgen setup the Atom and RSS builders share, so both formats say the same thing about each entry.

Category schemes (Atom `scheme`, RSS `domain`); terms are machine values, Atom also carries a human `label`:

- `KIND_SCHEME`     term is `Release.kind` (`press_release`, `statement`, …), label e.g. "Press release"
- `SOURCE_SCHEME`   term is each posting's `source_id`, label its `source_name`
- `LANGUAGE_SCHEME` term is `Release.language` (BCP 47 tag), only when the release's language is known

Multi-posting credit: when an entry has more than one posting, the content ends with
"Posted by <first>. Also posted by <others>." (each a link), and Atom adds a `<link rel="related">` per other posting.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal

import nh3
from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.feed import FeedGenerator

import pressroom
from pressroom.models import Attachment, Entry, FeedMeta, Posting, Release
from pressroom.page import XML_ILLEGAL, web_url

Format = Literal["atom", "rss"]

# Scheme URIs are identifiers, not pages to fetch; they hang off the project's URL so they are globally unique.
# They are literals (not built from HOME_PAGE) so subscribers' filter rules survive a move of the home page.
KIND_SCHEME = "https://github.com/pressroom-news/pressroom#kind"
SOURCE_SCHEME = "https://github.com/pressroom-news/pressroom#source"
LANGUAGE_SCHEME = "https://github.com/pressroom-news/pressroom#language"

# An empty feed still needs an updated time; a fixed one keeps the output reproducible.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# The "unknown binary" media type, for attachments whose type the crawl could not tell.
UNKNOWN_MEDIA_TYPE = "application/octet-stream"

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FEED_TYPES: dict[Format, str] = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
# Every attribute feedgen accepts on a link, in the order its fixed upstream code writes them.
_LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")


# Cleaned content by id() of the (immutable) Entry; bounded so archive pages cannot pile up in memory.
_CACHE_LIMIT = 5_000
_CONTENT: dict[int, tuple[Entry, str]] = {}


def xml_text(text: str | None) -> str:
    """The text with every character XML 1.0 forbids removed ("" for None)."""
    # lxml refuses most of them outright and readers reject the whole document for the rest.
    return XML_ILLEGAL.sub("", text or "")


@lru_cache(maxsize=65_536)
def link_url(url: str | None) -> str:
    """A crawl URL fit to publish as a link: an absolute http(s) URL, else "" (javascript:, data: never get out)."""
    # Cached: every entry's URL is checked several times per format and again in every feed it appears in.
    return web_url(url) or ""


def entry_title(release: Release) -> str:
    """The release's title, else its web URL, else a placeholder: every format requires a title."""
    return xml_text(release.title).strip() or link_url(release.url) or "Untitled release"


def moment(value: datetime, what: str) -> datetime:
    """An aware datetime cut to whole seconds, as both formats show it; naive datetimes are a caller bug."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, got {value!r}")
    # RFC 822 has no fractions of a second; cutting them in Atom too keeps the two formats in agreement.
    return value.replace(microsecond=0)


def feed_updated(entries: Sequence[Entry]) -> datetime:
    """The feed's own updated time: the latest entry `updated`, or the epoch for an empty feed."""
    if not entries:
        return EPOCH
    # max() rather than entries[0]: an older release edited today changes the feed today.
    return max(moment(e.updated, f"updated of {e.id}") for e in entries)


def description(meta: FeedMeta) -> str:
    """The feed's subtitle, or a generated one because RSS requires a channel description."""
    return xml_text(meta.subtitle) or f"Releases from {xml_text(meta.title)}"


def clean_html(fragment: str) -> str:
    """The HTML with anything nh3 rejects (scripts first of all) removed."""
    # Upstream sanitises already; this is the last line of defence before the HTML lands in subscribers' readers.
    return nh3.clean(xml_text(fragment)) if fragment else ""


def kind_label(kind: str) -> str:
    """A reader-facing label for a release kind: `press_release` -> "Press release"."""
    return kind.replace("_", " ").capitalize()


def authors(entry: Entry) -> list[str]:
    """Who the entry is credited to: the release's organizations, else each posting's source name."""
    names = entry.release.organizations or tuple(p.source_name for p in entry.postings)
    return _unique(xml_text(n).strip() for n in names)


def categories(release: Release, postings: Sequence[Posting], fmt: Format) -> list[dict[str, str]]:
    """Kind, source and language categories; Atom gets labels, RSS only terms (its <category> has no label)."""
    found: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(scheme: str, term: str, label: str) -> None:
        term = xml_text(term).strip()
        if not term or (scheme, term) in seen:
            return
        seen.add((scheme, term))
        category = {"term": term, "scheme": scheme}
        label = xml_text(label).strip()
        # feedgen writes the label, not the term, into RSS <category>; filter rules need the stable term.
        if fmt == "atom" and label and label != term:
            category["label"] = label
        found.append(category)

    add(KIND_SCHEME, release.kind, kind_label(release.kind))
    for posting in postings:
        add(SOURCE_SCHEME, posting.source_id, posting.source_name)
    if release.language:
        add(LANGUAGE_SCHEME, release.language, "")
    return found


def credit_html(postings: Sequence[Posting]) -> str:
    """The "Posted by … Also posted by …" paragraph for an entry several partners posted, else ""."""
    if len(postings) < 2:
        return ""
    first, *others = (_posting_link(p) for p in postings)
    return f"<p>Posted by {first}. Also posted by {_join(others)}.</p>"


def content_html(entry: Entry) -> str:
    """The entry's HTML content: the body, then the credit for every posting when there are several, cleaned."""
    # The same Entry object goes into several feeds and formats of one publish; sanitising is the costly part.
    cached = _CONTENT.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    # The credit goes through nh3 too: posting URLs are crawl data, and a javascript: link must not get through.
    content = clean_html("\n".join(part for part in (entry.release.body_html, credit_html(entry.postings)) if part))
    if len(_CONTENT) >= _CACHE_LIMIT:
        _CONTENT.clear()
    # The entry is kept alongside so its id() cannot be reused by another object while cached.
    _CONTENT[id(entry)] = (entry, content)
    return content


def forget() -> None:
    """Drop the per-entry caches (a publish calls this when done, so its entries can be freed)."""
    _CONTENT.clear()


def enclosure_link(attachment: Attachment, fmt: Format) -> dict[str, str]:
    """A feedgen `rel=enclosure` link for an attachment (one with a web URL); RSS needs type and length."""
    # An unknown type is said explicitly in both formats: left out, feedparser-based readers guess text/html.
    media_type = xml_text(attachment.media_type).strip() or UNKNOWN_MEDIA_TYPE
    link = {"href": link_url(attachment.url), "rel": "enclosure", "type": media_type}
    if attachment.length is not None:
        link["length"] = str(attachment.length)
    elif fmt == "rss":
        # RSS makes length mandatory; the RSS Advisory Board recommends 0 when it is not known.
        link["length"] = "0"
    if fmt == "atom" and attachment.title:
        link["title"] = xml_text(attachment.title)
    return link


class PressroomEntry(FeedEntry):
    """A feedgen entry whose Atom form keeps its link attributes and can carry xml:lang."""

    def __init__(self) -> None:
        """An empty entry; set `xml_lang` to a BCP 47 tag to label the Atom <entry>."""
        super().__init__()
        self.xml_lang = ""

    def atom_entry(self, extensions: bool = True) -> Any:
        """The Atom <entry> element, with rel/type/hreflang/title/length restored on every <link>."""
        element = super().atom_entry(extensions=extensions)
        # feedgen 1.0 shadows its loop variable and writes only href (lkiesow/python-feedgen#135), which would
        # turn enclosures and related postings into extra alternates. Its <link> elements follow link() order.
        for node, data in zip(element.findall("link"), self.link() or [], strict=True):
            for key in _LINK_ATTRIBUTES:
                if data.get(key):
                    node.set(key, data[key])
        # feedgen has no setter for an entry's xml:lang.
        if self.xml_lang:
            element.set(_XML_LANG, self.xml_lang)
        return element


def generator(meta: FeedMeta, updated: datetime, fmt: Format) -> FeedGenerator:
    """A FeedGenerator holding the feed's own elements (no entries) for `fmt`, with `updated` as its updated time."""
    fg = FeedGenerator()
    if fmt == "rss":
        # RSS <author> must be an e-mail address, which partners don't have: names go in dc:creator instead,
        # and the item language in dc:language. Atom has native elements for both.
        # By class, as for entries: load_extension first looks for a feedgen.ext.dc_entry module that does not exist,
        # and an import that fails searches the whole path again every time.
        fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)

    fg.id(xml_text(meta.id))
    fg.title(xml_text(meta.title))
    fg.subtitle(description(meta))
    # feedgen uses the last feed link as RSS <link>, so the home page goes after the self link.
    fg.link(href=xml_text(meta.self_url), rel="self", type=_FEED_TYPES[fmt])
    fg.link(href=xml_text(meta.home_url), rel="alternate", type="text/html")
    fg.language(xml_text(meta.language))
    if fmt == "atom":
        fg.generator("pressroom", version=pressroom.__version__, uri=pressroom.HOME_PAGE)
    else:
        # RSS <generator> is one string with no version or uri attributes.
        fg.generator(f"pressroom {pressroom.__version__} ({pressroom.HOME_PAGE})")

    # feedgen defaults both to the build time, which would make every build differ.
    fg.updated(updated)  # Atom <updated> and RSS <lastBuildDate>
    if fmt == "rss":
        fg.pubDate(updated)
    return fg


def fallback_author(entry: Entry, feed_title: str) -> str:
    """The feed title when the entry credits nobody (Atom needs an author), else "": the one feed-dependent part."""
    return "" if authors(entry) else xml_text(feed_title)


def feed_entry(entry: Entry, fallback: str, fmt: Format) -> PressroomEntry:
    """A standalone feedgen entry for `entry` in `fmt`, its extensions registered; `fallback` from fallback_author."""
    release = entry.release
    fe = PressroomEntry()
    if fmt == "rss":
        # Registered by class: load_extension imports the module again for every entry.
        fe.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    fe.id(xml_text(entry.id))  # also the RSS <guid isPermaLink="false">
    fe.title(entry_title(release))
    if link_url(release.url):
        fe.link(href=link_url(release.url), rel="alternate")
    fe.published(moment(entry.published, f"published of {entry.id}"))  # also RSS <pubDate>
    fe.updated(moment(entry.updated, f"updated of {entry.id}"))

    summary = xml_text(release.summary).strip()
    if summary:
        # RSS readers render <description> as HTML, so plain text is escaped once for them; Atom says type="text".
        fe.summary(html.escape(summary, quote=False) if fmt == "rss" else summary)
    content = content_html(entry)
    if not content and not link_url(release.url):
        # Atom needs an alternate link or content; a release whose URL was not a web URL gets its text as content.
        content = f"<p>{html.escape(summary or entry_title(release), quote=False)}</p>"
    if content:
        fe.content(content, type="html")

    # Atom needs an author on every entry when the feed has none; the feed title is the last resort.
    names = authors(entry) or [fallback]
    if fmt == "atom":
        fe.author([{"name": name} for name in names])
    else:
        fe.dc.dc_creator(names)
        if release.language:
            fe.dc.dc_language(xml_text(release.language))

    for category in categories(release, entry.postings, fmt):
        fe.category(category)

    attachments = [a for a in release.attachments if link_url(a.url)]
    attachments = attachments if fmt == "atom" else attachments[:1]  # RSS: one enclosure per item
    for attachment in attachments:
        fe.link(enclosure_link(attachment, fmt))

    if fmt == "atom":
        shown = link_url(release.url)
        for posting in _unique_postings(entry.postings):
            if link_url(posting.url) and link_url(posting.url) != shown:
                fe.link(href=link_url(posting.url), rel="related", title=xml_text(posting.source_name))
        fe.xml_lang = xml_text(release.language)
    return fe


def _posting_link(posting: Posting) -> str:
    """An HTML link to one posting, labelled with the partner's name (just the name when the URL is not a web one)."""
    url = html.escape(link_url(posting.url), quote=True)
    name = html.escape(xml_text(posting.source_name).strip() or xml_text(posting.source_id), quote=False)
    return f'<a href="{url}">{name}</a>' if url else f"<a>{name}</a>"


def _join(items: Sequence[str]) -> str:
    """English list: "a", "a and b", "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _unique(items: Iterable[str]) -> list[str]:
    """Non-empty items in first-seen order, without repeats."""
    return list(dict.fromkeys(item for item in items if item))


def _unique_postings(postings: Sequence[Posting]) -> list[Posting]:
    """Postings without repeated URLs, first kept."""
    seen: set[str] = set()
    kept = []
    for posting in postings:
        if posting.url not in seen:
            seen.add(posting.url)
            kept.append(posting)
    return kept
