"""Press contacts from a release's lines: contact labels, invitations to call or write, one contact per person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace

from pressroom.models import Contact
from pressroom.normalise.contact_people import (
    NOT_NAMES,
    NOTE,
    add_phones,
    assign_fields,
    looks_like_person,
    parse_people,
)
from pressroom.normalise.phones_emails import (
    EMAIL,
    EMAIL_WORDS,
    PHONE,
    PHONE_KINDS,
    PHONE_WORDS,
    decode_cfemail,
    hidden_mailto,
    normalise_phone,
    phones_in,
    region_of,
    reveal_mailto,
    unprotect_emails,
)
from pressroom.normalise.text import folded, xml_safe

# The value readers are re-exported: tests and older callers import them from here.
__all__ = [
    "CONTACT_LABEL",
    "EMAIL_LABEL",
    "INVITATION",
    "LABELS",
    "completed",
    "contacts_from_lines",
    "decode_cfemail",
    "hidden_mailto",
    "looks_like_person",
    "merge",
    "normalise_phone",
    "region_of",
    "reveal_mailto",
    "unprotect_emails",
]

_CONTACT_LABEL = (
    r"(?:for\s+)?(?:press|media|news|reporters?)\s+(?:contacts?|inquiries|enquiries|queries|requests|relations)|"
    r"contacts?|for\s+more\s+information|contactos?(?:\s+de\s+prensa|\s+para\s+medios)?"
)
# Bare "Press:" / "Media:" / "Interviews in Spanish:" name a contact only when they open the line with a colon;
# mid-sentence ("social media: …") they are prose.
# A press-contact label narrowed by a short phrase before its colon names the release's contact just the same:
# "Media contact for the week:", "Press contacts in Sacramento:", "Contacto de prensa para el evento:", and the
# requests reporters make: "Press inquiries about the tour:", "Media requests regarding the ruling:".
_QUALIFIED_LABEL = (
    r"(?:(?:press|media|news)\s+(?:contacts?|inquiries|enquiries|queries|requests)|"
    r"contactos?\s+(?:de\s+prensa|para\s+(?:los\s+)?medios))\s+"
    r"(?:for|in|during|at|on|about|regarding|concerning|para|en|durante|sobre)\s+"
    r"[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){0,3}"
)
# The press an outlet writes for, named before "media"/"press": "Spanish-language media:", "Ethnic press:", "Medios en
# español:" open the line of the contact who answers those reporters (a release's second contact, often).
_AUDIENCE_LABEL = (
    r"[^\W\d][\w'’]*(?:-[^\W\d][\w'’]*)?(?:\s+[^\W\d][\w'’]*)?\s+(?:media|press)|"
    r"(?:medios|prensa)\s+(?:en|de)\s+[^\W\d][\w'’]*"
)
_OPENING_LABEL = (
    _QUALIFIED_LABEL + "|" + _AUDIENCE_LABEL + r"|press|media|prensa|medios|"
    r"(?:for\s+)?(?:media\s+)?interviews?(?:\s+in\s+[\w-]+(?:\s+(?:and\s+|or\s+)?[\w-]+){0,2})?|"
    r"entrevistas(?:\s+en\s+[\w-]+(?:\s+[\w-]+)?)?"
)
# A bilingual post names its label twice: "Medios / Media:", "Media Contact / Contacto de prensa:".
_BILINGUAL_LABEL = rf"(?:{_OPENING_LABEL}|{_CONTACT_LABEL})\s*/\s*(?:{_OPENING_LABEL}|{_CONTACT_LABEL})"
LABELS = re.compile(
    rf"^\s*(?P<opening>{_BILINGUAL_LABEL}|{_OPENING_LABEL})\s*:|"
    rf"(?:^|(?<=[\s|•·,;(]))(?P<label>{_CONTACT_LABEL}|{EMAIL_WORDS}|{PHONE_WORDS})"
    rf"(?:\s*:|\.?(?=\s*[+(]?\d{{3}}))",
    re.IGNORECASE,
)
CONTACT_LABEL = re.compile(rf"^(?:{_BILINGUAL_LABEL}|{_CONTACT_LABEL}|{_OPENING_LABEL})$", re.IGNORECASE)
# "Press: For interviews, contact Ana Soto": the words before the name invite, they are not the name.
_LEAD_IN = re.compile(
    r"^(?:for\s+[^,:.]{1,40}[,:]\s*)?(?:please\s+)?(?:contact|call|reach(?:\s+out\s+to)?|e-?mail|write\s+to|"
    r"llame\s+a|escriba\s+a|comun[ií]quese\s+con|contacte\s+a)\s+(?=[A-ZÁÉÍÓÚÑ])",
    re.IGNORECASE,
)
_AT_NUMBER = re.compile(r"\s+(?:at|al|en)\s+(?=[+(]?\d)", re.IGNORECASE)
EMAIL_LABEL = re.compile(rf"^(?:{EMAIL_WORDS})$", re.IGNORECASE)
# "For more information, contact Rita Fox at 484-555-0100", "llame a Rita Fox al 484-555-0100".
_NAME = r"(?P<name>[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’.-]*){1,3})"
INVITATION = re.compile(
    rf"\b(?i:please\s+contact|contact|call|email|e-mail|reach\s+out\s+to|llame\s+a|llamar\s+a|comun[ií]quese\s+con|"
    rf"contacte\s+a|escriba\s+a)\s+{_NAME}",
)
# "Questions? Email info@… or call …", "escriba a prensa@…": an invitation to write to an address, no name.
_MAIL_TO = re.compile(r"\b(?i:e-?mail|write\s+to|escriba\s+a|escr[ií]banos\s+a)\s+(?P<email>" + EMAIL.pattern + ")")
_MAYBE_CONTACT = re.compile(r"[:@\d]")
# Every LABELS match ends in a colon or stands before three digits, and holds one of these words (lower case, in the
# `folded` line: "ph" and "tel" stand for the phone words, "vil" for "móvil"): a line without is not searched.
_THREE_DIGITS = re.compile(r"\d{3}")
_LABEL_WORDS = (
    "press", "media", "news", "reporter", "contact", "information", "mail", "correo", "ph", "tel", "cel", "mobile",
    "vil", "office", "fax", "prensa", "medios", "interview", "entrevista",
)  # fmt: skip
# Every INVITATION match holds one of these (lower case; "escrib" for "escriba"): a line with none is not searched.
_INVITE_WORDS = ("contact", "call", "mail", "reach", "llam", "comun", "escrib")
# Prose numbers that are not somebody to talk to: "dial-in", "hotline", "toll-free", "passcode".
_NOT_A_CONTACT = re.compile(r"\b(?:dial[- ]?in|call[- ]?in|hotline|toll[- ]free|passcode|access\s+code)\b", re.I)


# A line that opens with a label of its own ("CALL-IN:", "Parking:").
_OTHER_LABEL = re.compile(r"^\s*[^\W\d][\w /'’-]{1,30}:")


def _may_label(line: str, words: str) -> bool:
    """Whether the line passes the cheap tests every LABELS match passes (`words` is the line `folded`)."""
    return (":" in line or bool(_THREE_DIGITS.search(line))) and any(word in words for word in _LABEL_WORDS)


def _mid_line_detail(line: str, first: re.Match[str]) -> bool:
    """True when the line's first label is a phone or email label with other text before it."""
    label = first["label"]
    return bool(label and line[: first.start()].strip() and not CONTACT_LABEL.match(" ".join(label.lower().split())))


