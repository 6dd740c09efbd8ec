"""The inventarislijst: one row per document with its judgement and legal grounds.

The Woo decision publishes it next to the documents: Documentnummer,
Bestandsnaam, Beoordeling, Beoordelingsgrond, Toelichting and a related document. A duplicate
refers to the first copy ("dubbel"); an e-mail quoted in full in a later one is "dubbel
(geciteerd)" and refers to that later one; an attachment refers to its e-mail ("bijlage bij").
The judgement is the officer's (``redact judge``: *niet openbaar* and *reeds openbaar* as given,
with the public link); otherwise it follows from the decisions: *openbaar* when nothing was
redacted, *deels openbaar* when something was or a page was withheld. The grounds include those
of withheld pages, and the Toelichting names each ("pagina 3 niet openbaar (5.1.2e)") and says
when publication is opgeschort.
Documents still waiting for decisions are not listed until they are decided and applied; a
document that could not be processed (skipped: corrupt, too large, too deeply nested, a bad
name) is listed as *niet beoordeeld* with the reason, so that everything received is accounted
for. Every text of the list is published text: the Bestandsnaam and every free text of the
Toelichting (an officer's reason or motivation, a skipped document's error, which may quote the
input's name) have their personal data replaced (``publication.describe``), and an error names a
stored original without the workspace's folder.

A cell is never a formula: a text that starts like one (``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading ``'`` in the CSV (OWASP's advice against CSV injection), and
every text cell of the workbook is written with the string type.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from redact.config import Config, load_config
from redact.events import Inventory, Withhold, parse
from redact.files import write_atomic
from redact.logs import one_line
from redact.publication.describe import Describer
from redact.workspace import DocumentRow, JudgementRow, WithheldPage, Workspace

CSV_NAME = "inventarislijst.csv"
XLSX_NAME = "inventarislijst.xlsx"
COLUMNS = ("Documentnummer", "Bestandsnaam", "Beoordeling", "Beoordelingsgrond", "Toelichting",
           "Gerelateerd document")
OPENBAAR = "openbaar"
DEELS_OPENBAAR = "deels openbaar"
NIET_OPENBAAR = "niet openbaar"
REEDS_OPENBAAR = "reeds openbaar"
DUPLICATE = "dubbel"
NOT_ASSESSED = "niet beoordeeld"  # skipped: it could not be processed
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a stored original named in an error: the folders before it are the workspace's path
ORIGINAL_PATH = re.compile(r"[^\s'\"]*[/\\]originals[/\\]")


@dataclass(frozen=True)
class InventoryRow:
    number: int  # the workspace's document id: stable, so a decision letter can cite it
    name: str
    judgement: str
    grounds: tuple[str, ...]
    note: str = ""
    related: int | None = None

    def cells(self) -> tuple[int | str, ...]:
        return (self.number, self.name, self.judgement, "; ".join(self.grounds), self.note,
                "" if self.related is None else self.related)


def judgement(withheld: bool, redacted: bool) -> str:
    if withheld:
        return NIET_OPENBAAR
    return DEELS_OPENBAAR if redacted else OPENBAAR


def effective_judgement(doc: DocumentRow, row: JudgementRow | None, redacted: bool,
                        withheld_pages: int = 0) -> str:
    """The Beoordeling of a document: the officer's *niet* or *reeds openbaar* as given; else
    *deels openbaar* when something was redacted or a page withheld (an officer's *openbaar*
    cannot hide that), else the officer's choice or *openbaar*."""
    if doc.withheld or (row is not None and row.judgement == NIET_OPENBAAR):
        return NIET_OPENBAAR
    if row is not None and row.judgement == REEDS_OPENBAAR:
        return REEDS_OPENBAAR
    if redacted or withheld_pages:
        return DEELS_OPENBAAR
    return row.judgement if row is not None and row.judgement else OPENBAAR


def judgement_notes(row: JudgementRow | None, pages: dict[int, WithheldPage]) -> list[str]:
    """The Toelichting's parts that the judgement gives (Dutch)."""
    notes = [f"pagina {n} niet openbaar ({page.ground})" for n, page in sorted(pages.items())]
    if row is not None:
        if row.judgement == REEDS_OPENBAAR and row.public_link:
            notes.append(f"reeds openbaar: {row.public_link}")
        if row.suspended:
            notes.append("opgeschort (zienswijze derde)")
    return notes


def withhold_records(ws: Workspace) -> dict[int, Withhold]:
    """Per document, the latest audit record that withheld it (grounds, reason)."""
    found: dict[int, Withhold] = {}
    for record in ws.audit_records():
        event = parse(record)
        if isinstance(event, Withhold):
            found[event.document] = event
    return found


