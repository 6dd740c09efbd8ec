"""NlIpAddressRecognizer: IPv4 and IPv6, validated; section numbers and clock times stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_ip_address import NlIpAddressRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlIpAddressRecognizer:
    return NlIpAddressRecognizer()


CASES = [
    ("IP-adres 10.0.0.1 in het logbestand", 1, ["10.0.0.1"]),
    ("vanaf 192.0.2.44 ingelogd", 1, ["192.0.2.44"]),
    ("Inlog vanaf 192.168.100.200 om 10:00", 1, ["192.168.100.200"]),
    # amounts with thousands separators
    ("Het bedrag van 4.111.111.111,11 euro", 0, []),
    ("Begroot: € 4.111.111.111 voor 2025", 0, []),
    ("een totaal van 2.100.200.100,- per jaar", 0, []),
    ("adres 2001:db8::17 gezien", 1, ["2001:db8::17"]),
    ("paragraaf 5.1.2.1 en onderdeel 1.2.3.4", 0, []),
    ("artikel 12.1.2.3", 0, []),
    ("om 13:30:00 uur", 0, []),
    ("999.1.1.1 is geen adres", 0, []),
    ("versie 10.2.3 en bedrag 1.234.567,00", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_ip(recognizer: NlIpAddressRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "IP_ADDRESS")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)
