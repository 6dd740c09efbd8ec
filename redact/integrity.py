"""What the audit trail commits to, and the check of the workspace database against it.

The hash chain (``redact.audit``) proves that the trail was not edited; this module proves that
the database still says what the trail says. Every record that changes what is burned in
commits to it:

* a proposal (``proposals``, ``manual_proposal``): a keyed hash (HMAC-SHA256, the key in the
  database's ``meta`` table, never in the trail) of its document, page, value and boxes; the value
  itself is never written, and without the key the hash cannot be tried against guesses;
* a decision (``decision``): its ``outcome``, ``[proposal, status, ground]`` per proposal;
* a state change without a record of its own kind: a ``commitments`` record written by the
  transaction that made it (``Workspace.transaction``);
* an output (``apply``): its hash and fingerprint; a document (``ingest``, ``scan``, ``skip``,
  ``attachment``, ``withhold``): its status, content hash and whether it is withheld.

``expected_state`` replays the trail into the state it describes; ``differences`` compares that
with the database and names documents and proposals by id, never their data. ``apply`` and
``verify`` refuse to publish when they differ (exit 5). ``repair`` is the operator's explicit,
logged way back to a consistent trail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redact import audit
from redact.errors import AuditChainBroken

if TYPE_CHECKING:
    from redact.workspace import Workspace

BASELINE_CHUNK = 2000  # proposals per baseline/repair record: audit lines of a sane size


def commitment(key: bytes, document_id: int, page: int, text: str, rects_json: str) -> str:
    """The keyed hash of a proposal's document, page, value and boxes (as stored)."""
    blob = json.dumps([document_id, page, text, rects_json], ensure_ascii=False)
    return hmac.new(key, blob.encode("utf-8"), hashlib.sha256).hexdigest()


def row_commitment(key: bytes, row: sqlite3.Row) -> str:
    return commitment(key, int(row["document_id"]), int(row["page"]), str(row["text"]),
                      str(row["rects"]))


def proposal_entry(key: bytes, row: sqlite3.Row) -> list[Any]:
    """``[id, document, commitment, status, ground, proposed]``: one proposal's whole state."""
    return [int(row["id"]), int(row["document_id"]), row_commitment(key, row), row["status"],
            row["ground"], bool(row["proposed"])]


@dataclass
class Expected:
    """The state the audit trail describes."""

    # proposal -> [document, commitment | None, status | None, ground | None, proposed]
    proposals: dict[int, list[Any]] = field(default_factory=dict)
    documents: dict[int, dict[str, Any]] = field(default_factory=dict)  # status, sha256, name
    withheld: dict[int, bool] = field(default_factory=dict)
    outputs: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # sha256, fingerprint

    def document(self, doc_id: int, name: str | None, sha: str | None, status: str) -> None:
        """A document's row inserted or completed; a new row supersedes the older version of
        its name (as ``Workspace.insert_document`` does)."""
        if doc_id not in self.documents and name is not None:
            for other in self.documents.values():
                if (other["name"] == name and other["sha256"] != sha
                        and other["status"] in ("scanned", "queued")):
                    other["status"] = "superseded"
        known = self.documents.setdefault(doc_id, {"name": name, "sha256": sha})
        known["status"] = status
        if sha is not None:
            known["sha256"] = sha
        if name is not None:
            known["name"] = name


def expected_state(records: Iterable[dict[str, Any]]) -> Expected:
    """Replay the trail's records into the state they describe."""
    state = Expected()
    for record in records:
        event, data = record.get("event"), record.get("data") or {}
        if event == "ingest":
            for d in data.get("documents", ()):
                state.document(int(d["document"]), d.get("name"), d.get("sha256"), "queued")
        elif event in ("scan", "skip", "attachment"):
            status = {"scan": "scanned", "skip": "skipped"}.get(str(event), data.get("status"))
            doc = int(data["document"])
            state.document(doc, data.get("name"), data.get("sha256"), str(status))
            if event == "scan":  # a document's proposals are those of its (latest) scan
                for pid in [p for p, e in state.proposals.items() if e[0] == doc]:
                    del state.proposals[pid]
        elif event == "proposals":
            doc = int(data["document"])
            for p in data.get("proposals", ()):
                state.proposals[int(p["id"])] = [doc, p.get("commit"), "pending", p.get("ground"),
                                                 bool(p.get("proposed", True))]
        elif event == "manual_proposal":
            state.proposals[int(data["proposal"])] = [
                int(data["document"]), data.get("commit"), "pending", data.get("ground"), True]
        elif event == "decision":
            outcome = data.get("outcome")
            if outcome is None:  # written before outcomes were recorded: status unknown
                for pid in data.get("proposals", ()):
                    if int(pid) in state.proposals:
                        state.proposals[int(pid)][2:4] = [None, None]
                continue
            for pid, status, ground in outcome:
                entry = state.proposals.setdefault(int(pid), [None, None, None, None, True])
                entry[2:4] = [status, ground]
        elif event in ("commitments", "baseline", "repair"):
            for pid, doc, commit, status, ground, proposed in data.get("proposals", ()):
                state.proposals[int(pid)] = [int(doc), commit, status, ground, bool(proposed)]
            for doc, status, sha, withheld in data.get("documents", ()):
                state.document(int(doc), None, sha, status)
                state.withheld[int(doc)] = bool(withheld)
            for doc in data.get("outputs_dropped", ()):
                state.outputs.pop(int(doc), None)
            for doc, sha, fp in data.get("outputs", ()):
                state.outputs[int(doc)] = (sha, fp)
        elif event == "withhold":
            state.withheld[int(data["document"])] = bool(data.get("withheld", True))
        elif event == "apply":
            state.outputs[int(data["document"])] = (data.get("sha256"), data.get("fingerprint"))
        elif event == "withdraw":
            state.outputs.pop(int(data["document"]), None)
    return state