def inventory_rows(ws: Workspace, config: Config | None = None) -> list[InventoryRow]:
    """A row for every current document that was applied or withheld, in document order. The
    Bestandsnaam column holds the name with its personal data replaced (``publication.describe``),
    never the name as it came in: ``config`` is the run's (its Detector is the description's second net)."""
    describe = Describer(ws, config or load_config())
    rows: list[InventoryRow] = []
    first_of: dict[str, int] = {}
    docs = ws.documents(status="scanned")
    # the audit trail is read only when a document was withheld (its grounds are recorded there)
    withheld = withhold_records(ws) if any(doc.withheld for doc in docs) else {}
    accepted = ws.accepted_grounds()  # the grounds of each document's accepted proposals
    judgements = ws.judgements()
    all_pages = ws.all_withheld_pages()
    for doc in docs:
        judged = judgements.get(doc.id)
        reeds = judged is not None and judged.judgement == REEDS_OPENBAAR
        if not doc.withheld and not reeds and ws.output(doc.id) is None:
            continue  # waiting for decisions, or not yet applied
        pages = {} if doc.withheld or reeds else all_pages.get(doc.id, {})
        grounds = set() if reeds else set(accepted.get(doc.id, ()))
        grounds |= {page.ground for page in pages.values()}
        note = ""
        if doc.withheld:
            withhold = withheld.get(doc.id)
            if withhold is not None:  # none: withheld by a repair, which records no grounds
                grounds |= set(withhold.grounds)
                note = published_text(ws, describe, doc, withhold.reason)
        if judged is not None:  # the officer's judgement: its grounds and motivation win
            grounds |= set(judged.grounds)
            note = published_text(ws, describe, doc, judged.motivation) or note
        note = "; ".join(part for part in [note, *judgement_notes(judged, pages)] if part)
        related = doc.duplicate_of if doc.duplicate_of is not None else first_of.get(doc.sha256)
        first_of.setdefault(doc.sha256, doc.id)
        if related is not None:  # the column names the copy's original; the note its parent
            what = DUPLICATE if doc.duplicate_kind != "quoted" else f"{DUPLICATE} (geciteerd)"
            if doc.parent_id is not None:
                what = f"{what}; bijlage bij {doc.parent_id}"
            note = f"{what}; {note}" if note else what
        elif doc.parent_id is not None:
            related = doc.parent_id
            note = f"bijlage bij {doc.parent_id}; {note}" if note else f"bijlage bij {doc.parent_id}"
        verdict = effective_judgement(doc, judged, doc.id in accepted and not reeds, len(pages))
        rows.append(InventoryRow(doc.id, describe.name(doc), verdict, tuple(sorted(grounds)), note,
                                 related))
    rows += skipped_rows(ws, {doc.name for doc in docs}, describe)
    return sorted(rows, key=lambda row: row.number)


def skipped_rows(ws: Workspace, current: set[str], describe: Describer) -> list[InventoryRow]:
    """A row for every document that was skipped and not since received again in a form that
    could be processed (its name among ``current``)."""
    latest: dict[str, DocumentRow] = {}
    for doc in ws.documents(status="skipped"):
        if doc.name not in current:
            latest[doc.name] = doc  # in id order: the last one wins
    rows = []
    for doc in latest.values():
        reason = published_text(ws, describe, doc, doc.error or doc.error_kind or "onbekend")
        note = f"niet verwerkt: {reason}"
        if doc.parent_id is not None:
            note = f"bijlage bij {doc.parent_id}; {note}"
        rows.append(InventoryRow(doc.id, describe.name(doc), NOT_ASSESSED, (), note, doc.parent_id))
    return rows


def published_text(ws: Workspace, describe: Describer, doc: DocumentRow, text: str) -> str:
    """A free text of the list (an officer's reason, an error that may quote the input's name or
    a path in the workspace) as the list shows it: the workspace's folder left out and personal
    data replaced, as in the Bestandsnaam (``Describer.text``)."""
    if not text.strip():
        return ""
    for root in sorted({str(ws.root.resolve()), str(ws.root)}, key=len, reverse=True):
        if root not in (".", ""):
            text = text.replace(root + "/", "").replace(root, "")
    # the path as the scan was given it (relative, or the workspace since moved)
    text = ORIGINAL_PATH.sub("originals/", text)
    return describe.text(doc, text)


def _text(value: int | str) -> int | str:
    """A CSV cell that no spreadsheet program takes for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[InventoryRow]) -> bytes:
    """UTF-8 with a byte order mark, so that spreadsheet programs read accents right."""
    return table_csv(COLUMNS, [row.cells() for row in rows])


def table_csv(columns: Sequence[str], rows: Iterable[Sequence[int | str]]) -> bytes:
    """Any table as ``to_csv`` writes it (no cell a formula; also the publication's list)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[InventoryRow]) -> bytes:
    return table_xlsx(COLUMNS, [row.cells() for row in rows], "Inventarislijst",
                      (18, 48, 18, 22, 30, 22))


def table_xlsx(columns: Sequence[str], rows: Iterable[Sequence[int | str]], title: str,
               widths: Sequence[int]) -> bytes:
    """Any table as ``to_xlsx`` writes it (every text cell a string; also the publication's)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub(_escape, c) if isinstance(c, str) else c
                      for c in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes a text starting with "=" a formula
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.properties.creator = "redact"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _escape(match: re.Match[str]) -> str:
    """A control character that a workbook cannot hold, written as an escape (see logs)."""
    return one_line(str(match.group(0)))


def write_inventory(ws: Workspace, outbox: Path, config: Config | None = None) -> Path:
    """Write both forms of the list into the outbox atomically; audit it when it changed."""
    rows = inventory_rows(ws, config)
    data = to_csv(rows)
    target = outbox / CSV_NAME
    if target.exists() and target.read_bytes() == data and (outbox / XLSX_NAME).exists():
        return target
    write_atomic(outbox / XLSX_NAME, to_xlsx(rows))
    write_atomic(target, data)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.judgement] = counts.get(row.judgement, 0) + 1
    with ws.transaction():
        ws.audit(Inventory(str(outbox.resolve()), len(rows), counts,
                           hashlib.sha256(data).hexdigest()))
    return target
