"""Burn-in and hidden channels, checked the way an outsider would: with poppler and qpdf.

The adversarial PDFs of fixtures/adversarial.py (one per channel through which Woo documents
have leaked) go through scan, accept-all, apply and verify on the command line. Then no planted
string may survive in any output, whether read by ``pdftotext``, ``pdfinfo``, ``pdfinfo -meta``,
grepped in ``qpdf --qdf --object-streams=disable`` output, or found by inflating every stream
in the raw file (old revisions included); the ground codes must be printed in the boxes; the
words around the boxes must survive; and the inventory list must be in the outbox.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from fixtures.adversarial import BSN, CASES, Case, flate_streams, generate
from redact.errors import BadDocument
from redact.events import ManualProposal, Withhold
from redact.stages.apply import Box, redact_pdf
from redact.stages.extract import page_chars, span_rects
from redact.workspace import Workspace
from tests.conftest import make_pdf, redact, sha256

TOOLS = ("pdftotext", "pdfinfo", "pdfimages", "qpdf")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in TOOLS), reason="needs poppler-utils and qpdf (make system)"
)
BY_NAME = {case.name: case for case in CASES}
WITHHELD = "geweigerd.pdf"
DUPLICATE = "kopie/overlay-kopie.pdf"
# Dictionary keys of the hidden channels, as they appear in qpdf's uncompressed output.
CHANNEL_KEYS = re.compile(
    rb"/(Annots|AcroForm|Outlines|Names|Dests|OpenAction|AA|JavaScript|JS|EmbeddedFiles?|EF|AF|"
    rb"OCProperties|OC|PieceInfo|Thumb|Metadata)(?![A-Za-z0-9])"
)


# -- the outsider's checks ---------------------------------------------------------------------------


def _tool(*args: str | Path) -> str:
    proc = subprocess.run([str(a) for a in args], capture_output=True, timeout=60)
    return proc.stdout.decode("utf-8", "replace")


def _norm(text: str) -> str:
    text = re.sub(r"-\s*\n\s*", "", text)  # hyphenated across a line break
    return re.sub(r"\s+", " ", text).casefold()


def in_text(text: str, needle: str) -> bool:
    t, n = _norm(text), _norm(needle)
    return n in t or n.replace(" ", "") in t.replace(" ", "")


_HEX = re.compile(rb"<([0-9A-Fa-f\s]+)>")
_LITERAL = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)


def pdf_strings(blob: bytes) -> str:
    """The hex and literal strings of PDF source, decoded (UTF-16 with a byte order mark)."""
    out = []
    for m in _HEX.finditer(blob):
        digits = re.sub(rb"\s", b"", m.group(1))
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
        out.append(raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff"
                   else raw.decode("latin-1"))
    for m in _LITERAL.finditer(blob):
        raw = re.sub(rb"\\([0-7]{1,3})", lambda x: bytes([int(x.group(1), 8) & 255]),
                     m.group(0)[1:-1])
        raw = re.sub(rb"\\(.)", lambda x: x.group(1), raw, flags=re.S)
        out.append(raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff"
                   else raw.decode("latin-1"))
    return "\n".join(out)


def in_bytes(blob: bytes, needle: str) -> bool:
    low = blob.lower()
    for variant in {needle, needle.replace(" ", "")}:
        for encoding in ("utf-8", "utf-16-be"):
            raw = variant.encode(encoding)
            if raw.lower() in low or raw.hex().encode() in low:
                return True
    return in_text(pdf_strings(blob), needle)


def qdf(path: Path, tmp: Path) -> bytes:
    target = tmp / f"{path.stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(target)],
                   capture_output=True, timeout=60)
    return target.read_bytes() if target.exists() else b""


def leaks(path: Path, planted: tuple[str, ...], tmp: Path, raw: bool = True) -> dict[str, list[str]]:
    """Planted strings an outsider finds, per tool."""
    views = {
        "pdftotext": _tool("pdftotext", "-q", path, "-"),
        "pdfinfo": _tool("pdfinfo", path),
        "pdfinfo -meta": _tool("pdfinfo", "-meta", path),
    }
    blobs = {"qpdf": qdf(path, tmp)}
    if raw:
        data = path.read_bytes()
        blobs["raw + inflated streams"] = data + b"\n".join(flate_streams(data))
    found: dict[str, list[str]] = {}
    for secret in planted:
        for tool, text in views.items():
            if in_text(text, secret):
                found.setdefault(tool, []).append(secret)
        for tool, blob in blobs.items():
            if in_bytes(blob, secret):
                found.setdefault(tool, []).append(secret)
    return found


def naive_recipe(source: Path, target: Path, planted: tuple[str, ...]) -> None:
    """The common PyMuPDF recipe: search, redact, save."""
    with pymupdf.open(source) as doc:
        for page in doc:
            for secret in planted:
                for rect in page.search_for(secret):
                    page.add_redact_annot(rect, fill=(0, 0, 0))
            page.apply_redactions()
        doc.save(target)


# -- one run of the whole pipeline over the adversarial set ---------------------------------------------


@dataclass
class AdversarialRun:
    inbox: Path
    ws: Path
    out: Path
    tmp: Path
    apply_stdout: str
    verify_stdout: str


def mark_by_hand(ws_root: Path, name: str, text: str) -> int:
    """What a reviewer does on the review page for a span the detector missed."""
    with Workspace.open(ws_root) as ws, ws.transaction():
        doc = next(d for d in ws.documents() if d.name == name)
        assert doc.stored_path
        with pymupdf.open(doc.stored_path) as pdf:
            pages = [page_chars(page) for page in pdf]
        number = next(n for n, (page_text, _) in enumerate(pages, start=1) if text in page_text)
        page_text, boxes = pages[number - 1]
        start = page_text.index(text)
        rects = span_rects(boxes, start, start + len(text))
        pid = ws.insert_proposal(
            document_id=doc.id, page=number, start=start, end=start + len(text),
            entity="PERSON", text=text, score=1.0, ground="5.1.2e", recognizer="manual",
            explanation={"recognizer": "manual", "text": "marked by a reviewer"}, rects=rects,
            origin="manual",
        )
        ws.audit(ManualProposal(pid, doc.id, number, "PERSON", "5.1.2e"))
        return pid


def withhold(ws_root: Path, name: str, grounds: list[str], reason: str) -> None:
    with Workspace.open(ws_root) as ws, ws.transaction():
        doc = next(d for d in ws.documents() if d.name == name)
        ws.set_withheld(doc.id, True)
        ws.audit(Withhold(doc.id, tuple(grounds), reason))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> AdversarialRun:
    tmp = tmp_path_factory.mktemp("adversarial")
    inbox, ws, out = tmp / "inbox", tmp / "ws", tmp / "out"
    generate(inbox)
    (inbox / DUPLICATE).parent.mkdir()
    shutil.copyfile(inbox / "overlay.pdf", inbox / DUPLICATE)
    make_pdf(inbox / WITHHELD, ["Intern advies, bel 06-11223344 voor overleg."])
    redact("scan", inbox, "--workspace", ws, "--workers", "2", check=True)
    for case in CASES:
        for text in case.manual:
            mark_by_hand(ws, case.name, text)
    withhold(ws, WITHHELD, ["5.1.2i"], "intern beraad")
    redact("decide", ws, "--accept-all", "--reviewer", "tester", check=True)
    applied = redact("apply", ws, "--out", out, "--workers", "2", check=True)
    verified = redact("verify", out, check=True)
    return AdversarialRun(inbox, ws, out, tmp, applied.stdout, verified.stdout)


def accepted_boxes(ws: Path, name: str) -> list[tuple[int, str, str, tuple[float, ...]]]:
    db = sqlite3.connect(ws / "workspace.sqlite")
    rows = db.execute("SELECT p.page, p.entity, p.ground, p.rects FROM proposals p JOIN documents "
                      "d ON d.id = p.document_id WHERE d.name=? AND p.status='accepted'", (name,))
    boxes = [(page, entity, ground, tuple(rect)) for page, entity, ground, rects in rows
             for rect in json.loads(rects)]
    db.close()
    return boxes


# -- the tests ----------------------------------------------------------------------------------------


def test_every_document_is_applied_and_verified(run: AdversarialRun) -> None:
    documents = len(CASES) + 1  # the duplicate; the withheld document is not published
    assert f"applied {documents} document(s)" in run.apply_stdout
    assert "1 withheld" in run.apply_stdout
    assert f"verified {documents} document(s)" in run.verify_stdout
    assert not (run.out / WITHHELD).exists()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_planted_string_survives_anywhere(run: AdversarialRun, case: Case) -> None:
    assert leaks(run.out / case.name, case.planted, run.tmp) == {}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_words_around_the_boxes_survive(run: AdversarialRun, case: Case) -> None:
    text = _tool("pdftotext", "-q", run.out / case.name, "-")
    for word in case.kept:
        assert word in text, f"{word!r} was lost"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_output_is_one_clean_revision(run: AdversarialRun, case: Case) -> None:
    path = run.out / case.name
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert path.read_bytes().count(b"startxref") == 1
    info = _tool("pdfinfo", path)
    for field in ("Title:", "Author:", "Subject:", "Keywords:", "Creator:", "Producer:"):
        assert field not in info
    assert _tool("pdfinfo", "-meta", path).strip() == ""
    assert CHANNEL_KEYS.findall(qdf(path, run.tmp)) == []


@pytest.mark.parametrize("name", sorted({c.name for c in CASES if c.detected} | {"hyphenated.pdf"}))
def test_ground_codes_are_printed_in_the_boxes(run: AdversarialRun, name: str) -> None:
    boxes = accepted_boxes(run.ws, name)
    assert boxes, f"nothing was found in {name}"
    with pymupdf.open(run.out / name) as doc:
        for page, entity, ground, rect in boxes:
            shown = doc[page - 1].get_text("text", clip=pymupdf.Rect(rect) + (-1, -1, 1, 1))
            assert ground in shown.replace("\n", ""), f"{entity} box on page {page} has no label"
    assert "5.1.1e" in _tool("pdftotext", run.out / "overlay.pdf", "-")  # BSN: 5.1.1e


def test_image_pixels_under_a_box_are_blanked(run: AdversarialRun) -> None:
    """The OCR layer's phone number was found; the pixels showing it must be gone too."""
    (page, _, _, rect), = accepted_boxes(run.ws, "ocr_layer.pdf")
    images = {}
    for label, path in (("before", run.inbox / "ocr_layer.pdf"), ("after", run.out / "ocr_layer.pdf")):
        prefix = run.tmp / f"img-{label}"
        subprocess.run(["pdfimages", "-png", str(path), str(prefix)], check=True)
        (found,) = sorted(run.tmp.glob(f"img-{label}-*.png"))
        images[label] = pymupdf.Pixmap(str(found))
    placed = pymupdf.Rect(60, 100, 400, 130)  # where the fixture put the scan
    scale = images["before"].width / placed.width
    box = pymupdf.Rect(rect)
    x0, y0 = int((box.x0 - placed.x0) * scale) + 2, int((box.y0 - placed.y0) * scale) + 2
    x1, y1 = int((box.x1 - placed.x0) * scale) - 2, int((box.y1 - placed.y0) * scale) - 2

    def dark(pix: pymupdf.Pixmap) -> int:
        return sum(pix.pixel(x, y)[0] < 128 for x in range(x0, x1) for y in range(y0, y1))

    assert dark(images["before"]) > 50
    assert dark(images["after"]) == 0
    # Outside the box the scan is untouched: "Telefoon aanvrager" is still there in pixels.
    left = [images["after"].pixel(x, y)[0] < 128 for x in range(0, x0 - 4) for y in range(y0, y1)]
    assert sum(left) > 50