@dataclass(frozen=True)
class Difference:
    """One way the database differs from the trail: ids and kinds only, never data."""

    document: int
    proposal: int | None
    what: str

    def __str__(self) -> str:
        where = f"document {self.document}"
        if self.proposal is not None:
            where += f", proposal {self.proposal}"
        return f"{where}: {self.what}"


def differences(db: sqlite3.Connection, key: bytes, state: Expected) -> list[Difference]:
    """Where the database's current documents differ from the state the trail describes."""
    found: list[Difference] = []
    scanned: dict[int, sqlite3.Row] = {
        int(r["id"]): r for r in db.execute(
            "SELECT id, sha256, status, withheld, kind, stored_path, converted_path FROM "
            "documents WHERE status='scanned'")}
    for doc_id, row in scanned.items():
        known = state.documents.get(doc_id)
        if known is None or known.get("status") != "scanned":
            found.append(Difference(doc_id, None, "scanned in the database, "
                                    f"{(known or {}).get('status', 'absent')} in the audit trail"))
            continue
        if known.get("sha256") not in (None, row["sha256"]):
            found.append(Difference(doc_id, None, "content hash differs from the audit trail"))
        if not _named_by_content(row):
            found.append(Difference(doc_id, None, "the file it is made from is not the one the "
                                    "audit trail names"))
        if bool(row["withheld"]) != state.withheld.get(doc_id, False):
            found.append(Difference(doc_id, None, "withheld differs from the audit trail"))
    seen: set[int] = set()
    for row in db.execute('SELECT id, document_id, page, text, rects, status, ground, proposed '
                          "FROM proposals ORDER BY id"):
        pid, doc_id = int(row["id"]), int(row["document_id"])
        entry = state.proposals.get(pid)
        if doc_id not in scanned and (entry is None or entry[0] not in scanned):
            continue  # of a document that is not published: no output is made from it
        seen.add(pid)
        if entry is None:
            found.append(Difference(doc_id, pid, "not in the audit trail"))
            continue
        edoc, commit, status, ground, proposed = entry
        if edoc != doc_id:
            found.append(Difference(doc_id, pid, f"belongs to document {edoc} in the audit trail"))
        elif commit is not None and not hmac.compare_digest(commit, row_commitment(key, row)):
            found.append(Difference(doc_id, pid, "value, page or box differs from the audit trail"))
        if status is not None and status != row["status"]:
            found.append(Difference(doc_id, pid, f"{row['status']} in the database, {status} in "
                                    "the audit trail"))
        if ground is not None and ground != row["ground"]:
            found.append(Difference(doc_id, pid, "legal ground differs from the audit trail"))
        if proposed != bool(row["proposed"]):
            found.append(Difference(doc_id, pid, "'proposed' differs from the audit trail"))
    for pid, entry in state.proposals.items():
        if pid not in seen and entry[0] in scanned:
            found.append(Difference(int(entry[0]), pid, "in the audit trail, not in the database"))
    for row in db.execute("SELECT document_id, sha256, fingerprint FROM outputs"):
        doc_id = int(row["document_id"])
        if doc_id not in scanned:
            continue
        if state.outputs.get(doc_id) != (row["sha256"], row["fingerprint"]):
            found.append(Difference(doc_id, None, "recorded output differs from the audit trail"))
    return found


def _named_by_content(row: sqlite3.Row) -> bool:
    """Whether the files a document is redacted from are its own: originals are stored under
    their SHA-256 (``<sha>.<suffix>``, a conversion ``<sha>.converted.pdf``), and apply checks
    an original's hash; a row pointed at another file would escape that check."""
    sha = str(row["sha256"])
    stored, converted = row["stored_path"], row["converted_path"]
    if stored is not None and not Path(stored).name.startswith(sha):
        return False
    return row["kind"] == "pdf" or converted is None or Path(converted).name == (
        f"{sha}.converted.pdf")


def describe(found: list[Difference]) -> str:
    """One line: the first difference and how many more, for the exit-5 message."""
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (f"workspace.sqlite differs from the audit trail: {found[0]}{more}; nothing is "
            "published until an operator runs 'redact audit WS --repair --reason TEXT'")


