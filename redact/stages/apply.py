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
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pymupdf
from pymupdf import mupdf

from redact.config import BOX_STYLES, OcrSettings
from redact.errors import BadDocument
from redact.models import Rect
from redact.stages.ingest import sha256_file
from redact.stages.ocr import add_text_layer, leftover_values, remove_text_layer, visible_words

# The version of what this stage does to a page. Raise it with every change to what is removed
# or drawn (a fix of a leak above all): it is part of every output's fingerprint, so the next
# apply makes every output again instead of keeping those an older burn-in wrote.
BURN_IN_VERSION = 1

DEFAULT_OCR = OcrSettings()
LABEL_FONT = pymupdf.Font("helv")
MIN_LABEL_SIZE = 4.0  # points; a smaller label would be unreadable and is left out

FRAME_WIDTH = 0.6  # points: the frame of a white box
OFFPAGE_SLACK = 3.0  # points: a glyph overhanging the page edge by less than this stays
MERGE_OVERLAP = 0.5  # boxes of one ground overlapping this much are drawn as one
GLYPH_INSET = 0.2  # share of a glyph box left out on each side when its text is removed

# Catalog and page keys that survive; everything else (outlines, names, actions, forms,
# metadata, piece info, threads, attachments, private keys) is dropped.
CATALOG_KEEP = frozenset({
    "Type", "Pages", "PageLabels", "PageLayout", "ViewerPreferences", "Lang", "MarkInfo",
    "StructTreeRoot", "Version", "Extensions", "OutputIntents",
})
PAGE_KEEP = frozenset({
    "Type", "Parent", "Resources", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox",
    "Rotate", "Contents", "Group", "UserUnit", "StructParents", "Tabs", "BoxColorInfo",
})
# Keys dropped from every object that is neither the catalog nor a page.
OBJECT_DROP = ("Metadata", "PieceInfo", "AF", "OC", "AA", "Thumb")
# Texts of structure elements that no one scanned (alternate descriptions, titles).
STRUCT_DROP = ("Alt", "ActualText", "E", "T")

# Which channel a dropped catalog or page key belongs to (for the record and the report).
CHANNEL_OF_KEY = {
    "Info": "metadata", "Metadata": "xmp", "Outlines": "bookmarks", "Dests": "named_destinations",
    "AcroForm": "forms", "OpenAction": "javascript", "AA": "javascript", "Annots": "annotations",
    "Thumb": "thumbnails", "OCProperties": "hidden_layers", "OC": "hidden_layers",
    "PieceInfo": "piece_info", "LastModified": "piece_info", "AF": "attachments",
    "Threads": "threads", "B": "threads",
}
CHANNEL_OF_NAME_TREE = {
    "Dests": "named_destinations", "JavaScript": "javascript", "EmbeddedFiles": "attachments",
}


@dataclass(frozen=True)
class Box:
    page: int  # 1-based
    rect: Rect
    ground: str


@dataclass(frozen=True)
class ApplyTask:
    document_id: int
    source: str  # the workspace's read-only copy of the original
    source_sha256: str
    boxes: tuple[Box, ...]
    label: bool = True
    box_style: str = "black"
    ocr_pages: tuple[int, ...] = ()  # pages the scan read with OCR: they get a new text layer
    ocr: OcrSettings = DEFAULT_OCR
    values: tuple[tuple[str, str], ...] = ()  # accepted (text, ground): looked for on OCR pages


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


# -- content streams ----------------------------------------------------------------------------

_WS = b"\x00\t\n\x0c\r "
_DELIM = b"()<>[]{}/%"
_EI = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")


