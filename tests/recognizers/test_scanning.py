"""The cheap scans find exactly what the full scans find.

Our pattern recognisers try their patterns only where a match can start (``match_starts``), the
person recogniser tries its header and sign-off patterns only on lines with a colon and at the
opening words (the proposal's search for later mentions of a person is in tests/test_propose.py).
Each is compared here with the full scan it replaces, on tables of near misses and on random text
built from the characters that matter.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import PatternRecognizer, RecognizerResult

from recognizers.dutch_pattern import DutchPatternRecognizer
from recognizers.evidence import lower_text
from recognizers.nl_bsn import NlBsnRecognizer
from recognizers.nl_date_of_birth import BIRTH_DATE, birth_dates
from recognizers.nl_email import NlEmailRecognizer
from recognizers.nl_iban import NlIbanRecognizer
from recognizers.nl_person import HEADER, SIGN_OFF, _sign_offs
from recognizers.nl_phone import NlPhoneRecognizer
from recognizers.scanning import matches_at, starts_of_lines_holding

RECOGNIZERS = [NlBsnRecognizer(), NlEmailRecognizer(), NlIbanRecognizer(), NlPhoneRecognizer()]
PIECES = [
    # digits, groups and separators (BSN, IBAN, phone)
    "123456782", "1234.56.782", "123 456 782", "1234 56 782", "06-12345678", "+31 6 1234 5678",
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "BE71 0961 2345 6769",
    "1", "12", "0", " ", "\u00a0", ".", ",", "-", "/", ":", "€", "+", "(", ")", "AB", "nl", "x",
    "0031 20 123 4567", "+32 2 123 45 67", "(020) 123 4567", "00",
    # e-mail addresses and their pieces
    "jan", "@", "'", "d'hondt", "minvws.nl", "a@b.nl", "_", "%", "é", "<", ">", "\n",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
EXAMPLES = settings(max_examples=300, deadline=None)


def explained(results: list[RecognizerResult]) -> list[tuple[object, ...]]:
    """Everything a result reports: span, entity, score and the explanation's fields."""
    out = []
    for r in results:
        e = r.analysis_explanation
        assert e is not None
        out.append((r.start, r.end, r.entity_type, r.score, e.recognizer, e.pattern_name, e.pattern,
                    e.original_score, e.score, e.validation_result, e.textual_explanation))
    return sorted(out)


@pytest.mark.parametrize("recognizer", RECOGNIZERS, ids=lambda r: r.name)
@pytest.mark.parametrize("text", [
    "BSN 123456782, IBAN NL91ABNA0417164300, tel. 06-12345678, jan@minvws.nl",
    "ref 2024/123456782 en 1.123456782 en €123456782 en 12345678201",
    "r.d'hondt@example.be; 'jan@minvws.nl'; a@@b.nl; @jan; jan.@x.nl",
    "AB12 NL91 ABNA 0417 1643 00X en xNL91ABNA0417164300",
    "",
])
def test_our_pattern_loop_reports_what_presidios_reports(
    recognizer: DutchPatternRecognizer, text: str
) -> None:
    ours = DutchPatternRecognizer.analyze(recognizer, text, [])
    assert explained(ours) == explained(PatternRecognizer.analyze(recognizer, text, []))


@EXAMPLES
@given(TEXTS)
def test_trying_only_where_a_match_can_start_misses_nothing(text: str) -> None:
    for recognizer in RECOGNIZERS:
        ours = DutchPatternRecognizer.analyze(recognizer, text, [])
        assert explained(ours) == explained(PatternRecognizer.analyze(recognizer, text, [])), recognizer.name


@EXAMPLES
@given(st.lists(st.sampled_from(
    ["Van", "van", "Aan", "CC", " ", "\t", ":", "\n", "Jan", ",", "!", "Met vriendelijke groet,\n",
     "groeten\n", "Gr, RF", "Dank je wel\n", "BEDANKT!\n", "mvg\n", "Hoogachtend,\n", "Regards\n",
     "ſ", "İ", "K", "RF"]
), max_size=12).map("".join))
def test_header_and_sign_off_lines_are_found_as_by_a_full_scan(text: str) -> None:
    assert [m.span() for m in matches_at(HEADER, text, starts_of_lines_holding(text, ":"))] == [
        m.span() for m in HEADER.finditer(text)
    ]
    assert [m.span() for m in _sign_offs(text, lower_text(text))] == [
        m.span() for m in SIGN_OFF.finditer(text)
    ]


@EXAMPLES
@given(st.lists(st.sampled_from(
    ["geboren ", "Geb. ", "GEB ", "geboortedatum: ", "Date of Birth ", "date of bırth ", "D.O.B. ", "dob ",
     "Born ", "İ", "ſ", "K", "(", "op ", "\n", "3 maart 1985", "03-03-1985", "1985-03-03", "x", "-"]
), max_size=8).map("".join))
def test_birth_dates_are_found_as_by_a_full_scan(text: str) -> None:
    assert [m.span() for m in birth_dates(text, lower_text(text))] == [
        m.span() for m in BIRTH_DATE.finditer(text)
    ]
