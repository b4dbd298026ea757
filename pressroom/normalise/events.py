"""Events: labelled paragraphs in "list of local events" posts and WHAT/WHEN/WHERE blocks of media advisories."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import fields, replace

from pressroom.models import Event, When
from pressroom.normalise.contacts import contacts_from_lines
from pressroom.normalise.dates import DATE_DMY, DATE_EN, as_date, parse_when
from pressroom.normalise.event_ranges import range_events
from pressroom.normalise.event_tables import table_events
from pressroom.normalise.narrative import (
    GATHERING,
    SENTENCE,
    invitation_events,
    invited_list,
    listed_time_and_place,
    section_entries,
    time_and_place,
)
from pressroom.normalise.text import Block, xml_safe

KEYS = {
    "when": (
        "date/time of event|date and time of event|date of event|time of event|date/time|date and time|date|when|"
        "fecha/hora del evento|fecha y hora del evento|fecha del evento|hora del evento|fecha/hora|fecha y hora|"
        "fecha|cuándo|cuando"
    ),
    "time": "time|hora|horario",
    "where": "location|where|venue|address|place|dónde|donde|lugar|ubicación|dirección",
    "what": "what|event|qué|que|evento",
    "description": "description|details|descripción|detalles",
    "who": "who|quién|quien|quiénes|quienes",
    "how": "how|why|cómo|por qué",
    "contact": "contacts|contact|contacto",
    # Flyers end an event with "INFO: Ana Ruiz, 213-…" / "Información: …": whom attendees call, not a press contact.
    "info": "more information|more info|information|info|más información|mas información|información|informes",
    "email": "e-mail|email|correo electrónico|correo",
    "phone": "phone|telephone|tel|teléfono",
}
_ALL = "|".join(f"(?P<{key}>{alts})" for key, alts in KEYS.items())
# Labels open a line; "Date/ Time of Event" has a stray space and labels are sometimes lower-case.
LABEL = re.compile(r"^\s*(?:" + _ALL.replace("/", r"\s*/\s*") + r")\s*:\s*", re.IGNORECASE)
# Event paragraphs sometimes run labels together on one line: "Contact: Ana Ruiz Email: ana@… Phone: …".
INLINE = re.compile(r"\s(?=(?:e-?mail|phone|location|description|date\s*/\s*time of event)\s*:)", re.IGNORECASE)
ADVISORY_KEYS = frozenset(("what", "when", "time", "where", "who", "how", "description"))
# Advisories ask WHAT / WHO / HOW and label the time and place WHEN / WHERE; a "list of local events" paragraph
# uses Date/Time of Event, Location and names the event's own Contact instead.
_ADVISORY_ONLY = frozenset(("what", "who", "how"))
_W_LABEL = re.compile(r"^\s*(?:when|where|cu[áa]ndo|d[óo]nde)\s*:", re.IGNORECASE | re.MULTILINE)
_PROSE = re.compile(r"[.!?]\s+\S")  # more than one sentence
_CONTACT_KEYS = frozenset(("contact", "email", "phone", "info"))
# A label the events do not read ("Download flyer: …", "Parking: …"): it ends the value running over the lines above.
_OTHER_LABEL = re.compile(r"^\s*[^\W\d][\w /'’()-]{1,30}:(?:\s|$)")
# A place followed, in the same value, by a sentence of other labelled details: "WHERE: By phone. Call-in number: …",
# "Location: City Hall. Parking: …". The label's sentence is about getting there, not the place; "Room: 204",
# "Suite: 5", "Sala: B" still name part of the place.
_PLACE_THEN_LABEL = re.compile(
    r"\.\s+(?!(?i:room|suite|floor|building|entrance|sala|sal[oó]n|piso|edificio|entrada)\b)"
    r"(?=[A-ZÁÉÍÓÚÑ][\w /'’-]{1,30}:)"
)
# "Questions? Call …", "¿Preguntas? Llame a …", "Questions about the forum? Email …": a short line asking readers to
# get in touch about what is above it, with a number or an address to do so.
_QUESTIONS = re.compile(
    r"^\s*¿?(?:questions|preguntas|dudas)\b[^?\n]{0,40}\?\s*(?=[^\n]{0,160}(?:@|\d{3}[\s.)-]*\d{3}[\s.-]?\d{4}))",
    re.IGNORECASE,
)
# A place that runs on into a sentence of instructions: "WHERE: Telephone press call. Dial (877) …, access code …",
# "Location: the north steps of the capitol. Bring water." The place ends with a whole lower-case word and a full
# stop; the abbreviations of addresses ("211 E. Dakin Ave. Suite 4", "St. Rita") are capitalised and stay.
_PLACESENTENCE_END = re.compile(r"(?<![\w.])[a-záéíóúñ]{2,}\.\s+(?=[¿¡]?[A-ZÁÉÍÓÚÑ])")
_ADVISORY_WORDS = frozenset(("what", "who", "how", "why", "qué", "que", "quién", "quien", "quiénes", "quienes", "cómo"))


# A line under the place that is a sentence of its own, "Childcare and interpretation provided.": four words or more,
# no number, a full stop after a lower-case word. An address's lines are names and numbers ("Los Angeles, CA 90012").
_SENTENCE_LINE = re.compile(r"^(?=(?:\S+\s+){3}\S)[^\d]*[a-záéíóúñ]{2}\.$")


# A line under the place that asks something of readers before a colon, "Reporters who cannot attend may dial in:
# 1-888-…", "Quienes no puedan asistir pueden llamar al: …": a clause (a capitalised word, then three lower-case ones
# or more) labels a detail of its own. An address's lines are capitalised names ("Room: 204", "Entrance on Main St").
_CLAUSE_LABEL_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑ][\w'’-]*(?:\s+[a-záéíóúñ][\w'’-]*){3,}\s*:")


def _ends_place(line: str) -> bool:
    """A line under the place that is no part of it: a sentence of its own, or a detail a clause labels."""
    line = line.strip()
    return bool(_SENTENCE_LINE.match(line) or _CLAUSE_LABEL_LINE.match(line))


def _place(where: str) -> str:
    """The place a Where:/Location: value names, without the labelled details or instructions that follow it."""
    lines = where.split("\n")
    cut = next((i for i, line in enumerate(lines) if i and _ends_place(line)), len(lines))
    place = _PLACE_THEN_LABEL.split(", ".join(lines[:cut]), maxsplit=1)[0]
    end = _PLACESENTENCE_END.search(place)
    return place[: end.end()].rstrip().rstrip(".") if end else place


def fields_of(block: Block) -> tuple[list[tuple[str, str]], str | None]:
    """(key, value) for each labelled line in a block, and the block's first unlabelled line (an event title)."""
    found, title = _fields(block.text)
    return list(found), title


