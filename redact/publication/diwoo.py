"""DiWoo metadata (KOOP, schema 0.9.8) for every published document, and the sitemap.

DiWoo is a sitemap extension: the Woo-index harvests ``sitemap.xml``, whose every
``urlset/url`` holds the document's address (``loc``: ``base_url`` + ``documenten/0001.pdf``,
or that path alone, relative to the sitemap, when the settings give no base URL) and its metadata
(``diwoo:Document/diwoo:DiWoo``). The same metadata is also written per document as
``<number>.diwoo.xml`` (root ``diwoo:Document``), so one record can be read or checked alone.

Published means: a file is published (``file_name`` set) and publication is not deferred
(opgeschort). Niet openbaar and reeds openbaar documents have no file and get no record.

Every text comes from the :class:`~redact.publication.model.Publication` (redacted descriptions,
the settings file); the TOOI values are checked here against the lists of the schema
(``diwoo-metadata-lijsten.xsd``) so that a wrong settings value is refused before anything is
written. The tests validate the output against the vendored XSD (tests/data/diwoo/).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType

from redact.errors import UsageError
from redact.files import sync_files, write_atomic
from redact.publication.model import (
    DOCUMENTS_FOLDER,
    Publication,
    PublicationSettings,
    PublishedDocument,
)

DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_NAME = "sitemap.xml"
RECORD_SUFFIX = ".diwoo.xml"
# The sitemap protocol allows 50,000 URLs per file; more go in numbered files behind an index.
SITEMAP_LIMIT = 50_000

_TOOI = "https://identifier.overheid.nl/tooi/def/thes/kern/"
_EU = "http://publications.europa.eu/resource/authority/"
ORGANISATION_PREFIX = "https://identifier.overheid.nl/tooi/id/"

# scw_woo_informatiecategorieen (diwoo-metadata-lijsten.xsd 0.9.8): URI -> label.
INFORMATION_CATEGORIES: Mapping[str, str] = MappingProxyType({
    _TOOI + "c_3baef532": "Woo-verzoeken en -besluiten",
    _TOOI + "c_99a836c7": "adviezen",
    _TOOI + "c_3a248e3a": "agenda’s en besluitenlijsten bestuurscolleges",
    _TOOI + "c_89ee6784": "bereikbaarheidsgegevens",
    _TOOI + "c_46a81018": "beschikkingen",
    _TOOI + "c_8c840238": "bij vertegenwoordigende organen ingekomen stukken",
    _TOOI + "c_8fc2335c": "convenanten",
    _TOOI + "c_816e508d": "inspanningsverplichting art 3.1 Woo",
    _TOOI + "c_c6cd1213": "jaarplannen en jaarverslagen",
    _TOOI + "c_a870c43d": "klachtoordelen",
    _TOOI + "c_fdaee95e": "onderzoeksrapporten",
    _TOOI + "c_759721e2": "ontwerpen van wet- en regelgeving met adviesaanvraag",
    _TOOI + "c_40a05794": "organisatie en werkwijze",
    _TOOI + "c_aab6bfc7": "overige besluiten van algemene strekking",
    _TOOI + "c_cf268088": "subsidieverplichtingen anders dan met beschikking",
    _TOOI + "c_c76862ab": "vergaderstukken Staten-Generaal",
    _TOOI + "c_db4862c3": "vergaderstukken decentrale overheden",
    _TOOI + "c_139c6280": "wetten en algemeen verbindende voorschriften",
})

# ccw_plooi_documenthandelingen: URI -> label.
HANDLINGS: Mapping[str, str] = MappingProxyType({
    _TOOI + "c_e1ec050e": "ondertekening",
    _TOOI + "c_dfcee535": "ontvangst",
    _TOOI + "c_641ecd76": "vaststelling",
})

# scw_talen, for the languages a Dutch body publishes in: the settings' language tag -> (URI, label).
LANGUAGES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "nl": (_EU + "language/NLD", "Nederlands"),
    "fy": (_EU + "language/FRY", "Fries"),
    "en": (_EU + "language/ENG", "Engels"),
    "de": (_EU + "language/DEU", "Duits"),
    "fr": (_EU + "language/FRA", "Frans"),
    "pap": ("https://identifier.overheid.nl/tooi/def/thes/xtrn/PAP-CW", "Papiamentu"),
})

PDF_FORMAT = (_EU + "file-type/PDF", "PDF")
HAS_ATTACHMENT = (_TOOI + "c_05f4a5f3", "heeft bijlage")  # scw_documentrelatie

# XML 1.0 refuses these characters; a description extracted from a PDF may hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("diwoo", DIWOO_NS)


def _d(tag: str) -> str:
    return f"{{{DIWOO_NS}}}{tag}"


def _s(tag: str) -> str:
    return f"{{{SITEMAP_NS}}}{tag}"


def _text(value: str) -> str:
    return _NOT_XML.sub(" ", value).strip()


def _sub(parent: ET.Element, tag: str, text: str | None = None, resource: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, _d(tag), {"resource": resource} if resource is not None else {})
    if text is not None:
        element.text = _text(text)
    return element


def is_published(document: PublishedDocument) -> bool:
    """Whether ``document`` gets a DiWoo record: a file is published and not deferred."""
    return document.file_name is not None and not document.suspended


def _datetime(value: str, what: str) -> str:
    """An ISO datetime as xs:dateTime wants it (seconds, a zone; UTC where none is given)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"DiWoo: {what} {value!r} is not an ISO date and time") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def _date(value: str | None) -> str | None:
    """The document's date as xs:date, or None where it is not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def check_settings(settings: PublicationSettings) -> None:
    """Refuse settings that would make invalid DiWoo metadata (values outside the TOOI lists)."""
    if not settings.publisher_uri.startswith(ORGANISATION_PREFIX):
        raise UsageError(f"DiWoo: publisher_uri {settings.publisher_uri!r} is no TOOI organisation "
                         f"(expected {ORGANISATION_PREFIX}...)")
    if settings.information_category not in INFORMATION_CATEGORIES:
        raise UsageError(f"DiWoo: information_category {settings.information_category!r} is not "
                         "in the Woo information categories (TOOI scw_woo_informatiecategorieen)")
    if settings.handling not in HANDLINGS:
        raise UsageError(f"DiWoo: handling {settings.handling!r} is not a TOOI document handling "
                         f"({', '.join(HANDLINGS.values())})")
    if _language(settings) is None:
        raise UsageError(f"DiWoo: language {settings.language!r} is not one of "
                         f"{', '.join(sorted(LANGUAGES))}")


def _language(settings: PublicationSettings) -> tuple[str, str] | None:
    return LANGUAGES.get(settings.language.split("-")[0].lower())


def location(settings: PublicationSettings, name: str) -> str:
    """Where a file of the publication folder will be served: ``base_url`` + its path in the
    folder, or that path alone (relative to the sitemap) when no base URL is set."""
    if not settings.base_url:
        return name
    return settings.base_url.rstrip("/") + "/" + name


def document_location(settings: PublicationSettings, document: PublishedDocument) -> str:
    """Where a published document's PDF will be served (``documenten/0001.pdf``)."""
    assert document.file_name is not None
    return location(settings, f"{DOCUMENTS_FOLDER}/{document.file_name}")


