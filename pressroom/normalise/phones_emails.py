"""Phone numbers and email addresses as values: E.164 phones, Cloudflare-protected and hidden mailto: addresses."""

from __future__ import annotations

import re
from urllib.parse import unquote

import phonenumbers
from lxml import etree

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# North American shapes: 703.555.0100, (202) 555-0100, +1-303-555-0100, 720.555.0100 x135, plus international "+44 …".
PHONE = re.compile(
    r"(?<![\w.])(?P<num>(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]?\d{4}|\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4})(?![\d])"
    r"(?:\s*,?\s*(?:x|ext\.?|extension|ext)\s*(?P<ext>\d{1,6}))?"
    # "(cell)", "(office)", "(fax)" after a number say what kind of line it is.
    r"(?:\s*\(?(?P<kind>cell(?:\s+phone)?|mobile|m[oó]vil|celular|office|oficina|work|home|casa|fax|c)\)?(?![\w]))?",
    re.IGNORECASE,
)
# The words that label an address or a number ("E-mail:", "Tel.", "Cell:"), in contact lines' labels.
EMAIL_WORDS = r"e-?mail|correo(?:\s+electr[oó]nico)?"
PHONE_WORDS = r"phone|telephone|tel|cell(?:\s+phone)?|mobile|m[oó]vil|celular|tel[eé]fono|office|ph|fax"
# The kind of line a phone label or tag names; the first number stays the phone, others go to the note.
PHONE_KINDS = {
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
            kind = PHONE_KINDS.get(" ".join(match["kind"].lower().split())) if match["kind"] else None
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
