"""Press contacts: labels, many people per line, phones, Cloudflare emails."""

import lxml.html
import pytest

from pressroom.models import Contact
from pressroom.normalise.contacts import (
    completed,
    contacts_from_lines,
    decode_cfemail,
    looks_like_person,
    merge,
    normalise_phone,
    region_of,
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


def test_semicolon_starts_another_person_but_not_another_number() -> None:
    line = "Media contacts: Omar Sayed, (312) 781-4420 x31, osayed@example.org; Linh Tran, 773.296.0184, lt@example.net"
    assert contacts_from_lines([line]) == [
        Contact(name="Omar Sayed", email="osayed@example.org", phone="+13127814420", extension="31"),
        Contact(name="Linh Tran", email="lt@example.net", phone="+17732960184"),
    ]
    [one] = contacts_from_lines(["Contact: Omar Sayed (312) 781-4420; (312) 781-4421 (cell)"])
    assert (one.phone, one.note) == ("+13127814420", "Cell: +13127814421")


def test_place_prefix_after_semicolon_is_not_the_name() -> None:
    line = "Contacts: In Reno: Ada Brook, 775.324.1180 – Sierra Tenants Union; In Elko: Rui Sá, rsa@example.org"
    assert [(c.name, c.organization) for c in contacts_from_lines([line])] == [
        ("Ada Brook", "Sierra Tenants Union"),
        ("Rui Sá", None),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Media inquiries: Ines Varga, 503-226-7745, ivarga@example.org",
        "Press inquiries: Ines Varga, 503-226-7745, ivarga@example.org",
        "Press: Ines Varga, 503-226-7745, ivarga@example.org",
        "Interviews in Vietnamese: Ines Varga, 503-226-7745, ivarga@example.org",
        "Press: For interviews, contact Ines Varga, 503-226-7745, ivarga@example.org",
    ],
)
def test_more_contact_labels(line: str) -> None:
    assert contacts_from_lines([line]) == [Contact(name="Ines Varga", email="ivarga@example.org", phone="+15032267745")]


def test_bare_media_mid_sentence_is_no_label() -> None:
    assert contacts_from_lines(["Follow us on social media: Ines Varga posts daily, 2 times"]) == []


def test_invitation_with_details_on_the_lines_below() -> None:
    lines = [
        "For interviews, contact Petra Novak",
        "Phone: 614.228.3370",
        "Cell: 614.591.0047",
        "Email: PNovak@example.org",
    ]
    assert contacts_from_lines(lines) == [
        Contact(name="Petra Novak", email="pnovak@example.org", phone="+16142283370", note="Cell: +16145910047")
    ]
    # Invited by name with nothing to reach them by: no contact.
    assert contacts_from_lines(["Reporters may contact Petra Novak.", "The rally starts at noon."]) == []


def test_capitalised_invitation_without_for_more_information() -> None:
    line = "Questions? Contact Hugo Lindt at 651.292.4038 or hlindt@example.org."
    assert contacts_from_lines([line]) == [Contact(name="Hugo Lindt", email="hlindt@example.org", phone="+16512924038")]
    assert contacts_from_lines(["Contact Us Today at 651.292.4038."]) == []


def test_second_person_on_the_next_line_keeps_their_own_extension() -> None:
    lines = [
        "Contact: Wen Li | wli@example.org | 404.688.2915",
        "Kofi Mensah, Peachtree Legal Aid | (404) 522-7830 ext. 9",
    ]
    assert contacts_from_lines(lines) == [
        Contact(name="Wen Li", email="wli@example.org", phone="+14046882915"),
        Contact(name="Kofi Mensah", organization="Peachtree Legal Aid", phone="+14045227830", extension="9"),
    ]


def test_continuation_line_number_brings_only_its_own_extension() -> None:
    lines = ["Contact: Wen Li, wli@example.org", "(404) 522-7830 ext. 9 | 404.688.2915 (cell)"]
    assert contacts_from_lines(lines) == [
        Contact(name="Wen Li", email="wli@example.org", phone="+14045227830", extension="9", note="Cell: +14046882915")
    ]


