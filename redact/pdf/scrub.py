"""The hidden channels that leaked real Woo documents, dropped from the whole file.

Document information, XMP (anywhere), annotations and form fields, bookmarks, named
destinations, attachments, JavaScript and other actions, thumbnails, optional-content
properties, page piece info, and the alternate texts of the structure tree: what is not on a
short list of keys that a page and the catalog need goes, and each removal is counted per
channel for the record and the report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import pymupdf

from redact.pdf.objects import dict_text, refs

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


def _count_refs(doc: pymupdf.Document, xref: int, key: str) -> int:
    if doc.xref_get_key(xref, key)[0] == "null":
        return 0
    return len(refs(dict_text(doc, xref, key)))


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
            names = dict_text(doc, catalog, "Names")
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
