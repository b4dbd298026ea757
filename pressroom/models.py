"""Content objects: what a release is, independent of where it came from or where it goes."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from functools import cache
from typing import Any

# A point in time is an aware datetime when the time is known, a plain date when it is not.
When = date | datetime

KINDS = (
    "press_release",
    "statement",
    "media_advisory",
    "event_listing",
    "document_release",
    "article",
)


def when_to_iso(value: When | None) -> str | None:
    """ISO 8601 text for a date or an aware datetime."""
    if value is None:
        return None
    return value.isoformat()


def when_from_iso(text: str | None) -> When | None:
    """Read back what `when_to_iso` wrote: a date for `YYYY-MM-DD`, else an aware datetime."""
    if not text:
        return None
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None
    role: str | None = None
    organization: str | None = None
    partial: bool = False


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164
    extension: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Event:
    title: str | None = None
    start: When | None = None
    end: When | None = None
    all_day: bool = False
    location: str | None = None
    description: str | None = None
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class Attachment:
    url: str
    title: str | None = None
    media_type: str | None = None
    length: int | None = None


@dataclass(frozen=True)
class Dateline:
    place: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Hints:
    """What the crawl knows of a page before it is read: its source's zone and language, and what led to it."""

    timezone: str = "UTC"  # IANA zone of the source: times without a zone are in it
    language: str | None = None  # the source's configured language, if any
    published: When | None = None  # date a feed item or listing line gave: used ONLY when the page has none
    title: str | None = None  # title a feed item or listing gave: used when the page has none


