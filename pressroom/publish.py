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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, partial
from importlib import metadata
from itertools import chain
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pressroom
from pressroom import archive
from pressroom.config import Config
from pressroom.feeds import extension, html, ical, opml, xsl
from pressroom.feeds.common import kind_label
from pressroom.manifest import NAME, Manifest, intact
from pressroom.models import FeedMeta
from pressroom.parts import Parts, RenderHelper, helper_pool
from pressroom.share import FILE_COST, Outcome, oldest_share, shared
from pressroom.store import Store, utc_now
from pressroom.storeread import EntryRef, Visibility
from pressroom.urls import release_id

# Each feed file name and its format.
FORMATS: dict[str, str] = {"atom.xml": "atom", "rss.xml": "rss", "feed.json": "json"}
# Fingerprints of each feed's inputs and digests of what was written, so unchanged feeds are not rebuilt.
MANIFEST = NAME
# The code that turns entries into bytes: a change to any of it (or to these libraries) invalidates every fingerprint.
_RENDERING_MODULES = (
    "pressroom.publish",
    "pressroom.parts",
    "pressroom.archive",
    "pressroom.models",
    "pressroom.page",
    "pressroom.store",
    "pressroom.storeread",
    "pressroom.manifest",
)
_RENDERING_LIBRARIES = ("feedgen", "lxml", "nh3", "icalendar")
# Files made ahead of the writer threads at most (their bytes wait in memory).
_WRITES_AHEAD = 8
# Threads writing them: each file is synced to disk before it replaces the old one, and syncs made together finish
# together (a publish into an empty folder waited on one thread's syncs for a sixth of its time).
WRITERS = 3
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português", "de": "Deutsch"}


@dataclass(frozen=True)
class FeedSlice:
    """One set of feeds (every format) over a selection of releases: all, one source, one language, one kind."""

    prefix: str  # "" or "sources/<id>/", "lang/<code>/", "kinds/<kind>/"
    title: str
    subtitle: str
    language: str
    refs: list[EntryRef]


@dataclass(frozen=True)
class Job:
    """One published file: its path, a fingerprint of everything its bytes depend on, and how to make them.

    `inputs` is None for files that depend on more than stored entries (the page shows the time and partner
    health), which are always rebuilt and compared. `keep` goes into the file's manifest record.
    """

    path: str
    inputs: str | None
    build: Callable[[], bytes]
    keep: dict[str, object] = field(default_factory=dict)
    uses: tuple[str, Sequence[str]] | None = None  # the format and revisions of the entries it splices in


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
        # A different size settles it without reading the file.
        if path.stat().st_size == len(data) and path.read_bytes() == data:
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

    @property
    def rule(self) -> Visibility:
        return Visibility(self.now, self.hidden)


def combined_slice(config: Config, store: Store, visible: Visible) -> FeedSlice:
    """The combined feeds: every source's releases, a statement posted by several once."""
    room = config.newsroom
    refs = store.window(visible.limit, visible=visible.rule)
    return FeedSlice("", room.title, room.description or f"Releases from {room.title}", room.language, refs)