def check(db: sqlite3.Connection, key: bytes) -> None:
    """Raise AuditChainBroken when the database differs from what its trail describes."""
    records = [json.loads(r[0]) for r in db.execute("SELECT record FROM audit ORDER BY seq")]
    found = differences(db, key, expected_state(records))
    if found:
        raise AuditChainBroken(describe(found))


def snapshot(db: sqlite3.Connection, key: bytes, proposals: Iterable[int] | None = None,
             documents: Iterable[int] | None = None) -> dict[str, list[Any]]:
    """The database's state as commitments (all of it, or the ids given): for the baseline of
    a workspace written before commitments existed, and for a repair."""
    rows: Iterable[sqlite3.Row]
    if proposals is None:
        rows = db.execute("SELECT * FROM proposals ORDER BY id")
    else:
        ids = sorted(set(proposals))
        rows = [r for pid in ids for r in db.execute("SELECT * FROM proposals WHERE id=?", (pid,))]
    docs_sql = "SELECT id, status, sha256, withheld FROM documents"
    if documents is None:
        drows = list(db.execute(docs_sql + " ORDER BY id"))
    else:
        drows = [r for d in sorted(set(documents)) for r in db.execute(docs_sql + " WHERE id=?",
                                                                       (d,))]
    return {
        "proposals": [proposal_entry(key, r) for r in rows],
        "documents": [[int(r["id"]), r["status"], r["sha256"], bool(r["withheld"])]
                      for r in drows],
    }


# -- repair ---------------------------------------------------------------------------------------


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
    target.write_bytes(path.read_bytes())
    os.chmod(target, 0o444)
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
    from redact.workspace import now

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
            db_records = ws.audit_records()
            file_records = read_lenient(ws.audit_path)
            evidence = keep_evidence(ws.audit_path, stamp)
            db_fault, file_fault = chain_fault(db_records), chain_fault(file_records)
            if db_fault is None:
                records, how = db_records, "audit.jsonl written again from the database's copy"
            elif file_fault is None and len(file_records) >= len(db_records):
                records, how = file_records, "the database's copy restored from audit.jsonl"
            else:
                start = db_fault[0]
                records = reseal(db_records, start)
                how = f"records {start + 1} to {len(records)} linked and hashed again"
            ws.db.execute("DELETE FROM audit")
            ws.db.executemany("INSERT INTO audit (seq, hash, record) VALUES (?, ?, ?)",
                              [(r["seq"], r["hash"], audit.canonical(r)) for r in records])
            tmp = ws.audit_path.with_suffix(".jsonl.tmp")
            tmp.write_text("".join(audit.canonical(r) + "\n" for r in records), "utf-8")
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, ws.audit_path)
        state = expected_state(ws.audit_records())
        found = differences(ws.db, ws.commit_key, state)
        proposals: set[int] = set()
        documents: set[int] = set()
        dropped: set[int] = set()
        for diff in found:
            if diff.proposal is not None:
                exists = ws.db.execute("SELECT 1 FROM proposals WHERE id=?",
                                       (diff.proposal,)).fetchone()
                if exists:
                    ws.db.execute(
                        "UPDATE proposals SET status='pending', decided_by=?, decided_at=?, "
                        "version=version+1 WHERE id=?", (operator, stamp, diff.proposal))
                    ws.db.execute(
                        "INSERT INTO decisions (proposal_id, decision, ground, reviewer, method, "
                        "at) SELECT id, 'pending', ground, ?, 'repair', ? FROM proposals "
                        "WHERE id=?", (operator, stamp, diff.proposal))
                    proposals.add(diff.proposal)
                else:  # deleted: what it covered is unknown, so the document is set aside
                    _set_aside(ws, diff.document)
                    documents.add(diff.document)
            elif "withheld" in diff.what:
                ws.db.execute("UPDATE documents SET withheld=1 WHERE id=?", (diff.document,))
                documents.add(diff.document)
            elif "output" in diff.what:
                ws.db.execute("DELETE FROM outputs WHERE document_id=?", (diff.document,))
                dropped.add(diff.document)
            else:
                _set_aside(ws, diff.document)
                documents.add(diff.document)
        after = snapshot(ws.db, ws.commit_key, proposals, documents)
        ws.audit("repair", {
            "reason": reason, "operator": operator, "fault": fault, "how": how,
            "evidence": evidence.name if evidence else None,
            "evidence_sha256": (hashlib.sha256(evidence.read_bytes()).hexdigest()
                                if evidence else None),
            "differences": [str(d) for d in found[:1000]], "difference_count": len(found),
            "outputs_dropped": sorted(dropped), **after})
    ws._chain_checked = False
    return RepairSummary(fault, len(found), evidence.name if evidence else None, how)


def _set_aside(ws: Workspace, document_id: int) -> None:
    ws.db.execute("UPDATE documents SET status='skipped', error_kind='integrity', error=? "
                  "WHERE id=?", ("differs from the audit trail; set aside by a repair",
                                 document_id))
