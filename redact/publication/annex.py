"""The draft decision annex (onderbouwing), in Dutch, as HTML and PDF.

A Woo decision (besluit) comes with an annex that says, per ground, what was withheld and why, and
lists every document with its judgement. ``write_annex`` drafts it from the publication: per
ground its code, label and standard motivation (redact/grounds.py), the number of redactions, the
withheld pages and the documents concerned; the list of documents; the withheld pages; the
SHA-256 of every published file; the time it was drawn up. It is a draft for the officer, marked
"CONCEPT" on top and on every PDF page: the weighing of the case is the officer's.

Nothing personal goes in: only numbers, codes and the redacted descriptions. The HTML is
self-contained (no external assets) and every text is escaped; the PDF is laid out from the same
HTML by PyMuPDF's Story, with its language (nl-NL) and a title set.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pymupdf

from redact.files import write_atomic
from redact.grounds import GROUNDS, needs_motivation
from redact.publication.model import (
    DOCUMENTS_FOLDER,
    JUDGEMENTS,
    NIET_OPENBAAR,
    REEDS_OPENBAAR,
    Publication,
    PublishedDocument,
)

HTML_NAME = "annex.html"
PDF_NAME = "annex.pdf"
CONCEPT = "CONCEPT"
CONCEPT_NOTE = ("CONCEPT – ontwerp-bijlage voor de behandelaar, geen vastgesteld besluit. "
                "Controleer en vul de belangenafweging per document aan voordat het besluit wordt genomen.")

_CSS = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; margin-bottom: 4pt; }
h2 { font-size: 13pt; margin-top: 14pt; }
h3 { font-size: 11pt; margin-top: 10pt; }
p.concept { font-weight: bold; color: #b00000; border: 1px solid #b00000; padding: 4pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background-color: #eee; }
.hash { font-family: monospace; font-size: 7pt; }
"""


@dataclass(frozen=True)
class GroundUse:
    """How one ground was applied across the request."""

    code: str
    redactions: int  # boxes
    withheld_pages: int
    withheld_documents: tuple[str, ...]  # niet openbaar on this ground
    documents: tuple[str, ...]  # every document concerned


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _ground_order(codes: Iterable[str]) -> list[str]:
    """Codes in the order of the law; unknown ones after, sorted."""
    seen = set(codes)
    return [c for c in GROUNDS if c in seen] + sorted(seen - set(GROUNDS))


def ground_uses(documents: Sequence[PublishedDocument]) -> list[GroundUse]:
    """Per applied ground: redactions, withheld pages and the documents concerned."""
    codes: set[str] = set()
    for document in documents:
        codes.update(document.grounds, document.redactions, document.withheld_pages.values())
    uses = []
    for code in _ground_order(codes):
        concerned = tuple(d.number for d in documents
                          if code in d.grounds or d.redactions.get(code, 0)
                          or code in d.withheld_pages.values())
        uses.append(GroundUse(
            code=code,
            redactions=sum(d.redactions.get(code, 0) for d in documents),
            withheld_pages=sum(1 for d in documents for g in d.withheld_pages.values() if g == code),
            withheld_documents=tuple(d.number for d in documents
                                     if d.judgement == NIET_OPENBAAR and code in d.grounds),
            documents=concerned,
        ))
    return uses


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def published_hashes(publication: Publication, out_dir: Path,
                     other_files: Sequence[Path] = ()) -> list[tuple[str, str]]:
    """(path in the folder, SHA-256) of every published file: the record's hash, or the file's
    own; ``other_files`` (in ``out_dir``) by their path in it."""
    rows = []
    for document in publication.documents:
        if document.file_name is None:
            continue
        digest = document.sha256
        name = f"{DOCUMENTS_FOLDER}/{document.file_name}"
        if digest is None and (out_dir / name).is_file():
            digest = _sha256(out_dir / name)
        name += " (opgeschort, niet gepubliceerd)" if document.suspended else ""
        rows.append((name, digest or "(nog niet berekend)"))
    rows.extend((_relative(path, out_dir), _sha256(path)) for path in other_files)
    return rows


