"""The orchestrator: ingest -> extract -> detect -> propose -> (review) -> apply -> verify.

Each public function is one command of the CLI. Workers run the stage functions and return
immutable results; this module, in the parent process, is the only writer of the workspace,
the audit trail and the output folder.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import logging
import os
import shutil
import sys
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from redact import __version__
from redact.config import Config, Limits, OcrSettings
from redact.duplicates import group_duplicates, text_fingerprint
from redact.errors import (
    AuditChainBroken,
    BadDocument,
    InputNotFound,
    UsageError,
    VerificationFailed,
    WorkspaceError,
)
from redact.executors import Executor, make_executor, worker_config, worker_detector
from redact.inventory import write_inventory
from redact.logs import one_line
from redact.models import DocumentScan, PageFinding
from redact.report import write_report, write_reports
from redact.stages.apply import BURN_IN_VERSION, ApplyResult, ApplyTask, Box, redact_document
from redact.stages.convert import convert, input_kind
from redact.stages.extract import OcrGlyphs, document_texts, locate
from redact.stages.ingest import check_structure, find_inputs, open_pdf, sha256_file
from redact.stages.verify import Problem, Secret, occurrences, verify_pdf
from redact.workspace import DocumentRow, Workspace, now, stem_clashes

log = logging.getLogger("redact")

MANIFEST = "redact-manifest.json"
APPLY_UNFINISHED = "apply.unfinished"  # in the workspace while an apply runs


@dataclass(frozen=True)
class RunOptions:
    """How a run executes: which executor, how many workers, whether to show progress."""

    workers: int | None = None
    executor: str = "processes"
    scheduler: str | None = None
    progress: bool = False

    def executor_for(self, config: Config) -> Executor:
        return make_executor(config, self.workers, self.executor, self.scheduler)


# -- scan ---------------------------------------------------------------------------------------


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


@dataclass
class ScanSummary:
    new: int = 0
    unchanged: int = 0
    pages: int = 0
    proposals: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)


def scan(inbox: Path, ws_root: Path, config: Config, run: RunOptions = RunOptions()) -> ScanSummary:
    if not inbox.exists():
        raise InputNotFound(f"inbox {inbox} does not exist")
    with Workspace.open(ws_root, create=True) as ws, ws.lock():
        return _scan(ws, inbox, config, run)


@dataclass(frozen=True)
class Source:
    """Where a document came from: a file in the inbox, or an attachment of another document."""

    name: str  # relative to the inbox; an attachment is named after its parent
    path: str  # the file in the inbox, or "PARENT > attachment name"
    parent_id: int | None = None
    row_id: int | None = None  # the workspace row of a queued attachment


def _skip(ws: Workspace, item: Source, sha: str, size: int, kind: str, reason: str) -> int:
    with ws.transaction():
        return _record_skip(ws, item, sha, size, kind, reason)


def _record_skip(ws: Workspace, item: Source, sha: str, size: int, kind: str, reason: str) -> int:
    """A document that is not scanned, and why (inside a transaction)."""
    doc_id = _finish_row(ws, item, sha256=sha, stored_path=None, size=size, page_count=0,
                         status="skipped", error_kind=kind, error=reason)
    ws.audit("skip", {"document": doc_id, "name": item.name, "sha256": sha, "kind": kind,
                      "reason": reason, "parent": item.parent_id})
    log.warning("skipped %s: %s", item.name, reason)
    return doc_id


def _finish_row(ws: Workspace, item: Source, **fields: Any) -> int:
    """Insert the document's row, or complete the row of a queued attachment."""
    if item.row_id is not None:
        ws.update_document(item.row_id, **fields)
        return item.row_id
    return ws.insert_document(name=item.name, source_path=item.path, parent_id=item.parent_id,
                              **fields)


INGEST_RECORD = 1000  # documents per ingest audit record


def _depth(parents: dict[int, int | None], doc_id: int) -> int:
    """How deep a document is nested: 0 for a file of the inbox, 1 for its attachment, ..."""
    depth, seen = 0, {doc_id}
    parent = parents.get(doc_id)
    while parent is not None and parent not in seen:
        depth, seen = depth + 1, seen | {parent}
        parent = parents.get(parent)
    return depth


