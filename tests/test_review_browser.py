"""From the review page to the burnt-in PDFs: ``redact apply`` holds exactly what was accepted.

``redact scan`` reads two letters; a reviewer opens the workspace in Debian's chromium and
reviews both documents in the page view (keys, every mention of a name, a redaction drawn on the
page and one by selecting text, an undo), reloads to see everything kept, and ``redact apply``
burns in: the output PDFs hold exactly the accepted redactions and nothing else. Each action on
its own: tests/test_review_pages.py.

The README's pictures come from the Dutch interface: ``REDACT_SCREENSHOTS=docs`` with
tests/test_review_language.py, test_review_pages.py and test_review_fouryes.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from playwright.sync_api import Page, expect

from redact.config import config_from_dict, defaults
from redact.review.app import create_app
from tests import browser_kit
from tests.browser_kit import open_document, proposals, running, scan_batch, select_text
from tests.conftest import pdf_text, redact
from tests.test_review_api import Batch
from tests.test_review_pages import add_manual, box, draw_box

pytestmark = pytest.mark.browser
browser, page = browser_kit.browser, browser_kit.page  # the kit's fixtures, for these tests


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    """A workspace made by ``redact scan``, as a reviewer finds it."""
    return scan_batch(tmp_path)


@pytest.fixture
def server(batch: Batch) -> Iterator[str]:
    """The review application on a free loopback port, in a thread of this process; in English,
    the words these tests read (the Dutch default: tests/test_review_language.py)."""
    english = config_from_dict({**defaults(), "language": "en"})
    with running(create_app(batch.root, "alice", config=english)) as base:
        yield base


def expect_status(page: Page, pid: int, status: str) -> None:
    """The box of ``pid`` on the page on screen shows ``status``."""
    expect(box(page, pid)).to_have_class(re.compile(rf"\bs-{status}\b"))


def test_review_in_the_browser_then_apply(
    batch: Batch, server: str, page: Page, tmp_path: Path
) -> None:
    brief, notitie = batch.docs["brief"], batch.docs["notitie"]
    pid = {text: value for (stem, number, text), value in batch.proposals.items()
           if stem == "brief" and number == 1}
    jansen_p2 = batch.proposals[("brief", 2, "Jansen")]
    jansen_notitie = batch.proposals[("notitie", 1, "Jansen")]
    devries = batch.proposals[("notitie", 1, "p.devries@example.nl")]
    body = page.locator("body")

    # The overview lists both documents, undecided.
    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{brief}'] .badge[class*='st-']")).to_have_text("undecided")
    expect(page.locator(f"tr[data-document='{notitie}'] .badge[class*='st-']")).to_have_text("undecided")
    with page.expect_navigation():
        page.click(f"tr[data-document='{brief}'] a")
    page.wait_for_selector("body[data-ready='1']")

    # Keys: j selects the first proposal, a and r decide and move on to the next.
    page.keyboard.press("j")
    expect(body).to_have_attribute("data-current-proposal", str(pid["Jan Jansen"]))
    for text, key in (("Jan Jansen", "a"), ("Kerkstraat 12", "a"), ("1234 AB", "r"),
                      ("Utrecht", "r")):
        expect(body).to_have_attribute("data-current-proposal", str(pid[text]))
        page.keyboard.press(key)
    expect_status(page, pid["Kerkstraat 12"], "accepted")
    expect_status(page, pid["1234 AB"], "rejected")
    expect_status(page, pid["Utrecht"], "rejected")
    # Shift+A: every mention of "Jansen" in the batch (3, one in the other document).
    expect(body).to_have_attribute("data-current-proposal", str(pid["Jansen"]))
    page.keyboard.press("Shift+A")
    expect_status(page, pid["Jansen"], "accepted")
    expect(page.locator("#toast")).to_contain_text("3 accepted")
    expect(body).to_have_attribute("data-current-proposal", str(pid["123456782"]))
    page.keyboard.press("a")
    expect(body).to_have_attribute("data-current-proposal", str(pid["06-12345678"]))
    page.keyboard.press("r")
    expect_status(page, pid["123456782"], "accepted")
    expect_status(page, pid["06-12345678"], "rejected")
    # Accept every e-mail address in this document.
    page.click("button[data-entity-accept='EMAIL_ADDRESS']")
    expect_status(page, pid["jan.jansen@example.nl"], "accepted")
    page.click("#tab-text")
    redacted = page.locator("pre.redacted")
    expect(redacted).to_contain_text("[5.1.1e]")
    expect(redacted).to_contain_text("06-12345678")
    expect(redacted).not_to_contain_text("123456782")

    # Add a redaction by selecting text the scan did not propose.
    select_text(page, 1, "Z/23/012345")
    page.click("#redact-selection")
    add_manual(page, "OTHER")
    expect(redacted).not_to_contain_text("Z/23")

    # Add one by drawing a box over "14 april 2024" on page 2.
    page.click("#tab-page")
    page.keyboard.press("]")
    expect(body).to_have_attribute("data-current-page", "2")
    expect_status(page, jansen_p2, "accepted")
    left = 72 + pymupdf.get_text_length("Jansen belde op ", "helv", 10.5)
    right = left + pymupdf.get_text_length("14 april 2024", "helv", 10.5)
    draw_box(page, (left - 1, 87.75 - 9, right + 1, 87.75 + 2))
    expect(page.locator("#manual-what")).to_contain_text("box drawn on page 2")
    add_manual(page, "DATE_OF_BIRTH")
    expect(page.locator("#pagesvg g.box.s-accepted")).to_have_count(2)

    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{brief}'] .badge[class*='st-']")).to_have_text("decided")
    expect(page.locator(f"tr[data-document='{notitie}'] .badge[class*='st-']")).to_have_text("in review")

    # The other document, undecided only: reject, undo, accept.
    open_document(page, server, notitie, "?pending=1")
    expect(page.locator("#f-pending")).to_be_checked()
    expect(box(page, jansen_notitie)).to_have_class(re.compile(r"\bfiltered\b"))
    page.keyboard.press("j")
    expect(body).to_have_attribute("data-current-proposal", str(devries))
    page.keyboard.press("r")
    expect_status(page, devries, "rejected")
    page.keyboard.press("u")
    expect_status(page, devries, "pending")
    page.keyboard.press("k")  # back to it (it is the only undecided one)
    expect(body).to_have_attribute("data-current-proposal", str(devries))
    page.keyboard.press("a")
    expect_status(page, devries, "accepted")

    # A reload shows the same state, and the workspace holds exactly these decisions.
    decided = {("brief", 1, "Jan Jansen"): "accepted", ("brief", 1, "Kerkstraat 12"): "accepted",
               ("brief", 1, "1234 AB"): "rejected", ("brief", 1, "Utrecht"): "rejected",
               ("brief", 1, "Jansen"): "accepted", ("brief", 1, "123456782"): "accepted",
               ("brief", 1, "06-12345678"): "rejected",
               ("brief", 1, "jan.jansen@example.nl"): "accepted",
               ("brief", 2, "Jansen"): "accepted", ("notitie", 1, "Jansen"): "accepted",
               ("notitie", 1, "p.devries@example.nl"): "accepted",
               ("brief", 1, "Z/23/012345"): "accepted", ("brief", 2, "14 april 2024"): "accepted"}
    rows = proposals(batch.root)
    assert {(Path(r["name"]).stem, r["page"], r["text"]): r["status"] for r in rows} == decided
    assert {r["decided_by"] for r in rows} == {"alice"}
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    expect_status(page, devries, "accepted")
    expect_status(page, jansen_notitie, "accepted")
    for number in (1, 2):
        open_document(page, server, brief, f"?page={number}")
        for r in rows:
            if r["document_id"] == brief and r["page"] == number:
                expect_status(page, r["id"], r["status"])
    expect(page.locator("#doc-progress-text")).to_have_text("11 of 11 decided")
    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{notitie}'] .badge[class*='st-']")).to_have_text("decided")
    expect(page.locator(".progressline")).to_contain_text("13 of 13 proposals decided (100%)")

    # Apply, as the nightly run would; the output must match the decisions exactly.
    out = tmp_path / "out"
    run = redact("apply", batch.root, "--out", out, "--executor", "serial", check=True)
    assert "applied 2 document(s)" in run.stdout
    text = {"brief": pdf_text(out / "brief.pdf"), "notitie": pdf_text(out / "notitie.pdf")}
    for (stem, _, value), status in decided.items():
        if status == "accepted":
            assert value not in text[stem], f"accepted {value!r} survives in {stem}"
        else:
            assert value in text[stem], f"rejected {value!r} was redacted in {stem}"
    for kept in ("Geachte heer", "over de aanvraag", "Het zaaknummer is", "heeft gebeld"):
        assert kept in text["brief"] + text["notitie"]
    with pymupdf.open(out / "brief.pdf") as pdf:
        labels = sorted(w[4] for p in pdf for w in p.get_text("words") if w[4].startswith("5."))
    expected = sorted(r["ground"] for r in rows if r["document_id"] == brief
                      and r["status"] == "accepted" for _ in json.loads(r["rects"]))
    assert labels == expected  # one labelled box per accepted rectangle, and no other

    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{brief}'] .badge[class*='st-']")).to_have_text("applied")
