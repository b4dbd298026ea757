"""Press contacts: labels, many people per line, phones, Cloudflare emails."""

import lxml.html
import pytest

from pressroom.models import Contact
from pressroom.normalise.contacts import (
    contacts_from_lines,
    decode_cfemail,
    merge,
    normalise_phone,
    unprotect_emails,
)


def encode(email: str, key: int) -> str:
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in email)


def test_many_people_on_one_line() -> None:
    line = (
        "Contacts: In Denver: Jo Kim,, 720.555.0100 (only on May 3) – Org A Lee Wu, lee@orga.example, "
        "303.555.0100 – Org B"
    )
    assert contacts_from_lines([line]) == [
        Contact(name="Jo Kim", organization="Org A", phone="+17205550100", note="only on May 3"),
        Contact(name="Lee Wu", organization="Org B", email="lee@orga.example", phone="+13035550100"),
    ]


def test_extension_and_cell() -> None:
    [lena] = contacts_from_lines(["MEDIA ADVISORY Contact: Lena Cho (202) 555-0100 x135; (202) 555-0101 (Cell)"])
    assert (lena.name, lena.phone, lena.extension) == ("Lena Cho", "+12025550100", "135")
    assert lena.note == "Cell: +12025550101"


def test_labelled_lines_fill_one_person() -> None:
    lines = ["Contact: Maria Lopez", "Email:\u00a0\u00a0MLopez@Example.org", "Phone: 408-555-0100 ext. 12"]
    assert contacts_from_lines(lines) == [
        Contact(name="Maria Lopez", email="mlopez@example.org", phone="+14085550100", extension="12")
    ]


def test_name_role_organisation() -> None:
    [c] = contacts_from_lines(
        ["Press Contact: Maria Lopez, Communications Director, Example Immigrant Coalition, (213) 555-0142"]
    )
    assert (c.name, c.role, c.organization, c.phone) == (
        "Maria Lopez",
        "Communications Director",
        "Example Immigrant Coalition",
        "+12135550142",
    )


def test_name_on_the_line_after_the_label() -> None:
    [c] = contacts_from_lines(["Press Contact:", "Sam Reyes", "sam@example.org | 415.864.2210"])
    assert c == Contact(name="Sam Reyes", email="sam@example.org", phone="+14158642210")


@pytest.mark.parametrize(
    ("line", "phone", "email"),
    [
        (
            "For more information, contact Rita Fox at 484-555-0100 or rfox@example.org.",
            "+14845550100",
            "rfox@example.org",
        ),
        ("Para más información: llame a Rita Fox al 484-555-0100", "+14845550100", None),
    ],
)
def test_invitations(line: str, phone: str, email: str | None) -> None:
    assert contacts_from_lines([line]) == [Contact(name="Rita Fox", phone=phone, email=email)]


def test_same_person_twice_is_merged() -> None:
    lines = ["Contact: Dan Cole, dan@example.org", "Press Contact: Dan Cole +1-303-555-0100"]
    assert contacts_from_lines(lines) == [Contact(name="Dan Cole", email="dan@example.org", phone="+13035550100")]
    assert merge([Contact(email="a@x.example"), Contact(name="Al", email="a@x.example")]) == [
        Contact(name="Al", email="a@x.example")
    ]


def test_later_numbers_do_not_join_an_old_contact() -> None:
    lines = ["Contact: Ana Ruiz", "one", "two", "three", "four", "Call 212-555-0100 to RSVP"]
    assert contacts_from_lines(lines) == [Contact(name="Ana Ruiz")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("703.555.0100", "+17035550100"),
        ("(202) 555-0100", "+12025550100"),
        ("+1-303-555-0100", "+13035550100"),
        ("(617) 495-1000", "+16174951000"),  # an ordinary, assigned-looking number
        ("+44 20 7946 0958", "+442079460958"),
        ("12345", None),
    ],
)
def test_phones(text: str, expected: str | None) -> None:
    assert normalise_phone(text) == expected


def test_cloudflare_decoding() -> None:
    assert decode_cfemail(encode("mara.quinn@example.org", 0x5A)) == "mara.quinn@example.org"
    assert decode_cfemail("zz") is None
    assert decode_cfemail("41") is None


def test_unprotect_both_shapes() -> None:
    html = (
        f'<div><p>Mail <a href="/cdn-cgi/l/email-protection" class="__cf_email__" '
        f'data-cfemail="{encode("a.b@example.org", 0x21)}">[email&#160;protected]</a> now.</p>'
        f'<p><a href="/cdn-cgi/l/email-protection#{encode("press@example.net", 0x7F)}">'
        f'<span class="__cf_email__">[email&#160;protected]</span></a></p></div>'
    )
    root = lxml.html.fragment_fromstring(html)
    unprotect_emails(root)
    assert root.text_content() == "Mail a.b@example.org now.press@example.net"
    assert root.xpath("//a/@href")[1] == "mailto:press@example.net"