def other_slices(config: Config, store: Store, visible: Visible) -> Iterator[FeedSlice]:
    """Each source's feeds, each language's and each kind's."""
    room = config.newsroom
    select = partial(store.window, visible.limit, visible=visible.rule)
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

    def __init__(self, config: Config, store: Store, now: datetime, previous: Manifest, parts: Parts) -> None:
        self.config = config
        self.store = store
        self.visible = Visible.at(config, now)
        self.base = config.newsroom.base_url
        # Same origin as the feeds (browsers refuse cross-origin XSLT), wherever base_url puts the folder.
        self.stylesheet = urlsplit(self.base).path.rstrip("/") + "/feed.xsl"
        self.previous = previous
        self.parts = parts
        self.entries = 0  # releases in the combined feeds, known once archive() has run
        self.archive_state: dict[str, object] | None = None  # for the next publish, known once archive() has run
        self.combined: FeedSlice | None = None
        self.layout: archive.Layout | None = None

    def url(self, path: str) -> str:
        # base_url ends with "/" (config), so a plain relative path just follows it: no need for urljoin's parsing.
        if path.startswith(("/", ".")) or ":" in path:
            return urljoin(self.base, path)
        return self.base + path

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

    def archive(self) -> list[Job]:
        """The archive pages' jobs, from one look at the history (a publish may hand some to a helper at once)."""
        self.combined = combined_slice(self.config, self.store, self.visible)
        self.entries = len(self.combined.refs)
        self.layout = self.archive_layout(self.combined)
        return list(self.archive_jobs(self.combined, self.layout))

    def current_cost(self) -> int:
        """About how much work `current` holds, in entries (see `pressroom.share`): every feed full."""
        slices = 1 + len(self.config.sources) + len(self.store.facets("language")) + len(self.store.facets("kind"))
        return len(FORMATS) * slices * (FILE_COST + self.visible.limit)

    def current(self) -> Iterator[Job]:
        """The current feeds' jobs (every slice, every format), then the calendar, the OPML, the page, the stylesheet.

        `archive` runs first: the combined feed links to the newest archive page.
        """
        combined, layout = self.combined, self.layout
        assert combined is not None and layout is not None, "archive() runs first"
        links: list[opml.FeedLink] = []
        for piece in chain([combined], other_slices(self.config, self.store, self.visible)):
            revisions = [ref.revision for ref in piece.refs]
            for name, kind in FORMATS.items():
                path = piece.prefix + name
                extra = {}
                if not piece.prefix and layout.pages and kind != "json":
                    extra["links"] = (("prev-archive", self.url(f"archive/{kind}-{layout.pages}.xml")),)
                meta = self.meta(path, piece, **extra)
                build = partial(self.render, kind, meta, piece.refs, tuple(FORMATS.values()))
                yield Job(path, self.fingerprint(path, meta, revisions), build, uses=(kind, revisions))
                links.append(opml.FeedLink(piece.title, self.url(path), kind, self.base))
        entries = self.store.load(combined.refs)
        calendar = replace(combined, title=f"{combined.title}: events")
        calendar_meta = self.meta("events.ics", calendar)
        # The calendar follows from its meta and the combined entries alone (the page also from the time and health).
        revisions = [ref.revision for ref in combined.refs]
        yield Job(
            "events.ics",
            self.fingerprint("events.ics", calendar_meta, revisions),
            lambda: ical.build(calendar_meta, entries),
        )
        yield Job("feeds.opml", None, lambda: opml.build(self.config.newsroom.title, links))
        everything = [
            *links,
            opml.FeedLink(calendar.title, self.url("events.ics"), "ics", self.base),
            opml.FeedLink(f"{combined.title}: all feeds", self.url("feeds.opml"), "opml", self.base),
        ]
        page = FeedMeta(self.base, combined.title, self.base, self.base, combined.language, combined.subtitle)
        yield Job("index.html", None, lambda: html.build(page, entries, everything, self.health(), self.visible.now))
        yield Job("feed.xsl", None, xsl.stylesheet)

    def render(self, kind: str, meta: FeedMeta, refs: Sequence[EntryRef], formats: Sequence[str]) -> bytes:
        """A feed file's bytes."""
        return self.parts.feed(kind, meta, refs, formats)

    def archive_salt(self, combined: FeedSlice) -> str:
        """A digest of everything archive pages follow from besides their statements (settings, names, code)."""
        meta = self.meta("archive/", combined, archive=True)
        names = sorted(self.store.source_names().items())
        settings = [_code_digest(), self.visible.limit, list(self.visible.hidden), repr(meta), names]
        return hashlib.blake2b(json.dumps(settings).encode(), digest_size=20).hexdigest()

    def archive_layout(self, combined: FeedSlice) -> archive.Layout:
        """Where the archive pages stand; resumed from the last publish's state when nothing archived changed."""
        limit, rule = self.visible.limit, self.visible.rule
        salt = self.archive_salt(combined)
        seq = self.store.change_mark()
        layout = None
        state = self.previous.archive
        recorded = range(1, self.previous.pages() + 1)
        if state and all(self.previous.record_of(n, kind) for n in recorded for kind in ("atom", "rss")):
            layout = archive.incremental(self.store, rule, limit, state, salt, self.previous.last_of)
        if layout is None:
            layout = archive.full(self.store, rule, limit)
        self.archive_state = layout.state(self.store, seq, salt, self.visible.now)
        return layout

    def archive_jobs(self, combined: FeedSlice, layout: archive.Layout) -> Iterator[Job]:
        """Archive page n holds releases (n-1)*items+1 … n*items by age; a full page never changes again."""
        pages = layout.pages
        for number in range(1, pages + 1):
            groups = layout.groups.get(number)
            revisions = layout.revisions.get(number)
            refs = layout.refs.pop(number, None)
            if groups is not None and revisions is None:
                refs = self.store.group_refs(groups, self.visible.rule)
                revisions = [ref.revision for ref in refs]
            last = layout.lasts.get(number) or self.previous.last_of(number)
            page = _Page(self, number, refs, groups)
            for kind in ("atom", "rss"):
                path = f"archive/{kind}-{number}.xml"
                meta = partial(self.archive_meta, combined, number, pages, kind)
                if revisions is None:
                    # Unchanged since the last publish: its recorded fingerprint still holds (and no meta is
                    # made for it, so a publish does not slow down as the archive grows).
                    inputs = str(self.previous.record_of(number, kind)["inputs"])  # type: ignore[index]
                else:
                    inputs = self.fingerprint(path, meta(), revisions)
                keep = {"last": list(last)} if last else {}
                uses = (kind, revisions) if revisions is not None else None
                yield Job(path, inputs, partial(page.render, kind, meta), keep, uses)

    def archive_meta(self, combined: FeedSlice, number: int, pages: int, kind: str) -> FeedMeta:
        """What archive page `number` of `pages` says about itself in `kind` (atom, rss)."""
        path = f"archive/{kind}-{number}.xml"
        links = [("current", self.url(f"{kind}.xml"))]
        if number > 1:
            links.append(("prev-archive", self.url(f"archive/{kind}-{number - 1}.xml")))
        if number < pages:
            links.append(("next-archive", self.url(f"archive/{kind}-{number + 1}.xml")))
        piece = replace(combined, title=f"{combined.title} (archive {number})")
        return self.meta(path, piece, links=tuple(links), archive=True)

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