def _scan(ws: Workspace, inbox: Path, config: Config, run: RunOptions) -> ScanSummary:
    summary = ScanSummary()
    # A file queued by a run that stopped early is not unchanged: it is scanned below and
    # counted then (new or skipped), once.
    waiting = {(doc.name, doc.sha256) for doc in ws.documents(status="queued")}
    known = ws.known_hashes() - waiting
    workdir = ws.root / "tmp"
    shutil.rmtree(workdir, ignore_errors=True)  # conversions of a run that was killed
    workdir.mkdir()
    tasks: list[ScanTask] = []
    sources: dict[tuple[str, str], Source] = {}

    def queue(item: Source, stored: Path, sha: str, size: int, kind: str, depth: int) -> None:
        task = ScanTask(item.name, str(stored), sha, size, kind, str(workdir), item.parent_id,
                        depth)
        tasks.append(task)
        sources[(task.path, task.name)] = item

    taken: list[tuple[Source, str, int, str, Path | None, str | None]] = []
    for found in find_inputs(inbox, config.follow_links_out):
        if found.problem is not None:  # not to be read at all: a bad name, a link, a FIFO
            item = Source(found.name, one_line(str(found.path)))
            # No content to hash: the problem and the name are the document's identity.
            sha = hashlib.sha256(f"{found.kind}\0{found.name}".encode()).hexdigest()
            if (item.name, sha) in known:
                summary.unchanged += 1
            elif (item.name, sha) not in waiting:
                taken.append((item, sha, 0, found.kind, None, found.problem))
            continue
        item = Source(found.name, str(found.path))
        try:
            size = found.path.stat().st_size
            sha = sha256_file(found.path)
        except OSError as exc:
            summary.skipped.append((item.name, f"cannot be read: {exc.strerror}"))
            log.warning("skipped %s: cannot be read: %s", item.name, exc.strerror)
            continue
        if (item.name, sha) in known:
            summary.unchanged += 1
            continue
        if (item.name, sha) in waiting:
            continue  # ingested by a run that stopped early: scanned from its queue below
        reason = None
        if size == 0:
            kind, reason = "empty", "empty file (0 bytes)"
        elif size > config.max_file_bytes:
            kind, reason = "too_large", f"file too large ({size} bytes)"
        else:
            try:
                kind = input_kind(found.path)
            except BadDocument as exc:
                kind, reason = exc.kind, str(exc)
        stored = None
        if reason is None:
            stored = ws.store_original(found.path, sha)
            if sha256_file(stored) != sha:
                stored.unlink(missing_ok=True)
                stored, kind, reason = None, "changed", "file changed while it was being read"
        taken.append((item, sha, size, kind, stored, reason))
    if taken:
        # Every new file gets its row now, in inbox order, not when its scan comes in: document
        # numbers (the inventory list's) follow the file names, the same in every run. A run
        # that stops early leaves the rest queued; the next one scans them.
        with ws.transaction():
            ingested = []
            for item, sha, size, kind, stored, reason in taken:
                if reason is not None:
                    _record_skip(ws, item, sha, size, kind, reason)
                    summary.skipped.append((item.name, reason))
                    continue
                row = ws.insert_document(
                    name=item.name, sha256=sha, source_path=item.path, stored_path=str(stored),
                    size=size, page_count=0, status="queued", kind=kind)
                ingested.append({"document": row, "name": item.name, "sha256": sha})
            for start in range(0, len(ingested), INGEST_RECORD):  # audit lines of a sane size
                ws.audit("ingest", {"documents": ingested[start:start + INGEST_RECORD]})
    parents = {doc.id: doc.parent_id for doc in ws.documents()}
    for doc in ws.documents(status="queued"):  # this run's files, and those of one that stopped
        if doc.stored_path is not None:
            queue(Source(doc.name, doc.source_path, doc.parent_id, doc.id), Path(doc.stored_path),
                  doc.sha256, doc.size, doc.kind, _depth(parents, doc.id))

    with run.executor_for(config) as executor, _progress(run.progress, len(tasks), "scan") as tick:
        while tasks:  # the files, then their attachments, then theirs ...
            batch, tasks = tasks, []
            for task, result in executor.map_unordered(scan_document, batch):
                item = sources.pop((task.path, task.name))
                if result.error is not None:
                    kind = result.error_kind or "corrupt"
                    doc_id = _skip(ws, item, task.sha256, task.size, kind, result.error)
                    summary.skipped.append((item.name, result.error))
                else:
                    doc_id, proposals = _store_scan(ws, item, task, result, config)
                    summary.proposals += proposals
                    summary.new += 1
                    summary.pages += len(result.pages)
                if result.attachments:  # each one queued, or skipped with its reason
                    queued, skipped = _store_attachments(ws, item, doc_id, result,
                                                         task.depth + 1, config.limits)
                    for child, stored, sha, size, kind in queued:
                        queue(child, stored, sha, size, kind, task.depth + 1)
                    summary.skipped += skipped
                tick()
    group_duplicates(ws)
    return summary


