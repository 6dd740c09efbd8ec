"""Dates of birth (DATE_OF_BIRTH): a date with birth context, nothing else.

Legal basis: a date of birth identifies a person together with a name (AVG art. 4(1)); withheld
under art. 5.1.2e Woo. Other dates (meetings, letters, deadlines) are not personal data here and
are never reported. Context: "geboren (op)", "geboortedatum", "geb.", "geboortedag", "date of
birth", "DOB", "born", and "(geb. 1-2-1980)" after a name; up to four short words may stand
between the context and the date ("geboortedatum van uw zoon is", "Geboortedatum en -plaats:",
"geboren (dd-mm-jjjj):"), but never the end of a sentence. Formats: 1-2-1980, 01/02/1980,
1.2.1980, 1-2-'80, 1 februari 1980, 1 feb. 1980, 1-feb-1980, 1980-02-01, February 1, 1980 and
spaces around the separators as OCR leaves them ("12 - 03 - 1985"); the date must exist and lie
in the past.

Fictitious examples: "geboren op 3 maart 1985", "Geboortedatum: 03-03-1985", "geboortedatum van
haar dochter is 4 juni 2012", "born on March 3, 1985"; not "brief van 3 maart 2024", "vergadering
12-03-2024", "geboren. Op 3 maart 2024 ...".
"""

from __future__ import annotations

import datetime as dt
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result
from recognizers.lexicons import lexicons
from recognizers.scanning import matches_at, page_lowered, starts_of_openings

MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maart": 3, "apr": 4, "april": 4,
    "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augustus": 8, "sep": 9,
    "sept": 9, "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"[ \t]?[-/.][ \t]?"  # OCR and typing leave blanks around a separator: "12 - 03 - 1985"
# A day or month as OCR reads it: "1 7" (a split), "O1" (the letter O for a zero); parse_date reads
# them back. Only after birth context or in a birth-date column: a date alone must be clean.
_DAY = r"(?=[O]?\d)(?:[\dO](?: ?[\dO])?)"  # at least one real digit
DATE = (
    rf"(?P<d1>{_DAY}){_SEP}(?P<m1>(?=[O]?\d)[\dO]{{1,2}}){_SEP}(?P<y1>(?:19|20)\d{{2}}|['’]?\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})(?:[ \t]+|-)(?P<m2>{_MONTH_NAMES})\.?(?:[ \t]+|-)(?P<y2>(?:19|20)\d{{2}})"
    r"|(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    rf"|(?P<m4>{_MONTH_NAMES})\.?[ \t]+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<y4>(?:19|20)\d{{2}})"
)
# Between the context word and the date: a colon or bracket, a format hint, and up to four short
# words on the same sentence ("van uw zoon is", "en -plaats"), never a full stop.
_BETWEEN = (
    r"(?:[ \t\n/|]*(?:[:(]|\((?:dd|d)[-/.]mm[-/.](?:jjjj|jj|yyyy)\)|-plaats\b|"
    r"\b(?:op|on|is|was|d\.d\.|datum|van|de|te|en|plaats|haar|zijn|uw|mijn|hun|the|"
    r"zoon|dochter|kind|cliënt|client|betrokkene|aanvrager|verzoeker|klager|patiënt|"
    r"vader|moeder|partner|echtgeno(?:ot|te)|die|deze|persoon|contactpersoon|gegeven|vertegenwoordiger|"
    r"gemachtigde|overledene|rechthebbende|melder|verdachte|getuige|slachtoffer|bestuurder|huurder|ouder|"
    r"voogd|eigenaar|bewoner)\b"
    r"|,(?=[ ]\d)))*"  # "geboortedatum van die persoon:", "geboortedatum gegeven, 11-06-2007"
)
# Where someone was born, between "geboren" and the date: "geboren te Lviv (Oekraïne) op 30 oktober
# 1987", "geboren in Paramaribo op 22-09-1990" (a deed's or a form's order).
_BIRTHPLACE = (
    r"(?:[ \t]+(?:te|in)[ \t]+(?-i:(?:'s-)?[A-ZÀ-Þ][\w'’-]*(?:[ ](?:aan|den|de|op|[A-ZÀ-Þ][\w'’-]*)){0,3})"
    r"(?:[ ]\([^)\n]{2,30}\))?,?)"
)
BIRTH_DATE = re.compile(
    r"(?i)(?P<context>\bgeboren\b|\bge-[ ]*\n[ ]*boren\b|\bgeboortedatum\b|\bgeb\.|\bgeb\b|\bgeboortedag\b|"
    r"\bdate of birth\b|\bd\.o\.b\.|\bdob\b|\bborn\b)"
    rf"{_BIRTHPLACE}?{_BETWEEN}[ \t\n|]*"  # "|": a table cell's border as text extraction writes it
    rf"(?P<date>{DATE})(?![\d])"
)

