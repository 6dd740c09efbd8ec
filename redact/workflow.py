"""The team's review of a batch: a document's review state, whose queue it is in, comments, and
the four-eyes rule that ``apply`` obeys.

A document is *open* until its reviewer (beoordelaar or controleur) marks it *gereed*: every
proposal decided. A controleur who made none of its decisions (on its proposals, its
judgement or its withheld pages, a page released included) and did not mark it gereed then
approves it (*goedgekeurd*) or sends it back with a comment (*teruggestuurd*, into the queue of
whoever it was assigned to, else of whoever marked it gereed). Any decision after the approval
voids it: the document is gereed again and waits for a fresh approval. With ``four_eyes`` on (a
setting) ``apply`` burns in only approved documents whose approval the audit trail holds too
(:func:`waiting_for_approval`); off, the states only help the team. Scripted decisions
(``redact decide --reviewer X``) count as X's.

The rules are pure functions of :class:`ReviewFacts`; the writes go through the workspace in one
transaction each, with their audit event (``document_ready``, ``document_approved``,
``document_sent_back``, ``assigned``, ``commented``), so approvals and send-backs are logged like
decisions. Refusals are :class:`WorkflowError` with an English msgid and its values, which the
review page translates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from redact.errors import UsageError, WorkspaceError
from redact.events import (
    Assigned,
    Commented,
    DocumentApproved,
    DocumentReady,
    DocumentSentBack,
    parse,
)
from redact.workspace import CommentRow, DecidedBy, DocumentRow, Workspace

log = logging.getLogger("redact")

OPEN, READY, APPROVED, SENT_BACK = "open", "gereed", "goedgekeurd", "teruggestuurd"
STATES = (OPEN, READY, APPROVED, SENT_BACK)
BEOORDELAAR, CONTROLEUR = "beoordelaar", "controleur"
ROLES = (BEOORDELAAR, CONTROLEUR)
COMMENT_CHARS = 4_000
NAME_CHARS = 200


def N_(msgid: str) -> str:  # noqa: N802 -- the gettext convention for "mark for extraction"
    """Mark ``msgid`` for the catalogue; it is translated where it is shown."""
    return msgid


# -- refusals ----------------------------------------------------------------------------------


class WorkflowError(UsageError):
    """A review action refused; ``msgid`` and ``params`` let the review page translate it."""

    status = 400

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid % params)
        self.msgid = msgid
        self.params = params


class NotAllowed(WorkflowError):
    """The person's role, or the four-eyes rule, does not allow it (HTTP 403)."""

    status = 403


class WrongState(WorkflowError):
    """Not in the document's present state (HTTP 409): e.g. approving what is not gereed."""

    status = 409


class NoSuchDocument(WorkflowError):
    """No current document, page or proposal by that id (HTTP 404)."""

    status = 404


