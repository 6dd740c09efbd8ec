"""Word, e-mail and images through the whole pipeline; attachments and duplicate groups.

Real LibreOffice, real e-mail files (stdlib and Outlook .msg), a real workspace: scan, decide,
apply and verify in the CLI's own process, then the outputs, the inventory list and the audit.
"""

from __future__ import annotations

import csv
import io
import threading
from email.message import EmailMessage
from pathlib import Path

import pymupdf
import pytest

from redact.config import load_config
from redact.duplicates import group_of
from redact.review.decisions import Decisions
from redact.review.render import PageSource
from redact.workspace import Workspace
from tests.conftest import LETTER, SECOND_PAGE, make_pdf, pdf_text, redact, sha256

NOTE = ("Verslag van het gesprek met mevrouw Sanne Testbeeld op 3 mei 2024.\n"
        "Zij is bereikbaar op 06-87654321 en haar BSN is 111222333.\n")
THREAD = ("Beste collega's,\n\nHierbij de stukken over de aanvraag van de heer Pieter Fictief. "
          "Hij vraagt om een parkeervergunning voor de Dorpsstraat en is bereikbaar op "
          "06-12345678. Graag jullie reactie voor vrijdag.\n\nMet vriendelijke groet,\nTeam "
          "Vergunningen\n")


def docx_bytes(path: Path, text: str) -> Path:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def email_file(path: Path, body: str, subject: str = "Aanvraag parkeervergunning",
               attachments: tuple[tuple[str, bytes, str], ...] = ()) -> Path:
    msg = EmailMessage()
    msg["From"] = "Pieter Fictief <pieter.fictief@example.nl>"
    msg["To"] = "Team Vergunningen <vergunningen@gemeente.example>"
    msg["Date"] = "Tue, 12 Mar 2024 10:15:00 +0100"
    msg["Subject"] = subject
    msg.set_content(body)
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(msg))
    return path


def inventory(outbox: Path) -> dict[str, dict[str, str]]:
    text = (outbox / "inventarislijst.csv").read_text("utf-8-sig")
    return {row["Bestandsnaam"]: row for row in csv.DictReader(io.StringIO(text))}


