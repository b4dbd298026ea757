"""Each entry's bytes in each format, rendered once and spliced into every feed that carries it.

A feed file is its frame (`pressroom.feeds.render`) with its entries' bytes spliced in, and its manifest record
says where each entry's bytes lie and which revision they were rendered from. So the bytes of an entry whose
revision is unchanged come from the last publish's files rather than from feedgen again: an ordinary publish
renders only its new and changed entries. Within a publish, an entry is decoded and rendered once, in every format
a feed still to be built wants it in (`want`), and its bytes are kept until the last of those feeds is built.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pressroom.feeds import extension, jsonfeed
from pressroom.feeds.common import EPOCH, fallback_author, xml_text
from pressroom.feeds.decorate import reparses
from pressroom.feeds.render import atom_frame, atom_part, rss_frame, rss_part, splice
from pressroom.models import Entry, FeedMeta
from pressroom.store import Store
from pressroom.storeread import EntryRef

logger = logging.getLogger(__name__)

Record = dict[str, object]
# One part to render: the entry, its fallback author, the format and whether it settles.
Piece = tuple[Entry, str, str, bool]
# What each format's entry is rendered with: (entry, fallback author, settle) -> bytes.
MAKERS: dict[str, Callable[[Entry, str, bool], bytes]] = {
    "atom": atom_part,
    "rss": rss_part,
    "json": lambda entry, fallback, settle: jsonfeed.part(entry, fallback),
}


class Parts:
    """The entries' bytes of one publish: kept from this publish, found in the last one's files, or rendered."""

    def __init__(
        self,
        store: Store,
        out_dir: Path,
        previous: dict[str, Record],
        intact: Callable[[Path, Record], bool],
        limit: int = 64 << 20,
    ) -> None:
        """`previous`: the last publish's file records; `intact` tells whether a file still holds what they say."""
        self.store = store
        self.out_dir = out_dir
        self.previous = previous
        self.limit = limit
        self.size = 0
        # (format, revision, settle) -> (fallback author it was rendered with, bytes), kept while a feed still to be
        # built wants it (`want`); oldest first out past `limit`, as a guard.
        self.kept: dict[tuple[str, str, bool], tuple[str, bytes]] = {}
        self.wanted: Counter[tuple[str, str]] = Counter()
        # (format, revision, settle) -> the last publish's files that hold it, not read yet.
        self.old: dict[tuple[str, str, bool], list[str]] = {}
        for path, record in previous.items():
            for revision, *_ in record.get("parts") or ():  # type: ignore[attr-defined]
                self.old.setdefault((_format(path), revision, bool(record.get("settle"))), []).append(path)
        self.read: set[str] = set()
        self.rewritten: set[str] = set()
        self.intact = intact
        # Rendering stays in this process unless the publish hands its helper process over (`RenderHelper`).
        self.helper = RenderHelper(None)

    def worth_a_helper(self) -> bool:
        """Whether at least FORK_AT of the parts wanted so far are in no file of the last publish (to be rendered)."""
        held = {(fmt, revision) for fmt, revision, _ in self.old}
        return sum(1 for key in self.wanted if key not in held) >= FORK_AT

    def want(self, fmt: str, revisions: Sequence[str]) -> None:
        """Note that a feed to be built in this publish carries these entries in `fmt`."""
        self.wanted.update((fmt, revision) for revision in revisions)

    def feed(
        self, path: str, fmt: str, meta: FeedMeta, refs: Sequence[EntryRef], formats: Sequence[str]
    ) -> tuple[bytes, Record]:
        """The file's bytes and what its manifest record says about its parts.

        Entries found nowhere are rendered, and at the same time in those of `formats` a later feed wants.
        """
        settle = reparses(meta) if fmt != "json" else False
        title = xml_text(meta.title)
        # The file's own last version holds most of its entries; they are taken from it, not kept beyond this file.
        own = self._read_old(path) if path in self.previous else {}
        found = [
            _fits(own.get((fmt, ref.revision, settle)), title) or self._find(fmt, ref.revision, settle, title)
            for ref in refs
        ]
        missing = [ref for ref, got in zip(refs, found, strict=True) if got is None]
        made = self._render(missing, title, reparses(meta), fmt, formats) if missing else {}
        pieces = [got or made[ref.revision] for ref, got in zip(refs, found, strict=True)]
        for ref, got in zip(refs, found, strict=True):
            if got is not None:
                # Found in this file's last version, perhaps wanted by a later feed (a new archive page).
                self._keep((fmt, ref.revision, settle), got)
            self._used(fmt, ref.revision, settle)
        frame = _frame(fmt, meta, refs)
        data = splice(frame, [piece for _, piece in pieces], fmt)
        parts = [[ref.revision, len(piece), fallback] for ref, (fallback, piece) in zip(refs, pieces, strict=True)]
        return data, {"settle": settle, "body": len(frame[0]), "parts": [p if p[2] else p[:2] for p in parts]}

    def written(self, path: str) -> None:
        """Note that `path` now holds this publish's bytes: its old parts are gone."""
        self.rewritten.add(path)

    def _find(self, fmt: str, revision: str, settle: bool, title: str) -> tuple[str, bytes] | None:
        key = (fmt, revision, settle)
        while key not in self.kept and self.old.get(key):
            # Another file of the last publish holds it: all of that file's parts are kept, as others may follow.
            path = self.old[key].pop()
            if path not in self.read:
                self.read.add(path)
                for other, part in self._read_old(path).items():
                    self._keep(other, part)
        return _fits(self.kept.get(key), title)

    def _read_old(self, path: str) -> dict[tuple[str, str, bool], tuple[str, bytes]]:
        """Every part of the last publish's file at `path`, when it still holds what was written (else none)."""
        record = self.previous[path]
        file = self.out_dir / path
        # The offsets hold only for the bytes that were written (the same check that lets a file be kept as it is).
        if not record.get("parts") or path in self.rewritten or not self.intact(file, record):
            return {}
        data = file.read_bytes()
        fmt, settle = _format(path), bool(record.get("settle"))
        at, gap = int(record["body"]), len(b",\n" if fmt == "json" else b"")  # type: ignore[arg-type]
        found = {}
        for revision, length, *fallback in record["parts"]:  # type: ignore[attr-defined]
            found[(fmt, revision, settle)] = (fallback[0] if fallback else "", data[at : at + length])
            at += length + gap
        return found

    def _render(
        self, refs: Sequence[EntryRef], title: str, decorated: bool, fmt: str, formats: Sequence[str]
    ) -> dict[str, tuple[str, bytes]]:
        """Decode and render `refs` in `fmt`, and in those of `formats` they are not found in, for the next feeds.

        `decorated`: whether the feeds' XML documents are decorated (JSON items never settle).
        """
        work: list[Piece] = []
        for entry in self.store.load(refs):
            fallback = fallback_author(entry, title)
            work.append((entry, fallback, fmt, decorated and fmt != "json"))
            for other in formats:
                other_settle = decorated and other != "json"
                if other == fmt or not self.wanted[(other, entry.revision)]:
                    continue
                if self._find(other, entry.revision, other_settle, title) is None:
                    work.append((entry, fallback, other, other_settle))
        made: dict[str, tuple[str, bytes]] = {}
        for (entry, fallback, kind, settle), data in zip(work, self.helper.render(work), strict=True):
            if kind == fmt:
                made[entry.revision] = (fallback, data)
            self._keep((kind, entry.revision, settle), (fallback, data))
        return made

    def _used(self, fmt: str, revision: str, settle: bool) -> None:
        """One of the feeds that wanted this part is being built: past the last one, it is not kept any longer."""
        left = self.wanted.pop((fmt, revision), 0) - 1
        if left > 0:
            self.wanted[(fmt, revision)] = left
            return
        dropped = self.kept.pop((fmt, revision, settle), None)
        self.size -= len(dropped[1]) if dropped else 0

    def _keep(self, key: tuple[str, str, bool], value: tuple[str, bytes]) -> None:
        if not self.wanted[key[:2]]:
            # No feed still to be built carries it.
            return
        old = self.kept.pop(key, None)
        if old is not None:
            self.size -= len(old[1])
        while self.kept and self.size + len(value[1]) > self.limit:
            self.size -= len(self.kept.pop(next(iter(self.kept)))[1])
        self.kept[key] = value
        self.size += len(value[1])


