"""Rendering entries' parts: a helper process renders half of a long list, with the same bytes as this process."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import feedparser
import pytest
from test_publish import FIRST_SEEN, fill, write_config

from pressroom import parts
from pressroom.config import load_config
from pressroom.models import Release
from pressroom.publish import MANIFEST, publish
from pressroom.store import Store


@pytest.fixture
def work(tmp_path: Path) -> list[parts.Piece]:
    """Every format of 20 stored entries, some of them settled, one crediting nobody (a fallback author)."""
    with Store(tmp_path / "db.sqlite") as store:
        fill(store, 19)
        entries = store.entries(50)
    assert len(entries) == 20
    pieces: list[parts.Piece] = []
    for number, entry in enumerate(entries):
        for fmt in ("atom", "rss", "json"):
            pieces.append((entry, "Harbor Coalition" if number == 3 else "", fmt, fmt != "json" and number % 2 == 0))
    return pieces


@pytest.fixture
def spawned() -> Iterator[ProcessPoolExecutor]:
    # Spawned, not forked: the test process may have threads (the fork-only rule is helper_pool's, tested below).
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


def test_the_helper_renders_the_same_bytes_in_the_same_order(
    work: list[parts.Piece], spawned: ProcessPoolExecutor
) -> None:
    here = parts.render_pieces(work)
    helped = parts.RenderHelper(spawned).render(work)
    assert helped == here
    assert len(here) == 60 and len(set(here)) == 60
    # The half the helper rendered is real feed XML and JSON, entry by entry.
    assert helped[-3].lstrip().startswith(b"<entry") and helped[-2].lstrip().startswith(b"<item")
    assert b'"id":' in helped[-1]


def test_a_short_list_is_rendered_here(work: list[parts.Piece], spawned: ProcessPoolExecutor) -> None:
    spawned.submit(os._exit, 1)  # the helper dies: a short list must not even ask it
    short = work[: parts.RenderHelper.MINIMUM - 1]
    helper = parts.RenderHelper(spawned)
    assert helper.render(short) == parts.render_pieces(short)
    assert helper.pool is spawned


def test_a_lost_helper_leaves_the_rendering_to_this_process(
    work: list[parts.Piece], spawned: ProcessPoolExecutor
) -> None:
    lost = spawned.submit(os._exit, 1)
    with pytest.raises(Exception):  # noqa: B017 - BrokenProcessPool, whichever way the pool reports it
        lost.result(timeout=60)
    helper = parts.RenderHelper(spawned)
    assert helper.render(work) == parts.render_pieces(work)
    assert helper.pool is None


def test_no_helper_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        with parts.helper_pool() as pool:
            assert pool is None
    finally:
        stop.set()
        other.join()


def test_a_publish_with_its_helper_writes_what_one_without_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if threading.active_count() > 1 or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        pytest.skip("the helper is forked only from a single-threaded process on a machine with a spare core")
    monkeypatch.setattr(parts, "FORK_AT", 50)  # this publish renders about a hundred parts
    config = load_config(write_config(tmp_path, "\n[publish]\nitems = 25\n"))
    used: list[bool] = []
    real = parts.RenderHelper.render

    def counted(self: parts.RenderHelper, work: list[parts.Piece]) -> list[bytes]:
        used.append(self.pool is not None and len(work) >= self.MINIMUM)
        return real(self, work)

    monkeypatch.setattr(parts.RenderHelper, "render", counted)
    # Each publish from a store of its own: a store keeps what was rendered, and the second would render nothing.
    for name in ("helped", "alone"):
        with Store(tmp_path / f"{name}.sqlite") as store:
            fill(store, 30)
            for n in range(3):
                note = Release(url=f"https://rios.example.org/{n}/", title=f"Nota {n}", source="rios")
                store.upsert(note, now=FIRST_SEEN)
            publish(config, store, tmp_path / name, now=FIRST_SEEN)
        if name == "helped":
            assert any(used), "the helper rendered nothing"
            used.clear()
            monkeypatch.setattr(parts.RenderHelper, "__init__", lambda self, pool: setattr(self, "pool", None))
    assert used and not any(used), "the second publish was helped, or rendered nothing"
    helped = sorted(p.relative_to(tmp_path / "helped") for p in (tmp_path / "helped").rglob("*.*"))
    alone = sorted(p.relative_to(tmp_path / "alone") for p in (tmp_path / "alone").rglob("*.*"))
    assert helped == alone
    for name in helped:
        if name.name != MANIFEST:
            assert (tmp_path / "helped" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes(), name
    atom = feedparser.parse((tmp_path / "helped" / "atom.xml").read_bytes())
    assert len(atom.entries) == 25 and not atom.bozo


def test_a_helper_is_asked_for_only_when_there_is_enough_to_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pressroom import publish as publishing

    asked: list[bool] = []
    real = publishing.helper_pool

    def recorded(wanted: bool = True) -> object:
        asked.append(wanted)
        return real(wanted)

    monkeypatch.setattr(publishing, "helper_pool", recorded)
    monkeypatch.setattr(parts, "FORK_AT", 30)
    config = load_config(write_config(tmp_path))
    with Store(tmp_path / "db.sqlite") as store:
        fill(store, 12)
        publish(config, store, tmp_path / "out", now=FIRST_SEEN)  # every entry in three formats: to render
        publish(config, store, tmp_path / "out", now=FIRST_SEEN)  # the same again: all in the last files
        store.upsert(Release(url="https://rios.example.org/uno/", title="Nota", source="rios"), now=FIRST_SEEN)
        publish(config, store, tmp_path / "out", now=FIRST_SEEN)  # one new entry: a few parts, done here
    assert asked == [True, False, False]
