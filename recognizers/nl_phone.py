"""Telephone numbers in every common Dutch notation, and international numbers near a context word."""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.dutch_pattern import DutchPatternRecognizer

# Between digits: one space, or a hyphen, dot or slash with a space either side ("010 - 123 45 67").
_SEP = r"(?:[ \u00a0]?[-./][ \u00a0]?|[ \u00a0])"
# After an area code in brackets: "(0547) 12 34 56", "(020)-1234567".
_AFTER_BRACKET = r"[ \u00a0]?-?[ \u00a0]?"


def _digits(count: int) -> str:
    """``count`` more digits, each optionally preceded by a separator."""
    return rf"(?:{_SEP}?\d){{{count}}}"


# Not glued to a word, an address, a reference ("2024/0123456"), a "+", a longer number
# ("2023-012345", "1 0612345678"), the tail of a Dutch IBAN ("NL91 ABNA 0417 1643 00") or a "(0)".
_BEFORE = (
    r"(?<![\w@/+]|\d[-.,/]|\d[ \u00a0]"
    r"|[A-Za-z]{2}\d{2}[ \u00a0]?[A-Za-z]{4}[ \u00a0]?|\(0\)[ \u00a0]?)"
)
# Not followed by more of a word, an address or a longer number ("06-12345678-1", "... 00 12").
_AFTER = r"(?![\w@]|[-.,:/]\d|[ \u00a0]\d)"
_AFTER_INTERNATIONAL = r"(?![\w@]|[-.,:/]\d)"

_NATIONAL = (
    r"(?:\(0\d\)" + _AFTER_BRACKET + r"\d" + _digits(7)
    + r"|\(0\d\d\)" + _AFTER_BRACKET + r"\d" + _digits(6)
    + r"|\(0\d\d\d\)" + _AFTER_BRACKET + r"\d" + _digits(5)
    + r"|0\d" + _digits(8)
    + ")"
)
_NL_INTERNATIONAL = rf"(?:\+|00)31{_SEP}?(?:\(0\){_SEP}?|0{_SEP}?)?[1-9]" + _digits(8)
_NL_SERVICE = rf"0(?:800|900|906|909)(?:{_SEP}?\d){{4,7}}"
_INTERNATIONAL = rf"\+(?!31)[1-9](?:{_SEP}?(?:\(\d{{1,4}}\)|\d)){{6,14}}"

# A day-month-year date is not a phone number, however many digits follow it.
_DATE = regex.compile(r"\(?(?:0[1-9]|[12]\d|3[01])([-./])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d")
# A ten-digit number right after such a label is a reference, not a phone number.
_REFERENCE_LABEL = regex.compile(
    r"(?i)\b(?:kenmerk|zaak(?:nummer|nr)|dossier(?:nummer|nr)|referentie(?:nummer)?|ref"
    r"|factuur(?:nummer|nr)?|klantnummer|ordernummer|registratienummer|documentnummer"
    r"|polisnummer|kvk(?:-?nummer)?|btw(?:-?nummer)?|rsin)\b[\s.:#]*$"
)
# A short label right before the number ("Tel.:", "T", "M", "fax"): as good as a context word.
_PHONE_LABEL = regex.compile(r"(?i)\b(tel|t|m|mob|gsm|f|fax)\.?(?:[ \u00a0]?nr\.?)?[ \u00a0]*:?[ \u00a0]*$")
_LABEL_BOOST = 0.35  # what a context word adds (Presidio's default; the detector's too)
_WINDOW = 40
_SERVICE_PREFIXES = ("800", "900", "906", "909")
_VALID: dict[str, bool] = {}  # validate_result's memo
_NATIONAL_LENGTH = 9  # digits after the trunk 0 (or after +31): 0 + 9 = ten national digits