def content_tokens(data: bytes) -> Iterator[tuple[str, int, int]]:
    """Tokens of a content stream as (kind, start, end): kind is op, operand or inline.

    An inline image (BI ... ID data EI) is one token of kind ``inline``.
    """
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in _WS:
            i += 1
        elif c == 0x25:  # % comment
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == 0x28:  # ( literal string )
            start, depth, i = i, 1, i + 1
            while i < n and depth:
                if data[i] == 0x5C:
                    i += 2
                    continue
                depth += {0x28: 1, 0x29: -1}.get(data[i], 0)
                i += 1
            yield "operand", start, min(i, n)
        elif c == 0x3C:  # <hex> or <<
            if data[i + 1:i + 2] == b"<":
                yield "operand", i, i + 2
                i += 2
            else:
                end = data.find(b">", i)
                end = n if end < 0 else end + 1
                yield "operand", i, end
                i = end
        elif c == 0x3E:  # >>
            width = 2 if data[i + 1:i + 2] == b">" else 1
            yield "operand", i, i + width
            i += width
        elif c in b"[]{}":
            yield "operand", i, i + 1
            i += 1
        else:
            start = i
            i += 1
            while i < n and data[i] not in _WS and (data[i] not in _DELIM or c == 0x2F and i == start):
                i += 1
            word = data[start:i]
            if c == 0x2F or word[:1] in b"+-.0123456789" or word in (b"true", b"false", b"null"):
                yield "operand", start, i
            elif word == b"BI":
                found = data.find(b"ID", i)
                match = _EI.search(data, found + 3) if found >= 0 else None
                end = match.end() if match else n
                yield "inline", start, end
                i = end
            else:
                yield "op", start, i


# Operators that neither paint nor show anything: kept inside hidden content so that the
# graphics state, text objects and marked-content nesting stay balanced.
_STATE_OPS = frozenset(
    b"q Q cm gs w J j M d ri i CS cs SC SCN sc scn G g RG rg K k BT ET Tc Tw Tz TL Tf Tr Ts "
    b"Td TD Tm T* BX EX".split()
)


def filter_hidden(data: bytes, hidden_props: set[bytes], hidden_xobjects: set[bytes]) -> bytes:
    """The content stream without hidden optional content and without OC markers.

    ``hidden_props`` are the property names (``/MC0``) whose optional-content group is off;
    ``hidden_xobjects`` the XObject names (``/Im1``) that carry a hidden /OC. Everything
    between ``/OC /name BDC`` and its ``EMC`` is dropped for a hidden name, and only the
    markers are dropped for a visible one, so the content no longer depends on layers.
    """
    out: list[bytes] = []
    stack: list[str] = []  # per open marked-content sequence: drop | strip | keep
    hiding = 0
    seg_start: int | None = None
    operands: list[tuple[int, int]] = []
    for kind, start, end in content_tokens(data):
        if kind == "operand":
            if seg_start is None:
                seg_start = start
            operands.append((start, end))
            continue
        seg = data[seg_start if seg_start is not None else start:end]
        args = [data[s:e] for s, e in operands]
        seg_start, operands = None, []
        op = data[start:end] if kind == "op" else b"BI"
        if op == b"BDC" and args and args[0] == b"/OC":
            hidden = hiding > 0 or (len(args) > 1 and args[1] in hidden_props)
            stack.append("drop" if hidden else "strip")
            hiding += hidden
            continue
        if op in (b"BMC", b"BDC"):
            stack.append("keep")
            if not hiding:
                out.append(seg)
            continue
        if op == b"EMC":
            state = stack.pop() if stack else "keep"
            if state == "drop":
                hiding -= 1
            elif state == "keep" and not hiding:
                out.append(seg)
            continue
        if hiding:
            if op in _STATE_OPS:
                out.append(seg)
            elif op == b"'":
                out.append(b"T*")
            elif op == b'"' and len(args) >= 2:
                out.append(args[0] + b" Tw " + args[1] + b" Tc T*")
            continue
        if op == b"Do" and args and args[-1] in hidden_xobjects:
            continue
        out.append(seg)
    return b"\n".join(out) + b"\n"


# -- optional content ---------------------------------------------------------------------------

_REF = re.compile(r"/([^\s/<>\[\]()%]+)\s*(\d+)\s+\d+\s+R")


def _refs(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"(\d+)\s+\d+\s+R", text)]


def _named_refs(doc: pymupdf.Document, xref: int, path: str) -> dict[bytes, int]:
    """A dictionary of names to indirect objects at ``path`` below object ``xref``."""
    kind, value = doc.xref_get_key(xref, path)
    if kind == "xref":
        value = doc.xref_object(_refs(value)[0], compressed=True)
    elif kind != "dict":
        return {}
    return {b"/" + name.encode("latin-1"): int(ref) for name, ref in _REF.findall(value)}