class _Page:
    """An archive page's statements, found the first time a format is built (never, when the page is kept)."""

    def __init__(self, generator: Generator, number: int, refs: list[EntryRef] | None, groups: list[str] | None):
        self.generator = generator
        self.number = number
        self.refs = refs
        self.groups = groups

    def render(self, kind: str, meta: Callable[[], FeedMeta]) -> bytes:
        """The page in `kind`, newest entry first."""
        gen = self.generator
        if self.refs is None:
            groups = self.groups
            if groups is None:
                # A kept page whose file went missing or was edited: its statements are found again by their keys.
                last = gen.previous.last_of(self.number)
                assert last is not None
                groups = archive.page_groups(gen.store, gen.visible.rule, gen.previous.last_of(self.number - 1), last)
            self.refs = gen.store.group_refs(groups, gen.visible.rule)
        # JSON too for the entries a current feed wants: they are decoded here already.
        return gen.render(kind, meta(), list(reversed(self.refs)), ("atom", "rss", "json"))


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


def _kept(job: Job, record: dict[str, object] | None, path: Path) -> bool:
    """Whether the file at `path` was made from the same inputs and still holds what was written."""
    return job.inputs is not None and record is not None and record.get("inputs") == job.inputs and intact(path, record)


def _write(path: Path, data: bytes) -> tuple[bool, str, os.stat_result]:
    """write_atomic, and the digest and stat the manifest records (all release the GIL for the bulk of the work)."""
    return write_atomic(path, data), hashlib.sha256(data).hexdigest(), path.stat()


def build_and_write(jobs: deque[Job], out_dir: Path) -> Iterator[Outcome]:
    """Make each job's bytes and write them, on writer threads while the next are made (a few files ahead at most).

    Jobs are taken off `jobs` as they are built, so what one read (an archive page's statements) is freed after it.
    """
    pending: deque[tuple[str, Future[tuple[bool, str, os.stat_result]]]] = deque()
    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="pressroom-write") as writer:
        while jobs:
            job = jobs.popleft()
            pending.append((job.path, writer.submit(_write, out_dir / job.path, job.build())))
            while len(pending) > _WRITES_AHEAD:
                yield _outcome(*pending.popleft())
        while pending:
            yield _outcome(*pending.popleft())


