"""Readable accounts of what happened to a document: its redaction report and its audit history.

The redaction report lists every box with its page, position, legal ground, entity type, who
decided it and when, so that the decision letter can cite it; it never holds the redacted text.
Reports are written into the workspace (``reports/<stem>.json`` and ``.html``, named as the
output PDF is), not into the outbox: the outbox is published, and reviewers' names are not for
publication.

The history is the hash-chained audit trail read back for one document (or for all): the chain is
checked first, then every record that concerns the document is rendered as one line.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact.errors import AuditChainBroken, InputNotFound
from redact.inventory import judgement, withhold_records
from redact.stages.apply import label_size
from redact.workspace import DocumentRow, Workspace, stem_clashes

REPORTS = "reports"


# -- redaction report ---------------------------------------------------------------------------------


def _last_decisions(ws: Workspace, document_id: int) -> dict[int, dict[str, Any]]:
    rows = ws.db.execute(
        "SELECT d.proposal_id, d.reviewer, d.method, d.at FROM decisions d JOIN proposals p "
        "ON p.id = d.proposal_id WHERE p.document_id=? ORDER BY d.id", (document_id,)
    )
    return {int(r[0]): {"reviewer": r[1], "method": r[2], "at": r[3]} for r in rows}


def _apply_records(ws: Workspace) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for record in ws.audit_records():
        data = record.get("data") or {}
        if record.get("event") == "apply" and isinstance(data.get("document"), int):
            found[data["document"]] = data
    return found


def document_report(
    ws: Workspace, doc: DocumentRow, applied: dict[str, Any] | None = None,
    withheld: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every box of one document, in reading order, with its ground and its decision."""
    decisions = _last_decisions(ws, doc.id)
    proposals = ws.proposals(doc.id)
    accepted = [p for p in proposals if p.status == "accepted"]
    # apply numbers the boxes in this same order; it records the ones it could not label
    unlabelled = (applied or {}).get("unlabelled")
    boxes: list[dict[str, Any]] = []
    for p in accepted:
        decision = decisions.get(p.id, {})
        for rect in p.rects:
            labelled = (len(boxes) not in unlabelled if isinstance(unlabelled, list)
                        else bool(label_size(rect, p.ground)))
            boxes.append({
                "y": rect[1], "x": rect[0],
                "page": p.page, "rect": [round(v, 2) for v in rect], "ground": p.ground,
                "entity": p.entity, "recognizer": p.recognizer, "origin": p.origin,
                "proposal": p.id, "labelled": labelled,
                "reviewer": decision.get("reviewer", p.decided_by),
                "method": decision.get("method"), "decided_at": decision.get("at", p.decided_at),
            })
    boxes.sort(key=lambda b: (b["page"], round(b["y"]), b["x"], b["proposal"]))
    for number, box in enumerate(boxes, start=1):
        box["box"] = number
    output = ws.output(doc.id)
    rejected = Counter(p.entity for p in proposals if p.status == "rejected")
    return {
        "document": doc.id,
        "name": doc.name,
        "sha256": doc.sha256,
        "pages": doc.page_count,
        "judgement": judgement(doc.withheld, bool(accepted)),
        "grounds": sorted({b["ground"] for b in boxes}),
        "withheld": ({"grounds": withheld.get("grounds") or withheld.get("ground"),
                      "reason": withheld.get("reason") or withheld.get("note")}
                     if doc.withheld and withheld else None),
        "output": None if output is None or doc.withheld else {
            "file": Path(output["path"]).name, "sha256": output["sha256"],
            "applied_at": output["applied_at"],
        },
        "boxes": [{k: box[k] for k in ("box", *[k for k in box if k not in ("box", "x", "y")])}
                  for box in boxes],
        "boxes_per_ground": dict(sorted(Counter(b["ground"] for b in boxes).items())),
        "unlabelled": sum(not b["labelled"] for b in boxes),
        "not_redacted": dict(sorted(rejected.items())),  # rejected proposals, by entity type
        "scrubbed": (applied or {}).get("scrubbed", {}),
        # on scanned pages: an accepted value the output's OCR read outside the boxes, boxed too
        "ocr_extra_boxes": (applied or {}).get("ocr_extra_boxes", []),
    }


