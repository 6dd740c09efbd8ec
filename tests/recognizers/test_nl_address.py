"""NlAddressRecognizer: street + house number with additions; numbered non-streets stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_address import NlAddressRecognizer
from tests.recognizers.tables import THRESHOLD, found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlAddressRecognizer:
    return NlAddressRecognizer()


CASES = [
    ("Hij woont op de Kerkstraat 12a, 1234 AB Utrecht.", 1, ["Kerkstraat 12a"]),
    # OCR reads a digit of the house number as l or O; page numbers are no address
    ("Straat en huisnr.: Biltstraat 1l8 bis", 1, ["Biltstraat 1l8 bis"]),
    ("dhr. S. Hoekstra\nNieuwestad 1O4\n8911 CT Leeuwarden", 1, ["Nieuwestad 1O4"]),
    ("Kamer 1O4 is vrij.", 0, []),
    ("Page 1 of 2", 0, []),
    ("Pagina 3 van 7", 0, []),
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
    # abbreviated street types, as people write them
    ("Adres: Molenstr. 8, Ede", 1, ["Molenstr. 8"]),
    ("Hij woont Schoolstr 3 in Elst.", 1, ["Schoolstr 3"]),
    ("Kerkln 4 en Dorpswg 12 en Noordsngl 5", 3, ["Kerkln 4", "Dorpswg 12", "Noordsngl 5"]),
    ("Afzender: Ned. Rijnkade 3, Arnhem", 1, ["Ned. Rijnkade 3"]),
    ("St. Jacobsstraat 7 te Utrecht", 1, ["St. Jacobsstraat 7"]),
    ("Hij woont in de Kerkstr. 12 mensen kwamen.", 1, ["Kerkstr. 12"]),
    ("Hij woont in de Kerkstraat. 12 mensen kwamen.", 0, []),  # a full name, then a sentence
    # house letters and additions
    ("Zij woont op de Kerkstraat 12 a.", 1, ["Kerkstraat 12 a"]),
    ("Zij woont op de Kerkstraat 12 A.", 1, ["Kerkstraat 12 A"]),
    ("Adres: Zonnebloemstraat 12hs", 1, ["Zonnebloemstraat 12hs"]),
    ("Adres: Tulpweg 3 zw, Ede", 1, ["Tulpweg 3 zw"]),
    ("Beukenlaan 14-II en Eikenlaan 2-3 hoog", 2, ["Beukenlaan 14-II", "Eikenlaan 2-3 hoog"]),
    # a range's last number is a home too (holdout30: "Oude Oever 5 t/m 11")
    ("Kerkstraat 12 t/m 20 worden gesloopt.", 2, ["Kerkstraat 12", "20"]),
    ("Kerkstraat nummer 3 en Dorpsstraat nr. 5", 2, ["Kerkstraat nummer 3", "Dorpsstraat nr. 5"]),
    ("Wonend op Burgemeester Visserstraat 21, 5279 JL Rijsbergen", 1, ["Burgemeester Visserstraat 21"]),
    ("Adres:\tGraaf Florisstraat 72-2", 1, ["Graaf Florisstraat 72-2"]),
    ("Adres:\tMikering 4\nPostcode:\t8297 RS", 1, ["Mikering 4"]),  # -ering: with an address word
    ("De Vergadering 2 en Monitoring 3 zijn verschoven.", 0, []),  # -ering, -oring: without one
    ("Subject: Overleg gemeente Tilburg 3 april 2022", 0, []),  # a BAG street, then a date
    # blanks from PDF extraction
    ("Adres:\tKerkstraat\t12", 1, ["Kerkstraat\t12"]),
    ("Adres: Kerkstraat\u00a012", 1, ["Kerkstraat\u00a012"]),
    ("Adres: Jan\u00a0van\u00a0Galenstraat 3", 1, ["Jan\u00a0van\u00a0Galenstraat 3"]),
    ("Zij woont sinds vorig jaar op de Kerkstraat\n12 te Ede.", 1, ["Kerkstraat\n12"]),
    ("Op de Dorpsstraat\n12 bewoners kwamen naar de avond.", 0, []),  # a count on the next line
    ("Werkzaamheden aan de Dorpsstraat\n2024 en verder.", 0, []),
    ("Zie de Markt\n12 van de bijlage.", 0, []),
    # a street that is no BAG street, but has a street suffix
    ("Adres: Zwaluwstaartstraat 8", 1, ["Zwaluwstaartstraat 8"]),
    # a neighbour's house number without its street
    ("De bewoners van nummer 14 klagen over geluid.", 1, ["nummer 14"]),
    ("Op nr. 7 woont een gezin met kinderen.", 1, ["nr. 7"]),
    ("Het huis op huisnummer 16 staat leeg.", 1, ["huisnummer 16"]),
    ("Huisnummer: 16", 1, ["16"]),
    ("Kerkstraat 12 is verbouwd; ook nummer 14 volgt.", 2, ["Kerkstraat 12", "nummer 14"]),
    ("Bus nummer 4 en agendapunt nummer 3 en artikel nummer 5.", 0, []),
    ("Zie nummer 14 van de lijst.", 0, []),
    ("De bewoners zetten verkeersveiligheid op nummer 1 van hun wensenlijst.", 0, []),
    ("De woning is eerder besproken (Kamerstukken II 2019/20, 35300, nr. 12).", 0, []),
    ("De huisarts nummer 3 op de lijst.", 0, []),
    # the same house number elsewhere in the text, once the text says it is a home
    ("Onderwerp: Overlast nummer 14\n\nDe bewoners van nummer 14 blijven lawaai maken.", 2,
     ["nummer 14", "nummer 14"]),
    ("Agendapunt: nummer 3\n\nDe bewoners van nummer 14 klagen.", 1, ["nummer 14"]),
    # more house numbers of the same street
    ("De buren Spreeuwenlaan 10 en 12 zijn ingelicht.", 2, ["Spreeuwenlaan 10", "12"]),
    ("Bewoners van Lijsterbeslaan 3, 5 en 7 a.", 3, ["Lijsterbeslaan 3", "5", "7 a"]),
    ("Kerkstraat 12 en 2024 was een goed jaar.", 1, ["Kerkstraat 12"]),
    ("Kerkstraat 12, 1234 AB Utrecht en 2011 KL Haarlem", 1, ["Kerkstraat 12"]),
    # a stretch of the street between two numbers: road works, not a home
    ("Afsluiting Tijmstraat tussen nr. 2 en nr. 30 voor de bewoners.", 0, []),
    ("De Kerkstraat is vanaf nummer 4 tot en met nummer 18 afgesloten voor de bewoners.", 0, []),
    # a foundation's letterhead; prose that names a foundation above an address is no letterhead
    ("Stichting Schuldhulpmaatje Leiden\nHooigracht 15\n2312 KM Leiden", 0, []),
    ("Het bestand ging naar Stichting Voedselbank.\n\nIn regel 1 staat Kerkweg 3, BSN 111222333.", 1,
     ["Kerkweg 3"]),
    # "nr. 19" below a table with numbered rows is a row
    ("18\tKerkweg 2\t4181 AB\n19\tDorpsstraat 9\t4181 AC\n\nOpmerking: nr. 19 verhuisd.", 2,
     ["Kerkweg 2", "Dorpsstraat 9"]),
    # near misses: numbered things, words that end like a street, years, amounts, PO boxes
    ("Zie artikel 5.1.2 en Zaal 3, Bijlage 2, Fase 3 en Stap 4.", 0, []),
    ("Antwoord 3 en Vraag 4, Akkoord 2 en Loopbaan 2.", 0, []),
    ("Het Klimaatakkoord 2019 en de Arbeidsmarkt 2025 en Monitoring 2024.", 0, []),
    ("Werkveld 3, Zonnepark 2, Tekstveld 4 en Gerechtshof 2.", 0, []),
    ("Herinrichting Dorpsstraat 1e fase.", 0, []),
    ("De Dorpsstraat wordt in 2025 heringericht.", 0, []),
    ("Het bedrag van € 1.250 op 12 maart 2024.", 0, []),
    ("Postbus 123, 1234 AB Utrecht", 0, []),
    ("Amsterdam 2024 en Rotterdam 12", 0, []),
    # an organisation's address block scores below the threshold
    ("Ministerie van Volksgezondheid\nParnassusplein 5\n2511 VX Den Haag", 0, []),
    ("Bezoekadres: Antonie van Leeuwenhoeklaan 9, Bilthoven", 0, []),
    ("Vereniging (LHV)\nDomus Medica, Mercatorlaan 1200, 3528 BL / Postbus 20056", 0, []),
    # ... unless the text says someone lives there, or a person's line starts a block of its own
    ("Aan: Ministerie van VWS\nt.a.v. de Woo-coördinator\n\nAfzender: J. Jansen\nKerkstraat 12", 1,
     ["Kerkstraat 12"]),
    ("Ministerie van Volksgezondheid\nDe klager woont Kerkstraat 5", 1, ["Kerkstraat 5"]),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_address(recognizer: NlAddressRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "NL_ADDRESS")
    shown = [text[s:e] for s, e in got]
    assert len(got) == count, shown
    assert got == spans_of(text, expected), shown


EXPLANATIONS = [
    ("Adres: Molenstr. 8", "abbreviated street type"),
    ("Hij woont Zwaluwstaartstraat 8", "street suffix"),
    ("De bewoners van nummer 14 klagen.", "a home by 'bewoners'"),
    ("Huisnummer: 16", "after 'Huisnummer'"),
    ("Kerkstraat 12\n1234 AB Utrecht", "before a postcode"),
]


@pytest.mark.parametrize(("text", "says"), EXPLANATIONS)
def test_explanation_says_why(recognizer: NlAddressRecognizer, text: str, says: str) -> None:
    (result,) = recognizer.analyze(text, ["NL_ADDRESS"], None)
    assert result.analysis_explanation is not None
    assert says in result.analysis_explanation.textual_explanation


def test_organisation_address_scores_below_the_threshold(recognizer: NlAddressRecognizer) -> None:
    (result,) = recognizer.analyze("Bezoekadres: Parnassusplein 5", ["NL_ADDRESS"], None)
    assert result.score < THRESHOLD
    assert "organisation's address block" in (result.analysis_explanation.textual_explanation or "")


def test_a_repeated_house_number_says_which_mention_made_it_a_home(recognizer: NlAddressRecognizer) -> None:
    text = ("Onderwerp: Overlast nummer 14 !!!\n\nGoedenavond,\n\n"
            "Het is weer zover. De bewoners van nummer 14 zijn luid.")
    first = min(recognizer.analyze(text, ["NL_ADDRESS"], None), key=lambda r: r.start)
    assert first.score >= THRESHOLD
    assert "'bewoners' at the same number elsewhere" in (first.analysis_explanation.textual_explanation or "")


PLACES_AFTER = [
    ("De gastouder woonde aan de Wierdensestraat 66, Hengelo.", ["Hengelo"]),
    ("Kun je kijken bij de Schoolstraat 3 in Heerenveen?", ["Heerenveen"]),
    ("Hij woont op Kerkweg 2 te Berkel en Rodenrijs sinds 2019.", ["Berkel en Rodenrijs"]),
    ("Kerkstraat 12, Jansen en Zn. hebben daar een winkel.", []),  # no known place
    ("Bezoekadres: Parnassusplein 5, Den Haag", []),  # an organisation's address
]


@pytest.mark.parametrize(("text", "expected"), PLACES_AFTER)
def test_known_place_after_an_address(
    recognizer: NlAddressRecognizer, text: str, expected: list[str]
) -> None:
    assert found(recognizer, text, "LOCATION") == spans_of(text, expected)

