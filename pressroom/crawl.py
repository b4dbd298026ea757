"""Run one crawler per source, several at a time, in a child process; report each source's outcome."""

from __future__ import annotations

import contextlib
import logging
import math
import os
import pickle
import sqlite3
import subprocess
import sys
import warnings
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from pressroom.config import Config, Source
from pressroom.store import SourceState, Store, utc_now


@dataclass(frozen=True)
class CrawlReport:
    """What one crawl run did to each source it was asked to crawl."""

    started: datetime
    states: tuple[SourceState, ...]
    crashed: str | None = None

    @property
    def failed(self) -> tuple[SourceState, ...]:
        return tuple(s for s in self.states if s.status == "error")


def crawl(
    config: Config,
    db_path: Path,
    source_ids: list[str] | None = None,
    verbosity: int = 0,
    meanwhile: Callable[[], object] | None = None,
) -> CrawlReport:
    """Crawl the chosen sources (all by default) into the store at `db_path`; `meanwhile` runs once the crawl has."""
    sources = [s for s in config.sources if source_ids is None or s.id in source_ids]
    started = utc_now()
    with Store(db_path) as store:  # create the schema once, before crawlers race to
        for src in sources:
            store.register_source(src.id, src.name, src.url)
    # Twisted's reactor cannot be restarted, so each crawl runs in a fresh interpreter; this also keeps
    # a crawl's memory and any crash away from the caller (and, unlike multiprocessing's spawn, never
    # re-imports the caller's main module).
    job = pickle.dumps((sources, str(db_path), config.crawl.parallel_sources, verbosity))
    # -P: never import from the working directory, where a source checkout would shadow the installed
    # package (whose pressroom.spiders and pressroom.feeds are mapped from other folders).
    limit = deadline(sources, config.crawl.parallel_sources)
    with subprocess.Popen([sys.executable, "-P", "-m", "pressroom.crawl"], stdin=subprocess.PIPE) as child:
        try:
            assert child.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # a child that died at once says so by its exit code
                child.stdin.write(job)
                child.stdin.close()
            if meanwhile is not None:
                meanwhile()
            code = child.wait(limit)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            # Every limit inside the crawl should have stopped it long before: this is the last resort for cron.
            crashed: str | None = f"the crawl ran past its time limit ({limit:.0f} s) and was stopped"
        except BaseException:
            child.kill()  # an interrupted command leaves no crawl behind
            raise
        else:
            crashed = None if code == 0 else f"the crawler stopped unexpectedly (exit code {code})"
    with Store(db_path) as store:
        known = store.source_states()
    states = []
    for src in sources:
        state = known.get(src.id)
        if state is None or state.last_crawl is None or state.last_crawl < started:
            state = _unfinished(src, state, crashed or "the crawl ended before this source finished")
        states.append(state)
    return CrawlReport(started=started, states=tuple(states), crashed=crashed)


# Seconds allowed beyond the per-source limits: interpreter start, closing crawlers, writing the store.
DEADLINE_GRACE = 120.0


def deadline(sources: list[Source], parallel: int) -> float | None:
    """The longest a whole crawl may run, from each source's time budget; None when a source has no budget."""
    if not sources or any(s.crawl.time_budget <= 0 for s in sources):
        return None
    # A source in flight when its budget ends still finishes its current downloads and Retry-After wait.
    longest = max(s.crawl.time_budget + s.crawl.download_timeout + s.crawl.max_retry_after for s in sources)
    waves = math.ceil(len(sources) / max(parallel, 1))
    return waves * longest + DEADLINE_GRACE


def _unfinished(src: Source, previous: SourceState | None, reason: str) -> SourceState:
    return SourceState(
        id=src.id,
        name=src.name,
        url=src.url,
        status="error",
        reason=reason,
        last_crawl=previous.last_crawl if previous else None,
        last_success=previous.last_success if previous else None,
        pages=0,
        found=0,
        releases=previous.releases if previous else 0,
        newest=previous.newest if previous else None,
    )