# The event readers ask for the fields of the same few blocks again and again (about three times each): they depend
# on the text alone, so they are read once.
@functools.lru_cache(maxsize=2048)
def _fields(text: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """fields_of() for a block's text; a tuple, so no caller can change what the next one gets."""
    found: list[tuple[str, str]] = []
    title = loose = None
    closed = False  # an unread label ended the last value
    for line in (INLINE.sub("\n", text) if ":" in text else text).split("\n"):  # every INLINE match is before a colon
        match = LABEL.match(line)
        if match and match.group(match.lastgroup or "").lower() in _ADVISORY_WORDS and not line.lstrip()[:1].isupper():
            match = None  # "que:" in running Spanish text is not a label
        if match:
            found.append((match.lastgroup or "", line[match.end() :].strip()))
            closed = False
        elif found and (closed or _OTHER_LABEL.match(line)):
            closed = True
        elif found:
            key, value = found[-1]
            found[-1] = (key, f"{value}\n{line}".strip())  # an address running over several lines
        elif title is None:
            title = line.strip()
        elif loose is None and len(line) <= 80 and (DATE_EN.search(line) or DATE_DMY.search(line)):
            loose = line.strip()
    if loose and any(key == "where" for key, _ in found) and all(key != "when" for key, _ in found):
        # "Habrá una segunda sesión:" / "Lunes, 10 Marzo 2014 12pm-2pm" / "Lugar: …": an unlabelled time, then a place.
        found.insert(0, ("when", loose))
    return tuple(found), title


def _is_title(block: Block) -> bool:
    return (
        len(block.text) <= 120
        and "\n" not in block.text
        and (block.heading or block.bold or block.text[-1:] not in ".:")
    )


# The kind of item named above an advisory's blocks ("MEDIA ADVISORY", "Aviso de prensa") heads no single event.
_KIND_LABEL = re.compile(r"advisory|release|statement|aviso|comunicado|declaraci[oó]n|alert", re.IGNORECASE)


def _is_heading(block: Block) -> bool:
    """A short bold or heading line with no label: the name of the event below it ("Portland", "HOUSTON – Vigil")."""
    return (
        (block.heading or block.bold)
        and len(block.text) <= 80
        and "\n" not in block.text
        and ":" not in block.text
        and not _KIND_LABEL.search(block.text)
    )


def _is_event_paragraph(keys: set[str], text: str, headed: bool = False) -> bool:
    """A paragraph that is one whole event with its own contact, not part of a WHAT/WHEN/WHERE advisory."""
    if len(keys) < 2 or not keys & {"when", "where"} or keys & _ADVISORY_ONLY:
        return False
    if keys & {"email", "phone", "info"}:
        return True
    # "Contact: Ana Ruiz" with no phone or email still names the event's contact when the lines are the
    # Date/Time of Event and Location ones; under WHEN / WHERE a contact is the advisory's press contact, unless
    # the paragraph sits under its own heading: one entry of a list of events, each named, timed, placed and
    # with whom to call ("Tulsa: Teach-in" / When: … / Where: … / Contact: …).
    return "contact" in keys and {"when", "where"} <= keys and (headed or not _W_LABEL.search(text))


def _is_event_heading(block: Block) -> bool:
    """A heading or bold line naming the entry below it ("Tulsa: Teach-in"), not a kind label or a labelled line."""
    return (
        (block.heading or block.bold)
        and _is_title(block)
        and not _KIND_LABEL.search(block.text)
        and not LABEL.match(block.text)
    )


def _timed_entry(blocks: Sequence[Block], i: int, ref: When | None, tz: str) -> Event | None:
    """The event of a list entry whose time line has no label; None for any other block."""
    # "Online Town Hall" / "Thursday May 7, 6:00 p.m. (CDT)" / "Register at …": the heading names the event, the
    # line that opens with a date and gives a clock time says when.
    block = blocks[i]
    if not i or block.tag == "li" or block.heading or not _is_event_heading(blocks[i - 1]):
        return None
    # The time line may run on into a sentence about the session ("Tuesday, July 8 at 2 p.m. (EDT), online. Hosted
    # with …"): its first sentence says when.
    first = SENTENCE.split(block.lines[0].strip(), maxsplit=1)[0]
    if len(first) > 80 or not (DATE_EN.match(first) or DATE_DMY.match(first)):
        return None
    timing = parse_when(first, ref, tz)
    if timing is None or timing[2]:
        return None  # no clock: a date line under a heading is as often a release's own date
    return Event(title=blocks[i - 1].text, start=timing[0], end=timing[1])


# "<label>: <day> <clock>[, place]": a short label before a colon ("Press briefing (online)", "Riverside send-off",
# "Phone-bank days"), then a value that opens with its day. Whatever the label, such a line still to come is an event,
# unless the label names a deadline, a registration, office hours or the post's own dates.
_NAMED_LINE = re.compile(r"^(?P<name>[^:.!?\n]{3,60}):\s+(?P<when>[^\n]+)")
_NOT_A_GATHERING = re.compile(
    r"\b(?:deadline|due|registration|register|rsvp|sign[\s-]?up|posted|updated|published|embargo\w*|"
    r"office\s+hours|hours|open|closed|plazo|fecha\s+l[ií]mite|inscripci[oó]n|publicado|actualizado|horario)\b",
    re.IGNORECASE,
)


def _named_line(block: Block, ref: When | None, tz: str) -> Event | None:
    """The event of a paragraph opening "<label>: <day> <clock or day range>", still to come; None otherwise."""
    match = _NAMED_LINE.match(block.text)
    if not match or len(match["name"].split()) > 6 or _NOT_A_GATHERING.search(match["name"]):
        return None
    if block.tag == "li" and not GATHERING.search(match["name"]):
        return None  # a list item's label is often only its town: the list's heading says whether they are events
    when = SENTENCE.split(match["when"], maxsplit=1)[0]
    if not (DATE_EN.match(when) or DATE_DMY.match(when)):
        return None  # the day opens the value; a sentence that mentions one later is narrative
    timing = parse_when(when, ref, tz)
    if timing is None or (timing[2] and timing[1] is None):
        return None  # a day alone is as often a date about the post; an all-day event needs an explicit range
    if ref is not None and as_date(timing[0]) < as_date(ref):
        return None
    # The place may hold an initial's full stop ("12 N. Main St"), so it is read from the whole value.
    placed = listed_time_and_place(match["when"], ref, tz)
    return Event(
        title=match["name"].strip(),
        start=timing[0],
        end=timing[1],
        all_day=timing[2],
        location=placed[1] if placed else None,
    )


def _timed_sentence(block: Block, ref: When | None, tz: str) -> bool:
    """An unlabelled sentence that gives a day and a clock time ("… on Thursday, May 8 at 4 p.m. …")."""
    if len(block.text) > 400 or fields_of(block)[0]:
        return False
    timing = parse_when(block.text, ref, tz)
    return timing is not None and not timing[2]


def _build(group: dict[str, str], title: str | None, ref: When | None, tz: str, region: str) -> Event | None:
    when_text = " ".join(filter(None, (group.get("when"), group.get("time"))))
    timing = parse_when(when_text, ref, tz) if when_text else None
    where = group.get("where")
    if timing is None and not (where and (title or group.get("what"))):
        return None
    if group.keys() == {"when"} and not title and (timing is None or timing[2]):
        return None  # "Date: March 13, 2012" alone, with no clock, place or name, is the page's own date
    what = group.get("what")
    title = title or (what.split("\n")[0][:200] if what else None)
    lines = [f"Contact: {group.get('contact') or group['info']}"] if group.get("contact") or group.get("info") else []
    lines += [f"Email: {group['email']}"] if group.get("email") else []
    lines += [f"Phone: {group['phone']}"] if group.get("phone") else []
    desc = [group[k] for k in ("description", "who", "how") if group.get(k)]
    if what and title and what.split("\n")[0][:200] != title:
        desc.insert(0, what)
    start, end, all_day = timing if timing else (None, None, False)
    return Event(
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        location=_place(where) if where else None,
        description="\n".join(desc).replace("\n", " ") or None,
        contacts=tuple(contacts_from_lines(lines, region)) if lines else (),
    )


# A clock time in a schedule line: "1:00 – 4:00 p.m.", "12noon", "at 1:30 – 2:30 pm".
_SCHEDULE_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\b|noon)|\bnoon\b", re.IGNORECASE)


