"""Numbers of Dutch identity documents (NL_ID_DOCUMENT): passport, identity card, driving licence.

Legal basis: document numbers identify a person (AVG art. 4(1), art. 46 UAVG); withheld under
art. 5.1.2e Woo. Passport and identity-card numbers are nine characters: two letters, six letters
or digits, one digit, never the letter O (e.g. "SPECI2014"). Driving-licence numbers are ten
digits, and so is the V-nummer (vreemdelingennummer) of the immigration service. Residence
documents and older passports carry nine capitals and digits, a letter first ("V2R8K41L7"): taken
only within four words of their own context (verblijfsdocument, paspoort, documentnummer). None has a public
checksum, so a number is reported only after context words (paspoort, identiteitskaart, ID-kaart,
documentnummer, rijbewijs, legitimatie, vreemdelingennummer, V-nummer).

Numbers in other formats (foreign passports and licences, a damaged scan) are taken only within
three words after such a label: capitals and digits, or digits and slashes after a driving
licence's label.

Fictitious examples: "paspoortnummer NXC4R81P3", "rijbewijsnummer 5012345678", "paspoort
FN720344", "rijbewijsnr. 04318/21/0612"; not
"zaaknummer Z2023AB12", "registratienummer 1234567890".
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_before
from recognizers.scanning import WORD_CHARS, page_lowered

# The leading lookaheads restate the first characters: positions are rejected before the lookbehind.
# The regex module skips the other positions faster than re (with re's \w spelled out: see scanning).
_W = WORD_CHARS
PASSPORT = regex.compile(rf"(?=[A-NP-Z]{{2}})(?<![{_W}-])[A-NP-Z]{{2}}[A-NP-Z0-9]{{6}}\d(?![{_W}-])")
# Residence documents (verblijfsdocument, W-document) and older passports: nine capitals and digits
# with a letter first, at least three digits; only right after their own context (see RESIDENCE).
RESIDENCE_NUMBER = regex.compile(
    rf"(?=[A-Z][A-Z0-9]{{8}}(?![{_W}-]))(?<![{_W}-])[A-Z](?=(?:[A-Z]*\d){{3}})[A-Z0-9]{{8}}(?![{_W}-])"
)
# A driving licence's ten digits, also grouped as people copy them ("5912 0374 86"); a V-nummer
# as the immigration service groups it ("3012 884 517").
LICENCE = regex.compile(
    rf"(?=\d)(?<![{_W}-])(?:\d{{10}}|\d{{4}}[ ]\d{{4}}[ ]\d{{2}}|\d{{3}}[ ]\d{{3}}[ ]\d{{4}}"
    r"|\d{4}[ ]\d{3}[ ]\d{3}"
    r"|\d{2}(?:[ ]\d{2}){4})"
    rf"(?![{_W}-]|[ ]\d)"
)
# Other formats (a foreign passport "FN720344", a scan's "X9K2P7R41", a Polish driving licence
# "04318/21/0612"): capitals and digits, or digits and slashes, right after their own label only.
OTHER_NUMBER = regex.compile(
    rf"(?<![{_W}/-])(?:[A-Z]{{1,3}}[ ](?=\d{{5,9}}(?![{_W}/-]))\d+|[A-Z0-9][A-Z0-9/]{{5,14}}"
    r"|[A-Z]{2,3}[ ]\d{3}[ ]\d{3,4}"  # its digits in groups: a Polish identity card "CBK 482 917"
    r"|\d{3,4}-\d{5,8}-\d{2})"  # a Belgian identity card: "592-4471839-27"
    rf"(?![{_W}/-])"
)
# Labels after which a number of digits only is a passport's or an identity card's (foreign ones).
_CARD_LABELS = ("paspoort", "identiteitskaart", "id-kaart", "idkaart", "identiteitsbewijs", "passport")
ID_CONTEXT = ("paspoort", "identiteitskaart", "id-kaart", "idkaart", "identiteitsbewijs",
              "documentnummer", "legitimatie", "id-bewijs", "passport", "identity", "reisdocument",
              "verblijfsdocument", "verblijfsvergunning")
LICENCE_CONTEXT = ("rijbewijs", "rijbewijsnummer", "vreemdelingennummer", "v-nummer")
NEGATIVE = ("zaak", "dossier", "registratie", "kenmerk", "referentie", "factuur", "klant")
RESIDENCE_CONTEXT = ("verblijfsdocument", "verblijfsdoc", "verblijfsvergunning", "w-document",
                     "vreemdelingendocument", "paspoort", "identiteitskaart", "id-kaart", "documentnummer",
                     "document")  # a form's label too: "Document:<tab>V2HD71NL8"


class NlIdDocumentRecognizer(EntityRecognizer):
    """NL_ID_DOCUMENT with context; see the module docstring."""

    ENTITIES = ["NL_ID_DOCUMENT"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlIdDocumentRecognizer",
            context=list(ID_CONTEXT + LICENCE_CONTEXT),
        )

    def load(self) -> None:
        """No state."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "NL_ID_DOCUMENT" not in entities:
            return []
        lowered = page_lowered(text)
        if not any(k in lowered for k in ("paspoort", "identit", "id-", "idkaart", "document",
                                          "legitimatie", "rijbewijs", "passport", "verblijf",
                                          "vreemdeling", "v-nummer")):
            return []
        out = []
        seen: set[int] = set()
        for pattern, keys, kind, reach in (
            (PASSPORT, ID_CONTEXT + LICENCE_CONTEXT, "passport/ID card", 10),
            # (six words: "verblijfsvergunning asiel bepaalde tijd, nr. W7K4R2X93")
            (RESIDENCE_NUMBER, RESIDENCE_CONTEXT, "residence document or passport", 6),
            (LICENCE, LICENCE_CONTEXT, "driving licence", 10),
        ):
            if not any(k in lowered for k in keys):
                continue  # a context word is lowercase text inside a word: none on this page
            for m in pattern.finditer(text):
                if m.start() in seen:
                    continue
                before = words_before(text, m.start(), reach, 120)
                context = next((k for w in before for k in keys if k in w), "")
                if not context or any(n in w for w in before[-2:] for n in NEGATIVE):
                    continue
                seen.add(m.start())
                out.append(make_result(
                    self.name, self.id, "NL_ID_DOCUMENT", m.start(), m.end(), 0.85,
                    kind, f"{kind} number after {context!r}",
                ))
        out.extend(self._other_formats(text, lowered, seen))
        if out:
            out.extend(self._same_series(text, out))
        return out

    def _same_series(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Numbers of the same series as one found on the page, elsewhere without a label: as long,
        and the same characters but for the last four (a family's residence documents in a table:
        "VT2K81LD5" under its heading, "VT2K81LF9" and "VT2K81M04" below)."""
        out: list[RecognizerResult] = []
        taken = {(r.start, r.end) for r in found}
        for r in list(found):
            number = text[r.start : r.end]
            if len(number) < 8 or not number.isalnum():
                continue
            head = max(3, len(number) - 4)  # the series: all but the last four characters
            pattern = regex.compile(
                rf"(?<![{_W}/-]){regex.escape(number[:head])}[A-Z0-9]{{{len(number) - head}}}(?![{_W}/-])"
            )
            for m in pattern.finditer(text):
                if (m.start(), m.end()) in taken:
                    continue
                taken.add((m.start(), m.end()))
                out.append(make_result(
                    self.name, self.id, "NL_ID_DOCUMENT", m.start(), m.end(), 0.7, "same series",
                    f"document number of the series of {number!r} on this page",
                ))
        return out

    def _other_formats(self, text: str, lowered: str, seen: set[int]) -> list[RecognizerResult]:
        """Numbers in no Dutch format within three words after an identity document's label: with
        three digits or more, and a capital letter (no slash), or, after a driving licence's
        label, digits and slashes; after a passport's or identity card's label also eight to ten
        digits, or up to three capitals, a blank and digits ("RT 593817"). Looked for after each
        label on the page only."""
        out: list[RecognizerResult] = []
        for key in ID_CONTEXT + LICENCE_CONTEXT:
            at = lowered.find(key)
            while at >= 0:
                end = at + len(key)
                for m in OTHER_NUMBER.finditer(text, end, min(len(text), end + 60)):
                    if m.start() not in seen and self._other_format(text, m, key):
                        seen.add(m.start())
                        out.append(make_result(
                            self.name, self.id, "NL_ID_DOCUMENT", m.start(), m.end(), 0.7, "other format",
                            f"document number in another format after {key!r}",
                        ))
                at = lowered.find(key, end)
        return out

    @staticmethod
    def _other_format(text: str, m: regex.Match[str], key: str) -> bool:
        number = m.group()
        if sum(c.isdigit() for c in number) < 3 or number[:4] in ("BSN ", "KVK ", "BTW ", "TEL "):
            return False  # "paspoort ..., BSN 322011851": a label of another number, not a document's letters
        if number.isdigit() and not (
            key in _CARD_LABELS and 8 <= len(number) <= 10
            or key.startswith("rijbewijs") and 7 <= len(number) <= 12 and len(number) != 10
        ):  # a Dutch licence's ten digits are LICENCE's; a foreign passport or licence may be digits
            return False
        slashed = "/" in number
        if slashed and (key not in LICENCE_CONTEXT or not all(c.isdigit() or c == "/" for c in number)):
            return False
        before = words_before(text, m.start(), 3, 60)
        labels = [i for i, w in enumerate(before) if key in w]
        # a word of another number between the label and the number ("paspoort, dossiernummer 12345"),
        # not one before the label ("staat in dossier" + "Paspoort: FE 482913")
        return bool(labels) and not any(n in w for w in before[labels[-1] :] for n in NEGATIVE)
