"""Scanned pages: read with Tesseract, pixels burned, a new text layer, verified.

Real image-only PDFs (a text page rendered at 200 dpi and placed as a JPEG), real Tesseract
(PyMuPDF's OCR with the Dutch model), the real CLI. Tesseract costs about half a second a page,
so one batch goes through scan, decide, apply and verify once and the tests read its results.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from redact.config import OcrSettings
from redact.models import Explanation, Finding
from redact.stages.apply import Box, redact_pdf
from redact.stages.extract import OcrGlyphs, document_texts, locate, ocr_span_rects
from redact.stages.ocr import needs_ocr, tessdata
from redact.stages.verify import check_under_boxes
from tests.conftest import redact

LETTER = [
    "Gemeente Voorbeeldstad",
    "",
    "Aan de heer Pieter de Vries",
    "Onderwerp: besluit op uw Woo-verzoek",
    "",
    "Wij hebben uw verzoek over de parkeervergunning ontvangen.",
    "Uw burgerservicenummer is 123456782.",
    "U bent bereikbaar via pieter.devries@example.nl voor vragen.",
    "",
    "Met vriendelijke groet,",
    "Team Vergunningen",
]
DATA = {"Pieter de Vries": "PERSON", "123456782": "NL_BSN",
        "pieter.devries@example.nl": "EMAIL_ADDRESS"}
KEPT = ["Voorbeeldstad", "parkeervergunning", "ontvangen", "Vergunningen", "burgerservicenummer"]
TEXT_PAGE = ["Notitie bij het besluit", "", "Vragen kunt u mailen naar j.testpersoon@example.org.",
             "Dit is de tekstpagina van een gemengd document."]
HIDDEN_ONLY = "Archiefkenmerk-ONZICHTBAAR-4711"  # only in the scanner's invisible layer

FONT_SIZE = 11.0
WIDTH, HEIGHT = 595, 340  # A4 wide, as high as the letter needs: Tesseract's time goes with the area


def text_page(doc: pymupdf.Document, lines: list[str]) -> pymupdf.Page:
    page = doc.new_page(width=WIDTH, height=HEIGHT)
    for number, line in enumerate(lines):
        page.insert_text((72, 80 + 17 * number), line, fontname="helv", fontsize=FONT_SIZE)
    return page


def scanned_page(doc: pymupdf.Document, lines: list[str]) -> pymupdf.Page:
    """A page holding nothing but a 200 dpi greyscale JPEG of ``lines`` as ``text_page`` sets them."""
    with pymupdf.open() as paper:
        pix = text_page(paper, lines).get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    page = doc.new_page(width=WIDTH, height=HEIGHT)
    page.insert_image(page.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
    return page


def scanner_layer(doc: pymupdf.Document, page: pymupdf.Page, lines: list[str]) -> None:
    """A scanner's OCR: the same lines as invisible text (render mode 3) in a form XObject."""
    with pymupdf.open() as layer:
        src = layer.new_page(width=WIDTH, height=HEIGHT)
        for number, line in enumerate(lines):
            src.insert_text((72, 80 + 17 * number), line, fontname="helv", fontsize=FONT_SIZE,
                            render_mode=3)
        page.show_pdf_page(page.rect, layer, 0)


def ink_rect(text: str) -> pymupdf.Rect:
    """Where the ink of ``text`` of LETTER lies on the scanned page (dark pixels of its glyphs)."""
    with pymupdf.open() as paper:
        page = text_page(paper, LETTER)
        hits = page.search_for(text)
        assert len(hits) == 1
        zoom = 200 / 72
        pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY, clip=hits[0])
    dark = [(x, y) for x in range(pix.width) for y in range(pix.height) if pix.pixel(x, y)[0] < 160]
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    x0, y0 = pix.x / zoom, pix.y / zoom
    return pymupdf.Rect(x0 + min(xs) / zoom, y0 + min(ys) / zoom,
                        x0 + (max(xs) + 1) / zoom, y0 + (max(ys) + 1) / zoom)


@dataclass
class Batch:
    inbox: Path
    ws: Path
    out: Path
    verify: str

    def rows(self, sql: str, *args: object) -> list[sqlite3.Row]:
        db = sqlite3.connect(self.ws / "workspace.sqlite")
        db.row_factory = sqlite3.Row
        try:
            return list(db.execute(sql, args))
        finally:
            db.close()

    def accepted(self, name: str) -> list[sqlite3.Row]:
        return self.rows("SELECT p.* FROM proposals p JOIN documents d ON d.id = p.document_id "
                         "WHERE d.name=? AND p.status='accepted'", name)


