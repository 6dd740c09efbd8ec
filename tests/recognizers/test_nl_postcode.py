"""NlPostcodeRecognizer: postcodes (never SA, SD, SS), the place after them, labelled places."""

from __future__ import annotations

import pytest

from recognizers.nl_postcode import NlPostcodeRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlPostcodeRecognizer:
    return NlPostcodeRecognizer()


POSTCODES = [
    ("Kerkstraat 12, 1234 AB Utrecht.", 1, ["1234 AB"]),
    ("Postcode 9999ZZ", 1, ["9999ZZ"]),
    ("Parnassusplein 5\n2511 VX\nDen Haag", 1, ["2511 VX"]),
    ("1234 SS Utrecht en 1234 SD Ede en 1234 SA Urk", 0, []),
    ("Postbus 20018\n2500 EA  Den Haag", 0, []),  # an organisation's PO box
    ("Postbus 6000 | 4330 LA | Middelburg", 0, []),
    ("In 2020 EN 2021 groeide het.", 0, []),
    ("Zaaknummer 0123 AB", 0, []),
    ("bedrag 1234,56 EUR", 0, []),
    # what PDF extraction and OCR leave between digits and letters
    ("Postcode: 1234  AB", 1, ["1234  AB"]),
    ("Kerkstraat 12\n1234\tAB  Utrecht", 1, ["1234\tAB"]),
    ("Kerkstraat 12, 1234\u00a0AB Utrecht", 1, ["1234\u00a0AB"]),
    ("Kerkstraat 12, 1234\u202fAB Utrecht", 1, ["1234\u202fAB"]),
    ("Kerkstraat 12, 1234 \t AB Utrecht", 1, ["1234 \t AB"]),
    ("Kerkstraat 12, 1234    AB Utrecht", 0, []),  # four blanks: two fields, not one postcode
    ("1234\nAB", 0, []),
    ("IN 2020  EN 2021", 0, []),
    ("S12e (ONU ERUEN\n9120 MS 2e (e=", 0, []),  # OCR debris: a number after it, no place
    # an organisation's address block: a visiting address, a PO box beside it, a ministry above it
    ("Bezoekadres\nParnassusplein 5\n2511 VX Den Haag", 0, []),
    ("Domus Medica, Mercatorlaan 1200, 3528 BL / Postbus 20056, 3502 LB Utrecht", 0, []),
    ("Athena Institute\n| Vrije Universiteit Amsterdam\n\nAdres: De Boelelaan 1105, 1081 HV Amsterdam",
     0, []),
    # in lower case only after a street and number and before a known place
    ("K. Bakker\nSchoolstr. 3\n7411  hv  Deventer", 1, ["7411  hv"]),
    ("Kerkweg 4, 1234 ab Ede.", 1, ["1234 ab"]),
    ("In 2020 en Utrecht", 0, []),
    ("Zie bijlage 1234 ab Ede.", 0, []),
    # a firm's letterhead: its KvK number, its mailbox or its legal form on the line or just above
    ("Kerkstraat 41 - 5141 GH Waalwijk - KvK 6612 0934", 0, []),
    ("Oudegracht 211, 3511 NH Utrecht | T 030 - 230 77 00 | info@example.nl", 0, []),
    ("Adviseur | Bouwfonds Rivierzone B.V.\nVan Nelleweg 1, 3044 BC Rotterdam", 0, []),
    # but not a mailbox in an e-mail header above, nor a firm named later in a paragraph
    ("Aan: info@example.nl\nOnderwerp: lekkage Kerkstraat 17, 3044 BC Rotterdam", 1, ["3044 BC"]),
    ("Zij woont op Kerkweg 14, 4005 LK Tiel. Haar man is bestuurder van Gent Beheer B.V.", 1, ["4005 LK"]),
    # a letterhead two blank lines above, or a person's line between: the addressee's own block
    ("Ministerie van VWS\nPostbus 20350, 2500 EJ Den Haag\n\n\nMw. Y. Fictief\nLindelaan 4\n8812 XV Ede",
     1, ["8812 XV"]),
    ("Aan: Ministerie van VWS\n\nAfzender: J. Jansen\nKerkstraat 12\n1234 AB Ede", 1, ["1234 AB"]),
    ("Naam organisatie : Buurtvereniging Het Plein\nContactpersoon : I. Brink\n"
     "Adres contactpersoon : Merelstraat 3 , 7311 AB Apeldoorn", 1, ["7311 AB"]),
    # right after a street and house number: a postcode, whatever follows it
    ("Ik woon op Vlierstraat 4 a, 2011 KL Haarlem en heb geen vergunning.", 1, ["2011 KL"]),
    ("3\tKerkplein 1 a\t\t\t4182 CL\t5.1.2e", 1, ["4182 CL"]),  # an earlier round's redaction mark
]

