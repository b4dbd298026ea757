"""A publish with many archive pages to build hands the oldest to a forked process: the same folder comes out, a lost
helper's pages are built here, and a helper's error fails the publish as it would in one process."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

import feedparser
import pytest
from test_publish import FIRST_SEEN, fill, write_config

from pressroom import publish as publishing
from pressroom import share
from pressroom.config import Config, load_config
from pressroom.publish import MANIFEST, publish
from pressroom.store import Store

pytestmark = pytest.mark.skipif(
    threading.active_count() > 1 or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"),
    reason="the helper is forked only from a single-threaded process on a machine with a spare core",
)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    # Two entries a page: 30 releases make 15 archive pages, 30 archive files.
    return load_config(write_config(tmp_path, "\n[publish]\nitems = 2\n"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        fill(store, 30)
    return path


def folder(out: Path) -> dict[str, bytes]:
    """Every published file by relative path; the manifest without the files' modification times."""
    files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    manifest = json.loads(files.pop(MANIFEST))
    for record in manifest["files"].values():
        record.pop("mtime_ns")
    files[MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    return files


def publish_alone(config: Config, db: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(share, "SHARE_AT", 10**9)
        with Store(db) as store:
            publish(config, store, out, now=FIRST_SEEN)


def shares_taken(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of files each forked helper reported, as publishes run."""
    taken: list[int] = []
    real = share.Share.outcomes

    def counted(self: share.Share) -> list[share.Outcome] | None:
        outcomes = real(self)
        taken.append(len(outcomes) if outcomes is not None else -1)
        return outcomes

    monkeypatch.setattr(share.Share, "outcomes", counted)
    monkeypatch.setattr(share, "SHARE_AT", 4)
    return taken


def test_a_shared_publish_writes_what_one_process_writes(
    tmp_path: Path, config: Config, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = shares_taken(monkeypatch)
    with Store(db) as store:
        report = publish(config, store, tmp_path / "shared", now=FIRST_SEEN)
    archived = len(list((tmp_path / "shared" / "archive").iterdir()))
    assert len(taken) == 1 and 4 <= taken[0] <= archived, (taken, archived)
    publish_alone(config, db, tmp_path / "alone", monkeypatch)
    assert folder(tmp_path / "shared") == folder(tmp_path / "alone")
    # The helper's files are reported like the others, and the oldest page reads back whole.
    assert tmp_path / "shared" / "archive" / "atom-1.xml" in report.written
    oldest = feedparser.parse(tmp_path / "shared" / "archive" / "rss-1.xml")
    assert not oldest.bozo
    assert [e.title for e in oldest.entries] == ["Tenants report number 1", "Tenants report number 0"]
    # Published again: everything is kept, nothing handed over.
    with Store(db) as store:
        again = publish(config, store, tmp_path / "shared", now=FIRST_SEEN)
    assert len(taken) == 1 and again.written == []


def test_a_lost_helper_leaves_its_pages_to_this_process(
    tmp_path: Path, config: Config, db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    taken = shares_taken(monkeypatch)
    # The helper dies before it reports (killed, out of memory).
    monkeypatch.setattr(share.Share, "_run", lambda self, pipe: os._exit(9))
    with caplog.at_level(logging.WARNING), Store(db) as store:
        publish(config, store, tmp_path / "shared", now=FIRST_SEEN)
    assert taken == [-1]
    assert "publishing helper process was lost" in caplog.text
    publish_alone(config, db, tmp_path / "alone", monkeypatch)
    assert folder(tmp_path / "shared") == folder(tmp_path / "alone")


def test_a_helper_that_cannot_write_fails_the_publish_with_its_reason(
    tmp_path: Path, config: Config, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shares_taken(monkeypatch)
    parent = os.getpid()
    real = publishing._write

    def full_in_the_helper(path: Path, data: bytes) -> object:
        if os.getpid() != parent:
            raise OSError(28, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(publishing, "_write", full_in_the_helper)
    with Store(db) as store, pytest.raises(OSError, match="No space left on device"):
        publish(config, store, tmp_path / "shared", now=FIRST_SEEN)
    # No manifest: the next publish builds every file again.
    assert not (tmp_path / "shared" / MANIFEST).exists()


def test_the_oldest_pages_make_the_helpers_part_of_the_work() -> None:
    class Job:
        def __init__(self, path: str, entries: int) -> None:
            self.path, self.uses = path, ("atom", ["r"] * entries)

    current = [Job(f"sources/s{n}/atom.xml", 50) for n in range(10)]
    pages = [Job(f"archive/{kind}-{n}.xml", 30) for n in range(1, 61) for kind in ("atom", "rss")]
    rest = 500  # the calendar, the page: work outside the jobs given
    taken = share.oldest_share([*current, *pages], rest)
    numbers = sorted({int(job.path.rsplit("-", 1)[1][:-4]) for job in taken})
    assert numbers == list(range(1, numbers[-1] + 1))  # the oldest pages, none skipped
    work = sum(share.FILE_COST + len(job.uses[1]) for job in taken)
    total = sum(share.FILE_COST + len(job.uses[1]) for job in [*current, *pages]) + rest
    share_of = total * share.HELPER_PART
    assert share_of - (share.FILE_COST + 30) < work <= share_of
    assert share.oldest_share(pages[: share.SHARE_AT - 1]) == []
