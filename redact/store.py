"""The parent's records of what a scan found: new files queued, skips, scan results and their
proposals, attachments. Each in one transaction with its audit records (only the parent writes).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import NotRequired, TypedDict, Unpack

from redact import __version__, events
from redact.config import Config, Limits
from redact.duplicates import text_fingerprint
from redact.errors import BadDocument
from redact.intake import Source, Taken, attachment_name, judge_attachment, scan_task
from redact.models import DocumentScan, PageFinding
from redact.stages.convert import input_kind
from redact.stages.scan import ScanTask
from redact.workspace import Workspace

log = logging.getLogger("redact")

INGEST_RECORD = 1000  # documents per ingest audit record


def ingest(ws: Workspace, taken: list[Taken]) -> list[tuple[str, str]]:
    """Every new file gets its row now, in inbox order, not when its scan comes in: document
    numbers (the inventory list's) follow the file names, the same in every run. A run that
    stops early leaves the rest queued; the next one scans them. Returns the skipped files
    (name, reason)."""
    skipped: list[tuple[str, str]] = []
    if not taken:
        return skipped
    with ws.transaction():
        ingested = []
        for new in taken:
            if new.reason is not None:
                record_skip(ws, new.item, new.sha256, new.size, new.kind, new.reason)
                skipped.append((new.item.name, new.reason))
                continue
            row = ws.insert_document(
                name=new.item.name, sha256=new.sha256, source_path=new.item.path,
                stored_path=str(new.stored), size=new.size, page_count=0, status="queued",
                kind=new.kind)
            ingested.append(events.IngestedDocument(row, new.item.name, new.sha256))
        for start in range(0, len(ingested), INGEST_RECORD):  # audit lines of a sane size
            ws.audit(events.Ingest(tuple(ingested[start:start + INGEST_RECORD])))
    return skipped


def skip(ws: Workspace, item: Source, sha: str, size: int, kind: str, reason: str) -> int:
    with ws.transaction():
        return record_skip(ws, item, sha, size, kind, reason)


def record_skip(ws: Workspace, item: Source, sha: str, size: int, kind: str, reason: str) -> int:
    """A document that is not scanned, and why (inside a transaction)."""
    doc_id = finish_row(ws, item, sha256=sha, stored_path=None, size=size, page_count=0,
                        status="skipped", error_kind=kind, error=reason)
    ws.audit(events.Skip(doc_id, item.name, sha, kind, reason, item.parent_id))
    log.warning("skipped %s: %s", item.name, reason)
    return doc_id


class RowFields(TypedDict):
    """A document row's columns that ``finish_row`` fills (see ``Workspace.insert_document``)."""

    sha256: str
    stored_path: str | None
    size: int
    page_count: int
    status: str
    error_kind: NotRequired[str | None]
    error: NotRequired[str | None]
    kind: NotRequired[str]
    converted_path: NotRequired[str | None]
    meta: NotRequired[dict[str, str] | None]
    text_sha256: NotRequired[str | None]


def finish_row(ws: Workspace, item: Source, **fields: Unpack[RowFields]) -> int:
    """Insert the document's row, or complete the row of a queued attachment."""
    if item.row_id is not None:
        ws.update_document(item.row_id, **fields)
        return item.row_id
    return ws.insert_document(name=item.name, source_path=item.path, parent_id=item.parent_id,
                              **fields)


def store_attachments(
    ws: Workspace, parent: Source, parent_id: int, result: DocumentScan, nesting: int,
    limits: Limits, workdir: Path,
) -> tuple[list[tuple[ScanTask, Source]], list[tuple[str, str]]]:
    """Keep each attachment as an original of its own and queue it, in one transaction, so
    that a run killed after this point still scans them next time. One that cannot be taken
    (``intake.judge_attachment``, or of an unknown type) is recorded as skipped with its
    reason: every attachment received is accounted for. Returns the scan tasks of those
    queued, and those skipped (name, reason)."""
    queued = []
    skipped = []
    with ws.transaction():
        for number, attachment in enumerate(result.attachments, start=1):
            data: bytes = attachment.data
            sha = hashlib.sha256(data).hexdigest()
            item = Source(attachment_name(parent.name, number, attachment.name),
                          f"{parent.path} > {attachment.name}", parent_id)
            if ws.find_document(item.name, sha) is not None:
                continue
            reason: str | None = None
            kind = "pdf"
            stored = None
            refused = judge_attachment(number, len(result.attachments), data, nesting, limits)
            if refused is not None:
                reason, kind = refused
            else:
                stored = ws.store_bytes(data, sha, Path(attachment.name).suffix)
                try:
                    kind = input_kind(stored)
                except BadDocument as exc:
                    reason, kind = str(exc), exc.kind
            status = "skipped" if reason else "queued"
            doc_id = ws.insert_document(
                name=item.name, sha256=sha, source_path=item.path,
                stored_path=None if reason else str(stored), size=len(data), page_count=0,
                status=status, error_kind=kind if reason else None, error=reason,
                kind=kind if not reason else "pdf", parent_id=parent_id)
            ws.audit(events.Attachment(doc_id, parent_id, item.name, sha, status, reason))
            if reason:
                skipped.append((item.name, reason))
            else:
                assert stored is not None
                queued.append(scan_task(Source(item.name, item.path, parent_id, doc_id), stored,
                                        sha, len(data), kind, workdir, nesting))
    for name, reason in skipped:
        log.warning("skipped %s: %s", name, reason)
    return queued, skipped


def store_scan(
    ws: Workspace, item: Source, task: ScanTask, result: DocumentScan, config: Config
) -> tuple[int, int]:
    """A document's scan: its row, pages, proposals and their records, in one transaction.
    Returns the document's id and how many proposals it got."""
    converted = None
    if result.converted is not None:
        converted = str(ws.store_converted(Path(result.converted), task.sha256))
    with ws.transaction():
        doc_id = finish_row(
            ws, item, sha256=task.sha256, stored_path=task.path, size=task.size,
            page_count=len(result.pages), status="scanned", kind=task.kind,
            converted_path=converted, meta=result.metadata,
            text_sha256=text_fingerprint(p.text for p in result.pages),
        )
        for page in result.pages:
            ws.insert_page(doc_id, page.page, page.text, page.width, page.height, ocr=page.ocr)
        proposals = []
        for pf in result.findings:
            proposals.append(insert_finding(ws, doc_id, pf))
        ws.audit(events.Scan(
            doc_id, item.name, task.sha256, task.size, len(result.pages), task.kind,
            item.parent_id, tuple(p.page for p in result.pages if p.ocr), __version__,
            config.sha256))
        ws.audit(events.Proposals(doc_id, tuple(proposals)))
    return doc_id, len(proposals)


def insert_finding(ws: Workspace, doc_id: int, pf: PageFinding) -> events.ProposedItem:
    """A finding as a proposal; returns what the ``proposals`` record says of it."""
    f = pf.finding
    pid = ws.insert_proposal(
        document_id=doc_id, page=pf.page, start=f.start, end=f.end, entity=f.entity,
        text=f.text, score=f.score, ground=f.ground, recognizer=f.recognizer,
        explanation=f.explanation.as_dict(), rects=pf.rects, proposed=f.proposed, note=f.note,
        motivation=f.motivation,
    )
    # The audit names what was proposed and why, never the personal data itself.
    return events.ProposedItem(pid, pf.page, f.entity, f.ground, f.recognizer,
                               f.explanation.pattern, f.score, f.proposed)