def one_page_pdf(path: Path, make: Callable[[pymupdf.Document, list[str]], object],
                 lines: list[str]) -> None:
    with pymupdf.open() as doc:
        make(doc, lines)
        doc.save(path)


needs_tesseract = pytest.mark.skipif(tessdata("nld") is None,
                                     reason="Tesseract with the Dutch model: make system")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    root = tmp_path_factory.mktemp("ocr")
    inbox, ws, out = root / "inbox", root / "ws", root / "out"
    inbox.mkdir()
    one_page_pdf(inbox / "scan.pdf", scanned_page, LETTER)
    with pymupdf.open() as doc:
        page = scanned_page(doc, LETTER)
        scanner_layer(doc, page, [*LETTER, HIDDEN_ONLY])
        doc.save(inbox / "scanner-ocr.pdf")
    with pymupdf.open() as doc:
        text_page(doc, TEXT_PAGE)
        scanned_page(doc, LETTER)
        doc.save(inbox / "mixed.pdf")
    redact("scan", inbox, "--workspace", ws, "--workers", "2", check=True)
    redact("decide", ws, "--accept-all", "--reviewer", "tester", check=True)
    redact("apply", ws, "--out", out, "--workers", "2", check=True)
    run = redact("verify", out, check=True)
    return Batch(inbox, ws, out, run.stdout)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def letters(text: str) -> str:
    """Only letters and digits: OCR reads stray dots and colons at the edge of a box."""
    return re.sub(r"[\W_]+", "", text).casefold()


# -- scan -------------------------------------------------------------------------------------------


@needs_tesseract
def test_scan_marks_the_pages_it_read_with_ocr(batch: Batch) -> None:
    pages = {(r["name"], r["page"]): bool(r["ocr"]) for r in batch.rows(
        "SELECT d.name, p.page, p.ocr FROM pages p JOIN documents d ON d.id = p.document_id")}
    assert pages == {("scan.pdf", 1): True, ("scanner-ocr.pdf", 1): True,
                     ("mixed.pdf", 1): False, ("mixed.pdf", 2): True}
    scans = [json.loads(x)["data"] for x in (batch.ws / "audit.jsonl").read_text().splitlines()
             if json.loads(x)["event"] == "scan"]
    assert {s["name"]: s.get("ocr_pages") for s in scans}["mixed.pdf"] == [2]


@needs_tesseract
@pytest.mark.parametrize("name, page", [("scan.pdf", 1), ("scanner-ocr.pdf", 1), ("mixed.pdf", 2)])
def test_scan_finds_the_data_on_the_image_with_boxes_on_it(name: str, page: int,
                                                           batch: Batch) -> None:
    found = {r["text"]: r for r in batch.accepted(name) if r["page"] == page}
    for text, entity in DATA.items():
        assert text in found and found[text]["entity"] == entity, (name, text)
        rects = [pymupdf.Rect(r) for r in json.loads(found[text]["rects"])]
        assert len(rects) == 1
        box, ink = rects[0], ink_rect(text)
        # Every pixel of the glyphs is covered, and the box is not much larger than they are.
        assert box.contains(ink), (text, box, ink)
        assert box.x0 > ink.x0 - 7 and box.x1 < ink.x1 + 7, (text, box, ink)
        assert box.y0 > ink.y0 - 5 and box.y1 < ink.y1 + 5, (text, box, ink)  # lines: 17 pt
    mixed_text = {r["text"] for r in batch.accepted("mixed.pdf") if r["page"] == 1}
    assert "j.testpersoon@example.org" in mixed_text


# -- apply and verify -----------------------------------------------------------------------------


@needs_tesseract
@pytest.mark.parametrize("name, page", [("scan.pdf", 1), ("scanner-ocr.pdf", 1), ("mixed.pdf", 2)])
def test_an_independent_ocr_of_the_output_finds_no_accepted_string(name: str, page: int,
                                                                   batch: Batch) -> None:
    with pymupdf.open(batch.out / name) as doc:
        out = doc[page - 1]
        textpage = out.get_textpage_ocr(language="nld", dpi=300, full=True,
                                        tessdata=tessdata("nld"))
        seen = squeeze(out.get_text(textpage=textpage))
    for row in batch.accepted(name):
        assert squeeze(row["text"]) not in seen, (name, row["entity"])
    for word in KEPT:
        assert squeeze(word) in seen, (name, word)