class Person(Protocol):
    """Who acts: ``redact.review.identity.User`` (name, role) or anything shaped like it."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


# -- the facts and the rules (pure) ------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFacts:
    """What the rules weigh about one document."""

    document_id: int
    stored: str = OPEN  # the state as written; see ``state`` for the state as it stands
    assignee: str | None = None
    by: str | None = None  # who set the stored state
    at: str | None = None
    comment: str = ""  # the send-back's comment
    pending: int = 0  # proposals still waiting for a decision
    deciders: frozenset[str] = field(default_factory=frozenset)
    last_decision: str | None = None
    comments: int = 0

    @property
    def voided(self) -> bool:
        """An approval that a later decision voided."""
        return (self.stored == APPROVED and self.last_decision is not None
                and self.at is not None and self.last_decision > self.at)

    @property
    def state(self) -> str:
        """The state as it stands: a voided approval is gereed again (waiting for approval)."""
        return READY if self.voided else self.stored

    @property
    def approver(self) -> str | None:
        return self.by if self.state == APPROVED else None


def approved(facts: ReviewFacts) -> bool:
    """Whether ``apply`` may burn the document in under four eyes: approved by a controleur who
    made none of its decisions, nothing decided since, nothing pending."""
    return (facts.state == APPROVED and facts.by is not None
            and facts.by not in facts.deciders and facts.pending == 0)


def ready_refusal(user: Person, facts: ReviewFacts) -> WorkflowError | None:
    """Why ``user`` may not mark the document gereed (None: they may)."""
    if user.role not in ROLES:
        return NotAllowed(N_("Only a reviewer or a controller marks a document ready."))
    if facts.pending:
        return WrongState(N_("%(n)s proposal(s) of this document are still undecided."),
                          n=facts.pending)
    if facts.state == READY:
        return WrongState(N_("This document is ready already."))
    if facts.state == APPROVED:
        return WrongState(N_("This document is approved already."))
    return None


def approve_refusal(user: Person, facts: ReviewFacts) -> WorkflowError | None:
    """Why ``user`` may not approve the document (None: they may). The four-eyes rule: never
    someone who made one of its decisions."""
    if user.role != CONTROLEUR:
        return NotAllowed(N_("Only a controller approves a document."))
    if user.name in facts.deciders:
        return NotAllowed(N_("You made decisions in this document: another controller must "
                             "approve it (four eyes)."))
    if facts.stored == READY and facts.by == user.name:
        return NotAllowed(N_("You marked this document ready: another controller must "
                             "approve it (four eyes)."))
    if facts.state == APPROVED:
        return WrongState(N_("This document is approved already."))
    if facts.state != READY:
        return WrongState(N_("This document is not ready yet: its reviewer marks it ready "
                             "first."))
    if facts.pending:
        return WrongState(N_("%(n)s proposal(s) of this document are still undecided."),
                          n=facts.pending)
    return None


def send_back_refusal(user: Person, facts: ReviewFacts, comment: str) -> WorkflowError | None:
    """Why ``user`` may not send the document back with ``comment`` (None: they may)."""
    if user.role != CONTROLEUR:
        return NotAllowed(N_("Only a controller sends a document back."))
    if not comment.strip():
        return WorkflowError(N_("Say in a comment why the document goes back."))
    if len(comment) > COMMENT_CHARS:
        return WorkflowError(N_("A comment holds at most %(n)s characters."), n=COMMENT_CHARS)
    if facts.state not in (READY, APPROVED):
        return WrongState(N_("Only a document that is ready or approved can be sent back."))
    return None


def assign_refusal(user: Person, facts: ReviewFacts, assignee: str | None,
                   people: Iterable[str] = ()) -> WorkflowError | None:
    """Why ``user`` may not put the document in ``assignee``'s queue (None: they may). A
    controleur assigns anyone; a beoordelaar takes a document, or gives back their own.
    ``people``: the accounts (empty: any name goes, as in a workspace without accounts)."""
    known = set(people)
    if assignee is not None and (not assignee.strip() or len(assignee) > NAME_CHARS):
        return WorkflowError(N_("Name a reviewer to assign the document to."))
    if assignee is not None and known and assignee not in known:
        return WorkflowError(N_("There is no reviewer %(name)s."), name=assignee)
    if user.role == CONTROLEUR:
        return None
    if user.role != BEOORDELAAR:
        return NotAllowed(N_("Only a reviewer or a controller assigns documents."))
    if assignee not in (None, user.name) or (
            assignee is None and facts.assignee not in (None, user.name)):
        return NotAllowed(N_("A reviewer takes documents for themselves; a controller "
                             "assigns them to others."))
    return None


def send_back_to(facts: ReviewFacts) -> str | None:
    """Whose queue a sent-back document goes into: its assignee's, else whoever marked it
    gereed (or, approved, the only person who decided it)."""
    if facts.assignee:
        return facts.assignee
    if facts.stored == READY:
        return facts.by
    return next(iter(facts.deciders)) if len(facts.deciders) == 1 else None


# -- reading the workspace ---------------------------------------------------------------------


def review_facts(ws: Workspace, documents: Iterable[DocumentRow] | None = None
                 ) -> dict[int, ReviewFacts]:
    """The facts of every current document (or of ``documents``), by id."""
    docs = list(ws.documents(status="scanned") if documents is None else documents)
    reviews = ws.document_reviews()
    decided = ws.decided_by()
    pending = ws.pending_counts()
    comments = ws.comment_counts()
    out = {}
    for doc in docs:
        row = reviews.get(doc.id)
        who = decided.get(doc.id, DecidedBy(frozenset(), None))
        out[doc.id] = ReviewFacts(
            document_id=doc.id,
            stored=row.state if row is not None else OPEN,
            assignee=row.assignee if row is not None else None,
            by=row.by if row is not None else None,
            at=row.at if row is not None else None,
            comment=row.comment if row is not None else "",
            pending=pending.get(doc.id, 0),
            deciders=who.people, last_decision=who.last,
            comments=comments.get(doc.id, 0))
    return out


def facts_of(ws: Workspace, document_id: int) -> ReviewFacts:
    """One current document's facts (:class:`NoSuchDocument` for another id)."""
    try:
        doc = ws.document(document_id)
    except WorkspaceError as exc:
        raise NoSuchDocument(N_("There is no document %(id)s."), id=document_id) from exc
    if doc.status != "scanned":
        raise NoSuchDocument(N_("There is no document %(id)s."), id=document_id)
    return review_facts(ws, [doc])[document_id]


