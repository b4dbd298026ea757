"""Text blocks, summaries, datelines, sponsor lists, sanitised HTML and attachments."""

from datetime import date

import lxml.html
import pytest

from pressroom.models import Dateline
from pressroom.normalise.datelines import parse_dateline
from pressroom.normalise.markup import attachments, sanitise
from pressroom.normalise.organizations import organizations_from_blocks, split_names
from pressroom.normalise.text import Block, blocks, clean, truncate


def test_clean_collapses_every_space() -> None:
    assert clean(" Email:\u00a0\u00a0a@b.example\u200b \n next ") == "Email: a@b.example next"


def test_blocks_keep_line_breaks_and_bold() -> None:
    root = lxml.html.fragment_fromstring(
        "<div><p><strong>Kim Ortiz, Director</strong></p><p>Contact: Ana<br>Email: a@x.example</p>"
        "<script>var x = 1;</script><!-- note --><ul><li>One</li><li>Two</li></ul>tail text</div>"
    )
    assert blocks(root) == [
        Block("Kim Ortiz, Director", "p", True),
        Block("Contact: Ana\nEmail: a@x.example", "p", False),
        Block("One", "li", False),
        Block("Two", "li", False),
        Block("tail text", "p", False),
    ]


def test_truncate_on_word_boundary() -> None:
    text = "word " * 100
    cut = truncate(text, 300)
    assert len(cut) <= 300 and cut.endswith("word…")
    assert truncate("short text") == "short text"


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        (
            "March 2, 2014, Chicago – Today, workers walked out.",
            Dateline("Chicago", date(2014, 3, 2)),
            "Today, workers walked out.",
        ),
        (
            "NEW ORLEANS—Leaders from across the Gulf gathered.",
            Dateline("NEW ORLEANS"),
            "Leaders from across the Gulf gathered.",
        ),
        (
            "(Oakland, CA) Members of the coalition met the mayor.",
            Dateline("Oakland, CA"),
            "Members of the coalition met the mayor.",
        ),
        (
            "MIAMI, FL – The coalition announced a campaign.",
            Dateline("MIAMI, FL"),
            "The coalition announced a campaign.",
        ),
        (
            "WASHINGTON, D.C. (March 3, 2014) – Advocates rallied today.",
            Dateline("WASHINGTON, D.C.", date(2014, 3, 3)),
            "Advocates rallied today.",
        ),
    ],
)
def test_datelines(text: str, dateline: Dateline, rest: str) -> None:
    assert parse_dateline(text) == (dateline, rest)


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "Guadalajara, 14 de mayo de 2019.– Vecinas del barrio denunciaron hoy",
            Dateline("Guadalajara", date(2019, 5, 14)),
        ),
        (
            "Santa Fe de Bogotá, 3 de junio de 2021.— Las familias pidieron",
            Dateline("Santa Fe de Bogotá", date(2021, 6, 3)),
        ),
        ("March 9, 2022, Laredo. – Riders asked the board", Dateline("Laredo", date(2022, 3, 9))),
    ],
)
def test_datelines_closed_by_a_full_stop_before_the_dash(text: str, dateline: Dateline) -> None:
    assert parse_dateline(text)[0] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "FOR IMMEDIATE RELEASE – June 12, 2015 and more words",
        "The ACLU – and others – said things today.",
        # a Spanish kind label in capitals has a dateline's shape, and names no place
        "AVISO DE PRENSA – PARA DIFUSIÓN INMEDIATA sobre la audiencia del martes",
        "DECLARACIÓN CONJUNTA – Las organizaciones firmantes rechazan el recorte",
        # a sentence that ends before a dash is prose, not a place and a date
        "Las familias esperaron. – Nadie respondió a la carta del 3 de junio de 2021",
    ],
)
def test_not_datelines(text: str) -> None:
    assert parse_dateline(text)[0] is None


def test_sponsor_lists() -> None:
    assert split_names("A Fund, B Church and C Alliance") == ["A Fund", "B Church", "C Alliance"]
    assert organizations_from_blocks(
        [Block("Initial Sponsors: Example Action Fund, Example Law Center, and Workers and Families United", "p")]
    ) == ["Example Action Fund", "Example Law Center", "Workers and Families United"]
    assert organizations_from_blocks([Block("Signed by:", "p"), Block("Org One", "li"), Block("Org Two", "li")]) == [
        "Org One",
        "Org Two",
    ]
    assert organizations_from_blocks(
        [Block("Auspiciado por: Coalición Ejemplo, Centro Legal y Red de Trabajadores", "p")]
    ) == [
        "Coalición Ejemplo",
        "Centro Legal",
        "Red de Trabajadores",
    ]