def attachment_name(parent: str, number: int, filename: str) -> str:
    """``mail/bericht.eml``'s second attachment ``offerte.docx``: ``mail/bericht.bijlage-2-offerte.docx``."""
    path = Path(parent)
    return (path.parent / f"{path.stem}.bijlage-{number}-{filename}").as_posix()


def _store_attachments(
    ws: Workspace, parent: Source, parent_id: int, result: DocumentScan, depth: int,
    limits: Limits,
) -> tuple[list[tuple[Source, Path, str, int, str]], list[tuple[str, str]]]:
    """Keep each attachment as an original of its own and queue it, in one transaction, so
    that a run killed after this point still scans them next time. One that cannot be taken
    (nested deeper than ``limits.max_attachment_depth``, beyond ``max_attachments``, too
    large, empty, of an unknown type) is recorded as skipped with its reason: every
    attachment received is accounted for."""
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
            reason, kind = None, "pdf"
            stored = None
            if depth > limits.max_attachment_depth:
                reason, kind = (f"attachment nested {depth} levels deep (more than "
                                f"limits.max_attachment_depth {limits.max_attachment_depth})",
                                "too_deep")
            elif number > limits.max_attachments:
                reason, kind = (f"attachment {number} of {len(result.attachments)} (more than "
                                f"limits.max_attachments {limits.max_attachments})", "too_large")
            elif len(data) > limits.max_file_bytes:
                reason, kind = f"attachment too large ({len(data)} bytes)", "too_large"
            elif not data:
                reason, kind = "empty attachment (0 bytes)", "empty"
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
            ws.audit("attachment", {"document": doc_id, "parent": parent_id, "name": item.name,
                                    "sha256": sha, "status": status, "reason": reason})
            if reason:
                skipped.append((item.name, reason))
            else:
                assert stored is not None
                queued.append((Source(item.name, item.path, parent_id, doc_id), stored, sha,
                               len(data), kind))
    for name, reason in skipped:
        log.warning("skipped %s: %s", name, reason)
    return queued, skipped


def _store_scan(
    ws: Workspace, item: Source, task: ScanTask, result: DocumentScan, config: Config
) -> tuple[int, int]:
    converted = None
    if result.converted is not None:
        converted = str(ws.store_converted(Path(result.converted), task.sha256))
    with ws.transaction():
        doc_id = _finish_row(
            ws, item, sha256=task.sha256, stored_path=task.path, size=task.size,
            page_count=len(result.pages), status="scanned", kind=task.kind,
            converted_path=converted, meta=result.metadata,
            text_sha256=text_fingerprint(p.text for p in result.pages),
        )
        for page in result.pages:
            ws.insert_page(doc_id, page.page, page.text, page.width, page.height, ocr=page.ocr)
        proposals = []
        for pf in result.findings:
            proposals.append(_insert_finding(ws, doc_id, pf))
        ws.audit("scan", {
            "document": doc_id, "name": item.name, "sha256": task.sha256, "size": task.size,
            "pages": len(result.pages), "kind": task.kind, "parent": item.parent_id,
            "ocr_pages": [p.page for p in result.pages if p.ocr],
            "tool_version": __version__, "config_sha256": config.sha256,
        })
        ws.audit("proposals", {"document": doc_id, "proposals": proposals})
    return doc_id, len(proposals)


