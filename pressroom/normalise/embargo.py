"""Embargo lines: "EMBARGOED UNTIL 10:00 a.m. ET, Tuesday, March 4, 2014" keeps a release out of every output."""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from pressroom.models import When
from pressroom.normalise.dates import parse_when
from pressroom.normalise.text import folded

EMBARGO = re.compile(
    r"\b(?:embargoed|under embargo|embargo(?:ed)?\s+(?:until|till)|embargad[oa]|bajo embargo)\b[\s:,-]*"
    r"(?:until|till|hasta(?:\s+el)?|for release(?: at)?)?[\s:,-]*(?P<when>[^\n]{4,80})",
    re.IGNORECASE,
)


def find_embargo(text: str, ref: When | None, tz: str) -> datetime | None:
    """The moment an embargo stated near the top of a release lifts; None when there is none or it has no time."""
    top = text[:1500]
    # Every EMBARGO match holds "embarg" ("embargoed", "under embargo", "embargada"): most releases hold none.
    match = EMBARGO.search(top) if "embarg" in folded(top) else None
    if not match:
        return None
    parsed = parse_when(match.group("when"), ref, tz)
    if parsed is None:
        return None
    start = parsed[0]
    if isinstance(start, datetime):
        return start
    # An embargo "until March 4" with no hour lifts at the start of that day in the partner's zone.
    return datetime.combine(start, time(0), tzinfo=ZoneInfo(tz))
