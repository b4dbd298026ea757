"""A fetched web page, decoded and parsed once with lxml; every later stage reads this tree."""

from __future__ import annotations

import codecs
import html
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from pressroom.urls import absolute_url

log = logging.getLogger(__name__)

# lxml refuses str input that still carries an XML encoding declaration.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters XML 1.0 forbids; old pages carry them and they must never reach a parser or a feed.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# How much of a page is read: no release is anywhere near this long, and everything after the cut would only cost
# time (every later stage walks the tree more than once). The rest of a bigger page is dropped, and logged.
MAX_TEXT_CHARS = 500_000
MAX_ELEMENTS = 100_000
# Nesting kept when a page is deeper than libxml2 accepts (256): below that limit, with room for what is counted
# loosely (implicitly closed <p>/<li>/<td> are not counted at all).
FLATTEN_DEPTHS = (200, 50)

# Single-byte Western encodings that old servers and templates declare by default, whatever the bytes really are.
_WESTERN = frozenset({"iso88591", "latin1", "l1", "cp1252", "windows1252", "ascii", "usascii", "cp819"})
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# UTF-8 text that was read as Windows-1252 once and then saved ("Ã©" for "é", "â€™" for "’"): a lead byte shown
# as a Latin-1 letter, then its continuation bytes shown as cp1252 characters.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"  # noqa: E501
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"
)
# An entity escaped twice by a CMS ("&amp;#8220;", "&amp;amp;"): after parsing, the text still reads "&#8220;".
_ESCAPED_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SKIP_TEXT = frozenset(("script", "style"))
# Upper bounds on what _prune counts, computed in C for the usual page that is far below both limits: every node it
# steps over is among the nodes of the tree, and every text or tail it counts is a text node of the tree (its string
# value) or a comment's or processing instruction's text.
_SIZE = etree.XPath("count(descendant-or-self::node())")
_TEXT_LENGTH = etree.XPath("string-length()")
_COMMENTS = etree.XPath("descendant::comment() | descendant::processing-instruction()")
_AMPERSANDS = etree.XPath("//text()[contains(., '&')] | //@*[contains(., '&')]")

# A start or end tag, or a comment, for the flattening pre-pass; raw-text elements are skipped whole.
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>", re.S)
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp"))
# Elements that never add nesting: void ones, and those libxml2 closes by itself when the next one opens.
_FLAT_TAGS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "basefont", "frame", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head", "body",
))  # fmt: skip


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: read bytes that are not UTF-8 as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("pressroom-cp1252", _cp1252_bytes)


def _detect_encoding(body: bytes) -> str | None:
    """Guess the encoding of a page that declares none (old hand-made pages rarely do)."""
    # Imported here: bs4 (with soupsieve) takes a tenth of a second to import, and most pages declare their encoding.
    from bs4 import UnicodeDammit

    return UnicodeDammit(body, ["utf-8", "windows-1252"], is_html=True).original_encoding


def _mostly_utf8(body: bytes) -> bool:
    """The non-ASCII bytes are mostly well-formed UTF-8 sequences (a page saved as UTF-8, whatever it declares)."""
    sequences = _UTF8_SEQUENCE.findall(body)
    if not sequences:
        return False
    # Genuine cp1252 text almost never forms a valid multi-byte sequence; UTF-8 with a few pasted cp1252 bytes does.
    return sum(map(len, sequences)) * 2 >= len(_HIGH_BYTE.findall(body))


