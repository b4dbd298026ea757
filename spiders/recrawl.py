"""What a partner spider remembers from one crawl to the next, and how it uses it to do as little as possible.

Mixed into `PartnerSpider`. A page whose body did not change (a 304, or the same bytes) is not extracted again: its
releases are counted from the page cache. What it led to last time is followed from memory, without parsing it, and
pages it links that were read or confirmed within `recheck_days`, with the same link context, are not asked for at
all. A freshly read page is remembered (validators, digest, releases, links) only once every one of its releases is
in the store; a page that failed is forgotten, so the next crawl asks for it in full.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from scrapy.http import Response

from pressroom import __version__, extractor
from pressroom.config import Source
from pressroom.extractor import Job
from pressroom.middlewares import CONTEXT, DIGEST, KEEP_BODY, UNCHANGED, body_digest
from pressroom.models import Hints, Release
from pressroom.pagecache import CachedLink, CachedPage, Fetched, PageCache
from pressroom.store import Prepared

# Request meta: what the page is to us (start, feed, archive, listing, release), remembered with the linking page.
ROLE = "pressroom_role"
# Pages whose links are followed again, without fetching them, when the page linking them is unchanged.
NAVIGATION = ("archive", "listing")


@dataclasses.dataclass(frozen=True)
class LeftAlone:
    """Spider output standing for a release page not asked for (still current): recorded as a link, not yielded."""

    url: str
    context: str


@dataclasses.dataclass
class _Pending:
    """A freshly read page whose releases are on their way to the store; remembered once they all arrive."""

    page: Fetched
    links: list[CachedLink] = dataclasses.field(default_factory=list)
    releases: list[str] = dataclasses.field(default_factory=list)
    dated: int = 0
    waiting: int = 0
    complete: bool = False
    failed: bool = False


class Recrawl:
    """The page-cache side of PartnerSpider (which sets these attributes and provides `_navigation_request`)."""

    source: Source
    pagecache: PageCache | None
    found: int
    dated: int
    unchanged: int
    skipped: int  # pages not asked for: still current
    recheck_after: datetime  # a page confirmed after this is current
    _owners: dict[int, tuple[Release, _Pending]]  # id(release) -> (release, its page), until stored
    _prepared: dict[int, Prepared]  # id(release) -> its upsert, computed by the extraction worker
    _asked: set[str]  # pages requested in this crawl
    _skipped: set[str]  # pages left alone in this crawl

    def _navigation_request(self, url: str, role: str) -> scrapy.Request:
        raise NotImplementedError

    def _start_recrawl(self) -> None:
        """Set up the bookkeeping (from the spider's __init__); the page cache is opened by `from_crawler`."""
        self.pagecache = None
        self.unchanged = 0
        self.skipped = 0
        # A page confirmed (200 or 304) after this is not asked for again while an unchanged page links it the same way.
        self.recheck_after = datetime.now(UTC) - timedelta(days=self.source.crawl.recheck_days)
        self._owners = {}
        self._prepared = {}
        self._asked = set()
        self._skipped = set()

    def _item(self, prepared: Prepared) -> Release:
        release = dataclasses.replace(prepared.release, source=self.source.id)
        self.found += 1
        self.dated += release.published is not None
        self._prepared[id(release)] = prepared
        return release

    def prepared(self, item: Release) -> Prepared | None:
        """What the extraction worker computed for this item's upsert (taken once, by the store pipeline)."""
        prepared = self._prepared.pop(id(item), None)
        return prepared if prepared is not None and prepared.release.url == item.url else None

    # -- the page cache ----------------------------------------------------------------------------

    def _meta(self, role: str, hints: Hints, keep: bool, extra: str = "") -> dict[str, Any]:
        """Request meta making a page conditional: a changed role, hint or pressroom version means reading it anew."""
        context = hashlib.blake2b(repr((__version__, role, hints, extra)).encode(), digest_size=12).hexdigest()
        return {CONTEXT: context, KEEP_BODY: keep, ROLE: role}

    async def _page(self, response: Response, produce: Callable[[bool], Iterable[Any]]) -> AsyncIterator[Any]:
        """Run a page's callback body: extracting when the page is new or changed, only navigating when it is not."""
        known = self.pagecache.lookup(response.url) if self.pagecache is not None else None
        if known is not None and response.meta.get(UNCHANGED):
            async for output in self._unchanged(response, known, produce):
                yield output
            return
        pending = self._pending(response)
        async for output in self._resolve(produce(True), pending.links if pending is not None else None):
            if pending is not None and isinstance(output, Release):
                pending.releases.append(output.url)
                pending.dated += output.published is not None
                pending.waiting += 1
                self._owners[id(output)] = (output, pending)
            yield output
        if pending is not None:
            pending.complete = True
            self._settle(pending)

    async def _unchanged(
        self, response: Response, known: CachedPage, produce: Callable[[bool], Iterable[Any]]
    ) -> AsyncIterator[Any]:
        """An unchanged page: its releases are stored, so count them and follow its links without extracting.

        The links it led to last time are followed from memory; it is parsed again only when one of them needs the
        listing's words (a release page to ask for again) or was never recorded.
        """
        assert self.pagecache is not None
        self.unchanged += 1
        self._count(known)
        etag, modified = header(response, b"ETag"), header(response, b"Last-Modified")
        plan = self._plan(known)
        if plan is not None:
            self.pagecache.seen(response.url, etag, modified)
            left_alone, asks = plan
            for url, page in left_alone:
                self._leave_alone(url, page)
            for url, role, _ in asks:
                yield self._navigation_request(url, role)
            return
        links: list[CachedLink] = []
        async for output in self._resolve(produce(False), links):
            yield output
        self.pagecache.seen(response.url, etag, modified, tuple(links))

    def _plan(self, page: CachedPage) -> tuple[list[tuple[str, CachedPage]], list[CachedLink]] | None:
        """What an unchanged page leads to, from its remembered links: pages left alone and navigation to ask for.

        Older archive or listing pages reached from an unchanged page are left alone too while they are current
        (nothing new pushed their items along); None when the page must be parsed after all.
        """
        left: list[tuple[str, CachedPage]] = []
        asks: list[CachedLink] = []
        todo, visited = [page], {page.url}
        while todo:
            links = todo.pop().links
            if links is None:
                return None
            for url, role, context in links:
                current = self._current(url, context)
                if role == "release" and current is None and url not in self._skipped:
                    return None  # a release page to ask for, with the hints only the parsed listing gives
                if role not in NAVIGATION and role != "release":
                    return None  # a discovered feed: its request carries the page it falls back to
                if role in NAVIGATION and (current is None or current.links is None):
                    asks.append((url, role, context))
                elif current is not None and url not in visited:
                    visited.add(url)
                    left.append((url, current))
                    if role in NAVIGATION:
                        todo.append(current)
        return left, asks

    def _current(self, url: str, context: str) -> CachedPage | None:
        """The cached page at `url` when it can be left alone: same context, confirmed lately, not asked for now."""
        if self.pagecache is None or url in self._asked:
            return None
        known = self.pagecache.lookup(url)
        if known is None or known.context != context or known.seen <= self.recheck_after:
            return None
        return known

    def _leave_alone(self, url: str, page: CachedPage) -> None:
        """Count a page not asked for as found again (once per crawl)."""
        if url not in self._skipped:
            self._skipped.add(url)
            self.skipped += 1
            self._count(page)

    def _leave_release(self, url: str, context: str) -> LeftAlone | None:
        """The marker to yield instead of a request when a linked release page can be left alone, else None.

        A release page read or confirmed within recheck_days, linked with the same title and date (its context), is
        not asked for: its releases are counted as found. A correction to such a page (its link unchanged) is picked
        up once the page is older than recheck_days; a page that failed, is new or is linked differently is asked for.
        """
        known = self._current(url, context)
        if known is None and url not in self._skipped:
            return None
        if known is not None:
            self._leave_alone(url, known)
        return LeftAlone(url, context)

    def _count(self, page: CachedPage) -> None:
        self.found += page.releases
        self.dated += page.dated

    async def _resolve(self, outputs: Iterable[Any], links: list[CachedLink] | None = None) -> AsyncIterator[Any]:
        """Pass requests on at once and extraction jobs to the extractor; then yield each job's releases.

        The links the page leads to (requests, and release pages left alone) are added to `links`.
        """
        jobs: list[Callable[[], Awaitable[list[Prepared]]]] = []
        for output in outputs:
            if isinstance(output, Job):
                jobs.append(extractor.EXTRACTOR.submit(output))
                continue
            if links is not None and isinstance(output, LeftAlone):
                links.append((output.url, "release", output.context))
            elif links is not None and isinstance(output, scrapy.Request) and ROLE in output.meta:
                links.append((output.url, output.meta[ROLE], output.meta[CONTEXT]))
            if not isinstance(output, LeftAlone):
                yield output
        for job in jobs:
            for prepared in await job():
                yield self._item(prepared)

    def _pending(self, response: Response) -> _Pending | None:
        context = response.meta.get(CONTEXT)
        if self.pagecache is None or context is None or response.status != 200:
            return None
        etag, modified = header(response, b"ETag"), header(response, b"Last-Modified")
        # The body is kept only where a 304 can replace it: pages we navigate, from servers that send validators.
        keep = bool(response.meta.get(KEEP_BODY)) and bool(etag or modified)
        page = Fetched(
            url=response.url,
            etag=etag,
            last_modified=modified,
            digest=response.meta.get(DIGEST) or body_digest(response.body),
            context=context,
            content_type=content_type(response),
            body=response.body if keep else None,
            releases=(),
            dated=0,
        )
        return _Pending(page)

    def stored(self, item: Release, ok: bool) -> None:
        """Called by the store pipeline for every release: a page is remembered only when all of its are stored."""
        owner = self._owners.pop(id(item), None)
        if owner is None or owner[0] is not item:
            return
        pending = owner[1]
        pending.waiting -= 1
        pending.failed |= not ok
        self._settle(pending)

    def _settle(self, pending: _Pending) -> None:
        if self.pagecache is None or not pending.complete or pending.waiting:
            return
        if pending.failed:
            self._forget(pending.page.url)
            return
        page = dataclasses.replace(
            pending.page, releases=tuple(pending.releases), dated=pending.dated, links=tuple(pending.links)
        )
        self.pagecache.remember(page)

    def _forget(self, url: str) -> None:
        """A page that failed is asked again, unconditionally, by the next crawl."""
        if self.pagecache is not None:
            self.pagecache.forget(url)


def content_type(response: Response) -> str | None:
    """The response's Content-Type header, if any."""
    return header(response, b"Content-Type")


def header(response: Response, name: bytes) -> str | None:
    """A response header as text, if present."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
