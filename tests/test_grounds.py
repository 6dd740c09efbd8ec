"""Every ground of the Woo, with a motivation where the law asks one.

A passage can be redacted under any ground; under a ground other than 5.1.1e and 5.1.2e only
with a motivation, which is stored with the proposal, named in the decision's audit record and
shown in the document's report. Driven through the review API on a workspace that the real
``redact scan --terms`` made.
"""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from redact.decisions import MotivationRequired, motivation_for
from redact.grounds import GROUND_CODES, MOTIVATION_OPTIONAL, needs_motivation
from redact.review.app import create_app
from tests.conftest import LETTER, make_pdf, redact
from tests.test_review_api import BASE, csrf, post

with warnings.catch_warnings():  # as in test_review_api: Starlette asks for httpx2
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

TERMS = [{"term": "Bouwbedrijf Jansen BV", "ground": "5.1.2f",
          "motivation": "Offerteprijzen van een inschrijver."}]
PAGE = LETTER + "\nOfferte van Bouwbedrijf Jansen BV voor het Stadshart, kenmerk OFF-2231."


@pytest.mark.parametrize("ground", sorted(GROUND_CODES))
def test_every_ground_but_privacy_needs_a_motivation(ground: str) -> None:
    assert needs_motivation(ground) == (ground not in ("5.1.1e", "5.1.2e"))
    if needs_motivation(ground):
        with pytest.raises(MotivationRequired, match=f"ground {ground} needs a motivation"):
            motivation_for(ground, " \n ")
    assert motivation_for(ground, " Waarom  het\nhier geldt. ") == "Waarom het hier geldt."
    assert MOTIVATION_OPTIONAL <= GROUND_CODES


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    make_pdf(tmp_path / "inbox" / "offerte.pdf", [PAGE])
    (tmp_path / "terms.json").write_text(json.dumps(TERMS))
    root = tmp_path / "ws"
    redact("scan", tmp_path / "inbox", "--workspace", root, "--terms", tmp_path / "terms.json",
           "--executor", "serial", check=True)
    return root


def rows(ws: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(ws / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM proposals ORDER BY id").fetchall()
    finally:
        db.close()


def decisions(ws: Path) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in (ws / "audit.jsonl").read_text().splitlines()]
    return [r["data"] for r in records if r["event"] == "decision"]


def test_motivation_required_stored_audited_and_reported(ws: Path, tmp_path: Path) -> None:
    client = TestClient(create_app(ws, "alice"), base_url=BASE)
    with client:
        token = csrf(client)
        person = next(r for r in rows(ws) if r["entity"] == "EMAIL_ADDRESS")
        url = f"/api/proposals/{person['id']}/ground"

        r = post(client, url, {"ground": "5.1.2h", "version": person["version"]}, token)
        assert r.status_code == 400
        assert r.json()["message"] == ("Grond 5.1.2h vraagt een motivering: geef aan waarom deze "
                                       "grond hier van toepassing is.")
        r = post(client, url, {"ground": "5.1.2h", "version": person["version"],
                               "motivation": "Adres van een beveiligde locatie."}, token)
        assert r.status_code == 200
        now = next(r for r in rows(ws) if r["id"] == person["id"])
        assert (now["ground"], now["motivation"]) == ("5.1.2h", "Adres van een beveiligde locatie.")
        assert decisions(ws)[-1]["motivation"] == "Adres van een beveiligde locatie."
        r = post(client, "/api/revert", {"items": r.json()["undo"]}, token)  # the undo button
        assert r.status_code == 200
        now = next(r for r in rows(ws) if r["id"] == person["id"])
        assert (now["ground"], now["motivation"]) == ("5.1.2e", "")
        r = post(client, url, {"ground": "5.1.2h", "version": now["version"],
                               "motivation": "Adres van een beveiligde locatie."}, token)
        now = next(r for r in rows(ws) if r["id"] == person["id"])
        r = post(client, url, {"ground": "5.1.2e", "version": now["version"]}, token)
        assert r.status_code == 200  # privacy needs none; the old motivation goes with its ground
        assert next(r for r in rows(ws) if r["id"] == person["id"])["motivation"] == ""

        # a redaction added by hand under 5.2 needs one too
        page = rows(ws)[0]
        start = PAGE.index("OFF-2231")  # the stored page text starts as the PDF's
        body = {"page": 1, "entity": "OTHER", "ground": "5.2", "start": start,
                "end": start + len("OFF-2231")}
        r = post(client, f"/api/documents/{page['document_id']}/manual", body, token)
        assert r.status_code == 400 and "Grond 5.2 vraagt een motivering" in r.json()["message"]
        body["motivation"] = "Persoonlijke beleidsopvatting in intern beraad."
        r = post(client, f"/api/documents/{page['document_id']}/manual", body, token)
        assert r.status_code == 200, r.text
        manual = next(r for r in rows(ws) if r["origin"] == "manual")
        assert (manual["ground"], manual["status"], manual["motivation"]) == (
            "5.2", "accepted", body["motivation"])
        assert decisions(ws)[-1]["motivation"] == body["motivation"]

        # accepting a term-list proposal carries the term's motivation
        term = next(r for r in rows(ws) if r["recognizer"] == "term list")
        r = post(client, f"/api/proposals/{term['id']}/decide",
                 {"decision": "accepted", "version": term["version"]}, token)
        assert r.status_code == 200
        after = next(r for r in rows(ws) if r["id"] == term["id"])
        assert (after["status"], after["ground"], after["motivation"]) == (
            "accepted", "5.1.2f", TERMS[0]["motivation"])
        assert decisions(ws)[-1]["motivation"] == TERMS[0]["motivation"]

    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", tmp_path / "out", check=True)
    report = json.loads(next((ws / "reports").glob("offerte*.json")).read_text("utf-8"))
    shown = {(b["ground"], b["motivation"]) for b in report["boxes"]}
    assert {("5.1.2f", TERMS[0]["motivation"]), ("5.2", body["motivation"])} <= shown
    html = next((ws / "reports").glob("offerte*.html")).read_text("utf-8")
    assert "motivering" in html and "Offerteprijzen van een inschrijver." in html
    audit = redact("audit", ws, check=True)
    assert "chain intact" in audit.stdout
