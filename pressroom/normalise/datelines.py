"""Datelines that open a release: 'March 2, 2014, Chicago – ', 'NEW ORLEANS—', '(Oakland, CA) ', 'MIAMI, FL – '."""

from __future__ import annotations

import re

from pressroom.models import Dateline
from pressroom.normalise.dates import DATE_DMY, DATE_EN, MONTHS, WEEKDAYS, as_date, find_date

# Month first ("March 2, 2014") or day first, as Spanish and international releases write it ("8 de octubre de
# 2013", "8 October 2013").
_DATE = "(?i:" + DATE_EN.pattern.replace("?P<", "?P<d_") + "|" + DATE_DMY.pattern.replace("?P<", "?P<e_") + ")"
# AP style writes the state after the city in full or abbreviated ("Denver, Colorado —", "Tulsa, Okla. —") as well
# as in postal code ("Miami, FL").
_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|"
    "Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|"
    "Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|"
    "Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico|"
    r"Ala\.|Ariz\.|Ark\.|Calif\.|Colo\.|Conn\.|Del\.|Fla\.|Ga\.|Ill\.|Ind\.|Kan\.|Ky\.|La\.|Md\.|Mass\.|"
    r"Mich\.|Minn\.|Miss\.|Mo\.|Mont\.|Neb\.|Nev\.|N\.H\.|N\.J\.|N\.M\.|N\.Y\.|N\.C\.|N\.D\.|Okla\.|Ore\.|"
    r"Pa\.|R\.I\.|S\.C\.|S\.D\.|Tenn\.|Vt\.|Va\.|Wash\.|W\.Va\.|Wis\.|Wyo\.|D\.C\."
)
# Spanish and Latin American releases close the dateline with a full stop before the dash: "… de 2019.– …".
_DASH = r"\.?\s*(?:[–—]|--?|:)\s*"
# Places are written with accents: "LOS ÁNGELES, CA", "SAN JOSÉ", "Bogotá".
_UP = "A-ZÁÉÍÓÚÑÜ"
_LOW = "a-záéíóúñü"
# "March 2, 2014, Chicago – Today…"
# The region after the city may be two or three words: "12 de septiembre de 2023, San Juan, Puerto Rico – …".
_REGION_WORDS = r"[A-Z][\w.]{1,14}(?:\s[A-Z][\w.]{1,14}){0,2}"
DATE_FIRST = re.compile(
    rf"^(?P<date>{_DATE}),?\s+(?P<place>[{_UP}][\w.'’ ]{{1,30}}?(?:,\s*{_REGION_WORDS})?){_DASH}", re.I
)
# "NEW ORLEANS—Leaders…", "MIAMI, FL – …", "WASHINGTON, D.C. (March 3, 2014) – …"
CAPS_FIRST = re.compile(
    rf"^(?P<place>[{_UP}][{_UP}.'’ ]{{1,30}}[{_UP}.](?:,\s*[A-Z][A-Za-z.]{{0,14}}(?:\s[A-Z][A-Za-z.]+)?)?)"
    rf"(?:,?\s*\(?(?P<date>{_DATE})\)?)?\s*(?:[–—]|--?)\s*"
)
# "Oakland, CA – Members…", "Denver, Colorado — …"
CITY_STATE = re.compile(
    rf"^(?P<place>[{_UP}][{_LOW}]+(?:\s[{_UP}][{_LOW}]+){{0,2}},\s*(?:[A-Z]{{2}}\.?|(?:{_STATES})(?![\w])))"
    rf"(?:,?\s*\(?(?P<date>{_DATE})\)?)?{_DASH}"
)
# "Ciudad de México, 3 de marzo de 2015 – …", "Chicago, March 2, 2014 – …": a city in title case (Spanish names keep
# their particles), then the full date. The year is required: "Today, March 2 –" opens no dateline.
PLACE_DATE = re.compile(
    rf"^(?P<place>[{_UP}][{_LOW}]+(?:\s(?:de|del|la|las|los|el|[{_UP}][{_LOW}]+)){{0,4}}),\s*"
    rf"(?P<date>{_DATE}){_DASH}"
)
# "Halifax, Nova Scotia – January 20, 2026 – …": a city and its province, region or country in title case, then the
# full date between dashes. Outside the US states the place alone reads like prose ("Tenants, Landlords — and …"):
# only the dated form opens a dateline.
_CITY = rf"[{_UP}][{_LOW}]+(?:[\s-][{_UP}][{_LOW}]+){{0,2}}"
_REGION = rf"[{_UP}][\w.]*(?:\s[{_UP}][\w.]*){{0,2}}"
_DASH_ONLY = r"\s*(?:[–—]|--?)\s*"
PLACE_REGION_DATE = re.compile(rf"^(?P<place>{_CITY},\s*{_REGION}){_DASH_ONLY}(?P<date>{_DATE}){_DASH_ONLY}")
# The date written after a place's dash rather than before it: "MIAMI, FL – March 2, 2014 – …".
DATE_BETWEEN_DASHES = re.compile(rf"(?P<date>{_DATE}){_DASH_ONLY}")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# "(Oakland, CA) Members…"
PAREN = re.compile(rf"^\((?P<place>[{_UP}][^()]{{1,40}})\)\s*(?:[–—-]\s*)?")
# The kind labels that open a release in capitals ("PRESS RELEASE – FOR IMMEDIATE RELEASE", "COMUNICADO DE PRENSA –
# PARA PUBLICACIÓN INMEDIATA") have the dateline's shape but name no place.
_NOT_PLACE = re.compile(
    r"\b(?:RELEASE|ADVISORY|STATEMENT|CONTACT|UPDATE|IMMEDIATE|ALERT|NEWS|PRESS|MEDIA|EMBARGOED|"
    r"COMUNICADO|PRENSA|AVISO|MEDIOS|DECLARACI[OÓ]N|CONTACTO|INMEDIATA|PUBLICACI[OÓ]N|ALERTA|NOTICIAS)\b",
    re.I,
)


