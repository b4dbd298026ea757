"""The newsroom HTML page for journalists: latest releases, upcoming events, every feed and each source's health.

The page is one Jinja2 template (`pressroom/templates/newsroom.html.j2`) with autoescape on. Everything partner-supplied
reaches it as plain text and is escaped there; release `body_html` is never used, so no partner HTML reaches the page.
Links to partner URLs are only made for http(s) URLs, so a `javascript:` URL in crawl data shows as no link at all.
The page has no script, and the same input always gives the same bytes (the caller passes `now`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

import jinja2
import phonenumbers

import pressroom
from pressroom.feeds.common import feed_updated, kind_label, xml_text
from pressroom.feeds.opml import FeedLink  # shared with the OPML list; the page also takes kinds "ics" and "opml"
from pressroom.models import Attachment, Contact, Entry, Event, FeedMeta, Posting, Quote, Release, When
from pressroom.page import web_url

# The language the page's own words (headings, labels) are written in; partner text in another language is marked.
PAGE_LANGUAGE = "en"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Reader-facing names for each feed kind, and the MIME type of those that browsers and readers autodiscover.
FEED_KIND_LABELS = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed", "ics": "Calendar (.ics)", "opml": "OPML"}
AUTODISCOVERY_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}

# Short names for the attachment types partners post; anything else shows its subtype, or "file".
MEDIA_TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/msword": "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.ms-excel": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/zip": "ZIP archive",
    "text/csv": "CSV",
    "text/plain": "text",
    "image/jpeg": "JPEG image",
    "image/png": "PNG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
    "audio/mpeg": "MP3 audio",
    "video/mp4": "MP4 video",
}

SOURCE_STATUS_LABELS = {
    "ok": "OK",
    "empty": "No releases found",
    "no_dates": "Releases without dates",
    "error": "Error",
}

# How much body text stands in for a missing summary.
SUMMARY_FALLBACK_CHARS = 300

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_E164 = re.compile(r"\+[1-9][0-9]{5,14}")
_EXTENSION = re.compile(r"[0-9]{1,10}")
_EMAIL = re.compile(r"[^\s@<>\"'(),;:\\\[\]]+@[^\s@<>\"'(),;:\\\[\]]+\.[^\s@<>\"'(),;:\\\[\]]+")
_ZONE_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
_NOT_ID_CHAR = re.compile(r"[^A-Za-z0-9_-]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SourceHealth:
    """What the newsroom page says about one partner source: its last crawl's outcome and what it holds."""

    id: str
    name: str
    url: str
    status: str | None  # "ok" | "empty" | "no_dates" | "error", None before the first crawl
    reason: str | None
    last_success: datetime | None
    releases: int


def build(
    meta: FeedMeta,
    entries: Sequence[Entry],
    feeds: Sequence[FeedLink],
    sources: Sequence[SourceHealth],
    now: datetime,
) -> bytes:
    """The newsroom page: latest releases, upcoming events (those ending at/after `now`), every feed, source health."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be an aware datetime, got {now!r}")
    page_language = _language(meta.language) or PAGE_LANGUAGE
    context = {
        "page_language": PAGE_LANGUAGE,
        "title": _text(meta.title) or "Newsroom",
        "title_lang": _other_language(page_language),
        "subtitle": _text(meta.subtitle),
        "home_url": web_url(meta.home_url),
        "updated": _moment(feed_updated(entries), time_known=True) if entries else None,
        "releases": _releases(entries, page_language),
        "events": _upcoming_events(entries, now, page_language),
        "autodiscovery": [
            {"type": AUTODISCOVERY_TYPES[f.kind], "title": _text(f.title), "url": url}
            for f in feeds
            if f.kind in AUTODISCOVERY_TYPES and (url := web_url(f.url))
        ],
        "feed_groups": _feed_groups(feeds),
        "sources": [_source(s) for s in sources],
        "generator_url": pressroom.HOME_PAGE,
    }
    return _template().render(context).encode("utf-8")


@cache
def _template() -> jinja2.Template:
    """The packaged newsroom template, loaded once."""
    # Compiling the template costs more than rendering it: the compiled code is kept in jinja2's per-user cache
    # folder (checked against the template's source), so each publish process need not compile it again.
    try:
        bytecode: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        bytecode = None
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("newsroom.html.j2")


def _template_source(name: str) -> tuple[str, None, None]:
    """The packaged template's source (no file name, never reloaded)."""
    return files("pressroom").joinpath("templates", name).read_text(encoding="utf-8"), None, None


