"""Dates and event times as partners write them."""

from datetime import UTC, date, datetime

import lxml.html
import pytest

from pressroom.normalise.dates import date_from_url, find_date, infer_year, parse_iso, parse_when, zone
from pressroom.normalise.published import body_date, time_elements, visible_date
from pressroom.normalise.text import Block

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


@pytest.mark.parametrize(
    ("text", "start", "end", "all_day"),
    [
        # Spanish hour ranges without "las": the part of the day (or "h") is written once, after the end.
        ("jueves 16 de abril de 6 a 8 de la noche", "2015-04-16T18:00:00-07:00", "2015-04-16T20:00:00-07:00", False),
        ("sábado 18 de abril, de 11 a 2 de la tarde", "2015-04-18T11:00:00-07:00", "2015-04-18T14:00:00-07:00", False),
        ("sábado 18 de abril de 9 a 13 h", "2015-04-18T09:00:00-07:00", "2015-04-18T13:00:00-07:00", False),
        ("domingo 19 de abril, de 10am a 12pm", "2015-04-19T10:00:00-07:00", "2015-04-19T12:00:00-07:00", False),
        # Day ranges with the first day before the shared month.
        ("del 20 al 24 de abril", "2015-04-20", "2015-04-24", True),
        ("20–24 April 2015", "2015-04-20", "2015-04-24", True),
        ("Monday April 20th – Friday April 24th", "2015-04-20", "2015-04-24", True),
        # Both ends keep their weekday, the month is written once.
        ("del lunes 20 al viernes 24 de abril", "2015-04-20", "2015-04-24", True),
        ("Monday 20 – Friday 24 April", "2015-04-20", "2015-04-24", True),
    ],
)
def test_more_event_time_shapes(text: str, start: str, end: str | None, all_day: bool) -> None:
    found = parse_when(text, date(2015, 4, 10), "America/Los_Angeles")
    assert found is not None
    assert (iso(found[0]), iso(found[1]), found[2]) == (start, end, all_day)


def test_two_separate_days_are_not_a_range() -> None:
    assert parse_when("el 20 y 21 de abril", date(2015, 4, 10), "UTC")[1] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Either side of the autumn change in the partner's zone (Mountain time): the offset follows the day.
        ("Saturday, October 31 at 4pm", "2015-10-31T16:00:00-06:00"),
        ("Sunday, November 1 at 4pm", "2015-11-01T16:00:00-07:00"),
        # People write the standard-time name all summer; they mean the local clock.
        ("Thursday, August 13 at 6:30pm est", "2015-08-13T18:30:00-04:00"),
        ("Thursday, August 13, 6:30 p.m. (EDT)", "2015-08-13T18:30:00-04:00"),
        ("Thursday, August 13 at 3:30pm pt", "2015-08-13T15:30:00-07:00"),
        # Two zones for one instant: the first written zone gives the offset.
        ("Thursday, August 13, 3:30 p.m. (PDT) 6:30 p.m. (EDT)", "2015-08-13T15:30:00-07:00"),
        ("Thursday, August 13, 10am Central / 11am Eastern", "2015-08-13T10:00:00-05:00"),
    ],
)
def test_zones_and_daylight_saving(text: str, expected: str) -> None:
    start, end, all_day = parse_when(text, date(2015, 8, 1), "America/Denver")
    assert (start.isoformat(), end, all_day) == (expected, None, False)


