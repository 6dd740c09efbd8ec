"""The inventarislijst: one row per document with its judgement and legal grounds.

The Woo decision publishes it next to the documents: Documentnummer,
Bestandsnaam, Beoordeling, Beoordelingsgrond, Toelichting and a related document. A duplicate
refers to the first copy ("dubbel"); an e-mail quoted in full in a later one is "dubbel
(geciteerd)" and refers to that later one; an attachment refers to its e-mail ("bijlage bij").
The judgement follows from the decisions: *openbaar* when nothing was redacted, *deels
openbaar* when something was, *niet openbaar* when a reviewer withheld the whole document.
Documents still waiting for decisions are not listed until they are decided and applied; a
document that could not be processed (skipped: corrupt, too large, too deeply nested, a bad
name) is listed as *niet beoordeeld* with the reason, so that everything received is accounted
for.

A cell is never a formula: a text that starts like one (``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading ``'`` in the CSV (OWASP's advice against CSV injection), and
every text cell of the workbook is written with the string type.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from redact.events import Inventory, Withhold, parse
from redact.files import write_atomic
from redact.logs import one_line
from redact.workspace import DocumentRow, Workspace

CSV_NAME = "inventarislijst.csv"
XLSX_NAME = "inventarislijst.xlsx"
COLUMNS = ("Documentnummer", "Bestandsnaam", "Beoordeling", "Beoordelingsgrond", "Toelichting",
           "Gerelateerd document")
OPENBAAR = "openbaar"
DEELS_OPENBAAR = "deels openbaar"
NIET_OPENBAAR = "niet openbaar"
DUPLICATE = "dubbel"
NOT_ASSESSED = "niet beoordeeld"  # skipped: it could not be processed
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def withhold_records(ws: Workspace) -> dict[int, Withhold]:
    """Per document, the latest audit record that withheld it (grounds, reason)."""
    found: dict[int, Withhold] = {}
    for record in ws.audit_records():
        event = parse(record)
        if isinstance(event, Withhold):
            found[event.document] = event
    return found


def inventory_rows(ws: Workspace) -> list[InventoryRow]:
    """A row for every current document that was applied or withheld, in document order."""
    rows: list[InventoryRow] = []
    first_of: dict[str, int] = {}
    docs = ws.documents(status="scanned")
    # the audit trail is read only when a document was withheld (its grounds are recorded there)
    withheld = withhold_records(ws) if any(doc.withheld for doc in docs) else {}
    accepted = ws.accepted_grounds()  # the grounds of each document's accepted proposals
    for doc in docs:
        if not doc.withheld and ws.output(doc.id) is None:
            continue  # waiting for decisions, or not yet applied
        grounds = set(accepted.get(doc.id, ()))
        note = ""
        if doc.withheld:
            withhold = withheld.get(doc.id)
            if withhold is not None:  # none: withheld by a repair, which records no grounds
                grounds |= set(withhold.grounds)
                note = withhold.reason
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
        rows.append(InventoryRow(doc.id, doc.name, judgement(doc.withheld, doc.id in accepted),
                                 tuple(sorted(grounds)), note, related))
    rows += skipped_rows(ws, {doc.name for doc in docs})
    return sorted(rows, key=lambda row: row.number)


def skipped_rows(ws: Workspace, current: set[str]) -> list[InventoryRow]:
    """A row for every document that was skipped and not since received again in a form that
    could be processed (its name among ``current``)."""
    latest: dict[str, DocumentRow] = {}
    for doc in ws.documents(status="skipped"):
        if doc.name not in current:
            latest[doc.name] = doc  # in id order: the last one wins
    rows = []
    for doc in latest.values():
        note = f"niet verwerkt: {doc.error or doc.error_kind or 'onbekend'}"
        if doc.parent_id is not None:
            note = f"bijlage bij {doc.parent_id}; {note}"
        rows.append(InventoryRow(doc.id, doc.name, NOT_ASSESSED, (), note, doc.parent_id))
    return rows


def _text(value: int | str) -> int | str:
    """A CSV cell that no spreadsheet program takes for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[InventoryRow]) -> bytes:
    """UTF-8 with a byte order mark, so that spreadsheet programs read accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_text(cell) for cell in row.cells()])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[InventoryRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Inventarislijst"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub(_escape, c) if isinstance(c, str) else c
                      for c in row.cells()])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes a text starting with "=" a formula
    for column, width in zip("ABCDEF", (18, 48, 18, 22, 30, 22), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.properties.creator = "redact"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _escape(match: re.Match[str]) -> str:
    """A control character that a workbook cannot hold, written as an escape (see logs)."""
    return one_line(str(match.group(0)))


def write_inventory(ws: Workspace, outbox: Path) -> Path:
    """Write both forms of the list into the outbox atomically; audit it when it changed."""
    rows = inventory_rows(ws)
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
