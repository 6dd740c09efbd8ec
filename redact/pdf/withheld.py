"""Pages not made public: each becomes a blank page of the same size that names its ground.

Nothing of the page survives: its content streams, resources, annotations, thumbnails and every
other key of the page dictionary are dropped (so the full rewrite's garbage collection removes
them), and a new content stream with the notice alone is written. The page object itself stays,
so references to it elsewhere in the file (the page tree, a structure tree) stay valid.
"""

from __future__ import annotations

from collections.abc import Mapping

import pymupdf

from redact.errors import BadDocument
from redact.grounds import GROUNDS

# The keys a fresh page keeps; everything else of the original page dictionary goes.
_KEEP = frozenset({"Type", "Parent", "MediaBox", "Resources", "Contents"})
MARGIN = 72.0  # an inch either side of the notice


def notice(ground: str) -> str:
    """The text of a withheld page: which article of the Woo it was withheld on."""
    label = GROUNDS[ground].label_nl if ground in GROUNDS else ""
    return (f"Deze pagina is niet openbaar gemaakt op grond van artikel {ground} Woo"
            + (f" ({label})." if label else "."))


def replace_pages(doc: pymupdf.Document, pages: Mapping[int, str]) -> int:
    """Replace each page (1-based number -> ground) by a blank page of the same size as shown
    that holds only its notice. Returns how many pages were replaced."""
    for number, ground in sorted(pages.items()):
        if not 1 <= number <= doc.page_count:
            raise BadDocument(f"page {number} to withhold; the document has {doc.page_count}",
                              "corrupt")
        _blank(doc, number - 1)
        _write_notice(doc[number - 1], notice(ground))
    return len(pages)


def _blank(doc: pymupdf.Document, index: int) -> None:
    page = doc[index]
    width, height = page.rect.width, page.rect.height  # as shown: rotation applied
    xref = page.xref
    for key in doc.xref_get_keys(xref):
        if key not in _KEEP:
            doc.xref_set_key(xref, key, "null")
    doc.xref_set_key(xref, "MediaBox", f"[0 0 {width:g} {height:g}]")
    doc.xref_set_key(xref, "Resources", "<<>>")  # not inherited from the page tree either
    doc.xref_set_key(xref, "Rotate", "0")
    contents = doc.get_new_xref()
    doc.update_object(contents, "<<>>")
    doc.update_stream(contents, b" ")
    doc.xref_set_key(xref, "Contents", f"{contents} 0 R")


def _write_notice(page: pymupdf.Page, text: str) -> None:
    width, height = page.rect.width, page.rect.height
    size = 14.0
    while size >= 6.0:
        area = pymupdf.Rect(MARGIN if width > 3 * MARGIN else 4.0, height / 2 - 80,
                            width - (MARGIN if width > 3 * MARGIN else 4.0), height / 2 + 80)
        if page.insert_textbox(area, text, fontsize=size, fontname="helv", align=1) >= 0:
            return
        size -= 2.0
    page.insert_text((4.0, height / 2), text, fontsize=6.0, fontname="helv")
