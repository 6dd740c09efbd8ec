"""The review's languages: Dutch by default, English as a setting, through one message catalogue.

Source strings are English msgids. Their Dutch translations live in
``locale/nl/LC_MESSAGES/messages.po`` (extracted with ``make translations`` into
``locale/messages.pot``, see ``babel.cfg``); the catalogue is compiled in memory from the ``.po``
when first used, so there is no binary ``.mo`` to build or to fall out of date. English needs no
catalogue: the msgids are the English text.

The language of what is being made (a page, an API answer, the export) is a context variable:
the middleware sets it per request (the session's choice in a cookie, else the signed-in
account's language, else the configuration's ``language``), ``using`` sets it for the export.
Templates (``_``, ``gettext``, ``ngettext`` of Jinja2's i18n extension, newstyle), Python
(``_``, ``ngettext`` here) and the page scripts (``t``, ``tn`` in ``static/i18n.js``, fed by the
JSON block that ``js_catalog`` fills) all read it. Placeholders are ``%(name)s`` everywhere and a
literal ``%`` is written ``%%``.
"""

from __future__ import annotations

import gettext as gnu
import io
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.types import Message as AsgiMessage

from redact import accounts
from redact.config import LANGUAGES as CONFIG_LANGUAGES
from redact.errors import AuditChainBroken, InputNotFound, UsageError
from redact.files import write_atomic
from redact.review.identity import User
from redact.workspace import Workspace

HERE = Path(__file__).resolve().parent
LOCALE = HERE / "locale"
DOMAIN = "messages"
NAMES = {"nl": "Nederlands", "en": "English"}  # each language in its own words
LANGUAGES: Mapping[str, str] = {code: NAMES[code] for code in CONFIG_LANGUAGES}
DEFAULT_LANGUAGE = "nl"
SOURCE_LANGUAGE = "en"  # the msgids
COOKIE = "redact_language"
JS_KEYWORDS = {"t": None, "tn": (1, 2)}  # t(msgid, params), tn(singular, plural, n, params)


@dataclass
class Choice:
    """The language of one request (or one export), and whether the person chose it (cookie)
    or it follows a default (account, configuration). Mutable, one per request: the sign-in
    middleware's ``prefer`` must reach the parts of the request that run in copied contexts."""

    language: str = DEFAULT_LANGUAGE
    chosen: bool = False


_current: ContextVar[Choice | None] = ContextVar("redact_review_language", default=None)


def current() -> str:
    """The language code of what is being made now: ``nl`` or ``en`` (outside a request or an
    export: the default, Dutch)."""
    choice = _current.get()
    return DEFAULT_LANGUAGE if choice is None else choice.language


def check(language: str) -> str:
    """``language`` if it is one the review speaks, else a ValueError naming them."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
    return language


@contextmanager
def using(language: str) -> Iterator[None]:
    """Make everything inside (templates, messages) in ``language``; e.g. the export."""
    token = _current.set(Choice(check(language), chosen=True))
    try:
        yield
    finally:
        _current.reset(token)


def prefer(language: str | None) -> None:
    """The signed-in account's language, for the rest of this request, unless the session chose
    one (the language switch). For the sign-in middleware; ``None`` or unknown: no change."""
    choice = _current.get()
    if choice is not None and not choice.chosen and language is not None and (
            language in LANGUAGES):
        choice.language = language


# -- the catalogue -------------------------------------------------------------------------------


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(language: str) -> Catalog:
    """The translations of ``language`` as written (``.po``); an empty one for English."""
    if language == SOURCE_LANGUAGE or not po_path(language).is_file():
        return Catalog(locale=language, domain=DOMAIN)
    with po_path(language).open("rb") as fh:
        return read_po(fh, locale=language, domain=DOMAIN)


@cache
def translations(language: str) -> gnu.NullTranslations:
    """The gettext translations of ``language``, compiled in memory (fuzzy entries left out)."""
    if language == SOURCE_LANGUAGE:
        return gnu.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog(language), use_fuzzy=False)
    buffer.seek(0)
    return gnu.GNUTranslations(buffer)


def _(msgid: str, /, **params: Any) -> str:
    """``msgid`` in the current language, its ``%(name)s`` placeholders filled in."""
    return translations(current()).gettext(msgid) % params


def ngettext(singular: str, plural: str, n: int, /, **params: Any) -> str:
    """The singular or plural form for ``n`` in the current language; ``%(num)s`` is ``n``."""
    return translations(current()).ngettext(singular, plural, n) % {"num": n, **params}


def audit_broken(exc: Exception) -> str:
    """503: the audit trail does not verify, so nothing was written."""
    return _("The audit trail does not verify; nothing was saved (%(reason)s).", reason=exc)


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction without translating it now (a label kept in a table and
    translated where it is shown, e.g. with the ``label`` filter)."""
    return msgid