def _insert_finding(ws: Workspace, doc_id: int, pf: PageFinding) -> dict[str, Any]:
    f = pf.finding
    pid = ws.insert_proposal(
        document_id=doc_id, page=pf.page, start=f.start, end=f.end, entity=f.entity,
        text=f.text, score=f.score, ground=f.ground, recognizer=f.recognizer,
        explanation=f.explanation.as_dict(), rects=pf.rects, proposed=f.proposed, note=f.note,
    )
    # The audit names what was proposed and why, never the personal data itself.
    return {"id": pid, "page": pf.page, "entity": f.entity, "ground": f.ground,
            "recognizer": f.recognizer, "pattern": f.explanation.pattern, "score": f.score,
            "proposed": f.proposed}


# -- decide -------------------------------------------------------------------------------------


@dataclass
class DecideSummary:
    accepted: int = 0
    rejected: int = 0
    untouched: int = 0


def decide(
    ws_root: Path,
    *,
    accept_all: bool = False,
    accept: Iterable[str] = (),
    reject: Iterable[str] = (),
    reviewer: str,
    redecide: bool = False,
) -> DecideSummary:
    """Scripted decisions; each is a human decision too, recorded with who and when."""
    accept_set, reject_set = set(accept), set(reject)
    if not (accept_all or accept_set or reject_set):
        raise UsageError("say what to decide: --accept-all, --accept ENTITY or --reject ENTITY")
    if accept_set & reject_set:
        raise UsageError(f"both accepted and rejected: {sorted(accept_set & reject_set)}")
    summary = DecideSummary()
    with Workspace.open(ws_root) as ws, ws.lock(wait=True), ws.transaction():
        decided: dict[str, list[int]] = {"accepted": [], "rejected": []}
        entities: dict[str, Counter[str]] = {"accepted": Counter(), "rejected": Counter()}
        for p in ws.proposals():
            if not p.proposed or (p.status != "pending" and not redecide):
                summary.untouched += 1
                continue
            if p.entity in reject_set:
                decision = "rejected"
            elif accept_all or p.entity in accept_set:
                decision = "accepted"
            else:
                summary.untouched += 1
                continue
            ws.record_decision(p.id, decision, reviewer, "scripted")
            decided[decision].append(p.id)
            entities[decision][p.entity] += 1
        for decision, ids in decided.items():
            if ids:
                ws.audit("decision", {
                    "method": "scripted", "reviewer": reviewer, "decision": decision,
                    "proposals": ids, "entities": dict(entities[decision]),
                    "options": {"accept_all": accept_all, "accept": sorted(accept_set),
                                "reject": sorted(reject_set), "redecide": redecide},
                })
        summary.accepted = len(decided["accepted"])
        summary.rejected = len(decided["rejected"])
    return summary


# -- apply --------------------------------------------------------------------------------------


@dataclass
class ApplySummary:
    applied: int = 0
    unchanged: int = 0
    pending: list[str] = field(default_factory=list)  # documents waiting for decisions
    withheld: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    boxes: int = 0


def apply(ws_root: Path, outbox: Path, config: Config, run: RunOptions = RunOptions(),
          move: bool = False) -> ApplySummary:
    """``move``: outputs this workspace wrote into another outbox are removed from it (and its
    manifest) once written here; without it, an apply writes into ``outbox`` only."""
    with Workspace.open(ws_root) as ws, ws.lock():
        return _apply(ws, outbox, config, run, move=move)