def render_pieces(work: Sequence[Piece]) -> list[bytes]:
    """Each piece's bytes, rendered here."""
    rendered = []
    for number, (entry, fallback, fmt, settle) in enumerate(work):
        rendered.append(MAKERS[fmt](entry, fallback, settle))
        if number + 1 == len(work) or work[number + 1][0] is not entry:
            # The content and facts cached for this entry's formats are not needed again.
            extension.forget()
    return rendered


# A publish forks its helper only when at least this many parts are not in the last publish's files: the fork, the
# handing over and the helper's exit cost about what rendering a few hundred parts here would.
FORK_AT = 1_000


class RenderHelper:
    """Renders a long list of pieces half here, half in a helper process (when the publish has one)."""

    # Below this many pieces a second process costs more (pickling entries and bytes) than it saves.
    MINIMUM = 24

    def __init__(self, pool: Executor | None) -> None:
        self.pool = pool

    def render(self, work: Sequence[Piece]) -> list[bytes]:
        """The pieces' bytes, in order."""
        if self.pool is None or len(work) < self.MINIMUM:
            return render_pieces(work)
        half = len(work) // 2
        try:
            theirs = self.pool.submit(render_pieces, work[half:])
        except (BrokenExecutor, RuntimeError):
            self.pool = None
            return render_pieces(work)
        mine = render_pieces(work[:half])
        try:
            return mine + theirs.result()
        except BrokenExecutor:
            # The helper died (killed, out of memory): the rest of the publish renders here.
            self.pool = None
            return mine + render_pieces(work[half:])


