"""The worker's part of ``redact scan``: one document converted, checked, read, detected and
located (``convert`` -> ``ingest`` -> ``extract`` -> ``detect`` -> ``extract.locate``).

It runs in a worker process and returns an immutable ``DocumentScan``; the parent stores it
(``redact.store``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from redact.errors import BadDocument
from redact.executors import worker_config, worker_detector
from redact.models import DocumentScan
from redact.stages.convert import convert
from redact.stages.extract import OcrGlyphs, document_texts, locate
from redact.stages.ingest import check_structure, open_pdf
from redact.terms import config_terms, merge_findings


@dataclass(frozen=True)
class ScanTask:
    name: str
    path: str  # the workspace's read-only copy
    sha256: str
    size: int
    kind: str = "pdf"  # pdf | image | office | email (see stages.convert)
    workdir: str = ""  # where a worker writes the PDF it made from a non-PDF original
    parent_id: int | None = None  # the document (e-mail) this one is an attachment of
    depth: int = 0  # 1: an attachment of a file of the inbox, 2: an attachment of that, ...


def scan_document(task: ScanTask) -> DocumentScan:
    """Worker function: convert, open, extract page by page, detect, map findings onto glyphs.

    A broken document becomes a skip; a failure of our own (the detector) stops the run, so
    that documents are never written off as bad because of a bug.
    """
    config = worker_config()
    detector = worker_detector()
    converted = None
    try:
        source = Path(task.path)
        if task.kind != "pdf":
            # One file per task: the same content may come twice (a copy under another name).
            target = Path(task.workdir) / f"{task.sha256}.{os.getpid()}.{uuid.uuid4().hex[:12]}.pdf"
            converted = convert(source, target)
            source = converted.pdf
        doc = open_pdf(source, config.max_file_bytes, config.max_pages)
        with doc:
            with _damaged_pdf():
                check_structure(doc, config.limits)  # what apply or verify would trip over
            with OcrGlyphs(config.ocr) as ocr:  # OCR pages' glyph boxes, until they are located
                with _damaged_pdf():
                    pages = list(document_texts(doc, ocr))
                per_page = detector.detect_pages([p.text for p in pages])
                terms = config_terms(config)
                if terms is not None:  # the officer's term list (``redact scan --terms``)
                    per_page = [merge_findings(found, terms.find(p.text))
                                for found, p in zip(per_page, pages, strict=True)]
                with _damaged_pdf():
                    findings = locate(doc, per_page, ocr)
    except BadDocument as exc:
        if converted is not None and converted.pdf != Path(task.path):
            converted.pdf.unlink(missing_ok=True)
        return DocumentScan(task.path, task.sha256, task.size, error=str(exc), error_kind=exc.kind,
                            attachments=converted.attachments if converted else (),
                            metadata=converted.meta if converted else {})
    return DocumentScan(
        task.path, task.sha256, task.size, tuple(pages), tuple(findings),
        converted=str(converted.pdf) if converted and task.kind != "pdf" else None,
        attachments=converted.attachments if converted else (),
        metadata=converted.meta if converted else {},
    )


@contextmanager
def _damaged_pdf() -> Iterator[None]:
    """MuPDF raises several exception types for damaged content: each is a BadDocument."""
    try:
        yield
    except BadDocument:
        raise
    except Exception as exc:
        raise BadDocument(f"extraction failed: {exc}", "corrupt") from exc
