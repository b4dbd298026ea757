"""Events from lists of local events and media advisories."""

from datetime import date

from pressroom.models import Contact
from pressroom.normalise.events import events_from_blocks
from pressroom.normalise.text import Block

REF = date(2014, 2, 27)


def test_list_of_local_events() -> None:
    blocks = [
        Block("Los Angeles: Vigil", "p", True),
        Block(
            "contact: Ana Ruiz\nemail:\u00a0\u00a0ana@example.org\nPhone: 213.555.0100\n"
            "Date/ Time of Event: Monday March 3rd at 2:00pm pt\n"
            "Location: 441 Example Street, Los Angeles, CA 90012\nDescription: Rally and vigil.",
            "p",
        ),
        Block(
            "Contact: Jo Kim Email: jo@example.org Phone: 305-555-0111\n"
            "DATE/TIME OF EVENT: March4th at 11:00am\nLocation: Miami, FL",
            "p",
        ),
    ]
    events, used = events_from_blocks(blocks, REF, "America/New_York")
    assert used == {0, 1, 2}
    la, miami = events
    assert la.title == "Los Angeles: Vigil"
    assert la.start.isoformat() == "2014-03-03T14:00:00-08:00"
    assert la.location == "441 Example Street, Los Angeles, CA 90012"
    assert la.description == "Rally and vigil."
    assert la.contacts == (Contact(name="Ana Ruiz", email="ana@example.org", phone="+12135550100"),)
    assert miami.start.isoformat() == "2014-03-04T11:00:00-05:00"
    assert miami.location == "Miami, FL"
    assert miami.contacts == (Contact(name="Jo Kim", email="jo@example.org", phone="+13055550111"),)


def test_advisory_blocks_across_paragraphs() -> None:
    blocks = [
        Block("WHAT: Petition delivery", "p"),
        Block("WHEN: Tuesday March 4 at 12noon pm", "p"),
        Block("WHERE:", "p"),
        Block("Steps of City Hall", "p"),
        Block("WHO: Families and faith leaders", "p"),
    ]
    [event], _ = events_from_blocks(blocks, REF, "America/Chicago")
    assert event.title == "Petition delivery"
    assert event.start.isoformat() == "2014-03-04T12:00:00-06:00"
    assert event.location == "Steps of City Hall"
    assert event.description == "Families and faith leaders"


def test_bilingual_event_told_twice_is_one() -> None:
    blocks = [
        Block("WHEN: Saturday, March 8, 2014, 1:00 – 4:00 p.m.\nWHERE: Example Hall, San Jose, CA", "p"),
        Block("Venga a aprender sobre sus derechos en el trabajo.", "p"),
        Block("Cuando: sábado 8 de marzo de 2014, de la 1:00 a las 4:00 p.m.\nDonde: Salón Ejemplo, San Jose, CA", "p"),
    ]
    [event], _ = events_from_blocks(blocks, REF, "America/Los_Angeles")
    assert event.start.isoformat() == "2014-03-08T13:00:00-08:00"
    assert event.end.isoformat() == "2014-03-08T16:00:00-08:00"
    assert event.location == "Example Hall, San Jose, CA"


def test_day_range_is_all_day() -> None:
    [event], _ = events_from_blocks(
        [Block("Date: Monday March 3rd – Friday March 7th\nLocation: Statewide\nDescription: Week of action", "p")], REF
    )
    assert (event.start, event.end, event.all_day) == (date(2014, 3, 3), date(2014, 3, 7), True)


def test_contact_block_alone_is_not_an_event() -> None:
    events, used = events_from_blocks(
        [Block("Contact: Dan Cole\nEmail: dan@example.org\nPhone: 303-555-0100", "p")], REF
    )
    assert events == [] and used == set()


def test_unlabelled_time_line_then_place() -> None:
    blocks = [
        Block(
            "Habrá una segunda sesión por la tarde:\nMiércoles, 12 Marzo 2014 6pm-8pm\n"
            "Lugar: Salón Ejemplo, Santa Ana, CA",
            "p",
        ),
    ]
    [event] = events_from_blocks(blocks, REF, "America/Los_Angeles")[0]
    assert (event.start.isoformat(), event.end.isoformat()) == (
        "2014-03-12T18:00:00-07:00",
        "2014-03-12T20:00:00-07:00",
    )
    assert event.location == "Salón Ejemplo, Santa Ana, CA"
    # A release line followed by its date is no event: there is no place.
    assert events_from_blocks([Block("FOR IMMEDIATE RELEASE\nMarch 4, 2014", "p", True)], REF)[0] == []


def test_invitation_in_the_lead_paragraph() -> None:
    lead = Block(
        "Red Ejemplo invita a la comunidad a un foro gratuito el jueves 6 de marzo a las 10 de la mañana en el "
        "Centro Comunitario Ejemplo, 415 Calle Ejemplo, Los Ángeles, CA 90033. Habrá cuidado de niños.",
        "p",
    )
    [event] = events_from_blocks([lead], REF, "America/Los_Angeles")[0]
    assert event.start.isoformat() == "2014-03-06T10:00:00-08:00"
    assert event.location == "Centro Comunitario Ejemplo, 415 Calle Ejemplo, Los Ángeles, CA 90033"
    # A hearing mentioned in a report is not an invitation.
    report = Block(
        "The council will vote on March 6 at 10 a.m. at City Hall, 1 Example Plaza, after months of delay.", "p"
    )
    assert events_from_blocks([report], REF)[0] == []


def test_event_paragraph_whose_contact_has_no_phone_or_email() -> None:
    blocks = [
        Block(
            "Riverbend Tenant Assembly\nContact: Omar Haddad\nDate/Time of Event: Thursday, April 9 at 6:30pm\n"
            "Location: Riverbend Library, 12 Mill Road, Dayton, OH 45402\nDescription: Know your rights as a renter.",
            "p",
        ),
        Block("Press contact: Ruth Adler, 937-461-2207", "p"),
    ]
    [event], used = events_from_blocks(blocks, date(2015, 3, 30), "America/New_York")
    assert used == {0}  # the press contact's block stays with the release
    assert event.title == "Riverbend Tenant Assembly"
    assert event.start.isoformat() == "2015-04-09T18:30:00-04:00"
    assert event.contacts == (Contact(name="Omar Haddad"),)


def test_spanish_event_labels() -> None:
    block = Block(
        "Oxnard – Foro comunitario\nContacto: Elena Ríos\nFecha/Hora del evento: viernes, 17 de abril de 2015, 5:00pm\n"
        "Lugar: Centro Cívico, Oxnard, CA\nDescripción: Foro sobre robo de salario.",
        "p",
    )
    [event], used = events_from_blocks([block], date(2015, 4, 1), "America/Los_Angeles")
    assert used == {0}
    assert event.start.isoformat() == "2015-04-17T17:00:00-07:00"
    assert event.location == "Centro Cívico, Oxnard, CA"
    assert event.contacts == (Contact(name="Elena Ríos"),)
    [short], _ = events_from_blocks([Block("Fecha/Hora: 18 de abril, 10am\nLugar: Oxnard, CA", "p")], date(2015, 4, 1))
    assert short.location == "Oxnard, CA"


def test_advisory_in_one_block_keeps_its_contacts_for_the_release() -> None:
    block = Block(
        "PRESS ADVISORY\nContact: Nadia Karim, (410) 662-7015\nWHAT: Bus riders deliver petition to the transit board\n"
        "WHEN: Monday, June 8, 2015, 11:00am – 12:00pm\nWHERE: Transit Authority, 6 Harbor Way, Baltimore, MD 21202\n"
        "WHO: Riders and drivers",
        "p",
    )
    [event], used = events_from_blocks([block], date(2015, 6, 3), "America/New_York")
    assert used == set()
    assert event.start.isoformat() == "2015-06-08T11:00:00-04:00"
    assert event.end.isoformat() == "2015-06-08T12:00:00-04:00"
    assert event.location == "Transit Authority, 6 Harbor Way, Baltimore, MD 21202"
    assert event.contacts == ()
    # WHEN / WHERE then a Contact line: the advisory's press contact, not the event's.
    plain = Block("WHEN: June 9 at 2pm\nWHERE: Harbor Park\nContact: Nadia Karim", "p")
    [event], used = events_from_blocks([plain], date(2015, 6, 3), "America/New_York")
    assert used == set() and event.contacts == () and event.location == "Harbor Park"