def _schedule(when: str, first: Event, ref: When | None, tz: str) -> list[Event]:
    """The other gatherings of an advisory's WHEN value that lists a day, then one line a part of the day's schedule.

    "Thursday, October 7" ⏎ "12noon – Rally on the front steps" ⏎ "1:00 – 4:00 p.m. – Committee hearing": each timed
    line after the day is an event of that day at the same place; `first` (the value read whole) is the earliest.
    """
    lines = [line.strip() for line in when.split("\n") if line.strip()]
    day = (DATE_EN.search(lines[0]) or DATE_DMY.search(lines[0])) if len(lines) > 1 else None
    if day is None or first.start is None:
        return []
    found: list[Event] = []
    for line in lines[1:]:
        if DATE_EN.search(line) or DATE_DMY.search(line) or not _SCHEDULE_CLOCK.search(line):
            continue  # a line with its own day is another event's or a deadline; one without a clock is prose
        timing = parse_when(f"{day[0]} {line}", ref, tz)  # the day alone: the first line's clock is the first event's
        if timing is None or timing[2] or timing[0] == first.start or any(e.start == timing[0] for e in found):
            continue
        title = _SCHEDULE_CLOCK.split(line)[-1].strip(" –—-:.") or None
        found.append(replace(first, title=title[:200] if title else None, start=timing[0], end=timing[1], contacts=()))
    return found


