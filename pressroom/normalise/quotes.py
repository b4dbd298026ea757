"""Attributed quotes: 'Said X of Org, “…”', '“…,” said X, role at Org. “…”', statement blocks, Spanish 'dijo'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Quote
from pressroom.normalise.text import Block, xml_safe

_VERBS = (
    r"said|says|stated|states|added|adds|explained|noted|declared|urged|continued|"
    r"dijo|afirmó|declaró|señaló|agregó|añadió|expresó|comentó|indicó|explicó"
)
# "Said Jane Roe of the Example Workers Alliance, “"  /  "Tom Park said, “"
BEFORE_VERB_FIRST = re.compile(
    rf"(?:^\s*|[.!?”\u2024]\s+)(?:{_VERBS})\s+(?P<who>[^“”.]{{3,160}}?)\s*[,:]\s*$", re.IGNORECASE
)
BEFORE_NAME_FIRST = re.compile(
    rf"(?:^\s*|[.!?”\u2024]\s+)(?P<who>[A-ZÁÉÍÓÚÑ][^“”.]{{2,160}}?)\s+(?:{_VERBS})\s*[,:]?\s*$|"
    rf"(?:^\s*|[.!?”\u2024]\s+)(?:according to|de acuerdo con|según)\s+(?P<who2>[^“”.]{{3,160}}?)\s*,\s*$|"
    # "He added: “…”": a pronoun too short for the name above; it stands for the speaker named before it.
    rf"(?:^\s*|[.!?”\u2024]\s+)(?P<who3>He|Él)\s+(?:{_VERBS})\s*[,:]?\s*$",
)
# ",” said Tom Park, policy director at Example Justice Project. “"  /  "”, dijo Ana Soto, directora … Ejemplo."
# Lower-case verb only: a capital "Said" after a quote opens the next sentence's attribution instead.
AFTER_VERB_FIRST = re.compile(rf"^[\s,.]*(?:{_VERBS})\s+(?P<who>[^“”]+?)(?:(?<![\s.][A-Z])\.(?=\s|$)|[;:]|$)")
# A stray closing quote (the guide's "a stray closing quote with no opening one") after a verb-first attribution:
# "Said tenant Ana Soto, who has lived here since 1990, We had two weeks …”". The quote opens at the last ", " before
# a capital that precedes the first full stop; the attribution runs up to it.
_STRAY_LEAD = re.compile(
    rf"(?:^\s*|[.!?]\s+)(?i:{_VERBS})\s+(?P<who>[A-Za-zÁÉÍÓÚÑáéíóúñ][^“”.!?]{{2,160}}),\s+(?=[A-ZÁÉÍÓÚÑ¿¡][^.!?]{{10}})"
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
_SPLIT_ORG = re.compile(
    r"\s+(?:of the|of|from the|from|with the|with|at the|at|for the|for|de la|del|de)\s+(?=[A-ZÁÉÍÓÚÑ])"
)
# Capitalised words joined by the small words organisation names carry ("Red Latina por la Justicia").
_ORG_TAIL = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&.-]*|de|del|la|las|los|el|y|por|para|the|of|for|and|&|on)"
    r"(?:\s+(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&.-]*|de|del|la|las|los|el|y|por|para|the|of|for|and|&|on))*\s*[.,]?\s*$"
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
_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))
_NAME_TAIL = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\w'’-]*\.?\s+){1,2}[A-ZÁÉÍÓÚÑ][\w'’-]+$")
# "… Alliance for Human Rights organizer Beatriz Molina": a lower-case role word right before the closing name.
_ROLE_THEN_NAME = re.compile(
    r"\s(?!(?:of|from|at|for|with|and|the|in|on|to|by|an?|de|del|la|las|los|el|y|e|en|con|para|por|sin|un|una)\s)"
    r"[a-zñáéíóú][\w-]*\s+"
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’-]*\.?\s+){1,2}[A-ZÁÉÍÓÚÑ][\w'’-]+$"
)
# Honorifics and titles that press releases put before a person's name, in English and Spanish. They are the
# person's role, not part of the name: "Rabbi Ana Levy", "Sister Ann Roe", "la abogada Eva Paz".
_HONORIFIC_WORDS = """
    rabbi sister brother father fr pastor pastora reverend rev revd bishop imam deacon monsignor msgr cantor
    elder minister chaplain dr doctor doctora dra prof professor profesor profesora mr mrs ms mx judge justice
    senator sen representative rep congressman congresswoman councilmember councilman councilwoman councillor
    alderman alderwoman mayor governor gov commissioner supervisor assemblymember assemblyman assemblywoman
    sheriff attorney lawyer padre hermana hermano reverendo reverenda obispo monseñor abogado abogada
    licenciado licenciada lic sr sra srta doña concejal concejala alcalde alcaldesa senador senadora
    representante diputado diputada
    licda licdo lcda lcdo ing inga ingeniero ingeniera arq arquitecto arquitecta mtro mtra maestro maestra profa
