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


def test_honorifics_and_titles_leave_the_name() -> None:
    assert speaker("Imam Yusuf Bello of the Riverside Example Mosque") == (
        "Yusuf Bello",
        "Imam",
        "Riverside Example Mosque",
    )
    assert speaker("Reverend-in-charge Ola Berg of Hill Street Chapel") == (
        "Ola Berg",
        "Reverend-in-charge",
        "Hill Street Chapel",
    )
    assert speaker("Dr. Mina Shah, Example Health Clinic") == ("Mina Shah", "Dr.", "Example Health Clinic")
    assert speaker("Executive Director Paul Ng") == ("Paul Ng", "Executive Director", None)


def test_spanish_title_before_the_name_and_org_after_comma() -> None:
    assert speaker("la doctora Lucía Paredes, de la Clínica Ejemplo de Salud Comunitaria") == (
        "Lucía Paredes",
        "doctora",
        "Clínica Ejemplo de Salud Comunitaria",
    )
    text = "“Nadie debe esperar seis horas para ver a un médico”, explicó el abogado Raúl Ibarra, del Bufete Ejemplo."
    [q] = quotes_in_paragraph(text)
    assert (q.speaker, q.role, q.organization) == ("Raúl Ibarra", "abogado", "Bufete Ejemplo")


def test_organisation_with_small_words_before_role_and_name() -> None:
    text = 'Said Example Fund for Fair Housing organizer Dee Park, "The landlords have had ten years to fix this."'
    [q] = quotes_in_paragraph(text)
    assert (q.speaker, q.role, q.organization) == ("Dee Park", "organizer", "Example Fund for Fair Housing")


def test_short_title_drops_its_article_and_clauses_are_not_roles() -> None:
    assert speaker("Ivo Lind, a field organizer at Example Union")[1] == "field organizer"
    assert (
        speaker("Ivo Lind, a cook and member of the kitchen committee")[1]
        == "a cook and member of the kitchen committee"
    )
    assert speaker("Ivo Lind, who has cleaned offices for a decade") == ("Ivo Lind", None, None)


def test_statement_block_separated_by_line_breaks() -> None:
    block = Block(
        "Tenants met with the council today.\n"
        "Rosa Lin, Co-Chair, Example Tenants Union\n"
        '“Every winter our members go without heat for weeks. The city has the power to stop it."\n'
        "Omar Diaz, Example Housing Clinic\n"
        '"We will keep filing complaints until the repairs are made, building by building."',
        "div",
    )
    assert quotes_from_blocks([block]) == [
        Quote(
            "Every winter our members go without heat for weeks. The city has the power to stop it.",
            "Rosa Lin",
            "Co-Chair",
            "Example Tenants Union",
        ),
        Quote(
            "We will keep filing complaints until the repairs are made, building by building.",
            "Omar Diaz",
            None,
            "Example Housing Clinic",
        ),
    ]


def test_organisation_with_lower_case_small_words_is_not_a_role() -> None:
    assert speaker("Lia Moreno of Example Workers in Action Network") == (
        "Lia Moreno",
        None,
        "Example Workers in Action Network",
    )
    assert speaker("Don Alvarez")[0] == "Don Alvarez"  # "Don" is also a given name


def test_line_with_its_own_attribution_is_not_a_statement_body() -> None:
    block = Block(
        "Ada Kim, Example Parent Network\n“Our kids deserve clean air in every classroom,” said Ada Kim, who leads it",
        "p",
    )
    assert [(q.text, q.speaker) for q in quotes_from_blocks([block])] == [
        ("Our kids deserve clean air in every classroom", "Ada Kim")
    ]


def test_abbreviation_dots_do_not_end_the_attribution() -> None:
    [q] = quotes_in_paragraph("“Every family deserves a hearing,” said Rev. Omar Lee, pastor of Example Chapel.")
    assert (q.speaker, q.role, q.organization) == ("Omar Lee", "pastor", "Example Chapel")
    [q] = quotes_in_paragraph("Said Nora J. Bell of Example Tenants Network, “We are not leaving our homes.”")
    assert (q.speaker, q.organization) == ("Nora J. Bell", "Example Tenants Network")
    [q] = quotes_in_paragraph("“Nadie se queda atrás en esta ciudad”, dijo la Sra. Inés Vega, de Casa Ejemplo.")
    assert (q.speaker, q.role, q.organization) == ("Inés Vega", "Sra.", "Casa Ejemplo")


