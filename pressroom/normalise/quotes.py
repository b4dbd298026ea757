"""Attributed quotes: 'Said X of Org, “…”', '“…,” said X, role at Org. “…”', statement blocks, Spanish 'dijo'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Quote
from pressroom.normalise.text import Block

_VERBS = (
    r"said|says|stated|states|added|adds|explained|noted|declared|urged|continued|"
    r"dijo|afirmó|declaró|señaló|agregó|añadió|expresó|comentó|indicó|explicó"
)
# "Said Jane Roe of the Example Workers Alliance, “"  /  "Tom Park said, “"
BEFORE_VERB_FIRST = re.compile(rf"(?:^\s*|[.!?”]\s+)(?:{_VERBS})\s+(?P<who>[^“”.]{{3,160}}?)\s*[,:]\s*$", re.IGNORECASE)
BEFORE_NAME_FIRST = re.compile(
    rf"(?:^\s*|[.!?”]\s+)(?P<who>[A-ZÁÉÍÓÚÑ][^“”.]{{2,160}}?)\s+(?:{_VERBS})\s*[,:]?\s*$|"
    rf"(?:^\s*|[.!?”]\s+)(?:according to|de acuerdo con|según)\s+(?P<who2>[^“”.]{{3,160}}?)\s*,\s*$",
)
# ",” said Tom Park, policy director at Example Justice Project. “"  /  "”, dijo Ana Soto, directora … Ejemplo."
# Lower-case verb only: a capital "Said" after a quote opens the next sentence's attribution instead.
AFTER_VERB_FIRST = re.compile(rf"^[\s,.]*(?:{_VERBS})\s+(?P<who>[^“”]+?)(?:(?<![\s.][A-Z])\.(?=\s|$)|[;:]|$)")
AFTER_NAME_FIRST = re.compile(rf"^[\s,]*(?P<who>[A-ZÁÉÍÓÚÑ][\w .'’-]{{1,80}}?)\s+(?:{_VERBS})\b")
# "Ben Okafor of Example Legal Aid, who represents them, said the ruling means the case “…”": a named speaker's
# words quoted inside narrative. Kept, but marked partial.
NARRATIVE = re.compile(
    r"(?:^\s*|[.!?”]\s+)(?P<who>[A-ZÁÉÍÓÚÑ][\w'’-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’.-]*){1,3}"
    r"(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ][^“”,.]{2,60}?)?)(?:,[^“”]{0,80}?,)?"
    r"\s+(?:said|says|added|argued|dijo|afirmó)\b[^“”.]{0,120}$"
)
_SPLIT_ORG = re.compile(
    r"\s+(?:of the|of|from the|from|with the|with|at the|at|for the|for|de la|del|de)\s+(?=[A-ZÁÉÍÓÚÑ])"
)
# Capitalised words joined by the small words organisation names carry ("Red Latina por la Justicia").
_ORG_TAIL = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&.-]*|de|del|la|las|los|el|y|por|para|the|of|for|and|&|on)"
    r"(?:\s+(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&.-]*|de|del|la|las|los|el|y|por|para|the|of|for|and|&|on))*\s*[.,]?\s*$"
)
_MARKS = re.compile("[“”]")
_NAME_TAIL = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\w'’-]*\.?\s+){1,2}[A-ZÁÉÍÓÚÑ][\w'’-]+$")


def curl(text: str) -> str:
    """Straight double quotes become curly ones by position: after a space or at the start opens, else closes."""
    if '"' not in text:
        return text
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            prev = text[i - 1] if i else " "
            ch = "“" if prev.isspace() or prev in "([{—–-" else "”"
        out.append(ch)
    return "".join(out)


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each double-quoted passage; a stray closing quote closes from the last passage's end."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    depth = 0
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark[0]
        if ch == "“":
            if opened is None:
                opened = i + 1
            else:
                depth += 1
        elif ch == "”":
            if opened is not None and depth:
                depth -= 1
            elif opened is not None:
                found.append((opened, i))
                opened = None
            else:
                start = found[-1][1] + 1 if found else 0
                found.append((start, i))
    if opened is not None and len(text) - opened > 40:
        found.append((opened, len(text)))  # a quote running on into the next paragraph
    return found


def speaker(who: str) -> tuple[str | None, str | None, str | None]:
    """(name, role, organization) from an attribution phrase in any of the partners' word orders."""
    who = re.sub(r"^(?:the|el|la)\s+", "", who.strip(" ,.:;"))
    if "," in who:
        parts = [p.strip() for p in who.split(",") if p.strip()]
        name, rest = parts[0], parts[1:]
        if len(rest) >= 2:
            return name, rest[0], ", ".join(rest[1:])
        if rest:
            role, org = _role_org(rest[0])
            return name, role, org
        return name, None, None
    pieces = _SPLIT_ORG.split(who, maxsplit=1)
    if len(pieces) == 2 and _looks_like_name(pieces[0]):
        return pieces[0], None, _strip_article(pieces[1])
    tail = _NAME_TAIL.search(who)
    if tail and tail.start() > 0:
        # "Example Law Center attorney Ann Lee": organisation, then a lower-case role, then the name.
        before = who[: tail.start()].split()
        role_words = []
        while before and before[-1][:1].islower():
            role_words.insert(0, before.pop())
        return tail[0], " ".join(role_words) or None, " ".join(before) or None
    return who or None, None, None


