"""The team's work in the review application: review states, assignments, comments, the queue
("Mijn werk") and the overview's work views.

The rules and the writes are ``redact.workflow``'s; this router checks who asks
(``identity.current``), answers in JSON in the request's language, and hands the templates what
they show: ``work_panel`` (the document page's state, buttons and comments: ``_workflow.html``,
``_comments.html``) and ``work_view`` (the overview's filters, server-side, one page of proposals
at a time). State changes are POSTs, so the guard checks origin and CSRF token as for every
decision. URLs hold ids and codes only: a reviewer is filtered by a short hash of the name.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field

from redact import workflow
from redact.config import ENTITIES, Config
from redact.errors import AuditChainBroken
from redact.grounds import GROUND_CODES
from redact.review.i18n import N_, _
from redact.review.identity import User, current
from redact.review.views import STATUSES
from redact.workflow import COMMENT_CHARS, NAME_CHARS, ReviewFacts, WorkflowError
from redact.workspace import CommentRow, DocumentRow, ProposalDigestRow, Workspace

log = logging.getLogger("redact.review")

SQL_MAX = 2**63 - 1
Id = Annotated[int, PathParam(ge=0, le=SQL_MAX)]
PER_PAGE = 100  # proposals in one page of a work view
PROPOSAL_STATES = (*STATUSES, "not proposed")


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SendBackBody(Body):
    comment: str = Field(max_length=COMMENT_CHARS)


class AssignBody(Body):
    assignee: str | None = Field(default=None, max_length=NAME_CHARS)


class CommentBody(Body):
    text: str = Field(max_length=COMMENT_CHARS)
    page: int | None = Field(default=None, ge=1, le=SQL_MAX)
    proposal: int | None = Field(default=None, ge=0, le=SQL_MAX)


def person_key(name: str) -> str:
    """A reviewer as a URL names them: 10 hex digits of the name's hash, not the name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def comment_json(row: CommentRow) -> dict[str, object]:
    return {"id": row.id, "document": row.document_id, "page": row.page,
            "proposal": row.proposal_id, "author": row.author, "text": row.text, "at": row.at}


# -- what the templates show -------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """The document page's review part: its state, what this user may do, the comments."""

    user: User
    facts: ReviewFacts
    comments: tuple[CommentRow, ...]
    people: tuple[str, ...]  # the accounts one can assign to (empty: no accounts)
    four_eyes: bool
    can_ready: bool
    can_approve: bool
    can_send_back: bool
    approve_reason: str  # why not (translated), shown beside the disabled button


@dataclass(frozen=True)
class Filters:
    status: str = ""  # a proposal's: pending | accepted | rejected | not proposed
    review: str = ""  # a document's: open | gereed | goedgekeurd | teruggestuurd
    entity: str = ""
    ground: str = ""
    document: int | None = None
    reviewer: str = ""  # person_key of a reviewer
    page: int = 1

    @property
    def active(self) -> bool:
        return bool(self.status or self.review or self.entity or self.ground
                    or self.document is not None or self.reviewer)

    def query(self, **change: object) -> str:
        """The query string of these filters with ``change`` applied (for page links)."""
        values: dict[str, object] = {
            "status": self.status, "review": self.review, "entity": self.entity,
            "ground": self.ground, "document": self.document, "reviewer": self.reviewer,
            "page": self.page, **change}
        return urlencode({k: v for k, v in values.items()
                          if v not in ("", None) and not (k == "page" and v == 1)})


@dataclass(frozen=True)
class Match:
    row: ProposalDigestRow
    document: DocumentRow


@dataclass(frozen=True)
class WorkView:
    filters: Filters
    facts: Mapping[int, ReviewFacts]  # per current document
    documents: frozenset[int]  # the documents the filters let through
    people: tuple[tuple[str, str], ...]  # (key, name), sorted by name
    matches: tuple[Match, ...]  # this page of matching proposals
    total: int  # matching proposals in all
    pages: int
    states: tuple[str, ...] = workflow.STATES
    proposal_states: tuple[str, ...] = PROPOSAL_STATES

    def shows(self, document_id: int) -> bool:
        return document_id in self.documents


