"""Dates and times as partners write them, turned into `date`s and zone-aware `datetime`s.

Hot paths use compiled regexes and our own month tables; nothing here calls dateparser or htmldate.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pressroom.models import When

MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
    },
    "sept": 9,
    **{
        m: i
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            1,
        )
    },
    "setiembre": 9,
}
WEEKDAYS = {
    **{d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])},
    **{d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
    **{d: i for i, d in enumerate(["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"])},
    "miercoles": 2,
    "sabado": 5,
}
# What people type after a time, mapped to the zone they mean: "PST" in July still means Pacific time.
ZONES = {
    **dict.fromkeys(("pt", "pst", "pdt", "pacific"), "America/Los_Angeles"),
    **dict.fromkeys(("mt", "mst", "mdt", "mountain"), "America/Denver"),
    **dict.fromkeys(("ct", "cst", "cdt", "central"), "America/Chicago"),
    **dict.fromkeys(("et", "est", "edt", "eastern"), "America/New_York"),
    # Atlantic time ("7 p.m. ADT"): Canada's Maritimes and, without daylight saving, Puerto Rico.
    **dict.fromkeys(("ast", "adt", "atlantic"), "America/Halifax"),
    **dict.fromkeys(("akt", "akst", "akdt"), "America/Anchorage"),
    **dict.fromkeys(("hst", "hast"), "Pacific/Honolulu"),
    **dict.fromkeys(("utc", "gmt"), "UTC"),
}

_EN_MONTH = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_ES_MONTH = r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
_EN_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun"
_ES_WEEKDAY = r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo"
_YEAR = r"(?:19|20)\d{2}"
# The Spanish names, for other modules' patterns of days.
ES_MONTH, ES_WEEKDAY = _ES_MONTH, _ES_WEEKDAY

# "Thursday, July 26, 2007", "March4th", "July  7th", "Mar. 3": month first, then day.
DATE_EN = re.compile(
    rf"\b(?:(?P<wd>{_EN_WEEKDAY})\.?,?\s*)?(?P<mon>{_EN_MONTH})\.?\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:(?:,\s*|\s+)(?P<year>{_YEAR})(?!\d))?",
    re.IGNORECASE,
)
# "5 July 2012", "Lunes, 3 Marzo 2014", "martes, 4 de marzo de 2014", "el jueves 6 de marzo": day first.
DATE_DMY = re.compile(
    rf"\b(?:(?P<wd>{_EN_WEEKDAY}|{_ES_WEEKDAY}),?\s*)?(?:el\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th|º)?\s+(?:de\s+|of\s+)?"
    rf"(?P<mon>{_ES_MONTH}|{_EN_MONTH})\.?(?:,?\s+(?:de\s+|del\s+)?(?P<year>{_YEAR})(?!\d))?\b",
    re.IGNORECASE,
)
# Press listings write "03/13/12"; only month/day/year order is used in US partner sites.
DATE_NUMERIC = re.compile(r"(?<![\d/.])(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])")
DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})\b")
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")

_TIME = re.compile(
    r"(?<![\d.:/])(?P<h>\d{1,2})(?:(?::|\.(?=\d\d\s*[ap]))(?P<m>\d{2}))?(?!\d)\s*"
    r"(?P<ap>[ap]\.?\s?m\b\.?)?"
    r"(?:\s*\(?\s*(?P<tz>pacific|eastern|central|mountain|atlantic|akst|akdt|pst|pdt|mst|mdt|cst|cdt|est|edt|ast|adt|hst|utc|gmt|pt|mt|ct|et)\b\.?\)?)?",
    re.IGNORECASE,
)
_NOON = re.compile(r"\b(?:12\s*)?(?:noon|mediod[ií]a)(?:\s*(?:pm|p\.m\.))?", re.IGNORECASE)
_MIDNIGHT = re.compile(r"\b(?:12\s*)?midnight\b", re.IGNORECASE)
# "a las 10 de la mañana", "a las 6:30 de la tarde"; without the article only when the part of the day follows,
# as in "de 10 de la mañana a 1 de la tarde" ("de 3 de marzo" is a date, not a time).
_ES_PART = r"(?:de\s+la|del|por\s+la)\s+(?:mañana|manana|tarde|noche)"
_ES_TIME = re.compile(
    r"\b(?:(?:a|desde|de|hasta)\s+las?|(?:a|desde|de|hasta)(?=\s+\d{1,2}(?::\d{2})?\s*"
    + _ES_PART
    + r"))\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?"
    r"(?:\s*(?:de\s+la|del|por\s+la)\s+(?P<part>mañana|manana|tarde|noche))?",
    re.IGNORECASE,
)
# "de 6 a 8 de la noche", "de 9 a 13 h": an hour range without "las", one part of the day (or "h") for both ends.
_ES_RANGE = re.compile(
    r"\b(?:de|desde)\s+(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s+(?:a|hasta)\s+(?:las?\s+)?(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?"
    r"\s*(?:(?:de\s+la|del|por\s+la)\s+(?P<part>mañana|manana|tarde|noche)\b|h(?:oras|rs)?\b\.?)",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"^\s*(?:[-–—~]+|to|until|till|through|thru|al|hasta|a)\s*$", re.IGNORECASE)
# "del 2 al 14 de marzo", "3–7 March": the first day of a range written before the month it shares.
_DAY_HEAD = re.compile(r"(?<![\d/.:])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:al|a|[-–—]|to)\s*$", re.IGNORECASE)
# "del lunes 13 al viernes 17 de abril", "Monday 13 – Friday 17 April": each end of the range keeps its weekday.
_WEEKDAY_DAY_HEAD = re.compile(
    rf"(?<![\w/.:])(?:{_EN_WEEKDAY}|{_ES_WEEKDAY}),?\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*"
    r"(?P<sep>al|a|[-–—]|to|through|thru|until|y|and|&)\s*$",
    re.IGNORECASE,
)
# "sábado 28 y domingo 29 de marzo", "Saturday, May 2 and Sunday, May 3": two days in a row, each with its weekday,
# name one two-day span (a fair, a weekend canvass); two days apart they are two dates, the first the start.
_DAY_PAIR = re.compile(r"^\s*,?\s*(?:y|and|&)\s*$", re.IGNORECASE)
_DAY_TAIL = re.compile(r"\s*[-–—]\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?!\s*[ap]\.?m)", re.IGNORECASE)


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The tzinfo for an IANA name or a written abbreviation ('pt', 'EDT'); UTC when unknown."""
    if not name:
        return ZoneInfo("UTC")
    key = ZONES.get(name.lower().strip(". ()"), name)
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


