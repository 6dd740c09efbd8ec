"""The whole path through the CLI: scan, decide, apply, verify, on real PDFs and real SQLite."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pymupdf

from tests.conftest import KEPT_WORDS, LETTER, SECRETS, make_pdf, pdf_text, redact, sha256


def proposals(ws: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(ws / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    rows = list(db.execute("SELECT p.*, d.name FROM proposals p JOIN documents d "
                           "ON d.id = p.document_id ORDER BY p.id"))
    db.close()
    return rows


def audit_lines(ws: Path) -> list[dict]:
    return [json.loads(line) for line in (ws / "audit.jsonl").read_text().splitlines()]


def test_end_to_end_two_workers(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    before = {p: sha256(p) for p in inbox.rglob("*.pdf")}

    run = redact("scan", inbox, "--workspace", ws, "--workers", "2", check=True)
    assert "scanned 3 new document(s)" in run.stdout
    found = {(r["text"], r["entity"]) for r in proposals(ws)}
    for text, entity in SECRETS.items():
        assert (text, entity) in found, f"{entity} not proposed"
    grounds = {r["entity"]: r["ground"] for r in proposals(ws)}
    assert grounds["NL_BSN"] == "5.1.1e" and grounds["EMAIL_ADDRESS"] == "5.1.2e"

    redact("decide", ws, "--accept-all", "--reviewer", "tester", check=True)
    run = redact("apply", ws, "--out", out, "--workers", "2", check=True)
    assert "applied 3 document(s)" in run.stdout
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        "brief.pdf", "notitie.pdf", "sub/leeg-van-pd.pdf"]

    text = pdf_text(out / "brief.pdf") + pdf_text(out / "notitie.pdf")
    for secret in SECRETS:
        assert secret not in text
    for word in KEPT_WORDS:
        assert word in text, f"non-personal text {word!r} was lost"
    with pymupdf.open(out / "brief.pdf") as doc:
        assert not doc.metadata["author"] and not doc.metadata["title"]
        assert "5.1.1e" in doc[0].get_text()  # the BSN box carries its ground

    run = redact("verify", out, check=True)
    assert "verified 3 document(s)" in run.stdout
    assert before == {p: sha256(p) for p in inbox.rglob("*.pdf")}, "an original was changed"

    events = [r["event"] for r in audit_lines(ws)]
    assert events.count("scan") == 3 and events.count("apply") == 3
    assert "decision" in events and events[-1] == "verify"
    decision = next(r for r in audit_lines(ws) if r["event"] == "decision")
    assert decision["data"]["reviewer"] == "tester" and decision["data"]["method"] == "scripted"


def test_rescan_is_idempotent(inbox: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    redact("scan", inbox, "--workspace", ws, "--workers", "1", check=True)
    count, lines = len(proposals(ws)), len(audit_lines(ws))
    run = redact("scan", inbox, "--workspace", ws, check=True)
    assert "scanned 0 new document(s)" in run.stdout and "3 unchanged" in run.stdout
    assert len(proposals(ws)) == count and len(audit_lines(ws)) == lines

    make_pdf(inbox / "notitie.pdf", ["Een nieuwe versie, bel 06-87654321."])
    run = redact("scan", inbox, "--workspace", ws, check=True)
    assert "scanned 1 new document(s)" in run.stdout


def test_decide_by_entity_and_pending_documents(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, check=True)
    run = redact("decide", ws, "--accept", "EMAIL_ADDRESS", "PHONE_NUMBER", "--reject", "NL_BSN",
                 check=True)
    assert "accepted" in run.stdout
    status = {r["entity"]: r["status"] for r in proposals(ws)}
    assert status["EMAIL_ADDRESS"] == "accepted" and status["PHONE_NUMBER"] == "accepted"
    assert status["NL_BSN"] == "rejected" and status["IBAN_CODE"] == "pending"

    run = redact("apply", ws, "--out", out, check=True)
    assert "1 waiting for decisions" in run.stdout  # brief.pdf still has a pending IBAN
    assert not (out / "brief.pdf").exists() and (out / "notitie.pdf").exists()

    redact("decide", ws, "--accept", "IBAN_CODE", "PERSON", check=True)
    redact("apply", ws, "--out", out, check=True)
    text = pdf_text(out / "brief.pdf")
    assert "123456782" in text  # rejected: stays readable
    assert "NL91 ABNA 0417 1643 00" not in text and "06-12345678" not in text
    assert redact("verify", out).returncode == 0

    run = redact("apply", ws, "--out", out, check=True)  # nothing changed: nothing rewritten
    assert "applied 0 document(s)" in run.stdout and "3 unchanged" in run.stdout


def test_decide_needs_an_instruction_and_known_entities(inbox: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    redact("scan", inbox, "--workspace", ws, check=True)
    run = redact("decide", ws)
    assert run.returncode == 2 and "--accept-all" in run.stderr
    run = redact("decide", ws, "--accept", "NAAM")
    assert run.returncode == 2 and "unknown entity" in run.stderr


def test_verify_detects_a_leak(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, check=True)
    # Someone replaces an output with the unredacted original and fixes up the manifest.
    (out / "brief.pdf").write_bytes((inbox / "brief.pdf").read_bytes())
    manifest = json.loads((out / "redact-manifest.json").read_text())
    for entry in manifest["documents"]:
        if entry["output"] == "brief.pdf":
            entry["sha256"] = sha256(out / "brief.pdf")
    (out / "redact-manifest.json").write_text(json.dumps(manifest))
    run = redact("verify", out)
    assert run.returncode == 4
    assert "brief.pdf" in run.stderr and "NL_BSN" in run.stderr
    for secret in SECRETS:
        assert secret not in run.stderr + run.stdout, "verify must not print personal data"


def test_verify_detects_a_changed_output(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, check=True)
    (out / "notitie.pdf").write_bytes((inbox / "notitie.pdf").read_bytes())
    run = redact("verify", out)
    assert run.returncode == 4 and "notitie.pdf: file" in run.stderr


def test_apply_never_burns_in_without_a_decision(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, check=True)
    run = redact("apply", ws, "--out", out, check=True)
    assert "applied 1 document(s)" in run.stdout  # only the document without proposals
    assert "2 waiting for decisions" in run.stdout


def test_batch_scans_new_and_applies_decided(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    run = redact("batch", inbox, out, "--workspace", ws, check=True)
    assert "3 new" in run.stdout and "2 waiting for review" in run.stdout
    redact("decide", ws, "--accept-all", check=True)
    run = redact("batch", inbox, out, "--workspace", ws, "--log-json", check=True)
    summary = json.loads(run.stdout)
    assert summary["scan"]["unchanged"] == 3 and summary["apply"]["applied"] == 2
    assert redact("verify", out).returncode == 0
    assert list((ws / "runs").glob("*.json"))


def test_missing_inbox_and_workspace(tmp_path: Path) -> None:
    run = redact("scan", tmp_path / "nope", "--workspace", tmp_path / "ws")
    assert run.returncode == 7 and run.stderr.count("\n") == 1
    run = redact("apply", tmp_path / "nows", "--out", tmp_path / "out")
    assert run.returncode == 2 and "no workspace" in run.stderr
    run = redact("verify", tmp_path)
    assert run.returncode == 7


def test_a_changed_file_replaces_its_earlier_output(inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("batch", inbox, out, "--workspace", ws, check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("batch", inbox, out, "--workspace", ws, check=True)
    make_pdf(inbox / "notitie.pdf", ["Een nieuwe versie: bel 06-87654321 voor vragen."])
    run = redact("batch", inbox, out, "--workspace", ws, check=True)
    assert "1 new" in run.stdout and "1 waiting for review" in run.stdout
    redact("decide", ws, "--accept-all", check=True)
    redact("batch", inbox, out, "--workspace", ws, check=True)
    text = pdf_text(out / "notitie.pdf")
    assert "nieuwe versie" in text and "06-87654321" not in text
    manifest = json.loads((out / "redact-manifest.json").read_text())
    assert [e["output"] for e in manifest["documents"]].count("notitie.pdf") == 1
    assert redact("verify", out).returncode == 0


def test_documents_are_numbered_in_inbox_order(tmp_path: Path) -> None:
    """The first file takes longest, so its scan comes in last; it is still document 1, and a
    file that is skipped keeps its place too."""
    inbox = tmp_path / "inbox"
    make_pdf(inbox / "a-lang.pdf", [LETTER] * 80)
    (inbox / "b-leeg.pdf").write_bytes(b"")
    for name in ("c.pdf", "d.pdf", "e/f.pdf"):
        make_pdf(inbox / name, [LETTER])
    ws = tmp_path / "ws"
    redact("scan", inbox, "--workspace", ws, "--workers", "2")
    db = sqlite3.connect(ws / "workspace.sqlite")
    try:
        rows = list(db.execute("SELECT id, name, status FROM documents ORDER BY id"))
    finally:
        db.close()
    assert rows == [(1, "a-lang.pdf", "scanned"), (2, "b-leeg.pdf", "skipped"),
                    (3, "c.pdf", "scanned"), (4, "d.pdf", "scanned"), (5, "e/f.pdf", "scanned")]
    ingest = next(r for r in audit_lines(ws) if r["event"] == "ingest")
    assert [d["document"] for d in ingest["data"]["documents"]] == [1, 3, 4, 5]