def _pick(value: str | None, allowed: Sequence[str]) -> str:
    return value if value is not None and value in allowed else ""


def _number(value: str | None, low: int = 1) -> int | None:
    if value is None or not value.isdigit() or len(value) > 18:
        return None
    number = int(value)
    return number if number >= low else None


def filters_of(params: Mapping[str, str], keys: Sequence[str]) -> Filters:
    """The work view's filters from the query string; anything unknown is no filter."""
    return Filters(
        status=_pick(params.get("status"), PROPOSAL_STATES),
        review=_pick(params.get("review"), workflow.STATES),
        entity=_pick(params.get("entity"), (*ENTITIES, "OTHER")),
        ground=_pick(params.get("ground"), sorted(GROUND_CODES)),
        document=_number(params.get("document"), 0),
        reviewer=_pick(params.get("reviewer"), keys),
        page=_number(params.get("page")) or 1,
    )


def work_view(ws: Workspace, params: Mapping[str, str]) -> WorkView:
    """The overview's work views: which documents and which page of proposals the filters let
    through (queried in the workspace, one page of proposals at a time)."""
    docs = {d.id: d for d in ws.documents(status="scanned")}
    facts = workflow.review_facts(ws, docs.values())
    names = {u.name for u in ws.users()}
    for f in facts.values():
        names |= f.deciders | ({f.assignee} if f.assignee else set())
    people = tuple(sorted(((person_key(n), n) for n in names), key=lambda kn: kn[1].casefold()))
    filters = filters_of(params, [k for k, _n in people])
    reviewer = next((n for k, n in people if k == filters.reviewer), None)
    shown = {
        doc_id for doc_id, f in facts.items()
        if (not filters.review or f.state == filters.review)
        and (filters.document is None or doc_id == filters.document)
        and (reviewer is None or reviewer == f.assignee or reviewer in f.deciders)
    }
    total, rows = ws.find_proposals(
        documents=sorted(shown) if filters.review or reviewer or filters.document is not None
        else None,
        status=filters.status or None, entity=filters.entity or None,
        ground=filters.ground or None, decided_by=reviewer if filters.status not in (
            "pending", "not proposed") else None,
        limit=PER_PAGE, offset=(filters.page - 1) * PER_PAGE)
    if filters.entity or filters.ground or filters.status:
        shown &= set(ws.documents_with(status=filters.status or None,
                                       entity=filters.entity or None,
                                       ground=filters.ground or None))
    return WorkView(filters, facts, frozenset(shown), people,
                    tuple(Match(r, docs[r.document_id]) for r in rows), total,
                    max(1, -(-total // PER_PAGE)))


def panel(ws: Workspace, user: User, document_id: int, four_eyes: bool) -> Panel:
    facts = workflow.facts_of(ws, document_id)
    approve = workflow.approve_refusal(user, facts)
    send_back = workflow.send_back_refusal(user, facts, "-")
    return Panel(
        user=user, facts=facts, comments=tuple(ws.comments(document_id)),
        people=tuple(sorted(u.name for u in ws.users() if u.active)),
        four_eyes=four_eyes,
        can_ready=workflow.ready_refusal(user, facts) is None,
        can_approve=approve is None,
        can_send_back=send_back is None,
        approve_reason="" if approve is None else _(approve.msgid, **approve.params),
    )


# -- the router ---------------------------------------------------------------------------------


def router(ws: Workspace, lock: threading.RLock, templates: Jinja2Templates,
           config: Config) -> APIRouter:
    """The work routes, and the template functions ``work_panel`` and ``work_view``."""
    api = APIRouter()

    def refused(exc: WorkflowError) -> Response:
        kinds = {403: "forbidden", 404: "not_found", 409: "conflict"}
        return JSONResponse({"error": kinds.get(exc.status, "bad_request"),
                             "message": _(exc.msgid, **exc.params)}, status_code=exc.status)

    def act(request: Request, action: Callable[[User], ReviewFacts], done: str) -> Response:
        user = current(request)
        try:
            with lock:
                facts = action(user)
        except WorkflowError as exc:
            return refused(exc)
        except AuditChainBroken as exc:  # nothing is written to a broken trail
            return JSONResponse({"error": "audit", "message": str(exc)}, status_code=503)
        log.info("%s: %s document %d", user.name, done, facts.document_id)
        return JSONResponse({"message": _(MESSAGES[done]), "review": workflow.as_json(facts)})

    @api.post("/api/documents/{document_id}/ready")
    def ready(request: Request, document_id: Id) -> Response:
        return act(request, lambda user: workflow.mark_ready(ws, document_id, user), "ready")

    @api.post("/api/documents/{document_id}/approve")
    def approve(request: Request, document_id: Id) -> Response:
        return act(request, lambda user: workflow.approve(ws, document_id, user), "approved")

    @api.post("/api/documents/{document_id}/send-back")
    def send_back(request: Request, document_id: Id, body: SendBackBody) -> Response:
        return act(request, lambda user: workflow.send_back(ws, document_id, user, body.comment),
                   "sent back")

    @api.post("/api/documents/{document_id}/assign")
    def assign(request: Request, document_id: Id, body: AssignBody) -> Response:
        def run(user: User) -> ReviewFacts:
            people = [u.name for u in ws.users() if u.active]
            return workflow.assign(ws, document_id, user, body.assignee, people)
        return act(request, run, "assigned")

    @api.get("/api/documents/{document_id}/review")
    def review(request: Request, document_id: Id) -> Response:
        current(request)
        try:
            with lock:
                facts = workflow.facts_of(ws, document_id)
        except WorkflowError as exc:
            return refused(exc)
        return JSONResponse({"review": workflow.as_json(facts)})

    @api.get("/api/documents/{document_id}/comments")
    def comments(request: Request, document_id: Id) -> Response:
        current(request)
        try:
            with lock:
                workflow.facts_of(ws, document_id)
                rows = ws.comments(document_id)
        except WorkflowError as exc:
            return refused(exc)
        return JSONResponse({"comments": [comment_json(c) for c in rows]})

    @api.post("/api/documents/{document_id}/comments")
    def add_comment(request: Request, document_id: Id, body: CommentBody) -> Response:
        user = current(request)
        try:
            with lock:
                row = workflow.comment(ws, document_id, user, body.text, body.page,
                                       body.proposal)
        except WorkflowError as exc:
            return refused(exc)
        except AuditChainBroken as exc:
            return JSONResponse({"error": "audit", "message": str(exc)}, status_code=503)
        log.info("%s: commented on document %d", user.name, document_id)
        return JSONResponse({"message": _(MESSAGES["commented"]), "comment": comment_json(row)})

    @api.get("/documents/{document_id}/workflow", response_class=HTMLResponse)
    def workflow_fragment(request: Request, document_id: Id) -> Response:
        """The document's review part alone, rendered anew after an action."""
        return fragment(request, document_id, "_workflow.html")

    @api.get("/documents/{document_id}/comments", response_class=HTMLResponse)
    def comments_fragment(request: Request, document_id: Id) -> Response:
        """The document's comments alone, rendered anew after a comment."""
        return fragment(request, document_id, "_comments.html")

    def fragment(request: Request, document_id: int, name: str) -> Response:
        try:
            with lock:
                workflow.facts_of(ws, document_id)
        except WorkflowError as exc:
            return refused(exc)
        return templates.TemplateResponse(request, name, {
            "wf_document": document_id, "wf_fragment": True})

    @api.get("/mijn-werk", response_class=HTMLResponse)
    def my_work(request: Request) -> Response:
        user = current(request)
        with lock:
            queue = workflow.queue(ws, user)
        return templates.TemplateResponse(request, "queue.html", {
            "queue": queue, "four_eyes": config.four_eyes})

    def work_panel(request: Request, document_id: int) -> Panel:
        with lock:
            return panel(ws, current(request), document_id, config.four_eyes)

    def view_of(request: Request) -> WorkView:
        with lock:
            return work_view(ws, request.query_params)

    templates.env.globals.update(work_panel=work_panel, work_view=view_of)
    return api


MESSAGES: Mapping[str, str] = {
    "ready": N_("Marked ready: the document waits for a controller's approval."),
    "approved": N_("Approved."),
    "sent back": N_("Sent back, with your comment."),
    "assigned": N_("Assignment saved."),
    "commented": N_("Comment saved."),
}

