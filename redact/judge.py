"""The one writer of judgements: a document's Beoordeling and the pages it withholds.

``redact judge`` and the review page both come here. A judgement is checked before anything is
written (a ground of the Woo; a motivation where the ground is not 5.1.1e or 5.1.2e; a ground
for *niet openbaar*; an http(s) link for *reeds openbaar*), then written with its typed audit
record (``judge``, ``withhold_page``, ``release_page``) in one transaction. A record holds the
whole judgement after the change, so the integrity check can replay it. A refusal is
:class:`Refused`: its text is the command line's (English, naming the options), its ``kind`` and
``values`` let the review page word it for its form, in the reviewer's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from redact.errors import UsageError
from redact.events import Judge, ReleasePage, WithholdPage
from redact.grounds import GROUND_CODES
from redact.history import find_documents
from redact.publication.model import (
    DEELS_OPENBAAR,
    NIET_OPENBAAR,
    OPENBAAR,
    REEDS_OPENBAAR,
)
from redact.workspace import DocumentRow, JudgementRow, Workspace

# What ``--beoordeling`` takes (and the review page sends): short and full spellings.
SPELLINGS = {
    "openbaar": OPENBAAR, "deels": DEELS_OPENBAAR, DEELS_OPENBAAR: DEELS_OPENBAAR,
    "niet": NIET_OPENBAAR, NIET_OPENBAAR: NIET_OPENBAAR,
    "reeds": REEDS_OPENBAAR, REEDS_OPENBAAR: REEDS_OPENBAAR,
}
# Grounds whose standard motivation suffices; every other ground needs the officer's own.
SELF_EVIDENT = frozenset({"5.1.1e", "5.1.2e"})


class Refused(UsageError):
    """A judgement refused; nothing was written. ``str()``: the command line's message;
    ``kind`` (e.g. ``motivation_missing``) and ``values`` (e.g. ``ground``): the same for the
    review page, which words it for its form."""

    def __init__(self, kind: str, message: str, **values: str | int) -> None:
        super().__init__(message)
        self.kind = kind
        self.values = values


@dataclass(frozen=True)
class JudgeRequest:
    """What to change; ``None``: leave as it is."""

    reviewer: str
    judgement: str | None = None  # a key of SPELLINGS
    public_link: str | None = None
    suspended: bool | None = None
    page: int | None = None  # withhold this page ...
    ground: str | None = None  # ... on this ground (or: the ground of niet openbaar)
    motivation: str | None = None
    release_page: int | None = None
    method: str = "cli"  # cli | review


@dataclass(frozen=True)
class Judged:
    """The document's judgement and withheld pages after the change."""

    document: DocumentRow
    judgement: JudgementRow | None
    withheld_pages: dict[int, str]  # page -> ground


def check_ground(ground: str | None, motivation: str | None, page: int | None = None) -> str:
    """The ground (of ``page``, else of niet openbaar), when it is one of the Woo and has the
    motivation it needs."""
    if not ground:
        if page is None:
            raise Refused("document_ground_missing", "niet openbaar needs a ground (--ground)")
        raise Refused("page_ground_missing", f"page {page} needs a ground (--ground)",
                      page=page)
    if ground not in GROUND_CODES:
        raise Refused("unknown_ground", f"unknown ground {ground!r}; one of "
                      f"{', '.join(sorted(GROUND_CODES))}", ground=ground)
    if ground not in SELF_EVIDENT and not (motivation or "").strip():
        raise Refused("motivation_missing", f"ground {ground} needs a motivation "
                      "(--motivation): only 5.1.1e and 5.1.2e go without one", ground=ground)
    return ground


def check_link(link: str | None) -> str:
    if not link:
        raise Refused("link_missing", "reeds openbaar needs the public link (--link URL)")
    parts = urlparse(link)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Refused("link_invalid", "the public link must be an http or https address")
    return link


def current_document(ws: Workspace, ref: str) -> DocumentRow:
    """The current (scanned) version of document ``ref`` (number or name, as ``audit`` takes)."""
    found = [doc for doc in find_documents(ws, ref) if doc.status == "scanned"]
    if not found:
        raise Refused("no_document", f"document {ref!r} is not a current document of the "
                      "workspace (skipped or replaced by a newer version)", id=ref)
    if len(found) > 1:
        raise Refused("no_document", f"{ref!r} names {len(found)} documents; give its number "
                      f"({', '.join(str(doc.id) for doc in found)})", id=ref)
    return found[0]


