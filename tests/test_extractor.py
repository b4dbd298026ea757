"""Extraction in a worker process gives what extraction in the crawl process gives: releases, errors, survival."""

from __future__ import annotations

import asyncio
import json
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
    assert worker.pids()  # it really went through the worker


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
    for pid in worker.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    assert results(worker, [job, job]) == [expected, expected]
    assert not any(w.alive for w in worker.workers)


def test_jobs_queued_in_a_worker_that_dies_are_extracted_all_the_same(worker: Extractor) -> None:
    jobs = [page(path.name) for path in sorted(PAGES.glob("*.html"))[:4]]
    expected = [run(job) for job in jobs]
    assert results(worker, jobs[:1]) == expected[:1]  # the worker is up

    async def kill_while_queued() -> list[object]:
        waits = [worker.submit(job) for job in jobs]
        assert len(worker.workers[0].waiting) == len(jobs)  # all queued in the worker, none taken inline
        for pid in worker.pids():
            os.kill(pid, signal.SIGKILL)
        return [await wait() for wait in waits]

    assert asyncio.run(kill_while_queued()) == expected


def test_the_worker_does_not_outlive_a_killed_crawl(tmp_path: Path) -> None:
    script = (
        "import asyncio, os, sys\n"
        "from pressroom.extract import Hints\n"
        "from pressroom.extractor import Extractor, Job\n"
        "if __name__ == '__main__':\n"
        "    e = Extractor(workers=2)\n"
        "    e.start()\n"
        "    async def both():\n"
        "        waits = [e.submit(Job('<p>x</p>', 'http://127.0.0.1/', None, Hints())) for _ in range(2)]\n"
        "        return [await wait() for wait in waits]\n"
        "    asyncio.run(both())\n"
        "    print(*e.pids(), flush=True)\n"
        "    sys.stdin.read()\n"
    )
    (tmp_path / "crawl.py").write_text(script)
    child = subprocess.Popen(
        [sys.executable, str(tmp_path / "crawl.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    worker_pids = [int(pid) for pid in child.stdout.readline().split()]
    assert len(worker_pids) == 2
    child.kill()
    child.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in worker_pids):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in worker_pids)


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


@pytest.mark.parametrize("start", ["e.start()", "pass"], ids=["forked before the crawl", "spawned at the first page"])
def test_workers_share_the_jobs_and_spare_the_crawl_process_the_extraction_modules(tmp_path: Path, start: str) -> None:
    # The first worker (forked before the crawl process imports the extraction modules, or spawned at the first page
    # of a crawl that started none) imports them and forks the others: the reactor's process never loads them.
    script = (
        "import asyncio, json, sys\n"
        "from pressroom.models import Hints\n"
        "from pressroom.extractor import Extractor, Job\n"
        "e = Extractor(workers=2)\n"
        f"{start}\n"
        "pages = [open(p, 'rb').read() for p in sys.argv[1:]]\n"
        "async def all_pages():\n"
        "    waits = [e.submit(Job(body, 'http://127.0.0.1/news/release/', 'text/html; charset=utf-8',"
        " Hints(timezone='America/Chicago'))) for body in pages]\n"
        "    return [await wait() for wait in waits]\n"
        "out = asyncio.run(all_pages())\n"
        "used = [w.answered for w in e.workers if w.pid is not None]\n"
        "e.close()\n"
        "print(json.dumps({'imported': 'pressroom.extract' in sys.modules, 'answered': used,"
        " 'titles': [[p.release.title for p in page] for page in out]}))\n"
    )
    (tmp_path / "crawl.py").write_text(script)
    paths = [str(path) for path in sorted(PAGES.glob("*.html"))[:6]]
    done = subprocess.run(
        [sys.executable, str(tmp_path / "crawl.py"), *paths], capture_output=True, text=True, timeout=120, check=True
    )
    report = json.loads(done.stdout)
    assert report["imported"] is False
    assert len(report["answered"]) == 2 and min(report["answered"]) > 0 and sum(report["answered"]) == len(paths)
    expected = [[p.release.title for p in run(page(Path(path).name))] for path in paths]
    assert report["titles"] == expected
