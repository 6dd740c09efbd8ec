"""The cheap pre-checks in front of our patterns skip only pages where the pattern cannot match.

A recogniser looks for a key word in the lowercased page before it scans with a case-insensitive
pattern, tries a dashed plate only just before a dash that another dash follows closely, and finds
a birth-date table's header once in the whole text; each is compared here with the scan it
replaces, on near misses and on random text built from the characters that matter (letters that
case folding treats apart included). The recognisers of numbers and the OCR reading look at the
page's runs of digits (``digit_runs``) instead of scanning it; each is compared with its scan on
random text built from digits, separators, confusable letters and digits of other scripts.
"""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from recognizers.evidence import lower_text
from recognizers.nl_address import _BLANK, _UP, ADDRESS
from recognizers.nl_bsn import (
    _DATE_THEN,
    _EIGHT,
    _ODD_GROUPS,
    _SHAPES,
    NlBsnRecognizer,
    _date_starts,
    _eight_starts,
    _odd_group_starts,
)
from recognizers.nl_credit_card import _CANDIDATE, candidates
from recognizers.nl_date_of_birth import _BIRTH_LABEL, _label_lines
from recognizers.nl_iban import _CHECK_DIGITS, NlIbanRecognizer
from recognizers.nl_ip_address import _IPV4_HINT, _IPV6_HINT, IPV4, IPV6
from recognizers.nl_license_plate import (
    _DASHED,
    _FIRST_DASH,
    _LABEL_OPENINGS,
    _RIGHT_AFTER_LABEL,
    _after_labels,
)
from recognizers.nl_person import (
    _CAPS_HOLDER_OPENINGS,
    _HAS_BRACKETED_ADDRESS,
    _HAS_FROM_COUNTRY,
    _HAS_GIVEN_IN_BRACKETS,
    _LOWER_GREETING,
    BRACKETED_GIVEN,
    CAPS_HOLDER,
    CHAT_SENDER,
    CHAT_SENDER_DASH,
    CHAT_SENDER_LINE,
    FROM_COUNTRY,
    HEADER,
    HEADER_LOGIN,
    NAME_WITH_ADDRESS,
    ROLE_THEN_GIVEN,
    _chat_senders,
    _greeting_line_starts,
)
from recognizers.nl_phone import _OPENING, NlPhoneRecognizer
from recognizers.nl_postcode import (
    _PLACE_LABEL_WORD,
    PLACE_LABEL,
    POSTCODE,
    POSTCODE_LOWER,
    place_labels,
    postcodes,
    postcodes_in_lower_case,
)
from recognizers.nl_url import _LABELLED, _LABELS, _SITES, ANY_URL, PROFILE
from recognizers.ocr import _ANY, _may_be_misread
from recognizers.person_context import _AND_BEFORE, _ORGANISATION_AND
from recognizers.scanning import (
    digit_runs,
    matches_at,
    may_hold,
    starts_before,
    starts_of_lines_holding,
    starts_of_openings,
)
from recognizers.table_columns import _LABEL, _rows, column_cells
from redact.stages.propose import _LIVES_AT, _LIVES_IN, _URL_OPENINGS, _woon_starts