@pytest.mark.parametrize(
    ("line", "phone", "note"),
    [
        ("Contact: Jo Park, (801) 364-2271 (office), (801) 718-5530 (cell)", "+18013642271", "Cell: +18017185530"),
        ("Contact: Jo Park, (801) 364-2271 (office), (801) 364-9077 (fax)", "+18013642271", "Fax: +18013649077"),
        ("Contact: Jo Park, (801) 364-9077 (fax), (801) 364-2271", "+18013642271", "Fax: +18013649077"),
    ],
)
def test_phone_kind_tags(line: str, phone: str, note: str) -> None:
    [c] = contacts_from_lines([line])
    assert (c.name, c.phone, c.note) == ("Jo Park", phone, note)


def test_fax_label_is_not_the_phone() -> None:
    [c] = contacts_from_lines(["Contact: Jo Park", "Fax: 801-364-9077", "Tel: 801-364-2271"])
    assert (c.phone, c.note) == ("+18013642271", "Fax: +18013649077")


def test_address_line_with_an_inline_phone_label_joins_no_one() -> None:
    lines = [
        "Contact: Jo Park, jpark@example.org",
        "Wasatch Workers Center · 230 Example Avenue, Salt Lake City, UT 84101 · tel. 801-364-0040 · info@example.org",
    ]
    assert contacts_from_lines(lines) == [Contact(name="Jo Park", email="jpark@example.org")]


def test_dial_in_under_a_contact_is_not_a_person() -> None:
    lines = ["Contact: Jo Park, 801-364-2271", "Dial-in: 1-866-390-1828, passcode 4471"]
    assert contacts_from_lines(lines) == [Contact(name="Jo Park", phone="+18013642271")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ana M. Soto", True),
        ("Jean-Baptiste Pierre", True),
        ("Ana de la Cruz", True),
        ("Call-in number", False),
        ("Example Workers Alliance", False),
        ("Our Office", False),
        ("Soto", False),
    ],
)
def test_looks_like_person(text: str, expected: bool) -> None:
    assert looks_like_person(text) is expected


def test_bare_press_label_needs_a_way_to_reach_someone() -> None:
    lines = ["Press: The Daily Ledger, March 3", "Media: photos at example.org/photos"]
    assert contacts_from_lines(lines) == []


def test_hotline_invitation_is_not_a_contact() -> None:
    assert contacts_from_lines(["Call Tenant Hotline Volunteers at 1-866-390-1828 any day."]) == []
    assert contacts_from_lines(["Workers can call Legal Aid Hotline at 503-226-7745."]) == []


def test_spanish_interview_label() -> None:
    line = "Entrevistas en español: Ana Soto, 312-726-4510"
    assert contacts_from_lines([line]) == [Contact(name="Ana Soto", phone="+13127264510")]


def test_people_parted_by_a_spaced_slash() -> None:
    line = "Media contacts: Priya Anand, 614-227-3051 x7, priya@example-housing.org / Tomás Ybarra, 614.227.3099"
    assert [(c.name, c.email, c.phone, c.extension) for c in contacts_from_lines([line])] == [
        ("Priya Anand", "priya@example-housing.org", "+16142273051", "7"),
        ("Tomás Ybarra", None, "+16142273099", None),
    ]
    # A slash inside one person's details parts no one.
    [one] = contacts_from_lines(["Contact: Dale Whitcomb, 614-227-3051 / 3052 (English/Spanish)"])
    assert (one.name, one.phone) == ("Dale Whitcomb", "+16142273051")


def test_one_full_row_per_person_under_a_label() -> None:
    lines = [
        "Press Contacts:",
        "Marguerite Okonkwo-Hale, Northern Plains Example Housing Alliance, +1-701-258-4419, mokhale@example-nph.org",
        "Dev Raman, Example Tenant Defense Fund, 701-258-4430 ext. 21",
    ]
    assert [(c.name, c.organization, c.email, c.phone, c.extension) for c in contacts_from_lines(lines)] == [
        (
            "Marguerite Okonkwo-Hale",
            "Northern Plains Example Housing Alliance",
            "mokhale@example-nph.org",
            "+17012584419",
            None,
        ),
        ("Dev Raman", "Example Tenant Defense Fund", None, "+17012584430", "21"),
    ]
    # Prose under the label that happens to hold a number is no person's row.
    prose = [
        "Media contact: Dev Raman, 701-258-4430",
        "The hearing, which was moved twice this spring, will be streamed live by the county at 701-258-4400 "
        "for anyone who cannot attend in person.",
    ]
    assert [c.phone for c in contacts_from_lines(prose)] == ["+17012584430"]