@dataclass(frozen=True)
class Release:
    """One press release, statement, advisory or post, as found on one partner page."""

    url: str
    title: str
    kind: str = "article"
    published: When | None = None
    updated: When | None = None
    dateline: Dateline | None = None
    language: str | None = None
    summary: str = ""
    body_text: str = ""
    body_html: str = ""
    organizations: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    contacts: tuple[Contact, ...] = ()
    events: tuple[Event, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    embargo: datetime | None = None  # hidden from every output until this moment
    source: str = ""  # the config's source id; empty until a crawl assigns it
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        """The `pressroom extract` JSON shape: plain types, ISO dates."""
        # Built field by field rather than through dataclasses.asdict: asdict deep-copies every value, and this
        # runs for every stored release and every published entry. Key order is the dataclass field order.
        return {
            "url": self.url,
            "title": self.title,
            "kind": self.kind,
            "published": when_to_iso(self.published),
            "updated": when_to_iso(self.updated),
            "dateline": dateline_json(self.dateline),
            "language": self.language,
            "summary": self.summary,
            "body_text": self.body_text,
            "body_html": self.body_html,
            "organizations": list(self.organizations),
            "quotes": [quote_json(q) for q in self.quotes],
            "contacts": [contact_json(c) for c in self.contacts],
            "events": [event_json(e) for e in self.events],
            "attachments": [attachment_json(a) for a in self.attachments],
            "embargo": when_to_iso(self.embargo),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "") -> Release:
        """Rebuild a release from `to_json` output."""
        dl = data.get("dateline") or {}
        return cls(
            url=data["url"],
            title=data.get("title") or "",
            kind=data.get("kind") or "article",
            published=when_from_iso(data.get("published")),
            updated=when_from_iso(data.get("updated")),
            dateline=Dateline(dl.get("place"), when_from_iso(dl.get("date")))
            if (dl.get("place") or dl.get("date"))
            else None,
            language=data.get("language"),
            summary=data.get("summary") or "",
            body_text=data.get("body_text") or "",
            body_html=data.get("body_html") or "",
            organizations=tuple(data.get("organizations") or ()),
            quotes=tuple(_build(Quote, q) for q in data.get("quotes") or ()),
            contacts=tuple(_build(Contact, c) for c in data.get("contacts") or ()),
            events=tuple(_event_from_json(e) for e in data.get("events") or ()),
            attachments=tuple(_build(Attachment, a) for a in data.get("attachments") or ()),
            embargo=when_from_iso(data.get("embargo")),  # type: ignore[arg-type]
            source=source,
        )


def dateline_json(dateline: Dateline | None) -> dict[str, Any]:
    """A dateline in the extract JSON shape; both keys are always present."""
    if dateline is None:
        return {"place": None, "date": None}
    return {"place": dateline.place, "date": when_to_iso(dateline.date)}


def quote_json(quote: Quote) -> dict[str, Any]:
    """A quote in the extract JSON shape."""
    data = {"text": quote.text, "speaker": quote.speaker, "role": quote.role, "organization": quote.organization}
    # `partial` only appears in the JSON when it is true, so whole quotes keep the fixed field set.
    if quote.partial:
        data["partial"] = quote.partial
    return data


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact in the extract JSON shape."""
    return {
        "name": contact.name,
        "role": contact.role,
        "organization": contact.organization,
        "email": contact.email,
        "phone": contact.phone,
        "extension": contact.extension,
        "note": contact.note,
    }


def event_json(event: Event) -> dict[str, Any]:
    """An event in the extract JSON shape."""
    return {
        "title": event.title,
        "start": when_to_iso(event.start),
        "end": when_to_iso(event.end),
        "all_day": event.all_day,
        "location": event.location,
        "description": event.description,
        "contacts": [contact_json(c) for c in event.contacts],
    }


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    """An attachment in the extract JSON shape."""
    return {
        "url": attachment.url,
        "title": attachment.title,
        "media_type": attachment.media_type,
        "length": attachment.length,
    }


def _event_from_json(data: dict[str, Any]) -> Event:
    return Event(
        title=data.get("title"),
        start=when_from_iso(data.get("start")),
        end=when_from_iso(data.get("end")),
        all_day=bool(data.get("all_day")),
        location=data.get("location"),
        description=data.get("description"),
        contacts=tuple(_build(Contact, c) for c in data.get("contacts") or ()),
    )


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = _field_names(cls)
    return cls(**{k: v for k, v in data.items() if k in names})


@cache
def _field_names(cls: type) -> frozenset[str]:
    # Asked for every quote and contact of every release a publish decodes: fields() is not cheap.
    return frozenset(f.name for f in fields(cls))


@dataclass(frozen=True)
class Posting:
    """One partner's copy of a release: who posted it and where."""

    source_id: str
    source_name: str
    url: str


@dataclass(frozen=True)
class Entry:
    """A release as published in a feed: its permanent id, every posting that credits it, its times."""

    id: str  # urn:uuid:…, never changes
    release: Release
    postings: tuple[Posting, ...]  # the first is the copy the entry shows
    published: datetime  # aware; the release's date (midnight in the source's zone for a bare date)
    updated: datetime  # aware; when the stored content last changed
    first_seen: datetime  # aware; when pressroom first stored it
    # A digest of the stored rows behind the entry (set by the store): equal revisions publish equal bytes.
    revision: str = field(default="", compare=False)


@dataclass(frozen=True)
class FeedMeta:
    """What a feed says about itself."""

    id: str  # stable URI of the feed
    title: str
    self_url: str  # absolute URL where this feed file is served
    home_url: str  # the newsroom page
    language: str = "en"
    subtitle: str = ""
    stylesheet: str | None = None  # href of the XSLT that makes the feed readable in a browser
    hub: str | None = None  # WebSub hub that subscribers may use
    links: tuple[tuple[str, str], ...] = ()  # extra (rel, href), e.g. RFC 5005 "prev-archive"
    archive: bool = False  # an RFC 5005 archive document, whose entries do not change


def in_zone(release: Release, zone: str) -> Release:
    """The release with every fixed-offset time that matches `zone` at that instant moved into the named zone.

    ISO text keeps only an offset; giving times back their zone lets calendars write a TZID and pages show
    "PDT". A time whose offset differs from the zone's (an event held elsewhere) is left as it is.
    """
    from zoneinfo import ZoneInfo

    named = ZoneInfo(zone)

    def move(value: When | None) -> When | None:
        if isinstance(value, datetime) and value.utcoffset() is not None and not isinstance(value.tzinfo, ZoneInfo):
            local = value.astimezone(named)
            if local.utcoffset() == value.utcoffset():
                return local
        return value

    events = tuple(replace(e, start=move(e.start), end=move(e.end)) for e in release.events)
    return replace(release, published=move(release.published), updated=move(release.updated), events=events)
