"""Issue 7's acceptance check: scanned Woo documents that were never tuned on, through scan,
accept-all and apply; then an independent OCR (poppler's pdftoppm and the tesseract command,
not PyMuPDF) reads the outputs and finds at most 5% of the personal data.

The same independent OCR must first find most of the data in the inputs: otherwise a "leak rate"
of zero would only mean that the OCR reads nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, redact

pytestmark = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="needs tesseract and poppler-utils (make system installs them)",
)

SEED = 23  # not a seed the recognisers were tuned on (0 for fixtures, 7 for make eval)


def independent_ocr(path: Path, work: Path) -> str:
    """Tesseract on each page image: PDFs rendered by poppler, TIFF and PNG read as they are."""
    images = [path]
    if path.suffix == ".pdf":
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(path), str(work / "p")],
                       check=True, capture_output=True)
        images = sorted(work.glob("p*.png"))
    texts = []
    for image in images:
        out = subprocess.run(["tesseract", str(image), "-", "-l", "nld"], check=True,
                             capture_output=True, text=True)
        texts.append(out.stdout)
    return normal(" ".join(texts))


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
    for scan in scans:
        values = gold_values(json.loads(scan.with_suffix(".json").read_text("utf-8")))
        original = independent_ocr(scan, tmp_path / "ocr-in" / scan.stem)
        redacted = independent_ocr(outbox / f"{scan.stem}.pdf", tmp_path / "ocr-out" / scan.stem)
        total += len(values)
        before += sum(found(value, original) for value in values)
        for value in values:
            if found(value, redacted):
                after += 1
                leaks.append((scan.name, value))
    assert total >= 100
    assert before >= 0.8 * total, f"the independent OCR read only {before} of {total} in the inputs"
    assert after <= 0.05 * total, f"{after} of {total} values readable after redaction: {leaks}"
