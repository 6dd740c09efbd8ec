"""Extract: each page's text built from its own character boxes, and span-to-box mapping.

The page text is the characters of every text line joined, each line ending in "\\n" and each
block in an extra "\\n". Every character keeps its box, so a finding's character span maps onto
the exact glyphs it covers (``search_for`` would miss hyphenated or oddly spaced text).

A scanned page is read with OCR (``stages.ocr``): its text and boxes come from the OCR
TextPage in the same way. Tesseract is slow and a TextPage is large, so each such page is
recognised once, and only its glyph boxes are kept (``OcrGlyphs``) until its findings are known.
"""

from __future__ import annotations

import math
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

import pymupdf

from redact.config import OcrSettings
from redact.models import Finding, PageFinding, PageText, Rect
from redact.stages.ocr import needs_ocr, ocr_textpage

# Ligatures are expanded so that "ﬁ" reads as "fi"; whitespace is kept as the PDF has it.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP

CharBox = tuple[Rect, int] | None  # the glyph's box and its line number; None for separators


def page_text(page: pymupdf.Page, textpage: pymupdf.TextPage | None = None) -> str:
    """The same text as ``page_chars`` gives, about four times faster (no per-glyph boxes).

    With ``textpage`` (an OCR TextPage of the page), the text of that TextPage.
    """
    return _text_of(_blocks(page, "dict", textpage))


def _blocks(
    page: pymupdf.Page, kind: str, textpage: pymupdf.TextPage | None
) -> list[dict[str, Any]]:
    if textpage is None:
        blocks: list[dict[str, Any]] = page.get_text(kind, flags=TEXT_FLAGS)["blocks"]
    else:
        blocks = page.get_text(kind, textpage=textpage)["blocks"]
    return blocks


def _text_of(blocks: Sequence[dict[str, Any]]) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.get("type", 0) != 0:
            continue
        for line in block["lines"]:
            for span in line["spans"]:
                parts.append(span["text"])
            parts.append("\n")
        parts.append("\n")
    return "".join(parts)


class OcrGlyphs:
    """The OCR pages of one document: how they are read, and each one's glyph boxes.

    A page's boxes (in the page as shown, see ``stages.ocr.ocr_textpage``) are kept as 20
    bytes a character (a 2,600-character page: 52 kB) in a temporary file that stays in memory
    up to SPOOL_BYTES, so a 2,000-page scan never holds its TextPages nor all its boxes in
    memory.
    """

    SPOOL_BYTES = 8 << 20
    FIELDS = 5  # x0, y0, x1, y1, line (NaN for a character without a box)

    def __init__(self, settings: OcrSettings, spool_bytes: int = SPOOL_BYTES) -> None:
        self.settings = settings
        self._file = tempfile.SpooledTemporaryFile(max_size=spool_bytes)
        self._where: dict[int, tuple[int, int]] = {}  # page -> (offset, characters)

    def __enter__(self) -> OcrGlyphs:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def __contains__(self, page: int) -> bool:
        return page in self._where

    def add(self, page: int, text: str, boxes: Sequence[CharBox]) -> None:
        """Keep a page's boxes; whitespace keeps none (OCR gives spaces a box of their own)."""
        values = array("f")
        nan = math.nan
        for char, item in zip(text, boxes, strict=True):
            if item is None or char.isspace():
                values.extend((nan, nan, nan, nan, nan))
            else:
                (x0, y0, x1, y1), line = item
                values.extend((x0, y0, x1, y1, float(line)))
        self._file.seek(0, 2)
        self._where[page] = (self._file.tell(), len(text))
        self._file.write(values.tobytes())

    def boxes(self, page: int) -> list[CharBox]:
        offset, count = self._where[page]
        self._file.seek(offset)
        values = array("f")
        values.frombytes(self._file.read(count * self.FIELDS * values.itemsize))
        out: list[CharBox] = []
        for i in range(0, len(values), self.FIELDS):
            x0, y0, x1, y1, line = values[i:i + self.FIELDS]
            out.append(None if math.isnan(line) else ((x0, y0, x1, y1), int(line)))
        return out


# Form lines, table rules, dot leaders and stray quotes that OCR glues to the value beside
# them ("__641077397", "|Jansen"): read as spaces, one for one, so offsets and boxes stay.
OCR_RULES = str.maketrans({c: " " for c in "_|¦“”„«»…"})


def document_texts(doc: pymupdf.Document, ocr: OcrGlyphs | None = None) -> Iterator[PageText]:
    """Page by page, so that a 2,000-page document never has all its glyph boxes in memory.

    With ``ocr``, a page that needs it is read with OCR (its text and boxes from one
    recognition; the boxes go into ``ocr`` for ``locate``); without, no page is.
    """
    for number, page in enumerate(doc, start=1):
        blocks = _blocks(page, "dict", None)
        if ocr is not None and needs_ocr(page, blocks, ocr.settings):
            textpage = ocr_textpage(page, ocr.settings, TEXT_FLAGS)
            text, boxes = page_chars(page, textpage=textpage)
            del textpage
            text = text.translate(OCR_RULES)
            ocr.add(number, text, boxes)
            yield PageText(number, text, page.rect.width, page.rect.height, ocr=True)
        else:
            yield PageText(number, _text_of(blocks), page.rect.width, page.rect.height)


def _turned(rect: Rect, matrix: pymupdf.Matrix) -> Rect:
    r = pymupdf.Rect(rect) * matrix
    return (r.x0, r.y0, r.x1, r.y1)


