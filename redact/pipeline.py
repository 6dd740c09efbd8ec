"""The orchestrator: ingest -> extract -> detect -> propose -> (review) -> apply -> verify.

Each public function is one command of the CLI, and reads as the list of its steps: the stages
run in workers (``stages.scan.scan_document``, ``stages.apply.redact_document``) and return
immutable results; in the parent, ``intake`` plans what to scan, ``store`` records scan results,
``outputs`` plans, writes and records what is published, and ``workspace`` holds the state.
Only the parent writes the workspace, the audit trail and the outbox.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from redact import events, store
from redact.config import Config
from redact.decisions import Change, DecisionWriter
from redact.duplicates import group_duplicates
from redact.errors import AuditChainBroken, InputNotFound, UsageError, VerificationFailed
from redact.events import DecideOptions
from redact.executors import Executor, make_executor
from redact.files import remove_leftovers, sync_files, write_atomic
from redact.intake import Source, queued_tasks, survey_inbox
from redact.inventory import write_inventory
from redact.models import DocumentScan
from redact.outputs import (
    OutputPlan,
    check_anchor,
    find_workspace,
    move_out,
    outputs_elsewhere,
    plan_outputs,
    read_manifest,
    store_outputs,
    verify_output,
    write_manifest,
)
from redact.publication.model import PublicationSettings
from redact.publication.publish import PublishSummary, plan_publication, write_publication
from redact.publication.verify import (
    check_contents,
    check_files,
    is_publication,
    read_publication_manifest,
)
from redact.repair import RepairSummary, repair
from redact.report import write_report, write_reports
from redact.stages.apply import redact_document
from redact.stages.scan import ScanTask, scan_document
from redact.stages.verify import Problem
from redact.workspace import Workspace, now

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


def _scan(ws: Workspace, inbox: Path, config: Config, run: RunOptions) -> ScanSummary:
    summary = ScanSummary()
    intake = survey_inbox(ws, inbox, config)  # new and changed files, stored read-only
    summary.unchanged = intake.unchanged
    summary.skipped += intake.unreadable
    summary.skipped += store.ingest(ws, intake.taken)  # queued in inbox order, or skipped
    workdir = _fresh_workdir(ws)
    tasks = queued_tasks(ws, workdir)  # this run's files, and those of one that stopped early
    with run.executor_for(config) as executor, _progress(run.progress, len(tasks), "scan") as tick:
        while tasks:  # the files, then their attachments, then theirs ...
            sources = {(task.path, task.name): item for task, item in tasks}
            batch, tasks = [task for task, _ in tasks], []
            for task, result in executor.map_unordered(scan_document, batch):
                item = sources.pop((task.path, task.name))
                tasks += _store_result(ws, item, task, result, config, workdir, summary)
                tick()
    group_duplicates(ws)
    return summary


def _fresh_workdir(ws: Workspace) -> Path:
    """Where workers write the PDFs they make of non-PDF originals (emptied first: the
    conversions of a run that was killed)."""
    workdir = ws.root / "tmp"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()
    return workdir


def _store_result(ws: Workspace, item: Source, task: ScanTask, result: DocumentScan,
                  config: Config, workdir: Path,
                  summary: ScanSummary) -> list[tuple[ScanTask, Source]]:
    """Record one document's scan (or skip); returns the scan tasks of its attachments."""
    if result.error is not None:
        kind = result.error_kind or "corrupt"
        doc_id = store.skip(ws, item, task.sha256, task.size, kind, result.error)
        summary.skipped.append((item.name, result.error))
    else:
        doc_id, proposals = store.store_scan(ws, item, task, result, config)
        summary.proposals += proposals
        summary.new += 1
        summary.pages += len(result.pages)
    if not result.attachments:
        return []
    queued, skipped = store.store_attachments(ws, item, doc_id, result, task.depth + 1,
                                              config.limits, workdir)  # queued, or skipped
    summary.skipped += skipped
    return queued


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
    """Scripted decisions by entity; each is a human decision too, recorded with who, when
    and the command's options, by the one decision writer (``redact.decisions``)."""
    accept_set, reject_set = set(accept), set(reject)
    if not (accept_all or accept_set or reject_set):
        raise UsageError("say what to decide: --accept-all, --accept ENTITY or --reject ENTITY")
    if accept_set & reject_set:
        raise UsageError(f"both accepted and rejected: {sorted(accept_set & reject_set)}")
    summary = DecideSummary()
    with Workspace.open(ws_root) as ws, ws.lock(wait=True), ws.transaction():
        decided: dict[str, list[Change]] = {"accepted": [], "rejected": []}
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
            decided[decision].append(Change(p, decision, None, p.version))
        options = DecideOptions(accept_all, tuple(sorted(accept_set)), tuple(sorted(reject_set)),
                                redecide)
        # accepted first, then rejected: one record each, in that order
        DecisionWriter(ws, reviewer, "scripted").write(
            decided["accepted"] + decided["rejected"], options=options)
        summary.accepted = len(decided["accepted"])
        summary.rejected = len(decided["rejected"])
    return summary