PIECES = [
    "Woonplaats", "plaats", "PLAATS", "Geboorteplaats", "place of residence", ":", "\t", " ", "  ", "\n",
    "Utrecht", "Kenteken", "kenteken", "KENTEKEN", "nummerbord", "license plate", "Licence Plate",
    "GT-123-B", "12-BBB-3", "12-", "-", "-\n", " \n", "\u00a0", "AB", "x", "1", "99XXL9", "Geb.datum",
    "geboren", "DOB",
    "date of birth", "12-03-1985", "linkedin.com/in/jan", "FaceBook.COM/jan.jansen", "x.com/", "/",
    "ſ", "ı", "İ", "K", "é", ".", "lİcense plate", "NUMMERBORD", "kentekenplaat: ", "(Ricardo) ", "R.A. ",
    "Sabajo", "Woonplaats", "WOONPLAATS:", "geboorteplaats\t", "Vestigingsplaats  ", "vestİgingsplaats: ",
    "  \t", "Amsterdam", "\n-\n", "x   Woonplaats: Utrecht", "\nvestİgingsplaats: Utrecht\n",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
EXAMPLES = settings(max_examples=400, deadline=None)
_NL_BLANK = regex.compile(r"(?i:nl)[ ](?=\d\d)")  # where the IBAN pattern's "NL 55" can start


# ADDRESS as it was written before its first capital was taken ahead of the lookbehind.
PLAIN_ADDRESS = re.compile(
    rf"(?=[{_UP}'])(?<![\w@./-])"
    rf"(?P<street>(?:[{_UP}'][\w'’.-]*+{_BLANK}+(?:(?:van|de|der|den|het|'t|op|aan|in|bij|te|"
    rf"ter|ten|la|le|en){_BLANK}+)*){{0,4}}[{_UP}'](?:[^\W\d_]|['’-])*+(?<=[a-zë]))"
    + ADDRESS.pattern[ADDRESS.pattern.index("(?P<dot>"):]
)
ADDRESS_TEXTS = st.lists(st.sampled_from([
    "Kerkstraat", "Jan", "van", "de", "Galenstraat", "Molenstr", ".", " ", "\t", "\n", "12", "3", "a", "-II",
    "nr. ", "nummer ", "'t", "Hof", "@", "/", "x", "Ë", "ë", "'", "’", "-", "0", "Markt", "hs",
]), max_size=12).map("".join)


def groups(matches: object) -> list[tuple[object, ...]]:
    return [(m.span(), *(m.span(g) for g in range(1, len(m.groups()) + 1))) for m in matches]  # type: ignore[attr-defined]


@EXAMPLES
@given(ADDRESS_TEXTS)
def test_address_pattern_matches_as_its_plain_form(text: str) -> None:
    assert groups(ADDRESS.finditer(text)) == groups(PLAIN_ADDRESS.finditer(text))


def spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@EXAMPLES
@given(TEXTS)
def test_dashed_plates_tried_before_each_dash_only(text: str) -> None:
    dashes = [m.start() for m in _FIRST_DASH.finditer(text)]
    assert spans(matches_at(_DASHED, text, starts_before(dashes, 3))) == spans(_DASHED.finditer(text))


@EXAMPLES
@given(TEXTS)
def test_a_page_without_the_key_words_has_no_match(text: str) -> None:
    lowered = lower_text(text)
    if _PLACE_LABEL_WORD.search(lowered) is None and not may_hold(text, "", ()):
        assert PLACE_LABEL.search(text) is None
    if not may_hold(text, lowered, _LABEL_OPENINGS):
        assert _RIGHT_AFTER_LABEL.search(text) is None
    if not may_hold(text, lowered, _SITES):
        assert PROFILE.search(text) is None


@EXAMPLES
@given(TEXTS)
def test_place_labels_tried_before_the_label_words_only(text: str) -> None:
    assert groups(place_labels(text, lower_text(text))) == groups(PLACE_LABEL.finditer(text))


@EXAMPLES
@given(TEXTS)
def test_plates_after_labels_tried_at_the_labels_only(text: str) -> None:
    assert groups(_after_labels(text, lower_text(text))) == groups(_RIGHT_AFTER_LABEL.finditer(text))


@EXAMPLES
@given(TEXTS)
def test_a_page_without_a_dot_blank_bracket_has_no_bracketed_given_name(text: str) -> None:
    if ". (" not in text:
        assert BRACKETED_GIVEN.search(text) is None


@EXAMPLES
@given(TEXTS)
def test_birth_date_headers_found_once_are_those_found_line_by_line(text: str) -> None:
    by_line = set()
    offset = 0
    for line in text.split("\n"):
        if _BIRTH_LABEL.search(line):
            by_line.add(offset)
        offset += len(line) + 1
    assert _label_lines(text, lower_text(text)) == by_line


@EXAMPLES
@given(st.lists(st.sampled_from(["1", "12", "255", "0", ".", ":", "::", "fe80", "a", "G", " ", "x"]),
                max_size=14).map("".join))
def test_a_page_without_an_ip_address_hint_has_no_ip_address(text: str) -> None:
    if _IPV4_HINT.search(text) is None:
        assert IPV4.search(text) is None
    if _IPV6_HINT.search(text) is None:
        assert IPV6.search(text) is None


def test_starts_before_each_char() -> None:
    assert starts_before([2, 5, 6, 8], 3) == [0, 1, 2, 3, 4, 5, 6, 7]
    assert starts_before([6], 3) == [3, 4, 5]
    assert starts_before([0], 3) == []
    assert starts_before([], 3) == []


def test_may_hold_reads_folded_letters_as_a_maybe() -> None:
    assert may_hold("Kenteken", "kenteken", ("kenteken",))
    assert not may_hold("auto", "auto", ("kenteken",))
    assert may_hold("licenſe plate", "licenſe plate", ("license plate",))  # the long s
    assert re.search("(?i)license plate", "licenſe plate")


# Digits (ASCII, Arabic-Indic, fullwidth, one the regex module knows and Python 3.11 does not),
# separators and the letters around numbers: BSN, IBAN, phone, card, postcode shapes and OCR.
DIGIT_TEXTS = st.lists(st.sampled_from([
    "0", "1", "2", "3", "7", "9", "12", "123", "1234", "0612", "12345678", "123456782", "4111111111111111",
    "\u0663", "\uff11", "\U00010d41", "²", " ", "  ", "\u00a0", "\t", "\n", ".", ",", "-", "/", "+", "(", ")",
    "(0", "+31", "€", "$", "@", ":", "_", "l", "I", "O", "o", "NL", "nl", "AB", "a", "é", "x", "Ş", "AB ",
    "Gr00t", "Mar1oes", "l7-O5", "NL7l", "hv", " hv", "1234 ab", "7411  hv  ", "NL ", "Nl ", "nl ",
]), max_size=16).map("".join)


def test_the_runs_take_every_digit_of_re_and_no_word_character_of_re_besides() -> None:
    """The regex module's ``\\d`` (the runs') holds ``re``'s; its newer digits are no ``re`` word
    characters, so a pattern in ``re`` sees no letter where the runs see a digit."""
    re_digit, re_word, digit = re.compile(r"\d"), re.compile(r"\w"), regex.compile(r"\d")
    for c in map(chr, range(sys.maxunicode + 1)):
        if re_digit.match(c):
            assert digit.match(c), hex(ord(c))
        elif digit.match(c):
            assert not re_word.match(c), hex(ord(c))


@EXAMPLES
@given(DIGIT_TEXTS)
def test_digit_runs_are_the_scan_for_digits(text: str) -> None:
    assert list(digit_runs(text)) == [m.span() for m in regex.finditer(r"\d+", text)]
    assert digit_runs(text) is digit_runs(text)  # the same page: found once


@EXAMPLES
@given(DIGIT_TEXTS)
def test_a_page_that_the_runs_say_is_clean_has_nothing_for_ocr_to_read(text: str) -> None:
    if not _may_be_misread(text):
        assert _ANY.search(text) is None


def tried_at_the_runs_as_scanned(text: str) -> None:
    """Each number pattern tried at the runs finds what its scan of ``text`` finds."""
    assert NlBsnRecognizer().match_starts(text) == [m.start() for m in _SHAPES.finditer(text)]
    assert NlIbanRecognizer().match_starts(text) == sorted(  # also "NL 55 ...", "nl 55": a blank after "NL"
        [m.start() - 2 for m in _CHECK_DIGITS.finditer(text)] + [m.start() for m in _NL_BLANK.finditer(text)]
    )
    assert NlPhoneRecognizer().match_starts(text) == [m.start() for m in _OPENING.finditer(text)]
    assert spans(candidates(text)) == spans(_CANDIDATE.finditer(text))
    assert groups(postcodes(text)) == groups(POSTCODE.finditer(text))
    assert groups(postcodes_in_lower_case(text)) == groups(POSTCODE_LOWER.finditer(text))
    assert spans(matches_at(_EIGHT, text, _eight_starts(text))) == spans(_EIGHT.finditer(text))
    assert spans(matches_at(_ODD_GROUPS, text, _odd_group_starts(text))) == spans(_ODD_GROUPS.finditer(text))
    assert spans(matches_at(_DATE_THEN, text, _date_starts(text))) == spans(_DATE_THEN.finditer(text))


@EXAMPLES
@given(DIGIT_TEXTS)
def test_number_patterns_tried_at_the_runs_find_what_their_scans_find(text: str) -> None:
    tried_at_the_runs_as_scanned(text)


@EXAMPLES
@given(st.lists(st.sampled_from([
    "12-03-1985 ", "1.3.85\t", "248775832", "62958 9823", "12 34 56 782", "1234.56.782", "12345672", "1", "-",
    " ", ".", "/", "x", "BSN ",
]), max_size=10).map("".join))
def test_bsn_tables_and_groups_tried_at_the_runs_find_what_their_scans_find(text: str) -> None:
    tried_at_the_runs_as_scanned(text)


PERSON_PIECES = [
    "Ama", "Owusu", "Mensah", " ", "(", ")", "Spreeuwenhof", " 22", "22", "a", "-", "'t", "van", " uit ",
    "uit", "Rama", "Syrië", "RAMA", "É", "é", "buurvrouw", " (Fatma)", "Fatma", ", ", ",", "\n", "\t",
    "woont", "gewoont", "woon", "ge", " in ", " te ", "Almere", "een", " man", "x", "Xeen", "een man uit ",
    "Een", " moeder", "een\nvader uit ",
    " en ", "Waterschap", "Linge", " en \n", "en", "ß", "1", "Ⅳ",
]
PERSON_TEXTS = st.lists(st.sampled_from(PERSON_PIECES), max_size=14).map("".join)


@EXAMPLES
@given(PERSON_TEXTS)
def test_a_page_without_the_fixed_part_of_a_person_pattern_has_no_match(text: str) -> None:
    for looks_first, pattern in (
        (_HAS_BRACKETED_ADDRESS, NAME_WITH_ADDRESS),
        (_HAS_FROM_COUNTRY, FROM_COUNTRY),
        (_HAS_GIVEN_IN_BRACKETS, ROLE_THEN_GIVEN),
    ):
        if looks_first.search(text) is None:
            assert pattern.search(text) is None


@EXAMPLES
@given(PERSON_TEXTS)
@example("Waterschap Linge en \nLek")  # "$" before the last line break of what is looked at
def test_an_organisation_joined_by_en_is_looked_for_only_after_en(text: str) -> None:
    for end in range(len(text) + 1):
        if not text.endswith(_AND_BEFORE, 0, end):
            assert _ORGANISATION_AND.search(text, max(0, end - 50), end) is None


# The residence patterns as they were written before they were tried at their fixed words.
# The same pattern with the plain word boundary in front instead of the lookbehind after "een".
PLAIN_MAN_FROM = re.compile(r"\b" + _LIVES_IN[-1][1].pattern.replace(r"(?<!\w[eE]en)", "", 1))


@EXAMPLES
@given(PERSON_TEXTS)
def test_residences_tried_at_their_words_find_what_their_scans_find(text: str) -> None:
    assert groups(matches_at(_LIVES_AT, text, _woon_starts(text))) == groups(_LIVES_AT.finditer(text))
    assert groups(_LIVES_IN[-1][1].finditer(text)) == groups(PLAIN_MAN_FROM.finditer(text))


GREETING_TEXTS = st.lists(st.sampled_from([
    "hoi", "hallo", "groetjes", "gr", "dank je", "beste", "xx", " ", ",", "\t", ">", "\n", "marloes", "noah",
    "sandra", "x", "é", "was", "de", "groet", "hi", "lieve", "-",
]), max_size=12).map("".join)


@EXAMPLES
@given(GREETING_TEXTS)
def test_lower_case_greetings_tried_at_the_lines_opening_with_their_words_only(text: str) -> None:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]  # every line's start
    assert spans(matches_at(_LOWER_GREETING, text, _greeting_line_starts(text))) == spans(
        matches_at(_LOWER_GREETING, text, starts)
    )