@pytest.mark.parametrize(
    "line",
    [
        "Media contact for the day of action: Oskar Brandvold, 612-339-4471, obrandvold@example.org",
        "Press contacts in Spanish: Oskar Brandvold, 612-339-4471, obrandvold@example.org",
        "Contacto de prensa para el evento: Oskar Brandvold, 612-339-4471, obrandvold@example.org",
    ],
)
def test_press_contact_label_narrowed_before_its_colon(line: str) -> None:
    assert contacts_from_lines([line]) == [
        Contact(name="Oskar Brandvold", email="obrandvold@example.org", phone="+16123394471")
    ]


@pytest.mark.parametrize(
    "label",
    ["Press inquiries about the bus tour", "Media requests regarding the verdict", "News enquiries on the audit"],
)
def test_reporters_requests_label_narrowed_before_its_colon(label: str) -> None:
    line = f"{label}: Tobias Lindqvist, tlindqvist@prairiecare.example.net, 402-471-8830."
    assert contacts_from_lines([line]) == [
        Contact(name="Tobias Lindqvist", email="tlindqvist@prairiecare.example.net", phone="+14024718830")
    ]


def test_reporters_requests_in_a_sentence_are_no_label() -> None:
    # The words before the colon run on past a short qualifier: prose about inquiries, not a label.
    line = "Press inquiries about the audit rose sharply after March: 402-471-8830 calls were logged in a week."
    assert contacts_from_lines([line]) == []


def test_qualified_label_must_open_the_line() -> None:
    line = "We thank the media contacts for the campaign: they answered 612-339-4471 calls."
    assert contacts_from_lines([line]) == []


@pytest.mark.parametrize(
    "label",
    ["Chinese-language media", "Ethnic press", "Radio media", "Medios en español", "Prensa de Oaxaca"],
)
def test_second_contact_for_the_reporters_a_label_names(label: str) -> None:
    # "<which> media:" opens the line of the contact who answers those reporters, under the main press contact.
    lines = [
        "Media Contact: Ingrid Solberg-Tate, (612) 339-4471, isolberg@example-transit.org",
        f"{label}: Wen Hao Lim, 612-339-4482",
    ]
    assert [(c.name, c.email, c.phone) for c in contacts_from_lines(lines)] == [
        ("Ingrid Solberg-Tate", "isolberg@example-transit.org", "+16123394471"),
        ("Wen Hao Lim", None, "+16123394482"),
    ]


def test_audience_label_without_a_number_or_address_names_no_contact() -> None:
    assert contacts_from_lines(["Social media: follow the campaign for updates"]) == []


@pytest.mark.parametrize("prefix", ["En portugués", "In Portuguese", "en Vietnamese"])
def test_language_prefix_after_a_bar_starts_the_next_person(prefix: str) -> None:
    # "… | En portugués: Joana Matos, …": the second contact answers reporters in that language.
    line = f"Media: Rafael Quintero, 617-482-3390 | {prefix}: Joana Matos, jmatos@riverfront.example.org"
    assert [(c.name, c.phone, c.email) for c in contacts_from_lines([line])] == [
        ("Rafael Quintero", "+16174823390", None),
        ("Joana Matos", None, "jmatos@riverfront.example.org"),
    ]


def test_language_prefix_before_a_number_is_the_same_persons_line() -> None:
    # No name follows the prefix: the number is the first person's other line, not somebody new.
    line = "Media: Rafael Quintero, 617-482-3390 | En español: 617-482-3391"
    [contact] = contacts_from_lines([line])
    assert (contact.name, contact.phone) == ("Rafael Quintero", "+16174823390")
    assert "+16174823391" in (contact.note or "")


