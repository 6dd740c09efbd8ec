"""Drawing the boxes and their labels: the box as drawn, its colours and its label.

Boxes of one ground that overlap are merged, each is fitted to the glyphs it covers, and all
boxes with their ground codes go into one content stream of PDF operators over the page; a
label that stream cannot hold is written by PyMuPDF. A label too small to read is left out.

Each box is drawn inside a marked-content sequence whose /Alt says what it is ("Gelakt:
5.1.2e", its ground and nothing else), so that a screen reader announces a redaction instead of
passing over an unexplained shape (the issue's accessible output; PDF 1.7, 14.6 and 14.9.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pymupdf

from redact.config import BOX_STYLES
from redact.models import Rect
from redact.pdf.glyphs import GLYPH_INSET, Glyph
from redact.pdf.mupdf import insert_contents, note_xref, noted_xref, put_font

LABEL_FONT = pymupdf.Font("helv")
LABEL_FONT_KEY = "RedactLabel"  # the boxes' label font in a page's resources (no clash)
MIN_LABEL_SIZE = 4.0  # points; a smaller label would be unreadable and is left out
FRAME_WIDTH = 0.6  # points: the frame of a white box
MERGE_OVERLAP = 0.5  # boxes of one ground overlapping this much are drawn as one


@lru_cache(maxsize=256)
def _unit_width(label: str) -> float:
    """Width of ``label`` in Helvetica at size 1 (a handful of grounds: measured once each)."""
    return float(pymupdf.get_text_length(label, fontname="helv", fontsize=1.0))


def label_size(rect: pymupdf.Rect | Rect, label: str) -> float:
    """Largest Helvetica size at which ``label`` fits inside ``rect`` (0 when it does not)."""
    x0, y0, x1, y1 = rect
    width = _unit_width(label)
    size = min((y1 - y0) * 0.8, (x1 - x0 - 1.0) / width if width else 0.0)
    return round(size, 1) if size >= MIN_LABEL_SIZE else 0.0


def box_colours(style: str) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """(fill, label colour) of a box style."""
    if style not in BOX_STYLES:
        raise ValueError(f"unknown box style {style!r}")
    return ((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)) if style == "black" else ((1.0, 1.0, 1.0),
                                                                          (0.0, 0.0, 0.0))


def merge_boxes(
    boxes: Sequence[tuple[int, Rect, str]],
) -> list[tuple[list[int], pymupdf.Rect, str]]:
    """Boxes (index, rectangle, ground) of one ground that mostly overlap become one box (one
    label, not two on top of each other); boxes of neighbouring lines that merely touch stay
    apart."""
    merged: list[tuple[list[int], list[float], str]] = []  # plain floats: this runs per box pair
    for index, (x0, y0, x1, y1), box_ground in boxes:
        area = max(0.0, x1 - x0) * max(0.0, y1 - y0)
        for members, other, ground in merged:
            if ground != box_ground:
                continue
            ox0, oy0, ox1, oy1 = other
            smaller = min(area, max(0.0, ox1 - ox0) * max(0.0, oy1 - oy0))
            overlap = max(0.0, min(x1, ox1) - max(x0, ox0)) * max(0.0, min(y1, oy1) - max(y0, oy0))
            if smaller > 0 and overlap >= MERGE_OVERLAP * smaller:
                members.append(index)
                other[:] = [min(x0, ox0), min(y0, oy0), max(x1, ox1), max(y1, oy1)]
                break
        else:
            merged.append(([index], [x0, y0, x1, y1], box_ground))
    return [(members, pymupdf.Rect(rect), ground) for members, rect, ground in merged]


def fit_box(rect: Rect, glyphs: Sequence[Glyph], images: Sequence[pymupdf.Rect]) -> pymupdf.Rect:
    """The box as drawn: kept off the glyph cores of the lines above and below (at tight leading
    glyph boxes of neighbouring lines overlap), never smaller than the glyph cores it covers.
    Over an image the whole box stays, so that no pixel of the redacted text is left."""
    rx0, ry0, rx1, ry1 = rect
    if any(pymupdf.Rect(rect).intersects(image) for image in images):
        return pymupdf.Rect(rect)
    mid, half = (ry0 + ry1) / 2, (ry1 - ry0) * (0.5 - GLYPH_INSET)
    top, bottom = ry0, ry1
    for char, x0, y0, x1, y1 in glyphs:  # comparisons, not min/max: hundreds per box
        if (x1 if x1 < rx1 else rx1) - (x0 if x0 > rx0 else rx0) <= 0.5 or char.isspace():
            continue
        centre, dy = (y0 + y1) / 2, (y1 - y0) * GLYPH_INSET
        if centre < ry0:
            if y1 - dy > top:
                top = y1 - dy
        elif centre > ry1 and y0 + dy < bottom:
            bottom = y0 + dy
    return pymupdf.Rect(rx0, min(top, mid - half), rx1, max(bottom, mid + half))


def _label_font(page: pymupdf.Page) -> str | None:
    """The resource name of Helvetica (a standard font, not embedded) for labels on ``page``,
    added to the page's own resources; None when the page inherits its resources."""
    doc = page.parent
    xref = noted_xref(doc, "label_font")
    if not xref:
        xref = doc.get_new_xref()
        doc.update_object(xref, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica"
                                "/Encoding/WinAnsiEncoding>>")
        note_xref(doc, "label_font", xref)  # one font object per document
    return LABEL_FONT_KEY if put_font(page, LABEL_FONT_KEY, xref) else None


