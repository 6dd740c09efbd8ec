"""The redaction report of a document: what was burned in, where, on which ground, decided by whom.

The report lists every box with its page, position, legal ground, entity type, who
decided it and when, so that the decision letter can cite it; it never holds the redacted text.
Reports are written into the workspace (``reports/<stem>.json`` and ``.html``, named as the
output PDF is), not into the outbox: the outbox is published, and reviewers' names are not for
publication. (The audit trail read back is ``redact.history``.)
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import NotRequired, TypedDict, cast

from redact.events import Apply, Withhold, parse
from redact.files import write_atomic
from redact.inventory import effective_judgement, withhold_records
from redact.jsontypes import JsonObject
from redact.pdf.draw import label_size
from redact.workspace import DocumentRow, Workspace, stem_clashes

REPORTS = "reports"


# -- redaction report ---------------------------------------------------------------------------------


def apply_records(ws: Workspace) -> dict[int, Apply]:
    """Per document, its latest ``apply`` record."""
    found: dict[int, Apply] = {}
    for record in ws.audit_records():
        event = parse(record)
        if isinstance(event, Apply):
            found[event.document] = event
    return found


class _BoxFields(TypedDict):
    page: int
    rect: list[float]
    ground: str
    motivation: str  # the motivation given for the ground ("" for 5.1.1e/5.1.2e: the standard one)
    entity: str
    recognizer: str
    origin: str
    proposal: int
    labelled: bool
    reviewer: str | None
    method: str | None
    decided_at: str | None


class ReportBox(_BoxFields):
    """One redaction box of a report: where, why, and who decided (never the value)."""

    box: int


class _PlacedBox(_BoxFields):
    """A box while the report is put in reading order (``y``, ``x``: its top left corner)."""

    y: float
    x: float
    box: NotRequired[int]


class WithheldReport(TypedDict):
    grounds: list[str] | None
    reason: str | None


class OutputReport(TypedDict):
    file: str
    sha256: str
    applied_at: str


class WithheldPageReport(TypedDict):
    page: int
    ground: str
    motivation: str


class DocumentReport(TypedDict):
    """One document's report (``reports/NAME.json``; the HTML page shows the same)."""

    document: int
    name: str
    sha256: str
    pages: int
    judgement: str
    grounds: list[str]
    withheld: WithheldReport | None
    withheld_pages: list[WithheldPageReport]
    suspended: bool  # opgeschort
    public_link: str | None  # reeds openbaar
    output: OutputReport | None
    boxes: list[ReportBox]
    boxes_per_ground: dict[str, int]
    unlabelled: int
    not_redacted: dict[str, int]
    scrubbed: dict[str, int]
    ocr_extra_boxes: list[JsonObject]