def test_spaced_bar_parts_two_people_once_the_first_has_a_way_in() -> None:
    line = (
        "Media contacts: Dana Whit, Lakeshore Example Fund, (312) 874-2210, dana@example.org | "
        "Omar Sayed, Example Bus Riders Union, 773-296-0184 ext. 9, osayed@example.org"
    )
    assert [(c.name, c.organization, c.phone, c.extension, c.email) for c in contacts_from_lines([line])] == [
        ("Dana Whit", "Lakeshore Example Fund", "+13128742210", None, "dana@example.org"),
        ("Omar Sayed", "Example Bus Riders Union", "+17732960184", "9", "osayed@example.org"),
    ]
    # Bars between one person's own fields keep them one person.
    [one] = contacts_from_lines(["Contact: Dana Whit | Communications Director | 312-874-2210 | dana@example.org"])
    assert (one.name, one.role, one.phone, one.email) == (
        "Dana Whit",
        "Communications Director",
        "+13128742210",
        "dana@example.org",
    )


def test_full_stop_before_a_place_label_starts_another_person() -> None:
    line = "Contactos de prensa: En Quito: Rosa Quishpe, rquishpe@example.org. En Madrid: Tomás Ruiz, +34 612 48 93 20."
    assert [(c.name, c.email, c.phone) for c in contacts_from_lines([line])] == [
        ("Rosa Quishpe", "rquishpe@example.org", None),
        ("Tomás Ruiz", None, "+34612489320"),
    ]


def test_second_person_row_with_an_aside_after_the_name() -> None:
    lines = [
        "Media contacts:",
        "Dana Whitfield, Communications Director, 312-874-2210, dana@example.org",
        "Étienne Marchand (entrevues en français seulement), 514-872-3364, emarchand@example.org",
    ]
    assert [(c.name, c.phone, c.email, c.note) for c in contacts_from_lines(lines)] == [
        ("Dana Whitfield", "+13128742210", "dana@example.org", None),
        ("Étienne Marchand", "+15148723364", "emarchand@example.org", "entrevues en français seulement"),
    ]


def test_glue_word_before_a_closing_full_stop_is_no_role() -> None:
    # "… at 614-… or tomasz@….": with the number and address taken out, "or ." is left; it is no role.
    found = contacts_from_lines(["Contact: Call Tomasz Wiley at 614-555-0142 or tomasz@example-fund.org."])
    assert found == [Contact(name="Tomasz Wiley", email="tomasz@example-fund.org", phone="+16145550142")]


def test_press_contact_completed_from_the_same_person_as_an_events_contact() -> None:
    press = contacts_from_lines(["Para más información: llame a Ines Arriaga al 505-555-0161"])
    event_contact = Contact(name="Ines Arriaga", email="ines@example-clinic.org", phone="+15055550161")
    stranger = Contact(name="Ines Arriaga", email="other@example.net", phone="+15055550199")
    assert completed(press, [stranger]) == press  # a name alone does not make the same person
    assert completed(press, [event_contact]) == [
        Contact(name="Ines Arriaga", email="ines@example-clinic.org", phone="+15055550161")
    ]
    assert completed([], [event_contact]) == []  # nobody is added


def test_a_bilingual_label_opens_the_contact() -> None:
    for line in (
        "Prensa / Media: Irene Salcedo, 939-555-0177 (office), irene@example.org",
        "Media Contact / Contacto de prensa: Irene Salcedo, 939-555-0177, irene@example.org",
        "Contacto / Contact: Irene Salcedo, 939-555-0177, irene@example.org",
    ):
        [contact] = contacts_from_lines([line])
        assert (contact.name, contact.phone, contact.email) == ("Irene Salcedo", "+19395550177", "irene@example.org")
    # A slash inside prose is no label.
    assert contacts_from_lines(["Prices rose / wages fell: a 939-555-0177 hotline opened"]) == []


def test_a_row_runs_on_past_a_labelled_second_number() -> None:
    [contact] = contacts_from_lines(["Contact: Omar Teller, 612.555.0140 x31 / mobile 612.555.0141, omar@example.net"])
    assert (contact.phone, contact.extension, contact.email) == ("+16125550140", "31", "omar@example.net")
    assert contact.note == "Cell: +16125550141"


