"""Extraction beside the crawl: a worker process turns page bodies into releases while the reactor keeps downloading.

The crawl child's reactor spends its core on Scrapy; extraction (parsing, the normalisers, and the CPU-bound part of
a store upsert) is as much work again. `Extractor` hands each page to one worker process, so the two overlap on two
cores, and does a page itself when the worker is behind (both cores stay busy) or when there is no worker (tests, a
platform without processes, a worker that died). Results and errors are the same either way: the worker's exception
is raised again in the spider's callback, which reports the page as it always did.
"""

from __future__ import annotations

import asyncio
import logging
import os
import warnings
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pressroom.forking import can_fork

if TYPE_CHECKING:
    from pressroom.models import Hints
    from pressroom.store import Prepared

logger = logging.getLogger(__name__)

# Pages handed to the worker and not yet back, beyond which the reactor extracts the next page itself.
BACKLOG = 4


@dataclass(frozen=True)
class Job:
    """A page (or a feed item's HTML) whose releases are wanted."""

    body: bytes | str
    url: str
    content_type: str | None
    hints: Hints
    fragment: bool = False  # a feed item's content rather than a whole page


def run(job: Job) -> list[Prepared]:
    """The job's releases, each prepared for the store (in whichever process calls it)."""
    from pressroom.extract import extract_fragment, extract_releases
    from pressroom.page import Page
    from pressroom.store import prepare

    if job.fragment:
        assert isinstance(job.body, str)
        releases = [extract_fragment(job.body, job.url, job.hints)]
    else:
        releases = extract_releases(Page.parse(job.body, job.url, job.content_type), job.hints)
    return [prepare(release) for release in releases]


def _start_worker(verbosity: int) -> None:
    """Worker initialiser: quiet like the crawl child, and the extraction modules imported before the first page."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is not None:
        # A crawl child killed outright (kill -9, the command's time limit) cannot stop its worker: it goes with it.
        threading.Thread(target=_exit_with, args=(parent,), name="exit with the crawl", daemon=True).start()
    if verbosity < 1:
        warnings.simplefilter("ignore")
        logging.getLogger().addHandler(logging.NullHandler())
    else:  # what extraction logs (page repairs, say) reads like the crawl's own log, which Scrapy formats so
        level = logging.DEBUG if verbosity > 1 else logging.INFO
        logging.basicConfig(level=level, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    import pressroom.extract  # noqa: F401
    import pressroom.store  # noqa: F401


def _exit_with(parent: Any) -> None:
    parent.join()
    os._exit(1)


class Extractor:
    """Runs extraction jobs in one worker process when there is one, in this process otherwise."""

    def __init__(self, workers: int = 0, verbosity: int = 0) -> None:
        self.workers = workers
        self.verbosity = verbosity
        self.pool: ProcessPoolExecutor | None = None
        self.queued: list[Future[list[Prepared]]] = []  # handed to the worker, perhaps done already

    def start(self) -> None:
        """Start the worker now, before the reactor, rather than at the first job.

        This process has a single thread until the reactor starts, so the worker can be forked: it starts at once with
        the extraction modules this process imports for itself anyway, instead of a fresh interpreter importing them.
        """
        method = "spawn"
        if can_fork():
            import pressroom.extract  # noqa: F401 - imported once, here, for both processes
            import pressroom.store  # noqa: F401

            method = "fork"
        pool = self._pool(method)
        if pool is not None:
            pool.submit(int)  # a forked worker is made now, while there is still a single thread

    def _pool(self, method: str = "spawn") -> ProcessPoolExecutor | None:
        """The worker pool, started at the first job (or `start`): a crawl where nothing changed never pays for it."""
        if self.pool is None and self.workers > 0:
            import multiprocessing

            try:
                # Spawned once the reactor runs: its threads must not be copied half-way through something.
                self.pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=multiprocessing.get_context(method),
                    initializer=_start_worker,
                    initargs=(self.verbosity,),
                )
            except (OSError, ValueError, NotImplementedError) as exc:
                logger.warning("extraction stays in the crawl process: %s", exc)
            self.workers = 0  # one attempt; after a failure or a lost worker, extraction stays here
        return self.pool

    def submit(self, job: Job) -> Callable[[], Awaitable[list[Prepared]]]:
        """Start the job; returns what to await for its releases (an inline job runs when awaited)."""
        pool = self._pool()
        if pool is None or self.backlog() >= BACKLOG:
            return lambda: _inline(job)
        try:
            future = pool.submit(run, job)
        except (BrokenProcessPool, RuntimeError) as exc:
            self._lost(exc)
            return lambda: _inline(job)
        self.queued.append(future)
        return lambda: self._result(future, job)

    def backlog(self) -> int:
        """Jobs the worker has not finished yet (`done()` is current even while the reactor is busy)."""
        self.queued = [future for future in self.queued if not future.done()]
        return len(self.queued)

    async def _result(self, future: Future[list[Prepared]], job: Job) -> list[Prepared]:
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool as exc:
            # The worker died (killed, out of memory): this page and every later one are extracted here.
            self._lost(exc)
            return run(job)

    def _lost(self, exc: BaseException) -> None:
        if self.pool is not None:
            logger.warning("extraction worker lost (%s); extracting in the crawl process", exc)
            # Not cancel_futures: a broken pool fails every job with BrokenProcessPool, which `_result` redoes here.
            self.pool.shutdown(wait=False)
            self.pool = None

    def close(self) -> None:
        """Stop the worker."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


async def _inline(job: Job) -> list[Prepared]:
    return run(job)


# The crawl process's extractor, shared by every source's spider; inline until the crawl starts a worker.
EXTRACTOR = Extractor()
