"""Extraction, apply and end-to-end throughput (1 and 2 workers), measured on fixture PDFs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from benchmarks.conftest import FIXTURES, REPO, record
from redact.stages.apply import ApplyTask, Box, redact_document
from redact.stages.extract import document_texts
from redact.stages.ingest import sha256_file

COPIES = 8  # copies of the fixture set: a few hundred documents


@pytest.fixture(scope="module")
def pdfs() -> list[Path]:
    found = sorted((FIXTURES / "woo").glob("*.pdf"))
    if not found:
        pytest.fail("no fixtures: run `make fixtures` first")
    return found


@pytest.fixture(scope="module")
def big_inbox(pdfs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    box = tmp_path_factory.mktemp("inbox")
    for i in range(COPIES):
        for pdf in pdfs:
            # Different bytes per copy, so that every copy is a new document.
            with pymupdf.open(pdf) as doc:
                doc.set_metadata({"subject": f"copy {i}"})
                doc.save(box / f"{pdf.stem}-{i}.pdf")
    return box


def pages_in(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        with pymupdf.open(p) as doc:
            total += doc.page_count
    return total


def test_extraction(benchmark, pdfs: list[Path]) -> None:
    def run() -> int:
        n = 0
        for p in pdfs:
            with pymupdf.open(p) as doc:
                n += sum(1 for _ in document_texts(doc))
        return n

    n = benchmark.pedantic(run, rounds=5, warmup_rounds=1)
    record("extraction (page text)", pages_per_s=n / benchmark.stats["median"])


def test_apply(benchmark, pdfs: list[Path], tmp_path: Path) -> None:
    tasks = []
    for p in pdfs:
        with pymupdf.open(p) as doc:
            boxes = tuple(Box(i + 1, (72.0, 100.0 + 20 * k, 200.0, 112.0 + 20 * k), "5.1.2e")
                          for i in range(doc.page_count) for k in range(10))
        tasks.append(ApplyTask(0, str(p), sha256_file(p), boxes))

    def run() -> int:
        for task in tasks:
            result = redact_document(task)
            assert result.error is None
        return 0

    benchmark.pedantic(run, rounds=3, warmup_rounds=1)
    record("apply (10 boxes per page)", pages_per_s=pages_in(pdfs) / benchmark.stats["median"])


def end_to_end(inbox: Path, tmp: Path, workers: int) -> float:
    ws, out = tmp / f"ws{workers}", tmp / f"out{workers}"
    shutil.rmtree(ws, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    cli = [sys.executable, "-m", "redact"]
    start = time.perf_counter()
    subprocess.run([*cli, "scan", str(inbox), "--workspace", str(ws), "--workers", str(workers)],
                   check=True, cwd=REPO, capture_output=True)
    subprocess.run([*cli, "decide", str(ws), "--accept-all"], check=True, cwd=REPO,
                   capture_output=True)
    subprocess.run([*cli, "apply", str(ws), "--out", str(out), "--workers", str(workers)],
                   check=True, cwd=REPO, capture_output=True)
    return time.perf_counter() - start


def test_end_to_end_1_and_2_workers(big_inbox: Path, tmp_path: Path) -> None:
    pages = pages_in(sorted(big_inbox.glob("*.pdf")))
    one = min(end_to_end(big_inbox, tmp_path, 1) for _ in range(2))
    two = min(end_to_end(big_inbox, tmp_path, 2) for _ in range(2))
    documents = len(list(big_inbox.glob("*.pdf")))
    record("end to end, 1 worker", pages_per_s=pages / one, documents=float(documents))
    record("end to end, 2 workers", pages_per_s=pages / two, speed_up=one / two)