def _relative(path: Path, folder: Path) -> str:
    """``path``'s name in the publication folder (never a path outside it: no workspace path)."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name


def _when(created_at: str) -> str:
    try:
        return datetime.fromisoformat(created_at).strftime("%d-%m-%Y %H:%M %Z").strip()
    except ValueError:
        return created_at


def _judgement(document: PublishedDocument) -> str:
    text = document.judgement
    if document.suspended:
        text += " (opgeschort)"
    return text


def _summary(publication: Publication) -> str:
    documents = publication.documents
    rows = [f"<tr><td>{_e(j)}</td><td>{sum(1 for d in documents if d.judgement == j)}</td></tr>"
            for j in JUDGEMENTS]
    rows.append(f"<tr><td>waarvan opgeschort</td><td>{sum(1 for d in documents if d.suspended)}</td></tr>")
    rows.append(f"<tr><th>totaal</th><th>{len(documents)}</th></tr>")
    return ("<h2>1. Samenvatting</h2>\n<table>\n<tr><th>Beoordeling</th><th>Aantal documenten</th></tr>\n"
            + "\n".join(rows) + "\n</table>\n")


def _label(code: str) -> str:
    ground = GROUNDS.get(code)
    return ground.label_nl if ground else "onbekende grond"


def _grounds(publication: Publication) -> str:
    uses = ground_uses(publication.documents)
    if not uses:
        return "<h2>2. Toegepaste uitzonderingsgronden</h2>\n<p>Er is geen informatie geweigerd.</p>\n"
    rows = "\n".join(
        f"<tr><td>{_e(use.code)}</td><td>{_e(_label(use.code))}</td><td>{use.redactions}</td>"
        f"<td>{use.withheld_pages}</td><td>{len(use.withheld_documents)}</td><td>{len(use.documents)}</td></tr>"
        for use in uses)
    parts = ["<h2>2. Toegepaste uitzonderingsgronden</h2>\n<table>\n<tr><th>Grond</th><th>Omschrijving</th>"
             "<th>Lakkingen</th><th>Geweigerde pagina's</th><th>Geheel geweigerde documenten</th>"
             "<th>Betrokken documenten</th></tr>\n" + rows + "\n</table>\n"]
    for use in uses:
        ground = GROUNDS.get(use.code)
        motivation = publication.motivations.get(use.code) or (ground.motivation_nl if ground else "")
        parts.append(
            f"<h3>Artikel {_e(use.code)} Woo – {_e(_label(use.code))}</h3>\n"
            f"<p>{_e(motivation)}</p>\n"
            f"<p>Lakkingen: {use.redactions}. Geweigerde pagina's: {use.withheld_pages}. "
            f"Geheel geweigerd: {_e(', '.join(use.withheld_documents) or 'geen')}. "
            f"Betrokken documenten: {_e(', '.join(use.documents))}.</p>\n")
        if needs_motivation(use.code):
            parts.append("<p><i>Voor deze grond is een motivering per document vereist: zie de toelichting "
                         "bij de betrokken documenten in paragraaf 3.</i></p>\n")
    return "".join(parts)


def _document_row(document: PublishedDocument) -> str:
    boxes = sum(document.redactions.values())
    note = document.explanation
    if document.judgement == REEDS_OPENBAAR and document.public_link:
        note = (note + " " if note else "") + f"Reeds openbaar: {document.public_link}"
    return (f"<tr><td>{_e(document.number)}</td><td>{_e(document.description)}</td>"
            f"<td>{_e(_judgement(document))}</td>"
            f"<td>{_e(', '.join(_ground_order(document.grounds)) or '-')}</td>"
            f"<td>{boxes}</td><td>{len(document.withheld_pages)}</td><td>{_e(note)}</td></tr>")


def _documents(publication: Publication) -> str:
    rows = "\n".join(_document_row(d) for d in publication.documents)
    return ("<h2>3. Documenten</h2>\n<table>\n<tr><th>Nr.</th><th>Omschrijving</th><th>Beoordeling</th>"
            "<th>Grond(en)</th><th>Lakkingen</th><th>Geweigerde pagina's</th><th>Toelichting</th></tr>\n"
            + rows + "\n</table>\n")


def _withheld(publication: Publication) -> str:
    rows = [f"<tr><td>{_e(d.number)}</td><td>{page}</td><td>{_e(ground)}</td></tr>"
            for d in publication.documents for page, ground in sorted(d.withheld_pages.items())]
    if not rows:
        return "<h2>4. Geweigerde pagina's</h2>\n<p>Er zijn geen pagina's geheel geweigerd.</p>\n"
    return ("<h2>4. Geweigerde pagina's</h2>\n<p>Een geweigerde pagina is in het gepubliceerde document "
            "vervangen door een pagina die de grond noemt.</p>\n<table>\n"
            "<tr><th>Document</th><th>Pagina</th><th>Grond</th></tr>\n" + "\n".join(rows) + "\n</table>\n")


def _hashes(rows: Sequence[tuple[str, str]]) -> str:
    body = "\n".join(f"<tr><td>{_e(name)}</td><td class=\"hash\">{_e(digest)}</td></tr>"
                     for name, digest in rows)
    return ("<h2>5. Controlegetallen van de gepubliceerde bestanden (SHA-256)</h2>\n<table>\n"
            "<tr><th>Bestand</th><th>SHA-256</th></tr>\n" + body + "\n</table>\n")


def title(publication: Publication) -> str:
    """The annex's title (no personal data: the request title from the settings)."""
    return f"{CONCEPT} – Bijlage bij het Woo-besluit: {publication.settings.request_title}"