def trail_states(records: Iterable[Mapping[str, Any]]) -> dict[int, tuple[str, str]]:
    """Per document, its review state and who set it, as the audit trail says."""
    states: dict[int, tuple[str, str]] = {}
    for record in records:
        event = parse(record)
        if isinstance(event, DocumentReady):
            states[event.document] = (READY, event.reviewer)
        elif isinstance(event, DocumentApproved):
            states[event.document] = (APPROVED, event.reviewer)
        elif isinstance(event, DocumentSentBack):
            states[event.document] = (SENT_BACK, event.reviewer)
    return states


def waiting_for_approval(ws: Workspace, documents: Iterable[DocumentRow]) -> set[int]:
    """Of ``documents``, those that four eyes keep from being applied. An approval counts only
    when the audit trail holds it too: one written into the database behind the trail's back
    is no approval (and is logged)."""
    trail = trail_states(ws.audit_records())
    waiting = set()
    for doc_id, facts in review_facts(ws, documents).items():
        if not approved(facts):
            waiting.add(doc_id)
        elif trail.get(doc_id) != (APPROVED, facts.by):
            log.warning("document %d: its approval is not in the audit trail; it waits for a "
                        "controleur's approval", doc_id)
            waiting.add(doc_id)
    return waiting


@dataclass(frozen=True)
class QueueItem:
    document: DocumentRow
    facts: ReviewFacts


@dataclass(frozen=True)
class Queue:
    """What is still open for one person ("Mijn werk")."""

    person: str
    role: str
    assigned: tuple[QueueItem, ...]  # mine, not yet gereed (sent back ones included)
    sent_back: tuple[QueueItem, ...]  # mine, sent back with a comment
    to_approve: tuple[QueueItem, ...]  # gereed, decided by others: a controleur's to approve
    waiting: tuple[QueueItem, ...]  # gereed, decided by me: waiting for another controleur
    team: tuple[tuple[str, int, int], ...]  # per assignee: open documents, undecided proposals


def queue(ws: Workspace, user: Person) -> Queue:
    """``user``'s queue, and the team's open work per person."""
    docs = ws.documents(status="scanned")
    facts = review_facts(ws, docs)
    items = [QueueItem(doc, facts[doc.id]) for doc in docs]
    mine = [i for i in items if i.facts.assignee == user.name
            and i.facts.state in (OPEN, SENT_BACK)]
    ready = [i for i in items if i.facts.state == READY]
    team: dict[str, list[int]] = {}
    for i in items:
        if i.facts.assignee and i.facts.state in (OPEN, SENT_BACK):
            counts = team.setdefault(i.facts.assignee, [0, 0])
            counts[0] += 1
            counts[1] += i.facts.pending
    return Queue(
        person=user.name, role=user.role,
        assigned=tuple(mine),
        sent_back=tuple(i for i in mine if i.facts.state == SENT_BACK),
        to_approve=tuple(i for i in ready if user.role == CONTROLEUR
                         and approve_refusal(user, i.facts) is None),
        waiting=tuple(i for i in ready if user.name in i.facts.deciders
                      or (i.facts.by == user.name and i.facts.stored == READY)),
        team=tuple((name, c[0], c[1]) for name, c in sorted(team.items())),
    )


def status_lines(ws: Workspace, four_eyes: bool) -> list[str]:
    """``redact status WS``: per current document its review state, one line each, and a
    summary (no personal data beyond the file names the other commands print too)."""
    docs = ws.documents(status="scanned")
    facts = review_facts(ws, docs)
    lines = []
    for doc in docs:
        f = facts[doc.id]
        who = {READY: "by", APPROVED: "approved by", SENT_BACK: "sent back by"}.get(f.state)
        lines.append(
            f"{doc.id:>5}  {f.state:<13} {f.pending:>4} undecided  "
            f"assigned: {f.assignee or '-':<12} "
            + (f"{who} {f.by}" if who and f.by else "")
            + (" (approval voided by a later decision)" if f.voided else "")
            + f"  {doc.name}")
    counts = {state: sum(1 for f in facts.values() if f.state == state) for state in STATES}
    ready_to_apply = sum(1 for f in facts.values() if approved(f))
    lines.append(f"{len(docs)} document(s): " + ", ".join(f"{n} {s}" for s, n in counts.items())
                 + f"; four eyes {'on' if four_eyes else 'off'}"
                 + (f", {len(docs) - ready_to_apply} waiting for approval" if four_eyes else ""))
    return lines


