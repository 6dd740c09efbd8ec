"""Credit-card numbers (CREDIT_CARD): 13 to 19 digits that pass the Luhn check, in card groups.

Legal basis: a card number leads to its holder through the issuing bank, and with the expiry date
it can be misused; withheld under art. 5.1.2e Woo (respect for private life).

Format (ISO/IEC 7812): an issuer prefix (IIN), the account number and a Luhn check digit, 13 to 19
digits in all; printed in groups of four (``4111 1111 1111 1111``, ``5500-0000-0000-0004``), 4-6-5
for American Express (``3782 822463 10005``) and 4-6-4 for Diners Club, or written in one piece.
A line may wrap between two groups (a long table row in a PDF: ``4111 1111 1111\n1111``).
The Luhn check (``stdnum.luhn``) passes for one in ten random numbers, so it needs more evidence:

* in card groups with the prefix and length of a known issuer (Visa, Mastercard, American Express,
  Maestro, Discover, Diners Club, JCB, UnionPay): 0.6;
* in one piece, 16 digits of Visa or Mastercard or 15 of American Express: 0.45;
* anything else that passes Luhn only after a card word ("creditcard", "kaartnummer", "Visa",
  "Mastercard", ...): 0.3 here, raised by the detector's context bonus (0.35) to 0.65.

A card word nearby raises every score by 0.35. A number labelled as something else (kenmerk,
betalingskenmerk, factuurnummer, IMEI, ...) is left alone, as is a group that continues an IBAN
(``DE89 3704 0044 0532 0130 00``). Masked numbers (``4111 **** **** 1111``) are not reported.

Examples (the issuers' published test numbers, never issued to anyone): 4111 1111 1111 1111,
5500 0000 0000 0004, 3782 822463 10005, 4111111111111111.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import luhn

from recognizers.evidence import line_before, make_result, words_after, words_before
from recognizers.scanning import digit_runs, matches_at

# Not inside a word, an address, a decimal or a longer row of digit groups; not after an IBAN's
# country code and check digits ("DE89 3704 ...").
_BEFORE = r"(?<![\w@/+.,:-]|\d[ \u00a0-]|[A-Za-z]{2}\d{2}[ \u00a0])"
_AFTER = r"(?![\w@]|[ \u00a0-]\d|[.,]\d)"
_GROUP_SEPARATORS = frozenset(" \u00a0-")  # between a card's groups (one kind per number)
_CANDIDATE = regex.compile(
    _BEFORE + r"(?:"
    r"\d{4}(?P<s>[ \u00a0-])\d{4}(?:(?P=s)|\n)\d{4}"  # 4-4-4-4(-3); a line may wrap between groups
    r"(?:(?:(?P=s)\d{1,4}|\n\d{4})(?:(?P=s)\d{1,3})?)?"
    r"|\d{4}(?P<t>[ \u00a0-])\d{6}(?:(?P=t)|\n)\d{4,5}"  # 4-6-5 (Amex), 4-6-4 (Diners Club)
    r"|\d{13,19}"
    r")" + _AFTER,
    regex.UNICODE,
)

# Issuer prefixes (IIN ranges) and lengths, most specific first: (name, prefixes, lengths).
_ISSUERS: tuple[tuple[str, tuple[tuple[int, int], ...], range], ...] = (
    ("American Express", ((34, 34), (37, 37)), range(15, 16)),
    ("Mastercard", ((51, 55), (2221, 2720)), range(16, 17)),
    ("Visa", ((4, 4),), range(13, 20)),
    ("Discover", ((6011, 6011), (644, 649), (65, 65)), range(16, 20)),
    ("JCB", ((3528, 3589),), range(16, 20)),
    ("Diners Club", ((300, 305), (36, 36), (38, 39)), range(14, 20)),
    ("UnionPay", ((62, 62),), range(16, 20)),
    ("Maestro", ((50, 50), (56, 69)), range(12, 20)),
)
# Written in one piece, a number needs no card word when it is one of these issuers' own lengths.
_COMPACT_WITHOUT_WORD = {"Visa": 16, "Mastercard": 16, "American Express": 15}

# The most telling first: the detector names the first one it finds ("mastercard", not "card").
CARD_WORDS = ("creditcard", "kaartnummer", "mastercard", "betaalkaart", "debitcard", "visa", "amex",
              "american", "maestro", "pinpas", "credit", "card", "kaart")
_OTHER_WORDS = frozenset("ref nr iban ean imei tel isbn zaak".split())
_OTHER_PREFIXES = (
    "kenmerk", "betalingskenmerk", "referentie", "factuur", "klantnummer", "ordernummer",
    "bestelnummer", "zaaknummer", "dossiernummer", "rekeningnummer", "serienummer", "artikelnummer",
    "polisnummer", "documentnummer", "zending", "pakket", "track", "telefoon", "registratienummer",
    "chipnummer", "chip", "transpondernummer", "ubn",  # an animal's chip (15 digits, may pass Luhn)
)
GROUPED, COMPACT, WORD_ONLY = 0.6, 0.45, 0.3
CARD_WORD_BONUS = 0.35  # what the detector's context word adds


def issuer(digits: str) -> str:
    """The card issuer whose prefix and length ``digits`` has, or ''."""
    for name, ranges, lengths in _ISSUERS:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            width = len(str(low))
            if low <= int(digits[:width]) <= high:
                return name
    return ""


def is_card_number(digits: str) -> bool:
    """13 to 19 digits that pass the Luhn check."""
    return digits.isdigit() and 13 <= len(digits) <= 19 and luhn.is_valid(digits)


def candidates(text: str) -> Iterator[regex.Match[str]]:
    """What ``_CANDIDATE.finditer(text)`` yields, tried only where a run of digits opens that can
    open a candidate: thirteen digits or more, or four before a separator and the next run (most
    runs of four are years)."""
    runs = digit_runs(text)
    if not runs:
        return iter(())
    return matches_at(_CANDIDATE, text, [
        start for (start, end), (after, _) in zip(runs, (*runs[1:], (-1, -1)), strict=True)
        if end - start >= 13 or end - start == 4 and after == end + 1 and text[end] in _GROUP_SEPARATORS
    ])


class NlCreditCardRecognizer(EntityRecognizer):
    """CREDIT_CARD: Luhn-valid card numbers with an issuer's shape or a card word; see the module."""

    ENTITIES = ["CREDIT_CARD"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlCreditCardRecognizer",
            context=list(CARD_WORDS),
        )

    def load(self) -> None:
        """No state."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Scores before context: the detector adds 0.35 for a card word nearby."""
        if entities and "CREDIT_CARD" not in entities:
            return []
        out = []
        for match in candidates(text):
            result = self._judge(text, match.start(), match.end())
            if result is not None:
                out.append(result)
        return out

    def _judge(self, text: str, start: int, end: int) -> RecognizerResult | None:
        number = text[start:end]
        digits = "".join(c for c in number if c.isdigit())
        if not is_card_number(digits):
            return None
        word = _card_word(text, start, end)
        if word is None:
            return None  # labelled as another kind of number
        name = issuer(digits)
        grouped = len(digits) != len(number)
        if grouped and name:
            score, rule, why = GROUPED, "card groups", f"{name} number in card groups, Luhn check passes"
        elif not grouped and _COMPACT_WITHOUT_WORD.get(name) == len(digits):
            score, rule = COMPACT, "issuer prefix"
            why = f"{len(digits)} digits of a {name} number, Luhn check passes"
        elif word:
            score, rule, why = WORD_ONLY, "card word", (
                f"{len(digits)} digits after {word!r}, Luhn check passes"
                + (f" ({name})" if name else ", no known issuer prefix"))
        else:
            far = _card_word(text, start, end, reach=12)
            if not far:
                return None
            # further back on its line than the detector's context window reaches ("een creditcard op de
            # vloer, heb er een foto van gemaakt. 5009201509343442"): scored with it here
            why = f"{len(digits)} digits after {far!r} on their line, Luhn check passes"
            return make_result(self.name, self.id, "CREDIT_CARD", start, end, WORD_ONLY + CARD_WORD_BONUS,
                               "card word", why, validation=True, context_scored=True)
        return make_result(self.name, self.id, "CREDIT_CARD", start, end, score, rule, why,
                           validation=True, context_scored=False)


def _card_word(text: str, start: int, end: int, reach: int = 6) -> str | None:
    """The card word labelling the number ('' when none), or None when a label right before it (the
    last word, or one ending in a colon) names another kind of number. Looks at ``reach`` words
    before it on its line (or above, at a line start; beyond six words, in its paragraph) and, at the
    default reach, three after it."""
    if reach <= 6:
        before = line_before(text, start, 60)
        if not before.strip():
            before = text[max(0, start - 60) : start]
    else:  # further back in its paragraph, across the lines a PDF's layout wraps it into
        before = text[max(0, start - 120) : start].rsplit("\n\n", 1)[-1]
    for i, word in enumerate(reversed(words_before(before, len(before), reach))):
        if word.startswith(CARD_WORDS):
            return word.strip(":;,()")
        if (word in _OTHER_WORDS or word.rstrip(":").startswith(_OTHER_PREFIXES)) and (
            i == 0 or word.endswith(":")
        ):
            return None  # "kenmerk 4916 ...", "Tel.: ..."; not "aan de telefoon gegeven: 4916 ..."
    for word in words_after(text, end, 3, chars=30) if reach <= 6 else ():
        if word.startswith(CARD_WORDS):
            return word.strip(":;,()")
    return ""