def run_all(inbox: Path, ws: Path, outbox: Path, scan_code: int = 0) -> None:
    scanned = redact("scan", inbox, "--workspace", ws, "--workers", "2")
    assert scanned.returncode == scan_code, scanned.stderr
    redact("decide", ws, "--accept-all", "--reviewer", "test", check=True)
    redact("apply", ws, "--out", outbox, check=True)
    verified = redact("verify", outbox)
    assert verified.returncode == 0, verified.stderr + verified.stdout


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("formats")
    inbox = root / "inbox"
    attachment_pdf = make_pdf(root / "bijlage.pdf", [SECOND_PAGE])
    attachment_docx = docx_bytes(root / "verslag.docx", NOTE)
    email_file(inbox / "aanvraag.eml", LETTER, attachments=(
        ("bijlage.pdf", attachment_pdf.read_bytes(), "application/pdf"),
        ("gespreksverslag.docx", attachment_docx.read_bytes(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("begroting.xyz", b"\x00\x01 not a document", "application/octet-stream"),
    ))
    docx_bytes(inbox / "notitie.docx", NOTE)
    (inbox / "memo.rtf").write_text(
        "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Memo over mevrouw Sanne Testbeeld, "
        "telefoon 06-87654321.\\par}", "ascii")
    hashes = {p.name: sha256(p) for p in inbox.iterdir()}
    ws, outbox = root / "ws", root / "outbox"
    run_all(inbox, ws, outbox, scan_code=3)  # 3: the .xyz attachment was skipped
    return inbox, ws, outbox, hashes


def test_email_comes_out_as_pdf_with_headers_and_attachments(mixed_batch) -> None:
    inbox, ws, outbox, hashes = mixed_batch
    mail = pdf_text(outbox / "aanvraag.pdf")
    for label in ("Van:", "Aan:", "Datum:", "Onderwerp:", "Bijlagen:"):
        assert label in mail
    assert "parkeervergunning" in mail and "bijlage.pdf" in mail
    for secret in ("pieter.fictief@example.nl", "123456782", "06-12345678"):
        assert secret not in mail
    pdf_attachment = pdf_text(outbox / "aanvraag.bijlage-1-bijlage.pdf")
    assert "Bijlage bij het besluit" in pdf_attachment
    assert "020-1234567" not in pdf_attachment and "j.testpersoon@gemeente.example" not in pdf_attachment
    word_attachment = pdf_text(outbox / "aanvraag.bijlage-2-gespreksverslag.pdf")
    assert "Verslag van het gesprek" in word_attachment
    assert "06-87654321" not in word_attachment and "111222333" not in word_attachment
    assert not (outbox / "aanvraag.bijlage-3-begroting.pdf").exists()
    # The originals were only read.
    assert {p.name: sha256(p) for p in inbox.iterdir()} == hashes


def test_word_and_rtf_come_out_redacted(mixed_batch) -> None:
    _, _, outbox, _ = mixed_batch
    note = pdf_text(outbox / "notitie.pdf")
    assert "Verslag van het gesprek" in note and "Sanne Testbeeld" not in note
    memo = pdf_text(outbox / "memo.pdf")
    assert "Memo over mevrouw" in memo and "06-87654321" not in memo


def test_attachments_are_linked_in_workspace_and_inventory(mixed_batch) -> None:
    _, ws_root, outbox, _ = mixed_batch
    with Workspace.open(ws_root) as ws:
        docs = {d.name: d for d in ws.documents()}
        mail = docs["aanvraag.eml"]
        assert mail.kind == "email" and mail.meta["subject"] == "Aanvraag parkeervergunning"
        children = {name: d for name, d in docs.items() if d.parent_id == mail.id}
        assert set(children) == {"aanvraag.bijlage-1-bijlage.pdf",
                                 "aanvraag.bijlage-2-gespreksverslag.docx",
                                 "aanvraag.bijlage-3-begroting.xyz"}
        assert children["aanvraag.bijlage-2-gespreksverslag.docx"].kind == "office"
        assert children["aanvraag.bijlage-3-begroting.xyz"].status == "skipped"
        assert docs["notitie.docx"].converted_path is not None
        events = [r["event"] for r in ws.audit_records()]
        assert events.count("attachment") == 3
    rows = inventory(outbox)
    for name in ("aanvraag.bijlage-1-bijlage.pdf", "aanvraag.bijlage-2-gespreksverslag.docx"):
        assert rows[name]["Beoordeling"] == "deels openbaar"
    attachment = rows["aanvraag.bijlage-1-bijlage.pdf"]
    assert attachment["Gerelateerd document"] == str(mail.id)
    assert attachment["Toelichting"].startswith(f"bijlage bij {mail.id}")
    # The Word attachment holds the same text as notitie.docx, which comes first in the inbox:
    # the column names that original, the note says it is an attachment too.
    copy = rows["aanvraag.bijlage-2-gespreksverslag.docx"]
    assert copy["Gerelateerd document"] == str(docs["notitie.docx"].id)
    assert copy["Toelichting"] == f"dubbel; bijlage bij {mail.id}"


def test_a_second_run_scans_nothing_again_and_resumes_queued_attachments(mixed_batch) -> None:
    inbox, ws_root, _, _ = mixed_batch
    with Workspace.open(ws_root) as ws:
        child = next(d for d in ws.documents() if d.name == "aanvraag.bijlage-1-bijlage.pdf")
        # As if the run had been killed after storing the e-mail but before its attachment.
        ws.db.execute("DELETE FROM decisions WHERE proposal_id IN "
                      "(SELECT id FROM proposals WHERE document_id=?)", (child.id,))
        ws.db.execute("DELETE FROM outputs WHERE document_id=?", (child.id,))
        ws.db.execute("DELETE FROM proposals WHERE document_id=?", (child.id,))
        ws.db.execute("DELETE FROM pages WHERE document_id=?", (child.id,))
        ws.db.execute("UPDATE documents SET status='queued' WHERE id=?", (child.id,))
    again = redact("scan", inbox, "--workspace", ws_root)
    assert again.returncode == 0, again.stderr
    assert "scanned 1 new document(s)" in again.stdout and "3 unchanged" in again.stdout
    with Workspace.open(ws_root) as ws:
        assert ws.document(child.id).status == "scanned"
        assert ws.proposals(child.id)


def test_image_input_is_a_scanned_page(tmp_path: Path) -> None:
    page = pymupdf.open()
    make = page.new_page(width=595, height=842)
    make.insert_text((72, 100), "Geachte mevrouw Testbeeld,", fontsize=14)
    make.insert_text((72, 130), "uw telefoonnummer 06-87654321 is genoteerd.", fontsize=14)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).save(inbox / "scan.png")
    run_all(inbox, tmp_path / "ws", tmp_path / "out")
    with Workspace.open(tmp_path / "ws") as ws:
        doc = ws.documents()[0]
        assert doc.kind == "image" and ws.ocr_pages(doc.id) == (1,)
        assert any(p.text == "06-87654321" for p in ws.proposals(doc.id))
    assert "06-87654321" not in pdf_text(tmp_path / "out" / "scan.pdf")


# -- duplicates ------------------------------------------------------------------------------


@pytest.fixture
def thread(tmp_path: Path) -> tuple[Path, Path]:
    inbox = tmp_path / "inbox"
    first = email_file(inbox / "bericht.eml", THREAD, subject="Parkeervergunning Dorpsstraat")
    (inbox / "kopie van bericht.eml").write_bytes(first.read_bytes())
    quoted = "\n".join("> " + line for line in THREAD.splitlines())
    email_file(inbox / "antwoord.eml", "Akkoord, zie hieronder.\n\nOp 12 maart 2024 schreef "
               "Pieter Fictief <pieter.fictief@example.nl>:\n" + quoted,
               subject="RE: Parkeervergunning Dorpsstraat")
    ws = tmp_path / "ws"
    redact("scan", inbox, "--workspace", ws, check=True)
    return inbox, ws


def copies(docs: dict) -> tuple:
    """The two identical e-mails in scan order (workers finish in any order), and the reply."""
    first, copy = sorted((docs["bericht.eml"], docs["kopie van bericht.eml"]), key=lambda d: d.id)
    return first, copy, docs["antwoord.eml"]


def test_copies_and_quoted_emails_are_grouped(thread) -> None:
    _, ws_root = thread
    with Workspace.open(ws_root) as ws:
        first, copy, reply = copies({d.name: d for d in ws.documents()})
        assert (copy.duplicate_of, copy.duplicate_kind) == (first.id, "identical")
        assert (first.duplicate_of, first.duplicate_kind) == (reply.id, "quoted")
        assert reply.duplicate_of is None
        assert group_of(ws, copy.id) == {first.id, copy.id, reply.id}


def test_the_reviewer_decides_once_for_the_group(thread, tmp_path: Path) -> None:
    _, ws_root = thread
    with Workspace.open(ws_root) as ws:
        docs = {d.name: d for d in ws.documents()}
        reply = docs["antwoord.eml"]
        phone = next(p for p in ws.proposals(reply.id) if p.text == "06-12345678")
        decisions = Decisions(ws, "alice", load_config(None), PageSource(ws.originals),
                              threading.RLock())
        outcome = decisions.decide(phone.id, "accepted", phone.version)
        assert "ook toegepast op 2 in dubbele documenten" in outcome.message  # Dutch by default
        for name in ("bericht.eml", "kopie van bericht.eml"):
            same = [p for p in ws.proposals(docs[name].id) if p.text == "06-12345678"]
            assert same and all(p.status == "accepted" and p.decided_by == "alice" for p in same)
        record = ws.audit_records()[-1]
        assert record["event"] == "decision" and record["data"]["method"] == "group"
    redact("decide", ws_root, "--accept-all", "--reviewer", "test", check=True)
    outbox = tmp_path / "out"
    redact("apply", ws_root, "--out", outbox, check=True)
    rows = inventory(outbox)
    first, copy, reply = copies(docs)
    assert rows[copy.name]["Toelichting"] == "dubbel"
    assert rows[copy.name]["Gerelateerd document"] == str(first.id)
    assert rows[first.name]["Toelichting"] == "dubbel (geciteerd)"
    assert rows[first.name]["Gerelateerd document"] == str(reply.id)
    assert rows[reply.name]["Gerelateerd document"] == ""


def test_the_review_page_shows_relations_and_converted_pages(mixed_batch) -> None:
    from redact.review.app import create_app
    from tests.test_review_api import TestClient  # imported there with its warning handled

    _, ws_root, _, _ = mixed_batch
    with Workspace.open(ws_root) as ws:
        docs = {d.name: d for d in ws.documents()}
    mail, word = docs["aanvraag.eml"], docs["aanvraag.bijlage-2-gespreksverslag.docx"]
    client = TestClient(create_app(ws_root, "alice"), base_url="http://127.0.0.1:8765")
    overview = client.get("/")
    assert overview.status_code == 200 and f"bijlage bij {mail.id}" in overview.text
    page = client.get(f"/documents/{word.id}")
    assert page.status_code == 200 and "Word/ODT/RTF" in page.text
    image = client.get(f"/documents/{word.id}/pages/1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")


def test_inputs_with_one_stem_get_their_own_output_and_report(tmp_path: Path) -> None:
    """``mail.pdf`` beside ``mail.eml``: neither output nor report overwrites the other's."""
    import json

    inbox, ws, outbox = tmp_path / "inbox", tmp_path / "ws", tmp_path / "outbox"
    make_pdf(inbox / "mail.pdf", [LETTER])
    email_file(inbox / "mail.eml", THREAD)
    run_all(inbox, ws, outbox)
    assert sorted(p.name for p in outbox.glob("*.pdf")) == ["mail.eml.pdf", "mail.pdf"]
    reports = {p.name: json.loads(p.read_text("utf-8")) for p in (ws / "reports").glob("*.json")}
    assert sorted(reports) == ["mail.eml.json", "mail.json"]
    assert reports["mail.json"]["name"] == "mail.pdf"
    assert reports["mail.json"]["output"]["file"] == "mail.pdf"
    assert reports["mail.eml.json"]["name"] == "mail.eml"
    assert reports["mail.eml.json"]["output"]["file"] == "mail.eml.pdf"
    assert (ws / "reports" / "mail.eml.html").exists() and (ws / "reports" / "mail.html").exists()


def test_undo_takes_back_what_was_carried_to_the_copies(thread) -> None:
    _, ws_root = thread
    with Workspace.open(ws_root) as ws:
        docs = {d.name: d for d in ws.documents()}
        phone = next(p for p in ws.proposals(docs["antwoord.eml"].id) if p.text == "06-12345678")
        decisions = Decisions(ws, "alice", load_config(None), PageSource(ws.originals),
                              threading.RLock())
        outcome = decisions.decide(phone.id, "accepted", phone.version)
        copied = [p.id for name in ("bericht.eml", "kopie van bericht.eml")
                  for p in ws.proposals(docs[name].id) if p.text == "06-12345678"]
        assert copied and all(ws.proposal(pid).status == "accepted" for pid in copied)
        undone = decisions.revert(outcome.undo)
        assert "3 teruggezet" in undone.message
        assert all(ws.proposal(pid).status == "pending" for pid in [phone.id, *copied])
