"""Dates and event times as partners write them."""

from datetime import date, datetime

import pytest

from pressroom.normalise.dates import date_from_url, find_date, infer_year, parse_iso, parse_when, zone

REF = date(2014, 2, 27)


def iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None


@pytest.mark.parametrize(
    ("text", "start", "end", "all_day"),
    [
        ("Monday March 3rd at 2:00pm pt", "2014-03-03T14:00:00-08:00", None, False),
        ("March4th at 11:00am", "2014-03-04T11:00:00-06:00", None, False),
        ("Tuesday March 4 at 12noon pm", "2014-03-04T12:00:00-06:00", None, False),
        ("Wednesday March 5, 5:30pm pt – 8:00pm pt", "2014-03-05T17:30:00-08:00", "2014-03-05T20:00:00-08:00", False),
        ("Saturday, March 8, 1:00 – 4:00 p.m.", "2014-03-08T13:00:00-06:00", "2014-03-08T16:00:00-06:00", False),
        ("Lunes, 3 Marzo 2014 12pm-2pm", "2014-03-03T12:00:00-06:00", "2014-03-03T14:00:00-06:00", False),
        ("martes, 4 de marzo de 2014", "2014-03-04", None, True),
        ("el jueves 6 de marzo a las 10 de la mañana", "2014-03-06T10:00:00-06:00", None, False),
        ("Monday March 3rd – Friday March 7th", "2014-03-03", "2014-03-07", True),
        ("March 3-7", "2014-03-03", "2014-03-07", True),
        ("Friday, March 7, 11:00 – 1:00 p.m. ET", "2014-03-07T11:00:00-05:00", "2014-03-07T13:00:00-05:00", False),
        (
            "sábado 8 de marzo de 2014, de la 1:00 a las 4:00 p.m.",
            "2014-03-08T13:00:00-06:00",
            "2014-03-08T16:00:00-06:00",
            False,
        ),
    ],
)
def test_event_times(text: str, start: str, end: str | None, all_day: bool) -> None:
    found = parse_when(text, REF, "America/Chicago")
    assert found is not None
    assert (iso(found[0]), iso(found[1]), found[2]) == (start, end, all_day)


def test_pst_in_july_means_pacific_daylight_time() -> None:
    start, _, _ = parse_when("Thursday July 10 at 2pm PST", date(2014, 7, 1), "UTC")
    assert start.isoformat() == "2014-07-10T14:00:00-07:00"


def test_two_zones_for_one_instant_give_one_time() -> None:
    start, end, all_day = parse_when(
        "Monday, July\u00a0 7th, 3:00 p.m. (EDT) 12:00 p.m. (PST)", date(2014, 7, 2), "UTC"
    )
    assert start.isoformat() == "2014-07-07T15:00:00-04:00"
    assert end is None and all_day is False
    assert start == datetime.fromisoformat("2014-07-07T12:00:00-07:00")


def test_time_without_zone_is_in_source_zone() -> None:
    start, _, _ = parse_when("March 4 at 9:00am", REF, "America/Denver")
    assert start.isoformat() == "2014-03-04T09:00:00-07:00"


@pytest.mark.parametrize(
    "text", ["Doc. ID 0.512.88341 at pages 1-2", "nationwide by 2015", "HB 56", "H.R. 2669", "at 5pm"]
)
def test_not_dates(text: str) -> None:
    assert parse_when(text, REF, "UTC") is None
    assert find_date(text) is None


def test_year_follows_the_weekday() -> None:
    # March 3 was a Monday in 2014; the release is from late 2013, so nearest-year alone would pick 2014 anyway,
    # but a Wednesday March 3 only exists in 2010 and 2021: the nearest matching year wins.
    assert infer_year(3, 3, 0, date(2013, 12, 20)) == date(2014, 3, 3)
    assert infer_year(3, 3, 2, date(2020, 12, 20)) == date(2021, 3, 3)
    assert infer_year(1, 5, None, date(2014, 12, 20)) == date(2015, 1, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on July 5, 2012 by admin", date(2012, 7, 5)),
        ("Thursday, July 26, 2007", date(2007, 7, 26)),
        ("For Immediate Release: Friday, June 12, 2015", date(2015, 6, 12)),
        ("03/13/12 | Coalition responds", date(2012, 3, 13)),
        ("Publicado el 3 de marzo de 2014", date(2014, 3, 3)),
        ("July\u00a0 7th, 2014", date(2014, 7, 7)),
    ],
)
def test_visible_publication_dates(text: str, expected: date) -> None:
    assert find_date(text) == expected


def test_visible_date_with_time_is_aware_in_source_zone() -> None:
    assert find_date("July 5, 2012 at 3:15 pm", "America/New_York").isoformat() == "2012-07-05T15:15:00-04:00"


def test_iso_values() -> None:
    assert parse_iso("2012-07-05") == date(2012, 7, 5)
    assert parse_iso("2012-07-05T10:00:00Z").isoformat() == "2012-07-05T10:00:00+00:00"
    assert parse_iso("2012-07-05T10:00:00+02:00").isoformat() == "2012-07-05T10:00:00+02:00"
    assert parse_iso("2012-01-05T10:00:00", "America/New_York").isoformat() == "2012-01-05T10:00:00-05:00"
    assert parse_iso("not a date") is None


def test_url_dates() -> None:
    assert date_from_url("https://x.example/2012/07/05/slug/") == date(2012, 7, 5)
    assert date_from_url("https://x.example/2012/13/05/slug/") is None
    assert date_from_url("https://x.example/category/resources/") is None


def test_zone_abbreviations() -> None:
    assert str(zone("pt")) == "America/Los_Angeles"
    assert str(zone("EDT")) == "America/New_York"
    assert str(zone("Europe/Madrid")) == "Europe/Madrid"
    assert str(zone("Nowhere/Else")) == "UTC"