def document_report(
    ws: Workspace, doc: DocumentRow, applied: Apply | None = None,
    withheld: Withhold | None = None,
) -> DocumentReport:
    """Every box of one document, in reading order, with its ground and its decision."""
    decisions = ws.last_decisions(doc.id)
    proposals = ws.proposals(doc.id)
    accepted = [p for p in proposals if p.status == "accepted"]
    # apply numbers the boxes in this same order; it records the ones it could not label
    unlabelled = applied.unlabelled if applied is not None else None  # None: not recorded
    boxes: list[_PlacedBox] = []
    pages = ws.withheld_pages(doc.id)  # replaced by a notice: their boxes are not drawn
    for p in accepted:
        if p.page in pages:
            continue
        decision = decisions.get(p.id)
        for rect in p.rects:
            labelled = (len(boxes) not in unlabelled if unlabelled is not None
                        else bool(label_size(rect, p.ground)))
            boxes.append({
                "y": rect[1], "x": rect[0],
                "page": p.page, "rect": [round(v, 2) for v in rect], "ground": p.ground,
                "motivation": p.motivation, "entity": p.entity, "recognizer": p.recognizer,
                "origin": p.origin,
                "proposal": p.id, "labelled": labelled,
                "reviewer": decision.reviewer if decision else p.decided_by,
                "method": decision.method if decision else None,
                "decided_at": decision.at if decision else p.decided_at,
            })
    boxes.sort(key=lambda b: (b["page"], round(b["y"]), b["x"], b["proposal"]))
    for number, box in enumerate(boxes, start=1):
        box["box"] = number
    output = ws.output(doc.id)
    rejected = Counter(p.entity for p in proposals if p.status == "rejected")
    judged = ws.judgement(doc.id)
    if doc.withheld and withheld is None and judged is not None:  # withheld by ``redact judge``
        withheld = Withhold(doc.id, judged.grounds, judged.motivation)
    return {
        "document": doc.id,
        "name": doc.name,
        "sha256": doc.sha256,
        "pages": doc.page_count,
        "judgement": effective_judgement(doc, judged, bool(accepted), len(pages)),
        "grounds": sorted({b["ground"] for b in boxes} | {p.ground for p in pages.values()}),
        "withheld": ({"grounds": list(withheld.grounds) or None, "reason": withheld.reason or None}
                     if doc.withheld and withheld is not None else None),
        "withheld_pages": [{"page": n, "ground": p.ground, "motivation": p.motivation}
                           for n, p in sorted(pages.items())],
        "suspended": judged is not None and judged.suspended,
        "public_link": judged.public_link if judged is not None else None,
        "output": None if output is None or doc.withheld else {
            "file": Path(output.path).name, "sha256": output.sha256,
            "applied_at": output.applied_at,
        },
        "boxes": [_shown(box) for box in boxes],
        "boxes_per_ground": dict(sorted(Counter(b["ground"] for b in boxes).items())),
        "unlabelled": sum(not b["labelled"] for b in boxes),
        "not_redacted": dict(sorted(rejected.items())),  # rejected proposals, by entity type
        "scrubbed": dict(applied.scrubbed or {}) if applied is not None else {},
        # on scanned pages: an accepted value the output's OCR read outside the boxes, boxed too
        "ocr_extra_boxes": list(applied.ocr_extra_boxes or ()) if applied is not None else [],
    }


def _shown(box: _PlacedBox) -> ReportBox:
    """The box as the report lists it: its number first, without the corner it was sorted by."""
    fields: Mapping[str, object] = box
    order = ("box", *[k for k in fields if k not in ("box", "x", "y")])
    return cast(ReportBox, {k: fields[k] for k in order})


def _withheld_text(withheld: WithheldReport) -> str:
    grounds = withheld.get("grounds") or ()
    grounds = [grounds] if isinstance(grounds, str) else list(grounds)
    return "; ".join(str(g) for g in grounds) + (f" ({withheld['reason']})"
                                                 if withheld.get("reason") else "")


def _judgement_html(report: DocumentReport) -> str:
    """Withheld pages, opgeschort and the public link, as lines of the page's list."""
    e = html.escape
    parts = [f"<dt>Pagina {p['page']} niet openbaar</dt><dd>{e(p['ground'])}"
             + (f" ({e(p['motivation'])})" if p["motivation"] else "") + "</dd>"
             for p in report["withheld_pages"]]
    if report["public_link"]:
        parts.append(f"<dt>Reeds openbaar</dt><dd>{e(report['public_link'])}</dd>")
    if report["suspended"]:
        parts.append("<dt>Opgeschort</dt><dd>ja: publicatie wacht op de zienswijze van een "
                     "derde</dd>")
    return "\n".join(parts)