# -- apply --------------------------------------------------------------------------------------


@dataclass
class ApplySummary:
    applied: int = 0
    unchanged: int = 0
    pending: list[str] = field(default_factory=list)  # documents waiting for decisions
    unapproved: list[str] = field(default_factory=list)  # four eyes: waiting for approval
    withheld: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    boxes: int = 0


def apply(ws_root: Path, outbox: Path, config: Config, run: RunOptions = RunOptions(),
          move: bool = False) -> ApplySummary:
    """``move``: outputs this workspace wrote into another outbox are removed from it (and its
    manifest) once written here; without it, an apply writes into ``outbox`` only."""
    with Workspace.open(ws_root) as ws, ws.lock():
        return _apply(ws, outbox, config, run, move=move)


def _apply(ws: Workspace, outbox: Path, config: Config, run: RunOptions,
           move: bool = False) -> ApplySummary:
    # Nothing is published from a trail that is broken (checked as the transaction opens), or
    # from a database that differs from it; under the write lock, so no reviewer is mid-write.
    with ws.transaction():
        ws.check_state()
    outbox.mkdir(parents=True, exist_ok=True)
    outbox = outbox.resolve()
    elsewhere = outputs_elsewhere(ws, outbox)
    remove_leftovers(outbox)  # half-written by a run that was killed
    # Reports are renamed into place but flushed only at the end of a run (see below). Should a
    # run stop before its end (killed, a power cut), the next one writes every report again.
    unfinished = ws.root / APPLY_UNFINISHED
    recovering = unfinished.exists()
    write_atomic(unfinished, now().encode())
    plan = plan_outputs(ws, outbox, config, move)  # withheld documents' outputs withdrawn
    summary = ApplySummary(unchanged=plan.unchanged, pending=plan.pending,
                           unapproved=plan.unapproved, withheld=len(plan.withdrawn))
    reported = _make_outputs(ws, plan, outbox, config, run, summary)
    changed = plan.withdrawn | reported  # applied or withheld by this run: reports rewritten
    # Outputs and reports were written without a fsync each: one flush makes them durable
    # before the manifest says they are there. A run killed before this loses nothing: the
    # files are whole (renamed into place) and a later run checks each output's hash.
    sync_files(outbox, ws.root)
    write_manifest(ws, outbox, config)
    write_inventory(ws, outbox, config)
    write_reports(ws, None if recovering else changed, done=reported)
    if move:
        move_out(ws, outbox, elsewhere)
    unfinished.unlink()
    return summary


def _make_outputs(ws: Workspace, plan: OutputPlan, outbox: Path, config: Config,
                  run: RunOptions, summary: ApplySummary) -> set[int]:
    """Run the apply stage over the plan's tasks; each batch of results is written, recorded
    and reported as it comes in. Returns the documents whose report was written."""
    reported: set[int] = set()
    with (run.executor_for(config) as executor,
          _progress(run.progress, len(plan.tasks), "apply") as tick):
        for batch in executor.map_batches(redact_document, plan.tasks):
            for task, result, doc, record in store_outputs(ws, batch, plan, outbox):
                if record is None:
                    summary.failed.append((doc.name, str(result.error)))
                else:
                    write_report(ws, doc, record, None, plan.clashes, durable=False)  # workers go on
                    reported.add(doc.id)
                    summary.applied += 1
                    summary.boxes += len(task.boxes)
                tick()
    return reported