def _label_kind(label: str) -> str | None:
    return PHONE_KINDS.get(" ".join(label.split()))


# "… contact Ana Soto at 808-…. Interviews in Tagalog: Ben Cruz, 808-…": a label that opens the paragraph's next
# sentence opens a line of its own, as it would after a <br>.
_LABEL_SENTENCE = re.compile(
    r"(?<=[.!?])\s+(?=(?i:(?:for\s+)?(?:media\s+)?interviews?(?:\s+in\s+[\w-]+(?:\s+(?:and\s+|or\s+)?[\w-]+){0,2})?|"
    r"entrevistas(?:\s+en\s+[\w-]+(?:\s+[\w-]+)?)?|(?:press|media)\s+contacts?|contactos?\s+de\s+prensa)\s*:)"
)


# "CONTACT: Ana Soto, 202-… | Spanish-language media: Ben Cruz, 559-…": a press label after a bar (or bullet) opens
# the next person's line, as a sentence's label does; mid-line, an audience label is otherwise not read as one.
_LABEL_AFTER_BAR = re.compile(rf"\s+[|•·]\s*(?=(?i:{_BILINGUAL_LABEL}|{_OPENING_LABEL}|{_CONTACT_LABEL})\s*:)")


def _sentence_lines(lines: Iterable[str]) -> Iterable[str]:
    """The lines, each cut where a later sentence or bar-separated part opens with a press label (XML-clean)."""
    for line in map(xml_safe, lines):  # blocks() lines are clean already; direct callers' may not be
        if ":" not in line:
            yield line
            continue
        for part in _LABEL_SENTENCE.split(line):
            yield from _LABEL_AFTER_BAR.split(part) if _opens_with_press_label(part) else (part,)