URL_TEXTS = st.lists(st.sampled_from([
    "http://", "https://", "HTTPS://", "Http", "www.", "WWW.", "wWw.", "ſ", "ı", "x.nl", "/", "@", "-", ".",
    " ", "\n", "a", "(", ")", "İ", "example", "s", ":",
]), max_size=12).map("".join)


@EXAMPLES
@given(URL_TEXTS)
def test_web_addresses_tried_at_their_openings_find_what_the_scan_finds(text: str) -> None:
    starts = starts_of_openings(text, lower_text(text), _URL_OPENINGS)
    if starts is not None:
        assert groups(matches_at(ANY_URL, text, starts)) == groups(ANY_URL.finditer(text))


def cells_line_by_line(text: str, headings: frozenset[str]) -> list[tuple[int, int, str]]:
    """column_cells as it read every line of the page for a header row (before it went by the tabs)."""
    out: list[tuple[int, int, str]] = []
    at = 0
    while True:
        nl = text.find("\n", at)
        if nl < 0:
            return out
        line = text[at:nl]
        if line.count("\t") >= 2:
            heads = [h.strip().lower() for h in line.split("\t")]
            wanted = [
                i for i, h in enumerate(heads) if h in headings or h.startswith("naam ") and h[:4] in headings
            ]
            if wanted and all(h and _LABEL.fullmatch(h) for h in heads):
                out.extend(tuple(c) for c in _rows(text, nl + 1, heads, wanted))
        at = nl + 1


