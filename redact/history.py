"""The audit trail read back: the history of one document, or of everything (``redact audit``).

The chain is checked first (and the database against it), then every record that concerns the
document is rendered as one line. Records are read as typed events (``redact.events``); a record
of a kind this version does not know is shown with its plain values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact.errors import AuditChainBroken, InputNotFound
from redact.events import (
    Apply,
    ApplyFailed,
    Assigned,
    Attachment,
    Commented,
    Decision,
    DocumentApproved,
    DocumentReady,
    DocumentSentBack,
    Event,
    Inventory,
    Judge,
    ManualProposal,
    Proposals,
    ReleasePage,
    Scan,
    Skip,
    UnknownEvent,
    Verify,
    Withdraw,
    Withhold,
    WithholdPage,
    parse,
)
from redact.workspace import DocumentRow, Workspace


@dataclass
class History:
    lines: list[str] = field(default_factory=list)
    chain_error: str | None = None


@dataclass(frozen=True)
class Entry:
    """One record of the trail: its place, time and typed event (and its data as written)."""

    seq: int
    ts: str
    name: str
    event: Event | UnknownEvent
    data: Mapping[str, Any]

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Entry:
        return cls(int(record["seq"]), str(record.get("ts")), str(record.get("event")),
                   parse(record), record.get("data") or {})


def find_documents(ws: Workspace, ref: str) -> list[DocumentRow]:
    """Documents by id, by name relative to the inbox, by file name or by stem (all versions)."""
    docs = ws.documents()
    if ref.isdigit():
        found = [d for d in docs if d.id == int(ref)]
    else:
        found = [d for d in docs if d.name == ref]
        if not found:
            found = [d for d in docs if Path(d.name).name == ref or d.stem == ref
                     or Path(d.name).stem == ref]
    if not found:
        raise InputNotFound(f"no document {ref!r} in workspace {ws.root}")
    return found


def _document_of(event: Event | UnknownEvent) -> int | None:
    if isinstance(event, (Scan, Skip, Attachment, Proposals, ManualProposal, Withhold, Apply,
                          ApplyFailed, Withdraw, Judge, WithholdPage, ReleasePage,
                          DocumentReady, DocumentApproved, DocumentSentBack, Assigned,
                          Commented)):
        return event.document
    return None


def _proposals_of(event: Event | UnknownEvent) -> set[int]:
    if isinstance(event, Proposals):
        return {p.id for p in event.proposals}
    if isinstance(event, ManualProposal):
        return {event.proposal}
    if isinstance(event, Decision):
        return set(event.proposals)
    return set()


def _unknown_concerns(data: Mapping[str, object], doc: DocumentRow, proposals: set[int]) -> bool:
    """Whether a record of a kind this version does not know names the document or its
    proposals (its data is all there is to go by)."""
    if data.get("document") == doc.id or data.get("name") == doc.name:
        return True
    for key in ("proposal", "proposals"):
        value = data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, int) and item in proposals:
                return True
            if isinstance(item, dict) and item.get("id") in proposals:
                return True
    return False


def _outputs(doc: DocumentRow) -> set[str]:
    """The names a verify problem may give the document's output."""
    return {doc.name, str(Path(doc.name).with_suffix(".pdf"))}


def concerns(entry: Entry, doc: DocumentRow, proposals: set[int],
             applied_at: int | None = None) -> bool:
    """Whether ``entry`` is about ``doc``; a verify run after ``applied_at`` (the sequence
    number of the document's first apply) checked its output too."""
    event = entry.event
    if isinstance(event, UnknownEvent):
        return _unknown_concerns(event.raw, doc, proposals)
    if isinstance(event, Verify):
        if applied_at is not None:
            return entry.seq > applied_at
        return any(p["document"] in _outputs(doc) for p in event.problems)
    if _document_of(event) == doc.id:
        return True
    if isinstance(event, (Scan, Skip, Attachment)) and event.name == doc.name:
        return True
    return bool(_proposals_of(event) & proposals)


