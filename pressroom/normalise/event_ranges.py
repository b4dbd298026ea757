"""Events that span several whole days, told in prose: "a Week of Action, Monday, April 8 – Friday, April 12"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Event, When
from pressroom.normalise.dates import ES_MONTH, ES_WEEKDAY, as_date, parse_when
from pressroom.normalise.narrative import ANNOUNCEMENT, PLACE_LATER, SENTENCE
from pressroom.normalise.text import DIGIT, Block, folded

_WD_EN = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MON_EN = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH_DAY = rf"(?:{_MON_EN})[a-z]*\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?:19|20)\d\d)?"
# Both ends carry their weekday: "Monday February 29th – Friday March 4th", "From Wednesday, June 1 through Friday,
# June 3", "del lunes 13 al viernes 17 de abril". A range of bare dates ("April 8-12") is as often a deadline window
# or a session's; the weekdays are how people write the days they will be out.
_DAY_RANGE = re.compile(
    rf"\b(?:{_WD_EN}),?\s+{_MONTH_DAY}\s*(?:[-–—]|to|through|thru|until)\s*(?:{_WD_EN}),?\s+{_MONTH_DAY}|"
    rf"\b(?:{ES_WEEKDAY})\s+\d{{1,2}}\s+(?:al|hasta\s+el)\s+(?:{ES_WEEKDAY})\s+\d{{1,2}}\s+de\s+(?:{ES_MONTH})",
    re.IGNORECASE,
)
# Parts of the Spanish weekday names without an accent: one of them is in every Spanish range _DAY_RANGE matches.
_ES_WEEKDAY_PARTS = ("lunes", "martes", "rcoles", "jueves", "viernes", "bado", "domingo")
# What says the days are the release's own action: a campaign's name ("Week of Action", "Days of Action", "Semana de
# Acción"), or its people's future work those days ("will staff an information table", "will hold events").
_CAMPAIGN = re.compile(
    r"\b(?:weeks?|days?|month)\s+of\s+(?:action|service|resistance|outreach)\b|"
    r"\b(?:semana|jornadas?|d[ií]as?)\s+de\s+(?:acci[óo]n|lucha|movilizaci[óo]n)\b|"
    r"\bwill\s+(?:staff|set\s+up|run|host|hold)\s+(?:an?\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:tables?|booths?|canvass(?:es)?|tabling|events?|actions?|clinics?|drives?)\b",
    re.IGNORECASE,
)


def range_events(blocks: Sequence[Block], ref: When | None = None, tz: str = "UTC") -> list[Event]:
    """All-day events over several days that a sentence names as the release's own action; [] when none does.

    A comment period or a legislative session ("The session runs Monday, January 9 through …") has no such cue and
    is news; a span already past when the release came out is narrative.
    """
    events: list[Event] = []
    for block in blocks:
        text = block.text.replace("\n", " ")
        if block.heading or len(text) > 1500 or not _may_hold_range(text) or not _DAY_RANGE.search(text):
            continue
        for sentence in SENTENCE.split(text):
            span = _DAY_RANGE.search(sentence)
            if span is None or not (_CAMPAIGN.search(sentence) or ANNOUNCEMENT.search(sentence)):
                continue
            timing = parse_when(span[0], ref, tz)
            if timing is None or not timing[2] or timing[1] is None:
                continue
            if ref is not None and as_date(timing[0]) < as_date(ref):
                continue
            place = PLACE_LATER.match(sentence[span.end() :])
            events.append(Event(start=timing[0], end=timing[1], all_day=True, location=_where(place)))
    return events


def _where(place: re.Match[str] | None) -> str | None:
    """The place named after the days ("… will staff a table at Homer Harbor, where …"), or None."""
    return place["where"].strip() if place else None


def _may_hold_range(text: str) -> bool:
    """Whether `text` passes the cheap tests every _DAY_RANGE match passes (the regex is slow over every paragraph).

    A match holds a day's number, and either two English weekday names (each ends in "day") or a Spanish one.
    """
    if not DIGIT.search(text):
        return False
    low = folded(text)
    return low.count("day") >= 2 or any(part in low for part in _ES_WEEKDAY_PARTS)
