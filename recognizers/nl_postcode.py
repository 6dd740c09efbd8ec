"""Dutch postcodes (NL_POSTCODE) and the place that follows one in an address block (LOCATION).

Legal basis: a postcode with a house number identifies a home (AVG art. 4(1)); withheld under
art. 5.1.2e Woo. Format: four digits (first not 0), optional space, two capitals; the letter pairs
SA, SD and SS are never issued. The place after the postcode ("1234 AB  Utrecht", or on the next
line) is reported as LOCATION when it is a known Dutch place or an upper-case place name.

Fictitious examples: "1234 AB Utrecht", "9999ZZ", "2511 VX\\nDen Haag"; not "1234 SS", "2020 EN".
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_before
from recognizers.lexicons import lexicons
from recognizers.scanning import WORD_CHARS

# The leading lookahead restates the shape (four digits, two capitals) to reject positions cheaply;
# the regex module does that twice as fast as re (with re's \w spelled out: see scanning).
POSTCODE = regex.compile(
    rf"(?=[1-9]\d{{3}}[ \u00a0]?[A-Z]{{2}})(?<![{WORD_CHARS}.,/-])"
    rf"([1-9]\d{{3}})([ \u00a0]?)(?!SA|SD|SS)([A-Z]{{2}})(?![{WORD_CHARS}-])"
)
PLACE_AFTER = re.compile(
    r"(?:[ \t\u00a0]{1,4}|[ \t]*\n[ \t]*|[ \t]*\|[ \t]*)"
    r"((?:['‘’][sStT][ -])?[A-ZÀ-Þ][\w'’-]*(?:[ -](?:[a-z]{2,3}[ -]){0,2}[A-ZÀ-Þ][\w'’-]*){0,3})"
    r"(?=[ \t]*(?:[,.;)]|\n|$))"
)
PO_BOX = re.compile(r"(?i)(?:postbus|antwoordnummer|p\.?o\.? box)[ \t]*\d{1,6}[ \t,|]*\n?[ \t|]*$")
# A labelled place in a form: "Woonplaats: Utrecht", "Geboorteplaats\tIJsselstein"; or, where a
# PDF's table or a scan puts it on a line of its own, below the label, past OCR specks on the lines
# between ("Woonplaats:\n-\nAmsterdam"): then only a known place.
PLACE_LABEL = re.compile(
    r"(?im)^[ \t]*(?:woonplaats|plaats|geboorteplaats|vestigingsplaats|place of residence)[ \t]*[:\t][ \t]*"
    r"(?P<below>\n(?:[ \t]*\S{0,2}[ \t]*\n){0,6}[ \t]*)?"
    r"(?P<place>(?:['‘’][sStT][ -])?[A-ZÀ-Þ][\w'’-]*(?:[ -](?:[a-z]{2,3}[ -])?[A-ZÀ-Þ][\w'’-]*){0,3})[ \t]*$"
)
CONTEXT = ("postcode", "adres", "woonachtig", "wonende", "woonplaats", "postadres", "bezoekadres")


ORGANISATION_MARKERS = ("bezoekadres", "postadres", "retouradres", "ministerie", "directie",
                        "directoraat", "instituut", "institute", "hoofdkantoor", "vestiging")


def organisation_block(text: str, start: int) -> bool:
    """True when the two lines above ``start`` (or its own line) name an organisation's address."""
    window = text[max(0, start - 160) : start]
    lines = window.split("\n")[-3:]
    return any(marker in line.lower() for line in lines for marker in ORGANISATION_MARKERS)


class NlPostcodeRecognizer(EntityRecognizer):
    """NL_POSTCODE, and LOCATION for the place right after it; see the module docstring."""

    ENTITIES = ["NL_POSTCODE", "LOCATION"]
    name: str  # set by EntityRecognizer
    CONTEXT = list(CONTEXT)

    def __init__(self, supported_language: str = "nl") -> None:
        self.places = lexicons().places
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlPostcodeRecognizer",
            context=self.CONTEXT,
        )

    def load(self) -> None:
        """Nothing to load beyond the shared lexicons."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if not entities or "LOCATION" in entities:
            for m in PLACE_LABEL.finditer(text):
                known = self._is_place(m.group("place"))
                below = m.group("below") is not None
                if below and not known:
                    continue  # "Woonplaats:\nTelefoon": an empty field, then the next label
                out.append(make_result(
                    self.name, self.id, "LOCATION", m.start("place"), m.end("place"),
                    0.85 if known else 0.6, "labelled place",
                    f"place {m.group('place')!r} {'below' if below else 'after'} a place label"
                    + (" (known place)" if known else ""),
                ))
        for m in POSTCODE.finditer(text):
            if PO_BOX.search(text, max(0, m.start() - 30), m.start()):
                continue  # an organisation's PO box, not where someone lives
            place = PLACE_AFTER.match(text, m.end())
            known = place is not None and self._is_place(place.group(1))
            if place is not None and not known:
                shorter = self._known_prefix(text, place.start(1), place.group(1))
                if shorter is not None:
                    place, known = shorter, True
            context = any(c in w for w in words_before(text, m.start(), 6) for c in CONTEXT)
            year_like = 1900 <= int(m.group(1)) <= 2099 and not m.group(2) == ""
            if organisation_block(text, m.start()):
                score = 0.3  # a ministry's or firm's visiting address
            elif known or context:
                score = 0.85
            elif place is not None:
                score = 0.6
            elif year_like:
                score = 0.3
            else:
                score = 0.55 if m.group(2) == "" else 0.5
            why = "postcode" + (" before a known place" if known else "") + (
                " with address context" if context else ""
            )
            if not entities or "NL_POSTCODE" in entities:
                out.append(make_result(self.name, self.id, "NL_POSTCODE", m.start(), m.end(), score,
                                       "postcode", why))
            if place is not None and score > 0.3 and (not entities or "LOCATION" in entities):
                loc_score = 0.85 if known else 0.45
                out.append(make_result(
                    self.name, self.id, "LOCATION", place.start(1), place.end(1), loc_score,
                    "place after postcode",
                    f"place {place.group(1)!r} after postcode {m.group()!r}"
                    + (" (known place)" if known else ""),
                ))
        return out

    def _known_prefix(self, text: str, start: int, name: str) -> re.Match[str] | None:
        """'Utrecht Tel' -> a match of 'Utrecht' when only the first words are a known place."""
        words = name.split(" ")
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n])
            if self._is_place(prefix):
                return re.compile(f"({re.escape(prefix)})").match(text, start)
        return None

    def _is_place(self, name: str) -> bool:
        low = name.lower().replace("‘", "'").replace("’", "'")  # OCR reads 's-Hertogenbosch with ‘
        return low in self.places or low.replace("-", " ") in self.places
