"""Telephone numbers in every common Dutch notation, and international numbers near a context word."""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.dutch_pattern import DutchPatternRecognizer
from recognizers.nl_postcode import organisation_block
from recognizers.scanning import ONE_THREAD, digit_runs
from recognizers.table_columns import column_cells

# Blanks: a space, or what PDF extraction and OCR leave (a tab, a no-break space U+00A0 or U+202F).
_BLANK = r"[ \t\u00a0\u202f\u2007\u2009]"
# A line break with blanks around it: a number wrapped at the end of a line ("06-1234\n5678").
_BREAK = rf"{_BLANK}*[-–‐‑./]?{_BLANK}*\r?\n{_BLANK}*"  # also after a hyphen: "06-\n12345678"
# Between digits: one or two blanks, a hyphen (or the en dash of Dutch typesetting, "050 – 571
# 93 02", or a word processor's hyphen U+2010 or non-breaking hyphen U+2011), dot or slash with
# blanks either side ("010 - 123 45 67"), or a line break (at most one per number: see analyze).
_SEP = rf"(?:{_BLANK}{{0,2}}[-–‐‑./]{_BLANK}{{0,2}}|{_BLANK}{{1,2}}|{_BREAK})"
# After an area code in brackets: "(0547) 12 34 56", "(020)-1234567".
_AFTER_BRACKET = rf"(?:{_BLANK}{{0,2}}[-–‐‑]?{_BLANK}{{0,2}}|{_BREAK})"


def _digits(count: int, ocr: bool = False) -> str:
    """``count`` more digits, each optionally preceded by a separator; with ``ocr``, a digit may
    be a letter that OCR reads for one ("06-2l 44 87 19": l for 1, O for 0; checked in analyze)."""
    digit = _OCR_DIGIT if ocr else r"\d"
    return rf"(?:{_SEP}?{digit}){{{count}}}"


# What OCR reads for a digit in a scanned letter: l or I for 1, O for 0.
_OCR_DIGIT = r"[\dlIO]"
_OCR_LETTERS = str.maketrans("lIO", "110")
_OCR_MOST = 2  # more letters than this is a word, not a misread number


# Not glued to a word, an address, a reference ("2024/0123456"), a "+", a longer number
# ("2023-012345", "1 0612345678"), the tail of a Dutch IBAN ("NL91 ABNA 0417 1643 00") or a "(0)".
_BEFORE = (  # a street's house number right before it is no longer number: a table row whose tabs a PDF
    # gave back as blanks ("Vlierboomstraat 58 0703628115")
    # (nor a licence plate's last digits: "98-VHK-3 06-51 83 20 47", "94 BNK 8 06 1573 6629")
    r"(?<![\w@/+]|\d[-.,/]"
    r"|(?<!\p{Lu}\p{Ll}+[ ](?:[1-9]\d{0,2})?|[A-Za-z]-\d{0,2}|[A-Z]{2,3}[ ]\d{0,2})"
    r"\d[ \u00a0\u202f\u2007\u2009]"
    rf"|[A-Za-z]{{2}}\d{{2}}\s{{0,3}}[A-Za-z]{{4}}\s{{0,3}}|\(0\){_BLANK}?)"
)
# Not followed by more of a word, an address or a longer number ("06-12345678-1", "... 00 12"); a tab
# and a digit open a table's next cell ("06-18 44 72 90<tab>31-12-2026"), and so does a blank before a
# licence plate or a date, where a PDF gave a table's tabs back as blanks ("071 514 22 86 62-HBR-5").
_NEXT_CELL = r"(?:\d\d?-?[A-Za-z]{2,3}-?[A-Za-z\d]{1,3}|\d\d?[-./]\d\d?[-./]\d{2,4})(?![\w-])"
# ... nor by " - " and a digit: a list of numbers ("07 - 08 - 06 - 04 - 03 - 01", a route's stops).
_AFTER = r"(?![\w@]|[-.,:/]\d|[ \u00a0\u202f\u2007\u2009](?!" + _NEXT_CELL + r")\d|[ ]-[ ]?\d)"
_AFTER_INTERNATIONAL = r"(?![\w@]|[-.,:/]\d)"

