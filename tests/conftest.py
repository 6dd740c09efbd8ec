"""Shared test helpers: real PDFs made with PyMuPDF, the real CLI in a real process."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

REPO = Path(__file__).resolve().parent.parent
REAL_WOO = REPO.parent / "shared" / "real-woo"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def redact(*args: str | Path, check: bool | None = None) -> Run:
    """Run the CLI as a user would, in its own process."""
    proc = subprocess.run(
        [sys.executable, "-m", "redact", *map(str, args)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )
    run = Run(proc.returncode, proc.stdout, proc.stderr)
    if check and run.returncode != 0:
        raise AssertionError(f"redact {args} failed ({run.returncode}): {run.stderr}")
    return run


def make_pdf(path: Path, pages: list[str], fontsize: float = 10.5) -> Path:
    """A text PDF with one page per entry; lines are placed as given."""
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=595, height=842)
        y = 72.0
        for line in text.split("\n"):
            page.insert_text((72, y), line, fontname="helv", fontsize=fontsize)
            y += fontsize * 1.5
    doc.set_metadata({"title": "Testdocument", "author": "Pieter Fictief"})
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


LETTER = """Aan de heer P. Fictief
Onderwerp: uw aanvraag parkeervergunning (zaaknummer Z/23/012345)

Geachte heer Fictief,

Wij hebben uw aanvraag van 12 maart 2024 ontvangen. U bent bereikbaar op 06-12345678
en per e-mail via pieter.fictief@example.nl. Uw burgerservicenummer is 123456782.
Het bedrag van EUR 1.234,56 wordt gestort op rekening NL91 ABNA 0417 1643 00.
Op grond van artikel 5.1.2e Woo is een deel van dit besluit gelakt.

Met vriendelijke groet,
Team Vergunningen"""

SECOND_PAGE = """Bijlage bij het besluit
Voor vragen kunt u bellen met 020-1234567 of mailen naar j.testpersoon@gemeente.example.
Versie 0.2 van 14 april 2024."""

SECRETS = {
    "06-12345678": "PHONE_NUMBER",
    "pieter.fictief@example.nl": "EMAIL_ADDRESS",
    "123456782": "NL_BSN",
    "NL91 ABNA 0417 1643 00": "IBAN_CODE",
    "020-1234567": "PHONE_NUMBER",
    "j.testpersoon@gemeente.example": "EMAIL_ADDRESS",
}
KEPT_WORDS = ["aanvraag", "parkeervergunning", "Z/23/012345", "1.234,56", "5.1.2e", "Bijlage",
              "Versie 0.2", "Vergunningen"]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    box = tmp_path / "inbox"
    make_pdf(box / "brief.pdf", [LETTER, SECOND_PAGE])
    make_pdf(box / "notitie.pdf", [SECOND_PAGE])
    make_pdf(box / "sub" / "leeg-van-pd.pdf", ["Dit document bevat geen persoonsgegevens."])
    return box
