"""NlDateOfBirthRecognizer: dates with birth context only; other dates are not personal data."""

from __future__ import annotations

import pytest

from recognizers.nl_date_of_birth import NlDateOfBirthRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlDateOfBirthRecognizer:
    return NlDateOfBirthRecognizer()


CASES = [
    ("Jan (geb. 12-03-1985) belde.", 1, ["12-03-1985"]),
    ("Zij is geboren op 3 maart 1985 te Utrecht.", 1, ["3 maart 1985"]),
    ("Geboortedatum: 1985-03-03", 1, ["1985-03-03"]),
    ("Geb.datum:\t19850310\tNationaliteit: Somalisch", 1, ["19850310"]),  # no separators, year first
    ("Geboortedatum: 10031985", 1, ["10031985"]),  # no separators, day first
    ("Geboortedatum: 20251340", 0, []),  # no such date
    ("Geboortedatum\t23-10-1992\nBSN", 1, ["23-10-1992"]),
    ("en mijn\ngeboortedatum is 4 oktober 1991.", 1, ["4 oktober 1991"]),
    ("date of birth 01/02/1970", 1, ["01/02/1970"]),
    # a few words between the context and the date, a format hint, OCR blanks, English order
    ("De geboortedatum van uw zoon is 4 juni 2012.", 1, ["4 juni 2012"]),
    ("Geboortedatum en -plaats: 3 maart 1985 te Apeldoorn", 1, ["3 maart 1985"]),
    ("Geboortedatum/-plaats: 30-04-1958, Zwolle", 1, ["30-04-1958"]),
    ("Geboren (dd-mm-jjjj): 09-11-1974", 1, ["09-11-1974"]),
    ("Aanvrager is geb. 1-2-'80.", 1, ["1-2-'80"]),
    ("Geboortedatum\n\n23 - 10 - 1992", 1, ["23 - 10 - 1992"]),
    ("Hij is geboren op 1-feb-1990.", 1, ["1-feb-1990"]),
    ("The applicant was born on March 3, 1985 in Leeds.", 1, ["March 3, 1985"]),
    # in brackets right after a name, in a birth-date column, a day split by OCR
    ("Vanochtend belde de dochter van dhr. Osman Kaya (12-04-1941).", 1, ["12-04-1941"]),
    ("Mijn dochter Lieke (18-03-2011) staat op de wachtlijst.", 1, ["18-03-2011"]),
    ("Nr\tNaam\tGeb.datum\n1\tBosman, K.\t21-09-1962\n2\tYildiz, E.\t02-02-1999", 2,
     ["21-09-1962", "02-02-1999"]),
    ("Naam\tGeb.datum\tDatum aanvraag\nLotte Vink\t07-07-1977\t01-02-2024", 1, ["07-07-1977"]),
    ("Geb.datum          2 9-05-1961", 1, ["2 9-05-1961"]),
    # the same table as PDF extraction gives it: runs of blanks for tabs
    ("Nr Naam   Geb.datum Adres\n17 Jansen, P.   12-01-1966 Dorpsstraat 4\n"
     "18 Öztürk, A.  30-07-1971 Kerkln 2", 2, ["12-01-1966", "30-07-1971"]),
    ("Geboortedatum\n\nDatum aanvraag: 03-03-2024", 0, []),
    # partners in one table cell, OCR's O for a zero, kin before a bracketed date
    ("Geboren\t\t|  12-04-1979 / 30-09-1981\nBSN", 2, ["12-04-1979", "30-09-1981"]),
    ("Klant: mevrouw Trần, geb. O1-O8-1966", 1, ["O1-O8-1966"]),
    ("het gaat om haar zoon Aarav (03-05-2011).", 1, ["03-05-2011"]),
    ("Geboren 12-04-1979 en overleden 3 maart 2020.", 1, ["12-04-1979"]),
    ("De Kamerbrief (12-03-2020) is verstuurd.", 0, []),
    ("Verslag Werkgroep Zorg (9 februari 2019)", 0, []),
    ("Naam\tGeb.datum\nLotte Vink\t07-07-1977\n\nVastgesteld op 01-02-2024", 1, ["07-07-1977"]),
    ("Brief van 3 maart 2024; vergadering 12-03-2024.", 0, []),
    ("Er werden 412 kinderen geboren. Op 3 maart 2022 startte het bureau.", 0, []),
    ("Geboortedatum: 1-1-2099", 0, []),
    ("Geboortedatum: 31-02-1985 (bestaat niet)", 0, []),
    ("Het geboortecijfer daalde in 2020 met 3,2 procent.", 0, []),
    ("Besluit 5.1.2e van 01-01-2023.", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_date_of_birth(
    recognizer: NlDateOfBirthRecognizer, text: str, count: int, expected: list[str]
) -> None:
    got = found(recognizer, text, "DATE_OF_BIRTH")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)
