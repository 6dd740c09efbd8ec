"""Four eyes in the browser: the same person cannot approve, apply waits for the approval, a
send-back with its comment reaches the reviewer's queue, a comment on a proposal, the work views.

Real chromium, real ``redact scan`` of two letters, accounts as ``redact users add`` makes them,
decisions by ``redact decide --reviewer X`` (they count as X's) and ``redact apply`` with
``four_eyes`` on. One test per action. The interface is Dutch (the default): the tests read ids,
states and the texts people typed, not labels. ``REDACT_SCREENSHOTS=docs`` refreshes
docs/review-four-eyes.png and docs/review-queue.png.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from redact import workflow
from redact.config import config_from_dict, defaults
from redact.review.app import create_app
from redact.review.identity import User
from redact.workspace import Workspace
from tests import browser_kit
from tests.browser_kit import (
    add_user,
    open_document,
    running,
    scan_batch,
    screenshot,
    sign_in,
    sign_out,
)
from tests.conftest import redact
from tests.test_review_api import Batch
from tests.test_review_axe import assert_accessible

pytestmark = pytest.mark.browser
browser, page = browser_kit.browser, browser_kit.page  # the kit's fixtures, for these tests

PASSWORD = "correct paard batterij"  # invented accounts only
ANNA = User("anna", "beoordelaar")
BRAM = User("bram", "controleur")
CAROLA = User("carola", "controleur")


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    """Two letters scanned by ``redact scan``, and a team of three."""
    scanned = scan_batch(tmp_path)
    for person in (ANNA, BRAM, CAROLA):
        add_user(scanned.root, person.name, PASSWORD, person.role)
    return scanned


@pytest.fixture
def server(batch: Batch) -> Iterator[str]:
    with running(create_app(batch.root, "niemand",
                            config=config_from_dict({**defaults(), "four_eyes": True}))) as base:
        yield base


def decide_all(batch: Batch, reviewer: str) -> None:
    redact("decide", batch.root, "--accept-all", "--reviewer", reviewer, check=True)


def ready(batch: Batch, document: int, who: User) -> None:
    with Workspace.open(batch.root) as ws:
        workflow.mark_ready(ws, document, who)


def test_the_same_person_cannot_approve(batch: Batch, server: str, page: Page,
                                        tmp_path: Path) -> None:
    brief = batch.docs["brief"]
    decide_all(batch, "carola")  # a controleur decided the document herself
    sign_in(page, server, "carola", PASSWORD)
    open_document(page, server, brief)
    box = page.locator("#workflow")
    expect(box).to_have_attribute("data-state", "open")
    page.click("#wf-ready")
    expect(box).to_have_attribute("data-state", "gereed")
    expect(page.locator("#wf-approve")).to_be_disabled()
    expect(page.locator("#wf-approve-why")).to_contain_text("(")  # "... (vier ogen)."
    expect(page.locator("#wf-result")).not_to_be_empty()
    screenshot(page, "review-four-eyes.png", tmp_path)
    # nothing was approved behind the disabled button
    with Workspace.open(batch.root) as ws:
        assert workflow.facts_of(ws, brief).state == workflow.READY


def test_a_decision_in_the_browser_counts_for_four_eyes(batch: Batch, server: str,
                                                        page: Page) -> None:
    brief = batch.docs["brief"]
    sign_in(page, server, "carola", PASSWORD)
    open_document(page, server, brief)
    page.keyboard.press("j")
    page.keyboard.press("a")  # carola accepts one proposal in the page view
    expect(page.locator(f"#pagesvg g.box[data-id='{batch.proposals[('brief', 1, 'Jan Jansen')]}']")
           ).to_have_class(re.compile(r"\bs-accepted\b"))
    decide_all(batch, "anna")  # anna decides the rest and marks it ready
    ready(batch, brief, ANNA)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    expect(page.locator("#workflow")).to_have_attribute("data-state", "gereed")
    expect(page.locator("#wf-approve")).to_be_disabled()  # she decided one of its proposals
    sign_out(page)
    sign_in(page, server, "bram", PASSWORD)
    open_document(page, server, brief)
    expect(page.locator("#wf-approve")).to_be_enabled()


def test_apply_waits_for_approval(batch: Batch, server: str, page: Page, tmp_path: Path) -> None:
    brief, out = batch.docs["brief"], tmp_path / "out"
    config = tmp_path / "four-eyes.json"
    config.write_text(json.dumps({"four_eyes": True}))
    decide_all(batch, "anna")
    ready(batch, brief, ANNA)
    run = redact("apply", batch.root, "--out", out, "--config", config, "--executor", "serial",
                 check=True)
    assert "applied 0 document(s)" in run.stdout and "2 waiting for approval" in run.stdout
    sign_in(page, server, "bram", PASSWORD)
    open_document(page, server, brief)
    expect(page.locator("#wf-approve")).to_be_enabled()
    page.click("#wf-approve")
    expect(page.locator("#workflow")).to_have_attribute("data-state", "goedgekeurd")
    run = redact("apply", batch.root, "--out", out, "--config", config, "--executor", "serial",
                 check=True)
    assert "applied 1 document(s)" in run.stdout and "1 waiting for approval" in run.stdout
    assert [p.name for p in out.glob("*.pdf")] == ["brief.pdf"]


def test_a_send_back_reaches_the_reviewers_queue(batch: Batch, server: str, page: Page,
                                                 tmp_path: Path) -> None:
    brief = batch.docs["brief"]
    comment = "Op pagina 2 staat de naam van de aanvrager nog open."
    decide_all(batch, "anna")
    ready(batch, brief, ANNA)
    sign_in(page, server, "bram", PASSWORD)
    open_document(page, server, brief)
    page.click("#wf-send-back-box summary")
    page.fill("#wf-comment", comment)
    page.click("#wf-send-back")
    expect(page.locator("#workflow")).to_have_attribute("data-state", "teruggestuurd")
    expect(page.locator("#wf-sent-back-comment")).to_contain_text(comment)
    sign_out(page)
    sign_in(page, server, "anna", PASSWORD)
    page.goto(server + "/mijn-werk")
    row = page.locator(f"#queue-sent-back tr[data-document='{brief}']")
    expect(row).to_contain_text(comment)
    expect(row).to_contain_text("bram")
    screenshot(page, "review-queue.png", tmp_path)
    with page.expect_navigation():
        row.locator("a").click()
    page.wait_for_selector("body[data-ready='1']")
    expect(page.locator("#wf-sent-back-comment")).to_contain_text(comment)


def test_a_comment_on_a_proposal(batch: Batch, server: str, page: Page) -> None:
    brief = batch.docs["brief"]
    first = batch.proposals[("brief", 1, "Jan Jansen")]
    text = "Is dit de aanvrager, of een ambtenaar? Graag navragen."  # typed: no shortcut fires
    sign_in(page, server, "anna", PASSWORD)
    open_document(page, server, brief)
    page.keyboard.press("j")
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(first))
    page.check("#comment-on-proposal")
    page.fill("#comment-text", text)
    page.click("#comment-add")
    item = page.locator(f"#comment-list li.comment[data-proposal='{first}']")
    expect(item).to_contain_text(text)
    expect(item).to_contain_text("anna")
    expect(item).to_have_class("comment current")  # the proposal in view: its comment stands out
    expect(page.locator("#comment-result")).not_to_be_empty()
    with Workspace.open(batch.root) as ws:
        assert [(c.proposal_id, c.page, c.text) for c in ws.comments(brief)] == [
            (first, 1, text)]
        assert ws.proposal(first).status == "pending"


def test_work_views_filter_the_overview(batch: Batch, server: str, page: Page) -> None:
    redact("decide", batch.root, "--accept", "PERSON", "--reviewer", "anna", check=True)
    sign_in(page, server, "bram", PASSWORD)
    page.goto(server + "/")
    page.select_option("#f-entity", "EMAIL_ADDRESS")
    page.select_option("#f-status", "pending")
    with page.expect_navigation():
        page.click("#workview-apply")
    rows = page.locator("#workview-results tbody tr")
    expect(rows).to_have_count(2)  # jan.jansen@ in the brief, p.devries@ in the notitie
    expect(page.locator("#workview-results")).to_contain_text("p.devries@example.nl")
    assert "example" not in page.url and "EMAIL_ADDRESS" in page.url  # codes, no values
    page.select_option("#f-entity", "")
    page.select_option("#f-status", "")
    page.select_option("#f-reviewer", label="anna")
    with page.expect_navigation():
        page.click("#workview-apply")
    assert "anna" not in page.url  # a reviewer is named by a hash in the address
    expect(page.locator("#workview-results tbody tr").first).to_be_visible()
    for cell in page.locator("#workview-results tbody tr td:last-child").all():
        expect(cell).to_have_text("anna")


def test_the_team_pages_pass_axe_with_work_in_them(batch: Batch, server: str,
                                                   browser: Browser) -> None:
    """WCAG 2.1 AA (axe-core) on the queue and the document's review part as they are once
    the team has worked: sent back with a comment, comments, ready documents to approve."""
    brief, notitie = batch.docs["brief"], batch.docs["notitie"]
    decide_all(batch, "anna")
    with Workspace.open(batch.root) as ws:
        workflow.assign(ws, brief, BRAM, "anna")
        workflow.mark_ready(ws, brief, ANNA)
        workflow.send_back(ws, brief, BRAM, "Pagina 2 nog eens bekijken.")
        workflow.mark_ready(ws, notitie, ANNA)
        workflow.comment(ws, brief, BRAM, "Zie de bijlage.", page=2)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    try:
        checked = context.new_page()
        sign_in(checked, server, "anna", PASSWORD)
        checked.goto(server + "/mijn-werk")
        assert_accessible(checked, "queue of a beoordelaar, with a send-back")
        open_document(checked, server, brief)
        assert_accessible(checked, "document sent back, with a comment")
        sign_out(checked)
        sign_in(checked, server, "bram", PASSWORD)
        checked.goto(server + "/mijn-werk")
        assert_accessible(checked, "queue of a controleur, with a document to approve")
        open_document(checked, server, notitie)
        checked.click("#wf-send-back-box summary")
        assert_accessible(checked, "document ready, send-back form open")
    finally:
        context.close()