def judge_workspace(ws_root: Path, ref: str, request: JudgeRequest) -> Judged:
    """``redact judge WS DOC ...``."""
    with Workspace.open(ws_root) as ws:
        return judge(ws, ref, request)


def describe(judged: Judged) -> str:
    """One line: the judgement after the change (no personal data: the number, not the name)."""
    row = judged.judgement
    what = (row.judgement if row is not None and row.judgement else
            "niet openbaar" if judged.document.withheld else "openbaar of deels openbaar (uit "
            "de lakkingen)")
    parts = [f"document {judged.document.id}: {what}"]
    if row is not None and row.public_link:
        parts.append(f"link {row.public_link}")
    if row is not None and row.suspended:
        parts.append("opgeschort")
    if judged.withheld_pages:
        parts.append("pagina's niet openbaar: " + ", ".join(
            f"{page} ({ground})" for page, ground in sorted(judged.withheld_pages.items())))
    return "; ".join(parts)


def judge(ws: Workspace, ref: str, request: JudgeRequest) -> Judged:
    """Check and write ``request`` for document ``ref``; nothing is written when it is wrong."""
    doc = current_document(ws, ref)
    if not request.reviewer.strip():
        raise Refused("no_reviewer", "a judgement needs a reviewer's name (--reviewer)")
    document_part = (request.judgement is not None or request.public_link is not None
                     or request.suspended is not None)
    if not document_part and request.page is None and request.release_page is None:
        raise Refused("nothing", "nothing to judge: give --beoordeling, --link, --opgeschort, "
                      "--page or --release-page")
    with ws.transaction():
        if document_part:
            _judge_document(ws, doc, request)
        if request.page is not None:
            _withhold_page(ws, doc, request)
        if request.release_page is not None:
            if not ws.release_page(doc.id, request.release_page):
                raise Refused("not_withheld", f"page {request.release_page} of document "
                              f"{doc.id} is not withheld", page=request.release_page)
            ws.audit(ReleasePage(doc.id, request.release_page, request.reviewer, request.method))
    return Judged(ws.document(doc.id), ws.judgement(doc.id),
                  {n: p.ground for n, p in ws.withheld_pages(doc.id).items()})


def _judge_document(ws: Workspace, doc: DocumentRow, request: JudgeRequest) -> None:
    before = ws.judgement(doc.id)
    judgement = before.judgement if before is not None else (
        NIET_OPENBAAR if doc.withheld else None)
    if request.judgement is not None:
        if request.judgement not in SPELLINGS:
            raise Refused("unknown_judgement", f"unknown beoordeling {request.judgement!r}; "
                          "one of openbaar, deels, niet, reeds", judgement=request.judgement)
        judgement = SPELLINGS[request.judgement]
    grounds: tuple[str, ...] = ()
    motivation = before.motivation if before is not None else ""
    if request.page is None and request.motivation is not None:
        motivation = request.motivation
    if judgement == NIET_OPENBAAR:
        if request.page is not None:
            raise Refused("withheld_document",
                          "a document that is not made public has no page to withhold")
        if request.ground is None and before is not None and before.grounds:
            grounds = before.grounds
        else:
            grounds = (check_ground(request.ground, motivation),)
    link = request.public_link if request.public_link is not None else (
        before.public_link if before is not None else None)
    if judgement == REEDS_OPENBAAR:
        link = check_link(link)
    elif request.public_link is not None:
        raise Refused("link_not_reeds", "--link belongs to reeds openbaar (--beoordeling reeds)")
    else:
        link = None
    suspended = request.suspended if request.suspended is not None else (
        before.suspended if before is not None else False)
    ws.set_judgement(doc.id, judgement, suspended=suspended, public_link=link, grounds=grounds,
                     motivation=motivation, reviewer=request.reviewer)
    ws.audit(Judge(doc.id, judgement, suspended, link, grounds, motivation, request.reviewer,
                   request.method))


def _withhold_page(ws: Workspace, doc: DocumentRow, request: JudgeRequest) -> None:
    page = request.page or 0
    if not 1 <= page <= doc.page_count:
        raise Refused("no_page", f"document {doc.id} has no page {page} (it has "
                      f"{doc.page_count})", page=page)
    if ws.document(doc.id).withheld:
        raise Refused("withheld_document",
                      "a document that is not made public has no page to withhold")
    ground = check_ground(request.ground, request.motivation, page)
    motivation = request.motivation or ""
    ws.withhold_page(doc.id, page, ground, motivation, request.reviewer)
    ws.audit(WithholdPage(doc.id, page, ground, motivation, request.reviewer, request.method))