# The area code (or 06) is read as written; OCR letters only in the digits after it.
_NATIONAL = (
    r"(?:\(0\d\)" + _AFTER_BRACKET + r"\d" + _digits(7, ocr=True)
    + r"|\(0\d\d\)" + _AFTER_BRACKET + r"\d" + _digits(6, ocr=True)
    + r"|\(0\d\d\d\)" + _AFTER_BRACKET + r"\d" + _digits(5, ocr=True)
    + r"|0\d" + _digits(8, ocr=True)
    + ")"
)
_PLUS_31_NAME = "NL number (+31)"  # opens with "+" or "00"
_INTERNATIONAL_NAME = "International number (+)"  # opens with "+" or "00" (not 0031)
_NL_INTERNATIONAL = rf"(?:\+|00)31{_SEP}?(?:\(0\){_SEP}?|0{_SEP}?)?[1-9]" + _digits(8)
# (a slash with blanks around it parts two numbers: "+44 7700 900461 / 06 8302 1174")
# (or "00" for the "+": "0048 601 447 932"; not a group of an IBAN's digits: "DE57 3704 0044 0612 ...")
_INTERNATIONAL = (
    rf"(?:\+|(?<![\dA-Z][ \u00a0])00)(?!31)[1-9](?:(?!{_BLANK}+/){_SEP}?(?:\(\d{{1,4}}\)|\d)){{6,14}}"
)

# Where each pattern opens: "+", "(0", "0" and a digit (zero-width after the first character).
# Like the patterns, not after a word character, "@", "/" or "+".
_OPENING = regex.compile(r"(?<![\w@/+])(?:\+|\((?=0)|0(?=\d))", regex.UNICODE)

# A day-month-year date is not a phone number, however many digits follow it.
_DATE = regex.compile(r"\(?(?:0[1-9]|[12]\d|3[01])([-./])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d")
# A ten-digit number right after such a label is a reference, not a phone number.
_REFERENCE_LABEL = regex.compile(
    r"(?i)\b(?:kenmerk|zaak(?:nummer|nr)|dossier(?:nummer|nr)|referentie(?:nummer)?|ref"
    r"|factuur(?:nummer|nr)?|klantnummer|ordernummer|registratienummer|documentnummer"
    r"|polisnummer|kvk(?:-?nummer)?|btw(?:-?nummer)?|rsin)\b[\s.:#]*$"
)
# A short label right before the number ("Tel.:", "T", "M", "fax"): as good as a context word.
_PHONE_LABEL = regex.compile(r"(?i)\b(tel|t|m|mob|gsm|f|fax)\.?(?:[ \u00a0]?nr\.?)?[ \u00a0]*:?[ \u00a0]*$")
# An organisation's own line, said so in the words before it on its line ("via het algemene nummer",
# "T 0299 - 45 12 83 (direct) | algemeen 0299 - ...",
# "het secretariaat van DWB, 070 ...") or by its mailbox on the same line (a letterhead's
# "T 030 - 230 77 00 | info@..."): not a person's number, and not reported.
_ORGANISATION_LINE = regex.compile(
    r"(?i)\b(?:algeme(?:e|ne)n?(?:[ \t]+(?:telefoon)?nummer)?:?|centrale[ \t]+(?:telefoon)?nummer|hoofdnummer"
    r"|secretariaat|receptie|servicedesk|helpdesk|klantenservice|klantcontactcentrum"
    r"|klachtennummer|meldnummer|storingsnummer|informatienummer|servicenummer|meldpunt"
    r"|(?:telefoon(?:nummer)?|tel\.?)[ \t]+"
    r"(?:praktijk|kantoor|bedrijf|school|werkgever|instelling|ziekenhuis))"
    # (a form's label; the organisation's name after it, "van" or not: "Algemeen nummer Brandweer Fryslân:",
    # "Algemeen: persvoorlichting Provincie Gelderland,"; a colon after "algemeen" only: "Secretariaat: Mandy
    # de Wit, 06 ..." is Mandy's)
    r"(?:[ \t]+(?:van[ \t]+)?[\w&.' -]{1,40}?)?(?:[ \t]+(?:bellen|bereiken))?"
    r"[ \t]*[,:(]?[ \t]*(?:(?:is|op|via)[ \t]+)?$"
)  # right before the number: "Secretariaat: Mandy de Wit, 06 ..." is Mandy's
_ORGANISATION_WINDOW = 100
# A newsroom's or a press office's line, its label right before the number.
_DESK_LABEL = regex.compile(
    r"\b(?:redactie|nieuwsdienst|nieuwsredactie|piketnummer|persdienst|persnummer|perslijn|persvoorlichting)\b"
    r"[^\n:]{0,30}:[ \t]*$"
)
# A second number on the line, said to be the direct or mobile one: the first is the organisation's.
_DIRECT_LATER = regex.compile(r"[ \t]*[|/,;·][ \t]*(?:D|direct|doorkies(?:nummer)?)\b[ \t.:]*[+(0]")
_T_LABEL = regex.compile(r"(?:^|[\s|])(?:T|Tel\.?|Telefoon)[ \t.:]*\Z")
_DIRECT_AFTER = regex.compile(r"[ \t]*\((?:direct|doorkiesnummer|doorkies|mobiel|privé|prive)\)", regex.I)
_SIGNATURE_NAME = regex.compile(
    r"\p{Lu}[\p{L}'’.-]+(?:[ ](?:van|de|der|den|ter|ten|in|'t|\p{Lu}[\p{L}'’.-]*)){1,4}"
)
_SIGN_OFFS = ("groet", "regards", "hoogachtend", "dank", "mvg")
# A person to call, named right before the number: "Bel dan met Hakan via ...".
_PERSON_VIA = regex.compile(r"\bmet[ ](?:\p{Lu}[\p{Ll}'’-]+[ ]?){1,3}(?:via|op)[ ]$")
_DIRECT_BEFORE = regex.compile(  # "via haar rechtstreekse nummer 0513 - ..."
    r"(?i)\b(?:direct|doorkies(?:nummer)?|mobiel|rechtstreekse?(?:[ ](?:telefoon)?nummer)?|(?-i:D))"
    r"[ \t]*:?[ \t]*$"  # "D 053-4802217": a signature's direct line
)
_GENERAL_AFTER = regex.compile(
    r"[ \t]*\n?[ \t]*\((?:algemeen|algemene|centrale|servicedesk|receptie|hoofdnummer|balie)\b", regex.I
)
# What an _ORGANISATION_LINE match holds (lower case): the regex runs only where one of them is.
_ORGANISATION_LINE_WORDS = ("algeme", "centrale", "hoofdnummer", "secretariaat", "receptie", "desk",
                            "klantens", "klantcontact", "praktijk", "kantoor", "bedrijf", "school",
                            "werkgever", "instelling", "ziekenhuis", "klachtennummer", "meldnummer",
                            "storingsnummer", "informatienummer",
                            "servicenummer", "meldpunt")