def _resources_holder(doc: pymupdf.Document, page_xref: int) -> int:
    """The object whose /Resources apply to a page (pages inherit them from the tree)."""
    xref, seen = page_xref, set()
    while xref and xref not in seen:
        seen.add(xref)
        if doc.xref_get_key(xref, "Resources")[0] != "null":
            return xref
        kind, parent = doc.xref_get_key(xref, "Parent")
        xref = _refs(parent)[0] if kind == "xref" else 0
    return page_xref


def hidden_groups(doc: pymupdf.Document) -> set[int]:
    """Optional-content groups and membership dictionaries that are off in the default view."""
    try:
        ocgs = doc.get_ocgs() or {}
    except Exception:
        ocgs = {}
    off = {xref for xref, info in ocgs.items() if not info.get("on", True)}
    hidden = set(off)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Type") != ("name", "/OCMD"):
            continue
        kind, value = doc.xref_get_key(xref, "OCGs")
        members = _refs(value) if kind in ("xref", "array") else []
        policy = doc.xref_get_key(xref, "P")[1]
        states = [m not in off for m in members]
        if doc.xref_get_key(xref, "VE")[0] != "null":
            visible = all(states)  # an expression: visible only when no member is off
        elif policy == "/AllOn":
            visible = all(states)
        elif policy == "/AnyOff":
            visible = not all(states)
        elif policy == "/AllOff":
            visible = not any(states)
        else:  # /AnyOn, the default
            visible = any(states) or not states
        if not visible:
            hidden.add(xref)
    return hidden


def remove_hidden_content(doc: pymupdf.Document) -> int:
    """Drop content of hidden layers from pages and forms; strip every OC marker.

    Returns the number of content streams rewritten. Hidden content was never scanned
    (extraction shows only what is visible), so it cannot be kept; visible layered content
    stays, without its layer, so no viewer can switch anything on or off afterwards.
    """
    hidden = hidden_groups(doc)
    has_oc = doc.xref_get_key(doc.pdf_catalog(), "OCProperties")[0] != "null"
    if not hidden and not has_oc:
        return 0
    rewritten = 0
    done_forms: set[int] = set()

    def oc_of(xref: int) -> int | None:
        kind, value = doc.xref_get_key(xref, "OC")
        refs = _refs(value) if kind == "xref" else []
        return refs[0] if refs else None

    def process(data: bytes, holder: int, path: str) -> bytes | None:
        props = _named_refs(doc, holder, f"{path}Properties")
        xobjects = _named_refs(doc, holder, f"{path}XObject")
        hidden_props = {name for name, ref in props.items() if ref in hidden}
        hidden_x = {name for name, ref in xobjects.items() if oc_of(ref) in hidden}
        for name, ref in xobjects.items():
            if ref in done_forms or name in hidden_x:
                continue
            done_forms.add(ref)
            if doc.xref_get_key(ref, "Subtype") == ("name", "/Form") and doc.xref_is_stream(ref):
                own = doc.xref_get_key(ref, "Resources")[0] != "null"
                new = process(doc.xref_stream(ref), ref if own else holder,
                              "Resources/" if own else path)
                if new is not None:
                    doc.update_stream(ref, new)
        if b"/OC" not in data and not hidden_x:
            return None
        return filter_hidden(data, hidden_props, hidden_x)

    for page in doc:
        holder = _resources_holder(doc, page.xref)
        new = process(page.read_contents(), holder, "Resources/")
        if new is None:
            continue
        xref = doc.get_new_xref()
        doc.update_object(xref, "<<>>")
        doc.update_stream(xref, new)
        doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")
        rewritten += 1
    return rewritten + len(done_forms)


# -- invisible text -------------------------------------------------------------------------------


def _char_set(page: pymupdf.Page, flags: int) -> list[tuple[str, Rect]]:
    chars: list[tuple[str, Rect]] = []
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for ch in span["chars"]:
                    chars.append((ch["c"], ch["bbox"]))
    return chars


