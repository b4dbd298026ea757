"""Decoding and parsing partner pages: encodings that lie, characters XML forbids, <base href>."""

import pytest

from pressroom.page import Page, decode_html

TEXT = "Café “Los Ángeles” – naïve"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (f"<p>{TEXT}</p>".encode(), None),  # UTF-8, nothing declared
        (f"<p>{TEXT}</p>".encode("cp1252"), None),  # Windows-1252, nothing declared
        (f"<p>{TEXT}</p>".encode("cp1252"), "text/html; charset=utf-8"),  # cp1252 bytes labelled UTF-8
        (f"<meta charset='windows-1252'><p>{TEXT}</p>".encode("cp1252"), None),
        (b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode(), None),  # BOM
        ("<p>Café ".encode() + "“Los Ángeles” – naïve</p>".encode("cp1252"), "text/html; charset=UTF-8"),  # mixed
    ],
)
def test_text_survives_every_encoding_shape(body: bytes, content_type: str | None) -> None:
    text = decode_html(body, content_type)
    assert TEXT in text
    assert "Ã" not in text and "â€" not in text and "\ufffd" not in text


def test_parse_drops_forbidden_characters_and_honours_base_href() -> None:
    page = Page.parse(
        b'<?xml version="1.0" encoding="utf-8"?><html lang="es-MX"><head><base href="/news/"></head>'
        b"<body><p>a\x00b\x0bc</p></body></html>",
        "https://partner.example.org/x/y.html",
    )
    assert page.url == "https://partner.example.org/news/"
    assert page.absolute("item.html") == "https://partner.example.org/news/item.html"
    assert page.tree.findtext(".//p") == "abc"
    assert page.lang == "es"


def test_empty_and_garbage_pages_parse_to_an_empty_tree() -> None:
    for body in (b"", b"\x00\x00", b"<<<>>>"):
        assert Page.parse(body, "https://example.org/").tree.tag == "html"


def test_utf8_bytes_labelled_latin1_and_saved_mojibake_are_read_as_written() -> None:
    assert TEXT in decode_html(f"<p>{TEXT}</p>".encode(), "text/html; charset=iso-8859-1")
    page = Page.parse("<p>CafÃ© â€œLos Ãngelesâ€\x9d</p>".replace("Ãn", "Ã\x81n"), "https://example.org/")
    assert page.tree.findtext(".//p") == "Café “Los Ángeles”"


def test_entities_escaped_twice_show_once_and_script_bases_are_ignored() -> None:
    page = Page.parse(
        '<base href="javascript:alert(1)//"><p title="A &amp;amp; B">'
        "&amp;#8220;Hi&amp;#8221; Smith &amp;amp; Jones</p>",
        "https://partner.example.org/news/",
    )
    assert page.url == "https://partner.example.org/news/"
    assert page.tree.findtext(".//p") == "“Hi” Smith & Jones"
    assert page.tree.find(".//p").get("title") == "A & B"


def test_markup_nested_beyond_libxml2_limits_is_read_to_the_end() -> None:
    body = "<html><body><p>Before.</p>" + "<div>" * 20_000 + "<p>Inside.</p>" + "</div>" * 20_000 + "<p>After.</p>"
    page = Page.parse(body.encode(), "https://example.org/")
    text = page.tree.text_content()
    assert "Before." in text and "Inside." in text and "After." in text
    assert page.notes


def test_a_huge_page_is_cut_with_a_note() -> None:
    page = Page.parse(("<p>" + "word " * 3_000_000 + "</p><p>tail</p>").encode(), "https://example.org/")
    assert 0 < len(page.tree.text_content()) <= 500_000 and page.notes
