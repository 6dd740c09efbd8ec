"""Dutch postcodes (NL_POSTCODE) and the place that follows one in an address block (LOCATION).

Legal basis: a postcode with a house number identifies a home (AVG art. 4(1)); withheld under
art. 5.1.2e Woo. Format: four digits (first not 0), optional space, two capitals; the letter pairs
SA, SD and SS are never issued. Text from PDFs and OCR may hold up to three blanks of any kind
between the digits and the letters (two spaces, a tab, a no-break space U+00A0 or U+202F). The
place after the postcode ("1234 AB  Utrecht", or on the next line) is reported as LOCATION when it
is a known Dutch place or an upper-case place name.

Fictitious examples: "1234 AB Utrecht", "9999ZZ", "2511 VX\\nDen Haag", "1234  AB", "1234\\tAB";
not "1234 SS", "2020 EN", "Postbus 20018, 2500 EA Den Haag" (an organisation's PO box).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_before
from recognizers.lexicons import lexicons
from recognizers.scanning import (
    WORD_CHARS,
    digit_runs,
    matches_at,
    may_hold,
    page_lowered,
    starts_of_openings,
)

# Blanks between the digits and the letters: a space, or what PDF extraction and OCR leave there.
BLANK = "[ \t\u00a0\u202f\u2007\u2009]"
# The leading lookahead restates the shape (four digits, two capitals) to reject positions cheaply;
# the regex module does that twice as fast as re (with re's \w spelled out: see scanning).
POSTCODE = regex.compile(
    rf"(?=[1-9]\d{{3}}{BLANK}{{0,3}}[A-Z]{{2}})(?<![{WORD_CHARS}.,/-])"
    rf"([1-9]\d{{3}})({BLANK}{{0,3}})(?!SA|SD|SS)([A-Z]{{2}})(?![{WORD_CHARS}-])"
)
# What can follow a postcode's four digits: a blank, or the first of its two capitals.
_AFTER_DIGITS = frozenset(" \t\u00a0\u202f\u2007\u2009ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Between a postcode and its place: blanks, a line break, or a form's "|" or "/" ("3572 BJ / Utrecht").
_PLACE_SEPARATOR = rf"(?:{BLANK}{{1,4}}|{BLANK}*\n{BLANK}*|{BLANK}*[|/]{BLANK}*)"
_PLACE = (
    r"((?:['‘’][sStT][ -]|(?P<article>de |den |het ))?"
    r"[A-ZÀ-Þ][\w'’-]*(?:[ -](?:[a-z]{2,3}[ -]){0,2}[A-ZÀ-Þ][\w'’-]*){0,3})"
)
PLACE_AFTER = re.compile(
    _PLACE_SEPARATOR + _PLACE + r"(?=[ \t]*(?:[,.;)]|\n|$))"
)
# A place that prose goes on after ("2023 CG Haarlem en heb ..."): taken when it is a known place.
PLACE_IN_PROSE = re.compile(_PLACE_SEPARATOR + _PLACE)
PO_BOX = re.compile(r"(?i)(?:postbus|antwoordnummer|p\.?o\.? box)[ \t]*\d{1,6}[ \t,|]*\n?[ \t|]*$")
# A labelled place in a form, at the start of a line or after a wide gap ("Postcode: 7521 RW
# Plaats: Enschede"): "Woonplaats: Utrecht", "Geboorteplaats\tIJsselstein"; or, where a
# PDF's table or a scan puts it on a line of its own, below the label, past OCR specks on the lines
# between ("Woonplaats:\n-\nAmsterdam"): then only a known place.
PLACE_LABEL = re.compile(
    r"(?im)(?:^|(?<=[ \t][ \t]))[ \t]*"
    r"(?:woonplaats|plaats|geboorteplaats|vestigingsplaats|place of residence)"
    r"(?:[ \t]*[:\t]|(?P<gap>[ ]{2,}))[ \t]*"  # a colon or tab, or (a form as OCR reads it) blanks
    r"(?P<below>\n(?:[ \t]*\S{0,2}[ \t]*\n){0,6}[ \t]*)?"
    r"(?P<place>(?:['‘’][sStT][ -])?[A-ZÀ-Þ][\w'’-]*(?:[ -](?:[a-z]{2,3}[ -])?[A-ZÀ-Þ][\w'’-]*){0,3})[ \t]*$"
)
# What a PLACE_LABEL match holds, looked for in the lowercased page: scanned only when it is there.
_PLACE_LABEL_WORD = re.compile(r"(?:plaats|place of residence)(?:[ \t]*[:\t]|[ ]{2})")
# The words a PLACE_LABEL match can open with after its blanks, lowercase.
_PLACE_LABEL_OPENINGS = ("woonplaats", "plaats", "geboorteplaats", "vestigingsplaats", "place of residence")
# A street and house number right before the postcode on its line ("Kerkplein 1 a\t\t4182 CL",
# "Kleverparkweg 88 a, 2023 CG"): an address, whatever follows the postcode.
ADDRESS_BEFORE = re.compile(
    r"[A-ZÀ-Þ][\w'’-]+\.?[ \t\u00a0]+[1-9]\d{0,4}(?:[ \t\u00a0]?(?:[a-zA-Z]{1,3}|-[\w]{1,3}))?"
    rf"[ \t\u00a0]*,?{BLANK}*$"
)
_DIGIT_AFTER = re.compile(r"[ \t\u00a0]+\d")  # a postcode is followed by its place, not a number
CONTEXT = ("postcode", "adres", "woonachtig", "wonende", "woonplaats", "postadres", "bezoekadres")


ORGANISATION_MARKERS = ("bezoekadres", "retouradres", "vestigingsadres", "ministerie", "directie",
                        "directoraat", "instituut", "institute", "hoofdkantoor", "vestiging",
                        "universiteit", "university", "vereniging", "postbus", "rijksoverheid")


# How an organisation's name line in a letterhead opens ("Stichting Schuldhulpmaatje Leiden"); not
# anywhere in a line, as prose names foundations too ("gemaild aan Stichting Voedselbank").
ORGANISATION_OPENINGS = ("stichting ",)
# In a table row (its own block) a cell that opens with one of these names an organisation too.
_ROW_OPENINGS = (*ORGANISATION_OPENINGS, "gemeente ", "dorpsraad ", "waterschap ", "provincie ")

# A line that names the person an address block belongs to: the block above it is another one.
PERSON_MARKERS = ("afzender", "contactpersoon", "de heer ", "mevrouw ", "dhr.", "dhr ", "mevr.", "mw.",
                  "t.a.v.", "familie ", "fam.")


def organisation_block(text: str, start: int) -> bool:
    """True when ``start`` lies in an organisation's address block: its own line, the three
    non-blank lines above it or the next non-blank line names an organisation or a PO box
    ("Ministerie van ...", "Bezoekadres:", "Vrije Universiteit", "Postbus 20350") or opens with
    "Stichting". Two blank lines
    end a block (a letterhead above the addressee's address is another block), and so does a line
    that names a person ("Afzender: J. Jansen" between the ministry and the sender's address), as
    does a person named before the address on its own line. A table row (a tab before the
    address) is a block of its own."""
    head, _, line = text[max(0, start - 240) : start].rpartition("\n")
    if any(marker in line.lower() for marker in PERSON_MARKERS):
        return False  # "gezonden aan de heer Ouwerkerk, Molendijk 114, ...": his address
    if "\t" in line:  # a table row: its own block, whatever the rows around it hold
        end = text.find("\n", start)
        row = (line + text[start : len(text) if end < 0 else end]).lower()
        opening = any(cell.lstrip(" |0123456789").startswith(_ROW_OPENINGS) for cell in row.split("\t"))
        return opening or any(marker in row for marker in ORGANISATION_MARKERS)
    lines = [line]
    for above in _block_lines(reversed(head.split("\n")), 3):
        low = above.lower()
        if any(marker in low for marker in PERSON_MARKERS):
            break  # "Afzender: J. Jansen", "De heer P. Fictief": whose address this is
        lines.append(above)
    end = text.find("\n", start)
    if end < 0:
        lines.append(text[start : start + 160])
    else:
        lines.append(text[start:end])
        lines.extend(_block_lines(text[end + 1 : end + 160].split("\n"), 1))
    lowered = [line.lower() for line in lines]
    return any(marker in low for low in lowered for marker in ORGANISATION_MARKERS) or any(
        low.lstrip(" \t|").startswith(ORGANISATION_OPENINGS) for low in lowered
    )


def _block_lines(lines: Iterable[str], count: int) -> list[str]:
    """Up to ``count`` non-blank lines of ``lines``, up to the first two blank lines in a row."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip(" \t|"):
            blanks += 1
            if blanks == 2:
                break
            continue
        blanks = 0
        out.append(line)
        if len(out) == count:
            break
    return out


def place_labels(text: str, lowered: str) -> list[re.Match[str]]:
    """``PLACE_LABEL.finditer(text)``, tried only where a match can start (``lowered``: the text in
    lowercase): before a label word, at the first of the blanks before it where that opens a line,
    else two blanks into them. The whole text is scanned where an "İ" stands (the pattern reads it
    as an "i", lowercasing leaves it) or lowercasing moves the offsets."""
    words = None if "İ" in text else starts_of_openings(text, lowered, _PLACE_LABEL_OPENINGS)
    if words is None:
        return list(PLACE_LABEL.finditer(text))
    starts = set()
    for at in words:
        blank = at  # the first of the blanks before the word
        while blank > 0 and text[blank - 1] in " \t":
            blank -= 1
        if blank == 0 or text[blank - 1] == "\n":
            starts.add(blank)  # "^": tried there, it goes on as from any later blank
        elif blank + 2 <= at:
            starts.add(blank + 2)  # after two blanks
    return list(matches_at(PLACE_LABEL, text, sorted(starts)))


def postcodes(text: str) -> Iterator[regex.Match[str]]:
    """What ``POSTCODE.finditer(text)`` yields, tried only at the runs of exactly four digits that
    open with another digit than 0, before a blank or a capital (a postcode's digits are such a
    run)."""
    return matches_at(POSTCODE, text, [
        start for start, end in digit_runs(text)
        if end - start == 4 and text[start] != "0" and text[end : end + 1] in _AFTER_DIGITS
    ])


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
            labels = _PLACE_LABEL_WORD.search(page_lowered(text)) is not None or may_hold(text, "", ())
            for m in place_labels(text, page_lowered(text)) if labels else ():
                known = self._is_place(m.group("place"))
                below = m.group("below") is not None
                if (below or m.group("gap")) and not known:
                    continue  # "Woonplaats:\nTelefoon": an empty field, then the next label
                out.append(make_result(
                    self.name, self.id, "LOCATION", m.start("place"), m.end("place"),
                    0.85 if known else 0.6, "labelled place",
                    f"place {m.group('place')!r} {'below' if below else 'after'} a place label"
                    + (" (known place)" if known else ""),
                ))
        for m in postcodes(text):
            if PO_BOX.search(text, max(0, m.start() - 30), m.start()):
                continue  # an organisation's PO box, not where someone lives
            place = PLACE_AFTER.match(text, m.end())
            if place is None:
                prose = PLACE_IN_PROSE.match(text, m.end())
                if prose is not None:
                    place = self._known_prefix(text, prose.start(1), prose.group(1), whole=True)
            known = place is not None and self._is_place(place.group(1))
            if place is not None and not known:
                shorter = self._known_prefix(text, place.start(1), place.group(1))
                if shorter is not None:
                    place, known = shorter, True
                elif place.group("article"):
                    place = None  # "de Wijk" is a place; "de gemeente" is not
            context = any(c in w for w in words_before(text, m.start(), 6) for c in CONTEXT)
            line_start = text.rfind("\n", max(0, m.start() - 80), m.start()) + 1
            street = ADDRESS_BEFORE.search(text, max(line_start, m.start() - 60), m.start()) is not None
            year_like = 1900 <= int(m.group(1)) <= 2099 and not m.group(2) == ""
            if organisation_block(text, m.start()):
                score = 0.3  # a ministry's or firm's visiting address
            elif known or context or street:
                score = 0.85
            elif place is not None:
                score = 0.6
            elif year_like or _DIGIT_AFTER.match(text, m.end()):
                score = 0.3  # "In 2020 EN", or OCR debris: "9120 MS 2e (e="
            else:
                score = 0.55 if m.group(2) == "" else 0.5
            why = "postcode" + (" before a known place" if known else "") + (
                " with address context" if context else ""
            ) + (" after a street and house number" if street else "")
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

    def _known_prefix(
        self, text: str, start: int, name: str, whole: bool = False
    ) -> re.Match[str] | None:
        """'Utrecht Tel' -> a match of 'Utrecht' when only the first words are a known place
        (with ``whole``, all of ``name`` may be that place)."""
        words = name.split(" ")
        for n in range(len(words) - (0 if whole else 1), 0, -1):
            prefix = " ".join(words[:n])
            if self._is_place(prefix):
                return re.compile(f"({re.escape(prefix)})").match(text, start)
        return None

    def _is_place(self, name: str) -> bool:
        low = name.lower().replace("‘", "'").replace("’", "'")  # OCR reads 's-Hertogenbosch with ‘
        return low in self.places or low.replace("-", " ") in self.places
