"""``redact terms WS --terms FILE``: a term list applied to documents already scanned.

Every occurrence of a term on a stored page becomes a proposal (recogniser ``term list``, with
the term's ground and motivation), unless a proposal of the same span is there already. The
parent finds the terms in the stored page texts, maps them onto the glyph boxes of the stored
PDF (OCR pages are read again to get theirs), and writes every new proposal with its
``proposals`` record and one ``terms_added`` record, in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from redact.config import Config
from redact.errors import BadDocument
from redact.events import Proposals, ProposedItem, TermsAdded
from redact.models import Finding, PageFinding
from redact.stages.extract import OcrGlyphs, document_texts, locate
from redact.stages.ingest import open_pdf
from redact.store import insert_finding
from redact.terms import TermList
from redact.workspace import DocumentRow, Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TermsSummary:
    terms: int
    proposals: int  # added
    documents: int  # that got at least one
    duplicates: int  # occurrences that were proposed already


def add_terms(ws_root: Path, terms: TermList, config: Config, reviewer: str) -> TermsSummary:
    """Propose every occurrence of ``terms`` in the scanned documents of the workspace."""
    with Workspace.open(ws_root) as ws, ws.lock():
        return add_terms_to(ws, terms, config, reviewer)


def add_terms_to(ws: Workspace, terms: TermList, config: Config, reviewer: str) -> TermsSummary:
    """``add_terms`` on an open, locked workspace (also after a scan with ``--terms``)."""
    found: list[tuple[int, list[PageFinding]]] = []
    duplicates = 0
    for doc in ws.documents(status="scanned"):
        new, already = _new_findings(ws, doc, terms)
        duplicates += already
        if any(new):
            located = _locate(ws, doc, new, config)
            if located:
                found.append((doc.id, located))
    added: list[int] = []
    with ws.transaction():
        for doc_id, located in found:
            items: tuple[ProposedItem, ...] = tuple(insert_finding(ws, doc_id, pf)
                                                    for pf in located)
            ws.audit(Proposals(doc_id, items))
            added.extend(item.id for item in items)
        ws.audit(TermsAdded(terms.sha256, len(terms.terms), tuple(d for d, _ in found),
                            len(added), duplicates, reviewer))
    return TermsSummary(len(terms.terms), len(added), len(found), duplicates)


def _new_findings(ws: Workspace, doc: DocumentRow,
                  terms: TermList) -> tuple[list[list[Finding]], int]:
    """Per page, the term findings no proposal has the span of yet; and how many had."""
    taken = {(p.page, p.start, p.end) for p in ws.proposals(doc.id)}
    per_page: list[list[Finding]] = []
    already = 0
    for row in ws.pages(doc.id):
        while len(per_page) < row.page - 1:  # pages are numbered from 1, without gaps
            per_page.append([])
        fresh = []
        seen: set[tuple[int, int]] = set()
        for f in terms.find(row.text):
            if (row.page, f.start, f.end) in taken:
                already += 1
            elif (f.start, f.end) not in seen:
                seen.add((f.start, f.end))
                fresh.append(f)
        per_page.append(fresh)
    return per_page, already


def _locate(ws: Workspace, doc: DocumentRow, per_page: list[list[Finding]],
            config: Config) -> list[PageFinding]:
    """The findings on the stored PDF's glyph boxes; a page whose text reads differently now
    (OCR) keeps none, and a PDF that cannot be read again gives none (both logged)."""
    if doc.pdf_path is None:
        return []
    stored = {p.page: p.text for p in ws.pages(doc.id)}
    ocr_pages = set(ws.ocr_pages(doc.id))
    try:
        with open_pdf(Path(doc.pdf_path), config.max_file_bytes, config.max_pages) as pdf, \
                OcrGlyphs(config.ocr) as ocr:
            if ocr_pages & {n for n, fs in enumerate(per_page, start=1) if fs}:
                for page in document_texts(pdf, ocr):  # the OCR pages' boxes, read again
                    if page.ocr and page.text != stored.get(page.page):
                        log.warning("document %d page %d reads differently now; its term "
                                    "matches are left out", doc.id, page.page)
                        per_page[page.page - 1] = []
            return locate(pdf, per_page, ocr)
    except BadDocument as exc:
        log.warning("document %d could not be read again for the term list: %s", doc.id, exc)
        return []
