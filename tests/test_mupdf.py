"""Smoke test of every call below PyMuPDF's public API (``redact.pdf.mupdf``).

Each wrapper runs on a small PDF made here with PyMuPDF, so that an upgrade of PyMuPDF that
renames, removes or changes one of the private calls fails here, loudly, by name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest
from pymupdf import mupdf as bindings

from redact.pdf.mupdf import (
    CHECKED_WITH,
    apply_redactions,
    create_redactions,
    insert_contents,
    note_xref,
    noted_xref,
    pdf_document,
    pdf_page,
    put_font,
)

ROOT = Path(__file__).resolve().parents[1]
# Private names of PyMuPDF and its MuPDF bindings: only redact/pdf/mupdf.py may use them.
PRIVATE = re.compile(r"\._pdf_page\b|\._apply_redactions\b|\b_as_pdf_document\b|\bTOOLS\b"
                     r"|\bfrom pymupdf import mupdf\b|\bpymupdf\.mupdf\b|\._redact_")


def _doc() -> pymupdf.Document:
    """One A4 page: a line of text ("geheim" then "open") and a horizontal line under it."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "geheim open", fontname="helv", fontsize=12)
    page.draw_line((72, 120), (300, 120))
    return doc


def _word(page: pymupdf.Page, word: str) -> pymupdf.Rect:
    return next(pymupdf.Rect(w[:4]) for w in page.get_text("words") if w[4] == word)


def test_checked_with_the_installed_minor_release() -> None:
    """The pin in pyproject.toml holds PyMuPDF to the minor release these wrappers were
    checked against; a new one must be checked (and ``CHECKED_WITH`` raised) first."""
    assert pymupdf.VersionBind.split(".")[:2] == CHECKED_WITH.split(".")[:2]


def test_pdf_page_and_pdf_document_are_mupdfs_own() -> None:
    doc = _doc()
    page = doc[0]
    assert bindings.pdf_to_num(pdf_page(page).obj()) == page.xref
    assert bindings.pdf_count_pages(pdf_document(doc)) == doc.page_count == 1
    assert bindings.pdf_xref_len(pdf_document(doc)) == doc.xref_length()


def test_bare_redactions_applied_to_text_only() -> None:
    doc = _doc()
    page = doc[0]
    create_redactions(pdf_page(page), [tuple(_word(page, "geheim"))])
    annots = list(page.annots())
    assert [a.type[0] for a in annots] == [pymupdf.PDF_ANNOT_REDACT]
    assert not annots[0].info["content"] and annots[0].colors["fill"] == []
    del annots
    assert apply_redactions(page, pymupdf.PDF_REDACT_TEXT_REMOVE, pymupdf.PDF_REDACT_IMAGE_NONE,
                            pymupdf.PDF_REDACT_LINE_ART_NONE) is True
    assert page.first_annot is None
    text = page.get_text()
    assert "geheim" not in text and "open" in text
    assert len(page.get_drawings()) == 1  # the line art stays


def test_redactions_applied_to_line_art_only() -> None:
    doc = _doc()
    page = doc[0]
    create_redactions(pdf_page(page), [(100.0, 115.0, 140.0, 125.0)])
    assert apply_redactions(page, pymupdf.PDF_REDACT_TEXT_NONE, pymupdf.PDF_REDACT_IMAGE_PIXELS,
                            pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED) is True
    assert page.first_annot is None and page.get_drawings() == []
    assert "geheim open" in page.get_text()


@pytest.mark.parametrize("overlay", [True, False])
def test_insert_contents_adds_a_stream(overlay: bool) -> None:
    doc = _doc()
    page = doc[0]
    before = page.get_contents()
    xref = insert_contents(page, b" ", overlay)
    contents = page.get_contents()
    assert xref not in before and len(contents) == len(before) + 1
    assert contents[-1 if overlay else 0] == xref
    doc.update_stream(xref, b"0 0 1 rg 10 10 20 20 re f\n")
    assert len(page.get_drawings()) == 2
    with pymupdf.open("pdf", doc.tobytes(garbage=4)) as out:
        assert len(out[0].get_drawings()) == 2


def test_put_font_names_a_font_in_the_pages_own_resources() -> None:
    doc = _doc()
    page = doc[0]
    xref = doc.get_new_xref()
    doc.update_object(xref, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    assert put_font(page, "RedactLabel", xref) is True
    assert doc.xref_get_key(page.xref, "Resources/Font/RedactLabel") == ("xref", f"{xref} 0 R")
    assert doc.xref_get_key(page.xref, "Resources/Font/helv")[0] == "xref"  # others stay


def test_put_font_on_a_page_without_fonts_makes_the_font_dictionary() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    doc.xref_set_key(page.xref, "Resources", "<<>>")
    xref = doc.get_new_xref()
    doc.update_object(xref, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    assert put_font(page, "RedactLabel", xref) is True
    assert doc.xref_get_key(page.xref, "Resources/Font/RedactLabel") == ("xref", f"{xref} 0 R")


def test_put_font_leaves_inherited_resources_alone() -> None:
    doc = _doc()
    page = doc[0]
    resources = doc.xref_get_key(page.xref, "Resources")
    tree = int(doc.xref_get_key(page.xref, "Parent")[1].split()[0])
    doc.xref_set_key(tree, "Resources", resources[1])
    doc.xref_set_key(page.xref, "Resources", "null")
    assert put_font(page, "RedactLabel", 7) is False
    assert doc.xref_get_key(page.xref, "Resources") == ("null", "null")
    assert "RedactLabel" not in doc.xref_object(tree)


def test_a_noted_xref_lives_on_its_document() -> None:
    doc, other = _doc(), _doc()
    assert noted_xref(doc, "label_font") == 0
    note_xref(doc, "label_font", 12)
    assert noted_xref(doc, "label_font") == 12
    assert noted_xref(other, "label_font") == 0 and noted_xref(doc, "other") == 0


def test_no_private_pymupdf_call_outside_the_wrapper() -> None:
    allowed = ROOT / "redact" / "pdf" / "mupdf.py"
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("redact", "recognizers")
        for path in sorted((ROOT / folder).rglob("*.py")) if path != allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PRIVATE.search(line)
    ]
    assert found == []
