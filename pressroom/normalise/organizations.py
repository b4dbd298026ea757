"""Organisations that sign or sponsor a release: 'Initial Sponsors: A, B, C', 'Signed by', 'Auspiciado por'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.normalise.text import Block

# Sign-on statements keep growing after release: a second list follows the first, "Additional Endorsers (as of
# June 3):", "Additional Signatories:", "Nuevas organizaciones firmantes:"; the parenthesis dates the list. A bare
# "Endorsers" needs its colon: "Endorsers of the bill say …" opens a sentence.
LABEL = re.compile(
    r"^(?:(?:additional|other|new|more|further)\s+(?=endors|sign|organi|co-?spons|spons)|"
    # "Also signed by:" heads a later list of signers; with its colon only, as "Also signed by the mayor …" is prose.
    r"also\s+(?=(?:signed|endorsed|sponsored|co-?sponsored)\s+by\s*:)|"
    r"(?:nuevas|otras|m[aá]s)\s+(?=organi))?"
    r"(?:initial\s+sponsors|co-?sponsors|sponsors|sponsored\s+by|signed\s+by|signatories|signers|endorsed\s+by|"
    r"endorsers(?=\s*(?:\([^()]{1,40}\)\s*)?:)|endorsing\s+organi[sz]ations|auspiciad[oa]s?\s+por|"
    r"patrocinad[oa]s?\s+por|firmad[oa]s?\s+por|organizaciones\s+firmantes)\b(?:\s*\([^()]{1,40}\))?\s*:?\s*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:;|,\s*(?:and|y|&)\s+|,)\s*")
_LAST_PAIR = re.compile(r"\s+(?:and|y|&)\s+")
_LEADING_AND = re.compile(r"^\s*(?:and|y|&)\s+")
# A signer added to a list after it went out, in the line right below it: "Added June 3: Example Union" (a name, in
# capitals; "Added June 3: a video of the march." is an update note).
_ADDED = re.compile(r"^(?i:added|also\s+signed|agregad[oa]s?|añadid[oa]s?)\b[^:]{0,30}:\s*(?=[A-ZÁÉÍÓÚÑ0-9])")
# Blocks that hold one name each when a bare label heads a list: list items, table cells, definition items.
_ITEM_TAGS = frozenset(("li", "td", "th", "dd", "dt"))


def split_names(text: str) -> list[str]:
    """'A, B, and C' / 'A, B y C' -> ['A', 'B', 'C']; 'Workers and Families Alliance' alone stays whole."""
    if ";" in text:
        # A list parted by semicolons keeps each name whole, commas and "y" included ("Salud y Comunidad de X").
        return [_LEADING_AND.sub("", p).strip(" .") for p in text.split(";") if p.strip(" .")]
    parts = [p.strip(" .") for p in _SEPARATORS.split(text) if p.strip(" .")]
    oxford = re.search(r",\s*(?:and|y|&)\s", text)  # "B, and C": the list already ended; "and" inside C is a name
    if len(parts) >= 2 and not oxford and _LAST_PAIR.search(parts[-1]):
        parts[-1:] = [p.strip(" .") for p in _LAST_PAIR.split(parts[-1], maxsplit=1)]
    return parts


def _names_in(block: Block) -> list[str]:
    """The names one block below a bare label holds: a list item or table cell is one name, a line is one name."""
    if block.tag in _ITEM_TAGS:
        return [block.text.replace("\n", " ")]
    # One name a line (<br>) keeps commas inside names ("Example Union, Local 12"); one line is a written list.
    return [ln for ln in block.lines if ln] if "\n" in block.text else split_names(block.text)


def organizations_from_blocks(blocks: Sequence[Block]) -> list[str]:
    """Every organisation named in a sponsor/signatory list; a bare label takes the lines or list items below it."""
    found: list[str] = []
    listed = -2  # the index of the last block that held a labelled list
    for i, block in enumerate(blocks):
        for n, line in enumerate(block.lines):
            match = LABEL.match(line) or (_ADDED.match(line) if listed == i - 1 else None)
            if not match:
                continue
            listed = i
            rest = line[match.end() :].strip()
            if rest:
                names = split_names(rest)
            else:
                names = [ln for ln in block.lines[n + 1 :] if ln]
                for nxt in blocks[i + 1 :]:
                    if names and nxt.tag not in _ITEM_TAGS:
                        break
                    names += _names_in(nxt)
            found += [name for name in names if 2 <= len(name) <= 150 and name not in found]
    return found