# Words that are data (a status, an entity type) but shown to people: marked here for the
# catalogue, translated where shown with the ``label`` filter (``{{ p.status|label }}``).
LABELS: Mapping[str, str] = {
    # proposal statuses and the overview's columns
    "pending": N_("pending"), "accepted": N_("accepted"), "rejected": N_("rejected"),
    "not proposed": N_("not proposed"),
    # document statuses (views.document_status)
    "undecided": N_("undecided"), "in review": N_("in review"), "decided": N_("decided"),
    "applied": N_("applied"), "superseded": N_("superseded"), "failed": N_("failed"),
    "skipped": N_("skipped"), "scanned": N_("scanned"),
    # a document's review state and a reviewer's role (redact.workflow)
    "open": N_("open"), "gereed": N_("ready"), "goedgekeurd": N_("approved"),
    "teruggestuurd": N_("sent back"), "beoordelaar": N_("reviewer"),
    "controleur": N_("controller"),
    # entity types (config.ENTITIES)
    "PERSON": N_("person"), "EMAIL_ADDRESS": N_("email address"),
    "PHONE_NUMBER": N_("phone number"), "NL_BSN": N_("citizen service number (BSN)"),
    "IBAN_CODE": N_("bank account (IBAN)"), "NL_ADDRESS": N_("address"),
    "NL_POSTCODE": N_("postcode"), "NL_LICENSE_PLATE": N_("licence plate"),
    "DATE_OF_BIRTH": N_("date of birth"), "NL_ID_DOCUMENT": N_("identity document number"),
    "URL": N_("web address"), "IP_ADDRESS": N_("IP address"), "LOCATION": N_("place"),
    "CREDIT_CARD": N_("credit card number"), "OTHER": N_("other"),
}


def label(value: object) -> str:
    """A status or entity type as people read it, in the current language; other values as
    they are."""
    text = str(value)
    return _(LABELS[text]) if text in LABELS else text


# -- the page scripts' part -----------------------------------------------------------------------


@cache
def js_msgids() -> tuple[tuple[str, ...], ...]:
    """The msgids the page scripts use (``t`` and ``tn`` calls in ``static/*.js``): a tuple
    per call, one msgid or a singular and a plural."""
    found: dict[tuple[str, ...], None] = {}
    for path in sorted((HERE / "static").glob("*.js")):
        for _line, message, _comments, _context in extract_from_file(
                "javascript", path, keywords=JS_KEYWORDS, comment_tags=(), options={}):
            key = tuple(message) if isinstance(message, tuple | list) else (message,)
            found[tuple(str(m) for m in key if m)] = None
    return tuple(found)


def js_catalog() -> Mapping[str, str | list[str]]:
    """What ``static/i18n.js`` reads from the page, in the current language: msgid ->
    translation, and singular -> [singular form, plural form] for plurals. Only translated
    msgids; the rest stay English."""
    return _js_catalog(current())


@cache
def _js_catalog(language: str) -> Mapping[str, str | list[str]]:
    words = translations(language)
    table: dict[str, str | list[str]] = {}
    if language == SOURCE_LANGUAGE:
        return table
    for key in js_msgids():
        if len(key) == 1:
            text = words.gettext(key[0])
            if text != key[0]:
                table[key[0]] = text
        elif len(key) == 2:
            table[key[0]] = [words.ngettext(key[0], key[1], 1), words.ngettext(key[0], key[1], 2)]
    return table


# -- per request -----------------------------------------------------------------------------------


def cookie_language(scope: Scope) -> str | None:
    """The language the session chose with the switch (its cookie), if any."""
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _sep, val = part.strip().partition("=")
                if key == COOKIE and val in LANGUAGES:
                    return str(val)
    return None


