"""Sign-in to the review: who is behind each request (``request.state.user``).

Three ways to be known, decided per request by the :class:`Gate` (a middleware behind the
``Guard``):

- **One reviewer** (no active account in the workspace, no single sign-on configured, and not
  served off loopback on the strength of accounts): everyone who passes the guard is the
  reviewer named at start (``redact review --reviewer``), a controleur. This is the review as
  it was before accounts existed.
- **Session**: the workspace has accounts (``redact users add``). The sign-in form
  (``/aanmelden``) checks the password (``redact.accounts``) and starts a session: a random
  token in an HttpOnly, SameSite=Strict cookie (Secure under TLS, also when the proxy says
  ``X-Forwarded-Proto: https``), kept in this process's memory as its SHA-256 only. A session
  ends at sign-out (``/afmelden``), after ``session_idle_hours`` unused, when the account is
  disabled, removed or given a new password, and when the server stops (sessions do not survive
  a restart: sign in again). A new role counts from the next request.
- **Single sign-on**: ``sign_in.sso_header`` names the header in which the organisation's
  reverse proxy puts the signed-on user's name. It is believed only from ``sign_in.sso_proxies``
  and ignored from any other address; the name must be an active account, whose role counts.

Without a user, a page request is sent to the sign-in page and an API call gets 401. Failed
sign-ins are counted per name: after five within five minutes that name is refused for the
rest of those minutes, the right password included. Passwords never reach a log.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse, Response

from redact import accounts
from redact.config import SignInSettings
from redact.review import errorpages, i18n
from redact.review.i18n import _
from redact.review.identity import User
from redact.review.security import CSRF_FIELD, Guard, address_in, local_path
from redact.workspace import Workspace

log = logging.getLogger("redact.review")

SIGN_IN = "/aanmelden"
SIGN_OUT = "/afmelden"
# Reachable without a user: the forms check their own token; the language switch (H2's) is
# needed on the sign-in page and changes nothing but a cookie.
OPEN_PATHS = frozenset({SIGN_IN, SIGN_OUT, "/api/language"})
MAX_FAILURES = 5  # failed sign-ins per name within FAILURE_WINDOW_S ...
FAILURE_WINDOW_S = 300.0  # ... after which that name is refused until the window has passed
MAX_SESSIONS = 10_000
MAX_NAME_CHARS = 64

Clock = Callable[[], float]


# -- sessions --------------------------------------------------------------------------------


@dataclass
class Session:
    name: str
    seen: float  # the session clock (monotonic): for the idle time
    password: str  # a digest of the account's password hash at sign-in: a new password ends it


class Sessions:
    """The signed-in sessions of this process: token hash -> account name and last use."""

    def __init__(self, idle_s: float, clock: Clock = time.monotonic) -> None:
        self.idle_s = idle_s
        self.clock = clock
        self._by_hash: dict[str, Session] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def start(self, name: str, password_hash: str | None) -> str:
        """A new session for ``name``; returns its token (for the cookie, never stored)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._by_hash = {k: s for k, s in self._by_hash.items()
                             if now - s.seen <= self.idle_s}
            if len(self._by_hash) >= MAX_SESSIONS:  # the oldest unused goes first
                del self._by_hash[min(self._by_hash, key=lambda k: self._by_hash[k].seen)]
            self._by_hash[self._key(token)] = Session(name, now, password_tag(password_hash))
        return token

    def find(self, token: str | None) -> Session | None:
        """A live session (its idle time starts again), else None."""
        if not token:
            return None
        key, now = self._key(token), self.clock()
        with self._lock:
            session = self._by_hash.get(key)
            if session is None:
                return None
            if now - session.seen > self.idle_s:
                del self._by_hash[key]
                return None
            session.seen = now
            return session

    def end(self, token: str | None) -> None:
        if token:
            with self._lock:
                self._by_hash.pop(self._key(token), None)

    def __len__(self) -> int:
        return len(self._by_hash)