@needs_tesseract
@pytest.mark.parametrize("name, page", [("scan.pdf", 1), ("scanner-ocr.pdf", 1), ("mixed.pdf", 2)])
def test_the_output_is_searchable_without_the_accepted_strings(name: str, page: int,
                                                               batch: Batch) -> None:
    with pymupdf.open(batch.out / name) as doc:
        text = doc[page - 1].get_text()
        spans = doc[page - 1].get_texttrace()
    for word in KEPT:
        assert word in text, (name, word)
    for row in batch.accepted(name):
        assert squeeze(row["text"]) not in squeeze(text), (name, row["entity"])
    # The new layer is invisible text; the only visible text is the label in each box.
    visible = {"".join(chr(c[0]) for c in s["chars"]).strip() for s in spans if s["type"] != 3}
    assert visible <= {"5.1.2e", "5.1.1e"}, visible


@needs_tesseract
def test_the_scanners_invisible_layer_is_gone(batch: Batch) -> None:
    with pymupdf.open(batch.inbox / "scanner-ocr.pdf") as doc:
        assert HIDDEN_ONLY in doc[0].get_text()
    with pymupdf.open(batch.out / "scanner-ocr.pdf") as doc:
        assert HIDDEN_ONLY not in doc[0].get_text()
        for xref in range(1, doc.xref_length()):
            if doc.xref_is_stream(xref):
                assert b"4711" not in doc.xref_stream(xref)
    applied = [json.loads(x)["data"] for x in (batch.ws / "audit.jsonl").read_text().splitlines()
               if json.loads(x)["event"] == "apply"]
    scrubbed = {a["output"]: a["scrubbed"] for a in applied}
    assert scrubbed["scanner-ocr.pdf"]["ocr_text_layer"] >= len("".join(LETTER).replace(" ", ""))
    assert "ocr_text_layer" not in scrubbed["scan.pdf"]


@needs_tesseract
def test_the_pixels_under_a_box_are_overwritten(batch: Batch) -> None:
    with pymupdf.open(batch.inbox / "scan.pdf") as doc:
        before = pymupdf.Pixmap(doc.extract_image(doc[0].get_images()[0][0])["image"])
    with pymupdf.open(batch.out / "scan.pdf") as doc:
        page = doc[0]
        images = page.get_images()
        assert len(images) == 1
        after = pymupdf.Pixmap(doc.extract_image(images[0][0])["image"])
        rendered = page.get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
    assert (after.width, after.height) == (before.width, before.height)
    to_image = pymupdf.Matrix(after.width / WIDTH, after.height / HEIGHT)
    to_render = pymupdf.Matrix(100 / 72, 100 / 72)
    for row in batch.accepted("scan.pdf"):
        for rect in json.loads(row["rects"]):
            area = (pymupdf.Rect(rect) * to_image).irect + (1, 1, -1, -1)
            old = {before.pixel(x, y)[0] for x in range(area.x0, area.x1)
                   for y in range(area.y0, area.y1)}
            new = {after.pixel(x, y)[0] for x in range(area.x0, area.x1)
                   for y in range(area.y0, area.y1)}
            assert min(old) < 100, "the scan had ink there"
            assert len(new) == 1, "every pixel under the box is overwritten with one value"
            area = (pymupdf.Rect(rect) * to_render).irect + (1, 1, -1, -1)
            shown = [rendered.pixel(x, y)[0] for x in range(area.x0, area.x1)
                     for y in range(area.y0, area.y1)]
            assert sum(1 for v in shown if v < 60) > 0.7 * len(shown), "the box is black"


def independent_ocr(page: pymupdf.Page) -> str:
    """Tesseract on an image of the page as shown, through MuPDF alone."""
    pix = page.get_pixmap(dpi=300)
    with pymupdf.open(stream=pix.pdfocr_tobytes(language="nld", tessdata=tessdata("nld"))) as ocr:
        return str(ocr[0].get_text())