def invisible_text_rects(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Glyphs clipped away by a clipping path: no reader sees them, text extraction does.

    Only glyphs that overlap no visible glyph are returned, so visible text is never removed.
    """
    plain = pymupdf.TEXT_PRESERVE_WHITESPACE
    clipped = plain | pymupdf.TEXT_MEDIABOX_CLIP
    if len(page.get_text("text", flags=plain)) == len(page.get_text("text", flags=clipped)):
        return []
    visible = _char_set(page, clipped)
    seen = Counter(visible)
    rects: list[pymupdf.Rect] = []
    for char in _char_set(page, plain):
        if seen[char] > 0:
            seen[char] -= 1
            continue
        rect = pymupdf.Rect(char[1])
        if rect.is_empty or char[0].isspace():
            continue
        if any(rect.intersects(pymupdf.Rect(v[1])) for v in visible):
            continue
        rects.append(rect)
    return rects


Drawn = list[tuple[str, tuple[float, float, float, float]]]  # a page's bboxlog


def _offpage_text(page: pymupdf.Page, area: pymupdf.Rect, drawn: Drawn | None = None) -> bool:
    for kind, bbox in page.get_bboxlog() if drawn is None else drawn:
        if "text" in kind and not pymupdf.Rect(bbox).is_empty and not area.contains(
            pymupdf.Rect(bbox)
        ):
            return True
    return False


def remove_invisible_text(page: pymupdf.Page, drawn: Drawn | None = None) -> int:
    """Remove text outside the visible page and text clipped away; returns the glyph count.

    ``drawn``: the page's bboxlog, when the caller has it."""
    area = (page.rect * page.derotation_matrix).normalize()
    count = 0
    margins: list[pymupdf.Rect] = []
    if _offpage_text(page, area, drawn):
        big = 1e5
        area = area + (-OFFPAGE_SLACK, -OFFPAGE_SLACK, OFFPAGE_SLACK, OFFPAGE_SLACK)
        margins = [pymupdf.Rect(-big, -big, big, area.y0), pymupdf.Rect(-big, area.y1, big, big),
                   pymupdf.Rect(-big, area.y0, area.x0, area.y1),
                   pymupdf.Rect(area.x1, area.y0, big, area.y1)]
        count += 1
    rects = invisible_text_rects(page)
    count += len(rects)
    if not margins and not rects:
        return 0
    add_redactions(page, [tuple(rect) for rect in margins + rects])
    remove_text_under_annots(page)
    return count


def add_redactions(page: pymupdf.Page, rects: Sequence[Rect]) -> None:
    """Redaction annotations over ``rects`` (unrotated page coordinates), without fill or
    overlay text, made by MuPDF directly. PyMuPDF's ``add_redact_annot`` also names each one,
    draws its appearance, scans the page's annotations for their names and turns the page twice
    (a sixth of apply's time at thirty boxes a page); none of that matters to an annotation that
    MuPDF removes when it applies it."""
    if not rects:
        return
    pdf_page = page._pdf_page()
    turned = page.rotation
    if turned:  # rectangles are unrotated: as PyMuPDF does, place them on the unturned page
        page.set_rotation(0)
    try:
        for x0, y0, x1, y1 in rects:
            annot = mupdf.pdf_create_annot(pdf_page, mupdf.PDF_ANNOT_REDACT)
            mupdf.pdf_set_annot_rect(annot, mupdf.FzRect(x0, y0, x1, y1))
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
    if not page._apply_redactions(pymupdf.PDF_REDACT_TEXT_REMOVE, pymupdf.PDF_REDACT_IMAGE_NONE,
                                  pymupdf.PDF_REDACT_LINE_ART_NONE):
        raise BadDocument(f"page {page.number + 1}: MuPDF could not apply a redaction", "redaction")
    if page.first_annot is not None:
        raise BadDocument(f"page {page.number + 1}: a redaction was left unapplied", "redaction")


# -- boxes ----------------------------------------------------------------------------------------


def merge_boxes(boxes: Sequence[tuple[int, Box]]) -> list[tuple[list[int], pymupdf.Rect, str]]:
    """Boxes of one ground that mostly overlap become one box (one label, not two on top of
    each other); boxes of neighbouring lines that merely touch stay apart."""
    merged: list[tuple[list[int], list[float], str]] = []  # plain floats: this runs per box pair
    for index, box in boxes:
        x0, y0, x1, y1 = box.rect
        area = max(0.0, x1 - x0) * max(0.0, y1 - y0)
        for members, other, ground in merged:
            if ground != box.ground:
                continue
            ox0, oy0, ox1, oy1 = other
            smaller = min(area, max(0.0, ox1 - ox0) * max(0.0, oy1 - oy0))
            overlap = max(0.0, min(x1, ox1) - max(x0, ox0)) * max(0.0, min(y1, oy1) - max(y0, oy0))
            if smaller > 0 and overlap >= MERGE_OVERLAP * smaller:
                members.append(index)
                other[:] = [min(x0, ox0), min(y0, oy0), max(x1, ox1), max(y1, oy1)]
                break
        else:
            merged.append(([index], [x0, y0, x1, y1], box.ground))
    return [(members, pymupdf.Rect(rect), ground) for members, rect, ground in merged]


Glyph = tuple[str, float, float, float, float]  # character and box, as plain floats (fast)


def _glyphs(page: pymupdf.Page) -> list[Glyph]:
    return [(c, x0, y0, x1, y1) for c, (x0, y0, x1, y1)
            in _char_set(page, pymupdf.TEXT_PRESERVE_WHITESPACE) if x1 > x0 and y1 > y0]


def glyph_core(glyph: Glyph) -> Rect:
    """The middle of a glyph box: MuPDF removes a glyph when its box shrunk by a tenth on every
    side meets a redaction, so this core (a fifth in from every side) always hits it, and never
    reaches into the glyph boxes of a neighbouring line, even at solid leading."""
    _, x0, y0, x1, y1 = glyph
    dx, dy = (x1 - x0) * GLYPH_INSET, (y1 - y0) * GLYPH_INSET
    return (x0 + dx, y0 + dy, x1 - dx, y1 - dy)


class GlyphIndex:
    """Glyphs sorted by the height of their centre, for fast "which glyphs are in this box"."""

    def __init__(self, glyphs: Sequence[Glyph]) -> None:
        self.glyphs = glyphs
        self.order = sorted(range(len(glyphs)), key=lambda i: glyphs[i][2] + glyphs[i][4])
        self.mid = [(glyphs[i][2] + glyphs[i][4]) / 2 for i in self.order]
        self.tallest = max((g[4] - g[2] for g in glyphs), default=0.0)

    def centred_in(self, area: Rect) -> list[int]:
        """Indices (into ``glyphs``) of the glyphs whose centre lies in ``area``."""
        lo, hi = bisect_left(self.mid, area[1]), bisect_right(self.mid, area[3])
        out = []
        for i in self.order[lo:hi]:
            g = self.glyphs[i]
            if area[0] <= (g[1] + g[3]) / 2 <= area[2]:
                out.append(i)
        return out

    def near(self, area: Rect) -> list[Glyph]:
        """Glyphs whose box may reach into ``area`` vertically."""
        lo = bisect_left(self.mid, area[1] - self.tallest)
        hi = bisect_right(self.mid, area[3] + self.tallest)
        return [self.glyphs[i] for i in self.order[lo:hi]]


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


def _runs_under(glyphs: Sequence[Glyph], selected: set[int]) -> list[pymupdf.Rect]:
    """The cores of the selected glyphs (those centred in a box), joined into one rectangle per
    run of them on a line: one redaction per run instead of one per glyph (MuPDF's cost is
    per annotation), touching exactly the same glyphs."""
    runs: list[list[float]] = []
    run: list[float] | None = None
    run_mid = 0.0
    for index, glyph in enumerate(glyphs):
        if index not in selected:
            run = None
            continue
        x0, y0, x1, y1 = glyph_core(glyph)
        mid, height = (glyph[2] + glyph[4]) / 2, glyph[4] - glyph[2]
        if run is not None and abs(mid - run_mid) < height * 0.3 and x0 >= run[0]:
            run[0], run[1] = min(run[0], x0), min(run[1], y0)
            run[2], run[3] = max(run[2], x1), max(run[3], y1)
        else:
            run, run_mid = [x0, y0, x1, y1], mid
            runs.append(run)
    return [pymupdf.Rect(r) for r in runs]


LABEL_FONT_KEY = "RedactLabel"  # the boxes' label font in a page's resources (no clash)


def _label_font(page: pymupdf.Page) -> str | None:
    """The resource name of Helvetica (a standard font, not embedded) for labels on ``page``,
    added to the page's own resources; None when the page inherits its resources."""
    doc = page.parent
    xref = getattr(doc, "_redact_label_font", 0)
    if not xref:
        xref = doc.get_new_xref()
        doc.update_object(xref, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica"
                                "/Encoding/WinAnsiEncoding>>")
        doc._redact_label_font = xref  # one font object per document
    page_obj = page._pdf_page().obj()
    resources = mupdf.pdf_dict_get(page_obj, pymupdf.PDF_NAME("Resources"))
    if not resources.m_internal:
        return None
    fonts = mupdf.pdf_dict_get(resources, pymupdf.PDF_NAME("Font"))
    if not fonts.m_internal:
        fonts = mupdf.pdf_dict_put_dict(resources, pymupdf.PDF_NAME("Font"), 1)
    mupdf.pdf_dict_puts(fonts, LABEL_FONT_KEY,
                        mupdf.pdf_new_indirect(pymupdf._as_pdf_document(doc), xref, 0))
    return LABEL_FONT_KEY


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


def _num(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _draw_boxes(
    page: pymupdf.Page,
    fitted: Sequence[tuple[list[int], pymupdf.Rect, str]],
    labels: Sequence[tuple[pymupdf.Rect, str, float]],
    style: str,
    upright: bool,
) -> None:
    """Every box, the frames of white boxes and the ground codes in one content stream, written
    as PDF operators (PyMuPDF's drawing and text writing cost more than the redaction itself).

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
    ops = ["q", f"{colour} rg {colour} RG 1 w", *(f"{r} B" for r in rects), "Q"]  # one by one:
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
    xref = pymupdf.TOOLS._insert_contents(page, b" ", True)
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
    """Labels the content stream of ``_draw_boxes`` cannot hold: upright on a turned page,
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
    merged = merge_boxes(boxes)
    glyphs = _glyphs(page)
    index = GlyphIndex(glyphs)
    areas: list[Rect] = [(r.x0, r.y0, r.x1, r.y1) for _, r, _ in merged]
    selected = {i for area in areas for i in index.centred_in(area)}
    add_redactions(page, _runs_under(glyphs, selected))  # no fill: the second pass draws boxes
    remove_text_under_annots(page)
    if _words_meet(page, areas):  # only then can a glyph be left centred in a box
        remaining = GlyphIndex([g for g in _glyphs(page) if not g[0].isspace()])
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
        if not page._apply_redactions(pymupdf.PDF_REDACT_TEXT_NONE,
                                      pymupdf.PDF_REDACT_IMAGE_PIXELS,
                                      pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED):
            raise BadDocument(f"page {page.number + 1}: MuPDF could not apply a redaction",
                              "redaction")
    _draw_boxes(page, fitted, labels, style, upright)
    return sorted(unlabelled)


# -- hidden channels --------------------------------------------------------------------------------


def remove_annotations(page: pymupdf.Page) -> dict[str, int]:
    """Delete every annotation, form field and link of a page (before any text is judged:
    text extraction also reads their appearances)."""
    removed: Counter[str] = Counter()
    for widget in list(page.widgets() or []):
        page.delete_widget(widget)
        removed["forms"] += 1
    for link in page.get_links():
        page.delete_link(link)
        removed["annotations"] += 1
    annot = page.first_annot
    while annot is not None:
        page.delete_annot(annot)
        removed["annotations"] += 1
        annot = page.first_annot
    return dict(removed)


def drop_keys(doc: pymupdf.Document, xref: int, keys: Sequence[str]) -> None:
    """Remove top-level ``keys`` from an object's dictionary (a stream's data is kept)."""
    if not keys:
        return
    for key in keys:
        doc.xref_set_key(xref, key, "null")
    source = doc.xref_object(xref, compressed=False)
    pattern = r"(?m)^  /(?:" + "|".join(re.escape(k) for k in keys) + r") null\n"
    cleaned = re.sub(pattern, "", source)
    if cleaned != source:
        doc.update_object(xref, cleaned)


def _dict_text(doc: pymupdf.Document, xref: int, key: str) -> str:
    """The source of the value at ``key``, following one indirect reference."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        ref = _refs(value)[0]
        return value if doc.xref_is_stream(ref) else doc.xref_object(ref, compressed=True)
    return "" if kind == "null" else value


def _count_refs(doc: pymupdf.Document, xref: int, key: str) -> int:
    if doc.xref_get_key(xref, key)[0] == "null":
        return 0
    return len(_refs(_dict_text(doc, xref, key)))


def scrub(doc: pymupdf.Document) -> dict[str, int]:
    """Drop the hidden channels that leaked real Woo documents; returns what went, per channel."""
    removed: Counter[str] = Counter()
    info = {k: v for k, v in (doc.metadata or {}).items()
            if v and k not in ("format", "encryption")}
    removed["metadata"] += len(info)
    doc.set_metadata({})
    doc.xref_set_key(-1, "Info", "null")
    if doc.get_xml_metadata():
        removed["xmp"] += 1
    doc.del_xml_metadata()
    removed["attachments"] += doc.embfile_count()

    catalog = doc.pdf_catalog()
    dropped: list[str] = []
    for key in doc.xref_get_keys(catalog):
        if key in CATALOG_KEEP:
            continue
        if key == "Names":
            names = _dict_text(doc, catalog, "Names")
            for sub, channel in CHANNEL_OF_NAME_TREE.items():
                if sub != "EmbeddedFiles" and re.search(rf"/{sub}(?![A-Za-z])", names):
                    removed[channel] += 1
        elif key == "AcroForm":
            removed["forms"] += _count_refs(doc, catalog, "AcroForm/Fields")
        elif key != "PageMode":  # dropped, as it may open a panel of what was removed
            removed[CHANNEL_OF_KEY.get(key, "catalog")] += 1
        dropped.append(key)
    drop_keys(doc, catalog, dropped)

    pages = set()
    for page in doc:
        pages.add(page.xref)
        dropped = []
        for key in doc.xref_get_keys(page.xref):
            if key in PAGE_KEEP:
                continue
            if key == "Annots":
                removed["annotations"] += _count_refs(doc, page.xref, "Annots")
            else:
                removed[CHANNEL_OF_KEY.get(key, "page")] += 1
            dropped.append(key)
        drop_keys(doc, page.xref, dropped)

    for xref in range(1, doc.xref_length()):
        if xref == catalog or xref in pages:
            continue
        try:
            keys = doc.xref_get_keys(xref)
        except Exception:
            continue
        if not keys:
            continue
        dropped = [key for key in OBJECT_DROP if key in keys]
        for key in dropped:
            removed[CHANNEL_OF_KEY.get(key, "xmp" if key == "Metadata" else "objects")] += 1
        if "S" in keys and "P" in keys and doc.xref_get_key(xref, "Type")[1] in (
            "null", "/StructElem"
        ):
            struct = [key for key in STRUCT_DROP if key in keys]
            removed["structure"] += len(struct)
            dropped += struct
        drop_keys(doc, xref, dropped)
    return {channel: count for channel, count in sorted(removed.items()) if count}


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
) -> tuple[bytes, list[int], dict[str, int]]:
    """Burn ``boxes`` into ``doc`` (changed in place) and return (pdf, unlabelled, scrubbed).

    ``ocr_pages`` lose their invisible text (``scrubbed`` counts its characters as
    ``ocr_text_layer``) and get a new text layer by OCR of the redacted page. Where that OCR
    reads one of the accepted ``values`` (text, ground) outside the boxes, it gets a box too;
    those boxes are appended to ``extra``.
    """
    extra = [] if extra is None else extra
    box_colours(style)  # reject an unknown style before anything is changed
    scrubbed: Counter[str] = Counter()
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
            data, unlabelled, scrubbed = redact_pdf(doc, task.boxes, task.box_style, task.label,
                                                    task.ocr_pages, task.ocr, task.values, extra)
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
