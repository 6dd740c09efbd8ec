"""The draft decision annex: HTML and PDF, read back from outside (poppler, an HTML parser)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

import pymupdf
import pytest

from redact.config import load_config
from redact.errors import UsageError
from redact.grounds import GROUNDS
from redact.publication.annex import CONCEPT, write_annex
from redact.publication.model import OPENBAAR
from tests.test_diwoo import SCRIPT, sample_publication


def _pdftotext(path: Path) -> list[str]:
    """The text of every page, whitespace collapsed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [re.sub(r"\s+", " ", page).strip() for page in out.split("\f") if page.strip()]


def _body(path: Path) -> str:
    """The text of the whole PDF without page headers and footers, with no whitespace at all
    (a line or page break may fall anywhere)."""
    pages = [re.sub(r"^CONCEPT - niet vastgesteld|pagina \d+ van \d+$", "", page)
             for page in _pdftotext(path)]
    return re.sub(r"\s+", "", "".join(pages))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publication")
    assert write_annex(sample_publication(), out) == [out / "annex.html", out / "annex.pdf"]
    return out


def test_pdf_counts_per_ground(annex: Path) -> None:
    text = _body(annex / "annex.pdf")
    # 5.1.2e: 3 boxes in 0002 + 2 in the deferred 0006; 0003 withheld whole
    expected = {
        "5.1.1e": "Lakkingen: 1. Geweigerde pagina's: 0. Geheel geweigerd: geen. Betrokken documenten: 0002.",
        "5.1.2d": "Lakkingen: 0. Geweigerde pagina's: 1. Geheel geweigerd: geen. Betrokken documenten: 0005.",
        "5.1.2e": "Lakkingen: 5. Geweigerde pagina's: 0. Geheel geweigerd: 0003. "
                  "Betrokken documenten: 0002, 0003, 0006.",
        "5.2": "Lakkingen: 1. Geweigerde pagina's: 0. Geheel geweigerd: geen. Betrokken documenten: 0005.",
    }
    for code, line in expected.items():
        ground = GROUNDS[code]
        heading = _squeeze(f"Artikel {code} Woo – {ground.label_nl}")
        assert heading in text
        start = text.index(heading)
        end = text.find("Artikel", start + len(heading))  # the next ground's heading
        section = text[start:end if end > 0 else len(text)]
        assert section.index(_squeeze(ground.motivation_nl)) < section.index(_squeeze(line)), code
    assert "Artikel5.1.2a" not in text  # grounds not applied are not listed
    assert "identificatie" in text and "\ufb01" not in text  # plain letters, not ligature glyphs


def test_pdf_is_marked_as_draft_on_every_page(annex: Path) -> None:
    pages = _pdftotext(annex / "annex.pdf")
    assert len(pages) >= 2
    assert all(page.startswith(f"{CONCEPT} - niet vastgesteld") for page in pages)
    assert "geen vastgesteld besluit" in pages[0]


def test_pdf_lists_documents_withheld_pages_and_hashes(annex: Path) -> None:
    text = _body(annex / "annex.pdf")
    for judgement in ("openbaar", "deelsopenbaar", "nietopenbaar", "reedsopenbaar", "(opgeschort)"):
        assert judgement in text
    assert "https://open.example.nl/raadsbesluit-2023-12" in text
    withheld = text[text.index("4.Geweigerdepagina's"):text.index("5.Controlegetallen")]
    assert "000535.1.2d" in withheld
    for document in sample_publication().documents:
        assert document.number in text
        if document.file_name is not None:
            assert f"documenten/{document.file_name}{document.sha256}" in text
    assert "Opgesteld:01-05-202410:15UTC" in text


def test_pdf_language_and_title(annex: Path) -> None:
    info = _pdfinfo(annex / "annex.pdf")
    assert info["Title"] == ("CONCEPT – Bijlage bij het Woo-besluit: "
                             "Woo-besluit over de bouwvergunning Havenstraat")
    with pymupdf.open(annex / "annex.pdf") as doc:
        assert doc.xref_get_key(doc.pdf_catalog(), "Lang") == ("string", "nl-NL")
        assert "DisplayDocTitle true" in doc.xref_get_key(doc.pdf_catalog(), "ViewerPreferences")[1]


