"""The iCalendar builder: what calendar apps get back out of the bytes.

The event-rich entries defined here (ADVISORY, WINTER) are also used by the JSON Feed and Atom extension tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

import pressroom
from pressroom.feeds import ical
from pressroom.models import Attachment, Contact, Dateline, Entry, Event, FeedMeta, Posting, Quote, Release, in_zone

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
NEW_YORK = ZoneInfo("America/New_York")

META = FeedMeta(
    id="https://feeds.coalition.example/events.ics",
    title="Clean Water Coalition — events",
    self_url="https://feeds.coalition.example/events.ics",
    home_url="https://coalition.example/newsroom",
)

PRESS_OFFICER = Contact(
    name="Maria López",
    role="Press officer",
    organization="Clean Water Coalition",
    email="maria.lopez@cleanwater.example",
    phone="+14155550123",
    extension="12",
)
FIELD_CONTACT = Contact(name="Sam Okafor", phone="+14155550188")

PRESS_CONFERENCE = Event(
    title="Press conference: Bay water quality report",
    start=datetime(2014, 7, 10, 14, 0, tzinfo=LOS_ANGELES),
    end=datetime(2014, 7, 10, 15, 30, tzinfo=LOS_ANGELES),
    location="Crissy Field Center, 1199 East Beach, San Francisco, CA",
    description="Speakers present the 2014 findings; Q&A follows.\nInterviews available on request.",
    contacts=(PRESS_OFFICER, FIELD_CONTACT),
)
SUMMIT = Event(
    title="Bay Area Water Summit",
    start=date(2014, 7, 11),
    end=date(2014, 7, 13),
    all_day=True,
    location="Oakland Marriott City Center, Oakland, CA",
)
SITE_VISITS = Event(title="Site visits (dates to be announced)", location="Various")

ADVISORY = Entry(
    id="urn:uuid:3c1e6a0b-8f4d-4a7e-9b2c-5d6e7f8a9b01",
    release=Release(
        url="https://cleanwater.example/news/2014/advisory-bay-water-report",
        title="Media advisory: Bay water quality report and summit",
        kind="media_advisory",
        language="en",
        dateline=Dateline(place="SAN FRANCISCO", date=date(2014, 7, 8)),
        summary="The coalition presents its 2014 Bay water quality findings on July 10.",
        body_html="<p>The coalition presents its findings.</p>",
        organizations=("Clean Water Coalition", "Friends of the River"),
        quotes=(
            Quote(
                text="Every family deserves water they can trust.",
                speaker="Dana Whitfield",
                role="Executive director",
                organization="Clean Water Coalition",
            ),
            Quote(text="a turning point for the Bay", speaker="Luis Ortega", partial=True),
        ),
        contacts=(PRESS_OFFICER,),
        events=(PRESS_CONFERENCE, SUMMIT, SITE_VISITS),
        attachments=(
            Attachment(
                url="https://cleanwater.example/media/2014-bay-report.pdf",
                title="2014 Bay water quality report",
                media_type="application/pdf",
                length=1048576,
            ),
        ),
    ),
    postings=(
        Posting(
            "cleanwater", "Clean Water Coalition", "https://cleanwater.example/news/2014/advisory-bay-water-report"
        ),
        Posting("riverfriends", "Friends of the River", "https://riverfriends.example/news/bay-water-report-advisory"),
    ),
    published=datetime(2014, 7, 8, 9, 0, tzinfo=LOS_ANGELES),
    updated=datetime(2014, 7, 8, 9, 45, 30, 123456, tzinfo=LOS_ANGELES),
    first_seen=datetime(2014, 7, 8, 17, 0, tzinfo=UTC),
)

HEARING = Event(
    title="Public hearing on the Hudson intake permit",
    start=datetime(2015, 1, 20, 10, 0, tzinfo=NEW_YORK),
    end=datetime(2015, 1, 20, 11, 30, tzinfo=NEW_YORK),
    location="City Hall, New York, NY",
)
# Only an offset is known (as when a time is read back from ISO text): no zone name a calendar could resolve.
WEBINAR = Event(
    title="Webinar with partners in India",
    start=datetime(2015, 1, 22, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    end=datetime(2015, 1, 22, 10, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
)

WINTER = Entry(
    id="urn:uuid:7d8e9f00-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
    release=Release(
        url="https://riverfriends.example/events/january-2015",
        title="Upcoming events, January 2015",
        kind="event_listing",
        language="en",
        body_html="<p>Two events this month.</p>",
        events=(HEARING, WEBINAR),
    ),
    postings=(Posting("riverfriends", "Friends of the River", "https://riverfriends.example/events/january-2015"),),
    published=datetime(2015, 1, 5, 8, 0, tzinfo=NEW_YORK),
    updated=datetime(2015, 1, 6, 12, 0, tzinfo=UTC),
    first_seen=datetime(2015, 1, 5, 13, 10, tzinfo=UTC),
)

ENTRIES = (WINTER, ADVISORY)  # newest first


def vevents(data: bytes) -> list:
    """The VEVENT components of a parsed calendar, in document order."""
    return Calendar.from_ical(data).walk("VEVENT")


def by_summary(data: bytes) -> dict:
    """The parsed VEVENTs keyed by SUMMARY."""
    return {str(e["SUMMARY"]): e for e in vevents(data)}


def test_calendar_properties() -> None:
    """PRODID names pressroom and its version; VERSION is 2.0; the calendar is named after the feed."""
    cal = Calendar.from_ical(ical.build(META, ENTRIES))
    assert str(cal["PRODID"]) == f"-//pressroom//pressroom {pressroom.__version__}//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == META.title


def test_one_vevent_per_event_with_a_start() -> None:
    """Every event with a start becomes a VEVENT, in entry then event order; the one without a start is left out."""
    summaries = [str(e["SUMMARY"]) for e in vevents(ical.build(META, ENTRIES))]
    assert summaries == [HEARING.title, WEBINAR.title, PRESS_CONFERENCE.title, SUMMIT.title]


def test_identical_bytes_across_builds() -> None:
    """Two builds from equal but distinct objects give the same bytes."""
    copies = [replace(e, release=replace(e.release), postings=tuple(e.postings)) for e in ENTRIES]
    assert ical.build(META, ENTRIES) == ical.build(META, copies)


def test_identical_bytes_across_interpreters() -> None:
    """Different hash seeds give the same bytes: nothing depends on set or dict-of-set iteration order."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_ical import META, ENTRIES; "
        "from pressroom.feeds import ical; sys.stdout.buffer.write(ical.build(META, ENTRIES))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-P", "-c", script, str(Path(__file__).parent)], env=env, capture_output=True, check=True
        )
        outputs.add(done.stdout)
    assert outputs == {ical.build(META, ENTRIES)}


