"""The JSON Feed 1.1 builder: schema-valid, deterministic, and carrying the `_pressroom` facts."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import datetime
from importlib import resources
from typing import Any

import jsonschema
import pytest
from test_feeds import JOINT, PLAIN
from test_feeds import META as FEED_META
from test_ical import ADVISORY, PRESS_OFFICER, WINTER

from pressroom.feeds import jsonfeed
from pressroom.models import Entry, Release

SCHEMA = json.loads(resources.files("pressroom").joinpath("schemas/jsonfeed-1.1.json").read_text("utf-8"))
META = replace(FEED_META, self_url="https://feeds.coalition.example/all.json")
ENTRIES = (WINTER, ADVISORY, JOINT, PLAIN)  # the order is the caller's, not re-sorted


def validate(document: dict[str, Any]) -> None:
    """Raise unless the document is valid against the JSON Feed 1.1 schema."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def feed(entries: tuple[Entry, ...] | list[Entry] = ENTRIES) -> dict[str, Any]:
    """The built feed, parsed."""
    return json.loads(jsonfeed.build(META, entries))


def item(entry: Entry) -> dict[str, Any]:
    """The built item for one entry, alone in its feed."""
    return feed([entry])["items"][0]


def test_valid_against_the_schema() -> None:
    """The whole feed, and an empty one, validate against JSON Feed 1.1."""
    validate(feed())
    validate(feed([]))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("version"),
        lambda d: d.update(version="https://jsonfeed.org/version/1"),
        lambda d: d["items"][0].pop("id"),
        lambda d: d["items"][0].update(id=42),
        lambda d: d["items"][0].pop("content_html"),
        lambda d: d["items"][0].update(date_published="2015-01-05 08:00"),
        lambda d: d["items"][1]["attachments"][0].pop("mime_type"),
        lambda d: d["items"][0].update(authors=["Friends of the River"]),
        lambda d: d["items"][0].update(date_publised="2015-01-05T08:00:00-05:00"),
    ],
)
def test_schema_refuses_broken_feeds(breakage: Any) -> None:
    """The schema is strict enough to catch what a broken builder would write."""
    document = copy.deepcopy(feed())
    breakage(document)
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_bytes_are_deterministic_pretty_utf8() -> None:
    """Equal input gives equal bytes: two-space indent, raw UTF-8, fixed key order, trailing newline."""
    data = jsonfeed.build(META, ENTRIES)
    copies = [replace(e, release=replace(e.release), postings=tuple(e.postings)) for e in ENTRIES]
    assert data == jsonfeed.build(META, copies)
    assert data.endswith(b"}\n")
    assert data.startswith(b'{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": ')
    assert "Déclaration commune".encode() in data
    assert list(json.loads(data)) == [
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "language",
        "authors",
        "items",
    ]


def test_feed_fields() -> None:
    """Top-level fields come from the feed metadata."""
    document = feed()
    assert document["title"] == META.title
    assert document["home_page_url"] == META.home_url
    assert document["feed_url"] == META.self_url
    assert document["description"] == META.subtitle
    assert document["language"] == "en"
    assert document["authors"] == [{"name": META.title, "url": META.home_url}]
    assert [i["id"] for i in document["items"]] == [e.id for e in ENTRIES]


def test_item_fields() -> None:
    """An item has the entry's id, link, title, cleaned HTML, summary, RFC 3339 dates, authors, tags, language."""
    got = item(ADVISORY)
    assert list(got) == [
        "id",
        "url",
        "title",
        "content_html",
        "summary",
        "date_published",
        "date_modified",
        "authors",
        "tags",
        "language",
        "attachments",
        "_pressroom",
    ]
    assert got["id"] == ADVISORY.id
    assert got["url"] == ADVISORY.release.url
    assert got["title"] == ADVISORY.release.title
    assert got["content_html"].startswith("<p>The coalition presents its findings.</p>\n<p>Posted by <a href=")
    assert got["summary"] == ADVISORY.release.summary
    assert got["date_published"] == "2014-07-08T09:00:00-07:00"
    assert got["date_modified"] == "2014-07-08T09:45:30-07:00"  # whole seconds, its own offset
    assert datetime.fromisoformat(got["date_modified"]) == ADVISORY.updated.replace(microsecond=0)
    assert got["authors"] == [{"name": "Clean Water Coalition"}, {"name": "Friends of the River"}]
    assert got["tags"] == ["media_advisory", "cleanwater", "riverfriends", "en"]
    assert got["language"] == "en"


def test_attachments() -> None:
    """Attachments carry url and mime_type always, title and size_in_bytes when known."""
    assert item(ADVISORY)["attachments"] == [
        {
            "url": "https://cleanwater.example/media/2014-bay-report.pdf",
            "mime_type": "application/pdf",
            "title": "2014 Bay water quality report",
            "size_in_bytes": 1048576,
        }
    ]
    assert item(JOINT)["attachments"][1] == {
        "url": "https://riverfriends.example/media/photo-riviere.jpg",
        "mime_type": "application/octet-stream",
        "title": "Photo",
    }
    assert "attachments" not in item(WINTER)


def test_html_is_cleaned() -> None:
    """Scripts and event handlers are gone from content_html, as in Atom and RSS."""
    html = item(JOINT)["content_html"]
    assert "<script" not in html
    assert "document.cookie" not in html
    assert "onclick" not in html
    assert "<strong>demandent</strong>" in html


