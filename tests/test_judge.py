"""Judgements beyond boxes: a document's Beoordeling (openbaar, deels, niet, reeds openbaar with
its link), opgeschort, and pages withheld on a ground, set with the real CLI (``redact judge``)
and the review page, burned in by ``apply`` and checked from outside (poppler, PyMuPDF)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from redact import judge as judge_module
from redact.events import Judge, ReleasePage, Withdraw, Withhold, WithholdPage, parse
from redact.pdf.withheld import notice
from redact.review.app import create_app
from redact.review.decisions import JUDGE_REFUSALS
from redact.workspace import SCHEMA_VERSION, Workspace
from tests.conftest import LETTER, SECOND_PAGE, make_pdf, redact

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

# Words only page 2 of brief.pdf holds: none of them may survive its withholding.
PAGE_TWO_ONLY = ["Versie", "0.2", "14 april 2024", "020-1234567", "j.testpersoon", "mailen"]
EXTERN = ["Persbericht van de gemeente over het parkeerbeleid in de binnenstad."]
MEMO = ["Memo over het bouwplan aan de Havenkade, ter voorbereiding van het overleg."]
LINK = "https://www.example.org/nieuws/persbericht-parkeren"


@dataclass
class Judged:
    ws: Path
    out: Path
    apply_stdout: str


def make_inbox(box: Path) -> Path:
    make_pdf(box / "brief.pdf", [LETTER, SECOND_PAGE])
    make_pdf(box / "notitie.pdf", [SECOND_PAGE])
    make_pdf(box / "extern.pdf", EXTERN)
    make_pdf(box / "memo.pdf", MEMO)
    return box


def scanned(tmp: Path) -> Path:
    ws = tmp / "ws"
    redact("scan", make_inbox(tmp / "inbox"), "--workspace", ws, "--workers", "1", check=True)
    redact("decide", ws, "--accept-all", "--reviewer", "anna", check=True)
    return ws


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Judged:
    tmp = tmp_path_factory.mktemp("judge")
    ws = scanned(tmp)
    for args in (
        ["brief", "--page", "2", "--ground", "5.1.2e"],
        ["notitie.pdf", "--beoordeling", "niet", "--ground", "5.1.2i", "--motivation",
         "intern beraad"],
        ["extern", "--beoordeling", "reeds", "--link", LINK],
        ["memo", "--opgeschort"],
    ):
        redact("judge", ws, *args, "--reviewer", "anna", check=True)
    out = tmp / "out"
    run = redact("apply", ws, "--out", out, "--workers", "1", check=True)
    return Judged(ws, out, run.stdout)


def inventory(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "inventarislijst.csv").read_text("utf-8-sig")
    return {row["Documentnummer"]: row for row in csv.DictReader(io.StringIO(text))}


def doc_ids(ws: Path) -> dict[str, int]:
    with Workspace.open(ws) as w:
        return {Path(d.name).stem: d.id for d in w.documents(status="scanned")}


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def every_stream(path: Path) -> str:
    """Every object and decoded stream of the file, as text."""
    parts = []
    with pymupdf.open(path) as doc:
        for xref in range(1, doc.xref_length()):
            parts.append(doc.xref_object(xref, compressed=False))
            if doc.xref_is_stream(xref):
                parts.append((doc.xref_stream(xref) or b"").decode("latin-1"))
    return "\n".join(parts)


def test_withheld_page_holds_only_its_notice(judged: Judged) -> None:
    output = judged.out / "brief.pdf"
    assert " ".join(pdftotext(output, 2).split()) == notice("5.1.2e")
    assert notice("5.1.2e").startswith("Deze pagina is niet openbaar gemaakt op grond van "
                                       "artikel 5.1.2e Woo")
    with pymupdf.open(output) as doc, pymupdf.open(judged.ws / "originals" / next(
            p.name for p in (judged.ws / "originals").iterdir()
            if _page_count(p) == 2)) as original:
        assert doc.page_count == 2
        assert doc[1].rect == original[1].rect  # same size
        words = {w[4] for w in doc[1].get_text("words")}
        assert words <= set(notice("5.1.2e").split())
        assert not doc[1].get_images() and not doc[1].get_drawings()
        assert "aanvraag" in doc[0].get_text()  # page 1 is published, redacted
    everything = pdftotext(output) + every_stream(output)
    for word in PAGE_TWO_ONLY:
        assert word not in everything


def _page_count(path: Path) -> int:
    try:
        with pymupdf.open(path) as doc:
            return doc.page_count
    except Exception:
        return 0


def test_niet_and_reeds_openbaar_publish_no_file(judged: Judged) -> None:
    assert sorted(p.name for p in judged.out.glob("*.pdf")) == ["brief.pdf", "memo.pdf"]
    manifest = json.loads((judged.out / "redact-manifest.json").read_text("utf-8"))
    assert sorted(d["output"] for d in manifest["documents"]) == ["brief.pdf", "memo.pdf"]
    assert "2 withheld" in judged.apply_stdout
    marked = {d["output"]: d.get("suspended", False) for d in manifest["documents"]}
    assert marked == {"brief.pdf": False, "memo.pdf": True}  # opgeschort: made, but marked


def test_reports_show_the_judgements(judged: Judged) -> None:
    reports = judged.ws / "reports"
    brief = json.loads((reports / "brief.json").read_text("utf-8"))
    assert brief["judgement"] == "deels openbaar"
    assert brief["withheld_pages"] == [{"page": 2, "ground": "5.1.2e", "motivation": ""}]
    notitie = json.loads((reports / "notitie.json").read_text("utf-8"))
    assert notitie["judgement"] == "niet openbaar" and notitie["output"] is None
    assert notitie["withheld"] == {"grounds": ["5.1.2i"], "reason": "intern beraad"}
    memo = json.loads((reports / "memo.json").read_text("utf-8"))
    assert memo["suspended"] is True
    assert "Pagina 2 niet openbaar" in (reports / "brief.html").read_text("utf-8")


def test_inventory_shows_the_judgements(judged: Judged) -> None:
    ids = doc_ids(judged.ws)
    rows = inventory(judged.out)
    brief = rows[str(ids["brief"])]
    assert brief["Beoordeling"] == "deels openbaar"
    assert "5.1.2e" in brief["Beoordelingsgrond"].split("; ")
    assert "pagina 2 niet openbaar (5.1.2e)" in brief["Toelichting"]
    notitie = rows[str(ids["notitie"])]
    assert notitie["Beoordeling"] == "niet openbaar"
    assert "5.1.2i" in notitie["Beoordelingsgrond"].split("; ")
    assert notitie["Toelichting"] == "intern beraad"
    extern = rows[str(ids["extern"])]
    assert extern["Beoordeling"] == "reeds openbaar"
    assert LINK in extern["Toelichting"]
    memo = rows[str(ids["memo"])]
    assert memo["Beoordeling"] == "openbaar"
    assert "opgeschort" in memo["Toelichting"]


def test_judgements_stored_and_audited_as_typed_events(judged: Judged) -> None:
    ids = doc_ids(judged.ws)
    with Workspace.open(judged.ws) as ws:
        memo = ws.judgement(ids["memo"])
        assert memo is not None and memo.suspended and memo.judgement is None
        extern = ws.judgement(ids["extern"])
        assert extern is not None and extern.judgement == "reeds openbaar"
        assert extern.public_link == LINK
        niet = ws.judgement(ids["notitie"])
        assert niet is not None and niet.grounds == ("5.1.2i",)
        assert ws.document(ids["notitie"]).withheld
        pages = ws.withheld_pages(ids["brief"])
        assert list(pages) == [2] and pages[2].ground == "5.1.2e" and pages[2].reviewer == "anna"
        events = [parse(r) for r in ws.audit_records()]
    judges = [e for e in events if isinstance(e, Judge)]
    assert {(e.document, e.judgement, e.suspended) for e in judges} == {
        (ids["notitie"], "niet openbaar", False), (ids["extern"], "reeds openbaar", False),
        (ids["memo"], None, True)}
    assert all(e.reviewer == "anna" and e.method == "cli" for e in judges)
    assert [(e.document, e.page, e.ground) for e in events if isinstance(e, WithholdPage)] == [
        (ids["brief"], 2, "5.1.2e")]
    assert redact("verify", judged.out).returncode == 0
    history = redact("audit", judged.ws, "brief")
    assert history.returncode == 0, history.stderr
    assert "chain intact" in history.stdout and "withheld page 2 (5.1.2e)" in history.stdout
    assert "reeds openbaar" in redact("audit", judged.ws, "extern").stdout


@pytest.mark.parametrize("args, message", [
    (["brief", "--page", "1", "--ground", "5.1.2i"], "needs a motivation"),
    (["brief", "--page", "1", "--ground", "5.1.9z", "--motivation", "x"], "unknown ground"),
    (["brief", "--page", "3", "--ground", "5.1.2e"], "has no page 3"),
    (["brief", "--beoordeling", "niet"], "needs a ground"),
    (["brief", "--beoordeling", "reeds"], "needs the public link"),
    (["brief", "--beoordeling", "reeds", "--link", "ftp://example.org/x"], "http or https"),
    (["brief", "--beoordeling", "misschien"], "unknown beoordeling"),
    (["brief", "--link", LINK], "belongs to reeds openbaar"),
    (["brief", "--release-page", "1"], "is not withheld"),
    (["brief"], "nothing to judge"),
])
def test_wrong_judgements_are_refused(judged: Judged, args: list[str], message: str) -> None:
    with Workspace.open(judged.ws) as ws:
        before = ws.audit_head()
    run = redact("judge", judged.ws, *args)
    assert run.returncode == 2 and message in run.stderr, run.stderr
    with Workspace.open(judged.ws) as ws:
        assert ws.audit_head() == before  # nothing written


def test_unknown_document_is_not_found(judged: Judged) -> None:
    assert redact("judge", judged.ws, "geen-document", "--opgeschort").returncode == 7


def test_release_reapplies_and_a_changed_table_is_caught(tmp_path: Path) -> None:
    ws = scanned(tmp_path)
    out = tmp_path / "out"
    redact("judge", ws, "brief", "--page", "2", "--ground", "5.1.2i", "--motivation",
           "intern beraad", "--reviewer", "bob", check=True)
    redact("apply", ws, "--out", out, "--workers", "1", check=True)
    assert "Versie" not in pdftotext(out / "brief.pdf")
    assert "unchanged" in (again := redact("apply", ws, "--out", out, "--workers", "1",
                                           check=True)).stdout
    assert again.stdout.startswith("applied 0 ")
    redact("judge", ws, "1", "--release-page", "2", "--reviewer", "bob", check=True)
    run = redact("apply", ws, "--out", out, "--workers", "1", check=True)
    assert run.stdout.startswith("applied 1 ")  # the fingerprint holds the withheld pages
    assert "Versie" in pdftotext(out / "brief.pdf")
    with Workspace.open(ws) as w:
        assert any(isinstance(parse(r), ReleasePage) for r in w.audit_records())
    assert redact("verify", out).returncode == 0
    # Public already: the output made before is withdrawn, with its record.
    redact("judge", ws, "brief", "--beoordeling", "reeds", "--link", LINK, check=True)
    redact("apply", ws, "--out", out, "--workers", "1", check=True)
    assert not (out / "brief.pdf").exists()
    with Workspace.open(ws) as w:
        withdrawn = [e for e in map(parse, w.audit_records()) if isinstance(e, Withdraw)]
    assert [(e.document, e.reason) for e in withdrawn] == [(1, "reeds openbaar")]
    assert redact("verify", out).returncode == 0
    # A page withheld in the database without its audit record: refused (exit 5).
    db = sqlite3.connect(ws / "workspace.sqlite")
    db.execute("INSERT INTO withheld_pages VALUES (1, 1, '5.1.2e', '', 'mallory', 'now')")
    db.commit()
    db.close()
    assert redact("audit", ws, "brief").returncode == 5
    assert redact("apply", ws, "--out", out, "--workers", "1").returncode == 5


def test_review_page_sets_judgements(tmp_path: Path) -> None:
    ws = scanned(tmp_path)
    client = TestClient(create_app(ws, "carla"), base_url="http://127.0.0.1:8765")
    page = client.get("/documents/1").text
    assert "Beoordeling van het document" in page and 'id="page-form"' in page
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    url = "/api/documents/1/judgement"
    assert client.post(url, json={"suspended": True}).status_code == 403  # no CSRF token
    refused = client.post(url, json={"page": 1, "ground": "5.1.2h"},
                          headers={"X-CSRF-Token": token})
    assert refused.status_code == 400 and "motivering" in refused.json()["message"]
    done = client.post(url, json={"page": 2, "ground": "5.1.2e", "suspended": True},
                       headers={"X-CSRF-Token": token})
    assert done.status_code == 200, done.text
    assert done.json()["withheld_pages"] == {"2": "5.1.2e"}
    assert done.json()["judgement"]["suspended"] is True
    assert client.post("/api/documents/99/judgement", json={"suspended": True},
                       headers={"X-CSRF-Token": token}).status_code == 404
    client.close()
    with Workspace.open(ws) as w:
        assert list(w.withheld_pages(1)) == [2]
        judged = [e for e in map(parse, w.audit_records()) if isinstance(e, (Judge, WithholdPage))]
    assert {type(e).__name__ for e in judged} == {"Judge", "WithholdPage"}
    assert all(e.method == "review" and e.reviewer == "carla" for e in judged)
    assert redact("audit", ws).returncode == 0


@pytest.mark.parametrize("body, dutch, english", [
    ({"page": 1, "ground": "5.1.2h"}, "Grond 5.1.2h vraagt een motivering",
     "Ground 5.1.2h needs a motivation"),
    ({"judgement": "niet"}, "heeft een grond nodig", "needs a ground"),
    ({"judgement": "reeds"}, "Bij reeds openbaar hoort het adres",
     "needs the address where it is public"),
    ({"public_link": LINK}, "hoort alleen bij een document dat reeds openbaar is",
     "belongs to an already public document only"),
    ({"release_page": 1}, "Pagina 1 staat niet bij de niet openbare pagina's",
     "Page 1 is not withheld"),
    ({"page": 3, "ground": "5.1.2e"}, "heeft geen pagina 3", "has no page 3"),
    ({}, "Niets om op te slaan", "Nothing to save"),
], ids=["motivation", "ground", "link", "link-not-reeds", "not-withheld", "no-page", "nothing"])
def test_review_page_refuses_in_the_forms_words_and_language(
        judged: Judged, body: dict[str, object], dutch: str, english: str) -> None:
    """The judgement form's refusals are the reviewer's language and name no command-line
    option (the command line keeps its own English, tested above)."""
    client = TestClient(create_app(judged.ws, "carla"), base_url="http://127.0.0.1:8765")
    page = client.get("/documents/1").text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    with Workspace.open(judged.ws) as ws:
        before = ws.audit_head()
    for language, words in (("nl", dutch), ("en", english)):
        client.cookies.set("redact_language", language)
        refused = client.post("/api/documents/1/judgement", json=body,
                              headers={"X-CSRF-Token": token})
        message = refused.json()["message"]
        assert refused.status_code == 400 and words in message, message
        assert "--" not in message
    client.close()
    with Workspace.open(judged.ws) as ws:
        assert ws.audit_head() == before  # nothing written


def test_every_refusal_has_the_forms_words() -> None:
    source = Path(judge_module.__file__).read_text("utf-8")
    kinds = set(re.findall(r'Refused\(\s*"(\w+)"', source))
    assert kinds and kinds <= set(JUDGE_REFUSALS), kinds - set(JUDGE_REFUSALS)


def test_version_3_workspace_upgrades(tmp_path: Path) -> None:
    """A workspace of schema 3 (without the new tables and column), with a document withheld
    the old way (a ``withhold`` record), opens, upgrades to 4 and keeps its trail."""
    ws = scanned(tmp_path)
    notitie = doc_ids(ws)["notitie"]
    with Workspace.open(ws) as w, w.transaction():
        w.set_withheld(notitie, True)
        w.audit(Withhold(notitie, ("5.1.2i",), "intern beraad"))
    db = sqlite3.connect(ws / "workspace.sqlite")
    db.executescript("DROP TABLE judgements; DROP TABLE withheld_pages; "
                     "DROP TABLE users; DROP TABLE document_reviews; DROP TABLE comments; "
                     "ALTER TABLE proposals DROP COLUMN motivation; "
                     "UPDATE meta SET value='3' WHERE key='schema_version';")
    db.close()
    assert redact("audit", ws).returncode == 0
    with Workspace.open(ws) as w:
        assert w.meta("schema_version") == str(SCHEMA_VERSION) == "5"
        assert w.db.execute("SELECT count(*) FROM users").fetchone()[0] == 0
        assert w.judgement(notitie) is None and w.document(notitie).withheld
    redact("judge", ws, "brief", "--page", "2", "--ground", "5.1.2e", "--reviewer", "anna",
           check=True)
    out = tmp_path / "out"
    redact("apply", ws, "--out", out, "--workers", "1", check=True)
    assert not (out / "notitie.pdf").exists()
    row = inventory(out)[str(notitie)]
    assert row["Beoordeling"] == "niet openbaar" and row["Toelichting"] == "intern beraad"
    assert redact("verify", out).returncode == 0