def fingerprint(boxes: Iterable[Box], withheld: bool, box_style: str = "black",
                ocr: OcrSettings | None = None) -> str:
    """What an output is made from: a different one means the output must be made again.
    ``ocr``: the settings a document with OCR pages is read again with (its new text layer)."""
    parts: list[Any] = [[b.page, list(b.rect), b.ground] for b in boxes] + [withheld, box_style]
    parts += [__version__, BURN_IN_VERSION]  # a new release (a fixed leak) makes outputs again
    if ocr is not None:
        parts.append(asdict(ocr))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _apply(ws: Workspace, outbox: Path, config: Config, run: RunOptions,
           move: bool = False) -> ApplySummary:
    summary = ApplySummary()
    # Nothing is published from a trail that is broken (checked as the transaction opens), or
    # from a database that differs from it; under the write lock, so no reviewer is mid-write.
    with ws.transaction():
        ws.check_state()
    outbox.mkdir(parents=True, exist_ok=True)
    outbox = outbox.resolve()
    elsewhere = {doc_id: Path(row["path"]) for doc_id, row in ws.outputs().items()
                 if not _within(Path(row["path"]), outbox)}
    for stale in outbox.rglob(".*.tmp"):  # half-written by a run that was killed
        stale.unlink()
    # Reports are renamed into place but flushed only at the end of a run (see below). Should a
    # run stop before its end (killed, a power cut), the next one writes every report again.
    unfinished = ws.root / APPLY_UNFINISHED
    recovering = unfinished.exists()
    write_atomic(unfinished, now().encode())
    tasks: list[ApplyTask] = []
    prints: dict[int, str] = {}
    targets: dict[int, Path] = {}
    changed: set[int] = set()  # applied or withheld by this run: their reports are rewritten
    reported: set[int] = set()  # reports written as results came in
    current = ws.documents(status="scanned")
    clashes = stem_clashes(current)
    for doc in current:
        targets[doc.id] = outbox / f"{doc.published_stem(clashes)}.pdf"
        proposals = [p for p in ws.proposals(doc.id) if p.proposed or p.status == "accepted"]
        if any(p.status == "pending" for p in proposals):
            summary.pending.append(doc.name)
            continue
        if doc.withheld:
            summary.withheld += 1
            _withdraw_output(ws, doc.id, targets[doc.id], None if move else outbox)
            changed.add(doc.id)
            continue
        boxes = tuple(
            Box(p.page, rect, p.ground)
            for p in proposals if p.status == "accepted" for rect in p.rects
        )
        ocr_pages = ws.ocr_pages(doc.id)
        fp = fingerprint(boxes, doc.withheld, config.box_style, config.ocr if ocr_pages else None)
        target = targets[doc.id]
        done = ws.output(doc.id)
        if (done is not None and done["fingerprint"] == fp and done["path"] == str(target)
                and target.exists() and sha256_file(target) == done["sha256"]):
            summary.unchanged += 1
            continue
        source = doc.pdf_path
        if source is None:
            continue
        source_sha = doc.sha256 if doc.kind == "pdf" else sha256_file(Path(source))
        values = tuple(sorted({(p.text, p.ground) for p in proposals if p.status == "accepted"}))
        if not ocr_pages:
            values = ()
        tasks.append(ApplyTask(doc.id, source, source_sha, boxes,
                               box_style=config.box_style, ocr_pages=ocr_pages,
                               ocr=config.ocr, values=values))
        prints[doc.id] = fp

    with run.executor_for(config) as executor, _progress(run.progress, len(tasks), "apply") as tick:
        for batch in executor.map_batches(redact_document, tasks):
            for task, result, doc, record in _store_outputs(ws, batch, targets, prints,
                                                            outbox=outbox):
                if record is None:
                    summary.failed.append((doc.name, str(result.error)))
                else:
                    changed.add(doc.id)
                    write_report(ws, doc, record, None, clashes, durable=False)  # workers go on
                    reported.add(doc.id)
                    summary.applied += 1
                    summary.boxes += len(task.boxes)
                tick()
    # Outputs and reports were written without a fsync each: one flush makes them durable
    # before the manifest says they are there. A run killed before this loses nothing: the
    # files are whole (renamed into place) and a later run checks each output's hash.
    sync_files(outbox, ws.root)
    write_manifest(ws, outbox)
    write_inventory(ws, outbox)
    write_reports(ws, None if recovering else changed, done=reported)
    if move:
        _move_out(ws, outbox, elsewhere)
    unfinished.unlink()
    return summary


def _within(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _move_out(ws: Workspace, outbox: Path, elsewhere: dict[int, Path]) -> None:
    """``apply --move``: remove from other outboxes the outputs that now lie in ``outbox`` (or
    were withdrawn), and rewrite those outboxes' manifests without them."""
    moved: list[int] = []
    folders: set[Path] = set()
    for doc_id, old in elsewhere.items():
        now_row = ws.output(doc_id)
        if now_row is not None and not _within(Path(now_row["path"]), outbox):
            continue  # not (re)written here: stays where it is
        old.unlink(missing_ok=True)
        moved.append(doc_id)
        folders.update(parent for parent in old.parents if (parent / MANIFEST).is_file())
    for folder in sorted(folders):
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        manifest["documents"] = [d for d in manifest.get("documents", ())
                                 if (folder / d["output"]).is_file()]
        write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2).encode())
    if moved:
        with ws.transaction():
            ws.audit("move", {"outbox": str(outbox), "documents": sorted(moved),
                              "from": [str(f) for f in sorted(folders)]})