def render_html(report: DocumentReport) -> str:
    """A self-contained page: the document, its judgement, and a table of its boxes."""
    e = html.escape
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in (
            b["box"], b["page"], b["ground"], b["motivation"], b["entity"],
            "ja" if b["labelled"] else "nee",
            b["reviewer"] or "", b["method"] or "", b["decided_at"] or "",
            ", ".join(f"{v:.1f}" for v in b["rect"]),
        )) + "</tr>" for b in report["boxes"]
    )
    scrubbed = ", ".join(f"{e(k)}: {v}" for k, v in report["scrubbed"].items()) or "niets"
    output = report["output"]
    withheld = report["withheld"]
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<title>Lakrapport {e(report["name"])}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #111; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; }}
th {{ background: #eee; }}
</style></head><body>
<h1>Lakrapport: {e(report["name"])}</h1>
<dl>
<dt>Documentnummer</dt><dd>{report["document"]}</dd>
<dt>Beoordeling</dt><dd>{e(report["judgement"])}</dd>
<dt>Beoordelingsgronden</dt><dd>{e("; ".join(report["grounds"])) or "geen"}</dd>
<dt>Origineel (sha256)</dt><dd><code>{e(report["sha256"])}</code>, {report["pages"]} pagina's</dd>
<dt>Gepubliceerd bestand</dt><dd>{e(output["file"] + " (sha256 " + output["sha256"] + ")")
    if output else "geen"}</dd>
{f'<dt>Geheel geweigerd</dt><dd>{e(_withheld_text(withheld))}</dd>' if withheld else ''}
{_judgement_html(report)}<dt>Verwijderde verborgen inhoud</dt><dd>{scrubbed}</dd>
</dl>
<h2>Lakkingen ({len(report["boxes"])}, waarvan {report["unlabelled"]} te klein voor een label)</h2>
<table>
<tr><th>#</th><th>pagina</th><th>grond</th><th>motivering</th><th>soort gegeven</th><th>label</th>
<th>beoordelaar</th><th>wijze</th><th>besloten op</th><th>positie (pt)</th></tr>
{rows}
</table>
<p>Dit rapport noemt per lakking de grond en de soort gegeven, nooit het gelakte gegeven zelf.
Het is bedoeld voor het besluit en blijft intern: het noemt beoordelaars.</p>
</body></html>
"""


def report_path(ws: Workspace, doc: DocumentRow, suffix: str, clashes: Collection[str] = ()) -> Path:
    """Named as the output is (see ``DocumentRow.published_stem``)."""
    return ws.root / REPORTS / f"{doc.published_stem(clashes)}{suffix}"


def report_json(report: DocumentReport) -> str:
    """The report as JSON, a key per line and a box per line (json's own indenting runs in
    Python, not C, and took a third of the time of writing a report)."""
    lines = []
    for key, value in report.items():
        if key == "boxes" and value:
            boxes = ",\n    ".join(json.dumps(box, ensure_ascii=False) for box in report["boxes"])
            lines.append(f'  "boxes": [\n    {boxes}\n  ]')
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_report(
    ws: Workspace, doc: DocumentRow, applied: Apply | None,
    withheld: Withhold | None, clashes: Collection[str] = (), durable: bool = True,
) -> list[Path]:
    """Write one document's report (JSON and HTML); returns the files that changed."""
    report = document_report(ws, doc, applied, withheld)
    written = []
    for suffix, text in ((".json", report_json(report)), (".html", render_html(report))):
        target = report_path(ws, doc, suffix, clashes)
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data, durable)
            written.append(target)
    return written


def write_reports(
    ws: Workspace, changed: set[int] | None = None, done: Collection[int] = ()
) -> list[Path]:
    """Write the report of every applied or withheld document (unchanged files are left).

    With ``changed`` (the documents this run applied or withheld), the others are only written
    when their report is missing: building a report reads the document's whole history.
    ``done``: documents whose report was written already (apply writes each one as its result
    comes in, while the workers go on).
    """
    records: tuple[dict[int, Apply], dict[int, Withhold]] | None = None
    written = []
    current = ws.documents(status="scanned")
    clashes = stem_clashes(current)
    for doc in current:
        if doc.id in done or not doc.withheld and ws.output(doc.id) is None:
            continue
        if changed is not None and doc.id not in changed and all(
                report_path(ws, doc, suffix, clashes).exists() for suffix in (".json", ".html")):
            continue
        if records is None:  # the audit trail is read once, and only when a report needs it
            records = apply_records(ws), withhold_records(ws)
        applied, withheld = records
        written += write_report(ws, doc, applied.get(doc.id), withheld.get(doc.id), clashes)
    return written