def _post(inner: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div class='hentry'><p>Riders won back the night bus.</p>{inner}</div>")


def test_hatom_abbr_and_microdata_publication_dates() -> None:
    abbr = _post("<abbr class='published' title='2016-05-03T16:45:00-0500'>May 3, 2016</abbr>")
    assert time_elements(abbr, "UTC")[0].isoformat() == "2016-05-03T16:45:00-05:00"
    meta = _post(
        "<meta itemprop='datePublished' content='2016-05-03'><meta itemprop='dateModified' content='2016-05-09'>"
    )
    assert time_elements(meta, "UTC") == (date(2016, 5, 3), date(2016, 5, 9))
    # the machine value is missing: the visible text still dates the post
    text_only = _post("<span itemprop='datePublished'>Tuesday, May 3, 2016</span>")
    assert time_elements(text_only, "UTC")[0] == date(2016, 5, 3)


def test_marked_publication_date_beats_an_earlier_bare_time() -> None:
    post = _post(
        "<p>Hearing on <time datetime='2016-05-20'>May 20</time>.</p>"
        "<abbr class='published' title='2016-05-03T09:00:00-05:00'>9:00 AM</abbr>"
    )
    assert time_elements(post, "UTC")[0].isoformat() == "2016-05-03T09:00:00-05:00"


def test_site_builder_data_hook_marks_the_visible_date() -> None:
    # Classes are hashed; the builder names the date element only in `data-hook`.
    post = _post(
        "<div data-hook='post-header'><span data-hook='author'>Staff</span> "
        "<span data-hook='time-ago' title='Feb 3, 2022'>Feb 3, 2022</span></div>"
    )
    assert visible_date(post, "America/Denver") == date(2022, 2, 3)


def test_kubrick_postmetadata_is_a_date_line() -> None:
    post = _post("<p class='postmetadata alt'>This entry was posted on Friday, May 6th, 2016 at 11:20 am.</p>")
    assert visible_date(post, "America/Chicago").isoformat() == "2016-05-06T11:20:00-05:00"


def test_local_moment_shows_utc_values_on_the_partners_clock() -> None:
    from pressroom.normalise.dates import local_moment

    utc = datetime(2019, 4, 2, 8, 15, 0, 482000, tzinfo=UTC)
    assert local_moment(utc, "Europe/London").isoformat() == "2019-04-02T09:15:00+01:00"
    stated = datetime.fromisoformat("2014-02-27T10:15:00.250-08:00")
    assert local_moment(stated, "America/Chicago").isoformat() == "2014-02-27T10:15:00-08:00"  # the page's own clock
    assert local_moment(date(2014, 3, 4), "America/Chicago") == date(2014, 3, 4)


def test_spanish_hour_range_with_a_part_of_the_day_at_each_end() -> None:
    start, end, all_day = parse_when("domingo, 13 de abril de 2014, de 9 de la mañana a 2 de la tarde", None, "UTC")
    assert (start.hour, end.hour, all_day) == (9, 14, False)
    # Without a part of the day, "a 10 de mayo" is a day, not ten o'clock.
    assert parse_when("inscripciones hasta 10 de mayo de 2014", None, "UTC") == (date(2014, 5, 10), None, True)


def test_byline_date_whatever_the_footer_class() -> None:
    post = lxml.html.fragment_fromstring(
        "<div><p>Riders packed the hearing.</p><div class='asset-foot'><span class='foot-line'>"
        "Posted by staff on April 2, 2009 09:41 AM</span> | <a href='/p/1'>Permalink</a></div></div>"
    )
    assert visible_date(post, "America/Chicago").isoformat() == "2009-04-02T09:41:00-05:00"
    widget = lxml.html.fragment_fromstring(
        "<div><p>Riders packed the hearing.</p><aside><ul><li>Posted by Nell on April 3, 2009</li></ul></aside></div>"
    )
    assert visible_date(widget, "America/Chicago") is None


def test_event_time_label_is_no_publication_date_line() -> None:
    lines = [Block("HARBOR\nContact: Ned Ralston\nDate/Time of Event: Saturday, May 9, 2009 at 10am", "p")]
    assert body_date(lines, "UTC") is None
    assert body_date([Block("Date: April 2, 2009", "p")], "UTC") == date(2009, 4, 2)


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        # Arizona keeps standard time all year: its partners' "MST" in summer is their own clock, not Denver's.
        ("Friday, June 12 at 7:30 a.m. MST", "America/Phoenix", "2020-06-12T07:30:00-07:00"),
        ("Friday, June 12 at 7:30 a.m. MST", "America/Denver", "2020-06-12T07:30:00-06:00"),
        # A zone with another standard offset is the one the abbreviation names.
        ("Friday, June 12 at 7:30 a.m. PST", "America/Phoenix", "2020-06-12T07:30:00-07:00"),
        ("Friday, June 12 at 7:30 a.m. EST", "America/Phoenix", "2020-06-12T07:30:00-04:00"),
        # Atlantic time, written "ADT" after the autumn change in Nova Scotia, and by a Puerto Rico partner in June.
        ("Wednesday, November 25 at 6:00 p.m. ADT", "America/Halifax", "2020-11-25T18:00:00-04:00"),
        ("Friday, June 12 at 7:30 a.m. AST", "America/Puerto_Rico", "2020-06-12T07:30:00-04:00"),
        ("Wednesday, November 25 at 6:00 p.m. ADT", "America/New_York", "2020-11-25T18:00:00-04:00"),
        ("Friday, June 12 at 7:30 a.m. (AST)", "America/Halifax", "2020-06-12T07:30:00-03:00"),
    ],
)
def test_zone_abbreviation_read_in_the_partners_own_zone(text: str, tz: str, expected: str) -> None:
    start, _, _ = parse_when(text, date(2020, 6, 1), tz)
    assert start.isoformat() == expected


