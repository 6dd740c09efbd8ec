"""person_context: PERSON candidates that are a place, an organisation, a term or a named thing."""

from __future__ import annotations

import pytest

from recognizers.evidence import make_result
from recognizers.lexicons import Lexicons, lexicons
from recognizers.nl_person import NlPersonRecognizer
from recognizers.person_context import _is_term, _lists, drop_non_persons, not_a_person
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlPersonRecognizer:
    return NlPersonRecognizer()


@pytest.fixture(scope="module")
def lex() -> Lexicons:
    return lexicons()


# Whole texts through the person recogniser: what it still proposes after the second look.
CASES = [
    # A. places: rivers, towns, streets
    ("Het schip voer over de Rijn naar Duisburg.", []),
    ("De vrachtwagens rijden via de haven van Antwerpen.", []),
    ("Zij verhuisde van Den Bosch naar Zwolle.", []),
    ("Jan de Rijn woont aan de dijk.", ["Jan de Rijn"]),
    ("Het bezwaar van de heer Van Antwerpen is ongegrond.", ["Van Antwerpen"]),
    # B. organisations
    ("Installatiebedrijf Hesselink & Zn. plaatst de panelen.", []),
    ("Schoolbestuur Horizon wil de scholen samenvoegen.", []),
    ("Bouwbedrijf Kuipers B.V. won de aanbesteding.", []),
    ("Directeur Eva Hesselink van het installatiebedrijf gaf een toelichting.", ["Eva Hesselink"]),
    # C. headings, labels and terms
    ("Aan: Functionaris Gegevensbescherming\nOnderwerp: inzage", []),
    ("Met vriendelijke groet,\n\nmr. A.B. Kroeze\nTeamleider Vergunningen en Handhaving", ["A.B. Kroeze"]),
    ("Functie: penningmeester\nWerkadres: zie briefhoofd", []),
    # D. named things
    ("Met zijn motorschip Anna Catharina vervoerde hij zand.", []),
    ("De wandelaar werd gevonden door zijn labrador Max.", []),
    ("De molen De Hoop draait weer.", []),
    ("Haar moeder was lerares Frans in Zwolle.", []),
    ("Frans Dijkhuis gaf les op het lyceum.", ["Frans Dijkhuis"]),
    ("De band Kapitein Storm en de coverband Dikke Dirk traden op.", []),
    # E. buildings, rooms and prizes named after a person
    ("De wedstrijd is in het Piet Kramer Stadion.", []),
    ("De raad vergadert in de Willem Dreeszaal.", []),
    ("Zij kreeg de Wim Koolen-vrijwilligersprijs.", []),
    ("Het oude Leen Bakker-pand staat leeg.", []),
    ("De prijs ging naar Anna Dreesmann, die de zaal beheert.", ["Anna Dreesmann"]),
    # what the page shows to be a club is one where the evidence is weak
    ("VV Rood-Wit '62 is kampioen. \"Rood-Wit is een familieclub,\" zei Jan Pool.", ["Jan Pool"]),
    # names of every origin stay, whatever stands around them
    ("De schipper, Oleksandr Kovalenko, voer over de Rijn.", ["Oleksandr Kovalenko"]),
    ("Bij de parochie werkt pastoor Rafał Wiśniewski al tien jaar.", ["Rafał Wiśniewski"]),
    ("Directeur Harry Tupan-Zwaan van het Drents Museum reageerde verheugd.", ["Harry Tupan-Zwaan"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_person_in_context(recognizer: NlPersonRecognizer, text: str, expected: list[str]) -> None:
    got = found(recognizer, text, "PERSON")
    assert got == spans_of(text, expected), [text[s:e] for s, e in got]


# One candidate, the rule that found it, and why it is no person ("" : it stays).
JUDGED = [
    ("langs de Lek bij Ameide", "de Lek", "tussenvoegsel + surname", "place"),
    ("samen met Aannemerscombinatie Waalkracht", "Aannemerscombinatie Waalkracht",
     "capitalised word + surname", "organisation"),
    ("het datacenter dat Mira, het moederbedrijf van", "Mira", "first name in a sentence", "organisation"),
    ("zijn bordercollie Fleur vond hem", "Fleur", "first name in a sentence", "named thing"),
    ("voer hij over de Maas en", "Maas", "first name in a sentence", "noun after an article"),
    ("Aan: Klantcontact CJIB", "Klantcontact", "e-mail header", "Dutch word"),  # OpenTaal holds it
    ("Verhuurder Woonstad Rotterdam belooft", "Woonstad Rotterdam", "role word", "organisation"),
    ("2. Verkeersveiligheid Kerkdijk\n", "Verkeersveiligheid Kerkdijk", "capitalised word + surname",
     "term before a name"),
    ("de Ronde van Italië voor vrouwen", "Ronde van Italië", "name + tussenvoegsel + capitalised word",
     "thing of a place"),
    ("Kloosterstr 4, 5361 GH Grave", "Kloosterstr", "listed with 'X'", "street"),
    # strong evidence is never overruled
    ("Geachte mevrouw Sneek,", "Sneek", "title", ""),
    ("Met vriendelijke groet,\nAnna Kerkdijk", "Anna Kerkdijk", "sign-off", ""),
    ("Gr, NA\n", "NA", "sign-off initials", ""),
    # names the Dutch lexicons do not know are no terms
    ("Volgens Yohannes Tesfay is het lokaal te klein.", "Yohannes Tesfay", "speaker", ""),
    ("met Kateryna Melnyk en haar zoon", "Kateryna Melnyk", "two capitalised words after a preposition", ""),
    ("Aan: Koenraad Vervaecke", "Koenraad Vervaecke", "e-mail header", ""),
    ("casus fam. Van Beek", "Van Beek", "tussenvoegsel + surname", ""),
]


@pytest.mark.parametrize(("text", "name", "rule", "why"), JUDGED)
def test_judged(lex: Lexicons, text: str, name: str, rule: str, why: str) -> None:
    start = text.index(name)
    result = make_result("NlPersonRecognizer", "id", "PERSON", start, start + len(name), 0.6, rule, rule)
    assert not_a_person(text, result, lex) == why


@pytest.mark.parametrize("word", ["Zonnepark", "Klantcontact", "Verkeersveiligheid", "Privéadres",
                                  "Vergunningen", "Installatiebedrijf", "Debiteurenbeheer"])
def test_compounds_are_terms(lex: Lexicons, word: str) -> None:
    assert _is_term(word, lex, _lists())


@pytest.mark.parametrize("word", ["Abdelkader", "Kowalczyk", "Yıldırım", "Tesfay", "Melnyk", "Boukhari",
                                  "Lewandowski", "Karaman", "Ramdin", "Oleksandr"])
def test_names_of_any_origin_are_no_terms(lex: Lexicons, word: str) -> None:
    assert not _is_term(word, lex, _lists())


def test_trim_keeps_the_name(lex: Lexicons) -> None:
    text = "Directeur Harry Tupan-Zwaan van het Drents Museum"
    start = text.index("Harry")
    end = text.index(" Museum")
    result = make_result("NlPersonRecognizer", "id", "PERSON", start, end, 0.85, "role word", "")
    (kept,) = drop_non_persons(text, [result], lex)
    assert text[kept.start : kept.end] == "Harry Tupan-Zwaan"


def test_trim_drops_a_place_in_brackets(lex: Lexicons) -> None:
    text = "- Koç, M. (Sneek), 61 jaar, oprichter"
    start = text.index("Koç")
    end = text.index("), ") + 1
    result = make_result("NlPersonRecognizer", "id", "PERSON", start, end, 0.85, "surname first", "")
    (kept,) = drop_non_persons(text, [result], lex)
    assert text[kept.start : kept.end] == "Koç, M."
