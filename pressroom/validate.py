"""Check a published folder the way a feed reader, a calendar and a validator would, and say what is wrong."""

from __future__ import annotations

import email.utils
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from importlib import resources
from pathlib import Path

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
# Never fetch a DTD or expand an entity from a file we are asked to judge.
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _rfc3339(text: str | None) -> bool:
    if not text:
        return False
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _rfc822(text: str | None) -> bool:
    if not text:
        return False
    try:
        return email.utils.parsedate_to_datetime(text.strip()).tzinfo is not None
    except (TypeError, ValueError):
        return False


def _duplicates(values: list[str]) -> set[str]:
    seen: set[str] = set()
    return {v for v in values if v in seen or seen.add(v)}  # type: ignore[func-returns-value]


def check_atom(root: etree._Element) -> Iterator[str]:
    """RFC 4287 essentials: feed and entry id, title and updated; unique ids; dates with a zone."""
    for name in ("id", "title", "updated"):
        if not (root.findtext(ATOM + name) or "").strip():
            yield f"feed has no <{name}>"
    if not _rfc3339(root.findtext(ATOM + "updated")):
        yield f"feed <updated> is not an RFC 3339 date-time: {root.findtext(ATOM + 'updated')!r}"
    ids = []
    for n, entry in enumerate(root.iterfind(ATOM + "entry"), start=1):
        ident = (entry.findtext(ATOM + "id") or "").strip()
        ids.append(ident)
        for name in ("id", "title", "updated"):
            if not (entry.findtext(ATOM + name) or "").strip():
                yield f"entry {n} ({ident or 'no id'}) has no <{name}>"
        for name in ("updated", "published"):
            value = entry.findtext(ATOM + name)
            if value is not None and not _rfc3339(value):
                yield f"entry {n} ({ident}) <{name}> is not an RFC 3339 date-time: {value!r}"
        if entry.find(ATOM + "author") is None and root.find(ATOM + "author") is None:
            yield f"entry {n} ({ident}) has no author and the feed has none either"
    for ident in sorted(_duplicates(ids)):
        yield f"entry id {ident} appears more than once"


def check_rss(root: etree._Element) -> Iterator[str]:
    """RSS 2.0 essentials: channel title, link, description; items with a title or description; unique guids."""
    channel = root.find("channel")
    if channel is None:
        yield "rss has no <channel>"
        return
    for name in ("title", "link", "description"):
        if channel.find(name) is None:
            yield f"channel has no <{name}>"
    guids = []
    for n, item in enumerate(channel.iterfind("item"), start=1):
        guid = (item.findtext("guid") or "").strip()
        guids.append(guid)
        if not (item.findtext("title") or item.findtext("description")):
            yield f"item {n} has neither <title> nor <description>"
        if not guid:
            yield f"item {n} has no <guid>"
        date = item.findtext("pubDate")
        if date is not None and not _rfc822(date):
            yield f"item {n} ({guid}) <pubDate> is not an RFC 822 date: {date!r}"
    for guid in sorted(_duplicates([g for g in guids if g])):
        yield f"guid {guid} appears more than once"


def check_opml(root: etree._Element) -> Iterator[str]:
    """OPML 2.0: a head title and outlines that point at feeds."""
    if root.find("head/title") is None:
        yield "opml has no <head><title>"
    for n, outline in enumerate(root.iterfind(".//outline"), start=1):
        if outline.get("type") == "rss" and not outline.get("xmlUrl"):
            yield f"outline {n} has no xmlUrl"


XML_CHECKS: dict[str, Callable[[etree._Element], Iterator[str]]] = {
    ATOM + "feed": check_atom,
    "rss": check_rss,
    "opml": check_opml,
}


def check_xml(path: Path) -> Iterator[str]:
    """Well-formed, with no DTD, and valid for its kind when it is a feed or OPML."""
    try:
        tree = etree.parse(str(path), SAFE_XML)
    except etree.XMLSyntaxError as exc:
        yield f"not well-formed XML: {exc}"
        return
    if tree.docinfo.doctype:
        yield "carries a DOCTYPE (feeds must not)"
    check = XML_CHECKS.get(tree.getroot().tag)
    if check is not None:
        yield from check(tree.getroot())


def check_json_feed(path: Path) -> Iterator[str]:
    """JSON Feed 1.1 by its schema, plus dates with zones and unique item ids."""
    import jsonschema

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield f"not valid JSON: {exc}"
        return
    schema = json.loads(resources.files("pressroom").joinpath("schemas/jsonfeed-1.1.json").read_text("utf-8"))
    for error in sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "feed"
        yield f"{where}: {error.message}"
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return
    for n, item in enumerate(items, start=1):
        for name in ("date_published", "date_modified"):
            if isinstance(item, dict) and name in item and not _rfc3339(item[name]):
                yield f"items/{n - 1}/{name}: not an RFC 3339 date-time: {item[name]!r}"
    for ident in sorted(_duplicates([str(i.get("id")) for i in items if isinstance(i, dict)])):
        yield f"item id {ident} appears more than once"


def check_ical(path: Path) -> Iterator[str]:
    """RFC 5545 essentials: parses, every VEVENT has a unique UID, DTSTAMP and DTSTART, every TZID is defined."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(path.read_bytes())
    except ValueError as exc:
        yield f"not valid iCalendar: {exc}"
        return
    defined = {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")}
    uids = []
    for n, event in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(event.get("UID") or "")
        uids.append(uid)
        for name in ("UID", "DTSTAMP", "DTSTART"):
            if event.get(name) is None:
                yield f"event {n} ({uid or 'no UID'}) has no {name}"
        for name in ("DTSTART", "DTEND"):
            prop = event.get(name)
            tzid = prop.params.get("TZID") if prop is not None else None
            if tzid and tzid not in defined:
                yield f"event {n} ({uid}) {name} uses TZID {tzid} with no VTIMEZONE"
    for uid in sorted(_duplicates([u for u in uids if u])):
        yield f"UID {uid} appears more than once"


CHECKS: dict[str, Callable[[Path], Iterator[str]]] = {
    ".xml": check_xml,
    ".opml": check_xml,
    ".xsl": check_xml,
    ".json": check_json_feed,
    ".ics": check_ical,
}


def validate(folder: Path) -> tuple[int, list[str]]:
    """(files checked, problems as 'relative/path: message') for every published file under `folder`."""
    problems: list[str] = []
    checked = 0
    for path in sorted(folder.rglob("*")):
        check = CHECKS.get(path.suffix.lower())
        if check is None or not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        checked += 1
        problems += [f"{path.relative_to(folder)}: {message}" for message in check(path)]
    return checked, problems