def test_time_in_a_sentence_then_a_location_paragraph() -> None:
    blocks = [
        Block("Parents will hold a silent march on Saturday, May 16 at 9:30 am to the district offices.", "p"),
        Block("Location: 900 Oak Street, Fresno, CA 93721", "p"),
    ]
    [event], used = events_from_blocks(blocks, date(2015, 5, 11), "America/Los_Angeles")
    assert event.start.isoformat() == "2015-05-16T09:30:00-07:00" and event.end is None
    assert event.location == "900 Oak Street, Fresno, CA 93721"
    assert used == {1}  # the sentence stays narrative
    # A sentence without a clock time does not make the place an event.
    undated = [Block("The hearing was moved to May 16.", "p"), Block("Location: Fresno, CA", "p")]
    assert events_from_blocks(undated, date(2015, 5, 11))[0] == []


def test_flyer_info_line_is_the_event_contact_and_other_labels_end_the_address() -> None:
    block = Block(
        "Bring your pay stubs. Volunteers will help you file a claim. Snacks provided!\n"
        "WHEN: Sunday, March 9, 2014, 1pm-3pm\n"
        "WHERE: Example Workers Hall, 88 Example Blvd.\nGreenville, SC 29601\n"
        "Info: Marisol Tejada, 864-271-0934\n"
        "Printable flyer: English (PDF) / Spanish (PDF)",
        "p",
    )
    [event], used = events_from_blocks([block], REF, "America/New_York")
    assert used == {0}
    assert event.location == "Example Workers Hall, 88 Example Blvd., Greenville, SC 29601"
    assert event.contacts == (Contact(name="Marisol Tejada", phone="+18642710934"),)
    assert event.title is None  # the lead sentences describe the event; the release's title is used


def test_event_told_in_a_sentence_under_its_heading() -> None:
    block = Block(
        "TUCSON – Caravana al consulado\n"
        "Saldremos el viernes 7 de marzo a las 9 de la mañana en Tucson, AZ, para llegar juntos al consulado.\n"
        "Contacto: Ximena Arriaga, 520-388-4127",
        "p",
        True,
    )
    [event], used = events_from_blocks([block], REF, "America/Phoenix")
    assert used == {0}
    assert (event.title, event.start.isoformat(), event.location) == (
        "TUCSON – Caravana al consulado",
        "2014-03-07T09:00:00-07:00",
        "Tucson, AZ",
    )
    assert event.contacts == (Contact(name="Ximena Arriaga", phone="+15203884127"),)
    # A press contact under a narrative paragraph is no event.
    press = Block(
        "The vote was close.\nOrganizers were in the gallery on Friday, March 7 at 9am at the Capitol.\n"
        "Contact: Ximena Arriaga, 520-388-4127",
        "p",
    )
    assert events_from_blocks([press], REF)[0] == []


def test_one_labelled_line_a_paragraph_under_event_headings() -> None:
    blocks = [
        Block("Duluth", "p", True),
        Block("When: Saturday March 8th at 11:00am", "p"),
        Block("Where: Example Lakewalk Pavilion, Duluth, MN", "p"),
        Block("What: Shoreline cleanup and teach-in", "p"),
        Block("Contact: Birgit Halvorsen, 218-724-5561", "p"),
        Block("Fargo", "p", True),
        Block("When: Sunday March 9th, 2:00 – 4:00 p.m.", "p"),
        Block("Where: Example Library, Fargo, ND", "p"),
        Block("Contact: Kwame Osei-Bonsu, kob@example-fargo.org", "p"),
    ]
    events, used = events_from_blocks(blocks, REF, "America/Chicago")
    assert used == set(range(9))
    assert [(e.title, e.contacts[0].name) for e in events] == [
        ("Duluth", "Birgit Halvorsen"),
        ("Fargo", "Kwame Osei-Bonsu"),
    ]
    # An advisory's blocks under its kind label keep their contact for the press.
    advisory = [
        Block("MEDIA ADVISORY", "p", True),
        Block("WHEN: Saturday March 8th at 11:00am", "p"),
        Block("WHERE: Example Lakewalk Pavilion, Duluth, MN", "p"),
        Block("Contact: Birgit Halvorsen, 218-724-5561", "p"),
    ]
    [event], used = events_from_blocks(advisory, REF, "America/Chicago")
    assert event.contacts == () and 3 not in used


def test_invitation_place_after_a_clock_without_zone() -> None:
    lead = Block(
        "Please join us on Friday, March 7 at 9am at the Example County Courthouse, 12 Example Square, Akron, OH "
        "44308, to stand with the families.",
        "p",
    )
    [event] = events_from_blocks([lead], REF, "America/New_York")[0]
    assert event.start.isoformat() == "2014-03-07T09:00:00-05:00"
    assert event.location == "Example County Courthouse, 12 Example Square, Akron, OH 44308"


def test_invitation_introducing_a_list_of_timed_items() -> None:
    blocks = [
        Block("The riders' union invites everyone to two actions:", "p"),
        Block("Tuesday, April 8 2014 4pm-6pm: picket in front of the Example Transit Depot, 90 Harbor Way.", "li"),
        Block("Asamblea abierta el sábado 12 de abril a las 11 de la mañana en el Salón Ejemplo, 25 Calle Uno.", "li"),
        Block("Bring a sign.", "li"),
    ]
    events, used = events_from_blocks(blocks, REF, "America/Chicago")
    picket, assembly = events
    assert (picket.start.isoformat(), picket.end.isoformat()) == (
        "2014-04-08T16:00:00-05:00",
        "2014-04-08T18:00:00-05:00",
    )
    assert picket.location == "Example Transit Depot, 90 Harbor Way"
    assert assembly.start.isoformat() == "2014-04-12T11:00:00-05:00"
    assert assembly.location == "Salón Ejemplo, 25 Calle Uno"
    assert used == {1, 2}


def test_timed_list_without_an_invitation_is_a_timeline() -> None:
    blocks = [
        Block("What happened so far:", "p"),
        Block("Tuesday, April 8 2014 at 4pm: the board voted at the Example Transit Depot, 90 Harbor Way.", "li"),
    ]
    assert events_from_blocks(blocks, REF, "America/Chicago")[0] == []


def test_location_stops_before_a_labelled_sentence() -> None:
    advisory = [
        Block("WHAT: Briefing on the transit budget", "p"),
        Block("WHEN: Thursday, April 10 at 1:00 p.m. CT", "p"),
        Block("WHERE: Online. Dial-in number: 1-312-940-2716, access code 55021", "p"),
    ]
    [event], _ = events_from_blocks(advisory, REF, "America/Chicago")
    assert event.location == "Online"
    [event], _ = events_from_blocks(
        [Block("When: April 10, 2014 at 1pm\nWhere: 12 W. Example St. Suite 4, Duluth, MN", "p")], REF
    )
    assert event.location == "12 W. Example St. Suite 4, Duluth, MN"
    [event], _ = events_from_blocks([Block("When: April 10, 2014 at 1pm\nWhere: Example Library. Room: 3B", "p")], REF)
    assert event.location == "Example Library. Room: 3B"


def test_narrative_sentence_where_the_release_people_will_take_part_is_an_event() -> None:
    lead = Block("For Immediate Release", "p", True)
    story = Block("Tenants say repairs have waited for more than a year while the rent went up twice.", "p")
    plan = Block(
        "Tenants plan to testify during public comment at the housing board meeting on Tuesday, March 11 at 5:30 "
        "p.m. at the county services center, 220 Example Avenue, Fresno, CA 93721.",
        "p",
    )
    [event] = events_from_blocks([lead, story, story, story, plan], REF, "America/Los_Angeles")[0]
    assert event.start.isoformat() == "2014-03-11T17:30:00-07:00"
    # A lower-case venue counts as the place because a street address follows it.
    assert event.location == "county services center, 220 Example Avenue, Fresno, CA 93721"
    # What an institution will do, or what already happened, is news.
    for text in (
        "The housing board will vote on Tuesday, March 11 at 5:30 p.m. at the county services center, 220 Example "
        "Avenue, Fresno, CA 93721, after two delays.",
        "Tenants testified on Tuesday, February 25 at 5:30 p.m. at the county services center, 220 Example Avenue, "
        "Fresno, CA 93721.",
    ):
        assert events_from_blocks([lead, story, story, story, Block(text, "p")], REF)[0] == []