_JANUARY = datetime(2001, 1, 15)


@lru_cache(maxsize=128)
def written_zone(abbreviation: str | None, tz: str) -> tzinfo:
    """The zone a written abbreviation means for a partner in `tz`: the partner's own when its standard time agrees.

    "MST" in July on an Arizona partner (America/Phoenix, no daylight saving) is the partner's clock, not Denver's
    summer time; "CST" from a Central American partner likewise. A zone with another standard offset ("PST" written by
    an Arizona partner) is the one the abbreviation names.
    """
    named, own = zone(abbreviation), zone(tz)
    if abbreviation is None:
        return own
    if named is not own and named.utcoffset(_JANUARY) == own.utcoffset(_JANUARY) and str(own) != "UTC":
        return own
    return named


def local_moment(value: When | None, tz: str) -> When | None:
    """A datetime shown as the partner's readers saw it, to the second; dates unchanged.

    Structured data often says 08:15Z for what the page shows as 09:15 local time: a UTC value moves into the
    partner's zone (same instant). A value written with any other offset already is the partner's clock.
    """
    if not isinstance(value, datetime) or value.utcoffset() is None:
        return value
    if value.utcoffset() == timedelta(0):
        value = value.astimezone(zone(tz))
    return value.replace(microsecond=0)


def as_date(value: When) -> date:
    """The calendar day of a date or datetime."""
    return value.date() if isinstance(value, datetime) else value


