"""The guard in front of every request of the review application.

- Loopback by default; the Host header must then name the loopback (DNS rebinding).
- Bound to any other address, every request needs the access token printed at start: given
  once in the URL, it is swapped for an HttpOnly, SameSite=Strict cookie and the URL cleaned.
  When the workspace has accounts (or single sign-on is configured), the sign-in is the gate
  there instead (``sign_in_required``, ``redact.review.auth``) and there is no access token.
- State changes must come from the page itself: no cross-site ``Sec-Fetch-Site``, an ``Origin``
  equal to the server's own, and the page's CSRF token in ``X-CSRF-Token`` (the sign-in and
  sign-out forms carry it as a form field, checked by their handlers).
- Cross-site requests for anything but a top-level navigation are refused, so another site
  cannot embed page images.
- Responses carry a strict Content-Security-Policy (nothing from outside the machine) and are
  not cached, because they hold personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from redact.review.i18n import _

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"  # the plain HTML forms' field (sign-in, sign-out): they cannot set headers
FORM_PATHS = frozenset({"/aanmelden", "/afmelden"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``[::1]``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


@dataclass(frozen=True)
class Guard:
    """``access_token`` None: loopback only, checked through the Host header, unless
    ``allowed_hosts`` is None (any host: then ``sign_in_required``, the accounts are the gate)."""

    access_token: str | None = None
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    allowed_hosts: frozenset[str] | None = LOOPBACK_NAMES
    tls: bool = False  # served over HTTPS: the access and session cookies are marked Secure
    sign_in_required: bool = False  # every request needs a signed-in user, accounts or not
    # The single sign-on proxies (``sign_in.sso_proxies``): a TLS-terminating proxy forwards
    # plain HTTP, so from them an https Origin of the same host is the server's own.
    proxies: tuple[str, ...] = ()

    @classmethod
    def for_host(cls, host: str, access_token: str | None = None, tls: bool = False,
                 sign_in: bool = False, proxies: tuple[str, ...] = ()) -> Guard:
        """Loopback: no token (unless one is given). Any other address: a token, unless
        ``sign_in`` (the workspace has accounts, or single sign-on is on): then a signed-in
        user on every request instead, and any Host name (the name the team uses)."""
        if is_loopback(host) and access_token is None:
            return cls(tls=tls, proxies=proxies)
        if sign_in and access_token is None:
            return cls(allowed_hosts=None, tls=tls, sign_in_required=True, proxies=proxies)
        return cls(access_token=access_token or secrets.token_urlsafe(32), tls=tls,
                   proxies=proxies)

    @property
    def cookie_name(self) -> str:
        # Cookies ignore ports: two servers on one machine must not share one.
        digest = hashlib.sha256((self.access_token or "").encode()).hexdigest()[:12]
        return f"redact_access_{digest}"

    def _token_ok(self, presented: str | None) -> bool:
        return bool(presented) and self.access_token is not None and hmac.compare_digest(
            str(presented).encode(), self.access_token.encode())

    def csrf_ok(self, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(
            str(presented).encode(), self.csrf_token.encode())

    async def __call__(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        refused = self.check(request)
        if refused is not None:
            return secure(refused, request)
        return secure(await call_next(request), request)

    def check(self, request: Request) -> Response | None:
        """None when the request may go on; otherwise the response that refuses it."""
        headers = request.headers
        if (self.access_token is None and self.allowed_hosts is not None
                and host_name(headers.get("host", "")) not in self.allowed_hosts):
            return refuse(400, "bad_host", _(
                "This server answers only to the loopback address."))
        site = headers.get("sec-fetch-site")
        unsafe = request.method not in SAFE_METHODS
        if site == "cross-site" and (unsafe or headers.get("sec-fetch-mode") != "navigate"):
            return refuse(403, "cross_site", _("Requests from another site are refused."))
        if self.access_token is not None:
            bearer = headers.get("authorization", "")
            presented = request.cookies.get(self.cookie_name) or (
                bearer[7:] if bearer.lower().startswith("bearer ") else None)
            if not self._token_ok(presented):
                query_token = request.query_params.get("token")
                if request.method == "GET" and self._token_ok(query_token):
                    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                    target = local_path(request.url.path) + (f"?{urlencode(rest)}" if rest else "")
                    response = RedirectResponse(target, status_code=303)
                    response.set_cookie(self.cookie_name, self.access_token, httponly=True,
                                        samesite="strict", path="/", secure=self.tls)
                    return response
                return refuse(401, "token", _(
                    "Access token required: open the address printed when the review server "
                    "started."))
        if unsafe:
            if site not in (None, "same-origin", "none"):
                return refuse(403, "cross_site", _("Requests from another site are refused."))
            origin = headers.get("origin")
            if origin == "null" and request.url.path in FORM_PATHS:
                # A form posted under Referrer-Policy no-referrer says "null"; its Sec-Fetch-Site
                # (checked above) and its CSRF field (checked by the form) still hold.
                origin = None
            if origin is not None and not same_origin(origin, request,
                                                      from_proxy=self.from_proxy(request)):
                return refuse(403, "cross_site", _("Requests from another origin are refused."))
            if request.url.path not in FORM_PATHS and not self.csrf_ok(headers.get(CSRF_HEADER)):
                return refuse(403, "csrf", _(
                    "Missing or wrong security token (CSRF): reload the page."))
        return None

    def from_proxy(self, request: Request) -> bool:
        """Whether the request comes straight from one of the single sign-on proxies."""
        return request.client is not None and address_in(request.client.host, self.proxies)


def address_in(address: str, networks: tuple[str, ...]) -> bool:
    """Whether ``address`` (an IP address) lies in one of ``networks`` (addresses or CIDR)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in networks)


def local_path(path: str) -> str:
    """A path that stays on this server: ``//evil.example/`` (or ``/\\evil``) would send the
    browser to another host, so leading slashes and backslashes become one slash."""
    return "/" + path.lstrip("/\\")


def same_origin(origin: str, request: Request, from_proxy: bool = False) -> bool:
    """The Origin is this server: same scheme and host (behind a TLS-terminating single sign-on
    proxy, which must pass the Host header on unchanged, https for http)."""
    parts = urlsplit(origin)
    scheme_ok = parts.scheme == request.url.scheme or (
        from_proxy and (parts.scheme, request.url.scheme) == ("https", "http"))
    return scheme_ok and parts.netloc.lower() == request.headers.get("host", "").lower()


def refuse(status: int, error: str, message: str) -> Response:
    return JSONResponse({"error": error, "message": message}, status_code=status)


def secure(response: Response, request: Request) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response