@contextmanager
def helper_pool(wanted: bool = True) -> Iterator[Executor | None]:
    """A helper process for `RenderHelper` if `wanted`, a core is spare and forking is safe (Linux, one thread)."""
    pool = None
    # Forked rather than spawned: it starts in milliseconds with everything imported. Only while this process has a
    # single thread, since a fork copies no other thread, nor releases the locks one might hold.
    if wanted and sys.platform == "linux" and (os.cpu_count() or 1) > 1 and threading.active_count() == 1:
        try:
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            pool.submit(int)  # forks now, before this process starts its writer thread
        except (OSError, ValueError) as exc:
            logger.info("publishing renders in one process: %s", exc)
            pool = None
    try:
        yield pool
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _fits(part: tuple[str, bytes] | None, title: str) -> tuple[str, bytes] | None:
    """The part, unless it was rendered with a fallback author (an entry crediting nobody) for another feed title."""
    return None if part is None or (part[0] and part[0] != title) else part


def _format(path: str) -> str:
    """The format of a published feed file from its name."""
    name = path.rsplit("/", 1)[-1]
    return "json" if name.endswith(".json") else ("rss" if name.startswith("rss") else "atom")


def _frame(fmt: str, meta: FeedMeta, refs: Sequence[EntryRef]) -> tuple[bytes, bytes]:
    if fmt == "json":
        return jsonfeed.frame(meta, bool(refs))
    updated = feed_updated(refs)
    return atom_frame(meta, updated) if fmt == "atom" else rss_frame(meta, updated)


def feed_updated(refs: Sequence[EntryRef]) -> datetime:
    """The feed's own updated time from its entries' rows: as `common.feed_updated` computes it from entries."""
    if not refs:
        return EPOCH
    return max(datetime.fromisoformat(row["updated"]) for ref in refs for row in ref.rows).replace(microsecond=0)
