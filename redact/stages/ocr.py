"""OCR: which pages Tesseract reads, and the searchable text layer of their redacted outputs.

Recognition goes through PyMuPDF's OCR: MuPDF's built-in Tesseract with the Dutch model from
the system's tessdata (``make system`` installs it). It yields a TextPage whose characters carry
boxes like any text page, so findings on a scanned page map onto glyph boxes the same way.

A page is read with OCR when what a reader sees there is not the text layer:

1. at least ``min_text_chars`` readable visible characters: a text page, never OCR'd (pictures
   on it are not read);
2. else, at least ``min_text_chars`` visible characters without Unicode (U+FFFD, private use):
   text in a font that extraction cannot read; OCR reads what is drawn;
3. else, images cover at least half of the page: a scan. Any text layer it has is invisible
   (render mode 3, a scanner's OCR) or a short visible stamp. The invisible layer is not used
   and is read again by our own OCR, however good it looks: nothing shows that its words
   match the pixels, and its boxes would decide which pixels are blanked; apply has to remove
   it anyway (it may hold the data), and one engine for scan and output keeps the boxes of
   the findings and the blanked pixels in step;
4. else (a blank page, a few words without a picture): the text layer, as it is.
"""

from __future__ import annotations

import functools
import math
import os
import unicodedata
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pymupdf

from redact.config import OcrSettings
from redact.errors import BadDocument
from redact.models import Rect

NO_TESSERACT = "OCR needed but Tesseract is not installed (make system)"
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
)
FILLED, STROKED = 16, 32  # MuPDF's character flags for glyphs that are painted
MIN_IMAGE_COVER = 0.5  # share of the page under images that makes a page with little text a scan
MAX_OCR_PIXELS = 40_000_000  # a larger page is rendered at a lower resolution for Tesseract
BLANK_MARGIN = (-1.0, -1.0, 1.0, 1.0)  # points around a box also blanked for OCR: its soft edge
IN_BOX = 0.5  # share of an OCR word's area inside a box that keeps it out of the text layer
CENTRE_SLACK = (-0.5, -0.5, 0.5, 0.5)  # points: a word centred this close to a box is left out
HELV = pymupdf.Font("helv")  # the text layer's font: MuPDF boxes its glyphs by these metrics
# Helvetica as PyMuPDF writes it knows Latin-1 only: typographic marks Tesseract likes are spelled
# out, anything else outside Latin-1 becomes "?".
TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u2026": "...",
    "\u20ac": "EUR", "\u2022": "\u00b7",
})


# -- Tesseract ------------------------------------------------------------------------------------


@functools.cache
def tessdata(language: str) -> str | None:
    """The folder with the ``language`` models: $TESSDATA_PREFIX, else where PyMuPDF finds
    Tesseract, else Debian's folders; None when no folder holds every model asked for."""
    candidates: list[str] = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    try:
        candidates.append(pymupdf.get_tessdata())
    except Exception:  # it raises when it finds no Tesseract
        pass
    candidates += TESSDATA_DIRS
    models = [f"{name}.traineddata" for name in language.split("+")]
    for folder in candidates:
        if folder and all((Path(folder) / model).is_file() for model in models):
            return folder
    return None


def ocr_dpi(page: pymupdf.Page, dpi: int) -> int:
    """``dpi``, lowered for a very large page so that its image stays within MAX_OCR_PIXELS."""
    inches = (page.rect.width / 72) * (page.rect.height / 72)
    if inches <= 0:
        return dpi
    return max(36, min(dpi, int(math.sqrt(MAX_OCR_PIXELS / inches))))