def _counts(counter: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"


def record_line(entry: Entry, doc: DocumentRow | None, entities: dict[int, str]) -> str:
    """What one record says, in one readable line (never personal data: the trail holds none).
    ``doc``: the document whose history this is (counts are then of its proposals only)."""
    event = entry.event
    if isinstance(event, Scan):
        return (f"scanned {event.pages} page(s), sha256 {str(event.sha256)[:12]}, "
                f"redact {event.tool_version}, config {str(event.config_sha256)[:12]}")
    if isinstance(event, Skip):
        return f"skipped ({event.kind}): {event.reason}"
    if isinstance(event, Proposals):
        items = event.proposals
        # a trail written before proposals could be reported only holds proposed ones
        proposed = [p for p in items if p.proposed is None or p.proposed]
        kinds = Counter(f"{p.entity} [{p.ground}]" for p in proposed)
        return (f"{len(proposed)} proposal(s): {_counts(kinds)}"
                + (f"; {len(items) - len(proposed)} reported, not proposed"
                   if len(items) > len(proposed) else ""))
    if isinstance(event, Decision):
        ids = set(event.proposals)
        if doc is not None:
            ids &= set(entities)
            kinds = Counter(entities.get(i, "?") for i in ids)
        else:
            kinds = Counter(event.entities or {})
        return (f"{event.reviewer} {event.decision} {len(ids)} proposal(s) "
                f"({_counts(kinds)}) [{event.method}]")
    if isinstance(event, Apply):
        boxes = event.boxes_per_ground
        unlabelled = 0 if event.unlabelled_boxes is None else event.unlabelled_boxes
        return (f"applied: {event.output}, {sum(boxes.values())} box(es) ({_counts(boxes)}), "
                f"{unlabelled} unlabelled; scrubbed {_counts(event.scrubbed or {})}; "
                f"sha256 {event.sha256[:12]}")
    if isinstance(event, ApplyFailed):
        return f"apply failed: {event.reason}"
    if isinstance(event, Verify):
        problems = list(event.problems)
        if doc is not None:
            problems = [p for p in problems if p["document"] in _outputs(doc)]
            return ("verified: no leak" if not problems else
                    f"verify found {len(problems)} problem(s): "
                    + "; ".join(f"{p['channel']}: {p['detail']}" for p in problems))
        return f"verified {event.documents} document(s), {len(problems)} problem(s)"
    if isinstance(event, Judge):
        return (f"{event.reviewer} judged: {event.judgement or 'from the boxes'}"
                + (f" ({', '.join(event.grounds)})" if event.grounds else "")
                + (f", link {event.public_link}" if event.public_link else "")
                + (", opgeschort" if event.suspended else "") + f" [{event.method}]")
    if isinstance(event, WithholdPage):
        return f"{event.reviewer} withheld page {event.page} ({event.ground}) [{event.method}]"
    if isinstance(event, ReleasePage):
        return f"{event.reviewer} released page {event.page} [{event.method}]"
    if isinstance(event, DocumentReady):
        return f"{event.reviewer} marked it gereed"
    if isinstance(event, DocumentApproved):
        return (f"{event.reviewer} approved it (decided by "
                f"{', '.join(event.deciders) or 'nobody'})")
    if isinstance(event, DocumentSentBack):
        return f"{event.reviewer} sent it back to {event.assignee or 'its reviewer'}, with a comment"
    if isinstance(event, Assigned):
        return (f"{event.reviewer} assigned it to {event.assignee}" if event.assignee
                else f"{event.reviewer} took it out of every queue")
    if isinstance(event, Commented):
        where = (f"proposal {event.proposal}" if event.proposal is not None
                 else f"page {event.page}" if event.page is not None else "the document")
        return f"{event.author} commented on {where}"
    if isinstance(event, Inventory):
        return f"inventory list: {event.documents} document(s), {_counts(event.judgements)}"
    # every other kind: its plain values, as the record holds them
    scalars = {k: v for k, v in entry.data.items()
               if isinstance(v, (str, int, float, bool)) and k != "text"}
    return f"{entry.name}: " + ", ".join(f"{k}={v}" for k, v in scalars.items())


def _lines(entries: Iterable[Entry], doc: DocumentRow | None, entities: dict[int, str]) -> list[str]:
    return [f"  #{e.seq:<5} {e.ts[:19].replace('T', ' ')}  {e.name:<13} "
            f"{record_line(e, doc, entities)}" for e in entries]


def audit_history(ws_root: Path, ref: str | None = None) -> History:
    """The history of document ``ref`` (id or name), or of everything, from the audit trail."""
    history = History()
    with Workspace.open(ws_root) as ws:
        try:
            report = ws.verify_audit()
            ws.check_state()  # and the database says what the trail says
            history.lines.append(f"audit trail: {report.records} record(s), chain intact "
                                 f"(head {report.head[:12]}); workspace.sqlite consistent with it")
        except AuditChainBroken as exc:
            history.chain_error = str(exc)
            history.lines.append(f"audit trail: BROKEN: {exc}")
        entries = [Entry.of(r) for r in ws.audit_records()]
        if ref is None:
            history.lines.extend(_lines(entries, None, {}))
            return history
        for doc in find_documents(ws, ref):
            entities = {p.id: p.entity for p in ws.proposals(doc.id)}
            status = "withheld" if doc.withheld else doc.status
            history.lines.append(
                f"document {doc.id}: {doc.name} (sha256 {doc.sha256[:12]}, "
                f"{doc.page_count} page(s), {status})"
            )
            applied_at = next((e.seq for e in entries if isinstance(e.event, Apply)
                               and e.event.document == doc.id), None)
            history.lines.extend(_lines(
                (e for e in entries if concerns(e, doc, set(entities), applied_at)),
                doc, entities))
    return history
