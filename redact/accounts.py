"""The review team's accounts: who may sign in to the review page, and in which role.

Accounts live in the workspace (table ``users``), so that the team, its decisions and its audit
trail travel together. A password is stored only as an argon2id hash (argon2-cffi's
``PasswordHasher`` with its defaults, RFC 9106's second recommendation); the password itself is
never stored, logged or written to the audit trail, and neither is its hash. An account without
a password signs in only through the organisation's single sign-on proxy (``review.sso_header``
in the configuration).

Roles: a *beoordelaar* decides proposals; a *controleur* decides too, and approves a colleague's
work when four eyes is on. Every change to an account is an audit event (``UserAdded``,
``UserChanged``, ``UserRemoved``) naming who made it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from redact.config import LANGUAGES
from redact.errors import InputNotFound, UsageError
from redact.events import UserAdded, UserChanged, UserRemoved
from redact.workspace import UserRow, Workspace

Role = Literal["beoordelaar", "controleur"]
ROLES: tuple[Role, ...] = ("beoordelaar", "controleur")
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1_024  # hashing is deliberately slow: a megabyte "password" is refused
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Checked when a name has no account (or no password), so that a wrong name takes as long
    as a wrong password and the answer's timing does not tell which names exist."""
    return _HASHER.hash("not a password of anyone's")


def check_name(name: str) -> str:
    """A user name: 1-64 letters, digits and ``. _ @ -``, starting with a letter or digit
    (it appears in the audit trail, the logs and the page header)."""
    if not NAME.fullmatch(name):
        raise UsageError(f"invalid user name {name!r}: use 1 to 64 letters, digits and . _ @ -, "
                         "starting with a letter or digit")
    return name


def check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise UsageError(f"unknown role {role!r}: use {' or '.join(ROLES)}")


def check_password(name: str, password: str) -> str:
    """At least 12 characters (a passphrase of a few words is the idea), not the name itself."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise UsageError(f"the password must be at least {MIN_PASSWORD_CHARS} characters long")
    if len(password) > MAX_PASSWORD_CHARS:
        raise UsageError(f"the password must be at most {MAX_PASSWORD_CHARS} characters long")
    if password.strip().lower() == name.lower():
        raise UsageError("the password must not be the user name")
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


# -- changing accounts (each in one transaction, with its audit event) ---------------------------


def add_user(ws: Workspace, name: str, role: str, password: str | None, operator: str) -> UserRow:
    """A new account; ``password`` None: single sign-on only."""
    check_name(name)
    checked = check_role(role)
    hashed = None if password is None else hash_password(check_password(name, password))
    with ws.transaction():
        if ws.user(name) is not None:
            raise UsageError(f"there is already an account {name!r}")
        ws.insert_user(name, checked, hashed)
        ws.audit(UserAdded(name, checked, password is None, operator))
    return _existing(ws, name)


def set_password(ws: Workspace, name: str, password: str, operator: str) -> UserRow:
    hashed = hash_password(check_password(name, password))
    with ws.transaction():
        row = _existing(ws, name)
        ws.update_user(name, password=hashed)
        ws.audit(UserChanged(name, "password", row.role, operator))
    return _existing(ws, name)


def set_role(ws: Workspace, name: str, role: str, operator: str) -> UserRow:
    checked = check_role(role)
    with ws.transaction():
        _existing(ws, name)
        ws.update_user(name, role=checked)
        ws.audit(UserChanged(name, "role", checked, operator))
    return _existing(ws, name)


def set_active(ws: Workspace, name: str, active: bool, operator: str) -> UserRow:
    """Disable an account (it can no longer sign in; its sessions end at their next request)
    or enable it again."""
    with ws.transaction():
        row = _existing(ws, name)
        ws.update_user(name, active=active)
        ws.audit(UserChanged(name, "enabled" if active else "disabled", row.role, operator))
    return _existing(ws, name)


def set_language(ws: Workspace, name: str, language: str | None, operator: str) -> UserRow:
    """The language the review speaks to this account (nl | en; None: the configuration's),
    as the switch in the page header sets it."""
    if language is not None and language not in LANGUAGES:
        raise UsageError(f"language must be one of {', '.join(LANGUAGES)}")
    with ws.transaction():
        row = _existing(ws, name)
        ws.set_user_language(name, language)
        ws.audit(UserChanged(name, "language", row.role, operator))
    return _existing(ws, name)


def remove_user(ws: Workspace, name: str, operator: str) -> None:
    """Delete an account; the decisions it made keep the name."""
    with ws.transaction():
        _existing(ws, name)
        ws.delete_user(name)
        ws.audit(UserRemoved(name, operator))


# -- reading -------------------------------------------------------------------------------------


def list_users(ws: Workspace) -> list[UserRow]:
    return ws.users()


def has_accounts(ws: Workspace) -> bool:
    """Whether the review needs a sign-in: at least one active account."""
    return ws.active_user_count() > 0


def active_user(ws: Workspace, name: str) -> UserRow | None:
    """The account ``name`` when it exists and is active (the single sign-on proxy's user)."""
    row = ws.user(name)
    return row if row is not None and row.active else None


def authenticate(ws: Workspace, name: str, password: str) -> UserRow | None:
    """The active account when ``password`` is its password, else None. Takes about as long
    for an unknown name, a disabled account or a wrong password."""
    return verify(lookup(ws, name), password)


def lookup(ws: Workspace, name: str) -> UserRow | None:
    """The account of a name as typed in the sign-in form (None for a name that cannot be one)."""
    return ws.user(name) if NAME.fullmatch(name) else None


def verify(row: UserRow | None, password: str) -> UserRow | None:
    """``row`` when it is active and ``password`` is its password, else None; the slow part of
    :func:`authenticate`, which needs no workspace (the review runs it outside its lock)."""
    stored = row.password if row is not None and row.active and row.password else None
    try:
        _HASHER.verify(stored or _dummy_hash(), password[:MAX_PASSWORD_CHARS])
    except (VerificationError, InvalidHashError):
        return None
    return row if stored else None


def _existing(ws: Workspace, name: str) -> UserRow:
    row = ws.user(name)
    if row is None:
        raise InputNotFound(f"no account {name!r}")
    return row