def test_html_escapes_markup_and_needs_nothing_outside(annex: Path) -> None:
    raw = (annex / "annex.html").read_text("utf-8")
    parser = _Tags()
    parser.feed(raw)
    assert "script" not in parser.tags
    assert "&lt;script&gt;" in raw
    assert SCRIPT in "".join(parser.text)  # shown as text
    # no external assets: no links, images, scripts or stylesheets to fetch
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "p", "h1", "h2", "h3",
                                "b", "i", "br", "table", "tr", "th", "td"}
    assert {name for name, _ in parser.attributes} <= {"lang", "charset", "class"}
    assert '<html lang="nl-NL">' in raw and "<title>CONCEPT" in raw
    # the PDF shows the same text, not markup
    assert _squeeze(SCRIPT) in _body(annex / "annex.pdf")


def test_html_and_pdf_say_the_same(annex: Path) -> None:
    parser = _Tags()
    parser.feed((annex / "annex.html").read_text("utf-8"))
    body = re.sub(r"\s+", " ", "".join(parser.text))
    for sentence in ("Lakkingen: 5. Geweigerde pagina's: 0. Geheel geweigerd: 0003.",
                     GROUNDS["5.2"].motivation_nl, "Medisch dossier van een derde."):
        assert sentence in body
    # 5.1.2d and 5.2 need the case's own motivation; 5.1.1e and 5.1.2e do not
    assert body.count("Voor deze grond is een motivering per document vereist") == 2


def test_hashes_of_files_on_disk_deferred_and_other_files(tmp_path: Path) -> None:
    publication = sample_publication()
    first = replace(publication.documents[0], sha256=None)
    deferred = replace(publication.documents[1], suspended=True)
    publication = replace(publication, documents=(first, deferred))
    (tmp_path / "documenten").mkdir()
    (tmp_path / "documenten" / "0001.pdf").write_bytes(b"%PDF-1.7 redacted")
    inventory = tmp_path / "inventarislijst.csv"
    inventory.write_bytes(b"ID;Document\n")
    write_annex(publication, tmp_path, other_files=[inventory])
    text = _body(tmp_path / "annex.pdf")
    assert "documenten/0001.pdf" + hashlib.sha256(b"%PDF-1.7 redacted").hexdigest() in text
    assert "documenten/0002.pdf(opgeschort,nietgepubliceerd)" + "0002" * 16 in text
    assert "inventarislijst.csv" + hashlib.sha256(b"ID;Document\n").hexdigest() in text


def test_nothing_withheld(tmp_path: Path) -> None:
    publication = sample_publication()
    plain = replace(publication.documents[0], judgement=OPENBAAR)
    write_annex(replace(publication, documents=(plain,)), tmp_path)
    text = _body(tmp_path / "annex.pdf")
    assert _squeeze("Er is geen informatie geweigerd.") in text
    assert _squeeze("Er zijn geen pagina's geheel geweigerd.") in text


def test_the_organisations_own_motivation_replaces_the_standard_text(tmp_path: Path) -> None:
    """``motivations`` in the configuration (Config.motivation) reaches the annex; a ground without
    one keeps grounds.py's text."""
    own = "Onze eigen motivering voor 5.1.2e, zoals de gemeente die vastlegde."
    config_file = tmp_path / "config.json"
    config_file.write_text(json.dumps({"motivations": {"5.1.2e": own}}), "utf-8")
    config = load_config(config_file)
    assert config.motivation("5.1.2e") == own
    assert config.motivation("5.1.1e") == GROUNDS["5.1.1e"].motivation_nl
    publication = replace(sample_publication(), motivations=MappingProxyType(
        {code: config.motivation(code) for code in GROUNDS}))
    write_annex(publication, tmp_path / "out")
    html = (tmp_path / "out" / "annex.html").read_text("utf-8")
    assert own in html and GROUNDS["5.1.2e"].motivation_nl not in html
    assert GROUNDS["5.1.1e"].motivation_nl in html


@pytest.mark.parametrize("motivations", ['{"5.9z": "tekst"}', '{"5.1.2e": ""}', '{"5.1.2e": 3}'])
def test_a_bad_motivation_in_the_configuration_is_refused(tmp_path: Path, motivations: str) -> None:
    config_file = tmp_path / "config.json"
    config_file.write_text(f'{{"motivations": {motivations}}}', "utf-8")
    with pytest.raises(UsageError, match="motivation"):
        load_config(config_file)
