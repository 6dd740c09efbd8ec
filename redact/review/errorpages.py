"""Failed requests answered in the reviewer's language: an HTML page for a browser that
navigated (a link, the address bar), JSON ``{"error", "message"}`` for the page's scripts.

Routes raise ``HTTPException(404, _("..."))``; unknown addresses and requests that do not
validate (a document id that is no number) come here too, through the handlers ``install``
registers. Nothing of the request is echoed back: ids in the message only, never submitted text.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from redact.review.i18n import N_, _

ERRORS = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "not_allowed",
          409: "conflict", 422: "bad_request", 503: "audit"}
# What a status means to a reviewer, when the route gave no message of its own.
MEANING = {
    400: N_("The request cannot be carried out as it was made."),
    403: N_("This is not allowed."),
    404: N_("This page does not exist (any more)."),
    405: N_("This address cannot be used this way."),
    422: N_("The address or the request is not valid."),
}
SOMETHING_WRONG = N_("Something went wrong")
TITLE = {
    404: N_("Not found"), 403: N_("Not allowed"),
}


def navigated(request: Request) -> bool:
    """Whether a person asked for a page (not a script for data or an image)."""
    return (request.method in ("GET", "HEAD")
            and "text/html" in request.headers.get("accept", "")
            and request.headers.get("sec-fetch-dest", "document") == "document")


def problem(request: Request, templates: Jinja2Templates, status: int,
            message: str | None = None, headers: Mapping[str, str] | None = None) -> Response:
    """The answer to a failed request: ``message`` (already translated) or the status's
    meaning, as a page or as JSON."""
    text = message or _(MEANING.get(status, MEANING[400]))
    if navigated(request):
        title = _(TITLE.get(status, SOMETHING_WRONG))
        return templates.TemplateResponse(request, "error.html", {
            "status": status, "title": title, "message": text}, status_code=status,
            headers=headers)
    return JSONResponse({"error": ERRORS.get(status, "error"), "message": text},
                        status_code=status, headers=headers)


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Answer HTTP errors and invalid requests in the reviewer's language."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        # a route's own message (a str it raised with); Starlette's stock phrase is English
        own = exc.detail if isinstance(exc.detail, str) and exc.detail != _phrase(exc) else None
        return problem(request, templates, exc.status_code, own, exc.headers)

    async def invalid(request: Request, exc: Exception) -> Response:
        return problem(request, templates, 422)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def _phrase(exc: HTTPException) -> str:
    try:
        return HTTPStatus(exc.status_code).phrase
    except ValueError:
        return ""