_DATE = re.compile(DATE)
# A form's boxes, one digit each, read from a PDF as digits with a blank between: "1 5 0 4 1 9 4 7"
# (day, month, year) right after a birth-date label.
_BOXED = re.compile(
    r"(?i)\b(?:geboortedatum|geb\.?[ ]?datum|date of birth)[ \t:|]*(?P<date>\d(?:[ ]\d){7}|\d{8})(?![ ]?\d)"
)  # (or written without separators: "Geb.datum:<tab>19850310", year first, or "10031985")
BORN_AFTER_DATE = re.compile(rf"\bop[ ](?P<date>{DATE})[ ](?:is[ ]|werd[ ])?geboren\b", re.I)
_SECOND_DATE = re.compile(rf"[ \t]*(?:/|&|\ben\b|\band\b)[ \t]*(?P<date>{DATE})(?!\d)")
# Words for a person that may stand right before a bracketed date of birth: "haar zoon Aarav (03-05-2011)".
_KIN = frozenset(
    "zoon dochter kind zoontje dochtertje baby broer zus broertje zusje kleinzoon kleindochter "
    "pleegkind pleegzoon pleegdochter cliënt client echtgenoot echtgenote partner vader moeder".split()
)
# The word (and the one before it) right before a bracketed date: "Osman Kaya (12-04-1941)".
_TWO_WORDS = re.compile(r"(?:([\w'’-]+),?[ \t]+)?([^\W\d_][\w'’-]*)\.?[ \t]+$")  # also "Abdi, H."
# A degree before a name: its holder is an adult, so a recent date after the name is no birth date.
_DEGREE_BEFORE = re.compile(r"(?i)\b(?:mr|dr|drs|ir|ing|prof)\.[ ]+(?:\w+\.[ ]+)*$")
# A date between a name (or a bracket after it) and a street with its number, each after a comma; not
# after a weekday ("op maandag, 12-03-2024, Kerkstraat 4").
_WEEKDAYS = frozenset(
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo".split()
)
_COMMA_DIGIT = re.compile(r", [0-3]?\d[-./]")
_RECORD_DATE = re.compile(  # (the name and the comma before it are checked by hand: a lookbehind is slow)
    rf"(?<=,[ ])(?:{DATE})"
    rf"(?=,[ ][A-ZÀ-Þ][\w'’.-]+(?:[ ][\w'’.-]+){{0,3}}[ ][1-9]\d{{0,3}}(?!\d))"
)
# A date that says when something began or ended, not a birth: "ja, sinds 01-05-2021".
_SINCE = re.compile(r"(?i)\b(?:sinds|vanaf|per|tot|t/m)[ ]+$")
# A table whose header names a birth-date column ("Nr\tNaam\tGeb.datum\tAdres").
_BIRTH_LABEL = re.compile(r"(?i)\b(?:geb(?:oorte)?\.?[ ]?datum|geboren|date of birth|dob)\b")
_LABEL_OPENINGS = ("geb", "date of birth", "dob")  # what a _BIRTH_LABEL match opens with
_CELLS = re.compile(r"\t+|[ ]{2,}|;")  # tabs, the runs of blanks that PDF extraction leaves, a CSV's ";"

# What a BIRTH_DATE match opens with (its context word), lowercase: the pattern is tried there only.
_CONTEXT_OPENINGS = ("geb", "ge-", "date of birth", "d.o.b.", "dob", "born")


def birth_dates(text: str, lowered: str) -> list[re.Match[str]]:
    """``BIRTH_DATE.finditer(text)``, tried only at the context words (``lowered``: the text in
    lowercase)."""
    starts = starts_of_openings(text, lowered, _CONTEXT_OPENINGS)
    return list(BIRTH_DATE.finditer(text) if starts is None else matches_at(BIRTH_DATE, text, starts))


