"""The term list: names, companies and codes proposed everywhere, each with its ground.

A real ``redact scan --terms`` over a generated fixture and a letter written here (a company
name broken over two lines, a project code), ``redact terms`` on a workspace scanned before,
bad lists refused with one line, and the output read back with poppler.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest

from redact.errors import UsageError
from redact.review.app import create_app
from redact.terms import RECOGNIZER, load_terms, terms_from_json
from tests.conftest import REPO, make_pdf, redact
from tests.test_review_api import BASE, csrf, post

with warnings.catch_warnings():  # as in test_review_api: Starlette asks for httpx2
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

EMAIL = REPO / "fixtures" / "generated" / "woo" / "email_0000.pdf"

# Invented: a contractor, its project codes, a meeting. The near misses stay readable.
OFFERTE = """Gespreksverslag aanbesteding Stadshart
Aanwezig: BOUWBEDRIJF JANSEN BV en de gemeente.
Het project PRJ-4711 loopt vertraging op. Bouwbedrijf
Jansen BV vraagt meerwerk voor PRJ-4712.
Prijs per eenheid: 4.500 euro (niet PRJ-99, wel Bouwbedrijf Pietersen)."""

TERMS = [
    {"term": "Bouwbedrijf Jansen BV", "ground": "5.1.2f",
     "motivation": "Offerteprijzen van een inschrijver zijn concurrentiegevoelig."},
    {"pattern": r"PRJ-\d{4}", "ground": "5.1.2i", "motivation": "Interne projectcodes."},
    {"pattern": r"\d{4}-\d{7}", "ground": "5.1.2d", "motivation": "Kenmerk van een lopend toezicht."},
    {"term": "Koningsplein", "ground": "5.1.2e"},
]
HIDDEN = ["Jansen BV", "PRJ-4711", "PRJ-4712", "2024-7506968", "Koningsplein"]
KEPT = ["PRJ-99", "Pietersen", "Stadshart", "4.500 euro"]


def write_terms(path: Path, terms: list[dict[str, str]]) -> Path:
    path.write_text(json.dumps(terms), "utf-8")
    return path


def term_rows(ws: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(ws / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM proposals WHERE recognizer=? ORDER BY document_id, page, "
                          "start", (RECOGNIZER,)).fetchall()
    finally:
        db.close()


def audit_events(ws: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (ws / "audit.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture
def request_inbox(tmp_path: Path) -> Path:
    box = tmp_path / "inbox"
    make_pdf(box / "offerte.pdf", [OFFERTE])
    box.joinpath("email_0000.pdf").write_bytes(EMAIL.read_bytes())
    return box


# -- matching: a table of cases ---------------------------------------------------------------------

FIND_CASES = [
    ("Bouwbedrijf Jansen BV", False, "Aanwezig: Bouwbedrijf Jansen BV.", ["Bouwbedrijf Jansen BV"]),
    ("Bouwbedrijf Jansen BV", False, "bouwbedrijf jansen bv en BOUWBEDRIJF JANSEN BV",
     ["bouwbedrijf jansen bv", "BOUWBEDRIJF JANSEN BV"]),  # case-insensitive
    ("Bouwbedrijf Jansen BV", False, "Bouwbedrijf\nJansen  BV vraagt", ["Bouwbedrijf\nJansen  BV"]),
    ("Bouwbedrijf Jansen BV", False, "Bouwbedrijf Jansen BVBA", []),  # whole words only
    ("Jansen", False, "Jansenius en XJansen", []),
    ("Jansen", False, "(Jansen)", ["Jansen"]),
    ("PRJ-\\d{4}", True, "PRJ-4711, PRJ-47111 en XPRJ-4711", ["PRJ-4711"]),
    ("PRJ-\\d{4}", True, "prj-4711", []),  # a pattern matches as written
    ("(?i)prj-\\d{4}", True, "PRJ-4711", ["PRJ-4711"]),
]


@pytest.mark.parametrize(("text", "is_pattern", "page", "expected"), FIND_CASES)
def test_find(text: str, is_pattern: bool, page: str, expected: list[str]) -> None:
    key = "pattern" if is_pattern else "term"
    terms = terms_from_json([{key: text, "ground": "5.1.2e"}])
    found = terms.find(page)
    assert [f.text for f in found] == expected
    for f in found:
        assert page[f.start:f.end] == f.text
        assert (f.recognizer, f.ground, f.entity, f.score) == (RECOGNIZER, "5.1.2e", "OTHER", 1.0)
        assert f.explanation.pattern == "term 1" and text in f.explanation.text


BAD_LISTS = [
    ({"pattern": "PRJ-(\\d{4}", "ground": "5.1.2i", "motivation": "x"}, "bad pattern"),
    ({"pattern": "(a|aa)+$", "ground": "5.1.2e"}, "backtracks too much"),
    ({"pattern": "x*", "ground": "5.1.2e"}, "matches empty text"),
    ({"term": "Bouwbedrijf Jansen BV", "ground": "5.1.2f"}, "needs a motivation"),
    ({"term": "Bouwbedrijf Jansen BV", "ground": "5.1.2f", "motivation": "  "},
     "needs a motivation"),
    ({"term": "Jansen", "ground": "5.1.9z"}, "unknown legal ground"),
    ({"term": "Jansen", "pattern": "Jansen", "ground": "5.1.2e"}, "either 'term' or 'pattern'"),
    ({"term": "J", "ground": "5.1.2e"}, "at least two characters"),
    ({"term": "Jansen", "ground": "5.1.2e", "weight": 2}, "unknown key 'weight'"),
    ({"term": "Jansen", "ground": "5.1.2e", "entity": "SHOE_SIZE"}, "unknown entity"),
]


@pytest.mark.parametrize(("entry", "message"), BAD_LISTS)
def test_bad_term_is_a_usage_error(entry: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        terms_from_json([{"term": "Koningsplein", "ground": "5.1.2e"}, entry], "terms.json")
    assert "\n" not in str(caught.value) and str(caught.value).startswith("terms.json: term 2")


def test_file_must_be_a_json_array(tmp_path: Path) -> None:
    for content in ("{}", "[]", "not json"):
        path = tmp_path / "t.json"
        path.write_text(content)
        with pytest.raises(UsageError, match="t.json"):
            load_terms(path)


# -- through the CLI ------------------------------------------------------------------------------


def test_scan_with_terms_proposes_every_occurrence_and_burns_them_in(
        request_inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    terms = write_terms(tmp_path / "terms.json", TERMS)
    run = redact("scan", request_inbox, "--workspace", ws, "--terms", terms, "--executor",
                 "serial", check=True)
    assert "term list: 4 term(s)" in run.stdout
    rows = term_rows(ws)
    found = sorted((r["text"].replace("\n", " "), r["ground"], r["motivation"]) for r in rows)
    assert found == sorted([
        ("BOUWBEDRIJF JANSEN BV", "5.1.2f", TERMS[0]["motivation"]),
        ("Bouwbedrijf Jansen BV", "5.1.2f", TERMS[0]["motivation"]),  # over a line break
        ("PRJ-4711", "5.1.2i", "Interne projectcodes."),
        ("PRJ-4712", "5.1.2i", "Interne projectcodes."),
        ("2024-7506968", "5.1.2d", TERMS[2]["motivation"]),
        ("Koningsplein", "5.1.2e", ""),
    ])
    broken = next(r for r in rows if "\n" in r["text"])
    assert len(json.loads(broken["rects"])) == 2  # one box per line
    explanation = json.loads(rows[0]["explanation"])
    assert explanation["recognizer"] == RECOGNIZER and "ground" in explanation["text"]
    # the trail names terms by number, never by their text
    trail = (ws / "audit.jsonl").read_text("utf-8")
    assert "Jansen" not in trail and "PRJ-4711" not in trail and '"term 1"' in trail

    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, check=True)
    for name in ("offerte.pdf", "email_0000.pdf"):
        text = subprocess.run(["pdftotext", "-layout", out / name, "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = " ".join(text.split())
        for secret in HIDDEN:
            assert secret not in flat, (name, secret)
    offerte = " ".join(subprocess.run(["pdftotext", out / "offerte.pdf", "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
    for word in KEPT:
        assert word in offerte
    for label in ("5.1.2f", "5.1.2i"):
        assert label in offerte
    assert redact("verify", out).returncode == 0
    report = json.loads(next((ws / "reports").glob("offerte*.json")).read_text("utf-8"))
    assert {(b["ground"], b["motivation"]) for b in report["boxes"]} >= {
        ("5.1.2f", TERMS[0]["motivation"]), ("5.1.2i", "Interne projectcodes.")}


def test_terms_command_adds_to_a_scanned_workspace_once(request_inbox: Path,
                                                        tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    redact("scan", request_inbox, "--workspace", ws, "--executor", "serial", check=True)
    assert term_rows(ws) == []
    terms = write_terms(tmp_path / "terms.json", TERMS)
    run = redact("terms", ws, "--terms", terms, "--reviewer", "olga", check=True)
    assert run.stdout.strip() == ("term list: 4 term(s); 6 proposal(s) added in 2 document(s), "
                                  "0 already proposed")
    rows = term_rows(ws)
    assert len(rows) == 6 and {r["status"] for r in rows} == {"pending"}
    assert all(json.loads(r["rects"]) for r in rows)
    added = [e for e in audit_events(ws) if e["event"] == "terms_added"]
    assert len(added) == 1 and added[0]["data"]["proposals"] == 6
    assert added[0]["data"]["reviewer"] == "olga" and len(added[0]["data"]["terms_sha256"]) == 64
    proposals = [e for e in audit_events(ws) if e["event"] == "proposals"]
    assert sum(len(e["data"]["proposals"]) for e in proposals[-2:]) == 6

    again = redact("terms", ws, "--terms", terms, check=True)  # nothing twice
    assert "0 proposal(s) added in 0 document(s), 6 already proposed" in again.stdout
    assert len(term_rows(ws)) == 6
    audit = redact("audit", ws, check=True)
    assert "chain intact" in audit.stdout and "consistent" in audit.stdout


def test_bad_term_list_stops_with_one_line(request_inbox: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    bad = write_terms(tmp_path / "bad.json", [{"pattern": "PRJ-(\\d", "ground": "5.1.2i",
                                               "motivation": "Projectcodes."}])
    run = redact("scan", request_inbox, "--workspace", ws, "--terms", bad)
    assert run.returncode == 2 and "bad pattern" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (ws / "workspace.sqlite").exists()  # refused before anything was read
    unmotivated = write_terms(tmp_path / "m.json", [{"term": "Jansen", "ground": "5.2"}])
    redact("scan", request_inbox, "--workspace", ws, "--executor", "serial", check=True)
    run = redact("terms", ws, "--terms", unmotivated)
    assert run.returncode == 2 and "ground 5.2 needs a motivation" in run.stderr


# -- the review page ------------------------------------------------------------------------------


def test_review_page_adds_a_term(request_inbox: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    redact("scan", request_inbox, "--workspace", ws, "--executor", "serial", check=True)
    with TestClient(create_app(ws, "alice"), base_url=BASE) as client:
        page = client.get("/").text
        assert 'id="term-form"' in page and "/static/terms.js" in page
        token = csrf(client)
        body = {"pattern": r"PRJ-\d{4}", "ground": "5.1.2i"}
        r = client.post("/api/terms", json=body)  # no CSRF token: refused like every POST
        assert r.status_code == 403 and term_rows(ws) == []
        r = post(client, "/api/terms", body, token)
        assert r.status_code == 400 and "Grond 5.1.2i vraagt een motivering" in r.json()["message"]
        r = post(client, "/api/terms", {"pattern": "PRJ-(", "ground": "5.1.2e"}, token)
        assert r.status_code == 400 and "Deze zoekterm kan niet worden gebruikt: bad pattern" in (
            r.json()["message"])
        r = post(client, "/api/terms", {**body, "motivation": "Interne projectcodes."}, token)
        assert r.status_code == 200
        assert r.json()["message"] == ("Voorstellen toegevoegd: 2 in 1 document(en); al "
                                       "voorgesteld: 0.")
    rows = term_rows(ws)
    assert [(r["text"], r["ground"], r["motivation"]) for r in rows] == [
        ("PRJ-4711", "5.1.2i", "Interne projectcodes."),
        ("PRJ-4712", "5.1.2i", "Interne projectcodes.")]
    added = [e for e in audit_events(ws) if e["event"] == "terms_added"]
    assert added[-1]["data"]["reviewer"] == "alice"
