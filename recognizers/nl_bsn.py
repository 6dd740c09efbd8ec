"""Burgerservicenummer (BSN): nine digits that pass the elfproef."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.nl import bsn

from recognizers.dutch_pattern import DutchPatternRecognizer

# Not glued to a word, an amount, a reference (2024/...) or a longer run of digits, before or after.
_BEFORE = r"(?<![\w@/+€$-]|\d[ \u00a0.,:/-]|[€$][ \u00a0])"
_AFTER_COMPACT = r"(?![\w@]|[.,/-]\d)"
_AFTER_GROUPED = r"(?![\w@]|[.,/-]\d|[ \u00a0]\d)"
# Where a BSN can start: the three patterns' digits, after anything but a letter, digit or underscore.
# (No BSN starts inside one of these: a position inside follows a digit, or a separator after one.)
_SHAPES = regex.compile(
    r"(?<!\w)\d{3}(?:\d{6}|\d[ \u00a0.]\d{2}[ \u00a0.]\d{3}|[ \u00a0]\d{3}[ \u00a0]\d{3})", regex.UNICODE
)


class NlBsnRecognizer(DutchPatternRecognizer):
    """Recognises the Dutch citizen service number (burgerservicenummer, BSN).

    The BSN identifies every person registered in the Netherlands (Wet algemene bepalingen
    burgerservicenummer). Woo article 5.1.1e: a national identification number is never made public,
    whatever the interest in disclosure.

    Format: nine digits, written compact or in groups: ``123456782``, ``1234.56.782``,
    ``1234 56 782``, ``123 456 782``. The number passes the elfproef (weights 9..2 and -1, sum
    divisible by 11), checked with ``stdnum.nl.bsn``; a number that fails is never reported.
    The older sofinummer has the same form.

    Score: the elfproef passes for one in eleven random nine-digit numbers, so a valid number alone
    scores 0.5 (above the default threshold 0.4: recall first); a context word such as "BSN" or
    "burgerservicenummer" raises it. Dots in groups of three (``123.456.782``) are left alone: that
    is how amounts are written.

    Examples (fictitious, checksum-valid): 123456782, 111222333, 1234.56.782.
    """

    ENTITY = "NL_BSN"

    PATTERNS = [
        Pattern("BSN (9 digits)", _BEFORE + r"\d{9}" + _AFTER_COMPACT, 0.5),
        Pattern("BSN (4-2-3)", _BEFORE + r"\d{4}[ \u00a0.]\d{2}[ \u00a0.]\d{3}" + _AFTER_GROUPED, 0.5),
        Pattern("BSN (3-3-3)", _BEFORE + r"\d{3}[ \u00a0]\d{3}[ \u00a0]\d{3}" + _AFTER_GROUPED, 0.5),
    ]

    CONTEXT = [
        "bsn",  # also "bsn-nummer", "bsn:"
        "burgerservicenummer",
        "burgerservice",
        "sofinummer",
        "sofi-nummer",
        "sofinr",
        "persoonsnummer",
    ]

    def match_starts(self, text: str) -> list[int]:
        """Where a BSN can start: where one of the patterns' digit groups stands, not glued to a word."""
        return [m.start() for m in _SHAPES.finditer(text)]

    def validate_result(self, pattern_text: str) -> bool:
        """True when the nine digits pass the elfproef."""
        digits = "".join(c for c in pattern_text if c.isdigit())
        return len(digits) == 9 and bsn.is_valid(digits)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Pattern matches; a passed elfproef keeps the pattern's score instead of Presidio's 1.0."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            explanation = result.analysis_explanation
            if explanation is not None and explanation.validation_result:
                result.score = explanation.original_score
                explanation.score = result.score
        return results
