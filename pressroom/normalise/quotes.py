"""Attributed quotes: 'Said X of Org, “…”', '“…,” said X, role at Org. “…”', statement blocks, Spanish 'dijo'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Quote
from pressroom.normalise.speakers import looks_like_name, resolve_short_speakers, speaker
from pressroom.normalise.text import Block, xml_safe

_VERBS = (
    r"said|says|stated|states|added|adds|explained|noted|declared|urged|continued|"
    r"dijo|afirmó|declaró|señaló|agregó|añadió|expresó|comentó|indicó|explicó"
)
# "Said Jane Roe of the Example Workers Alliance, “"  /  "Tom Park said, “"
BEFORE_VERB_FIRST = re.compile(
    rf"(?:^\s*|[.!?”\u2024]\s+)(?:{_VERBS})\s+(?P<who>[^“”.]{{3,160}}?)\s*[,:]\s*$", re.IGNORECASE
)
# "Ana Soto put it plainly: “…”", "… summed it up: “…”": a phrase that says how, before a colon, attributes too.
_SAYS_HOW = r"(?:put|said|summed)\s+it\s+(?:plainly|simply|bluntly|best|this\s+way|up)|lo\s+dijo\s+(?:claro|así)"
BEFORE_NAME_FIRST = re.compile(
    rf"(?:^\s*|[.!?”\u2024]\s+)(?P<who>[A-ZÁÉÍÓÚÑ][^“”.]{{2,160}}?)\s+(?:{_VERBS})\s*[,:]?\s*$|"
    rf"(?:^\s*|[.!?”\u2024]\s+)(?P<who4>[A-ZÁÉÍÓÚÑ][^“”.]{{2,160}}?)\s+(?:{_SAYS_HOW})\s*:\s*$|"
    rf"(?:^\s*|[.!?”\u2024]\s+)(?i:according to|de acuerdo con|según)\s+(?P<who2>[^“”.]{{3,160}}?)\s*,\s*$|"
    # "He added: “…”": a pronoun too short for the name above; it stands for the speaker named before it.
    rf"(?:^\s*|[.!?”\u2024]\s+)(?P<who3>He|Él)\s+(?:{_VERBS})\s*[,:]?\s*$",
)
# ",” said Tom Park, policy director at Example Justice Project. “"  /  "”, dijo Ana Soto, directora … Ejemplo."
# Lower-case verb only: a capital "Said" after a quote opens the next sentence's attribution instead.
AFTER_VERB_FIRST = re.compile(rf"^[\s,.]*(?:{_VERBS})\s+(?P<who>[^“”]+?)(?:(?<![\s.][A-Z])\.(?=\s|$)|[;:]|$)")
# A stray closing quote (the guide's "a stray closing quote with no opening one") after a verb-first attribution:
# "Said tenant Ana Soto, who has lived here since 1990, We had two weeks …”". The quote opens at the last ", " before
# a capital that precedes the first full stop; the attribution runs up to it. A colon ends the attribution as well
# as a comma does ("Said Ana Soto, a tenant: We had two weeks …”"), as it does before an opening mark.
_STRAY_LEAD = re.compile(
    rf"(?:^\s*|[.!?]\s+)(?i:{_VERBS})\s+(?P<who>[A-Za-zÁÉÍÓÚÑáéíóúñ][^“”.!?]{{2,160}})[,:]\s+"
    r"(?=[A-ZÁÉÍÓÚÑ¿¡][^.!?]{10})"
)
# "… exists.” She added: “…”": a verb before a colon introduces the next quote, it does not attribute this one.
AFTER_NAME_FIRST = re.compile(rf"^[\s,]*(?P<who>[A-ZÁÉÍÓÚÑ][\w .'’-]{{1,80}}?)\s+(?:{_VERBS})\b(?!\s*:)")
# "Ben Okafor of Example Legal Aid, who represents them, said the ruling means the case “…”": a named speaker's
# words quoted inside narrative. Kept, but marked partial.
NARRATIVE = re.compile(
    r"(?:^\s*|[.!?”\u2024]\s+)(?P<who>[A-ZÁÉÍÓÚÑ][\w'’-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’.-]*){1,3}"
    r"(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ][^“”,.]{2,60}?)?)(?:,[^“”]{0,80}?,)?"
    r"\s+(?:said|says|added|argued|dijo|afirmó)\b[^“”.]{0,120}$"
)
_MARKS = re.compile("[“”]")
# The dot of a title or an initial ("Rev. Ann Lee", "Ann B. Lee", "the U.S. Said …") does not end a sentence:
# it is swapped for a one-dot leader while attributions are matched, so the period-bounded patterns read past it.
_ABBREVIATION_DOT = re.compile(
    r"\b(Rev|Revd|Dr|Dra|Mr|Mrs|Ms|Mx|Fr|Sr|Sra|Srta|Prof|Profa|Msgr|Sen|Rep|Gov|Lic|Licda|Licdo|Lcda|Lcdo|Ing|"
    r"Mtro|Mtra|Arq|Hon|Jr|Sgt|Lt|Capt|Atty|Supt|St|"
    r"[A-Z])\.(?=\s+[A-ZÁÉÍÓÚÑ(]|,)"
)
_DOT = "\u2024"


def curl(text: str) -> str:
    """Straight double quotes become curly ones by position (after a space or at the start opens, else closes)."""
    # Spanish quotes with angle marks: «…» is “…” (the «» pair only; a lone » is an arrow in a menu row).
    if "«" in text and "»" in text:
        text = text.replace("«", "“").replace("»", "”")
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


def _tidy(text: str) -> str:
    return text.strip().rstrip(",").strip()


def quotes_in_paragraph(text: str) -> list[Quote]:
    """Every attributed quote in one paragraph; a quote split around its attribution is joined."""
    text = curl(xml_safe(text))  # blocks() text is clean already; direct callers' may not be
    if "”" not in text:
        return []
    if _DOT in text:
        text = text.replace(_DOT, "…")  # a one-dot leader written by a partner is an ellipsis, not our marker
    text = _ABBREVIATION_DOT.sub(rf"\1{_DOT}", text)
    return [
        Quote(
            q.text.replace(_DOT, "."),
            *(v and v.replace(_DOT, ".") for v in (q.speaker, q.role, q.organization)),
            q.partial,
        )
        for q in _quotes_in(text)
    ]


def _quotes_in(text: str) -> list[Quote]:
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
        if found and last_attributed == n - 1 and body[:1].islower() and _continues(before):
            # "“…,” said X, role with Org, “and what we got …”": the attribution interrupts one sentence, whose
            # second half opens lower-case; read as a new quote, the comma before it would make X say it twice.
            prev = found[-1]
            found[-1] = Quote(f"{prev.text}, {body}", prev.speaker, prev.role, prev.organization, prev.partial)
            continue
        stray = _STRAY_LEAD.search(text[start:end]) if text[start - 1 : start] != "“" else None
        if stray:
            # "Said Ana Soto, a tenant, We waited …”": the opening mark is missing, the attribution before it is not.
            who, body = stray["who"], _tidy(text[start + stray.end() : end])
        elif m := BEFORE_VERB_FIRST.search(before):
            who = m["who"]
        elif m := BEFORE_NAME_FIRST.search(before):
            who = m["who"] or m["who2"] or m["who3"] or m["who4"]
        elif (m := AFTER_VERB_FIRST.match(after)) or (m := AFTER_NAME_FIRST.match(after)):
            who = m["who"]
        elif m := NARRATIVE.search(before):
            name, role, org = speaker(m["who"].replace(_DOT, "."))
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
        name, role, org = speaker(who.replace(_DOT, "."))
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
    return block.bold and "\n" not in block.text and _speaker_text(block.text)


def _speaker_text(text: str) -> bool:
    """'Kim Ortiz, Director of Organizing, Example Action Fund': a name, then role and/or organisation."""
    if len(text) > 200 or any(c in text for c in '“”":') or text.endswith("."):
        return False
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or not looks_like_name(parts[0]) or _HEADLINE_WORDS & set(parts[0].casefold().split()):
        return False  # "FREE WORKSHOP FOR HOUSEKEEPERS, NANNIES …": a capitalised headline, not a person
    return all(len(p) > 3 for p in parts[1:])


# Small words of a headline that no person's name holds (short ones like "An" or "To" can be surnames);
# Spanish particles ("de la") stay allowed in names.
_HEADLINE_WORDS = frozenset(["for", "of", "and", "the", "with", "from", "our", "your"])


def _statement(name_line: str, quote: str) -> Quote:
    name, role, org = speaker(name_line)
    text = curl(quote).strip().strip("“”").strip()
    return Quote(text.replace("\n", " "), name, role, org)


def _line_statements(lines: list[str]) -> tuple[list[Quote], list[str]]:
    """Statement blocks laid out with <br>: a speaker line, then a line that opens with a quote mark.

    Returns the statements and the passages left between them (each run of other lines joined as one).
    """
    found: list[Quote] = []
    passages: list[list[str]] = [[]]
    i = 0
    while i < len(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        # Without bold to go on, the quote mark opening the next line is what marks the statement.
        # A person's name has two words or more: "Miami, Florida" above a quote is a place line.
        person = len(lines[i].split(",", 1)[0].split()) >= 2
        if nxt[:1] in '“"' and len(nxt) >= 40 and person and _speaker_text(lines[i]) and not _attributed(nxt):
            found.append(_statement(lines[i], nxt))
            passages.append([])
            i += 2
            continue
        passages[-1].append(lines[i])
        i += 1
    return found, [" ".join(p) for p in passages if p]


def _attributed(line: str) -> bool:
    """A line that names its own speaker ('“…,” said X') is an ordinary quote, not a statement's body."""
    return any(q.speaker for q in quotes_in_paragraph(line))