def _unmojibake_one(match: re.Match[str]) -> str:
    text = match.group(0)
    try:
        raw = bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in text)
        fixed = raw.decode("utf-8")
    except (UnicodeError, ValueError):
        return text
    return text if XML_ILLEGAL.search(fixed) else fixed  # "ï¿¾" would become U+FFFE, which no feed may carry


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was once read as Windows-1252 ("CafÃ©" -> "Café", "â€œ" -> "“")."""
    return _MOJIBAKE.sub(_unmojibake_one, text) if ("Ã" in text or "Â" in text or "â" in text) else text


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode page bytes: HTTP charset, then BOM, then <meta charset>, then detection."""
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect_encoding)
    name = re.sub(r"[^a-z0-9]", "", encoding.lower())
    if (name == "utf8" and "\ufffd" in text and b"\xef\xbf\xbd" not in body) or (
        name in _WESTERN and _mostly_utf8(body)
    ):
        # Hand-edited pages paste Windows-1252 text (curly quotes, accents) into UTF-8 pages, old servers label UTF-8
        # pages ISO-8859-1, and pages that declare nothing are read as UTF-8: reading the bytes as UTF-8 with the
        # stray ones as cp1252 avoids mojibake either way.
        text = body.decode("utf-8", errors="pressroom-cp1252")
    return text.removeprefix("\ufeff")


def web_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None: crawl data never becomes a javascript: or data: link."""
    text = XML_ILLEGAL.sub("", url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() for c in text):
        return text
    return None


def flatten(text: str, limit: int) -> str:
    """The markup with start/end tags beyond nesting `limit` removed (a space kept), so libxml2 reads the whole page."""
    out: list[str] = []
    dropped: Counter[str] = Counter()
    depth = pos = 0
    while match := _TAG.search(text, pos):
        closing, name = match.group(1), (match.group(2) or "").lower()
        keep = True
        if name and name not in _FLAT_TAGS and not match.group(0).endswith("/>"):
            if closing:
                if dropped[name]:
                    dropped[name] -= 1
                    keep = False
                else:
                    depth = max(0, depth - 1)
            elif depth >= limit:
                dropped[name] += 1
                keep = False
            else:
                depth += 1
        out.append(text[pos : match.start()])
        out.append(match.group(0) if keep else " ")
        pos = match.end()
        if name in _RAW_TEXT and not closing:
            # "<div>" inside a script or a title is text, not markup.
            end = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
            stop = end.start() if end else len(text)
            out.append(text[pos:stop])
            pos = stop
    out.append(text[pos:])
    return "".join(out)


def _resource_limited(parser: etree.HTMLParser) -> bool:
    """libxml2 stopped reading (too deep, a text node too big): everything after that point was lost."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _html_parser(**options: bool) -> etree.HTMLParser:
    """An HTML parser whose elements are lxml.html's, looked up in C."""
    parser = etree.HTMLParser(**options)
    # lxml.html's own parser picks each element's class in a Python callback (form controls get their own classes,
    # which pressroom never uses): about a tenth of extraction's time went there.
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction
        )
    )
    return parser


def _parse_tree(text: str) -> tuple[lxml.html.HtmlElement, list[str]]:
    """The document tree, and notes on what had to be given up to get it; never raises."""
    notes: list[str] = []
    parser = _html_parser()
    try:
        tree = lxml.html.document_fromstring(text or "<html></html>", parser=parser)
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html></html>"), notes
    if not _resource_limited(parser):
        return tree, notes
    # Nested 20,000 deep, or a 13 MB text node: read again flattened, with libxml2's size limits lifted (the
    # flattening keeps depth low and _prune bounds the size); each try's tree is kept if the next fails.
    for limit in FLATTEN_DEPTHS:
        parser = _html_parser(huge_tree=True)
        try:
            tree = lxml.html.document_fromstring(flatten(text, limit), parser=parser)
        except (etree.ParserError, ValueError):
            continue
        notes.append(f"past libxml2's limits (nesting over 256, a node over 10 MB): read again flattened to {limit}")
        if not _resource_limited(parser):
            return tree, notes
    notes.append("the page is too deeply nested to read in full; the rest was dropped")
    return tree, notes


