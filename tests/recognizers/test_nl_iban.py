"""NlIbanRecognizer: Dutch and other SEPA IBANs, compact and in groups of four, checked with mod-97.

All account numbers are fictitious (the registry's documentation examples or made up here with
valid check digits). NL94 ABNA 0123 4567 82 hides a checksum-valid BSN (123456782) and
NL44 INGB 0612 3456 78 a mobile number (0612345678): neither may be reported as anything but an IBAN.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban

from recognizers.nl_bsn import NlBsnRecognizer
from recognizers.nl_email import NlEmailRecognizer
from recognizers.nl_iban import NlIbanRecognizer
from recognizers.nl_phone import NlPhoneRecognizer
from tests.recognizers.tables import sole_finding

ENTITY = "IBAN_CODE"
OURS = {"EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN", "IBAN_CODE"}
RECOGNIZER = NlIbanRecognizer()


def spans(text: str) -> list[tuple[int, int]]:
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    return sorted((r.start, r.end) for r in results)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # fmt: off
        # Dutch, compact and spaced, any case
        ("IBAN: NL91 ABNA 0417 1643 00", 1, ((6, 28),)),
        ("Rekeningnummer NL91ABNA0417164300.", 1, ((15, 33),)),
        ("op rekening nl91 abna 0417 1643 00 t.n.v. P. Fictief", 1, ((12, 34),)),
        ("(NL91ABNA0417164300)", 1, ((1, 19),)),
        ("Van NL94 ABNA 0123 4567 82 naar NL44INGB0612345678.", 2, ((4, 26), (32, 50))),
        ("Rekening NL57 RABO 0111 2223 33\nte Utrecht", 1, ((9, 31),)),
        # other SEPA countries at their own length
        ("Betaald van BE71 0961 2345 6769 aan de gemeente", 1, ((12, 31),)),
        ("Rekening BE71 0961 2345 6769 2024", 1, ((9, 28),)),
        ("Duitse rekening DE89 3704 0044 0532 0130 00, Franse FR14 2004 1010 0505 0001 3M02 606.",
         2, ((16, 43), (52, 85))),
        ("GB82WEST12345698765432", 1, ((0, 22),)),
        ("ES91 2100 0418 4502 0005 1332 en AT61 1904 3002 3457 3201", 2, ((0, 29), (33, 57))),
        # near misses: wrong check digits, wrong length, glued, unknown country, other numbers
        ("IBAN: NL91 ABNA 0417 1643 01", 0, ()),
        ("IBAN: NL92ABNA0417164300", 0, ()),
        ("IBAN: NL91 ABNA 0417 1643", 0, ()),
        ("IBAN: NL91 ABNA 0417 1643 000", 0, ()),
        ("XNL91ABNA0417164300", 0, ()),
        ("1NL91ABNA0417164300", 0, ()),
        ("XX91 ABNA 0417 1643 00", 0, ()),
        ("DE89 3704 0044 0532 0130 01", 0, ()),
        ("BE68 5390 0754 7034", 0, ()),
        ("Zaaknummer NL-2024-0417, kenteken NL12 ABC", 0, ()),
        ("BSN 123456782, tel. 06-12345678, postcode 1234 AB", 0, ()),
        ("Bedrag € 1.234.567,00 op 12-03-2024", 0, ()),
        ("mail nl91abna0417164300@bank.example", 0, ()),
        # fmt: on
    ],
)
def test_when_iban_in_text_then_all_found(text, expected_len, expected_positions):
    found = spans(text)
    assert len(found) == expected_len, [text[s:e] for s, e in found]
    assert found == sorted(expected_positions)


@pytest.mark.parametrize(
    "number, valid",
    [
        ("NL91ABNA0417164300", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("nl91 abna 0417 1643 00", True),
        ("NL94 ABNA 0123 4567 82", True),
        ("BE71 0961 2345 6769", True),
        ("DE89 3704 0044 0532 0130 00", True),
        ("GB82 WEST 1234 5698 7654 32", True),
        ("NL91\u00a0ABNA\u00a00417\u00a01643\u00a000", True),
        ("NL91ABNA0417164301", False),
        ("NL19ABNA0417164300", False),
        ("NL91ABNA041716430", False),
        ("NL911BNA0417164300", False),
        ("BE68539007547034", False),  # mod-97 right, Belgian national check wrong
        ("XX91ABNA0417164300", False),
    ],
)
def test_mod_97(number, valid):
    assert RECOGNIZER.validate_result(number) is valid


@given(
    bank=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4),
    account=st.text(alphabet="0123456789", min_size=10, max_size=10),
    spaced=st.booleans(),
)
def test_every_dutch_iban_is_found_and_a_wrong_check_digit_is_not(bank, account, spaced):
    number = f"NL{iban.calc_check_digits(f'NL00{bank}{account}')}{bank}{account}"
    written = iban.format(number) if spaced else number
    text = f"Rekening {written}."
    assert spans(text) == [(9, 9 + len(written))]
    wrong = written[:2] + f"{(int(written[2:4]) + 1) % 100:02d}" + written[4:]
    assert spans(f"Rekening {wrong}.") == []


def test_valid_iban_scores_one():
    (result,) = RECOGNIZER.analyze("IBAN NL91ABNA0417164300", entities=[ENTITY])
    assert result.score == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Rekening NL94 ABNA 0123 4567 82",
        "Rekening NL94ABNA0123456782",
        "Rekening NL44 INGB 0612 3456 78",
        "Rekening NL44INGB0612345678",
        "Rekening NL57 RABO 0111 2223 33",
        "Rekening DE57 3704 0044 0612 3456 78",
    ],
)
def test_iban_digits_are_no_phone_number_bsn_or_email(text):
    for other in (NlPhoneRecognizer(), NlBsnRecognizer(), NlEmailRecognizer()):
        assert other.analyze(text, entities=other.supported_entities) == [], type(other).__name__


@pytest.mark.parametrize(
    "text, planted",
    [
        ("Betaal op rekening NL94 ABNA 0123 4567 82 t.n.v. de aanvrager.", "NL94 ABNA 0123 4567 82"),
        ("Betaal op NL44INGB0612345678 voor 1 mei.", "NL44INGB0612345678"),
        ("Het bedrag gaat naar NL57 RABO 0111 2223 33.", "NL57 RABO 0111 2223 33"),
        ("Rekening DE57 3704 0044 0612 3456 78 (Duitsland).", "DE57 3704 0044 0612 3456 78"),
    ],
)
def test_detector_reports_the_iban_as_nothing_else(detector, text, planted):
    finding = sole_finding(detector, text, planted, ENTITY, OURS)
    assert finding.explanation.validation == "valid"
    assert finding.ground == "5.1.2e"


def test_detector_never_reports_wrong_check_digits(detector):
    assert [f for f in detector.detect("IBAN NL91 ABNA 0417 1643 01") if f.entity in OURS] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # fmt: off
        # what PDF extraction and OCR leave between the groups: a line break, two spaces, a tab,
        # a no-break space (U+00A0, U+202F); the mod-97 check still applies
        ("IBAN NL91 ABNA\n0417 1643 00 graag.", ["NL91 ABNA\n0417 1643 00"]),
        ("Rekening NL91 ABNA 0417\n1643 00 t.n.v. de aanvrager", ["NL91 ABNA 0417\n1643 00"]),
        ("IBAN:\tNL91  ABNA  0417  1643  00", ["NL91  ABNA  0417  1643  00"]),
        ("IBAN NL91\tABNA\t0417\t1643\t00", ["NL91\tABNA\t0417\t1643\t00"]),
        ("IBAN NL91\u00a0ABNA\u00a00417\u00a01643\u00a000", ["NL91\u00a0ABNA\u00a00417\u00a01643\u00a000"]),
        ("IBAN NL91\u202fABNA\u202f0417\u202f1643\u202f00.", ["NL91\u202fABNA\u202f0417\u202f1643\u202f00"]),
        ("IBAN NL91 ABNA \n 0417 1643 00", ["NL91 ABNA \n 0417 1643 00"]),
        ("Betaald van BE71 0961\n2345 6769 aan de gemeente", ["BE71 0961\n2345 6769"]),
        # near misses: a wrong check digit across the break, a paragraph between the halves
        ("IBAN NL91 ABNA\n0417 1643 01 graag.", []),
        ("IBAN NL91 ABNA\n\n0417 1643 00 graag.", []),
        ("Kenmerk NL91 ABNA\n2024 0001 00", []),
        # fmt: on
    ],
)
def test_iban_across_blanks_and_line_breaks(text, expected):
    found = spans(text)
    assert [text[s:e] for s, e in found] == expected


@pytest.mark.parametrize(
    "text, planted",
    [
        ("Graag overmaken op\nNL44 INGB\n0612 3456 78 t.n.v. P. Fictief.", "NL44 INGB\n0612 3456 78"),
        ("Rekening NL94 ABNA\n0123 4567 82.", "NL94 ABNA\n0123 4567 82"),
    ],
)
def test_detector_reports_a_broken_iban_whole_and_as_nothing_else(detector, text, planted):
    finding = sole_finding(detector, text, planted, ENTITY, OURS)
    assert finding.explanation.validation == "valid"


@pytest.mark.parametrize(
    "text, organisation",
    [
        ("Het rekeningnummer van de stichting is NL91ABNA0417164300.", True),
        ("Bankrekening van de vereniging: NL91 ABNA 0417 1643 00", True),
        ("IBAN van Stichting Buurthuis De Mussen: NL91ABNA0417164300", True),
        ("Overmaken op NL91 ABNA 0417 1643 00 t.n.v. Stichting Speeltuin Oost.", True),
        ("IBAN: NL91ABNA0417164300 t.n.v. Bouwbedrijf Jansen B.V.", True),
        ("IBAN: NL91ABNA0417164300 t.n.v. J. Visser", False),
        ("IBAN: NL91ABNA0417164300 t.n.v. J. Visser (n.v.t.)", False),
        ("Ik betaalde de rekening van de gemeente van mijn rekening NL91ABNA0417164300.", False),
        ("Het rekeningnummer van mijn vader is NL91ABNA0417164300.", False),
    ],
)
def test_an_organisations_account_scores_below_the_threshold(text, organisation):
    (result,) = RECOGNIZER.analyze(text, entities=[ENTITY])
    assert (result.score < 0.4) is organisation
    if organisation:
        assert "an organisation's account" in result.analysis_explanation.textual_explanation

