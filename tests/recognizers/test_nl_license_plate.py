"""NlLicensePlateRecognizer: the fourteen sidecodes in every notation; other dashed codes stay quiet.

The plates are made up; letters follow the RDW's rules unless a case says they could not have been
issued.
"""

from __future__ import annotations

import pytest

from recognizers.nl_license_plate import NlLicensePlateRecognizer, shape_code, sidecode, unissued
from tests.recognizers.tables import found, sole_finding, spans_of

ENTITY = "NL_LICENSE_PLATE"
OURS = {"NL_LICENSE_PLATE", "NL_POSTCODE", "PHONE_NUMBER", "NL_BSN", "NL_ID_DOCUMENT", "DATE_OF_BIRTH"}


@pytest.fixture(scope="module")
def recognizer() -> NlLicensePlateRecognizer:
    return NlLicensePlateRecognizer()


CASES = [
    # fmt: off
    # every sidecode, with dashes, without a label
    ("De auto met kenteken GT-123-B stond er.", ["GT-123-B"]),
    ("Voertuig 12-BGB-3 en 1-KBD-23 gezien.", ["12-BGB-3", "1-KBD-23"]),
    ("RH-JB-13 staat voor de deur.", ["RH-JB-13"]),
    ("Zij zag de ZN-123-B wegrijden.", ["ZN-123-B"]),  # 9: XX-999-X
    ("Op de foto: N-001-SB.", ["N-001-SB"]),  # 10: X-999-XX
    ("De GHJ-12-K reed door rood.", ["GHJ-12-K"]),  # 11: XXX-99-X
    ("Melding over K-12-GHJ.", ["K-12-GHJ"]),  # 12: X-99-XXX
    ("Daarna kwam 2-KB-123 voorbij.", ["2-KB-123"]),  # 13: 9-XX-999
    ("En ook 123-KB-4.", ["123-KB-4"]),  # 14: 999-XX-9
    ("Gezien: 12-XBB-3, 9-XBB-99, XB-XB-99 en 99-XB-XB.", ["12-XBB-3", "9-XBB-99", "XB-XB-99", "99-XB-XB"]),
    # lower case, spaces, no dashes
    ("hij reed in een gt-123-b langs", ["gt-123-b"]),
    ("zag 12-bbb-3 op straat", ["12-bbb-3"]),
    ("kenteken 99XXL9 (zonder streepjes)", ["99XXL9"]),
    ("kenteken gt123b", ["gt123b"]),
    ("Kenteken: GT 123 B", ["GT 123 B"]),
    ("Kentekenplaat:\nGT-123-B", ["GT-123-B"]),
    ("kentekens 12-BGB-3 en KX-12-BD", ["12-BGB-3", "KX-12-BD"]),
    ("Het kenteken is GT 123 B.", ["GT 123 B"]),
    ("kenteken is 99 xxl 9", ["99 xxl 9"]),
    ("kenteken is 99 xx l9", []),  # no sidecode is grouped 2-2-2 with these letters and digits
    ("Kenteken GT-\n123-B (regel afgebroken)", ["GT-\n123-B"]),
    ("De auto 12BBB3 stond op de stoep.", ["12BBB3"]),
    ("de bus GT 123 B reed weg", ["GT 123 B"]),
    ("Bestelcode GT123B voor de auto-onderdelen", []),
    ("auto's van het type XB12 en GT123", []),
    ("Kenteken: ABC123 (buitenlands)", ["ABC123"]),
    # old sidecodes 1-3 need a label or a vehicle word: they used every letter
    ("Kenteken AB-12-34 (oldtimer).", ["AB-12-34"]),
    ("De auto, een Volvo met 12-34-AB, stond er.", ["12-34-AB"]),
    ("Het overleg BO-24-09 is verplaatst.", []),
    ("Agendapunt 12-34-NL.", []),
    # after a label even when the letters were never issued
    ("kenteken: AB-12-CD", ["AB-12-CD"]),
    ("De auto met kenteken 12-SS-34 stond er.", ["12-SS-34"]),
    ("kenteken 12-PVV-3", ["12-PVV-3"]),
    # right after a label, a plate of no Dutch sidecode (foreign)
    ("Een auto met Belgisch kenteken 1-ABC-234 reed weg.", ["1-ABC-234"]),
    ("De auto van de familie, kenteken\nKR-JB 417, is beschadigd.", ["KR-JB 417"]),  # on the next line
    ("Hij rijdt met Pools kenteken PZ 81735 rond.", ["PZ 81735"]),  # a group of five digits
    # a British plate of today's form, a vehicle named before it; not without one
    ("De Britse groep kwam met twee auto's, onder meer LN19 XKP.", ["LN19 XKP"]),
    ("Duits kenteken: B-AB 1234", ["B-AB 1234"]),
    ("kenteken 12 uur later gezien", []),
    ("Het kenteken was onleesbaar (zie foto 3).", []),
    # near misses
    ("Zonder context 99XXL9 is het geen kenteken.", []),
    ("Het formulier BD51 SMR is ingevuld.", []),  # a British plate's shape, no vehicle named
    ("Datum 12-34-56 en zaak Z-23-012.", []),
    ("AB-12-CD heeft klinkers (sidecode 4 kent ze niet).", []),
    ("12-SS-34 en 12-PVV-3 worden niet uitgegeven.", []),
    ("Artikel 5.1.2e en versie 1.2-RC-3.", []),
    ("COVID-19, SARS-CoV-2, FFP2, A4, MP3 en 2-EA-00.", []),
    ("Zie https://www.example.nl/docs/bz-123-k voor meer.", []),
    ("Bestelcode GT123B en artikel XB-123-4567.", []),
    ("Het document VWS-12-B is vastgesteld.", []),
    ("Formulier 2024-BK-12 en kamerstuk 35-300-XVI.", []),
    ("kenteken onbekend, zie 5.1.2e", []),
    ("Postcode 1234 AB, tel. 06-12345678.", []),
    # fmt: on
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_plate(recognizer: NlLicensePlateRecognizer, text: str, expected: list[str]) -> None:
    got = found(recognizer, text, ENTITY)
    assert got == spans_of(text, expected), [text[s:e] for s, e in got]


@pytest.mark.parametrize(
    ("plate", "code"),
    [
        ("XX-99-99", 1), ("99-99-XX", 2), ("99-XX-99", 3), ("XB-99-XB", 4), ("XB-XB-99", 5),
        ("99-XB-XB", 6), ("99-XBB-9", 7), ("9-XBB-99", 8), ("XB-999-X", 9), ("X-999-XB", 10),
        ("XBB-99-X", 11), ("X-99-XBB", 12), ("9-XB-999", 13), ("999-XB-9", 14),
        ("xb999x", 9), ("XB 999 X", 9), ("AB-12-34", 1), ("OB-12-XB", 4), ("WF-12-BD", 4),
        ("AE-99-XB", None), ("99-CQ-XB", None), ("12-345-6", None), ("12-SS-34", None),
        ("12-NSB-3", None), ("G-12-PVV", None), ("XB-9-999", None), ("XB99-9X", None),
        ("XB-999-XX", None), ("é1-23-BB", None),
    ],
)
def test_sidecode(plate: str, code: int | None) -> None:
    assert sidecode(plate) == code


@pytest.mark.parametrize(
    ("plate", "code", "why"),
    [
        ("AB-12-CD", 4, "vowel"), ("12-SS-34", 3, "'SS'"), ("12-PVV-3", 7, "'PVV'"),
        ("C-123-BB", 10, "vowel, C or Q"), ("GT-123-B", 9, ""),
    ],
)
def test_why_a_plate_was_never_issued(plate: str, code: int, why: str) -> None:
    assert shape_code(plate) == code
    reason = unissued(plate, code)
    assert (why in reason) if why else reason == ""


@pytest.mark.parametrize(
    ("text", "planted", "score", "explains"),
    [
        ("De auto met kenteken GT-123-B stond er.", "GT-123-B", 0.9, "after 'kenteken'"),
        ("Kenteken: gt 123 b", "gt 123 b", 0.9, "sidecode 9"),
        ("Kenteken: AB-12-CD", "AB-12-CD", 0.5, "never issued"),
        ("Op de foto: N-001-SB.", "N-001-SB", 0.65, "sidecode 10"),
        ("zag 12-bbb-3 op straat", "12-bbb-3", 0.5, "sidecode 7"),
        ("De bestelbus 12-BBB-3 stond fout geparkeerd.", "12-BBB-3", 0.9, "near 'bestelbus'"),
    ],
)
def test_detector_scores_and_explains(detector, text: str, planted: str, score: float, explains: str) -> None:
    finding = sole_finding(detector, text, planted, ENTITY, OURS)
    assert finding.score == pytest.approx(score)
    assert explains in finding.explanation.text
    assert finding.ground == "5.1.2e"
