"""``redact publish`` and the leak it closes: no input name in anything published.

One request, driven through the real CLI (scan, judge, decide --accept-all, apply, publish), and
checked from outside: poppler (``pdfinfo``, ``pdftotext``) and qpdf for the PDFs, openpyxl for the
workbooks, ``csv`` for the lists, and a search of every published byte for the personal data the
input names carry. The names and numbers are the fixture generator's invented people.
A second request (``full_request``) has everything the issue's "Done when" names: a term list
(a company, a project code, a 5.2 passage), a page withheld, an opgeschort document, a skipped
corrupt input under a person's name, checked with the XSD for DiWoo and a byte search that
includes every decompressed PDF stream.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from openpyxl import load_workbook

from redact.publication.describe import (
    Describer,
    description_text,
    redacted_description,
    redacted_name,
)
from redact.publication.publish import COLUMNS
from tests.conftest import REPO, make_pdf, redact
from tests.test_diwoo import diwoo_schema

FIXTURE = REPO / "fixtures" / "generated" / "mail"
GOLD = json.loads((FIXTURE / "bijlage-letter_0001.json").read_text("utf-8"))
# The letter's own person and BSN: its body holds them, and so does its input name.
NAME = next(s["text"] for s in GOLD["spans"] if s["entity"] == "PERSON")  # Louise de Jong
BSN = next(s["text"] for s in GOLD["spans"] if s["entity"] == "NL_BSN")
LETTER = f"Klacht {NAME} {BSN}.pdf"
# A person and BSN of another fixture (letter_0006) that only the input name holds.
OTHER_NAME, OTHER_BSN = "D. Hakker", "946491173"
NOTE = f"Notitie {OTHER_NAME} {OTHER_BSN}.pdf"
PLANTED = (NAME, BSN, OTHER_NAME, OTHER_BSN, "Hakker", "Louise")
NEUTRAL = "Notitie over de planning van het project.\nDe vergadering is verplaatst naar dinsdag."
SETTINGS = {
    "publisher_uri": "https://identifier.overheid.nl/tooi/id/gemeente/gm0150",
    "publisher_label": "Gemeente Deventer",
    "request_title": "Woo-besluit over parkeervergunningen",
    "matter": "WOO-2026-015",
    "case_number": "Z/26/000015",
}


@pytest.fixture(scope="module")
def request_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("publish")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURE / "bijlage-letter_0001.pdf", inbox / LETTER)
    shutil.copy(FIXTURE / "bijlage-letter_0001.pdf", inbox / "brief.pdf")  # a copy: dubbel
    shutil.copy(FIXTURE / "email_0004.eml", inbox / "email_0004.eml")  # with an attachment
    make_pdf(inbox / NOTE, [NEUTRAL])
    make_pdf(inbox / "intern.pdf", [NEUTRAL + "\nIntern beraad."])
    make_pdf(inbox / "persbericht.pdf", [NEUTRAL + "\nPersbericht."])
    (base / "settings.json").write_text(json.dumps(SETTINGS), "utf-8")
    ws, out, pub = base / "ws", base / "out", base / "pub"
    redact("scan", inbox, "--workspace", ws, "--executor", "serial", check=True)
    redact("judge", ws, "intern.pdf", "--beoordeling", "niet", "--ground", "5.2",
           "--motivation", "Persoonlijke beleidsopvattingen in intern beraad.", check=True)
    redact("judge", ws, "persbericht.pdf", "--beoordeling", "reeds",
           "--link", "https://www.example.nl/persbericht", check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--executor", "serial", check=True)
    redact("publish", ws, "--out", pub, "--settings", base / "settings.json", check=True)
    return base


def _rows_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _rows_xlsx(path: Path) -> list[list[object]]:
    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _leaks(text: str) -> list[str]:
    return [value for value in PLANTED if value.casefold() in text.casefold()]


# -- the description --------------------------------------------------------------------------------


def test_description_replaces_accepted_values_and_what_the_detector_finds() -> None:
    from redact.config import load_config
    from redact.stages.detect import Detector

    detector = Detector(load_config())
    name = "Klacht_J._de_Boer_123456782.pdf"
    text = description_text(name)
    assert text == "Klacht J. de Boer 123456782"
    # the body never mentioned them: the Detector's findings in the name are the net
    described = redacted_description(name, {}, detector.detect(text))
    assert "Boer" not in described and "123456782" not in described
    assert described.endswith("[5.1.2e] [5.1.1e]")
    # an accepted value goes whatever the Detector says, and only as a whole word
    assert redacted_description("Januari Jan Jansen.pdf", {"Jan Jansen": "5.1.2e"}, []) == (
        "Januari [5.1.2e]")
    assert redacted_description("Verslag.docx", {"Jan": "5.1.2e"}, []) == "Verslag"
    # the outbox's lists keep a name's form (suffix, folders, underscores) where nothing is personal
    assert redacted_name("mail/Brief_Jan_Jansen.docx", {"Jan Jansen": "5.1.2e"}, []) == (
        "mail/Brief_[5.1.2e].docx")
    assert redacted_name("tight_leading.pdf", {"Jan Jansen": "5.1.2e"}, []) == "tight_leading.pdf"


# -- the outbox: one test per channel ---------------------------------------------------------------


def test_outbox_inventory_csv_lists_redacted_descriptions(request_dir: Path) -> None:
    rows = _rows_csv(request_dir / "out" / "inventarislijst.csv")
    names = [row["Bestandsnaam"] for row in rows]
    assert {"Klacht [5.1.2e] [5.1.1e].pdf", "Notitie [5.1.2e] [5.1.1e].pdf", "brief.pdf"} <= set(names)
    assert not _leaks((request_dir / "out" / "inventarislijst.csv").read_bytes().decode("utf-8-sig"))


def test_outbox_inventory_xlsx_lists_redacted_descriptions(request_dir: Path) -> None:
    cells = [str(c) for row in _rows_xlsx(request_dir / "out" / "inventarislijst.xlsx")
             for c in row if c is not None]
    assert "Klacht [5.1.2e] [5.1.1e].pdf" in cells
    assert not _leaks("\n".join(cells))


def test_outbox_manifest_holds_no_name_and_no_workspace_path(request_dir: Path) -> None:
    out = request_dir / "out"
    text = (out / "redact-manifest.json").read_text("utf-8")
    manifest = json.loads(text)
    assert "workspace" not in manifest and str((request_dir / "ws").resolve()) not in text
    names = [d["name"] for d in manifest["documents"]]
    assert "Klacht [5.1.2e] [5.1.1e].pdf" in names
    assert not _leaks(json.dumps(names, ensure_ascii=False))
    # the working outbox keeps the input names (the contract), and verify still finds the
    # workspace: the one next to the outbox whose identity the manifest holds
    assert (out / LETTER).is_file()
    verified = redact("verify", out)
    assert verified.returncode == 0, verified.stderr


def test_verify_an_outbox_far_from_its_workspace(request_dir: Path, tmp_path: Path) -> None:
    far = tmp_path / "a" / "b" / "c" / "out"
    shutil.copytree(request_dir / "out", far)
    lost = redact("verify", far)
    assert lost.returncode == 7 and "--workspace" in lost.stderr
    found = redact("verify", far, "--workspace", request_dir / "ws")
    assert found.returncode == 0, found.stderr


# -- the publication --------------------------------------------------------------------------------


def test_publication_is_named_by_number(request_dir: Path) -> None:
    pub = request_dir / "pub"
    names = sorted(p.relative_to(pub).as_posix() for p in pub.rglob("*") if p.is_file())
    assert not _leaks("\n".join(names))
    documents = [n for n in names if n.startswith("documenten/")]
    # 7 documents (the e-mail's attachment is one): niet openbaar and reeds openbaar get no file
    rows = _rows_csv(pub / "inventarislijst.csv")
    assert documents == [f"documenten/{row['ID']}.pdf" for row in rows
                         if row["Beoordeling"] in ("openbaar", "deels openbaar")]
    assert len(documents) == 5
    assert {"inventarislijst.csv", "inventarislijst.xlsx", "publicatie-manifest.json"} <= set(names)
    for name in names:
        assert re.fullmatch(r"(documenten/)?(\d{4}[.a-z]*|[a-z-]+\.[a-z]+)", name), name


def test_published_pdfs_from_outside(request_dir: Path) -> None:
    rows = {row["ID"]: row for row in _rows_csv(request_dir / "pub" / "inventarislijst.csv")}
    for pdf in sorted((request_dir / "pub" / "documenten").glob("*.pdf")):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        title = re.search(r"^Title:\s*(.*)$", info, re.MULTILINE)
        assert title is not None and title.group(1) == rows[pdf.stem]["Document"]
        assert not _leaks(info)
        root = subprocess.run(["qpdf", "--show-object=trailer", pdf], capture_output=True,
                              text=True, check=True).stdout
        catalog = re.search(r"/Root (\d+) 0 R", root)
        assert catalog is not None
        shown = subprocess.run(["qpdf", f"--show-object={catalog.group(1)}", pdf],
                               capture_output=True, text=True, check=True).stdout
        assert "/Lang (nl-NL)" in shown and "/DisplayDocTitle true" in shown
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
        assert text.strip() and not _leaks(text), pdf.name
    assert "Klacht [5.1.2e] [5.1.1e]" in {row["Document"] for row in rows.values()}


def test_published_inventory_in_the_platform_columns(request_dir: Path) -> None:
    pub = request_dir / "pub"
    rows = _rows_csv(pub / "inventarislijst.csv")
    assert tuple(rows[0]) == COLUMNS
    sheet = _rows_xlsx(pub / "inventarislijst.xlsx")
    assert tuple(sheet[0]) == COLUMNS
    assert [[str(c) if c is not None else "" for c in row] for row in sheet[1:]] == [
        list(row.values()) for row in rows]
    by_id = {row["ID"]: row for row in rows}
    assert [row["ID"] for row in rows] == [f"{n:04d}" for n in range(1, 8)]
    assert all(row["Matter"] == "WOO-2026-015" and row["Zaaknummer"] == "Z/26/000015"
               for row in rows)
    by_document = {row["Document"]: row for row in rows}
    letter, copy = by_document["Klacht [5.1.2e] [5.1.1e]"], by_document["brief"]
    assert letter["Beoordeling"] == "deels openbaar" and "5.1.2e" in letter["Beoordelingsgrond"]
    first = min(letter["ID"], copy["ID"])
    assert {letter["Gerelateerd ID"], copy["Gerelateerd ID"]} == {"", first}
    assert "dubbel" in by_id[max(letter["ID"], copy["ID"])]["Toelichting"]
    mail = next(row for row in rows if row["File type"] == "e-mail")
    attachment = next(row for row in rows if row["Family ID"] == mail["ID"] and row is not mail)
    assert mail["Family ID"] == mail["ID"] and mail["Email Thread ID"] == mail["ID"]
    assert f"bijlage bij {mail['ID']}" in attachment["Toelichting"]
    judged = {row["Beoordeling"]: row for row in rows}
    assert judged["niet openbaar"]["Beoordelingsgrond"] == "5.2"
    assert judged["reeds openbaar"]["Publieke link"] == "https://www.example.nl/persbericht"
    note = next(row for row in rows if row["Document"].startswith("Notitie"))
    assert note["Document"] == "Notitie [5.1.2e] [5.1.1e]" and note["Beoordeling"] == "openbaar"
    assert all(row["Opgeschort"] == "nee" for row in rows)


def test_no_planted_value_in_any_published_byte(request_dir: Path) -> None:
    pub = request_dir / "pub"
    for path in sorted(p for p in pub.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for value in PLANTED:
            for encoded in (value.encode("utf-8"), value.encode("utf-16-be")):
                assert encoded not in data, f"{path.name} holds a planted value"
        if path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                                  check=True).stdout
            assert not _leaks(text), path.name
        elif path.suffix == ".xlsx":
            assert not _leaks(json.dumps(_rows_xlsx(path), default=str, ensure_ascii=False))
        else:
            assert not _leaks(data.decode("utf-8-sig")), path.name
    manifest = (pub / "publicatie-manifest.json").read_text("utf-8")
    assert str(request_dir) not in manifest and "inbox" not in manifest


def test_verify_a_publication(request_dir: Path, tmp_path: Path) -> None:
    pub = request_dir / "pub"
    plain = redact("verify", pub)
    assert plain.returncode == 0 and "names and hashes only" in plain.stdout
    full = redact("verify", pub, "--workspace", request_dir / "ws")
    assert full.returncode == 0, full.stderr
    assert "no accepted text" in full.stdout
    # a file under a person's name: refused, and the name is not repeated
    copy = tmp_path / "pub"
    shutil.copytree(pub, copy)
    (copy / "documenten" / "0001.pdf").rename(copy / "documenten" / f"{NAME}.pdf")
    renamed = redact("verify", copy)
    assert renamed.returncode == 4 and "name" in renamed.stderr
    assert NAME not in renamed.stderr + renamed.stdout


def test_verify_finds_an_accepted_value_in_a_list(request_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pub"
    shutil.copytree(request_dir / "pub", copy)
    csv_path = copy / "inventarislijst.csv"
    csv_path.write_bytes(csv_path.read_bytes() + f"0099,x,,,{NAME},pdf\r\n".encode())
    manifest = json.loads((copy / "publicatie-manifest.json").read_text("utf-8"))
    for entry in manifest["files"]:  # the hash made to match: only the content check is left
        if entry["path"] == "inventarislijst.csv":
            entry["sha256"] = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    (copy / "publicatie-manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert redact("verify", copy).returncode == 0  # names and hashes only
    run = redact("verify", copy, "--workspace", request_dir / "ws")
    assert run.returncode == 4 and "inventarislijst.csv: published text" in run.stderr
    assert NAME not in run.stderr


def test_publish_again_replaces_the_folder(request_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pub"
    shutil.copytree(request_dir / "pub", copy)
    (copy / "0099.diwoo.xml").write_bytes(b"<x/>")  # left by an earlier run: listed there
    manifest = json.loads((copy / "publicatie-manifest.json").read_text("utf-8"))
    manifest["files"].append({"path": "0099.diwoo.xml", "sha256": "0" * 64})
    (copy / "publicatie-manifest.json").write_text(json.dumps(manifest), "utf-8")
    redact("publish", request_dir / "ws", "--out", copy, "--settings",
           request_dir / "settings.json", check=True)
    assert not (copy / "0099.diwoo.xml").exists()
    assert redact("verify", copy, "--workspace", request_dir / "ws").returncode == 0
    # a folder of other files is not taken over
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("x")
    refused = redact("publish", request_dir / "ws", "--out", other, "--settings",
                     request_dir / "settings.json")
    assert refused.returncode == 2 and (other / "notes.txt").exists()


def test_publish_waits_for_apply(tmp_path: Path) -> None:
    make_pdf(tmp_path / "inbox" / "brief.pdf", [NEUTRAL])
    (tmp_path / "settings.json").write_text(json.dumps(SETTINGS), "utf-8")
    redact("scan", tmp_path / "inbox", "--workspace", tmp_path / "ws", "--executor", "serial",
           check=True)
    run = redact("publish", tmp_path / "ws", "--out", tmp_path / "pub", "--settings",
                 tmp_path / "settings.json")
    assert run.returncode == 2 and "apply" in run.stderr
    assert not (tmp_path / "pub" / "publicatie-manifest.json").exists()
    publish = ("publish", tmp_path / "ws", "--out", tmp_path / "pub", "--settings",
               tmp_path / "settings.json")
    redact("decide", tmp_path / "ws", "--accept-all", check=True)
    redact("apply", tmp_path / "ws", "--out", tmp_path / "out", "--executor", "serial", check=True)
    redact(*publish, check=True)
    # a page withheld after apply: the output in the outbox is not the one to publish
    redact("judge", tmp_path / "ws", "brief.pdf", "--page", "1", "--ground", "5.1.2e", check=True)
    stale = redact(*publish)
    assert stale.returncode == 2 and "apply" in stale.stderr
    redact("apply", tmp_path / "ws", "--out", tmp_path / "out", "--executor", "serial", check=True)
    redact(*publish, check=True)
    rows = _rows_csv(tmp_path / "pub" / "inventarislijst.csv")
    assert rows[0]["Beoordeling"] == "deels openbaar" and "pagina 1" in rows[0]["Toelichting"]
    with_notice = subprocess.run(["pdftotext", tmp_path / "pub" / "documenten" / "0001.pdf", "-"],
                                 capture_output=True, text=True, check=True).stdout
    assert "5.1.2e" in with_notice and "vergadering" not in with_notice


# -- one request from inbox to publication: everything the issue's "Done when" names ----------------

LETTER_GOLD = GOLD
MAIL_GOLD = json.loads((FIXTURE / "email_0004.json").read_text("utf-8"))
# The fixtures' personal data that the publication must not hold (their generator's invented
# people). A place name is left out (the publisher is a municipality), and so is a one-word
# name that is also a Dutch word ("Arts").
PERSONAL = ("PERSON", "NL_BSN", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "NL_ADDRESS",
            "NL_POSTCODE", "DATE_OF_BIRTH")
FIXTURE_DATA = tuple(sorted({s["text"] for gold in (LETTER_GOLD, MAIL_GOLD) for s in gold["spans"]
                             if s["entity"] in PERSONAL and s["text"] != "Arts"}))
# A corrupt input under a person's name and an (elfproef-valid, invented) BSN: skipped by scan,
# listed by apply as "niet beoordeeld".
SKIPPED_NAME, SKIPPED_BSN = "P. Verbeek", "111222333"
SKIPPED = f"Bezwaar {SKIPPED_NAME} {SKIPPED_BSN}.pdf"
COMPANY, CODE = "Bouwbedrijf Jansen BV", "PRJ-4711"
PASSAGE = "de wethouder wil het plan stilletjes afblazen"  # an opinion in internal deliberation
FULL_TERMS = [
    {"term": COMPANY, "ground": "5.1.2f",
     "motivation": "Offerteprijzen van een inschrijver zijn concurrentiegevoelig."},
    {"pattern": r"PRJ-\d{4}", "ground": "5.1.2i", "motivation": "Interne projectcodes."},
    {"term": PASSAGE, "ground": "5.2",
     "motivation": "Persoonlijke beleidsopvatting in intern beraad."},
]
TERM_VALUES = (COMPANY, "Jansen BV", CODE, PASSAGE, "stilletjes afblazen")
REPORT_PAGES = [
    f"Verslag van het projectoverleg Stadshart\nAanwezig: {COMPANY} en de gemeente.\n"
    f"Het project {CODE} loopt vertraging op.\nIn het overleg bleek dat {PASSAGE}.\n"
    "De planning wordt in maart herzien.",
    "Bijlage kwartaalcijfers\nBegrotingstekort riolering zuidoost\nKostenraming damwanden "
    "haven\nOnvoorzien meerwerk fietsbrug",
]
PAGE_TWO_WORDS = ("kwartaalcijfers", "Begrotingstekort", "riolering", "damwanden", "fietsbrug")
FULL_PLANTED = (*FIXTURE_DATA, SKIPPED_NAME, "Verbeek", SKIPPED_BSN, *TERM_VALUES)
WITHHOLD_REASON = f"Overleg met {NAME} over haar persoonlijke situatie."


@pytest.fixture(scope="module")
def full_request(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """scan --terms, judge (a page, niet, reeds, opgeschort), decide, apply and publish."""
    base = tmp_path_factory.mktemp("full")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURE / "bijlage-letter_0001.pdf", inbox / LETTER)
    shutil.copy(FIXTURE / "bijlage-letter_0001.pdf", inbox / "brief.pdf")  # dubbel
    shutil.copy(FIXTURE / "email_0004.eml", inbox / "email_0004.eml")  # with an attachment
    make_pdf(inbox / "verslag.pdf", REPORT_PAGES)  # terms, a 5.2 passage, a page to withhold
    make_pdf(inbox / "intern.pdf", [NEUTRAL + "\nIntern beraad."])
    make_pdf(inbox / "persbericht.pdf", [NEUTRAL + "\nPersbericht."])
    make_pdf(inbox / "advies.pdf", [NEUTRAL + "\nAdvies van een derde."])
    (inbox / SKIPPED).write_bytes(b"%PDF-1.4\nniet meer te lezen\n")
    (base / "settings.json").write_text(json.dumps(SETTINGS), "utf-8")
    (base / "terms.json").write_text(json.dumps(FULL_TERMS), "utf-8")
    ws, out, pub = base / "ws", base / "out", base / "pub"
    scan = redact("scan", inbox, "--workspace", ws, "--executor", "serial", "--terms",
                  base / "terms.json")
    assert scan.returncode == 3 and "1 skipped" in scan.stdout, scan.stderr  # the corrupt one
    redact("judge", ws, "verslag.pdf", "--page", "2", "--ground", "5.1.2e", check=True)
    redact("judge", ws, "intern.pdf", "--beoordeling", "niet", "--ground", "5.2",
           "--motivation", WITHHOLD_REASON, check=True)
    redact("judge", ws, "persbericht.pdf", "--beoordeling", "reeds",
           "--link", "https://www.example.nl/persbericht", check=True)
    redact("judge", ws, "advies.pdf", "--opgeschort", check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--executor", "serial", check=True)
    redact("publish", ws, "--out", pub, "--settings", base / "settings.json", check=True)
    return base


def _full_leaks(text: str) -> list[str]:
    folded = " ".join(text.split()).casefold()
    return [value for value in FULL_PLANTED if value.casefold() in folded]


def _pdftotext(path: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *span, path, "-"], capture_output=True, text=True,
                          check=True).stdout


def _pdf_streams(path: Path) -> list[bytes]:
    """Every object of a PDF and every stream decompressed (PyMuPDF), for the byte search."""
    found = []
    with pymupdf.open(path) as doc:
        for xref in range(1, doc.xref_length()):
            found.append(doc.xref_object(xref, compressed=False).encode("utf-8", "replace"))
            if doc.xref_is_stream(xref):
                try:
                    found.append(doc.xref_stream(xref) or b"")
                except RuntimeError:  # an image filter PyMuPDF does not decode
                    continue
        found.append(json.dumps(doc.metadata, ensure_ascii=False).encode("utf-8"))
        found.append((doc.get_xml_metadata() or "").encode("utf-8"))
    return found


def test_one_request_from_inbox_to_publication(full_request: Path) -> None:
    pub = full_request / "pub"
    files = sorted(p for p in pub.rglob("*") if p.is_file())
    names = [p.relative_to(pub).as_posix() for p in files]
    assert not _full_leaks("\n".join(names))
    # the inventory from outside: csv and openpyxl agree, in the platform's columns
    rows = _rows_csv(pub / "inventarislijst.csv")
    sheet = _rows_xlsx(pub / "inventarislijst.xlsx")
    assert tuple(sheet[0]) == COLUMNS and tuple(rows[0]) == COLUMNS
    assert [[str(c) if c is not None else "" for c in row] for row in sheet[1:]] == [
        list(row.values()) for row in rows]
    cells = [dict(zip(COLUMNS, ("" if c is None else str(c) for c in row), strict=True))
             for row in sheet[1:]]
    assert len(cells) == 8  # the corrupt input is no document of the publication
    assert all(c["Matter"] == "WOO-2026-015" and c["Zaaknummer"] == "Z/26/000015" for c in cells)
    by_document = {c["Document"]: c for c in cells}
    mail = next(c for c in cells if c["File type"] == "e-mail")
    attachment = next(c for c in cells if c["Family ID"] == mail["ID"] and c is not mail)
    assert mail["Family ID"] == mail["Email Thread ID"] == mail["ID"]
    assert f"bijlage bij {mail['ID']}" in attachment["Toelichting"]
    letter, copy = by_document["Klacht [5.1.2e] [5.1.1e]"], by_document["brief"]
    assert copy["Gerelateerd ID"] == letter["ID"] < copy["ID"] and letter["Gerelateerd ID"] == ""
    report = by_document["verslag"]
    assert report["Beoordeling"] == "deels openbaar"
    assert {"5.1.2e", "5.1.2f", "5.1.2i", "5.2"} <= set(report["Beoordelingsgrond"].split("; "))
    assert "pagina 2 niet openbaar" in report["Toelichting"]
    withheld = next(c for c in cells if c["Beoordeling"] == "niet openbaar")
    assert withheld["Beoordelingsgrond"] == "5.2" and "[5.1.2e]" in withheld["Toelichting"]
    public = next(c for c in cells if c["Beoordeling"] == "reeds openbaar")
    assert public["Publieke link"] == "https://www.example.nl/persbericht"
    deferred = by_document["advies"]
    assert deferred["Opgeschort"] == "ja"
    assert [c["ID"] for c in cells if c["Opgeschort"] == "ja"] == [deferred["ID"]]
    # the PDFs: only openbaar and deels openbaar, not opgeschort, named by number
    published = {c["ID"] for c in cells if c["Beoordeling"] in ("openbaar", "deels openbaar")
                 and c["Opgeschort"] == "nee"}
    assert sorted(n for n in names if n.startswith("documenten/")) == sorted(
        f"documenten/{number}.pdf" for number in published)
    assert deferred["ID"] not in published and withheld["ID"] not in published
    for number in published:
        pdf = pub / "documenten" / f"{number}.pdf"
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        title = re.search(r"^Title:\s*(.*)$", info, re.MULTILINE)
        assert title is not None and title.group(1) == next(
            c["Document"] for c in cells if c["ID"] == number)
        assert not _full_leaks(info), number
        text = _pdftotext(pdf)
        assert text.strip() and not _full_leaks(text), number
    # the withheld page: page 2 holds the notice and none of its words; page 1 is still there
    report_pdf = pub / "documenten" / f"{report['ID']}.pdf"
    page_two = _pdftotext(report_pdf, 2)
    assert "5.1.2e" in page_two
    assert not [w for w in PAGE_TWO_WORDS if w.casefold() in page_two.casefold()]
    page_one = _pdftotext(report_pdf, 1)
    assert "Stadshart" in page_one and "planning wordt in maart herzien" in page_one
    assert all(label in page_one.split() for label in ("5.1.2f", "5.1.2i", "5.2"))
    # DiWoo: a valid record per published document, a valid sitemap without the deferred one
    records = sorted(pub.glob("*.diwoo.xml"))
    assert sorted(p.name.split(".")[0] for p in records) == sorted(published)
    record_schema, sitemap_schema = diwoo_schema("diwoo-metadata.xsd"), diwoo_schema(
        "sitemap-diwoo.xsd")
    for record in records:
        assert record_schema.validate(etree.parse(str(record))), record_schema.error_log
    sitemap = etree.parse(str(pub / "sitemap.xml"))
    assert sitemap_schema.validate(sitemap), sitemap_schema.error_log
    locations = [el.text or "" for el in sitemap.iter("{*}loc")]
    assert sorted(locations) == sorted(f"documenten/{number}.pdf" for number in published)
    assert not any(deferred["ID"] in loc for loc in locations)
    # the annex lists 5.2 with its count of redactions, and the terms' grounds
    annex = (pub / "annex.html").read_text("utf-8")
    counts = dict(re.findall(r"<tr><td>([0-9.a-z]+)</td><td>[^<]*</td><td>(\d+)</td>", annex))
    # one box each: the company, the code and the passage (each on one line)
    assert (counts["5.2"], counts["5.1.2f"], counts["5.1.2i"]) == ("1", "1", "1")
    assert "5.2" in _pdftotext(pub / "annex.pdf")
    # every published byte: UTF-8, UTF-16BE, decompressed PDF streams, extracted text
    for path in files:
        data = path.read_bytes()
        chunks = [data, *(_pdf_streams(path) if path.suffix == ".pdf" else ())]
        for value in FULL_PLANTED:
            for encoded in (value.encode("utf-8"), value.encode("utf-16-be")):
                assert not any(encoded in chunk for chunk in chunks), (path.name, value)
        if path.suffix == ".pdf":
            assert not _full_leaks(_pdftotext(path)), path.name
        elif path.suffix == ".xlsx":
            assert not _full_leaks(json.dumps(_rows_xlsx(path), default=str, ensure_ascii=False))
        else:
            assert not _full_leaks(data.decode("utf-8-sig")), path.name
    assert redact("verify", pub, "--workspace", full_request / "ws").returncode == 0


def test_outbox_csv_toelichting_is_redacted(full_request: Path) -> None:
    """A skipped input's reason and a withheld document's motivation: no name, no BSN."""
    out = full_request / "out"
    rows = _rows_csv(out / "inventarislijst.csv")
    skipped = next(row for row in rows if row["Beoordeling"] == "niet beoordeeld")
    assert skipped["Toelichting"].startswith("niet verwerkt: ")
    assert "originals/" in skipped["Toelichting"] and str(full_request) not in skipped["Toelichting"]
    withheld = next(row for row in rows if row["Beoordeling"] == "niet openbaar")
    assert "[5.1.2e]" in withheld["Toelichting"] and "persoonlijke situatie" in withheld["Toelichting"]
    text = (out / "inventarislijst.csv").read_bytes().decode("utf-8-sig")
    assert not _full_leaks(text) and NAME not in text and str(full_request) not in text


def test_outbox_xlsx_toelichting_is_redacted(full_request: Path) -> None:
    cells = [str(c) for row in _rows_xlsx(full_request / "out" / "inventarislijst.xlsx")
             for c in row if c is not None]
    assert any(c.startswith("niet verwerkt: ") for c in cells)
    text = "\n".join(cells)
    assert not _full_leaks(text) and NAME not in text and str(full_request) not in text


def test_a_reason_that_quotes_the_input_name(full_request: Path) -> None:
    """An error that names the input and the workspace's folder, as the list would show it."""
    from redact.config import load_config
    from redact.inventory import published_text
    from redact.workspace import Workspace

    with Workspace.open(full_request / "ws") as ws:
        doc = next(d for d in ws.documents(status="skipped"))
        describe = Describer(ws, load_config())
        error = f"{SKIPPED} is te groot: {ws.root.resolve()}/originals/{doc.sha256}.pdf"
        shown = published_text(ws, describe, doc, error)
    assert shown.endswith(f"is te groot: originals/{doc.sha256}.pdf")
    assert SKIPPED_BSN not in shown and "Verbeek" not in shown, shown
