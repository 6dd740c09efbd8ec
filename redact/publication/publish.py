"""``redact publish WS --out DIR``: a request's publication folder, named by document number.

What is written (every name a number or a fixed word; no input name, no workspace path)::

    DIR/documenten/0001.pdf        the redacted PDFs (openbaar, deels openbaar; not opgeschort)
    DIR/inventarislijst.csv/.xlsx  the inventory in the national Woo platform's columns
    DIR/<number>.diwoo.xml, sitemap.xml   DiWoo metadata (``diwoo``)
    DIR/annex...                   the draft decision annex (``annex``)
    DIR/publicatie-manifest.json   numbers, file names and SHA-256 of every file (written last)

Documents are numbered in document id order ("0001"). A published PDF is the output ``apply``
recorded (its hash checked), with the document language (``/Lang``) and a title without personal
data (the redacted description) set. Attachments share their e-mail's number as Family ID,
copies name the first copy as Gerelateerd ID. A document whose output is not made yet (waiting
for decisions or for ``apply``) stops the publication: a request is published whole.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from types import MappingProxyType

import pymupdf

from redact import __version__
from redact.config import Config
from redact.duplicates import group_of
from redact.errors import UsageError, WorkspaceError
from redact.events import Apply, Publish, parse
from redact.files import write_atomic
from redact.grounds import GROUND_CODES, GROUNDS
from redact.inventory import effective_judgement, table_csv, table_xlsx, withhold_records
from redact.outputs import workspace_id
from redact.publication.annex import write_annex
from redact.publication.describe import Describer
from redact.publication.diwoo import write_diwoo
from redact.publication.model import (
    DEELS_OPENBAAR,
    NIET_OPENBAAR,
    OPENBAAR,
    REEDS_OPENBAAR,
    Publication,
    PublicationSettings,
    PublishedDocument,
)
from redact.stages.ingest import sha256_file
from redact.workspace import DocumentRow, JudgementRow, OutputRow, WithheldPage, Workspace, now

DOCUMENTS = "documenten"
MANIFEST = "publicatie-manifest.json"
CSV_NAME = "inventarislijst.csv"
XLSX_NAME = "inventarislijst.xlsx"
FORMAT = "redact-publicatie/1"
COLUMNS = ("ID", "Matter", "Family ID", "Email Thread ID", "Document", "File type", "Datum",
           "Beoordeling", "Opgeschort", "Beoordelingsgrond", "Toelichting", "Publieke link",
           "Gerelateerd ID", "Zaaknummer")
WIDTHS = (8, 14, 10, 14, 48, 10, 12, 16, 11, 20, 40, 30, 14, 16)
PUBLISHED = (OPENBAAR, DEELS_OPENBAAR)  # the judgements whose file is published
FILE_TYPES = {"pdf": "pdf", "email": "e-mail", "image": "afbeelding"}
OFFICE_TYPES = {".doc": "word", ".docx": "word", ".odt": "word", ".rtf": "word",
                ".xls": "excel", ".xlsx": "excel", ".ods": "excel",
                ".ppt": "powerpoint", ".pptx": "powerpoint", ".odp": "powerpoint"}


def document_judgement(doc: DocumentRow, row: JudgementRow | None, redacted: bool,
                       withheld_pages: int) -> str:
    """The one judgement of a document: the inventory's (``effective_judgement``), so that the
    outbox's list and the publication agree."""
    return effective_judgement(doc, row, redacted, withheld_pages)


@dataclass(frozen=True)
class Planned:
    """A publication and where its files come from (not published itself)."""

    publication: Publication
    document_ids: Mapping[str, int]  # number -> workspace document id
    sources: Mapping[str, Path]  # number -> the output apply recorded (published documents)
    expected: Mapping[str, str]  # number -> the sha256 apply recorded for that output


@dataclass(frozen=True)
class PublishSummary:
    folder: Path
    documents: int
    published: int
    judgements: Mapping[str, int]
    files: tuple[str, ...]  # relative names of every file written, the manifest last


# -- building the publication ---------------------------------------------------------------------


