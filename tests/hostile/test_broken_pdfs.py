"""A PDF that apply or verify would trip over is skipped at scan time, once, with its reason:
never scanned, then failing every apply of every night after."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import LETTER, SECOND_PAGE, make_pdf, redact
from tests.hostile.builders import (
    flate_bomb_pdf,
    huge_image_pdf,
    letters,
    recursive_xobject_pdf,
)

REASONS = {
    "afgebroken.pdf": "truncated or damaged PDF",
    "kringloop.pdf": "a form XObject draws itself",
    "reuzenfoto.pdf": "an image of 900000000 pixels (more than limits.max_image_pixels",
    "bom.pdf": "a stream of more than limits.max_stream_bytes 4194304 bytes decoded",
}


def test_broken_pdfs_are_skipped_at_scan_and_apply_succeeds(tmp_path: Path) -> None:
    inbox, ws, out = tmp_path / "inbox", tmp_path / "ws", tmp_path / "out"
    letters(inbox, 1, pages=1)
    whole = make_pdf(tmp_path / "whole.pdf", [LETTER, SECOND_PAGE] * 2).read_bytes()
    # Cut where MuPDF still opens it (it repairs the xref) and finds four pages, three of
    # which are not there: it used to pass scan and fail apply with "bad xref".
    (inbox / "afgebroken.pdf").write_bytes(whole[: len(whole) * 15 // 100])
    recursive_xobject_pdf(inbox / "kringloop.pdf")
    huge_image_pdf(inbox / "reuzenfoto.pdf")
    flate_bomb_pdf(inbox / "bom.pdf", 8 << 20)
    config = tmp_path / "limits.json"
    config.write_text(json.dumps({"limits": {"max_stream_bytes": 4 << 20}}))

    run = redact("batch", inbox, out, "--workspace", ws, "--workers", "1", "--config", config)
    assert run.returncode == 3, run.stderr
    for name, reason in REASONS.items():
        assert f"skipped {name}: {reason}" in run.stderr, run.stderr
    assert "1 new" in run.stdout and "4 skipped" in run.stdout

    redact("decide", ws, "--accept-all", check=True)
    for _ in range(2):  # and the next night too
        run = redact("batch", inbox, out, "--workspace", ws, "--workers", "1", "--config", config)
        assert run.returncode == 0, run.stderr
        assert "0 failed" in run.stdout
    run = redact("verify", out)
    assert run.returncode == 0, run.stderr