def test_invitation_beside_the_timed_sentence_later_in_the_release() -> None:
    blocks = [Block("Los vendedores llevan años pidiendo un permiso que puedan pagar y una respuesta clara.", "p")] * 5
    blocks.append(
        Block(
            "El Concejo discutirá la propuesta el martes 11 de marzo a las 5 de la tarde en el Centro Cívico Ejemplo, "
            "300 Calle Ejemplo, Santa Ana, CA 92701. La Red invita a todas las familias a asistir.",
            "p",
        )
    )
    [event] = events_from_blocks(blocks, REF, "America/Los_Angeles")[0]
    assert event.start.isoformat() == "2014-03-11T17:00:00-07:00"
    assert event.location == "Centro Cívico Ejemplo, 300 Calle Ejemplo, Santa Ana, CA 92701"


def test_flyer_info_line_under_when_and_where_lines_is_the_event_contact() -> None:
    # Each labelled line in its own <div>, the INFO line last: whom attendees call, not the press contact.
    blocks = [
        Block("WHAT: Free tax-help night for families", "div"),
        Block("WHEN: Thursday, March 13, 6:00 p.m. – 8:00 p.m.", "div"),
        Block("WHERE: Eastside Library, 90 Example Road, Tucson, AZ 85711", "div"),
        Block("INFO: Call Tomasa Reyes at (520) 881-4402", "div"),
    ]
    [event], used = events_from_blocks(blocks, REF, "America/Phoenix")
    assert used == {0, 1, 2, 3}
    assert event.contacts == (Contact(name="Tomasa Reyes", phone="+15208814402"),)


def test_contact_first_entry_split_into_a_paragraph_a_line() -> None:
    # The guide's event paragraph (Contact, Email, Phone, Date/Time, Location, Description) split by a page builder
    # into one paragraph a line, labels in lower-case Spanish: the contact is the event's, not the release's.
    blocks = [
        Block("Durante la semana del 9 de marzo, las familias se reunirán en todo el estado.", "p"),
        Block("Tampa: asamblea de vecinos", "p"),
        Block("contacto: Marisol Quiñones-Bravo", "p"),
        Block("correo: mquinones@vecinos-tampa.example", "p"),
        Block("teléfono: 813-272-4406", "p"),
        Block("fecha/ hora: Martes, 10 Marzo 2014 6pm-8pm", "p"),
        Block("lugar: Salón Parroquial Santa Clara, 2904 W. Cypress St., Tampa, FL 33609", "p"),
        Block("Tampa: rueda de prensa", "p"),
        Block("Cerraremos la semana con una rueda de prensa el viernes 14 de marzo a las 11 de la mañana.", "p"),
        Block("contacto: Aurelio Benítez", "p"),
        Block("correo: abenitez@vecinos-tampa.example", "p"),
        Block("lugar: Escalones del Juzgado del Condado", "p"),
    ]
    events, used = events_from_blocks(blocks, REF, "America/New_York")
    assert [(e.title, e.start.isoformat(), e.location, e.contacts[0].name) for e in events] == [
        (
            "Tampa: asamblea de vecinos",
            "2014-03-10T18:00:00-04:00",
            "Salón Parroquial Santa Clara, 2904 W. Cypress St., Tampa, FL 33609",
            "Marisol Quiñones-Bravo",
        ),
        ("Tampa: rueda de prensa", "2014-03-14T11:00:00-04:00", "Escalones del Juzgado del Condado", "Aurelio Benítez"),
    ]
    assert used == set(range(1, 12)) - {8}  # the timed sentence stays narrative
    # An advisory's press contact follows its WHEN / WHERE blocks: it is no event's contact.
    advisory = [
        Block("WHEN: Friday, March 14, 11:00 a.m.", "p"),
        Block("WHERE: County Courthouse steps", "p"),
        Block("Contact: Aurelio Benítez", "p"),
        Block("Email: abenitez@vecinos-tampa.example", "p"),
    ]
    [event], used = events_from_blocks(advisory, REF, "America/New_York")
    assert event.contacts == () and not used & {2, 3}


def test_questions_line_under_a_flyers_when_and_where_is_the_event_contact() -> None:
    blocks = [
        Block("WHEN: Saturday, March 15, 10:00 a.m. – 1:00 p.m.", "p"),
        Block("WHERE: Westside Rec Center, 77 Example Avenue, Stockton, CA 95203", "p"),
        Block("Questions? Call Dorotea Lindqvist-Ruiz at (209) 463-1187.", "p"),
        Block("Cuándo: sábado, 15 de marzo de 2014, de 10:00 a.m. a 1:00 p.m.", "p"),
        Block("Dónde: Westside Rec Center, 77 Example Avenue, Stockton, CA 95203", "p"),
        Block("¿Preguntas? Llame a Dorotea Lindqvist-Ruiz al (209) 463-1187.", "p"),
    ]
    [event], used = events_from_blocks(blocks, REF, "America/Los_Angeles")
    assert used == set(range(6))
    assert event.contacts == (Contact(name="Dorotea Lindqvist-Ruiz", phone="+12094631187"),)
    # Under an advisory's WHAT / WHO the same line asks reporters: the release keeps it.
    advisory = [Block("WHAT: Press conference on the closures", "p"), *blocks[:3]]
    [event], used = events_from_blocks(advisory, REF, "America/Los_Angeles")
    assert event.contacts == () and 3 not in used


def test_place_ends_before_a_sentence_of_instructions() -> None:
    blocks = [
        Block("WHEN: Wednesday, March 12, 2:00 p.m. (EDT)", "p"),
        Block("WHERE: Conference call for reporters. Dial 1-800-938-2214, passcode 55102.", "p"),
    ]
    [event], _ = events_from_blocks(blocks, REF, "America/New_York")
    assert event.location == "Conference call for reporters"
    # Capitalised address abbreviations are no sentence end.
    blocks[1] = Block("WHERE: Union Hall, 48 N. Example Ave. Suite 2, Dayton, OH 45402", "p")
    [event], _ = events_from_blocks(blocks, REF, "America/New_York")
    assert event.location == "Union Hall, 48 N. Example Ave. Suite 2, Dayton, OH 45402"


def test_when_where_contact_paragraphs_each_under_their_heading_are_listed_events() -> None:
    # A list of events: each entry is named by a heading and has its own When / Where / Contact lines.
    blocks = [
        Block("Tulsa: Teach-In on Wage Theft", "h3"),
        Block(
            "When: Friday, May 8 at 6:30 p.m.\nWhere: Greenwood Branch Library, 515 N. Example Ave., Tulsa, OK 74106\n"
            "Contact: Odessa Lindqvist, (918) 364-2210",
            "p",
        ),
        Block("Norman: Campus Rally", "h3"),
        Block(
            "When: Saturday, May 9, 11am-1pm\nWhere: South Oval, Norman, OK\nContact: Kofi Adjei, kadjei@example.org",
            "p",
        ),
    ]
    tulsa, norman = events_from_blocks(blocks, date(2015, 5, 1), "America/Chicago")[0]
    assert tulsa.title == "Tulsa: Teach-In on Wage Theft"
    assert tulsa.start.isoformat() == "2015-05-08T18:30:00-05:00"
    assert tulsa.contacts == (Contact(name="Odessa Lindqvist", phone="+19183642210"),)
    assert norman.title == "Norman: Campus Rally"
    assert norman.contacts == (Contact(name="Kofi Adjei", email="kadjei@example.org"),)
    # Without a heading of its own the paragraph is an advisory's, and its Contact line is the press contact.
    [event], used = events_from_blocks(blocks[1:2], date(2015, 5, 1), "America/Chicago")
    assert event.contacts == () and used == set()


