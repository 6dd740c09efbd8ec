"""NlLicensePlateRecognizer: the fourteen sidecodes, validated; other dashed codes stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_license_plate import NlLicensePlateRecognizer, sidecode
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlLicensePlateRecognizer:
    return NlLicensePlateRecognizer()


CASES = [
    ("De auto met kenteken GT-123-B stond er.", 1, ["GT-123-B"]),
    ("Voertuig 12-BGB-3 en 1-KBD-23 gezien.", 2, ["12-BGB-3", "1-KBD-23"]),
    ("kenteken 99XXL9 (zonder streepjes)", 1, ["99XXL9"]),
    ("RH-JB-13 staat voor de deur.", 1, ["RH-JB-13"]),
    ("Zonder context 99XXL9 is het geen kenteken.", 0, []),
    ("Datum 12-34-56 en zaak Z-23-012.", 0, []),
    ("AB-12-CD heeft klinkers (sidecode 4 kent ze niet).", 0, []),
    ("Kenteken 12-SS-34 en 12-PVV-3 worden niet uitgegeven.", 0, []),
    ("Artikel 5.1.2e en versie 1.2-RC-3.", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_plate(recognizer: NlLicensePlateRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "NL_LICENSE_PLATE")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)


@pytest.mark.parametrize(
    ("plate", "code"),
    [
        ("XX-99-99", 1), ("99-99-XX", 2), ("99-XX-99", 3), ("XB-99-XB", 4), ("XB-XB-99", 5),
        ("99-XB-XB", 6), ("99-XBB-9", 7), ("9-XBB-99", 8), ("XB-999-X", 9), ("X-999-XB", 10),
        ("XBB-99-X", 11), ("X-99-XBB", 12), ("9-XB-999", 13), ("999-XB-9", 14),
        ("AE-99-XB", None), ("99-CQ-XB", None), ("12-345-6", None),
    ],
)
def test_sidecode(plate: str, code: int | None) -> None:
    assert sidecode(plate) == code
