"""A forked process that builds and writes a share of a publish's files: the oldest archive pages.

A publish into an empty folder writes every RFC 5005 archive page (hundreds of files for 10,000 releases), each made
from its entries' stored bytes or freshly rendered ones. Pages are independent of each other and of the current
feeds, so a second process builds the oldest ones with its own store connection while this one builds the rest: both
cores work, and neither waits on the other's interpreter lock. The process is forked, so it starts at once with the
publish's jobs already worked out; it reports what it wrote through a pipe. If it fails to report (killed, out of
memory), this process builds its share after its own; if it fails with an error (a full disk), the publish fails
with that error, as it would in one process.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from pressroom.forking import can_fork

logger = logging.getLogger(__name__)

# Archive pages to build at least before a share is handed to a second process: fewer cost less than the fork.
SHARE_AT = 48
# What building a file costs beyond its entries, counted in entries (its frame, its write).
FILE_COST = 30
# The helper's part of the work: more than half, as this process also makes the calendar, the page and the OPML,
# looks up the current feeds and records everything. Publishing 10,000 releases into an empty folder, six rounds of
# each alternated: 0.6, 1.07 s (median; this process last, the helper done before it was asked); 0.7, 1.00 s; 0.78,
# 1.07 s. (Before the publish wrote on three threads, both finished together at 0.58 to 0.64.)
HELPER_PART = 0.7


class Shareable(Protocol):
    """What the share needs of a publish job."""

    path: str
    uses: tuple[str, Sequence[str]] | None


# (relative path, written?, sha-256 hex digest, size, mtime_ns) for each file the share built.
Outcome = tuple[str, bool, str, int, int]


def oldest_share(jobs: Sequence[Shareable], rest: int = 0) -> list[Shareable]:
    """The archive jobs of `jobs`, oldest pages first, that make up the helper's part of the work (none if few).

    `rest` is the work of the publish's other files, counted like `_cost` (entries, and FILE_COST a file).
    """
    archive = [job for job in jobs if job.path.startswith("archive/")]
    if len(archive) < SHARE_AT:
        return []
    total = sum(_cost(job) for job in jobs) + rest
    share, cost = [], 0
    for job in sorted(archive, key=_page_number):
        if cost + _cost(job) > total * HELPER_PART:
            break
        share.append(job)
        cost += _cost(job)
    return share


class Share:
    """The forked process building `jobs` with `build`, and what it reports back."""

    def __init__(self, jobs: list[Any], build: Callable[[deque[Any]], Iterator[Outcome]]) -> None:
        self.jobs = jobs
        self.build = build
        self.pid = 0
        self.pipe = -1

    def start(self) -> bool:
        """Fork the process; False (and nothing forked) when it cannot be."""
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError as exc:
            logger.info("publishing in one process: %s", exc)
            os.close(reading)
            os.close(writing)
            return False
        if pid == 0:  # pragma: no cover - the forked process, which never returns (coverage cannot follow it)
            os.close(reading)
            self._run(writing)
        os.close(writing)
        self.pid, self.pipe = pid, reading
        return True

    def _run(self, pipe: int) -> None:
        """The forked process's whole life: build the share, report through `pipe`, exit without cleaning up."""
        code = 0
        try:
            report: tuple[str, Any] = ("done", list(self.build(deque(self.jobs))))
        except BaseException as exc:  # reported to the parent, which raises it
            report = ("failed", exc)
        try:
            data = pickle.dumps(report)
        except Exception:  # an exception that does not pickle is reported by its text
            data = pickle.dumps(("failed", OSError(str(report[1]))))
        try:
            with os.fdopen(pipe, "wb") as out:
                out.write(data)
        except OSError:
            code = 1
        # Not sys.exit: the parent's objects (its store connection, its threads' state) must not be torn down here.
        os._exit(code)

    def outcomes(self) -> list[Outcome] | None:
        """What the process wrote, once it has finished; None when it died without saying (its share is not done)."""
        with os.fdopen(self.pipe, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid, self.pipe = 0, -1
        if not data:
            logger.warning("the publishing helper process was lost; its archive pages are built here")
            return None
        status, value = pickle.loads(data)
        if status == "failed":
            raise value
        return value


@contextmanager
def shared(jobs: list[Any], build: Callable[[deque[Any]], Iterator[Outcome]]) -> Iterator[Share | None]:
    """A started `Share` of `jobs` (None when there is none to start); its process is always waited for."""
    share = Share(jobs, build) if jobs and can_fork() else None
    if share is not None and not share.start():
        share = None
    try:
        yield share
    finally:
        if share is not None and share.pid:
            # Not asked for its outcomes: this process failed first, so the helper's work is of no use.
            os.close(share.pipe)
            os.kill(share.pid, signal.SIGTERM)
            os.waitpid(share.pid, 0)


def _cost(job: Shareable) -> int:
    return FILE_COST + (len(job.uses[1]) if job.uses else 0)


def _page_number(job: Shareable) -> int:
    """The number of an archive page from its path (archive/atom-12.xml -> 12)."""
    return int(job.path.rsplit("-", 1)[1].split(".", 1)[0])