class Progress:
    """Sources done of total and pages fetched: a live line on a terminal, a line per source otherwise."""

    def __init__(self, total: int, verbosity: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.crawlers: list[Any] = []  # the crawlers still running
        self.pages_done = 0  # pages fetched by the crawlers that finished
        self.verbosity = verbosity
        self.stream = stream
        self.live = stream.isatty() and verbosity >= 0

    def pages(self) -> int:
        return self.pages_done + sum(getattr(c.spider, "pages", 0) for c in self.crawlers if c.spider is not None)

    def tick(self) -> None:
        if self.live:
            self.stream.write(f"\r\033[Kcrawling: {self.done}/{self.total} sources done, {self.pages()} pages fetched")
            self.stream.flush()

    def finished(self, result: Any, crawler: Any, source: Source) -> Any:
        from twisted.python.failure import Failure

        self.done += 1
        # A finished crawler is let go (its spider, engine and page cache), or a long crawl of many sources would hold
        # every one of them to the end.
        if crawler in self.crawlers:
            self.crawlers.remove(crawler)
        self.pages_done += getattr(crawler.spider, "pages", 0)
        if isinstance(result, Failure):
            # A crawler that could not even start is a bug, not a partner problem: say so plainly.
            self.stream.write(f"  {source.id}: crawler failed to start: {result.getErrorMessage()}\n")
            if self.verbosity > 0:
                result.printTraceback(self.stream)
        if self.verbosity >= 0:
            spider = crawler.spider
            status, why = spider.outcome() if spider is not None else ("error", "did not start")
            line = f"{source.id}: {status}, {getattr(spider, 'pages', 0)} pages, {getattr(spider, 'found', 0)} releases"
            if spider is not None and spider.failure:
                line += f" ({why})"
            self.stream.write(("\r\033[K" if self.live else "") + f"  [{self.done}/{self.total}] {line}\n")
            self.tick()
        return result


def _stop(ticker: Any, reactor: Any) -> None:
    if ticker.running:
        ticker.stop()
    if reactor.running:
        reactor.stop()


def _run_crawlers(sources: list[Source], db_path: str, parallel: int, verbosity: int) -> None:
    """Child process body: start the reactor, crawl every source, stop."""
    if verbosity < 1:
        warnings.simplefilter("ignore")
    from pressroom import extractor

    # Worker processes extract pages while the reactor downloads: started at once when a source has never been
    # crawled (there will be pages to extract), else with the first changed page (often there is none).
    extractor.EXTRACTOR = extractor.Extractor(extraction_workers(), verbosity)
    if _first_crawl(sources, db_path):
        extractor.EXTRACTOR.start()
    from scrapy.utils.reactor import install_reactor

    # Before anything else touches Twisted, so every crawler finds the reactor Scrapy expects.
    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    # Imported here rather than by the first crawler: its deprecated aliases call inspect.stack(), which reads the
    # source of every frame on the stack, and a crawler's start is dozens of frames deep (a third of a second).
    import scrapy.core.downloader.contextfactory  # noqa: F401
    from scrapy.crawler import Crawler, CrawlerProcess
    from twisted.internet import defer, task

    from pressroom.settings import process_settings, source_settings
    from pressroom.spiders.partner import PartnerSpider

    process = CrawlerProcess({**process_settings(verbosity), "LOG_INSTALL_ROOT_HANDLER": verbosity > 0})
    from twisted.internet import reactor

    progress = Progress(len(sources), verbosity)
    gate = defer.DeferredSemaphore(max(parallel, 1))
    runs = []
    for src in sources:
        crawler = Crawler(PartnerSpider, source_settings(src.crawl, db_path, verbosity))
        progress.crawlers.append(crawler)
        run = gate.run(process.crawl, crawler, source=src)
        run.addBoth(progress.finished, crawler, src)
        runs.append(run)
    ticker = task.LoopingCall(progress.tick)
    ticker.start(0.5, now=True)
    everything = defer.DeferredList(runs, consumeErrors=True)
    everything.addBoth(lambda _: reactor.callWhenRunning(_stop, ticker, reactor))
    try:
        process.start(stop_after_crawl=False)
    finally:
        extractor.EXTRACTOR.close()
    if progress.live:
        sys.stderr.write("\r\033[K")


def _first_crawl(sources: list[Source], db_path: str) -> bool:
    """Whether any of the sources has no page remembered from an earlier crawl."""
    try:
        with closing(sqlite3.connect(db_path, timeout=30)) as db:
            known = {row[0] for row in db.execute("SELECT DISTINCT source FROM page_cache")}
    except sqlite3.Error:
        return True
    return any(src.id not in known for src in sources)


def extraction_workers() -> int:
    """Worker processes for extraction: none on a single core, else one a core, up to three.

    A page costs the workers about twice what it costs the reactor, so on two cores two workers and the reactor share
    them (the reactor idles while it waits on the partners); beyond three the reactor cannot feed more.
    """
    cores = os.cpu_count() or 1
    return min(cores, 3) if cores > 1 else 0


def _exit_at_once() -> None:
    """End the child without tearing the interpreter down (the crawl's connections and worker are closed by now)."""
    # Freeing Scrapy's and Twisted's objects one by one takes a fifth of a second, which the build would wait for.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    _run_crawlers(*pickle.load(sys.stdin.buffer))
    _exit_at_once()
