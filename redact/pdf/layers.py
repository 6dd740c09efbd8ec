"""Content no one sees, and so no one scanned: removed, never trusted.

Hidden optional content (layers off in the default view) is cut out of pages and forms, and
every optional-content marker goes with it, so no viewer can switch anything on afterwards.
Text clipped away by a clipping path or placed outside the page is removed too.
"""

from __future__ import annotations

from collections import Counter

import pymupdf

from redact.pdf.content import filter_hidden
from redact.pdf.glyphs import char_set
from redact.pdf.objects import named_refs, refs
from redact.pdf.redactions import add_redactions, remove_text_under_annots

OFFPAGE_SLACK = 3.0  # points: a glyph overhanging the page edge by less than this stays

Drawn = list[tuple[str, tuple[float, float, float, float]]]  # a page's bboxlog


def _resources_holder(doc: pymupdf.Document, page_xref: int) -> int:
    """The object whose /Resources apply to a page (pages inherit them from the tree)."""
    xref, seen = page_xref, set()
    while xref and xref not in seen:
        seen.add(xref)
        if doc.xref_get_key(xref, "Resources")[0] != "null":
            return xref
        kind, parent = doc.xref_get_key(xref, "Parent")
        xref = refs(parent)[0] if kind == "xref" else 0
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
        members = refs(value) if kind in ("xref", "array") else []
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
        groups = refs(value) if kind == "xref" else []
        return groups[0] if groups else None

    def process(data: bytes, holder: int, path: str) -> bytes | None:
        props = named_refs(doc, holder, f"{path}Properties")
        xobjects = named_refs(doc, holder, f"{path}XObject")
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


def invisible_text_rects(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Glyphs clipped away by a clipping path: no reader sees them, text extraction does.

    Only glyphs that overlap no visible glyph are returned, so visible text is never removed.
    """
    plain = pymupdf.TEXT_PRESERVE_WHITESPACE
    clipped = plain | pymupdf.TEXT_MEDIABOX_CLIP
    if len(page.get_text("text", flags=plain)) == len(page.get_text("text", flags=clipped)):
        return []
    visible = char_set(page, clipped)
    seen = Counter(visible)
    rects: list[pymupdf.Rect] = []
    for char in char_set(page, plain):
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