# A labelled line of a record ("Contact: Ana Ruiz", "Date/Time of Event: …"): a word or three and a colon.
_LABELLED = re.compile(r"^[^\W\d][\w /'’-]{1,30}:\s")


def _heads_a_record(rest: str) -> bool:
    """The dateline-shaped line is the name of an entry whose labelled lines follow, not the opening of a text."""
    # "Portland, OR – Speak-Out at the Union Hall" ⏎ "Contact: …" ⏎ "Location: …": a list of local events names
    # each entry by its city; a release's dateline runs on into its first sentence.
    first, _, after = rest.partition("\n")
    lines = [line for line in after.split("\n") if line.strip()]
    if not lines or first.rstrip().endswith((".", "!", "?", ":")):
        return False
    return 2 * sum(bool(_LABELLED.match(line)) for line in lines) > len(lines)


def _calendar_word(place: str) -> bool:
    """A weekday or month name ("Monday", "Jueves"), which opens a date rather than naming a place."""
    return place.split()[0].lower() in MONTHS or place.split()[0].lower() in WEEKDAYS


def parse_dateline(text: str) -> tuple[Dateline | None, str]:
    """The dateline at the start of a paragraph and the paragraph without it; (None, text) when there is none."""
    for pattern in (DATE_FIRST, PAREN, CAPS_FIRST, CITY_STATE, PLACE_DATE, PLACE_REGION_DATE):
        match = pattern.match(text)
        if not match:
            continue
        place = match["place"].strip(" ,")
        if pattern in (PLACE_DATE, PLACE_REGION_DATE) and (_calendar_word(place) or not _YEAR.search(match["date"])):
            continue  # "Monday, March 2, 2014 –" is a date alone; a place needs a full date after it
        if _YEAR.search(place):
            continue  # "jueves, 3 de marzo de 2016 –" read as a date and a "place" of its own year
        if _NOT_PLACE.search(place) or len(text) - match.end() < 20:
            continue
        if "\n" in text and _heads_a_record(text[match.end() :]):
            return None, text
        day = None
        date_text = match.groupdict().get("date")
        end = match.end()
        if not date_text and (after := DATE_BETWEEN_DASHES.match(text, end)) and _YEAR.search(after["date"]):
            date_text, end = after["date"], after.end()
        if date_text:
            found = find_date(date_text)
            day = as_date(found) if found else None
        elif pattern is PAREN:
            found = find_date(place)
            if found:
                # "(March 3, 2014) –" carries a date, not a place
                return Dateline(None, as_date(found)), text[match.end() :].strip()
        return Dateline(place, day), text[end:].strip()
    return None, text