class LanguageMiddleware:
    """Sets the language of every request: the session's choice (cookie), else ``default``
    (the configuration's); the sign-in middleware may then ``prefer`` the account's."""

    def __init__(self, app: ASGIApp, default: str = DEFAULT_LANGUAGE) -> None:
        self.app = app
        self.default = check(default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        chosen = cookie_language(scope)
        token = _current.set(Choice(chosen or self.default, chosen=chosen is not None))

        async def send_with_language(message: AsgiMessage) -> None:
            if message["type"] == "http.response.start":  # the language the answer is in
                headers = list(message.get("headers", ()))
                headers.append((b"content-language", current().encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_language)
        finally:
            _current.reset(token)


Remember = Callable[[Request, str], None]


def switcher(remember: Remember | None = None) -> Callable[[Request], Awaitable[Response]]:
    """``POST /api/language {"language": "en"}``: this session's language, kept in a cookie
    (the guard has checked origin and CSRF token, as for every state change), and handed to
    ``remember`` (the signed-in account's setting)."""

    async def switch(request: Request) -> Response:
        try:
            body = await request.json()
            language = check(str(body.get("language")))
        except (ValueError, AttributeError):
            return JSONResponse({"error": "bad_request", "message": _(
                "Unknown language; choose one of %(languages)s.",
                languages=", ".join(LANGUAGES))}, status_code=400)
        if remember is not None:
            await run_in_threadpool(remember, request, language)
        with using(language):
            response = JSONResponse({"language": language, "message": _(
                "Language: %(name)s", name=LANGUAGES[language])})
        response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, path="/", httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")
        return response

    return switch


def account_memory(ws: Workspace, lock: threading.RLock) -> Remember:
    """Keep the switch's choice with the signed-in account (``users.language``), so that it
    follows the person to another browser; the one-reviewer mode has no account: cookie only."""

    def remember(request: Request, language: str) -> None:
        user = getattr(request.state, "user", None)
        if not isinstance(user, User) or user.via == "single":
            return
        try:
            with lock:
                accounts.set_language(ws, user.name, language, user.name)
        except (InputNotFound, UsageError, AuditChainBroken):
            pass  # the session's cookie still holds the choice; nothing else depends on it

    return remember


# -- the catalogue's upkeep (``make translations``) ---------------------------------------------


def merge(po: Path, fragments: Iterable[Path]) -> list[str]:
    """Merge helpers' PO fragments into the catalogue ``po``: a msgid without a (non-fuzzy)
    translation takes the fragment's; an existing translation stays, and a differing one in a
    fragment is reported; a msgid the catalogue lacks is added (reported: run extraction, it
    may be stale). Returns the report lines; writes ``po`` only when something changed."""
    with po.open("rb") as fh:
        target = read_po(fh, locale="nl", domain=DOMAIN)
    notes: list[str] = []
    changed = False
    for fragment in fragments:
        with fragment.open("rb") as fh:
            source = read_po(fh, locale="nl", domain=DOMAIN)
        for message in source:
            if not message.id or not _translated(message):
                continue
            have = target.get(message.id, message.context)
            if have is None:
                target[message.id] = Message(message.id, message.string, context=message.context,
                                             flags=set(message.flags) - {"fuzzy"})
                notes.append(f"{fragment.name}: added {_short(message.id)} (not extracted yet)")
                changed = True
            elif not _translated(have) or "fuzzy" in have.flags:
                have.string = message.string
                have.flags.discard("fuzzy")
                changed = True
            elif have.string != message.string:
                notes.append(f"{fragment.name}: kept the existing translation of "
                             f"{_short(message.id)}")
    if changed:
        buffer = io.BytesIO()
        write_po(buffer, target, width=0)  # as `pybabel update --no-wrap` writes it
        write_atomic(po, buffer.getvalue())
    return notes


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(isinstance(s, str) and s.strip() for s in strings)


def _short(msgid: object) -> str:
    text = msgid[0] if isinstance(msgid, tuple | list) else str(msgid)
    return repr(text if len(text) <= 60 else text[:57] + "...")


if __name__ == "__main__":  # make merge-translations: python -m redact.review.i18n FRAGMENT.po...
    import sys

    for line in merge(po_path("nl"), [Path(a) for a in sys.argv[1:]]):
        print(line)
