"""The list of recognisers the detector loads; one line per recogniser."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from recognizers.nl_bsn import NlBsnRecognizer
from recognizers.nl_email import NlEmailRecognizer
from recognizers.nl_iban import NlIbanRecognizer
from recognizers.nl_phone import NlPhoneRecognizer


def build_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of every Dutch recogniser (each declares ``supported_language="nl"``)."""
    return [
        NlEmailRecognizer(),
        NlPhoneRecognizer(),
        NlBsnRecognizer(),
        NlIbanRecognizer(),
    ]