# The cell right before the number holds initials and a surname ("...<tab>H. Blokker<tab>075 681 42 38"): the
# number is that person's.
_INITIALS_CELL_BEFORE = regex.compile(
    r"(?:(?<![^\n])|\t)(?:\p{Lu}\.[ ]?)+\p{Lu}[\p{Ll}'’-]+(?:[ -]\p{Lu}[\p{Ll}'’-]+)?\t\Z"
)
# A table row's first cell, its number, before the next cell's number: "01<tab>08163427", "01 08163427",
# "03 59211846" (a two-digit first group is "06" in a phone number, no other).
_ROW_NUMBER_CELL = regex.compile(r"\d{1,3}(?:[ ]*\t|[ ]+(?=0\d{6}))|0[0-57-9][ ]+(?=\d{7})")
_DIRECT_HEADINGS = frozenset({  # not "Mobiel": a firm's row may give its landline there
    "direct", "direct / mobiel", "direct/mobiel", "direct of mobiel", "doorkiesnummer", "doorkies",
    "telefoon direct", "tel. direct"})
_POSTCODE_BEFORE = regex.compile(r"\b[1-9]\d{3}[ ]?[A-Z]{2}\b")  # on the number's own line, before it
_MOBILE = regex.compile(r"(?:\+|00)?(?:31)?[ ()]*0?[ ()]*6")  # 06, +31 6, 0031 6: a person's phone
# A postcode a line or two above (right above: "$" would also stop before a blank line's break).
_ADDRESS_ABOVE = regex.compile(r"\d{4}[ ]?[A-Z]{2}\b[^\n]*\n(?:[^\n]*\n)?\Z")
# On the same line as a number abroad: a Dutch number (national or +31) or an e-mail address.
_OTHER_PHONE = regex.compile(r"(?<![\w@/+])(?:0|\+31[ ]?(?:\(0\)[ ]?)?)[1-9](?:[ -]?\d){8}(?!\d)")
_EMAIL_ON_LINE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ORGANISATION_MAILBOX = regex.compile(
    r"(?i)(?<![\w.+-])(?:info|secretariaat|receptie|post|contact|griffie|gemeente|balie|loket|klantcontact|kcc"
    r"|servicedesk|helpdesk|woo|integriteit)@"
)
_LABEL_BOOST = 0.35  # what a context word adds (Presidio's default; the detector's too)
_WINDOW = 40
_SERVICE_PREFIXES = ("800", "900", "906", "909")
_VALID: dict[str, bool] = {}  # validate_result's memo
_NATIONAL_LENGTH = 9  # digits after the trunk 0 (or after +31): 0 + 9 = ten national digits


