"""Accessible output: the language set (nl-NL) and every box with a text alternative.

A real scan, decide and apply; the output is read back from outside: qpdf decompresses it to
find each box's marked-content sequence with its /Alt ("Gelakt: 5.1.2e", the ground and
nothing else), PyMuPDF reads the catalog's /Lang, poppler checks that no value survives.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pymupdf
import pytest

from redact.pdf.draw import box_alt
from tests.conftest import LETTER, SECRETS, make_pdf, redact

MARKED = re.compile(rb"/Span\s*<<\s*/Alt\s*\(([^)]*)\)\s*>>\s*BDC(.*?)EMC", re.S)
BOX_FILL = re.compile(rb"\bre\s+B\b")


@pytest.fixture(params=["black", "white"])
def output(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    make_pdf(tmp_path / "inbox" / "brief.pdf", [LETTER])
    config = tmp_path / "config.json"
    config.write_text(f'{{"box_style": "{request.param}"}}')
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", tmp_path / "inbox", "--workspace", ws, "--executor", "serial", check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--config", config, "--executor", "serial", check=True)
    return out / "brief.pdf"


def qdf_content(pdf: Path, tmp: Path) -> bytes:
    """The PDF with its streams uncompressed, as qpdf writes it."""
    target = tmp / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(target)],
                   check=True)
    return target.read_bytes()


def test_every_box_has_its_ground_as_text_alternative(output: Path, tmp_path: Path) -> None:
    raw = qdf_content(output, tmp_path)
    marked = MARKED.findall(raw)
    assert marked, "the boxes are drawn inside marked content"
    alts = [alt.decode("latin-1") for alt, _ in marked]
    assert set(alts) == {box_alt("5.1.2e"), box_alt("5.1.1e")}  # the letter's BSN: 5.1.1e
    for _, paint in marked:  # one box per sequence, and nothing else in it
        assert len(BOX_FILL.findall(paint)) == 1
    assert len(BOX_FILL.findall(raw)) == len(marked)  # no box outside one
    for secret in SECRETS:  # the alternative names the ground, never the value
        assert all(secret not in alt for alt in alts)
    with pymupdf.open(output) as doc:
        assert doc.xref_get_key(doc.pdf_catalog(), "Lang") == ("string", "nl-NL")
        contents = b"".join(page.read_contents() for page in doc)
        assert contents.count(b"/Alt") == len(marked)


def test_the_accessible_output_still_verifies_and_leaks_nothing(output: Path) -> None:
    assert redact("verify", output.parent).returncode == 0
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for secret in SECRETS:
        assert secret not in flat
    assert "5.1.2e" in flat and "Gelakt" not in flat  # the label is read, the /Alt is not text
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True,
                          check=True).stdout
    assert "Syntax Error" not in info
