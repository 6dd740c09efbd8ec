"""Issue 7's acceptance check: scanned Woo documents that were never tuned on, through scan,
accept-all and apply; then an independent OCR (poppler's pdftoppm and the tesseract command,
not PyMuPDF) reads the outputs and finds at most 5% of the personal data.

The same independent OCR must first find most of the data in the inputs: otherwise a "leak rate"
of zero would only mean that the OCR reads nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import REPO, redact

pytestmark = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="needs tesseract and poppler-utils (make system installs them)",
)

SEED = 23  # not a seed the recognisers were tuned on (0 for fixtures, 7 for make eval)


def page_images(path: Path, work: Path) -> list[Path]:
    """The pages to read: PDFs rendered by poppler, TIFF and PNG as they are."""
    if path.suffix != ".pdf":
        return [path]
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(path), str(work / "p")],
                   check=True, capture_output=True)
    return sorted(work.glob("p*.png"))


def tesseract(image: Path) -> str:
    # one thread per process: the pages are read side by side, one process per core
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(["tesseract", str(image), "-", "-l", "nld"], check=True,
                          capture_output=True, text=True, env=env).stdout


def independent_ocr(documents: list[tuple[Path, Path]]) -> list[str]:
    """Tesseract on each page image of each (document, work folder), the pages read in parallel
    (the same reading as one by one, in a fraction of the time); the text per document."""
    images = [page_images(path, work) for path, work in documents]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        texts = iter(list(pool.map(tesseract, [image for pages in images for image in pages])))
    return [normal(" ".join(next(texts) for _ in pages)) for pages in images]


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def found(value: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(normal(value)) + r"(?!\w)", text) is not None


def gold_values(gold: dict) -> list[str]:
    pages = set(gold.get("scanned_pages") or range(1, 1 + int(gold.get("pages", 1))))
    return [s["text"] for s in gold["spans"]
            if not s.get("public_official") and s.get("page", 1) in pages and len(s["text"]) >= 4]


def test_independent_ocr_finds_at_most_five_percent_of_the_data(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    subprocess.run([sys.executable, "fixtures/generate.py", "--out", str(gold_dir), "--count", "12",
                    "--seed", str(SEED), "--formats", "--format-count", "4"],
                   check=True, cwd=REPO, capture_output=True)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scans = [p for p in sorted((gold_dir / "scans").iterdir()) if p.suffix != ".json"]
    assert len(scans) >= 5
    for scan in scans:
        shutil.copy(scan, inbox / scan.name)
    ws, outbox = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, "--workers", "2", check=True)
    redact("decide", ws, "--accept-all", "--reviewer", "test", check=True)
    redact("apply", ws, "--out", outbox, check=True)
    verified = redact("verify", outbox)
    assert verified.returncode == 0, verified.stderr

    before = after = total = 0
    leaks = []
    inputs = [(scan, tmp_path / "ocr-in" / scan.stem) for scan in scans]
    outputs = [(outbox / f"{scan.stem}.pdf", tmp_path / "ocr-out" / scan.stem) for scan in scans]
    read = independent_ocr(inputs + outputs)
    for scan, original, redacted in zip(scans, read[: len(scans)], read[len(scans) :], strict=True):
        values = gold_values(json.loads(scan.with_suffix(".json").read_text("utf-8")))
        total += len(values)
        before += sum(found(value, original) for value in values)
        for value in values:
            if found(value, redacted):
                after += 1
                leaks.append((scan.name, value))
    assert total >= 100
    assert before >= 0.8 * total, f"the independent OCR read only {before} of {total} in the inputs"
    assert after <= 0.05 * total, f"{after} of {total} values readable after redaction: {leaks}"
