"""Press contacts: labelled lines, many people on one line, phones in E.164, Cloudflare-protected emails."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from urllib.parse import unquote

import phonenumbers
from lxml import etree

from pressroom.models import Contact
from pressroom.normalise.text import xml_safe

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# North American shapes: 703.555.0100, (202) 555-0100, +1-303-555-0100, 720.555.0100 x135, plus international "+44 …".
PHONE = re.compile(
    r"(?<![\w.])(?P<num>(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]?\d{4}|\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4})(?![\d])"
    r"(?:\s*,?\s*(?:x|ext\.?|extension|ext)\s*(?P<ext>\d{1,6}))?"
    # "(cell)", "(office)", "(fax)" after a number say what kind of line it is.
    r"(?:\s*\(?(?P<kind>cell(?:\s+phone)?|mobile|m[oó]vil|celular|office|oficina|work|home|casa|fax|c)\)?(?![\w]))?",
    re.IGNORECASE,
)
_CONTACT_LABEL = (
    r"(?:for\s+)?(?:press|media|news|reporters?)\s+(?:contacts?|inquiries|enquiries|queries|requests|relations)|"
    r"contacts?|for\s+more\s+information|contactos?(?:\s+de\s+prensa|\s+para\s+medios)?"
)
# Bare "Press:" / "Media:" / "Interviews in Spanish:" name a contact only when they open the line with a colon;
# mid-sentence ("social media: …") they are prose.
# A press-contact label narrowed by a short phrase before its colon names the release's contact just the same:
# "Media contact for the week:", "Press contacts in Sacramento:", "Contacto de prensa para el evento:".
_QUALIFIED_LABEL = (
    r"(?:(?:press|media|news)\s+contacts?|contactos?\s+(?:de\s+prensa|para\s+(?:los\s+)?medios))\s+"
    r"(?:for|in|during|at|on|para|en|durante)\s+[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){0,3}"
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
_EMAIL_LABEL = r"e-?mail|correo(?:\s+electr[oó]nico)?"
_PHONE_LABEL = r"phone|telephone|tel|cell(?:\s+phone)?|mobile|m[oó]vil|celular|tel[eé]fono|office|ph|fax"
# A bilingual post names its label twice: "Medios / Media:", "Media Contact / Contacto de prensa:".
_BILINGUAL_LABEL = rf"(?:{_OPENING_LABEL}|{_CONTACT_LABEL})\s*/\s*(?:{_OPENING_LABEL}|{_CONTACT_LABEL})"
LABELS = re.compile(
    rf"^\s*(?P<opening>{_BILINGUAL_LABEL}|{_OPENING_LABEL})\s*:|"
    rf"(?:^|(?<=[\s|•·,;(]))(?P<label>{_CONTACT_LABEL}|{_EMAIL_LABEL}|{_PHONE_LABEL})"
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
# The kind of line a phone label or tag names; the first number stays the phone, others go to the note.
_KINDS = {
    "cell": "Cell",
    "cell phone": "Cell",
    "mobile": "Cell",
    "móvil": "Cell",
    "movil": "Cell",
    "celular": "Cell",
    "c": "Cell",
    "office": "Office",
    "oficina": "Office",
    "work": "Office",
    "home": "Home",
    "casa": "Home",
    "fax": "Fax",
}
EMAIL_LABEL = re.compile(rf"^(?:{_EMAIL_LABEL})$", re.IGNORECASE)
# "For more information, contact Rita Fox at 484-555-0100", "llame a Rita Fox al 484-555-0100".
_NAME = r"(?P<name>[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’.-]*){1,3})"
INVITATION = re.compile(
    rf"\b(?i:please\s+contact|contact|call|email|e-mail|reach\s+out\s+to|llame\s+a|llamar\s+a|comun[ií]quese\s+con|"
    rf"contacte\s+a|escriba\s+a)\s+{_NAME}",
)
# "Questions? Email info@… or call …", "escriba a prensa@…": an invitation to write to an address, no name.
_MAIL_TO = re.compile(r"\b(?i:e-?mail|write\s+to|escriba\s+a|escr[ií]banos\s+a)\s+(?P<email>" + EMAIL.pattern + ")")
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


# Link text that stands for the address itself: "email Walt", "E-mail", "Send an email", "escríbale".
_MAIL_PROMPT = re.compile(
    r"^(?:send\s+(?:an?\s+)?|write\s+|click\s+(?:here\s+)?to\s+)?(?:e-?mail|write|contact|message|correo|escr[ií]b\w*)\b",
    re.IGNORECASE,
)


def hidden_mailto(root: etree._Element) -> list[etree._Element]:
    """The mailto: links in `root` whose visible text is not the address ("Gideon Hale", "email Walt")."""
    return [
        link
        for link in root.xpath(".//a[starts-with(normalize-space(@href), 'mailto:')]")
        if "@" not in "".join(link.itertext()) and "".join(link.itertext()).strip()
    ]


def reveal_mailto(root: etree._Element) -> None:
    """Write each hidden mailto: address into the text of `root` (a private copy) where the link stands.

    Press contacts often link a name or "email Walt" to the address instead of printing it: a name keeps its
    text with the address after it; a prompt to write is replaced by the address.
    """
    for link in hidden_mailto(root):
        address = unquote(link.get("href", "").strip()[7:].split("?", 1)[0]).strip()
        if not EMAIL.fullmatch(address):
            continue
        text = " ".join("".join(link.itertext()).split())
        for child in list(link):
            link.remove(child)  # lxml's remove() drops the child's tail with it; the text is rewritten whole
        link.text = address if _MAIL_PROMPT.match(text) else f"{text} {address}"


def normalise_phone(text: str, region: str = "US") -> str | None:
    """E.164 for a written number; kept when merely possible (555 numbers), None when it cannot be a number."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = tuple[str, str | None, str | None, tuple[int, int]]


