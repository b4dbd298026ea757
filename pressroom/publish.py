"""Generate every published file from the store and write it atomically, leaving unchanged files untouched.

The folder: `atom.xml`, `rss.xml`, `feed.json` (combined) and the same three under `sources/<id>/`,
`lang/<code>/` and `kinds/<kind>/`; `archive/atom-<n>.xml` and `archive/rss-<n>.xml` (RFC 5005 pages of
older releases); `events.ics`; `feeds.opml`; `index.html`; `feed.xsl`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pressroom
from pressroom.config import Config
from pressroom.feeds import atom, extension, html, ical, jsonfeed, opml, rss, xsl
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
# Fingerprints of each feed's inputs and digests of what was written, so unchanged feeds are not rebuilt.
MANIFEST = ".pressroom-manifest.json"
MANIFEST_VERSION = 1
# The code that turns entries into bytes: a change to any of it (or to these libraries) invalidates every fingerprint.
_RENDERING_MODULES = ("pressroom.publish", "pressroom.models", "pressroom.page", "pressroom.store")
_RENDERING_LIBRARIES = ("feedgen", "lxml", "nh3")
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português", "de": "Deutsch"}


@dataclass(frozen=True)
class FeedSlice:
    """One set of feeds (every format) over a selection of releases: all, one source, one language, one kind."""

    prefix: str  # "" or "sources/<id>/", "lang/<code>/", "kinds/<kind>/"
    title: str
    subtitle: str
    language: str
    entries: list[Entry]


@dataclass(frozen=True)
class Job:
    """One published file: its path, a fingerprint of everything its bytes depend on, and how to make them.

    `inputs` is None for files that depend on more than stored entries (the page shows the time and partner
    health), which are always rebuilt and compared.
    """

    path: str
    inputs: str | None
    build: Callable[[], bytes]


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


def feed_slices(
    config: Config, store: Store, visible: Visible, memo: dict[tuple[str, ...], Entry] | None = None
) -> Iterator[FeedSlice]:
    """The combined feeds first, then each source's, each language's and each kind's."""
    room = config.newsroom
    select = partial(visible.select(store), memo=memo)
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
        self.entries = 0  # releases in the combined feeds, known once jobs() has run

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

    def fingerprint(self, path: str, meta: FeedMeta, revisions: Sequence[str]) -> str:
        """A digest of what a feed file's bytes follow from: the rendering code, its meta and its entries."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{_code_digest()}\n{path}\n{meta!r}\n".encode())
        digest.update("\n".join(revisions).encode())
        return digest.hexdigest()

    def jobs(self) -> Iterator[Job]:
        """Every published file as a Job, in publishing order."""
        # Entries decoded once per publish and shared by every feed they appear in.
        memo: dict[tuple[str, ...], Entry] = {}
        slices = list(feed_slices(self.config, self.store, self.visible, memo))
        self.entries = len(slices[0].entries)
        history = self.store.history(now=self.visible.now, hidden=self.visible.hidden)
        archives = self.archive_count(len(history))
        links: list[opml.FeedLink] = []
        for piece in slices:
            revisions = [e.revision for e in piece.entries]
            for name, (kind, build) in FORMATS.items():
                path = piece.prefix + name
                extra = {}
                if not piece.prefix and archives and kind != "json":
                    extra["links"] = (("prev-archive", self.url(f"archive/{kind}-{archives}.xml")),)
                meta = self.meta(path, piece, **extra)
                inputs = self.fingerprint(path, meta, revisions) if all(revisions) else None
                yield Job(path, inputs, partial(build, meta, piece.entries))
                links.append(opml.FeedLink(piece.title, self.url(path), kind, self.base))
        yield from self.archive_jobs(slices[0], history, archives)
        extension.forget()
        combined = slices[0]
        calendar = replace(combined, title=f"{combined.title}: events")
        calendar_meta = self.meta("events.ics", calendar)
        yield Job("events.ics", None, lambda: ical.build(calendar_meta, combined.entries))
        yield Job("feeds.opml", None, lambda: opml.build(self.config.newsroom.title, links))
        everything = [
            *links,
            opml.FeedLink(calendar.title, self.url("events.ics"), "ics", self.base),
            opml.FeedLink(f"{combined.title}: all feeds", self.url("feeds.opml"), "opml", self.base),
        ]
        page = FeedMeta(self.base, combined.title, self.base, self.base, combined.language, combined.subtitle)
        yield Job(
            "index.html",
            None,
            lambda: html.build(page, combined.entries, everything, self.health(), self.visible.now),
        )
        yield Job("feed.xsl", None, xsl.stylesheet)

    def archive_count(self, total: int) -> int:
        """Complete RFC 5005 archive pages: every full page of `items` releases, counted from the oldest."""
        return total // self.visible.limit if total > self.visible.limit else 0

    def archive_jobs(self, combined: FeedSlice, history: list[tuple[str, str]], pages: int) -> Iterator[Job]:
        """Archive page n holds releases (n-1)*items+1 … n*items by age; a full page never changes again."""
        limit = self.visible.limit
        for number in range(1, pages + 1):
            # Pages are cut from the one ordered history query rather than an OFFSET query each.
            page = history[(number - 1) * limit : number * limit]
            # Each archive entry appears on one page only: keeping earlier pages' cached facts would only hold memory.
            extension.forget()
            revisions = [f"{gid} {revision}" for gid, revision in page]
            older = _Lazy(self, [gid for gid, _ in page])
            for kind, build in (("atom", atom.build), ("rss", rss.build)):
                path = f"archive/{kind}-{number}.xml"
                links = [("current", self.url(f"{kind}.xml"))]
                if number > 1:
                    links.append(("prev-archive", self.url(f"archive/{kind}-{number - 1}.xml")))
                if number < pages:
                    links.append(("next-archive", self.url(f"archive/{kind}-{number + 1}.xml")))
                piece = replace(combined, title=f"{combined.title} (archive {number})")
                meta = self.meta(path, piece, links=tuple(links), archive=True)
                yield Job(path, self.fingerprint(path, meta, revisions), partial(_build_page, build, meta, older))

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


class _Lazy:
    """An archive page's entries, read from the store the first time a format needs them (never, when skipped)."""

    def __init__(self, generator: Generator, group_ids: list[str]) -> None:
        self.generator = generator
        self.group_ids = group_ids
        self.entries: list[Entry] | None = None

    def get(self) -> list[Entry]:
        if self.entries is None:
            visible = self.generator.visible
            found = self.generator.store.group_entries(self.group_ids, now=visible.now, hidden=visible.hidden)
            self.entries = list(reversed(found))
        return self.entries


