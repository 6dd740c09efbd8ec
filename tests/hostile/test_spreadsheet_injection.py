"""File names that start like a formula (``=``, ``+``, ``-``, ``@``) stay text in
inventarislijst.csv and .xlsx (OWASP: CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import redact
from tests.hostile.builders import letter_bytes

# None of these holds personal data, so each is listed as it is (a phone number would be redacted).
NAMES = ['=HYPERLINK("https:\u2215\u2215evil.example";"klik").pdf', "+2-1 begroting.pdf",
         "-2+3.pdf", "@SUM(1+1).pdf", "gewoon.pdf"]


def test_names_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    inbox, ws, out = tmp_path / "inbox", tmp_path / "ws", tmp_path / "out"
    inbox.mkdir()
    for name in NAMES:
        (inbox / name).write_bytes(letter_bytes())
    redact("scan", inbox, "--workspace", ws, "--workers", "1", check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--workers", "1", check=True)

    rows = list(csv.reader(io.StringIO((out / "inventarislijst.csv").read_text("utf-8-sig"))))
    shown = {row[1] for row in rows[1:]}
    for name in NAMES:
        expected = name if name == "gewoon.pdf" else "'" + name
        assert expected in shown, (expected, shown)

    sheet = load_workbook(out / "inventarislijst.xlsx").active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert {cell.value for cell in cells} == set(NAMES)
    assert all(cell.data_type == "s" for cell in cells)  # text, never a formula ("f")
