"""MuPDF's redaction annotations: placed bare, applied to text, or to image pixels and line art.

The boxes are drawn separately (``draw``), so these annotations have no fill and no overlay
text; MuPDF removes each one when it applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pymupdf

from redact.errors import BadDocument
from redact.models import Rect
from redact.pdf.mupdf import apply_redactions, create_redactions, pdf_page


def add_redactions(page: pymupdf.Page, rects: Sequence[Rect]) -> None:
    """Redaction annotations over ``rects`` (unrotated page coordinates), without fill or
    overlay text, made by MuPDF directly. PyMuPDF's ``add_redact_annot`` also names each one,
    draws its appearance, scans the page's annotations for their names and turns the page twice
    (a sixth of apply's time at thirty boxes a page); none of that matters to an annotation that
    MuPDF removes when it applies it."""
    if not rects:
        return
    pdf = pdf_page(page)
    turned = page.rotation
    if turned:  # rectangles are unrotated: as PyMuPDF does, place them on the unturned page
        page.set_rotation(0)
    try:
        create_redactions(pdf, rects)
    finally:
        if turned:
            page.set_rotation(turned)


def remove_text_under_annots(page: pymupdf.Page) -> None:
    """Apply the page's redaction annotations, which have no fill and no overlay text, to text
    only. MuPDF's own call: PyMuPDF's ``apply_redactions`` first reads every annotation back in
    Python to draw fills and overlay texts, which these do not have (a fifth of apply's time at
    fifteen boxes a page). MuPDF removes the annotations."""
    if page.first_annot is None:
        return
    if not apply_redactions(page, pymupdf.PDF_REDACT_TEXT_REMOVE, pymupdf.PDF_REDACT_IMAGE_NONE,
                            pymupdf.PDF_REDACT_LINE_ART_NONE):
        raise BadDocument(f"page {page.number + 1}: MuPDF could not apply a redaction", "redaction")
    if page.first_annot is not None:
        raise BadDocument(f"page {page.number + 1}: a redaction was left unapplied", "redaction")


def remove_art_under_annots(page: pymupdf.Page) -> None:
    """Apply the page's redaction annotations to image pixels (blanked) and line art (removed
    where it touches one), leaving text alone. MuPDF removes the annotations."""
    if not apply_redactions(page, pymupdf.PDF_REDACT_TEXT_NONE, pymupdf.PDF_REDACT_IMAGE_PIXELS,
                            pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED):
        raise BadDocument(f"page {page.number + 1}: MuPDF could not apply a redaction", "redaction")