def test_joomla_createdate_cell_is_the_publication_date() -> None:
    post = _post(
        "<table><tr><td class='createdate'>Viernes, 15 de Enero de 2016 09:05</td></tr>"
        "<tr><td class='modifydate'>Última actualización el Lunes, 18 de Enero de 2016 11:00</td></tr></table>"
    )
    assert visible_date(post, "America/Puerto_Rico").isoformat() == "2016-01-15T09:05:00-04:00"


def test_weekday_alone_counts_from_the_release_date_when_asked() -> None:
    wednesday = date(2019, 4, 10)
    start, end, all_day = parse_when("on Friday, 9:30 a.m.", wednesday, "America/Denver", weekday_alone=True)
    assert (start.isoformat(), end, all_day) == ("2019-04-12T09:30:00-06:00", None, False)
    assert parse_when("el lunes a las 6 de la tarde", wednesday, "America/Denver", weekday_alone=True)[
        0
    ].isoformat() == ("2019-04-15T18:00:00-06:00")
    # Only when asked, only from a known release date, never the release's own weekday or an incomplete date.
    assert parse_when("on Friday, 9:30 a.m.", wednesday, "America/Denver") is None
    assert parse_when("on Friday, 9:30 a.m.", None, "America/Denver", weekday_alone=True) is None
    assert parse_when("on Wednesday, 9:30 a.m.", wednesday, "America/Denver", weekday_alone=True) is None
    assert parse_when("Friday the 19th at 9:30 a.m.", wednesday, "America/Denver", weekday_alone=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("viernes 12 y sábado 13 de junio, todo el día", (date(2015, 6, 12), date(2015, 6, 13), True)),
        ("Saturday, October 3 and Sunday, October 4", (date(2015, 10, 3), date(2015, 10, 4), True)),
        # Two days apart, they are two dates: the one written with its month, as before.
        ("lunes 8 y miércoles 10 de junio", (date(2015, 6, 10), None, True)),
        # Without their weekdays, two days in a row are two dates too.
        ("June 12 and June 13", (date(2015, 6, 12), None, True)),
    ],
)
def test_two_days_in_a_row_with_their_weekdays_are_one_span(text: str, expected: tuple) -> None:
    assert parse_when(text, date(2015, 6, 1), "America/Los_Angeles") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Joomla's article info writes the creation instant past the short-line limit.
        ("Created on Thursday, 17 September 2009 16:05", "2009-09-17T16:05:00-10:00"),
        ("Created: Thursday, 17 September 2009 16:05", "2009-09-17T16:05:00-10:00"),
        # A media advisory's release line.
        ("FOR PLANNING PURPOSES: Wednesday, October 14, 2020", "2020-10-14"),
    ],
)
def test_creation_and_planning_lines_date_the_release(line: str, expected: str) -> None:
    found = body_date([Block("Category: Housing", "dd"), Block(line, "dd")], "Pacific/Honolulu")
    assert found.isoformat() == expected


def test_a_sentence_that_opens_with_created_is_no_date_line() -> None:
    prose = Block("Created by tenants in 1998 and rebuilt on Thursday, 17 September 2009 after the fire", "p")
    assert body_date([prose], "UTC") is None
    assert body_date([Block("Last Updated on Saturday, 19 September 2009 10:00", "dd")], "UTC") is None