@needs_tesseract
def test_a_turned_scan_is_redacted_where_it_shows(tmp_path: Path) -> None:
    """A landscape scan stored sideways with /Rotate 90: boxes, blanking and the new layer
    follow the page as shown."""
    with pymupdf.open() as paper:
        pix = text_page(paper, LETTER).get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    page = doc.new_page(width=HEIGHT, height=WIDTH)
    page.insert_image(page.rect, stream=pix.tobytes("jpeg"), rotate=90)
    page.set_rotation(90)
    with OcrGlyphs(OcrSettings()) as ocr:
        (scanned,) = document_texts(doc, ocr)
        findings = []
        for text in ("123456782", "pieter.devries@example.nl"):
            start = scanned.text.index(text)
            findings.append(Finding(start, start + len(text), "X", text, 1.0, "5.1.2e",
                                    Explanation("test")))
        located = locate(doc, [findings], ocr)
    assert scanned.ocr and len(located) == 2
    for found in located:
        shown = pymupdf.Rect(found.rects[0]) * page.rotation_matrix
        assert shown.contains(ink_rect(found.finding.text)), found.finding.text
    boxes = [Box(1, rect, "5.1.2e") for found in located for rect in found.rects]
    data, _, _ = redact_pdf(doc, boxes, ocr_pages=(1,))
    with pymupdf.open(stream=data) as out:
        layer = out[0].get_text()
        assert not check_under_boxes(out, "turned.pdf", [(1, b.rect) for b in boxes])
        seen = squeeze(independent_ocr(out[0]))
    for kept in ("burgerservicenummer is", "bereikbaar via", "voor vragen"):
        assert kept in layer
        assert letters(kept) in letters(seen)
    for gone in ("123456782", "pieter.devries@example.nl"):
        assert gone not in layer and squeeze(gone) not in seen
        assert letters(gone) not in letters(seen)


@needs_tesseract
def test_verify_passes_on_the_ocr_outputs(batch: Batch) -> None:
    assert "verified 3 document(s)" in batch.verify
    assert "no accepted text survives" in batch.verify


# -- the rule and the boxes, without Tesseract ----------------------------------------------------


def _image(page: pymupdf.Page, rect: pymupdf.Rect) -> None:
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 40), 0)
    pix.set_rect(pix.irect, (200,))
    page.insert_image(rect, pixmap=pix)


def _letter(page: pymupdf.Page, render_mode: int = 0) -> None:
    for number, line in enumerate(LETTER):
        page.insert_text((72, 80 + 17 * number), line, fontsize=FONT_SIZE, render_mode=render_mode)


def _full(page: pymupdf.Page) -> None:
    _image(page, page.rect)


RULES = [
    ("text page", [_letter], False),
    ("blank page", [], False),
    ("scan", [_full], True),
    ("scan with an invisible OCR layer", [_full, lambda p: _letter(p, render_mode=3)], True),
    ("scan with a short visible stamp", [_full, lambda p: p.insert_text((400, 800), "Kopie 3")],
     True),
    ("letter on a full-page letterhead image", [_full, _letter], False),
    ("text page with a logo", [lambda p: _image(p, pymupdf.Rect(400, 40, 520, 100)), _letter],
     False),
    ("photo on half the page", [lambda p: _image(p, pymupdf.Rect(0, 0, 595, 421))], True),
    ("photo on a third of the page", [lambda p: _image(p, pymupdf.Rect(0, 0, 595, 280))], False),
    ("turned page, half of it a scan",
     [lambda p: _image(p, pymupdf.Rect(0, 421, 595, 842)), lambda p: p.set_rotation(90)], True),
]


@pytest.mark.parametrize("case, steps, expected", RULES, ids=[r[0] for r in RULES])
def test_which_pages_are_read_with_ocr(case: str, steps: list, expected: bool) -> None:
    with pymupdf.open() as doc:
        page = doc.new_page(width=595, height=842)
        for step in steps:
            step(page)
        blocks = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)["blocks"]
        assert needs_ocr(page, blocks, OcrSettings()) is expected, case
        assert needs_ocr(page, blocks, OcrSettings(enabled=False)) is False


def _word_boxes(text: str, x: float = 100.0, width: float = 5.0) -> list:
    """Boxes as OCR gives them: each word's box divided evenly, whitespace without a box."""
    boxes = []
    for i, char in enumerate(text):
        boxes.append(None if char == " " else ((x + i * width, 50.0, x + (i + 1) * width, 60.0), 1))
    return boxes


OCR_SPANS = [
    # text, span, widened left by a letter, widened right by a letter
    ("Naam: Pieter de Vries", "Pieter de Vries", False, False),
    ("mail (jan@example.nl) nu", "jan@example.nl", True, True),
    ("BSN 123456782.", "123456782", False, True),
]


