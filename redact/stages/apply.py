"""Apply: burn in accepted redactions and scrub every hidden channel, in a full rewrite.

Under each box the text is removed, image pixels blanked and vector graphics removed; the box
is filled and labelled with its legal ground. Content nobody can see was never scanned, so it
is removed rather than trusted: content in hidden optional-content layers, text clipped away or
placed outside the page. Then the hidden channels that leaked real Woo documents are dropped:
document information, XMP (anywhere), annotations and form fields, bookmarks, named
destinations, attachments, JavaScript and other actions, thumbnails, optional-content
properties, page piece info, and the alternate texts of the structure tree. The file is
rewritten with garbage collection, so earlier revisions and orphaned objects are gone; it is
never saved incrementally. The original is hashed before and after: it is only ever read.

A page the scan read with OCR (``stages.ocr``) loses its whole invisible text layer (a
scanner's OCR text, which may hold the personal data; visible text stays), has the image pixels
under its boxes overwritten like any page, and then gets a new invisible text layer made by
OCR of the redacted page, without the words under a box: searchable, and only what is visible.

This module is the stage: what happens to a page and in which order. How each step is done to
the PDF lives in ``redact.pdf`` (layers, glyphs, redactions, draw, scrub).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from redact.config import OcrSettings
from redact.errors import BadDocument
from redact.models import Rect
from redact.pdf.draw import box_colours, draw_boxes, fit_box, label_size, merge_boxes
from redact.pdf.glyphs import GlyphIndex, page_glyphs, runs_under
from redact.pdf.layers import Drawn, remove_hidden_content, remove_invisible_text
from redact.pdf.redactions import add_redactions, remove_art_under_annots, remove_text_under_annots
from redact.pdf.scrub import remove_annotations, scrub
from redact.pdf.withheld import replace_pages
from redact.stages.ingest import sha256_file
from redact.stages.ocr import add_text_layer, leftover_values, remove_text_layer, visible_words

# The version of what this stage does to a page. Raise it with every change to what is removed
# or drawn (a fix of a leak above all): it is part of every output's fingerprint, so the next
# apply makes every output again instead of keeping those an older burn-in wrote.
BURN_IN_VERSION = 1

DEFAULT_OCR = OcrSettings()


@dataclass(frozen=True)
class Box:
    page: int  # 1-based
    rect: Rect
    ground: str


OUTPUT_LANGUAGE = "nl-NL"  # the catalog's /Lang of every output: Woo documents are Dutch


@dataclass(frozen=True)
class ApplyTask:
    document_id: int
    source: str  # the workspace's read-only copy of the original
    source_sha256: str
    boxes: tuple[Box, ...]
    box_style: str = "black"
    ocr_pages: tuple[int, ...] = ()  # pages the scan read with OCR: they get a new text layer
    ocr: OcrSettings = DEFAULT_OCR
    values: tuple[tuple[str, str], ...] = ()  # accepted (text, ground): looked for on OCR pages
    withheld_pages: tuple[tuple[int, str], ...] = ()  # (page, ground): replaced by a notice


@dataclass(frozen=True)
class ApplyResult:
    document_id: int
    pdf: bytes = b""
    sha256: str = ""
    boxes_per_ground: dict[str, int] = field(default_factory=dict)
    unlabelled: int = 0
    unlabelled_boxes: tuple[int, ...] = ()  # indices into the task's boxes
    scrubbed: dict[str, int] = field(default_factory=dict)  # channel -> items removed
    ocr_pages: int = 0  # pages given a new text layer by OCR
    # Boxes over an accepted value that the output's OCR read where the scan's did not.
    ocr_extra_boxes: tuple[tuple[int, Rect, str], ...] = ()
    error: str | None = None


def _words_meet(page: pymupdf.Page, areas: Sequence[Rect]) -> bool:
    """Whether any word of the page overlaps an area by more than a touch.

    A glyph centred in an area overlaps it by half its width, and its word's box holds its own,
    so when no word overlaps an area, no glyph is centred in one; words are cheap to extract,
    glyphs with their boxes five times dearer. A word beside a box only touches it."""
    words = sorted(page.get_text("words", flags=pymupdf.TEXT_PRESERVE_WHITESPACE),
                   key=lambda w: w[3])
    bottoms = [w[3] for w in words]
    tallest = max((w[3] - w[1] for w in words), default=0.0)
    for x0, y0, x1, y1 in areas:
        for word in words[bisect_right(bottoms, y0):bisect_right(bottoms, y1 + tallest)]:
            if (min(x1, word[2]) - max(x0, word[0]) > 1e-3
                    and min(y1, word[3]) - max(y0, word[1]) > 1e-3):
                return True
    return False


def _touches(a: Rect, b: Sequence[float]) -> bool:
    """Whether two rectangles meet, give or take a point (a drawn line may have no height)."""
    return (a[0] <= b[2] + 1 and b[0] - 1 <= a[2]
            and a[1] <= b[3] + 1 and b[1] - 1 <= a[3])


def burn_in(
    page: pymupdf.Page,
    boxes: Sequence[tuple[int, Box]],
    style: str,
    label: bool,
    upright: bool = False,
    drawn: Drawn | None = None,
) -> list[int]:
    """Redact the page under ``boxes``; returns the indices of boxes left without a label.

    ``drawn``: the page's bboxlog, when the caller has it from before text alone was taken off
    the page (images and drawings are where they were).

    Two passes. The first removes exactly the glyphs whose centre lies in a box, through each
    glyph's core, so that the next line survives however tight the leading. The second blanks
    image pixels and removes line art under the whole box, and draws the box; the labels are
    drawn last (``upright``: along the page as shown, for a page read with OCR). Any glyph
    still centred in a box after the first pass is an error: the document is not written.
    """
    merged = merge_boxes([(i, box.rect, box.ground) for i, box in boxes])
    glyphs = page_glyphs(page)
    index = GlyphIndex(glyphs)
    areas: list[Rect] = [(r.x0, r.y0, r.x1, r.y1) for _, r, _ in merged]
    selected = {i for area in areas for i in index.centred_in(area)}
    add_redactions(page, runs_under(glyphs, selected))  # no fill: the second pass draws boxes
    remove_text_under_annots(page)
    if _words_meet(page, areas):  # only then can a glyph be left centred in a box
        remaining = GlyphIndex([g for g in page_glyphs(page) if not g[0].isspace()])
        for number, area in enumerate(areas, start=1):
            if remaining.centred_in(area):
                raise BadDocument(
                    f"page {page.number + 1}: text under box {number} survived the redaction",
                    "redaction",
                )
    if drawn is None:
        drawn = page.get_bboxlog()
    images = [pymupdf.Rect(bbox) for kind, bbox in drawn if "image" in kind]
    fitted = [(members, fit_box(area, index.near(area), images), ground)
              for (members, _, ground), area in zip(merged, areas, strict=True)]
    labels: list[tuple[pymupdf.Rect, str, float]] = []
    unlabelled: list[int] = []
    for members, rect, ground in fitted:
        shown = rect * page.rotation_matrix if upright else rect
        size = label_size(shown, ground) if label else 0.0
        if size:
            labels.append((rect, ground, size))
        else:
            unlabelled.extend(members)
    # Image pixels and line art under a box: only boxes over an image or a drawing can touch
    # any, and a page without such boxes skips MuPDF's second rewrite of its content.
    art = [bbox for kind, bbox in drawn if "text" not in kind]
    over_art = [tuple(rect) for _, rect, _ in fitted
                if page.rotation or any(_touches(tuple(rect), bbox) for bbox in art)]
    if over_art:
        add_redactions(page, over_art)
        remove_art_under_annots(page)
    draw_boxes(page, fitted, labels, style, upright)
    return sorted(unlabelled)


# -- the stage ------------------------------------------------------------------------------------


def redact_pdf(
    doc: pymupdf.Document,
    boxes: Sequence[Box],
    style: str = "black",
    label: bool = True,
    ocr_pages: Sequence[int] = (),
    ocr: OcrSettings = DEFAULT_OCR,
    values: Sequence[tuple[str, str]] = (),
    extra: list[Box] | None = None,
    withheld_pages: Mapping[int, str] | None = None,
) -> tuple[bytes, list[int], dict[str, int]]:
    """Burn ``boxes`` into ``doc`` (changed in place) and return (pdf, unlabelled, scrubbed).

    ``ocr_pages`` lose their invisible text (``scrubbed`` counts its characters as
    ``ocr_text_layer``) and get a new text layer by OCR of the redacted page. Where that OCR
    reads one of the accepted ``values`` (text, ground) outside the boxes, it gets a box too;
    those boxes are appended to ``extra``. ``withheld_pages`` (page -> ground) are replaced
    first by a blank page naming the ground (``redact.pdf.withheld``); boxes there are moot.
    """
    extra = [] if extra is None else extra
    box_colours(style)  # reject an unknown style before anything is changed
    scrubbed: Counter[str] = Counter()
    withheld = dict(withheld_pages or {})
    if withheld:
        scrubbed["withheld_pages"] += replace_pages(doc, withheld)
        boxes = [box for box in boxes if box.page not in withheld]
        ocr_pages = [number for number in ocr_pages if number not in withheld]
    layers = remove_hidden_content(doc)
    if layers:
        scrubbed["hidden_layers"] += layers
    per_page: dict[int, list[tuple[int, Box]]] = defaultdict(list)
    for index, box in enumerate(boxes):
        if not 1 <= box.page <= doc.page_count:
            raise BadDocument(f"a box lies on page {box.page} of {doc.page_count}", "corrupt")
        per_page[box.page].append((index, box))
    ocr_set = {number for number in ocr_pages if 1 <= number <= doc.page_count}
    unlabelled: list[int] = []
    for page in doc:
        scrubbed.update(remove_annotations(page))
        log = page.get_bboxlog()  # once: the steps up to burn_in's boxes take off text alone
        invisible = remove_invisible_text(page, log)
        if invisible:
            scrubbed["invisible_text"] += invisible
        number = page.number + 1
        if number in ocr_set:
            scrubbed["ocr_text_layer"] += remove_text_layer(page)
        if number in per_page:
            unlabelled.extend(burn_in(page, per_page[number], style, label,
                                      upright=number in ocr_set, drawn=log))
        if number in ocr_set:
            drawn = [box.rect for _, box in per_page.get(number, ())]
            words = visible_words(page, drawn, ocr)
            # An accepted value that this OCR reads where the scan's OCR read something else
            # (OCR of one image varies): it is visible, so it gets a box of its own too.
            turn = page.derotation_matrix
            again = leftover_values(words, values)
            if again:
                start = len(boxes) + len(extra)
                found = [(start + i, Box(number, _unturned(rect, turn), ground))
                         for i, (rect, ground) in enumerate(again)]
                extra.extend(box for _, box in found)
                unlabelled.extend(burn_in(page, found, style, label, upright=True))
                drawn += [box.rect for _, box in found]
                words = visible_words(page, drawn, ocr)
            add_text_layer(page, drawn, ocr, words)
    scrubbed.update(scrub(doc))
    # for screen readers (the boxes carry their ground as /Alt); set_language would keep "nl" only
    doc.xref_set_key(doc.pdf_catalog(), "Lang", f"({OUTPUT_LANGUAGE})")
    data = doc.tobytes(garbage=4, deflate=True, clean=True, encryption=pymupdf.PDF_ENCRYPT_NONE)
    return data, sorted(unlabelled), {k: n for k, n in sorted(scrubbed.items()) if n}


def _unturned(rect: Rect, matrix: pymupdf.Matrix) -> Rect:
    r = (pymupdf.Rect(rect) * matrix).normalize()
    return (r.x0, r.y0, r.x1, r.y1)


def redact_document(task: ApplyTask) -> ApplyResult:
    """Worker function: the redacted PDF as bytes, for the parent to write atomically."""
    source = Path(task.source)
    try:
        before = sha256_file(source)
        if before != task.source_sha256:
            raise BadDocument("the stored original changed since the scan", "changed")
        doc = pymupdf.open(source, filetype="pdf")
        try:
            extra: list[Box] = []
            data, unlabelled, scrubbed = redact_pdf(doc, task.boxes, task.box_style,
                                                    ocr_pages=task.ocr_pages, ocr=task.ocr,
                                                    values=task.values, extra=extra,
                                                    withheld_pages=dict(task.withheld_pages))
        finally:
            doc.close()
        if sha256_file(source) != before:
            raise BadDocument("the original changed while it was being redacted", "changed")
    except BadDocument as exc:
        return ApplyResult(task.document_id, error=str(exc))
    except Exception as exc:  # a broken page must not stop the batch
        return ApplyResult(task.document_id, error=f"redaction failed: {exc}")
    return ApplyResult(
        document_id=task.document_id,
        pdf=data,
        sha256=hashlib.sha256(data).hexdigest(),
        boxes_per_ground=dict(Counter(box.ground for box in task.boxes)),
        unlabelled=len(unlabelled),
        unlabelled_boxes=tuple(unlabelled),
        scrubbed=scrubbed,
        ocr_pages=len(task.ocr_pages),
        ocr_extra_boxes=tuple((box.page, box.rect, box.ground) for box in extra),
    )
