"""Burgerservicenummer (BSN): nine digits that pass the elfproef, in every notation people use."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS
from stdnum.nl import bsn

from recognizers.dutch_pattern import DutchPatternRecognizer, _compiled
from recognizers.evidence import line_before, words_after, words_before
from recognizers.ocr import ocr_read
from recognizers.scanning import digit_runs, matches_at, page_lowered
from recognizers.table_columns import column_cells, may_hold_table

# Not glued to a word, an amount, a reference (2024/...) or a longer run of digits, before or after.
_BEFORE = r"(?<![\w@/+€$-]|\d[ \u00a0.,:/-]|\d[ \u00a0]{2}|[€$][ \u00a0])"
_AFTER_COMPACT = r"(?![\w@]|[.,/-]\d|,-)"
# (a blank and a digit: perhaps the next group of a longer number; not when a date opens there, a
# table row's next cell)
_AFTER_GROUPED = r"(?![\w@]|[.,/-]\d|[ \u00a0]{1,2}(?![\dlO]{1,2}[-./][\dlO]{1,2}[-./])\d|,-)"
# Between the groups: a dot, a dash or one or two spaces, each of which PDF extraction may turn
# into (or follow with) a line break. One kind of separator per number.
_LINE_BREAK = r"[ \u00a0]{0,2}\n[ \u00a0]{0,2}"
_DOT = rf"\.(?:{_LINE_BREAK})?"
_DASH = rf"-(?:{_LINE_BREAK})?"
_SPACE = rf"(?:[ \u00a0]{{1,2}}|{_LINE_BREAK})"


def _grouped(first: int, second: int) -> str:
    """Three groups of digits (``first``, ``second``, 3) with one kind of separator between them, and
    the guard after them: a blank and a digit after blank-parted groups may be a longer number's
    next group, not after dotted or dashed ones ("569.153.566 11-01-1990": a BSN, then a date)."""
    return "(?:" + "|".join(
        rf"\d{{{first}}}{sep}\d{{{second}}}{sep}\d{{3}}{after}"
        for sep, after in ((_DOT, _AFTER_COMPACT), (_DASH, _AFTER_COMPACT), (_SPACE, _AFTER_GROUPED))
    ) + ")"


# The three notations, without the guard before them (``_BEFORE``).
_BODIES = (
    ("BSN (9 digits)", r"\d{9}" + _AFTER_COMPACT),
    ("BSN (4-2-3)", _grouped(4, 2)),
    ("BSN (3-3-3)", _grouped(3, 3)),
)
_BODIES_COMPILED = tuple(regex.compile(body, regex.UNICODE) for _, body in _BODIES)

# Where a BSN can start: nine digits, in one piece or in three groups with separators of up to
# six dots, dashes, spaces or line breaks (a loose form of the patterns), not glued to a word.
# Only the first three digits are consumed: a BSN may start right after another number's groups.
_SHAPES = regex.compile(
    r"(?<!\w)\d{3}(?=\d{6}|\d?[.\- \u00a0\n]{1,6}\d{2,3}[.\- \u00a0\n]{1,6}\d{3})", regex.UNICODE
)
_SHAPE_SEPARATORS = frozenset(".- \u00a0\n")
# Eight digits: a BSN with its leading zero dropped; looked for only next to a BSN label.
_EIGHT = regex.compile(r"(?<![\w@/+€$.,-])\d{8}(?![\w@]|[.,/-]\d|,-)", regex.UNICODE)
# Nine digits in other groups than 4-2-3 or 3-3-3 ("62958 9823", "12 34 56 782": OCR and people
# split numbers anywhere): one separator at most between two digits; looked for only after a label.
# Also right after a label that PDF extraction glued to it ("Burgerservicenummer3 7 5 6 9 4 8 6 9":
# a form's boxes, one digit each).
_ODD_GROUPS = regex.compile(
    r"(?:(?<![\w@/+€$.,-])|(?<=(?i:nummer|bsn|sofinr)))\d(?:[ .\-]?\d){8}"
    r"(?![\w@]|[.,/-]?\d|[ ](?![\dlO]{1,2}[-./][\dlO]{1,2}[-./])\d)",  # (a date may follow: a table's row)
    regex.UNICODE,
)
ODD_GROUPS_SCORE = 0.3  # with its label 0.65
# A BSN label, then nine digits in groups of 3-3-3 or 4-2-3 of which one or two are letters OCR
# reads for digits (O, o, l and I are read as digits already, by recognizers/ocr.py).
_MISREAD = regex.compile(
    r"(?P<label>(?i:\bbsn|burgerservicenummer|sofinummer)[ \t]*(?:nummer|nr\.?)?[ \t]*:?[ \t]*)"
    r"(?P<number>(?=(?:[\d .\-]*[SBZG]){1,2}[\d .\-]*(?![\w]))"
    r"(?:[\dSBZG]{3}[ .\-]?[\dSBZG]{3}|[\dSBZG]{4}[ .\-]?[\dSBZG]{2})"
    r"[ .\-]?[\dSBZG]{3})(?![\w])",
    regex.UNICODE,
)
_LETTER_AS_DIGIT = str.maketrans({"S": "5", "B": "8", "Z": "2", "G": "6"})
_MISREAD_PATTERN = Pattern("BSN (OCR letters among its digits, after a label)", _MISREAD.pattern,
                           ODD_GROUPS_SCORE)
_ODD_PATTERN = Pattern("BSN (9 digits, other groups, after a label)", _ODD_GROUPS.pattern,
                       ODD_GROUPS_SCORE)
# A date right before a number: a table row "Jildou Wiersma 14-03-2012 248775832" read from a PDF,
# its tabs turned into spaces (a digit before a blank otherwise marks the tail of another number).
# The date may be glued to a name's initial, its blank lost ("Gebremedhin, Y.01-01-1994 671.314.361").
_DATE_THEN = regex.compile(
    r"(?:(?<![\w./-])|(?<=\b\p{Lu}\.))\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})[ \u00a0\t]{1,3}(?=\d)"
)
_DATE_SEPARATORS = frozenset("-./")
_WIDE_GAP = regex.compile(r"\n|[ \u00a0]{2}")
# An amount or a quantity: a currency before, a unit or decimals after.
_MONEY_BEFORE = regex.compile(
    r"(?:€|\$|£|ƒ|\beur|\beuro|\bbedrag(?:\s+van)?|\busd|\bfl\.?)[\s:]{0,3}$", regex.IGNORECASE
)
_MONEY_AFTER = regex.compile(
    r"^[ \u00a0]?(?:,-|(?:euro|eur|mln|miljoen|miljard|dollar|liter|kg|ton|km|m2|m3|kwh|inwoners|stuks"
    r"|doses|vaccinaties|mensen|personen|huishoudens)\b)",
    regex.IGNORECASE,
)

# Words that say a number is a BSN: prefixes of a word ("bsn-nummer", "burgerservicenummer:").
LABELS = ("bsn", "burgerservice", "sofinummer", "sofi-nummer", "sofi-nr", "sofinr")
# Words that say a number is something else: whole words, or prefixes of one.
_OTHER_WORDS = frozenset("tel fax ref art zaak kvk btw rsin iban ean isbn agb big uzi".split())
_OTHER_PREFIXES = (
    "kenmerk", "zaaknummer", "zaaknr", "dossiernummer", "dossiernr", "referentie", "factuur",
    "klantnummer", "klantnr", "ordernummer", "ordernr", "bestelnummer", "polisnummer",
    "polisnr", "relatienummer", "registratienummer", "documentnummer", "telefoon", "mobiel",
    "rekeningnummer", "artikel", "projectnummer", "subsidienummer", "aanvraagnummer",
    "vergunningnummer", "besluitnummer", "volgnummer", "inventarisnummer", "ticketnummer",
    "incidentnummer", "meldingsnummer", "meldingnummer", "betalingskenmerk", "contractnummer",
    "debiteurnummer", "crediteurnummer", "personeelsnummer", "patiëntnummer", "patientnummer",
    "studentnummer", "lidnummer", "lidmaatschapsnummer", "kvk-nummer", "btw-nummer",
)
LABELLED_INVALID_SCORE = 0.2  # below the threshold alone; the label lifts it (+0.35) to 0.55
EIGHT_DIGIT_SCORE = 0.3  # with its label 0.65
_EIGHT_PATTERN = Pattern("BSN (8 digits, leading zero dropped)", _EIGHT.pattern, EIGHT_DIGIT_SCORE)
# A table's column of BSNs, and what one of its cells holds: digits (OCR's letters for them too) and at
# most one separator between two of them.
_BSN_COLUMNS = frozenset({"bsn", "burgerservicenummer", "bsn-nummer", "bsn nummer", "sofinummer"})
# A BSN label right before a number, maybe with a word such as "opgegeven" and a colon between.
_LABEL_RIGHT_BEFORE = regex.compile(
    r"(?i)\b(?:bsn|burgerservicenummer|sofinummer)(?:[- ]?(?:nummer|nr\.?))?[ \t]*(?:\w+[ \t]*)?:?[ \t]*\Z"
)
COLUMN_SCORE = 0.65  # the column's heading is the label
# Nine digits spoken or boxed one by one, and a BSN word on the line before or earlier on this one.
_ONE_BY_ONE = regex.compile(r"\d(?:[ ]\d){8}")
_LABEL_ABOVE = regex.compile(r"(?i)\b(?:bsn|burgerservicenummer|sofinummer)\b(?=[^\n]*\n?[^\n]*\Z)")
_COLUMN_PATTERN = Pattern("BSN (9 digits in a BSN column, any groups)", r"\d(?:[ .\-]?\d){8}", COLUMN_SCORE)
_CELL_NUMBER = regex.compile(r"[\dlIOo](?:[ .\-]?[\dlIOo]){8}")
_PLACEHOLDERS = frozenset({"123456789", "987654321"} | {d * 9 for d in "0123456789"})


def elfproef(digits: str) -> bool:
    """True when nine digits (or eight, a leading zero dropped) pass the BSN check."""
    return digits.isdigit() and len(digits) in (8, 9) and bsn.is_valid(digits)


class NlBsnRecognizer(DutchPatternRecognizer):
    """Recognises the Dutch citizen service number (burgerservicenummer, BSN).

    The BSN identifies every person registered in the Netherlands (Wet algemene bepalingen
    burgerservicenummer). Woo article 5.1.1e: a national identification number is never made public,
    whatever the interest in disclosure.

    Format: nine digits, compact or in groups of 4-2-3 or 3-3-3 separated by dots, dashes or
    spaces: ``123456782``, ``1234.56.782``, ``123.456.782``, ``123 456 782``, ``123-456-782``; a
    double space or a line break from PDF extraction may stand between the groups. The number
    passes the elfproef (weights 9..2 and -1, sum divisible by 11), checked with ``stdnum.nl.bsn``.
    The older sofinummer has the same form.

    Score: the elfproef passes for one in eleven random nine-digit numbers, so a valid number alone
    scores 0.5 (above the default threshold 0.4: recall first); a label such as "BSN" or
    "burgerservicenummer" raises it by 0.35. A labelled nine-digit number that fails the elfproef
    is still proposed (a typo still identifies a person) at 0.55, and says so; an unlabelled one is
    never reported. A labelled eight-digit number that passes with its leading zero restored
    (``12345672`` = ``012345672``) is proposed at 0.65, and so are nine digits in other groups
    right after a label (``BSN: 12345 6782``, ``12 34 56 782``: OCR and people split numbers
    anywhere) when they pass the elfproef. An unlabelled valid number is left alone
    where it is an amount (``€``, ``euro``, ``,-``), where its label says it is something else
    (kenmerk, zaaknummer, telefoon, ...), and where a line break or two spaces stand between its
    groups (table rows and columns look like that).

    Examples (fictitious, checksum-valid): 123456782, 111222333, 1234.56.782, 123-456-782.
    """

    ENTITY = "NL_BSN"

    PATTERNS = [Pattern(name, _BEFORE + body, 0.5) for name, body in _BODIES]

    CONTEXT = [
        "bsn",  # also "bsn-nummer", "bsn:"
        "burgerservicenummer",
        "burgerservice",
        "sofinummer",
        "sofi-nummer",
        "sofi-nr",
        "sofinr",
        "persoonsnummer",
        "citizen",  # "citizen service number"
    ]

    def match_starts(self, text: str) -> list[int]:
        """Where a BSN can start: three digits, not glued to a word, opening a nine-digit shape.

        Each such place opens a run of digits of nine or more, or of three or four before a
        separator and a run of two or three within six characters: ``_SHAPES`` is tried at those
        runs only (what its scan of the page finds)."""
        runs = digit_runs(text)
        if not runs:
            return []
        return [start for (start, end), (after, after_end) in zip(
            runs, (*runs[1:], (-1, -1)), strict=True
        ) if (
            end - start >= 9 or end - start in (3, 4) and text[end : end + 1] in _SHAPE_SEPARATORS and (
                0 < after - end <= 6 and after_end - after in (2, 3)
            )
        ) and _SHAPES.match(text, start)]

    def validate_result(self, pattern_text: str) -> bool:
        """True when the nine digits pass the elfproef."""
        digits = "".join(c for c in pattern_text if c.isdigit())
        return len(digits) == 9 and bsn.is_valid(digits)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Every nine-digit shape, judged by its elfproef, its label and what stands around it.

        Scores are before context: the detector adds 0.35 for a BSN word nearby (the label).
        """
        flags = regex_flags if regex_flags else self.global_regex_flags
        starts = self.match_starts(text) if flags == self.GLOBAL_REGEX_FLAGS else None
        results: list[RecognizerResult] = []
        lowered = page_lowered(text)
        labels_here = any(label in lowered for label in LABELS) or "citizen service" in lowered
        if starts is None or starts:
            for pattern in self.patterns:
                compiled = _compiled(pattern, flags)
                matches = (compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS) if starts is None
                           else matches_at(compiled, text, starts))
                for match in matches:
                    result = self._judge(text, pattern, flags, match.start(), match.end(), labels_here)
                    if result is not None:
                        results.append(result)
        if starts and labels_here:  # a table with a BSN column: "Naam Geboortedatum BSN"
            results.extend(self._after_dates(text, flags, labels_here, results))
        if labels_here:
            results.extend(self._eight_digits(text))
            results.extend(self._odd_groups(text, results))
            results.extend(self._misread_letters(text, results))
            if may_hold_table(text):
                results.extend(self._column_cells(text, results))
            if results:
                results.extend(self._beside_other_bsns(text, results))
        return self.remove_duplicates(results) if len(results) > 1 else results

    def _judge(
        self, text: str, pattern: Pattern, flags: int, start: int, end: int, labels_here: bool
    ) -> RecognizerResult | None:
        """The result for one nine-digit shape; ``labels_here``: a BSN word occurs in the text."""
        matched = text[start:end]
        digits = "".join(c for c in matched if c.isdigit())
        valid = bsn.is_valid(digits)
        if not valid and not labels_here:
            return None
        label = self._label(text, start, end)
        if label is None:
            return None  # labelled as something else: a kenmerk, a phone number, ...
        if valid:
            if not label and (_amount(text, start, end) or _loose(matched)):
                return None
            return self._make(pattern, flags, start, end, pattern.score, True,
                              "nine digits that pass the elfproef")
        if not label or digits in _PLACEHOLDERS:
            return None
        return self._make(pattern, flags, start, end, LABELLED_INVALID_SCORE, False,
                          f"nine digits labelled {label!r}; the elfproef fails, proposed anyway: "
                          "a typo still identifies a person")

    def _after_dates(
        self, text: str, flags: int, labels_here: bool, found: list[RecognizerResult]
    ) -> list[RecognizerResult]:
        """Nine-digit shapes right after a date and a blank, which the patterns' guard against the
        tail of a longer number passes over: a table row of name, date of birth and BSN."""
        out = []
        for m in matches_at(_DATE_THEN, text, _date_starts(text)):
            at = m.end()
            if any(r.start <= at < r.end for r in found):
                continue
            for pattern, body in zip(self.patterns, _BODIES_COMPILED, strict=True):
                hit = body.match(text, at)
                if hit is not None:
                    result = self._judge(text, pattern, flags, at, hit.end(), labels_here)
                    if result is not None:
                        out.append(result)
                    break
        return out

    def _eight_digits(self, text: str) -> list[RecognizerResult]:
        """Labelled eight-digit numbers that pass the elfproef with their leading zero restored."""
        out = []
        pattern = _EIGHT_PATTERN
        for m in matches_at(_EIGHT, text, _eight_starts(text)):
            label = self._label(text, m.start(), m.end())
            if label and elfproef(m.group()):
                out.append(self._make(pattern, self.global_regex_flags, m.start(), m.end(),
                                      EIGHT_DIGIT_SCORE, True,
                                      f"eight digits labelled {label!r}: a BSN whose leading zero was "
                                      f"dropped (0{m.group()} passes the elfproef)"))
        return out

    def _odd_groups(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Nine digits in other groups than the usual ones, right after a BSN label, that pass the
        elfproef and are not already found: an OCR split ("62958 9823") or a writer's own."""
        out = []
        for m in matches_at(_ODD_GROUPS, text, _odd_group_starts(text)):
            if any(r.start < m.end() and m.start() < r.end for r in found):
                continue
            digits = "".join(c for c in m.group() if c.isdigit())
            if digits in _PLACEHOLDERS:
                continue
            label = self._label(text, m.start(), m.end(), words=3)
            if label == "" and _ONE_BY_ONE.fullmatch(m.group()) and bsn.is_valid(digits):
                asked = _LABEL_ABOVE.search(text, max(0, m.start() - 160), m.start())
                # ("heeft u zijn burgerservicenummer" + break + "beller: ja eh 2 1 5 ...")
                if asked is not None:
                    out.append(self._make(_ODD_PATTERN, self.global_regex_flags, m.start(), m.end(),
                                          COLUMN_SCORE, True,
                                          f"nine digits one by one that pass the elfproef, {asked.group()!r} "
                                          "on the line before (a call's transcript, a form's boxes)"))
                    continue
            if label and bsn.is_valid(digits):
                out.append(self._make(_ODD_PATTERN, self.global_regex_flags, m.start(), m.end(),
                                      ODD_GROUPS_SCORE, True,
                                      f"nine digits labelled {label!r} that pass the elfproef, "
                                      f"grouped as {_groups(m.group())}"))
            elif label and _LABEL_RIGHT_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                why = (f"nine digits right after {label!r}, grouped as {_groups(m.group())}; the elfproef "
                       "fails, proposed anyway: a typo still identifies a person")
                out.append(self._make(_ODD_PATTERN, self.global_regex_flags, m.start(), m.end(),
                                      LABELLED_INVALID_SCORE, False, why))
        return out

    def _column_cells(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A cell of a table's column "BSN" that holds nine digits in any groups ("1352 14191", a
        blank that extraction put inside the number) and passes the elfproef; read as OCR reads it."""
        out = []
        for cell in column_cells(text, _BSN_COLUMNS):
            value = text[cell.start : cell.end]
            taken = any(r.start < cell.end and cell.start < r.end for r in found)
            if taken or not _CELL_NUMBER.fullmatch(value):
                continue
            digits = "".join(c for c in ocr_read(value) if c.isdigit())
            if len(digits) != 9 or digits in _PLACEHOLDERS:
                continue
            if not bsn.is_valid(digits):  # the heading is its label: a typo still identifies a person
                why = (f"nine digits in the table's column {cell.heading!r}, grouped as {_groups(value)}; "
                       "the elfproef fails, proposed anyway: a typo still identifies a person")
                out.append(self._make(_COLUMN_PATTERN, self.global_regex_flags, cell.start, cell.end,
                                      LABELLED_INVALID_SCORE + 0.35, False, why))
                continue
            why = (f"nine digits in the table's column {cell.heading!r} that pass the elfproef, grouped as "
                   f"{_groups(value)}")
            out.append(self._make(_COLUMN_PATTERN, self.global_regex_flags, cell.start, cell.end,
                                  COLUMN_SCORE, True, why))
        return out

    def _beside_other_bsns(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Nine digits in other groups that pass the elfproef, on a line next to lines with a BSN
        found (a table's column of BSNs as a PDF gives it back, its tabs turned into blanks:
        "2 A.M. Warsame Piushaven 22 A, 5017 AN 1352 14191 retour ontvangen")."""
        rows = {text.count("\n", 0, r.start) for r in found if r.score >= 0.5}
        out: list[RecognizerResult] = []
        for m in matches_at(_ODD_GROUPS, text, _odd_group_starts(text)):
            if any(r.start < m.end() and m.start() < r.end for r in found + out):
                continue
            digits = "".join(c for c in m.group() if c.isdigit())
            row = text.count("\n", 0, m.start())
            near = rows & {row - 2, row - 1, row + 1, row + 2}
            if digits in _PLACEHOLDERS or not bsn.is_valid(digits) or not near:
                continue
            if self._label(text, m.start(), m.end()) is None:
                continue  # labelled as another number
            why = f"nine digits that pass the elfproef, grouped as {_groups(m.group())}, by lines with a BSN"
            out.append(self._make(_COLUMN_PATTERN, self.global_regex_flags, m.start(), m.end(),
                                  COLUMN_SCORE, True, why))
        return out

    def _misread_letters(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Nine characters right after a BSN label, in the usual groups, of which one or two are
        letters that OCR reads for digits ("BSN 665 42S 983": S for 5, B for 8, Z for 2, G for 6)
        and that pass the elfproef read as digits."""
        out = []
        for m in _MISREAD.finditer(text):
            if any(r.start < m.end('number') and m.start('number') < r.end for r in found):
                continue
            digits = m.group('number').translate(_LETTER_AS_DIGIT)
            digits = "".join(c for c in digits if c.isdigit())
            if len(digits) != 9 or not bsn.is_valid(digits) or digits in _PLACEHOLDERS:
                continue
            start, end = m.span("number")
            out.append(self._make(_MISREAD_PATTERN, self.global_regex_flags, start, end,
                                  ODD_GROUPS_SCORE, True,
                                  f"nine characters labelled {m.group('label').strip()!r}, OCR letters "
                                  f"read as digits ({digits}), that pass the elfproef"))
        return out

    @staticmethod
    def _label(text: str, start: int, end: int, words: int = 5) -> str | None:
        """The BSN word labelling the number ('' when none), or None when the nearest label
        before it names another kind of number.

        Looks at the ``words`` words before it on its line (or the line above when the number
        opens its line) and the two words right after it ("111222333 (bsn)").
        """
        before = line_before(text, start, 50)
        if not before.strip():
            before = text[max(0, start - 50) : start]
        if "citizen service" in before.lower():
            return "citizen service number"
        for word in reversed(words_before(before, len(before), words)):
            if word.startswith(LABELS):
                return _label_word(word)
            if word in _OTHER_WORDS or word.startswith(_OTHER_PREFIXES):
                return None
        for word in words_after(text, end, 2, chars=16):
            if word.startswith(LABELS):
                return _label_word(word)
        return ""

    def _make(
        self, pattern: Pattern, flags: int, start: int, end: int, score: float, valid: bool, why: str
    ) -> RecognizerResult:
        explanation = self.build_regex_explanation(
            self.name, pattern.name, pattern.regex, score, valid, flags
        )
        explanation.score = score
        explanation.textual_explanation = why
        return RecognizerResult(
            entity_type=self.ENTITY, start=start, end=end, score=score, analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def _date_starts(text: str) -> list[int]:
    """Where ``_DATE_THEN`` can match: a run of one or two digits before a date's separator."""
    return [start for start, end in digit_runs(text)
            if end - start <= 2 and text[end : end + 1] in _DATE_SEPARATORS]


def _eight_starts(text: str) -> list[int]:
    """Where ``_EIGHT`` can match: a run of eight digits."""
    return [start for start, end in digit_runs(text) if end - start == 8]


def _odd_group_starts(text: str) -> list[int]:
    """Where ``_ODD_GROUPS`` can match: a run of digits of nine or more, or one that a single
    separator parts from the next run."""
    runs = digit_runs(text)
    if not runs:
        return []
    return [start for (start, end), (after, _) in zip(runs, (*runs[1:], (-1, -1)), strict=True) if (
        end - start >= 9 or after == end + 1 and text[end] in " .-"
    )]


def _label_word(word: str) -> str:
    """The label as a reader knows it ("bsn-nummer:" -> "bsn-nummer")."""
    return word.strip(":.;,()")


def _groups(matched: str) -> str:
    """How the digits are grouped, as a reader counts them ("62958 9823" -> "5-4")."""
    return "-".join(str(len(g)) for g in regex.split(r"[ .\-]", matched) if g)


def _amount(text: str, start: int, end: int) -> bool:
    """True when a currency stands before the number or a unit or ``,-`` after it."""
    return bool(_MONEY_BEFORE.search(text[max(0, start - 12) : start])
                or _MONEY_AFTER.match(text[end : end + 12]))


def _loose(matched: str) -> bool:
    """True when a line break or two spaces stand between the groups: numbers in a table's rows or
    columns look like that, so only a label makes them a BSN."""
    return _WIDE_GAP.search(matched) is not None
