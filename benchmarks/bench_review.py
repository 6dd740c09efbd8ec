"""The review page on a big document: one PDF of 500 pages with about 5,000 proposals.

The workspace is made by the real ``redact scan`` of a generated minutes document (invented
people from Faker's Dutch names, each with an e-mail address and a mobile number), then the
review application answers through FastAPI's TestClient (in process: no network, no browser).
Timed: the batch overview, the document page's first response (the shell: thumbnails, the
proposal index and the first page), one page's proposals as JSON, one page image (each round
another page, so none comes from the cache) and its thumbnail, and one decision (written to the
workspace and the audit trail before the answer).
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from faker import Faker

from benchmarks.conftest import REPO, record
from redact.review.app import create_app
from redact.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # Starlette's test client asks for httpx2
    from fastapi.testclient import TestClient

PAGES = 500
BASE = "http://127.0.0.1:8765"  # the guard answers only to the loopback


def minutes(path: Path, pages: int = PAGES) -> Path:
    """Minutes of a meeting: 3 or 4 people a page, each with an e-mail address and a phone."""
    fake = Faker("nl_NL")
    fake.seed_instance(16)
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        y = 72.0
        page.insert_text((72, y), f"Verslag van het overleg, bladzijde {n + 1}", fontname="helv",
                         fontsize=10.5)
        y += 24
        for _ in range(3 + n % 2):
            first, last = fake.first_name(), fake.last_name()
            user = f"{first}.{last}".lower().replace(" ", "")
            phone = f"06-{fake.random_number(digits=8, fix_len=True)}"
            for line in (f"Aanwezig was {first} {last}, bereikbaar via {user}@voorbeeld.nl,",
                         f"telefoon {phone}. Zij sprak over de aanvraag."):
                page.insert_text((72, y), line, fontname="helv", fontsize=10.5)
                y += 15.75
            y += 8
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review")
    minutes(root / "inbox" / "verslag.pdf")
    subprocess.run([sys.executable, "-m", "redact", "scan", str(root / "inbox"), "--workspace",
                    str(root / "ws"), "--executor", "serial"], check=True, cwd=REPO,
                   capture_output=True)
    return root / "ws"


@pytest.fixture(scope="module")
def document(workspace: Path) -> tuple[int, list[tuple[int, int]]]:
    """The document's id and its proposals as (id, page)."""
    with Workspace.open(workspace) as ws:
        (doc,) = ws.documents()
        rows = ws.proposal_marks(doc.id)
    assert doc.page_count == PAGES and len(rows) >= 5_000, (doc.page_count, len(rows))
    record("review: the big document", pages=float(doc.page_count), proposals=float(len(rows)))
    return doc.id, [(r.id, r.page) for r in rows]


@pytest.fixture(scope="module")
def client(workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(workspace, "bench"), base_url=BASE) as c:
        yield c


def ms(benchmark: pytest.FixtureRequest) -> float:
    return float(benchmark.stats["median"]) * 1000  # type: ignore[attr-defined]


def test_overview(benchmark, client: TestClient, document: tuple[int, list[tuple[int, int]]]
                  ) -> None:
    response = benchmark(client.get, "/")
    assert response.status_code == 200
    record("review: batch overview", median_ms=ms(benchmark), kB=len(response.content) / 1024)


def test_document_page(benchmark, client: TestClient,
                       document: tuple[int, list[tuple[int, int]]]) -> None:
    doc, _ = document
    response = benchmark(client.get, f"/documents/{doc}")
    assert response.status_code == 200
    state = re.search(r'<script type="application/json" id="state">(.*?)</script>', response.text)
    assert state and len(json.loads(state.group(1))["pages"]) == PAGES  # a thumbnail each
    record("review: document page, first response", median_ms=ms(benchmark),
           kB=len(response.content) / 1024)


def test_page_proposals(benchmark, client: TestClient,
                        document: tuple[int, list[tuple[int, int]]]) -> None:
    doc, rows = document
    response = benchmark(client.get, f"/api/documents/{doc}/pages/250")
    assert response.status_code == 200
    assert len(response.json()["proposals"]) == sum(1 for _, page in rows if page == 250)
    record("review: one page's proposals (JSON)", median_ms=ms(benchmark),
           kB=len(response.content) / 1024)


@pytest.mark.parametrize("size", ["page", "thumb"])
def test_page_image(benchmark, client: TestClient, document: tuple[int, list[tuple[int, int]]],
                    size: str) -> None:
    doc, _ = document
    pages = itertools.cycle(range(1, PAGES + 1))  # another page each round: never cached

    def fetch() -> int:
        response = client.get(f"/documents/{doc}/pages/{next(pages)}.png?size={size}")
        assert response.status_code == 200
        return len(response.content)

    size_bytes = benchmark.pedantic(fetch, rounds=40, iterations=1, warmup_rounds=1)
    record(f"review: one page image ({size}, rendered)", median_ms=ms(benchmark),
           kB=size_bytes / 1024)


def test_decision(benchmark, client: TestClient, document: tuple[int, list[tuple[int, int]]]
                  ) -> None:
    doc, rows = document
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert token
    headers = {"X-CSRF-Token": token.group(1), "Origin": BASE}
    pending = iter(pid for pid, _ in rows[1000:])

    def decide() -> None:
        pid = next(pending)
        response = client.post(f"/api/proposals/{pid}/decide", headers=headers,
                               json={"decision": "accepted", "version": 0})
        assert response.status_code == 200, response.text

    benchmark.pedantic(decide, rounds=40, iterations=1, warmup_rounds=1)
    record("review: one decision (POST, written and audited)", median_ms=ms(benchmark))
