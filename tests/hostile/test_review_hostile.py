"""The review server and its export against hostile names, ids and pages (issue 13).

Before: a file named ``javascript:alert(1).pdf`` became a script link in the export (which had
no CSP); an id of 2**63 gave a 500 with a traceback; ``//host/?token=`` redirected to another
host; a 20000 pt page gave a 500 and stopped the export half-way; and bound beyond loopback the
token and personal data crossed the network in clear.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sqlite3
from pathlib import Path

import pymupdf
import pytest

from redact.review.export import export
from redact.review.security import Guard
from tests.conftest import LETTER, make_pdf, redact
from tests.test_review_api import Batch, build_review_workspace, client_for, post

BIG = 2**63
HUGE = 2**64 + 1


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    return build_review_workspace(tmp_path / "ws", tmp_path / "inbox")


def test_a_hostile_file_name_is_a_link_to_a_file_and_the_export_has_the_apps_csp(
    tmp_path: Path,
) -> None:
    inbox, ws, out = tmp_path / "inbox", tmp_path / "ws", tmp_path / "export"
    make_pdf(inbox / "javascript:alert(1).pdf", [LETTER])
    make_pdf(inbox / "brief.pdf", [LETTER])
    redact("scan", inbox, "--workspace", ws, "--executor", "serial", check=True)
    redact("review", ws, "--export", out, check=True)
    index = (out / "index.html").read_text()
    hrefs = re.findall(r'href="([^"]*)"', index)
    assert "./javascript%3Aalert%281%29.html" in hrefs
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:text", "//"))]
    assert (out / "javascript:alert(1).html").is_file()  # the link leads to the file itself
    css = (Path("redact/review/static/review.css")).read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    for page in out.glob("*.html"):
        html = page.read_text()
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, page.name
        policy = match.group(1).replace("&#39;", "'")
        assert "default-src 'none'" in policy and "script-src 'none'" in policy
        assert f"style-src 'sha256-{digest}'" in policy and "base-uri 'none'" in policy
        assert html.index("Content-Security-Policy") < html.index("<style>")


def test_ids_beyond_what_sqlite_stores_are_refused_with_4xx(batch: Batch) -> None:
    doc, pid = batch.docs["brief"], batch.proposals[("brief", 1, "123456782")]
    with client_for(batch) as client:
        gets = [f"/documents/{BIG}", f"/documents/{HUGE}", f"/documents/{doc}/pages/{BIG}.png",
                f"/documents/{BIG}/pages/1.png", f"/documents/{doc}?page={BIG}",
                f"/documents/-{BIG}"]
        for url in gets:
            status = client.get(url).status_code
            assert 400 <= status < 500, (url, status)
        posts = [
            (f"/api/proposals/{BIG}/decide", {"decision": "accepted", "version": 0}),
            (f"/api/proposals/{pid}/decide", {"decision": "accepted", "version": BIG}),
            (f"/api/proposals/{pid}/ground", {"ground": "5.1.2e", "version": HUGE}),
            (f"/api/proposals/{BIG}/mentions", {"decision": "accepted", "version": 0}),
            (f"/api/documents/{BIG}/entity", {"entity": "PERSON"}),
            (f"/api/documents/{doc}/manual", {"page": BIG, "entity": "PERSON", "start": 0,
                                              "end": 3}),
            (f"/api/documents/{doc}/manual", {"page": 1, "entity": "PERSON", "start": BIG,
                                              "end": BIG + 1}),
            (f"/api/documents/{doc}/manual", {"page": 1, "entity": "PERSON",
                                              "rect": [0, 0, 1e308, 1e308, 5]}),
            ("/api/revert", {"items": [{"id": BIG, "version": 0, "status": "pending",
                                        "ground": "5.1.2e"}]}),
            ("/api/revert", {"items": [{"id": pid, "version": BIG, "status": "pending",
                                        "ground": "5.1.2e"}]}),
        ]
        for url, body in posts:
            status = post(client, url, body).status_code
            assert 400 <= status < 500, (url, body, status)


@pytest.mark.parametrize("path", ["//evil.example/", "///evil.example/x", "/\\evil.example/"])
def test_the_token_redirect_stays_on_this_server(batch: Batch, path: str) -> None:
    guard = Guard.for_host("0.0.0.0")
    with client_for(batch, guard=guard, base_url="http://192.0.2.10:8765") as client:
        r = client.get(f"http://192.0.2.10:8765{path}?token={guard.access_token}&x=1",
                       follow_redirects=False)
        assert r.status_code == 303
        location = r.headers["location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location


def _giant_page(batch: Batch, tmp_path: Path) -> int:
    """Make the document ``notitie`` a single page of 20000 x 20000 points."""
    pdf = pymupdf.open()
    page = pdf.new_page(width=20000, height=20000)
    page.insert_text((72, 72), "Een heel grote pagina.", fontsize=11)
    target = batch.root / "originals" / "giant.pdf"
    pdf.save(target)
    pdf.close()
    db = sqlite3.connect(batch.root / "workspace.sqlite")
    db.execute("UPDATE documents SET stored_path=? WHERE id=?", (str(target),
                                                                 batch.docs["notitie"]))
    db.commit()
    db.close()
    return batch.docs["notitie"]


def test_a_page_that_cannot_be_drawn_is_a_4xx_and_the_export_goes_on(
    batch: Batch, tmp_path: Path
) -> None:
    doc = _giant_page(batch, tmp_path)
    with client_for(batch) as client:
        r = client.get(f"/documents/{doc}/pages/1.png")
        assert r.status_code == 422 and "Traceback" not in r.text
        assert client.get(f"/documents/{batch.docs['brief']}/pages/1.png").status_code == 200
    out = tmp_path / "export"
    written = export(batch.root, out, reviewer="alice")
    assert sorted(p.name for p in written) == ["brief.html", "index.html", "notitie.html"]
    assert any(f"document {doc} page 1" in note for note in written.skipped)
    assert "paginabeeld niet gemaakt" in (out / "notitie.html").read_text()  # Dutch by default
    assert (out / "brief.html").read_text().count("data:image/png;base64,") == 2


def test_no_decision_is_written_to_a_broken_trail(batch: Batch, tmp_path: Path) -> None:
    trail = batch.root / "audit.jsonl"
    lines = trail.read_text().splitlines()
    trail.write_text("".join(line + "\n" for line in lines[1:]))  # the first record removed
    before = trail.read_bytes()
    pid = batch.proposals[("brief", 1, "123456782")]
    with client_for(batch) as client:
        r = post(client, f"/api/proposals/{pid}/decide", {"decision": "accepted", "version": 0})
        assert r.status_code == 503 and "line 1" in r.json()["message"]
    assert trail.read_bytes() == before
    run = redact("review", batch.root, "--export", tmp_path / "export")
    assert run.returncode == 5 and "--repair" in run.stderr
    assert not (tmp_path / "export").exists()