def test_sanitise_removes_unsafe_markup_and_absolutises_links() -> None:
    root = lxml.html.fragment_fromstring(
        '<div><p onclick="x()">Hi <a href="/a">a</a> <a href="javascript:alert(1)">b</a></p>'
        '<script>bad()</script><style>p{}</style><iframe src="https://x.example"></iframe><img src="i.png"></div>'
    )
    html = sanitise(root, "https://site.example/news/")
    assert "script" not in html and "bad()" not in html and "iframe" not in html and "onclick" not in html
    assert "javascript:" not in html and "p{}" not in html
    assert 'href="https://site.example/a"' in html
    assert 'src="https://site.example/news/i.png"' in html


def test_attachments_are_documents_only() -> None:
    root = lxml.html.fragment_fromstring(
        '<div><a href="/d/report.pdf">Report (PDF)</a> <a href="/d/all.zip">zip</a> <a href="/d/t.DOCX">Download</a>'
        ' <a href="https://news.example.com/story">story</a> <a href="/d/data.csv?v=2">data</a></div>'
    )
    found = attachments(root, "https://site.example/x/")
    assert [(a.url, a.title, a.media_type) for a in found] == [
        ("https://site.example/d/report.pdf", "Report (PDF)", "application/pdf"),
        ("https://site.example/d/all.zip", "zip", "application/zip"),
        (
            "https://site.example/d/t.DOCX",
            "Download",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("https://site.example/d/data.csv?v=2", "data", "text/csv"),
    ]


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        (
            "LOS ÁNGELES, CA – Familias y organizaciones pidieron hoy",
            Dateline("LOS ÁNGELES, CA"),
            "Familias y organizaciones pidieron hoy",
        ),
        ("SAN JOSÉ—Trabajadores del campo marcharon hoy", Dateline("SAN JOSÉ"), "Trabajadores del campo marcharon hoy"),
        (
            "Los Ángeles, CA – Miembros de la red se reunieron hoy",
            Dateline("Los Ángeles, CA"),
            "Miembros de la red se reunieron hoy",
        ),
        (
            "(Santa Ana, CA) El comité invita a las familias hoy",
            Dateline("Santa Ana, CA"),
            "El comité invita a las familias hoy",
        ),
    ],
)
def test_accented_datelines(text: str, dateline: Dateline, rest: str) -> None:
    assert parse_dateline(text) == (dateline, rest)


def test_blocks_count_link_text() -> None:
    root = lxml.html.fragment_fromstring(
        "<div><p><a href='/'>Inicio</a> | <a href='/a'>Nosotros</a></p><p>Lea <a href='/r'>el informe</a> completo"
        " sobre las detenciones en el condado.</p></div>"
    )
    menu, prose = blocks(root)
    assert menu.navigation and not prose.navigation


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        (
            "YAKIMA, WA, 14 de mayo de 2016 – Trabajadoras de las empacadoras exigieron hoy",
            Dateline("YAKIMA, WA", date(2016, 5, 14)),
            "Trabajadoras de las empacadoras exigieron hoy",
        ),
        (
            "3 February 2017, Leeds – Night-shift cleaners walked out at dawn",
            Dateline("Leeds", date(2017, 2, 3)),
            "Night-shift cleaners walked out at dawn",
        ),
        (
            "Tulsa, Oklahoma — Parents packed the school board meeting tonight",
            Dateline("Tulsa, Oklahoma"),
            "Parents packed the school board meeting tonight",
        ),
        (
            "Santa Fe, N.M. – Acequia farmers asked the engineer for a hearing",
            Dateline("Santa Fe, N.M."),
            "Acequia farmers asked the engineer for a hearing",
        ),
        # A date first, then a place whose region takes several words.
        (
            "4 de mayo de 2021, Mayagüez, Puerto Rico – Pescadores de la costa oeste pidieron hoy una veda",
            Dateline("Mayagüez, Puerto Rico", date(2021, 5, 4)),
            "Pescadores de la costa oeste pidieron hoy una veda",
        ),
        (
            "October 9, 2018, Rapid City, South Dakota – Ranch hands filed a wage claim this morning",
            Dateline("Rapid City, South Dakota", date(2018, 10, 9)),
            "Ranch hands filed a wage claim this morning",
        ),
    ],
)
def test_day_first_dates_and_written_out_states(text: str, dateline: Dateline, rest: str) -> None:
    assert parse_dateline(text) == (dateline, rest)