def _withdraw_output(ws: Workspace, doc_id: int, target: Path | None = None,
                     outbox: Path | None = None) -> None:
    """A document withheld after it was applied: its earlier output must not be published.
    ``outbox``: the only folder files are removed from (an output recorded in another outbox
    is left, with its record, until an apply into that outbox withdraws it)."""
    if target is not None:
        target.unlink(missing_ok=True)
    done = ws.output(doc_id)
    if done is None:
        return
    if outbox is not None and not _within(Path(done["path"]), outbox):
        log.warning("document %d is withheld; its output in another outbox stays there until an "
                    "apply into that outbox (or apply --move) withdraws it", doc_id)
        return
    Path(done["path"]).unlink(missing_ok=True)
    with ws.transaction():
        ws.db.execute("DELETE FROM outputs WHERE document_id=?", (doc_id,))
        ws.audit("withdraw", {"document": doc_id, "output": Path(done["path"]).name,
                              "reason": "withheld (niet openbaar)"})


def _store_outputs(
    ws: Workspace, batch: list[tuple[ApplyTask, ApplyResult]], targets: dict[int, Path],
    prints: dict[int, str], outbox: Path | None = None,
) -> list[tuple[ApplyTask, ApplyResult, DocumentRow, dict[str, Any] | None]]:
    """Write the outputs of results that came in together, then record them with their audit
    records in one transaction. Returns each result with its document and the data of its
    ``apply`` record as the trail holds it (``None``: the document failed)."""
    for index, (task, result) in enumerate(list(batch)):
        if result.error is None:
            target = targets[task.document_id]
            try:
                write_atomic(target, result.pdf, durable=False)  # made durable by sync_files
            except OSError as exc:  # the name, not the disk: this document fails, not the run
                if exc.errno not in NAME_ERRNOS:
                    raise
                batch[index] = (task, replace(result, error=f"output {one_line(target.name)} "
                                                            f"cannot be written: {exc.strerror}"))
                continue
            before = ws.output(task.document_id)
            if (before is not None and before["path"] != str(target) and outbox is not None
                    and _within(Path(before["path"]), outbox)):
                Path(before["path"]).unlink(missing_ok=True)  # renamed (a stem clash)
    stored: list[tuple[ApplyTask, ApplyResult, DocumentRow, dict[str, Any] | None]] = []
    with ws.transaction():
        for task, result in batch:
            doc = ws.document(task.document_id)
            if result.error is not None:
                log.warning("not applied %s: %s", doc.name, result.error)
                ws.audit("apply_failed", {"document": doc.id, "reason": result.error})
                stored.append((task, result, doc, None))
                continue
            target, fp = targets[doc.id], prints[doc.id]
            ws.record_output(doc.id, str(target), result.sha256, fp,
                             sum(result.boxes_per_ground.values()))
            record: dict[str, Any] = {
                "document": doc.id, "output": target.name, "sha256": result.sha256,
                "boxes_per_ground": result.boxes_per_ground, "unlabelled_boxes": result.unlabelled,
                "fingerprint": fp, "scrubbed": result.scrubbed,
                "tool_version": __version__, "burn_in_version": BURN_IN_VERSION,
                "unlabelled": list(result.unlabelled_boxes), "ocr_pages": result.ocr_pages,
                "ocr_extra_boxes": [
                    {"page": page, "rect": [round(v, 2) for v in rect], "ground": ground}
                    for page, rect, ground in result.ocr_extra_boxes],
            }
            ws.audit("apply", record)
            stored.append((task, result, doc, json.loads(json.dumps(record))))  # as in the trail
    return stored


# A name the file system refuses (too long, bytes it cannot hold): one document's problem.
NAME_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL})