def test_unlabelled_time_line_under_its_heading_in_a_list_of_events() -> None:
    listed = [
        Block("Norman: Campus Rally", "h3"),
        Block("When: Saturday, May 9, 11am-1pm\nWhere: South Oval, Norman, OK\nContact: Kofi Adjei, 405-329-1187", "p"),
    ]
    online = [
        Block("Statewide Call: Your Rights on the Job", "h3"),
        Block(
            "Wednesday May 13, 7:00 p.m. (CDT) 5:00 p.m. (PDT)\nOnline only; the link goes to everyone who signs up.",
            "p",
        ),
    ]
    events, used = events_from_blocks(listed + online, date(2015, 5, 1), "America/Chicago")
    assert [(e.title, e.start.isoformat(), e.location) for e in events] == [
        ("Norman: Campus Rally", "2015-05-09T11:00:00-05:00", "South Oval, Norman, OK"),
        ("Statewide Call: Your Rights on the Job", "2015-05-13T19:00:00-05:00", None),
    ]
    assert used == {0, 1, 2, 3}
    # Alone, a heading over a timed line is no list of events; and a date line without a clock time is no entry.
    assert events_from_blocks(online, date(2015, 5, 1), "America/Chicago")[0] == []
    undated = [Block("Statewide Call", "h3"), Block("Wednesday May 13\nDetails to follow.", "p")]
    assert len(events_from_blocks(listed + undated, date(2015, 5, 1), "America/Chicago")[0]) == 1


_STORY = Block("Riders say the night buses have been cut twice in a year while fares went up by a quarter.", "p")


def _announced(text: str, ref: date = REF, tz: str = "America/Chicago") -> list:
    return events_from_blocks([_STORY, _STORY, Block(text, "p")], ref, tz)[0]


def test_narrative_announcement_without_a_place_after_the_clock() -> None:
    # The place named before the day.
    [event] = _announced("Riders and drivers will gather at Example Transit Plaza on Monday, March 10 at 7 a.m. sharp.")
    assert (event.start.isoformat(), event.location) == ("2014-03-10T07:00:00-05:00", "Example Transit Plaza")
    # No place at all, or only the meeting they go to: the event still has its time.
    [event] = _announced("Riders will testify at the transit board hearing on Wednesday, March 12 at 9:30 a.m. CT.")
    assert (event.start.isoformat(), event.location) == ("2014-03-12T09:30:00-05:00", None)
    # What is arranged, in the present: "are gathering".
    [event] = _announced("We are gathering Saturday March 15th at 11:00am on the north lawn to say no more cuts.")
    assert event.start.isoformat() == "2014-03-15T11:00:00-05:00"
    # "will hold" a gathering of the release's own people, with Atlantic time written after the autumn change.
    [event] = _announced(
        "Drivers and their families will hold a community meeting on Thursday, November 20 at 6:30 p.m. ADT at the "
        "Example Legion Hall, 14 Example Road, Moncton.",
        date(2014, 11, 14),
        "America/Moncton",
    )
    assert event.start.isoformat() == "2014-11-20T18:30:00-04:00"
    assert event.location == "Example Legion Hall, 14 Example Road, Moncton"
    # Spanish: the organisation calls people to a gathering.
    [event] = _announced(
        "La Red convoca a una caminata el sábado 8 de marzo a las 9 de la mañana desde la plaza del mercado.",
        tz="America/Puerto_Rico",
    )
    assert (event.start.isoformat(), event.location) == ("2014-03-08T09:00:00-04:00", None)


def test_narrative_dates_that_are_not_announced_gatherings() -> None:
    for text in (
        # A day already past when the release came out.
        "Riders will rally again, as they did on Monday, February 17 at 7 a.m. outside the transit offices.",
        # A deadline.
        "Riders will deliver their written comments by Friday, March 14 at 5 p.m., the end of the comment period.",
        # What an institution holds is news.
        "The transit board will hold a hearing on Wednesday, March 12 at 9:30 a.m. on the proposed cuts.",
        # No clock time.
        "Riders will rally again when the board meets on March 12, and the board meets again on April 9.",
    ):
        assert _announced(text) == [], text


def test_list_under_a_heading_that_names_gatherings() -> None:
    heading = Block("Listening sessions and town halls", "h2", True)
    items = [
        Block("Springfield: Tuesday, March 4 at 6:30pm — Example Branch Library, 12 N. Main St, Springfield, IL", "li"),
        Block("Peoria: Saturday, March 8, 10:00 – 11:30 a.m. — Example Union Hall, 400 W. Lake Ave, Peoria, IL", "li"),
    ]
    first, second = events_from_blocks([_STORY, heading, *items], REF, "America/Chicago")[0]
    assert (first.start.isoformat(), first.location) == (
        "2014-03-04T18:30:00-06:00",
        "Example Branch Library, 12 N. Main St, Springfield, IL",
    )
    assert (second.start.isoformat(), second.end.isoformat()) == (
        "2014-03-08T10:00:00-06:00",
        "2014-03-08T11:30:00-06:00",
    )
    # A heading over days already past heads a timeline.
    assert events_from_blocks([_STORY, heading, *items], date(2014, 3, 20), "America/Chicago")[0] == []
    # A heading that names no gathering introduces no events.
    other = Block("Where the cuts fall", "h2", True)
    assert events_from_blocks([_STORY, other, *items], REF, "America/Chicago")[0] == []


def test_gathering_named_before_a_colon_then_its_day_and_time() -> None:
    line = Block(
        "Press briefing (online): Tuesday, March 4 at 10:00 a.m. (CST) / 11:00 a.m. (EST). Register at example.org.",
        "p",
    )
    [event], used = events_from_blocks([_STORY, line], REF, "America/Chicago")
    assert (event.title, event.start.isoformat(), used) == ("Press briefing (online)", "2014-03-04T10:00:00-06:00", {1})
    for text in (
        "Registration deadline for the forum: Tuesday, March 4 at 10:00 a.m.",
        "Press briefing: the recording from Tuesday, March 4 at 10:00 a.m. is online.",
        "Press briefing (online): Tuesday, February 18 at 10:00 a.m. (CST).",
    ):
        assert events_from_blocks([_STORY, Block(text, "p")], REF, "America/Chicago")[0] == [], text


def test_weekday_alone_in_an_announcement_is_the_coming_day() -> None:
    # REF is a Thursday: "on Tuesday" is the Tuesday after it, in the partner's zone.
    [event] = _announced("Riders will rally on Tuesday at 8 a.m. in front of the transit offices before the vote.")
    assert (event.start.isoformat(), event.location) == ("2014-03-04T08:00:00-06:00", None)
    [event] = _announced("Members will gather Saturday at 11 a.m. at Example Park, 40 Example Avenue.")
    assert (event.start.isoformat(), event.location) == ("2014-03-01T11:00:00-06:00", "Example Park, 40 Example Avenue")
    # Spanish: "el martes a las 8 de la mañana".
    [event] = _announced("Los choferes marcharán el martes a las 8 de la mañana desde la terminal del norte.")
    assert event.start.isoformat() == "2014-03-04T08:00:00-06:00"


def test_weekday_alone_that_names_no_coming_day() -> None:
    for text in (
        # The release's own weekday: today, or a week on.
        "Riders will rally on Thursday at 8 a.m. in front of the transit offices before the vote.",
        # Not this week's day, or not one day.
        "Riders will rally next Tuesday at 8 a.m. in front of the transit offices before the vote.",
        "Riders will rally every Tuesday at 8 a.m. in front of the transit offices until the vote.",
        # A deadline.
        "Riders will deliver their written comments by Friday at 5 p.m., the end of the comment period.",
        # Narrative beside an invitation: what already happened.
        "On Monday at 9 a.m. the board voted to cut the night routes. Join us to tell them what that means.",
    ):
        assert _announced(text) == [], text
    # Without the release's date there is nothing to count from.
    assert _announced("Riders will rally on Tuesday at 8 a.m. in front of the transit offices.", None) == []


