"""Extraction in a worker process gives what extraction in the crawl process gives: releases, errors, survival."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PAGES

from pressroom.extract import Hints
from pressroom.extractor import Extractor, Job, run

URL = "http://127.0.0.1/news/release/"


@pytest.fixture
def worker() -> Iterator[Extractor]:
    extractor = Extractor(workers=1)
    yield extractor
    extractor.close()


def page(name: str) -> Job:
    return Job((PAGES / name).read_bytes(), URL, "text/html; charset=utf-8", Hints(timezone="America/Chicago"))


def results(extractor: Extractor, jobs: list[Job]) -> list[object]:
    """Each job's prepared releases, or the exception it raised, submitted together as the spider does."""

    async def gather() -> list[object]:
        waits = [extractor.submit(job) for job in jobs]
        out: list[object] = []
        for wait in waits:
            try:
                out.append(await wait())
            except Exception as exc:  # noqa: BLE001 - the exception is the result being compared
                out.append((type(exc).__name__, str(exc)))
        return out

    return asyncio.run(gather())


def test_the_worker_extracts_exactly_what_the_crawl_process_would(worker: Extractor) -> None:
    jobs = [page(path.name) for path in sorted(PAGES.glob("*.html"))[:6]]
    jobs.append(Job("<p>" + "A short statement from the partner. " * 30 + "</p>", URL, None, Hints(), fragment=True))
    assert results(worker, jobs) == [run(job) for job in jobs]
    assert worker.pool is not None  # it really went through the worker


def test_an_error_in_the_worker_is_raised_as_the_same_exception(worker: Extractor) -> None:
    broken = Job(12345, URL, None, Hints())  # type: ignore[arg-type]
    try:
        run(broken)
    except Exception as exc:  # noqa: BLE001
        expected = (type(exc).__name__, str(exc))
    assert results(worker, [page("drupal_advisory.html"), broken])[1] == expected


def test_a_dead_worker_leaves_extraction_to_the_crawl_process(worker: Extractor) -> None:
    job = page(sorted(PAGES.glob("*.html"))[0].name)
    expected = run(job)
    assert results(worker, [job]) == [expected]
    assert worker.pool is not None
    for process in list(worker.pool._processes.values()):  # noqa: SLF001 - killing it is the point
        os.kill(process.pid, signal.SIGKILL)
    time.sleep(0.5)
    assert results(worker, [job, job]) == [expected, expected]
    assert worker.pool is None


def test_jobs_queued_in_a_worker_that_dies_are_extracted_all_the_same(worker: Extractor) -> None:
    jobs = [page(path.name) for path in sorted(PAGES.glob("*.html"))[:4]]
    expected = [run(job) for job in jobs]
    assert results(worker, jobs[:1]) == expected[:1]  # the worker is up

    async def kill_while_queued() -> list[object]:
        waits = [worker.submit(job) for job in jobs]
        assert worker.pool is not None
        for process in list(worker.pool._processes.values()):  # noqa: SLF001
            os.kill(process.pid, signal.SIGKILL)
        return [await wait() for wait in waits]

    assert asyncio.run(kill_while_queued()) == expected


def test_the_worker_does_not_outlive_a_killed_crawl(tmp_path: Path) -> None:
    script = (
        "import asyncio, os, sys\n"
        "from pressroom.extract import Hints\n"
        "from pressroom.extractor import Extractor, Job\n"
        "if __name__ == '__main__':\n"
        "    e = Extractor(workers=1)\n"
        "    asyncio.run(e.submit(Job('<p>x</p>', 'http://127.0.0.1/', None, Hints()))())\n"
        "    print(*[p.pid for p in e.pool._processes.values()], flush=True)\n"
        "    sys.stdin.read()\n"
    )
    (tmp_path / "crawl.py").write_text(script)
    child = subprocess.Popen(
        [sys.executable, str(tmp_path / "crawl.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    worker_pid = int(child.stdout.readline())
    child.kill()
    child.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker_pid):
        time.sleep(0.1)
    assert not _alive(worker_pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its (dead) parent's reaper counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True
