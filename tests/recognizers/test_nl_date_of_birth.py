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
    ("Geboortedatum\t23-10-1992\nBSN", 1, ["23-10-1992"]),
    ("en mijn\ngeboortedatum is 4 oktober 1991.", 1, ["4 oktober 1991"]),
    ("date of birth 01/02/1970", 1, ["01/02/1970"]),
    ("Brief van 3 maart 2024; vergadering 12-03-2024.", 0, []),
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