# The press convention for a one-speaker statement: "The following is a statement from Ana Soto, director of Example
# Network, on today's vote:" / "Ana Soto issued the following statement:", the quote alone in the next paragraph.
# A clause after the speaker ("on today's vote", "in response to …") says what the statement is about: it starts
# with a lower-case word, where an organisation's "on"/"for" runs on in capitals ("Council on Aging").
_ABOUT = (
    r"(?:,?\s+(?:on|about|regarding|concerning|in\s+response\s+to|in\s+reaction\s+to|after|following|upon|"
    r"sobre|ante|tras|acerca\s+de|en\s+respuesta\s+a)\s+(?=[a-z0-9áéíóúñ’'])[^:]*)?"
)
_STATEMENT_INTRO = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:the\s+following|below|here)\s+is\s+(?:a|the)\s+(?:joint\s+)?statement\s+(?:from|by)|"
    r"(?:la\s+siguiente\s+es\s+una|a\s+continuaci[oó]n,?\s+(?:una|la))\s+declaraci[oó]n\s+de)\s+"
    rf"(?P<who>[^:“”\"]{{3,200}}?){_ABOUT}:\s*$|"
    r"(?:^|[.!?]\s+)(?P<who2>[A-ZÁÉÍÓÚÑ][^:“”\".]{2,200}?)\s+(?:issued|released|gave|made|emiti[oó]|public[oó])\s+"
    rf"(?:the\s+following\s+statement|la\s+siguiente\s+declaraci[oó]n){_ABOUT}:\s*$",
    re.IGNORECASE,
)