def render_body(publication: Publication, hashes: Sequence[tuple[str, str]]) -> str:
    """The annex's body as HTML (shared by the HTML file and the PDF)."""
    settings = publication.settings
    return (
        f"<p class=\"concept\">{_e(CONCEPT_NOTE)}</p>\n"
        f"<h1>Bijlage: onderbouwing van het Woo-besluit</h1>\n"
        f"<p><b>Verzoek:</b> {_e(settings.request_title)}<br/>\n"
        f"<b>Bestuursorgaan:</b> {_e(settings.publisher_label)}<br/>\n"
        f"<b>Kenmerk:</b> {_e(settings.matter)}<br/>\n"
        f"<b>Zaaknummer:</b> {_e(settings.case_number)}<br/>\n"
        f"<b>Opgesteld:</b> {_e(_when(publication.created_at))}</p>\n"
        + _summary(publication) + _grounds(publication) + _documents(publication)
        + _withheld(publication) + _hashes(hashes)
        + f"<p>Dit {_e(CONCEPT.lower())} is opgesteld door redact. Het bevat alleen documentnummers, "
        "gelakte omschrijvingen en aantallen, geen persoonsgegevens.</p>\n"
    )


def render_html(publication: Publication, hashes: Sequence[tuple[str, str]]) -> str:
    """The whole annex as one self-contained HTML page."""
    return ("<!DOCTYPE html>\n<html lang=\"nl-NL\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            f"<title>{_e(title(publication))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + render_body(publication, hashes) + "</body>\n</html>\n")


def render_pdf(publication: Publication, hashes: Sequence[tuple[str, str]]) -> bytes:
    """The annex as PDF, laid out from the same HTML, "CONCEPT" on every page."""
    story = pymupdf.Story(html=render_body(publication, hashes), user_css=_CSS)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    mediabox = pymupdf.paper_rect("a4")
    frame = mediabox + (56, 64, -56, -56)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(frame)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open("pdf", buffer.getvalue())
    try:
        for page in doc:
            page.insert_text((56, 40), f"{CONCEPT} - niet vastgesteld", fontname="hebo", fontsize=11,
                             color=(0.7, 0, 0))
            page.insert_text((mediabox.width - 120, mediabox.height - 30),
                             f"pagina {page.number + 1} van {doc.page_count}", fontsize=8)
        doc.set_metadata({"title": title(publication), "creator": "redact", "producer": "redact",
                          "author": publication.settings.publisher_label, "subject": "", "keywords": ""})
        catalog = doc.pdf_catalog()
        doc.xref_set_key(catalog, "Lang", pymupdf.get_pdf_str(publication.settings.language))
        doc.xref_set_key(catalog, "ViewerPreferences", "<</DisplayDocTitle true>>")
        doc.subset_fonts()
        _plain_ligatures(doc)
        return bytes(doc.tobytes(garbage=3, deflate=True))
    finally:
        doc.close()


# The layout engine sets "fi", "ffi", ... as one ligature glyph and maps it back to U+FB01 etc.;
# a reader searching for "identificatie" or a screen reader is better served by plain letters.
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_RANGE = re.compile(r"<([0-9a-fA-F]{2,8})>\s*<([0-9a-fA-F]{2,8})>\s*<([0-9a-fA-F]{4})>")
_CHAR = re.compile(r"<([0-9a-fA-F]{2,8})>\s*<((?:[0-9a-fA-F]{4})+)>")


def _cmap_without_ligatures(cmap: str) -> str | None:
    """``cmap`` (a ToUnicode CMap) with ligatures mapped to their letters; None: leave it."""
    head, sep, rest = cmap.partition("endcodespacerange")
    if not sep or "endcmap" not in rest:
        return None
    mapping: dict[int, str] = {}
    width = 4
    for block in re.findall(r"beginbfrange(.*?)endbfrange", rest, re.S):
        for line in block.strip().splitlines():
            match = _RANGE.fullmatch(line.strip())
            if match is None:
                return None
            low, high, first = (int(g, 16) for g in match.groups())
            width = len(match.group(1))
            mapping.update({code: chr(first + code - low) for code in range(low, high + 1)})
    for block in re.findall(r"beginbfchar(.*?)endbfchar", rest, re.S):
        for line in block.strip().splitlines():
            match = _CHAR.fullmatch(line.strip())
            if match is None:
                return None
            width = len(match.group(1))
            mapping[int(match.group(1), 16)] = bytes.fromhex(match.group(2)).decode("utf-16-be", "replace")
    if not any(text in _LIGATURES for text in mapping.values()):
        return None
    entries = [f"<{code:0{width}x}> <{_LIGATURES.get(text, text).encode('utf-16-be').hex()}>"
               for code, text in sorted(mapping.items())]
    blocks = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                     for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    return head + sep + "\n" + blocks + rest[rest.index("endcmap"):]


def _plain_ligatures(doc: pymupdf.Document) -> None:
    for xref in range(1, doc.xref_length()):
        kind, value = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        target = int(value.split()[0])
        cmap = _cmap_without_ligatures(doc.xref_stream(target).decode("latin-1"))
        if cmap is not None:
            doc.update_stream(target, cmap.encode("latin-1"))


def write_annex(publication: Publication, out_dir: Path, other_files: Sequence[Path] = ()) -> list[Path]:
    """Write ``annex.html`` and ``annex.pdf``; return the paths.

    ``other_files``: published files beside the documents (the inventory, the metadata) whose
    SHA-256 the annex lists too, by name.
    """
    hashes = published_hashes(publication, out_dir, other_files)
    html_path, pdf_path = out_dir / HTML_NAME, out_dir / PDF_NAME
    write_atomic(html_path, render_html(publication, hashes).encode("utf-8"))
    write_atomic(pdf_path, render_pdf(publication, hashes))
    return [html_path, pdf_path]