def test_name_suffix_and_party_note() -> None:
    assert speaker("Hal Ford, Jr., of Example Veterans Alliance") == ("Hal Ford Jr.", None, "Example Veterans Alliance")
    assert speaker("Senator Ruth Vance (D-Example)") == ("Ruth Vance", "Senator (D-Example)", None)


def test_place_line_above_a_quote_is_not_a_speaker() -> None:
    block = Block("Tucson, Arizona\n“Nobody here remembers a summer this long without any rain at all.”", "p")
    assert quotes_from_blocks([block]) == []


def test_stray_closing_quote_after_a_verb_first_attribution() -> None:
    text = (
        "Said bus rider Lorenzo Quaye, who has taken the number 9 to work since 1998, Without this route I lose "
        "my job. The board has to hear that.”"
    )
    [q] = quotes_in_paragraph(text)
    assert (q.text, q.speaker, q.partial) == (
        "Without this route I lose my job. The board has to hear that.",
        "Lorenzo Quaye",
        False,
    )
    # The same stray mark after narrative names no one.
    assert quotes_in_paragraph("The board voted at midnight, Without a quorum the vote may not stand.”") == []


def test_stray_closing_quote_after_an_attribution_ending_in_a_colon() -> None:
    text = "Said Ngozi Adeyemi, a night-shift cashier in Dayton: Two buses a night is not a schedule.”"
    [q] = quotes_in_paragraph(text)
    assert (q.text, q.speaker, q.partial) == ("Two buses a night is not a schedule.", "Ngozi Adeyemi", False)
    # A colon in narrative with no verb of saying before it attributes nothing.
    assert quotes_in_paragraph("Riders listed three demands: Later buses, lower fares and lit shelters.”") == []


def test_statement_introduced_by_a_line_ending_in_a_colon() -> None:
    blocks = [
        Block(
            "The following is a statement from Odette Marchetti, president of the Example Riders Union, on "
            "yesterday’s fare vote:",
            "p",
        ),
        Block("“Riders packed the hearing for six months. The board listened, and every family will feel it.”", "p"),
        Block("Harborview Example Council on Aging issued the following statement:", "p"),
        Block("“Seniors on fixed incomes cannot absorb another fare increase this decade, and now they won’t.”", "p"),
    ]
    assert [(q.speaker, q.role, q.organization, q.text[:14]) for q in quotes_from_blocks(blocks)] == [
        ("Odette Marchetti", "president", "Example Riders Union", "Riders packed "),
        ("Harborview Example Council on Aging", None, None, "Seniors on fix"),
    ]
    # An introduction followed by narrative, or a quote that names its own speaker, is no statement body.
    narrative = [blocks[0], Block("Riders packed the hearing for six months, and the board listened at last.", "p")]
    assert quotes_from_blocks(narrative) == []
    own = [
        blocks[0],
        Block("“We won,” said Ivo Brandt of the Example Bus Drivers Local. “Now we hold them to it.”", "p"),
    ]
    assert [q.speaker for q in quotes_from_blocks(own)] == ["Ivo Brandt"]


def test_split_sentence_continued_lower_case_after_the_attribution_is_one_quote() -> None:
    text = (
        "“We waited two years for a hearing,” said Dana Whitfield, a tenant organizer with the Northside Renters "
        "Union, “and the landlord sent a lawyer instead.”"
    )
    [quote] = quotes_in_paragraph(text)
    assert quote.text == "We waited two years for a hearing, and the landlord sent a lawyer instead."
    assert (quote.speaker, quote.role, quote.organization) == (
        "Dana Whitfield",
        "tenant organizer",
        "Northside Renters Union",
    )


def test_lower_case_role_before_the_name_and_organisation_after_it() -> None:
    assert speaker("organizer Bram Osei of the Three Rivers Tenant Council") == (
        "Bram Osei",
        "organizer",
        "Three Rivers Tenant Council",
    )
    [quote] = quotes_in_paragraph(
        "“The rent rules have to mean something on every block,” said attorney Noor Haddad of the Eastside "
        "Housing Rights Project."
    )
    assert (quote.speaker, quote.role) == ("Noor Haddad", "attorney")
    assert quote.organization == "Eastside Housing Rights Project"


