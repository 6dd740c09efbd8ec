"""What the audit trail commits to, and the comparison of the workspace's state with it.

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
  ``attachment``, ``withhold``): its status, content hash and whether it is withheld;
* a judgement (``judge``) and a withheld page (``withhold_page``, ``release_page``): the
  record holds the whole state, compared with the ``judgements`` and ``withheld_pages`` rows.

``expected_state`` replays the trail into the state it describes; ``differences`` compares that
with the database's rows (read by ``Workspace.state_differences``) and names documents and
proposals by id, never their data. ``apply`` and ``verify`` refuse to publish when they differ
(exit 5). ``redact.repair`` is the operator's explicit, logged way back to a consistent trail.

Pure functions over rows: no database, no files; the workspace reads the rows and writes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact.events import (
    Apply,
    Attachment,
    Baseline,
    Commitments,
    Decision,
    DocumentEntry,
    Ingest,
    Judge,
    ManualProposal,
    OutputEntry,
    ProposalEntry,
    Proposals,
    ReleasePage,
    Repair,
    Scan,
    Skip,
    Withdraw,
    Withhold,
    WithholdPage,
    parse,
)

BASELINE_CHUNK = 2000  # proposals per baseline/repair record: audit lines of a sane size


def commitment(key: bytes, document_id: int, page: int, text: str, rects_json: str) -> str:
    """The keyed hash of a proposal's document, page, value and boxes (as stored)."""
    blob = json.dumps([document_id, page, text, rects_json], ensure_ascii=False)
    return hmac.new(key, blob.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ProposalState:
    """What the trail says of one proposal: where, what (committed to) and its outcome."""

    id: int
    document_id: int
    page: int
    text: str
    rects_json: str  # the boxes as stored: the commitment covers exactly these characters
    status: str
    ground: str
    proposed: bool

    def commitment(self, key: bytes) -> str:
        return commitment(key, self.document_id, self.page, self.text, self.rects_json)

    def entry(self, key: bytes) -> ProposalEntry:
        """``[id, document, commitment, status, ground, proposed]``: its whole state."""
        return (self.id, self.document_id, self.commitment(key), self.status, self.ground,
                self.proposed)


@dataclass(frozen=True)
class DocumentState:
    """What the trail says of one document, and the files it is redacted from."""

    id: int
    status: str
    sha256: str
    withheld: bool
    kind: str
    stored_path: str | None
    converted_path: str | None

    def entry(self) -> DocumentEntry:
        """``[id, status, sha256, withheld]``."""
        return (self.id, self.status, self.sha256, self.withheld)

    def named_by_content(self) -> bool:
        """Whether the files the document is redacted from are its own: originals are stored
        under their SHA-256 (``<sha>.<suffix>``, a conversion ``<sha>.converted.pdf``), and
        apply checks an original's hash; a row pointed at another file would escape that check."""
        if self.stored_path is not None and not Path(self.stored_path).name.startswith(
                self.sha256):
            return False
        return self.kind == "pdf" or self.converted_path is None or Path(
            self.converted_path).name == f"{self.sha256}.converted.pdf"


@dataclass(frozen=True)
class OutputState:
    """What the trail says of one recorded output."""

    document_id: int
    sha256: str
    fingerprint: str

    def entry(self) -> OutputEntry:
        """``[document, sha256, fingerprint]``."""
        return (self.document_id, self.sha256, self.fingerprint)


@dataclass(frozen=True)
class JudgementState:
    """What the trail says of a document's judgement (``Judge``), and the row compared with it."""

    judgement: str | None
    suspended: bool
    public_link: str | None
    grounds: tuple[str, ...]


@dataclass
class Expected:
    """The state the audit trail describes."""

    # proposal -> [document, commitment | None, status | None, ground | None, proposed]
    proposals: dict[int, list[Any]] = field(default_factory=dict)
    documents: dict[int, dict[str, str | None]] = field(default_factory=dict)  # status, sha256, name
    withheld: dict[int, bool] = field(default_factory=dict)
    outputs: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # sha256, fingerprint
    judgements: dict[int, JudgementState] = field(default_factory=dict)
    withheld_pages: dict[int, dict[int, str]] = field(default_factory=dict)  # doc -> page -> ground

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


def expected_state(records: Iterable[Mapping[str, Any]]) -> Expected:
    """Replay the trail's records into the state they describe."""
    state = Expected()
    for record in records:
        event = parse(record)
        if isinstance(event, Ingest):
            for d in event.documents:
                state.document(d.document, d.name, d.sha256, "queued")
        elif isinstance(event, (Scan, Skip)):
            status = "scanned" if isinstance(event, Scan) else "skipped"
            state.document(event.document, event.name, event.sha256, status)
            if isinstance(event, Scan):  # a document's proposals are those of its (latest) scan
                for pid in [p for p, e in state.proposals.items() if e[0] == event.document]:
                    del state.proposals[pid]
        elif isinstance(event, Attachment):
            state.document(event.document, event.name, event.sha256, event.status)
        elif isinstance(event, Proposals):
            for p in event.proposals:
                proposed = True if p.proposed is None else p.proposed  # older trails: proposed
                state.proposals[p.id] = [event.document, p.commit, "pending", p.ground, proposed]
        elif isinstance(event, ManualProposal):
            state.proposals[event.proposal] = [event.document, event.commit, "pending",
                                               event.ground, True]
        elif isinstance(event, Decision):
            if event.outcome is None:  # written before outcomes were recorded: status unknown
                for pid in event.proposals:
                    if pid in state.proposals:
                        state.proposals[pid][2:4] = [None, None]
                continue
            for pid, status, ground in event.outcome:
                entry = state.proposals.setdefault(pid, [None, None, None, None, True])
                entry[2:4] = [status, ground]
        elif isinstance(event, (Commitments, Baseline, Repair)):
            for pid, doc, commit, status, ground, proposed in event.proposals:
                state.proposals[int(pid)] = [int(doc), commit, status, ground, bool(proposed)]
            for doc, status, sha, withheld in event.documents:
                state.document(int(doc), None, sha, status)
                state.withheld[int(doc)] = bool(withheld)
            if isinstance(event, Repair):
                for doc in event.outputs_dropped:
                    state.outputs.pop(int(doc), None)
            if isinstance(event, Baseline):
                for doc, sha, fp in event.outputs:
                    state.outputs[int(doc)] = (sha, fp)
        elif isinstance(event, Withhold):
            state.withheld[event.document] = True if event.withheld is None else event.withheld
        elif isinstance(event, Judge):
            state.judgements[event.document] = JudgementState(
                event.judgement, event.suspended, event.public_link, tuple(event.grounds))
            state.withheld[event.document] = event.judgement == "niet openbaar"
        elif isinstance(event, WithholdPage):
            state.withheld_pages.setdefault(event.document, {})[event.page] = event.ground
        elif isinstance(event, ReleasePage):
            state.withheld_pages.get(event.document, {}).pop(event.page, None)
        elif isinstance(event, Apply):
            state.outputs[event.document] = (event.sha256, event.fingerprint)
        elif isinstance(event, Withdraw):
            state.outputs.pop(event.document, None)
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


def differences(key: bytes, state: Expected, scanned: Iterable[DocumentState],
                proposals: Iterable[ProposalState],
                outputs: Iterable[OutputState],
                judgements: Mapping[int, JudgementState] | None = None,
                withheld_pages: Mapping[int, Mapping[int, str]] | None = None) -> list[Difference]:
    """Where the database's current (``scanned``) documents, all its ``proposals`` (by id), its
    ``outputs``, ``judgements`` and ``withheld_pages`` differ from the state the trail describes."""
    current = {doc.id: doc for doc in scanned}
    return (_document_differences(state, current)
            + _judgement_differences(state, current, judgements, withheld_pages)
            + _proposal_differences(key, state, current, proposals)
            + [Difference(out.document_id, None, "recorded output differs from the audit trail")
               for out in outputs if out.document_id in current
               and state.outputs.get(out.document_id) != (out.sha256, out.fingerprint)])


def _document_differences(state: Expected, current: dict[int, DocumentState]) -> list[Difference]:
    found: list[Difference] = []
    for doc_id, doc in current.items():
        known = state.documents.get(doc_id)
        if known is None or known.get("status") != "scanned":
            found.append(Difference(doc_id, None, "scanned in the database, "
                                    f"{(known or {}).get('status', 'absent')} in the audit trail"))
            continue
        if known.get("sha256") not in (None, doc.sha256):
            found.append(Difference(doc_id, None, "content hash differs from the audit trail"))
        if not doc.named_by_content():
            found.append(Difference(doc_id, None, "the file it is made from is not the one the "
                                    "audit trail names"))
        if doc.withheld != state.withheld.get(doc_id, False):
            found.append(Difference(doc_id, None, "withheld differs from the audit trail"))
    return found


def _judgement_differences(state: Expected, current: dict[int, DocumentState],
                           judgements: Mapping[int, JudgementState] | None,
                           pages: Mapping[int, Mapping[int, str]] | None) -> list[Difference]:
    """Judgements and withheld pages (not named "withheld": a repair sets such a document
    aside rather than withholding it)."""
    found: list[Difference] = []
    for doc_id in current:
        if judgements is not None and judgements.get(doc_id) != state.judgements.get(doc_id):
            found.append(Difference(doc_id, None, "judgement differs from the audit trail"))
        if pages is not None and dict(pages.get(doc_id, {})) != state.withheld_pages.get(
                doc_id, {}):
            found.append(Difference(doc_id, None, "pages not made public differ from the "
                                    "audit trail"))
    return found


def _proposal_differences(key: bytes, state: Expected, current: dict[int, DocumentState],
                          proposals: Iterable[ProposalState]) -> list[Difference]:
    found: list[Difference] = []
    seen: set[int] = set()
    for row in proposals:
        pid, doc_id = row.id, row.document_id
        entry = state.proposals.get(pid)
        if doc_id not in current and (entry is None or entry[0] not in current):
            continue  # of a document that is not published: no output is made from it
        seen.add(pid)
        if entry is None:
            found.append(Difference(doc_id, pid, "not in the audit trail"))
            continue
        edoc, commit, status, ground, proposed = entry
        if edoc != doc_id:
            found.append(Difference(doc_id, pid, f"belongs to document {edoc} in the audit trail"))
        elif commit is not None and not hmac.compare_digest(commit, row.commitment(key)):
            found.append(Difference(doc_id, pid, "value, page or box differs from the audit trail"))
        if status is not None and status != row.status:
            found.append(Difference(doc_id, pid, f"{row.status} in the database, {status} in "
                                    "the audit trail"))
        if ground is not None and ground != row.ground:
            found.append(Difference(doc_id, pid, "legal ground differs from the audit trail"))
        if proposed != row.proposed:
            found.append(Difference(doc_id, pid, "'proposed' differs from the audit trail"))
    for pid, entry in state.proposals.items():
        if pid not in seen and entry[0] in current:
            found.append(Difference(int(entry[0]), pid, "in the audit trail, not in the database"))
    return found


def differences_message(found: list[Difference]) -> str:
    """One line: the first difference and how many more, for the exit-5 message."""
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (f"workspace.sqlite differs from the audit trail: {found[0]}{more}; nothing is "
            "published until an operator runs 'redact audit WS --repair --reason TEXT'")


@dataclass(frozen=True)
class Snapshot:
    """State as commitments: for the baseline of a workspace written before commitments
    existed, for a ``commitments`` record, and for a repair."""

    proposals: tuple[ProposalEntry, ...]
    documents: tuple[DocumentEntry, ...]


def snapshot(key: bytes, proposals: Iterable[ProposalState],
             documents: Iterable[DocumentState]) -> Snapshot:
    return Snapshot(tuple(p.entry(key) for p in proposals), tuple(d.entry() for d in documents))