def events_from_blocks(
    blocks: Sequence[Block], ref: When | None = None, tz: str = "UTC", region: str = "US"
) -> tuple[list[Event], set[int]]:
    """Events told in a release's blocks, and the indexes of the blocks they used (their contacts are the event's)."""
    # blocks() text is clean already; a direct caller's may carry characters no feed can.
    blocks = [b if xml_safe(b.text) == b.text else replace(b, text=xml_safe(b.text)) for b in blocks]
    events: list[Event] = []
    used: set[int] = set()
    group: dict[str, str] = {}
    group_blocks: list[int] = []
    pending: str | None = None  # a label alone in its block ("WHEN:"), its value in the next block
    listing: str | None = None  # the label whose value is the bulleted list being read

    head: int | None = None  # the heading block right above the group's first line ("Portland")
    skip_to = 0  # blocks up to here were read as one event already
    # Entries timed by an unlabelled line under their heading: (position among the events, event, its blocks),
    # kept only when labelled entries show the page is a list of events.
    timed: list[tuple[int, Event, int]] = []

    def flush() -> None:
        nonlocal group, group_blocks, head
        if group:
            event = _build(group, blocks[head].text if head is not None else None, ref, tz, region)
            if event:
                events.append(event)
                events.extend(_schedule(group.get("when", ""), event, ref, tz))
                used.update(group_blocks + ([head] if head is not None else []))
        group, group_blocks, head = {}, [], None

    for i, block in enumerate(blocks):
        if i < skip_to:
            continue
        if end := _contact_first_run(blocks, i):
            flush()
            event, taken = _run_event(blocks, i, end, ref, tz, region)
            if event:
                events.append(event)
                used.update(taken)
                skip_to = end
                continue
        found, title = fields_of(block)
        if not found:
            if (
                _QUESTIONS.match(block.text)
                and {"when", "where"} <= group.keys()
                and not group.keys() & _ADVISORY_ONLY
                and len({e.start for e in events}) < 2
            ):
                # A flyer's "Questions? Call Ana Ruiz at 213-…" under its WHEN / WHERE lines, the unlabelled form of
                # its "INFO:" line: whom attendees call. An advisory (WHAT / WHO) asks reporters, and keeps it; under
                # a list of several events (not one told twice, English then Spanish) the line asks about them all,
                # so it is the release's contact.
                group["info"] = _QUESTIONS.sub("", block.text, count=1)
                group_blocks.append(i)
                flush()
                continue
            if pending and group is not None:
                group[pending] = block.text
                group_blocks.append(i)
                listing, pending = (pending if block.tag == "li" else None), None
            elif listing and block.tag == "li":
                # "WHO:" then a bulleted list: every item belongs to the label.
                group[listing] = f"{group[listing]}; {block.text}"
                group_blocks.append(i)
            elif group and not block.text.strip():
                continue
            else:
                flush()
                if entry := _timed_entry(blocks, i, ref, tz):
                    timed.append((len(events), entry, i))
                elif named := _named_line(block, ref, tz):
                    events.append(named)
                    used.add(i)
            continue
        listing = None
        keys = {k for k, _ in found}
        if "where" in keys and "when" not in keys and title and parse_when(title, ref, tz):
            # "… el jueves 6 de marzo a las 10 de la mañana." then "Lugar: …": the sentence is the time.
            found.insert(0, ("when", title))
            keys.add("when")
        elif keys == {"where"} and title is None and not group and i and _timed_sentence(blocks[i - 1], ref, tz):
            # The same sentence in its own paragraph, the "Location:" line in the next one.
            found.insert(0, ("when", blocks[i - 1].text))
            keys.add("when")
        elif keys <= _CONTACT_KEYS and (told := _told_in_a_sentence(block, ref, tz)):
            # A heading, a sentence with the day, time and place, the event's contact.
            found[:0] = [("when", told[0]), ("where", told[1])]
            keys |= {"when", "where"}
        headed = bool(i) and title is None and _is_event_heading(blocks[i - 1])
        if _is_event_paragraph(keys, block.text, headed):
            # One paragraph, one event: the "list of local events" shape.
            flush()
            if title and _PROSE.search(title):
                title = None  # a flyer's lead sentences above its labels describe the event; they are no title
            if title is None and i and _is_title(blocks[i - 1]) and not fields_of(blocks[i - 1])[0]:
                title = blocks[i - 1].text
                used.add(i - 1)
            event = _build(dict(found), title, ref, tz, region)
            if event:
                events.append(event)
                used.add(i)
            continue
        if keys & _CONTACT_KEYS and not (keys & _ADVISORY_ONLY or {"when", "where"} <= keys):
            timed_place = {"when", "where"} <= group.keys()
            # A flyer's "INFO: Call Ana Ruiz at …" right under its WHEN/WHERE lines is whom attendees call: the
            # label is the event's, where "Contact:" under an advisory names the press contact.
            if timed_place and ("info" in keys or (head is not None and not group.keys() & {"who", "how"})):
                # A "list of local events" laid out one labelled line a paragraph: a heading ("Portland"), When:,
                # Where:, What:, then the event's own Contact:. An advisory's WHO/HOW blocks and its press contact
                # have no heading per event.
                group.update((key, value) for key, value in found if key in _CONTACT_KEYS)
                group_blocks.append(i)
            flush()  # a contact block ends the advisory above it
            continue
        for key, value in found:
            if key not in ADVISORY_KEYS:
                continue  # an advisory's Contact line is the press contact, not the event's
            if key in group:
                flush()
            if not group and i and _is_heading(blocks[i - 1]):
                head = i - 1
            group[key] = value
            if not keys & _CONTACT_KEYS:
                group_blocks.append(i)  # a block with the press contact stays with the release
            pending = key if not value else None
    flush()
    if events:
        for position, entry, index in reversed(timed):
            events.insert(position, entry)
            used.update((index - 1, index))
    events[:0] = [e for e in invitation_events(blocks, ref, tz) if not any(e.start == seen.start for seen in events)]
    listed, items = invited_list(blocks, ref, tz)
    events += [e for e in listed if not any(e.start == seen.start for seen in events)]
    sectioned, entries = section_entries(blocks, ref, tz)
    events += [e for e in sectioned if not any(e.start == seen.start for seen in events)]
    # A Week of Action's span is an event beside the ones it holds: kept unless one already starts that day.
    events += [e for e in range_events(blocks, ref, tz) if not any(e.start == seen.start for seen in events)]
    tabled, cells = table_events(blocks, ref, tz, region)
    events += [e for e in tabled if not any(e.start == seen.start for seen in events)]
    return merge(events), used | items | entries | cells