def test_capitalised_headline_over_a_paragraph_is_no_statement_speaker() -> None:
    blocks = [
        Block("FREE CLINIC FOR TENANTS, ROOMMATES AND SUBLETTERS", "div", True),
        Block("Has your landlord kept your deposit? Come learn what the law says and how to ask for it back.", "div"),
        Block("Rosa Imbert, Lead Organizer, Northside Renters Union", "p", True),
        Block("Nobody should lose a month of rent because a landlord never answers the phone.", "p"),
    ]
    assert [(q.speaker, q.organization) for q in quotes_from_blocks(blocks)] == [
        ("Rosa Imbert", "Northside Renters Union")
    ]


def test_abbreviated_spanish_professional_titles_leave_the_name() -> None:
    # Central American releases abbreviate the degree before the name: Licda./Licdo. (licenciada/o), Ing., Mtra.
    assert speaker("Licda. Rosa Elvira Toj, Colectivo Ejemplo de Defensoras")[0] == "Rosa Elvira Toj"
    assert speaker("Ing. Marco Tulio Sic, Mesa Ejemplo del Agua")[0] == "Marco Tulio Sic"
    blocks = [
        Block("Mtra. Ana Lucía Cotzal, Asociación de Maestras Rurales", "p", True),
        Block("“Las escuelas del altiplano no pueden esperar otro año sin agua ni maestras suficientes”.", "p"),
    ]
    [q] = quotes_from_blocks(blocks)
    assert (q.speaker, q.organization) == ("Ana Lucía Cotzal", "Asociación de Maestras Rurales")


def test_capitalised_organisation_with_de_is_not_split_into_role_and_org() -> None:
    assert speaker("Elena Batz, Asociación de Abogadas Rurales") == (
        "Elena Batz",
        None,
        "Asociación de Abogadas Rurales",
    )
    assert speaker("Elena Batz, Directora de la Red Ejemplo") == ("Elena Batz", "Directora", "Red Ejemplo")
    assert speaker("Elena Batz, coordinadora del Colectivo Ejemplo") == (
        "Elena Batz",
        "coordinadora",
        "Colectivo Ejemplo",
    )


def test_surname_credit_resolves_to_the_person_introduced_earlier() -> None:
    blocks = [
        Block(
            "Tobias Wren-Ashford, who has driven a city bus for nineteen years, lives two blocks from the depot.", "p"
        ),
        Block("“The depot floods every spring and nobody fixes the pumps,” Wren-Ashford said. “We bail it out.”", "p"),
        Block("Students in Professor Ilse Marrow’s hydrology course mapped the drains last fall.", "p"),
        Block("“Half of the storm drains on the east side lead nowhere at all,” Marrow said.", "p"),
    ]
    assert [q.speaker for q in quotes_from_blocks(blocks)] == ["Tobias Wren-Ashford", "Ilse Marrow"]


def test_surname_stays_when_the_release_names_two_people_with_it_or_none() -> None:
    blocks = [
        Block("Rosa Quill and her brother Amado Quill both clean offices downtown at night.", "p"),
        Block("“We have not had a raise in six years, not one,” Quill said.", "p"),
        Block("“The building is cold after eight o’clock every night,” Bellweather said.", "p"),
    ]
    assert [q.speaker for q in quotes_from_blocks(blocks)] == ["Quill", "Bellweather"]


def test_pronoun_credit_resolves_to_the_nearest_named_speaker() -> None:
    text = (
        'Dana Kittredge, housing director at the Example Tenants League, said the rule "was written for a city that '
        'no longer exists." She added: "We are asking for one thing. Enforce the code we already have."'
    )
    quotes = quotes_from_blocks(
        [Block("“Rents doubled in a decade here,” said Omar Fenn, a tenant.", "p"), Block(text, "p")]
    )
    assert [(q.speaker, q.partial) for q in quotes] == [
        ("Omar Fenn", False),
        ("Dana Kittredge", True),
        ("Dana Kittredge", False),
    ]
    # With nobody named before it, a pronoun is no speaker.
    alone = quotes_from_blocks([Block("He added: “Nobody asked the people who ride the bus every day.”", "p")])
    assert [q.speaker for q in alone] == [None]


