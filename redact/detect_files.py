"""``redact detect``: findings of .txt and .pdf files as contract records, without a workspace
(one flat dict per finding, printed as a JSON line by ``redact detect --json``)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NotRequired, TypedDict

from redact.config import Config
from redact.errors import InputNotFound
from redact.models import ExplanationData, Finding
from redact.stages.extract import OcrGlyphs, document_texts, locate
from redact.stages.ingest import find_inputs, open_pdf

if TYPE_CHECKING:
    from redact.stages.detect import Detector

log = logging.getLogger("redact")


def read_text_file(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM), else Windows-1252."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_file(path: Path, detector: Detector, config: Config) -> Iterator[FindingRecord]:
    """Findings of one .txt or .pdf file as contract records (see ``_record``)."""
    name = str(path)
    if path.suffix.lower() == ".txt":
        for f in detector.detect(read_text_file(path)):
            yield _record(name, None, f)
        return
    doc = open_pdf(path, config.max_file_bytes, config.max_pages)
    with doc, OcrGlyphs(config.ocr) as ocr:  # scanned pages are read with OCR, as in scan
        texts = [p.text for p in document_texts(doc, ocr)]
        located = locate(doc, detector.detect_pages(texts), ocr)
    for pf in located:
        record = _record(name, pf.page, pf.finding)
        record["bbox"] = [round(v, 2) for v in pf.bbox]
        record["rects"] = [[round(v, 2) for v in r] for r in pf.rects]
        yield record


class FindingRecord(TypedDict):
    """One finding of ``redact detect`` (a line of its ``--json`` output)."""

    file: str
    page: int | None
    start: int
    end: int
    entity: str
    text: str
    score: float
    ground: str
    recognizer: str
    proposed: bool
    note: str
    explanation: ExplanationData
    bbox: NotRequired[list[float]]  # PDF files only
    rects: NotRequired[list[list[float]]]


def _record(name: str, page: int | None, f: Finding) -> FindingRecord:
    return {
        "file": name, "page": page, "start": f.start, "end": f.end, "entity": f.entity,
        "text": f.text, "score": f.score, "ground": f.ground, "recognizer": f.recognizer,
        "proposed": f.proposed, "note": f.note, "explanation": f.explanation.as_dict(),
    }


def detect_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders into their .txt and .pdf files; files are taken as given."""
    for path in paths:
        if not path.exists():
            raise InputNotFound(f"{path} does not exist")
        if path.is_dir():
            for item in find_inputs(path):
                if item.problem is not None:
                    log.warning("skipped %s: %s", item.name, item.problem)
                elif item.path.suffix.lower() in (".txt", ".pdf"):
                    yield item.path
        else:
            yield path