def _statement_intro(text: str) -> str | None:
    """The speaker a statement's introducing line names ("The following is a statement from X, role, on …:")."""
    if len(text) > 400 or not text.rstrip().endswith(":"):
        return None
    match = _STATEMENT_INTRO.search(text.replace("\n", " "))
    return (match["who"] or match["who2"]) if match else None


def _whole_quote(text: str) -> bool:
    """A paragraph that is all one quotation, naming no speaker of its own: the body of an introduced statement."""
    text = curl(text.strip())
    # The opening mark is sometimes lost (the guide's stray closing quote): a paragraph that only closes one.
    opens = text[:1] == "“" or (text.endswith(("”", "”.")) and "“" not in text and text[:1].isupper())
    return opens and len(text) >= 40 and not _attributed(text)


# "Grace Lee, of Example Faith Table, added:" closing a paragraph: the next paragraph is what the person said.
_SAID_INTRO = re.compile(rf"(?:^|[.!?]\s+)(?P<who>[A-ZÁÉÍÓÚÑ][^:“”.]{{2,160}}?)\s+(?:{_VERBS}|{_SAYS_HOW})\s*:\s*$")


def _said_intro(text: str) -> str | None:
    """The speaker a paragraph ending "NAME, of ORG, added:" names, when a name opens the clause; else None."""
    # Every match ends the paragraph with a colon (and spaces): most paragraphs end otherwise.
    match = _SAID_INTRO.search(text.replace("\n", " ")) if len(text) <= 400 and text.rstrip().endswith(":") else None
    if match is None:
        return None
    who = match["who"]
    return who if looks_like_name(who.split(",")[0].strip()) or speaker(who)[0] else None


def quotes_from_blocks(blocks: Sequence[Block]) -> list[Quote]:
    """Quotes from a release's paragraphs: attributed quotes, statement blocks (bold speaker line, then the quote)."""
    quotes: list[Quote] = []
    where: list[int] = []  # the block each quote came from, to look back for the person a surname stands for
    taken: set[int] = set()
    for i, block in enumerate(blocks):
        where += [i - 1] * (len(quotes) - len(where))  # a statement's quote block was read with the block above
        if i in taken:
            continue
        intro = (_statement_intro(block.text) or _said_intro(block.text)) if i + 1 < len(blocks) else None
        if intro and _whole_quote(blocks[i + 1].text):
            quotes.append(_statement(intro, blocks[i + 1].text))
            taken.add(i + 1)
            continue
        if _speaker_line(block) and i + 1 < len(blocks):
            nxt = blocks[i + 1]
            if not nxt.bold and len(nxt.text) >= 40 and not re.match(r"^[\w /]{2,30}:", nxt.text):
                quotes.append(_statement(block.text, nxt.text))
                continue
        if i and quotes and _speaker_line(blocks[i - 1]):
            continue  # already taken as the statement above
        passages = [block.text.replace("\n", " ")]
        if "\n" in block.text:
            statements, rest = _line_statements(block.lines)
            if statements:
                quotes += [q for q in statements if q.text]
                passages = rest
        for passage in passages:
            for quote in quotes_in_paragraph(passage):
                if not any(q.text == quote.text for q in quotes):
                    quotes.append(quote)
        where += [i] * (len(quotes) - len(where))
    where += [len(blocks) - 1] * (len(quotes) - len(where))
    if any(q.speaker and " " not in q.speaker.strip() for q in quotes):
        quotes = resolve_short_speakers(quotes, where, blocks)
    return [q for q in quotes if q.text]