# -- the writes --------------------------------------------------------------------------------


def _refuse(refusal: WorkflowError | None) -> None:
    if refusal is not None:
        raise refusal


def mark_ready(ws: Workspace, document_id: int, user: Person) -> ReviewFacts:
    """The reviewer is done: every proposal decided, the document waits for approval."""
    with ws.transaction():
        facts = facts_of(ws, document_id)
        _refuse(ready_refusal(user, facts))
        ws.set_review_state(document_id, READY, user.name)
        ws.audit(DocumentReady(document_id, user.name))
        return facts_of(ws, document_id)


def approve(ws: Workspace, document_id: int, user: Person) -> ReviewFacts:
    """A controleur who made none of the document's decisions approves it."""
    with ws.transaction():
        facts = facts_of(ws, document_id)
        _refuse(approve_refusal(user, facts))
        ws.set_review_state(document_id, APPROVED, user.name)
        ws.audit(DocumentApproved(document_id, user.name, tuple(sorted(facts.deciders))))
        return facts_of(ws, document_id)


def send_back(ws: Workspace, document_id: int, user: Person, comment: str) -> ReviewFacts:
    """A controleur sends the document back with a comment, into its reviewer's queue."""
    text = comment.strip()
    with ws.transaction():
        facts = facts_of(ws, document_id)
        _refuse(send_back_refusal(user, facts, text))
        to = send_back_to(facts)
        ws.set_review_state(document_id, SENT_BACK, user.name, text, assignee=to,
                            keep_assignee=False)
        kept = ws.add_comment(document_id, None, None, user.name, text)  # the conversation
        ws.audit(DocumentSentBack(document_id, user.name, text, to, kept))
        return facts_of(ws, document_id)


def assign(ws: Workspace, document_id: int, user: Person, assignee: str | None,
           people: Iterable[str] = ()) -> ReviewFacts:
    """Put the document in ``assignee``'s queue (None: in nobody's)."""
    name = assignee.strip() if assignee is not None else None
    with ws.transaction():
        facts = facts_of(ws, document_id)
        _refuse(assign_refusal(user, facts, name or None, people))
        ws.assign_document(document_id, name or None)
        ws.audit(Assigned(document_id, name or None, user.name))
        return facts_of(ws, document_id)


def comment(ws: Workspace, document_id: int, user: Person, text: str,
            page: int | None = None, proposal: int | None = None) -> CommentRow:
    """A comment on the document, one of its pages or one of its proposals (whose page it
    then names)."""
    body = text.strip()
    if not body:
        raise WorkflowError(N_("Write a comment first."))
    if len(body) > COMMENT_CHARS:
        raise WorkflowError(N_("A comment holds at most %(n)s characters."), n=COMMENT_CHARS)
    with ws.transaction():
        facts_of(ws, document_id)
        if proposal is not None:
            try:
                row = ws.proposal(proposal)
            except WorkspaceError as exc:
                raise NoSuchDocument(N_("There is no proposal %(id)s."), id=proposal) from exc
            if row.document_id != document_id:
                raise NoSuchDocument(N_("There is no proposal %(id)s."), id=proposal)
            page = row.page
        if page is not None and not 1 <= page <= ws.document(document_id).page_count:
            raise NoSuchDocument(N_("This document has no page %(page)s."), page=page)
        cid = ws.add_comment(document_id, page, proposal, user.name, body)
        ws.audit(Commented(cid, document_id, page, proposal, user.name, body))
        return next(c for c in ws.comments(document_id) if c.id == cid)


def as_json(facts: ReviewFacts) -> Mapping[str, object]:
    """What the page script needs of a document's review state (names, no personal data)."""
    return {"document": facts.document_id, "state": facts.state, "voided": facts.voided,
            "assignee": facts.assignee, "by": facts.by, "at": facts.at,
            "comment": facts.comment, "pending": facts.pending,
            "deciders": sorted(facts.deciders), "approved": approved(facts),
            "comments": facts.comments}
