"""NlPersonRecognizer: names from lexicons, structure and context; near misses stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_person import NlPersonRecognizer
from tests.recognizers.tables import THRESHOLD, found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlPersonRecognizer:
    return NlPersonRecognizer()


CASES = [
    # titles, salutations, initials, tussenvoegsels
    ("Aan de heer P. Fictief", 1, ["P. Fictief"]),
    ("Geachte mevrouw Van Dijk,", 1, ["Van Dijk"]),
    ("Ik sprak mevrouw van Dijk gisteren.", 1, ["van Dijk"]),
    ("Beste Jan,\nDank voor je bericht.", 1, ["Jan"]),
    ("Hoi Fatma,\nzie bijlage.", 1, ["Fatma"]),
    ("Volgens dhr. J.P.M. van der Berg is het klaar.", 1, ["J.P.M. van der Berg"]),
    ("Het verslag is van Jan van Dijk en Piet de Vries.", 2, ["Jan van Dijk", "Piet de Vries"]),
    ("We spraken met Jan Jansen-de Vries over de aanvraag.", 1, ["Jan Jansen-de Vries"]),
    ("Geachte heer Arts,", 1, ["Arts"]),
    # names that are also words need evidence
    ("Ik zag Piet Bos en mevrouw De Wit.", 2, ["Piet Bos", "De Wit"]),
    ("De koning en de Koning. Groen licht voor het bos.", 0, []),
    # non-Dutch names through lexicon, structure and context
    ("Gesprek met Ahmet Öztürk en Fatima El Amrani.", 2, ["Ahmet Öztürk", "Fatima El Amrani"]),
    ("Kun jij dit oppakken met Dorota Lewandowska?", 1, ["Dorota Lewandowska"]),
    ("Dit is besproken met mevrouw Kamińska.", 1, ["Kamińska"]),
    # e-mail headers, sign-offs, labels, initials used as names
    ("Van: Bos, Anna <a.bos@example.nl>\nOnderwerp: test", 2, ["Bos", "Anna"]),
    ("Aan: Ministerie van Volksgezondheid\nOnderwerp: test", 0, []),
    ("Met vriendelijke groet,\n\nEmre Yilmaz\nBeleidsmedewerker", 1, ["Emre Yilmaz"]),
    ("Met vriendelijke groet,\nTeam Vergunningen", 0, []),
    ("Dat klopt. Groet, RF", 1, ["RF"]),
    ("Achternaam\tTimmerman\nVoornamen\tFedde", 2, ["Timmerman", "Fedde"]),
    ("Behandelaar\tD. Lutterveld\nPagina 1 van 1", 1, ["D. Lutterveld"]),
    ("A22-02: planning actualiseren | actiehouder: EK | gereed", 1, ["EK"]),
    ("Het LNAZ geeft aan dat het klopt. VWS licht toe.", 0, []),
    ("wethouder Yılmaz opent de vergadering.", 1, ["Yılmaz"]),
    # a lone first name ends a sentence after a preposition
    ("Zij past de tekst aan op basis van de opmerkingen van Fiene.", 1, ["Fiene"]),
    ("Zij reist morgen naar Paris. Het hotel heet Victoria.", 0, []),
    # scanned pages: a title, then initials, a dash or a name that OCR damaged
    ("Volgens dhr. ElKhatib (VWS) klopt dat.", 1, ["ElKhatib"]),
    ("Volgens dhr. El Khatib (VWS) klopt dat.", 1, ["El Khatib"]),
    ("mw. Fl. Mulder-Hendriks (Programmadirectie) licht toe.", 1, ["Fl. Mulder-Hendriks"]),
    ("mw. F.I. Mulder-Hendriks (Programmadirectie) licht toe.", 1, ["F.I. Mulder-Hendriks"]),
    ("Afgesproken wordt dat mevrouw - Muider-Hendriks dit meeneemt.", 1, ["Muider-Hendriks"]),
    ("Afgesproken wordt dat mevrouw Mulder-Hendriks dit meeneemt.", 1, ["Mulder-Hendriks"]),
    ("Aanwezig: mw. LE. Broekhoven (SZW), dhr. JP Brouwer", 2, ["LE. Broekhoven", "JP Brouwer"]),
    ("Aanwezig: mw. L.E. Broekhoven (SZW), dhr. J.P. Brouwer", 2, ["L.E. Broekhoven", "J.P. Brouwer"]),
    ("Aanwezig: mw. dr. ir. LE. Broekhoven, dhr. mr. Fl. Brouwer", 2, ["LE. Broekhoven", "Fl. Brouwer"]),
    ("Gesprek met de heer - van Dijk en mevrouw - De Wit.", 2, ["van Dijk", "De Wit"]),
    ("Afgesproken wordt dat mevrouw\n-\n\n  Muider-Hendriks dit meeneemt.", 1, ["Muider-Hendriks"]),
    ("Aanwezig: dhr: Mangel (VWS), mw.\n\nLE. Broekhoven", 2, ["Mangel", "LE. Broekhoven"]),
    ("De mw. De Vries-commissie adviseert. Mevrouw: Zie bijlage 2.", 0, []),
    ("De afkorting LE. staat hier los. Dhr. gaf aan dat dhr. - het niet weet.", 0, []),
    ("Gesproken met de heer\n-\n\nBesluit\nDe heer -- Jansen-commissie", 0, []),
    ("Geachte heer - Utrecht is een stad; dhr. ABC Consultancy; mw. NB. Bijlage", 0, []),
    # near misses: organisations, headings, article numbers, sentence starts, streets, places
    ("Op grond van artikel 5.1.2e Woo. De termijn is zes weken.", 0, []),
    ("Het college van burgemeester en wethouders van Den Haag.", 0, []),
    ("De Minister van Volksgezondheid, Welzijn en Sport.", 0, []),
    ("Directeur Publieke Gezondheid\nGGD Zeeland", 0, []),
    ("Medewerker Burgerzaken\nGemeente Utrecht", 0, []),
    ("Zaaknummer Z/23/012345, bedrag EUR 1.234,56, kenmerk 2024-3110834.", 0, []),
    ("Hij woont aan de Jan van Galenstraat 12 in Amsterdam.", 0, []),
    ("Wil je dat doen? Mark mijn woorden.", 0, []),
    ("Plan Van Aanpak en Raad van State.", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_person(recognizer: NlPersonRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "PERSON")
    shown = [text[s:e] for s, e in got]
    assert len(got) == count, shown
    assert got == spans_of(text, expected), shown


def test_results_explain_themselves(recognizer: NlPersonRecognizer) -> None:
    text = "Aan de heer P. Fictief"
    (result,) = [r for r in recognizer.analyze(text, ["PERSON"], None) if r.score >= THRESHOLD]
    assert result.analysis_explanation.pattern_name == "title"
    assert "heer" in result.analysis_explanation.textual_explanation


def test_ocr_damage_explains_itself(recognizer: NlPersonRecognizer) -> None:
    text = "mw. Fl. Mulder-Hendriks (Programmadirectie) licht toe."
    (result,) = [r for r in recognizer.analyze(text, ["PERSON"], None) if r.score >= THRESHOLD]
    assert result.analysis_explanation.pattern_name == "title + OCR-damaged name"
    assert "initials 'Fl.'" in result.analysis_explanation.textual_explanation