def _withheld_text(withheld: dict[str, Any]) -> str:
    grounds = withheld.get("grounds") or ()
    grounds = [grounds] if isinstance(grounds, str) else list(grounds)
    return "; ".join(str(g) for g in grounds) + (f" ({withheld['reason']})"
                                                 if withheld.get("reason") else "")


def render_html(report: dict[str, Any]) -> str:
    """A self-contained page: the document, its judgement, and a table of its boxes."""
    e = html.escape
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in (
            b["box"], b["page"], b["ground"], b["entity"], "ja" if b["labelled"] else "nee",
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
<dt>Verwijderde verborgen inhoud</dt><dd>{scrubbed}</dd>
</dl>
<h2>Lakkingen ({len(report["boxes"])}, waarvan {report["unlabelled"]} te klein voor een label)</h2>
<table>
<tr><th>#</th><th>pagina</th><th>grond</th><th>soort gegeven</th><th>label</th>
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


def report_json(report: dict[str, Any]) -> str:
    """The report as JSON, a key per line and a box per line (json's own indenting runs in
    Python, not C, and took a third of the time of writing a report)."""
    lines = []
    for key, value in report.items():
        if key == "boxes" and value:
            boxes = ",\n    ".join(json.dumps(box, ensure_ascii=False) for box in value)
            lines.append(f'  "boxes": [\n    {boxes}\n  ]')
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_report(
    ws: Workspace, doc: DocumentRow, applied: dict[str, Any] | None,
    withheld: dict[str, Any] | None, clashes: Collection[str] = (), durable: bool = True,
) -> list[Path]:
    """Write one document's report (JSON and HTML); returns the files that changed."""
    from redact.pipeline import write_atomic

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
    records: tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]] | None = None
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
            records = _apply_records(ws), withhold_records(ws)
        applied, withheld = records
        written += write_report(ws, doc, applied.get(doc.id), withheld.get(doc.id), clashes)
    return written


# -- audit history -------------------------------------------------------------------------------------


@dataclass
class History:
    lines: list[str] = field(default_factory=list)
    chain_error: str | None = None


def find_documents(ws: Workspace, ref: str) -> list[DocumentRow]:
    """Documents by id, by name relative to the inbox, by file name or by stem (all versions)."""
    docs = ws.documents()
    if ref.isdigit():
        found = [d for d in docs if d.id == int(ref)]
    else:
        found = [d for d in docs if d.name == ref]
        if not found:
            found = [d for d in docs if Path(d.name).name == ref or d.stem == ref
                     or Path(d.name).stem == ref]
    if not found:
        raise InputNotFound(f"no document {ref!r} in workspace {ws.root}")
    return found


def _proposal_ids(value: Any) -> set[int]:
    ids: set[int] = set()
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, int):
            ids.add(item)
        elif isinstance(item, dict) and isinstance(item.get("id"), int):
            ids.add(item["id"])
    return ids


def concerns(
    record: dict[str, Any], doc: DocumentRow, proposals: set[int], applied_at: int | None = None
) -> bool:
    """Whether ``record`` is about ``doc``; a verify run after ``applied_at`` (the sequence
    number of the document's first apply) checked its output too."""
    data = record.get("data") or {}
    if record.get("event") == "verify" and applied_at is not None:
        return int(record.get("seq", 0)) > applied_at
    if data.get("document") == doc.id or data.get("name") == doc.name:
        return True
    if _proposal_ids(data.get("proposal")) & proposals:
        return True
    if _proposal_ids(data.get("proposals")) & proposals:
        return True
    outputs = {doc.name, str(Path(doc.name).with_suffix(".pdf"))}
    return any(p.get("document") in outputs for p in data.get("problems") or ()
               if isinstance(p, dict))


