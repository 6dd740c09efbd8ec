"""The operator's explicit, logged repair of a broken audit trail or of a database that
differs from it (``redact audit WS --repair --reason TEXT``).

Above both ``redact.workspace`` (which it changes through its methods) and ``redact.integrity``
(which says what differs).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redact import audit, events
from redact.errors import AuditChainBroken
from redact.files import READ_ONLY, copy_atomic
from redact.integrity import Difference, expected_state
from redact.workspace import Workspace, now

SET_ASIDE = "differs from the audit trail; set aside by a repair"


@dataclass
class RepairSummary:
    fault: str | None  # what was wrong with the chain (None: the chain was intact)
    state: int  # differences between database and trail that were reset
    evidence: str | None  # the broken audit.jsonl, kept beside the new one
    how: str  # what was done to the chain


def chain_fault(records: list[dict[str, Any]]) -> tuple[int, str] | None:
    """The index of the first record that breaks the chain, and why (None: intact)."""
    try:
        audit.check_records(enumerate(records, start=1))
    except AuditChainBroken as exc:
        message = str(exc)
        line = int(message.split("line ")[1].split(":")[0]) if "line " in message else 1
        return line - 1, message
    return None


def reseal(records: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    """Records from index ``start`` on, linked and hashed again (their content unchanged)."""
    out = records[:start]
    prev = out[-1]["hash"] if out else audit.GENESIS
    for seq, record in enumerate(records[start:], start=start + 1):
        fixed = audit.make_record(seq, prev, record.get("ts", ""), str(record.get("event")),
                                  record.get("data") or {})
        out.append(fixed)
        prev = fixed["hash"]
    return out


def read_lenient(path: Path) -> list[dict[str, Any]]:
    """The file's records that still parse (for choosing what to keep; never trusted as is)."""
    if not path.exists():
        return []
    records = []
    for line in path.read_bytes().split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def keep_evidence(path: Path, stamp: str) -> Path | None:
    """Keep the broken trail, read-only, beside the repaired one."""
    if not path.exists():
        return None
    target = path.with_name(f"audit.broken-{stamp.replace(':', '')}.jsonl")
    copy_atomic(path, target, mode=READ_ONLY)
    return target


def repair(ws: Workspace, reason: str, operator: str) -> RepairSummary:
    """The operator's explicit, logged repair (``redact audit WS --repair --reason TEXT``).

    The broken ``audit.jsonl`` is kept, read-only, beside the new one. The chain is made whole
    from the copy that is still intact: the database's (``audit.jsonl`` written again from it),
    else the file's (the database's copy restored from it), else the database's records are
    linked and hashed again from the first bad one on. Then every difference between database
    and trail is undone the safe way: a proposal that differs goes back to *pending* (a person
    must decide it again), a document that differs is set aside (skipped) or withheld, a
    recorded output that differs is forgotten (the next apply writes it again). A ``repair``
    record says who, why, what was wrong and what was done, and commits to the state after.
    """
    stamp = now()
    fault: str | None = None
    try:
        ws.verify_audit()
    except AuditChainBroken as exc:
        fault = str(exc)
    evidence: Path | None = None
    how = "chain intact"
    with ws.transaction(check=False):
        if fault is not None:
            evidence = keep_evidence(ws.audit_path, stamp)
            how = _mend_chain(ws)
        found = ws.state_differences(expected_state(ws.audit_records()))
        proposals, documents, dropped = _undo(ws, found, operator, stamp)
        after = ws.snapshot(proposals, documents)
        ws.audit(events.Repair(
            reason=reason, operator=operator, fault=fault, how=how,
            evidence=evidence.name if evidence else None,
            evidence_sha256=(hashlib.sha256(evidence.read_bytes()).hexdigest()
                             if evidence else None),
            differences=tuple(str(d) for d in found[:1000]), difference_count=len(found),
            outputs_dropped=tuple(sorted(dropped)),
            proposals=after.proposals, documents=after.documents))
    ws.chain_rewritten()
    return RepairSummary(fault, len(found), evidence.name if evidence else None, how)


def _mend_chain(ws: Workspace) -> str:
    """Make the chain whole from the copy that is intact (inside the repair's transaction);
    returns what was done."""
    db_records = ws.audit_records()
    file_records = read_lenient(ws.audit_path)
    db_fault, file_fault = chain_fault(db_records), chain_fault(file_records)
    if db_fault is None:
        records, how = db_records, "audit.jsonl written again from the database's copy"
    elif file_fault is None and len(file_records) >= len(db_records):
        records, how = file_records, "the database's copy restored from audit.jsonl"
    else:
        start = db_fault[0]
        records = reseal(db_records, start)
        how = f"records {start + 1} to {len(records)} linked and hashed again"
    ws.replace_audit_trail(records)
    return how


def _undo(ws: Workspace, found: list[Difference], operator: str,
          stamp: str) -> tuple[set[int], set[int], set[int]]:
    """Undo each difference the safe way; returns the proposals reset, the documents set aside
    or withheld, and the documents whose recorded output was forgotten."""
    proposals: set[int] = set()
    documents: set[int] = set()
    dropped: set[int] = set()
    for diff in found:
        if diff.proposal is not None:
            if ws.reset_to_pending(diff.proposal, operator, stamp):
                proposals.add(diff.proposal)
            else:  # deleted: what it covered is unknown, so the document is set aside
                ws.set_aside(diff.document, SET_ASIDE)
                documents.add(diff.document)
        elif "withheld" in diff.what:
            ws.set_withheld(diff.document, True)
            documents.add(diff.document)
        elif "output" in diff.what:
            ws.drop_output(diff.document)
            dropped.add(diff.document)
        else:
            ws.set_aside(diff.document, SET_ASIDE)
            documents.add(diff.document)
    return proposals, documents, dropped