def plan_publication(ws: Workspace, settings: PublicationSettings, config: Config) -> Planned:
    """The publication of every current document (skipped ones aside), numbered in id order.
    Raise UsageError when a document waits for decisions or apply."""
    docs = ws.documents(status="scanned")
    outputs, rows, pages = ws.outputs(), ws.judgements(), ws.all_withheld_pages()
    stale = _stale(ws, outputs, rows, pages)
    waiting = [d.id for d in docs if not _without_file(d, rows.get(d.id))
               and (d.id not in outputs or d.id in stale)]
    if waiting:
        raise UsageError(f"{len(waiting)} document(s) wait for decisions or apply (ids "
                         f"{', '.join(map(str, waiting[:20]))}): run decide and apply first")
    width = max(4, len(str(len(docs))))
    numbers = {doc.id: f"{index:0{width}d}" for index, doc in enumerate(docs, start=1)}
    accepted, applied, withholds = ws.accepted_grounds(), _applies(ws), withhold_records(ws)
    describe = Describer(ws, config)
    first_of: dict[str, int] = {}
    documents, sources, expected = [], {}, {}
    for doc in docs:
        number, row, withheld = numbers[doc.id], rows.get(doc.id), pages.get(doc.id, {})
        verdict = document_judgement(doc, row, doc.id in accepted, len(withheld))
        suspended = row is not None and row.suspended
        publish = verdict in PUBLISHED and not suspended and doc.id in outputs
        if publish:
            sources[number], expected[number] = Path(outputs[doc.id].path), outputs[doc.id].sha256
        grounds = set(accepted.get(doc.id, ())) | {p.ground for p in withheld.values()}
        grounds |= set(row.grounds if row is not None else ())
        grounds |= set(withholds[doc.id].grounds if doc.id in withholds else ())
        related = doc.duplicate_of if doc.duplicate_of in numbers else first_of.get(doc.sha256)
        first_of.setdefault(doc.sha256, doc.id)
        documents.append(PublishedDocument(
            number=number, file_name=f"{number}.pdf" if publish else None,
            description=describe(doc, _subject(doc)), file_type=_file_type(doc),
            date=_date(doc), judgement=verdict, suspended=suspended,
            grounds=tuple(sorted(grounds)),
            explanation=_explanation(doc, row, numbers, related, withheld, describe),
            public_link=row.public_link if row is not None and verdict == REEDS_OPENBAAR else None,
            family_id=_family(doc, docs, numbers), thread_id=_thread(ws, doc, numbers),
            related_id=numbers[related] if related is not None else None, sha256=None,
            pages=doc.page_count,
            withheld_pages=MappingProxyType({p: w.ground for p, w in sorted(withheld.items())}),
            redactions=MappingProxyType(dict(applied.get(doc.id, {})))))
    motivations = MappingProxyType({code: config.motivation(code) for code in GROUND_CODES})
    publication = Publication(settings, tuple(documents), now(), motivations)
    ids = {numbers[doc.id]: doc.id for doc in docs}
    return Planned(publication, MappingProxyType(ids), MappingProxyType(sources),
                   MappingProxyType(expected))


def _without_file(doc: DocumentRow, row: JudgementRow | None) -> bool:
    """Whether a document is complete without an output (withheld whole, or already public)."""
    return doc.withheld or (row is not None and row.judgement in (NIET_OPENBAAR, REEDS_OPENBAAR))


def _stale(ws: Workspace, outputs: Mapping[int, OutputRow], rows: Mapping[int, JudgementRow],
           pages: Mapping[int, Mapping[int, WithheldPage]]) -> set[int]:
    """Documents whose output is not the one to publish: a proposal still pending, or a
    decision, judgement or withheld page made after the output was."""
    stale: set[int] = set()
    for p in ws.proposal_digest():
        done = outputs.get(p.document_id)
        if done is None:
            continue
        if (p.proposed and p.status == "pending") or (p.decided_at or "") > done.applied_at:
            stale.add(p.document_id)
    for doc_id, done in outputs.items():
        row, withheld = rows.get(doc_id), pages.get(doc_id, {})
        if (row is not None and row.at > done.applied_at) or any(
                page.at > done.applied_at for page in withheld.values()):
            stale.add(doc_id)
    return stale


def _applies(ws: Workspace) -> dict[int, dict[str, int]]:
    """Per document, the boxes per ground of its latest apply."""
    found: dict[int, dict[str, int]] = {}
    for record in ws.audit_records():
        event = parse(record)
        if isinstance(event, Apply):
            found[event.document] = dict(event.boxes_per_ground)
    return found