def _opens_with_press_label(line: str) -> bool:
    """True when a line with a bar or bullet opens with a press label: a footer's "Org · Press: 202-…" is not one."""
    if not ("|" in line or "•" in line or "·" in line):
        return False
    first = LABELS.match(line)
    return bool(first and CONTACT_LABEL.match(" ".join((first["label"] or first["opening"]).lower().split())))


def contacts_from_lines(lines: Iterable[str], region: str = "US") -> list[Contact]:
    """Contacts from text lines: a contact label opens a person, following Email:/Phone: lines fill them in."""
    people: list[dict[str, str | None]] = []
    tentative: list[dict[str, str | None]] = []  # invited by name only; kept if a number or address follows
    current: dict[str, str | None] | None = None
    idle = 0
    for line in _sentence_lines(lines):
        if current is None and not _MAYBE_CONTACT.search(line) and not _invites(line):
            continue  # cheap gate: with no open contact, a line without label, digit, @ or invitation adds nothing
        words = folded(line)
        labels = list(LABELS.finditer(line)) if _may_label(line, words) else []
        if labels and _mid_line_detail(line, labels[0]):
            labels = []  # "Example Org · 9 Main St · tel. 202-…": an address line, not this person's details
        for i, match in enumerate(labels):
            value = line[match.end() : labels[i + 1].start() if i + 1 < len(labels) else len(line)].strip(" :|")
            label = " ".join((match["label"] or match["opening"]).lower().split())
            if CONTACT_LABEL.match(label):
                if label.startswith("for more"):
                    continue
                invited = _LEAD_IN.sub("", value)
                if invited != value:
                    # "Contact: Call Ana Soto at 619-…" / "llame a Ana Soto al 619-…": "at" ties the name to the number.
                    invited = _AT_NUMBER.sub(", ", invited)
                found = parse_people(invited, region)
                people.extend(found)
                current = found[-1] if found else {}
                if not found:
                    people.append(current)
                if match["opening"]:
                    tentative.extend(found or [current])  # "Press:" also heads coverage lists; a person needs a way in
            elif current is None:
                continue
            elif EMAIL_LABEL.match(label):
                email = EMAIL.search(value)
                if email:
                    _set_or_new(people, current, "email", email[0].lower())
            else:
                kind = _label_kind(label)
                phones = [(p[0], p[1], p[2] or kind, p[3]) for p in phones_in(value, region)]
                if kind == "Office" and not current.get("phone"):
                    phones = [(p[0], p[1], None, p[3]) for p in phones]  # an office line is a fine first number
                add_phones(current, phones)
                email = EMAIL.search(value)
                if email and not current.get("email"):
                    current["email"] = email[0].lower()  # "… / cell 907-…, ana@…": the row runs on past the number
        if labels:
            idle = 0
        elif current is not None and (head := _OTHER_LABEL.match(line)) and _NOT_A_CONTACT.search(head[0]):
            # "CALL-IN:" / "Dial-in:" above the number: a line for joining the call, not the contact's.
            current = None
        elif current is not None:
            idle += 1
            if idle > 3:  # a contact block is a few lines; later numbers belong to something else
                current = None
            elif not current.get("name") and 2 <= len(line) <= 60 and not PHONE.search(line) and "@" not in line:
                # "Press Contact:" alone, the name on the next line.
                assign_fields([line], current)
            elif _detail_line(line) and (PHONE.search(line) or "@" in line) and not _NOT_A_CONTACT.search(line):
                for person in parse_people(line, region):
                    name = person.get("name")
                    if name and current.get("name") and name.lower() != current["name"].lower():
                        if looks_like_person(name) and (person.get("phone") or person.get("email")):
                            # "Ana Soto, ana@…, 202-…" on the next line: another person in the same block.
                            people.append(person)
                            current, idle = person, 0
                        continue
                    _fill(current, person)
        for match in INVITATION.finditer(line) if any(word in words for word in _INVITE_WORDS) else ():
            name = match["name"].strip()
            tail = line[match.end() : match.end() + 160]
            if name.split()[0].lower() in NOT_NAMES or _NOT_A_CONTACT.search(name + tail[:40]):
                continue  # "Contact Us Today", "Call Our Hotline at 1-800-…" invite no person
            person: dict[str, str | None] = {"name": name}
            add_phones(person, phones_in(tail, region))
            email = EMAIL.search(tail)
            if email:
                person["email"] = email[0].lower()
            if person.get("phone") or person.get("email"):
                people.append(person)
            elif current is None and len(line) <= 100 and not tail.strip(" .:;,"):
                # "For interviews, contact Ana Soto" with her Phone:/Email: lines below.
                people.append(person)
                tentative.append(person)
                current, idle = person, 0
        for match in _MAIL_TO.finditer(line) if "@" in line else ():
            if not _NOT_A_CONTACT.search(line[: match.start()]):
                people.append({"email": match["email"].lower()})
    people = [p for p in people if not any(p is t for t in tentative) or p.get("phone") or p.get("email")]
    return merge(Contact(**{k: v for k, v in p.items() if v}) for p in people if any(p.values()))