class NlPhoneRecognizer(DutchPatternRecognizer):
    """Recognises telephone numbers as they are written in Dutch documents.

    A telephone number of a person (including a civil servant's direct line or mobile) is personal
    data: Woo article 5.1.2e (respect for private life).

    Format: ten national digits, a trunk 0 and nine more, grouped freely with spaces, hyphens,
    dots or slashes: mobile ``06-12345678``, ``06 12 34 56 78``, ``0612345678``; landline
    ``020-1234567``, ``020 123 4567``, ``010 - 123 45 67``, ``(0547) 12 34 56``, ``0547-123456``,
    ``088-1234567``; international ``+31 6 12345678``, ``+31612345678``, ``0031 6 1234 5678``,
    ``+31 (0)20 123 4567``. Service numbers (``0800-1234``, ``0900-1234567``) are not reported:
    they are an organisation's information line, never a person's. On a scanned page OCR may read
    a letter for a digit after the area code (``06-2l 44 87 19``, ``050-3l8 44 62``: l or I for 1,
    O for 0): at most two, each beside a digit, and the explanation names them. Blanks that PDF
    extraction and OCR leave count as spaces (two spaces, a tab, a no-break space U+00A0 or
    U+202F), and a number may wrap once at a line end (``06-1234\\n5678``,
    ``06-\\n12345678``, ``+31 6\\n12345678``). Other international numbers (``+32 2 123 45 67``)
    score 0.6 where ``phonenumbers`` finds them valid in their country's number plan (a Belgian
    mobile "+32 470 12 34 56", a Polish "+48 601 234 567"), and below the threshold where they only
    have a possible length, unless a label ("Tel.:", "T", "M") stands right before them or a
    context word ("telefoon", "mobiel") nearby.

    Check: ``phonenumbers`` "possible number" (region NL; lengths only, not "local only") plus
    the Dutch length rule; not ``is_valid_number``, which rejects realistic unallocated ranges.
    The check gates a match without raising its score. Dates (``01-03-2024 10:00``), references
    after "kenmerk" or "zaaknummer", case numbers (``2023-012345``), amounts, postcodes and
    nine-digit numbers (a BSN) do not match. Nor does an organisation's own line, where the words
    before it on its line say so ("het algemene nummer", "het secretariaat van ...") or its line names
    the organisation's mailbox (a letterhead's ``T 030 - 230 77 00 | info@...``).

    Examples (fictitious): 06-12345678, +31 (0)20 123 4567, (0547) 12 34 56, 010 - 800 41 l7.
    """

    ENTITY = "PHONE_NUMBER"

    PATTERNS = [
        Pattern(_PLUS_31_NAME, _BEFORE + _NL_INTERNATIONAL + _AFTER, 0.7),
        # (not the tail of a list of numbers: "07 - 08 - 06 - 04 - 03 - 01 - 02", a route's stops)
        Pattern("NL number (national)", _BEFORE + r"(?<!\d[ ]-[ ])" + _NATIONAL + _AFTER, 0.6),
        Pattern(_INTERNATIONAL_NAME, r"(?<![\w@/+])" + _INTERNATIONAL + _AFTER_INTERNATIONAL, 0.3),
    ]

    # Matched as substrings of the words nearby (Presidio's rule), so no "tel": it is in "vastgesteld".
    # Short labels right before the number ("Tel.:", "T", "M", "fax") are matched whole, below.
    CONTEXT = [
        "telefoon",  # also telefoonnummer
        "telefonisch",
        "mobiel",
        "mobile",
        "gsm",
        "bellen",  # also opbellen, terugbellen
        "faxnummer",
        "bereikbaar",
        "whatsapp",
        "sms",
        "phone",
    ]

    def match_starts(self, text: str) -> list[int]:
        """Where a number can start: a "+", a "(" before a 0, or a 0 before a digit, not after a
        word character, "@", "/" or "+" (every pattern opens so, behind the same lookbehind).

        What ``_OPENING`` finds in the page, tried at each "+" and at each run of digits that
        opens with a 0 only."""
        places = []
        for start, end in digit_runs(text):
            if text[start] == "0":
                if text[start - 1 : start] == "(":
                    places.append(start - 1)
                if end - start >= 2:
                    places.append(start)
        if "+" in text:
            at = text.find("+")
            while at >= 0:
                places.append(at)
                at = text.find("+", at + 1)
            places.sort()
        return [at for at in places if _OPENING.match(text, at, None, ONE_THREAD)]

    def pattern_starts(self, pattern: Pattern, text: str, starts: list[int]) -> list[int]:
        """An international number opens with "+" (or "00" before 31), a national one with "0" or
        "(": each pattern is tried at its own openings (most openings are the 0 of a national
        number or of a date's "06")."""
        if pattern.name == _INTERNATIONAL_NAME:
            return [at for at in starts if text[at] == "+" or text.startswith("00", at)]
        if pattern.name == _PLUS_31_NAME:
            return [at for at in starts if text[at] == "+" or text[at : at + 2] == "00"]
        return starts

    def validate_result(self, pattern_text: str) -> bool:
        """True for a possible number; a Dutch one must have ten national digits (never 0800/0900).

        Memoised (bounded): the same numbers recur on every page of a batch, and parsing is slow.
        """
        valid = _VALID.get(pattern_text)
        if valid is None:
            if len(_VALID) > 50_000:
                _VALID.clear()
            valid = _possible_number(pattern_text) or _row_number_after(pattern_text) > 0
            _VALID[pattern_text] = valid
        return valid

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Pattern matches minus references, scored up after a label such as "Tel.:".

        A passed check keeps the pattern's score instead of Presidio's 1.0.
        """
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            cut = _row_number_after(text[result.start : result.end]) if text[result.start] == "+" else 0
            if cut:  # "+48 601 224 587" + break + "13<tab>Hr. ...": the number, not the next row's
                result.end = result.start + cut
                if result.analysis_explanation is not None:
                    result.analysis_explanation.validation_result = True
            if text.count("\n", result.start, result.end) > 1:
                continue  # digits from three lines: a column of figures, not a wrapped number
            if _ROW_NUMBER_CELL.match(text, result.start) and (
                text[max(0, result.start - 1) : result.start] in ("", "\n")
            ):
                continue  # "01<tab>08163427<tab>Kaashandel ...": a row's number, then the next cell's (a
                # subscriber's number never opens with 0: "01 08163427" is no area code and its number)
            before = text[max(0, result.start - _WINDOW) : result.start]
            if _REFERENCE_LABEL.search(before) or _organisation_line(text, result.start, result.end):
                continue
            misread = _misread_letters(text[result.start : result.end])
            if misread is None:
                continue
            explanation = result.analysis_explanation
            if explanation is not None and explanation.validation_result:
                result.score = explanation.original_score
                explanation.score = result.score
                if explanation.pattern_name == _INTERNATIONAL_NAME and _valid_abroad(
                    text[result.start : result.end]
                ):
                    result.score = explanation.score = FOREIGN_VALID_SCORE
                    explanation.append_textual_explanation_line(
                        "a valid number of another country (phonenumbers: number plan of its country code)"
                    )
                elif explanation.pattern_name == _INTERNATIONAL_NAME and (
                    beside := _personal_data_beside(text, result.start, result.end)
                ):
                    result.score = explanation.score = FOREIGN_VALID_SCORE
                    explanation.append_textual_explanation_line(
                        f"a possible number of another country, on a line with {beside}"
                    )
            label = _PHONE_LABEL.search(before)
            if label and explanation is not None:
                result.score = min(1.0, result.score + _LABEL_BOOST)
                explanation.set_supportive_context_word(label.group(1))
                explanation.set_improved_score(result.score)
                explanation.append_textual_explanation_line(f"label {label.group(1)!r} before the number")
                # Presidio's context enhancer (and the detector's) leaves the result alone now.
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if misread and explanation is not None:
                explanation.append_textual_explanation_line(
                    f"OCR letters read as digits: {', '.join(misread)}"
                )
            results.append(result)
        return results


def _personal_data_beside(text: str, start: int, end: int) -> str:
    """What else on the number's line makes it a person's contact line: another phone number
    ("+44 7700 900461 / 06 8302 1174", a signature) or an e-mail address that is no organisation's
    mailbox (a table row "Smith, D.R.<tab>...<tab>+44 7700 914 226<tab>d.smith@..."); "" if nothing.
    Such a number abroad may lie outside its country's number plan as ``phonenumbers`` knows it
    (the ranges kept for fiction, new ranges) and still be a person's."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[line_start:start] + " " + text[end : len(text) if line_end < 0 else line_end]
    if _OTHER_PHONE.search(rest):
        return "another phone number"
    mails = _EMAIL_ON_LINE.findall(rest)
    if mails and len(mails) > len(_ORGANISATION_MAILBOX.findall(rest)):
        return "an e-mail address"
    return ""