def test_uids_are_stable_unique_and_derived_from_entry_and_start() -> None:
    """UIDs are uuid5(entry id + UTC start) @pressroom: the same in every build, and distinct."""
    uids = [str(e["UID"]) for e in vevents(ical.build(META, ENTRIES))]
    assert len(set(uids)) == 4
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"{ADVISORY.id}#2014-07-10T21:00:00+00:00")
    assert uids[2] == f"{expected}@pressroom"
    assert uids[3] == f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{ADVISORY.id}#2014-07-11')}@pressroom"
    assert [str(e["UID"]) for e in vevents(ical.build(META, ENTRIES[::-1]))] == uids[2:] + uids[:2]


def test_uid_survives_new_events_and_offset_only_times() -> None:
    """Adding an event before it, or reading the start back with a bare offset, keeps an event's UID."""
    before = by_summary(ical.build(META, [ADVISORY]))[PRESS_CONFERENCE.title]["UID"]
    as_stored = replace(
        PRESS_CONFERENCE,
        start=datetime.fromisoformat("2014-07-10T14:00:00-07:00"),
        end=datetime.fromisoformat("2014-07-10T15:30:00-07:00"),
    )
    earlier = Event(title="Briefing", start=datetime(2014, 7, 9, 9, 0, tzinfo=LOS_ANGELES))
    changed = replace(ADVISORY, release=replace(ADVISORY.release, events=(earlier, as_stored, SUMMIT)))
    assert by_summary(ical.build(META, [changed]))[PRESS_CONFERENCE.title]["UID"] == before
    other_entry = replace(ADVISORY, id="urn:uuid:00000000-0000-4000-8000-000000000000")
    assert by_summary(ical.build(META, [other_entry]))[PRESS_CONFERENCE.title]["UID"] != before


def test_same_start_twice_gives_two_uids() -> None:
    """Two sessions starting together in one release get different UIDs."""
    twin = replace(PRESS_CONFERENCE, title="Second room", location="Annex")
    entry = replace(ADVISORY, release=replace(ADVISORY.release, events=(PRESS_CONFERENCE, twin)))
    uids = [str(e["UID"]) for e in vevents(ical.build(META, [entry]))]
    assert uids[0] == ical.event_uid(ADVISORY.id, PRESS_CONFERENCE.start)
    assert uids[1] == ical.event_uid(ADVISORY.id, PRESS_CONFERENCE.start, 2)
    assert uids[0] != uids[1]


