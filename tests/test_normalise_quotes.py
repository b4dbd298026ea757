"""Attributed quotes in the partners' word orders."""

from pressroom.models import Quote
from pressroom.normalise.quotes import curl, quotes_from_blocks, quotes_in_paragraph, speaker
from pressroom.normalise.text import Block


def test_verb_first_with_organisation() -> None:
    text = "Said Jane Roe of the Example Workers Alliance, “No one should die building our cities.”"
    assert quotes_in_paragraph(text) == [
        Quote("No one should die building our cities.", "Jane Roe", None, "Example Workers Alliance")
    ]


def test_organisation_and_role_before_the_name() -> None:
    [q] = quotes_in_paragraph('Said Example Law Center attorney Ann Lee, "The court saw what families have seen."')
    assert (q.speaker, q.role, q.organization) == ("Ann Lee", "attorney", "Example Law Center")
    assert q.text == "The court saw what families have seen."


def test_split_quote_is_joined() -> None:
    text = (
        "“Contractors have known about the danger for years,” said Tom Park, policy director at Example Justice "
        "Project. “Now they need to act before the summer peak.”"
    )
    assert quotes_in_paragraph(text) == [
        Quote(
            "Contractors have known about the danger for years. Now they need to act before the summer peak.",
            "Tom Park",
            "policy director",
            "Example Justice Project",
        )
    ]


def test_spanish_attribution() -> None:
    text = "“Nuestras familias viven con miedo”, dijo Ana Soto, directora de comunicaciones de la Coalición Ejemplo."
    assert quotes_in_paragraph(text) == [
        Quote("Nuestras familias viven con miedo", "Ana Soto", "directora de comunicaciones", "Coalición Ejemplo")
    ]


def test_quote_inside_quote_is_kept_inside() -> None:
    [q] = quotes_in_paragraph("Said Jane Roe, “As one roofer told us, ‘we are not machines.’ We agree.”")
    assert q.text == "As one roofer told us, ‘we are not machines.’ We agree."


def test_partial_quote_in_narrative_is_left_out_or_marked() -> None:
    assert quotes_in_paragraph("The judge called the argument “absurd” and set a hearing.") == []
    assert (
        quotes_in_paragraph("The judge also noted that the law is read broadly, quoting that it “[s]hould be.”") == []
    )
    text = "Ben Okafor of Example Legal Aid, who represents the workers, said the case “finally moves forward.”"
    assert quotes_in_paragraph(text) == [Quote("finally moves forward.", "Ben Okafor", None, "Example Legal Aid", True)]


def test_short_attributed_fragment_is_partial() -> None:
    [q] = quotes_in_paragraph("“[T]ransparency matters,” Tom Park said.")
    assert (q.text, q.speaker, q.partial) == ("[T]ransparency matters", "Tom Park", True)


def test_stray_closing_quote_does_not_break_the_next_one() -> None:
    text = "We will be back next week.” Said Lee Wu of Org B, “We are ready for them.”"
    assert [(q.text, q.speaker) for q in quotes_in_paragraph(text)] == [("We are ready for them.", "Lee Wu")]


def test_straight_quotes_are_curled() -> None:
    assert curl('He said, "go" and "stay."') == "He said, “go” and “stay.”"


def test_statement_blocks() -> None:
    blocks = [
        Block("Kim Ortiz, Director of Organizing, Example Action Fund", "p", True),
        Block("“This bill spends billions on walls while families wait decades.”", "p"),
        Block("Los Angeles, CA", "h3", True),
        Block("Contact: Ana Ruiz", "p"),
    ]
    assert quotes_from_blocks(blocks) == [
        Quote(
            "This bill spends billions on walls while families wait decades.",
            "Kim Ortiz",
            "Director of Organizing",
            "Example Action Fund",
        )
    ]


def test_speaker_shapes() -> None:
    assert speaker("Tom Park, policy director at Example Justice Project") == (
        "Tom Park",
        "policy director",
        "Example Justice Project",
    )
    assert speaker("Jane Roe of the Example Workers Alliance") == ("Jane Roe", None, "Example Workers Alliance")
    assert speaker("Tom Park") == ("Tom Park", None, None)


def test_organisation_names_with_small_words() -> None:
    assert speaker("Beatriz Ochoa, coordinadora de campañas de la Alianza Campesina del Valle") == (
        "Beatriz Ochoa",
        "coordinadora de campañas",
        "Alianza Campesina del Valle",
    )
    assert speaker("Dana Cole, director of Policy at Example Org") == ("Dana Cole", "director of Policy", "Example Org")