def write_atomic(target: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``target``, then rename over it: a reader (or a run
    killed halfway) sees the old file or the new one, never a part. ``durable``: fsync the file
    and its folder first; apply leaves that to one ``sync_files`` at the end of its run."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    if not durable:
        return
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def sync_files(*folders: Path) -> None:
    """Flush to disk what was written under ``folders`` (one ``syncfs`` per file system, so
    hundreds of outputs cost one flush instead of two fsyncs each)."""
    syncfs = None
    if sys.platform.startswith("linux"):
        syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    if syncfs is None:
        os.sync()
        return
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) != 0:
                os.sync()
        finally:
            os.close(fd)


def write_manifest(ws: Workspace, outbox: Path) -> None:
    """What this outbox holds and which workspace made it (no personal data)."""
    root = outbox.resolve()
    docs = []
    for doc in ws.documents(status="scanned"):  # not the older versions of changed files
        out = ws.output(doc.id)
        if out is None or not Path(out["path"]).resolve().is_relative_to(root):
            continue
        docs.append({"document": doc.id, "name": doc.name,
                     "output": Path(out["path"]).resolve().relative_to(root).as_posix(),
                     "sha256": out["sha256"]})
    seq, head = ws.audit_head()
    manifest = {"tool_version": __version__, "workspace": str(ws.root.resolve()),
                "audit_seq": seq, "audit_head": head, "documents": docs}
    write_atomic(outbox / MANIFEST, json.dumps(manifest, indent=2).encode())


# -- verify -------------------------------------------------------------------------------------


@dataclass
class VerifySummary:
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    audit_records: int = 0
    audit_error: str | None = None


def verify(outbox: Path, ws_root: Path | None = None) -> VerifySummary:
    manifest_path = outbox / MANIFEST
    if not manifest_path.exists():
        raise InputNotFound(f"{outbox} holds no {MANIFEST}: not an outbox written by redact apply")
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except ValueError as exc:
        raise WorkspaceError(f"{manifest_path} is not valid JSON") from exc
    summary = VerifySummary()
    with Workspace.open(Path(ws_root or manifest["workspace"])) as ws:
        try:
            summary.audit_records = ws.verify_audit().records
            _check_anchor(ws, manifest)
            ws.check_state()
        except AuditChainBroken as exc:
            summary.audit_error = str(exc)
        for entry in manifest["documents"]:
            summary.documents += 1
            summary.problems.extend(_verify_document(ws, outbox, entry))
        if summary.audit_error is None:
            with ws.transaction():
                ws.audit("verify", {"outbox": str(outbox.resolve()),
                                    "documents": summary.documents,
                                    "problems": [asdict(p) for p in summary.problems]})
    return summary


def repair_audit(ws_root: Path, reason: str, operator: str) -> Any:
    """``redact audit WS --repair``: see ``redact.integrity.repair``."""
    from redact import integrity

    with Workspace.open(ws_root) as ws, ws.lock():
        return integrity.repair(ws, reason, operator)


def _check_anchor(ws: Workspace, manifest: dict[str, Any]) -> None:
    seq = int(manifest.get("audit_seq", 0))
    if seq == 0:
        return
    row = ws.db.execute("SELECT hash FROM audit WHERE seq=?", (seq,)).fetchone()
    if row is None or row[0] != manifest.get("audit_head"):
        raise AuditChainBroken(
            f"the audit trail no longer holds record {seq} as it was when the outbox was written"
        )


def _verify_document(ws: Workspace, outbox: Path, entry: dict[str, Any]) -> list[Problem]:
    name = entry["output"]
    path = outbox / name
    if not path.exists():
        return [Problem(name, "file", "output is missing")]
    if sha256_file(path) != entry["sha256"]:
        return [Problem(name, "file", "output differs from the one redact wrote")]
    proposals = ws.proposals(int(entry["document"]))
    secrets = searchable_secrets(ws, int(entry["document"]), proposals)
    stored = ws.document(int(entry["document"])).pdf_path
    boxes = [(p.page, rect) for p in proposals if p.status == "accepted" for rect in p.rects]
    return verify_pdf(path, name, secrets, Path(stored) if stored else None, boxes)


