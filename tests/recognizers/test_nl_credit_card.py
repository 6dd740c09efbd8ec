"""NlCreditCardRecognizer: Luhn-valid card numbers in card groups or after a card word.

Every card number here is one of the issuers' published test numbers (never issued to anyone),
or a made-up number that passes or fails the Luhn check as the case says.
"""

from __future__ import annotations

import pytest

from recognizers.nl_credit_card import NlCreditCardRecognizer, is_card_number, issuer
from tests.recognizers.tables import found, sole_finding, spans_of

ENTITY = "CREDIT_CARD"
OURS = {"CREDIT_CARD", "IBAN_CODE", "NL_BSN", "PHONE_NUMBER", "NL_ID_DOCUMENT"}
RECOGNIZER = NlCreditCardRecognizer()


def spans(text: str) -> list[tuple[int, int]]:
    """What the recogniser reports at or above the threshold (before any context bonus)."""
    return found(RECOGNIZER, text, ENTITY)


@pytest.mark.parametrize(
    "text, expected",
    [
        # fmt: off
        # card groups with an issuer's prefix and length: no card word needed
        ("Betaald met 4111 1111 1111 1111, geldig tot 12/27.", ["4111 1111 1111 1111"]),
        ("nummer 5500-0000-0000-0004 op de bon", ["5500-0000-0000-0004"]),
        # a long table row wraps in a PDF: the last group on the next line
        ("Dekker, J. | NL02INGB3772085447 | 4111 1111 1111\n1111\n4. Risico", ["4111 1111 1111\n1111"]),
        ("Kaart 2223 0031 2200 3222 is geblokkeerd.", ["2223 0031 2200 3222"]),
        ("Op naam van de aanvrager: 3782 822463 10005.", ["3782 822463 10005"]),
        ("Diners 3056 930902 5904", ["3056 930902 5904"]),
        ("De JCB-kaart 3530 1113 3330 0000 werd geweigerd.", ["3530 1113 3330 0000"]),
        ("Betaling met 6011 1111 1111 1117.", ["6011 1111 1111 1117"]),
        ("Maestro 6759 6498 2643 8453", ["6759 6498 2643 8453"]),
        ("Visa\u00a04012\u00a08888\u00a08888\u00a01881", ["4012\u00a08888\u00a08888\u00a01881"]),
        # in one piece: Visa or Mastercard with 16 digits, Amex with 15
        ("nummer 4111111111111111 staat hier", ["4111111111111111"]),
        ("De kaart (5105105105105100) is vervallen.", ["5105105105105100"]),
        ("378282246310005", ["378282246310005"]),
        ("Tweemaal: 4111 1111 1111 1111 en 5555555555554444.", ["4111 1111 1111 1111", "5555555555554444"]),
        # near misses: Luhn fails, too short or long, part of something longer, another number
        ("Betaald met 4111 1111 1111 1112.", []),
        ("nummer 4111111111111112 staat hier", []),
        ("Reeks 1234 5678 9012 3452 zonder kaartwoord.", []),  # Luhn passes, no issuer
        ("Referentie 6011000990139424 in het systeem", []),  # one piece, Discover: needs a card word
        ("Ons kenmerk: 4111 1111 1111 1111", []),
        ("Betalingskenmerk 4111 1111 1111 1111", []),
        ("Factuurnummer 4111111111111111", []),
        ("Zaak 4000123412341234 is gesloten.", []),
        ("Ordernummer 4000123412341234 is verzonden.", []),
        ("IMEI 356938035643809", []),
        ("IBAN DE89 3704 0044 0532 0130 00 van de leverancier", []),
        ("Rekening NL91 ABNA 0417 1643 00 en NL91ABNA0417164300", []),
        ("Bel 06-12345678 of +31 20 123 4567.", []),
        ("BSN 123456782 en 1234.56.782", []),
        ("Zaak 4111 1111 1111 1111 1111 2", []),  # a longer row of groups
        ("Visa 4111 **** **** 1111", []),
        ("Bedrag 4.111.111.111.111,11 euro", []),
        ("Serienummer 4222222222222 op het apparaat", []),
        ("ECLI:NL:HR:2024:4111111111111111", []),
        # fmt: on
    ],
)
def test_card_in_text(text: str, expected: list[str]) -> None:
    assert spans(text) == spans_of(text, expected), [text[s:e] for s, e in spans(text)]


@pytest.mark.parametrize(
    "digits, name",
    [
        ("4111111111111111", "Visa"), ("4222222222222", "Visa"), ("5500000000000004", "Mastercard"),
        ("2223003122003222", "Mastercard"), ("378282246310005", "American Express"),
        ("371449635398431", "American Express"), ("6011111111111117", "Discover"),
        ("3530111333300000", "JCB"), ("30569309025904", "Diners Club"), ("6200000000000005", "UnionPay"),
        ("6759649826438453", "Maestro"), ("1234567890123452", ""), ("3782822463100051", ""),
        ("5500000000000", ""),
    ],
)
def test_issuer(digits: str, name: str) -> None:
    assert issuer(digits) == name


@pytest.mark.parametrize(
    "digits, valid",
    [
        ("4111111111111111", True), ("378282246310005", True), ("4222222222222", True),
        ("4111111111111112", False), ("411111111111", False), ("41111111111111111111", False),
        ("4111-1111-1111-1111", False),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert is_card_number(digits) is valid


@pytest.mark.parametrize(
    "text, planted, score, context",
    [
        ("Betaald met creditcard 4111 1111 1111 1111, geldig tot 12/27.", "4111 1111 1111 1111", 0.95,
         ("creditcard",)),
        ("Mastercard 5500-0000-0000-0004", "5500-0000-0000-0004", 0.95, ("mastercard",)),
        ("nummer 4111111111111111 staat hier", "4111111111111111", 0.45, ()),
        ("Kaartnummer: 6011000990139424", "6011000990139424", 0.65, ("kaartnummer",)),
        ("kaartnummer 1234 5678 9012 3452", "1234 5678 9012 3452", 0.65, ("kaartnummer",)),
    ],
)
def test_detector_scores(detector, text: str, planted: str, score: float, context: tuple[str, ...]) -> None:
    finding = sole_finding(detector, text, planted, ENTITY, OURS)
    assert finding.score == pytest.approx(score)
    assert finding.explanation.context == context
    assert finding.explanation.validation == "valid"
    assert "Luhn" in finding.explanation.text
    assert finding.ground == "5.1.2e"
