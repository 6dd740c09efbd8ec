"""Dates of birth (DATE_OF_BIRTH): a date with birth context, nothing else.

Legal basis: a date of birth identifies a person together with a name (AVG art. 4(1)); withheld
under art. 5.1.2e Woo. Other dates (meetings, letters, deadlines) are not personal data here and
are never reported. Context: "geboren (op)", "geboortedatum", "geb.", "geboortedag", "date of
birth", "DOB", and "(geb. 1-2-1980)" after a name. Formats: 1-2-1980, 01/02/1980, 1.2.1980,
1 februari 1980, 1 feb. 1980, 1980-02-01; the date must exist.

Fictitious examples: "geboren op 3 maart 1985", "Geboortedatum: 03-03-1985"; not "brief van
3 maart 2024", "vergadering 12-03-2024".
"""

from __future__ import annotations

import datetime as dt
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import lower_text, make_result
from recognizers.scanning import matches_at, starts_of_openings

MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maart": 3, "apr": 4, "april": 4,
    "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augustus": 8, "sep": 9,
    "sept": 9, "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = (
    r"(?P<d1>\d{1,2})[-/.](?P<m1>\d{1,2})[-/.](?P<y1>(?:19|20)\d{2}|\d{2})"
    rf"|(?P<d2>\d{{1,2}})[ \t]+(?P<m2>{_MONTH_NAMES})\.?[ \t]+(?P<y2>(?:19|20)\d{{2}})"
    r"|(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2})"
)
BIRTH_DATE = re.compile(
    r"(?i)(?P<context>\bgeboren\b|\bgeboortedatum\b|\bgeb\.|\bgeb\b|\bgeboortedag\b|"
    r"\bdate of birth\b|\bd\.o\.b\.|\bdob\b|\bborn\b)"
    r"(?:[ \t\n]*(?:[:(]|\b(?:op|on|is|was|d\.d\.|datum|van|de|te)\b))*[ \t\n]*"
    rf"(?P<date>{DATE})(?![\d])"
)

# What a BIRTH_DATE match opens with (its context word), lowercase: the pattern is tried there only.
_CONTEXT_OPENINGS = ("geb", "date of birth", "d.o.b.", "dob", "born")


def birth_dates(text: str, lowered: str) -> list[re.Match[str]]:
    """``BIRTH_DATE.finditer(text)``, tried only at the context words (``lowered``: the text in
    lowercase)."""
    starts = starts_of_openings(text, lowered, _CONTEXT_OPENINGS)
    return list(BIRTH_DATE.finditer(text) if starts is None else matches_at(BIRTH_DATE, text, starts))


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The calendar date of a DATE match, or None if it does not exist."""
    g = match.groupdict()
    try:
        if g["d1"]:
            year = int(g["y1"])
            year += 1900 if year >= 30 and year < 100 else (2000 if year < 100 else 0)
            return dt.date(year, int(g["m1"]), int(g["d1"]))
        if g["d2"]:
            return dt.date(int(g["y2"]), MONTHS[g["m2"].lower()], int(g["d2"]))
        if g["y3"]:
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
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
        lowered = lower_text(text)
        if "geb" not in lowered and "birth" not in lowered and "dob" not in lowered and "born" not in lowered:
            return []
        out = []
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
        return out