def test_vector_art_under_a_box_is_removed_and_other_art_stays(run: AdversarialRun) -> None:
    with pymupdf.open(run.out / "vector_art.pdf") as doc:
        drawings = doc[0].get_drawings()
    assert not [d for d in drawings if d.get("color") == (0.0, 0.0, 0.6)], "signature survived"
    assert [d for d in drawings if d["rect"].width > 400 and abs(d["rect"].y0 - 200) < 1]


def test_visible_layered_text_stays_and_layers_are_gone(run: AdversarialRun) -> None:
    text = _tool("pdftotext", run.out / "hidden_layer.pdf", "-")
    assert "Zichtbare laagtekst over de vergunning" in text
    with pymupdf.open(run.out / "hidden_layer.pdf") as doc:
        assert not doc.get_ocgs()


def test_inventory_list_in_the_outbox(run: AdversarialRun) -> None:
    with (run.out / "inventarislijst.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["Documentnummer", "Bestandsnaam", "Beoordeling", "Beoordelingsgrond",
                             "Toelichting", "Gerelateerd document"]
    by_name = {row["Bestandsnaam"]: row for row in rows}
    assert set(by_name) == {c.name for c in CASES} | {WITHHELD, DUPLICATE}
    assert by_name["overlay.pdf"]["Beoordeling"] == "deels openbaar"
    assert by_name["overlay.pdf"]["Beoordelingsgrond"] == "5.1.1e"
    assert by_name["metadata.pdf"]["Beoordeling"] == "openbaar"
    assert by_name["metadata.pdf"]["Beoordelingsgrond"] == ""
    assert by_name["tight_leading.pdf"]["Beoordelingsgrond"] == "5.1.1e"
    assert by_name["hyphenated.pdf"]["Beoordeling"] == "deels openbaar"
    withheld = by_name[WITHHELD]
    assert withheld["Beoordeling"] == "niet openbaar"
    assert "5.1.2i" in withheld["Beoordelingsgrond"].split("; ")
    assert withheld["Toelichting"] == "intern beraad"
    first, second = sorted((by_name[DUPLICATE], by_name["overlay.pdf"]),
                           key=lambda row: int(row["Documentnummer"]))
    assert first["Toelichting"] == "" and first["Gerelateerd document"] == ""
    assert second["Toelichting"] == "dubbel"
    assert second["Gerelateerd document"] == first["Documentnummer"]
    assert second["Beoordeling"] == first["Beoordeling"] == "deels openbaar"
    grounds = [row["Beoordelingsgrond"] for row in rows if ";" in row["Beoordelingsgrond"]]
    assert grounds and all(re.fullmatch(r"[\d.a-i]+(; [\d.a-i]+)+", g) for g in grounds)

    from openpyxl import load_workbook

    sheet = load_workbook(run.out / "inventarislijst.xlsx").active
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == [list(rows[0])] + [list(row.values()) for row in rows]


