"""What the review pages show: the batch overview, a document's shell and its pages one at a
time (the live page), and a whole document with each page's original beside the result (the
read-only export).

These are plain frozen records and JSON built from the workspace; the templates and the page
script only lay them out. Both the live page and the export cut the text with the same
``segments`` and count with the same ``counts``, so both show one truth.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from redact.jsontypes import JsonObject
from redact.workspace import DocumentRow, ProposalMark, ProposalRow, Workspace

STATUSES = ("pending", "accepted", "rejected")


def mention_key(text: str) -> str:
    """Two proposals mention the same value when their text matches up to case and spacing."""
    return " ".join(text.split()).casefold()


def counts(proposed: bool, status: str) -> bool:
    """Whether a proposal needs or carries a decision: proposed ones, and any decided one.

    A finding reported but not proposed (a public office holder) stays readable unless a
    reviewer accepts it, so while pending it does not hold up the document.
    """
    return bool(proposed) or status != "pending"


def mark(proposals: Iterable[ProposalRow]) -> str:
    """How a stretch of text covered by these proposals reads: the strongest status wins."""
    rows = list(proposals)
    if any(p.status == "accepted" for p in rows):
        return "accepted"
    if any(p.status == "pending" and p.proposed for p in rows):
        return "pending"
    if any(p.status == "pending" for p in rows):
        return "kept"  # reported, not proposed
    return "rejected"


def bucket(proposed: bool, status: str) -> str:
    """The column a proposal is counted in: its status, or "not proposed"."""
    return status if counts(proposed, status) else "not proposed"


# -- the text diff ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of page text covered by the same proposals (none for plain text)."""

    start: int
    text: str
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Piece:
    """A run of the redacted text: kept text, or a box labelled with its grounds."""

    text: str
    box: bool = False


def segments(text: str, spans: Iterable[tuple[int, int, int]]) -> tuple[Segment, ...]:
    """Cut ``text`` at every proposal boundary; ``spans`` are (proposal id, start, end)."""
    clipped = [(pid, max(0, s), min(len(text), e)) for pid, s, e in spans]
    clipped = [(pid, s, e) for pid, s, e in clipped if s < e]
    cuts = sorted({0, len(text)} | {s for _, s, _ in clipped} | {e for _, _, e in clipped})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ids = tuple(pid for pid, s, e in clipped if s <= a and b <= e)
        out.append(Segment(a, text[a:b], ids))
    return tuple(out)


def redacted(text: str, accepted: Iterable[tuple[int, int, str]]) -> tuple[Piece, ...]:
    """The page text as it will read after apply: accepted spans become ``[ground]`` boxes."""
    spans = sorted((max(0, s), min(len(text), e), g) for s, e, g in accepted)
    merged: list[list[Any]] = []
    for s, e, g in spans:
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if g not in merged[-1][2]:
                merged[-1][2].append(g)
        else:
            merged.append([s, e, [g]])
    out: list[Piece] = []
    at = 0
    for s, e, grounds in merged:
        if at < s:
            out.append(Piece(text[at:s]))
        out.append(Piece("[" + "; ".join(sorted(grounds)) + "]", box=True))
        at = e
    if at < len(text):
        out.append(Piece(text[at:]))
    return tuple(out)


# -- proposals, pages and documents ----------------------------------------------------------


@dataclass(frozen=True)
class ProposalView:
    row: ProposalRow
    mentions: int = 1  # proposals with the same value across the batch, this one included
    mention_documents: int = 1

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def reason(self) -> list[tuple[str, str]]:
        """Why it was proposed, as (label, value) pairs: recogniser, pattern or lexicon, ..."""
        ex = self.row.explanation
        out = [("recogniser", str(ex.get("recognizer") or self.row.recognizer))]
        if ex.get("pattern"):
            out.append(("pattern", str(ex["pattern"])))
        if ex.get("context"):
            out.append(("context", ", ".join(str(c) for c in ex["context"])))
        if ex.get("validation"):
            out.append(("validation", str(ex["validation"])))
        return out

    def state(self) -> JsonObject:
        """What the page script needs to decide on it: ids, version, status, ground."""
        return state(self.row) | {"mentions": self.mentions}


def state(row: ProposalRow) -> JsonObject:
    return {
        "id": row.id, "document": row.document_id, "page": row.page, "start": row.start,
        "end": row.end, "entity": row.entity, "ground": row.ground, "status": row.status,
        "version": row.version, "proposed": row.proposed, "origin": row.origin,
        "decided_by": row.decided_by, "decided_at": row.decided_at,
    }


@dataclass(frozen=True)
class PageDiff:
    number: int
    width: float
    height: float
    segments: tuple[Segment, ...]
    redacted: tuple[Piece, ...]
    proposals: tuple[ProposalView, ...]


