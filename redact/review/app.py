"""The review web application (FastAPI, Jinja2 templates, served by uvicorn).

Pages: the batch overview (``/``) and one document page first (``/documents/{id}``: the page
image with its boxes, one page at a time as JSON, images rendered on request; ``pages.py``).
Decisions are JSON POSTs under ``/api/``; each one is written to the workspace and its audit
trail before the answer. URLs hold ids only, never personal data, and the access log is off.
"""

from __future__ import annotations

import logging
import ssl
import sys
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

import uvicorn
from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field

from redact.accounts import has_accounts
from redact.config import Config, load_config
from redact.decisions import Conflict
from redact.errors import AuditChainBroken, InputNotFound, UsageError
from redact.judge import JudgeRequest, Refused, describe, judge
from redact.review import auth, errorpages, i18n, views, work
from redact.review import pages as review_pages
from redact.review.decisions import (
    Decisions,
    NotFound,
    Outcome,
    ReviewError,
    conflict_message,
    judge_refusal,
)
from redact.review.export import export
from redact.review.i18n import _
from redact.review.identity import User, current
from redact.review.render import PageSource
from redact.review.security import Guard, is_loopback
from redact.review.templating import HERE, template_env
from redact.workspace import Workspace

log = logging.getLogger("redact.review")

SQL_MAX = 2**63 - 1  # the largest integer SQLite stores: a larger id is refused (422), not a 500
Id = Annotated[int, PathParam(ge=0, le=SQL_MAX)]
Number = Annotated[int, Field(ge=0, le=SQL_MAX)]

# -- request bodies ---------------------------------------------------------------------------


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


MOTIVATION_CHARS = 4_000


class DecideBody(Body):
    decision: str
    version: Number
    ground: str | None = None
    motivation: str | None = Field(default=None, max_length=MOTIVATION_CHARS)


class GroundBody(Body):
    ground: str
    version: Number
    motivation: str | None = Field(default=None, max_length=MOTIVATION_CHARS)


class EntityBody(Body):
    entity: str
    decision: str = "accepted"


class ManualBody(Body):
    page: int = Field(ge=1, le=SQL_MAX)
    entity: str
    ground: str | None = None
    motivation: str | None = Field(default=None, max_length=MOTIVATION_CHARS)
    start: Number | None = None
    end: Number | None = None
    rect: list[float] | None = Field(default=None, max_length=4)


class TermBody(Body):
    """One term for the batch's term list (``redact.terms``)."""

    term: str | None = Field(default=None, max_length=500)
    pattern: str | None = Field(default=None, max_length=500)
    ground: str
    motivation: str | None = Field(default=None, max_length=MOTIVATION_CHARS)
    entity: str | None = None


class RevertItem(Body):
    id: Number
    version: Number
    status: str
    ground: str


class RevertBody(Body):
    items: list[RevertItem] = Field(max_length=100_000)


class JudgeBody(Body):
    """A document's judgement and/or one page withheld or released (``redact.judge``)."""

    judgement: str | None = None  # openbaar | deels | niet | reeds
    public_link: str | None = Field(default=None, max_length=2_000)
    suspended: bool | None = None
    page: int | None = Field(default=None, ge=1, le=SQL_MAX)
    ground: str | None = None
    motivation: str | None = Field(default=None, max_length=MOTIVATION_CHARS)
    release_page: int | None = Field(default=None, ge=1, le=SQL_MAX)


# -- the application ---------------------------------------------------------------------------


