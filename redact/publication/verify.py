"""``redact verify DIR`` on a publication folder (one that holds ``publicatie-manifest.json``).

Without the workspace: every file name is a number or a fixed word, every file the manifest lists
is there with its SHA-256, and nothing else is there. With it (``--workspace WS``) also: each PDF
passes the per-PDF checks of an outbox (its accepted text gone, boxes burned in, hidden channels
empty; only a title is allowed as metadata, and it holds no accepted value), and no other
published text (CSV, XLSX cells, XML, HTML, JSON, the annex PDF, every PDF title) holds an
accepted value of the request. A value the manifest's settings texts hold (a publisher "Gemeente
Deventer" while "Deventer" was accepted in an address) is the publisher's own and not searched.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pymupdf

from redact.errors import InputNotFound, WorkspaceError
from redact.outputs import verify_output
from redact.publication.annex import HTML_NAME, PDF_NAME
from redact.publication.describe import contains_value
from redact.publication.diwoo import RECORD_SUFFIX, SITEMAP_NAME
from redact.publication.publish import CSV_NAME, DOCUMENTS, MANIFEST, XLSX_NAME
from redact.stages.ingest import sha256_file
from redact.stages.verify import Problem
from redact.workspace import Workspace

FIXED_NAMES = frozenset({CSV_NAME, XLSX_NAME, MANIFEST, SITEMAP_NAME, HTML_NAME, PDF_NAME})
NUMBERED = re.compile(r"\d{4,}(" + re.escape(RECORD_SUFFIX) + r"|\.pdf)|sitemap-\d{4,}\.xml")
DOCUMENT_NAME = re.compile(re.escape(DOCUMENTS) + r"/\d{4,}\.pdf")
ALLOWED_METADATA = frozenset({"title"})


def is_publication(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def read_publication_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise InputNotFound(f"{folder} holds no {MANIFEST}: not a folder written by redact publish")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except ValueError as exc:
        raise WorkspaceError(f"{path} is not valid JSON") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise WorkspaceError(f"{path} is not a publication manifest")
    return manifest


def allowed_name(name: str) -> bool:
    """A published file's name (relative, ``/``): a number, or one of the fixed words."""
    return name in FIXED_NAMES or NUMBERED.fullmatch(name) is not None or (
        DOCUMENT_NAME.fullmatch(name) is not None)


def check_files(folder: Path, manifest: Mapping[str, Any]) -> list[Problem]:
    """Names, presence and hashes: what can be checked without the workspace."""
    problems = []
    listed: dict[str, str] = {}
    for entry in manifest["files"]:
        name, digest = str(entry.get("path", "")), str(entry.get("sha256", ""))
        listed[name] = digest
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    for name in sorted(present | set(listed)):
        label = name if allowed_name(name) else "(a file)"  # a bad name may be personal data
        if not allowed_name(name):
            problems.append(Problem(label, "name", "file name is not a number or a fixed name"))
            continue  # not opened: a listed name could point outside the folder
        if name == MANIFEST:
            continue
        if name not in listed:
            problems.append(Problem(label, "file", "not listed in the manifest"))
        elif name not in present:
            problems.append(Problem(label, "file", "listed in the manifest, but missing"))
        elif sha256_file(folder / name) != listed[name]:
            problems.append(Problem(label, "file", "differs from the one redact publish wrote"))
    for doc in manifest.get("documents", ()):
        if doc.get("file") is not None and doc["file"] not in listed:
            problems.append(Problem(str(doc.get("number")), "file", "document file not listed"))
    return problems


def check_contents(ws: Workspace, folder: Path, manifest: Mapping[str, Any]) -> list[Problem]:
    """The per-PDF checks of each published document, and a search of every other published
    text for the request's accepted values."""
    problems: list[Problem] = []
    values = _values(ws, manifest)
    for doc in manifest.get("documents", ()):
        name = doc.get("file")
        if name is None or not (folder / name).is_file():
            continue
        entry = {"output": name, "sha256": doc["sha256"], "document": doc["document"]}
        problems += [p for p in verify_output(ws, folder, entry) if p.channel != "metadata"]
        problems += _metadata(folder / name, name, values)
    for entry in manifest["files"]:
        name = str(entry.get("path", ""))
        path = folder / name
        if DOCUMENT_NAME.fullmatch(name) or not path.is_file() or not allowed_name(name):
            continue
        text = published_text(path)
        problems += [Problem(name, "published text", f"an accepted {entity} value occurs")
                     for entity in _found(text, values)]
    return problems


def _values(ws: Workspace, manifest: Mapping[str, Any]) -> dict[str, str]:
    """Accepted value -> entity, less those the settings' own texts hold."""
    settings = manifest.get("settings") or {}
    own = " \n ".join(str(v) for v in settings.values()) if isinstance(settings, dict) else ""
    return {p.text: p.entity for p in ws.proposal_digest()
            if p.status == "accepted" and p.text.strip() and not contains_value(own, p.text)}


def _found(text: str, values: Mapping[str, str]) -> list[str]:
    return sorted({entity for value, entity in values.items() if contains_value(text, value)})


def _metadata(path: Path, name: str, values: Mapping[str, str]) -> list[Problem]:
    """A published PDF may carry a title (and its language), nothing else; the title no value."""
    with pymupdf.open(path) as doc:
        meta = {k: v for k, v in (doc.metadata or {}).items()
                if v and k not in ("format", "encryption")}
        problems = []
        if set(meta) - ALLOWED_METADATA:
            problems.append(Problem(name, "metadata",
                                    f"fields left: {sorted(set(meta) - ALLOWED_METADATA)}"))
        if doc.get_xml_metadata():
            problems.append(Problem(name, "xmp", "XMP metadata left"))
    problems += [Problem(name, "metadata", f"the title holds an accepted {entity} value")
                 for entity in _found(str(meta.get("title", "")), values)]
    return problems


def published_text(path: Path) -> str:
    """Every text a reader of ``path`` sees: PDF text and metadata, XLSX cells and properties,
    or the file decoded (CSV, XML, HTML and JSON, entities resolved)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        with pymupdf.open(path) as doc:
            parts = [page.get_text() for page in doc]
            parts += [str(v) for v in (doc.metadata or {}).values() if v]
            return "\n".join(parts)
    if suffix == ".xlsx":
        return "\n".join(_cells(path))
    text = path.read_bytes().decode("utf-8-sig", "replace")
    if suffix == ".json":
        try:
            text += "\n" + "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    return html.unescape(text) if suffix in (".html", ".xml", ".htm") else text


def _cells(path: Path) -> Iterable[str]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        props = book.properties
        yield from (str(v) for v in (props.title, props.subject, props.creator,
                                     props.description, props.keywords) if v)
        for sheet in book.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                yield from (str(cell) for cell in row if cell is not None)
    finally:
        book.close()


def _strings(value: object) -> Iterable[str]:
    """Every string of a JSON value (escapes such as ``\\u00e9`` decoded)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
