"""What ``redact scan`` takes in: the files of the inbox that are new or changed (hashed,
judged, and stored read-only in the workspace), the documents queued for a scan, and the
attachments a scan found. It plans; ``redact.store`` records.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from redact.config import Config, Limits
from redact.errors import BadDocument
from redact.logs import one_line
from redact.stages.convert import input_kind
from redact.stages.ingest import Input, find_inputs, sha256_file
from redact.stages.scan import ScanTask
from redact.workspace import Workspace

log = logging.getLogger("redact")


@dataclass(frozen=True)
class Source:
    """Where a document came from: a file in the inbox, or an attachment of another document."""

    name: str  # relative to the inbox; an attachment is named after its parent
    path: str  # the file in the inbox, or "PARENT > attachment name"
    parent_id: int | None = None
    row_id: int | None = None  # the workspace row of a queued attachment


@dataclass(frozen=True)
class Taken:
    """A new file of the inbox: stored (``stored``) to be queued, or to be skipped (``reason``)."""

    item: Source
    sha256: str
    size: int
    kind: str
    stored: Path | None
    reason: str | None


@dataclass
class Intake:
    """The inbox as a scan finds it."""

    taken: list[Taken] = field(default_factory=list)
    unchanged: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)


def survey_inbox(ws: Workspace, inbox: Path, config: Config) -> Intake:
    """Every file of the inbox that is new or changed, hashed and judged; what can be scanned
    is stored (read-only) in the workspace. A file queued by a run that stopped early is not
    unchanged: it is scanned from its queue, and counted then (new or skipped), once."""
    intake = Intake()
    waiting = {(doc.name, doc.sha256) for doc in ws.documents(status="queued")}
    known = ws.known_hashes() - waiting
    for found in find_inputs(inbox, config.follow_links_out):
        if found.problem is not None:  # not to be read at all: a bad name, a link, a FIFO
            item = Source(found.name, one_line(str(found.path)))
            # No content to hash: the problem and the name are the document's identity.
            sha = hashlib.sha256(f"{found.kind}\0{found.name}".encode()).hexdigest()
            if (item.name, sha) in known:
                intake.unchanged += 1
            elif (item.name, sha) not in waiting:
                intake.taken.append(Taken(item, sha, 0, found.kind, None, found.problem))
            continue
        item = Source(found.name, str(found.path))
        try:
            size = found.path.stat().st_size
            sha = sha256_file(found.path)
        except OSError as exc:
            intake.unreadable.append((item.name, f"cannot be read: {exc.strerror}"))
            log.warning("skipped %s: cannot be read: %s", item.name, exc.strerror)
            continue
        if (item.name, sha) in known:
            intake.unchanged += 1
            continue
        if (item.name, sha) in waiting:
            continue  # ingested by a run that stopped early: scanned from its queue below
        intake.taken.append(_take(ws, found, item, sha, size, config))
    return intake


def _take(ws: Workspace, found: Input, item: Source, sha: str, size: int,
          config: Config) -> Taken:
    """Judge a new file and store what can be scanned; a file that changed while it was being
    read is not stored."""
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
    return Taken(item, sha, size, kind, stored, reason)


def queued_tasks(ws: Workspace, workdir: Path) -> list[tuple[ScanTask, Source]]:
    """A scan task for every queued document: this run's files, and those of one that stopped."""
    parents = {doc.id: doc.parent_id for doc in ws.documents()}
    return [scan_task(Source(doc.name, doc.source_path, doc.parent_id, doc.id),
                      Path(doc.stored_path), doc.sha256, doc.size, doc.kind, workdir,
                      depth_of(parents, doc.id))
            for doc in ws.documents(status="queued") if doc.stored_path is not None]


def scan_task(item: Source, stored: Path, sha: str, size: int, kind: str, workdir: Path,
              nesting: int) -> tuple[ScanTask, Source]:
    """The task of one document to scan (``nesting``: 0 for a file of the inbox, 1 for its
    attachment, ...), with where it came from."""
    return ScanTask(item.name, str(stored), sha, size, kind, str(workdir), item.parent_id,
                    nesting), item


def depth_of(parents: dict[int, int | None], doc_id: int) -> int:
    """How deep a document is nested: 0 for a file of the inbox, 1 for its attachment, ..."""
    depth, seen = 0, {doc_id}
    parent = parents.get(doc_id)
    while parent is not None and parent not in seen:
        depth, seen = depth + 1, seen | {parent}
        parent = parents.get(parent)
    return depth


def attachment_name(parent: str, number: int, filename: str) -> str:
    """``mail/bericht.eml``'s second attachment ``offerte.docx``: ``mail/bericht.bijlage-2-offerte.docx``."""
    path = Path(parent)
    return (path.parent / f"{path.stem}.bijlage-{number}-{filename}").as_posix()


def judge_attachment(number: int, count: int, data: bytes, nesting: int,
                     limits: Limits) -> tuple[str, str] | None:
    """Why an attachment cannot be taken, and the kind of that reason (None: it can be): nested
    deeper than ``limits.max_attachment_depth``, beyond ``max_attachments``, too large, empty."""
    if nesting > limits.max_attachment_depth:
        return (f"attachment nested {nesting} levels deep (more than "
                f"limits.max_attachment_depth {limits.max_attachment_depth})", "too_deep")
    if number > limits.max_attachments:
        return (f"attachment {number} of {count} (more than "
                f"limits.max_attachments {limits.max_attachments})", "too_large")
    if len(data) > limits.max_file_bytes:
        return f"attachment too large ({len(data)} bytes)", "too_large"
    if not data:
        return "empty attachment (0 bytes)", "empty"
    return None