def test_content_text_when_there_is_no_html() -> None:
    """Without any HTML the item still has content: content_text from the body text, else summary, else title."""
    bare = Release(url="https://aquaaction.example/news/x", title="Title only", body_text="  Plain body.  ")
    entry = replace(PLAIN, release=bare)
    got = item(entry)
    assert "content_html" not in got
    assert got["content_text"] == "Plain body."
    assert item(replace(entry, release=replace(bare, body_text="", summary="Summary")))["content_text"] == "Summary"
    assert item(replace(entry, release=replace(bare, body_text="")))["content_text"] == "Title only"
    validate(feed([entry]))


def test_unknown_fields_are_left_out_not_null() -> None:
    """Optional fields without a value are absent: the spec's types have no null."""
    got = item(replace(PLAIN, release=replace(PLAIN.release, language=None)))
    assert "summary" not in got
    assert "language" not in got
    assert "attachments" not in got
    assert None not in got.values()


def test_pressroom_extension() -> None:
    """`_pressroom` holds the structured facts in the `pressroom extract` shape, with ISO dates."""
    facts = item(ADVISORY)["_pressroom"]
    assert list(facts) == ["kind", "quotes", "contacts", "events", "dateline", "organizations", "sources", "language"]
    assert facts["kind"] == "media_advisory"
    assert facts["language"] == "en"
    assert facts["dateline"] == {"place": "SAN FRANCISCO", "date": "2014-07-08"}
    assert facts["organizations"] == ["Clean Water Coalition", "Friends of the River"]
    assert facts["quotes"] == [
        {
            "text": "Every family deserves water they can trust.",
            "speaker": "Dana Whitfield",
            "role": "Executive director",
            "organization": "Clean Water Coalition",
        },
        {
            "text": "a turning point for the Bay",
            "speaker": "Luis Ortega",
            "role": None,
            "organization": None,
            "partial": True,
        },
    ]
    press_officer = {
        "name": "Maria López",
        "role": "Press officer",
        "organization": "Clean Water Coalition",
        "email": "maria.lopez@cleanwater.example",
        "phone": "+14155550123",
        "extension": "12",
        "note": None,
    }
    assert facts["contacts"] == [press_officer]
    conference, summit, visits = facts["events"]
    assert conference["start"] == "2014-07-10T14:00:00-07:00"
    assert conference["end"] == "2014-07-10T15:30:00-07:00"
    assert conference["all_day"] is False
    assert conference["location"] == "Crissy Field Center, 1199 East Beach, San Francisco, CA"
    assert conference["contacts"][0] == press_officer
    assert conference["contacts"][1]["name"] == "Sam Okafor"
    assert summit == {
        "title": "Bay Area Water Summit",
        "start": "2014-07-11",
        "end": "2014-07-13",
        "all_day": True,
        "location": "Oakland Marriott City Center, Oakland, CA",
        "description": None,
        "contacts": [],
    }
    assert visits["start"] is None  # kept here; only the calendar needs a start
    assert facts["sources"] == [
        {
            "id": "cleanwater",
            "name": "Clean Water Coalition",
            "url": "https://cleanwater.example/news/2014/advisory-bay-water-report",
        },
        {
            "id": "riverfriends",
            "name": "Friends of the River",
            "url": "https://riverfriends.example/news/bay-water-report-advisory",
        },
    ]


def test_pressroom_extension_reads_back_into_a_release() -> None:
    """The `_pressroom` pieces are `Release.to_json` pieces, so `Release.from_json` rebuilds the facts."""
    facts = item(ADVISORY)["_pressroom"]
    rebuilt = Release.from_json({"url": ADVISORY.release.url, "title": ADVISORY.release.title, **facts})
    assert rebuilt.events == ADVISORY.release.events
    assert rebuilt.quotes == ADVISORY.release.quotes
    assert rebuilt.contacts == (PRESS_OFFICER,)
    assert rebuilt.dateline == ADVISORY.release.dateline


def test_pressroom_extension_without_facts() -> None:
    """A release with no structured facts still has the full `_pressroom` shape."""
    facts = item(PLAIN)["_pressroom"]
    assert facts == {
        "kind": "document_release",
        "quotes": [],
        "contacts": [],
        "events": [],
        "dateline": {"place": None, "date": None},
        "organizations": [],
        "sources": [{"id": "aquaaction", "name": "Aqua Action & Partners", "url": PLAIN.release.url}],
        "language": "en",
    }


def test_forbidden_characters_are_removed() -> None:
    """Control characters and lone surrogates never reach the JSON (a lone surrogate is not even UTF-8)."""
    noisy = replace(
        ADVISORY.release,
        title="Advisory\x00 one\ud800",
        quotes=(replace(ADVISORY.release.quotes[0], text="Water\x0b for all"),),
    )
    got = item(replace(ADVISORY, release=noisy))
    assert got["title"] == "Advisory one"
    assert got["_pressroom"]["quotes"][0]["text"] == "Water for all"


def test_naive_datetimes_are_refused() -> None:
    """A naive entry time is a caller bug, as in the Atom and RSS builders."""
    with pytest.raises(ValueError, match="aware"):
        jsonfeed.build(META, [replace(PLAIN, updated=datetime(2024, 2, 28, 14, 0))])