def _subject(doc: DocumentRow) -> str | None:
    """An e-mail's subject: a better title than its file name (redacted all the same)."""
    subject = doc.meta.get("subject") if doc.kind == "email" else None
    return subject.strip() if isinstance(subject, str) and subject.strip() else None


def _file_type(doc: DocumentRow) -> str:
    if doc.kind == "office":
        return OFFICE_TYPES.get(PurePosixPath(doc.name).suffix.lower(), "document")
    return FILE_TYPES.get(doc.kind, "document")


def _date(doc: DocumentRow) -> str | None:
    """The document's own date where it carries one (an e-mail's Date header), ISO."""
    raw = doc.meta.get("date")
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return raw[:10] if len(raw) >= 10 and raw[4] == "-" and raw[:4].isdigit() else None


def _explanation(doc: DocumentRow, row: JudgementRow | None, numbers: Mapping[int, str],
                 related: int | None, withheld: Mapping[int, object],
                 describe: Describer) -> str:
    """Toelichting: family and copies by number, withheld pages, the officer's motivation
    (its values replaced), the standard label of each ground of a document withheld whole."""
    parts = []
    if doc.parent_id is not None and doc.parent_id in numbers:
        parts.append(f"bijlage bij {numbers[doc.parent_id]}")
    if related is not None:
        kind = "dubbel (geciteerd)" if doc.duplicate_kind == "quoted" else "dubbel"
        parts.append(f"{kind} van {numbers[related]}")
    if withheld:
        parts.append(f"pagina {', '.join(map(str, sorted(withheld)))} niet openbaar")
    if row is not None and row.suspended:
        parts.append("opgeschort (zienswijze derde)")
    if row is not None and row.motivation.strip():
        parts.append(describe.text(doc, row.motivation))
    elif row is not None and row.grounds:
        parts.append("; ".join(GROUNDS[g].label_nl for g in row.grounds if g in GROUNDS))
    return "; ".join(part for part in parts if part)


def _family(doc: DocumentRow, docs: Sequence[DocumentRow], numbers: Mapping[int, str]) -> str | None:
    """An e-mail and its attachments share the e-mail's number."""
    if doc.parent_id is not None and doc.parent_id in numbers:
        return numbers[doc.parent_id]
    if any(other.parent_id == doc.id for other in docs):
        return numbers[doc.id]
    return None


def _thread(ws: Workspace, doc: DocumentRow, numbers: Mapping[int, str]) -> str | None:
    """An e-mail's thread: the first e-mail of those that quote each other (or itself)."""
    if doc.kind != "email":
        return None
    members = [d for d in group_of(ws, doc.id) if d in numbers and ws.document(d).kind == "email"]
    return numbers[min(members)] if members else numbers[doc.id]


# -- writing it out -------------------------------------------------------------------------------


def accessible_copy(pdf: bytes, title: str, language: str) -> bytes:
    """``pdf`` with its language (catalog /Lang) and title (Info and a viewer that shows it) set;
    no other metadata (apply scrubbed it; an XMP packet would carry an older title)."""
    if LANGUAGE_TAG.fullmatch(language) is None:
        raise UsageError(f"publication settings: language {language!r} is not a language tag")
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        doc.set_metadata({"title": title})
        doc.del_xml_metadata()
        catalog = doc.pdf_catalog()
        doc.xref_set_key(catalog, "Lang", f"({language})")
        doc.xref_set_key(catalog, "ViewerPreferences", "<</DisplayDocTitle true>>")
        return bytes(doc.tobytes(garbage=1, deflate=True))


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as /Lang wants it