# --- releases ---------------------------------------------------------------------------------------------------


def _releases(entries: Sequence[Entry], page_language: str) -> list[dict[str, Any]]:
    """One view per entry, in the caller's (newest first) order, each with an anchor id unique on the page."""
    used: set[str] = set()
    return [_release(entry, _anchor(entry.id, used), page_language) for entry in entries]


def _release(entry: Entry, anchor: str, page_language: str) -> dict[str, Any]:
    """What the page shows for one entry."""
    release = entry.release
    language = _language(release.language) or page_language
    published_known = isinstance(release.published, datetime)
    updated = release.updated
    return {
        "anchor": anchor,
        "title": _text(release.title) or web_url(release.url) or "Untitled release",
        "url": web_url(release.url),
        "lang": _other_language(language),
        "hreflang": _language(release.language),
        "kind": kind_label(_text(release.kind) or "article"),
        "published": _moment(entry.published, time_known=published_known),
        # Without a date on the partner page, the entry's date is when pressroom first saw it: say so.
        "published_label": "Published" if release.published is not None else "First seen",
        "updated": _when(updated) if updated is not None and _day(updated) != _day(release.published) else None,
        "place": _text(release.dateline.place) if release.dateline else "",
        "credit": _credit(entry.postings),
        "summary": _summary(release),
        "quotes": [_quote(q) for q in release.quotes if _text(q.text)],
        "contacts": [c for c in (_contact(c) for c in release.contacts) if c["has_detail"]],
        "attachments": [_attachment(a) for a in release.attachments if web_url(a.url)],
    }


def _credit(postings: Sequence[Posting]) -> dict[str, Any] | None:
    """Who posted the release, first the copy shown, then every other partner's copy with a link to it."""
    names: list[dict[str, str]] = []
    seen: set[str] = set()
    for posting in postings:
        name = _text(posting.source_name) or _text(posting.source_id)
        if name and name not in seen:
            seen.add(name)
            names.append({"name": name, "url": web_url(posting.url)})
    if not names:
        return None
    return {"first": names[0], "others": names[1:]}


