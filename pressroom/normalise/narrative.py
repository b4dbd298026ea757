"""Events told in prose: a paragraph that invites readers or announces a gathering, and the list it introduces."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Event, When
from pressroom.normalise.dates import DATE_DMY, DATE_EN, as_date, bare_weekday, parse_when
from pressroom.normalise.text import DIGIT, Block

# A lead paragraph that invites readers somewhere: "invita a la comunidad a un foro … el jueves 6 de marzo a las 10 …".
INVITATION = re.compile(
    r"\b(?:invit(?:a|an|amos|e|es|ing)|(?:are|is)\s+invited|join\s+us|[úu]nase|[úu]nete|acomp[áa][ñn](?:enos|anos)|"
    # "La red convoca a una marcha …": calls people to a gathering.
    r"convoca(?:n|mos)?\s+a)\b",
    re.IGNORECASE,
)
# What people gather for: a heading ("Town halls"), the label of a timed line ("Press briefing: Monday, …") or what a
# release says its people will hold ("will hold a public meeting").
_GATHERING = (
    r"rall(?:y|ies)|vigils?|march(?:es)?|protests?|pickets?|(?:press|news|media)\s+(?:conferences?|briefings?|calls?)|"
    r"briefings?|town\s+halls?|forums?|meetings?|hearings?|presentations?|webinars?|teach-ins?|workshops?|"
    r"trainings?|caravans?|screenings?|assembl(?:y|ies)|clinics?|events?|actions?|sit-ins?|"
    r"vigilias?|marchas?|foros?|asambleas?|reuni[oó]n(?:es)?|talleres|taller|conferencias?\s+de\s+prensa|"
    r"ruedas?\s+de\s+prensa|plantones|plant[oó]n|concentraci[oó]n(?:es)?|manifestaci[oó]n(?:es)?|"
    r"presentaci[oó]n(?:es)?|caravanas?|eventos?|acci[oó]n(?:es)?|jornadas?"
)
GATHERING = re.compile(rf"\b(?:{_GATHERING})\b", re.IGNORECASE)
# What a release's people hold. An institution holds hearings and sessions, and a bare "meeting" is as often a
# board's: those are news.
_HELD = (
    r"rall(?:y|ies)|vigils?|march(?:es)?|protests?|pickets?|(?:press|news)\s+conferences?|town\s+halls?|forums?|"
    # A press call is held for reporters as a press conference is: "Organizers will hold a press call on …".
    r"teach-ins?|sit-ins?|caravans?|(?:press|news|media)\s+(?:briefings?|calls?)|"
    # "Families will hold a community briefing …": a briefing, like a meeting, is the release's own only when it is
    # opened to the public or the community; an agency's bare "briefing" is news.
    r"(?:public|community|open|town|neighbou?rhood|tenants?'?|members?'?)\s+(?:meetings?|briefings?)"
)
# A sentence in which the release's people say they will turn up: "Parents plan to speak during public comment at the
# board meeting on Monday, April 16 at 6:30 p.m. at …", "Members will rally …", "Las familias marcharán …". What an
# institution will do ("The council will vote on March 6 at 10 a.m. at City Hall") is news, not an event to attend,
# and narrative about what already happened is in the past tense.
_TAKE_PART = (
    # "present their brief to the committee": an appearance before a body, like testifying.
    r"speak|testify|present|attend|gather|rally|march|protest|picket|deliver|join|pack|turn\s+out|"
    # "will return to the board's session …": going back to a gathering is attending it.
    r"return\s+to|come\s+back\s+to|be\s+back\s+at|"
    # "hold a rally", "hold a public meeting", "host two town halls": up to two words before what they hold.
    rf"(?:hold|host)\s+(?:an?\s+|two\s+|three\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_HELD})"
)
# What a release's own people hold and announce by its name alone ("The media briefing will take place …"); an
# institution's hearing or bare meeting is news.
_OURS = (
    _HELD + r"|(?:press|news|media)\s+(?:calls?|briefings?)|webinars?|workshops?|trainings?|screenings?|"
    r"vigilias?|marchas?|foros?|asambleas?|talleres|taller|(?:conferencias?|ruedas?)\s+de\s+prensa|plant[oó]n(?:es)?|"
    r"caravanas?"
)
_TOMAR_PARTE = r"hablar|testificar|presentar|asistir|reunirse|marchar|protestar|entregar|participar"
ANNOUNCEMENT = re.compile(
    rf"\b(?:will|plans?\s+to|planning\s+to|intends?\s+to|(?:are|is)\s+going\s+to)\s+(?:also\s+)?(?:{_TAKE_PART})\b|"
    # The present for what is arranged: "Members are marching Sunday …", "We are holding a vigil …".
    r"\b(?:are|is|we're|they're)\s+(?:gathering|rallying|marching|holding|hosting|picketing|testifying)\b|"
    # "Las madres volverán a reunirse …": to do it again is still to do it.
    rf"\b(?:planean|planea|piensan|piensa|van\s+a|va\s+a|volver[áa]n?\s+a)\s+(?:{_TOMAR_PARTE})\b|"
    # "Los trabajadores realizarán una conferencia de prensa …", "celebrarán una vigilia …": the Spanish "will hold a
    # rally" (an institution's "audiencia" or "sesión" is not among what they hold).
    rf"\b(?:realizar|celebrar|ofrecer|organizar|tendr)án\s+(?:una?s?\s+|dos\s+|tres\s+)?(?:[\w-]+\s+){{0,2}}?"
    r"(?:vigilias?|marchas?|foros?|asambleas?|talleres|taller|(?:conferencias?|ruedas?)\s+de\s+prensa|"
    r"plant[oó]n(?:es)?|caravanas?|protestas?|m[íi]tin(?:es)?|concentraci[oó]n(?:es)?)\b|"
    # "Las madres volverán a la audiencia …", "regresarán al Capitolio …": going back to a place or a gathering.
    r"\b(?:volver|regresar)[áa]n?\s+(?:al|a\s+(?:la|las|los|el))\b|"
    # The gathering as the subject: "The media briefing will take place …", "La vigilia se llevará a cabo …".
    rf"\b(?:{_OURS})\s+(?:will\s+(?:take\s+place|be\s+held|begin|start)|(?:is|are)\s+(?:scheduled|set)\s+for|"
    r"tendr[áa]n?\s+lugar|se\s+(?:llevar[áa]n?\s+a\s+cabo|realizar[áa]n?|celebrar[áa]n?))\b|"
    # The future tense: "marcharán", "se reunirá"; people also gather as "se concentrarán", "se congregarán", "se
    # manifestarán", "se movilizarán" (the accent is the future's: "se concentrara" is a subjunctive).
    r"\b(?:hablar|testificar|presentar|asistir|marchar|protestar|entregar|participar)án?\b|"
    r"\bse\s+(?:reunir|concentrar|congregar|manifestar|movilizar)án?\b|"
    # A caravan or a march announced by when and where it sets off: "La caravana saldrá el jueves … desde …".
    r"\b(?:saldr|partir)án?\b",
    re.IGNORECASE,
)
# A venue written in lower case is still the place when a street address follows it: "at the district
# administration building, 141 Example Street, …".
_PLACE_START = r"(?:[A-ZÁÉÍÓÚÑ0-9]|[a-záéíóúñ](?=[\w'’ -]{2,60},\s+\d{1,6}\s+[A-ZÁÉÍÓÚÑ]))"
# The place after the time: "… a las 10 de la mañana en el Centro Ejemplo, 415 Calle Ejemplo, Los Ángeles, CA 90033."
# A caravan's is where it leaves from: "… a las 9 de la mañana desde el Parque Ejemplo, …"; a rally's is often the
# building it stands outside: "… at 10 a.m. outside City Hall", "… frente al Capitolio".
# An address's commas are followed by a number or a capital ("415 Calle Ejemplo, Los Ángeles, CA 90033"); a comma
# and a lower-case word start what the people will do there (", para caminar …", ", to deliver …").
_PLACE_AFTER = re.compile(
    r"^[\s,]*(?:en|at|desde|frente\s+al?|outside(?:\s+of)?|in\s+front\s+of|afuera\s+del?)\s+"
    r"(?:(?:el|la|los|las|the)\s+)?"
    r"(?P<where>" + _PLACE_START + r".{2,150}?)"
    r"(?:(?<!\b[A-Z])\.(?=\s+[A-ZÁÉÍÓÚÑ“\"(]|\s*$)|;|,\s+(?=[a-záéíóúñ])|$)"
)
# A list item names the activity before its place: "12pm-2pm: vigil in front of City Hall, 1 Example Plaza." /
# "…: plantón frente al Ayuntamiento, …". Up to a few words (no sentence end) come before the preposition.
# A street abbreviation's dot before a compass quarter ("2240 Quarry Rd. SE") ends no place.
PLACE_LATER = re.compile(
    r"^[\s,:;–—-]*(?:[^.;:!?]{1,60}?\s)??(?:en|at|in\s+front\s+of|outside(?:\s+of)?|frente\s+a(?:l)?|"
    r"afuera\s+de(?:l)?|fuera\s+de(?:l)?)\s+(?:(?:el|la|los|las|the)\s+)?(?P<where>[A-ZÁÉÍÓÚÑ0-9].{2,150}?)"
    r"(?:(?<!\b[A-Z])\.(?=\s+[A-ZÁÉÍÓÚÑ“\"(]|\s*$)(?!\s+[NSEW]{1,2}\b)|;|,\s+(?=[a-záéíóúñ])|$)"
)
# The zone after a clock is one of the abbreviations people write ("10am pt", "2 p.m. (EDT)"); any other short word
# there is prose ("10am at the Capitol").
_CLOCK = re.compile(
    r"\b(?:a\s+las?\s+\d{1,2}(?::\d\d)?(?:\s+de\s+la\s+(?:mañana|tarde|noche))?|"
    r"\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\b\.?"
    r"(?:\s*\(?(?:[pmce][sd]?t|a[sd]t|akst|akdt|hst|utc|gmt)\)?(?=[\s,.;)]|$))?)",
    re.IGNORECASE,
)


def invitation_events(blocks: Sequence[Block], ref: When | None = None, tz: str = "UTC") -> list[Event]:
    """The events a paragraph invites readers to or announces, each with its time and place; [] when none does.

    One sentence may announce two, each in a clause with its own day, clock and place: both are returned.
    """
    placeless: Event | None = None
    for block in blocks:
        text = block.text.replace("\n", " ")
        if len(text) < 60 or len(text) > 1200:
            continue
        # A paragraph that invites readers, in the timed sentence or beside it ("… a las 6 en X. La Alianza invita
        # a todos a asistir."), or a sentence announcing what is to come gives the time and place.
        if not DIGIT.search(text) or not _CLOCK.search(text):  # every clock _CLOCK reads has a digit
            continue  # no clock time says when (the cheaper test first: most paragraphs give none)
        invites = INVITATION.search(text)
        if not invites and not ANNOUNCEMENT.search(text):
            continue  # nobody is asked to come
        for sentence in SENTENCE.split(text):
            told = invites or ANNOUNCEMENT.search(sentence)
            if not told:
                continue
            # A weekday alone ("will rally on Thursday at 10 a.m.") looks ahead only in the sentence that invites or
            # announces: beside an invitation, "On Monday at 9 a.m. the council voted …" tells what already happened.
            ahead = not invites or bool(INVITATION.search(sentence) or ANNOUNCEMENT.search(sentence))
            if clauses := _clause_events(sentence, ref, tz, ahead):
                return clauses
            found = time_and_place(sentence, ref, tz, weekday_alone=ahead)
            if found:
                timing, where = found
                return [Event(start=timing[0], end=timing[1], location=where)]
            if placeless is None:
                placeless = _announced(sentence, ref, tz, weekday_alone=ahead)
    return [placeless] if placeless else []


# "Workers will picket on Monday, May 4 at 7 a.m. at X, and will hold a teach-in on Thursday, May 7, 6pm-8pm, at Y":
# a comma and "and" before a second future verb (the same subject's) start another clause of the announcement.
_CLAUSE_BREAK = re.compile(
    r"[,;]\s+(?:and|y)\s+(?=(?:then\s+|later\s+|also\s+|luego\s+|también\s+)?(?:will|[a-záéíóúñ]+rán)\b)",
    re.IGNORECASE,
)


def _clause_events(sentence: str, ref: When | None, tz: str, ahead: bool) -> list[Event]:
    """One event per clause of an announcing sentence that times and places two gatherings; [] otherwise.

    A clause about a day already past ("Nurses picketed on Monday, February 17 …, and will hold …") tells what
    happened: only the clauses still to come are events.
    """
    clauses = _CLAUSE_BREAK.split(sentence)
    if len(clauses) < 2:
        return []
    found = [time_and_place(clause, ref, tz, weekday_alone=ahead) for clause in clauses]
    if not all(found):
        return []  # a clause without its own day, clock and place: the sentence tells one gathering
    events = [Event(start=timing[0], end=timing[1], location=where) for timing, where in filter(None, found)]
    return [e for e in events if ref is None or as_date(e.start) >= as_date(ref)]


# A capital after a full stop starts a sentence, except a zone after "p.m." ("at 6 p.m. EST at the Example Hall").
# An initial's dot ("200 N. Spring St", "Ana M. Soto") ends no sentence either.
SENTENCE = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)\s+(?=[A-ZÁÉÍÓÚÑ“])(?!(?:[PMCEA][SD]?T|AKST|AKDT|HST|UTC|GMT)\b)")
# The place named before the day: "… will gather at Example Square on Tuesday, May 5 at 11 a.m.", "… frente al
# Ayuntamiento el jueves 6 de marzo …". It runs up to the day, with no clause break.
_PLACE_BEFORE = re.compile(
    r"\b(?:at|outside(?:\s+of)?|in\s+front\s+of|en|frente\s+a(?:l)?|afuera\s+de(?:l)?)\s+"
    r"(?:(?:the|el|la|los|las)\s+)?(?P<where>[A-ZÁÉÍÓÚÑ0-9][^,;.!?]{2,100}?)\s*,?\s+(?:on|el|this|next|este)\s*$"
)


_DEADLINE = re.compile(r"\b(?:by|before|until|no\s+later\s+than|antes\s+del?|hasta(?:\s+el)?)\s*$", re.IGNORECASE)


def _announced(sentence: str, ref: When | None, tz: str, weekday_alone: bool = False) -> Event | None:
    """The event an inviting or announcing sentence times without a place after the clock; None for a past day.

    "Riders will speak at the board's budget hearing on Monday, May 4 at 9 a.m." / "Members are marching Sunday,
    May 3 at noon from the union hall to the statehouse": a day on or after the release's, and a clock time. The place
    is the one named before the day, when there is one.
    """
    clocks = list(_CLOCK.finditer(sentence))
    timing = parse_when(sentence, ref, tz, weekday_alone) if clocks else None
    if timing is None or timing[2] or (ref is not None and as_date(timing[0]) < as_date(ref)):
        return None  # no clock, or a day already past when the release came out: narrative, not an event
    day = DATE_EN.search(sentence) or DATE_DMY.search(sentence)
    if day is None and weekday_alone and (alone := bare_weekday(sentence, ref)):
        day = alone[0]
    if day and _DEADLINE.search(sentence, 0, day.start()):
        return None  # "… will deliver their comments by Friday, May 1 at 5 p.m.": a deadline, not a gathering
    place = _PLACE_BEFORE.search(sentence, 0, day.start()) if day else None
    where = place["where"].strip() if place else None
    if where and GATHERING.search(where.split()[-1]):
        where = None  # "at the committee hearing on …" names the event, not where it is
    return Event(start=timing[0], end=timing[1], location=where)


def invited_list(blocks: Sequence[Block], ref: When | None = None, tz: str = "UTC") -> tuple[list[Event], set[int]]:
    """Events of a bulleted list that an invitation or a heading introduces, one per item with a day, a time, a place.

    The call-to-action shape: "The families invite the community to two actions:" then list items such as
    "Monday, March 3 2014 12pm-2pm: vigil in front of City Hall, 1 Example Plaza." A heading that names gatherings
    ("Town halls", "Upcoming vigils") introduces its items the same way when they are all still to come. A timed list
    without either is a timeline of what happened, not events to attend.
    """
    events: list[Event] = []
    used: set[int] = set()
    for i, block in enumerate(blocks):
        if block.tag == "li":
            continue
        introduces = block.text.rstrip().endswith(":")
        invited = introduces and INVITATION.search(block.text)
        # "The coalition will hold two public meetings where …:" announces the gatherings listed below it; like a
        # heading's, its items must all be still to come.
        announced = introduces and not invited and ANNOUNCEMENT.search(block.text)
        headed = _gathering_heading(block) or _gathering_label(block)
        # "… announced three town halls this month." then the list: a paragraph that names the gatherings and sits
        # right above the list introduces it too, but only as a whole list of upcoming timed and placed items.
        above = not (invited or announced or headed) and _names_gatherings_above(blocks, i)
        if not invited and not announced and not headed and not above:
            continue
        found: list[tuple[int, Event]] = []
        for j in range(i + 1, len(blocks)):
            if blocks[j].tag != "li":
                # "Members will hold a public meeting:" then a paragraph, not a list: "Saturday, May 9, 1-3pm" ⏎
                # "Example Hall, 12 Main St". Only a line that introduces runs on into paragraphs; a heading's
                # section is read by section_entries.
                entry = _paragraph_entry(blocks[j], ref, tz) if introduces else None
                if entry is None:
                    break
                found.append((j, entry))
                continue
            item = blocks[j].text.replace("\n", " ")
            told = listed_time_and_place(item, ref, tz)
            if told:
                (start, end, _), where = told
                found.append((j, Event(start=start, end=end, location=where)))
            elif placeless := _placeless_item(item, ref, tz):
                found.append((j, placeless))
        if not invited and (not found or any(ref is not None and as_date(e.start) < as_date(ref) for _, e in found)):
            continue  # under a bare heading, a day already past makes the list a timeline
        if above and (ref is None or not _whole_list_placed(blocks, i, found)):
            continue  # a list of notes that happens to hold a time; or a timeline whose days cannot be checked
        events += [event for _, event in found]
        used.update(j for j, _ in found)
    return events, used


def _names_gatherings_above(blocks: Sequence[Block], i: int) -> bool:
    """A paragraph right above a list that names gatherings ("The town halls are open to all …")."""
    block = blocks[i]
    return (
        not block.heading
        and i + 1 < len(blocks)
        and blocks[i + 1].tag == "li"
        and len(block.text) <= 600
        and bool(GATHERING.search(block.text))
    )


def _whole_list_placed(blocks: Sequence[Block], i: int, found: list[tuple[int, Event]]) -> bool:
    """Every item of the list below block `i` (at least two) is an event with a day, a clock and a place."""
    items = 0
    for j in range(i + 1, len(blocks)):
        if blocks[j].tag != "li":
            break
        items += 1
    placed = [j for j, event in found if event.location and j <= i + items]
    return items >= 2 and len(placed) == items == len(found)


def _placeless_item(item: str, ref: When | None, tz: str) -> Event | None:
    """A list item of gatherings that gives a day and a clock time but no place (an online one); None otherwise."""
    # "Webinar for funders – Monday, July 22, 1:00 p.m. est (online)": the list says it is a gathering, so it needs
    # no place; a deadline in the list ("Register by Friday, July 19 at 5pm") is not one.
    day = DATE_EN.search(item) or DATE_DMY.search(item)
    if day is None or _DEADLINE.search(item, 0, day.start()) or not _CLOCK.search(item, day.end()):
        return None
    timing = parse_when(item, ref, tz)
    if timing is None or timing[2]:
        return None
    return Event(start=timing[0], end=timing[1])


# A place line ends on a name or a number; a line that ends with a lower-case word and a full stop is a sentence
# ("Bring a dish to share.").
_SENTENCE_TAIL = re.compile(r"\b[a-záéíóúñ]{2,}[.!?]$")


def _paragraph_entry(block: Block, ref: When | None, tz: str) -> Event | None:
    """The event of a paragraph under an introducing line: its day and clock, then its place; None otherwise."""
    lines = [line.strip() for line in block.lines]
    if block.heading or block.tag == "li" or not lines or len(lines) > 2 or len(lines[0]) > 200:
        return None
    if not (DATE_EN.match(lines[0]) or DATE_DMY.match(lines[0])):
        return None  # the day opens the entry; a paragraph that mentions one later is narrative
    if len(lines) == 1:
        told = listed_time_and_place(lines[0], ref, tz)
        return Event(start=told[0][0], end=told[0][1], location=told[1]) if told else None
    timing = parse_when(lines[0], ref, tz)
    place = lines[1]
    if timing is None or timing[2] or len(place) > 150 or SENTENCE.search(place) or _SENTENCE_TAIL.search(place):
        return None
    return Event(start=timing[0], end=timing[1], location=place.rstrip("."))


def section_entries(blocks: Sequence[Block], ref: When | None = None, tz: str = "UTC") -> tuple[list[Event], set[int]]:
    """Events of a section under a heading that names gatherings, one paragraph each: a name, a day line, a place.

    "Events" / "Teach-in on rent control" ⏎ "Tuesday May 5 at 6pm" ⏎ "Example Library, 12 Main St": without labels
    the heading says the entries are events, so a day with no clock is an all-day one. Like a heading's list, the
    entries must all be still to come.
    """
    events: list[Event] = []
    used: set[int] = set()
    for i, block in enumerate(blocks):
        if not _gathering_heading(block):
            continue
        found: list[tuple[int, Event]] = []
        for j in range(i + 1, len(blocks)):
            entry = _section_entry(blocks[j], ref, tz)
            if entry is None:
                break
            found.append((j, entry))
        if found and not any(ref is not None and as_date(e.start) < as_date(ref) for _, e in found):
            events += [event for _, event in found]
            used.update(j for j, _ in found)
    return events, used


def _section_entry(block: Block, ref: When | None, tz: str) -> Event | None:
    """The event of a name / day / place paragraph (the place line optional); None for any other block."""
    lines = [line.strip() for line in block.lines]
    if block.tag == "li" or block.heading or not 2 <= len(lines) <= 3 or len(lines[0]) > 120:
        return None
    if lines[0][-1:] in ".!?" or len(lines[1]) > 80 or not (DATE_EN.match(lines[1]) or DATE_DMY.match(lines[1])):
        return None  # a sentence, or a second line that does not open with a day
    timing = parse_when(lines[1], ref, tz)
    if timing is None:
        return None
    place = lines[2] if len(lines) == 3 and len(lines[2]) <= 150 and not SENTENCE.search(lines[2]) else None
    return Event(title=lines[0], start=timing[0], end=timing[1], all_day=timing[2], location=place)


def _gathering_heading(block: Block) -> bool:
    """A short heading that names gatherings ("Town halls", "Upcoming rallies"), not a sentence."""
    return block.heading and len(block.text) <= 60 and "\n" not in block.text and bool(GATHERING.search(block.text))


def _gathering_label(block: Block) -> bool:
    """A short line ending in a colon that names gatherings ("May Day events:"): a heading written as a paragraph."""
    text = block.text.strip()
    return (
        block.tag != "li"
        and len(text) <= 60
        and text.endswith(":")
        and "\n" not in text
        and not SENTENCE.search(text)
        and bool(GATHERING.search(text))
    )


# A list item that gives the place after a dash: "Tulsa: Monday, May 4 at 6pm — Example Library, 12 N. Main St".
# The dot of an initial ("N. Main") does not end the place.
_PLACE_DASHED = re.compile(
    r"^\s*[–—-]+\s*(?P<where>[A-ZÁÉÍÓÚÑ0-9].{2,150}?)(?:(?<!\b[A-Z])\.(?=\s+[A-ZÁÉÍÓÚÑ“\"(]|\s*$)|;|,\s+(?=[a-z])|$)"
)


# A list item that gives the place right after the time's comma: "Halifax: Thursday, May 7 at 7 p.m., Example Union
# Hall, 12 Main Street, Halifax, NS". The place runs to the end of the item (an address has commas of its own).
_PLACE_COMMA = re.compile(
    r"^\s*,\s*(?P<where>[A-ZÁÉÍÓÚÑ0-9][^;]{2,150}?)(?:(?<!\b[A-Z])\.(?=\s+[A-ZÁÉÍÓÚÑ“\"(]|\s*$)|;|,\s+(?=[a-z])|$)"
)
# How a list item names its place after the time, in the order tried.
_LISTED_PLACES = (PLACE_LATER, _PLACE_DASHED, _PLACE_COMMA)


def listed_time_and_place(item: str, ref: When | None, tz: str) -> tuple[tuple[When, When | None, bool], str] | None:
    """The time and place of a list item or labelled line, its place after "at", a dash or the time's comma."""
    return next(filter(None, (time_and_place(item, ref, tz, form) for form in _LISTED_PLACES)), None)


