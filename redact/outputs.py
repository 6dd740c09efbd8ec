"""The outbox: which outputs an apply must make (fingerprints), writing and recording them,
withdrawing and moving them, the manifest, and what verify checks there against the workspace.

Only the parent writes here; the workers make the PDFs (``stages.apply``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from redact import __version__, events
from redact.config import Config, OcrSettings, load_config
from redact.errors import AuditChainBroken, InputNotFound, WorkspaceError
from redact.files import NAME_ERRNOS, write_atomic
from redact.logs import one_line
from redact.publication.describe import Describer
from redact.publication.model import REEDS_OPENBAAR
from redact.stages.apply import BURN_IN_VERSION, ApplyResult, ApplyTask, Box
from redact.stages.ingest import sha256_file
from redact.stages.verify import Problem, Secret, occurrences, verify_pdf
from redact.workflow import waiting_for_approval
from redact.workspace import DocumentRow, OutputRow, ProposalRow, Workspace, stem_clashes

log = logging.getLogger("redact")

MANIFEST = "redact-manifest.json"


def fingerprint(boxes: Iterable[Box], withheld: bool, box_style: str = "black",
                ocr: OcrSettings | None = None,
                withheld_pages: Mapping[int, str] | None = None) -> str:
    """What an output is made from: a different one means the output must be made again.
    ``ocr``: the settings a document with OCR pages is read again with (its new text layer);
    ``withheld_pages``: page -> ground of the pages replaced by a notice."""
    parts: list[object] = [[b.page, list(b.rect), b.ground] for b in boxes] + [withheld, box_style]
    parts += [__version__, BURN_IN_VERSION]  # a new release (a fixed leak) makes outputs again
    if ocr is not None:
        parts.append(asdict(ocr))
    if withheld_pages:  # absent when none: the outputs made before pages could be withheld stay
        parts.append({"withheld_pages": sorted([n, g] for n, g in withheld_pages.items())})
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


@dataclass
class OutputPlan:
    """What an apply makes: one task per decided document whose output is missing or stale."""

    clashes: set[str]  # stems more than one document has (see ``DocumentRow.published_stem``)
    targets: dict[int, Path] = field(default_factory=dict)  # document -> its output
    tasks: list[ApplyTask] = field(default_factory=list)
    prints: dict[int, str] = field(default_factory=dict)  # document -> fingerprint of its task
    pending: list[str] = field(default_factory=list)  # documents waiting for decisions
    unapproved: list[str] = field(default_factory=list)  # four eyes: waiting for approval
    withdrawn: set[int] = field(default_factory=set)  # niet/reeds openbaar: output withdrawn
    unchanged: int = 0


def plan_outputs(ws: Workspace, outbox: Path, config: Config, move: bool) -> OutputPlan:
    """Per current document: wait for its decisions, withdraw its output (withheld), keep its
    output (nothing it is made from changed), or make it. ``move``: a withheld document's
    output is withdrawn from whichever outbox holds it, not only from ``outbox``. A document
    judged *niet openbaar* (withheld) or *reeds openbaar* gets no output, decided or not; a
    withheld page is left out of the boxes and replaced by a notice (``pdf.withheld``)."""
    current = ws.documents(status="scanned")
    plan = OutputPlan(stem_clashes(current))
    judgements = ws.judgements()
    all_pages = ws.all_withheld_pages()
    waiting = waiting_for_approval(ws, current) if config.four_eyes else set()
    held: list[int] = []
    for doc in current:
        target = plan.targets[doc.id] = outbox / f"{doc.published_stem(plan.clashes)}.pdf"
        judged = judgements.get(doc.id)
        if doc.withheld or (judged is not None and judged.judgement == REEDS_OPENBAAR):
            reason = "withheld (niet openbaar)" if doc.withheld else "reeds openbaar"
            withdraw_output(ws, doc.id, target, None if move else outbox, reason)
            plan.withdrawn.add(doc.id)
            continue
        proposals = [p for p in ws.proposals(doc.id) if p.proposed or p.status == "accepted"]
        if any(p.status == "pending" for p in proposals):
            plan.pending.append(doc.name)
            continue
        if doc.id in waiting:  # four eyes: a controleur who decided none of it must approve
            plan.unapproved.append(doc.name)
            held.append(doc.id)
            continue
        pages = {n: page.ground for n, page in all_pages.get(doc.id, {}).items()}
        boxes = tuple(
            Box(p.page, rect, p.ground)
            for p in proposals if p.status == "accepted" and p.page not in pages
            for rect in p.rects
        )
        ocr_pages = tuple(n for n in ws.ocr_pages(doc.id) if n not in pages)
        fp = fingerprint(boxes, doc.withheld, config.box_style, config.ocr if ocr_pages else None,
                         pages)
        if up_to_date(ws.output(doc.id), target, fp):
            plan.unchanged += 1
            continue
        task = _apply_task(doc, proposals, boxes, ocr_pages, config, pages)
        if task is not None:
            plan.tasks.append(task)
            plan.prints[doc.id] = fp
    if held:
        log.info("%d document(s) wait for a controleur's approval (four eyes): document %s",
                 len(held), ", ".join(map(str, held)))
    return plan


def up_to_date(done: OutputRow | None, target: Path, fp: str) -> bool:
    """Whether the recorded output is the one to publish: made from the same, where it belongs,
    and still the file that was written."""
    return (done is not None and done.fingerprint == fp and done.path == str(target)
            and target.exists() and sha256_file(target) == done.sha256)


def _apply_task(doc: DocumentRow, proposals: Sequence[ProposalRow], boxes: tuple[Box, ...],
                ocr_pages: tuple[int, ...], config: Config,
                pages: Mapping[int, str]) -> ApplyTask | None:
    source = doc.pdf_path
    if source is None:
        return None
    source_sha = doc.sha256 if doc.kind == "pdf" else sha256_file(Path(source))
    values = tuple(sorted({(p.text, p.ground) for p in proposals if p.status == "accepted"}))
    if not ocr_pages:
        values = ()
    return ApplyTask(doc.id, source, source_sha, boxes, box_style=config.box_style,
                     ocr_pages=ocr_pages, ocr=config.ocr, values=values,
                     withheld_pages=tuple(sorted(pages.items())))


def outputs_elsewhere(ws: Workspace, outbox: Path) -> dict[int, Path]:
    """The recorded outputs that lie outside ``outbox`` (in another outbox), by document."""
    return {doc_id: Path(row.path) for doc_id, row in ws.outputs().items()
            if not within(Path(row.path), outbox)}


def within(path: Path, folder: Path) -> bool:
    """Whether ``path`` lies inside ``folder`` (links resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def move_out(ws: Workspace, outbox: Path, elsewhere: dict[int, Path]) -> None:
    """``apply --move``: remove from other outboxes the outputs that now lie in ``outbox`` (or
    were withdrawn), and rewrite those outboxes' manifests without them."""
    moved: list[int] = []
    folders: set[Path] = set()
    for doc_id, old in elsewhere.items():
        now_row = ws.output(doc_id)
        if now_row is not None and not within(Path(now_row.path), outbox):
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
            ws.audit(events.Move(str(outbox), tuple(sorted(moved)),
                                 tuple(str(f) for f in sorted(folders))))


def withdraw_output(ws: Workspace, doc_id: int, target: Path | None = None,
                     outbox: Path | None = None, reason: str = "withheld (niet openbaar)") -> None:
    """A document withheld after it was applied: its earlier output must not be published.
    ``outbox``: the only folder files are removed from (an output recorded in another outbox
    is left, with its record, until an apply into that outbox withdraws it)."""
    if target is not None:
        target.unlink(missing_ok=True)
    done = ws.output(doc_id)
    if done is None:
        return
    if outbox is not None and not within(Path(done.path), outbox):
        log.warning("document %d is withheld; its output in another outbox stays there until an "
                    "apply into that outbox (or apply --move) withdraws it", doc_id)
        return
    Path(done.path).unlink(missing_ok=True)
    with ws.transaction():
        ws.drop_output(doc_id)
        ws.audit(events.Withdraw(doc_id, Path(done.path).name, reason))


def store_outputs(
    ws: Workspace, batch: list[tuple[ApplyTask, ApplyResult]], plan: OutputPlan, outbox: Path,
) -> list[tuple[ApplyTask, ApplyResult, DocumentRow, events.Apply | None]]:
    """Write the outputs of results that came in together, then record them with their audit
    records in one transaction. Returns each result with its document and the data of its
    ``apply`` record as the trail holds it (``None``: the document failed)."""
    for index, (task, result) in enumerate(list(batch)):
        if result.error is None:
            target = plan.targets[task.document_id]
            try:
                write_atomic(target, result.pdf, durable=False)  # made durable by sync_files
            except OSError as exc:  # the name, not the disk: this document fails, not the run
                if exc.errno not in NAME_ERRNOS:
                    raise
                batch[index] = (task, replace(result, error=f"output {one_line(target.name)} "
                                                            f"cannot be written: {exc.strerror}"))
                continue
            before = ws.output(task.document_id)
            if (before is not None and before.path != str(target)
                    and within(Path(before.path), outbox)):
                Path(before.path).unlink(missing_ok=True)  # renamed (a stem clash)
    stored: list[tuple[ApplyTask, ApplyResult, DocumentRow, events.Apply | None]] = []
    with ws.transaction():
        for task, result in batch:
            doc = ws.document(task.document_id)
            if result.error is not None:
                log.warning("not applied %s: %s", doc.name, result.error)
                ws.audit(events.ApplyFailed(doc.id, result.error))
                stored.append((task, result, doc, None))
                continue
            target, fp = plan.targets[doc.id], plan.prints[doc.id]
            ws.record_output(doc.id, str(target), result.sha256, fp,
                             sum(result.boxes_per_ground.values()))
            record = events.Apply(
                doc.id, target.name, result.sha256, result.boxes_per_ground, result.unlabelled,
                fp, result.scrubbed, __version__, BURN_IN_VERSION, result.unlabelled_boxes,
                result.ocr_pages,
                tuple({"page": page, "rect": [round(v, 2) for v in rect], "ground": ground}
                      for page, rect, ground in result.ocr_extra_boxes))
            ws.audit(record)
            stored.append((task, result, doc, record))
    return stored


def write_manifest(ws: Workspace, outbox: Path, config: Config | None = None) -> None:
    """What this outbox holds and which workspace made it (no personal data): each document
    with its name less its personal data (``publication.describe``), not as it came in, and the
    workspace as an identity (``workspace_id``), not its path; ``find_workspace`` finds it."""
    root = outbox.resolve()
    describe = Describer(ws, config or load_config())
    docs = []
    for doc in ws.documents(status="scanned"):  # not the older versions of changed files
        out = ws.output(doc.id)
        if out is None or not Path(out.path).resolve().is_relative_to(root):
            continue
        entry: dict[str, object] = {
            "document": doc.id, "name": describe.name(doc),
            "output": Path(out.path).resolve().relative_to(root).as_posix(),
            "sha256": out.sha256}
        judged = ws.judgement(doc.id)
        if judged is not None and judged.suspended:  # opgeschort: not to be published yet
            entry["suspended"] = True
        docs.append(entry)
    seq, head = ws.audit_head()
    manifest = {"tool_version": __version__, "workspace_id": workspace_id(ws.root),
                "audit_seq": seq, "audit_head": head, "documents": docs}
    write_atomic(outbox / MANIFEST, json.dumps(manifest, indent=2).encode())


def workspace_id(root: Path) -> str:
    """What a manifest says of the workspace that wrote it: a hash of its resolved path."""
    return hashlib.sha256(f"redact-workspace\0{root.resolve()}".encode()).hexdigest()


def find_workspace(outbox: Path, manifest: dict[str, Any]) -> Path:
    """The workspace that wrote ``outbox``: the path an older manifest names, else the folder
    near the outbox (its ancestors, their subfolders, the current folder's) whose
    ``workspace_id`` the manifest holds. Raise InputNotFound when there is none."""
    if isinstance(manifest.get("workspace"), str):  # an older manifest: the path itself
        return Path(manifest["workspace"])
    wanted = manifest.get("workspace_id")
    outbox = outbox.resolve()
    places = [outbox, *outbox.parents[:3], Path.cwd()]
    for place in places:
        for candidate in [place, *sorted(p for p in _subfolders(place))]:
            if (candidate / "workspace.sqlite").is_file() and workspace_id(candidate) == wanted:
                return candidate
    raise InputNotFound(f"the workspace that wrote {outbox} is not next to it: pass --workspace WS")


def _subfolders(place: Path) -> list[Path]:
    try:
        return [p for p in place.iterdir() if p.is_dir()]
    except OSError:
        return []


def read_manifest(outbox: Path) -> dict[str, Any]:
    """The manifest ``write_manifest`` left in ``outbox``."""
    manifest_path = outbox / MANIFEST
    if not manifest_path.exists():
        raise InputNotFound(f"{outbox} holds no {MANIFEST}: not an outbox written by redact apply")
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8"))
    except ValueError as exc:
        raise WorkspaceError(f"{manifest_path} is not valid JSON") from exc
    return manifest


def check_anchor(ws: Workspace, manifest: dict[str, Any]) -> None:
    """Raise AuditChainBroken unless the trail still holds the record the manifest names."""
    seq = int(manifest.get("audit_seq", 0))
    if seq == 0:
        return
    head = ws.audit_hash(seq)
    if head is None or head != manifest.get("audit_head"):
        raise AuditChainBroken(
            f"the audit trail no longer holds record {seq} as it was when the outbox was written"
        )


def verify_output(ws: Workspace, outbox: Path, entry: dict[str, Any]) -> list[Problem]:
    """The problems of one output the manifest names: missing, changed, or leaking."""
    name = entry["output"]
    path = outbox / name
    if not path.exists():
        return [Problem(name, "file", "output is missing")]
    if sha256_file(path) != entry["sha256"]:
        return [Problem(name, "file", "output differs from the one redact wrote")]
    proposals = ws.proposals(int(entry["document"]))
    secrets = searchable_secrets(ws, int(entry["document"]), proposals)
    stored = ws.document(int(entry["document"])).pdf_path
    pages = {n: page.ground for n, page in ws.withheld_pages(int(entry["document"])).items()}
    boxes = [(p.page, rect) for p in proposals if p.status == "accepted" and p.page not in pages
             for rect in p.rects]
    return verify_pdf(path, name, secrets, Path(stored) if stored else None, boxes,
                      withheld=pages)


def searchable_secrets(ws: Workspace, document_id: int,
                       proposals: Sequence[ProposalRow]) -> list[Secret]:
    """Accepted strings that a search of the whole output can prove gone.

    A string that the original also holds outside its accepted boxes (a rejected mention, a
    place name in a letterhead) may rightly remain; those boxes are checked by position alone.
    """
    original = "\n".join(page.text for page in ws.pages(document_id))
    accepted = Counter(p.text.casefold() for p in proposals if p.status == "accepted")
    secrets = []
    for p in proposals:
        if p.status != "accepted" or not p.text.strip():
            continue
        if occurrences(original, p.text) <= accepted[p.text.casefold()]:
            secrets.append(Secret(p.entity, p.text))
    return secrets
