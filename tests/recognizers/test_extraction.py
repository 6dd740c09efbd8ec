"""Labels glued to their values, and words broken by a stray blank or a line break
(recognizers/extraction.py): where the blanks go back, and how offsets come back to the page."""

from __future__ import annotations

import pytest

from recognizers.extraction import broken_tail, glued_labels, narrow, widen
from recognizers.lexicons import lexicons
from redact.config import load_config
from redact.stages.detect import Detector


@pytest.mark.parametrize(("text", "seams"), [
    ("NaamJan de Vries", [4]),
    ("TelefoonnummerO6-12345678", [14]),  # the longest label, not "Telefoon"
    ("WoonplaatsENSCHEDE", [10]),
    ("Geboortedatum12-03-1980", [13]),
    ("BSN123456782", [3]),  # a label in capitals before a digit
    ("IBANNL91 ABNA 0417 1643 00", [4]),  # ... or before an IBAN's country and check digits
    ("BB-24-00194Haddou, N.\t08-07-2001", [11]),  # a table's row: a code's digits, then a name
    ("Naam aanvragerPiet Kok", [14]),  # a label of two words
    ("Gegevens:\nnaamJan\ttelO6-1234 5678", [14, 21]),  # labels in lower case
    ("8601CVSneek", [6]),  # a postcode run into its place
    ("3084  HJRotterdam", [8]),  # ... with two blanks inside it
    ("Voornamen (voluit)Ruthmila Esperanza", [18]),  # a label with a note in brackets
    ("Groene Kruisweg 1O8,3084 HJ Rotterdam", [20]),  # a house number, a comma, the postcode
])
def test_glued_labels_are_found(text: str, seams: list[int]) -> None:
    assert glued_labels(text) == seams


@pytest.mark.parametrize("text", [
    "Naamloze vennootschap", "ADRESSEN EN TELEFOONNUMMERS", "de Telefoonnummers", "Straatnaam Dorpsstraat",
    "Het is 2024Jansen, in proza",  # digits and a name outside a table: left alone
    "xNaamJan", "McDonald en DigiD", "E-mailjan@x.nl",  # no label at a word's start; a value in lower case
])
def test_words_that_open_with_a_label_are_left_whole(text: str) -> None:
    assert glued_labels(text) == []


def test_offsets_come_back_to_the_page() -> None:
    text = "NaamJan\nTel06-12345678"
    seams = glued_labels(text)
    wide = widen(text, seams)
    assert wide == "Naam\tJan\nTel\t06-12345678"
    start = wide.index("06")
    assert text[narrow(start, seams) : narrow(len(wide), seams)] == "06-12345678"
    assert narrow(wide.index("Jan"), seams) == text.index("Jan")
    assert narrow(4, seams) == 4  # a start on a put-in tab goes to the value after it


def test_a_detector_reports_glued_values_where_they_stand() -> None:
    text = "Persoonsgegevens\nNaamJan-Willem Hoekstra\nTelefoonnummerO6-41 23 87 90\nWoonplaatsENSCHEDE"
    found = {(f.entity, f.text, text[f.start : f.end]) for f in Detector(load_config()).detect(text)}
    assert ("PERSON", "Jan-Willem Hoekstra", "Jan-Willem Hoekstra") in found
    assert ("PHONE_NUMBER", "O6-41 23 87 90", "O6-41 23 87 90") in found
    assert ("LOCATION", "ENSCHEDE", "ENSCHEDE") in found


@pytest.mark.parametrize(("text", "end", "whole"), [
    ("mw. Veld huis 053", 8, "mw. Veld huis"),  # a listed surname once joined
    ("Dhr. Rami Al-Kha tib gebeld", 16, "Dhr. Rami Al-Kha tib"),  # a rest that is no word at all
    ("C.M. Wijngaarden-Oudsh\noorn", 22, "C.M. Wijngaarden-Oudsh\noorn"),  # a line break inside the word
    ("Oksana Kova-\nlenko, tel.", 11, "Oksana Kova-\nlenko"),  # a hyphen at the line's end
])
def test_the_rest_of_a_broken_name_is_joined(text: str, end: int, whole: str) -> None:
    assert text[: broken_tail(text, end, lexicons())] == whole


@pytest.mark.parametrize(("text", "end"), [
    ("Jan de Vries en Piet", 12),  # "en" is a word
    ("Piet Jansen bv levert", 11),  # a legal form's abbreviation
    ("Mevrouw Bakker zal bellen", 14),  # no break: an ordinary word follows
])
def test_a_name_before_a_word_is_not_lengthened(text: str, end: int) -> None:
    assert broken_tail(text, end, lexicons()) is None


def test_a_broken_place_is_joined_only_when_listed() -> None:
    lex = lexicons()
    assert broken_tail("3816AK  Amersf oort\n", 14, lex, place=True) == 19
    assert broken_tail("in Utrecht en\n", 10, lex, place=True) is None


def test_a_table_without_its_outer_pipes_is_read_by_its_columns() -> None:
    from recognizers.table_columns import column_cells, may_hold_table

    text = ("Huisnr | Naam | Akkoord | Opmerking\n3 | T. Faber | ja |\n5 | K. Wójcik | ja | geen muziek\n"
            "\nEinde.")
    assert may_hold_table(text)
    cells = [(text[c.start : c.end], c.heading) for c in column_cells(text, frozenset({"huisnr", "naam"}))]
    assert cells == [("3", "huisnr"), ("T. Faber", "naam"), ("5", "huisnr"), ("K. Wójcik", "naam")]