def test_redaction_reports_in_the_workspace(run: AdversarialRun) -> None:
    report = json.loads((run.ws / "reports" / "overlay.json").read_text("utf-8"))
    assert report["judgement"] == "deels openbaar" and report["grounds"] == ["5.1.1e"]
    (box,) = report["boxes"]
    assert box["box"] == 1 and box["page"] == 1 and box["ground"] == "5.1.1e"
    assert box["entity"] == "NL_BSN" and box["reviewer"] == "tester" and box["decided_at"]
    assert box["labelled"] is True
    assert (run.ws / "reports" / "overlay.html").exists()
    assert (run.ws / "reports" / "kopie" / "overlay-kopie.json").exists()
    hyphen = json.loads((run.ws / "reports" / "hyphenated.json").read_text("utf-8"))
    assert {b["origin"] for b in hyphen["boxes"]} >= {"manual"}
    assert not list(run.out.rglob("*.json"))[1:], "reports are not for publication"
    planted = {s for case in CASES for s in case.planted}
    for path in (run.ws / "reports").rglob("*.*"):
        text = path.read_text("utf-8")
        for secret in planted:
            assert secret not in text, f"{path.name} holds personal data"


def test_audit_history_of_a_document(run: AdversarialRun) -> None:
    result = redact("audit", run.ws, "overlay.pdf", check=True)
    lines = result.stdout.splitlines()
    assert "chain intact" in lines[0]
    events = [line.split()[3] for line in lines[2:]]
    assert events[:2] == ["scan", "proposals"]
    assert {"decision", "apply", "verify"} <= set(events)
    assert "tester accepted 1 proposal(s)" in result.stdout
    assert "NL_BSN" in result.stdout and BSN not in result.stdout
    by_id = redact("audit", run.ws, lines[1].split()[1].rstrip(":"), check=True)
    assert by_id.stdout.splitlines()[1:] == lines[1:]
    assert redact("audit", run.ws, "nope.pdf").returncode == 7
    everything = redact("audit", run.ws, check=True).stdout
    assert "inventory" in everything and "withhold" in everything