PLACES = [
    ("Kerkstraat 12, 1234 AB Utrecht.", 1, ["Utrecht"]),
    ("Jan van Galenstraat 3-II\n1056 CD AMSTERDAM", 1, ["AMSTERDAM"]),
    ("Parallelweg 22\n2801WJ  Ouderkerk aan den IJssel\n", 1, ["Ouderkerk aan den IJssel"]),
    ("Woonplaats\tLelystad\nTelefoon", 1, ["Lelystad"]),
    ("  Woonplaats          Lelystad\n  Telefoon", 1, ["Lelystad"]),  # blanks for a tab (OCR)
    ("  Woonplaats          Bestuur\n", 0, []),  # then only a known place
    ("Zwarte Woud 2. 3524 SJ Utrecht Tel\n", 1, ["Utrecht"]),
    ("De vergadering was in Utrecht.", 0, []),
    # a PDF's table or a scan: the place below its label, OCR's quotes and specks
    ("Kerkweg 3\n3525ES AMSTERDAM\n", 1, ["AMSTERDAM"]),
    ("Jasonsteeg 223\n9245BC ‘s-Hertogenbosch\nPagina 1", 1, ["‘s-Hertogenbosch"]),
    ("Woonplaats:\nAmsterdam\nTelefoon:\n+31 76 5147099", 1, ["Amsterdam"]),
    ("Woonplaats:\n-\nAmsterdam\n", 1, ["Amsterdam"]),
    ("Woonplaats:\n\ni\n\n  \n\nHaarlem\nVerhuisdatum:", 1, ["Haarlem"]),
    ("Woonplaats:\nTelefoon\n0612345678\nPlaats:\n-\nzie bijlage\n", 0, []),
    ("Kerkstraat 12, 1234  AB\u00a0\u00a0Utrecht.", 1, ["Utrecht"]),
    ("Jinthepad 13\n5883PV de Wijk\nTel.: +31 6 57956049", 1, ["de Wijk"]),
    ("Kerkstraat 1, 1234 AB de Gemeente.", 0, []),
    ("Kerkstraat 12\n1234\tAB\tUtrecht\n", 1, ["Utrecht"]),
    # a form's "Postcode / Woonplaats", and a known place that the sentence goes on after
    ("Postcode / Woonplaats:\t3572 BJ   /  Utrecht\n", 1, ["Utrecht"]),
    ("Ik woon op Vlierstraat 4 a, 2011 KL Haarlem en heb geen vergunning.", 1, ["Haarlem"]),
    ("Kerkstraat 4, 2011 KL Bakkerij en meer", 0, []),  # no known place: prose goes on
    ("Postcode: 7521 RW     Plaats: Enschede\n", 1, ["Enschede"]),  # a second label on the line
    ("Postcode: 7521 RW Plaats: Enschede\n", 0, []),  # one space: a sentence, not a form's field
]


@pytest.mark.parametrize(("text", "count", "expected"), POSTCODES)
def test_postcode(recognizer: NlPostcodeRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "NL_POSTCODE")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)


@pytest.mark.parametrize(("text", "count", "expected"), PLACES)
def test_place_after_postcode(
    recognizer: NlPostcodeRecognizer, text: str, count: int, expected: list[str]
) -> None:
    got = found(recognizer, text, "LOCATION")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)
