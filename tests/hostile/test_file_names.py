"""File names that are not UTF-8, hold a newline, or are too long for what we make of them:
each such file is skipped or published under a bounded name, never the end of the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, pdf_text, redact
from tests.hostile.builders import email_with, letter_bytes, letters, raw_name

LONG_PDF = "x" * 246 + ".pdf"  # 250 characters: a legal name, too long with a suffix added
LONG_MAIL = "m" * 200 + ".eml"  # its attachment's output name would be 410 characters


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run, Run, Run]:
    root = tmp_path_factory.mktemp("names")
    inbox, ws, out = root / "inbox", root / "ws", root / "out"
    letters(inbox, 1, pages=1)
    raw_name(inbox, b"caf\xe9.pdf", letter_bytes())  # Latin-1, as an old Windows share writes
    raw_name(inbox, b"twee\nredact: error: vals alarm.pdf", letter_bytes())
    (inbox / LONG_PDF).write_bytes(letter_bytes())
    email_with(inbox / LONG_MAIL, [("b" * 190 + ".pdf", letter_bytes())])
    scan = redact("batch", inbox, out, "--workspace", ws, "--workers", "1")
    redact("decide", ws, "--accept-all", check=True)
    apply = redact("batch", inbox, out, "--workspace", ws, "--workers", "1")
    verify = redact("verify", out)
    return root, scan, apply, verify


def test_a_name_that_is_not_utf8_is_skipped_and_the_rest_is_scanned(
    run: tuple[Path, Run, Run, Run],
) -> None:
    root, scan, _, _ = run
    assert scan.returncode == 3, scan.stderr  # skipped documents, not an internal error
    assert "skipped caf\\xe9.pdf: file name is not valid UTF-8" in scan.stderr
    assert "5 new" in scan.stdout and "1 skipped" in scan.stdout
    records = [json.loads(x) for x in (root / "ws" / "audit.jsonl").read_text().splitlines()]
    skips = [r["data"] for r in records if r["event"] == "skip"]
    assert [s["name"] for s in skips] == ["caf\\xe9.pdf"]


def test_a_newline_in_a_name_cannot_forge_a_log_line(run: tuple[Path, Run, Run, Run]) -> None:
    _, scan, apply, verify = run
    for result in (scan, apply, verify):
        for line in result.stderr.splitlines():
            assert line.startswith("redact: "), line  # every line is one of ours
            assert not line.startswith("redact: error: vals")


def test_long_names_are_bounded_and_the_outbox_is_whole(run: tuple[Path, Run, Run, Run]) -> None:
    root, _, apply, verify = run
    out = root / "out"
    assert apply.returncode == 0, apply.stderr
    assert verify.returncode == 0, verify.stderr
    manifest = json.loads((out / "redact-manifest.json").read_text())
    names = [d["output"] for d in manifest["documents"]]
    assert len(names) == 5  # brief, the newline name, the long PDF, the mail and its attachment
    assert all(len(part.encode()) <= 255 for name in names for part in name.split("/"))
    assert (out / "inventarislijst.csv").exists() and (out / "inventarislijst.xlsx").exists()
    long_out = [n for n in names if n.startswith("x" * 100)]
    assert len(long_out) == 1 and long_out[0].endswith(".pdf")
    assert "Fictief" not in pdf_text(out / long_out[0])  # redacted like any other
    assert not any("\n" in n for n in names)  # a control character is not published


def test_a_second_run_with_long_names_is_unchanged(run: tuple[Path, Run, Run, Run]) -> None:
    root, *_ = run
    again = redact("batch", root / "inbox", root / "out", "--workspace", root / "ws",
                   "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "0 applied" in again.stdout
