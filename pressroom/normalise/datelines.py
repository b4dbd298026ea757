"""Datelines that open a release: 'March 2, 2014, Chicago – ', 'NEW ORLEANS—', '(Oakland, CA) ', 'MIAMI, FL – '."""

from __future__ import annotations

import re

from pressroom.models import Dateline
from pressroom.normalise.dates import DATE_EN, as_date, find_date

_DATE = "(?i:" + DATE_EN.pattern.replace("?P<", "?P<d_") + ")"
_DASH = r"\s*(?:[–—]|--?|:)\s*"
# Places are written with accents: "LOS ÁNGELES, CA", "SAN JOSÉ", "Bogotá".
_UP = "A-ZÁÉÍÓÚÑÜ"
_LOW = "a-záéíóúñü"
# "March 2, 2014, Chicago – Today…"
DATE_FIRST = re.compile(
    rf"^(?P<date>{_DATE}),?\s+(?P<place>[{_UP}][\w.'’ ]{{1,30}}?(?:,\s*[A-Z][\w.]{{1,14}})?){_DASH}", re.I
)
# "NEW ORLEANS—Leaders…", "MIAMI, FL – …", "WASHINGTON, D.C. (March 3, 2014) – …"
CAPS_FIRST = re.compile(
    rf"^(?P<place>[{_UP}][{_UP}.'’ ]{{1,30}}[{_UP}.](?:,\s*[A-Z][A-Za-z.]{{0,14}}(?:\s[A-Z][A-Za-z.]+)?)?)"
    rf"(?:,?\s*\(?(?P<date>{_DATE})\)?)?\s*(?:[–—]|--?)\s*"
)
# "Oakland, CA – Members…"
CITY_STATE = re.compile(
    rf"^(?P<place>[{_UP}][{_LOW}]+(?:\s[{_UP}][{_LOW}]+){{0,2}},\s*[A-Z]{{2}}\.?)(?:,?\s*\(?(?P<date>{_DATE})\)?)?{_DASH}"
)
# "(Oakland, CA) Members…"
PAREN = re.compile(rf"^\((?P<place>[{_UP}][^()]{{1,40}})\)\s*(?:[–—-]\s*)?")
_NOT_PLACE = re.compile(
    r"\b(?:RELEASE|ADVISORY|STATEMENT|CONTACT|UPDATE|IMMEDIATE|ALERT|NEWS|PRESS|MEDIA|EMBARGOED)\b", re.I
)


def parse_dateline(text: str) -> tuple[Dateline | None, str]:
    """The dateline at the start of a paragraph and the paragraph without it; (None, text) when there is none."""
    for pattern in (DATE_FIRST, PAREN, CAPS_FIRST, CITY_STATE):
        match = pattern.match(text)
        if not match:
            continue
        place = match["place"].strip(" ,")
        if _NOT_PLACE.search(place) or len(text) - match.end() < 20:
            continue
        day = None
        date_text = match.groupdict().get("date")
        if date_text:
            found = find_date(date_text)
            day = as_date(found) if found else None
        elif pattern is PAREN:
            found = find_date(place)
            if found:
                # "(March 3, 2014) –" carries a date, not a place
                return Dateline(None, as_date(found)), text[match.end() :].strip()
        return Dateline(place, day), text[match.end() :].strip()
    return None, text