@dataclass(frozen=True)
class DocumentView:
    """A whole document, every page with its text and proposals: the read-only export."""

    document: DocumentRow
    pages: tuple[PageDiff, ...]
    entities: dict[str, Counter[str]]  # entity -> status -> count
    decided: int
    total: int
    applied_at: str | None

    @property
    def proposals(self) -> list[ProposalView]:
        return [p for page in self.pages for p in page.proposals]

    @cached_property
    def by_id(self) -> dict[int, ProposalRow]:
        return {p.id: p.row for p in self.proposals}

    def mark(self, ids: Iterable[int]) -> str:
        return mark(self.by_id[i] for i in ids)


def mention_counts(ws: Workspace) -> tuple[dict[str, int], dict[str, int]]:
    """Per value: proposals mentioning it, and documents mentioning it, in current documents."""
    per_value: Counter[str] = Counter()
    docs: defaultdict[str, set[int]] = defaultdict(set)
    for document_id, text in ws.mention_texts():
        if text.strip():
            key = mention_key(text)
            per_value[key] += 1
            docs[key].add(document_id)
    return dict(per_value), {k: len(v) for k, v in docs.items()}


def page_diff(
    number: int, text: str, width: float, height: float, proposals: Sequence[ProposalView]
) -> PageDiff:
    spans = [(p.id, p.row.start, p.row.end) for p in proposals]
    accepted = [(p.row.start, p.row.end, p.row.ground) for p in proposals
                if p.row.status == "accepted"]
    return PageDiff(number, width, height, segments(text, spans), redacted(text, accepted),
                    tuple(proposals))


def document_view(ws: Workspace, document_id: int) -> DocumentView:
    """Every page of a document, for the export (the live page loads one page at a time)."""
    doc = ws.document(document_id)
    rows = ws.proposals(document_id)
    per_value, per_value_docs = mention_counts(ws)
    by_page: defaultdict[int, list[ProposalView]] = defaultdict(list)
    for row in rows:
        key = mention_key(row.text)
        by_page[row.page].append(ProposalView(
            row, per_value.get(key, 1) if row.text.strip() else 1,
            per_value_docs.get(key, 1) if row.text.strip() else 1))
    pages = tuple(
        page_diff(p.page, p.text, p.width, p.height, by_page.get(p.page, []))
        for p in ws.pages(document_id)
    )
    entities: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        entities[row.entity][bucket(row.proposed, row.status)] += 1
    counted = [r for r in rows if counts(r.proposed, r.status)]
    out = ws.output(document_id)
    return DocumentView(
        document=doc, pages=pages,
        entities=dict(sorted(entities.items())),
        decided=sum(1 for r in counted if r.status != "pending"), total=len(counted),
        applied_at=None if out is None else out.applied_at,
    )


# -- the page-first review: a light document shell, then one page at a time ------------------

STATUS_CODES = {"pending": "p", "accepted": "a", "rejected": "r"}


@dataclass(frozen=True)
class DocumentShell:
    """What the document page needs before any page is shown: the page sizes (the script makes
    a thumbnail of each) and a compact index of its proposals (ids, pages, statuses, entities; no
    text), so that a document of 500 pages and 5,000 proposals is one small page; each page's
    proposals come as JSON on request."""

    document: DocumentRow
    sizes: tuple[tuple[int, float, float], ...]  # (page, width, height)
    rows: tuple[ProposalMark, ...]  # in reading order: page, start, id
    entities: dict[str, Counter[str]]  # entity -> status (or "not proposed") -> count
    applied_at: str | None
    first_page: int  # the page to show first

    @property
    def counted(self) -> list[ProposalMark]:
        return [r for r in self.rows if counts(r.proposed, r.status)]

    @property
    def decided(self) -> int:
        return sum(1 for r in self.counted if r.status != "pending")

    @property
    def total(self) -> int:
        return len(self.counted)

    def state(self) -> JsonObject:
        """The page script's starting point: ``index`` rows are ``[id, page, status, proposed,
        entity number]``, status one letter (p, a, r)."""
        names = sorted({r.entity for r in self.rows})
        number = {e: i for i, e in enumerate(names)}
        return {
            "document": self.document.id,
            "pages": [[w, h] for _, w, h in self.sizes],
            "entities": list(names),
            "index": [[r.id, r.page, STATUS_CODES.get(r.status, "p"), int(r.proposed),
                       number[r.entity]] for r in self.rows],
        }


def document_shell(ws: Workspace, document_id: int, page: int | None = None) -> DocumentShell:
    """The document page's shell; ``page``: the page asked for (clamped), else the first page
    with an open proposal, else page 1."""
    doc = ws.document(document_id)
    rows = tuple(ws.proposal_marks(document_id))
    sizes = tuple(ws.page_sizes(document_id)) or ((1, 595.0, 842.0),)
    entities: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        entities[row.entity][bucket(row.proposed, row.status)] += 1
    last = len(sizes)
    if page is not None:
        first = min(max(page, 1), last)
    else:
        first = next((r.page for r in rows if r.proposed and r.status == "pending"), 1)
    out = ws.output(document_id)
    return DocumentShell(doc, sizes, rows, dict(sorted(entities.items())),
                         None if out is None else out.applied_at, min(max(first, 1), last))