def _prune(tree: lxml.html.HtmlElement) -> str | None:
    """Cut the document after MAX_TEXT_CHARS of text or MAX_ELEMENTS elements; a note when it was cut."""
    most = _TEXT_LENGTH(tree) + sum(len(node.text or "") for node in _COMMENTS(tree))
    if most <= MAX_TEXT_CHARS and _SIZE(tree) <= MAX_ELEMENTS:
        return None  # counted in C: the step below would find nothing to cut
    chars = 0
    for count, el in enumerate(tree.iter()):
        if count >= MAX_ELEMENTS:
            _cut_from(el)
            return f"only the first {MAX_ELEMENTS} elements were read"
        if el.text and el.tag not in _SKIP_TEXT:
            chars += len(el.text)
            if chars > MAX_TEXT_CHARS:
                el.text = el.text[: len(el.text) - (chars - MAX_TEXT_CHARS)]
                for child in list(el):
                    el.remove(child)
                _cut_after(el)
                return f"only the first {MAX_TEXT_CHARS} characters of text were read"
        if el.tail and el.getparent() is not None:
            chars += len(el.tail)
            if chars > MAX_TEXT_CHARS:
                el.tail = el.tail[: len(el.tail) - (chars - MAX_TEXT_CHARS)]
                _cut_after(el)
                return f"only the first {MAX_TEXT_CHARS} characters of text were read"
    return None


def _cut_after(el: lxml.html.HtmlElement) -> None:
    """Remove everything that follows `el` in document order (its own content stays)."""
    node = el
    while (parent := node.getparent()) is not None:
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent


def _cut_from(el: lxml.html.HtmlElement) -> None:
    """Remove `el` and everything after it in document order."""
    parent = el.getparent()
    _cut_after(el)
    if parent is not None:
        parent.remove(el)


def unescape_entities(text: str) -> str:
    """Text with entities left over from double escaping ("&#8220;", "&amp;") shown as their character."""
    return XML_ILLEGAL.sub("", _ESCAPED_ENTITY.sub(lambda m: html.unescape(m.group(0)), text))


def _unescape_twice_escaped(tree: lxml.html.HtmlElement) -> None:
    """Show entities a CMS escaped twice ("&amp;#8220;") as their character, in text and attribute values."""
    # XPath finds the few strings holding "&" without a Python step per element.
    for found in _AMPERSANDS(tree):
        el = found.getparent()
        if el is None or not isinstance(el.tag, str):
            continue  # what follows a comment or processing instruction is left as it is
        if found.is_attribute:
            el.set(found.attrname, unescape_entities(found))
        elif found.is_tail:
            el.tail = unescape_entities(found)
        elif el.tag not in _SKIP_TEXT:
            el.text = unescape_entities(found)


@dataclass
class Page:
    url: str
    tree: lxml.html.HtmlElement
    notes: list[str] = field(default_factory=list)  # what could not be read, e.g. the end of a 13 MB page

    @classmethod
    def parse(cls, body: bytes | str, url: str, content_type: str | None = None) -> Page:
        """Parse HTML bytes or text fetched from `url`; never raises on malformed, huge or deeply nested markup."""
        text = decode_html(body, content_type) if isinstance(body, bytes) else body
        text = fix_mojibake(XML_ILLEGAL.sub("", XML_DECLARATION.sub("", text, count=1)))
        tree, notes = _parse_tree(text)
        if note := _prune(tree):
            notes.append(note)
        _unescape_twice_escaped(tree)
        page = cls(url=url, tree=tree, notes=notes)
        if notes:
            log.warning("%s: %s", url, "; ".join(notes))
        base = tree.find(".//base[@href]")
        if base is not None:
            # Only a web base: a javascript: or data: base would turn every link on the page into one.
            page.url = web_url(absolute_url(base.get("href", ""), url)) or url
        return page

    def absolute(self, href: str) -> str:
        """Resolve a link found on this page."""
        return absolute_url(href, self.url)

    def meta(self, *names: str) -> str | None:
        """First non-empty <meta name|property=...> content among `names`."""
        for name in names:
            for el in self.tree.iterfind(f".//meta[@property='{name}']"):
                if el.get("content", "").strip():
                    return el.get("content").strip()
            for el in self.tree.iterfind(f".//meta[@name='{name}']"):
                if el.get("content", "").strip():
                    return el.get("content").strip()
        return None

    @property
    def lang(self) -> str | None:
        """The page's declared language, e.g. 'en' from <html lang="en-US">."""
        value = self.tree.get("lang") or self.meta("og:locale", "language") or ""
        value = value.replace("_", "-").split("-")[0].lower()
        return value or None
