"""English/Spanish identification by stopword counts."""

from pressroom.normalise.language import detect

EN = "Today the coalition announced that workers in the city will rally for their rights at the capitol."
ES = "Hoy la coalición anunció que los trabajadores de la ciudad se unen para defender sus derechos en el capitolio."


def test_english_and_spanish() -> None:
    assert detect(EN) == "en"
    assert detect(ES) == "es"


def test_bilingual_post_takes_the_language_told_first() -> None:
    assert detect(f"{EN}\n\n{ES}") == "en"
    assert detect(f"{ES}\n\n{EN}") == "es"
    assert detect(f"Reposted from our partner.\n\n{ES} {ES}") == "es"


def test_too_little_text_falls_back() -> None:
    assert detect("Hola", default="es") == "es"
    assert detect("OK", default=None) is None


def test_bilingual_post_with_short_english_paragraphs_before_the_spanish() -> None:
    # No English paragraph alone says enough, but together they come before the Spanish version.
    text = (
        "Come to a free clinic about bus routes and fares.\n\n"
        "WHEN: Friday, May 8, 10 a.m.\n\n"
        "Questions? Write to us or call the office.\n\n"
        "Venga a una clínica gratuita sobre las rutas y las tarifas para los usuarios del autobús, con su familia."
    )
    assert detect(text) == "en"