def test_verify_names_the_document_and_channel_of_a_leak(run: AdversarialRun) -> None:
    out = run.tmp / "tampered"
    shutil.copytree(run.out, out)
    manifest = json.loads((out / "redact-manifest.json").read_text())
    for name in ("bookmarks.pdf", "javascript.pdf", "overlay.pdf"):
        naive_recipe(run.inbox / name, out / name, BY_NAME[name].planted)
        for entry in manifest["documents"]:
            if entry["output"] == name:
                entry["sha256"] = sha256(out / name)
    (out / "redact-manifest.json").write_text(json.dumps(manifest))
    result = redact("verify", out)
    assert result.returncode == 4
    assert "bookmarks.pdf: bookmarks:" in result.stderr
    assert "javascript.pdf: javascript:" in result.stderr
    assert "overlay.pdf: objects: an accepted NL_BSN survives" in result.stderr
    for secret in {s for case in CASES for s in case.planted}:
        assert secret not in result.stdout + result.stderr, "verify must not print personal data"


def test_the_naive_recipe_leaks_in_at_least_seven_channels(tmp_path: Path) -> None:
    """The fixtures are adversarial: search, redact and save leaves data that poppler or qpdf
    still show, channel after channel."""
    originals = tmp_path / "in"
    generate(originals)
    leaking = []
    for case in CASES:
        target = tmp_path / case.name
        naive_recipe(originals / case.name, target, case.planted)
        if leaks(target, case.planted, tmp_path, raw=False):
            leaking.append(case.channel)
    assert len(leaking) >= 7, leaking


