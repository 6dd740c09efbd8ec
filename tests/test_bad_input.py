"""Bad input gets a one-line error, an audit entry and a skip; the batch goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pymupdf
import pytest

from tests.conftest import REAL_WOO, make_pdf, redact


def bad_inbox(root: Path) -> Path:
    box = root / "inbox"
    make_pdf(box / "goed.pdf", ["Bel mij op 06-12345678, groet."])
    (box / "leeg.pdf").write_bytes(b"")
    (box / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\ngarbage")
    (box / "afgekapt.pdf").write_bytes(make_pdf(root / "tmp.pdf", ["afgekapt"]).read_bytes()[:300])
    (box / "notities.txt").write_text("geen pdf\n")
    (box / "foto.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "geheim 06-12345678")
    doc.save(box / "versleuteld.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
             user_pw="user", owner_pw="owner")
    (box / "rare-tekens-\u00e9\u00e8\u2603.pdf").write_bytes((box / "goed.pdf").read_bytes())
    return box


def test_bad_files_are_skipped_and_logged(tmp_path: Path) -> None:
    box, ws, out = bad_inbox(tmp_path), tmp_path / "ws", tmp_path / "out"
    run = redact("scan", box, "--workspace", ws, "--workers", "2")
    assert run.returncode == 3, run.stderr
    assert "scanned 2 new document(s)" in run.stdout
    for name, reason in [("leeg.pdf", "empty"), ("kapot.pdf", "corrupt"),
                         ("versleuteld.pdf", "encrypted"), ("notities.txt", "not a PDF"),
                         ("foto.pdf", "corrupt image")]:  # a broken PNG named .pdf
        line = next(x for x in run.stderr.splitlines() if name in x)
        assert reason in line
    assert "Traceback" not in run.stderr
    skips = [json.loads(x) for x in (ws / "audit.jsonl").read_text().splitlines()]
    assert sum(1 for r in skips if r["event"] == "skip") == 6

    # The good documents go on through the whole path.
    assert redact("decide", ws, "--accept-all").returncode == 0
    assert redact("apply", ws, "--out", out).returncode == 0
    assert sorted(p.name for p in out.glob("*.pdf")) == ["goed.pdf", "rare-tekens-\u00e9\u00e8\u2603.pdf"]
    assert redact("verify", out).returncode == 0
    # Skipped files are remembered: a rerun does not log them again.
    run = redact("scan", box, "--workspace", ws)
    assert run.returncode == 0 and "8 unchanged" in run.stdout


def test_detect_skips_bad_files_with_one_line(tmp_path: Path) -> None:
    box = bad_inbox(tmp_path)
    run = redact("detect", box / "leeg.pdf", box / "goed.pdf", "--json")
    assert run.returncode == 3
    assert run.stderr.strip().count("\n") <= 1 and "empty" in run.stderr
    assert any(json.loads(x)["entity"] == "PHONE_NUMBER" for x in run.stdout.splitlines())


@pytest.mark.slow
def test_real_woo_documents_pass_without_a_crash(tmp_path: Path) -> None:
    """The published VWS documents (scans with OCR layers, one empty file) all go through."""
    if not REAL_WOO.exists():
        pytest.fail(f"{REAL_WOO} is missing")
    box = tmp_path / "inbox"
    shutil.copytree(REAL_WOO, box, ignore=shutil.ignore_patterns("*.md"))
    ws, out = tmp_path / "ws", tmp_path / "out"
    run = redact("scan", box, "--workspace", ws, "--workers", "2")
    assert run.returncode == 3 and "Traceback" not in run.stderr
    assert "scanned 23 new document(s)" in run.stdout
    assert "empty file" in run.stderr
    assert redact("decide", ws, "--accept-all").returncode == 0
    run = redact("apply", ws, "--out", out, "--workers", "2")
    assert run.returncode == 0, run.stderr
    assert len(list(out.glob("*.pdf"))) == 23
    run = redact("verify", out)
    assert run.returncode == 0, run.stderr
