"""E-mail addresses, matched by our own pattern (Presidio's EmailRecognizer goes to the network)."""

from __future__ import annotations

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.dutch_pattern import DutchPatternRecognizer

# Local part: atoms of letters, digits, _ % + - joined by single dots (or an apostrophe, d'Hondt).
_LOCAL = r"[\w%+-]+(?:[.'][\w%+-]+)*"
# Domain: labels of letters, digits and inner hyphens, then an alphabetic (or punycode) top level.
_LABEL = r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?"
_TLD = r"(?:[^\W\d_]{2,63}|xn--(?:[^\W_]|-){2,59})"
_EMAIL = (
    r"(?<![\w.%+@-])"  # not the tail of a longer local part ("mailto:", "<" and quotes are fine)
    + _LOCAL
    + "@"
    + rf"(?:{_LABEL}\.)+{_TLD}"
    + r"(?![\w@-])"  # a trailing full stop, comma, ">" or ")" is not part of the address
)

_MAX_ADDRESS = 254  # RFC 5321 path limit
_MAX_LOCAL = 64


class NlEmailRecognizer(DutchPatternRecognizer):
    """Recognises e-mail addresses: the whole address, local part and domain.

    An e-mail address of a person (and of a civil servant below the rank of public office holder)
    is personal data: Woo article 5.1.2e (respect for private life).

    Format: ``local@domain.tld``. The local part may contain dots, ``+``, ``-``, ``_`` and ``%``;
    the domain may have subdomains and hyphens; case does not matter. Around the address, angle
    brackets (``<jan.devries@minvws.nl>``), ``mailto:`` and trailing punctuation stay outside the
    span. The check in ``validate_result`` enforces the RFC 5321 lengths; a match that passes scores
    1.0. Built on our own pattern because Presidio's EmailRecognizer calls tldextract, which tries to
    download the public suffix list.

    Examples (fictitious): jan.devries@minvws.nl, p.fictief+woo@gemeente-voorbeeld.nl,
    J.TESTPERSOON@MAIL.EXAMPLE.ORG.
    """

    ENTITY = "EMAIL_ADDRESS"

    PATTERNS = [Pattern("E-mail address", _EMAIL, 0.5)]

    CONTEXT = ["e-mail", "email", "mail", "mailadres", "mailto"]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The pattern's matches; a text without an "@" has none, so the pattern is not run."""
        if "@" not in text:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool:
        """True when the address and its local part are within the RFC 5321 lengths."""
        local, _, domain = pattern_text.rpartition("@")
        return 0 < len(local) <= _MAX_LOCAL and len(pattern_text) <= _MAX_ADDRESS and "." in domain