def locate(
    doc: pymupdf.Document, per_page: Sequence[Sequence[Finding]], ocr: OcrGlyphs | None = None
) -> list[PageFinding]:
    """Map findings (offsets into each page's text) onto that page's glyph boxes.

    Only pages with findings are read again with their glyph boxes, one page at a time; an
    OCR page's boxes come from ``ocr``, as kept when it was recognised, and are turned into
    page coordinates once the rectangles of a span are made.
    """
    located: list[PageFinding] = []
    for number, findings in enumerate(per_page, start=1):
        if not findings:
            continue
        if ocr is not None and number in ocr:
            boxes = ocr.boxes(number)  # in the page as shown (see stages.ocr.ocr_textpage)
            turn = doc[number - 1].derotation_matrix
            for finding in findings:
                rects = tuple(_turned(r, turn) for r in ocr_span_rects(boxes, finding.start,
                                                                        finding.end))
                if rects:
                    located.append(PageFinding(number, finding, rects))
            continue
        wanted = {i for f in findings for i in range(f.start, f.end)}
        _, boxes = page_chars(doc[number - 1], wanted)
        for finding in findings:
            rects = span_rects(boxes, finding.start, finding.end)
            if rects:
                located.append(PageFinding(number, finding, rects))
    return located


def page_chars(
    page: pymupdf.Page, wanted: set[int] | None = None, textpage: pymupdf.TextPage | None = None
) -> tuple[str, list[CharBox]]:
    """The page's text and, per character of it, the glyph box and line number (or None).

    With ``wanted`` (character offsets), only those characters get their box: the others are
    None, which saves most of the work when only a few spans are mapped (a span of the page
    without a wanted offset is taken whole). With ``textpage`` (an OCR TextPage of the page),
    the characters of that TextPage.
    """
    parts: list[str] = []
    boxes: list[CharBox] = []
    marks = sorted(wanted) if wanted is not None else None
    pos = 0  # characters so far (the length of "".join(parts))
    line_no = 0
    for block in _blocks(page, "rawdict", textpage):
        if block.get("type", 0) != 0:
            continue
        for line in block["lines"]:
            line_no += 1
            for span in line["spans"]:
                chars = span["chars"]
                if marks is not None:
                    text = "".join([char["c"] for char in chars])
                    first = bisect_left(marks, pos)
                    if first == len(marks) or marks[first] >= pos + len(text):
                        parts.append(text)  # no wanted offset in this span
                        boxes.extend([None] * len(text))
                        pos += len(text)
                        continue
                for char in chars:
                    c = char["c"]
                    if not c:
                        continue
                    if wanted is not None and pos not in wanted and (
                        len(c) == 1 or not wanted.intersection(range(pos, pos + len(c)))
                    ):
                        parts.append(c)
                        boxes.extend([None] * len(c))
                        pos += len(c)
                        continue
                    x0, y0, x1, y1 = char["bbox"]
                    box = (float(x0), float(y0), float(x1), float(y1))
                    for ch in c:  # expanded ligatures share the glyph's box
                        parts.append(ch)
                        boxes.append((box, line_no))
                    pos += len(c)
            parts.append("\n")
            boxes.append(None)
            pos += 1
        parts.append("\n")
        boxes.append(None)
        pos += 1
    return "".join(parts), boxes


def span_rects(boxes: Sequence[CharBox], start: int, end: int) -> tuple[Rect, ...]:
    """One rectangle per text line covered by characters ``start:end`` (whitespace ignored)."""
    lines: dict[int, list[float]] = {}
    order: list[int] = []
    for item in boxes[start:end]:
        if item is None:
            continue
        (x0, y0, x1, y1), line = item
        if x1 <= x0 or y1 <= y0:
            continue
        if line not in lines:
            lines[line] = [x0, y0, x1, y1]
            order.append(line)
        else:
            r = lines[line]
            r[0], r[1], r[2], r[3] = min(r[0], x0), min(r[1], y0), max(r[2], x1), max(r[3], y1)
    return tuple((r[0], r[1], r[2], r[3]) for r in (lines[n] for n in order))


OCR_PAD = 0.15  # share of the line height added around an OCR box: scanned letters have soft edges


def ocr_span_rects(boxes: Sequence[CharBox], start: int, end: int) -> tuple[Rect, ...]:
    """``span_rects`` for an OCR page, with margins for what OCR boxes do not know.

    Tesseract boxes words; MuPDF divides a word's box evenly among its letters, so a span that
    begins or ends inside a word (an e-mail address in brackets) is widened by one letter on
    that side; and every rectangle gets OCR_PAD of its height on all sides.
    """
    rects = [list(r) for r in span_rects(boxes, start, end)]
    if not rects:
        return ()
    inside = [i for i in range(start, min(end, len(boxes))) if boxes[i] is not None]
    first, last = boxes[inside[0]], boxes[inside[-1]]
    assert first is not None and last is not None
    before = boxes[start - 1] if inside[0] == start and start > 0 else None
    after = boxes[end] if inside[-1] == end - 1 and end < len(boxes) else None
    if before is not None and before[1] == first[1]:
        rects[0][0] -= first[0][2] - first[0][0]
    if after is not None and after[1] == last[1]:
        rects[-1][2] += last[0][2] - last[0][0]
    out = []
    for x0, y0, x1, y1 in rects:
        pad = (y1 - y0) * OCR_PAD
        out.append((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
    return tuple(out)