def _row_number_after(number: str) -> int:
    """Where a number abroad ends that took the next line's first digits with it (a table's next row
    number, "+380 67 412 3390" + break + "5"): the length of the part before the break when that part
    is a valid number and the whole is not; else 0."""
    if not number.startswith("+") or "\n" not in number:
        return 0
    head = number[: number.rfind("\n")].rstrip(" \t")
    return len(head) if _valid_abroad(head) and not _valid_abroad(number) else 0


def _mobile(text: str, start: int, end: int) -> bool:
    """The number at ``start:end`` is a mobile's: 06, +31 6, or a mobile of another country's number
    plan ("+48 600 218 447", a Polish mobile): a person's, not an organisation's line."""
    if _MOBILE.match(text, start):
        return True
    if text[start] != "+" and not text.startswith("00", start):
        return False
    try:
        parsed = phonenumbers.parse(_dialable(text[start:end]), "NL")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


def _organisation_line(text: str, start: int, end: int) -> bool:
    """The number is an organisation's own: its line says so before it or names its mailbox."""
    if text.startswith(",,", end):
        return True  # "+31 20 794 8523,,184520317#": a meeting's dial-in number and its conference code
    if _GENERAL_AFTER.match(text, end):
        return True  # "0597 - 48 20 00 (algemeen nummer)", "074 - 243 18 00 (algemeen)"
    if _DIRECT_LATER.match(text, end) and _T_LABEL.search(text, max(0, start - 12), start) and not (
        _MOBILE.match(text, start)
    ):
        return True  # "T 010 270 43 00 | D +31 (0)10 270 43 19": the firm's line, then the writer's own
    if _DIRECT_AFTER.match(text, end) or _DIRECT_BEFORE.search(text, max(0, start - 32), start) or (
        _PERSON_VIA.search(text, max(0, start - 40), start)
    ):
        return False  # "T 0523 - 68 14 27 (direct)", "| direct 071 - 306 34 18": the writer's own line
    window = text[max(0, start - _ORGANISATION_WINDOW) : start].lower()
    if any(word in window for word in _ORGANISATION_LINE_WORDS) and _ORGANISATION_LINE.search(window):
        return True
    if ("redactie" in window or "nieuws" in window or "pers" in window or "piket" in window) and (
        _DESK_LABEL.search(window)
    ):
        return True  # "redactie Stad: 058 - 284 59 11", "Piketnummer woordvoering (24/7): 058 ..."
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if "\t" in line and not _mobile(text, start, end) and organisation_block(text, start) and not (
        _INITIALS_CELL_BEFORE.search(text, line_start, start) or _under_direct_heading(text, start)
    ):
        return True  # a table row that names an organisation: "Huisartsenpraktijk De Linde<tab>..."
        # (a mobile in such a row is its contact person's: "Wijkteam Oost<tab>Kerem Aslan<tab>06-...";
        # so is any number in a column "Direct / mobiel")
    address_above = _ADDRESS_ABOVE.search(text, max(0, line_start - 160), line_start) is not None or (
        # on its own line: "Lindelaan 2 - 7311 AB Apeldoorn - tel. ..."
        _POSTCODE_BEFORE.search(text, line_start, start) is not None
    )
    if address_above and not _MOBILE.match(text, start) and organisation_block(text, start) and not (
        _in_signature(text, line_start)
    ):
        return True  # a landline under a letterhead: "Huisartsenpraktijk ...", its street, "Tel. 074 ..."
    # the organisation's mailbox and no one else's ("e.hoek@... of 06 - 2771 0395. ... info@..."), and a
    # landline: "... via info@... en via de voorzitter, 06 38 29 11 47" is the chair's own
    mailbox_only = line.count("@") == len(_ORGANISATION_MAILBOX.findall(line)) > 0
    website = "www." in line and "@" not in line  # a letterhead's "T 0570 - 61 44 00 | www.firm.example"
    return (mailbox_only or website) and not _MOBILE.match(text, start)