def test_occupation_opening_the_sentence_before_the_name_is_the_role() -> None:
    blocks = [
        Block(
            "The new contract sets a floor for hours each week. Dishwasher Marisol Okafor-Reyes said the floor "
            "mattered more than the raise. “Now I know what I will earn before the month starts,” Okafor-Reyes said.",
            "p",
        ),
        # A first name is no occupation: the three words stay the name.
        Block("“We waited six years for this,” said Anna Maria Castellanos of Example Kitchen Workers United.", "p"),
    ]
    assert [q.speaker for q in quotes_from_blocks(blocks)] == ["Marisol Okafor-Reyes", "Anna Maria Castellanos"]


def test_organisation_named_before_the_comma_of_a_clause() -> None:
    cases = {
        "said Deacon Marcus Hale of Example Baptist Church, which runs the food pantry": (
            "Marcus Hale",
            None,
            "Example Baptist Church",
        ),
        "said Ina Ross of the Example Tenants Union, where she has organised since 2009": (
            "Ina Ross",
            None,
            "Example Tenants Union",
        ),
        "dijo Rosa Ibarra de la Red Ejemplo, que coordina las brigadas": ("Rosa Ibarra", None, "Red Ejemplo"),
    }
    for text, expected in cases.items():
        quote = f"“We will keep the doors open every night this winter, whatever the council decides,” {text}."
        [found] = quotes_from_blocks([Block(quote, "p")])
        assert (found.speaker, found.role, found.organization) == expected, text
    # A name followed by its role after the comma keeps the role and the organisation apart as before.
    assert speaker("Ina Ross, lead organizer at the Example Tenants Union") == (
        "Ina Ross",
        "lead organizer",
        "Example Tenants Union",
    )


def test_according_to_in_spanish_attributes_the_quote_after_it() -> None:
    [quote] = quotes_in_paragraph(
        "Según la doctora Inés Carrasco Vidal, pediatra del Centro de Salud Ejemplo, “el calor ya manda a los niños "
        "al hospital antes de que termine el curso escolar”."
    )
    assert (quote.speaker, quote.role, quote.organization) == (
        "Inés Carrasco Vidal",
        "pediatra",
        "Centro de Salud Ejemplo",
    )
    assert quote.text.startswith("el calor ya manda") and not quote.partial


def test_angle_quotes_are_quotes() -> None:
    quotes = quotes_in_paragraph(
        "«Nadie nos explicó que teníamos derecho a descansar», dijo Rosa Elvira Paz, organizadora de la Unión "
        "Ejemplo de Jornaleras. «Ahora lo explicamos nosotras en cada parada»."
    )
    [quote] = quotes
    assert quote.speaker == "Rosa Elvira Paz"
    assert quote.text.startswith("Nadie nos explicó") and "Ahora lo explicamos" in quote.text


def test_a_lone_angle_mark_is_no_quote() -> None:
    assert quotes_in_paragraph("Noticias » Comunicados » Rosa Elvira Paz dijo que la unión seguirá.") == []


def test_a_phrase_saying_how_before_a_colon_attributes_the_quote() -> None:
    [quote] = quotes_in_paragraph(
        "Union treasurer Odette Quist put it simply: “We are not asking for a raise. We are asking to be paid for "
        "the hours we already work.”"
    )
    assert quote.speaker == "Odette Quist"


def test_a_paragraph_ending_with_said_introduces_the_next_one() -> None:
    blocks = [
        Block("Neighbours have joined the nurses too. Walt Brennan, of Example Block Club, added:", "p"),
        Block("We have watched these nurses walk our parents through the worst nights of their lives.”", "p"),
    ]
    [quote] = quotes_from_blocks(blocks)
    assert (quote.speaker, quote.organization) == ("Walt Brennan", "Example Block Club")
    assert quote.text.startswith("We have watched")


def test_a_paragraph_ending_with_a_colon_before_plain_narrative_is_no_statement() -> None:
    blocks = [
        Block("The committee chair, Walt Brennan, added:", "p"),
        Block("The hearing will continue on Thursday with testimony from the county health department.", "p"),
    ]
    assert quotes_from_blocks(blocks) == []


def test_organisation_and_role_before_a_name_with_a_clause_after_it() -> None:
    assert speaker("Lakeshore Transit Riders steward Imani Okafor, who has ridden the 9 bus since 1998") == (
        "Imani Okafor",
        "steward",
        "Lakeshore Transit Riders",
    )
    # Near miss: a description that only ends in a name is not an organisation, a role and a person.
    assert speaker("Imani Okafor of the riders group Lakeshore Transit, which meets weekly")[0] != "Lakeshore Transit"
