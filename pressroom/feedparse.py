"""Feed bytes to feedparser, with nothing a hostile feed declares ever expanded and only web links kept."""

from __future__ import annotations

import re
from typing import Any

import feedparser

from pressroom.page import XML_ILLEGAL, fix_mojibake, unescape_entities, web_url
from pressroom.urls import absolute_url

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+%?\s*([A-Za-z_:][\w.:-]*)[^>]*>", re.I)
# C0 controls XML 1.0 forbids: one makes the strict parser give up on the whole feed. In UTF-8 and every
# single-byte encoding these bytes are never part of another character, so removing them is safe.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A character reference to a character XML forbids (a control, a surrogate, beyond Unicode): feedparser would keep it,
# or fail on it, and no feed may carry it.
_BAD_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_XML_DECLARATION_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def _declaration_end(body: bytes, start: int) -> int:
    """The index just past the `>` that closes the declaration starting at `start` (quotes and [...] skipped)."""
    depth, quote, i = 0, 0, start + 2
    while i < len(body):
        c = body[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in b"\"'":
            quote = c
        elif c == ord("["):
            depth += 1
        elif c == ord("]"):
            depth = max(0, depth - 1)
        elif c == ord(">") and depth == 0:
            return i + 1
        i += 1
    return len(body)


def strip_declarations(body: bytes) -> bytes:
    """The feed without its DOCTYPE (and internal subset) or any ENTITY declaration, and without their references."""
    names: set[bytes] = set()
    while match := _DOCTYPE.search(body):
        end = _declaration_end(body, match.start())
        names.update(_ENTITY_DECL.findall(body[match.start() : end]))
        body = body[: match.start()] + body[end:]
    for name in _ENTITY_DECL.findall(body):
        names.add(name)
    body = _ENTITY_DECL.sub(b"", body)
    if names:
        # A reference to an entity that is no longer declared would stop the strict parser; it means nothing now.
        body = re.sub(rb"&%?(?:" + b"|".join(re.escape(n) for n in names) + rb");", b"", body)
    return body


def _drop_bad_char_ref(match: re.Match[bytes]) -> bytes:
    """The reference itself when it names a character XML allows, else nothing."""
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    allowed = (
        code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    )
    return match.group(0) if allowed else b""


def _to_utf8(body: bytes) -> bytes:
    """UTF-16/32 feeds (by their BOM) re-encoded as UTF-8, so byte-level clean-up cannot split a character."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if body.startswith(bom):
            text = body[len(bom) :].decode(codec, errors="replace")
            return _XML_DECLARATION_ENCODING.sub(r"\1", text, count=1).encode("utf-8", errors="replace")
    return body


def _clean_text(value: Any) -> Any:
    """Feed text shown once: XML-forbidden characters out, twice-escaped entities and mojibake repaired."""
    if not isinstance(value, str):
        return value
    return fix_mojibake(unescape_entities(XML_ILLEGAL.sub("", value)))


def parse_feed(body: bytes, url: str) -> feedparser.FeedParserDict:
    """Parse an RSS/Atom document fetched from `url`: no DTD or entity reaches feedparser, entry links are http(s)."""
    body = _BAD_CHAR_REF.sub(_drop_bad_char_ref, _CONTROL_BYTES.sub(b"", strip_declarations(_to_utf8(body))))
    try:
        parsed = feedparser.parse(body, response_headers={"content-location": url})
    except (
        Exception
    ) as exc:  # feedparser's loose parser has its own failures on garbage; an unreadable feed is not fatal
        return feedparser.FeedParserDict(bozo=True, bozo_exception=exc, entries=[], feed=feedparser.FeedParserDict())
    for entry in parsed.get("entries") or []:
        for key in ("title", "summary"):
            if key in entry:
                entry[key] = _clean_text(entry[key])
        for content in entry.get("content") or []:
            if isinstance(content, dict) and "value" in content:
                content["value"] = XML_ILLEGAL.sub("", content["value"] or "")
        link = _web_link(entry, url)
        if link:
            entry["link"] = link
        else:
            # A javascript: or data: link must never become a release URL; the item cannot be linked, so it goes.
            entry.pop("link", None)
    return parsed


def _web_link(entry: Any, base: str) -> str | None:
    """The entry's own link, else its first alternate link, as an absolute http(s) URL."""
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links") or [] if link.get("rel", "alternate") == "alternate"]
    for href in candidates:
        if isinstance(href, str) and href.strip():
            url = web_url(absolute_url(XML_ILLEGAL.sub("", href), base))
            if url:
                return url
    return None