def test_capitalised_words_before_a_dash_are_no_state() -> None:
    assert parse_dateline("Tenants, Landlords — and the city council in between argued all night.")[0] is None


def test_a_blank_line_of_two_breaks_ends_a_paragraph() -> None:
    # Blogger and hand-edited posts write paragraphs as text runs separated by "<br /><br />" in one element.
    root = lxml.html.fragment_fromstring(
        "<div>Tenants met on Tuesday night.<br /> <br />\n<b>DULUTH</b><br />Contact: Pia Lund<br/>"
        "Phone: 218-727-4412<br><br><br>Doors open at six.</div>"
    )
    assert blocks(root) == [
        Block("Tenants met on Tuesday night.", "div", False),
        Block("DULUTH\nContact: Pia Lund\nPhone: 218-727-4412", "div", False),
        Block("Doors open at six.", "div", False),
    ]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        # A city in title case, Spanish particles and all, then the full date.
        (
            "Santa Cruz de la Sierra, 4 de mayo de 2019 — Vecinos de tres barrios exigieron hoy agua potable.",
            Dateline("Santa Cruz de la Sierra", date(2019, 5, 4)),
        ),
        (
            "San Pedro Sula, 11 de octubre de 2022 – Las trabajadoras de la maquila pidieron una reunión.",
            Dateline("San Pedro Sula", date(2022, 10, 11)),
        ),
        ("Tacoma, June 3, 2021 – Dock workers walked off the job at dawn today.", Dateline("Tacoma", date(2021, 6, 3))),
    ],
)
def test_place_then_date_datelines(text: str, dateline: Dateline) -> None:
    assert parse_dateline(text)[0] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Monday, June 7, 2021 – Dock workers walked off the job at dawn today.",
        "Viernes, 3 de junio de 2016 – Hoy las trabajadoras pidieron una reunión con el ministerio.",
        "Today, June 3 – Dock workers walked off the job at dawn and stayed out.",
    ],
)
def test_a_date_alone_is_no_place(text: str) -> None:
    assert parse_dateline(text)[0] is None


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        # A city and its province or region in title case, then the full date between dashes.
        (
            "Kelowna, British Columbia — Tuesday, May 5, 2015 — Orchard workers walked out of three packing houses.",
            Dateline("Kelowna, British Columbia", date(2015, 5, 5)),
        ),
        (
            "Regina, Sask. – June 3, 2021 – Grain handlers voted to strike at noon.",
            Dateline("Regina, Sask.", date(2021, 6, 3)),
        ),
        # The date after the dash of a place pattern that stood alone before.
        (
            "MOBILE, AL – April 9, 2019 – Shipyard welders rallied outside the gates today.",
            Dateline("MOBILE, AL", date(2019, 4, 9)),
        ),
    ],
)
def test_place_then_dashed_date_datelines(text: str, dateline: Dateline) -> None:
    found, rest = parse_dateline(text)
    assert found == dateline
    assert rest[:1].isupper()


def test_blocks_know_their_table_row() -> None:
    root = lxml.html.fragment_fromstring(
        "<div><p>Intro</p><table><tr><th>Date</th><th>Place</th></tr>"
        "<tr><td>May 4</td><td><p>Example Hall</p></td></tr></table><p>After</p></div>"
    )
    assert [(b.text, b.row) for b in blocks(root)] == [
        ("Intro", 0),
        ("Date", 1),
        ("Place", 1),
        ("May 4", 2),
        ("Example Hall", 2),
        ("After", 0),
    ]


def test_city_naming_an_entry_of_labelled_lines_is_no_dateline() -> None:
    entry = (
        "Duluth, MN – Teach-In at the Lakehead Library\nContact: Orla Brandt\nPhone: 218-726-4410\n"
        "Location: 520 W Superior St, Duluth, MN 55802"
    )
    assert parse_dateline(entry) == (None, entry)
    # A dateline that runs on into its first sentence keeps its place, whatever labelled lines follow it.
    release = "Duluth, MN – Dock workers ratified their contract tonight.\nContact: Orla Brandt\nPhone: 218-726-4410"
    assert parse_dateline(release)[0] == Dateline("Duluth, MN")