def test_list_that_an_announcement_introduces_with_the_place_after_the_time() -> None:
    intro = Block("The alliance will hold two town halls where riders can question the board:", "p")
    items = [
        Block("Aurora: Tuesday, March 4 at 6 p.m. CST, Example Branch Library, 12 Main Street, Aurora, IL 60505", "li"),
        Block("Joliet: Saturday, March 8, 10:00 – 11:30 a.m., Example Union Hall, 400 Lake Avenue, Joliet, IL", "li"),
    ]
    first, second = events_from_blocks([_STORY, intro, *items], REF, "America/Chicago")[0]
    assert (first.start.isoformat(), first.location) == (
        "2014-03-04T18:00:00-06:00",
        "Example Branch Library, 12 Main Street, Aurora, IL 60505",
    )
    assert (second.start.isoformat(), second.end.isoformat(), second.location) == (
        "2014-03-08T10:00:00-06:00",
        "2014-03-08T11:30:00-06:00",
        "Example Union Hall, 400 Lake Avenue, Joliet, IL",
    )
    # Days already past when the release came out: a timeline, not gatherings to attend.
    assert events_from_blocks([_STORY, intro, *items], date(2014, 3, 20), "America/Chicago")[0] == []


def test_time_line_under_its_heading_that_runs_on_into_a_sentence() -> None:
    listed = [
        Block("Workshop: Reading Your Lease", "h2"),
        Block("Thursday, June 4, 5pm-6pm\nLocation: Example Community Room, Tacoma", "p"),
    ]
    online = [
        Block("Call-in: Rent Caps Explained", "h2"),
        Block(
            "Monday, June 1 at 4:00 p.m. (EDT) 1:00 p.m. (PDT), by phone. Organized with our statewide partners.", "p"
        ),
    ]
    events = events_from_blocks(online + listed, date(2020, 5, 20), "America/Los_Angeles")[0]
    assert [e.start.isoformat() for e in events] == ["2020-06-01T16:00:00-04:00", "2020-06-04T17:00:00-07:00"]
    assert events[0].title == "Call-in: Rent Caps Explained"


def test_reporters_invited_to_a_timed_press_call() -> None:
    [event] = _announced(
        "Reporters are invited to a press call on Wednesday, March 12 at 1:00 p.m. (CDT) 11:00 a.m. (PDT) to hear "
        "from the drivers."
    )
    assert event.start.isoformat() == "2014-03-12T13:00:00-05:00"


def test_spanish_caravan_announced_by_where_it_sets_off() -> None:
    [event] = _announced(
        "Los conductores saldrán el miércoles 12 de marzo a las 8 de la mañana desde el Parque Ejemplo, en Elgin.",
        tz="America/Chicago",
    )
    assert (event.start.isoformat(), event.location) == ("2014-03-12T08:00:00-05:00", "Parque Ejemplo")


def test_place_after_the_clock_ends_where_the_clause_begins() -> None:
    [event] = _announced(
        "Las madres marcharán el viernes 14 de marzo a las 5 de la tarde frente al Palacio de Justicia de Ejemplo.",
        tz="America/Chicago",
    )
    assert event.location == "Palacio de Justicia de Ejemplo"
    [event] = _announced(
        "Los choferes protestarán el lunes 10 de marzo a las 7 de la mañana en la Terminal Norte para exigir turnos "
        "más cortos.",
        tz="America/Chicago",
    )
    assert event.location == "Terminal Norte"


def test_members_will_present_to_a_committee_at_a_time_and_place() -> None:
    [event] = _announced(
        "Tenant leaders will present their findings to the Zoning Board on Tuesday, March 11 at 2:15 p.m. CDT at "
        "Example Municipal Building, 40 Oak Street, Elgin.",
    )
    assert (event.start.isoformat(), event.location) == (
        "2014-03-11T14:15:00-05:00",
        "Example Municipal Building, 40 Oak Street, Elgin",
    )


def test_spanish_gathering_again_is_announced() -> None:
    [event] = _announced(
        "Los vecinos volverán a reunirse el martes 11 de marzo a las 6 de la tarde en el Salón Ejemplo para votar.",
    )
    assert (event.start.isoformat(), event.location) == ("2014-03-11T18:00:00-05:00", "Salón Ejemplo")


def test_place_the_rally_stands_outside_after_the_clock() -> None:
    [event] = _announced("Nurses will rally on Monday at 7 a.m. outside the Example County Courthouse to ask for aid.")
    assert (event.start.isoformat(), event.location) == ("2014-03-03T07:00:00-06:00", "Example County Courthouse")
    [event] = _announced("Las enfermeras marcharán el lunes 3 de marzo a las 9 de la mañana afuera del Hospital Sur.")
    assert event.location == "Hospital Sur"


def test_questions_line_after_a_list_of_several_events_is_the_releases() -> None:
    listing = [
        Block("Date/Time of Event: Monday March 3rd at 6pm\nLocation: Example Hall, Reno\nDescription: Teach-in.", "p"),
        Block("Date/Time of Event: Tuesday March 4th at 6pm\nLocation: Example Library, Sparks", "p"),
        Block("Date/Time of Event: Friday March 7th at noon\nLocation: Example Plaza, Carson City", "p"),
        Block("Questions about these actions? Contact: Odile Varga, ovarga@example.org, (775) 321-4478.", "p"),
    ]
    events, used = events_from_blocks(listing, REF, "America/Los_Angeles")
    assert len(events) == 3 and 3 not in used
    assert all(e.contacts == () for e in events)


def test_section_of_events_with_name_day_and_place_lines() -> None:
    blocks = [
        _STORY,
        Block("Upcoming events", "h3"),
        Block("Tool library open days\nMonday March 10th – Wednesday March 12th\nExample Makerspace, 9 Elm Ave", "p"),
        Block("Repair café\nSaturday March 15, 1pm – 4pm\nExample Parish Hall, Tacoma, WA", "p"),
        Block("Press contact: Ivo Brandt, 253-555-0147", "p"),
    ]
    events, used = events_from_blocks(blocks, REF, "America/Los_Angeles")
    assert used == {2, 3}
    open_days, cafe = events
    assert (open_days.start.isoformat(), open_days.end.isoformat(), open_days.all_day) == (
        "2014-03-10",
        "2014-03-12",
        True,
    )
    assert (open_days.title, open_days.location) == ("Tool library open days", "Example Makerspace, 9 Elm Ave")
    assert (cafe.start.isoformat(), cafe.end.isoformat(), cafe.location) == (
        "2014-03-15T13:00:00-07:00",
        "2014-03-15T16:00:00-07:00",
        "Example Parish Hall, Tacoma, WA",
    )
    # Under a heading, days already past make the section a record of what happened.
    assert events_from_blocks(blocks, date(2014, 4, 1), "America/Los_Angeles")[0] == []


def test_sentence_under_the_place_is_not_part_of_it() -> None:
    blocks = [
        Block("WHEN: Saturday, March 15, 10:00 a.m.", "p"),
        Block("WHERE: Example Grange Hall, 14 Mill Road\nSalem, OR 97301\nSnacks and rides will be offered.", "p"),
    ]
    [event] = events_from_blocks(blocks, REF, "America/Los_Angeles")[0]
    assert event.location == "Example Grange Hall, 14 Mill Road, Salem, OR 97301"


def test_any_short_label_then_a_coming_day_and_clock_is_an_event() -> None:
    # Whatever the label names, "<label>: <day> <clock>[, place]" still to come is one event.
    lines = [
        Block("Bakersfield send-off: Saturday, March 8th 9am-11am, Farmworker Hall, 22 Orchard Rd, Arvin, CA", "p"),
        Block("Evening phone bank: Thursday March 6 5:30pm pt – 8:00pm pt, Second Street Library", "p"),
        Block("Días de llamadas: Lunes 3 de marzo – Viernes 7 de marzo. Llame a su senador cada día.", "p"),
    ]
    events, used = events_from_blocks([_STORY, *lines], REF, "America/Los_Angeles")
    assert [(e.title, e.start.isoformat(), e.end.isoformat(), e.all_day, e.location) for e in events] == [
        (
            "Bakersfield send-off",
            "2014-03-08T09:00:00-08:00",
            "2014-03-08T11:00:00-08:00",
            False,
            "Farmworker Hall, 22 Orchard Rd, Arvin, CA",
        ),
        (
            "Evening phone bank",
            "2014-03-06T17:30:00-08:00",
            "2014-03-06T20:00:00-08:00",
            False,
            "Second Street Library",
        ),
        ("Días de llamadas", "2014-03-03", "2014-03-07", True, None),
    ]
    assert used == {1, 2, 3}