def _outcome(path: str, written: Future[tuple[bool, str, os.stat_result]]) -> Outcome:
    changed, digest, stat = written.result()
    return path, changed, digest, stat.st_size, stat.st_mtime_ns


def _want(parts: Parts, jobs: Iterable[Job]) -> None:
    """Tell `parts` which entries, in which format, the files of `jobs` carry."""
    for job in jobs:
        if job.uses:
            parts.want(*job.uses)


def publish(config: Config, store: Store, out_dir: Path, now: datetime | None = None) -> PublishReport:
    """Write every file under `out_dir`; each write is atomic, so readers only ever see whole files."""
    report = PublishReport()
    # A run killed mid-write leaves its temporary files behind; the store lock says none is ours now.
    if out_dir.exists():
        for stale in out_dir.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    manifest = Manifest.read(out_dir / MANIFEST)
    previous = manifest.files
    code = _code_digest()
    parts = Parts(store, code)
    generator = Generator(config, store, now or utc_now(), manifest, parts)
    recorded: dict[str, dict[str, object]] = {}
    todo: dict[str, Job] = {}  # the files to make, by path

    def record(relative: str, changed: bool, digest: str, size: int, mtime_ns: int) -> None:
        job = todo.pop(relative)
        path = out_dir / job.path
        if changed:
            report.written.append(path)
            if path.suffix in (".xml", ".json") and job.path.split("/")[0] != "archive":
                report.changed_feeds.append(generator.url(job.path))
        else:
            report.unchanged.append(path)
        if job.inputs is not None:
            recorded[job.path] = {
                "inputs": job.inputs,
                "digest": digest,
                "size": size,
                "mtime_ns": mtime_ns,
                **job.keep,
            }

    def build_share(jobs: deque[Job]) -> Iterator[Outcome]:
        """In the forked helper: build `jobs` with a store connection and entry cache of its own."""
        own = Store(store.path)
        generator.store, generator.parts = own, Parts(own, code)
        _want(generator.parts, jobs)
        yield from build_and_write(jobs, out_dir)
        generator.parts.save()

    def unkept(jobs: Iterable[Job]) -> list[Job]:
        """The jobs whose files must be made; the others' files are kept, with their records."""
        made = []
        for job in jobs:
            if _kept(job, previous.get(job.path), out_dir / job.path):
                # Same inputs, same file: the bytes would come out the same, so they are not made at all.
                report.unchanged.append(out_dir / job.path)
                recorded[job.path] = {**previous[job.path], **job.keep}
            else:
                made.append(job)
                todo[job.path] = job
        return made

    try:
        archived = unkept(generator.archive())
        # Many archive pages to build (a publish into an empty folder): the oldest go to a forked helper at once,
        # while this process works out the current feeds.
        theirs = oldest_share(archived, generator.current_cost())
        shared_ids = {id(job) for job in theirs}
        with shared(theirs, build_share) as share:
            # Current feeds first: what they render or find for the newest archive pages is kept until then.
            mine = deque(unkept(generator.current()))
            mine.extend(job for job in archived if id(job) not in shared_ids)
            del archived  # what a job read (an archive page's statements) is freed once it is built
            _want(parts, mine)
            # The rendering helper, like the share, is forked before this process starts its writer thread; with a
            # share, the second core has its work already.
            with helper_pool(not theirs and parts.worth_a_helper()) as pool:
                parts.helper = RenderHelper(pool)
                for outcome in build_and_write(mine, out_dir):
                    record(*outcome)
            outcomes = share.outcomes() if share is not None else None
        if outcomes is None and theirs:
            # No helper, or it was lost: its pages are built here.
            _want(parts, theirs)
            outcomes = list(build_and_write(deque(theirs), out_dir))
        for outcome in outcomes or ():
            record(*outcome)
    finally:
        extension.forget()
    parts.save()
    # Reported like any other file, so "N written, M unchanged" accounts for everything in the folder.
    if write_atomic(out_dir / MANIFEST, Manifest.dump(recorded, generator.archive_state)):
        report.written.append(out_dir / MANIFEST)
    else:
        report.unchanged.append(out_dir / MANIFEST)
    report.entries = generator.entries
    return report
