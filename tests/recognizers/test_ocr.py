"""ocr_read: the recognisers read past OCR's confusions of letters and digits, at the same offsets.

Numbers with "l", "I", "O" or "o" for 1 and 0, names with 1 and 0 for "l" and "o"; codes that mix
letters and digits on purpose stay as they are. The explanation of a finding says what was read.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognizers.ocr import ocr_note, ocr_read


@pytest.mark.parametrize(
    "text, read",
    [
        # fmt: off
        # numbers: BSN, date, IBAN, phone, postcode, house number, licence plate
        ("BSN: ll4 2O8 67O", "BSN: 114 208 670"),
        ("geboren l7-05-1991", "geboren 17-05-1991"),
        ("geb. l2-lO-l97l", "geb. 12-10-1971"),
        ("NL28 INGB 49l1 0213 43", "NL28 INGB 4911 0213 43"),
        ("tel +3l 6 4082 1957", "tel +31 6 4082 1957"),
        ("48l4 GE Breda", "4814 GE Breda"),
        ("Haagweg 2l7", "Haagweg 217"),
        ("kenteken V-2l8-BX", "kenteken V-218-BX"),
        ("3299.l9.453", "3299.19.453"),
        # names: a 1 or 0 (or two) between letters, one of them lowercase
        ("Mar1oes Verhagen", "Marloes Verhagen"),
        ("Thijs de Gr0ot", "Thijs de Groot"),
        ("T. de Gr00t", "T. de Groot"),
        ("M.J. S1ot", "M.J. Slot"),
        # left alone: codes, words without digits, digits without confusable letters
        ("CO2, H1N1, B1 en A4", "CO2, H1N1, B1 en A4"),
        ("lO stuks en Ol", "lO stuks en Ol"),
        ("2a02:a446:9c1e:1:c5f0:7b3a:e281:44d0", "2a02:a446:9c1e:1:c5f0:7b3a:e281:44d0"),
        ("Windows 10, versie 2.0, 100 euro", "Windows 10, versie 2.0, 100 euro"),
        ("Mp3 en mp4, x10 en 10x", "Mp3 en mp4, x10 en 10x"),
        # fmt: on
    ],
)
def test_ocr_read(text: str, read: str) -> None:
    assert ocr_read(text) == read


def test_unchanged_text_is_the_same_object() -> None:
    text = "Geachte heer Jansen, uw BSN 123456782 is bekend."
    assert ocr_read(text) is text
    assert ocr_note(text, ocr_read(text), 0, len(text)) == ""


def test_the_note_names_what_was_read() -> None:
    text = "BSN: ll4 2O8 67O"
    assert ocr_note(text, ocr_read(text), 5, 16) == "OCR: read 'O' as '0', 'l' as '1'"
    assert ocr_note(text, ocr_read(text), 0, 4) == ""


@given(st.text(alphabet="0123456789lIOoAbc .-/\n", max_size=60))
def test_same_length_and_only_confusable_characters_change(text: str) -> None:
    read = ocr_read(text)
    assert len(read) == len(text)
    for a, b in zip(text, read, strict=True):
        # (and at a name's start, OCR's l for a capital I and 0 for a capital O: "lngrid", "0ksana")
        assert a == b or (a, b) in {("l", "1"), ("I", "1"), ("O", "0"), ("o", "0"), ("1", "l"), ("0", "o"),
                                    ("l", "I"), ("0", "O")}


def test_findings_keep_the_text_as_written_and_explain_the_reading(detector) -> None:
    text = "Burgerservicenummer: l77 677 855, geboren op l4-08-1956."
    found = {f.entity: f for f in detector.detect(text)}
    assert found["NL_BSN"].text == "l77 677 855"
    assert "OCR: read 'l' as '1'" in found["NL_BSN"].explanation.text
    assert found["DATE_OF_BIRTH"].text == "l4-08-1956"