def _under_direct_heading(text: str, start: int) -> bool:
    """The number stands in a table's column whose heading says it is someone's own line ("Direct /
    mobiel", "Doorkiesnummer")."""
    return any(cell.start <= start < cell.end for cell in column_cells(text, _DIRECT_HEADINGS))


def _in_signature(text: str, line_start: int) -> bool:
    """The line at ``line_start`` belongs to a person's signature: at most eight short lines above
    it (blank lines between them, as a Word document's paragraphs, and a reply's "> " count for
    nothing) lead up to a name right after a sign-off ("Hartelijke groet," + "Kian van Leeuwen" + function,
    organisation, its address, "T 0513-45 27 97"): the writer's own line, even below the
    organisation's postal address."""
    above = text[max(0, line_start - 500) : line_start].split("\n")
    lines = [line.strip().lstrip("> ").strip() for line in above]
    lines = [line for line in lines if line]
    for back in range(1, min(len(lines), 9)):
        line = lines[-back]
        if len(line) > 70:
            return False  # prose, not a signature's short lines
        if back < len(lines) and _SIGNATURE_NAME.fullmatch(line) and any(
            w in lines[-back - 1].lower() for w in _SIGN_OFFS
        ):
            return True
    return False


def _misread_letters(number: str) -> list[str] | None:
    """The OCR letters in ``number`` ("2l" -> ["l"]), or None when they make it no number: more
    than two, or one without a digit beside it (a group of letters is a word)."""
    letters = [i for i, c in enumerate(number) if c in "lIO"]
    if len(letters) > _OCR_MOST:
        return None
    for i in letters:
        beside = number[i - 1 : i] + number[i + 1 : i + 2]
        if not any(c.isdigit() for c in beside):
            return None
    return [number[i] for i in letters]


