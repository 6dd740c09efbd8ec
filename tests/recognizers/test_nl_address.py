"""NlAddressRecognizer: street + house number with additions; numbered non-streets stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_address import NlAddressRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlAddressRecognizer:
    return NlAddressRecognizer()


CASES = [
    ("Hij woont op de Kerkstraat 12a, 1234 AB Utrecht.", 1, ["Kerkstraat 12a"]),
    ("Adres: Jan van Galenstraat 3-II", 1, ["Jan van Galenstraat 3-II"]),
    ("Markt 14 B, 9999 ZZ Ons Dorp", 1, ["Markt 14 B"]),
    ("De Dorpsstraat 12 bis te Ede.", 1, ["Dorpsstraat 12 bis"]),
    ("Op Lange Voorhout 9 is het.", 1, ["Lange Voorhout 9"]),
    ("Adres\tPrins Bernhardlaan 32 hs\nPostcode", 1, ["Prins Bernhardlaan 32 hs"]),
    ("Adres\tEsdoornlaan 241-II", 1, ["Esdoornlaan 241-II"]),
    ("De heer O. Weijland\nBeatridlaan83\n-\n  3525ES AMSTERDAM", 1, ["Beatridlaan83"]),  # OCR
    ("Zie artikel 12 en Bijlage 3 en Hoofdstuk 4.", 0, []),
    ("Op de Markt3 staat Covid19 naast Windows11 en de Noordzee2024-campagne.", 0, []),
    ("Het programma Rotterdam2025 en Schiedam30 en Zorgpark2030.", 0, []),
    ("Raadsvergadering\t28 januari", 0, []),
    ("Sinds 2019 werkt hij bij de Gemeente 2 dagen.", 0, []),
    ("Versie 0.2 van paragraaf 5.1.2e.", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_address(recognizer: NlAddressRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "NL_ADDRESS")
    shown = [text[s:e] for s, e in got]
    assert len(got) == count, shown
    assert got == spans_of(text, expected), shown
