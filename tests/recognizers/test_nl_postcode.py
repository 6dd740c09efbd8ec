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
]

PLACES = [
    ("Kerkstraat 12, 1234 AB Utrecht.", 1, ["Utrecht"]),
    ("Jan van Galenstraat 3-II\n1056 CD AMSTERDAM", 1, ["AMSTERDAM"]),
    ("Parallelweg 22\n2801WJ  Ouderkerk aan den IJssel\n", 1, ["Ouderkerk aan den IJssel"]),
    ("Woonplaats\tLelystad\nTelefoon", 1, ["Lelystad"]),
    ("Zwarte Woud 2. 3524 SJ Utrecht Tel\n", 1, ["Utrecht"]),
    ("De vergadering was in Utrecht.", 0, []),
    # a PDF's table or a scan: the place below its label, OCR's quotes and specks
    ("Kerkweg 3\n3525ES AMSTERDAM\n", 1, ["AMSTERDAM"]),
    ("Jasonsteeg 223\n9245BC ‘s-Hertogenbosch\nPagina 1", 1, ["‘s-Hertogenbosch"]),
    ("Woonplaats:\nAmsterdam\nTelefoon:\n+31 76 5147099", 1, ["Amsterdam"]),
    ("Woonplaats:\n-\nAmsterdam\n", 1, ["Amsterdam"]),
    ("Woonplaats:\n\ni\n\n  \n\nHaarlem\nVerhuisdatum:", 1, ["Haarlem"]),
    ("Woonplaats:\nTelefoon\n0612345678\nPlaats:\n-\nzie bijlage\n", 0, []),
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
