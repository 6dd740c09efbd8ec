"""Every call below PyMuPDF's public API, in one place.

Apply needs a few things that PyMuPDF's public API does not offer, or offers only at several
times the cost: bare redaction annotations, applying them without reading each one back,
a content stream of our own, a font in a page's resources, and a note kept on a document.
Each goes through one small function here, which names the private PyMuPDF call or MuPDF's
own binding (``pymupdf.mupdf``) it uses. All were checked against PyMuPDF ``CHECKED_WITH``
(pinned to that minor release in pyproject.toml); ``tests/test_mupdf.py`` exercises each on
a small PDF, so an upgrade that breaks one fails loudly. Nothing else in ``redact`` touches a
private name of PyMuPDF or ``pymupdf.mupdf``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pymupdf
from pymupdf import mupdf

from redact.models import Rect

CHECKED_WITH = "1.28.2"  # the PyMuPDF version every function here was checked against


def pdf_page(page: pymupdf.Page) -> mupdf.PdfPage:
    """MuPDF's own page under a PyMuPDF page: private ``Page._pdf_page()`` (1.28.2)."""
    return page._pdf_page()


def pdf_document(doc: pymupdf.Document) -> mupdf.PdfDocument:
    """MuPDF's own document under a PyMuPDF document: private ``pymupdf._as_pdf_document``
    (1.28.2)."""
    return pymupdf._as_pdf_document(doc)


def create_redactions(page: mupdf.PdfPage, rects: Sequence[Rect]) -> None:
    """One redaction annotation per rectangle (unrotated page coordinates), with no name,
    appearance, fill or overlay text: MuPDF's ``pdf_create_annot`` and ``pdf_set_annot_rect``
    on the page of ``pdf_page`` (1.28.2)."""
    for x0, y0, x1, y1 in rects:
        annot = mupdf.pdf_create_annot(page, mupdf.PDF_ANNOT_REDACT)
        mupdf.pdf_set_annot_rect(annot, mupdf.FzRect(x0, y0, x1, y1))


def apply_redactions(page: pymupdf.Page, text: int, images: int, graphics: int) -> bool:
    """Apply the page's redaction annotations and remove them, with MuPDF alone: private
    ``Page._apply_redactions(text, images, graphics)`` (1.28.2), which takes PyMuPDF's
    ``PDF_REDACT_*`` options. The public ``apply_redactions`` first reads every annotation back
    to draw fills and overlay texts. True when MuPDF applied them."""
    return bool(page._apply_redactions(text, images, graphics))


def insert_contents(page: pymupdf.Page, data: bytes, overlay: bool = True) -> int:
    """A new content stream holding ``data`` on ``page``, drawn over (``overlay``) or under
    its content; returns the stream's xref. Private ``pymupdf.TOOLS._insert_contents``
    (1.28.2)."""
    return int(pymupdf.TOOLS._insert_contents(page, data, overlay))


def put_font(page: pymupdf.Page, name: str, xref: int) -> bool:
    """Name the font object ``xref`` ``/name`` in the page's own ``/Resources/Font`` (made when
    missing); False, changing nothing, when the page has no resources of its own (it inherits
    them). MuPDF's ``pdf_dict_*`` and ``pdf_new_indirect`` on the objects of ``pdf_page`` and
    ``pdf_document`` (1.28.2)."""
    page_obj = pdf_page(page).obj()
    resources = mupdf.pdf_dict_get(page_obj, pymupdf.PDF_NAME("Resources"))
    if not resources.m_internal:
        return False
    fonts = mupdf.pdf_dict_get(resources, pymupdf.PDF_NAME("Font"))
    if not fonts.m_internal:
        fonts = mupdf.pdf_dict_put_dict(resources, pymupdf.PDF_NAME("Font"), 1)
    mupdf.pdf_dict_puts(fonts, name, mupdf.pdf_new_indirect(pdf_document(page.parent), xref, 0))
    return True


def noted_xref(doc: pymupdf.Document, name: str) -> int:
    """The xref noted on ``doc`` under ``name`` by ``note_xref``; 0 when none."""
    return int(getattr(doc, f"_redact_{name}", 0))


def note_xref(doc: pymupdf.Document, name: str, xref: int) -> None:
    """Note an xref on ``doc`` itself, so that it lives exactly as long as the document: an
    attribute set on PyMuPDF's ``Document``, whose ``__slots__`` hold ``__dict__`` (1.28.2)."""
    setattr(doc, f"_redact_{name}", xref)