def ocr_textpage(
    page: pymupdf.Page, settings: OcrSettings, flags: int, blank: Sequence[Rect] = ()
) -> pymupdf.TextPage:
    """The page as Tesseract reads it from an image of the whole page, as PyMuPDF's
    ``get_textpage_ocr`` with ``full=True`` does, but in the coordinates of the page as shown
    (``page.derotation_matrix`` turns them into page coordinates: the TextPage MuPDF makes in
    page coordinates loses the text of a turned page outside its unturned box).

    ``blank`` areas (page coordinates) are made white in the image first.
    """
    folder = tessdata(settings.language)
    if folder is None:
        if tessdata("osd") is None and tessdata("eng") is None and tessdata("nld") is None:
            raise BadDocument(NO_TESSERACT, "unsupported")
        raise BadDocument(f"OCR needed but the Tesseract model {settings.language!r} is not "
                          "installed (make system)", "unsupported")
    dpi = ocr_dpi(page, settings.dpi)
    pix = page.get_pixmap(dpi=dpi)
    to_pixels = page.rotation_matrix * pymupdf.Matrix(dpi / 72, dpi / 72)
    for rect in blank:
        area = ((pymupdf.Rect(rect) + BLANK_MARGIN) * to_pixels).irect & pix.irect
        if not area.is_empty:
            pix.set_rect(area, (255,) * pix.n)
    ocr_pdf = pymupdf.open(stream=pix.pdfocr_tobytes(
        compress=False, language=settings.language, tessdata=folder))
    del pix
    with ocr_pdf:
        ocr_page = ocr_pdf[0]
        unzoom = page.rect.width / ocr_page.rect.width
        textpage: pymupdf.TextPage = ocr_page.get_textpage(
            flags=flags, matrix=pymupdf.Matrix(unzoom, unzoom))
    textpage.parent = weakref.proxy(page)  # so that the page's own get_text accepts it
    return textpage


# -- which pages ----------------------------------------------------------------------------------


def _readable(char: str) -> bool:
    code = ord(char)
    return char != "\ufffd" and not 0xE000 <= code <= 0xF8FF and char.isprintable()


def layer_counts(blocks: Sequence[dict[str, Any]]) -> tuple[int, int, int]:
    """(readable visible, unreadable visible, invisible) non-space characters of a page's
    ``get_text("dict")`` blocks."""
    readable = unreadable = invisible = 0
    for block in blocks:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                chars = [c for c in span["text"] if not c.isspace()]
                if not span.get("char_flags", FILLED) & (FILLED | STROKED):
                    invisible += len(chars)
                    continue
                good = sum(1 for c in chars if _readable(c))
                readable += good
                unreadable += len(chars) - good
    return readable, unreadable, invisible


def _has_readable(blocks: Sequence[dict[str, Any]], enough: int) -> bool:
    """Whether the blocks hold ``enough`` readable visible characters (stops once they do)."""
    count = 0
    for block in blocks:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                if span.get("char_flags", FILLED) & (FILLED | STROKED):
                    count += sum(1 for c in span["text"] if not c.isspace() and _readable(c))
                    if count >= enough:
                        return True
    return False


def image_cover(page: pymupdf.Page) -> float:
    """The share of the page that images cover (images that overlap each count; at most 1)."""
    page_area = (page.rect * page.derotation_matrix).normalize()  # where image boxes are given
    area = float(page_area.get_area())
    if area <= 0:
        return 0.0
    covered = sum(float((pymupdf.Rect(info["bbox"]) & page_area).get_area())
                  for info in page.get_image_info())
    return min(1.0, covered / area)


def needs_ocr(page: pymupdf.Page, blocks: Sequence[dict[str, Any]], settings: OcrSettings) -> bool:
    """Whether the page is read with OCR instead of its text layer (rules in the module doc)."""
    if not settings.enabled:
        return False
    if _has_readable(blocks, settings.min_text_chars):  # a text page: the common case, cheaply
        return False
    readable, unreadable, _ = layer_counts(blocks)
    if unreadable >= settings.min_text_chars:
        return True
    return image_cover(page) >= MIN_IMAGE_COVER


# -- the output's text layer ----------------------------------------------------------------------


def invisible_chars(page: pymupdf.Page) -> int:
    """Non-space characters in render mode 3 (drawn nowhere, extracted all the same)."""
    blocks = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)["blocks"]
    return layer_counts(blocks)[2]


def strip_invisible_text(page: pymupdf.Page) -> None:
    """Take every invisible glyph (render mode 3) off the page; images, line art and visible
    text stay."""
    big = 1e5
    page.add_redact_annot(pymupdf.Rect(-big, -big, big, big), fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE_INVISIBLE,
    )


def remove_text_layer(page: pymupdf.Page) -> int:
    """Remove every invisible glyph of the page (an OCR layer that came with the scan, which
    may hold the personal data); visible text stays. Returns the characters removed."""
    count = invisible_chars(page)
    if not count:
        return 0
    strip_invisible_text(page)
    if invisible_chars(page):
        raise BadDocument(f"page {page.number + 1}: its old OCR text layer could not be removed",
                          "redaction")
    return count


def ocr_words(textpage: pymupdf.TextPage) -> list[tuple[str, Rect]]:
    """The words of an OCR TextPage with their boxes (as MuPDF's word extraction gives them)."""
    return [(w[4], (w[0], w[1], w[2], w[3])) for w in textpage.extractWORDS()]