def _label_lines(text: str, lowered: str) -> set[int]:
    """The start of every line where ``_BIRTH_LABEL`` matches (``lowered``: the text in
    lowercase): found once in the whole text, tried at its opening words only (a label never
    crosses a line, and a line's ends are word boundaries as the text's ends are)."""
    starts = None if "İ" in text else starts_of_openings(text, lowered, _LABEL_OPENINGS)
    found = _BIRTH_LABEL.finditer(text) if starts is None else matches_at(_BIRTH_LABEL, text, starts)
    return {text.rfind("\n", 0, m.start()) + 1 for m in found}


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The calendar date of a DATE match, or None if it does not exist."""
    g = match.groupdict()
    try:
        if g["d1"]:
            year = int(g["y1"].lstrip("'’"))
            year += 1900 if year >= 30 and year < 100 else (2000 if year < 100 else 0)
            day, month = (g[k].replace(" ", "").replace("O", "0") for k in ("d1", "m1"))
            return dt.date(year, int(month), int(day))
        if g["d2"]:
            return dt.date(int(g["y2"]), MONTHS[g["m2"].lower()], int(g["d2"]))
        if g["y3"]:
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g["m4"]:
            return dt.date(int(g["y4"]), MONTHS[g["m4"].lower()], int(g["d4"]))
    except ValueError:
        return None
    return None


class NlDateOfBirthRecognizer(EntityRecognizer):
    """DATE_OF_BIRTH: a real date right after birth context; see the module docstring."""

    ENTITIES = ["DATE_OF_BIRTH"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlDateOfBirthRecognizer",
        )

    def load(self) -> None:
        """No state."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "DATE_OF_BIRTH" not in entities:
            return []
        lowered = page_lowered(text)
        out = self._after_a_name(text)
        if _COMMA_DIGIT.search(text) is not None:  # (a look first: most pages have no ", 30-10-1994")
            out += self._in_a_record(text)
        if "geb" not in lowered and "birth" not in lowered and "dob" not in lowered and (
            "born" not in lowered and "boren" not in lowered  # ("ge-" + break + "boren")
        ):
            return out
        out += self._in_a_birth_date_column(text, lowered)
        for m in _BOXED.finditer(text):
            digits = m.group("date").replace(" ", "")
            try:
                if digits[:2] in ("19", "20") and digits[4:6] <= "12" and not (
                    "1900" <= digits[4:] <= "2099"
                ):  # "19850310": year, month, day (not "19031985": day, month, year)
                    boxed = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
                else:
                    boxed = dt.date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
            except ValueError:
                continue
            if boxed <= dt.date.today():
                out.append(make_result(
                    self.name, self.id, "DATE_OF_BIRTH", m.start("date"), m.end("date"), 0.9,
                    "date in a form's boxes after birth context",
                    f"date {boxed.isoformat()} in boxes or without separators after a birth-date label",
                    validation=True,
                ))
        if "geboren" in lowered:  # "werd op 2 mei 1941 geboren", "die op 3-4-1950 is geboren"
            for m in BORN_AFTER_DATE.finditer(text):
                date = parse_date(m)
                if date is not None and date <= dt.date.today():
                    out.append(make_result(
                        self.name, self.id, "DATE_OF_BIRTH", m.start("date"), m.end("date"), 0.9,
                        "date before 'geboren'", f"date {date.isoformat()} before 'geboren'", validation=True,
                    ))
        for m in birth_dates(text, lowered):
            date = parse_date(m)
            if date is None or date > dt.date.today():
                continue
            context = m.group("context")
            out.append(make_result(
                self.name, self.id, "DATE_OF_BIRTH", m.start("date"), m.end("date"), 0.9,
                "date after birth context", f"date {date.isoformat()} after {context!r}",
                validation=True,
            ))
            second = _SECOND_DATE.match(text, m.end())  # "Geboren: 12-04-1979 / 30-09-1981" (partners)
            other = parse_date(second) if second is not None else None
            if second is not None and other is not None and other <= dt.date.today():
                out.append(make_result(
                    self.name, self.id, "DATE_OF_BIRTH", second.start("date"), second.end("date"), 0.9,
                    "date after birth context", f"date {other.isoformat()} listed after the date of "
                    f"birth after {context!r}", validation=True,
                ))
        return out

    def _after_a_name(self, text: str) -> list[RecognizerResult]:
        """A date at least two years old in brackets right after a name (a first name or surname of
        the lexicons, a capitalised word after a word for kin, or two capitalised words that are no
        ordinary words): "Osman Kaya (12-04-1941)", "dochter Lieke (18-03-2011)", "zoon Aarav
        (03-05-2011)"; not "De Kamerbrief (12-03-2020)"."""
        out = []
        today = dt.date.today()
        words = lexicons()
        at = text.find("(")
        while at >= 0:
            m = _DATE.match(text, at + 1) if text[at + 1 : at + 2].isdigit() else None
            at = text.find("(", at + 1)
            if m is None or not text.startswith(")", m.end()):
                continue
            before = _TWO_WORDS.search(text, max(0, m.start() - 60), m.start() - 1)
            if before is None:
                continue
            previous, name = before.group(1) or "", before.group(2)
            if len(name) == 1 and previous:  # "Farah Warsame, A. (15-02-1981)": the surname before it
                previous, name = "", previous
            date = parse_date(m)
            if date is None or date.year > today.year - 2 or not name[0].isupper() or words.is_word(name):
                continue
            if date.year > today.year - 18 and _DEGREE_BEFORE.search(
                text, max(0, before.start() - 12), before.start()
            ):
                continue  # "advies mr. Schouten (19 augustus 2024)": the advice's date, a lawyer is no child
            if not (words.is_first_name(name) or words.is_surname(name) or previous.lower() in _KIN or (
                previous[:1].isupper() and not words.is_word(previous)
            )):
                continue  # a name from the lexicons, or two capitalised words that are no words
            out.append(make_result(
                self.name, self.id, "DATE_OF_BIRTH", m.start(), m.end(), 0.6,
                "date in brackets after a name", f"date {date.isoformat()} in brackets after {name!r}",
                validation=True,
            ))
        return out

    def _in_a_record(self, text: str) -> list[RecognizerResult]:
        """A date at least twelve years old between a name and a street address in a person's record:
        "Kovalenko, Oleksandr, 30-10-1994, Bellevoysstraat 62-II" (a witness in a police report)."""
        out = []
        today = dt.date.today()
        for m in _RECORD_DATE.finditer(text):
            before = text[max(0, m.start() - 3) : m.start()]
            word = text[max(0, m.start() - 14) : m.start() - 2].rsplit(None, 1)[-1:]
            if len(before) < 3 or before[1:] != ", " or not (before[0].isalpha() or before[0] == ")") or (
                word and word[0].lower() in _WEEKDAYS
            ):
                continue  # after a name (or a bracket after it) and a comma; not "op maandag, 12-03-1990"
            date = parse_date(m)
            if date is None or date.year > today.year - 12:
                continue
            out.append(make_result(
                self.name, self.id, "DATE_OF_BIRTH", m.start(), m.end(), 0.7, "date in a person's record",
                f"date {date.isoformat()} between a name and a street address", validation=True,
            ))
        return out

    def _in_a_birth_date_column(self, text: str, lowered: str) -> list[RecognizerResult]:
        """Dates in the rows below a table header that names a birth-date column (up to a blank line),
        cells split by tabs or by the runs of blanks PDF extraction leaves. With more than one date
        column in the header, only the birth-date column's cells count; a label line ("Geb.datum:")
        is no header (``lowered``: the text in lowercase)."""
        out: list[RecognizerResult] = []
        headers = _label_lines(text, lowered)
        if not headers:
            return out
        lines = text.split("\n")
        offset = 0
        starts = []
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        for i, header in enumerate(lines):
            if starts[i] not in headers or ":" in header or _DATE.search(header):
                continue
            cells = _CELLS.split(header.strip())
            if len(cells) < 2 and len(header.split()) < 3:
                continue  # a label, not a table header
            column = next((k for k, c in enumerate(cells) if _BIRTH_LABEL.search(c)), 0)
            other_dates = header.lower().count("datum") > 1
            for j in range(i + 1, min(len(lines), i + 60)):
                row = lines[j]
                if not row.strip():
                    break
                for m in _DATE.finditer(row):
                    # the column counted from the row's start, or from its end where the row's start
                    # lost a tab or broke over a line ("BB-24-00194Haddou, N.<tab>08-07-2001<tab>...")
                    if other_dates and len(_CELLS.split(row[: m.start()].lstrip())) - 1 != column and (
                        len(cells) - len(_CELLS.split(row[m.end() :].rstrip())) != column
                    ):
                        continue
                    if _SINCE.search(row, max(0, m.start() - 8), m.start()):
                        continue  # "ja, sinds 01-05-2021": when something began, in another column
                    date = parse_date(m)
                    if date is None or date >= dt.date.today():
                        continue
                    start = starts[j] + m.start()
                    out.append(make_result(
                        self.name, self.id, "DATE_OF_BIRTH", start, start + len(m.group()), 0.7,
                        "date in a birth-date column", f"date {date.isoformat()} in the column "
                        f"{cells[column]!r} of a table", validation=True,
                    ))
        return out