def test_named_zone_keeps_its_tzid() -> None:
    """A Los Angeles summer time is written with TZID and reads back as the same instant, 21:00Z."""
    data = ical.build(META, ENTRIES)
    assert b"DTSTART;TZID=America/Los_Angeles:20140710T140000\r\n" in data
    assert b"DTEND;TZID=America/Los_Angeles:20140710T153000\r\n" in data
    event = by_summary(data)[PRESS_CONFERENCE.title]
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2014, 7, 10, 21, 0, tzinfo=UTC)
    assert event["DTEND"].dt.astimezone(UTC) == datetime(2014, 7, 10, 22, 30, tzinfo=UTC)


def test_new_york_winter_time() -> None:
    """A New York January time is EST: 10:00 local is 15:00Z."""
    data = ical.build(META, ENTRIES)
    assert b"DTSTART;TZID=America/New_York:20150120T100000\r\n" in data
    event = by_summary(data)[HEARING.title]
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2015, 1, 20, 15, 0, tzinfo=UTC)


def test_offset_only_time_is_written_in_utc() -> None:
    """A bare +05:30 offset has no zone name, so the time is written in UTC: 09:30+05:30 is 04:00Z."""
    data = ical.build(META, ENTRIES)
    assert b"DTSTART:20150122T040000Z\r\n" in data
    assert b"DTEND:20150122T050000Z\r\n" in data
    assert b"UTC+05:30" not in data  # icalendar would otherwise invent an unresolvable TZID
    event = by_summary(data)[WEBINAR.title]
    assert "TZID" not in event["DTSTART"].params
    assert event["DTSTART"].dt == datetime(2015, 1, 22, 4, 0, tzinfo=UTC)


def test_all_day_event_uses_dates_with_exclusive_end() -> None:
    """July 11-13 all day is VALUE=DATE from the 11th with DTEND on the 14th."""
    data = ical.build(META, ENTRIES)
    assert b"DTSTART;VALUE=DATE:20140711\r\n" in data
    assert b"DTEND;VALUE=DATE:20140714\r\n" in data
    event = by_summary(data)[SUMMIT.title]
    assert event["DTSTART"].dt == date(2014, 7, 11)
    assert event["DTEND"].dt == date(2014, 7, 14)


@pytest.mark.parametrize(
    ("event", "start", "end"),
    [
        (Event(title="One day", start=date(2014, 7, 11), all_day=True), date(2014, 7, 11), date(2014, 7, 12)),
        (
            Event(title="Timed all day", start=datetime(2014, 7, 11, 9, tzinfo=LOS_ANGELES), all_day=True),
            date(2014, 7, 11),
            date(2014, 7, 12),
        ),
        (
            Event(title="End before start", start=date(2014, 7, 11), end=date(2014, 7, 9), all_day=True),
            date(2014, 7, 11),
            date(2014, 7, 12),
        ),
        (
            Event(title="Open end", start=datetime(2014, 7, 11, 9, tzinfo=UTC)),
            datetime(2014, 7, 11, 9, tzinfo=UTC),
            None,
        ),
        (
            Event(
                title="Backwards",
                start=datetime(2014, 7, 11, 9, tzinfo=UTC),
                end=datetime(2014, 7, 11, 8, tzinfo=UTC),
            ),
            datetime(2014, 7, 11, 9, tzinfo=UTC),
            None,
        ),
    ],
)
def test_spans(event: Event, start: date, end: date | None) -> None:
    """Missing or impossible ends: one day for all-day events, no DTEND for timed ones."""
    entry = replace(ADVISORY, release=replace(ADVISORY.release, events=(event,)))
    (vevent,) = vevents(ical.build(META, [entry]))
    assert vevent["DTSTART"].dt == start
    assert (vevent["DTEND"].dt if "DTEND" in vevent else None) == end


def test_vtimezone_for_each_tzid() -> None:
    """Each zone used gets exactly one VTIMEZONE, placed before the events, covering the offsets used."""
    data = ical.build(META, ENTRIES)
    cal = Calendar.from_ical(data)
    zones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    assert sorted(zones) == ["America/Los_Angeles", "America/New_York"]
    assert cal.get_missing_tzids() == set()
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")
    offsets = {str(sub["TZNAME"]): sub["TZOFFSETTO"].td for sub in zones["America/New_York"].subcomponents}
    assert offsets["EST"] == timedelta(hours=-5)
    assert offsets["EDT"] == timedelta(hours=-4)
    assert {str(sub["TZNAME"]) for sub in zones["America/Los_Angeles"].subcomponents} == {"PST", "PDT"}