def test_white_boxes_with_a_frame(tmp_path: Path) -> None:
    inbox, ws, out = tmp_path / "in", tmp_path / "ws", tmp_path / "out"
    inbox.mkdir()
    generate(tmp_path / "gen")
    shutil.copyfile(tmp_path / "gen" / "overlay.pdf", inbox / "overlay.pdf")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"box_style": "white"}))
    redact("scan", inbox, "--workspace", ws, "--workers", "1", check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--config", config, "--workers", "1", check=True)
    redact("verify", out, check=True)
    (_, _, _, rect), = accepted_boxes(ws, "overlay.pdf")
    box = pymupdf.Rect(rect)
    with pymupdf.open(out / "overlay.pdf") as doc:
        page = doc[0]
        drawings = page.get_drawings()
        assert "5.1.1e" in page.get_text("text", clip=box + (-1, -1, 1, 1))
        pix = page.get_pixmap(clip=box, dpi=72)
    filled = [d for d in drawings if d.get("fill") == (1.0, 1.0, 1.0)
              and abs(d["rect"].x0 - box.x0) < 1]
    framed = [d for d in drawings if d.get("color") == (0.0, 0.0, 0.0) and "s" in d["type"]
              and abs(d["rect"].x0 - box.x0) < 2]
    assert filled and framed
    assert pix.pixel(2, pix.height // 2)[0] > 200  # white inside the frame, not black
    assert BSN not in _tool("pdftotext", out / "overlay.pdf", "-")


def test_an_unknown_box_style_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"box_style": "pink"}))
    result = redact("apply", tmp_path / "ws", "--out", tmp_path / "out", "--config", config)
    assert result.returncode == 2 and "box_style" in result.stderr


