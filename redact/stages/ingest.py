"""Ingest: find the inputs of a batch, hash them, and open them safely (originals are only read)."""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from redact.config import Limits
from redact.errors import BadDocument, short_message
from redact.logs import one_line

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class Input:
    path: Path  # absolute
    name: str  # relative to the inbox, always valid UTF-8 (see ``shown_name``)
    problem: str | None = None  # why it is not taken: it is skipped with this reason
    kind: str = ""  # the kind of that problem (a skip's ``error_kind``)


def shown_name(raw: str) -> tuple[str, str | None]:
    """A file name as we store and show it, and the problem with it, if any. A name that is
    not UTF-8 (its bytes kept by ``os.fsdecode`` as surrogates) cannot be stored or published
    as it is: it is shown with those bytes escaped (``caf\\xe9.pdf``) and skipped."""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return one_line(raw), "file name is not valid UTF-8 (rename the file)"
    return raw, None


def find_inputs(inbox: Path, follow_links: bool = False) -> list[Input]:
    """Every file below ``inbox`` (hidden files and folders left out), sorted by name.

    What cannot be taken comes back with its ``problem``, so that everything received is
    accounted for: a name that is not UTF-8, something that is not a regular file (a FIFO, a
    device), a symbolic link to a folder (never followed) and, unless ``follow_links``, a
    symbolic link to a file outside the inbox (publishing whatever it points to is not a
    choice the inbox's owner made)."""
    if inbox.is_file():
        name, problem = shown_name(inbox.name)
        return [Input(inbox.resolve(), name, problem, "bad_name" if problem else "")]
    root = inbox.resolve()
    found = []
    for folder, dirs, files in os.walk(inbox):
        dirs.sort()
        here = Path(folder)
        for entry in list(dirs):
            if entry.startswith("."):
                dirs.remove(entry)
            elif (here / entry).is_symlink():
                dirs.remove(entry)
                files.append(entry)  # reported below as a link to a folder
        for entry in files:
            if entry.startswith("."):
                continue
            path = here / entry
            name, problem = shown_name(path.relative_to(inbox).as_posix())
            kind = "bad_name" if problem else ""
            if problem is None:
                problem, kind = _link_or_special(path, root, follow_links)
            found.append(Input(path.absolute() if problem else path.resolve(), name, problem,
                               kind))
    return sorted(found, key=lambda item: item.name.split("/"))  # as Path sorts: part by part


def _link_or_special(path: Path, root: Path, follow_links: bool) -> tuple[str | None, str]:
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop of links
            return "symbolic link to nothing (dangling or a loop)", "link"
        if target.is_dir():
            return "symbolic link to a folder (not followed)", "link"
        if not follow_links and not target.is_relative_to(root):
            return ("symbolic link to a file outside the inbox (not followed; see "
                    "inbox.follow_links_out)", "link")
    if not path.is_file():
        return "not a regular file (a pipe, socket or device)", "special"
    return None, ""


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
        raise BadDocument(f"corrupt PDF: {short_message(exc)}", "corrupt") from exc
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


_REF = re.compile(rb"(\d+)\s+0\s+R\b")


def check_structure(doc: pymupdf.Document, limits: Limits) -> None:
    """Decide at scan time what apply and verify would trip over, so that a document is skipped
    once, with its reason, instead of failing every later apply: pages that are missing (a file
    cut short), a page larger than ``max_page_points``, form XObjects that draw themselves or
    nest deeper than ``max_xobject_depth``, and streams or images beyond ``max_stream_bytes``
    and ``max_image_pixels`` (what MuPDF would decode whole). Walks each object once."""
    count = doc.xref_length()
    seen: set[int] = set()
    for number in range(doc.page_count):
        xref = doc.page_xref(number)
        if not 0 < xref < count or doc.xref_object(xref).strip() == "null":
            raise BadDocument(f"truncated or damaged PDF: page {number + 1} is missing",
                              "corrupt")
        box = doc[number].mediabox
        if max(box.width, box.height) > limits.max_page_points:
            raise BadDocument(
                f"page {number + 1} is {box.width:.0f} x {box.height:.0f} points (more than "
                f"limits.max_page_points {limits.max_page_points})", "too_large")
        for content in doc[number].get_contents():
            if not 0 < content < count:
                raise BadDocument(f"truncated or damaged PDF: the content of page {number + 1} "
                                  "is missing", "corrupt")
            check_stream(doc, content, limits)
        resources = _inherited(doc, xref, "Resources")
        for child in _xobjects(doc, resources, count):
            _walk_form(doc, child, (), limits, count, seen)


