"""Dutch licence plates (NL_LICENSE_PLATE), all fourteen sidecodes, in the ways people write them.

Legal basis: a licence plate leads to the keeper through the RDW register (AVG art. 4(1));
withheld under art. 5.1.2e Woo.

Format: six letters and digits in one of fourteen sidecodes (L = letter, D = digit): LL-DD-DD,
DD-DD-LL, DD-LL-DD, LL-DD-LL, LL-LL-DD, DD-LL-LL, DD-LLL-D, D-LLL-DD, LL-DDD-L, L-DDD-LL,
LLL-DD-L, L-DD-LLL, D-LL-DDD, DDD-LL-D. From sidecode 4 on the RDW issues no vowels and no C or Q
(bar an O or W opening the letters, for trailers), and skips offensive combinations (SS, SD, GVD,
KKK, NSB, PVV, ...). People write plates with dashes, spaces or nothing between the groups, and
in lower case.

When it is reported:

* after a label ("kenteken", "kentekenplaat", "nummerplaat", "licence plate") in any notation:
  0.9 when it could have been issued; 0.5 when its letters could not (a typo or an invented
  plate still points at a car; without dashes only in capitals), and the explanation says why;
  right after the label also an
  upper-case plate of no Dutch sidecode (5-8 letters and digits, "Belgisch kenteken 1-ABC-234"),
  at 0.5;
* without a label, with dashes and issuable letters: 0.65 for an upper-case plate of sidecode
  4-14, 0.5 in lower case; 0.25 more with a vehicle word nearby ("auto", "geparkeerd", ...).
  Sidecodes 1-3 used every letter, so their letters prove nothing: without a label they need a
  vehicle word ("BO-24-09" is a meeting). A line break after a dash (PDF extraction) is allowed.
* without a label or dashes only an upper-case plate of sidecode 4-14 with issuable letters within
  three words after a vehicle word ("de auto 12BBB3"), at 0.5. Otherwise "MP3", "A4", product
  codes ("GT123B") and "5.1.2e" stay quiet.

Fictitious examples: "GT-123-B", "12-BBB-3", "kenteken 99XXL9", "kenteken gt 123 b"; not
"12-34-56", "Z-23-012", "COVID-19".
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import line_before, make_result, words_after, words_before
from recognizers.scanning import matches_at, may_hold, page_lowered, starts_before, starts_of_openings
from recognizers.table_columns import column_cells, may_hold_table

SIDECODES = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)
# The sidecode of each compact shape ("LLDDDD" -> 1): no two sidecodes share one.
_BY_SHAPE = {code.replace("-", ""): number for number, code in enumerate(SIDECODES, 1)}
# Letter groups the RDW does not issue (RDW, as reported in the press).
FORBIDDEN = frozenset({"GVD", "KKK", "KVT", "LPF", "NSB", "PKK", "PSV", "TBS", "PVV", "SGP", "VVD", "FVD"})
_LATE_LETTERS = frozenset("BDFGHJKLMNPRSTVXZ")
_FIRST_LETTERS = _LATE_LETTERS | {"O", "W"}  # opleggers and aanhangwagens

# Three groups with dashes, not inside a word, a path, an address or a longer code.
_DASHED = re.compile(  # the dashes may be en dashes ("VK–803–P"), as word processors make them
    r"(?=[A-Za-z\d]{1,3}[-–])(?:(?<![\w./@=#&?-])|(?<=\n\d\.)|(?<=\n\d\d\.))"  # (or a list's "1." glued)
    r"[A-Za-z\d]{1,3}[-–](?:[ \u00a0]?\n)?[A-Za-z\d]{1,3}[-–](?:[ \u00a0]?\n)?[A-Za-z\d]{1,3}"
    r"(?![\w–-]|[./@]\w)"
)
# The first dash of a dashed plate, with the second group and dash after it: a dashed plate starts
# one to three characters before it. Prose dashes ("e-mail", "Noord-Holland") are seldom followed so.
_FIRST_DASH = re.compile(r"[-–](?=(?:[ \u00a0]?\n)?[A-Za-z\d]{1,3}[-–])")
# After a label also six characters in one piece or in three groups with spaces.
_WORD_START = re.compile(r"(?<![\w./@=#&?-])[A-Za-z\d]")
_LINE_BREAK = re.compile(r"(?<=[-–])[ \u00a0]?\n")  # PDF extraction breaks a line after a dash
_UNDASHED = re.compile(
    r"(?<![\w./@=#&?-])(?:[A-Za-z\d]{6}|[A-Za-z\d]{1,3}[ \u00a0][A-Za-z\d]{1,3}[ \u00a0][A-Za-z\d]{1,3})"
    r"(?![\w-]|[./@]\w)"
)
# Right after a label, any upper-case plate-like string: a foreign plate ("Belgisch kenteken 1-ABC-234").
_RIGHT_AFTER_LABEL = re.compile(
    r"(?:kenteken(?:plaat)?|nummerplaat|nummerbord|licen[cs]e plate)[ \u00a0]*(?::|nr\.?|nummer|is)?"
    r"[ \u00a0]*(?:\n[ \u00a0]*)?"  # the plate may stand on the next line
    r"(?P<plate>(?-i:[A-Z\d]{1,8}(?:[- \u00a0][A-Z\d]{1,5}){0,2}))(?![\w-]|[./@]\w)",
    re.IGNORECASE,
)
# A table's heading line (as a PDF gives it back, its tabs turned into blanks) with a column "Kenteken":
# three words or more, capitalised or abbreviated ("Pl. KvK Handelsnaam Ondernemer Kenteken Telefoon").
_KENTEKEN_HEADING = re.compile(
    r"(?m)^(?=[^\n]*\bKenteken\b)(?:[A-Z][\w./()-]*[ \t]+){2,}[A-Z][\w./()-]*[ \t]*$"
)
_HEADED_ROWS = 40
# A British plate of today's form, its age identifier two digits: "LN19 XKP", "BD51SMR".
_BRITISH = re.compile(r"[A-Z](?<![\w./@-][A-Z])[A-Z][0-9]{2}[ ]?[A-Z]{3}(?![\w-])")  # the capital first: fast
_BRITISH_CONTEXT = ("auto", "wagen", "voertuig", "busje", "camper", "caravan", "kenteken", "brit", "engels")
# What a _RIGHT_AFTER_LABEL match needs, lowercase: the page is scanned only when one is there.
_LABEL_OPENINGS = ("kenteken", "nummerplaat", "nummerbord", "licence plate", "license plate")
LABELS = ("kenteken", "nummerplaat", "nummerbord", "plate")  # word prefixes ("kentekenplaat:")
_LABEL_IN_TEXT = ("kenteken", "nummerplaat", "nummerbord", "plate")
VEHICLE_WORDS = frozenset(
    "auto auto's wagen voertuig voertuigen bestelbus busje bus scooter motor motorfiets brommer "
    "bromfiets snorfiets vrachtwagen vrachtauto aanhanger aanhangwagen caravan camper taxi rdw "
    "geparkeerd parkeerde geparkeerde reed rijdt bekeuring flitser apk "
    # makes and models, right before a plate in brackets: "De Volkswagen Polo (gxn27f)"
    "volkswagen vw polo golf opel corsa astra renault clio peugeot toyota yaris ford fiesta focus kia bmw "
    "audi mercedes skoda octavia fiat volvo tesla citroën citroen nissan hyundai seat mazda suzuki "
    "dacia".split()
)
LABELLED, UNISSUED = 0.9, 0.5
_PLATE_COLUMNS = frozenset({"kenteken", "kentekens", "kenteken(s)", "kenteken voertuig", "voertuig"})
DASHED_LATE, DASHED_LOWER, VEHICLE_BONUS, UNDASHED_NEAR_VEHICLE = 0.65, 0.5, 0.25, 0.5
_VEHICLE_IN_TEXT = ("auto", "wagen", "voertuig", "bus", "scooter", "motor", "camper", "caravan")


# The next item of a list after a plate: ", NKB68J", " en NKB68J", " / NKB68J".
_LISTED_NEXT = re.compile(r"(?:,[ ]|[ ](?:en|of)[ ]|[ ]?/[ ]?)(?P<plate>[A-Za-z0-9]{6})(?![\w-])")


def shape_code(plate: str) -> int | None:
    """The sidecode whose shape ``plate`` has (dashes or spaces must split it there), or None."""
    groups = _LINE_BREAK.sub("", plate).replace("\u00a0", " ").replace(" ", "-").replace("–", "-").split("-")
    compact = "".join(groups)
    if len(compact) != 6 or not compact.isalnum() or not compact.isascii():
        return None
    number = _BY_SHAPE.get("".join("L" if c.isalpha() else "D" for c in compact))
    if number is None:
        return None
    if len(groups) > 1 and [len(g) for g in groups] != [len(g) for g in SIDECODES[number - 1].split("-")]:
        return None
    return number


def unissued(plate: str, number: int) -> str:
    """Why the RDW could not have issued ``plate`` of sidecode ``number``, or '' if it could."""
    code = SIDECODES[number - 1].split("-")
    compact = re.sub(r"[\s–-]", "", plate).upper()  # also line breaks
    groups, at = [], 0
    for group in code:
        groups.append(compact[at : at + len(group)])
        at += len(group)
    letters = [g for g, c in zip(groups, code, strict=True) if c[0] == "L"]
    if number >= 4:
        joined = "".join(letters)
        if joined[0] not in _FIRST_LETTERS or not set(joined[1:]) <= _LATE_LETTERS:
            return "its letters hold a vowel, C or Q, never issued since sidecode 4"
    bad = [g for g in letters if g in FORBIDDEN or "SS" in g or "SD" in g]
    if bad:
        return f"the RDW does not issue the letters {bad[0]!r}"
    return ""


def sidecode(plate: str) -> int | None:
    """The sidecode (1-14) of a plate that could have been issued, written with or without dashes."""
    number = shape_code(plate)
    if number is None or unissued(plate, number):
        return None
    return number


class NlLicensePlateRecognizer(EntityRecognizer):
    """NL_LICENSE_PLATE for sidecodes 1-14; see the module docstring."""

    ENTITIES = ["NL_LICENSE_PLATE"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlLicensePlateRecognizer",
            context=[*LABELS, "auto", "voertuig", "rdw"],
        )

    def load(self) -> None:
        """No state."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "NL_LICENSE_PLATE" not in entities:
            return []
        out = []
        dashes = (m.start() for m in _FIRST_DASH.finditer(text))
        for m in matches_at(_DASHED, text, starts_before(dashes, 3)):
            result = self._judge(text, m.start(), m.end(), dashed=True)
            if result is not None:
                out.append(result)
        lowered = page_lowered(text)
        labelled = any(word in lowered for word in _LABEL_IN_TEXT)
        reach = 0
        for start in _undashed_starts(text, lowered, labelled):
            undashed = _UNDASHED.match(text, start) if start >= reach else None
            result = self._judge(text, start, undashed.end(), dashed=False) if undashed else None
            if result is not None:
                out.append(result)
                reach = result.end
        if labelled and may_hold_table(text):  # a table's column "Kenteken": every plate-shaped cell is one
            found = {(r.start, r.end) for r in out}
            for cell in column_cells(text, _PLATE_COLUMNS):
                number = shape_code(text[cell.start : cell.end])
                if number is not None and (cell.start, cell.end) not in found:
                    out.append(self._result(cell.start, cell.end, LABELLED, number,
                                            f"in the table's column {cell.heading!r}", True))
        if labelled:
            found = {(r.start, r.end) for r in out}
            for m in _after_labels(text, lowered) if may_hold(text, lowered, _LABEL_OPENINGS) else ():
                start, end = m.span("plate")
                if not any(s < end and start < e for s, e in found) and _foreign(m.group("plate")):
                    label = m.group().split()[0].rstrip(":").lower()
                    why = f"right after {label!r}, but no Dutch sidecode (a foreign plate?)"
                    out.append(make_result(self.name, self.id, "NL_LICENSE_PLATE", start, end, UNISSUED,
                                           "plate after a label", f"licence plate, {why}", validation=False))
        out += self._british(text, lowered, out)
        if "Kenteken" in text:
            out += self._under_heading(text, out)
        if "," in text or " en " in text or " of " in text:
            out += self._listed(text, out)
        return out + self._written_otherwise(text, out)

    def _listed(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A plate without dashes listed right after a plate found ("tx-927-b, 3-KZP-71 en NKB68J"):
        one list of cars, however each is written. Sidecode 4 to 14, letters the RDW issues."""
        out: list[RecognizerResult] = []
        taken = [(r.start, r.end) for r in found]
        queue = [r for r in found if r.score >= 0.5]
        while queue:
            r = queue.pop()
            m = _LISTED_NEXT.match(text, r.end)
            if m is None:
                continue
            plate = m.group("plate")
            number = shape_code(plate)
            start, end = m.span("plate")
            if number is None or number < 4 or unissued(plate.upper(), number) or any(
                s < end and start < e for s, e in taken
            ):
                continue
            taken.append((start, end))
            why = f"listed after the plate {text[r.start : r.end]!r}"
            result = self._result(start, end, UNDASHED_NEAR_VEHICLE, number, why, True)
            out.append(result)
            queue.append(result)
        return out

    def _under_heading(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Plates without dashes in the rows of a table headed "Kenteken", where a PDF gave the cells
        back with blanks (its tabs lost, the column rules cannot read them): "... H.J. de Boer VDT38P
        06-51 ...", "94 BNK 8". Only upper case, a sidecode of 4 to 14, letters the RDW issues."""
        out: list[RecognizerResult] = []
        taken = [(r.start, r.end) for r in found]
        for head in _KENTEKEN_HEADING.finditer(text):
            at = head.end() + 1
            for _ in range(_HEADED_ROWS):  # the rows below it, up to a blank line
                end = text.find("\n", at)
                end = len(text) if end < 0 else end
                if at >= len(text) or not text[at:end].strip():
                    break
                for m in _UNDASHED.finditer(text, at, end):
                    plate = m.group()
                    number = shape_code(plate)
                    if number is None or number < 4 or not plate.isupper() or unissued(plate, number) or any(
                        s < m.end() and m.start() < e for s, e in taken
                    ):
                        continue
                    taken.append(m.span())
                    out.append(self._result(m.start(), m.end(), UNDASHED_NEAR_VEHICLE, number,
                                            "in a table's row under the heading 'Kenteken'", True))
                at = end + 1
        return out

    def _british(self, text: str, lowered: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A British plate of today's form ("LN19 XKP": two letters, the age's two digits, three
        letters), with a vehicle word or "Brits" in the 80 characters before it."""
        out: list[RecognizerResult] = []
        for m in _BRITISH.finditer(text):
            before = lowered[max(0, m.start() - 80) : m.start()]
            if any(s < m.end() and m.start() < e for s, e in ((r.start, r.end) for r in found)) or not any(
                word in before for word in _BRITISH_CONTEXT
            ):
                continue
            why = "licence plate, British form (two letters, two digits, three letters), a vehicle before it"
            out.append(make_result(self.name, self.id, "NL_LICENSE_PLATE", m.start(), m.end(), UNISSUED,
                                   "British plate", why, validation=False))
        return out

    def _written_otherwise(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A plate found on the page, written elsewhere on it without its dashes or in another case
        ("4-KXT-72" ... "Nu wel goed gezien: 4KXT72"): the same car."""
        out: list[RecognizerResult] = []
        taken = [(r.start, r.end) for r in found]
        compacts = {_SEPARATORS.sub("", text[r.start : r.end]).upper(): r for r in found if r.score >= 0.5}
        for compact, r in compacts.items():
            for m in re.finditer(rf"(?i)(?<![\w-]){re.escape(compact)}(?![\w-])", text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    taken.append(m.span())
                    plate = text[r.start : r.end]
                    why = f"licence plate, the plate {plate!r} of this page, written without its dashes"
                    out.append(make_result(self.name, self.id, "NL_LICENSE_PLATE", m.start(), m.end(),
                                           r.score, "plate found on the page", why, validation=True))
        return out

    def _judge(self, text: str, start: int, end: int, dashed: bool) -> RecognizerResult | None:
        plate = text[start:end]
        number = shape_code(plate)
        if number is None:
            if not dashed and not plate.isupper() or not any(c in _OCR_LETTERS for c in plate):
                return None  # "kenteken is 99 xx l9": lower case without dashes is no plate to repair
            read = _ocr_read(plate)
            number = shape_code(read) if read != plate else None
            label = _label(text, start) if number is not None else ""
            if number is None or not label or unissued(read, number):
                return None
            why = f"after {label!r}, read as {read!r} (OCR's l and O in a group of digits)"
            return self._result(start, end, LABELLED, number, why, True)  # "kenteken l-THK-O7"
        why_not = unissued(plate, number)
        label = _label(text, start)
        if label:
            if why_not and not dashed and not plate.isupper():
                return None  # "kenteken is 99 xx l9": "is 99 xx" is no plate
            if why_not:
                return self._result(start, end, UNISSUED, number, f"after {label!r}, but {why_not}: "
                                    "proposed anyway, a mistyped plate still points at a car", False)
            return self._result(start, end, LABELLED, number, f"after {label!r}", True)
        if why_not:
            return None
        vehicle = _vehicle_word(text, start, end)
        if not dashed:
            if number < 4 or not _vehicle_word(text, start, end, before=3, after=0) or (
                not plate.isupper()
            ) and (
                not plate.islower() or not _vehicle_word(text, start, end, before=1, after=0)
            ):
                return None  # "MP3", "GT123B" in a product list: a vehicle right before ("scooter dgn62b")
            return self._result(start, end, UNDASHED_NEAR_VEHICLE, number, f"right after {vehicle!r}", True)
        if number >= 4:
            score = DASHED_LATE if plate.isupper() else DASHED_LOWER
        elif vehicle:
            score = DASHED_LOWER
        else:
            return None  # sidecodes 1-3 used every letter: "BO-24-09" is a meeting, not a car
        if vehicle:
            return self._result(start, end, score + VEHICLE_BONUS, number, f"near {vehicle!r}", True)
        return self._result(start, end, score, number, "dashes in a sidecode's places", True)

    def _result(
        self, start: int, end: int, score: float, number: int, why: str, valid: bool
    ) -> RecognizerResult:
        return make_result(self.name, self.id, "NL_LICENSE_PLATE", start, end, round(score, 2),
                           f"sidecode {number}", f"licence plate, sidecode {number}, {why}",
                           validation=valid)


_SEPARATORS = re.compile(r"[- \u00a0]")


def _ocr_read(plate: str) -> str:
    """``plate`` with OCR's "l", "I" and "O" read as 1 and 0 in each group that then holds only
    digits ("l-THK-O7" -> "1-THK-07"); the other groups as written."""
    groups = re.split(r"([- \u00a0])", plate)
    out = []
    for group in groups:
        read = group.translate(_OCR_DIGITS)
        digits = read.isdigit() and (len(group) == 1 or any(c.isdigit() for c in group))
        out.append(read if digits else group)
    return "".join(out)


_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
_OCR_LETTERS = frozenset("lIOo")


def _undashed_starts(text: str, lowered: str, labelled: bool) -> list[int]:
    """Word starts in the 60 characters after each label or vehicle word: where a plate without
    dashes can start (tried one by one, since "is GT 123 B" must not swallow "GT")."""
    keys = (_LABEL_IN_TEXT if labelled else ()) + _VEHICLE_IN_TEXT
    starts: set[int] = set()
    for key in keys:
        at = lowered.find(key)
        while at >= 0:
            starts.update(m.start() for m in _WORD_START.finditer(text, at, at + 60))
            at = lowered.find(key, at + 60)
    return sorted(starts)


def _after_labels(text: str, lowered: str) -> list[re.Match[str]]:
    """``_RIGHT_AFTER_LABEL.finditer(text)``, tried only where a label opens in ``lowered`` (the
    text in lowercase); a scan of the whole text where "İ" stands, which the case-insensitive
    pattern reads as an "i" and lowercasing leaves as it is."""
    starts = None if "İ" in text else starts_of_openings(text, lowered, _LABEL_OPENINGS)
    if starts is None:
        return list(_RIGHT_AFTER_LABEL.finditer(text))
    return list(matches_at(_RIGHT_AFTER_LABEL, text, starts))


def _foreign(plate: str) -> bool:
    """Five to eight upper-case letters and digits, at least two digits and one letter."""
    compact = re.sub(r"[\s-]", "", plate)
    digits = sum(c.isdigit() for c in compact)
    return 5 <= len(compact) <= 8 and digits >= 2 and digits < len(compact) and compact.isupper()


def _label(text: str, start: int) -> str:
    """A plate label among the eight words before ``start`` on its line (or above, at a line start):
    "het kenteken van de auto van mijn buurman is GT-123-B"."""
    before = line_before(text, start, 70)
    if not before.strip():
        before = text[max(0, start - 70) : start]
    for word in reversed(words_before(before, len(before), 8)):
        if word.startswith(LABELS) or word.endswith(("kenteken", "kentekens")):
            return word.strip(":;,()")
    return ""


def _vehicle_word(text: str, start: int, end: int, before: int = 8, after: int = 3) -> str:
    """A vehicle word among the ``before`` words before or the ``after`` words after, or ''."""
    for word in words_before(text, start, before) + (words_after(text, end, after) if after else []):
        word = word.strip(":;,()")
        if word in VEHICLE_WORDS or word.endswith(("auto", "auto's", "wagen")):
            return word
    return ""
