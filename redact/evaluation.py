"""Score the detector against gold-annotated fixtures, with deduce on the same texts beside it.

Gold comes from ``fixtures/generate.py``: for every ``NAME.json`` there is a ``NAME.txt`` whose
pages are separated by form feeds, and gold spans are offsets into that file::

    {"document", "kind", "pages", "spans": [{"entity", "text", "start", "end", "page",
                                              "public_official"}]}

Matching is by span overlap. A gold span is *found* when a finding of the same entity overlaps it
(for deduce: a finding whose tag maps to that entity); a finding is *correct* when it overlaps a
gold span of its entity. Recall is also counted as *full coverage*: a gold span is *fully found*
when every letter and digit of it lies inside a finding of its entity, since a name of which one
word stays readable is a leak; the report lists the spans found only in part. Findings
overlapping a public official's name count as correct (the detector must report them, marked as
not proposed). False alarms are counted per 1,000 words on
the prose documents, where a false alarm costs a reviewer the most.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from redact import __version__
from redact.config import Config, load_config
from redact.jsontypes import JsonObject

# deduce tag -> the gold entities it stands for (the first one when it matches nothing).
DEDUCE_TAGS: dict[str, tuple[str, ...]] = {
    "persoon": ("PERSON",),
    "patient": ("PERSON",),
    "naam": ("PERSON",),
    "locatie": ("NL_ADDRESS", "NL_POSTCODE", "LOCATION"),
    "email": ("EMAIL_ADDRESS",),
    "emailadres": ("EMAIL_ADDRESS",),
    "telefoonnummer": ("PHONE_NUMBER",),
    "bsn": ("NL_BSN",),
    "url": ("URL",),
    "datum": ("DATE_OF_BIRTH",),
    "id": ("NL_ID_DOCUMENT", "NL_BSN", "IBAN_CODE", "CREDIT_CARD"),
}


@dataclass(frozen=True)
class Span:
    entity: str
    start: int
    end: int
    text: str
    document: str
    page: int = 0
    public_official: bool = False


@dataclass(frozen=True)
class EntityScore:
    entity: str
    gold: int  # gold spans
    found: int  # gold spans found
    predicted: int  # findings
    correct: int  # findings that overlap gold
    full: int = 0  # gold spans of which every letter and digit is covered

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def full_recall(self) -> float | None:
        return self.full / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None


@dataclass(frozen=True)
class SystemScore:
    """One system's scores over the whole gold set."""

    name: str
    entities: tuple[EntityScore, ...]
    overall: EntityScore
    false_alarms_per_1k_words: float  # on the prose documents
    seconds: float
    misses: tuple[Span, ...] = ()
    false_alarms: tuple[Span, ...] = ()
    partial: tuple[Span, ...] = ()  # gold spans found, but with a part left uncovered

    def entity(self, name: str) -> EntityScore | None:
        return next((e for e in self.entities if e.entity == name), None)


@dataclass(frozen=True)
class EvalReport:
    gold_dir: str
    documents: int
    characters: int
    prose_words: int
    ours: SystemScore
    deduce: SystemScore | None = None
    deduce_error: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Doc:
    name: str
    kind: str
    text: str
    gold: tuple[Span, ...]

    @property
    def pages(self) -> list[str]:
        return self.text.split("\f")


def load_gold(gold_dir: Path) -> list[_Doc]:
    """Every ``NAME.json`` with its ``NAME.txt`` under ``gold_dir`` (recursively), sorted."""
    docs = []
    for path in sorted(Path(gold_dir).rglob("*.json")):
        txt = path.with_suffix(".txt")
        if not txt.is_file():
            continue
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or "spans" not in data:
            continue
        text = txt.read_text("utf-8")
        name = str(data.get("document", path.stem))
        spans = []
        for s in data["spans"]:
            spans.append(Span(s["entity"], int(s["start"]), int(s["end"]), s.get("text", ""), name,
                              int(s.get("page", 0)), bool(s.get("public_official", False))))
            if text[spans[-1].start : spans[-1].end] != spans[-1].text and spans[-1].text:
                raise ValueError(f"{path}: gold span {s} does not match the text")
        kind = str(data.get("kind") or path.parent.name)
        if path.parent.name == "prose":
            kind = "prose"
        docs.append(_Doc(name, kind, text, tuple(spans)))
    return docs