def _counts(counter: dict[str, int] | Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"


def describe(record: dict[str, Any], doc: DocumentRow | None, entities: dict[int, str]) -> str:
    """One readable line for one record (never personal data: the trail holds none)."""
    event = str(record.get("event"))
    data = record.get("data") or {}
    if event == "scan":
        return (f"scanned {data.get('pages')} page(s), sha256 {str(data.get('sha256'))[:12]}, "
                f"redact {data.get('tool_version')}, config {str(data.get('config_sha256'))[:12]}")
    if event == "skip":
        return f"skipped ({data.get('kind')}): {data.get('reason')}"
    if event == "proposals":
        items = data.get("proposals") or []
        proposed = [p for p in items if p.get("proposed", True)]
        kinds = Counter(f"{p.get('entity')} [{p.get('ground')}]" for p in proposed)
        return (f"{len(proposed)} proposal(s): {_counts(kinds)}"
                + (f"; {len(items) - len(proposed)} reported, not proposed"
                   if len(items) > len(proposed) else ""))
    if event == "decision":
        ids = _proposal_ids(data.get("proposals"))
        if doc is not None:
            ids &= set(entities)
        kinds = Counter(entities.get(i, "?") for i in ids) if doc is not None else Counter(
            data.get("entities") or {})
        return (f"{data.get('reviewer')} {data.get('decision')} {len(ids)} proposal(s) "
                f"({_counts(kinds)}) [{data.get('method')}]")
    if event == "apply":
        boxes = data.get("boxes_per_ground") or {}
        return (f"applied: {data.get('output')}, {sum(boxes.values())} box(es) ({_counts(boxes)}), "
                f"{data.get('unlabelled_boxes', 0)} unlabelled; scrubbed "
                f"{_counts(data.get('scrubbed') or {})}; sha256 {str(data.get('sha256'))[:12]}")
    if event == "apply_failed":
        return f"apply failed: {data.get('reason')}"
    if event == "verify":
        problems = data.get("problems") or []
        if doc is not None:
            outputs = {doc.name, str(Path(doc.name).with_suffix(".pdf"))}
            problems = [p for p in problems if p.get("document") in outputs]
            return ("verified: no leak" if not problems else
                    f"verify found {len(problems)} problem(s): "
                    + "; ".join(f"{p.get('channel')}: {p.get('detail')}" for p in problems))
        return f"verified {data.get('documents')} document(s), {len(problems)} problem(s)"
    if event == "inventory":
        return f"inventory list: {data.get('documents')} document(s), {_counts(data.get('judgements') or {})}"
    scalars = {k: v for k, v in data.items() if isinstance(v, (str, int, float, bool)) and k != "text"}
    return f"{event}: " + ", ".join(f"{k}={v}" for k, v in scalars.items())


def _lines(records: Iterable[dict[str, Any]], doc: DocumentRow | None,
           entities: dict[int, str]) -> list[str]:
    return [f"  #{r.get('seq'):<5} {str(r.get('ts'))[:19].replace('T', ' ')}  "
            f"{str(r.get('event')):<13} {describe(r, doc, entities)}" for r in records]


def audit_history(ws_root: Path, ref: str | None = None) -> History:
    """The history of document ``ref`` (id or name), or of everything, from the audit trail."""
    history = History()
    with Workspace.open(ws_root) as ws:
        try:
            report = ws.verify_audit()
            ws.check_state()  # and the database says what the trail says
            history.lines.append(f"audit trail: {report.records} record(s), chain intact "
                                 f"(head {report.head[:12]}); workspace.sqlite consistent with it")
        except AuditChainBroken as exc:
            history.chain_error = str(exc)
            history.lines.append(f"audit trail: BROKEN: {exc}")
        records = ws.audit_records()
        if ref is None:
            history.lines.extend(_lines(records, None, {}))
            return history
        for doc in find_documents(ws, ref):
            entities = {p.id: p.entity for p in ws.proposals(doc.id)}
            status = "withheld" if doc.withheld else doc.status
            history.lines.append(
                f"document {doc.id}: {doc.name} (sha256 {doc.sha256[:12]}, "
                f"{doc.page_count} page(s), {status})"
            )
            ids = set(entities)
            applied_at = next((int(r["seq"]) for r in records if r.get("event") == "apply"
                               and (r.get("data") or {}).get("document") == doc.id), None)
            history.lines.extend(_lines(
                (r for r in records if concerns(r, doc, ids, applied_at)), doc, entities))
    return history