# -- verify -------------------------------------------------------------------------------------


@dataclass
class VerifySummary:
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    audit_records: int = 0
    audit_error: str | None = None
    publication: bool = False  # a publication folder (``redact publish``), not an outbox
    workspace_checked: bool = True  # False: a publication checked without its workspace


def verify(outbox: Path, ws_root: Path | None = None) -> VerifySummary:
    if is_publication(outbox):
        return verify_publication(outbox, ws_root)
    manifest = read_manifest(outbox)
    summary = VerifySummary()
    with Workspace.open(ws_root or find_workspace(outbox, manifest)) as ws:
        _check_trail(ws, manifest, summary)
        for entry in manifest["documents"]:
            summary.documents += 1
            summary.problems.extend(verify_output(ws, outbox, entry))
        if summary.audit_error is None:
            with ws.transaction():
                ws.audit(events.Verify(str(outbox.resolve()), summary.documents,
                                       tuple(asdict(p) for p in summary.problems)))
    return summary


def _check_trail(ws: Workspace, manifest: dict[str, Any], summary: VerifySummary) -> None:
    """The chain intact, the folder's anchor in it, the database as the trail says."""
    try:
        summary.audit_records = ws.verify_audit().records
        check_anchor(ws, manifest)
        ws.check_state()
    except AuditChainBroken as exc:
        summary.audit_error = str(exc)


def verify_publication(folder: Path, ws_root: Path | None = None) -> VerifySummary:
    """A publication folder: names and hashes; with the workspace, what every file holds."""
    manifest = read_publication_manifest(folder)
    summary = VerifySummary(publication=True, workspace_checked=ws_root is not None)
    summary.documents = len(manifest["files"])
    summary.problems.extend(check_files(folder, manifest))
    if ws_root is None:
        return summary
    with Workspace.open(ws_root) as ws:
        _check_trail(ws, manifest, summary)
        summary.problems.extend(check_contents(ws, folder, manifest))
        if summary.audit_error is None:
            with ws.transaction():
                ws.audit(events.PublicationVerify(str(folder.resolve()), summary.documents,
                                                  tuple(asdict(p) for p in summary.problems)))
    return summary


# -- publish ------------------------------------------------------------------------------------


def publish(ws_root: Path, out_dir: Path, settings: PublicationSettings,
            config: Config) -> PublishSummary:
    """``redact publish``: check the trail, plan the publication from the workspace, write it."""
    with Workspace.open(ws_root) as ws, ws.lock():
        with ws.transaction():
            ws.check_state()
        planned = plan_publication(ws, settings, config)
        return write_publication(ws, planned, out_dir)


def repair_audit(ws_root: Path, reason: str, operator: str) -> RepairSummary:
    """``redact audit WS --repair``: see ``redact.repair.repair``."""
    with Workspace.open(ws_root) as ws, ws.lock():
        return repair(ws, reason, operator)


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

    def as_dict(self) -> dict[str, object]:
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
            ws.audit(events.Batch(started, scanned.new, scanned.unchanged, len(scanned.skipped),
                                  applied.applied, len(applied.pending), len(applied.failed),
                                  len(applied.unapproved) if config.four_eyes else None))
        runs = ws.root / "runs"
        runs.mkdir(exist_ok=True)
        write_atomic(runs / f"{started.replace(':', '')}.json",
                     json.dumps(result.as_dict(), indent=2).encode())
    return result


# -- progress -----------------------------------------------------------------------------------


@contextmanager
def _progress(enabled: bool, total: int, label: str) -> Iterator[Callable[[], None]]:
    """A rich progress bar on an interactive terminal; silence otherwise."""
    if not enabled or total == 0 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress  # ~60 ms to import: only an interactive terminal needs it

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