class NlPhoneRecognizer(DutchPatternRecognizer):
    """Recognises telephone numbers as they are written in Dutch documents.

    A telephone number of a person (including a civil servant's direct line or mobile) is personal
    data: Woo article 5.1.2e (respect for private life).

    Format: ten national digits, a trunk 0 and nine more, grouped freely with spaces, hyphens,
    dots or slashes: mobile ``06-12345678``, ``06 12 34 56 78``, ``0612345678``; landline
    ``020-1234567``, ``020 123 4567``, ``010 - 123 45 67``, ``(0547) 12 34 56``, ``0547-123456``,
    ``088-1234567``; international ``+31 6 12345678``, ``+31612345678``, ``0031 6 1234 5678``,
    ``+31 (0)20 123 4567``; service numbers ``0800-1234``, ``0900-1234567`` (4 to 7 digits after
    the prefix). Other international numbers (``+32 2 123 45 67``) score below the threshold
    unless a label ("Tel.:", "T", "M") stands right before them or a context word ("telefoon",
    "mobiel") nearby.

    Check: ``phonenumbers`` "possible number" (region NL; lengths only, not "local only") plus
    the Dutch length rule; not ``is_valid_number``, which rejects realistic unallocated ranges.
    The check gates a match without raising its score. Dates (``01-03-2024 10:00``), references
    after "kenmerk" or "zaaknummer", case numbers (``2023-012345``), amounts, postcodes and
    nine-digit numbers (a BSN) do not match.

    Examples (fictitious): 06-12345678, +31 (0)20 123 4567, (0547) 12 34 56, 0800-1234.
    """

    ENTITY = "PHONE_NUMBER"

    PATTERNS = [
        Pattern("NL number (+31)", _BEFORE + _NL_INTERNATIONAL + _AFTER, 0.7),
        Pattern("NL number (national)", _BEFORE + _NATIONAL + _AFTER, 0.6),
        Pattern("NL service number (0800/0900)", _BEFORE + _NL_SERVICE + _AFTER, 0.6),
        Pattern("International number (+)", r"(?<![\w@/+])" + _INTERNATIONAL + _AFTER_INTERNATIONAL, 0.3),
    ]

    # Matched as substrings of the words nearby (Presidio's rule), so no "tel": it is in "vastgesteld".
    # Short labels right before the number ("Tel.:", "T", "M", "fax") are matched whole, below.
    CONTEXT = [
        "telefoon",  # also telefoonnummer
        "telefonisch",
        "mobiel",
        "mobile",
        "gsm",
        "bellen",  # also opbellen, terugbellen
        "faxnummer",
        "bereikbaar",
        "whatsapp",
        "sms",
        "phone",
    ]

    def validate_result(self, pattern_text: str) -> bool:
        """True for a possible number; a Dutch one must have ten national digits (service: 8-11).

        Memoised (bounded): the same numbers recur on every page of a batch, and parsing is slow.
        """
        valid = _VALID.get(pattern_text)
        if valid is None:
            if len(_VALID) > 50_000:
                _VALID.clear()
            valid = _VALID[pattern_text] = _possible_number(pattern_text)
        return valid

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Pattern matches minus references, scored up after a label such as "Tel.:".

        A passed check keeps the pattern's score instead of Presidio's 1.0.
        """
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            before = text[max(0, result.start - _WINDOW) : result.start]
            if _REFERENCE_LABEL.search(before):
                continue
            explanation = result.analysis_explanation
            if explanation is not None and explanation.validation_result:
                result.score = explanation.original_score
                explanation.score = result.score
            label = _PHONE_LABEL.search(before)
            if label and explanation is not None:
                result.score = min(1.0, result.score + _LABEL_BOOST)
                explanation.set_supportive_context_word(label.group(1))
                explanation.set_improved_score(result.score)
                explanation.append_textual_explanation_line(f"label {label.group(1)!r} before the number")
                # Presidio's context enhancer (and the detector's) leaves the result alone now.
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            results.append(result)
        return results


def _possible_number(pattern_text: str) -> bool:
    """The check behind :meth:`NlPhoneRecognizer.validate_result` (not memoised)."""
    if _DATE.match(pattern_text):
        return False
    number = _dialable(pattern_text)
    try:
        parsed = phonenumbers.parse(number, "NL")
    except phonenumbers.NumberParseException:
        return False
    # is_possible_number, minus "possible as a local number only" (no area code: "+44 1234")
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return False
    if parsed.country_code != 31:
        return True
    national = phonenumbers.national_significant_number(parsed)
    if national.startswith(_SERVICE_PREFIXES):
        return 7 <= len(national) <= 10
    return len(national) == _NATIONAL_LENGTH


def _dialable(text: str) -> str:
    """Digits only; international as "+<country><number>" without the Dutch trunk 0 in "(0)"."""
    text = text.replace("(0)", "")
    digits = "".join(c for c in text if c.isdigit())
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    else:
        return digits
    if international.startswith("310"):
        international = "31" + international[3:]
    return "+" + international
