"""Ingest: find the inputs of a batch, hash them, and open them safely (originals are only read)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from redact.errors import BadDocument

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class Input:
    path: Path  # absolute
    name: str  # relative to the inbox


def find_inputs(inbox: Path) -> list[Input]:
    """Every regular file below ``inbox`` (hidden files and folders left out), sorted by name."""
    if inbox.is_file():
        return [Input(inbox.resolve(), inbox.name)]
    found = []
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        found.append(Input(path.resolve(), rel.as_posix()))
    return found


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_pdf(path: Path, max_bytes: int, max_pages: int) -> pymupdf.Document:
    """Open a PDF for reading or raise BadDocument with the kind of failure."""
    size = path.stat().st_size
    if size == 0:
        raise BadDocument("empty file (0 bytes)", "empty")
    if size > max_bytes:
        raise BadDocument(f"file too large ({size} bytes > {max_bytes})", "too_large")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if PDF_MAGIC not in head:
        raise BadDocument("not a PDF file", "not_pdf")
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise BadDocument(f"corrupt PDF: {_short(exc)}", "corrupt") from exc
    if doc.needs_pass:
        doc.close()
        raise BadDocument("encrypted PDF (a password is needed to open it)", "encrypted")
    if doc.page_count == 0:
        doc.close()
        raise BadDocument("corrupt PDF: no page could be read", "corrupt")
    if doc.page_count > max_pages:
        count = doc.page_count
        doc.close()
        raise BadDocument(f"too many pages ({count} > {max_pages})", "too_large")
    return doc


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
