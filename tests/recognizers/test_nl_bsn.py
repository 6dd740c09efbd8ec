"""NlBsnRecognizer: nine digits that pass the elfproef, and the numbers that only look like one.

All numbers are fictitious; 123456782 and 111222333 pass the elfproef and are not issued.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognizers.nl_bsn import NlBsnRecognizer

ENTITY = "NL_BSN"
OURS = {"EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN", "IBAN_CODE"}
RECOGNIZER = NlBsnRecognizer()


def spans(text: str) -> list[tuple[int, int]]:
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    return sorted((r.start, r.end) for r in results)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # fmt: off
        # every notation
        ("123456782", 1, ((0, 9),)),
        ("Uw BSN is 123456782.", 1, ((10, 19),)),
        ("Burgerservicenummer: 111222333", 1, ((21, 30),)),
        ("BSN-nummer 1234.56.782 van betrokkene", 1, ((11, 22),)),
        ("sofinummer 1234 56 782", 1, ((11, 22),)),
        ("BSN 123 456 782", 1, ((4, 15),)),
        ("(BSN: 123456782)", 1, ((6, 15),)),
        ("De BSN's 123456782 en 111222333.", 2, ((9, 18), (22, 31))),
        ("Hij noemde 123456782\nals zijn nummer", 1, ((11, 20),)),
        ("bsn:123456782", 1, ((4, 13),)),
        # near misses: failed elfproef, wrong length, part of something longer
        ("Uw BSN is 123456781.", 0, ()),
        ("BSN 12345678", 0, ()),
        ("BSN 1234567821", 0, ()),
        ("Nummer 9123456782 in het register", 0, ()),
        ("Zaaknummer 2023-123456782", 0, ()),
        ("Kenmerk 2024/123456782", 0, ()),
        ("Z/23/123456782", 0, ()),
        ("Een bedrag van € 123 456 782 is toegekend.", 0, ()),
        ("Een bedrag van € 123.456.782,00 is toegekend.", 0, ()),
        ("Het bedrag is 123456782,50 euro.", 0, ()),
        ("Tabel: 9 123 456 782", 0, ()),
        ("De reeks 123 456 782 12 loopt door.", 0, ()),
        ("Bel 0612345678 of 06-12345678.", 0, ()),
        ("Rekening NL94ABNA0123456782 en NL94 ABNA 0123 4567 82", 0, ()),
        ("Op grond van artikel 5.1.1e Woo, zie 12-03-2024.", 0, ()),
        ("Postcode 1234 AB, periode 2019-2023.", 0, ()),
        ("mail 123456782@bsn.example.nl", 0, ()),
        # fmt: on
    ],
)
def test_when_bsn_in_text_then_all_found(text, expected_len, expected_positions):
    found = spans(text)
    assert len(found) == expected_len, [text[s:e] for s, e in found]
    assert found == sorted(expected_positions)


@pytest.mark.parametrize(
    "number, valid",
    [
        ("123456782", True),
        ("111222333", True),
        ("1234.56.782", True),
        ("1234 56 782", True),
        ("123 456 782", True),
        ("100000009", True),
        ("123456781", False),
        ("111222334", False),
        ("000000000", False),
        ("12345678", False),
        ("1234567820", False),
        ("12345678a", False),
    ],
)
def test_elfproef(number, valid):
    assert RECOGNIZER.validate_result(number) is valid


def test_valid_number_alone_scores_moderately_not_one():
    (result,) = RECOGNIZER.analyze("Het getal 123456782 staat hier.", entities=[ENTITY])
    assert result.score == pytest.approx(0.5)
    assert result.analysis_explanation.validation_result is True


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_every_checksum_valid_number_is_found_and_every_other_is_not(stem):
    weighted = sum(int(d) * w for d, w in zip(stem, range(9, 1, -1), strict=True))
    check = weighted % 11  # elfproef: weighted sum - last digit is divisible by 11
    for last in "0123456789":
        number = stem + last
        expected = [(4, 13)] if int(last) == check and number != "000000000" else []
        assert spans(f"BSN {number}.") == expected, number


@pytest.mark.parametrize(
    "text, score, context",
    [
        ("Uw BSN-nummer is 123456782.", 0.85, ("bsn",)),
        ("Burgerservicenummer: 1234 56 782", 0.85, ("burgerservicenummer",)),
        ("sofi-nummer 111222333", 0.85, ("sofi-nummer",)),
        ("Het getal 123456782 staat hier.", 0.5, ()),
    ],
)
def test_detector_scores_context_above_threshold(detector, text, score, context):
    (finding,) = [f for f in detector.detect(text) if f.entity == ENTITY]
    assert finding.score == pytest.approx(score)
    assert finding.score >= detector.config.threshold
    assert finding.explanation.context == context
    assert finding.explanation.validation == "valid"
    assert finding.ground == "5.1.1e"


@pytest.mark.parametrize("text", ["BSN: 123456781", "burgerservicenummer 1234 56 783"])
def test_detector_never_reports_a_failed_elfproef(detector, text):
    assert [f for f in detector.detect(text) if f.entity == ENTITY] == []


@pytest.mark.parametrize(
    "text, planted, ours",
    [
        ("Uw burgerservicenummer is 123456782.", "123456782", {"NL_BSN"}),
        ("BSN 1234.56.782, tel. 06-12345678", "1234.56.782", {"NL_BSN", "PHONE_NUMBER"}),
        ("BSN 123 456 782 en rekening NL91 ABNA 0417 1643 00", "123 456 782", {"NL_BSN", "IBAN_CODE"}),
        ("BSN 111222333, mail b.fictief@example.nl", "111222333", {"NL_BSN", "EMAIL_ADDRESS"}),
    ],
)
def test_detector_reports_the_bsn_as_nothing_else(detector, text, planted, ours):
    findings = detector.detect(text)
    start = text.index(planted)
    end = start + len(planted)
    overlapping = [(f.entity, f.text) for f in findings if f.start < end and start < f.end]
    assert overlapping == [(ENTITY, planted)]
    assert {f.entity for f in findings} & OURS == ours
