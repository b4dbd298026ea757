"""iCalendar (RFC 5545) builder: one VEVENT per event of every entry, for journalists' calendar apps.

- UID: `uuid5(entry id + "#" + start)@pressroom`, the start as a date or a UTC instant in ISO form, so rebuilding
  never changes it; a second event with the same start in the same release gets "#2", "#3", ….
  A rescheduled event therefore gets a new UID: subscribed calendars replace the whole file, so the old one goes.
- Times: a start/end whose zone is a named IANA zone (`ZoneInfo`) keeps it as TZID, with one VTIMEZONE per zone
  covering the whole years its events touch; any other offset (a fixed `+02:00` as read back from ISO text) is
  written in UTC, because a bare offset has no name a calendar could resolve.
- All-day events (a `date` start) are VALUE=DATE with an exclusive DTEND: the day after the last day.
- DTSTAMP and LAST-MODIFIED are the entry's `updated`, never the build time, so equal input gives equal bytes.
- Events without a start are left out: a calendar cannot place them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

import pressroom
from pressroom.feeds.common import description, entry_title, link_url, moment, xml_text
from pressroom.models import Contact, Entry, Event, FeedMeta, When

MEDIA_TYPE = "text/calendar"
UID_DOMAIN = "pressroom"

# Zone keys that are UTC under another name: written with the "Z" suffix rather than as a TZID.
_UTC_KEYS = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu"})


def build(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The whole calendar; events follow the entries' order, then each release's event order."""
    cal = Calendar()
    cal.add("prodid", f"-//pressroom//pressroom {pressroom.__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _text(meta.title))
    cal.add("x-wr-caldesc", description(meta))

    events = [vevent for entry in entries for vevent in _vevents(entry)]
    # VTIMEZONEs come first (clients read them before the events that use them), sorted for stable output:
    # icalendar's add_missing_timezones() walks a set, whose order changes between interpreter runs.
    for tzid, (first, last) in sorted(_zone_spans(events).items()):
        # Whole years: the transitions around every event are there, without 68 years of them.
        cal.add_component(
            Timezone.from_tzid(tzid, first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1))
        )
    for vevent in events:
        cal.add_component(vevent)
    return cal.to_ical()


def event_uid(entry_id: str, start: When, repeat: int = 1) -> str:
    """The permanent UID of the event starting at `start` in the entry; `repeat` counts same-start events."""
    key = f"{entry_id}#{_start_key(start)}"
    if repeat > 1:
        key += f"#{repeat}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, key)}@{UID_DOMAIN}"


def contact_line(contact: Contact) -> str:
    """The contact as "name, phone ext. N, email", unknown parts left out ("" when nothing is known)."""
    phone = _text(contact.phone)
    if phone and contact.extension:
        phone += f" ext. {_text(contact.extension)}"
    parts = (_text(contact.name), phone, _text(contact.email))
    return ", ".join(part for part in parts if part)


def _text(value: str | None) -> str:
    """Stripped text without XML-forbidden characters and with every line break a plain LF."""
    # RFC 5545 TEXT escapes LF as "\\n"; a stray CR would end up as a raw control character in the value.
    return xml_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _vevents(entry: Entry) -> list[VEvent]:
    """The entry's events that have a start, as VEVENTs."""
    found = []
    seen: dict[str, int] = {}
    for event in entry.release.events:
        if event.start is None:
            continue
        key = _start_key(event.start)
        seen[key] = seen.get(key, 0) + 1
        found.append(_vevent(entry, event, seen[key]))
    return found


def _vevent(entry: Entry, event: Event, repeat: int) -> VEvent:
    """One VEVENT for an event with a start."""
    assert event.start is not None  # _vevents skips the others
    release = entry.release
    vevent = VEvent()
    vevent.add("uid", event_uid(entry.id, event.start, repeat))
    # RFC 5545 wants DTSTAMP in UTC; icalendar converts, and the entry's own time keeps the build reproducible.
    updated = moment(entry.updated, f"updated of {entry.id}").astimezone(UTC)
    vevent.add("dtstamp", updated)
    vevent.add("last-modified", updated)

    start, end = _span(event)
    vevent.add("dtstart", start)
    if end is not None:
        vevent.add("dtend", end)

    title = _text(entry_title(release))
    vevent.add("summary", _text(event.title) or title)
    location = _text(event.location)
    if location:
        vevent.add("location", location)
    vevent.add("description", _description(event, title))
    if link_url(release.url):
        vevent.add("url", link_url(release.url))
    for line in _contact_lines(event.contacts):
        vevent.add("contact", line)
    return vevent


def _span(event: Event) -> tuple[When, When | None]:
    """DTSTART and DTEND values: dates for all-day events (DTEND exclusive), else datetimes (DTEND may be None)."""
    assert event.start is not None
    start, end = event.start, event.end
    if not isinstance(start, datetime) or (event.all_day and not isinstance(end, datetime)):
        # A date start, or an all-day event given with a start time: whole days in the event's own calendar.
        first = start.date() if isinstance(start, datetime) else start
        last = end.date() if isinstance(end, datetime) else end
        if last is None or last < first:
            last = first
        return first, last + timedelta(days=1)
    start = _calendar_time(moment(start, "event start"))
    if not isinstance(end, datetime):
        # No end, or only an end day for a timed start: RFC 5545 lets DTEND go, and the event ends as it starts.
        return start, None
    end = _calendar_time(moment(end, "event end"))
    # RFC 5545 requires DTEND after DTSTART; an end before the start is extraction noise, not information.
    return start, end if end > start else None


def _calendar_time(value: datetime) -> datetime:
    """The datetime in its named zone when it has one, else in UTC."""
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo) and zone.key not in _UTC_KEYS:
        return value
    return value.astimezone(UTC)


def _zone_spans(events: Iterable[VEvent]) -> dict[str, tuple[date, date]]:
    """For each TZID the events use, the first and last day it is used on."""
    spans: dict[str, tuple[date, date]] = {}
    for vevent in events:
        for name in ("dtstart", "dtend"):
            prop = vevent.get(name)
            value = prop.dt if prop is not None else None
            zone: tzinfo | None = value.tzinfo if isinstance(value, datetime) else None
            if isinstance(zone, ZoneInfo) and value is not None:
                day = value.date()
                first, last = spans.get(zone.key, (day, day))
                spans[zone.key] = (min(first, day), max(last, day))
    return spans


def _description(event: Event, title: str) -> str:
    """The event description, then one "Contact: …" line per event contact, then the release title."""
    parts = []
    text = _text(event.description)
    if text:
        parts.append(text)
    contacts = "\n".join(f"Contact: {line}" for line in _contact_lines(event.contacts))
    if contacts:
        parts.append(contacts)
    parts.append(title)
    return "\n\n".join(parts)


def _contact_lines(contacts: Iterable[Contact]) -> list[str]:
    """The contact lines of the contacts that have anything to say, without repeats."""
    return list(dict.fromkeys(line for line in map(contact_line, contacts) if line))


def _start_key(start: When) -> str:
    """The start as ISO text, instants in UTC so the same moment gives the same key whatever its offset."""
    if isinstance(start, datetime):
        return moment(start, "event start").astimezone(UTC).isoformat()
    return start.isoformat()
