"""Plain text from lxml trees: whitespace clean-up, paragraph blocks, summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

# Every Unicode space (NBSP, thin, ideographic…) and zero-width joiners partners paste from word processors.
_SPACES = re.compile(r"[^\S\n]+")
# Characters XML 1.0 forbids go the same way: cleaned text is what every feed carries. Each set twice: str.translate
# is quicker on ASCII text, a regex many times quicker on the rest (translate looks every character up in the table).
_NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)])
_NOT_XML_RE = re.compile(f"[{_NOT_XML_CHARS}]")
_ZERO_WIDTH = {**dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad")), **_NOT_XML}
_ZERO_WIDTH_RE = re.compile(f"[\u200b\u200c\u200d\u2060\ufeff\u00ad{_NOT_XML_CHARS}]")

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "button", "select", "textarea"]
)
BOLD_TAGS = frozenset(("strong", "b"))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 forbids (and otherwise unchanged)."""
    if text.isascii():
        return text.translate(_NOT_XML) if _NOT_XML_RE.search(text) else text  # a scan is quicker than a translate
    return _NOT_XML_RE.sub("", text)


# Any decimal digit, as \d matches it: most paragraphs hold none, and a pattern that needs one is skipped there.
DIGIT = re.compile(r"\d")


def folded(text: str) -> str:
    """`text` lowered so that it holds a lower-case ASCII word wherever an IGNORECASE regex would match that word.

    A cheap test before a costly regex: str.lower() alone misses the three letters the regex engine also takes for
    ASCII ones, "İ" (lowered to "i" and a combining dot), dotless "ı" and long "ſ"; every other letter it matches to
    an ASCII letter lowers to that letter.
    """
    low = text.lower()
    return low if text.isascii() else low.replace("\u0307", "").replace("\u0131", "i").replace("\u017f", "s")


def _visible(text: str) -> str:
    """The text without zero-width characters and those XML forbids."""
    if text.isascii():
        # The zero-width characters are not ASCII: a regex scan for the forbidden ones is quicker than translating
        # every character, and ASCII text almost never holds one.
        return text.translate(_ZERO_WIDTH) if _NOT_XML_RE.search(text) else text
    return _ZERO_WIDTH_RE.sub("", text)


def clean(text: str | None) -> str:
    """Collapse every kind of space into one ASCII space and strip; newlines become spaces too."""
    if not text:
        return ""
    # str.split() splits on exactly the characters \s matches (both ask Py_UNICODE_ISSPACE), quicker than a regex.
    return " ".join(_visible(text).split())


def clean_lines(text: str | None) -> str:
    """Like `clean`, but keeps line breaks (one per line, no blank lines)."""
    if not text:
        return ""
    # Each line cleaned as `clean` does, blank ones dropped: what collapsing the spaces and then every run of
    # whitespace around a newline gives, without two regex passes.
    return "\n".join(filter(None, (" ".join(line.split()) for line in _visible(text).split("\n"))))


@dataclass
class Block:
    """One paragraph-like block of visible text; `text` keeps <br> breaks as newlines."""

    text: str
    tag: str
    bold: bool = False
    link_chars: int = field(default=0, compare=False)  # visible characters inside <a>: menus are nearly all links
    row: int = field(default=0, compare=False)  # which table row (<tr>) the block sits in, counted from 1; 0 outside

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def heading(self) -> bool:
        return self.tag in HEADING_TAGS

    @property
    def navigation(self) -> bool:
        """Mostly link text: a menu row or a list of other posts, never the release's prose."""
        return self.link_chars * 2 > len(self.text.replace(" ", "").replace("\n", ""))


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.bold_chars = 0
        self.link_chars = 0
        self.tag = "p"
        self.after_br = False  # the last thing seen was a <br>, with only whitespace since
        self.row = 0  # the table row being read (0 outside a table): the cells of one event row belong together
        self.rows = 0

    def flush(self) -> None:
        text = clean_lines("".join(self.buf))
        if text:
            visible = len(text.replace(" ", "").replace("\n", ""))
            # A block is "bold" when nearly all of it sits in <strong>/<b>: a statement's speaker line.
            self.blocks.append(Block(text, self.tag, self.bold_chars >= 0.9 * visible, self.link_chars, self.row))
        self.buf.clear()
        self.after_br = False
        self.bold_chars = 0
        self.link_chars = 0

    def add(self, text: str | None, bold: bool, link: bool = False) -> None:
        if text:
            self.buf.append(text)
            self.after_br = self.after_br and not text.strip()
            if bold or link:
                visible = len(_SPACES.sub("", text).replace("\n", ""))
                self.bold_chars += visible if bold else 0
                self.link_chars += visible if link else 0

    def walk(self, el: etree._Element, bold: bool, depth: int = 0, link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            self.tag = tag
        outer_row = self.row
        if tag == "tr":
            self.rows += 1
            self.row = self.rows
        if tag == "br":
            if self.after_br:
                # "<br /><br />" is how Blogger and hand-edited posts (and WordPress before wpautop) separate
                # paragraphs inside one element: a blank line ends a paragraph, a single <br> only a line.
                self.flush()
            else:
                self.buf.append("\n")
            self.after_br = True
        bold = bold or tag in BOLD_TAGS or tag in HEADING_TAGS
        inner = link or tag == "a"
        self.add(el.text, bold, inner)
        for child in el:
            if depth < 400:  # pathological nesting: stop descending rather than hit the recursion limit
                self.walk(child, bold, depth + 1, inner)
            self.add(child.tail, bold, link)
        if block:
            self.flush()
            self.tag = "p"
        self.row = outer_row


def blocks(root: etree._Element) -> list[Block]:
    """The visible text of `root` as paragraph blocks, in document order."""
    walker = _Walker()
    walker.walk(root, False)
    walker.flush()
    return walker.blocks


def truncate(text: str, limit: int = 300) -> str:
    """Cut `text` to at most `limit` characters on a word boundary, with an ellipsis when cut."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"
