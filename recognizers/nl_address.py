"""Street addresses (NL_ADDRESS): a street name followed by a house number and its addition.

Legal basis: a home address is personal data (AVG art. 4(1)); withheld under art. 5.1.2e Woo.
A street is a name from the BAG street list that deduce ships, or a capitalised word ending in a
street suffix (-straat, -laan, -weg, -plein, -gracht, ...). House numbers take additions: 12a,
12 A, 3-II, 14 B, 12 bis, 7-1, 2 hs. A street that is also an ordinary word ("Markt 3") needs a
postcode after it or an address word before it.

On a scanned page OCR may lose the space before the number ("Kerkstraat12a"): taken only for a
street name with a street suffix.

Fictitious examples: "Kerkstraat 12a", "Jan van Galenstraat 3-II", "Markt 14 B, 1234 AB Ons Dorp";
not "artikel 12", "Bijlage 3", "Hoofdstuk 4".
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_before
from recognizers.lexicons import lexicons
from recognizers.nl_postcode import organisation_block

_UP = "A-ZÀ-Þ"
# The leading lookahead (a street starts with a capital or an apostrophe) rejects most positions
# before the lookbehind and the street words are tried (same matches, 1.7x faster).
# OCR can lose the space before the number ("Beatridlaan83"): kept only for a compound street name
# (see analyze); allowing it costs the pattern about a tenth of its time, adds no match on clean text.
ADDRESS = re.compile(
    rf"(?=[{_UP}'])(?<![\w@./-])"
    rf"(?P<street>(?:[{_UP}'][\w'’.-]*[ \t]+(?:(?:van|de|der|den|het|'t|op|aan|in|bij|te|"
    rf"ter|ten|la|le|en)[ \t]+)*){{0,4}}[{_UP}'][\w'’-]*[a-zë])"
    r"(?P<space>[ ]*)(?P<number>[1-9]\d{0,4})"
    r"(?P<addition>(?:[ \t]?-[ \t]?(?:[IVX]{1,4}|\d{1,3}|[A-Za-z]{1,2}|hs|bis)"
    r"|[a-zA-Z](?![\w])|[ \t](?:[A-Z]|bis|hs|huis|boven|[IVX]{1,3})(?![\w.])))?"
    r"(?![\w@]|[.,:/]\d)"
)
_WORD = re.compile(r"\S+")
POSTCODE_NEAR = re.compile(r"[ \t,]*\n?[ \t]*[1-9]\d{3}[ \u00a0]?[A-Z]{2}\b")
CONTEXT = ("adres", "woonachtig", "wonende", "woont", "straat", "bezoekadres", "postadres",
           "verhuisd", "woonadres")


class NlAddressRecognizer(EntityRecognizer):
    """NL_ADDRESS: street + house number (+ addition); see the module docstring."""

    ENTITIES = ["NL_ADDRESS"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        self.lex = lexicons()
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlAddressRecognizer",
            context=list(CONTEXT),
        )

    def load(self) -> None:
        """Nothing to load beyond the shared lexicons."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "NL_ADDRESS" not in entities:
            return []
        out = []
        for m in ADDRESS.finditer(text):
            found = self._street(m.group("street"))
            if found is None:
                continue
            offset, how = found
            start = m.start("street") + offset
            street = text[start : m.end("street")]
            glued = not m.group("space")
            if glued and (not self._compound(street) or len(m.group("number")) > 3 or (
                street.lower() in self.lex.places
            )):
                continue  # "Markt3", "Covid19", "Rotterdam2025": only a compound street name loses it
            postcode = POSTCODE_NEAR.match(text, m.end()) is not None
            context = any(c in w for w in words_before(text, start, 5) for c in CONTEXT)
            if how == "suffix" or (how == "bag" and street.lower().endswith(self.lex.street_suffixes)):
                score = 0.75
            elif how == "bag":
                score = 0.6
            else:  # a BAG street that is also an ordinary word
                score = 0.3
            if postcode or context:
                score = max(score + 0.2, 0.75) if how != "word" else 0.7
            score = min(score, 0.95)
            if organisation_block(text, start) and not context:
                score = 0.3  # "Ministerie van ...\nBezoekadres: Parnassusplein 5"
            why = f"street {street!r} ({'street suffix' if how == 'suffix' else 'BAG street list'})"
            if postcode:
                why += " before a postcode"
            if glued:
                why += ", the number run on (a space lost in OCR)"
            out.append(make_result(self.name, self.id, "NL_ADDRESS", start, m.end(), score,
                                   f"street+number ({how})", why))
        return out

    def _compound(self, street: str) -> bool:
        """The street's last word is a name plus a street suffix: "Beatrixlaan", not "Markt"."""
        last = street.rsplit(None, 1)[-1].lower()
        return any(last.endswith(s) and len(last) > len(s) + 1 for s in self.lex.street_suffixes)

    def _street(self, candidate: str) -> tuple[int, str] | None:
        """(offset of the street name in ``candidate``, how it was recognised) or None."""
        lex = self.lex
        words = list(_WORD.finditer(candidate))
        for i, w in enumerate(words):  # longest BAG name first
            name = candidate[w.start():]
            if name.lower() in lex.streets:
                if i == len(words) - 1 and lex.is_word(name):
                    return w.start(), "word"
                return w.start(), "bag"
        last = words[-1].group().lower()
        if not last.endswith(lex.street_suffixes):
            return None  # no suffix at all: the loop below would find none
        for suffix in lex.street_suffixes:
            if last.endswith(suffix) and len(last) > len(suffix) + 1 and not (
                suffix == "ring" and last.endswith(("ering", "ing" + "ring"))
            ):
                # keep preceding capitalised name words: "Jan van Galen" + "straat"
                first = len(words) - 1
                while first > 0 and not lex.is_word(words[first - 1].group()) or (
                    first > 0 and words[first - 1].group() in ("van", "de", "der", "den", "'t")
                ):
                    first -= 1
                return words[first].start(), "suffix"
        return None