def _page_offsets(pages: Sequence[str]) -> list[int]:
    offsets, at = [], 0
    for p in pages:
        offsets.append(at)
        at += len(p) + 1  # the form feed
    return offsets


def _run_ours(docs: Sequence[_Doc], config: Config) -> tuple[list[list[Span]], float]:
    from redact.stages.detect import Detector  # here: Presidio and spaCy take seconds to import

    detector = Detector(config)
    out = []
    t0 = time.perf_counter()
    for doc in docs:
        pages = doc.pages
        offsets = _page_offsets(pages)
        spans = []
        for page_no, (off, found) in enumerate(zip(offsets, detector.detect_pages(pages), strict=True), 1):
            for f in found:
                spans.append(Span(f.entity, off + f.start, off + f.end, f.text, doc.name, page_no))
        out.append(spans)
    return out, time.perf_counter() - t0


def _run_deduce(docs: Sequence[_Doc]) -> tuple[list[list[Span]], float]:
    from deduce import Deduce  # slow import; the first run after install builds a cache (~90 s)

    deduce = Deduce()
    out = []
    t0 = time.perf_counter()
    for doc in docs:
        spans = []
        for off, page in zip(_page_offsets(doc.pages), doc.pages, strict=True):
            if not page.strip():
                continue
            for a in deduce.deidentify(page).annotations:
                tag = str(a.tag).lower()
                entities = DEDUCE_TAGS.get(tag)
                if entities is None:
                    continue  # institutions, ages: not entities we score
                spans.append(Span("|".join(entities), off + a.start_char, off + a.end_char, a.text,
                                  doc.name))
        out.append(spans)
    return out, time.perf_counter() - t0


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _compatible(predicted: Span, gold: Span) -> bool:
    return gold.entity in predicted.entity.split("|")


def _fully_covered(gold: Span, text: str, predicted: Sequence[Span]) -> bool:
    covered = [not text[i].isalnum() for i in range(gold.start, gold.end)]
    for p in predicted:
        if _compatible(p, gold):
            for i in range(max(p.start, gold.start), min(p.end, gold.end)):
                covered[i - gold.start] = True
    return all(covered)


def _score(name: str, docs: Sequence[_Doc], predictions: Sequence[list[Span]], seconds: float,
           prose_words: int) -> SystemScore:
    gold_n: Counter[str] = Counter()
    found_n: Counter[str] = Counter()
    full_n: Counter[str] = Counter()
    partial: list[Span] = []
    pred_n: Counter[str] = Counter()
    correct_n: Counter[str] = Counter()
    misses: list[Span] = []
    alarms: list[Span] = []
    prose_alarms = 0
    for doc, predicted in zip(docs, predictions, strict=True):
        for g in doc.gold:
            gold_n[g.entity] += 1
            if any(_compatible(p, g) and _overlaps(p, g) for p in predicted):
                found_n[g.entity] += 1
                if _fully_covered(g, doc.text, predicted):
                    full_n[g.entity] += 1
                else:
                    partial.append(g)
            else:
                misses.append(g)
        for p in predicted:
            hit = next((g for g in doc.gold if _compatible(p, g) and _overlaps(p, g)), None)
            entity = hit.entity if hit else p.entity.split("|")[0]
            pred_n[entity] += 1
            if hit:
                correct_n[entity] += 1
            else:
                alarms.append(Span(entity, p.start, p.end, p.text, p.document, p.page))
                if doc.kind == "prose":
                    prose_alarms += 1
    names = sorted(set(gold_n) | set(pred_n))
    entities = tuple(EntityScore(e, gold_n[e], found_n[e], pred_n[e], correct_n[e], full_n[e]) for e in names)
    overall = EntityScore("overall", sum(gold_n.values()), sum(found_n.values()),
                          sum(pred_n.values()), sum(correct_n.values()), sum(full_n.values()))
    per_1k = 1000.0 * prose_alarms / prose_words if prose_words else 0.0
    return SystemScore(name, entities, overall, per_1k, seconds, tuple(misses), tuple(alarms),
                       tuple(partial))