def test_a_labelled_day_that_is_no_gathering_is_no_event() -> None:
    for text in (
        "Office hours: Monday, March 3 9am-5pm, Room 12, Example Building",  # when the office is open
        "Comments due: Friday, March 7 at 5pm, by email to the clerk",  # a deadline
        "Horario de atención: Lunes 3 de marzo 9am-5pm",  # office hours in Spanish
        "Town hall: Monday, February 3 at 6pm, Example Library",  # already past on the release date
        "Statewide day of action: Saturday, March 8",  # a single day with no clock: as often a date about the post
        "A much longer label than any event would carry here: Monday, March 3 at 6pm",  # a sentence, not a label
    ):
        assert events_from_blocks([_STORY, Block(text, "p")], REF, "America/Los_Angeles")[0] == [], text


def test_a_gathering_named_as_the_subject_that_will_take_place() -> None:
    cases = {
        "The media briefing will take place Tuesday, March 4 at 11:00 a.m. (CST) 9:00 a.m. (PST). Dial in below.": (
            "2014-03-04T11:00:00-06:00"
        ),
        "Our webinar is scheduled for Wednesday, March 5 at 2 p.m., and the slides will be shared afterwards.": (
            "2014-03-05T14:00:00-06:00"
        ),
        "La rueda de prensa se llevará a cabo el lunes 3 de marzo a las 9 de la mañana, con traducción simultánea.": (
            "2014-03-03T09:00:00-06:00"
        ),
    }
    for text, start in cases.items():
        [event] = _announced(text)
        assert event.start.isoformat() == start, text
    # An institution's hearing or session is news; a gathering already held is narrative.
    for text in (
        "The committee hearing will take place Tuesday, March 4 at 11:00 a.m. in the statehouse annex.",
        "The press call took place Tuesday, February 18 at 11:00 a.m. and drew forty reporters from every region.",
        "The press call will take place Tuesday, February 18 at 11:00 a.m., the organisers said in their notice.",
    ):
        assert _announced(text) == [], text


def test_returning_to_a_gathering_or_a_place_is_taking_part() -> None:
    [event] = _announced(
        "Los inquilinos volverán a la audiencia el martes 4 de marzo a las 9 de la mañana en el 12 Main Street."
    )
    assert (event.start.isoformat(), event.location) == ("2014-03-04T09:00:00-06:00", "12 Main Street")
    [event] = _announced(
        "Parents will return to the school board on Monday, March 10 at 6 p.m. at Example Middle School."
    )
    assert (event.start.isoformat(), event.location) == ("2014-03-10T18:00:00-05:00", "Example Middle School")
    # Going back to a subject is not going anywhere: no clock, no event.
    assert _announced("Los inquilinos volverán a la carga cuando el concejo publique su propuesta el 4 de marzo.") == []


def test_a_date_label_alone_is_the_pages_own_date() -> None:
    story = Block("Members of the tenants' union met the mayor's staff about the heating failures.", "p")
    for text in ("Date: February 27, 2014", "Fecha: 27 de febrero de 2014", "DATE: Thursday, February 27, 2014"):
        assert events_from_blocks([Block(text, "p"), story], REF, "America/Chicago")[0] == [], text
    # With a clock, or a place, the line still times an event.
    [event] = events_from_blocks([Block("When: Monday, March 3 at 6pm", "p"), story], REF, "America/Chicago")[0]
    assert event.start.isoformat() == "2014-03-03T18:00:00-06:00"
    blocks = [Block("Date: Saturday, March 8\nLocation: Example Park, 5 Elm St", "p"), story]
    [event] = events_from_blocks(blocks, REF, "America/Chicago")[0]
    assert (event.start.isoformat(), event.location) == ("2014-03-08", "Example Park, 5 Elm St")


def test_an_initials_full_stop_does_not_cut_the_place() -> None:
    text = "Vendors will speak before the council on Thursday, March 6 at 10 a.m. at Example Hall, 200 N. Main St."
    [event] = _announced(text)
    assert event.location == "Example Hall, 200 N. Main St"
    text = "Las familias marcharán el lunes 3 de marzo a las 9 de la mañana desde el Parque Ejemplo, 12 S. Elm Ave."
    [event] = _announced(text)
    assert event.location == "Parque Ejemplo, 12 S. Elm Ave"
    # A lower-case word's full stop still ends the place.
    text = "Riders will rally on Thursday, March 6 at 10 a.m. at Example Plaza. Bring signs and water."
    [event] = _announced(text)
    assert event.location == "Example Plaza"


def test_a_line_a_clause_labels_under_the_place_is_not_part_of_it() -> None:
    blocks = [
        Block("WHAT: Riders speak out on the route cuts", "p"),
        Block("WHEN: Monday, March 10, 9:30 a.m. (CDT)", "p"),
        Block(
            "WHERE: Oakridge Grange, 40 Depot Lane, Fargo, ND\n"
            "Anyone who cannot travel may listen in: 701-232-8850, pin 5521.",
            "p",
        ),
    ]
    [event] = events_from_blocks(blocks, REF, "America/Chicago")[0]
    assert event.location == "Oakridge Grange, 40 Depot Lane, Fargo, ND"
    # Lower-case words with no colon after them still describe the place.
    blocks[2] = Block("WHERE: Oakridge Grange\nEntrance by the loading dock, 40 Depot Lane, Fargo, ND", "p")
    [event] = events_from_blocks(blocks, REF, "America/Chicago")[0]
    assert event.location == "Oakridge Grange, Entrance by the loading dock, 40 Depot Lane, Fargo, ND"


def test_spanish_reflexive_future_of_gathering_is_announced() -> None:
    text = (
        "Los jornaleros se congregarán el sábado 15 de marzo a las 11 de la mañana en la Plaza del Roble, "
        "220 Calle Olmo, Pomona, CA 91766, para exigir sus salarios."
    )
    [event] = _announced(text, tz="America/Los_Angeles")
    assert (event.start.isoformat(), event.location) == (
        "2014-03-15T11:00:00-07:00",
        "Plaza del Roble, 220 Calle Olmo, Pomona, CA 91766",
    )
    # The past ("se concentraron") tells what happened; the subjunctive ("se concentrara") is no plan.
    for text in (
        "Los jornaleros se concentraron el sábado 15 de marzo a las 11 de la mañana en la Plaza del Roble, Pomona.",
        "Pidieron que nadie se concentrara el sábado 15 de marzo a las 11 de la mañana en la Plaza del Roble.",
    ):
        assert _announced(text, tz="America/Los_Angeles") == [], text


def test_one_sentence_announcing_two_gatherings_gives_both() -> None:
    text = (
        "Nurses will picket on Monday, March 10 at 7 a.m. at Saint Brendan Hospital, 500 Elm St, Dayton, OH, and "
        "will hold a community forum on Thursday, March 13, 6:30pm-8pm, at Oak Street Grange, 12 Oak St, Dayton, OH."
    )
    first, second = _announced(text, tz="America/New_York")
    assert (first.start.isoformat(), first.location) == (
        "2014-03-10T07:00:00-04:00",
        "Saint Brendan Hospital, 500 Elm St, Dayton, OH",
    )
    assert (second.start.isoformat(), second.end.isoformat(), second.location) == (
        "2014-03-13T18:30:00-04:00",
        "2014-03-13T20:00:00-04:00",
        "Oak Street Grange, 12 Oak St, Dayton, OH",
    )
    # A second clause without a day, clock and place of its own adds no event.
    text = "Nurses will picket on Monday, March 10 at 7 a.m. at Saint Brendan Hospital, and will talk to reporters."
    [event] = _announced(text, tz="America/New_York")
    assert (event.start.isoformat(), event.location) == ("2014-03-10T07:00:00-04:00", "Saint Brendan Hospital")
    # A clause about a day already past is narrative: only the one still to come is an event.
    text = (
        "Nurses picketed on Monday, February 17 at 7 a.m. at Saint Brendan Hospital, 500 Elm St, and will hold a "
        "community forum on Thursday, March 13 at 6:30 p.m. at Oak Street Grange, 12 Oak St, Dayton, OH."
    )
    [event] = _announced(text, tz="America/New_York")
    assert (event.start.isoformat(), event.location) == (
        "2014-03-13T18:30:00-04:00",
        "Oak Street Grange, 12 Oak St, Dayton, OH",
    )


