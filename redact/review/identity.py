"""Who is behind a request of the review application.

The sign-in gate (``redact.review.auth``) sets ``request.state.user`` on every request that it
lets through: the signed-in account, the account named by the single sign-on proxy, or, when
the workspace has no accounts and no single sign-on is configured, the one reviewer the server
was started for (``redact review --reviewer``), as a controleur.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from starlette.requests import Request

from redact.accounts import ROLES, Role

__all__ = ["ROLES", "NotSignedIn", "Role", "User", "Via", "current"]

# How the user came to be known: a sign-in form, the proxy's header, or the one-reviewer mode.
Via = Literal["session", "sso", "single"]


@dataclass(frozen=True)
class User:
    """A reviewer: the name every decision records, and the role four eyes asks about."""

    name: str
    role: str  # "beoordelaar" | "controleur" (``ROLES``)
    via: Via = "single"

    @property
    def controleur(self) -> bool:
        return self.role == "controleur"

    @property
    def can_sign_out(self) -> bool:
        """Only a session can be ended here; the proxy's sign-on is the proxy's to end."""
        return self.via == "session"


class NotSignedIn(RuntimeError):
    """A handler ran without the gate in front of it: a programming error, never a user's."""


def current(request: Request) -> User:
    """The user of this request, as the sign-in gate set it."""
    user = getattr(request.state, "user", None)
    if not isinstance(user, User):
        raise NotSignedIn("no user on this request: the sign-in gate did not run")
    return user