def _summary(document: PublishedDocument) -> str:
    text = f"Beoordeling: {document.judgement}"
    if document.grounds:
        text += "; informatie weggelaten op grond van artikel " + ", ".join(document.grounds) + " Woo"
    return text + "."


def attachments_of(documents: Sequence[PublishedDocument]) -> dict[str, list[PublishedDocument]]:
    """E-mail number -> its published attachments (the documents of its family but itself)."""
    found: dict[str, list[PublishedDocument]] = {}
    for document in documents:
        if is_published(document) and document.family_id not in (None, document.number):
            found.setdefault(str(document.family_id), []).append(document)
    return found


def diwoo_block(publication: Publication, document: PublishedDocument,
                attachments: Sequence[PublishedDocument] = ()) -> ET.Element:
    """The ``diwoo:Document`` element for one published document (``attachments``: its
    published attachments, related as "heeft bijlage")."""
    settings = publication.settings
    root = ET.Element(_d("Document"))
    meta = _sub(root, "DiWoo")
    _sub(_sub(meta, "identifiers"), "identifier", f"{settings.matter}/{document.number}")
    _sub(meta, "publisher", settings.publisher_label, settings.publisher_uri)
    title = _text(document.description) or f"Document {document.number}"
    _sub(_sub(meta, "titelcollectie"), "officieleTitel", title)
    _sub(_sub(meta, "omschrijvingen"), "omschrijving", _summary(document))
    categories = _sub(_sub(meta, "classificatiecollectie"), "informatiecategorieen")
    _sub(categories, "informatiecategorie", INFORMATION_CATEGORIES[settings.information_category],
         settings.information_category)
    created = _date(document.date)
    if created is not None:
        _sub(meta, "creatiedatum", created)
    language = _language(settings)
    if language is not None:
        _sub(meta, "language", language[1], language[0])
    _sub(meta, "format", PDF_FORMAT[1], PDF_FORMAT[0])
    _sub(meta, "aggregatiekenmerk", settings.matter)
    handling = _sub(_sub(meta, "documenthandelingen"), "documenthandeling")
    _sub(handling, "soortHandeling", HANDLINGS[settings.handling], settings.handling)
    _sub(handling, "atTime", _datetime(settings.handled_at or publication.created_at, "handled_at"))
    if attachments:
        relations = _sub(meta, "documentrelaties")
        for attachment in attachments:
            relation = _sub(relations, "documentrelatie")
            _sub(relation, "role", HAS_ATTACHMENT[1], HAS_ATTACHMENT[0])
            _sub(relation, "relation", attachment.description, document_location(settings, attachment))
    return root


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _urlset(publication: Publication, documents: Sequence[PublishedDocument],
            attachments: Mapping[str, Sequence[PublishedDocument]]) -> ET.Element:
    urlset = ET.Element(_s("urlset"))
    lastmod = _datetime(publication.created_at, "created_at")
    for document in documents:
        url = ET.SubElement(urlset, _s("url"))
        ET.SubElement(url, _s("loc")).text = document_location(publication.settings, document)
        ET.SubElement(url, _s("lastmod")).text = lastmod
        url.append(diwoo_block(publication, document, attachments.get(document.number, ())))
    return urlset