def test_an_online_item_of_an_invited_list_needs_no_place() -> None:
    blocks = [
        Block("Renters across the valley are organising before the vote. We invite you to these sessions:", "p"),
        Block("Tenant rights clinic – Tuesday, March 4, 6pm, Delgado Branch Library, 88 Vine St, Fresno, CA", "li"),
        Block("Video Q&A for renters – Thursday, March 6 at 7:00 p.m. pt (link sent after sign-up)", "li"),
    ]
    clinic, online = events_from_blocks(blocks, REF, "America/Los_Angeles")[0]
    assert (clinic.start.isoformat(), clinic.location) == (
        "2014-03-04T18:00:00-08:00",
        "Delgado Branch Library, 88 Vine St, Fresno, CA",
    )
    assert (online.start.isoformat(), online.location) == ("2014-03-06T19:00:00-08:00", None)
    # A deadline in the list, and a day with no clock, are no gatherings.
    blocks[2] = Block("Sign up by Monday, March 3 at 5 p.m. to get the link", "li")
    blocks.append(Block("Recording posted Friday, March 7", "li"))
    [clinic] = events_from_blocks(blocks, REF, "America/Los_Angeles")[0]
    assert clinic.location == "Delgado Branch Library, 88 Vine St, Fresno, CA"


def test_paragraph_of_day_and_place_under_a_line_that_introduces_it() -> None:
    intro = Block("Parents and teachers will host a town hall on the budget:", "p")
    entry = Block(
        "Tuesday, March 11, 6pm-7:30pm CT\nWhitman Middle School cafeteria, 800 Birch Ave, Omaha, NE 68104", "p"
    )
    [event] = events_from_blocks([_STORY, intro, entry], REF, "America/Chicago")[0]
    assert (event.start.isoformat(), event.end.isoformat(), event.location) == (
        "2014-03-11T18:00:00-05:00",
        "2014-03-11T19:30:00-05:00",
        "Whitman Middle School cafeteria, 800 Birch Ave, Omaha, NE 68104",
    )
    # The second line is a sentence, not a place; and a day already past under an announcement is narrative.
    chatty = Block("Tuesday, March 11, 6pm\nBring your questions and a friend.", "p")
    past = Block("Tuesday, February 11, 6pm-7:30pm\nWhitman Middle School cafeteria, 800 Birch Ave, Omaha", "p")
    for block in (chatty, past):
        assert events_from_blocks([_STORY, intro, block], REF, "America/Chicago")[0] == [], block.text


def _table_blocks(html: str) -> list[Block]:
    """The blocks of an HTML fragment, as the extractor reads them (table rows numbered)."""
    import lxml.html

    from pressroom.normalise.text import blocks

    return blocks(lxml.html.fragment_fromstring(html, create_parent="div"))


def test_a_table_of_events_gives_one_event_a_row() -> None:
    html = (
        "<p>Join a listening session near you.</p><table>"
        "<tr><th>Town</th><th>Date</th><th>Hours</th><th>Venue</th><th>Contact</th></tr>"
        "<tr><td>Tacoma, WA</td><td>Tues., May 12</td><td>6:30–8 pm</td><td>Hilltop Example Library</td>"
        "<td>Noor Haddad<br>253-555-0147</td></tr>"
        "<tr><td>Yakima, WA</td><td colspan='2'>Cancelled</td><td>Example Grange</td><td>—</td></tr>"
        "<tr><td>Spokane, WA</td><td>Sat., May 16</td><td>9am–noon</td><td>Example Union Hall, 12 W Main Ave.</td>"
        "<td>Ivo Brandt<br>ibrandt@inland.example.org</td></tr>"
        "<tr><td>Olympia, WA</td><td>May 19–20</td><td>All day</td><td>Capitol Example Campus</td><td>—</td></tr>"
        "</table><p>Press: Lena Moss, 206-555-0102</p>"
    )
    body = _table_blocks(html)
    events, used = events_from_blocks(body, date(2015, 5, 1), "America/Los_Angeles")
    tacoma, spokane, olympia = events
    assert (tacoma.title, tacoma.location) == ("Tacoma, WA", "Hilltop Example Library")
    assert (tacoma.start.isoformat(), tacoma.end.isoformat()) == (
        "2015-05-12T18:30:00-07:00",
        "2015-05-12T20:00:00-07:00",
    )
    assert tacoma.contacts == (Contact(name="Noor Haddad", phone="+12535550147"),)
    assert spokane.end.hour == 12 and spokane.contacts[0].email == "ibrandt@inland.example.org"
    assert (olympia.start, olympia.end, olympia.all_day) == (date(2015, 5, 19), date(2015, 5, 20), True)
    assert not any("Press:" in body[i].text for i in used)  # the release's own contact stays the release's


def test_a_table_of_dates_without_a_place_column_is_no_listing() -> None:
    html = (
        "<table><tr><th>Date</th><th>Bill</th><th>Vote</th></tr>"
        "<tr><td>Monday, May 18</td><td>SB 210</td><td>22–17</td></tr>"
        "<tr><td>Thursday, May 21</td><td>HB 45</td><td>Tabled</td></tr></table>"
    )
    assert events_from_blocks(_table_blocks(html), date(2015, 5, 1), "America/Chicago")[0] == []


def test_a_table_of_past_gatherings_is_a_record() -> None:
    html = (
        "<table><tr><th>Date</th><th>Time</th><th>Location</th></tr>"
        "<tr><td>Monday, March 2</td><td>6 pm</td><td>Example Hall</td></tr>"
        "<tr><td>Friday, March 6</td><td>noon</td><td>Example Park</td></tr></table>"
    )
    assert events_from_blocks(_table_blocks(html), date(2015, 5, 1), "America/Chicago")[0] == []


def test_a_week_of_action_told_in_a_sentence_is_an_all_day_event() -> None:
    blocks = [
        Block(
            "BOISE—Farmworker families announced today a Week of Action, Monday, June 8 – Friday, June 12, to urge "
            "the governor to sign the heat standard. Events are listed below.",
            "p",
        ),
    ]
    events, _ = events_from_blocks(blocks, date(2015, 6, 1), "America/Boise")
    assert [(e.start, e.end, e.all_day) for e in events] == [(date(2015, 6, 8), date(2015, 6, 12), True)]


def test_days_of_outreach_take_the_place_named_after_them() -> None:
    blocks = [
        Block(
            "From Tuesday, August 4 through Thursday, August 6, volunteers will staff a signup booth at Riverside "
            "Example Market, where growers can learn about the new rules.",
            "p",
        ),
    ]
    events, _ = events_from_blocks(blocks, date(2015, 7, 28), "America/Chicago")
    assert [(e.start, e.end, e.location) for e in events] == [
        (date(2015, 8, 4), date(2015, 8, 6), "Riverside Example Market")
    ]


def test_a_comment_period_or_a_past_week_of_action_is_no_event() -> None:
    blocks = [
        Block("The public comment period runs from Monday, June 8 through Friday, June 12.", "p"),
        Block("Last spring's Week of Action, Monday, April 6 – Friday, April 10, drew 900 people to the Capitol.", "p"),
    ]
    assert events_from_blocks(blocks, date(2015, 6, 1), "America/Boise")[0] == []