def proposal_details(view: ProposalView) -> JsonObject:
    """One proposal as the page shows it: its state, value, boxes and why it was proposed."""
    row = view.row
    return view.state() | {
        "text": row.text, "rects": [list(r) for r in row.rects], "score": round(row.score, 2),
        "reason": [[label, value] for label, value in view.reason],
        "explain": str(row.explanation.get("text") or ""), "note": row.note,
        "motivation": row.motivation, "mention_documents": view.mention_documents,
    }


def page_data(ws: Workspace, document_id: int, number: int) -> JsonObject | None:
    """One page for the review page: its size, text (cut at proposal boundaries) and every
    proposal on it with its details. None when the document has no such page."""
    page = ws.page(document_id, number)
    if page is None:
        return None
    rows = ws.proposals(document_id, page=number)
    per_value, per_value_docs = mention_counts(ws)
    views = [ProposalView(row, per_value.get(mention_key(row.text), 1) if row.text.strip() else 1,
                          per_value_docs.get(mention_key(row.text), 1) if row.text.strip() else 1)
             for row in rows]
    cut = segments(page.text, [(r.id, r.start, r.end) for r in rows])
    return {
        "document": document_id, "page": number, "width": page.width, "height": page.height,
        "ocr": page.ocr, "text": page.text,
        "segments": [[seg.start, seg.start + len(seg.text), list(seg.ids)] for seg in cut],
        "proposals": [proposal_details(v) for v in views],
    }


# -- the batch overview ----------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSummary:
    document: DocumentRow
    status: str  # undecided | in review | decided | applied
    statuses: Counter[str]  # pending / accepted / rejected / not proposed
    entities: Counter[str]  # proposals that count, per entity
    applied_at: str | None = None
    changed_since_apply: bool = False  # decisions taken after the output was written

    @property
    def decided(self) -> int:
        return self.statuses["accepted"] + self.statuses["rejected"]

    @property
    def total(self) -> int:
        return self.decided + self.statuses["pending"]


@dataclass(frozen=True)
class BatchView:
    documents: tuple[DocumentSummary, ...]
    others: tuple[DocumentRow, ...]  # skipped or superseded: nothing to review
    entities: dict[str, Counter[str]]  # entity -> status -> count, whole batch
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def decided(self) -> int:
        return self.statuses["accepted"] + self.statuses["rejected"]

    @property
    def total(self) -> int:
        return self.decided + self.statuses["pending"]

    @property
    def by_status(self) -> Counter[str]:
        return Counter(d.status for d in self.documents)

    @property
    def next_undecided(self) -> DocumentSummary | None:
        return next((d for d in self.documents if d.status in ("undecided", "in review")), None)


def document_status(statuses: Counter[str], applied: bool) -> str:
    if statuses["pending"]:
        return "undecided" if not (statuses["accepted"] + statuses["rejected"]) else "in review"
    return "applied" if applied else "decided"


def batch_view(ws: Workspace) -> BatchView:
    docs = ws.documents()
    outputs = ws.outputs()
    statuses: defaultdict[int, Counter[str]] = defaultdict(Counter)
    entities: defaultdict[int, defaultdict[str, Counter[str]]] = defaultdict(
        lambda: defaultdict(Counter))
    last_decision: dict[int, str] = {}
    for row in ws.proposal_digest():
        doc_id = row.document_id
        status = bucket(row.proposed, row.status)
        statuses[doc_id][status] += 1
        entities[doc_id][row.entity][status] += 1
        if row.decided_at and row.decided_at > last_decision.get(doc_id, ""):
            last_decision[doc_id] = row.decided_at
    summaries = []
    total: Counter[str] = Counter()
    batch_entities: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        if doc.status != "scanned":
            continue
        out = outputs.get(doc.id)
        applied_at = None if out is None else out.applied_at
        summaries.append(DocumentSummary(
            document=doc,
            status=document_status(statuses[doc.id], out is not None),
            statuses=statuses[doc.id],
            entities=Counter({e: sum(c[s] for s in STATUSES)
                              for e, c in entities[doc.id].items()}),
            applied_at=applied_at,
            changed_since_apply=applied_at is not None
            and last_decision.get(doc.id, "") > applied_at,
        ))
        total.update(statuses[doc.id])
        for entity, c in entities[doc.id].items():
            batch_entities[entity].update(c)
    return BatchView(
        documents=tuple(summaries),
        others=tuple(d for d in docs if d.status != "scanned"),
        entities=dict(sorted(batch_entities.items())),
        statuses=total,
    )
