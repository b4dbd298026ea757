"""Events laid out in a table: a header row (City | Date | Time | Location | Contact) and one row per event."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Event, When
from pressroom.normalise.contacts import contacts_from_lines
from pressroom.normalise.dates import as_date, parse_when
from pressroom.normalise.text import Block

# What a header cell names. A table is read as events only when it has a day column and a place column: a table of
# dates and votes, or of dates and figures, is a record, not gatherings to attend.
_COLUMNS = {
    "when": re.compile(r"^(?:date|day|when|fecha|d[ií]a|cu[áa]ndo)s?(?:\s*(?:/|&|and|y)\s*time|\s+y\s+hora)?$", re.I),
    "time": re.compile(r"^(?:time|times|hours|hora|horas|horario)$", re.I),
    "where": re.compile(
        r"^(?:location|venue|where|place|address|site|lugar|d[óo]nde|direcci[óo]n|ubicaci[óo]n)s?$", re.I
    ),
    "contact": re.compile(r"^(?:(?:local|event|press|media|site)\s+)?(?:contacts?|contacto)$", re.I),
    "title": re.compile(r"^(?:city|town|event|what|ciudad|evento|actividad|community|region)$", re.I),
}
# A cell with no value: "—", "-", "TBA", "n/a".
_EMPTY = re.compile(r"^(?:[-–—]+|tba|tbd|n/?a|none)?$", re.I)


def _rows(blocks: Sequence[Block]) -> list[list[tuple[int, Block]]]:
    """The table rows of `blocks`, in order: each a list of (index, cell block) of one <tr>."""
    rows: list[list[tuple[int, Block]]] = []
    for i, block in enumerate(blocks):
        if not block.row or block.tag not in ("td", "th"):
            continue
        if rows and rows[-1][0][1].row == block.row:
            rows[-1].append((i, block))
        else:
            rows.append([(i, block)])
    return rows


def _header(row: list[tuple[int, Block]]) -> list[str | None] | None:
    """The role of each column ("when", "where", …; None for one not read) when `row` is an events header."""
    roles: list[str | None] = []
    for _, cell in row:
        label = cell.text.strip().rstrip(":").strip()
        roles.append(next((role for role, pattern in _COLUMNS.items() if pattern.match(label)), None))
    if (
        roles.count("when") != 1
        or "where" not in roles
        or len(set(filter(None, roles))) != len(list(filter(None, roles)))
    ):
        return None
    return roles


def _row_event(
    roles: list[str | None], row: list[tuple[int, Block]], ref: When | None, tz: str, region: str
) -> Event | None:
    """The event of one data row, read by its header's roles; None when the row gives no day."""
    cells = {role: cell.text.strip() for role, (_, cell) in zip(roles, row, strict=True) if role}
    cells = {role: text for role, text in cells.items() if not _EMPTY.match(text)}
    when = " ".join(filter(None, (cells.get("when"), cells.get("time"))))
    timing = parse_when(when, ref, tz) if cells.get("when") else None
    if timing is None:
        return None  # "Postponed — new date TBA"
    start, end, all_day = timing
    lines = cells["contact"].split("\n") if cells.get("contact") else []
    if lines:
        lines[0] = f"Contact: {lines[0]}"
    return Event(
        title=cells.get("title"),
        start=start,
        end=end,
        all_day=all_day,
        location=cells.get("where", "").replace("\n", ", ") or None,
        contacts=tuple(contacts_from_lines(lines, region)) if lines else (),
    )


def table_events(
    blocks: Sequence[Block], ref: When | None = None, tz: str = "UTC", region: str = "US"
) -> tuple[list[Event], set[int]]:
    """Events of a table whose header names a day and a place column, one per row; and the blocks they used.

    A row that gives no day (postponed, "TBA") is skipped, and so is one whose cells do not line up with the header
    (a merged cell). A table whose rows are all before the release date is a record of what happened: no events.
    """
    events: list[Event] = []
    used: set[int] = set()
    roles: list[str | None] | None = None
    table: list[tuple[Event, list[int]]] = []

    def close() -> None:
        if table and not all(ref is not None and as_date(e.start) < as_date(ref) for e, _ in table):
            for event, cells in table:
                events.append(event)
                used.update(cells)
        table.clear()

    last = -2
    for row in _rows(blocks):
        if row[0][0] != last + 1:
            close()  # other blocks came between: a new table, which needs its own header
            roles = None
        last = row[-1][0]
        header = _header(row)
        if header is not None:
            close()
            roles = header
            continue
        if roles is None or len(row) != len(roles):
            continue
        if event := _row_event(roles, row, ref, tz, region):
            table.append((event, [i for i, _ in row]))
    close()
    return events, used