def parse_iso(text: str | None, tz: str = "UTC") -> When | None:
    """An ISO 8601 value from markup (`datetime=`, JSON-LD, meta); a bare time is in `tz`, a bare day stays a date."""
    if not text:
        return None
    text = text.strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        value = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        try:
            from dateutil import parser as _parser  # rare shapes only ("2012-07-05T10:00:00+0000Z")

            value = _parser.isoparse(text)
        except (ValueError, OverflowError):
            match = DATE_ISO.match(text)
            return _make_date(int(match["year"]), int(match["mon"]), int(match["day"])) if match else None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def date_from_url(url: str) -> date | None:
    """The day in a WordPress-style permalink (/YYYY/MM/DD/slug/)."""
    match = URL_DATE.search(url)
    return _make_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def find_date(text: str, tz: str = "UTC") -> When | None:
    """The first full date (with a year) in visible text such as 'Posted on July 5, 2012 by admin'.

    A time written right after the date ("July 5, 2012 at 3:15 pm") makes it an aware datetime in `tz`.
    """
    best: tuple[int, date, int] | None = None
    for pattern in (DATE_EN, DATE_DMY, DATE_NUMERIC, DATE_ISO):
        for match in pattern.finditer(text):
            year = _year(match["year"])
            if year is None:
                continue
            month = MONTHS.get(match["mon"].lower()) if not match["mon"].isdigit() else int(match["mon"])
            day = _make_date(year, month, int(match["day"])) if month else None
            if day is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), day, match.end())
                break
    if best is None:
        return None
    tail = text[best[2] : best[2] + 30]
    found = re.match(r"\s*(?:at|@|,|\||-|–)?\s*", tail)
    rest = tail[found.end() :] if found else tail
    clock = _TIME.match(_NOON.sub("12:00 pm", rest))
    if clock and (clock["m"] or clock["ap"]):
        parsed = _clock(clock)
        if parsed is not None:
            return datetime.combine(best[1], parsed, tzinfo=written_zone(clock["tz"], tz))
    return best[1]


def _clock(match: re.Match[str], meridiem: str | None = None) -> time | None:
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ap = (match["ap"] or meridiem or "").lower()[:1]
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def infer_year(month: int, day: int, weekday: int | None, ref: date) -> date | None:
    """The date nearest `ref` with this month and day; with a weekday, the nearest year where it matches."""
    candidates = [d for y in (ref.year, ref.year + 1, ref.year - 1) if (d := _make_date(y, month, day))]
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching:
            candidates = matching
        else:
            # Nobody checked the calendar: search a few more years before giving up on the weekday.
            wider = [d for y in range(ref.year - 6, ref.year + 7) if (d := _make_date(y, month, day))]
            matching = [d for d in wider if d.weekday() == weekday]
            candidates = matching or candidates
    return min(candidates, key=lambda d: abs((d - ref).days)) if candidates else None


