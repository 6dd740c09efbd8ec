"""The review application's API: decisions, conflicts and the security rules.

The workspace is built directly (documents, pages and proposals as the scan stores them) so
that every case knows exactly which proposals exist; the browser test drives the same data.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import httpx
import pymupdf
import pytest
import uvicorn

from redact.events import Scan
from redact.review.app import create_app, uvicorn_config
from redact.review.export import export
from redact.review.security import Guard, host_name
from redact.review.views import mention_key, redacted, segments
from redact.stages.extract import page_chars, page_text, span_rects
from redact.workspace import Workspace
from tests.conftest import make_pdf, sha256

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 behind its test client; httpx (our dev dependency) works.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8765"

BRIEF = [
    "Aan de heer Jan Jansen\n"
    "Kerkstraat 12, 1234 AB Utrecht\n"
    "Geachte heer Jansen,\n"
    "Uw burgerservicenummer is 123456782.\n"
    "U bent bereikbaar op 06-12345678 en via jan.jansen@example.nl.\n"
    "Het zaaknummer is Z/23/012345.",
    "Bijlage bij het besluit\n"
    "Jansen belde op 14 april 2024 over de aanvraag.",
]
NOTITIE = ["Notitie voor het dossier\nDe heer Jansen heeft gebeld, zie p.devries@example.nl."]

# (document, page, text, entity, ground, recogniser, pattern, context, score)
PLANTED = [
    ("brief", 1, "Jan Jansen", "PERSON", "5.1.2e", "NlPersonRecognizer", "first names + surnames",
     ["heer"], 0.85),
    ("brief", 1, "Jansen", "PERSON", "5.1.2e", "NlPersonRecognizer", "surnames", ["geachte"], 0.7),
    ("brief", 1, "123456782", "NL_BSN", "5.1.1e", "NlBsnRecognizer", "bsn_9_digits",
     ["burgerservicenummer"], 1.0),
    ("brief", 1, "06-12345678", "PHONE_NUMBER", "5.1.2e", "NlPhoneRecognizer", "mobile", [], 0.75),
    ("brief", 1, "jan.jansen@example.nl", "EMAIL_ADDRESS", "5.1.2e", "EmailRecognizer", "email",
     [], 1.0),
    ("brief", 2, "Jansen", "PERSON", "5.1.2e", "NlPersonRecognizer", "surnames", [], 0.6),
    ("notitie", 1, "Jansen", "PERSON", "5.1.2e", "NlPersonRecognizer", "surnames", ["heer"], 0.7),
    ("notitie", 1, "p.devries@example.nl", "EMAIL_ADDRESS", "5.1.2e", "EmailRecognizer", "email",
     [], 1.0),
]
SECRETS = sorted({p[2] for p in PLANTED} | {"Kerkstraat 12", "14 april 2024"})


@dataclass
class Batch:
    root: Path
    docs: dict[str, int]  # name stem -> document id
    proposals: dict[tuple[str, int, str], int]  # (stem, page, text) -> proposal id (first)


def build_review_workspace(root: Path, inbox: Path) -> Batch:
    """A workspace as ``redact scan`` leaves it, with known proposals on two documents."""
    docs: dict[str, int] = {}
    ids: dict[tuple[str, int, str], int] = {}
    ws = Workspace.open(root, create=True)
    try:
        for stem, pages in (("brief", BRIEF), ("notitie", NOTITIE)):
            source = make_pdf(inbox / f"{stem}.pdf", pages)
            digest = sha256(source)
            stored = ws.store_original(source, digest)
            with ws.transaction(), pymupdf.open(stored) as pdf:
                doc_id = ws.insert_document(
                    name=f"{stem}.pdf", sha256=digest, source_path=str(source),
                    stored_path=str(stored), size=source.stat().st_size,
                    page_count=pdf.page_count, status="scanned")
                docs[stem] = doc_id
                for number, page in enumerate(pdf, start=1):
                    text = page_text(page)
                    ws.insert_page(doc_id, number, text, page.rect.width, page.rect.height)
                    _, boxes = page_chars(page)
                    taken: list[tuple[int, int]] = []
                    for d, n, value, entity, ground, rec, pattern, context, score in PLANTED:
                        if d != stem or n != number:
                            continue
                        # the first whole-word occurrence not inside an earlier planted span
                        start = next(
                            m.start() for m in re.finditer(rf"\b{re.escape(value)}\b", text)
                            if not any(a < m.end() and m.start() < b for a, b in taken))
                        taken.append((start, start + len(value)))
                        pid = ws.insert_proposal(
                            document_id=doc_id, page=number, start=start,
                            end=start + len(value), entity=entity, text=value, score=score,
                            ground=ground, recognizer=rec,
                            explanation={"recognizer": rec, "pattern": pattern,
                                         "context": context, "validation": None,
                                         "text": f"{entity} found by {rec}"},
                            rects=span_rects(boxes, start, start + len(value)))
                        ids.setdefault((stem, number, value), pid)
                ws.audit(Scan(doc_id, f"{stem}.pdf"))
    finally:
        ws.close()
    return Batch(root, docs, ids)


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    return build_review_workspace(tmp_path / "ws", tmp_path / "inbox")


def client_for(batch: Batch, reviewer: str = "alice", guard: Guard | None = None,
               base_url: str = BASE) -> TestClient:
    app = create_app(batch.root, reviewer, guard=guard)
    return TestClient(app, base_url=base_url)


def csrf(client: TestClient) -> str:
    html = client.get("/").text
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "the page carries its CSRF token"
    return match.group(1)


def post(client: TestClient, url: str, body: dict, token: str | None = None, **headers: str
         ) -> httpx.Response:
    hdrs = {"X-CSRF-Token": token if token is not None else csrf(client), **headers}
    return client.post(url, json=body, headers=hdrs)


def row(batch: Batch, pid: int) -> sqlite3.Row:
    db = sqlite3.connect(batch.root / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM proposals WHERE id=?", (pid,)).fetchone()
    finally:
        db.close()


def audit_records(batch: Batch) -> list[dict]:
    return [json.loads(line) for line in (batch.root / "audit.jsonl").read_text().splitlines()]


# -- the text diff, as tables ---------------------------------------------------------------


@pytest.mark.parametrize("spans, expected", [
    ([], [(0, "Bel Jan op 06", ())]),
    ([(1, 4, 7)], [(0, "Bel ", ()), (4, "Jan", (1,)), (7, " op 06", ())]),
    ([(1, 4, 7), (2, 11, 13)], [(0, "Bel ", ()), (4, "Jan", (1,)), (7, " op ", ()),
                                (11, "06", (2,))]),
    ([(1, 0, 7), (2, 4, 13)], [(0, "Bel ", (1,)), (4, "Jan", (1, 2)), (7, " op 06", (2,))]),
    ([(1, 4, 99)], [(0, "Bel ", ()), (4, "Jan op 06", (1,))]),  # clipped to the text
    ([(1, 5, 5)], [(0, "Bel Jan op 06", ())]),  # empty spans (a box with no text) mark nothing
])
def test_segments(spans: list[tuple[int, int, int]], expected: list[tuple]) -> None:
    got = segments("Bel Jan op 06", spans)
    assert [(g.start, g.text, g.ids) for g in got] == expected
    assert "".join(g.text for g in got) == "Bel Jan op 06"


@pytest.mark.parametrize("accepted, expected", [
    ([], "Bel Jan op 06"),
    ([(4, 7, "5.1.2e")], "Bel [5.1.2e] op 06"),
    ([(4, 7, "5.1.2e"), (11, 13, "5.1.2e")], "Bel [5.1.2e] op [5.1.2e]"),
    ([(4, 9, "5.1.2e"), (7, 13, "5.1.1e")], "Bel [5.1.1e; 5.1.2e]"),  # overlapping: one box
    ([(0, 13, "5.1.2e")], "[5.1.2e]"),
])
def test_redacted_text(accepted: list[tuple[int, int, str]], expected: str) -> None:
    assert "".join(p.text for p in redacted("Bel Jan op 06", accepted)) == expected


@pytest.mark.parametrize("a, b, same", [
    ("Jansen", "jansen", True),
    ("Jan  Jansen", "Jan\nJansen", True),
    ("Jansen", "Janssen", False),
])
def test_mention_key(a: str, b: str, same: bool) -> None:
    assert (mention_key(a) == mention_key(b)) is same


@pytest.mark.parametrize("header, host", [
    ("127.0.0.1:8765", "127.0.0.1"), ("localhost", "localhost"), ("[::1]:8765", "[::1]"),
    ("Evil.Example:80", "evil.example"),
])
def test_host_name(header: str, host: str) -> None:
    assert host_name(header) == host


# -- pages -------------------------------------------------------------------------------------


def test_overview_and_document_pages(batch: Batch) -> None:
    with client_for(batch) as client:
        overview = client.get("/")
        assert overview.status_code == 200
        assert "brief.pdf" in overview.text and "notitie.pdf" in overview.text
        assert 'lang="nl"' in overview.text and "niet beoordeeld" in overview.text  # Dutch first
        assert "0 van 8 voorstellen beoordeeld" in overview.text
        page = client.get(f"/documents/{batch.docs['brief']}")
        assert page.status_code == 200
        for value in ("123456782", "NlBsnRecognizer", "bsn_9_digits", "burgerservicenummer",
                      "5.1.1e", '"mentions": 3'):  # the first page's data, as JSON
            assert value in page.text
        png = client.get(f"/documents/{batch.docs['brief']}/pages/2.png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        assert png.content.startswith(b"\x89PNG")
        assert client.get(f"/documents/{batch.docs['brief']}/pages/3.png").status_code == 404
        assert client.get("/documents/999").status_code == 404
        # nothing from outside the machine
        assert not re.search(r'(src|href)="(https?:)?//', page.text + overview.text)
        assert page.headers["cache-control"] == "no-store"
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert client.get("/docs").status_code == 404 and client.get("/openapi.json").status_code == 404


# -- decisions -----------------------------------------------------------------------------------


def test_decide_is_stored_and_audited_without_personal_data(batch: Batch) -> None:
    pid = batch.proposals[("brief", 1, "123456782")]
    with client_for(batch) as client:
        r = post(client, f"/api/proposals/{pid}/decide", {"decision": "accepted", "version": 0})
        assert r.status_code == 200, r.text
        assert r.json()["changed"][0]["status"] == "accepted"
        assert r.json()["undo"] == [{"id": pid, "version": 1, "status": "pending",
                                     "ground": "5.1.1e"}]
    stored = row(batch, pid)
    assert (stored["status"], stored["decided_by"], stored["version"]) == ("accepted", "alice", 1)
    record = audit_records(batch)[-1]
    assert record["event"] == "decision"
    assert record["data"]["proposals"] == [pid] and record["data"]["reviewer"] == "alice"
    assert record["data"]["method"] == "review" and record["data"]["decision"] == "accepted"
    trail = (batch.root / "audit.jsonl").read_text()
    for secret in SECRETS:
        assert secret not in trail


def test_mentions_ground_entity_and_undo(batch: Batch) -> None:
    jansen = batch.proposals[("brief", 1, "Jansen")]
    email = batch.proposals[("brief", 1, "jan.jansen@example.nl")]
    with client_for(batch) as client:
        token = csrf(client)
        r = post(client, f"/api/proposals/{jansen}/mentions",
                 {"decision": "accepted", "version": 0}, token)
        assert r.status_code == 200 and r.json()["message"] == "3 gelakt"
        changed = {c["id"] for c in r.json()["changed"]}
        assert len(changed) == 3 and {c["document"] for c in r.json()["changed"]} == set(
            batch.docs.values())
        undo = r.json()["undo"]

        r = post(client, f"/api/proposals/{email}/ground", {"ground": "5.1.2h", "version": 0},
                 token)  # a ground other than 5.1.1e/5.1.2e needs a motivation
        assert r.status_code == 400 and "vraagt een motivering" in r.json()["message"]
        r = post(client, f"/api/proposals/{email}/ground",
                 {"ground": "5.1.2h", "version": 0, "motivation": "Beveiliging van de dienst."},
                 token)
        assert r.status_code == 200
        assert (row(batch, email)["ground"], row(batch, email)["status"]) == ("5.1.2h", "pending")

        r = post(client, f"/api/documents/{batch.docs['brief']}/entity",
                 {"entity": "EMAIL_ADDRESS", "decision": "accepted"}, token)
        assert r.status_code == 200 and r.json()["message"] == "1 gelakt"
        assert row(batch, email)["status"] == "accepted"

        r = post(client, "/api/revert", {"items": undo}, token)
        assert r.status_code == 200, r.text
        assert all(row(batch, i)["status"] == "pending" for i in changed)
        assert post(client, f"/api/proposals/{jansen}/decide",
                    {"decision": "maybe", "version": 9}, token).status_code == 400


def test_mentions_leave_other_reviewers_decisions(batch: Batch) -> None:
    first = batch.proposals[("brief", 1, "Jansen")]
    other = batch.proposals[("notitie", 1, "Jansen")]
    with client_for(batch, "bob") as bob:
        assert post(bob, f"/api/proposals/{other}/decide",
                    {"decision": "rejected", "version": 0}).status_code == 200
    with client_for(batch, "alice") as alice:
        r = post(alice, f"/api/proposals/{first}/mentions", {"decision": "accepted", "version": 0})
        assert r.status_code == 200
        assert "1 vermelding die een andere beoordelaar anders besliste" in r.json()["message"]
    assert row(batch, other)["status"] == "rejected" and row(batch, other)["decided_by"] == "bob"


def test_manual_redaction_by_text_offsets_and_by_box(batch: Batch) -> None:
    doc = batch.docs["brief"]
    db = sqlite3.connect(batch.root / "workspace.sqlite")
    text = db.execute("SELECT text FROM pages WHERE document_id=? AND page=1", (doc,)).fetchone()[0]
    db.close()
    start = text.index("Kerkstraat 12")
    with client_for(batch) as client:
        token = csrf(client)
        r = post(client, f"/api/documents/{doc}/manual",
                 {"page": 1, "start": start, "end": start + 13, "entity": "NL_ADDRESS"}, token)
        assert r.status_code == 200, r.text
        created = r.json()["created"]
        stored = row(batch, created)
        assert (stored["text"], stored["origin"], stored["status"], stored["ground"]) == (
            "Kerkstraat 12", "manual", "accepted", "5.1.2e")
        (x0, y0, x1, y1), = json.loads(stored["rects"])
        assert 70 < x0 < x1 < 160 and y1 - y0 < 20

        # a box drawn over "14 april 2024" on page 2 (second line, baseline 72 + 1.5 * 10.5)
        left = 72 + pymupdf.get_text_length("Jansen belde op ", "helv", 10.5)
        right = left + pymupdf.get_text_length("14 april 2024", "helv", 10.5)
        baseline = 72 + 15.75
        r = post(client, f"/api/documents/{doc}/manual",
                 {"page": 2, "rect": [left - 1, baseline - 9, right + 1, baseline + 2],
                  "entity": "DATE_OF_BIRTH", "ground": "5.1.2e"}, token)
        assert r.status_code == 200, r.text
        boxed = row(batch, r.json()["created"])
        assert (boxed["text"], boxed["status"], boxed["origin"]) == (
            "14 april 2024", "accepted", "manual")

        bad = post(client, f"/api/documents/{doc}/manual",
                   {"page": 1, "start": 0, "end": 99999, "entity": "PERSON"}, token)
        assert bad.status_code == 400
        assert post(client, f"/api/documents/{doc}/manual",
                    {"page": 7, "start": 0, "end": 3, "entity": "PERSON"}, token).status_code == 404
    records = [r for r in audit_records(batch) if r["event"] == "manual_proposal"]
    assert [r["data"]["how"] for r in records] == ["text selection", "drawn box"]


# -- conflicts -----------------------------------------------------------------------------------


def test_two_reviewers_conflict_is_409_and_nothing_is_overwritten(batch: Batch) -> None:
    pid = batch.proposals[("brief", 1, "06-12345678")]
    with client_for(batch, "alice") as alice, client_for(batch, "bob") as bob:
        a_token, b_token = csrf(alice), csrf(bob)  # both loaded the page: version 0
        r = post(alice, f"/api/proposals/{pid}/decide", {"decision": "accepted", "version": 0},
                 a_token)
        assert r.status_code == 200
        r = post(bob, f"/api/proposals/{pid}/decide", {"decision": "rejected", "version": 0},
                 b_token)
        assert r.status_code == 409
        assert r.json()["error"] == "conflict"
        assert "door een andere beoordelaar gewijzigd" in r.json()["message"]
        assert "alice" in r.json()["message"]
        assert r.json()["changed"][0]["status"] == "accepted"
        # an undo built on a stale version is refused too
        r = post(bob, "/api/revert", {"items": [{"id": pid, "version": 0, "status": "pending",
                                                 "ground": "5.1.2e"}]}, b_token)
        assert r.status_code == 409
    stored = row(batch, pid)
    assert (stored["status"], stored["decided_by"]) == ("accepted", "alice")
    decisions = [r for r in audit_records(batch) if r["event"] == "decision"]
    assert len(decisions) == 1


# -- security ------------------------------------------------------------------------------------


def test_token_required_off_loopback(batch: Batch) -> None:
    guard = Guard.for_host("0.0.0.0")
    assert guard.access_token
    pid = batch.proposals[("brief", 1, "123456782")]
    with client_for(batch, guard=guard, base_url="http://192.0.2.10:8765") as client:
        assert client.get("/").status_code == 401
        assert client.get(f"/documents/{batch.docs['brief']}/pages/1.png").status_code == 401
        assert client.get("/static/review.css").status_code == 401
        assert client.get("/?token=wrong").status_code == 401
        assert client.post(f"/api/proposals/{pid}/decide", json={"decision": "accepted",
                           "version": 0}).status_code == 401
        r = client.get(f"/?token={guard.access_token}&pending=1", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/?pending=1"
        assert "httponly" in r.headers["set-cookie"].lower()
        assert "samesite=strict" in r.headers["set-cookie"].lower()
        assert client.get("/").status_code == 200  # the cookie now carries the token
        r = post(client, f"/api/proposals/{pid}/decide", {"decision": "accepted", "version": 0},
                 guard.csrf_token)
        assert r.status_code == 200
    with client_for(batch, guard=guard, base_url="http://192.0.2.10:8765") as client:
        bearer = {"Authorization": f"Bearer {guard.access_token}"}
        assert client.get("/", headers=bearer).status_code == 200


def test_loopback_refuses_foreign_host_header(batch: Batch) -> None:
    with client_for(batch, base_url="http://evil.example:8765") as client:
        assert client.get("/").status_code == 400  # DNS rebinding
    with client_for(batch, base_url="http://localhost:8765") as client:
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("headers, expected", [
    ({}, 200),
    ({"Origin": BASE}, 200),
    ({"Sec-Fetch-Site": "same-origin", "Origin": BASE}, 200),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({"Origin": "http://127.0.0.1:9999"}, 403),
    ({"Sec-Fetch-Site": "cross-site"}, 403),
    ({"Sec-Fetch-Site": "same-site"}, 403),
    ({"X-CSRF-Token": ""}, 403),
    ({"X-CSRF-Token": "forged"}, 403),
])
def test_cross_site_state_changes_are_refused(
    batch: Batch, headers: dict[str, str], expected: int
) -> None:
    pid = batch.proposals[("brief", 1, "123456782")]
    with client_for(batch) as client:
        token = headers.pop("X-CSRF-Token", csrf(client))
        r = client.post(f"/api/proposals/{pid}/decide", json={"decision": "accepted", "version": 0},
                        headers={"X-CSRF-Token": token, **headers})
        assert r.status_code == expected, r.text
    assert row(batch, pid)["status"] == ("accepted" if expected == 200 else "pending")


def test_cross_site_embedding_of_page_images_is_refused(batch: Batch) -> None:
    url = f"/documents/{batch.docs['brief']}/pages/1.png"
    with client_for(batch) as client:
        r = client.get(url, headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"})
        assert r.status_code == 403
        r = client.get("/", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
        assert r.status_code == 200  # following a link to the overview is fine


@pytest.mark.parametrize("url", [
    "/static/../workspace.sqlite",
    "/static/%2e%2e/workspace.sqlite",
    "/static/..%2fworkspace.sqlite",
    "/static/%2e%2e%2f%2e%2e%2fetc/passwd",
    "/documents/1/pages/..%2f..%2fworkspace.sqlite",
    "/documents/..%2fworkspace.sqlite",
    "/documents/1/pages/1.png/../../../audit.jsonl",
    "/originals/",
    "/workspace.sqlite",
])
def test_no_path_traversal(batch: Batch, url: str) -> None:
    with client_for(batch) as client:
        r = client.get(url)
        assert r.status_code in (404, 422), (url, r.status_code)
        assert b"SQLite" not in r.content and b"root:" not in r.content


def test_files_only_from_inside_the_workspace(batch: Batch, tmp_path: Path) -> None:
    outside = make_pdf(tmp_path / "elsewhere.pdf", ["Geheim"])
    db = sqlite3.connect(batch.root / "workspace.sqlite")
    db.execute("UPDATE documents SET stored_path=? WHERE id=?", (str(outside), batch.docs["notitie"]))
    db.commit()
    db.close()
    with client_for(batch) as client:
        assert client.get(f"/documents/{batch.docs['notitie']}/pages/1.png").status_code == 404


def test_server_log_holds_no_personal_data_or_paths(batch: Batch, caplog: pytest.LogCaptureFixture
                                                    ) -> None:
    app = create_app(batch.root, "alice")
    config = uvicorn_config(app, "127.0.0.1", 0)
    assert config.access_log is False
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    caplog.set_level(logging.DEBUG)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base) as client:
            html = client.get(f"/documents/{batch.docs['brief']}").text
            token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]
            pid = batch.proposals[("brief", 1, "Jansen")]
            r = client.post(f"/api/proposals/{pid}/mentions",
                            json={"decision": "accepted", "version": 0},
                            headers={"X-CSRF-Token": token})
            assert r.status_code == 200
            client.get(f"/documents/{batch.docs['brief']}/pages/1.png")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    server_side = ("uvicorn", "redact", "fastapi", "starlette")
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(server_side))
    assert "alice: 3 accepted" in logged
    for secret in SECRETS:
        assert secret not in logged
    assert "/documents/" not in logged and "/api/" not in logged


# -- export --------------------------------------------------------------------------------------


def test_export_is_self_contained_and_read_only(batch: Batch, tmp_path: Path) -> None:
    pid = batch.proposals[("brief", 1, "123456782")]
    with client_for(batch) as client:
        assert post(client, f"/api/proposals/{pid}/decide",
                    {"decision": "accepted", "version": 0}).status_code == 200
    out = tmp_path / "export"
    written = export(batch.root, out, reviewer="alice")
    assert sorted(p.relative_to(out).as_posix() for p in written) == [
        "brief.html", "index.html", "notitie.html"]
    html = (out / "brief.html").read_text()
    assert "<script" not in html and "<button" not in html and "<select" not in html
    assert not re.search(r'(src|href)="(?!data:|#)[^"]', html)
    assert html.count("data:image/png;base64,") == 2
    assert '<span class="rbox">[5.1.1e]</span>' in html
    assert 'href="./brief.html"' in (out / "index.html").read_text()
    assert audit_records(batch)[-1]["event"] == "export"


def test_long_documents_are_loaded_a_page_at_a_time(batch: Batch, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "inbox" / "lang.pdf", [f"Pagina {n}" for n in range(1, 46)])
    ws = Workspace.open(batch.root)
    try:
        stored = ws.store_original(source, sha256(source))
        with ws.transaction(), pymupdf.open(stored) as pdf:
            doc = ws.insert_document(
                name="lang.pdf", sha256=sha256(source), source_path=str(source),
                stored_path=str(stored), size=source.stat().st_size, page_count=45,
                status="scanned")
            for number, page in enumerate(pdf, start=1):
                ws.insert_page(doc, number, page_text(page), page.rect.width, page.rect.height)
    finally:
        ws.close()
    with client_for(batch) as client:
        # The document page holds a thumbnail per page (its image loaded later) and the text of
        # one page only; each page comes as JSON when it is shown.
        def first_page(html: str) -> dict[str, object]:
            block = re.search(r'<script type="application/json" id="first-page">(.*?)</script>',
                              html, re.S)
            assert block, "the document page carries its first page"
            return dict(json.loads(block.group(1)))

        first = client.get(f"/documents/{doc}").text
        state = re.search(r'<script type="application/json" id="state">(.*?)</script>', first)
        assert state and len(json.loads(state.group(1))["pages"]) == 45  # a thumbnail each
        assert first_page(first)["page"] == 1 and '"text": "Pagina 2' not in first
        last = first_page(client.get(f"/documents/{doc}?page=45").text)
        assert last["page"] == 45 and str(last["text"]).strip() == "Pagina 45"
        assert client.get(f"/documents/{doc}?page=99").status_code == 200  # clamped
        data = client.get(f"/api/documents/{doc}/pages/45").json()
        assert data["page"] == 45 and data["text"].strip() == "Pagina 45"
        assert client.get(f"/api/documents/{doc}/pages/46").status_code == 404
        assert client.get(f"/documents/{doc}/pages/45.png").status_code == 200
        sizes = {size: len(client.get(f"/documents/{doc}/pages/45.png?size={size}").content)
                 for size in ("thumb", "page", "large")}
        assert sizes["thumb"] < sizes["page"] < sizes["large"]
        assert client.get(f"/documents/{doc}/pages/45.png?size=huge").status_code == 422


def test_page_text_is_escaped(batch: Batch) -> None:
    payload = '<img src=x onerror="alert(1)"></pre><script>alert(2)</script>'
    db = sqlite3.connect(batch.root / "workspace.sqlite")
    db.execute("UPDATE pages SET text=? WHERE document_id=?", (payload, batch.docs["notitie"]))
    db.execute("UPDATE proposals SET text=? WHERE document_id=?", (payload, batch.docs["notitie"]))
    db.commit()
    db.close()
    with client_for(batch) as client:
        html = client.get(f"/documents/{batch.docs['notitie']}").text
        data = client.get(f"/api/documents/{batch.docs['notitie']}/pages/1").json()
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "\\u003cimg src=x" in html  # inside the page's JSON block, which the script reads
    assert data["text"] == payload  # as text: the script puts it into the page as text only