def _build_page(build: Builder, meta: FeedMeta, older: _Lazy) -> bytes:
    return build(meta, older.get())


@cache
def _code_digest() -> str:
    """A digest of the source of every module that renders feeds, and of the rendering libraries' versions."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(pressroom.__version__.encode())
    names = sorted({*_RENDERING_MODULES, *(n for n in sys.modules if n.startswith("pressroom.feeds"))})
    for name in names:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        if source:
            digest.update(name.encode() + Path(source).read_bytes())
    for library in _RENDERING_LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library} {metadata.version(library)}".encode())
    return digest.hexdigest()


def _read_manifest(path: Path) -> dict[str, dict[str, object]]:
    """The previous publish's manifest; anything unreadable counts as none, so everything is rebuilt."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def _intact(path: Path, record: dict[str, object]) -> bool:
    """Whether the file still holds what the manifest says was written."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != record.get("size"):
        return False
    # An untouched file keeps its mtime; anything else is checked by content.
    if stat.st_mtime_ns == record.get("mtime_ns"):
        return True
    return hashlib.sha256(path.read_bytes()).hexdigest() == record.get("digest")


def publish(config: Config, store: Store, out_dir: Path, now: datetime | None = None) -> PublishReport:
    """Write every file under `out_dir`; each write is atomic, so readers only ever see whole files."""
    generator = Generator(config, store, now or utc_now())
    report = PublishReport()
    # A run killed mid-write leaves its temporary files behind; the store lock says none is ours now.
    if out_dir.exists():
        for stale in out_dir.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    previous = _read_manifest(out_dir / MANIFEST)
    recorded: dict[str, dict[str, object]] = {}
    try:
        for job in generator.jobs():
            path = out_dir / job.path
            record = previous.get(job.path)
            if job.inputs is not None and record and record.get("inputs") == job.inputs and _intact(path, record):
                # Same inputs, same file: the bytes would come out the same, so they are not made at all.
                report.unchanged.append(path)
                recorded[job.path] = record
                continue
            data = job.build()
            if write_atomic(path, data):
                report.written.append(path)
                if path.suffix in (".xml", ".json") and job.path.split("/")[0] != "archive":
                    report.changed_feeds.append(generator.url(job.path))
            else:
                report.unchanged.append(path)
            if job.inputs is not None:
                stat = path.stat()
                recorded[job.path] = {
                    "inputs": job.inputs,
                    "digest": hashlib.sha256(data).hexdigest(),
                    "size": stat.st_size,
                    "mtime_ns": stat.st_mtime_ns,
                }
    finally:
        extension.forget()
    manifest = {"version": MANIFEST_VERSION, "files": recorded}
    # Reported like any other file, so "N written, M unchanged" accounts for everything in the folder.
    if write_atomic(out_dir / MANIFEST, (json.dumps(manifest, indent=0, sort_keys=True) + "\n").encode()):
        report.written.append(out_dir / MANIFEST)
    else:
        report.unchanged.append(out_dir / MANIFEST)
    report.entries = generator.entries
    return report
