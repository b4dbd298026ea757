"""Item pipelines: thin wrappers that hand spider output to the store."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from pressroom.models import Release
from pressroom.store import Store


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

    def process_item(self, item: Release) -> Release:
        spider: Any = self.crawler.spider
        assert self.store is not None
        # The spider remembers a page as unchanged-able only once every release on it is stored.
        stored = getattr(spider, "stored", None)
        try:
            # The extraction worker has done the CPU-bound part of the upsert (digest, JSON, sketch) already.
            prepared = spider.prepared(item) if hasattr(spider, "prepared") else None
            self.counts[self.store.upsert(item, timezone=spider.source.timezone, prepared=prepared)] += 1
        except Exception:
            if stored is not None:
                stored(item, ok=False)
            raise
        if stored is not None:
            stored(item, ok=True)
        return item

    def spider_closed(self, spider: Any, reason: str) -> None:
        assert self.store is not None
        status, why = spider.outcome(reason)
        self.store.record_crawl(
            spider.source.id, spider.source.name, spider.source.url, status, why, spider.pages, spider.found
        )
        _SHARED.release(self.db_path)
        self.store = None


class _SharedStores:
    """One store connection per file for every crawler of the process.

    SQLite drops a connection's page cache whenever another connection has written: with a connection per source,
    every upsert would start cold and read its indexes again.
    """

    def __init__(self) -> None:
        self.open_stores: dict[str, tuple[Store, int]] = {}

    def open(self, path: str) -> Store:
        store, users = self.open_stores.get(path) or (Store(path), 0)
        self.open_stores[path] = (store, users + 1)
        return store

    def release(self, path: str) -> None:
        store, users = self.open_stores.pop(path)
        if users > 1:
            self.open_stores[path] = (store, users - 1)
        else:
            store.close()


_SHARED = _SharedStores()
