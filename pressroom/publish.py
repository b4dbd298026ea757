"""Generate every published file from the store and write it atomically, leaving unchanged files untouched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from pressroom.config import Config
from pressroom.feeds import atom, rss
from pressroom.models import Entry, FeedMeta
from pressroom.store import Store

Builder = Callable[[FeedMeta, Sequence[Entry]], bytes]
FORMATS: dict[str, Builder] = {"atom.xml": atom.build, "rss.xml": rss.build}


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


def generate(config: Config, store: Store, combined: list[Entry]) -> Iterator[tuple[str, bytes]]:
    """Every published file as (relative path, bytes): the combined feeds, then each source's."""
    room = config.newsroom
    limit = config.publish.items
    yield from _feed_files("", combined, room.title, room.description, room.language, config)
    for src in config.sources:
        entries = store.entries(limit, source=src.id)
        subtitle = f"Releases from {src.name}, collected by {room.title}"
        yield from _feed_files(
            f"sources/{src.id}/", entries, f"{src.name} · {room.title}", subtitle, src.language or room.language, config
        )


def _feed_files(
    prefix: str, entries: list[Entry], title: str, subtitle: str, language: str, config: Config
) -> Iterator[tuple[str, bytes]]:
    base = config.newsroom.base_url
    for name, build in FORMATS.items():
        path = prefix + name
        meta = FeedMeta(
            id=urljoin(base, path),
            title=title,
            self_url=urljoin(base, path),
            home_url=base,
            language=language,
            subtitle=subtitle or f"Releases from {title}",
        )
        yield path, build(meta, entries)


def publish(config: Config, store: Store, out_dir: Path) -> PublishReport:
    """Write every file under `out_dir`; each write is atomic, so readers only ever see whole files."""
    combined = store.entries(config.publish.items)
    report = PublishReport(entries=len(combined))
    for relpath, data in generate(config, store, combined):
        path = out_dir / relpath
        (report.written if write_atomic(path, data) else report.unchanged).append(path)
    return report
