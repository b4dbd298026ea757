"""Press contacts: labelled lines, many people on one line, phones in E.164, Cloudflare-protected emails."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields, replace

import phonenumbers
from lxml import etree

from pressroom.models import Contact

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# North American shapes: 703.555.0100, (202) 555-0100, +1-303-555-0100, 720.555.0100 x135, plus international "+44 …".
PHONE = re.compile(
    r"(?<![\w.])(?P<num>(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]?\d{4}|\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4})(?![\d])"
    r"(?:\s*,?\s*(?:x|ext\.?|extension|ext)\s*(?P<ext>\d{1,6}))?"
    r"(?:\s*\(?(?P<cell>cell|mobile|m[oó]vil|celular|c)\)?(?![\w]))?",
    re.IGNORECASE,
)
_CONTACT_LABEL = (
    r"(?:press|media|news)\s+contacts?|contacts?|for\s+more\s+information|"
    r"contactos?(?:\s+de\s+prensa|\s+para\s+medios)?"
)
_EMAIL_LABEL = r"e-?mail|correo(?:\s+electr[oó]nico)?"
_PHONE_LABEL = r"phone|telephone|tel|cell(?:\s+phone)?|mobile|m[oó]vil|celular|tel[eé]fono|office|ph"
LABELS = re.compile(
    rf"(?:^|(?<=[\s|•·,;(]))(?P<label>{_CONTACT_LABEL}|{_EMAIL_LABEL}|{_PHONE_LABEL})"
    rf"(?:\s*:|\.?(?=\s*[+(]?\d{{3}}))",
    re.IGNORECASE,
)
CONTACT_LABEL = re.compile(rf"^(?:{_CONTACT_LABEL})$", re.IGNORECASE)
EMAIL_LABEL = re.compile(rf"^(?:{_EMAIL_LABEL})$", re.IGNORECASE)
# "For more information, contact Rita Fox at 484-555-0100", "llame a Rita Fox al 484-555-0100".
_NAME = r"(?P<name>[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’.-]*){1,3})"
INVITATION = re.compile(
    rf"\b(?:please\s+contact|contact|call|email|e-mail|reach\s+out\s+to|llame\s+a|llamar\s+a|comun[ií]quese\s+con|"
    rf"contacte\s+a|escriba\s+a)\s+{_NAME}",
)
_MAYBE_CONTACT = re.compile(r"[:@\d]")
_INVITE_WORDS = ("contact", "call", "mail", "reach", "llam", "comun", "escrib")
_NOTE = re.compile(r"\((?P<note>[^()]*[A-Za-z][^()]*)\)")
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


def decode_cfemail(hex_text: str) -> str | None:
    """Undo Cloudflare email protection: the first byte is the key, XOR it with every following byte."""
    try:
        data = bytes.fromhex(hex_text.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    decoded = bytes(b ^ data[0] for b in data[1:]).decode("utf-8", "replace")
    return decoded if EMAIL.fullmatch(decoded) else None


def unprotect_emails(root: etree._Element) -> None:
    """Replace Cloudflare-protected addresses in `root` (a private copy) with the real ones, text and mailto:."""
    for el in root.xpath(".//*[@data-cfemail]"):
        email = decode_cfemail(el.get("data-cfemail", ""))
        if email:
            for child in list(el):
                el.remove(child)
            el.text = email
            el.attrib.pop("data-cfemail", None)
            link = el if el.tag == "a" else next(el.iterancestors("a"), None)
            if link is not None and "email-protection" in link.get("href", ""):
                link.set("href", f"mailto:{email}")
    for link in root.xpath(".//a[contains(@href, '/cdn-cgi/l/email-protection')]"):
        email = decode_cfemail(link.get("href", "").partition("#")[2])
        if email:
            link.set("href", f"mailto:{email}")
            text = "".join(link.itertext())
            if "@" not in text or "protected" in text:
                for child in list(link):
                    link.remove(child)
                link.text = email


def normalise_phone(text: str, region: str = "US") -> str | None:
    """E.164 for a written number; kept when merely possible (555 numbers), None when it cannot be a number."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phones_in(text: str, region: str = "US") -> list[tuple[str, str | None, bool, tuple[int, int]]]:
    """(E.164, extension, is_cell, span) for every phone number written in `text`."""
    found = []
    for match in PHONE.finditer(text):
        e164 = normalise_phone(match["num"], region)
        if e164:
            found.append((e164, match["ext"], bool(match["cell"]), match.span()))
    return found


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


def _assign(fields_: list[str], contact: dict[str, str | None]) -> None:
    for value in fields_:
        value = value.strip(" ,;:–—-")
        if not value:
            continue
        if value[0].islower() and not contact.get("role"):
            if len(value) > 3:  # "or", "and": glue words left between numbers
                contact["role"] = value
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