def test_an_invitation_to_write_to_an_address() -> None:
    found = contacts_from_lines(["Questions? Email  volunteer@example.net or call Bea Lund at (612) 555-0190."])
    assert {(c.name, c.email, c.phone) for c in found} == {
        ("Bea Lund", None, "+16125550190"),
        (None, "volunteer@example.net", None),
    }
    [contact] = contacts_from_lines(["¿Dudas? Escriba a comite@example.net"])
    assert contact.email == "comite@example.net"
    # An address in prose that nobody is asked to write to is no contact.
    assert contacts_from_lines(["The letter from board@example.net arrived on Friday."]) == []


def test_national_numbers_read_in_the_sites_country() -> None:
    assert region_of("www.jornaleros.example.mx") == "MX"
    assert region_of("example.org") == region_of("example.co") == "US"  # no country, or a domain used for its letters
    [contact] = contacts_from_lines(["Para más información: llame a Paula Ibarra al 33 3615 0172"], "MX")
    assert (contact.name, contact.phone) == ("Paula Ibarra", "+523336150172")
    [contact] = contacts_from_lines(["Contacto: Paula Ibarra, 81 8340 2210 (celular)"], "MX")
    assert contact.phone == "+528183402210"
    # North American numbers keep their own reading.
    [contact] = contacts_from_lines(["Contact: Dale Ames, 416-555-0199"], "CA")
    assert contact.phone == "+14165550199"


def test_middle_dots_separate_a_contact_cards_fields() -> None:
    [contact] = contacts_from_lines(["Media: Oren Falk · 614-555-0133 ext. 19 · ofalk@buckeye.example.org"])
    assert (contact.name, contact.phone, contact.extension, contact.email) == (
        "Oren Falk",
        "+16145550133",
        "19",
        "ofalk@buckeye.example.org",
    )


def test_a_middle_dot_inside_no_card_keeps_a_plain_name() -> None:
    [contact] = contacts_from_lines(["Contact: Oren Falk, 614-555-0133"])
    assert contact.name == "Oren Falk"


def test_an_interviews_label_opening_a_later_sentence_names_another_contact() -> None:
    contacts = contacts_from_lines(
        [
            "For more information, contact Pita Havili at 801-555-0114 or pita@saltlaketenants.example.org. "
            "Interviews in Tongan: Sione Lolo, 801.555.0119 ext. 31."
        ]
    )
    assert [(c.name, c.phone, c.extension) for c in contacts] == [
        ("Pita Havili", "+18015550114", None),
        ("Sione Lolo", "+18015550119", "31"),
    ]


def test_interviews_mentioned_mid_sentence_open_no_contact() -> None:
    contacts = contacts_from_lines(
        ["Contact Pita Havili at 801-555-0114. Members gave interviews in Tongan: all week."]
    )
    assert [c.name for c in contacts] == ["Pita Havili"]


def test_a_call_in_label_ends_the_contact_above_it() -> None:
    contacts = contacts_from_lines(
        ["Media contact: Rhea Banerjee, rhea@example.org", "DIAL-IN:", "1-877-555-0142, passcode 55 21 90"]
    )
    assert [(c.name, c.phone) for c in contacts] == [("Rhea Banerjee", None)]


def test_a_second_number_line_under_a_contact_is_still_hers() -> None:
    contacts = contacts_from_lines(["Media contact: Rhea Banerjee, rhea@example.org", "415-555-0147"])
    assert [(c.name, c.phone) for c in contacts] == [("Rhea Banerjee", "+14155550147")]


def test_press_label_after_a_bar_opens_the_next_person() -> None:
    line = (
        "Media contact: Nadia Ferreira, nferreira@tenants.example, 412-826-3391 | "
        "Portuguese-language press: Luiz Prado, 412-826-3307"
    )
    assert contacts_from_lines([line]) == [
        Contact(name="Nadia Ferreira", email="nferreira@tenants.example", phone="+14128263391"),
        Contact(name="Luiz Prado", phone="+14128263307"),
    ]
    # Near misses: a bar before a label that names no one, and a footer row that opens with no press label.
    assert contacts_from_lines(["Contact: Nadia Ferreira, 412-826-3391 | Social media: @rivertenants"]) == [
        Contact(name="Nadia Ferreira", phone="+14128263391")
    ]
    assert contacts_from_lines(["River Tenants Council · 80 Example Way · Press: 412-826-3300"]) == []