def _pdf_string(text: str) -> str | None:
    """``text`` as a PDF literal string in WinAnsi encoding; None if it has other characters."""
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return "(" + "".join(
        "\\" + chr(b) if chr(b) in "\\()" else chr(b) if 32 <= b < 127 else f"\\{b:03o}"
        for b in raw) + ")"


def _label_origin(rect: pymupdf.Rect, ground: str, size: float) -> tuple[float, float]:
    """Where a label starts: centred in its box (Helvetica's cap height is about 0.7)."""
    return (rect.x0 + (rect.width - _unit_width(ground) * size) / 2,
            rect.y0 + (rect.height + size * 0.7) / 2)


ALT_PREFIX = "Gelakt: "  # the text alternative of a box: "Gelakt: 5.1.2e"


def box_alt(ground: str) -> str:
    """A box's text alternative: what it is and its ground, never what it hides."""
    return ALT_PREFIX + ground


def _marked(ground: str, paint: str) -> list[str]:
    """``paint`` (a box's path operators) inside a /Span marked-content sequence with /Alt."""
    alt = _pdf_string(box_alt(ground))
    if alt is None:  # a ground code outside WinAnsi: never, the codes are ASCII
        return [paint]
    return [f"/Span <</Alt {alt}>> BDC", paint, "EMC"]


def _num(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def draw_boxes(
    page: pymupdf.Page,
    fitted: Sequence[tuple[list[int], pymupdf.Rect, str]],
    labels: Sequence[tuple[pymupdf.Rect, str, float]],
    style: str,
    upright: bool,
) -> None:
    """Every box (members, rectangle, ground), the frames of white boxes and the ground codes in
    one content stream, written as PDF operators (PyMuPDF's drawing and text writing cost more
    than the redaction itself).

    A label runs along the page's own x axis, as text in a PDF mostly does; ``upright``, along
    the page as shown, as the text of a scan turned with /Rotate does (OCR reads it upright).
    """
    if not fitted:
        return
    fill, text_colour = box_colours(style)
    to_pdf = ~page.transformation_matrix  # unrotated page coordinates to PDF user space
    a, b, c, d, e, f = to_pdf
    rects = []
    for _, rect, _ in fitted:
        x, y = rect.x0 * a + rect.y1 * c + e, rect.x0 * b + rect.y1 * d + f  # bottom left
        rects.append(f"{_num(x)} {_num(y)} {_num(rect.width)} {_num(rect.height)} re")
    colour = " ".join(_num(v) for v in fill)
    painted = [op for r, (_, _, ground) in zip(rects, fitted, strict=True)
               for op in _marked(ground, f"{r} B")]
    ops = ["q", f"{colour} rg {colour} RG 1 w", *painted, "Q"]  # one by one:
    if style == "white":  # a path of all boxes would join their edges, and OCR reads the seams
        ops += ["q", f"0 0 0 RG {_num(FRAME_WIDTH)} w", *(f"{r} S" for r in rects), "Q"]
    turn = page.rotation if upright else 0
    written: set[int] = set()  # indices of the labels in this stream
    font = _label_font(page) if labels and not turn else None
    if font is not None:
        ops += ["q", "BT", " ".join(_num(v) for v in text_colour) + " rg"]
        for number, (rect, ground, size) in enumerate(labels):
            text = _pdf_string(ground)
            if text is None:
                continue
            x, y = _label_origin(rect, ground, size)
            px, py = x * a + y * c + e, x * b + y * d + f
            ops.append(f"/{font} {_num(size)} Tf 1 0 0 1 {_num(px)} {_num(py)} Tm {text} Tj")
            written.add(number)
        ops += ["ET", "Q"]
    page.wrap_contents()  # the page's own content leaves the graphics state as it found it
    xref = insert_contents(page, b" ", True)
    page.parent.update_stream(xref, ("\n".join(ops) + "\n").encode("ascii"))
    rest = [label for number, label in enumerate(labels) if number not in written]
    if rest:
        _draw_labels(page, rest, text_colour, upright)


def _draw_labels(
    page: pymupdf.Page,
    labels: Sequence[tuple[pymupdf.Rect, str, float]],
    colour: tuple[float, ...],
    upright: bool = False,
) -> None:
    """Labels the content stream of ``draw_boxes`` cannot hold: upright on a turned page,
    on a page that inherits its resources, or with characters outside WinAnsi."""
    turn = page.rotation if upright else 0
    if not turn:
        writer = pymupdf.TextWriter(page.rect, color=colour)
        for rect, ground, size in labels:
            writer.append(_label_origin(rect, ground, size), ground, font=LABEL_FONT,
                          fontsize=size)
        writer.write_text(page)
        return
    shape = page.new_shape()
    for rect, ground, size in labels:
        point = pymupdf.Point(_label_origin(rect * page.rotation_matrix, ground, size))
        point = point * page.derotation_matrix
        shape.insert_text(point, ground, fontname="helv", fontsize=size, color=colour,
                          rotate=turn)
    shape.commit()