# -- units: boxes -------------------------------------------------------------------------------------


def _line_pdf(line: str, rotation: int) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "Regel erboven: niets aan de hand.", fontname="helv", fontsize=10)
    page.insert_text((72, 110), line, fontname="helv", fontsize=10)  # set solid
    page.insert_text((72, 120), "Regel eronder: ook niets.", fontname="helv", fontsize=10)
    page.set_rotation(rotation)
    return doc


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_neighbouring_characters_and_lines_survive(rotation: int) -> None:
    doc = _line_pdf(f"BSN:{BSN},Jan", rotation)
    text, boxes = page_chars(doc[0])
    start = text.index(BSN)
    rects = span_rects(boxes, start, start + len(BSN))
    pdf, unlabelled, _ = redact_pdf(doc, [Box(1, r, "5.1.1e") for r in rects])
    assert unlabelled == []
    with pymupdf.open("pdf", pdf) as out:
        left = out[0].get_text()
    assert BSN not in left and "BSN:" in left and ",Jan" in left and "5.1.1e" in left
    assert "Regel erboven: niets aan de hand." in left and "Regel eronder: ook niets." in left


def test_a_box_too_small_for_its_label_is_recorded() -> None:
    doc = _line_pdf("Initiaal J. en verder", 0)
    text, boxes = page_chars(doc[0])
    start = text.index("J.")
    rects = span_rects(boxes, start, start + 1)
    _, unlabelled, _ = redact_pdf(doc, [Box(1, r, "5.1.2e") for r in rects])
    assert unlabelled == [0]


@pytest.mark.parametrize("rotation", [0, 90])
def test_text_left_under_a_box_stops_the_document(
    rotation: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check after MuPDF's text removal: were a glyph left centred in a box (MuPDF skipping
    a font it cannot handle), the document is not written. Simulated by a removal that only
    drops the annotations; the word beside the box alone must not trip the check."""
    import redact.stages.apply as apply

    def drop_only(page: pymupdf.Page) -> None:
        for annot in list(page.annots()):
            page.delete_annot(annot)

    doc = _line_pdf(f"BSN:{BSN},Jan", rotation)
    text, boxes = page_chars(doc[0])
    start = text.index(BSN)
    rects = span_rects(boxes, start, start + len(BSN))
    monkeypatch.setattr(apply, "remove_text_under_annots", drop_only)
    with pytest.raises(BadDocument, match="survived the redaction"):
        redact_pdf(doc, [Box(1, r, "5.1.1e") for r in rects])
    # a box over "Jan" that MuPDF did empty: "BSN:...," beside it only touches the box
    monkeypatch.undo()
    doc = _line_pdf(f"BSN:{BSN},Jan", rotation)
    text, boxes = page_chars(doc[0])
    start = text.index("Jan")
    rects = span_rects(boxes, start, start + 3)
    pdf, _, _ = redact_pdf(doc, [Box(1, r, "5.1.2e") for r in rects])
    with pymupdf.open("pdf", pdf) as out:
        assert "Jan" not in out[0].get_text() and BSN in out[0].get_text()
