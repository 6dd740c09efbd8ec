"""NlIdDocumentRecognizer: passport, ID-card and driving-licence numbers after context words."""

from __future__ import annotations

import pytest

from recognizers.nl_id_document import NlIdDocumentRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlIdDocumentRecognizer:
    return NlIdDocumentRecognizer()


CASES = [
    ("paspoortnummer NXC4R81P3", 1, ["NXC4R81P3"]),
    ("een kopie van mijn identiteitskaart (KTVQSDYD0).", 1, ["KTVQSDYD0"]),
    ("rijbewijsnummer 5012345678", 1, ["5012345678"]),
    ("zaaknummer Z2023AB12 en registratienummer 1234567890", 0, []),
    ("NXC4R81P3 zonder context", 0, []),
    ("paspoort aangevraagd; kenmerk ABC123456", 0, []),
    ("Documentnummer: 5.1.2e", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_id_document(recognizer: NlIdDocumentRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "NL_ID_DOCUMENT")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)