def write_publication(ws: Workspace, planned: Planned, out_dir: Path) -> PublishSummary:
    """Write every file of ``planned`` into ``out_dir``, then the manifest; remove what an
    earlier publication left there that is no longer part of it; audit it."""
    _check_folder(out_dir)
    pub = planned.publication
    documents: list[PublishedDocument] = []
    hashes: dict[str, str] = {}
    for doc in pub.documents:
        if doc.file_name is not None:
            source = planned.sources[doc.number]
            if not source.is_file() or sha256_file(source) != planned.expected[doc.number]:
                raise WorkspaceError(f"document {planned.document_ids[doc.number]}: its output "
                                     "is missing or differs from the one apply recorded")
            data = accessible_copy(source.read_bytes(), doc.description, pub.settings.language)
            _write(out_dir, f"{DOCUMENTS}/{doc.file_name}", data, hashes)
            doc = replace(doc, sha256=hashlib.sha256(data).hexdigest())
        documents.append(doc)
    pub = Publication(pub.settings, tuple(documents), pub.created_at, pub.motivations)
    rows = [inventory_cells(pub, doc) for doc in pub.documents]
    _write(out_dir, XLSX_NAME, table_xlsx(COLUMNS, rows, "Inventarislijst", WIDTHS), hashes)
    _write(out_dir, CSV_NAME, table_csv(COLUMNS, rows), hashes)
    for path in [*write_diwoo(pub, out_dir), *write_annex(pub, out_dir)]:
        hashes[path.relative_to(out_dir).as_posix()] = sha256_file(path)
    manifest = manifest_data(ws, pub, planned, hashes)
    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    _remove_stale(out_dir, set(hashes))
    write_atomic(out_dir / MANIFEST, data)
    counts: dict[str, int] = {}
    for doc in pub.documents:
        counts[doc.judgement] = counts.get(doc.judgement, 0) + 1
    published = sum(doc.file_name is not None for doc in pub.documents)
    with ws.transaction():
        ws.audit(Publish(str(out_dir.resolve()), len(pub.documents), published, counts,
                         hashlib.sha256(data).hexdigest()))
    return PublishSummary(out_dir, len(pub.documents), published, MappingProxyType(counts),
                          (*sorted(hashes), MANIFEST))


def _write(out_dir: Path, name: str, data: bytes, hashes: dict[str, str]) -> None:
    """Write ``out_dir/name`` and note its hash under ``name``."""
    target = out_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    hashes[name] = hashlib.sha256(data).hexdigest()


def _check_folder(out_dir: Path) -> None:
    """``out_dir`` is new, empty, or an earlier publication (which is replaced)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MANIFEST).is_file():
        raise UsageError(f"{out_dir} holds files and no {MANIFEST}: choose a new or empty folder")
    out_dir.mkdir(parents=True, exist_ok=True)


def _remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Files an earlier publication wrote (its manifest's) that this one did not write again."""
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return
    try:
        earlier = json.loads(manifest.read_text("utf-8"))
    except ValueError:
        earlier = {}
    for entry in earlier.get("files", ()) if isinstance(earlier, dict) else ():
        name = entry.get("path") if isinstance(entry, dict) else None
        if isinstance(name, str) and name not in keep and "/.." not in f"/{name}":
            (out_dir / name).unlink(missing_ok=True)


def inventory_cells(pub: Publication, doc: PublishedDocument) -> tuple[str, ...]:
    """One row of the platform's inventory (``COLUMNS``)."""
    return (doc.number, pub.settings.matter, doc.family_id or "", doc.thread_id or "",
            doc.description, doc.file_type, doc.date or "", doc.judgement,
            "ja" if doc.suspended else "nee", "; ".join(doc.grounds), doc.explanation,
            doc.public_link or "", doc.related_id or "", pub.settings.case_number)


def manifest_data(ws: Workspace, pub: Publication, planned: Planned,
                  hashes: Mapping[str, str]) -> dict[str, object]:
    """Numbers, file names and hashes; the workspace as an identity and an audit anchor."""
    seq, head = ws.audit_head()
    settings = pub.settings
    return {
        "format": FORMAT, "tool_version": __version__, "created_at": pub.created_at,
        "workspace_id": workspace_id(ws.root), "audit_seq": seq, "audit_head": head,
        "settings": {"publisher_label": settings.publisher_label,
                     "request_title": settings.request_title, "matter": settings.matter,
                     "case_number": settings.case_number},
        "documents": [{"number": doc.number, "document": planned.document_ids[doc.number],
                       "file": None if doc.file_name is None else f"{DOCUMENTS}/{doc.file_name}",
                       "sha256": doc.sha256, "judgement": doc.judgement,
                       "suspended": doc.suspended} for doc in pub.documents],
        "files": [{"path": name, "sha256": digest} for name, digest in sorted(hashes.items())],
    }