def create_app(
    workspace: Path,
    reviewer: str,
    *,
    guard: Guard | None = None,
    config: Config | None = None,
) -> FastAPI:
    """The review application on one workspace: for its accounts when it has any (or single
    sign-on is configured), else for the one ``reviewer`` (``redact.review.auth``)."""
    ws = Workspace.open(Path(workspace))
    config = config or load_config()
    guard = guard or Guard()
    lock = threading.RLock()
    pages = PageSource(ws.originals)
    decisions = Decisions(ws, reviewer, config, pages, lock)
    env = template_env()
    env.globals.update(reviewer=reviewer, csrf_token=guard.csrf_token, readonly=False,
                       default_grounds=dict(config.grounds))
    templates = Jinja2Templates(env=env)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        with lock:
            ws.close()
        pages.close()

    # No /docs or /openapi.json: the API documentation page loads assets from the internet.
    app = FastAPI(title="redact review", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    gate = auth.Gate(ws, lock, reviewer, config.sign_in, guard, templates=templates)
    app.middleware("http")(gate)  # behind the guard: who is it (request.state.user)
    app.middleware("http")(guard)
    app.add_middleware(i18n.LanguageMiddleware, default=config.language)  # outermost: all pages
    app.add_api_route("/api/language", i18n.switcher(i18n.account_memory(ws, lock)),
                      methods=["POST"])
    errorpages.install(app, templates)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.workspace = ws
    app.state.guard = guard
    app.state.gate = gate
    app.include_router(auth.router(gate, templates))

    def outcome(result: Outcome) -> dict[str, object]:
        return {"message": result.message, "changed": [views.state(r) for r in result.changed],
                "undo": list(result.undo), "created": result.created}

    def run(user: User, action: Callable[..., Outcome], *args: object) -> Response:
        """``action`` (a ``Decisions`` method) done by ``user``, as a JSON answer."""
        try:
            result = action(decisions.by(user.name), *args)
        except Conflict as exc:
            return JSONResponse({"error": "conflict", "message": conflict_message(exc),
                                 "changed": [views.state(r) for r in exc.current]},
                                status_code=409)
        except NotFound as exc:
            return JSONResponse({"error": "not_found", "message": str(exc)}, status_code=404)
        except ReviewError as exc:
            return JSONResponse({"error": "bad_request", "message": str(exc)}, status_code=400)
        except AuditChainBroken as exc:  # nothing is written to a broken trail
            return JSONResponse({"error": "audit", "message": i18n.audit_broken(exc)},
                                status_code=503)
        # Counts only: what was decided stays in the workspace and the audit trail.
        log.info("%s: %s", user.name, result.log)
        return JSONResponse(outcome(result))

    def not_found(message: str) -> Response:
        return JSONResponse({"error": "not_found", "message": message}, status_code=404)

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> Response:
        with lock:
            batch = views.batch_view(ws)
        return templates.TemplateResponse(request, "overview.html", {"batch": batch})

    app.include_router(review_pages.router(ws, lock, pages, templates))
    app.include_router(work.router(ws, lock, templates, config))

    @app.post("/api/proposals/{proposal_id}/decide")
    def decide(request: Request, proposal_id: Id, body: DecideBody) -> Response:
        return run(current(request), Decisions.decide, proposal_id, body.decision, body.version,
                   body.ground, body.motivation)

    @app.post("/api/proposals/{proposal_id}/ground")
    def ground(request: Request, proposal_id: Id, body: GroundBody) -> Response:
        return run(current(request), Decisions.set_ground, proposal_id, body.ground,
                   body.version, body.motivation)

    @app.post("/api/proposals/{proposal_id}/mentions")
    def mentions(request: Request, proposal_id: Id, body: DecideBody) -> Response:
        return run(current(request), Decisions.mentions, proposal_id, body.decision, body.version)

    @app.post("/api/documents/{document_id}/entity")
    def entity(request: Request, document_id: Id, body: EntityBody) -> Response:
        return run(current(request), Decisions.entity, document_id, body.entity, body.decision)

    @app.post("/api/documents/{document_id}/manual")
    def manual(request: Request, document_id: Id, body: ManualBody) -> Response:
        user = current(request)
        if body.rect is not None:
            return run(user, Decisions.add_box, document_id, body.page, body.rect, body.entity,
                       body.ground, body.motivation)
        if body.start is None or body.end is None:
            return JSONResponse({"error": "bad_request",
                                 "message": _("Give start and end, or a rect.")},
                                status_code=400)
        return run(user, Decisions.add_text, document_id, body.page, body.start, body.end,
                   body.entity, body.ground, body.motivation)

    @app.post("/api/terms")
    def terms(request: Request, body: TermBody) -> Response:
        return run(current(request), Decisions.add_term, body.model_dump(exclude_none=True))

    @app.post("/api/revert")
    def revert(request: Request, body: RevertBody) -> Response:
        return run(current(request), Decisions.revert, [item.model_dump() for item in body.items])

    @app.post("/api/documents/{document_id}/judgement")
    def judgement(request: Request, document_id: Id, body: JudgeBody) -> Response:
        user = current(request)
        asked = JudgeRequest(user.name, body.judgement, body.public_link or None,
                               body.suspended, body.page, body.ground or None,
                               body.motivation, body.release_page, method="review")
        try:
            with lock:
                judged = judge(ws, str(document_id), asked)
        except InputNotFound:
            return not_found(_("There is no document %(id)s.", id=document_id))
        except Refused as exc:  # the form's words, not the command line's
            return JSONResponse({"error": "bad_request", "message": judge_refusal(exc)},
                                status_code=400)
        except AuditChainBroken as exc:  # nothing is written to a broken trail
            return JSONResponse({"error": "audit", "message": i18n.audit_broken(exc)},
                                status_code=503)
        log.info("%s: judged document %d", user.name, document_id)
        row = judged.judgement
        return JSONResponse({
            "message": describe(judged),
            "judgement": None if row is None else {
                "judgement": row.judgement, "suspended": row.suspended,
                "public_link": row.public_link, "grounds": list(row.grounds),
                "motivation": row.motivation},
            "withheld": judged.document.withheld,
            "withheld_pages": {str(n): g for n, g in sorted(judged.withheld_pages.items())},
        })

    return app


# -- the entry point ---------------------------------------------------------------------------


def uvicorn_config(app: FastAPI, host: str, port: int, tls_cert: Path | None = None,
                   tls_key: Path | None = None) -> uvicorn.Config:
    """No access log: even ids and filters stay out of the server's output. With a
    certificate and its key, HTTPS only."""
    return uvicorn.Config(app, host=host, port=port, access_log=False, log_level="warning",
                          server_header=False, date_header=False, proxy_headers=False,
                          lifespan="on",
                          ssl_certfile=str(tls_cert) if tls_cert else None,
                          ssl_keyfile=str(tls_key) if tls_key else None)


def check_tls(host: str, tls_cert: Path | None, tls_key: Path | None,
              insecure_no_tls: bool) -> bool:
    """Whether to serve HTTPS; refuses (UsageError, exit 2) a non-loopback address without a
    certificate unless ``insecure_no_tls`` says so, and a certificate that does not load."""
    if (tls_cert is None) != (tls_key is None):
        raise UsageError("give both --tls-cert and --tls-key")
    if tls_cert is None or tls_key is None:
        if not is_loopback(host) and not insecure_no_tls:
            raise UsageError(
                f"refusing to serve {host} without TLS: the access token and personal data would "
                "cross the network in clear; give --tls-cert FILE --tls-key FILE (or "
                "--insecure-no-tls on a network you trust)")
        return False
    for path in (tls_cert, tls_key):
        if not path.is_file():
            raise InputNotFound(f"{path} does not exist")
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(tls_cert, tls_key)
    except (ssl.SSLError, OSError) as exc:
        raise UsageError(f"the TLS certificate and key do not load: {exc}") from exc
    return True


def serve(
    workspace: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    reviewer: str = "unknown",
    export_dir: Path | None = None,
    config: Config | None = None,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    insecure_no_tls: bool = False,
) -> None:
    """Serve the review page until interrupted; with ``export_dir``, write the export instead."""
    if export_dir is not None:
        result = export(Path(workspace), Path(export_dir), reviewer=reviewer,
                        language=(config or load_config()).language)
        print(f"exported {len(result) - 1} document(s) and index.html to {export_dir}",
              flush=True)
        for note in result.skipped:
            print(f"redact: export: {note}", file=sys.stderr, flush=True)
        return
    tls = check_tls(host, tls_cert, tls_key, insecure_no_tls)
    config = config or load_config()
    with Workspace.open(Path(workspace)) as ws, ws.transaction():  # the chain is checked
        team = has_accounts(ws)  # as the transaction opens: no reviewer writes to a broken trail
    sso = config.sign_in.sso_header is not None
    # Off loopback, the accounts' sign-in is the gate (no access token), else the token is.
    guard = Guard.for_host(host, tls=tls, sign_in=team or sso,
                           proxies=config.sign_in.sso_proxies)
    app = create_app(Path(workspace), reviewer, guard=guard, config=config)
    shown = f"[{host}]" if ":" in host else host
    scheme = "https" if tls else "http"
    if not tls and not is_loopback(host):
        print(f"redact review: WARNING: serving {host} without TLS (--insecure-no-tls): the "
              "access token and personal data cross the network in clear", file=sys.stderr,
              flush=True)
    if team or sso:
        how = ", ".join(["accounts of the workspace"] * team + [
            f"single sign-on ({config.sign_in.sso_header})"] * sso)
        print(f"redact review: {scheme}://{shown}:{port}/ (sign in: {how}; Ctrl-C stops)",
              flush=True)
    elif guard.access_token is None:
        print(f"redact review: {scheme}://{shown}:{port}/ (reviewer {reviewer}; Ctrl-C stops)",
              flush=True)
    else:
        where = "this machine's address" if not is_loopback(host) else shown
        print(f"redact review on {host}:{port} (reviewer {reviewer}); every request needs the "
              f"access token. Open:\n  {scheme}://{shown}:{port}/?token={guard.access_token}\n"
              f"(replace the host with {where} as needed; Ctrl-C stops)", flush=True)
    uvicorn.Server(uvicorn_config(app, host, port, tls_cert if tls else None,
                                  tls_key if tls else None)).run()
