"""The orchestrator: ingest -> extract -> detect -> propose -> (review) -> apply -> verify.

Each public function is one command of the CLI. Workers run the stage functions and return
immutable results; this module, in the parent process, is the only writer of the workspace,
the audit trail and the output folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from redact import __version__
from redact.config import Config
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
from redact.models import DocumentScan, PageFinding
from redact.report import write_reports
from redact.stages.apply import ApplyResult, ApplyTask, Box, redact_document
from redact.stages.extract import document_texts, locate
from redact.stages.ingest import Input, find_inputs, open_pdf, sha256_file
from redact.stages.verify import Problem, Secret, occurrences, verify_pdf
from redact.workspace import Workspace, now

log = logging.getLogger("redact")

MANIFEST = "redact-manifest.json"


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


def scan_document(task: ScanTask) -> DocumentScan:
    """Worker function: open, extract page by page, detect, map findings onto glyph boxes.

    A broken document becomes a skip; a failure of our own (the detector) stops the run, so
    that documents are never written off as bad because of a bug.
    """
    config = worker_config()
    detector = worker_detector()
    try:
        doc = open_pdf(Path(task.path), config.max_file_bytes, config.max_pages)
        with doc:
            with _damaged_pdf():
                pages = list(document_texts(doc))
            per_page = detector.detect_pages([p.text for p in pages])
            with _damaged_pdf():
                findings = locate(doc, per_page)
    except BadDocument as exc:
        return DocumentScan(task.path, task.sha256, task.size, error=str(exc), error_kind=exc.kind)
    return DocumentScan(task.path, task.sha256, task.size, tuple(pages), tuple(findings))


@contextmanager
def _damaged_pdf() -> Iterator[None]:
    """MuPDF raises several exception types for damaged content: each is a BadDocument."""
    try:
        yield
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


def _skip(ws: Workspace, item: Input, sha: str, size: int, kind: str, reason: str) -> None:
    with ws.transaction():
        doc_id = ws.insert_document(
            name=item.name, sha256=sha, source_path=str(item.path), stored_path=None, size=size,
            page_count=0, status="skipped", error_kind=kind, error=reason,
        )
        ws.audit("skip", {"document": doc_id, "name": item.name, "sha256": sha, "kind": kind,
                          "reason": reason})
    log.warning("skipped %s: %s", item.name, reason)


def _scan(ws: Workspace, inbox: Path, config: Config, run: RunOptions) -> ScanSummary:
    summary = ScanSummary()
    known = ws.known_hashes()
    tasks: list[ScanTask] = []
    names: dict[str, Input] = {}
    for item in find_inputs(inbox):
        try:
            size = item.path.stat().st_size
            sha = sha256_file(item.path)
        except OSError as exc:
            summary.skipped.append((item.name, f"cannot be read: {exc.strerror}"))
            log.warning("skipped %s: cannot be read: %s", item.name, exc.strerror)
            continue
        if (item.name, sha) in known:
            summary.unchanged += 1
            continue
        reason = None
        if size == 0:
            kind, reason = "empty", "empty file (0 bytes)"
        elif size > config.max_file_bytes:
            kind, reason = "too_large", f"file too large ({size} bytes)"
        if reason is not None:
            _skip(ws, item, sha, size, kind, reason)
            summary.skipped.append((item.name, reason))
            continue
        stored = ws.store_original(item.path, sha)
        if sha256_file(stored) != sha:
            stored.unlink(missing_ok=True)
            _skip(ws, item, sha, size, "changed", "file changed while it was being read")
            summary.skipped.append((item.name, "file changed while it was being read"))
            continue
        tasks.append(ScanTask(item.name, str(stored), sha, size))
        names[str(stored) + item.name] = item

    with run.executor_for(config) as executor, _progress(run.progress, len(tasks), "scan") as tick:
        for task, result in executor.map_unordered(scan_document, tasks):
            item = names[task.path + task.name]
            if result.error is not None:
                _skip(ws, item, task.sha256, task.size, result.error_kind or "corrupt", result.error)
                summary.skipped.append((item.name, result.error))
            else:
                summary.proposals += _store_scan(ws, item, task, result, config)
                summary.new += 1
                summary.pages += len(result.pages)
            tick()
    return summary


def _store_scan(
    ws: Workspace, item: Input, task: ScanTask, result: DocumentScan, config: Config
) -> int:
    with ws.transaction():
        doc_id = ws.insert_document(
            name=item.name, sha256=task.sha256, source_path=str(item.path),
            stored_path=task.path, size=task.size, page_count=len(result.pages), status="scanned",
        )
        for page in result.pages:
            ws.insert_page(doc_id, page.page, page.text, page.width, page.height)
        proposals = []
        for pf in result.findings:
            proposals.append(_insert_finding(ws, doc_id, pf))
        ws.audit("scan", {
            "document": doc_id, "name": item.name, "sha256": task.sha256, "size": task.size,
            "pages": len(result.pages), "tool_version": __version__,
            "config_sha256": config.sha256,
        })
        ws.audit("proposals", {"document": doc_id, "proposals": proposals})
    return len(proposals)


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


def apply(ws_root: Path, outbox: Path, config: Config, run: RunOptions = RunOptions()) -> ApplySummary:
    with Workspace.open(ws_root) as ws, ws.lock():
        return _apply(ws, outbox, config, run)


def fingerprint(boxes: Iterable[Box], withheld: bool, box_style: str = "black") -> str:
    blob = json.dumps([[b.page, list(b.rect), b.ground] for b in boxes] + [withheld, box_style])
    return hashlib.sha256(blob.encode()).hexdigest()


def output_path(outbox: Path, name: str) -> Path:
    return outbox / Path(name).with_suffix(".pdf")


def _apply(ws: Workspace, outbox: Path, config: Config, run: RunOptions) -> ApplySummary:
    summary = ApplySummary()
    outbox.mkdir(parents=True, exist_ok=True)
    outbox = outbox.resolve()
    for stale in outbox.rglob(".*.tmp"):  # half-written by a run that was killed
        stale.unlink()
    tasks: list[ApplyTask] = []
    prints: dict[int, str] = {}
    for doc in ws.documents(status="scanned"):
        proposals = [p for p in ws.proposals(doc.id) if p.proposed or p.status == "accepted"]
        if any(p.status == "pending" for p in proposals):
            summary.pending.append(doc.name)
            continue
        if doc.withheld:
            summary.withheld += 1
            _withdraw_output(ws, doc.id)
            continue
        boxes = tuple(
            Box(p.page, rect, p.ground)
            for p in proposals if p.status == "accepted" for rect in p.rects
        )
        fp = fingerprint(boxes, doc.withheld, config.box_style)
        target = output_path(outbox, doc.name)
        done = ws.output(doc.id)
        if (done is not None and done["fingerprint"] == fp and done["path"] == str(target)
                and target.exists() and sha256_file(target) == done["sha256"]):
            summary.unchanged += 1
            continue
        if doc.stored_path is None:
            continue
        tasks.append(ApplyTask(doc.id, doc.stored_path, doc.sha256, boxes,
                               box_style=config.box_style))
        prints[doc.id] = fp

    with run.executor_for(config) as executor, _progress(run.progress, len(tasks), "apply") as tick:
        for task, result in executor.map_unordered(redact_document, tasks):
            doc = ws.document(task.document_id)
            if result.error is not None:
                summary.failed.append((doc.name, result.error))
                log.warning("not applied %s: %s", doc.name, result.error)
                with ws.transaction():
                    ws.audit("apply_failed", {"document": doc.id, "reason": result.error})
            else:
                _store_output(ws, doc.id, output_path(outbox, doc.name), result, prints[doc.id])
                summary.applied += 1
                summary.boxes += len(task.boxes)
            tick()
    write_manifest(ws, outbox)
    write_inventory(ws, outbox)
    write_reports(ws)
    return summary


def _withdraw_output(ws: Workspace, doc_id: int) -> None:
    """A document withheld after it was applied: its earlier output must not be published."""
    done = ws.output(doc_id)
    if done is None:
        return
    Path(done["path"]).unlink(missing_ok=True)
    with ws.transaction():
        ws.db.execute("DELETE FROM outputs WHERE document_id=?", (doc_id,))
        ws.audit("withdraw", {"document": doc_id, "output": Path(done["path"]).name,
                              "reason": "withheld (niet openbaar)"})


def _store_output(
    ws: Workspace, doc_id: int, target: Path, result: ApplyResult, fp: str
) -> None:
    write_atomic(target, result.pdf)
    with ws.transaction():
        ws.record_output(doc_id, str(target), result.sha256, fp, sum(result.boxes_per_ground.values()))
        ws.audit("apply", {
            "document": doc_id, "output": target.name, "sha256": result.sha256,
            "boxes_per_ground": result.boxes_per_ground, "unlabelled_boxes": result.unlabelled,
            "fingerprint": fp, "scrubbed": result.scrubbed,
            "unlabelled": list(result.unlabelled_boxes),
        })


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target``, fsync, then rename over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


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
    stored = ws.document(int(entry["document"])).stored_path
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
    if summary.problems:
        first = summary.problems[0]
        raise VerificationFailed(
            f"{len(summary.problems)} problem(s); first: {first.document}: {first.channel}: "
            f"{first.detail}"
        )
    if summary.audit_error:
        raise AuditChainBroken(summary.audit_error)


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
    with doc:
        texts = [p.text for p in document_texts(doc)]
        located = locate(doc, detector.detect_pages(texts))
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
                if item.path.suffix.lower() in (".txt", ".pdf"):
                    yield item.path
        else:
            yield path