@pytest.mark.parametrize("text, span, left, right", OCR_SPANS)
def test_ocr_boxes_cover_a_letter_more_inside_a_word(text: str, span: str, left: bool,
                                                     right: bool) -> None:
    start = text.index(span)
    (x0, y0, x1, y1), = ocr_span_rects(_word_boxes(text), start, start + len(span))
    pad = 10.0 * 0.15
    assert x0 == pytest.approx(100 + 5 * start - pad - (5 if left else 0))
    assert x1 == pytest.approx(100 + 5 * (start + len(span)) + pad + (5 if right else 0))
    assert (y0, y1) == (pytest.approx(50 - pad), pytest.approx(60 + pad))


def test_ocr_glyphs_survive_the_spool_to_disk() -> None:
    text = "Aan de heer Pieter de Vries\n\n" * 40
    boxes = _word_boxes(text, x=72.25, width=4.5)
    with OcrGlyphs(OcrSettings(), spool_bytes=1024) as glyphs:
        glyphs.add(3, text, boxes)
        glyphs.add(7, "x", [((1.0, 2.0, 3.0, 4.0), 1)])
        assert 3 in glyphs and 7 in glyphs and 1 not in glyphs
        assert glyphs.boxes(7) == [((1.0, 2.0, 3.0, 4.0), 1)]
        back = glyphs.boxes(3)
    assert len(back) == len(text)
    for char, got, want in zip(text, back, boxes, strict=True):
        if char.isspace() or want is None:
            assert got is None
        else:
            assert got is not None and got[1] == want[1]
            assert got[0] == pytest.approx(want[0], abs=1e-3)


@needs_tesseract
def test_a_missing_ocr_model_is_a_clear_skip(tmp_path: Path) -> None:
    with pymupdf.open() as doc:
        scanned_page(doc, ["Aan de heer Pieter de Vries"])
        doc.save(tmp_path / "scan.pdf")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"ocr": {"language": "qqq"}}))
    run = redact("scan", tmp_path, "--workspace", tmp_path / "ws", "--config", config)
    assert run.returncode == 3, run.stderr
    assert "OCR needed but the Tesseract model 'qqq' is not installed (make system)" in run.stderr
    assert "Traceback" not in run.stderr


@needs_tesseract
def test_an_accepted_value_the_output_ocr_reads_elsewhere_gets_a_box_too() -> None:
    """OCR of one image varies: where the scan's OCR misread a mention, the output's may read
    it. An accepted value read outside the boxes is visible, so apply boxes it as well."""
    lines = ["Aanwezig: mevrouw Annemiek Bakkerud en de voorzitter.",
             "Mevrouw Bakkerud licht het voorstel toe."]
    doc = pymupdf.open()
    scanned_page(doc, lines)
    with pymupdf.open() as paper:  # where the two mentions lie, as set on the page
        page = text_page(paper, lines)
        first, second = page.search_for("Annemiek Bakkerud")[0], page.search_for("Bakkerud")[1]
    extra: list[Box] = []
    data, _, _ = redact_pdf(doc, [Box(1, tuple(first), "5.1.2e")], ocr_pages=[1],
                            values=[("Annemiek Bakkerud", "5.1.2e"), ("Bakkerud", "5.1.2e")],
                            extra=extra)
    assert len(extra) == 1 and extra[0].ground == "5.1.2e"
    assert pymupdf.Rect(extra[0].rect).intersects(second)
    with pymupdf.open(stream=data) as out:
        assert "bakkerud" not in out[0].get_text().casefold()
        assert "bakkerud" not in independent_ocr(out[0]).casefold()
        assert "voorstel" in out[0].get_text()


@needs_tesseract
def test_other_ocr_settings_make_the_ocr_outputs_again(tmp_path: Path) -> None:
    """A scanned output's text layer is read with the OCR settings: change them, and apply
    makes it again; a text PDF beside it is left as it was."""
    inbox, ws, out = tmp_path / "inbox", tmp_path / "ws", tmp_path / "out"
    inbox.mkdir()
    one_page_pdf(inbox / "scan.pdf", scanned_page, LETTER)
    one_page_pdf(inbox / "text.pdf", text_page, TEXT_PAGE)
    redact("scan", inbox, "--workspace", ws, check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, check=True)
    again = redact("apply", ws, "--out", out, check=True)
    assert "applied 0 document(s)" in again.stdout and "2 unchanged" in again.stdout
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"ocr": {"dpi": 200}}))
    other = redact("apply", ws, "--out", out, "--config", config, check=True)
    assert "applied 1 document(s)" in other.stdout and "1 unchanged" in other.stdout
