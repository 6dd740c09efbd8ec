"""Street addresses (NL_ADDRESS): a street name followed by a house number and its addition.

Legal basis: a home address is personal data (AVG art. 4(1)); withheld under art. 5.1.2e Woo.
A street is a name from the BAG street list that deduce ships, a capitalised word ending in a
street suffix (-straat, -laan, -weg, -plein, -gracht, ...), or one written with an abbreviated
street type as people write them (``Molenstr. 8``, ``Schoolstr 3``, ``Kerkln 4``, ``Dorpswg 12``,
``Noordsngl 5``). House numbers take additions: 12a, 12 a, 12 A, 3-II, 14 B, 12 bis, 12hs,
12 zw, 12 ws (a houseboat's berth), 7-1, 2 hs, 12-3 hoog. A street that is also an ordinary word
("Markt 3", "Antwoord 3"), a compound that only looks like a street ("Klimaatakkoord 2019", "Loopbaan 2"; see
``lexicons/street_lookalikes.txt``) and a suffix street with a year for its number need a
postcode after them or an address word before them.

A neighbour's house number without its street is an address too where the text says whose home
it is: "de bewoners van nummer 14", "op nr. 7 woont", "huisnummer 16", "de familie op nummer 27" (the
number may stand on the next line). "nummer 3" without such
words ("agendapunt nummer 3", "bus nummer 4") is not.

Not reported, on purpose: a street without a house number ("de Dorpsstraat wordt heringericht":
many people live there, and road works are public business), a PO box ("Postbus 20018": an
organisation's, never a home), and an organisation's visiting address in its letterhead or
signature ("Bezoekadres: Parnassusplein 5", an address block under "Ministerie van ..." or next
to a PO box), which scores below the threshold.

On a scanned page OCR may lose the space before the number ("Kerkstraat12a"): taken only for a
street name with a street suffix. Blanks from PDF extraction (tabs, no-break spaces) count as
spaces, and a line may break between the street and its number ("wonend op de Kerkstraat\n12 te
Ede") when the street is a known or suffixed street and the next line does not go on in words.

Fictitious examples: "Kerkstraat 12a", "Jan van Galenstraat 3-II", "Markt 14 B, 1234 AB Ons Dorp",
"Molenstr. 8", "Dorpsstraat 12 a", "de bewoners van nummer 14"; not "artikel 12", "Bijlage 3",
"Hoofdstuk 4", "Fase 3", "Stap 4", "Postbus 123", "Klimaatakkoord 2019".
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_after, words_before
from recognizers.lexicons import Lexicons, lexicons, own_list
from recognizers.nl_postcode import organisation_block, postcodes
from recognizers.scanning import matches_at, page_lowered, starts_of_openings
from recognizers.table_columns import column_cells, may_hold_table

_UP = "A-ZÀ-Þ"
_BLANK = "[ \t\u00a0\u202f]"  # a space, or a tab or no-break space from PDF extraction
# Abbreviated street types, as written at the end of the street name: "Molenstr.", "Kerkln".
ABBREVIATIONS = {"str": "straat", "ln": "laan", "wg": "weg", "sngl": "singel", "pln": "plein",
                 "pl": "plein", "gr": "gracht", "kd": "kade"}
# Abbreviations that are seldom anything else: enough without the BAG list behind them.
_SAFE_ABBREVIATIONS = ("str", "ln", "wg", "sngl")
_ABBREVIATION_DOT = "|".join(f"(?<={a})" for a in sorted(ABBREVIATIONS))
# What follows a house number: a letter (12a, 12 a, 12 A), a Roman or Arabic floor (3-II, 7-1,
# 12-3 hoog), or a word (12 bis, 12hs, 12 zw, 2 huis, 8 boven).
# ws: woonschip, wp: woonwagenplaats; "rood", "zwart": a separate door's number (Haarlem, Amsterdam)
_ADDITION_WORD = r"(?:hs|huis|bis|ter|boven|bov|beneden|bg|zwart|zw|rood|rd|ws|wp)"
_FLOOR = r"(?:\d{1,2}(?:e|de|ste)?[ ]?(?:hoog|hg|verd(?:ieping)?|etage))"
_ADDITION = (
    rf"(?:{_BLANK}?-{_BLANK}?(?:{_FLOOR}|[IVX]{{1,4}}|\d{{1,3}}|{_ADDITION_WORD}|[A-Za-z]{{1,2}})(?![\w])"
    rf"|{_ADDITION_WORD}(?![\w])"
    r"|[a-zA-Z](?![\w])"
    rf"|{_BLANK}[A-Z]-[A-Z](?![\w])"  # "233 A-B": two houses (or a house and its upper floor)
    rf"|{_BLANK}(?:{_FLOOR}|{_ADDITION_WORD}|[IVX]{{1,3}}|[A-Z])(?![\w]|\.\w)"
    rf"|{_BLANK}[a-su-z](?![\w/'’]|\.\w)"  # "12 a"; not "12 t/m 20", "12 u", "12 e.v."
    rf"|{_BLANK}(?:bus|k\.|kamer|app\.?|apt\.?)[ ]?\d{{1,3}}(?![\w])"  # "6 bus 2", "40 k.3": a room, a box
    r")"
)
# A street starts with a capital or an apostrophe, not glued to a word, an address or a path.
# The street's words are taken possessively (its last word: letters, apostrophes and hyphens only, ending in a
# lowercase letter), so that the number, the dot of an abbreviation and the blanks are tried once
# per word instead of at every letter of it (twice as fast).
# OCR can lose the space before the number ("Beatridlaan83"): kept only for a compound street name
# (see analyze); allowing it costs the pattern about a tenth of its time, adds no match on clean text.
_PARTICLES = rf"(?:(?:van|de|der|den|het|'t|op|aan|in|bij|te|ter|ten|la|le|en){_BLANK}+)*"
_NAME_TAIL = r"(?:[^\W\d_]|['’-])*+"  # the street's last word after its capital
# The street is up to four words (each with the particles after it) and a last word; its first
# capital is matched before the lookbehind (the lookbehind then spans it), so that re scans for
# that capital in C instead of trying every position (same matches and groups, 1.2x faster).
ADDRESS = re.compile(
    rf"(?P<street>[{_UP}'](?<![\w@./-][{_UP}'])"
    rf"(?:[\w'’.-]*+{_BLANK}+{_PARTICLES}(?:[{_UP}'][\w'’.-]*+{_BLANK}+{_PARTICLES}){{0,3}}"
    rf"[{_UP}']{_NAME_TAIL}|{_NAME_TAIL})(?<=[a-zë]))"
    rf"(?P<dot>(?=\.)(?:{_ABBREVIATION_DOT})\.)?"
    # OCR reads a digit as l or O inside a house number ("1l8", "1O4"): taken before another digit; an
    # "l" also opens one before a digit ("l2a") and ends one before a house letter or the end ("5la", "5l,")
    rf"(?P<space>{_BLANK}*(?:\n{_BLANK}*)?(?:(?:nummer|nr\.?){_BLANK}*)?)"
    r"(?P<number>(?:[1-9]|l(?=\d))(?:\d|[lO](?=\d)){0,4}(?:(?<=\d)l(?=[a-h]?(?![\w@])))?)"
    rf"(?P<addition>{_ADDITION})?"
    r"(?![\w@]|[.,:/]\d|-\d{2,4}\b)"  # not a date's day and month ("10-04-2024")
)
# A street in lower case, ending as streets do, and its house number: "berkenlaan 17", "kerkstraat 4a".
_LOWER_STREET = re.compile(
    r"(?<![\w@./-])(?P<prefix>(?:dr|mr|prof|burg|ds|st|past|kon|pr|gen)\.[ ])?"  # "dr. schaepmanstraat 14b"
    r"(?P<street>[a-z][a-zà-ÿ]{1,30}(?:straat|laan|weg|plein|gracht|kade|singel|steeg|hof|dreef|dijk"
    r"|pad|erf|park))[ ](?P<number>[1-9]\d{0,3})(?:[ ]?[a-h](?![\w@]))?(?![\w@]|[.,:/-]\d)"
)
_UNIT_AFTER = re.compile(r"[ ]*(?:km|m|meter|kilometer|uur|min|minuten|jaar|euro|%|x\b)", re.IGNORECASE)
# A house number named as such, without its street: "huisnummer 16", "nummer 14", "nr. 7".
HOUSE_NUMBER = re.compile(
    rf"(?i)(?<![\w.-])(?P<word>huisnummer|huisnr\.?|nummer|nr\.?)(?P<label>{_BLANK}*[:\t]?{_BLANK}*(?:\n{_BLANK}*)?)"
    rf"(?P<number>[1-9]\d{{0,3}})(?P<addition>{_ADDITION})?(?![\w@]|[.,:/-]\d|[ ]0\d{{2,3}}\b)"
)  # not "het algemene nummer 14 0345": a municipality's short number, 14 and its area code
_HOUSE_NUMBER_OPENINGS = ("huisn", "nummer", "nr")
# Words that say a bare "nummer 14" is someone's home: prefixes of the lowercased words, whole
# words, and the endings of a street named nearby ("de bewoners van de Esdoornstraat").
HOME_WORDS = ("bewoner", "buren", "buurman", "buurvrouw", "buurtbewoner", "overbuur", "achterbuur",
              "woont", "wonen", "woonde", "woning", "pand", "perceel", "adres", "tuin", "schutting",
              "oprit", "voordeur", "gevel", "huurder", "verhuurder", "eigenaar", "verhuisd",
              "ingeschreven", "woon", "aanbel", "aangebeld", "schuur", "berging", "achtertuin", "voortuin",
              "scheidingsw", "scheidingsm", "brievenbus", "familie", "gezin", "pakket", "erfgrens",
              "erfafscheiding")
_GIVEN_NAME_AFTER_COMMA = re.compile(r",[ ]([A-ZÀ-Þ][a-zß-ÿ]+)\b(?![ ]?\d)")
_NUMBER_COLUMNS = frozenset({"huisnr", "huisnr.", "huisnummer", "huisnummer + toevoeging"})
_HOUSE_NUMBER_CELL = re.compile(r"[1-9]\d{0,3}(?:[ -]?[a-zA-Z]{1,2}|-\d{1,3})?")
# Words right before a street that make it someone's home, whatever the block around it says.
_HOME_BEFORE_STREET = frozenset({"woning", "flat", "huis", "woonboot", "appartement", "bovenwoning",
                                 "benedenwoning", "huurwoning", "koopwoning"})
# A given name, then the number in brackets: how a neighbour names himself in a chat ("henk (nr 23)").
_NAME_BRACKET_BEFORE = re.compile(r"(?<![\w.-])([A-Za-zÀ-ÿ][a-zß-ÿ'’-]{2,})[ ]\($")
_HOME_WHOLE_WORDS = frozenset({"huis", "huizen", "straat", "erf"})
_STREET_ENDINGS = ("straat", "laan", "weg", "plein", "gracht", "kade", "singel", "steeg", "hof")
# A word right before "nummer" that makes it a number of something else: "bus nummer 4".
_NOT_HOUSE = frozenset({
    "artikel", "bijlage", "agendapunt", "punt", "vraag", "motie", "zaak", "factuur", "versie",
    "fase", "stap", "lid", "bus", "buslijn", "lijn", "tram", "kamer", "kamerstuk", "pagina",
    "tabel", "figuur", "hoofdstuk", "regel", "serie", "order", "rugnummer", "telefoon", "dossier",
    "kenmerk", "polis", "klant", "registratie", "besluit", "wet", "week", "spoor", "perron",
    "zaal", "lokaal", "stoel", "tafel", "stand", "kavel", "bouwnummer", "kamerstukken", "stcrt",
    "staatscourant", "stb", "staatsblad", "handelingen", "volgnummer", "voetnoot", "noot",
    "plaats", "standplaats",
})
_WORD = re.compile(r"\S+")
_PLATE_GOES_ON = re.compile(r"[ -]?[A-Z]{2,3}\b")  # "45-JRP-4", "12 SX 47": a licence plate's start
# A name (a capitalised word, not opening a sentence; a known given name in lower case) right before "van
# nummer": "Lotte, van nummer 31", "mevr. Kaminska van nr. 28", "Ilse hier, van nr 31", "ilse van nummer 31".
# (or "op": "de dochter van Kuipers op nr 14")
_NAME_THEN_VAN = re.compile(r"\b([a-zA-ZÀ-Þ][a-zß-ÿ'’-]+)(?:,?[ ]hier)?,?[ ](?:van|op)[ ]+$")
_VAN_DIGIT = re.compile(r" van [1-9]")  # where a neighbour's number after a given name can be
# A given name, "van" and a bare house number ("joyce van 25"), no amount or measure after it: the name
# ending the text before " van ", the number after it.
_WORD_ENDING = re.compile(r"(?<![\w.-])[A-Za-zÀ-ÿ][a-zß-ÿ'’-]{2,}\Z")
_NEIGHBOUR_NUMBER = re.compile(
    r"[1-9]\d{0,2}[a-z]?(?![\w.,:/-]\d|[\w%€-])"
    r"(?![ ]*(?:jaar|euro|eur|procent|min|minuten|uur|km|meter|m|cm|kg|keer|dagen|weken|maanden|personen|"
    r"mensen|stuks|van|tot|t/m|en|of|u|januari|februari|maart|april|mei|juni|juli|augustus|september|"
    r"oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b)"
)
# A titled person's name and a comma right before the number: "bij mevr. Oosterhuis, nr 27".
_TITLED_NAME_BEFORE = re.compile(
    r"(?i:\b(?:mevr\.?|mw\.?|dhr\.?|heer|mevrouw|meneer|familie|fam\.))[ ]+(?:[\w.'’-]+[ ]){0,3}"
    r"[A-ZÀ-Þ][a-zß-ÿ'’-]+,[ ]+$"
)
_POSTCODE_BEFORE = re.compile(r"\b[1-9]\d{3}[ \t]?[A-Z]{2}[ \t]+$")
_PERSON_WORDS = frozenset({"heer", "mevrouw", "meneer", "familie", "mw.", "dhr.", "mevr.", "fam."})
# A cadastral parcel before the number: "kadastraal bekend gemeente Bolsward, sectie C, nummer 4417".
_CADASTRAL = re.compile(r"(?i)(?:\bsectie[ ]+[A-Z]{1,2}|\bkadastra\w*[^\n.]{0,40}|\bperceel)[ ,]*$")
_OCR_DIGITS = str.maketrans("lO", "10")
_PAGE_WORDS = frozenset({"page", "pagina", "blad", "bladzijde", "sheet", "slide", "p", "pag"})
_TITLE_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,4}\.$")
POSTCODE_NEAR = re.compile(rf"(?:{_BLANK}|,)*\n?{_BLANK}*[1-9]\d{{3}}{_BLANK}{{0,3}}[A-Z]{{2}}\b")
CONTEXT = ("adres", "woonachtig", "wonende", "woont", "straat", "postadres", "verhuisd", "woonadres")
# Address words that say it is someone's home, even inside an organisation's address block.
_HOME_CONTEXT = ("woonachtig", "wonende", "woont", "woonadres", "verhuisd")
# Labels of an organisation's address: "adres" inside them is no sign of a home.
# A street no list knows and its house number, then the postcode: after a comma on the postcode's
# line, or alone on the line above it (a label before it, "Adres: Laat 141, 1811 EH").
_STREET_BEFORE_POSTCODE = regex.compile(
    r"(?:^|(?<=[\n:\t])|(?<=[.,][ ]))[ \t]*"
    # the street's words capitalised, bar its particles ("Laan van Meerdervoort"): not "Ik ging naar X 3"
    r"(?P<address>(?!\p{Lu}\.)\p{Lu}[\p{L}'’.-]+"
    r"(?:[ ](?:\p{Lu}[\p{L}'’.-]*|van|de|der|den|het|op|aan|in|te)){0,3}[ ]"
    r"(?:[1-9]\d{0,4}|0\d-\d{1,3})"  # "Kempenaar 08-31": Lelystad numbers its blocks so
    # a comma, a line break, or (a PDF's table row, after a name's initial) a blank
    r"(?:[ ]?[a-zA-Z]{1,2}\b|-\w{1,3})?)(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|(?<=[.,][ ][^\n]{3,40})[ ])$"
)
_LIVES_AT_STREET = regex.compile(
    r"\b(?:woon|woont|woonde|woonden|wonen|wonend|wonende)\s+(?:aan|op)(?:\s+de|\s+het)?\s+"
    r"(?:hoek(?:\s+van)?[,:]?\s+)?"  # "Ik woon op de hoek, Werkeremeer 41"
    r"(?P<address>\p{Lu}[\p{L}'’.-]+(?:[ ][\p{L}'’.-]+){0,2}[ ][1-9]\d{0,4}(?:[ ]?[a-zA-Z]\b|-\w{1,3})?)"
    r"(?![\d.,:]\d)"  # not "woont op De Hoek 3,5 km verderop" nor a time
)
_LIVES_WORD = re.compile(r"\bwo(?:on|nen)")  # where a _LIVES_AT_STREET match can open
_NOT_A_STREET = frozenset(
    "postbus antwoordnummer pagina kamer bijlage artikel lid bus box po nummer nr".split()
)
_ORGANISATION_LABELS = ("bezoekadres", "retouradres", "vestigingsadres", "factuuradres")
_CAPITAL_AFTER_VAN = re.compile(r"\W+van\s+(?:de\s+|het\s+)?[A-Z]")  # "nummer 14 van de Kerkstraat"
_MONTH_AFTER = re.compile(
    rf"{_BLANK}+(?:jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|juni?|juli?|aug(?:ustus)?"
    r"|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")  # lowercase, as Dutch dates are
# After a number on the next line: a lowercase word other than a preposition before the place.
_WORD_AFTER_WRAP = re.compile(  # not a verb of the sentence: "bij Lijsterlaan" + break + "41 is ingebroken"
    rf"{_BLANK}+(?!(?:te|in|op|en|bij|is|was|wordt|werd|heeft|had|zijn|waren)\b)[a-z]"
)
_ORDINAL = re.compile(r"[ \t]+[a-z]")  # "1e fase", "2e kwartaal": an ordinal, not house letter e
# More house numbers of the same street after an address: "Spreeuwenlaan 10 en 12",
# "Kerkstraat 3, 5 en 7" (a list that ends in "en"/"of"/"&"; a lone ", 12" may be anything).
_NUMBER = rf"[1-9]\d{{0,3}}(?:{_ADDITION})?(?![\w@]|[.,:/]\d|{_BLANK}{{0,3}}[A-Z]{{2}}\b)"
MORE_NUMBERS = re.compile(
    rf"(?:{_BLANK}*,{_BLANK}*{_NUMBER})*(?:{_BLANK}+(?:en|of|&|t/m|tot{_BLANK}+en{_BLANK}+met){_BLANK}+"
    rf"|{_BLANK}?/{_BLANK}?(?=\d{{1,3}}\b(?![/-]\d)))"  # or two neighbours' numbers: "Rembrandtlaan 39 / 41"
    rf"{_NUMBER}"
)
# A place right after an address without a postcode: ", Hengelo", " in Heerenveen", " te Elst".
PLACE_AFTER_ADDRESS = re.compile(
    rf"(?:{_BLANK}*,{_BLANK}*|{_BLANK}+(?:in|te){_BLANK}+"
    r"|[ ]*\t[ \t]*|[ ]{2,}|[ ]?\|[ ]?)"  # or the next cell
    rf"(?P<place>(?:['‘’][sStT][ -])?[{_UP}][\w'’-]*(?: (?:[a-z]{{2,3}} ){{0,2}}[{_UP}][\w'’-]*){{0,3}})"
)
PLACE_MIN_SCORE = 0.4  # the default threshold: a place only after an address that is reported

# A stretch of a street between two house numbers ("tussen nr. 2 en nr. 30", "vanaf nummer 4 tot
# nummer 18"): road works and closures, not anyone's home.
_STRETCH = re.compile(
    rf"(?i)\b(?:tussen|vanaf){_BLANK}+(?:(?:huis)?nummer|nr\.?)?{_BLANK}*[1-9]\d{{0,3}}[a-z]?{_BLANK}+"
    rf"(?:en|tot(?:{_BLANK}+en{_BLANK}+met)?|t/m){_BLANK}+$"
)
_STRETCH_END = re.compile(
    rf"{_BLANK}+(?:en|tot(?:{_BLANK}+en{_BLANK}+met)?|t/m){_BLANK}+(?:(?:huis)?nummer|nr\.?)?{_BLANK}*\d"
)
_ONE_NUMBER = re.compile(rf"(?P<number>[1-9]\d{{0,3}})(?P<addition>{_ADDITION})?")
# A numbered row of a table or list ("19\tLopes Tavares, D.", "3. Jansen"): "nr. 19" in a remark
# below it is that row, not a house.
_ROW_NUMBER_AFTER = re.compile(r"[.)]?\t|[.)][ \t]")  # after a line's first number: it numbers the line
_ROW = re.compile(r"(?m)^[ \t]*([1-9]\d{0,3})(?:[.)]?\t|[.)][ \t])")


class NlAddressRecognizer(EntityRecognizer):
    """NL_ADDRESS: street + house number (+ addition); see the module docstring."""

    ENTITIES = ["NL_ADDRESS", "LOCATION"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        self.lex = lexicons()
        self.lookalikes = tuple(sorted(own_list("street_lookalikes")))
        self.prefixes = own_list("street_prefixes")
        self.streets: dict[str, tuple[int, str] | None] = {}  # _street's memo: streets recur
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
        if entities and "NL_ADDRESS" not in entities and "LOCATION" not in entities:
            return []
        out = []
        places = []
        for m in ADDRESS.finditer(text):
            result = self._address(text, m)
            if result is not None:
                out.append(result)
                out.extend(self._more_numbers(text, result))
                place = self._place_after(text, result)
                if place is not None:
                    places.append(place)
        if any(c.isdigit() for c in text):
            out.extend(self._street_above_postcode(text, out))
        out.extend(self._lower_case_streets(text, out))
        bare = self._house_numbers(text, out)
        if may_hold_table(text) and "huisn" in page_lowered(text):
            bare.extend(self._number_column(text, out + bare))
        out.extend(bare)
        for result in bare:  # "de bewoners van nummer 7 en 9"
            out.extend(self._more_numbers(text, result))
        if _VAN_DIGIT.search(text) is not None:  # (a look first: most pages have no "van 25")
            out.extend(self._neighbour_numbers(text, out))
        if entities and "NL_ADDRESS" not in entities:
            out = []
        if not entities or "LOCATION" in entities:
            out.extend(places)
        return out

    def _lower_case_streets(self, text: str, addresses: list[RecognizerResult]) -> list[RecognizerResult]:
        """A street of the BAG written in lower case with its number, as chats write it ("ik ben thuis,
        berkenlaan 17"); not followed by a unit ("rijksweg 12 km")."""
        out: list[RecognizerResult] = []
        for m in _LOWER_STREET.finditer(text):
            if m.group("street") not in self.lex.streets or _UNIT_AFTER.match(text, m.end()) or any(
                a.start <= m.start() < a.end for a in addresses
            ):
                continue
            why = f"street {m.group('street')!r} (BAG street list) in lower case, with its number"
            out.append(make_result(self.name, self.id, "NL_ADDRESS", m.start(), m.end(), 0.6,
                                   "street in lower case", why))
        return out

    def _street_above_postcode(self, text: str, addresses: list[RecognizerResult]) -> list[RecognizerResult]:
        """A street that no list knows, with its number, right before a postcode: on the line above
        it ("Kraanburg 27" + break + "8912 KT  Leeuwarden") or before it on its line ("Laat 141, 1811 EH
        Alkmaar"). The postcode says it is an address; a letterhead's stays out."""
        out: list[RecognizerResult] = []
        ends = {a.end for a in addresses}
        for m in postcodes(text):  # (tried only at four-digit runs)
            if any(m.start() - e <= 3 for e in ends if e <= m.start()):
                continue  # "Kerkstraat 4, 1234 AB": the street is found already
            # (searched in the text itself, so that its lookbehinds see what comes before the window)
            found = _STREET_BEFORE_POSTCODE.search(text, max(0, m.start() - 80), m.start())
            if found is None:
                continue
            start, end = found.span("address")
            first = found.group("address").split(" ", 1)[0].lower().rstrip(".:")
            if first in _NOT_A_STREET or any(a.start < end and start < a.end for a in addresses + out) or (
                organisation_block(text, start)
            ):
                continue
            why = f"street and house number right before the postcode {m.group()!r}"
            rule = "street before postcode"
            out.append(make_result(self.name, self.id, "NL_ADDRESS", start, end, 0.8, rule, why))
        if "woon" in text or "wonen" in text:
            # "Ik woon aan de Kraanburg 27": a home, whatever the street (tried where "woon"/"won" stands)
            starts = sorted({m.start() for m in _LIVES_WORD.finditer(text)})
            for m in matches_at(_LIVES_AT_STREET, text, starts):
                start, end = m.span("address")
                if any(a.start < end and start < a.end for a in addresses + out):
                    continue
                why = f"where someone lives: {m.group()!r}"
                out.append(make_result(self.name, self.id, "NL_ADDRESS", start, end, 0.8, "lives at", why))
        return out

    def _place_after(self, text: str, address: RecognizerResult) -> RecognizerResult | None:
        """The known place right after a home address without a postcode: "Wierdensestraat 66,
        Hengelo", "de Schoolstraat 3 in Heerenveen", "Kerkweg 2 te Elst", or in the next cell of
        a table row ("Esweg 4<tab>Annen", the column "Woonplaats")."""
        if address.score < PLACE_MIN_SCORE:
            return None  # an organisation's address, or no address
        m = PLACE_AFTER_ADDRESS.match(text, address.end)
        if m is None:
            return None
        words = m.group("place").split(" ")
        for n in range(len(words), 0, -1):  # the longest known place: "Berkel en Rodenrijs"
            name = " ".join(words[:n]).rstrip(".,;:")
            if name.lower() in self.lex.places or name.lower().replace("-", " ") in self.lex.places:
                start = m.start("place")
                given = _GIVEN_NAME_AFTER_COMMA.match(text, start + len(name))
                if given is not None and given.group(1) in self.lex.first_names:
                    return None  # "Veenweg 44 | Ter Haar, Bernadette <...>": the next cell is a person
                return make_result(
                    self.name, self.id, "LOCATION", start, start + len(name), 0.85,
                    "place after address",
                    f"known place {name!r} after address {text[address.start:address.end]!r}",
                )
        return None

    def _more_numbers(self, text: str, address: RecognizerResult) -> list[RecognizerResult]:
        """The other house numbers in "Spreeuwenlaan 10 en 12", "Oude Oever 5 t/m 11", "nummer 7 en 9":
        addresses of the same street."""
        more = MORE_NUMBERS.match(text, address.end)
        if more is None:
            return []
        out = []
        for n in _ONE_NUMBER.finditer(text, more.start(), more.end()):
            if not n.group("addition") and 1900 <= int(n.group("number")) <= 2099:
                return []  # "Kerkstraat 12 en 2024": a year
            out.append(make_result(
                self.name, self.id, "NL_ADDRESS", n.start(), n.end(), address.score,
                "house number in a list",
                f"house number {n.group()!r} listed after {text[address.start:address.end]!r}",
            ))
        return out

    def _street(self, candidate: str) -> tuple[int, str] | None:
        """:func:`_street` for this recogniser's lists, memoised (bounded): a letter's streets
        recur on every page."""
        if candidate in self.streets:
            return self.streets[candidate]
        if len(self.streets) > 20_000:
            self.streets.clear()
        found = self.streets[candidate] = _street(self.lex, candidate, self.lookalikes, self.prefixes)
        return found

    def _address(self, text: str, m: re.Match[str]) -> RecognizerResult | None:
        """The result for one street + number match, or None when it is no address."""
        found = self._street(m.group("street"))
        if found is None:
            return None
        offset, how = found
        if "\n" in m.group("space") and _ROW_NUMBER_AFTER.match(text, m.end("number")):
            return None  # "namens VvE De Reigershof" + break + "4. Ama ...": the next item's number
        if m.group("dot") and not how.startswith("abbreviat"):
            return None  # "Kerkstr." is "Kerkstraat"; a dot after a full name ends a sentence
        addition = m.group("addition") or ""
        if addition == "e" and _ORDINAL.match(text, m.end()):
            return None  # "Dorpsstraat 1e fase": an ordinal
        if not addition and _MONTH_AFTER.match(text, m.end()):
            return None  # "gemeente Tilburg 3 april": a date
        start = m.start("street") + offset
        street = text[start : m.end("street")]
        if "\t" in street:  # "Ouali, K.<tab>Rijndijk 31": the street starts in its own cell
            start += street.rfind("\t") + 1
            street = text[start : m.end("street")]
        if "\t" in m.group("space") and (
            text[max(0, start - 1) : start] not in ("\t", "\n", "") or _PLATE_GOES_ON.match(text, m.end())
        ):
            return None  # "Roos van Dam<tab>24": a name, then the next cell's age; "Havenstraat<tab>12 SX 47"
        if _POSTCODE_BEFORE.search(text, max(0, start - 12), start):
            return None  # "6641 AK Beuningen<tab>553 ...": the place after a postcode, then a number
        misread = m.group("number")
        number = misread.translate(_OCR_DIGITS)
        if "\n" in m.group("space") and (
            how not in ("bag", "suffix", "abbreviation, BAG", "abbreviation")
            or 1900 <= int(number) <= 2099 or _WORD_AFTER_WRAP.match(text, m.end())
        ):
            return None  # "de Dorpsstraat\n12 bewoners kwamen": a line that starts with a count
        glued = not m.group("space") and not m.group("dot")
        if glued and (not _compound(self.lex, street) or len(number) > 3 or (
            street.lower() in self.lex.places
        )):
            return None  # "Markt3", "Covid19", "Rotterdam2025": only a compound street name loses it
        postcode = POSTCODE_NEAR.match(text, m.end()) is not None
        context = self._home_context(text, start)
        score = _SCORES[how]
        if how == "bag" and street.lower().endswith(self.lex.street_suffixes):
            score = 0.75
        why = f"street {street!r} ({_HOW[how]})"
        if how in ("suffix", "bag", "word") and not addition and 1900 <= int(number) <= 2099:
            score = 0.3  # "Klimaatakkoord 2019", "Arbeidsmarkt 2025", "Declaratieregeling PO De Linge 2022"
            why += ", a year for a number"
        if postcode or context:
            score = max(score + 0.2, 0.75) if score > 0.3 else 0.7
        score = min(score, 0.95)
        if organisation_block(text, start) and not context.startswith(_HOME_CONTEXT) and not any(
            w in _HOME_BEFORE_STREET for w in words_before(text, start, 4)
        ):  # (a home said right before the street: "waardedaling woning Veenweg 44", "haar flat aan het ...")
            score = 0.3  # "Ministerie van ...\nBezoekadres: Parnassusplein 5"
            why += ", in an organisation's address block"
        if postcode:
            why += " before a postcode"
        if context:
            why += f" after {context!r}"
        if glued:
            why += ", the number run on (a space lost in OCR)"
        if misread != number:
            why += f", house number {misread!r} read as {number!r} (OCR)"
        return make_result(self.name, self.id, "NL_ADDRESS", start, m.end(), score,
                           f"street+number ({how})", why)

    def _home_context(self, text: str, start: int) -> str:
        """An address word among the five words before ``start`` ("woont", "Adres:"), or ''."""
        for word in words_before(text, start, 5):
            if word.startswith(_ORGANISATION_LABELS):
                continue
            for c in CONTEXT:
                if c in word:
                    return word
        return ""

    def _name_then_van(self, text: str, start: int) -> bool:
        """A name, no ordinary word, right before "van" and the number at ``start``."""
        m = _NAME_THEN_VAN.search(text, max(0, start - 40), start)
        name = m.group(1) if m is not None else ""
        if name and name.islower():  # "ilse van nummer 31" in a chat: a given name written in lower case
            name = name.capitalize()
            return name in self.lex.first_names and not self.lex.is_word(name)
        return bool(name) and not self.lex.is_word(name) and name.lower() not in self.lex.places

    def _house_numbers(self, text: str, addresses: list[RecognizerResult]) -> list[RecognizerResult]:
        """A house number without its street where the words around it say it is a home."""
        starts = starts_of_openings(text, page_lowered(text), _HOUSE_NUMBER_OPENINGS)
        matches = HOUSE_NUMBER.finditer(text) if starts is None else matches_at(HOUSE_NUMBER, text, starts)
        out = []
        rows: frozenset[str] | None = None
        undecided: list[re.Match[str]] = []
        homes: dict[str, str] = {}  # house number -> the word that made it a home
        for m in matches:
            if any(a.start <= m.start() < a.end for a in addresses):
                continue  # "Kerkstraat nummer 12": the street address has it
            word = m.group("word").lower().rstrip(".")
            before = words_before(text, m.start(), 8, chars=90)
            # "nummer 31, nummer 35": a list of house numbers, not a reference's number before it
            listed = len(before) > 1 and before[-2] in ("nummer", "nr", "huisnummer")
            if before and (before[-1] in _NOT_HOUSE or before[-1].rstrip(",;:").isdigit() and not listed) or (
                _CADASTRAL.search(text, max(0, m.start() - 60), m.start())
            ):
                continue  # "bus nummer 4", "Kamerstukken II 2019/20, 35300, nr. 12", "sectie C, nummer 4417"
            if _STRETCH.search(text, max(0, m.start() - 40), m.start()) or (
                before and before[-1] in ("tussen", "vanaf") and _STRETCH_END.match(text, m.end())
            ):
                continue  # "afgesloten tussen nr. 2 en nr. 30": a stretch of the street, not a home
            if word in ("huisnummer", "huisnr"):
                home, score = word, 0.7
            else:
                if rows is None:
                    rows = frozenset(r.group(1) for r in _ROW.finditer(text))
                if len(rows) > 1 and m.group("number") in rows and not any(
                    w.startswith(HOME_WORDS) for w in before[-3:]
                ):  # (but "de buren op nummer 5" is a home whatever the list numbers)
                    continue  # "Opmerking: nr. 19 IBAN ontbreekt" below a table's row 19
                after = words_after(text, m.end(), 4)
                if after[:1] == ["van"] and not _CAPITAL_AFTER_VAN.match(text, m.end()):
                    continue  # "nummer 1 van hun wensenlijst": a rank, not a house
                home = next((w for w in before + after if w.startswith(HOME_WORDS)
                             or w in _HOME_WHOLE_WORDS or w.endswith(_STREET_ENDINGS)), "")
                if not home and before and before[-1] in ("naast", "tegenover"):
                    home = f"{before[-1]!r} before it"  # "voor en naast nummer 37 stonden vijf auto's"
                if not home and any(0 <= m.start() - a.end < 300 for a in addresses):
                    home = "a street address just before"
                if not home and before and before[-1] in ("van", "op") and (
                    any(w in _PERSON_WORDS for w in before) or self._name_then_van(text, m.start())
                ):
                    home = "a person 'van nummer'"  # "de heer Van Amstel van nummer 25", "Lotte, van nr 31"
                if not home and _TITLED_NAME_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                    home = "a person's name before it"  # "hij staat bij mevr. Oosterhuis, nr 27"
                bracket = _NAME_BRACKET_BEFORE.search(text, max(0, m.start() - 30), m.start())
                if not home and bracket is not None and bracket.group(1).capitalize() in self.lex.first_names:
                    home = "a given name before it, the number in brackets"  # "henk (nr 23): ..."
                if not home:
                    undecided.append(m)
                    continue
                score = 0.6
            homes.setdefault(m.group("number") + (m.group("addition") or ""), home)
            out.append(self._house_number(text, m, score, word, repr(home)))
        for m in undecided:  # "Onderwerp: Overlast nummer 14" above "de bewoners van nummer 14"
            key = m.group("number") + (m.group("addition") or "")
            if key in homes:
                out.append(self._house_number(
                    text, m, 0.6, m.group("word").lower(), f"{homes[key]!r} at the same number elsewhere"
                ))
        return out

    def _number_column(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A table's column "Huisnr" of one street's homes: each cell a neighbour's house number ("Huisnr
        | Naam | Akkoord", then "3 | T. Faber | ja |": a consent list of the residents)."""
        out = []
        for cell in column_cells(text, _NUMBER_COLUMNS):
            value = text[cell.start : cell.end]
            if _HOUSE_NUMBER_CELL.fullmatch(value) and not any(
                r.start < cell.end and cell.start < r.end for r in found
            ):
                out.append(make_result(self.name, self.id, "NL_ADDRESS", cell.start, cell.end, 0.7,
                                       "house number column",
                                       f"house number {value!r} in the table's column {cell.heading!r}"))
        return out

    def _neighbour_numbers(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A bare house number after a given name and "van", as neighbours introduce themselves in a
        chat ("ik ben joyce van 25", "Hein van 23a zegt"); not an amount ("Jan van 25 jaar")."""
        out = []
        for van in _VAN_DIGIT.finditer(text):  # around each " van 2" only (a scan of the page is slow)
            given = _WORD_ENDING.search(text[max(0, van.start() - 40) : van.start()])
            number = _NEIGHBOUR_NUMBER.match(text, van.end() - 1)
            if given is None or number is None:
                continue
            name = given.group().capitalize()
            if name not in self.lex.first_names or self.lex.is_word(name) or any(
                f.start <= number.start() < f.end for f in found
            ):
                continue
            out.append(make_result(
                self.name, self.id, "NL_ADDRESS", number.start(), number.end(), 0.6, "house number",
                f"house number {number.group()!r} after {given.group()!r} 'van': a neighbour's home",
            ))
        return out

    def _house_number(
        self, text: str, m: re.Match[str], score: float, word: str, home: str
    ) -> RecognizerResult:
        """The result for a house number without its street; ``home`` says why it is a home."""
        labelled = ":" in m.group("label") or "\t" in m.group("label")
        start = m.start("number") if labelled else m.start()
        return make_result(
            self.name, self.id, "NL_ADDRESS", start, m.end(), score, "house number",
            f"house number {m.group('number')!r} after {m.group('word')!r}"
            + ("" if word.startswith("huis") else f", a home by {home}"),
        )


# How a street was recognised: what the explanation says, and the score before any context.
_HOW = {"bag": "BAG street list", "suffix": "street suffix", "word": "BAG street, also a word",
        "abbreviation, BAG": "abbreviated street type, BAG street list",
        "abbreviation": "abbreviated street type", "rare abbreviation": "abbreviated street type?",
        "lookalike": "street suffix, but a word that seldom names a street"}
_SCORES = {"bag": 0.6, "suffix": 0.75, "word": 0.3, "abbreviation, BAG": 0.75, "abbreviation": 0.6,
           "rare abbreviation": 0.3, "lookalike": 0.3}


def _compound(lex: Lexicons, street: str) -> bool:
    """The street's last word is a name plus a street suffix: "Beatrixlaan", not "Markt"."""
    last = street.rsplit(None, 1)[-1].lower()
    return any(last.endswith(s) and len(last) > len(s) + 1 for s in lex.street_suffixes)


def _street(
    lex: Lexicons, candidate: str, lookalikes: tuple[str, ...], prefixes: frozenset[str]
) -> tuple[int, str] | None:
    """(offset of the street name in ``candidate``, how it was recognised) or None."""
    if candidate.lower() in _PAGE_WORDS:
        return None  # "Page 1 of 2", "Blad 3": a page number, even where a street has that name
    words = list(_WORD.finditer(candidate))
    for i, w in enumerate(words):  # longest BAG name first
        name = candidate[w.start():]
        if name.lower() in lex.streets:
            if i == len(words) - 1 and lex.is_word(name):
                return w.start(), "word"
            while i > 0 and _unknown_name_word(lex, words[i - 1].group()):
                i -= 1  # "Hezinger Esweg", "Rooi Pannenstraat": a word before the listed name, no name
            return words[_with_prefixes(words, i, prefixes)].start(), "bag"
    if len(words) > 1 and words[0].group() in ("Kaya", "Kaminda"):  # Papiamento: "Kaya Flamboyan 23" on
        return words[0].start(), "suffix"  # Curaçao, Aruba and Bonaire ("kaya": street, "kaminda": road)
    if len(words) > 1 and words[-1].group() in _SIDES:  # "Lemmerweg Oost 48": a street's side or part
        found = _street(lex, candidate[: words[-2].end()], lookalikes, prefixes)
        if found is not None and found[1] in ("bag", "suffix", "abbreviation, BAG", "abbreviation"):
            return found
    last = words[-1].group().lower()
    abbreviation = next((a for a in ABBREVIATIONS if last.endswith(a) and len(last) >= len(a) + 3
                         and last[:-len(a)].isalpha()), None)
    if abbreviation is not None:
        full = candidate[: len(candidate) - len(abbreviation)] + ABBREVIATIONS[abbreviation]
        for w in words:  # "Jan v. Galenstr": the longest expanded name in the BAG list
            if full[w.start():].lower() in lex.streets:
                return w.start(), "abbreviation, BAG"
        first = _name_start(lex, words, prefixes)
        if abbreviation in _SAFE_ABBREVIATIONS:
            return words[first].start(), "abbreviation"
        return words[first].start(), "rare abbreviation"
    if not last.endswith(lex.street_suffixes):
        return None  # no suffix at all: the loop below would find none
    for suffix in lex.street_suffixes:
        if last.endswith(suffix) and len(last) > len(suffix) + 1:
            first = _name_start(lex, words, prefixes)
            if (last.endswith(lookalikes) or lex.is_word(last) or last in lex.places
                    or suffix == "ring" and last.endswith(("ering", "oring"))):  # "Vergadering 2"
                return words[first].start(), "lookalike"  # "Klimaatakkoord", "Antwoord", "Rotterdam"
            return words[first].start(), "suffix"
    return None


_SIDES = frozenset({"Oost", "West", "Noord", "Zuid", "Oostzijde", "Westzijde", "Noordzijde", "Zuidzijde",
                    "OZ", "WZ", "NZ", "ZZ"})


def _unknown_name_word(lex: Lexicons, word: str) -> bool:
    """A capitalised word that no list knows: no Dutch word, place, given name or surname."""
    low = word.lower()
    return word[:1].isupper() and word[1:].islower() and word.isalpha() and not lex.is_word(word) and (
        low not in lex.places and word not in lex.first_names and not lex.is_surname(word)
        and low not in lex.dictionary
    )


def _name_start(lex: Lexicons, words: list[re.Match[str]], prefixes: frozenset[str]) -> int:
    """Index of the first word of the street name: keep the capitalised name words before the
    last one ("Jan van Galen" + "straat") and a capitalised "Van" ("Van Lennepkade"), not an
    ordinary word ("Op Kerkstraat")."""
    first = len(words) - 1
    while first > 0 and not lex.is_word(words[first - 1].group()) or (
        first > 0 and words[first - 1].group() in ("van", "de", "der", "den", "'t")
    ):
        first -= 1
    if first > 0 and words[first - 1].group() == "Van":
        first -= 1  # "Van Lennepkade", "Van Woustraat": a street named after someone, its "Van" capitalised
    return _with_prefixes(words, first, prefixes)


def _with_prefixes(words: list[re.Match[str]], first: int, prefixes: frozenset[str]) -> int:
    """``first`` moved back over the words that open a street name: "Burgemeester", "Nieuwe",
    "St.", "Ned." ("Burgemeester Visserstraat", "Ned. Rijnkade")."""
    while first > 0 and (
        words[first - 1].group().lower().rstrip(".") in prefixes
        or _TITLE_ABBREVIATION.match(words[first - 1].group())
    ):
        first -= 1
    return first
