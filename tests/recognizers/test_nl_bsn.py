"""NlBsnRecognizer: nine digits in every notation, labelled or not, and the numbers that only look like one.

All numbers are fictitious: 123456782 and 111222333 are the textbook examples, and numbers from
999900000 on lie in the range the RvIG keeps for tests. They pass the elfproef unless a case says
otherwise (123456781, 999900007 and 111222334 fail it).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognizers.nl_bsn import LABELLED_INVALID_SCORE, NlBsnRecognizer, elfproef
from tests.recognizers.tables import found, spans_of

ENTITY = "NL_BSN"
OURS = {"EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN", "IBAN_CODE", "CREDIT_CARD"}
RECOGNIZER = NlBsnRecognizer()


def spans(text: str) -> list[tuple[int, int]]:
    """What the recogniser reports at or above the threshold (before any context bonus)."""
    return found(RECOGNIZER, text, ENTITY)


@pytest.mark.parametrize(
    "text, expected",
    [
        # fmt: off
        # every notation
        ("123456782", ["123456782"]),
        ("Uw BSN is 123456782.", ["123456782"]),
        ("Burgerservicenummer: 111222333", ["111222333"]),
        ("BSN-nummer 1234.56.782 van betrokkene", ["1234.56.782"]),
        ("sofinummer 1234 56 782", ["1234 56 782"]),
        ("BSN 123 456 782", ["123 456 782"]),
        ("Burgerservicenummer: 123.456.782", ["123.456.782"]),
        ("BSN 123-456-782", ["123-456-782"]),
        ("bsn 1234-56-782", ["1234-56-782"]),
        ("het nummer 999.932.676 van de aanvrager", ["999.932.676"]),
        ("(BSN: 123456782)", ["123456782"]),
        ("De BSN's 123456782 en 111222333.", ["123456782", "111222333"]),
        ("Hij noemde 123456782\nals zijn nummer", ["123456782"]),
        ("bsn:123456782", ["123456782"]),
        ("111222333 (bsn)", ["111222333"]),
        # whitespace from PDF extraction
        ("BSN 123  456  782 in de bijlage", ["123  456  782"]),
        ("BSN 123 456\n782 in de bijlage", ["123 456\n782"]),
        ("BSN 1234.56.\n782", ["1234.56.\n782"]),
        ("Burgerservicenummer:\n999980154", ["999980154"]),
        ("BSN:\n123\n456\n782", ["123\n456\n782"]),
        ("BSN 100\n123 456 782", ["123 456 782"]),
        # near misses: failed elfproef, wrong length, part of something longer
        ("Het getal 123456781 staat hier.", []),
        ("BSN 12345678", []),
        ("BSN 1234567821", []),
        ("Nummer 9123456782 in het register", []),
        ("Zaaknummer 2023-123456782", []),
        ("Kenmerk 2024/123456782", []),
        ("Z/23/123456782", []),
        ("Een bedrag van € 123 456 782 is toegekend.", []),
        ("Een bedrag van € 123.456.782,00 is toegekend.", []),
        ("Het bedrag is 123456782,50 euro.", []),
        ("Totaal 123.456.782 euro aan subsidies.", []),
        ("De begroting telt EUR 123.456.782 voor 2025.", []),
        ("Het bedrag van 123.456.782,- is betaald.", []),
        ("Tabel: 9 123 456 782", []),
        ("De reeks 123 456 782 12 loopt door.", []),
        ("kolom\n123\n456\n782\n", []),
        ("Rij 100  123  456  782  300", []),
        ("Tabel 3\n100  250  300\n123  456  782\n", []),
        ("Het nummer 123 456\n782 zonder label", []),
        ("Bel 0612345678 of 06-12345678.", []),
        ("Bel +31 612345678 voor een afspraak.", []),
        ("Rekening NL94ABNA0123456782 en NL94 ABNA 0123 4567 82", []),
        ("Op grond van artikel 5.1.1e Woo, zie 12-03-2024.", []),
        ("Postcode 1234 AB, periode 2019-2023.", []),
        ("mail 123456782@bsn.example.nl", []),
        ("Ons kenmerk: 123456782", []),
        ("Zaaknummer 123.456.782", []),
        ("Factuurnummer 111222333 van 3 mei", []),
        ("KvK 12345678 en RSIN 123456782", []),
        ("Telefoon: 123 456 782", []),
        ("Versie 1.123.456.782", []),
        # a BSN column's cell split by extraction in an odd place; not so in another column
        ("Naam\tBSN\tStatus\nK. Bakker\t1234 56782\tretour\n", ["1234 56782"]),
        ("Naam\tKenmerk\tStatus\nK. Bakker\t1234 56782\tretour\n", []),
        # a typo in a BSN column: its heading is the label (scored 0.55, the elfproef failing)
        ("Naam\tBSN\tStatus\nK. Bakker\t511884730\tretour\n", ["511884730"]),
        # spoken one by one, the BSN asked for on the line before
        ("medewerker: heeft u zijn burgerservicenummer\nbeller: ja eh 2 1 5 1 4 4 6 9 7\n",
         ["2 1 5 1 4 4 6 9 7"]),
        ("beller: mijn code is 2 1 5 1 4 4 6 9 7\n", []),
        # fmt: on
    ],
)
def test_bsn_in_text(text: str, expected: list[str]) -> None:
    assert spans(text) == spans_of(text, expected), [text[s:e] for s, e in spans(text)]


@pytest.mark.parametrize(
    "number, valid",
    [
        ("123456782", True),
        ("111222333", True),
        ("100000009", True),
        ("999932676", True),
        ("12345672", True),  # 012345672: a leading zero dropped
        ("123456781", False),
        ("111222334", False),
        ("999900007", False),
        ("000000000", False),
        ("12345678", False),
        ("1234567820", False),
        ("12345678a", False),
        ("1234567", False),
    ],
)
def test_elfproef(number: str, valid: bool) -> None:
    assert elfproef(number) is valid


@pytest.mark.parametrize(
    "text, valid",
    [
        ("1234.56.782", True), ("123.456.782", True), ("123-456-782", True), ("123 456\n782", True),
        ("123456781", False), ("12345672", False),  # patterns are nine digits
    ],
)
def test_validate_result_reads_the_digits_of_any_notation(text: str, valid: bool) -> None:
    assert RECOGNIZER.validate_result(text) is valid


def test_valid_number_alone_scores_moderately_not_one() -> None:
    (result,) = RECOGNIZER.analyze("Het getal 123456782 staat hier.", entities=[ENTITY])
    assert result.score == pytest.approx(0.5)
    assert result.analysis_explanation.validation_result is True


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_every_checksum_valid_number_is_found_and_every_other_is_not(stem: str) -> None:
    weighted = sum(int(d) * w for d, w in zip(stem, range(9, 1, -1), strict=True))
    check = weighted % 11  # elfproef: weighted sum - last digit is divisible by 11
    for last in "0123456789":
        number = stem + last
        expected = [(7, 16)] if int(last) == check and number != "000000000" else []
        assert spans(f"Nummer {number}.") == expected, number


@pytest.mark.parametrize(
    "text, score, context, validation",
    [
        ("Uw BSN-nummer is 123456782.", 0.85, ("bsn",), "valid"),
        ("Burgerservicenummer: 1234 56 782", 0.85, ("burgerservicenummer",), "valid"),
        ("Burgerservicenummer: 123.456.782", 0.85, ("burgerservicenummer",), "valid"),
        ("sofi-nummer 111222333", 0.85, ("sofi-nummer",), "valid"),
        ("Het getal 123456782 staat hier.", 0.5, (), "valid"),
        ("Het nummer 123.456.782 staat hier.", 0.5, (), "valid"),
        # a labelled number that fails the elfproef: a typo still identifies a person
        ("BSN: 123456781", 0.55, ("bsn",), "invalid"),
        ("burgerservicenummer 1234 56 783", 0.55, ("burgerservicenummer",), "invalid"),
        ("Sofinummer: 999.900.007", 0.55, ("sofinummer",), "invalid"),
        ("citizen service number 111222334", 0.55, ("citizen",), "invalid"),
        ("111222334 (bsn)", 0.55, ("bsn",), "invalid"),
        # eight digits after a label: a leading zero dropped
        ("BSN 12345672", 0.65, ("bsn",), "valid"),
        # nine digits in other groups, right after a label (OCR splits, a writer's own grouping)
        ("BSN: 12345 6782", 0.65, ("bsn",), "valid"),
        ("Burgerservicenummer 12 34 56 782 is bekend.", 0.65, ("burgerservicenummer",), "valid"),
        ("bsn 1234 5678 2", 0.65, ("bsn",), "valid"),
        ("BSN 1.2345.6782", 0.65, ("bsn",), "valid"),
        # ... and failing the elfproef right after the label: a typo still identifies a person
        ("BSN opgegeven: 1234 5678 3", 0.55, ("bsn",), "invalid"),
        ("BSN: 12345 6781", 0.55, ("bsn",), "invalid"),
    ],
)
def test_detector_scores(
    detector, text: str, score: float, context: tuple[str, ...], validation: str
) -> None:
    (finding,) = [f for f in detector.detect(text) if f.entity == ENTITY]
    assert finding.score == pytest.approx(score)
    assert finding.score >= detector.config.threshold
    assert finding.explanation.context == context
    assert finding.explanation.validation == validation
    assert finding.ground == "5.1.1e"
    if validation == "invalid":
        assert "elfproef fails" in finding.explanation.text


def test_a_failed_elfproef_scores_below_the_threshold_without_its_label() -> None:
    (result,) = RECOGNIZER.analyze("BSN: 123456781", entities=[ENTITY])
    assert result.score == LABELLED_INVALID_SCORE < 0.4
    assert result.analysis_explanation.validation_result is False


@pytest.mark.parametrize(
    "text",
    [
        "Het getal 123456781 staat hier.",  # no label
        "BSN: 000000000",  # a placeholder
        "BSN: 123456789",
        "BSN: 12345678",  # eight digits that fail even with a zero in front
        "BSN 1234567821",  # ten digits
        "Het BSN is onbekend; kenmerk 123456781.",  # the label belongs to another number
        "Kenmerk 12345672 (BSN volgt)",
        # other groups: only right after a label (failing the elfproef, right after it only)
        "Het bedrag van 12345 6782 is betaald.",  # no label
        "Het BSN ontbreekt in de brief van de aanvrager; nummer 12345 6782.",  # label too far
        "BSN onbekend, telefoon 12345 6782",  # labelled as something else
        "BSN: 1234 5678 29",  # ten digits
    ],
)
def test_detector_never_reports(detector, text: str) -> None:
    assert [f.text for f in detector.detect(text) if f.entity == ENTITY] == []


@pytest.mark.parametrize(
    "text, planted, ours",
    [
        ("Uw burgerservicenummer is 123456782.", "123456782", {"NL_BSN"}),
        ("BSN 1234.56.782, tel. 06-12345678", "1234.56.782", {"NL_BSN", "PHONE_NUMBER"}),
        ("BSN 123.456.782, tel. 06-12345678", "123.456.782", {"NL_BSN", "PHONE_NUMBER"}),
        ("BSN 123 456 782 en rekening NL91 ABNA 0417 1643 00", "123 456 782", {"NL_BSN", "IBAN_CODE"}),
        ("BSN 111222333, mail b.fictief@example.nl", "111222333", {"NL_BSN", "EMAIL_ADDRESS"}),
        ("BSN 123-456-782 en Visa 4111 1111 1111 1111", "123-456-782", {"NL_BSN", "CREDIT_CARD"}),
    ],
)
def test_detector_reports_the_bsn_as_nothing_else(detector, text: str, planted: str, ours: set[str]) -> None:
    findings = detector.detect(text)
    start = text.index(planted)
    end = start + len(planted)
    overlapping = [(f.entity, f.text) for f in findings if f.start < end and start < f.end]
    assert overlapping == [(ENTITY, planted)]
    assert {f.entity for f in findings} & OURS == ours