"""
_HONORIFICS = frozenset(_HONORIFIC_WORDS.split())
# Role nouns that can head a capitalised title before a name: "Executive Director Ana Levy", "Lead Organizer X".
_ROLE_NOUN_WORDS = """
    director directora president presidenta presidente chair chairman chairwoman chairperson coordinator
    coordinador coordinadora organizer organiser organizador organizadora manager founder cofounder co-founder
    secretary treasurer counsel advocate spokesperson spokesman spokeswoman officer member miembro vocero
    vocera fellow analyst
"""
_ROLE_NOUNS = frozenset(_ROLE_NOUN_WORDS.split())
# Occupations written before a name in lower case ("said housekeeper Ana Levy") gain a capital when they open the
# sentence ("Housekeeper Ana Levy said …"): the first of three or more capitalised words, they are the role.
_OCCUPATION_WORDS = """
    housekeeper nurse teacher driver janitor custodian caregiver farmworker worker tenant parent student resident
    dishwasher cashier nanny electrician plumber carpenter welder mechanic landscaper bartender waiter waitress
    trabajador trabajadora enfermero enfermera inquilino inquilina estudiante conductora
"""
_OCCUPATIONS = frozenset(_OCCUPATION_WORDS.split())
_ARTICLE = re.compile(r"^(?:the|el|la|los|las|a|an|un|una)\s+", re.IGNORECASE)
# "…, who dried cars for four years" / "…, quien limpia casas": a description of the person, not a title.
_CLAUSE = re.compile(r"^(?:who|whose|which|where|que|quien|quienes|cuyo|cuya|donde)\b", re.IGNORECASE)
# "…, del Centro Legal X" / "…, of the Example Network": the whole remainder is the organisation.
_ORG_LEAD = re.compile(
    r"^(?:of the|of|from the|from|with the|with|at the|at|de la|de los|de las|del|de)\s+(?=[A-ZÁÉÍÓÚÑ])"
)


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
    name, role, org = _speaker_parts(re.sub(r"^(?:the|el|la)\s+", "", who.strip(" ,.:;")))
    note = None
    if name and (paren := re.search(r"\s*\(([^()]*)\)$", name)):
        name, note = name[: paren.start()], paren[1]  # "Tia Ray (D-District 4)": a party or district note
    if name:
        name, title = split_title(name)
        # A courtesy title is the role only when no role is written out: "Rev. Ann Lee, Pastor" -> "Pastor".
        role = role or title
    if note:
        role = f"{role} ({note})" if role else note
    if role:
        if len(role.split()) <= 4 and not re.search(r"\s(?:and|y)\s", role):
            role = _ARTICLE.sub("", role)  # "a staff attorney" is the title "staff attorney"; descriptions stay whole
        if _CLAUSE.match(role):
            role = None
    return name, role or None, org or None


def split_title(name: str) -> tuple[str, str | None]:
    """('Ana Levy', 'Rabbi') from 'Rabbi Ana Levy': honorifics, lower-case role words and titles leave the name."""
    words = name.split()
    cut = 1 if len(words) >= 3 and words[0].casefold() in _OCCUPATIONS else 0
    while cut < len(words) - 1:
        word = words[cut]
        head = word.split("-", 1)[0].rstrip(".").casefold()
        if word[:1].islower() or head in _HONORIFICS:
            cut += 1
        else:
            break
    # A capitalised title ending in a role noun: "Executive Director Ana Levy", "Lead Organizer Bo Kim".
    for i in range(len(words) - 2, cut - 1, -1):
        if words[i].rstrip(".,").casefold() in _ROLE_NOUNS and i < 4:
            cut = i + 1
            break
    if not cut:
        return name, None
    return " ".join(words[cut:]), " ".join(words[:cut])


def _speaker_parts(who: str) -> tuple[str | None, str | None, str | None]:
    if "," in who:
        parts = [p.strip() for p in who.split(",") if p.strip()]
        name, rest = parts[0], parts[1:]
        if rest and rest[0].casefold() in _SUFFIXES:
            name, rest = f"{name} {rest[0]}", rest[1:]  # "Ann Lee, Jr., of …": the suffix is part of the name
        pieces = _SPLIT_ORG.split(name, maxsplit=1)
        if len(pieces) == 2 and _looks_like_name(split_title(pieces[0])[0]):
            # "Pastor Ana Lee of Example Church, which hosts …": the organisation is named before the comma.
            return pieces[0], rest[0] if rest else None, _strip_article(pieces[1])
        if len(rest) >= 2:
            lead = _ORG_LEAD.match(rest[1])
            return name, rest[0], ", ".join([rest[1][lead.end() :] if lead else rest[1], *rest[2:]])
        if rest:
            if lead := _ORG_LEAD.match(rest[0]):
                return name, None, _strip_article(rest[0][lead.end() :])
            role, org = _role_org(rest[0])
            return name, role, org
        return name, None, None
    name, title = split_title(who)
    if title and _looks_like_name(name):
        return who, None, None  # "Executive Director Paul Ng": a title, then the name; speaker() splits them
    tail = _NAME_TAIL.search(who)
    if _ROLE_THEN_NAME.search(who) and tail and tail.start() > 0:
        return _org_role_name(who, tail)
    pieces = _SPLIT_ORG.split(who, maxsplit=1)
    # "attorney Wendell Roe of the Example Project": a role word before the name still leaves a name before "of".
    if len(pieces) == 2 and (_looks_like_name(pieces[0]) or (title and _looks_like_name(split_title(pieces[0])[0]))):
        return pieces[0], None, _strip_article(pieces[1])
    if tail and tail.start() > 0:
        return _org_role_name(who, tail)
    return who or None, None, None


def _org_role_name(who: str, tail: re.Match[str]) -> tuple[str | None, str | None, str | None]:
    # "Example Law Center attorney Ann Lee": organisation, then a lower-case role, then the name.
    before = who[: tail.start()].split()
    role_words = []
    while before and before[-1][:1].islower():
        role_words.insert(0, before.pop())
    return tail[0], " ".join(role_words) or None, " ".join(before) or None


def _role_org(text: str) -> tuple[str | None, str | None]:
    matches = list(_SPLIT_ORG.finditer(text))
    if matches and _whole_name(text, text[: matches[0].start()]):
        return None, _strip_article(text)  # "Asociación de Abogadas Rurales": the "de" is inside the name
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


def _whole_name(text: str, head: str) -> bool:
    """An organisation's name read whole: capitalised words and particles, its head naming no role ("Director")."""
    words = head.split()
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and not any(w.casefold().rstrip(".") in _ROLE_NOUNS | _HONORIFICS for w in words)
        and bool(_ORG_TAIL.match(text))
    )


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|la|el)\s+", "", text.strip(" .,"))


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


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
            who = m["who"] or m["who2"] or m["who3"]
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
    if len(parts) < 2 or not _looks_like_name(parts[0]) or _HEADLINE_WORDS & set(parts[0].casefold().split()):
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
    return text[:1] == "“" and len(text) >= 40 and not _attributed(text)