def _role_org(text: str) -> tuple[str | None, str | None]:
    matches = list(_SPLIT_ORG.finditer(text))
    if matches:
        # The organisation is the longest tail that reads as a name: "… de la Alianza Campesina del Valle",
        # not just "Valle"; else the last split, as before.
        match = next((m for m in matches if _ORG_TAIL.match(text, m.end())), matches[-1])
        return text[: match.start()].strip() or None, _strip_article(text[match.end() :])
    if text[:1].isupper() and not re.search(
        r"\b(?:director|manager|coordinator|organizer|attorney|president)\b", text, re.I
    ):
        return None, text
    return text, None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|la|el)\s+", "", text.strip(" .,"))


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _tidy(text: str) -> str:
    return text.strip().rstrip(",").strip()


def quotes_in_paragraph(text: str) -> list[Quote]:
    """Every attributed quote in one paragraph; a quote split around its attribution is joined."""
    text = curl(text)
    if "”" not in text:
        return []
    found: list[Quote] = []
    marks = spans(text)
    last_attributed = -1
    for n, (start, end) in enumerate(marks):
        # Attributions sit right next to the quote; a bounded window keeps the lazy regexes linear.
        before = text[max(marks[n - 1][1] + 1 if n else 0, start - 241) : max(start - 1, 0)]
        after_end = marks[n + 1][0] - 1 if n + 1 < len(marks) else len(text)
        after = text[end + 1 : after_end]
        body = _tidy(text[start:end])
        who = None
        if m := BEFORE_VERB_FIRST.search(before):
            who = m["who"]
        elif m := BEFORE_NAME_FIRST.search(before):
            who = m["who"] or m["who2"]
        elif (m := AFTER_VERB_FIRST.match(after)) or (m := AFTER_NAME_FIRST.match(after)):
            who = m["who"]
        elif m := NARRATIVE.search(before):
            name, role, org = speaker(m["who"])
            found.append(Quote(body, name, role, org, partial=True))
            last_attributed = n
            continue
        if who is None:
            if found and last_attributed == n - 1 and not before.strip(" ,.;:") or (found and _continues(before)):
                # The second half of "“…,” said X. “…”" continues the same quote.
                prev = found[-1]
                glue = " " if prev.text.endswith((".", "!", "?", "…")) else (". " if body[:1].isupper() else ", ")
                found[-1] = Quote(f"{prev.text}{glue}{body}", prev.speaker, prev.role, prev.organization, prev.partial)
                last_attributed = n
            continue
        name, role, org = speaker(who)
        partial = bool(before.strip()) and not before.rstrip().endswith((",", ":")) and body[:1].islower()
        if len(body.split()) < 3 and not partial:
            partial = True
        found.append(Quote(body, name, role, org, partial))
        last_attributed = n
    return found


def _continues(before: str) -> bool:
    # Only the attribution sits between the halves: "said Tom Park, policy director at Example Justice Project."
    return bool(AFTER_VERB_FIRST.match(before)) and len(before) < 200


def _speaker_line(block: Block) -> bool:
    text = block.text
    if not block.bold or "\n" in text or len(text) > 200 or any(c in text for c in '“”":') or text.endswith("."):
        return False
    parts = [p.strip() for p in text.split(",")]
    return len(parts) >= 2 and _looks_like_name(parts[0]) and all(len(p) > 3 for p in parts[1:])


def quotes_from_blocks(blocks: Sequence[Block]) -> list[Quote]:
    """Quotes from a release's paragraphs: attributed quotes, statement blocks (bold speaker line, then the quote)."""
    quotes: list[Quote] = []
    for i, block in enumerate(blocks):
        if _speaker_line(block) and i + 1 < len(blocks):
            nxt = blocks[i + 1]
            if not nxt.bold and len(nxt.text) >= 40 and not re.match(r"^[\w /]{2,30}:", nxt.text):
                name, role, org = speaker(block.text)
                text = curl(nxt.text).strip().strip("“”").strip()
                quotes.append(Quote(text.replace("\n", " "), name, role, org))
                continue
        if i and quotes and _speaker_line(blocks[i - 1]):
            continue  # already taken as the statement above
        for quote in quotes_in_paragraph(block.text.replace("\n", " ")):
            if not any(q.text == quote.text for q in quotes):
                quotes.append(quote)
    return [q for q in quotes if q.text]
