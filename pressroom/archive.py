"""Where the RFC 5005 archive pages stand: which statements each complete page holds, and which pages may differ.

Page n holds statements (n-1)*items+1 … n*items by age (first posting, then group id); only complete pages exist.
A complete page never changes again unless one of its statements does, so an ordinary publish (new releases,
newest first) looks only at what the store changed since the last publish (`Store.changed_groups`) and at the
statements after the last page; it re-reads the whole history only when a change reaches an archived statement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pressroom.store import Store
from pressroom.storeread import EntryRef, Key, Visibility


@dataclass
class Layout:
    """The complete pages: each one's last key, and the statements of every page that must be looked at."""

    pages: int
    lasts: dict[int, Key] = field(default_factory=dict)  # page -> its last statement's key (when known)
    groups: dict[int, list[str]] = field(default_factory=dict)  # page -> its statements, for pages to check
    revisions: dict[int, list[str]] = field(default_factory=dict)  # page -> their revisions, when already known
    refs: dict[int, list[EntryRef]] = field(default_factory=dict)  # page -> their references, when already read

    def state(self, store: Store, seq: int, salt: str, now: datetime) -> dict[str, Any]:
        """What the next publish needs to resume from this layout (kept in the manifest; the same when nothing
        changed, so an unchanged publish leaves the manifest as it was)."""
        last = self.lasts.get(self.pages)
        ended, pending = store.embargo_bounds(now)
        return {"seq": seq, "salt": salt, "pages": self.pages, "last": last, "ended": ended, "pending": pending}


# Up to this many stored postings, the one pass over the history keeps every statement's reference for its page (a
# query per page saved); past it, only their revisions, and each page reads its statements again when it is built.
KEEP_REFS_UP_TO = 20_000


def full(store: Store, visible: Visibility, limit: int) -> Layout:
    """The layout from one pass over the whole history: every page to check against its fingerprint."""
    keep = store.count() <= KEEP_REFS_UP_TO
    history = store.history(visible, refs=keep)
    pages = len(history) // limit if len(history) > limit else 0
    layout = Layout(pages)
    for number in range(1, pages + 1):
        chunk = history[(number - 1) * limit : number * limit]
        layout.lasts[number] = chunk[-1][0]
        layout.groups[number] = [key[1] for key, _ in chunk]
        if keep:
            refs: list[EntryRef] = [ref for _, ref in chunk]  # type: ignore[misc]
            layout.refs[number] = refs
            layout.revisions[number] = [ref.revision for ref in refs]
        else:
            layout.revisions[number] = [revision for _, revision in chunk]  # type: ignore[misc]
    return layout


def incremental(
    store: Store,
    visible: Visibility,
    limit: int,
    state: dict[str, Any] | None,
    salt: str,
    last_of: Callable[[int], Key | None],
) -> Layout | None:
    """The layout when no archived statement changed since the publish that left `state`; else None.

    `last_of(n)` is the last key of page n as the last publish recorded it.
    """
    if not _resumable(store, visible, state, salt):
        return None
    assert state is not None and visible.now is not None
    pages, last = state["pages"], (state["last"][0], state["last"][1])
    # Embargoes that ended since: every one from the earliest then pending up to now.
    now = visible.now.astimezone(UTC).isoformat()
    lapsed = (state["pending"], now) if state["pending"] and state["pending"] <= now else None
    touched = store.changed_groups(state["seq"], lapsed)
    # A changed statement that sorts into the archived range changes a page (or shifts all later ones).
    if any(key <= last for key in store.group_keys(touched, visible).values()):
        return None
    tail = store.groups_between(last, None, visible)
    # Every changed statement is past the last page now; had one been archived before, a page would be short.
    if store.group_count(visible) - len(tail) != pages * limit:
        return None
    layout = Layout(pages + len(tail) // limit, lasts={pages: last})
    for number in range(pages + 1, layout.pages + 1):
        chunk = tail[(number - pages - 1) * limit : (number - pages) * limit]
        layout.lasts[number] = chunk[-1]
        layout.groups[number] = [gid for _, gid in chunk]
    if layout.pages > pages:
        # The last publish's newest page now links to a next one.
        layout.groups[pages] = page_groups(store, visible, last_of(pages - 1), last)
    return layout


def page_groups(store: Store, visible: Visibility, after: Key | None, last: Key) -> list[str]:
    """The statements of the page that ends at `last`, the previous one ending at `after` (None for page 1)."""
    return [gid for _, gid in store.groups_between(after, last, visible)]


def _resumable(store: Store, visible: Visibility, state: dict[str, Any] | None, salt: str) -> bool:
    """Whether `state` describes this store's archive as published with the same settings, time moving forward."""
    try:
        return bool(
            state
            and state["salt"] == salt
            and state["pages"] >= 1
            and isinstance(state["last"], list)
            and visible.now is not None
            # Time moving back past an ended embargo would hide a release again.
            and (not state["ended"] or datetime.fromisoformat(state["ended"]) <= visible.now)
            and 0 <= state["seq"] <= store.change_mark()
        )
    except (KeyError, TypeError, ValueError):
        return False