def _sitemaps(publication: Publication, documents: Sequence[PublishedDocument],
              attachments: Mapping[str, Sequence[PublishedDocument]]) -> dict[str, ET.Element]:
    """File name -> root: one ``sitemap.xml``, or an index over numbered parts past the limit."""
    if len(documents) <= SITEMAP_LIMIT:
        return {SITEMAP_NAME: _urlset(publication, documents, attachments)}
    parts = {f"sitemap-{i + 1:04d}.xml":
             _urlset(publication, documents[start:start + SITEMAP_LIMIT], attachments)
             for i, start in enumerate(range(0, len(documents), SITEMAP_LIMIT))}
    index = ET.Element(_s("sitemapindex"))
    for name in parts:
        entry = ET.SubElement(index, _s("sitemap"))
        ET.SubElement(entry, _s("loc")).text = location(publication.settings, name)
        ET.SubElement(entry, _s("lastmod")).text = _datetime(publication.created_at, "created_at")
    return {SITEMAP_NAME: index, **parts}


def write_diwoo(publication: Publication, out_dir: Path) -> list[Path]:
    """Write one DiWoo record per published document and ``sitemap.xml``; return the paths.

    Raises :class:`UsageError` when a settings value lies outside the TOOI lists.
    """
    check_settings(publication.settings)
    documents = [d for d in publication.documents if is_published(d)]
    # everything is built before anything is written: a bad value leaves no half a set behind
    attachments = attachments_of(documents)
    files = {f"{d.number}{RECORD_SUFFIX}":
             _serialise(diwoo_block(publication, d, attachments.get(d.number, ()))) for d in documents}
    files.update((name, _serialise(root))
                 for name, root in _sitemaps(publication, documents, attachments).items())
    written: list[Path] = []
    for name, data in files.items():
        write_atomic(out_dir / name, data, durable=False)
        written.append(out_dir / name)
    sync_files(out_dir)  # one flush for them all
    return written
