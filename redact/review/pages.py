"""The page-first document view: a light HTML shell, then each page as needed.

``/documents/{id}`` is the shell (page sizes, a compact index of the proposals, the first page's
data); the script asks for one page at a time (``/api/documents/{id}/pages/{n}``, JSON) and for
its image (``/documents/{id}/pages/{n}.png``, in three sizes: ``thumb`` for the page strip,
``page``, and ``large`` for zooming in). A document of 500 pages with 5,000 proposals is
therefore never built into one HTML page. URLs hold ids and page numbers only.
"""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from redact.errors import WorkspaceError
from redact.review import views
from redact.review.i18n import LABELS, _, label
from redact.review.render import SIZES, PageNotFound, PageSource, PageUnrenderable
from redact.workspace import DocumentRow, Workspace

SQL_MAX = 2**63 - 1
Id = Annotated[int, PathParam(ge=0, le=SQL_MAX)]
Size = Literal["thumb", "page", "large"]


def router(ws: Workspace, lock: threading.RLock, pages: PageSource,
           templates: Jinja2Templates) -> APIRouter:
    """The document page, its pages as JSON and its page images."""
    api = APIRouter()

    def stored_document(document_id: int) -> DocumentRow:
        try:
            return ws.document(document_id)
        except WorkspaceError:
            raise HTTPException(404, _("There is no document %(id)s.", id=document_id)) from None

    def current_document(document_id: int) -> DocumentRow:
        """The document, if it is one to review (not skipped, not superseded); else 404."""
        doc = stored_document(document_id)
        if doc.status != "scanned":
            raise HTTPException(404, _("Document %(id)s is %(status)s: there is nothing to "
                                       "review.", id=document_id, status=label(doc.status)))
        return doc

    @api.get("/documents/{document_id}", response_class=HTMLResponse)
    def document(request: Request, document_id: Id,
                 page: Annotated[int | None, Query(ge=1, le=SQL_MAX)] = None) -> Response:
        with lock:
            doc = current_document(document_id)
            shell = views.document_shell(ws, document_id, page)
            first = views.page_data(ws, document_id, shell.first_page)
            if first is None:  # a document without pages: nothing to show
                raise HTTPException(404, _("Document %(id)s has no page %(page)s.",
                                           id=document_id, page=shell.first_page))
            siblings = ws.documents(status="scanned")
            judged = ws.judgement(document_id)
            withheld_pages = ws.withheld_pages(document_id)
        return templates.TemplateResponse(request, "document.html", {
            "shell": shell, "first_page": first, "documents": siblings,
            "labels": {value: label(value) for value in LABELS},
            "judgement_form": {
                "judgement": (judged.judgement if judged is not None and judged.judgement
                              else "niet openbaar" if doc.withheld else ""),
                "suspended": judged is not None and judged.suspended,
                "link": (judged.public_link if judged is not None else None) or "",
                "ground": judged.grounds[0] if judged is not None and judged.grounds else "",
                "motivation": judged.motivation if judged is not None else "",
                "pages": sorted(withheld_pages.values(), key=lambda p: p.page),
            },
        })

    @api.get("/api/documents/{document_id}/pages/{page}")
    def page_json(document_id: Id, page: Id) -> Response:
        with lock:
            current_document(document_id)
            data = views.page_data(ws, document_id, page)
        if data is None:
            raise HTTPException(404, _("Document %(id)s has no page %(page)s.", id=document_id,
                                       page=page))
        return JSONResponse(data)

    @api.get("/api/documents/{document_id}/index")
    def index(document_id: Id) -> Response:
        """The compact index of the document's proposals, after a change the page cannot
        follow on its own (a manual redaction)."""
        with lock:
            current_document(document_id)
            shell = views.document_shell(ws, document_id)
        return JSONResponse(shell.state())

    @api.get("/documents/{document_id}/pages/{page}.png")
    def page_image(document_id: Id, page: Id, size: Size = "page") -> Response:
        with lock:
            doc = stored_document(document_id)
        try:
            data = pages.png(doc, page, dpi=SIZES[size])
        except PageNotFound:
            raise HTTPException(404, _("Document %(id)s has no page %(page)s.", id=document_id,
                                       page=page)) from None
        except PageUnrenderable:
            raise HTTPException(422, _("Page %(page)s of document %(id)s cannot be drawn.",
                                       id=document_id, page=page)) from None
        return Response(data, media_type="image/png")

    return api
