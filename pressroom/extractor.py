"""Extraction beside the crawl: worker processes turn page bodies into releases while the reactor keeps downloading.

The crawl child's reactor spends its core on Scrapy; extraction (parsing, the normalisers, and the CPU-bound part of
a store upsert) costs about twice as much again. `Extractor` hands each page to a worker process over a pipe that the
reactor's own event loop watches, so no thread of the crawl process competes with the reactor for the interpreter
lock, and extracts a page itself only when there is no worker (one core, workers that died). Results
and errors are the same either way: the worker's exception is raised again in the spider's callback, which reports
the page as it always did.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import pickle
import signal
import struct
import subprocess
import sys
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pressroom.forking import can_fork

if TYPE_CHECKING:
    from pressroom.models import Hints
    from pressroom.store import Prepared

logger = logging.getLogger(__name__)

# Each message on a pipe: its length, then a pickle.
FRAME = struct.Struct("!I")


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


class WorkerLost(Exception):
    """The worker process ended before answering (killed, out of memory)."""


# -- the workers' side -----------------------------------------------------------------------------------------------


def work(pipes: list[tuple[int, int]], verbosity: int) -> None:
    """The first worker's body: import the extraction modules, fork the other workers, answer jobs on `pipes[0]`.

    The others are forked from here, once the modules are imported, so the crawl process imports none of them and
    no worker imports them twice; each answers on its own (jobs, results) pair of `pipes`.
    """
    # Ctrl-C reaches the whole process group: the crawl process decides when its workers stop (by closing the pipes).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if verbosity < 1:
        warnings.simplefilter("ignore")
        logging.getLogger().addHandler(logging.NullHandler())
    else:  # what extraction logs (page repairs, say) reads like the crawl's own log, which Scrapy formats so
        level = logging.DEBUG if verbosity > 1 else logging.INFO
        logging.basicConfig(level=level, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    import pressroom.extract  # noqa: F401 - while the crawl process is still starting
    import pressroom.store  # noqa: F401

    mine, others = pipes[0], pipes[1:]
    forked = [_fork([fd for other in pipes if other != pair for fd in other], serve, *pair) for pair in others]
    _close(fd for pair in others for fd in pair)
    try:
        serve(*mine)
    finally:
        for pid in forked:
            os.waitpid(pid, 0)


def _fork(close: list[int], body: Callable[..., object], *args: Any) -> int:
    """Fork a process that closes `close`, runs `body(*args)` and exits (0, or 1 when it raised); returns its pid."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            _close(close)
            body(*args)
        except BaseException:  # noqa: BLE001 - a forked worker never returns into its parent's code
            code = 1
        finally:
            os._exit(code)
    return pid


def serve(jobs: int, results: int) -> None:
    """Say which process this is on fd `results`, then answer each job read from fd `jobs` until it is closed."""
    # Buffered both ways: a raw write to a pipe can return having written only part (a signal arrived meanwhile).
    with open(jobs, "rb", buffering=1 << 20) as inbox, open(results, "wb", buffering=1 << 20) as outbox:
        outbox.write(_framed(("pid", os.getpid())))
        outbox.flush()
        while True:
            head = inbox.read(FRAME.size)
            if len(head) < FRAME.size:
                return  # the crawl is over, or its process is gone
            job = pickle.loads(inbox.read(FRAME.unpack(head)[0]))
            try:
                answer: tuple[str, Any] = ("ok", run(job))
            except Exception as exc:  # noqa: BLE001 - raised again in the crawl process, where the page is reported
                answer = ("error", exc)
            outbox.write(_framed(answer))
            outbox.flush()


def _framed(message: tuple[str, Any]) -> bytes:
    try:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled still fails its page
        data = pickle.dumps(("error", RuntimeError(f"{type(message[1]).__name__}: {message[1]} ({exc})")))
    return FRAME.pack(len(data)) + data