def _dates_in(text: str, ref: date) -> list[tuple[int, int, date]]:
    """(start, end, date) for each date in `text`, year inferred from `ref` when missing."""
    found: list[tuple[int, int, date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (DATE_EN, DATE_DMY, DATE_NUMERIC):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mon = match["mon"]
            month = int(mon) if mon.isdigit() else MONTHS.get(mon.lower())
            if not month or not 1 <= month <= 12:
                continue
            if pattern is DATE_NUMERIC and not match["year"] and not re.search(r"\d\s*/\s*\d", match[0]):
                continue
            weekday = WEEKDAYS.get((match["wd"] or "").lower()) if "wd" in match.re.groupindex else None
            year = _year(match["year"])
            day = (
                _make_date(year, month, int(match["day"]))
                if year
                else infer_year(month, int(match["day"]), weekday, ref)
            )
            if day is None:
                continue
            end = match.end()
            found.append((match.start(), end, day))
            taken.append((match.start(), end))
            # "March 3-7": a second day of the same month right after the first.
            tail = _DAY_TAIL.match(text, end)
            if tail and pattern is not DATE_NUMERIC:
                second = _make_date(day.year, month, int(tail["day"]))
                if second and second > day:
                    found.append((tail.start("day"), tail.end(), second))
                    taken.append((tail.start(), tail.end()))
            if pattern is not DATE_DMY:
                head = None
            elif match["wd"]:
                head = _WEEKDAY_DAY_HEAD.search(text, max(0, match.start() - 30), match.start())
            else:
                head = _DAY_HEAD.search(text, max(0, match.start() - 12), match.start())
            if head:
                first = _make_date(day.year, month, int(head["day"]))
                paired = "sep" in head.re.groupindex and _DAY_PAIR.match(head["sep"])
                if paired and first and (day - first).days != 1:
                    first = None  # "martes 3 y jueves 5 de marzo": two dates; the one with the month stays
                if first and first < day and not any(s < head.end() and head.start() < e for s, e in taken):
                    found.append((head.start(), head.end("day"), first))
                    taken.append((head.start(), head.end("day")))
    return sorted(found)


def _es_time(match: re.Match[str]) -> str:
    hour, minute = int(match["h"]), match["m"] or "00"
    part = (match["part"] or "").lower()
    # "de la 1:00 a las 4:00": keep "a" so the pair still reads as a range.
    lead = " a " if match[0].lower().startswith(("a ", "hasta")) else " "
    if part in ("tarde", "noche") and hour < 12:
        return f"{lead}{hour}:{minute}pm "
    if part in ("mañana", "manana"):
        return f"{lead}{hour}:{minute}am "
    return f"{lead}{hour}:{minute} "


def _es_range(match: re.Match[str]) -> str:
    part = (match["part"] or "").lower()
    end_hour = int(match["h2"])
    # The part of the day is written once, after the end; parse_when applies the end's meridiem to the start.
    meridiem = "" if not part else "am" if part in ("mañana", "manana") and end_hour < 12 else "pm"
    return f" {match['h1']}:{match['m1'] or '00'} a {end_hour}:{match['m2'] or '00'}{meridiem} "


# A weekday written alone, as releases time what happens within the week: "will rally on Thursday at 10 a.m.",
# "el jueves a las 10", "Thursday, 10 a.m.". Full names only ("Sun", "Wed" are words too). A day of the month or a
# month after it ("Thursday the 6th", "Thursday, March") is a date left incomplete, not this week's day.
BARE_WEEKDAY = re.compile(
    r"(?<![\w/])(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|" + _ES_WEEKDAY + r")\b"
    rf"(?!,?\s*(?:the\s+\d|\d{{1,2}}(?:st|nd|rd|th)\b|(?:{_EN_MONTH}|{_ES_MONTH})\b))",
    re.IGNORECASE,
)
# "last Thursday", "next Thursday" (this week's or the next?), "every Thursday": no one day, or not one we can tell.
_NOT_THIS_WEEK = re.compile(r"\b(?:last|next|every|each|past|pasado|pr[oó]ximo|cada|todos\s+los)\s+$", re.IGNORECASE)


def bare_weekday(text: str, ref: When | None) -> tuple[re.Match[str], date] | None:
    """The weekday written alone in `text` and the day it names: the first such day after the release date `ref`.

    A release names the days of its own week by weekday, and an announcement looks ahead. The release's own weekday
    is left alone: "on Thursday" in a Thursday release may be today or a week on.
    """
    if ref is None:
        return None
    for match in BARE_WEEKDAY.finditer(text):
        if _NOT_THIS_WEEK.search(text, max(0, match.start() - 12), match.start()):
            continue
        ahead = (WEEKDAYS[match["wd"].lower()] - as_date(ref).weekday()) % 7
        return (match, as_date(ref) + timedelta(days=ahead)) if ahead else None
    return None


def parse_when(
    text: str, ref: When | None = None, tz: str = "UTC", weekday_alone: bool = False
) -> tuple[When, When | None, bool] | None:
    """(start, end, all_day) for an event time like 'Monday March 3rd at 2:00pm pt – 5pm pt'; None without a date.

    The year comes from `ref` (the release date) when the text has none; times without a zone are in `tz`. With
    `weekday_alone`, a weekday with no date ("on Thursday at 10 a.m.") is the first such day after `ref`.
    """
    ref_day = as_date(ref) if ref else date.today()
    text = _MIDNIGHT.sub("12:00 am", _NOON.sub("12:00 pm", text.replace("\u00a0", " ")))
    text = _ES_TIME.sub(_es_time, _ES_RANGE.sub(_es_range, text))
    dates = _dates_in(text, ref_day)
    if not dates and weekday_alone and (alone := bare_weekday(text, ref)):
        dates = [(alone[0].start(), alone[0].end(), alone[1])]
    if not dates:
        return None
    # Blank the dates out so their day numbers are never read as hours.
    chars = list(text)
    for start, end, _ in dates:
        chars[start:end] = " " * (end - start)
    blanked = "".join(chars)
    times = [m for m in _TIME.finditer(blanked) if m["m"] or m["ap"]]
    first = dates[0][2]
    if not times:
        last = dates[-1][2] if len(dates) > 1 and _is_range(text, dates[0][1], dates[1][0]) else None
        if len(dates) == 2 and _is_day_pair(text, dates[0], dates[1]):
            last = dates[1][2]
        return first, (last if last and last > first else None), True
    start_m = times[0]
    end_m = times[1] if len(times) > 1 and _is_range(blanked, times[0].end(), times[1].start()) else None
    # Without a range separator a second time is the same instant in another zone ("3:00 p.m. (EDT) 12:00 p.m. (PST)").
    day_of_end = dates[1][2] if len(dates) > 1 else first
    start_clock = _clock(start_m, None if start_m["ap"] or not end_m else end_m["ap"])
    if start_clock is None:
        return first, None, True
    shared_zone = written_zone(start_m["tz"] or (end_m["tz"] if end_m else None), tz)
    start = datetime.combine(first, start_clock, tzinfo=shared_zone)
    end_clock = _clock(end_m) if end_m else None
    if end_m is None or end_clock is None:
        return start, None, False
    end_zone = written_zone(end_m["tz"], tz) if end_m["tz"] else shared_zone
    end = datetime.combine(day_of_end, end_clock, tzinfo=end_zone)
    if not start_m["ap"] and end_m["ap"] and start > end:
        # "11:00 – 1:00 p.m.": the shared meridiem does not apply to the start.
        start = start - timedelta(hours=12)
    if end <= start:
        end += timedelta(days=1)
    return start, end, False


def _is_day_pair(text: str, first: tuple[int, int, date], second: tuple[int, int, date]) -> bool:
    """Two days in a row joined by "and"/"y", both with their weekday: one two-day span."""
    if (second[2] - first[2]).days != 1 or not _DAY_PAIR.match(text[first[1] : second[0]]):
        return False
    return all(_WEEKDAY_AT.match(text, start) for start, _, _ in (first, second))


_WEEKDAY_AT = re.compile(rf"(?:{_EN_WEEKDAY}|{_ES_WEEKDAY})\b", re.IGNORECASE)


def _is_range(text: str, left: int, right: int) -> bool:
    between = text[left:right].strip(" ,")
    return bool(_RANGE_SEP.match(between)) if between else False