def test_a_short_line_naming_gatherings_introduces_its_list() -> None:
    blocks = [
        Block("Labor Day actions:", "p"),
        Block("Reno – Monday, September 7, 9:00 a.m.: Breakfast rally at Example Park, 500 Mill St. NE.", "li"),
        Block("Elko – Monday, September 7, 4pm-6pm: Picket at the Example Mine gate.", "li"),
    ]
    events, used = events_from_blocks(blocks, date(2015, 9, 1), "America/Los_Angeles")
    assert [e.location for e in events] == ["Example Park, 500 Mill St. NE", "Example Mine gate"]
    assert used == {1, 2}


def test_a_line_naming_gatherings_over_past_days_is_a_timeline() -> None:
    blocks = [
        Block("Spring events:", "p"),
        Block("Reno – Monday, April 6, 9:00 a.m.: Rally at Example Park.", "li"),
    ]
    assert events_from_blocks(blocks, date(2015, 9, 1), "America/Los_Angeles")[0] == []


def test_spanish_will_hold_a_press_conference_is_announced() -> None:
    blocks = [
        Block(
            "Las madres realizarán una conferencia de prensa el martes 14 de julio a las 11 de la mañana frente al "
            "Ayuntamiento de Ejemplo, 200 Calle Mayor, Laredo. Se pide a los asistentes llevar agua.",
            "p",
        )
    ]
    [event] = events_from_blocks(blocks, date(2015, 7, 8), "America/Chicago")[0]
    assert event.start.isoformat() == "2015-07-14T11:00:00-05:00"
    assert event.location == "Ayuntamiento de Ejemplo, 200 Calle Mayor, Laredo"


def test_spanish_an_institution_holding_its_hearing_is_news() -> None:
    blocks = [
        Block(
            "La comisión celebrará una audiencia el martes 14 de julio a las 11 de la mañana en el Ayuntamiento de "
            "Ejemplo, 200 Calle Mayor, Laredo, para escuchar a los vecinos.",
            "p",
        )
    ]
    assert events_from_blocks(blocks, date(2015, 7, 8), "America/Chicago")[0] == []


def test_an_advisory_when_that_lists_the_days_schedule_gives_an_event_a_line() -> None:
    blocks = [
        Block("WHAT: Nurses picket, then testify on the staffing bill", "p"),
        Block(
            "WHEN: Wednesday, March 9, 2016\n8:30am – Picket at the main entrance\n"
            "10:00 – 11:30 a.m. – Senate Health Committee hearing",
            "p",
        ),
        Block("WHERE: Example State Office Building, 55 Capitol Ave., Hartford, CT", "p"),
    ]
    events, _ = events_from_blocks(blocks, date(2016, 3, 4), "America/New_York")
    assert [(e.start.isoformat(), e.end and e.end.isoformat()) for e in events] == [
        ("2016-03-09T08:30:00-05:00", None),
        ("2016-03-09T10:00:00-05:00", "2016-03-09T11:30:00-05:00"),
    ]
    assert events[1].location == "Example State Office Building, 55 Capitol Ave., Hartford, CT"


def test_a_when_value_with_a_note_or_another_day_adds_no_event() -> None:
    blocks = [
        Block("WHAT: Nurses picket at the main entrance", "p"),
        Block(
            "WHEN: Wednesday, March 9, 2016 at 8:30am\nRain or shine\nRSVP by Monday, March 7 at 5pm",
            "p",
        ),
        Block("WHERE: Example Hospital, Hartford, CT", "p"),
    ]
    events, _ = events_from_blocks(blocks, date(2016, 3, 4), "America/New_York")
    assert [e.start.isoformat() for e in events] == ["2016-03-09T08:30:00-05:00"]


def test_a_second_table_without_its_own_header_is_not_read_as_events() -> None:
    html = (
        "<table><tr><th>Date</th><th>Time</th><th>Location</th></tr>"
        "<tr><td>Monday, June 8</td><td>6 pm</td><td>Example Hall</td></tr></table>"
        "<p>Results of last year's drive:</p>"
        "<table><tr><td>Friday, June 12</td><td>40 signatures</td><td>Example Park</td></tr></table>"
    )
    events, _ = events_from_blocks(_table_blocks(html), date(2015, 6, 1), "America/Chicago")
    assert [e.location for e in events] == ["Example Hall"]


_TOWN_HALLS = Block("Bus riders will get three chances to testify. The hearings are open to the public.", "p")
_HEARING_ITEMS = [
    Block("Fargo – Monday, March 10, 6:00 p.m. CT – 7:30 p.m. CT – Example Library, 102 3rd St N, Fargo, ND", "li"),
    Block("Moorhead – Wednesday, March 12, 11am-1pm – Example Hall, 500 Center Ave, Moorhead, MN 56560", "li"),
    Block("Grand Forks – Saturday, March 15, 2:00 – 3:30 p.m. – Example Center, 15 Demers Ave, Grand Forks", "li"),
]


def test_list_under_a_paragraph_naming_the_gatherings() -> None:
    events, used = events_from_blocks([_TOWN_HALLS, *_HEARING_ITEMS], REF, "America/Chicago")
    assert [(e.start.isoformat(), e.end.isoformat()) for e in events] == [
        ("2014-03-10T18:00:00-05:00", "2014-03-10T19:30:00-05:00"),
        ("2014-03-12T11:00:00-05:00", "2014-03-12T13:00:00-05:00"),
        ("2014-03-15T14:00:00-05:00", "2014-03-15T15:30:00-05:00"),
    ]
    assert events[1].location == "Example Hall, 500 Center Ave, Moorhead, MN 56560"
    assert used == {1, 2, 3}


def test_list_under_a_paragraph_naming_gatherings_must_be_whole_and_upcoming() -> None:
    note = Block("Bring a photo ID and a copy of your lease.", "li")
    assert events_from_blocks([_TOWN_HALLS, _HEARING_ITEMS[0], note], REF, "America/Chicago")[0] == []
    # Days already past, or no release date to tell: a timeline of hearings held.
    assert events_from_blocks([_TOWN_HALLS, *_HEARING_ITEMS], date(2014, 4, 1), "America/Chicago")[0] == []
    assert events_from_blocks([_TOWN_HALLS, *_HEARING_ITEMS], None, "America/Chicago")[0] == []
    # A paragraph that names no gathering introduces nothing.
    plain = Block("Riders have written to the board since January about the route cuts.", "p")
    assert events_from_blocks([plain, *_HEARING_ITEMS], REF, "America/Chicago")[0] == []


def test_a_community_briefing_the_releases_people_hold_is_an_event() -> None:
    held = Block(
        "Parents will hold a community briefing on Thursday, March 6 at 6:30pm at Example Middle School, "
        "80 Orchard Road, Salem. Childcare will be provided.",
        "p",
    )
    [event], _ = events_from_blocks([held], REF, "America/Chicago")
    assert (event.start.isoformat(), event.location) == (
        "2014-03-06T18:30:00-06:00",
        "Example Middle School, 80 Orchard Road, Salem",
    )
    # An agency's bare briefing is news about it, not a gathering the release's people hold.
    agency = Block(
        "The water board will hold a briefing on Thursday, March 6 at 6:30pm at Example Hall, 9 Elm Street, "
        "Salem. Members of the public may listen.",
        "p",
    )
    assert events_from_blocks([agency], REF, "America/Chicago")[0] == []


def test_a_press_call_the_release_holds_is_an_event() -> None:
    held = Block(
        "Riders will hold a press call on Tuesday, March 4 at 11:30 a.m. MST to present the survey results. "
        "Dial-in numbers go to reporters who register.",
        "p",
    )
    [event] = events_from_blocks([held], REF, "America/Phoenix")[0]
    assert event.start.isoformat() == "2014-03-04T11:30:00-07:00"
    # Near miss: a press call already held is reported, not announced.
    past = Block(
        "Riders held a press call on Monday, February 24 at 11:30 a.m. MST to present the survey results to reporters.",
        "p",
    )
    assert events_from_blocks([past], REF, "America/Phoenix")[0] == []
