"""Generate every published file from the store and write it atomically, leaving unchanged files untouched.

The folder: `atom.xml`, `rss.xml`, `feed.json` (combined) and the same three under `sources/<id>/`,
`lang/<code>/` and `kinds/<kind>/`; `archive/atom-<n>.xml` and `archive/rss-<n>.xml` (RFC 5005 pages of
older releases); `events.ics`; `feeds.opml`; `index.html`; `feed.xsl`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pressroom.config import Config
from pressroom.feeds import atom, html, ical, jsonfeed, opml, rss, xsl
from pressroom.feeds.common import kind_label
from pressroom.models import Entry, FeedMeta
from pressroom.store import Store, utc_now
from pressroom.urls import release_id

Builder = Callable[[FeedMeta, Sequence[Entry]], bytes]
FORMATS: dict[str, tuple[str, Builder]] = {
    "atom.xml": ("atom", atom.build),
    "rss.xml": ("rss", rss.build),
    "feed.json": ("json", jsonfeed.build),
}
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
    changed_feeds: list[str] = field(default_factory=list)  # absolute URLs of rewritten feeds, for WebSub


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


@dataclass(frozen=True)
class Visible:
    """What may be published at one moment: the window size and the embargoes still in force."""

    limit: int
    now: datetime
    hidden: tuple[str, ...]

    @classmethod
    def at(cls, config: Config, now: datetime) -> Visible:
        hidden = tuple(release_id(url) for url, until in config.embargoes if until > now)
        return cls(config.publish.items, now, hidden)

    def select(self, store: Store) -> Callable[..., list[Entry]]:
        """`store.entries` limited to the window and to what no embargo holds back."""
        return partial(store.entries, self.limit, now=self.now, hidden=self.hidden)


def feed_slices(config: Config, store: Store, visible: Visible) -> Iterator[FeedSlice]:
    """The combined feeds first, then each source's, each language's and each kind's."""
    room = config.newsroom
    select = visible.select(store)
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


class Generator:
    """Turns the store into (relative path, bytes) pairs; knows the URLs everything will be served at."""

    def __init__(self, config: Config, store: Store, now: datetime) -> None:
        self.config = config
        self.store = store
        self.visible = Visible.at(config, now)
        self.base = config.newsroom.base_url
        # Same origin as the feeds (browsers refuse cross-origin XSLT), wherever base_url puts the folder.
        self.stylesheet = urlsplit(self.base).path.rstrip("/") + "/feed.xsl"
        self.entries = 0  # releases in the combined feeds, known once files() has run

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def meta(self, path: str, piece: FeedSlice, **extra: object) -> FeedMeta:
        return FeedMeta(
            id=self.url(path),
            title=piece.title,
            self_url=self.url(path),
            home_url=self.base,
            language=piece.language,
            subtitle=piece.subtitle,
            stylesheet=self.stylesheet,
            hub=self.config.publish.websub_hub,
            **extra,  # type: ignore[arg-type]
        )

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Every published file."""
        slices = list(feed_slices(self.config, self.store, self.visible))
        self.entries = len(slices[0].entries)
        archives = self.archive_count()
        links: list[opml.FeedLink] = []
        for piece in slices:
            for name, (kind, build) in FORMATS.items():
                path = piece.prefix + name
                extra = {}
                if not piece.prefix and archives and kind != "json":
                    extra["links"] = (("prev-archive", self.url(f"archive/{kind}-{archives}.xml")),)
                yield path, build(self.meta(path, piece, **extra), piece.entries)
                links.append(opml.FeedLink(piece.title, self.url(path), kind, self.base))
        yield from self.archive_files(slices[0], archives)
        combined = slices[0]
        calendar = replace(combined, title=f"{combined.title}: events")
        yield "events.ics", ical.build(self.meta("events.ics", calendar), combined.entries)
        yield "feeds.opml", opml.build(self.config.newsroom.title, links)
        everything = [
            *links,
            opml.FeedLink(calendar.title, self.url("events.ics"), "ics", self.base),
            opml.FeedLink(f"{combined.title}: all feeds", self.url("feeds.opml"), "opml", self.base),
        ]
        page = FeedMeta(self.base, combined.title, self.base, self.base, combined.language, combined.subtitle)
        yield "index.html", html.build(page, combined.entries, everything, self.health(), self.visible.now)
        yield "feed.xsl", xsl.stylesheet()

    def archive_count(self) -> int:
        """Complete RFC 5005 archive pages: every full page of `items` releases, counted from the oldest."""
        total = self.store.count_entries(now=self.visible.now, hidden=self.visible.hidden)
        return total // self.visible.limit if total > self.visible.limit else 0

    def archive_files(self, combined: FeedSlice, pages: int) -> Iterator[tuple[str, bytes]]:
        """Archive page n holds releases (n-1)*items+1 … n*items by age; a full page never changes again."""
        select = self.visible.select(self.store)
        for number in range(1, pages + 1):
            older = select(offset=(number - 1) * self.visible.limit, oldest_first=True)
            for kind, build in (("atom", atom.build), ("rss", rss.build)):
                path = f"archive/{kind}-{number}.xml"
                links = [("current", self.url(f"{'atom.xml' if kind == 'atom' else 'rss.xml'}"))]
                if number > 1:
                    links.append(("prev-archive", self.url(f"archive/{kind}-{number - 1}.xml")))
                if number < pages:
                    links.append(("next-archive", self.url(f"archive/{kind}-{number + 1}.xml")))
                piece = replace(combined, title=f"{combined.title} (archive {number})")
                meta = self.meta(path, piece, links=tuple(links), archive=True)
                yield path, build(meta, list(reversed(older)))

    def health(self) -> list[html.SourceHealth]:
        """Each configured source's last crawl, for the newsroom page."""
        states = self.store.source_states()
        rows = []
        for src in self.config.sources:
            state = states.get(src.id)
            rows.append(
                html.SourceHealth(
                    id=src.id,
                    name=src.name,
                    url=src.url,
                    status=state.status if state else None,
                    reason=state.reason if state else None,
                    last_success=state.last_success if state else None,
                    releases=state.releases if state else 0,
                )
            )
        return rows


def publish(config: Config, store: Store, out_dir: Path, now: datetime | None = None) -> PublishReport:
    """Write every file under `out_dir`; each write is atomic, so readers only ever see whole files."""
    generator = Generator(config, store, now or utc_now())
    report = PublishReport()
    # A run killed mid-write leaves its temporary files behind; the store lock says none is ours now.
    if out_dir.exists():
        for stale in out_dir.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    for relpath, data in generator.files():
        path = out_dir / relpath
        if write_atomic(path, data):
            report.written.append(path)
            if path.suffix in (".xml", ".json") and relpath.split("/")[0] != "archive":
                report.changed_feeds.append(generator.url(relpath))
        else:
            report.unchanged.append(path)
    report.entries = generator.entries
    return report
