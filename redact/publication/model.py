"""The records a publication is made of (frozen; filled from the workspace by ``publish``).

Every text in them is published: a description is derived from the redacted text (accepted values
replaced by their ground, e.g. ``[5.1.2e]``), never from an input's file name as it came in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from redact.errors import UsageError

# Beoordeling, as the national Woo platform and the inventarislijst spell it.
OPENBAAR = "openbaar"
DEELS_OPENBAAR = "deels openbaar"
NIET_OPENBAAR = "niet openbaar"
REEDS_OPENBAAR = "reeds openbaar"
JUDGEMENTS = (OPENBAAR, DEELS_OPENBAAR, NIET_OPENBAAR, REEDS_OPENBAAR)

# The folder of a publication that holds the PDFs (``documenten/0001.pdf``): publish writes them
# there, the sitemap and the annex name them so.
DOCUMENTS_FOLDER = "documenten"

# TOOI values (from ../shared/woo-standards/diwoo-metadata-lijsten.xsd).
# Woo-verzoeken en -besluiten
WOO_REQUESTS_CATEGORY = "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532"


@dataclass(frozen=True)
class PublishedDocument:
    """One document of the request as it is published (or listed as not published)."""

    number: str  # the published ID, e.g. "0001"; the file is named after it
    file_name: str | None  # "0001.pdf"; None when nothing is published (niet openbaar, reeds openbaar)
    description: str  # redacted: no personal data (the "Document" column, the DiWoo title)
    file_type: str  # "pdf", "e-mail", "word", "afbeelding", ...
    date: str | None  # ISO date of the document, when known
    judgement: str  # one of JUDGEMENTS
    suspended: bool  # opgeschort: publication waits for a third party's zienswijze
    grounds: tuple[str, ...]  # every ground applied in it (boxes, withheld pages, the document)
    explanation: str  # Toelichting
    public_link: str | None  # reeds openbaar: where it already is
    family_id: str | None  # an e-mail and its attachments share one (the e-mail's number)
    thread_id: str | None  # an e-mail thread shares one
    related_id: str | None  # dubbel: the number of the first copy
    sha256: str | None  # of the published file
    pages: int
    withheld_pages: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))  # page -> ground
    redactions: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))  # ground -> boxes


@dataclass(frozen=True)
class PublicationSettings:
    """The per-request settings file (``publish --settings FILE``): who publishes what."""

    publisher_uri: str  # a TOOI resource URI, e.g. https://identifier.overheid.nl/tooi/id/gemeente/gm0363
    publisher_label: str  # "Gemeente Amsterdam"
    request_title: str  # the Woo request as published, e.g. "Woo-besluit over ..." (no personal data)
    matter: str  # the platform's "Matter" column (a request number)
    case_number: str  # Zaaknummer
    information_category: str = WOO_REQUESTS_CATEGORY
    # soortHandeling (TOOI); the default is checked against the lists in tests
    handling: str = "https://identifier.overheid.nl/tooi/def/thes/kern/c_dfcee535"
    handled_at: str | None = None  # ISO datetime of the handling; default: the publication time
    base_url: str = ""  # where the files will be served (sitemap <loc>); relative names when empty
    language: str = "nl-NL"

    @classmethod
    def load(cls, path: Path) -> PublicationSettings:
        """Read and check a settings file (JSON with the field names above)."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"publication settings {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise UsageError(f"publication settings {path}: not a JSON object")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise UsageError(f"publication settings {path}: unknown field(s) {', '.join(unknown)}")
        required = ("publisher_uri", "publisher_label", "request_title", "matter", "case_number")
        missing = [k for k in required if not isinstance(data.get(k), str) or not data[k].strip()]
        if missing:
            raise UsageError(f"publication settings {path}: missing {', '.join(missing)}")
        if not all(isinstance(v, str) or v is None for v in data.values()):
            raise UsageError(f"publication settings {path}: every value is a text")
        return cls(**data)


@dataclass(frozen=True)
class Publication:
    """A whole request, ready to be written out."""

    settings: PublicationSettings
    documents: tuple[PublishedDocument, ...]
    created_at: str  # ISO datetime (UTC)
    # The standard motivation per ground as the organisation configured it (Config.motivation);
    # a ground without one here uses grounds.py's text.
    motivations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