def _labelled_only(block: Block) -> list[tuple[str, str]]:
    """The labelled lines of a block that holds nothing else ([] when it has an unlabelled line or none)."""
    if block.tag == "li" or block.heading:
        return []
    found, title = fields_of(block)
    return found if title is None else []


def _contact_first_run(blocks: Sequence[Block], start: int) -> int:
    """End (exclusive) of a "list of local events" entry laid out one labelled line a paragraph, its Contact: first.

    The guide's event paragraph (Contact:, Email:, Phone:, Date/Time of Event:, Location:, Description:) is split by
    page builders (Wix, Squarespace) into a paragraph a line. It opens with the event's contact, where an advisory's
    press contact comes after its WHAT / WHEN / WHERE blocks; 0 when no such run starts at `start`.
    """
    first = _labelled_only(blocks[start])
    if not first or first[0][0] != "contact":
        return 0
    keys = {key for key, _ in first}
    end = start + 1
    while end < len(blocks) and (found := _labelled_only(blocks[end])):
        if any(key == "contact" for key, _ in found):
            break  # the next entry's contact
        keys |= {key for key, _ in found}
        end += 1
    if end - start < 2 or keys & _ADVISORY_ONLY or not keys & {"when", "where"}:
        return 0
    return end


def _run_event(
    blocks: Sequence[Block], start: int, end: int, ref: When | None, tz: str, region: str
) -> tuple[Event | None, set[int]]:
    """The event of a contact-first run of labelled paragraphs, and the blocks it used (its heading included)."""
    found = [pair for block in blocks[start:end] for pair in fields_of(block)[0]]
    keys = {key for key, _ in found}
    text = "\n".join(block.text for block in blocks[start:end])
    above = start - 1
    if "when" not in keys and above >= 0 and _timed_sentence(blocks[above], ref, tz):
        # "… will close with a press conference on Thursday, April 14 at 10 a.m. …" above the entry's labelled lines:
        # the sentence gives the time and stays narrative.
        found.insert(0, ("when", blocks[above].text))
        keys.add("when")
        above -= 1
    if not _is_event_paragraph(keys, text):
        return None, set()
    taken = set(range(start, end))
    title = None
    if above >= 0 and _is_title(blocks[above]) and not fields_of(blocks[above])[0]:
        title = blocks[above].text
        taken.add(above)
    event = _build(dict(found), title, ref, tz, region)
    return event, taken if event else set()