def test_no_timezones_without_named_zones() -> None:
    """A calendar of all-day and UTC events has no VTIMEZONE at all."""
    entry = replace(WINTER, release=replace(WINTER.release, events=(WEBINAR, SUMMIT)))
    assert b"VTIMEZONE" not in ical.build(META, [entry])


def test_summary_location_url_description_contacts() -> None:
    """The text properties carry the event's and the release's facts."""
    events = by_summary(ical.build(META, ENTRIES))
    conference = events[PRESS_CONFERENCE.title]
    assert str(conference["LOCATION"]) == PRESS_CONFERENCE.location
    assert str(conference["URL"]) == ADVISORY.release.url
    assert str(conference["DESCRIPTION"]) == (
        "Speakers present the 2014 findings; Q&A follows.\nInterviews available on request.\n\n"
        "Contact: Maria López, +14155550123 ext. 12, maria.lopez@cleanwater.example\n"
        "Contact: Sam Okafor, +14155550188\n\n"
        "Media advisory: Bay water quality report and summit"
    )
    assert [str(c) for c in conference.get("CONTACT")] == [
        "Maria López, +14155550123 ext. 12, maria.lopez@cleanwater.example",
        "Sam Okafor, +14155550188",
    ]
    summit = events[SUMMIT.title]
    assert str(summit["DESCRIPTION"]) == ADVISORY.release.title
    assert "CONTACT" not in summit
    webinar = events[WEBINAR.title]
    assert "LOCATION" not in webinar
    assert str(webinar["URL"]) == WINTER.release.url


def test_untitled_event_takes_the_release_title() -> None:
    """SUMMARY falls back to the release title when the event has none."""
    entry = replace(WINTER, release=replace(WINTER.release, events=(replace(HEARING, title=None),)))
    (vevent,) = vevents(ical.build(META, [entry]))
    assert str(vevent["SUMMARY"]) == WINTER.release.title


def test_dtstamp_is_the_entry_update_in_utc() -> None:
    """DTSTAMP is the entry's updated time (whole seconds, UTC), not the build time."""
    events = by_summary(ical.build(META, ENTRIES))
    assert events[PRESS_CONFERENCE.title]["DTSTAMP"].dt == datetime(2014, 7, 8, 16, 45, 30, tzinfo=UTC)
    assert events[HEARING.title]["DTSTAMP"].dt == datetime(2015, 1, 6, 12, 0, tzinfo=UTC)


def test_empty_calendar() -> None:
    """No entries still gives a parseable calendar with no events and no zones."""
    data = ical.build(META, [])
    cal = Calendar.from_ical(data)
    assert cal.walk("VEVENT") == []
    assert b"VTIMEZONE" not in data


def test_forbidden_characters_and_carriage_returns() -> None:
    """Control characters are removed and CR line breaks become escaped LFs."""
    noisy = replace(HEARING, title="Hearing\x00 on\x0b permits", description="Line one\r\nLine two\rLine three")
    entry = replace(WINTER, release=replace(WINTER.release, events=(noisy,)))
    data = ical.build(META, [entry])
    assert b"\x00" not in data
    assert b"\x0b" not in data
    (vevent,) = vevents(data)
    assert str(vevent["SUMMARY"]) == "Hearing on permits"
    assert str(vevent["DESCRIPTION"]).startswith("Line one\nLine two\nLine three\n\n")


def test_naive_event_time_is_refused() -> None:
    """A naive event start is a caller bug and fails loudly."""
    entry = replace(WINTER, release=replace(WINTER.release, events=(Event(start=datetime(2015, 1, 1, 9, 0)),)))
    with pytest.raises(ValueError, match="aware"):
        ical.build(META, [entry])


def test_with_zone_restores_tzids_after_a_store_round_trip() -> None:
    """Events read back from ISO text regain their named zone when the source's zone fits their offset."""
    stored = Release.from_json(ADVISORY.release.to_json())
    assert b"TZID=America/Los_Angeles" not in ical.build(META, [replace(ADVISORY, release=stored)])
    restored = in_zone(stored, "America/Los_Angeles")
    assert restored.events == ADVISORY.release.events
    assert restored.events[0].start.tzinfo == LOS_ANGELES
    data = ical.build(META, [replace(ADVISORY, release=restored)])
    assert data == ical.build(META, [ADVISORY])
    # An event whose offset is not the zone's (a webinar in India) keeps its offset and stays in UTC.
    webinar = in_zone(Release.from_json(WINTER.release.to_json()), "America/New_York").events[1]
    assert webinar.start.utcoffset() == timedelta(hours=5, minutes=30)
    assert not isinstance(webinar.start.tzinfo, ZoneInfo)
