"""Apply: burn in accepted redactions and scrub every hidden channel, in a full rewrite.

Under each box the text is removed, image pixels blanked and vector graphics removed; the box
is filled and labelled with its legal ground. Metadata, XMP, annotations, links, form fields,
bookmarks and embedded files are dropped, and the file is rewritten with garbage collection,
never saved incrementally. The original is hashed before and after: it is only ever read.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from redact.errors import BadDocument
from redact.models import Rect
from redact.stages.ingest import sha256_file

MIN_LABEL_SIZE = 4.0  # points; a smaller label would be unreadable and is left out


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


@dataclass(frozen=True)
class ApplyResult:
    document_id: int
    pdf: bytes = b""
    sha256: str = ""
    boxes_per_ground: dict[str, int] = field(default_factory=dict)
    unlabelled: int = 0
    error: str | None = None


def label_size(rect: pymupdf.Rect, label: str) -> float:
    """Largest Helvetica size at which ``label`` fits inside ``rect`` (0 when it does not)."""
    width = pymupdf.get_text_length(label, fontname="helv", fontsize=1.0)
    size = min(rect.height * 0.8, (rect.width - 1.0) / width if width else 0.0)
    return round(size, 1) if size >= MIN_LABEL_SIZE else 0.0


def scrub(doc: pymupdf.Document) -> None:
    """Drop the hidden channels that leaked real Woo documents."""
    doc.set_metadata({})
    doc.del_xml_metadata()
    doc.set_toc([])
    for name in list(doc.embfile_names()):
        doc.embfile_del(name)
    for page in doc:
        for widget in list(page.widgets() or []):
            page.delete_widget(widget)
        for annot in list(page.annots() or []):
            page.delete_annot(annot)
        for link in page.get_links():
            page.delete_link(link)


def redact_document(task: ApplyTask) -> ApplyResult:
    """Worker function: the redacted PDF as bytes, for the parent to write atomically."""
    source = Path(task.source)
    try:
        before = sha256_file(source)
        if before != task.source_sha256:
            raise BadDocument("the stored original changed since the scan", "changed")
        doc = pymupdf.open(source, filetype="pdf")
        try:
            per_page: dict[int, list[Box]] = defaultdict(list)
            for box in task.boxes:
                per_page[box.page].append(box)
            unlabelled = 0
            for page_no, boxes in sorted(per_page.items()):
                page = doc[page_no - 1]
                for box in boxes:
                    rect = pymupdf.Rect(box.rect)
                    size = label_size(rect, box.ground) if task.label else 0.0
                    if size:
                        page.add_redact_annot(
                            rect, text=box.ground, fontname="helv", fontsize=size,
                            fill=(0, 0, 0), text_color=(1, 1, 1), align=pymupdf.TEXT_ALIGN_CENTER,
                            cross_out=False,
                        )
                    else:
                        unlabelled += 1
                        page.add_redact_annot(rect, fill=(0, 0, 0), cross_out=False)
                page.apply_redactions(
                    images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                    graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                    text=pymupdf.PDF_REDACT_TEXT_REMOVE,
                )
            scrub(doc)
            data = doc.tobytes(
                garbage=4, deflate=True, clean=True, encryption=pymupdf.PDF_ENCRYPT_NONE
            )
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
        unlabelled=unlabelled,
    )