TABLE_TEXTS = st.lists(st.sampled_from([
    "Naam", "naam cliënt", "Wijk", "Nr", "\t", "\t", "\n", "\n", " ", "Jan", "Kok", "1", "Utrecht", "x", "",
]), max_size=16).map("".join)


@EXAMPLES
@given(TABLE_TEXTS)
def test_table_header_rows_looked_for_at_the_tabs_find_the_cells_of_every_line(text: str) -> None:
    headings = frozenset({"naam", "wijk"})
    assert [tuple(c) for c in column_cells(text, headings)] == cells_line_by_line(text, headings)


HEADER_TEXTS = st.lists(st.sampled_from([
    "Van", "aan", "CC", "kopie aan", "From", "to", ":", " ", "\t", ">", "\n", "m.groen", "j.de.vries", "Jan",
    "info.x", "x", ".", "-", "afzender", "Bos, Anna",
]), max_size=14).map("".join)


@EXAMPLES
@given(HEADER_TEXTS)
def test_mailbox_user_names_tried_at_the_header_lines_only(text: str) -> None:
    lines = starts_of_lines_holding(text, ":")
    headers = [m.start() for m in matches_at(HEADER, text, lines)]
    assert groups(matches_at(HEADER_LOGIN, text, headers)) == groups(matches_at(HEADER_LOGIN, text, lines))


