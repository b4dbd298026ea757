"""The partner spider: given one source URL, works out whether it is a feed, an archive or a listing and crawls it."""

from __future__ import annotations

import email.utils
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import scrapy
from dateutil import parser as dateutil_parser
from scrapy import signals
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from pressroom import feedparse
from pressroom.config import Source
from pressroom.extractor import Job
from pressroom.middlewares import (
    CONTEXT,
    RETRY_AFTER,
    START,
    OutOfScope,
    RedirectLoop,
    body_digest,
)
from pressroom.models import Hints, Release, When
from pressroom.navigate import Link, feed_links, is_feed, next_page, post_elements, release_links
from pressroom.normalise.dates import find_date
from pressroom.page import Page
from pressroom.pagecache import PageCache
from pressroom.spiders.recrawl import LeftAlone, Recrawl, content_type
from pressroom.urls import absolute_url, canonical_url, same_site

# Request meta: body bytes received so far, and whether that passed max_page_bytes.
RECEIVED = "pressroom_received"
TOO_BIG = "pressroom_too_big"
# A feed item whose content has fewer words than this is a teaser: the full text lives on its page.
TEASER_WORDS = 80

logger = logging.getLogger(__name__)


class PartnerSpider(Recrawl, scrapy.Spider):
    """Crawls one partner source; yields Release items and records how the crawl went."""

    name = "partner"

    def __init__(self, source: Source, **kwargs: Any) -> None:
        super().__init__(name=f"partner:{source.id}", **kwargs)
        self.source = source
        self.site = source.url
        self.pages = 0
        self.found = 0
        self.dated = 0
        self.failure: str | None = None
        self.page_errors: list[str] = []
        self._start_recrawl()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PartnerSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # A page our extraction cannot read must be reported with its reason, never silently skipped.
        crawler.signals.connect(spider.callback_failed, signal=signals.spider_error)
        crawler.signals.connect(spider.bytes_received, signal=signals.bytes_received)
        db_path = crawler.settings.get("PRESSROOM_DB")
        if db_path and crawler.settings.getbool("PRESSROOM_CONDITIONAL", True):
            try:
                spider.pagecache = PageCache(db_path, spider.source.id)
            except sqlite3.Error as exc:
                # Without the cache this crawl is simply a full one.
                logger.warning("page cache unavailable for %s: %s", spider.source.id, exc)
        return spider

    def closed(self, reason: str) -> None:
        """Write the page cache (Scrapy calls this when the spider closes)."""
        if self.pagecache is not None:
            self.pagecache.close()
            self.pagecache = None

    def bytes_received(self, data: bytes, request: scrapy.Request, spider: scrapy.Spider) -> None:
        # Scrapy cancels a body that outgrows DOWNLOAD_MAXSIZE without saying why; the count lets us say so.
        if spider is self:
            received = request.meta[RECEIVED] = request.meta.get(RECEIVED, 0) + len(data)
            limit = self.source.crawl.max_page_bytes
            if limit and received > limit:
                request.meta[TOO_BIG] = True

    def callback_failed(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        if spider is self:
            self.page_errors.append(f"could not read {response.url}: {type(failure.value).__name__}: {failure.value}")
            self._forget(response.url)

    # -- outcome -----------------------------------------------------------------------------------

    def outcome(self, reason: str = "finished") -> tuple[str, str | None]:
        """(status, reason) for the store: error when the source itself failed, empty when nothing was found."""
        if self.failure:
            return "error", self.failure
        notes = []
        if reason == "closespider_pagecount":
            notes.append(f"stopped at the page budget ({self.source.crawl.page_budget} pages)")
        elif reason == "closespider_timeout":
            notes.append(f"stopped at the time budget ({self.source.crawl.time_budget:g} s)")
        if self._stat("depth/request_ignored_count"):
            notes.append(f"stopped at the depth limit ({self.source.crawl.depth_limit} links from the source URL)")
        if self.page_errors:
            notes.append(f"{len(self.page_errors)} page(s) failed, first: {self.page_errors[0]}")
        if self.found == 0 and reason == "closespider_timeout":
            # Nothing at all within the time budget: the site is too slow to use, which is a failure.
            return "error", f"{notes[0]} before any release was found"
        if self.found == 0:
            return "empty", "; ".join(notes) or "no releases found at the source URL"
        if self.dated == 0:
            # Undated releases sort as "just seen": readers would get old news as new; the layout needs a look.
            notes.insert(0, f"{self.found} release(s) found but none carries a date")
            return "no_dates", "; ".join(notes)
        return "ok", "; ".join(notes) or None

    def _stat(self, key: str) -> int:
        crawler = getattr(self, "crawler", None)
        stats = getattr(crawler, "stats", None)
        return (stats.get_value(key) or 0) if stats is not None else 0

    # -- start -------------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # START: only the source URL may redirect to another host (a partner that moved its site).
        yield scrapy.Request(
            self.source.url,
            callback=self.parse_start,
            errback=self.start_failed,
            meta={START: True, **self._meta("start", self._hints(), keep=True)},
        )

    def start_failed(self, failure: Failure) -> None:
        self.failure = describe_failure(failure)
        self._forget(failure.request.url)

    def page_failed(self, failure: Failure) -> None:
        self.page_errors.append(describe_failure(failure))
        self._forget(failure.request.url)

    def _on_site(self, url: str) -> bool:
        return same_site(url, self.source.url) or same_site(url, self.site)

    def _hints(self, **kwargs: Any) -> Hints:
        return Hints(timezone=self.source.timezone, language=self.source.language, **kwargs)

    def _navigation_request(self, url: str, role: str) -> scrapy.Request:
        """The request for an older archive or listing page."""
        callback = self.parse_archive if role == "archive" else self.parse_listing
        self._asked.add(url)
        return scrapy.Request(
            url, callback=callback, errback=self.page_failed, meta=self._meta(role, self._hints(), keep=True)
        )

    # -- callbacks ---------------------------------------------------------------------------------

    async def parse_start(self, response: Response) -> AsyncIterator[Any]:
        """Decide what the source URL is and crawl it that way."""
        self.pages += 1
        self.site = response.url
        async for output in self._page(response, lambda extract: self._start(response, extract)):
            yield output

    def _start(self, response: Response, extract: bool) -> Iterator[Any]:
        if is_feed(response.body, content_type(response)):
            yield from self._feed(response, fallback=None, extract=extract)
            return
        page = _parse(response)
        if post_elements(page):
            yield from self._archive(response, page, extract)
            return
        for feed_url in feed_links(page)[:1]:
            yield scrapy.Request(
                feed_url,
                callback=self.parse_feed,
                errback=self.discovered_feed_failed,
                cb_kwargs={"fallback": response},
                # The feed's fallback is this page: when it changes, the feed must be read anew too.
                meta=self._meta("feed", self._hints(), keep=True, extra=body_digest(response.body)),
            )
            return
        yield from self._listing(page, extract, response)

    # -- shapes ------------------------------------------------------------------------------------

    async def parse_archive(self, response: Response) -> AsyncIterator[Any]:
        self.pages += 1
        async for output in self._page(
            response,
            lambda extract: self._archive(response, _parse(response), extract),
        ):
            yield output

    def _archive(self, response: Response, page: Page, extract: bool = True) -> Iterator[Any]:
        """A WordPress-style archive: full posts on the page, then the older page."""
        if extract:
            yield Job(response.body, response.url, content_type(response), self._hints())
        older = next_page(page)
        if older and self._on_site(older):
            yield self._navigation_request(older, "archive")

    async def parse_listing(self, response: Response) -> AsyncIterator[Any]:
        self.pages += 1
        async for output in self._page(
            response,
            lambda extract: self._listing(_parse(response), extract, response),
        ):
            yield output

    def _listing(self, page: Page, extract: bool, response: Response) -> Iterator[Any]:
        """A listing of links to releases (`page`, parsed from `response`); a page with no such links is the release."""
        links = release_links(page)
        if not links:
            if extract:
                yield Job(response.body, response.url, content_type(response), self._hints())
            return
        for link in links:
            yield from self._release_request(link.url, self._listing_hints(link))
        more = next_page(page)
        if more and self._on_site(more):
            yield self._navigation_request(more, "listing")

    def _listing_hints(self, link: Link) -> Hints:
        return self._hints(title=link.title, published=find_date(link.context, self.source.timezone))

    def _release_request(self, url: str, hints: Hints) -> Iterator[scrapy.Request | LeftAlone]:
        """The request for a linked release page, or a marker when it can be left alone (`Recrawl._leave_release`)."""
        # A listing or feed that now gives another date or title for the page means reading it anew.
        meta = self._meta("release", hints, keep=False)
        left_alone = self._leave_release(url, meta[CONTEXT])
        if left_alone is not None:
            yield left_alone
            return
        self._asked.add(url)
        yield scrapy.Request(
            url, callback=self.parse_release, errback=self.page_failed, cb_kwargs={"hints": hints}, meta=meta
        )

    async def parse_release(self, response: Response, hints: Hints) -> AsyncIterator[Release]:
        """One release page (rarely several posts)."""
        self.pages += 1
        async for output in self._page(response, lambda extract: self._release(response, hints, extract)):
            yield output

    def _release(self, response: Response, hints: Hints, extract: bool) -> Iterator[Job]:
        if extract:  # an unchanged release page links nowhere we follow: nothing to do
            yield Job(response.body, response.url, content_type(response), hints)

    async def parse_feed(self, response: Response, fallback: Response | None = None) -> AsyncIterator[Any]:
        self.pages += 1
        async for output in self._page(response, lambda extract: self._feed(response, fallback, extract)):
            yield output

    async def discovered_feed_failed(self, failure: Failure) -> AsyncIterator[Any]:
        """A broken autodiscovered feed: crawl the HTML page it was found on instead."""
        self.page_errors.append(describe_failure(failure))
        fallback = failure.request.cb_kwargs.get("fallback")
        if fallback is not None:
            async for output in self._resolve(self._listing(_parse(fallback), True, fallback)):
                yield output

    def _feed(self, response: Response, fallback: Response | None, extract: bool = True) -> Iterator[Any]:
        """An RSS/Atom feed: full items are taken as they are, teasers are fetched from their pages."""
        parsed = feedparse.parse_feed(response.body, response.url)
        entries = parsed.get("entries") or []
        if not entries:
            if fallback is not None:
                yield from self._listing(_parse(fallback), extract, fallback)
            elif parsed.get("bozo"):
                self.failure = f"not a readable feed: {parsed.get('bozo_exception')}"
            return
        for entry in entries:
            link = entry.get("link")
            if not link:
                continue
            url = canonical_url(absolute_url(link, response.url))
            title = " ".join((entry.get("title") or "").split()) or None
            published = feed_date(entry, self.source.timezone)
            hints = self._hints(title=title, published=published)
            body = _entry_html(entry)
            if _word_count(body) < TEASER_WORDS and self._on_site(url):
                yield from self._release_request(url, hints)
            elif extract:
                yield Job(body, url, None, hints, fragment=True)


def _parse(response: Response) -> Page:
    return Page.parse(response.body, response.url, content_type(response))


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value") or "" for c in contents), key=len)
    return entry.get("summary") or entry.get("description") or ""


def _word_count(html: str) -> int:
    if not html:
        return 0
    return len(Page.parse(html, "about:blank").tree.text_content().split())


def feed_date(entry: Any, timezone: str) -> When | None:
    """The item's own date as written (keeping its UTC offset); a zone-less time is in the source's zone."""
    for key in ("published", "pubDate", "dc_date", "created", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            value = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            try:
                value = dateutil_parser.parse(raw)
            except (ValueError, OverflowError):
                continue
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo(timezone))
        return value
    return None


# Failure type names (Scrapy's own and Twisted's) in the words a communications officer can act on; first match wins.
FAILURE_WORDS = (
    (("CannotResolveHost", "DNSLookup"), "cannot resolve the host name of"),
    (("ConnectionRefused",), "connection refused by"),
    (("Timeout", "TimedOut"), "timed out fetching"),
    (("DataLoss",), "truncated response (connection closed before the announced length) from"),
    (("SSL", "TLS", "Certificate"), "TLS failure with"),
    (
        ("ConnectionLost", "ConnectionDone", "ResponseNeverReceived", "ResponseFailed", "DownloadFailed"),
        "connection dropped by",
    ),
    (("UnsupportedURLScheme",), "unsupported address"),
)
TLS_MARKERS = ("ssl", "tls", "certificate", "handshake")


def describe_failure(failure: Failure) -> str:
    """One line saying why a request failed, in words a communications officer can act on."""
    exc = failure.value
    request = getattr(failure, "request", None)
    url = request.url if request is not None else ""
    if isinstance(exc, HttpError):
        response = exc.response
        line = f"HTTP {response.status} from {response.url}"
        wait = response.meta.get(RETRY_AFTER) if response.request is not None else None
        if wait is not None:
            line += f" (it asked to retry after {wait:.0f} s, longer than max_retry_after)"
        return line
    if isinstance(exc, (OutOfScope, RedirectLoop)):
        return str(exc)
    name = type(exc).__name__
    if name == "DownloadFailedError" and any(m in _causes(exc).lower() for m in TLS_MARKERS):
        return f"TLS failure with {url}"
    too_big = request is not None and request.meta.get(TOO_BIG, False)
    if name == "DownloadCancelledError" and ("max size" in str(exc) or too_big):
        return f"page larger than max_page_bytes: {url}"
    for markers, words in FAILURE_WORDS:
        if any(marker in name for marker in markers):
            return f"{words} {url}"
    if name == "IgnoreRequest" and "robots" in str(exc).lower():
        return f"robots.txt forbids {url}"
    if name == "IgnoreRequest" and "DOWNLOAD_MAXSIZE" in str(exc):  # a compressed body that inflates past it
        return f"page larger than max_page_bytes once decompressed: {url}"
    if name == "IgnoreRequest" and "max redirections" in str(exc).lower():
        chain = request.meta.get("redirect_urls") if request is not None else None
        return f"too many redirects ({len(chain or [])}) starting at {(chain or [url])[0]}"
    if name == "IgnoreRequest":
        return f"request for {url} was dropped: {exc}"
    return f"{name} fetching {url}: {exc}".rstrip(": ")


def _causes(exc: BaseException) -> str:
    """The text of an exception and everything it wraps (Twisted's ResponseFailed keeps its reasons in a list)."""
    seen: list[str] = []
    stack: list[Any] = [exc]
    while stack and len(seen) < 20:
        item = stack.pop()
        value = getattr(item, "value", item)  # a Failure wraps its exception
        seen.append(f"{type(value).__name__}: {value}")
        stack.extend(getattr(value, "reasons", None) or [])
        for linked in (getattr(value, "__cause__", None), getattr(value, "__context__", None)):
            if linked is not None:
                stack.append(linked)
    return " | ".join(seen)