_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")


def _detail_line(line: str) -> bool:
    """A line of details under a contact label: short, or one person's row of short fields ("Name, Org, phone, email").

    Several press contacts under one "Press Contacts:" label take a line each, and a full row runs past 80 characters;
    prose that happens to hold a number has long clauses or sentences instead of short fields.
    """
    if len(line) <= 80:
        return True
    parts = [part.strip() for part in line.split(",")]
    return (
        len(line) <= 200
        and len(parts) >= 3
        and all(len(part) <= 60 for part in parts)
        # "Ana Soto (interviews in Spanish), 202-…": an aside after the name says when or how to reach her.
        and looks_like_person(NOTE.sub("", parts[0]).strip())
        and not _SENTENCE_END.search(line)
    )


def _fill(current: dict[str, str | None], person: dict[str, str | None]) -> None:
    """Complete `current` from a continuation line: a number carries its own extension, never another's."""
    for key in ("name", "email", "organization", "role"):
        if person.get(key) and not current.get(key):
            current[key] = person[key]
    if person.get("phone"):
        if not current.get("phone"):
            current["phone"], current["extension"] = person["phone"], person.get("extension")
        elif person["phone"] != current["phone"]:
            add_phones(current, [(person["phone"], person.get("extension"), None, (0, 0))])
    if person.get("note") and person["note"] not in (current.get("note") or ""):
        current["note"] = "; ".join(filter(None, [current.get("note"), person["note"]]))  # "(cell)" numbers, asides


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


def completed(contacts: Sequence[Contact], others: Iterable[Contact]) -> list[Contact]:
    """Press contacts with the details the release gives the same person elsewhere (an event's contact line).

    A bilingual flyer's "Para más información: llame a Ana Soto al 408-…" is the press contact, and its English
    "Questions? Contact Ana Soto at 408-… or ana@…" is the event's: one person, whose card should carry the address
    too. The same name and a shared number or address say it is the same person; nobody is added.
    """
    others = [o for o in others if o.name]
    if not contacts or not others:
        return list(contacts)
    out = []
    for contact in contacts:
        for other in others:
            if _same_person(contact, other):
                fill = {f: getattr(other, f) for f in ("email", "organization") if not getattr(contact, f)}
                if not contact.phone:
                    fill.update(phone=other.phone, extension=other.extension)  # a number keeps its own extension
                contact = replace(contact, **fill)
        out.append(contact)
    return out


def _same_person(a: Contact, b: Contact) -> bool:
    """The same name, and a number or an address in common."""
    if not (a.name and b.name and a.name.casefold() == b.name.casefold()):
        return False
    return bool((a.phone and a.phone == b.phone) or (a.email and a.email == b.email))


def _same(a: Contact, b: Contact) -> bool:
    if a.name and b.name:
        return a.name.lower() == b.name.lower()
    if a.email and b.email:
        return a.email == b.email
    return bool(a.phone and a.phone == b.phone and a.extension == b.extension)
