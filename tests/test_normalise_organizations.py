"""Sponsor and signatory lists in the layouts partners use."""

from pressroom.normalise.organizations import organizations_from_blocks
from pressroom.normalise.text import Block


def test_signed_by_table_cells() -> None:
    blocks = [
        Block("Signed by:", "p"),
        Block("Harbor Example Workers Center", "td"),
        Block("Friends of the Example Library", "td"),
        Block("Eastside Example Tenants Union", "td"),
        Block("Contact: Lee Wu", "p"),
    ]
    assert organizations_from_blocks(blocks) == [
        "Harbor Example Workers Center",
        "Friends of the Example Library",
        "Eastside Example Tenants Union",
    ]


def test_signed_by_lines_separated_by_breaks() -> None:
    same_block = [Block("Firmado por:\nRed Ejemplo de Jornaleros\nCentro Ejemplo de la Mujer", "p")]
    assert organizations_from_blocks(same_block) == ["Red Ejemplo de Jornaleros", "Centro Ejemplo de la Mujer"]
    next_block = [Block("Endorsed by:", "p", True), Block("Valley Example Alliance\nNorth Example Legal Aid", "p")]
    assert organizations_from_blocks(next_block) == ["Valley Example Alliance", "North Example Legal Aid"]


def test_one_name_a_line_keeps_commas_inside_names() -> None:
    blocks = [Block("Signed by:", "p"), Block("Example Bakers Union, Local 88\nExample Center, Inc.", "p")]
    assert organizations_from_blocks(blocks) == ["Example Bakers Union, Local 88", "Example Center, Inc."]


def test_later_endorsers_list_with_dated_label() -> None:
    # Sign-on statements add a second list after release, its label dated in a parenthesis.
    blocks = [
        Block("Initial Sponsors: Riverside Example Tenants Council, Example Harbor Food Bank", "p"),
        Block("We oppose the proposed cuts to the rental assistance programme for the coming budget year.", "p"),
        Block("Additional Endorsers (as of May 9):", "p", True),
        Block("Northside Example Credit Union", "li"),
        Block("Example Valley Seniors Network", "li"),
        Block("Endorsers of the plan say it will pass, Example Mayor Office, Example Board", "p"),
    ]
    assert organizations_from_blocks(blocks) == [
        "Riverside Example Tenants Council",
        "Example Harbor Food Bank",
        "Northside Example Credit Union",
        "Example Valley Seniors Network",
    ]


def test_semicolons_keep_each_name_whole() -> None:
    text = "Firmado por: Red Ejemplo de Vivienda; Comité de Inquilinos, Sección Norte; y Fondo Salud y Techo de Ejemplo"
    assert organizations_from_blocks([Block(text, "p")]) == [
        "Red Ejemplo de Vivienda",
        "Comité de Inquilinos, Sección Norte",
        "Fondo Salud y Techo de Ejemplo",
    ]


def test_signer_added_in_the_line_below_the_list() -> None:
    blocks = [
        Block("Initial Sponsors: Example Riders Union, Lakeside Tenants Council", "p"),
        Block("Added May 12: Example Nurses Guild", "p"),
        Block("Added May 12: a video of the hearing.", "p"),
    ]
    assert organizations_from_blocks(blocks) == [
        "Example Riders Union",
        "Lakeside Tenants Council",
        "Example Nurses Guild",
    ]
    # Away from a list, an "Added" line is an update note.
    assert organizations_from_blocks([Block("Added May 12: Example Nurses Guild", "p")]) == []


def test_also_signed_by_list_far_below_the_sponsors() -> None:
    # A sign-on statement's second list comes after the statements, under its own "Also signed by:" label.
    blocks = [
        Block("Initial Sponsors: Lakeshore Example Renters, Example Bus Riders United", "p"),
        Block("“We will not stop until every depot is rebuilt above the flood line,” said Ada Rowe.", "p"),
        Block("The committee meets again next month to take up the amendments.", "p"),
        Block("Also signed by:", "p", True),
        Block("Northern Example Youth Climate Corps", "li"),
        Block("Example Seniors for Transit", "li"),
        Block("Also signed by the mayor of the county was a letter to the board.", "p"),
    ]
    assert organizations_from_blocks(blocks) == [
        "Lakeshore Example Renters",
        "Example Bus Riders United",
        "Northern Example Youth Climate Corps",
        "Example Seniors for Transit",
    ]