# Country-code domains that sites use for their letters, not their country ("example.co", "example.io").
_GENERIC_TLDS = frozenset(("co", "io", "me", "tv", "ai", "fm", "ly", "am", "cc", "ws", "to", "gg", "sh", "ac", "la"))
_NANP = frozenset(phonenumbers.region_codes_for_country_code(1))


def region_of(host: str, default: str = "US") -> str:
    """The phone region a site's country-code domain names ("….example.mx" → "MX"), else `default`."""
    tld = host.rstrip(".").rpartition(".")[2].lower()
    region = tld.upper()
    if len(tld) != 2 or tld in _GENERIC_TLDS or region not in phonenumbers.SUPPORTED_REGIONS:
        return default
    return region


def phones_in(text: str, region: str = "US") -> list[Phone]:
    """(E.164, extension, kind such as "Cell" or "Fax", span) for every phone number written in `text`."""
    found = []
    for match in PHONE.finditer(text):
        e164 = normalise_phone(match["num"], region)
        if e164:
            kind = _KINDS.get(" ".join(match["kind"].lower().split())) if match["kind"] else None
            found.append((e164, match["ext"], kind, match.span()))
    if region not in _NANP and any(ch.isdigit() for ch in text):
        # Outside North America national numbers are grouped their country's way ("33 3615 0172" in Mexico).
        known = {phone[0]: phone for phone in found}  # a number both read keeps its "(cell)" tag
        found = [known.get(phone[0], phone) for phone in _national_phones(text, region)] or found
    return found


def _national_phones(text: str, region: str) -> list[Phone]:
    """Phones written in `region`'s own national groupings, as its numbering plan reads them."""
    found: list[Phone] = []
    for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.POSSIBLE):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        ext = match.number.extension or None
        found.append((e164, ext, None, (match.start, match.end)))
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
_NEXT_PERSON = re.compile(r"\s*(?:(?:in|en)\s+[A-Z][\w .]*:\s*)?[A-ZÁÉÍÓÚÑ][\w'’.-]+\s+[A-ZÁÉÍÓÚÑ]")
_PLACE_PREFIX = re.compile(r"^\s*(?:[Ii]n|[Ee]n)\s+[A-Z][\w .]*:\s*")
_PARTICLES = frozenset(
    ["de", "del", "la", "las", "los", "van", "von", "der", "da", "di", "do", "dos", "le", "du", "bin", "al", "y"]
)
_NOT_NAMES = frozenset(["us", "our", "the", "your", "me", "my", "this", "that", "we", "a", "an", "any", "all"])
_INLINE_LABEL = re.compile(rf"(?<![\w.])(?:{_EMAIL_LABEL}|{_PHONE_LABEL})(?:\s*:|\.(?=\s))", re.IGNORECASE)
# Prose numbers that are not somebody to talk to: "dial-in", "hotline", "toll-free", "passcode".
_NOT_A_CONTACT = re.compile(r"\b(?:dial[- ]?in|call[- ]?in|hotline|toll[- ]free|passcode|access\s+code)\b", re.I)