def _close(fds: Iterable[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


# -- the crawl process's side -----------------------------------------------------------------------------------------


class Worker:
    """Our ends of one worker's two pipes, and the jobs it has not answered yet, in order."""

    def __init__(self, jobs: int, results: int) -> None:
        self.jobs = jobs  # the pipe the worker reads jobs from
        self.results = results  # the pipe it answers on
        self.pid: int | None = None  # as the worker says once it runs
        self.answered = 0
        self.waiting: deque[asyncio.Future[list[Prepared]]] = deque()
        # Jobs the pipe has not taken yet, pickled only as it takes them: a page waiting here is held once (its
        # response's body), not also as a pickle, and a long queue is never copied as it drains.
        self.queued: deque[Job] = deque()
        self.frame = memoryview(b"")  # what the pipe has not taken of the job being written
        self.received = bytearray()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.alive = True
        for fd in (jobs, results):
            os.set_blocking(fd, False)
        # A pipe holds 64 KiB, not two pages: a worker would wait on the reactor between pages. Linux lets it hold more.
        with contextlib.suppress(AttributeError, OSError):
            fcntl.fcntl(jobs, fcntl.F_SETPIPE_SZ, 1 << 20)

    def send(self, job: Job, loop: asyncio.AbstractEventLoop) -> asyncio.Future[list[Prepared]]:
        """Queue the job; never blocks (what the pipe cannot take now is written when it can)."""
        if self.loop is not loop:
            self._unwatch()
            self.loop = loop
            loop.add_reader(self.results, self.receive)
        future: asyncio.Future[list[Prepared]] = loop.create_future()
        self.waiting.append(future)
        self.queued.append(job)
        if len(self.queued) == 1 and not self.frame:
            self._write()
        return future

    def _write(self) -> None:
        """Write what the pipe takes now; the loop calls again when it takes more."""
        assert self.loop is not None
        while self.frame or self.queued:
            if not self.frame:
                data = pickle.dumps(self.queued.popleft(), pickle.HIGHEST_PROTOCOL)
                self.frame = memoryview(FRAME.pack(len(data)) + data)
            try:
                written = os.write(self.jobs, self.frame)
            except BlockingIOError:
                self.loop.add_writer(self.jobs, self._write)
                return
            except OSError:  # the worker is gone: its results pipe ends too, which fails what it had
                self.queued.clear()
                self.frame = memoryview(b"")
                break
            self.frame = self.frame[written:]
        self.loop.remove_writer(self.jobs)

    def receive(self) -> None:
        """Take the answers waiting in the pipe (when it is readable, and before each job is placed)."""
        try:
            data = os.read(self.results, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            logger.warning("extraction worker %s ended; its pages are extracted in the crawl process", self.pid)
            self.end()
            return
        self.received += data
        while len(self.received) >= FRAME.size:
            size = FRAME.unpack_from(self.received)[0]
            if len(self.received) < FRAME.size + size:
                break
            status, value = pickle.loads(memoryview(self.received)[FRAME.size : FRAME.size + size])
            del self.received[: FRAME.size + size]
            if status == "pid":
                self.pid = value
                continue
            self.answered += 1
            future = self.waiting.popleft()
            if future.done():  # cancelled while it waited
                continue
            if status == "ok":
                future.set_result(value)
            else:
                future.set_exception(value)

    def end(self) -> None:
        """Close our ends (the worker then exits); jobs it had not answered fail with WorkerLost, to be redone here."""
        if not self.alive:
            return
        self.alive = False
        self._unwatch()
        self.queued.clear()
        self.frame = memoryview(b"")
        _close((self.jobs, self.results))
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(WorkerLost(f"extraction worker {self.pid} ended"))

    def _unwatch(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.remove_reader(self.results)
            self.loop.remove_writer(self.jobs)
        self.loop = None


def start_workers(count: int, verbosity: int, fork: bool) -> tuple[list[Worker], int, subprocess.Popen[bytes] | None]:
    """Start `count` workers: the first forked from this process (`fork`) or spawned, the others forked from it.

    Returns our ends of their pipes, the first worker's pid and, when spawned, its process.
    """
    pipes, ours = [], []
    for _ in range(count):
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()
        pipes.append((jobs_read, results_write))
        ours.append((jobs_write, results_read))
    theirs = [fd for pair in pipes for fd in pair]
    if fork:
        pid = _fork([fd for pair in ours for fd in pair], work, pipes, verbosity)
        process = None
    else:
        try:
            process = subprocess.Popen(
                [sys.executable, "-P", "-m", "pressroom.extractor", str(verbosity), json.dumps(pipes)],
                pass_fds=theirs,
                stdin=subprocess.DEVNULL,
            )
        except BaseException:
            _close(fd for pair in [*pipes, *ours] for fd in pair)
            raise
        pid = process.pid
    _close(theirs)
    return [Worker(*pair) for pair in ours], pid, process


class Extractor:
    """Runs extraction jobs in worker processes when there are some, in this process otherwise."""

    def __init__(self, workers: int = 0, verbosity: int = 0) -> None:
        self.wanted = workers
        self.verbosity = verbosity
        self.workers: list[Worker] = []
        self.first: tuple[int, subprocess.Popen[bytes] | None] | None = None  # the process to wait for at the end

    def start(self) -> None:
        """Start the workers now, before the reactor, rather than at the first job.

        Forked while this process has a single thread and has not imported the extraction modules: the workers
        import them while this process imports Scrapy.
        """
        if can_fork():
            self._start(fork=True)

    def _start(self, fork: bool) -> None:
        wanted, self.wanted = self.wanted, 0  # one attempt; after a failure extraction stays here
        try:
            self.workers, pid, process = start_workers(wanted, self.verbosity, fork)
        except OSError as exc:
            logger.warning("extraction stays in the crawl process: %s", exc)
            return
        self.first = (pid, process)

    def submit(self, job: Job) -> Callable[[], Awaitable[list[Prepared]]]:
        """Start the job; returns what to await for its releases (an inline job runs when awaited)."""
        if self.wanted:
            self._start(fork=False)  # at the first job: a crawl where nothing changed never pays for workers
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        for worker in self.workers:
            if worker.alive and worker.waiting:
                worker.receive()  # answers that came while the reactor was busy: how far behind each really is
        alive = [w for w in self.workers if w.alive]
        # Here only when no worker lives, however far behind they are: the reactor would stop downloading to import
        # the extraction modules and extract, while Scrapy already holds back a source whose pages wait too long.
        if loop is None or not alive:
            return lambda: _inline(job)
        future = min(alive, key=lambda w: len(w.waiting)).send(job, loop)
        return lambda: self._result(future, job)

    async def _result(self, future: asyncio.Future[list[Prepared]], job: Job) -> list[Prepared]:
        try:
            return await future
        except WorkerLost:
            # The worker died (killed, out of memory): this page is extracted here, later ones by the others.
            return run(job)

    def pids(self) -> list[int]:
        """The workers' process ids, as far as they have said."""
        return [w.pid for w in self.workers if w.pid is not None]

    def close(self) -> None:
        """Stop the workers (each ends once its job pipe is closed) and wait for the first, which waits for the rest."""
        for worker in self.workers:
            worker.end()
        self.workers = []
        if self.first is not None:
            _reap(*self.first)
            self.first = None


def _reap(pid: int, process: subprocess.Popen[bytes] | None, timeout: float = 10.0) -> None:
    """Wait for a worker to exit; kill it past `timeout` (a page it cannot finish must not hold the crawl)."""
    if process is not None:
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:
            return
        time.sleep(0.01)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


async def _inline(job: Job) -> list[Prepared]:
    return run(job)


# The crawl process's extractor, shared by every source's spider; inline until the crawl starts its workers.
EXTRACTOR = Extractor()


if __name__ == "__main__":  # the first worker, spawned: verbosity, then its pipes as JSON [[jobs, results], ...]
    work([tuple(pair) for pair in json.loads(sys.argv[2])], int(sys.argv[1]))  # type: ignore[misc]