MIN_VALUE_CHARS = 3  # shorter accepted values (initials) are not searched for


def _along(rotation: int, stretch: float) -> pymupdf.Matrix:
    """A stretch along the line of text on a page turned by ``rotation`` degrees."""
    return pymupdf.Matrix(1, stretch) if rotation % 180 else pymupdf.Matrix(stretch, 1)


def latin1(text: str) -> str:
    """``text`` as Helvetica can carry it (see TYPOGRAPHIC)."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHIC)
    return "".join(c if ord(c) < 256 else "?" for c in text)


def _hidden_by(word: Rect, boxes: Sequence[pymupdf.Rect]) -> bool:
    """Whether a word lies under a box: its centre inside one (or within CENTRE_SLACK of it),
    or half its area under one. What Tesseract reads there is noise, never what is visible."""
    rect = pymupdf.Rect(word)
    centre = pymupdf.Point((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2)
    area = rect.get_area()
    return any((box + CENTRE_SLACK).contains(centre)
               or (area > 0 and (rect & box).get_area() >= IN_BOX * area) for box in boxes)


def _norm_word(word: str) -> str:
    return word.strip(".,;:!?()[]{}'\"<>").casefold()


def leftover_values(
    words: Sequence[tuple[str, Rect]], values: Sequence[tuple[str, str]]
) -> list[tuple[Rect, str]]:
    """Where the OCR words spell an accepted value (word for word, case and surrounding
    punctuation ignored): one (box, ground) per occurrence, the union of its words' boxes."""
    wanted = [([_norm_word(w) for w in value.split()], ground) for value, ground in values
              if len(value.strip()) >= MIN_VALUE_CHARS]
    normal = [_norm_word(word) for word, _ in words]
    found: list[tuple[Rect, str]] = []
    for parts, ground in wanted:
        if not parts or not all(parts):
            continue
        for i in range(len(normal) - len(parts) + 1):
            if normal[i:i + len(parts)] == parts:
                rects = [words[j][1] for j in range(i, i + len(parts))]
                box = (min(r[0] for r in rects), min(r[1] for r in rects),
                       max(r[2] for r in rects), max(r[3] for r in rects))
                found.append((box, ground))
    return found


def visible_words(
    page: pymupdf.Page, boxes: Sequence[Rect], settings: OcrSettings
) -> list[tuple[str, Rect]]:
    """OCR of the page as it now looks (words in the page as shown), without the words under
    ``boxes``. The boxes are white in the image Tesseract reads (a black box would be read as
    noise glued to the word beside it); what it still reads under a box is left out."""
    covered = [pymupdf.Rect(box) for box in boxes]
    turn = page.derotation_matrix  # OCR words are in the page as shown
    textpage = ocr_textpage(page, settings, pymupdf.TEXT_PRESERVE_WHITESPACE, blank=boxes)
    return [(word, (x0, y0, x1, y1)) for word, (x0, y0, x1, y1) in ocr_words(textpage)
            if x1 > x0 and y1 > y0 and not _hidden_by(pymupdf.Rect(x0, y0, x1, y1) * turn,
                                                      covered)]


def add_text_layer(
    page: pymupdf.Page, boxes: Sequence[Rect], settings: OcrSettings,
    words: Sequence[tuple[str, Rect]] | None = None,
) -> int:
    """Give a redacted scanned page a new searchable layer: OCR of the page as it now looks
    (``visible_words``, or ``words`` when the caller already read them), so it can only hold
    what is visible. The words are invisible Helvetica (not embedded: a few kilobytes a page),
    each sized and stretched so that text extraction (and ``redact verify``) boxes it exactly
    where Tesseract found it. Returns the number of words written."""
    if words is None:
        words = visible_words(page, boxes, settings)
    if not words:
        return 0
    turn = page.derotation_matrix
    shape = page.new_shape()
    for word, (x0, y0, x1, y1) in words:
        text = latin1(word)
        size = (y1 - y0) / (HELV.ascender - HELV.descender)
        length = pymupdf.get_text_length(text, fontname="helv", fontsize=size)
        if length <= 0:
            continue
        origin = pymupdf.Point(x0, y1 + HELV.descender * size) * turn  # the baseline's start
        shape.insert_text(origin, text + " ", fontname="helv", fontsize=size, render_mode=3,
                          rotate=page.rotation,
                          morph=(origin, _along(page.rotation, (x1 - x0) / length)))
    shape.commit()
    return len(words)
