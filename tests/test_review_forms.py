"""The review's two forms beyond the boxes, in Debian's chromium: the judgement of a document
(``redact judge`` in the browser) with a page withheld, and a term proposed over the whole batch
(``redact terms`` in the browser). Each writes what the command line would, with the signed-in
person's name, and ``redact apply`` then follows it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from redact.review.app import create_app
from tests import browser_kit
from tests.browser_kit import add_user, open_document, proposals, running, scan_batch, sign_in
from tests.conftest import pdf_text, redact
from tests.test_review_api import Batch

pytestmark = pytest.mark.browser
browser, page = browser_kit.browser, browser_kit.page  # the kit's fixtures, for these tests

PASSWORD = "een lang wachtwoord"


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    made = scan_batch(tmp_path)
    add_user(made.root, "carla", PASSWORD, "beoordelaar")
    return made


@pytest.fixture
def server(batch: Batch) -> Iterator[str]:
    with running(create_app(batch.root, "unused")) as base:
        yield base


def rows(root: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(root / "workspace.sqlite")
    try:
        return list(db.execute(sql))
    finally:
        db.close()


def test_the_judgement_form_withholds_a_document_and_a_page(
        batch: Batch, server: str, page: Page, tmp_path: Path) -> None:
    sign_in(page, server, "carla", PASSWORD)
    brief, notitie = batch.docs["brief"], batch.docs["notitie"]
    open_document(page, server, brief)
    page.click("details.judgement-box > summary")
    # A page withheld under a ground that needs a motivation: refused without one, then saved.
    page.fill("#p-page", "2")
    page.select_option("#p-ground", "5.1.2i")
    page.click("#p-withhold")
    expect(page.locator("#j-result")).to_contain_text("Niet opgeslagen")
    page.fill("#p-motivation", "Intern beraad over de aanpak.")
    page.click("#p-withhold")
    expect(page.locator("#j-pages")).to_have_text("pagina 2 (5.1.2i)")
    assert rows(batch.root, "SELECT document_id, page, ground, reviewer FROM withheld_pages") == [
        (brief, 2, "5.1.2i", "carla")]
    # The other document not made public at all.
    open_document(page, server, notitie)
    page.click("details.judgement-box > summary")
    page.select_option("#j-judgement", "niet")
    page.select_option("#j-ground", "5.1.2e")
    page.click("#judge-form button[type=submit]")
    expect(page.locator("#j-result")).to_contain_text("Opgeslagen")
    assert rows(batch.root, "SELECT document_id, judgement, reviewer FROM judgements") == [
        (notitie, "niet openbaar", "carla")]
    redact("decide", batch.root, "--accept-all", "--reviewer", "carla", check=True)
    out = tmp_path / "out"
    redact("apply", batch.root, "--out", out, "--executor", "serial", check=True)
    assert not (out / "notitie.pdf").exists()  # withheld: no output
    assert "5.1.2i" in pdf_text(out / "brief.pdf") and "belde" not in pdf_text(out / "brief.pdf")


def test_the_term_form_proposes_a_term_everywhere(batch: Batch, server: str, page: Page) -> None:
    sign_in(page, server, "carla", PASSWORD)
    page.goto(server + "/")
    page.fill("#t-text", "Z/23/012345")
    page.select_option("#t-ground", "5.1.2e")
    page.click("#t-add")
    expect(page.locator("#t-result")).to_have_text(re.compile(r"\S"))
    page.wait_for_load_state()
    added = [r for r in proposals(batch.root) if r["id"] not in batch.proposals.values()]
    assert [(r["text"], r["ground"], r["status"]) for r in added] == [
        ("Z/23/012345", "5.1.2e", "pending")]
    open_document(page, server, batch.docs["brief"])
    expect(page.locator(f"[data-id='{added[0]['id']}']").first).to_be_attached()