CHAT_TEXTS = st.lists(st.sampled_from([
    "[", "]", "12", "09:12", "-", " - ", "1", "/", ".", ",", " ", "\t", "\n", ":", "Demi", "Schouten", "van",
    "Wirjosoemarto, Kartika", "x", "03-05-2024", "3/5/24, 14:02", "٣",
]), max_size=14).map("".join)


def chat_senders_by_scans(text: str) -> list[tuple[int, int]]:
    """_chat_senders as it scanned the whole page with each pattern."""
    found = list(CHAT_SENDER.finditer(text)) if "[" in text and "]" in text else []
    if "[" in text and "]" in text:
        lines = list(CHAT_SENDER_LINE.finditer(text))
        if len(lines) > 1:
            found += lines
    if " - " in text:
        found += CHAT_SENDER_DASH.finditer(text)
    return spans(found)


@EXAMPLES
@given(CHAT_TEXTS)
@example("[09:12] Demi Schouten\nhoi\n[09:13] Demi Schouten\n3/5/24, 14:02 - Demi: x")
def test_chat_senders_tried_at_their_lines_are_those_of_the_scans(text: str) -> None:
    assert spans(_chat_senders(text)) == chat_senders_by_scans(text)


LABEL_TEXTS = st.lists(st.sampled_from([
    "t.n.v. ", "T.N.V.", "ten name van", "Kaarthouder", "\u212aaarthouder", "L H ZWANIKKEN", "VAN ", "J. ",
    ":", "\t", " ", "\n", "Blog", "blog:", "Profiel: ", "PORTFOLIO\t", "eigen website", "https://x.nl",
    "www.y.nl", "ſ", "ı", "İ", "x", "website / profiel: ",
]), max_size=10).map("".join)


@EXAMPLES
@given(LABEL_TEXTS)
def test_labelled_patterns_tried_at_their_labels_find_what_their_scans_find(text: str) -> None:
    for pattern, labels in ((CAPS_HOLDER, _CAPS_HOLDER_OPENINGS), (_LABELLED, _LABELS)):
        starts = None if "İ" in text else starts_of_openings(text, lower_text(text), labels)
        if starts is not None:
            assert groups(matches_at(pattern, text, starts)) == groups(pattern.finditer(text))