def _summary(release: Release) -> str:
    """The release's summary, else the start of its body text, cut at a word."""
    summary = _text(release.summary)
    if summary:
        return summary
    body = _text(release.body_text)
    if len(body) <= SUMMARY_FALLBACK_CHARS:
        return body
    cut = body[:SUMMARY_FALLBACK_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def _quote(quote: Quote) -> dict[str, Any]:
    """A quote and who said it."""
    return {
        "text": _text(quote.text),
        "partial": quote.partial,
        "speaker": _text(quote.speaker),
        "about": ", ".join(p for p in (_text(quote.role), _text(quote.organization)) if p),
    }


def _contact(contact: Contact) -> dict[str, Any]:
    """A press contact with a tel: link (E.164, RFC 3966 extension) and a mailto: link when they are well formed."""
    phone = _text(contact.phone)
    extension = _text(contact.extension)
    tel = None
    if phone:
        ext_ok = bool(_EXTENSION.fullmatch(extension))
        tel = {
            "href": f"tel:{phone}{';ext=' + extension if ext_ok else ''}" if _E164.fullmatch(phone) else None,
            "text": _readable_phone(phone),
            "extension": extension,
        }
    email = _text(contact.email)
    view = {
        "name": _text(contact.name),
        "about": ", ".join(p for p in (_text(contact.role), _text(contact.organization)) if p),
        "note": _text(contact.note),
        "tel": tel,
        "email": {"href": f"mailto:{email}" if _EMAIL.fullmatch(email) else None, "text": email} if email else None,
    }
    view["has_detail"] = bool(tel or email or view["name"])
    return view


def _readable_phone(phone: str) -> str:
    """An E.164 number grouped the way its country writes it internationally: `+12025550143` -> `+1 202-555-0143`."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _attachment(attachment: Attachment) -> dict[str, Any]:
    """A download link labelled with its title (or file name) and its type and size when known."""
    url = web_url(attachment.url) or ""
    name = _text(attachment.title) or _text(urlsplit(url).path.rsplit("/", 1)[-1]) or "Attachment"
    details = [_media_type_label(attachment.media_type)]
    if attachment.length:
        details.append(_size(attachment.length))
    return {"url": url, "title": name, "details": ", ".join(details)}


def _media_type_label(media_type: str | None) -> str:
    """A short reader-facing name for a media type."""
    value = _text(media_type).split(";", 1)[0].strip().lower()
    if value in MEDIA_TYPE_LABELS:
        return MEDIA_TYPE_LABELS[value]
    if "/" in value and value != "application/octet-stream":
        major, sub = value.split("/", 1)
        sub = sub.removeprefix("x-").removeprefix("vnd.")
        return f"{sub.upper() if len(sub) <= 4 else sub} {major if major in ('image', 'audio', 'video') else 'file'}"
    return "file"


def _size(length: int) -> str:
    """A byte count in the unit a person would say: 482113 -> "471 KB"."""
    if length < 1024:
        return f"{length} bytes"
    if length < 1024 * 1024:
        return f"{round(length / 1024)} KB"
    return f"{length / (1024 * 1024):.1f} MB"


# --- events -----------------------------------------------------------------------------------------------------


def _upcoming_events(entries: Sequence[Entry], now: datetime, page_language: str) -> list[dict[str, Any]]:
    """Every event not yet over at `now`, soonest first, each linked to its release."""
    found: list[tuple[tuple[datetime, str, str], dict[str, Any]]] = []
    for entry in entries:
        release = entry.release
        language = _language(release.language) or page_language
        for event in release.events:
            if event.start is None or not _not_over(event, now):
                continue
            own_title = _text(event.title)
            title = own_title or _text(release.title) or "Event"
            view = {
                "title": title,
                # An event without a title of its own is named after its release, so the heading is the link.
                "own_title": bool(own_title),
                "lang": _other_language(language),
                "when": _event_when(event),
                "start_iso": _iso(event.start),
                "location": _text(event.location),
                "release_title": _text(release.title) or web_url(release.url) or "Untitled release",
                "release_url": web_url(release.url),
                "release_lang": _other_language(language),
            }
            found.append(((_sort_moment(event.start, now), title, _text(release.url)), view))
    found.sort(key=lambda item: item[0])
    return [view for _, view in found]


def _not_over(event: Event, now: datetime) -> bool:
    """True when the event ends (or, without an end, starts) at or after `now`; a bare date lasts the whole day."""
    last = event.end if event.end is not None else event.start
    if isinstance(last, datetime):
        return _aware(last, now) >= now
    assert last is not None
    # A date has no zone: it is read in the zone of `now`, and the event is upcoming until that day is over.
    return last >= now.date()


def _sort_moment(value: When, now: datetime) -> datetime:
    """A comparable instant for sorting: a bare date is the start of that day in the zone of `now`."""
    if isinstance(value, datetime):
        return _aware(value, now)
    return datetime.combine(value, time.min, tzinfo=now.tzinfo)


def _aware(value: datetime, now: datetime) -> datetime:
    """The datetime itself, or (for a naive one, which crawl data should never hold) read in the zone of `now`."""
    return value if value.utcoffset() is not None else value.replace(tzinfo=now.tzinfo)


def _event_when(event: Event) -> str:
    """ "Saturday 15 March 2014, 10:00–12:00 EDT", a date range, or just the day for all-day events."""
    start, end = event.start, event.end
    assert start is not None
    all_day = event.all_day or not isinstance(start, datetime)
    if all_day:
        first = _day_text(_day(start), weekday=True)
        last_day = _day(end) if end is not None else None
        # An all-day end given as a datetime (or an exclusive midnight end) can say the next day; a range says the rest.
        if last_day is not None and last_day > _day(start):
            if isinstance(end, datetime) and end.time() == time.min:
                last_day -= timedelta(days=1)
            if last_day > _day(start):
                return f"{first} to {_day_text(last_day, weekday=True)}"
        return first
    assert isinstance(start, datetime)
    text = f"{_day_text(start.date(), weekday=True)}, {_clock(start)}"
    if isinstance(end, datetime) and end > start:
        end = end.astimezone(start.tzinfo) if start.tzinfo else end
        if end.date() == start.date():
            return f"{text}–{_clock(end)} {_zone(start)}"
        return f"{text} {_zone(start)} to {_day_text(end.date(), weekday=True)}, {_clock(end)} {_zone(end)}"
    return f"{text} {_zone(start)}"


# --- feeds and sources ------------------------------------------------------------------------------------------


def _feed_groups(feeds: Sequence[FeedLink]) -> list[dict[str, Any]]:
    """Feeds grouped by title, in first-seen order: one row per newsroom or source, one link per format."""
    groups: dict[str, list[dict[str, str]]] = {}
    for feed in feeds:
        url = web_url(feed.url)
        if not url:
            continue
        title = _text(feed.title) or url
        label = FEED_KIND_LABELS.get(feed.kind, _text(feed.kind).upper() or "Feed")
        groups.setdefault(title, []).append({"url": url, "label": label, "kind": _text(feed.kind)})
    return [{"title": title, "links": links} for title, links in groups.items()]


def _source(source: SourceHealth) -> dict[str, Any]:
    """One partner's health line."""
    status = _text(source.status)
    return {
        "name": _text(source.name) or _text(source.id),
        "url": web_url(source.url),
        # The class name only ever takes a known value; the label shows an unexpected status as it is.
        "status": status if status in SOURCE_STATUS_LABELS else "unknown",
        "status_label": SOURCE_STATUS_LABELS.get(status) or status.capitalize() or "Not checked yet",
        "reason": _text(source.reason),
        "last_success": _moment(source.last_success, time_known=True) if source.last_success else None,
        "releases": source.releases,
    }


# --- text, URLs, dates ------------------------------------------------------------------------------------------


def _text(value: str | None) -> str:
    """Partner text as one clean line: no characters XML/HTML forbid, whitespace runs collapsed."""
    return _SPACE.sub(" ", xml_text(value)).strip()


def _language(tag: str | None) -> str | None:
    """A well-formed BCP 47 tag, else None."""
    text = _text(tag)
    return text if _LANGUAGE_TAG.fullmatch(text) else None


def _other_language(tag: str) -> str | None:
    """The tag when it differs from the page's own language, so a lang attribute is only written where needed."""
    return tag if tag.lower() != PAGE_LANGUAGE else None


def _anchor(entry_id: str, used: set[str]) -> str:
    """An HTML id from the entry's permanent id (so links to a release survive new releases), unique on the page."""
    base = "release-" + (_NOT_ID_CHAR.sub("-", entry_id.removeprefix("urn:uuid:")).strip("-") or "x")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def _day(value: When | None) -> date | None:
    """The calendar day of a date or datetime."""
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _iso(value: When) -> str:
    """The `<time datetime>` value: `2014-03-12` or `2014-03-12T10:00:00-04:00`."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _when(value: When) -> dict[str, str]:
    """A `<time>` view for a date or datetime."""
    if isinstance(value, datetime):
        return _moment(value, time_known=True)
    return {"iso": value.isoformat(), "text": _day_text(value)}


def _moment(value: datetime, time_known: bool) -> dict[str, str]:
    """A `<time>` view: "12 March 2014, 10:00 EDT", or just the day when only the date is known."""
    if not time_known:
        return {"iso": value.date().isoformat(), "text": _day_text(value.date())}
    text = f"{_day_text(value.date())}, {_clock(value)}"
    zone = _zone(value)
    return {"iso": _iso(value), "text": f"{text} {zone}" if zone else text}


def _day_text(day: date, weekday: bool = False) -> str:
    """ "12 March 2014" (or "Wednesday 12 March 2014"), the same whatever the machine's locale."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def _clock(value: datetime) -> str:
    """24-hour time, "14:30"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def _zone(value: datetime) -> str:
    """The zone abbreviation ("EDT", "CET", "UTC") when there is one, else the offset ("UTC−05:00"); "" if naive."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    name = value.tzname() or ""
    if _ZONE_ABBREVIATION.fullmatch(name):
        return name
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"
