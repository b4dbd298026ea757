"""Each entry's bytes in each format, rendered once and spliced into every feed that carries it.

A feed file is its frame (`pressroom.feeds.render`) with its entries' bytes spliced in. Those bytes follow from the
entry's revision, so they are rendered once per revision and kept in the store (`pressroom.storeparts`): a publish
renders only new and changed entries, whichever folder it writes. Within a publish, an entry missing from the store
is decoded and rendered once, in every format a feed still to be built wants it in (`want`), and its bytes are kept
in memory until the last of those feeds is built.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime

from pressroom.feeds import extension, jsonfeed
from pressroom.feeds.common import EPOCH, fallback_author, xml_text
from pressroom.feeds.decorate import reparses
from pressroom.feeds.render import atom_frame, atom_part, rss_frame, rss_part, splice
from pressroom.forking import can_fork
from pressroom.models import Entry, FeedMeta
from pressroom.store import Store
from pressroom.storeparts import PartRow
from pressroom.storeread import EntryRef

logger = logging.getLogger(__name__)

# One part to render: the entry, its fallback author, the format and whether it settles.
Piece = tuple[Entry, str, str, bool]
# What each format's entry is rendered with: (entry, fallback author, settle) -> bytes.
MAKERS: dict[str, Callable[[Entry, str, bool], bytes]] = {
    "atom": atom_part,
    "rss": rss_part,
    "json": lambda entry, fallback, settle: jsonfeed.part(entry, fallback),
}
# Newly rendered bytes wait in memory up to about this much before they are saved to the store.
SAVE_EVERY = 8 << 20


class Parts:
    """The entries' bytes of one publish: kept from this publish, found in the store, or rendered (and stored)."""

    def __init__(self, store: Store, code: str, limit: int = 64 << 20) -> None:
        """`code`: the digest of the rendering code; stored parts made by other code are not used."""
        self.store = store
        self.code = code
        self.limit = limit
        self.size = 0
        # (format, revision, settle) -> (fallback author it was rendered with, bytes), kept while a feed still to be
        # built wants it (`want`); oldest first out past `limit`, as a guard.
        self.kept: dict[tuple[str, str, bool], tuple[str, bytes]] = {}
        self.wanted: Counter[tuple[str, str]] = Counter()
        self.stored = store.parts_code() == code
        self.new: list[PartRow] = []
        self.new_size = 0
        self.saving = True
        # Rendering stays in this process unless the publish hands its helper process over (`RenderHelper`).
        self.helper = RenderHelper(None)

    def worth_a_helper(self) -> bool:
        """Whether at least FORK_AT of the parts wanted so far are not in the store (to be rendered)."""
        if len(self.wanted) < FORK_AT:
            return False
        # A store holding as many parts as are wanted most likely holds them all: they are not looked up one by one.
        if self.stored and self.store.part_count(len(self.wanted)) >= len(self.wanted):
            return False
        held = self.store.stored_keys({revision for _, revision in self.wanted}) if self.stored else set()
        return sum(1 for key in self.wanted if key not in held) >= FORK_AT

    def want(self, fmt: str, revisions: Sequence[str]) -> None:
        """Note that a feed to be built in this publish carries these entries in `fmt`."""
        self.wanted.update((fmt, revision) for revision in revisions)

    def feed(self, fmt: str, meta: FeedMeta, refs: Sequence[EntryRef], formats: Sequence[str]) -> bytes:
        """The file's bytes: entries found nowhere are rendered, also in those of `formats` a later feed wants."""
        decorated = reparses(meta)
        settle = _settles(decorated, fmt)
        title = xml_text(meta.title)
        revisions = [ref.revision for ref in refs]
        pieces = self._pieces(fmt, settle, title, revisions)
        if None in pieces:
            # What the store holds of the missing entries, in every format still wanted (read in one go).
            self._load([r for r, got in zip(revisions, pieces, strict=True) if got is None], title, decorated, formats)
            pieces = self._pieces(fmt, settle, title, revisions)
        if None in pieces:
            missing = [ref for ref, got in zip(refs, pieces, strict=True) if got is None]
            made = self._render(missing, title, decorated, fmt, formats)
            pieces = [made[revision] if got is None else got for revision, got in zip(revisions, pieces, strict=True)]
        self._used(fmt, settle, revisions)
        return splice(_frame(fmt, meta, refs), pieces, fmt)  # type: ignore[arg-type]

    def save(self) -> None:
        """Store what was rendered since the last save; a store that cannot take it costs only renders later."""
        rows, self.new, self.new_size = self.new, [], 0
        if not rows or not self.saving:
            return
        try:
            self.store.save_parts(rows, self.code)
        except sqlite3.Error as exc:
            # Not a warning: whatever stops the store from taking them (a full disk) is reported where it matters.
            logger.info("rendered entries not kept in the store (%s): the next publish renders them again", exc)
            self.saving = False
        else:
            self.stored = True

    def _pieces(self, fmt: str, settle: bool, title: str, revisions: Sequence[str]) -> list[bytes | None]:
        """Each entry's bytes kept in memory, or None (a part made for another feed title does not fit)."""
        kept = self.kept.get
        pieces: list[bytes | None] = []
        for revision in revisions:
            part = _fits(kept((fmt, revision, settle)), title)
            pieces.append(None if part is None else part[1])
        return pieces

    def _load(self, revisions: Sequence[str], title: str, decorated: bool, formats: Sequence[str]) -> None:
        """Keep the stored parts of `revisions` that a feed still to be built wants."""
        wanted = self.wanted
        # Only the formats a feed still wants them in: an archived entry is read in Atom and RSS, not in JSON.
        variants = [
            (other, _settles(decorated, other))
            for other in formats
            if any(wanted[(other, revision)] for revision in revisions)
        ]
        if self.stored and variants:
            for key, part in self.store.stored_parts(revisions, variants, title).items():
                self._keep(key, part)

    def _render(
        self, refs: Sequence[EntryRef], title: str, decorated: bool, fmt: str, formats: Sequence[str]
    ) -> dict[str, bytes]:
        """Decode and render `refs` in `fmt`, and in those of `formats` they are not kept in, for the next feeds.

        `decorated`: whether the feeds' XML documents are decorated (JSON items never settle).
        """
        work: list[Piece] = []
        slots = {ref.revision: _slot(ref) for ref in refs}
        for entry in self.store.load(refs):
            fallback = fallback_author(entry, title)
            work.append((entry, fallback, fmt, _settles(decorated, fmt)))
            for other in formats:
                other_settle = _settles(decorated, other)
                if other == fmt or not self.wanted[(other, entry.revision)]:
                    continue
                if _fits(self.kept.get((other, entry.revision, other_settle)), title) is None:
                    work.append((entry, fallback, other, other_settle))
        made: dict[str, bytes] = {}
        for (entry, fallback, kind, settle), data in zip(work, self.helper.render(work), strict=True):
            if kind == fmt:
                made[entry.revision] = data
            self._keep((kind, entry.revision, settle), (fallback, data))
            self.new.append((slots[entry.revision], entry.revision, kind, settle, fallback, data))
            self.new_size += len(data)
        if self.new_size >= SAVE_EVERY:
            self.save()
        return made

    def _used(self, fmt: str, settle: bool, revisions: Sequence[str]) -> None:
        """A feed that wanted these parts is built: past the last such feed, a part is not kept any longer."""
        wanted, kept = self.wanted, self.kept
        for revision in revisions:
            left = wanted.pop((fmt, revision), 0) - 1
            if left > 0:
                wanted[(fmt, revision)] = left
                continue
            dropped = kept.pop((fmt, revision, settle), None)
            if dropped is not None:
                self.size -= len(dropped[1])

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


# A publish forks its helper only when at least this many parts are not in the store (to be rendered): the fork, the
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
    if wanted and can_fork():
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


def _settles(decorated: bool, fmt: str) -> bool:
    """Whether a part in `fmt` is rendered as a decorated document's re-parse writes it (JSON items never are)."""
    return decorated and fmt != "json"


def _fits(part: tuple[str, bytes] | None, title: str) -> tuple[str, bytes] | None:
    """The part, unless it was rendered with a fallback author (an entry crediting nobody) for another feed title."""
    return None if part is None or (part[0] and part[0] != title) else part


def _slot(ref: EntryRef) -> str:
    """What the store replaces a part by: the entry's id with its postings (see `pressroom.storeparts`)."""
    postings = "|".join(f"{row['id']} {row['source']}" for row in ref.rows)
    return hashlib.blake2b(f"{ref.id}|{postings}".encode(), digest_size=16).hexdigest()


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
