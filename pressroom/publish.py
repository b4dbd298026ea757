"""Generate every published file from the store and write it atomically, leaving unchanged files untouched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import urljoin

from pressroom.config import Config
from pressroom.feeds import atom, rss
from pressroom.feeds.common import kind_label
from pressroom.models import Entry, FeedMeta
from pressroom.store import Store, utc_now
from pressroom.urls import release_id

Builder = Callable[[FeedMeta, Sequence[Entry]], bytes]
FORMATS: dict[str, Builder] = {"atom.xml": atom.build, "rss.xml": rss.build}
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português", "de": "Deutsch"}


@dataclass(frozen=True)
class FeedSlice:
    """One set of feeds (every format) over a selection of releases: all, one source, one language, one kind."""

    prefix: str  # "" or "sources/<id>/", "lang/<code>/", "kinds/<kind>/"
    title: str
    subtitle: str
    language: str
    entries: list[Entry]


@dataclass
class PublishReport:
    """Which files a publish wrote and which already held the same bytes."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    entries: int = 0


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temporary file and rename; False (and no write) when the bytes are the same."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def visible_entries(config: Config, store: Store, now: datetime) -> Callable[..., list[Entry]]:
    """`store.entries` limited to the window and to releases no embargo holds back at `now`."""
    hidden = [release_id(url) for url, until in config.embargoes if until > now]
    return partial(store.entries, config.publish.items, now=now, hidden=hidden)


def feed_slices(config: Config, store: Store, now: datetime) -> Iterator[FeedSlice]:
    """The combined feeds first, then each source's, each language's and each kind's."""
    room = config.newsroom
    select = visible_entries(config, store, now)
    yield FeedSlice("", room.title, room.description or f"Releases from {room.title}", room.language, select())
    for src in config.sources:
        yield FeedSlice(
            f"sources/{src.id}/",
            f"{src.name} · {room.title}",
            f"Releases from {src.name}, collected by {room.title}",
            src.language or room.language,
            select(source=src.id),
        )
    for code in store.facets("language"):
        name = LANGUAGE_NAMES.get(code, code)
        yield FeedSlice(f"lang/{code}/", f"{room.title} ({name})", f"Releases in {name}", code, select(language=code))
    for kind in store.facets("kind"):
        label = kind_label(kind)
        yield FeedSlice(
            f"kinds/{kind}/",
            f"{room.title}: {label}",
            f"{label} releases from {room.title}",
            room.language,
            select(kind=kind),
        )


def generate(config: Config, slices: Sequence[FeedSlice]) -> Iterator[tuple[str, bytes]]:
    """Every published file as (relative path, bytes)."""
    base = config.newsroom.base_url
    for piece in slices:
        for name, build in FORMATS.items():
            path = piece.prefix + name
            meta = FeedMeta(
                id=urljoin(base, path),
                title=piece.title,
                self_url=urljoin(base, path),
                home_url=base,
                language=piece.language,
                subtitle=piece.subtitle,
            )
            yield path, build(meta, piece.entries)


def publish(config: Config, store: Store, out_dir: Path, now: datetime | None = None) -> PublishReport:
    """Write every file under `out_dir`; each write is atomic, so readers only ever see whole files."""
    slices = list(feed_slices(config, store, now or utc_now()))
    report = PublishReport(entries=len(slices[0].entries))
    for relpath, data in generate(config, slices):
        path = out_dir / relpath
        (report.written if write_atomic(path, data) else report.unchanged).append(path)
    return report