def _inherited(doc: pymupdf.Document, xref: int, key: str) -> tuple[str, str]:
    """A page's key, or its nearest ancestor's in the page tree (Resources are inherited)."""
    for _ in range(64):
        kind, value = doc.xref_get_key(xref, key)
        if kind != "null":
            return kind, value
        kind, parent = doc.xref_get_key(xref, "Parent")
        if kind != "xref":
            break
        xref = int(parent.split()[0])
    return "null", "null"


def _xobjects(doc: pymupdf.Document, resources: tuple[str, str], count: int) -> list[int]:
    """The xrefs of the XObjects named in a resource dictionary (given as xref_get_key gives it)."""
    kind, value = resources
    if kind == "xref":
        kind, value = doc.xref_get_key(int(value.split()[0]), "XObject")
    else:
        match = re.search(r"/XObject\s*(<<.*?>>|\d+\s+0\s+R)", value, re.S)
        if match is None:
            return []
        kind, value = ("xref" if match[1].endswith("R") else "dict"), match[1]
    if kind == "xref":
        kind, value = "dict", doc.xref_object(int(value.split()[0]))
    if kind != "dict":
        return []
    refs = [int(m[1]) for m in _REF.finditer(value.encode("latin-1", "replace"))]
    for ref in refs:
        if not 0 < ref < count:
            raise BadDocument(f"truncated or damaged PDF: object {ref} is missing", "corrupt")
    return refs


def _walk_form(doc: pymupdf.Document, xref: int, path: tuple[int, ...], limits: Limits,
               count: int, seen: set[int]) -> None:
    if xref in path:
        raise BadDocument("a form XObject draws itself (a cycle in the page content)", "corrupt")
    if len(path) >= limits.max_xobject_depth:
        raise BadDocument(f"form XObjects nested more than limits.max_xobject_depth "
                          f"{limits.max_xobject_depth} deep", "too_large")
    if xref in seen:  # checked already (a form drawn on many pages); it has no cycle below
        return
    check_stream(doc, xref, limits)
    if doc.xref_get_key(xref, "Subtype")[1] == "/Form":
        resources = doc.xref_get_key(xref, "Resources")
        for child in _xobjects(doc, resources, count):
            _walk_form(doc, child, (*path, xref), limits, count, seen)
    seen.add(xref)


def check_stream(doc: pymupdf.Document, xref: int, limits: Limits) -> None:
    """Raise BadDocument for an image beyond ``max_image_pixels`` or a stream that decodes to
    more than ``max_stream_bytes`` (found out without decoding more than that)."""
    if not doc.xref_is_stream(xref):
        return
    if doc.xref_get_key(xref, "Subtype")[1] == "/Image":
        pixels = _number(doc, xref, "Width") * _number(doc, xref, "Height")
        if pixels > limits.max_image_pixels:
            raise BadDocument(f"an image of {pixels} pixels (more than limits.max_image_pixels "
                              f"{limits.max_image_pixels})", "too_large")
        return
    if stream_size(doc, xref, limits.max_stream_bytes) > limits.max_stream_bytes:
        raise BadDocument(f"a stream of more than limits.max_stream_bytes "
                          f"{limits.max_stream_bytes} bytes decoded", "too_large")


def _number(doc: pymupdf.Document, xref: int, key: str) -> int:
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0])).strip()
    try:
        return abs(int(float(value)))
    except ValueError:
        return 0


def stream_size(doc: pymupdf.Document, xref: int, limit: int) -> int:
    """The decoded size of a stream, or ``limit + 1`` once it is known to be larger. A Flate
    stream is inflated in steps and counted, never held whole; other filters are bounded by
    a ratio to their raw size."""
    raw = doc.xref_stream_raw(xref) or b""
    if len(raw) > limit:
        return limit + 1
    filters = doc.xref_get_key(xref, "Filter")[1]
    names = re.findall(r"/(\w+)", filters)
    if not names:
        return len(raw)
    if names in (["FlateDecode"], ["Fl"]):
        inflate = zlib.decompressobj()
        size, data = 0, raw
        try:
            while data and size <= limit:
                size += len(inflate.decompress(data, 1 << 20))
                data = inflate.unconsumed_tail
        except zlib.error:
            return size  # damaged data ends there, as MuPDF reads it
        return size
    return len(raw) * 1000 if len(raw) * 1000 > limit else len(doc.xref_stream(xref) or b"")
