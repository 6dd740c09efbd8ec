"""IP addresses (IP_ADDRESS), IPv4 and IPv6, validated with the standard library.

Legal basis: an IP address can identify a subscriber (CJEU C-582/14 Breyer); withheld under
art. 5.1.2e Woo. Dotted numbers that are section or article numbers ("5.1.2.1", "artikel
1.2.3.4") are not reported: an IPv4 address needs an octet of 10 or more, or the word "IP".
Amounts written with thousands separators ("€ 4.111.111.111", "4.111.111.111,11") are not
addresses either: a decimal comma after the number or a currency before it rules it out.

Fictitious examples: "192.0.2.44", "IP-adres 10.0.0.1", "2001:db8::17"; not "5.1.2.1", "13:30:00".
"""

from __future__ import annotations

import ipaddress

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_before
from recognizers.scanning import WORD_CHARS

# The leading lookaheads restate what the patterns need next ("1.2", "ab:"): fewer positions tried.
# The regex module scans for them three to five times faster than re; _W is re's \w (see scanning).
_W = WORD_CHARS
IPV4 = regex.compile(rf"(?=\d{{1,3}}\.\d)(?<![{_W}.])(?:\d{{1,3}}\.){{3}}\d{{1,3}}(?![{_W}]|\.\d)")
IPV6 = regex.compile(
    rf"(?=[0-9A-Fa-f]{{0,4}}:)(?<![{_W}:])[0-9A-Fa-f]{{0,4}}(?::[0-9A-Fa-f]{{0,4}}){{2,7}}(?![{_W}:])"
)
# What every match holds, found by a scan for a literal dot or colon (far cheaper than the patterns'
# own scans, which try every position): a page without it is not scanned.
_IPV4_HINT = regex.compile(r"\.\d{1,3}\.\d")
_IPV6_HINT = regex.compile(r":[0-9A-Fa-f]{0,4}:")
CONTEXT = ("ip", "ip-adres", "ipadres", "ip-address", "host", "server", "inlog", "logbestand")
NOT_IP = ("artikel", "art", "paragraaf", "hoofdstuk", "versie", "v", "lid", "onderdeel", "bijlage",
          "€", "eur", "euro", "bedrag", "ca", "circa", "totaal")
AMOUNT_AFTER = regex.compile(r",(?:\d|-)")  # a decimal comma: 4.111.111.111,11 or 1.234.567,-


class NlIpAddressRecognizer(EntityRecognizer):
    """IP_ADDRESS, IPv4 and IPv6; see the module docstring."""

    ENTITIES = ["IP_ADDRESS"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlIpAddressRecognizer",
            context=list(CONTEXT),
        )

    def load(self) -> None:
        """No state."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "IP_ADDRESS" not in entities:
            return []
        out = []
        if "." in text and _IPV4_HINT.search(text):
            for m in IPV4.finditer(text):
                octets = [int(o) for o in m.group().split(".")]
                if any(o > 255 for o in octets):
                    continue
                before = words_before(text, m.start(), 4)
                if before and before[-1] in NOT_IP or text.startswith("€", max(0, m.start() - 2)):
                    continue
                if AMOUNT_AFTER.match(text, m.end()):
                    continue
                context = next((c for w in before for c in CONTEXT if w.startswith(c)), "")
                if not context and max(octets) < 10:
                    continue
                out.append(self._result(m.start(), m.end(), 0.85 if context else 0.6, "IPv4", context))
        if ("::" in text or text.count(":") > 3) and _IPV6_HINT.search(text):
            for m in IPV6.finditer(text):
                try:
                    ipaddress.IPv6Address(m.group())
                except ValueError:
                    continue
                if m.group().replace(":", "").isdigit():
                    continue  # clock times
                context = next((c for w in words_before(text, m.start(), 4) for c in CONTEXT
                                if w.startswith(c)), "")
                out.append(self._result(m.start(), m.end(), 0.85 if context else 0.6, "IPv6", context))
        return out

    def _result(self, start: int, end: int, score: float, kind: str, context: str) -> RecognizerResult:
        why = f"{kind} address" + (f" after {context!r}" if context else "")
        return make_result(self.name, self.id, "IP_ADDRESS", start, end, score, kind, why,
                           validation=True)
