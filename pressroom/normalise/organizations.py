"""Organisations that sign or sponsor a release: 'Initial Sponsors: A, B, C', 'Signed by', 'Auspiciado por'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.normalise.text import Block

LABEL = re.compile(
    r"^(?:initial\s+sponsors|co-?sponsors|sponsors|sponsored\s+by|signed\s+by|signatories|signers|endorsed\s+by|"
    r"endorsing\s+organi[sz]ations|auspiciad[oa]s?\s+por|patrocinad[oa]s?\s+por|firmad[oa]s?\s+por|"
    r"organizaciones\s+firmantes)\b\s*:?\s*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:;|,\s*(?:and|y|&)\s+|,)\s*")
_LAST_PAIR = re.compile(r"\s+(?:and|y|&)\s+")


def split_names(text: str) -> list[str]:
    """'A, B, and C' / 'A, B y C' -> ['A', 'B', 'C']; 'Workers and Families Alliance' alone stays whole."""
    parts = [p.strip(" .") for p in _SEPARATORS.split(text) if p.strip(" .")]
    oxford = re.search(r",\s*(?:and|y|&)\s", text)  # "B, and C": the list already ended; "and" inside C is a name
    if len(parts) >= 2 and not oxford and _LAST_PAIR.search(parts[-1]):
        parts[-1:] = [p.strip(" .") for p in _LAST_PAIR.split(parts[-1], maxsplit=1)]
    return parts


def organizations_from_blocks(blocks: Sequence[Block]) -> list[str]:
    """Every organisation named in a sponsor/signatory list; a bare label takes the lines or list items below it."""
    found: list[str] = []
    for i, block in enumerate(blocks):
        for n, line in enumerate(block.lines):
            match = LABEL.match(line)
            if not match:
                continue
            rest = line[match.end() :].strip()
            if rest:
                names = split_names(rest)
            else:
                names = [ln for ln in block.lines[n + 1 :] if ln]
                for nxt in blocks[i + 1 :]:
                    if names and nxt.tag != "li":
                        break
                    if nxt.tag == "li" or not names:
                        names += split_names(nxt.text) if nxt.tag != "li" else [nxt.text]
            found += [name for name in names if 2 <= len(name) <= 150 and name not in found]
    return found