def parse_people(value: str, region: str = "US") -> list[dict[str, str | None]]:
    """Every person on one contact line: 'Jo Kim,, 720.555.0100 (only on May 3) – Org A Lee Wu, lee@… – Org B'."""
    people: list[dict[str, str | None]] = []
    segments = [s for s in _DASH_SPLIT.split(value) if s.strip()]
    for index, segment in enumerate(segments):
        phones = phones_in(segment, region)
        emails = [(m[0], m.span()) for m in EMAIL.finditer(segment)]
        rest = _blank(segment, [p[3] for p in phones] + [e[1] for e in emails])
        notes = [n.strip() for n in _NOTE.findall(rest) if n.strip()]
        rest = _NOTE.sub(" ", rest)
        rest = re.sub(r"^\s*(?:[Ii]n|[Ee]n)\s+[A-Z][\w .]*:\s*", "", rest)  # "In Denver:" says where, not who
        parts = [p.strip() for p in re.split(r"[,;|/]", rest) if p.strip(" .")]
        # A trailing "– Org B" names the organisation of the person before it.
        if index > 0 and not phones and not emails and people and not people[-1].get("organization") and parts:
            people[-1]["organization"] = " ".join(parts)
            continue
        contact: dict[str, str | None] = {}
        if index > 0 and people and parts:
            org, name = split_org_name(parts[0])
            if org and not people[-1].get("organization"):
                people[-1]["organization"] = org
            parts[0] = name
        _assign(parts, contact)
        _add_phones(contact, phones)
        if emails:
            contact["email"] = emails[0][0].lower()
        if notes:
            contact["note"] = "; ".join(filter(None, [contact.get("note"), *notes]))
        if any(contact.values()):
            people.append(contact)
    return people


def _add_phones(contact: dict[str, str | None], phones: list[tuple[str, str | None, bool, tuple[int, int]]]) -> None:
    for e164, ext, cell, _ in phones:
        if not contact.get("phone"):
            contact["phone"], contact["extension"] = e164, ext
        elif e164 != contact["phone"]:
            label = "Cell" if cell else "Also"
            text = f"{label}: {e164}" + (f" x{ext}" if ext else "")
            contact["note"] = "; ".join(filter(None, [contact.get("note"), text]))


def contacts_from_lines(lines: Iterable[str], region: str = "US") -> list[Contact]:
    """Contacts from text lines: a contact label opens a person, following Email:/Phone: lines fill them in."""
    people: list[dict[str, str | None]] = []
    current: dict[str, str | None] | None = None
    idle = 0
    for line in lines:
        if current is None and not _MAYBE_CONTACT.search(line) and not _invites(line):
            continue  # cheap gate: with no open contact, a line without label, digit, @ or invitation adds nothing
        labels = list(LABELS.finditer(line))
        for i, match in enumerate(labels):
            value = line[match.end() : labels[i + 1].start() if i + 1 < len(labels) else len(line)].strip(" :|")
            label = match["label"].lower()
            if CONTACT_LABEL.match(label):
                if label.startswith("for more"):
                    continue
                found = parse_people(value, region)
                people.extend(found)
                current = found[-1] if found else {}
                if not found:
                    people.append(current)
            elif current is None:
                continue
            elif EMAIL_LABEL.match(label):
                email = EMAIL.search(value)
                if email:
                    _set_or_new(people, current, "email", email[0].lower())
            else:
                phones = phones_in(value, region)
                cell = label.startswith(("cell", "mobile", "m", "celular")) and label != "phone"
                if phones and cell and current.get("phone"):
                    _add_phones(current, [(p[0], p[1], True, p[3]) for p in phones])
                else:
                    _add_phones(current, phones)
        if labels:
            idle = 0
        elif current is not None:
            idle += 1
            if idle > 3:  # a contact block is a few lines; later numbers belong to something else
                current = None
            elif not current.get("name") and 2 <= len(line) <= 60 and not PHONE.search(line) and "@" not in line:
                # "Press Contact:" alone, the name on the next line.
                _assign([line], current)
            elif len(line) <= 80 and (PHONE.search(line) or "@" in line):
                # "sam@example.org | 415.864.2210" under a contact: only the numbers and address carry over.
                for person in parse_people(line, region):
                    for key in ("email", "phone", "extension"):
                        if person.get(key) and not current.get(key):
                            current[key] = person[key]
        for match in INVITATION.finditer(line):
            tail = line[match.end() : match.end() + 160]
            person: dict[str, str | None] = {"name": match["name"].strip()}
            _add_phones(person, phones_in(tail, region))
            email = EMAIL.search(tail)
            if email:
                person["email"] = email[0].lower()
            if person.get("phone") or person.get("email"):
                people.append(person)
    return merge(Contact(**{k: v for k, v in p.items() if v}) for p in people if any(p.values()))


def _invites(line: str) -> bool:
    low = line.lower()
    return any(word in low for word in _INVITE_WORDS)


def _set_or_new(people: list[dict[str, str | None]], current: dict[str, str | None], key: str, value: str) -> None:
    if not current.get(key):
        current[key] = value
    elif current[key] != value:
        people.append({key: value})


def merge(contacts: Iterable[Contact]) -> list[Contact]:
    """One contact per person: the same name, email or phone mentioned twice is merged field by field."""
    merged: list[Contact] = []
    for contact in contacts:
        for i, seen in enumerate(merged):
            if _same(seen, contact):
                updates = {f.name: getattr(contact, f.name) for f in fields(Contact) if not getattr(seen, f.name)}
                merged[i] = replace(seen, **{k: v for k, v in updates.items() if v})
                break
        else:
            merged.append(contact)
    return merged


def _same(a: Contact, b: Contact) -> bool:
    if a.name and b.name:
        return a.name.lower() == b.name.lower()
    if a.email and b.email:
        return a.email == b.email
    return bool(a.phone and a.phone == b.phone and a.extension == b.extension)
