"""The list of recognisers the detector loads; one line per recogniser."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from recognizers.nl_address import NlAddressRecognizer
from recognizers.nl_bsn import NlBsnRecognizer
from recognizers.nl_credit_card import NlCreditCardRecognizer
from recognizers.nl_date_of_birth import NlDateOfBirthRecognizer
from recognizers.nl_email import NlEmailRecognizer
from recognizers.nl_iban import NlIbanRecognizer
from recognizers.nl_id_document import NlIdDocumentRecognizer
from recognizers.nl_ip_address import NlIpAddressRecognizer
from recognizers.nl_license_plate import NlLicensePlateRecognizer
from recognizers.nl_person import NlPersonRecognizer
from recognizers.nl_phone import NlPhoneRecognizer
from recognizers.nl_postcode import NlPostcodeRecognizer
from recognizers.nl_url import NlUrlRecognizer


def build_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of every Dutch recogniser (each declares ``supported_language="nl"``)."""
    return [
        NlEmailRecognizer(),
        NlPhoneRecognizer(),
        NlBsnRecognizer(),
        NlIbanRecognizer(),
        NlCreditCardRecognizer(),
        NlPersonRecognizer(),
        NlAddressRecognizer(),
        NlPostcodeRecognizer(),
        NlLicensePlateRecognizer(),
        NlDateOfBirthRecognizer(),
        NlIdDocumentRecognizer(),
        NlIpAddressRecognizer(),
        NlUrlRecognizer(),
    ]