def _told_in_a_sentence(block: Block, ref: When | None, tz: str) -> tuple[str, str] | None:
    """(time sentence, place) of an event paragraph that tells its time and place in prose under a heading line.

    A "list of local events" entry sometimes has no Date/Location labels: "HOUSTON – Vigil" / "We will gather on
    Thursday, March 6 at 10am at City Hall, to …" / "Contact: …". The heading line keeps it from being narrative.
    """
    lines = [line for line in INLINE.sub("\n", block.text).split("\n") if not LABEL.match(line)]
    if len(lines) < 2 or len(lines[0]) > 120 or _PROSE.search(lines[0]) or lines[0].rstrip()[-1:] in ".!?,;":
        return None  # a heading is short and ends without a full stop
    for line in lines[1:]:
        if len(line) <= 400 and (found := time_and_place(line, ref, tz)):
            return line, found[1]
    return None


def merge(events: Sequence[Event]) -> list[Event]:
    """The same event told twice (English, then Spanish) becomes one: same start, fields filled from both."""
    merged: list[Event] = []
    for event in events:
        for i, seen in enumerate(merged):
            if event.start is not None and event.start == seen.start:
                updates = {f.name: getattr(event, f.name) for f in fields(Event) if not getattr(seen, f.name)}
                merged[i] = replace(seen, **updates)
                break
        else:
            merged.append(event)
    return merged