def password_tag(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()


class Throttle:
    """Failed sign-ins per name (lower case): MAX_FAILURES within FAILURE_WINDOW_S blocks it."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        now = self.clock()
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > FAILURE_WINDOW_S:
            times.popleft()
        return times

    def blocked(self, name: str) -> bool:
        with self._lock:
            return len(self._recent(name.lower())) >= MAX_FAILURES

    def failed(self, name: str) -> None:
        with self._lock:
            self._recent(name.lower()).append(self.clock())
            if len(self._failures) > MAX_SESSIONS:  # names nobody tried lately are forgotten
                self._failures = {k: v for k, v in self._failures.items() if v}

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name.lower(), None)


# -- the gate --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """A request's user and the language of their account (None: the configured one)."""

    user: User
    language: str | None = None


class Gate:
    """The middleware that sets ``request.state.user`` or refuses the request."""

    def __init__(self, ws: Workspace, lock: threading.RLock, reviewer: str,
                 settings: SignInSettings, guard: Guard, clock: Clock = time.monotonic,
                 templates: Jinja2Templates | None = None) -> None:
        self.ws = ws
        self.templates = templates  # for the error page a browser that navigated gets
        self.lock = lock
        self.reviewer = reviewer
        self.settings = settings
        self.guard = guard
        self.sessions = Sessions(settings.session_idle_hours * 3600, clock)
        self.throttle = Throttle(clock)
        # Cookies ignore ports: each server process has a cookie of its own.
        self.cookie_name = f"redact_session_{secrets.token_hex(6)}"

    def team(self) -> bool:
        """Whether requests need a signed-in user (else: the one reviewer)."""
        if self.settings.sso_header or self.guard.sign_in_required:
            return True
        with self.lock:
            return accounts.has_accounts(self.ws)

    async def __call__(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        if path.startswith("/static/"):
            return await call_next(request)
        known = await run_in_threadpool(self.resolve, request)
        if isinstance(known, Response):
            return known
        if known is not None:
            request.state.user = known.user
            i18n.prefer(known.language)
        elif path not in OPEN_PATHS:
            return self.refuse(request)
        return await call_next(request)

    def resolve(self, request: Request) -> Known | Response | None:
        """The request's user; None when nobody is signed in; a response when the single
        sign-on proxy names somebody without an active account."""
        if not self.team():
            return Known(User(self.reviewer, "controleur", "single"))
        header = self.settings.sso_header
        if header and header in request.headers and self.from_sso_proxy(request):
            name = request.headers[header].strip()
            with self.lock:
                row = accounts.active_user(self.ws, name) if name else None
            if row is None:
                log.warning("single sign-on: the proxy named a user without an active account")
                message = _("You are signed on, but %(name)s has no active account in this "
                            "review. Ask the administrator to add it with 'redact users add'.",
                            name=name[:64])
                if self.templates is not None and errorpages.navigated(request):
                    return errorpages.problem(request, self.templates, 403, message)
                return JSONResponse({"error": "no_account", "message": message},
                                    status_code=403)
            return Known(User(row.name, row.role, "sso"), row.language)
        session = self.sessions.find(request.cookies.get(self.cookie_name))
        if session is None:
            return None
        with self.lock:
            row = accounts.active_user(self.ws, session.name)
        if row is None or password_tag(row.password) != session.password:
            # Disabled, removed, or given a new password since: the session ends.
            self.sessions.end(request.cookies.get(self.cookie_name))
            return None
        return Known(User(row.name, row.role, "session"), row.language)

    def from_sso_proxy(self, request: Request) -> bool:
        return request.client is not None and address_in(request.client.host,
                                                         self.settings.sso_proxies)

    def refuse(self, request: Request) -> Response:
        """Nobody signed in: a page is sent to the sign-in form, anything else gets 401."""
        wants_page = (request.method in ("GET", "HEAD") and not request.url.path.startswith("/api/")
                      and "text/html" in request.headers.get("accept", ""))
        if wants_page:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"{SIGN_IN}?{urlencode({'next': target})}", status_code=303)
        return JSONResponse({"error": "sign_in", "message": _(
            "Sign in first: open the review page and sign in.")}, status_code=401)

    def secure_cookie(self, request: Request) -> bool:
        """Served over HTTPS: by this server, or by the single sign-on proxy in front of it."""
        return self.guard.tls or (self.guard.from_proxy(request) and request.headers.get(
            "x-forwarded-proto", "").lower() == "https")

    def set_session_cookie(self, request: Request, response: Response, token: str) -> None:
        response.set_cookie(self.cookie_name, token, httponly=True, samesite="strict",
                            path="/", secure=self.secure_cookie(request))


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this server, never the sign-in pages."""
    if not value or not value.startswith("/"):
        return "/"
    target = local_path(value)
    return "/" if target.split("?", 1)[0] in OPEN_PATHS else target


# -- the sign-in and sign-out forms ----------------------------------------------------------


def router(gate: Gate, templates: Jinja2Templates) -> APIRouter:
    api = APIRouter()

    def form(request: Request, next_path: str, name: str = "", message: str | None = None,
             status: int = 200) -> Response:
        return templates.TemplateResponse(request, "login.html", {
            "next_path": next_path, "name": name, "message": message,
            "min_chars": accounts.MIN_PASSWORD_CHARS}, status_code=status)

    @api.get(SIGN_IN)
    def sign_in_page(request: Request,
                     next_path: Annotated[str | None, Query(alias="next", max_length=2_000)] = None
                     ) -> Response:
        target = safe_next(next_path)
        if not gate.team() or getattr(request.state, "user", None) is not None:
            return RedirectResponse(target, status_code=303)
        return form(request, target)

    @api.post(SIGN_IN)
    def sign_in(request: Request, name: Annotated[str, Form(max_length=200)] = "",
                password: Annotated[str, Form(max_length=accounts.MAX_PASSWORD_CHARS)] = "",
                csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
                next_path: Annotated[str, Form(alias="next", max_length=2_000)] = "/"
                ) -> Response:
        target = safe_next(next_path)
        name = name.strip()[:MAX_NAME_CHARS]
        if not gate.team():
            return RedirectResponse(target, status_code=303)
        if not gate.guard.csrf_ok(csrf):
            return form(request, target, name, _(
                "This form has expired. Please sign in again."), 403)
        if gate.throttle.blocked(name):
            log.warning("sign-in refused: too many failed attempts for one name")
            return form(request, target, name, _(
                "Too many failed attempts for this name. Wait %(minutes)s minutes and try again.",
                minutes=int(FAILURE_WINDOW_S // 60)), 429)
        with gate.lock:
            found = accounts.lookup(gate.ws, name)
        row = accounts.verify(found, password)  # slow on purpose: outside the workspace lock
        if row is None:
            gate.throttle.failed(name)
            log.warning("sign-in failed: wrong name or password")
            return form(request, target, name, _(
                "Wrong name or password. Check both and try again."), 401)
        gate.throttle.succeeded(name)
        gate.sessions.end(request.cookies.get(gate.cookie_name))  # a new token on every sign-in
        response = RedirectResponse(target, status_code=303)
        gate.set_session_cookie(request, response, gate.sessions.start(row.name, row.password))
        log.info("%s signed in", row.name)
        return response

    @api.post(SIGN_OUT)
    def sign_out(request: Request,
                 csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "") -> Response:
        if not gate.guard.csrf_ok(csrf):
            return JSONResponse({"error": "csrf", "message": _(
                "This form has expired. Reload the page and try again.")}, status_code=403)
        user = getattr(request.state, "user", None)
        gate.sessions.end(request.cookies.get(gate.cookie_name))
        response = RedirectResponse(SIGN_IN if gate.team() else "/", status_code=303)
        response.delete_cookie(gate.cookie_name, path="/", httponly=True, samesite="strict",
                               secure=gate.secure_cookie(request))
        if isinstance(user, User):
            log.info("%s signed out", user.name)
        return response

    return api