def looks_like_person(text: str) -> bool:
    """'Ana M. Soto', 'Jean-Baptiste Pierre', 'Ana de la Cruz': two to five words, capitalised but for particles."""
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in _NOT_NAMES or any(ch.isdigit() for ch in text):
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
        notes = [n.strip() for n in _NOTE.findall(rest) if n.strip()]
        rest = _NOTE.sub(" ", rest)
        rest = _PLACE_PREFIX.sub("", rest)  # "In Denver:" says where, not who
        rest = _INLINE_LABEL.sub(" ", rest)  # "Tel:" inside a line labels the number, it is no field
        parts = [p.strip() for p in re.split(r"[,;|/]", rest) if p.strip(" .")]
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
        _assign(parts, contact)
        _add_phones(contact, phones)
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


def _add_phones(contact: dict[str, str | None], phones: list[Phone]) -> None:
    for e164, ext, kind, _ in phones:
        if not contact.get("phone") and kind != "Fax":  # a fax is no way to reach a person
            contact["phone"], contact["extension"] = e164, ext
        elif e164 != contact.get("phone"):
            text = f"{kind or 'Also'}: {e164}" + (f" x{ext}" if ext else "")
            if text not in (contact.get("note") or ""):
                contact["note"] = "; ".join(filter(None, [contact.get("note"), text]))


def _mid_line_detail(line: str, first: re.Match[str]) -> bool:
    """True when the line's first label is a phone or email label with other text before it."""
    label = first["label"]
    return bool(label and line[: first.start()].strip() and not CONTACT_LABEL.match(" ".join(label.lower().split())))


def _label_kind(label: str) -> str | None:
    return _KINDS.get(" ".join(label.split()))


def contacts_from_lines(lines: Iterable[str], region: str = "US") -> list[Contact]:
    """Contacts from text lines: a contact label opens a person, following Email:/Phone: lines fill them in."""
    people: list[dict[str, str | None]] = []
    tentative: list[dict[str, str | None]] = []  # invited by name only; kept if a number or address follows
    current: dict[str, str | None] | None = None
    idle = 0
    for line in map(xml_safe, lines):  # blocks() lines are clean already; direct callers' may not be
        if current is None and not _MAYBE_CONTACT.search(line) and not _invites(line):
            continue  # cheap gate: with no open contact, a line without label, digit, @ or invitation adds nothing
        labels = list(LABELS.finditer(line))
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
                _add_phones(current, phones)
                email = EMAIL.search(value)
                if email and not current.get("email"):
                    current["email"] = email[0].lower()  # "… / cell 907-…, ana@…": the row runs on past the number
        if labels:
            idle = 0
        elif current is not None:
            idle += 1
            if idle > 3:  # a contact block is a few lines; later numbers belong to something else
                current = None
            elif not current.get("name") and 2 <= len(line) <= 60 and not PHONE.search(line) and "@" not in line:
                # "Press Contact:" alone, the name on the next line.
                _assign([line], current)
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
        for match in INVITATION.finditer(line):
            name = match["name"].strip()
            tail = line[match.end() : match.end() + 160]
            if name.split()[0].lower() in _NOT_NAMES or _NOT_A_CONTACT.search(name + tail[:40]):
                continue  # "Contact Us Today", "Call Our Hotline at 1-800-…" invite no person
            person: dict[str, str | None] = {"name": name}
            _add_phones(person, phones_in(tail, region))
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
        and looks_like_person(_NOTE.sub("", parts[0]).strip())
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
            _add_phones(current, [(person["phone"], person.get("extension"), None, (0, 0))])
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