def quotes_from_blocks(blocks: Sequence[Block]) -> list[Quote]:
    """Quotes from a release's paragraphs: attributed quotes, statement blocks (bold speaker line, then the quote)."""
    quotes: list[Quote] = []
    where: list[int] = []  # the block each quote came from, to look back for the person a surname stands for
    taken: set[int] = set()
    for i, block in enumerate(blocks):
        where += [i - 1] * (len(quotes) - len(where))  # a statement's quote block was read with the block above
        if i in taken:
            continue
        if i + 1 < len(blocks) and (who := _statement_intro(block.text)) and _whole_quote(blocks[i + 1].text):
            quotes.append(_statement(who, blocks[i + 1].text))
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
        quotes = _resolve_short_speakers(quotes, where, blocks)
    return [q for q in quotes if q.text]


# Pronouns a quote is credited to once its speaker has been named: "She added: “…”", "Él agregó: “…”".
_PRONOUNS = frozenset(("he", "she", "él", "ella"))
# A run of capitalised words (initials with their dot) on one line: where a person is first named in full. A line
# break parts a label from the name below it ("Press Contact" / "Ana Soto").
_CAPITALISED_RUN = re.compile(r"(?:[A-ZÁÉÍÓÚÑ](?:[\w'’-]+|\.)[ \u00a0]+){1,4}[A-ZÁÉÍÓÚÑ][\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalised words that open a sentence or a phrase before a name ("Today Ana Soto …", "On Monday Ana Soto …").
_OPENER_WORDS = """
    the a an today yesterday tonight this that these those on in at as and but for when while after before since
    during with from by said says according also then now last next both every each el la los las hoy ayer
"""
_OPENERS = frozenset(_OPENER_WORDS.split())


def _resolve_short_speakers(quotes: list[Quote], where: list[int], blocks: Sequence[Block]) -> list[Quote]:
    """Quotes credited to a pronoun or a bare surname, credited instead to the person the release named earlier.

    "Ana Soto, who chairs the council, …" then "“…,” Soto said": the surname stands for the one person named in full
    with it before the quote. "She added: “…”" stands for the nearest speaker named before it. When the release names
    nobody (or two people) that way, the surname stays and the pronoun is dropped: never a guess.
    """
    out: list[Quote] = []
    for quote, index in zip(quotes, where, strict=True):
        word = (quote.speaker or "").strip()
        if word and " " not in word:
            if word.casefold() in _PRONOUNS:
                named = next((q for q in reversed(out) if q.speaker), None)
                if named is not None and " " in named.speaker:
                    quote = Quote(quote.text, named.speaker, named.role, named.organization, quote.partial)
                else:
                    quote = Quote(quote.text, None, quote.role, quote.organization, quote.partial)
            elif full := _named_in_full(word, blocks[: index + 1]):
                earlier = next((q for q in out if q.speaker == full), None)
                role = quote.role or (earlier.role if earlier else None)
                org = quote.organization or (earlier.organization if earlier else None)
                quote = Quote(quote.text, full, role, org, quote.partial)
        out.append(quote)
    return out


def _named_in_full(surname: str, blocks: Sequence[Block]) -> str | None:
    """The one full name ending in `surname` in these blocks ("Prof. Ana Soto's" -> "Ana Soto"); None if not one."""
    names: set[str] = set()
    for block in blocks:
        if surname not in block.text:
            continue
        for run in _CAPITALISED_RUN.finditer(block.text):
            words = run[0].split()
            if _POSSESSIVE.sub("", words[-1]) != surname:
                continue
            words[-1] = surname
            while len(words) > 2 and words[0].casefold() in _OPENERS:
                words.pop(0)
            name = split_title(" ".join(words))[0]
            if len(name.split()) >= 2 and name.split()[0].casefold() not in _OPENERS:
                names.add(name)
    return names.pop() if len(names) == 1 else None
