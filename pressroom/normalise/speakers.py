"""Who is speaking: names, honorifics, roles and organisations from an attribution; surnames and pronouns credited."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.models import Quote
from pressroom.normalise.text import Block

_SPLIT_ORG = re.compile(
    r"\s+(?:of the|of|from the|from|with the|with|at the|at|for the|for|de la|del|de)\s+(?=[A-ZÁÉÍÓÚÑ])"
)
# Capitalised words joined by the small words organisation names carry ("Red Latina por la Justicia").
_ORG_TAIL = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&.-]*|de|del|la|las|los|el|y|por|para|the|of|for|and|&|on)"
    r"(?:\s+(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&.-]*|de|del|la|las|los|el|y|por|para|the|of|for|and|&|on))*\s*[.,]?\s*$"
)
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
        if (not rest or _CLAUSE.match(rest[0])) and (before := _org_role_before(name)):
            return before  # "Example Union volunteer Ann Lee, who …": the clause describes her, the head names her
        pieces = _SPLIT_ORG.split(name, maxsplit=1)
        if len(pieces) == 2 and looks_like_name(split_title(pieces[0])[0]):
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
    if title and looks_like_name(name):
        return who, None, None  # "Executive Director Paul Ng": a title, then the name; speaker() splits them
    tail = _NAME_TAIL.search(who)
    if _ROLE_THEN_NAME.search(who) and tail and tail.start() > 0:
        return _org_role_name(who, tail)
    pieces = _SPLIT_ORG.split(who, maxsplit=1)
    # "attorney Wendell Roe of the Example Project": a role word before the name still leaves a name before "of".
    if len(pieces) == 2 and (looks_like_name(pieces[0]) or (title and looks_like_name(split_title(pieces[0])[0]))):
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


def _org_role_before(text: str) -> tuple[str, str, str] | None:
    """(name, role, organization) from "Example Union volunteer Ann Lee": a capitalised name, a role word, a name."""
    tail = _NAME_TAIL.search(text)
    if not (tail and tail.start() > 0 and _ROLE_THEN_NAME.search(text)):
        return None
    name, role, org = _org_role_name(text, tail)
    # The head must read as an organisation's name and the role as one or two words: "… of the church group Example
    # Union" is a description ending in a name, not an organisation, a role and a person.
    if not (name and role and org) or len(role.split()) > 2 or not org[:1].isupper() or not _ORG_TAIL.match(org):
        return None
    return name, role, org


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


def looks_like_name(text: str) -> bool:
    """One to four words, each capitalised: how a person's name reads."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


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


def resolve_short_speakers(quotes: list[Quote], where: list[int], blocks: Sequence[Block]) -> list[Quote]:
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