def evaluate(gold_dir: Path, config: Config | None = None, with_deduce: bool = True) -> EvalReport:
    """Score the detector (and, when it loads, deduce) on every gold document under ``gold_dir``."""
    docs = load_gold(gold_dir)
    if not docs:
        raise FileNotFoundError(f"no gold documents (NAME.json + NAME.txt) under {gold_dir}")
    config = config or load_config()
    prose_words = sum(len(d.text.split()) for d in docs if d.kind == "prose")
    predictions, seconds = _run_ours(docs, config)
    ours = _score("redact", docs, predictions, seconds, prose_words)
    deduce_score, error = None, ""
    if with_deduce:
        try:
            deduce_predictions, deduce_seconds = _run_deduce(docs)
            deduce_score = _score("deduce", docs, deduce_predictions, deduce_seconds, prose_words)
        except Exception as exc:  # deduce is a comparison only; never fail the evaluation on it
            error = f"{type(exc).__name__}: {exc}"
    return EvalReport(
        gold_dir=str(gold_dir),
        documents=len(docs),
        characters=sum(len(d.text) for d in docs),
        prose_words=prose_words,
        ours=ours,
        deduce=deduce_score,
        deduce_error=error,
    )


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def render(report: EvalReport, max_misses: int = 50) -> str:
    """The report as a plain-text table: ours and deduce side by side, then the misses."""
    systems = [report.ours] + ([report.deduce] if report.deduce else [])
    names = sorted({e.entity for s in systems for e in s.entities})
    lines = [
        f"gold: {report.gold_dir}: {report.documents} documents, {report.characters:,} characters, "
        f"{report.prose_words:,} words of prose",
        "",
    ]
    header = f"{'entity':<18}{'gold':>6}"
    for s in systems:
        header += f" | {s.name:>7} recall   full  prec.  found/pred"
    lines.append(header)
    lines.append("-" * len(header))
    for name in [*names, "overall"]:
        gold = next((e.gold for s in systems for e in (*s.entities, s.overall) if e.entity == name), 0)
        row = f"{name:<18}{gold:>6}"
        for s in systems:
            e = s.overall if name == "overall" else s.entity(name)
            if e is None:
                row += f" | {'':>7} {_fmt(None)} {_fmt(None)} {_fmt(None)} {'':>10}"
            else:
                row += (f" | {'':>7} {_fmt(e.recall)} {_fmt(e.full_recall)} {_fmt(e.precision)}"
                        f" {e.found:>4}/{e.predicted:<5}")
        lines.append(row)
    lines.append("")
    for s in systems:
        speed = report.characters / s.seconds if s.seconds else 0.0
        lines.append(
            f"{s.name}: {s.false_alarms_per_1k_words:.2f} false alarms per 1,000 words of prose; "
            f"{s.seconds:.2f} s, {speed / 1e6:.2f} M characters/s"
        )
    if report.deduce is None:
        lines.append(f"deduce: not run ({report.deduce_error or 'disabled'})")
    lines.append("")
    lines += _listing("misses", report.ours.misses, max_misses)
    lines += _listing("found only in part", report.ours.partial, max_misses)
    lines += _listing("false alarms", report.ours.false_alarms, max_misses)
    return "\n".join(lines)


def _listing(title: str, spans: Sequence[Span], most: int) -> list[str]:
    lines = [f"{title} ({len(spans)}):"]
    for s in spans[:most]:
        official = " (public official)" if s.public_official else ""
        lines.append(f"  {s.document} p{s.page} {s.entity:<16} {s.text!r}{official}")
    if len(spans) > most:
        lines.append(f"  ... and {len(spans) - most} more")
    return lines


def as_dict(report: EvalReport) -> JsonObject:
    """A JSON-ready summary (scores only, no misses) for ``--json`` output."""

    def system(s: SystemScore | None) -> JsonObject | None:
        if s is None:
            return None
        return {
            "entities": {e.entity: _entity(e) for e in s.entities},
            "overall": _entity(s.overall),
            "false_alarms_per_1k_words": s.false_alarms_per_1k_words,
            "seconds": s.seconds,
            "misses": len(s.misses),
            "found_in_part": len(s.partial),
        }

    return {"tool_version": __version__, "date": datetime.now(UTC).date().isoformat(),
            "gold_dir": report.gold_dir, "documents": report.documents,
            "characters": report.characters, "ours": system(report.ours),
            "deduce": system(report.deduce), "deduce_error": report.deduce_error}


def _entity(e: EntityScore) -> JsonObject:
    return {"gold": e.gold, "found": e.found, "fully_found": e.full, "predicted": e.predicted,
            "correct": e.correct, "recall": e.recall, "full_span_recall": e.full_recall,
            "precision": e.precision}