def time_and_place(
    sentence: str,
    ref: When | None,
    tz: str,
    place_after: re.Pattern[str] = _PLACE_AFTER,
    weekday_alone: bool = False,
) -> tuple[tuple[When, When | None, bool], str] | None:
    """The clock time a sentence gives and the place written right after it ("… a las 10 de la mañana en X, …")."""
    clocks = list(_CLOCK.finditer(sentence))
    if not clocks:
        return None
    timing = parse_when(sentence, ref, tz, weekday_alone)
    place = place_after.match(sentence[clocks[-1].end() :]) if timing else None  # the place follows the last time
    if timing is None or place is None or timing[2]:
        return None
    return timing, _named_place(place["where"].strip(" ,"))


# A capitalised place runs on into what the people will do there: "en el Parque Ejemplo para pedir …", "at Example
# Plaza before the vote", "at Example Hall in downtown Mesa". The place is the run of capitalised words (with the
# particles of names, "Plaza de la Raza", and an address's commas and numbers) up to a word that opens a clause; a
# lower-case part of the place itself ("Example Library auditorium, 12 Main St") stays.
_PARTICLES = r"(?:de|del|la|las|los|el|y|of|the|and|&)"
_CLAUSE_WORD = r"(?:before|after|to|for|in|with|while|during|until|para|antes|después|durante|mientras|hasta)\b"
_NAMED_PLACE = re.compile(rf"^[A-ZÁÉÍÓÚÑ0-9]\S*(?:\s+(?:{_PARTICLES}\s+)*[A-ZÁÉÍÓÚÑ0-9]\S*)*(?=\s+{_CLAUSE_WORD})")


def _named_place(where: str) -> str:
    """The place without the lower-case clause that follows its capitalised name."""
    named = _NAMED_PLACE.match(where)
    return named.group().rstrip(" ,") if named else where