FOREIGN_VALID_SCORE = 0.6  # "+32 470 12 34 56": valid in its country's number plan, not just possible


def _valid_abroad(number: str) -> bool:
    """``number`` (opening with "+") is valid in its country's number plan: "+32 470 12 34 56",
    "+48 601 234 567"; not a merely possible length ("+12 3456789")."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(_dialable(number), "NL"))
    except phonenumbers.NumberParseException:
        return False


def _possible_number(pattern_text: str) -> bool:
    """The check behind :meth:`NlPhoneRecognizer.validate_result` (not memoised)."""
    if _DATE.match(pattern_text):
        return False
    number = _dialable(pattern_text)
    try:
        parsed = phonenumbers.parse(number, "NL")
    except phonenumbers.NumberParseException:
        return False
    # is_possible_number, minus "possible as a local number only" (no area code: "+44 1234")
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return False
    if parsed.country_code != 31:
        return True
    national = phonenumbers.national_significant_number(parsed)
    if national.startswith(_SERVICE_PREFIXES):
        return False  # 0800/0900: an organisation's information line, never a person's
    return len(national) == _NATIONAL_LENGTH


def _dialable(text: str) -> str:
    """Digits only; international as "+<country><number>" without the Dutch trunk 0 in "(0)"."""
    text = text.replace("(0)", "").translate(_OCR_LETTERS)
    digits = "".join(c for c in text if c.isdigit())
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    else:
        return digits
    if international.startswith("310"):
        international = "31" + international[3:]
    return "+" + international
