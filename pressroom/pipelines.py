"""Item pipelines: thin wrappers that hand spider output to the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet.defer import Deferred

from pressroom.models import Release
from pressroom.store import Prepared, Store

# Releases wait at most this long, and no more of them than MOST, to be stored together in one transaction.
WAIT = 0.05
MOST = 64


class StorePipeline:
    """Upserts every Release into the SQLite store and records the source's crawl outcome when it closes."""

    def __init__(self, db_path: str, crawler: Crawler) -> None:
        self.db_path = db_path
        self.crawler = crawler
        self.store: Store | None = None
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler.settings.get("PRESSROOM_DB"), crawler)
        # spider_closed (unlike close_spider) carries the reason, e.g. that the page budget ran out.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider: Any = self.crawler.spider
        self.store = _SHARED.open(self.db_path)
        self.store.register_source(spider.source.id, spider.source.name, spider.source.url)

    def process_item(self, item: Release) -> Deferred[Release]:
        spider: Any = self.crawler.spider
        # The spider remembers a page as unchanged-able only once every release on it is stored.
        stored = getattr(spider, "stored", None)
        # The extraction worker has done the CPU-bound part of the upsert (digest, JSON, sketch) already.
        prepared = spider.prepared(item) if hasattr(spider, "prepared") else None

        def done(outcome: str) -> Release:
            self.counts[outcome] += 1
            if stored is not None:
                stored(item, ok=True)
            return item

        def failed(failure: Any) -> Any:
            if stored is not None:
                stored(item, ok=False)
            return failure

        return _SHARED.batch(self.db_path).add(item, spider.source.timezone, prepared).addCallbacks(done, failed)

    def spider_closed(self, spider: Any, reason: str) -> None:
        assert self.store is not None
        status, why = spider.outcome(reason)
        self.store.record_crawl(
            spider.source.id, spider.source.name, spider.source.url, status, why, spider.pages, spider.found
        )
        _SHARED.release(self.db_path)
        self.store = None


class _Batch:
    """Releases from every crawler, gathered for a moment and stored in one transaction (one commit for all)."""

    def __init__(self, store: Store, later: Callable[..., Any] | None = None) -> None:
        self.store = store
        self.later = later  # how to call flush in WAIT seconds: the reactor's callLater unless told otherwise
        self.waiting: list[tuple[Release, str, Prepared | None, Deferred[str]]] = []
        self.timer: Any = None

    def add(self, item: Release, timezone: str, prepared: Prepared | None) -> Deferred[str]:
        """Queue one upsert; the Deferred fires with its outcome ('new', 'updated', 'unchanged') or its error."""
        stored: Deferred[str] = Deferred()
        self.waiting.append((item, timezone, prepared, stored))
        if len(self.waiting) >= MOST:
            self.flush()
        elif self.timer is None:
            if self.later is None:
                from twisted.internet import reactor

                self.later = reactor.callLater  # type: ignore[attr-defined]
            self.timer = self.later(WAIT, self.flush)
        return stored

    def flush(self) -> None:
        """Store what is waiting; when the transaction fails, each release again on its own, for its own outcome."""
        if self.timer is not None and self.timer.active():
            self.timer.cancel()
        self.timer = None
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return
        try:
            outcomes: list[str | Exception] = list(self.store.upsert_many([item[:3] for item in waiting]))
        except Exception:  # noqa: BLE001 - one bad release (or a full disk) is told apart below
            outcomes = [self._one(*item[:3]) for item in waiting]
        for (*_, stored), outcome in zip(waiting, outcomes, strict=True):
            if isinstance(outcome, Exception):
                stored.errback(outcome)
            else:
                stored.callback(outcome)

    def _one(self, item: Release, timezone: str, prepared: Prepared | None) -> str | Exception:
        try:
            return self.store.upsert(item, timezone, prepared=prepared)
        except Exception as exc:  # noqa: BLE001 - handed to the item's Deferred, which Scrapy reports
            return exc


class _SharedStores:
    """One store connection per file for every crawler of the process, and one batch of upserts on it.

    SQLite drops a connection's page cache whenever another connection has written: with a connection per source,
    every upsert would start cold and read its indexes again.
    """

    def __init__(self) -> None:
        self.open_stores: dict[str, tuple[Store, _Batch, int]] = {}

    def open(self, path: str) -> Store:
        if path not in self.open_stores:
            store = Store(path)
            self.open_stores[path] = (store, _Batch(store), 0)
        store, batch, users = self.open_stores[path]
        self.open_stores[path] = (store, batch, users + 1)
        return store

    def batch(self, path: str) -> _Batch:
        return self.open_stores[path][1]

    def release(self, path: str) -> None:
        store, batch, users = self.open_stores.pop(path)
        if users > 1:
            self.open_stores[path] = (store, batch, users - 1)
        else:
            batch.flush()
            store.close()


_SHARED = _SharedStores()