def searchable_secrets(ws: Workspace, document_id: int, proposals: list[Any]) -> list[Secret]:
    """Accepted strings that a search of the whole output can prove gone.

    A string that the original also holds outside its accepted boxes (a rejected mention, a
    place name in a letterhead) may rightly remain; those boxes are checked by position alone.
    """
    original = "\n".join(row["text"] for row in ws.pages(document_id))
    accepted = Counter(p.text.casefold() for p in proposals if p.status == "accepted")
    secrets = []
    for p in proposals:
        if p.status != "accepted" or not p.text.strip():
            continue
        if occurrences(original, p.text) <= accepted[p.text.casefold()]:
            secrets.append(Secret(p.entity, p.text))
    return secrets


def raise_for(summary: VerifySummary) -> None:
    # A trail that is broken, or a database that differs from it, comes first (exit 5): what
    # the outputs were checked against cannot be trusted then. Both are printed either way.
    if summary.audit_error:
        raise AuditChainBroken(summary.audit_error)
    if summary.problems:
        first = summary.problems[0]
        raise VerificationFailed(
            f"{len(summary.problems)} problem(s); first: {first.document}: {first.channel}: "
            f"{first.detail}"
        )


# -- batch --------------------------------------------------------------------------------------


@dataclass
class BatchSummary:
    scan: ScanSummary
    apply: ApplySummary
    started: str
    finished: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def batch(
    inbox: Path, outbox: Path, ws_root: Path, config: Config, run: RunOptions = RunOptions()
) -> BatchSummary:
    """The nightly run: scan what is new or changed, apply every fully decided document."""
    if not inbox.exists():
        raise InputNotFound(f"inbox {inbox} does not exist")
    started = now()
    with Workspace.open(ws_root, create=True) as ws, ws.lock():
        scanned = _scan(ws, inbox, config, run)
        applied = _apply(ws, outbox, config, run)
        result = BatchSummary(scanned, applied, started, now())
        with ws.transaction():
            ws.audit("batch", {"started": started, "new": scanned.new,
                               "unchanged": scanned.unchanged, "skipped": len(scanned.skipped),
                               "applied": applied.applied, "pending": len(applied.pending),
                               "failed": len(applied.failed)})
        runs = ws.root / "runs"
        runs.mkdir(exist_ok=True)
        write_atomic(runs / f"{started.replace(':', '')}.json",
                     json.dumps(result.as_dict(), indent=2).encode())
    return result


# -- progress -----------------------------------------------------------------------------------


@contextmanager
def _progress(enabled: bool, total: int, label: str) -> Iterator[Any]:
    """A rich progress bar on an interactive terminal; silence otherwise."""
    if not enabled or total == 0 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


# -- detect (no workspace) ------------------------------------------------------------------------


def read_text_file(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM), else Windows-1252."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_file(path: Path, detector: Any, config: Config) -> Iterator[dict[str, Any]]:
    """Findings of one .txt or .pdf file as contract records (see DEVELOPERS.md)."""
    name = str(path)
    if path.suffix.lower() == ".txt":
        for f in detector.detect(read_text_file(path)):
            yield _record(name, None, f)
        return
    doc = open_pdf(path, config.max_file_bytes, config.max_pages)
    with doc, OcrGlyphs(config.ocr) as ocr:  # scanned pages are read with OCR, as in scan
        texts = [p.text for p in document_texts(doc, ocr)]
        located = locate(doc, detector.detect_pages(texts), ocr)
    for pf in located:
        record = _record(name, pf.page, pf.finding)
        record["bbox"] = [round(v, 2) for v in pf.bbox]
        record["rects"] = [[round(v, 2) for v in r] for r in pf.rects]
        yield record


def _record(name: str, page: int | None, f: Any) -> dict[str, Any]:
    return {
        "file": name, "page": page, "start": f.start, "end": f.end, "entity": f.entity,
        "text": f.text, "score": f.score, "ground": f.ground, "recognizer": f.recognizer,
        "proposed": f.proposed, "note": f.note, "explanation": f.explanation.as_dict(),
    }


def detect_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders into their .txt and .pdf files; files are taken as given."""
    for path in paths:
        if not path.exists():
            raise InputNotFound(f"{path} does not exist")
        if path.is_dir():
            for item in find_inputs(path):
                if item.problem is not None:
                    log.warning("skipped %s: %s", item.name, item.problem)
                elif item.path.suffix.lower() in (".txt", ".pdf"):
                    yield item.path
        else:
            yield path
