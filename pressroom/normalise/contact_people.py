"""The people on one contact line: names, roles and organisations around their numbers and addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pressroom.normalise.phones_emails import EMAIL, EMAIL_WORDS, PHONE, PHONE_WORDS, Phone, phones_in

NOTE = re.compile(r"\((?P<note>[^()]*[A-Za-z][^()]*)\)")
_DASH_SPLIT = re.compile(r"\s+[–—]\s+|\s+-\s+")
ORG_WORDS = re.compile(
    r"\b(?:coalition|center|centre|alliance|project|union|fund|network|council|committee|association|organi[sz]ation|"
    r"institute|league|law|foundation|campaign|federation|society|services|partnership|collaborative|initiative|"
    r"church|clinic|movement|group|inc|llc|org|coalici[oó]n|centro|red|alianza|proyecto|comit[eé]|uni[oó]n)\b",
    re.IGNORECASE,
)
ROLE_WORDS = re.compile(
    r"\b(?:director|directora|manager|coordinator|coordinador|coordinadora|organi[sz]er|spokes(?:person|man|woman)|"
    r"officer|president|presidenta?|chair|attorney|abogad[oa]|associate|specialist|lead|secretary|fellow|advocate|"
    r"staff|strategist|counsel|editor|press|communications|comunicaciones|vocer[oa])\b",
    re.IGNORECASE,
)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def split_org_name(text: str) -> tuple[str | None, str]:
    """('Org A', 'Lee Wu') from 'Org A Lee Wu': the person is the last two or three capitalised words."""
    words = text.split()
    if len(words) <= 3:
        return None, text
    take = 3 if len(words[-2].rstrip(".")) == 1 else 2  # "Ana M. Soto"
    return " ".join(words[:-take]), " ".join(words[-take:])


def assign_fields(fields_: list[str], contact: dict[str, str | None]) -> None:
    """Fill the contact's name, role and organisation from a line's remaining comma-separated fields."""
    for value in fields_:
        value = value.strip(" ,;:–—-")
        if not value:
            continue
        if value[0].islower() and not contact.get("role"):
            # The blanked number and address leave gaps, and the line's full stop: "or ." is still only glue.
            gist = " ".join(value.split()).rstrip(" .")
            if len(gist) > 3:  # "or", "and": glue words left between numbers
                contact["role"] = gist
        elif not contact.get("name") and not ORG_WORDS.search(value) and not ROLE_WORDS.search(value):
            contact["name"] = value
        elif ROLE_WORDS.search(value) and not contact.get("role") and not ORG_WORDS.search(value.split(" of ")[0]):
            role, sep, org = value.partition(" at ")
            contact["role"] = role.strip()
            if sep and not contact.get("organization"):
                contact["organization"] = org.strip()
        elif not contact.get("organization"):
            contact["organization"] = value
        elif not contact.get("name"):
            contact["name"] = value


# People on one line are parted by ";" or a spaced slash ("Ana Soto, 202-… / Lee Wu, lee@…"); a slash inside a
# field ("English/Spanish", "555-0100/0101") has no spaces around it. A spaced bar ("… ana@… | Lee Wu, …") or a
# full stop before a place label ("… ana@…. In Reno: Lee Wu, …") parts them too, once the person before it has a
# number or an address: a bar also parts one person's own fields ("Ana Soto | Director | 202-…").
_PERSON_SEPARATOR = re.compile(r"(;|\s/\s|\s\|\s|(?<=\.)\s+(?=(?:[Ii]n|[Ee]n)\s+[A-ZÁÉÍÓÚÑ][\w .]*:))")
_WEAK_SEPARATOR = re.compile(r"\s*\|\s*|\s+")
# A separator starts another person when a name follows it ("…; Ana Soto, …", "…; In Reno: Ana Soto"), not a number.
# The prefix names a place or the language the person answers in: "| In Spanish: Ana Soto", "| En español: Ana Soto"
# (Spanish writes a language in lower case).
_PREFIX = r"(?:[Ii]n|[Ee]n)\s+[^\W\d][\w .]*:\s*"
_NEXT_PERSON = re.compile(rf"\s*(?:{_PREFIX})?[A-ZÁÉÍÓÚÑ][\w'’.-]+\s+[A-ZÁÉÍÓÚÑ]")
_PLACE_PREFIX = re.compile(rf"^\s*{_PREFIX}")
_PARTICLES = frozenset(
    ["de", "del", "la", "las", "los", "van", "von", "der", "da", "di", "do", "dos", "le", "du", "bin", "al", "y"]
)
NOT_NAMES = frozenset(["us", "our", "the", "your", "me", "my", "this", "that", "we", "a", "an", "any", "all"])
_INLINE_LABEL = re.compile(rf"(?<![\w.])(?:{EMAIL_WORDS}|{PHONE_WORDS})(?:\s*:|\.(?=\s))", re.IGNORECASE)


def looks_like_person(text: str) -> bool:
    """'Ana M. Soto', 'Jean-Baptiste Pierre', 'Ana de la Cruz': two to five words, capitalised but for particles."""
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in NOT_NAMES or any(ch.isdigit() for ch in text):
        return False
    if ORG_WORDS.search(text) or ROLE_WORDS.search(text):
        return False
    return all(w[0].isupper() or w in _PARTICLES for w in words)


def parse_people(value: str, region: str = "US") -> list[dict[str, str | None]]:
    """Every person on one contact line: 'Jo Kim,, 720.555.0100 (only on May 3) – Org A Lee Wu, lee@… – Org B'."""
    people: list[dict[str, str | None]] = []
    chunks: list[str] = []
    pieces = _PERSON_SEPARATOR.split(value)
    for piece, sep in zip(pieces[::2], ["", *pieces[1::2]], strict=True):
        reached = bool(chunks) and bool(PHONE.search(chunks[-1]) or EMAIL.search(chunks[-1]))
        if chunks and (not _NEXT_PERSON.match(piece) or (_WEAK_SEPARATOR.fullmatch(sep) and not reached)):
            chunks[-1] += sep + piece  # "x135; (202) 555-0101 (Cell)": the same person's other number
        else:
            chunks.append(piece)
    for chunk in chunks:
        _parse_chunk(chunk, people, region)
    return people


def _parse_chunk(value: str, people: list[dict[str, str | None]], region: str) -> None:
    first = len(people)
    segments = [s for s in _DASH_SPLIT.split(value) if s.strip()]
    for index, segment in enumerate(segments):
        phones = phones_in(segment, region)
        emails = [(m[0], m.span()) for m in EMAIL.finditer(segment)]
        rest = _blank(segment, [p[3] for p in phones] + [e[1] for e in emails])
        notes = [n.strip() for n in NOTE.findall(rest) if n.strip()]
        rest = NOTE.sub(" ", rest)
        rest = _PLACE_PREFIX.sub("", rest)  # "In Denver:" says where, not who
        rest = _INLINE_LABEL.sub(" ", rest)  # "Tel:" inside a line labels the number, it is no field
        # A middle dot or bullet separates a card's fields like a bar: "Ana Ruiz · 312-… · ana@…".
        parts = [p.strip() for p in re.split(r"[,;|/·•]", rest) if p.strip(" .")]
        # A trailing "– Org B" names the organisation of the person before it.
        if index > 0 and not phones and not emails and len(people) > first and parts:
            if not people[-1].get("organization"):
                people[-1]["organization"] = " ".join(parts)
            continue
        contact: dict[str, str | None] = {}
        if index > 0 and len(people) > first and parts:
            org, name = split_org_name(parts[0])
            if org and not people[-1].get("organization"):
                people[-1]["organization"] = org
            parts[0] = name
        assign_fields(parts, contact)
        add_phones(contact, phones)
        if emails:
            contact["email"] = emails[0][0].lower()
        if notes:
            contact["note"] = "; ".join(filter(None, [contact.get("note"), *notes]))
        if people and not any(contact.get(k) for k in ("name", "email", "phone")):
            # "…; Example Org" names no one new: it completes the person before it.
            for key, val in contact.items():
                if val and not people[-1].get(key):
                    people[-1][key] = val
        elif any(contact.values()):
            people.append(contact)


def add_phones(contact: dict[str, str | None], phones: list[Phone]) -> None:
    """The first number (not a fax) becomes the contact's phone; the others go to its note, with their kind."""
    for e164, ext, kind, _ in phones:
        if not contact.get("phone") and kind != "Fax":  # a fax is no way to reach a person
            contact["phone"], contact["extension"] = e164, ext
        elif e164 != contact.get("phone"):
            text = f"{kind or 'Also'}: {e164}" + (f" x{ext}" if ext else "")
            if text not in (contact.get("note") or ""):
                contact["note"] = "; ".join(filter(None, [contact.get("note"), text]))
