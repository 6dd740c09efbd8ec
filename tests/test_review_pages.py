"""The page-first document view in Debian's chromium, one reviewer's action per test.

Each test starts from its own workspace made by the real ``redact scan`` of two letters
(``tests.browser_kit.scan_batch``), opens the document page, does one thing as a reviewer would
(a click on a box, a key, a drag, a text selection) and checks both what the page shows and what
the workspace holds. Texts on the page are in the interface's language; the tests read states
from classes and from the workspace, so they hold in Dutch and in English.

Set ``REDACT_SCREENSHOTS=docs`` to refresh docs/review-page.png and docs/review-after.png.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from redact.review.app import create_app
from tests import browser_kit
from tests.browser_kit import open_document, proposals, running, scan_batch, select_text
from tests.conftest import make_pdf, redact
from tests.test_review_api import Batch

pytestmark = pytest.mark.browser

browser, page = browser_kit.browser, browser_kit.page  # the fixtures, for pytest


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    return scan_batch(tmp_path)


@pytest.fixture
def server(batch: Batch) -> Iterator[str]:
    with running(create_app(batch.root, "alice")) as base:
        yield base


def status_of(batch: Batch, key: tuple[str, int, str]) -> str:
    pid = batch.proposals[key]
    return next(str(r["status"]) for r in proposals(batch.root) if r["id"] == pid)


def row_of(batch: Batch, pid: int) -> dict[str, object]:
    return next(dict(r) for r in proposals(batch.root) if r["id"] == pid)


def box(page: Page, pid: int) -> Locator:
    return page.locator(f"#pagesvg g.box[data-id='{pid}']")


def state_class(status: str) -> re.Pattern[str]:
    return re.compile(rf"\bs-{status}\b")


def open_brief(page: Page, server: str, batch: Batch, query: str = "") -> None:
    open_document(page, server, batch.docs["brief"], query)


def add_manual(page: Page, entity: str) -> None:
    """Choose the entity in the dialog and add the redaction (the page stays; no reload)."""
    expect(page.locator("dialog#manual")).to_be_visible()
    page.select_option("#manual-entity", entity)
    page.click("#manual-add")
    expect(page.locator("dialog#manual")).to_be_hidden()


def draw_box(page: Page, rect: tuple[float, float, float, float]) -> None:
    """Drag a box on the page on screen; ``rect`` in PDF points. The page view scrolls within
    its own frame, so the spot is brought into view there first."""
    corners = page.evaluate(
        """(rect) => {
          const svg = document.querySelector("#pagesvg");
          const at = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y;
                                 const q = p.matrixTransform(svg.getScreenCTM()); return [q.x, q.y]; };
          const stage = document.querySelector("#stage");
          const frame = stage.getBoundingClientRect();
          stage.scrollTop += at(rect[0], rect[1])[1] - frame.top - frame.height / 3;
          return [at(rect[0], rect[1]), at(rect[2], rect[3])];
        }""", list(rect))
    (x0, y0), (x1, y1) = corners
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    page.mouse.move(x1, y1, steps=4)
    page.mouse.up()


def until(page: Page, condition: str, timeout: float = 5.0) -> None:
    """Wait until the script expression ``condition`` holds (``page.wait_for_function`` would
    evaluate a string, which the page's Content-Security-Policy forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({condition})"):
        assert time.monotonic() < deadline, f"never true: {condition}"
        time.sleep(0.05)


def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    browser_kit.screenshot(page, name, tmp_path)


# -- deciding --------------------------------------------------------------------------------


def test_click_a_box_and_accept_it(batch: Batch, server: str, page: Page, tmp_path: Path) -> None:
    bsn = batch.proposals[("brief", 1, "123456782")]
    open_brief(page, server, batch)
    target = box(page, bsn)
    expect(target).to_have_class(state_class("pending"))
    expect(target).to_have_attribute("aria-label", re.compile(rf"{bsn}: NL_BSN, \w+"))
    target.click()
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(bsn))
    expect(page.locator("#pv-value")).to_have_text("123456782")
    expect(page.locator("#pv-why")).to_contain_text("NlBsnRecognizer")
    page.click("#act-accept")
    expect(target).to_have_class(state_class("accepted"))
    expect(page.locator("#panel")).to_have_class(state_class("accepted"))
    expect(page.locator(f"#page-proposals li[data-id='{bsn}'] button")).to_have_class(
        state_class("accepted"))
    expect(page.locator("#toast")).not_to_be_empty()
    row = row_of(batch, bsn)
    assert (row["status"], row["decided_by"]) == ("accepted", "alice")
    screenshot(page, "review-page.png", tmp_path)


def test_all_mentions_of_a_value(batch: Batch, server: str, page: Page) -> None:
    jansen = batch.proposals[("brief", 1, "Jansen")]
    open_brief(page, server, batch)
    box(page, jansen).click()
    mentions = page.locator("#act-mentions-accepted")
    expect(mentions).to_be_visible()
    expect(mentions).to_contain_text("3")
    mentions.click()
    expect(box(page, jansen)).to_have_class(state_class("accepted"))
    for key in (("brief", 1, "Jansen"), ("brief", 2, "Jansen"), ("notitie", 1, "Jansen")):
        assert status_of(batch, key) == "accepted", key
    assert status_of(batch, ("brief", 1, "Jan Jansen")) == "pending"  # another value
    # page 2's only open proposal was a mention: its thumbnail no longer shows it open
    expect(page.locator("#thumbs li[data-page='2']")).not_to_have_class(re.compile(r"\bopen\b"))


def test_undo(batch: Batch, server: str, page: Page) -> None:
    first = batch.proposals[("brief", 1, "Jan Jansen")]
    open_brief(page, server, batch)
    page.keyboard.press("j")
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(first))
    page.keyboard.press("r")
    expect(box(page, first)).to_have_class(state_class("rejected"))
    assert status_of(batch, ("brief", 1, "Jan Jansen")) == "rejected"
    expect(page.locator("#undo")).to_be_enabled()
    page.keyboard.press("u")
    expect(box(page, first)).to_have_class(state_class("pending"))
    assert status_of(batch, ("brief", 1, "Jan Jansen")) == "pending"
    # the same from the decision panel, with the mouse
    box(page, first).click()
    page.click("#act-accept")
    expect(box(page, first)).to_have_class(state_class("accepted"))
    page.click("#act-undo")
    expect(box(page, first)).to_have_class(state_class("pending"))
    assert status_of(batch, ("brief", 1, "Jan Jansen")) == "pending"
    expect(page.locator("#act-undo")).to_be_disabled()  # nothing left to undo


def test_change_the_ground(batch: Batch, server: str, page: Page) -> None:
    phone = batch.proposals[("brief", 1, "06-12345678")]
    email = batch.proposals[("brief", 1, "jan.jansen@example.nl")]
    open_brief(page, server, batch)
    # With the keyboard: g opens the dialog; 5.1.2d needs a motivation.
    box(page, phone).focus()
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(phone))
    page.keyboard.press("g")
    expect(page.locator("#ground-dialog")).to_be_visible()
    page.select_option("#ground-select", "5.1.2d")
    page.fill("#ground-motivation", "Inspectiegegevens van een toezichthouder")
    page.click("#ground-save")
    expect(box(page, phone).locator("text").first).to_have_text("5.1.2d")
    row = row_of(batch, phone)
    assert (row["ground"], row["motivation"], row["status"]) == (
        "5.1.2d", "Inspectiegegevens van een toezichthouder", "pending")
    # With the panel's list: a ground without motivation is set at once.
    box(page, email).click()
    page.select_option("#pv-ground", "5.1.1e")
    expect(box(page, email).locator("text").first).to_have_text("5.1.1e")
    assert row_of(batch, email)["ground"] == "5.1.1e"
    # A ground that needs a motivation is not set without one.
    page.select_option("#pv-ground", "5.2")
    expect(page.locator("#ground-dialog")).to_be_visible()
    page.fill("#ground-motivation", "")
    page.click("#ground-save")
    expect(page.locator("#toast")).to_have_class(re.compile(r"\berror\b"))
    assert row_of(batch, email)["ground"] == "5.1.1e"
    expect(page.locator("#pv-ground")).to_have_value("5.1.1e")


def test_a_stale_decision_is_refused(
    batch: Batch, server: str, page: Page, browser: Browser
) -> None:
    bsn = batch.proposals[("brief", 1, "123456782")]
    open_brief(page, server, batch)
    box(page, bsn).click()
    # A colleague rejects it meanwhile, in a browser of their own.
    other = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        theirs = other.new_page()
        open_brief(theirs, server, batch)
        box(theirs, bsn).click()
        theirs.click("#act-reject")
        expect(box(theirs, bsn)).to_have_class(state_class("rejected"))
    finally:
        other.close()
    page.click("#act-accept")  # on the version this page saw: refused
    expect(page.locator("#toast")).to_have_class(re.compile(r"\berror\b"))
    expect(box(page, bsn)).to_have_class(state_class("rejected"))  # the current state shown
    expect(page.locator("#panel")).to_have_class(state_class("rejected"))
    assert status_of(batch, ("brief", 1, "123456782")) == "rejected"


# -- adding redactions -----------------------------------------------------------------------


def test_a_manual_box_by_drawing(batch: Batch, server: str, page: Page) -> None:
    open_brief(page, server, batch)
    page.click("#thumbs a[data-page='2']")
    expect(page.locator("body")).to_have_attribute("data-current-page", "2")
    left = 72 + pymupdf.get_text_length("Jansen belde op ", "helv", 10.5)
    right = left + pymupdf.get_text_length("14 april 2024", "helv", 10.5)
    draw_box(page, (left - 1, 87.75 - 9, right + 1, 87.75 + 2))
    expect(page.locator("#manual-what")).to_contain_text("2")
    add_manual(page, "DATE_OF_BIRTH")
    expect(page.locator("#pagesvg g.box.s-accepted")).to_have_count(1)
    added = [r for r in proposals(batch.root) if r["id"] not in batch.proposals.values()]
    assert [(r["text"], r["page"], r["status"], r["entity"]) for r in added] == [
        ("14 april 2024", 2, "accepted", "DATE_OF_BIRTH")]
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(added[0]["id"]))


def test_a_manual_box_by_selecting_text(batch: Batch, server: str, page: Page) -> None:
    open_brief(page, server, batch)
    page.click("#tab-text")
    expect(page.locator("#textview")).to_be_visible()
    select_text(page, 1, "Z/23/012345")
    expect(page.locator("#redact-selection")).to_be_visible()
    page.click("#redact-selection")
    expect(page.locator("#manual-what")).to_contain_text("“Z/23/012345”")
    add_manual(page, "OTHER")
    expect(page.locator("pre.redacted")).not_to_contain_text("Z/23")
    added = [r for r in proposals(batch.root) if r["id"] not in batch.proposals.values()]
    assert [(r["text"], r["status"]) for r in added] == [("Z/23/012345", "accepted")]
    page.click("#tab-page")
    expect(box(page, int(added[0]["id"]))).to_have_class(state_class("accepted"))


def test_a_manual_box_by_typing_its_text(batch: Batch, server: str, page: Page) -> None:
    """Without a mouse: x with nothing selected asks for the text; every occurrence on the page
    is redacted. Text that is not on the page is said so, and nothing is added."""
    open_brief(page, server, batch)
    page.keyboard.press("x")
    expect(page.locator("#manual-find")).to_be_focused()
    page.keyboard.type("Nergens te vinden")
    page.keyboard.press("Enter")
    expect(page.locator("#toast")).to_contain_text("Nergens te vinden")
    page.keyboard.press("x")
    expect(page.locator("#manual-find")).to_be_focused()
    page.keyboard.type("Z/23/012345")
    page.keyboard.press("Enter")
    expect(page.locator("dialog#manual")).to_be_hidden()
    expect(page.locator("pre.redacted")).not_to_contain_text("Z/23")  # the page came back
    added = [r for r in proposals(batch.root) if r["id"] not in batch.proposals.values()]
    assert [(r["text"], r["status"], r["page"]) for r in added] == [
        ("Z/23/012345", "accepted", 1)]
    expect(box(page, int(added[0]["id"]))).to_have_class(state_class("accepted"))


# -- seeing the page -------------------------------------------------------------------------


def test_the_after_view(batch: Batch, server: str, page: Page, tmp_path: Path) -> None:
    accepted = batch.proposals[("brief", 1, "123456782")]
    rejected = batch.proposals[("brief", 1, "Utrecht")]
    pending = batch.proposals[("brief", 1, "06-12345678")]
    open_brief(page, server, batch)
    box(page, accepted).click()
    page.click("#act-accept")
    expect(box(page, accepted)).to_have_class(state_class("accepted"))
    box(page, rejected).click()
    page.click("#act-reject")
    expect(box(page, rejected)).to_have_class(state_class("rejected"))
    page.click("#tab-after")
    expect(page.locator("#pagesvg")).to_have_class(re.compile(r"\bafter\b"))

    def fill(pid: int) -> str:
        return str(box(page, pid).locator("rect").first.evaluate("r => getComputedStyle(r).fill"))

    assert fill(accepted) == "rgb(0, 0, 0)"  # black, with its ground
    expect(box(page, accepted).locator("text")).to_be_visible()
    expect(box(page, accepted).locator("text")).to_have_text("5.1.1e")
    assert "hatch-after" in fill(pending)  # shown, marked as pending
    expect(box(page, rejected)).to_be_hidden()  # stays readable: not drawn
    expect(page.locator("#legend-after")).to_be_visible()
    page.locator("body").click(position={"x": 5, "y": 5})
    screenshot(page, "review-after.png", tmp_path)
    page.keyboard.press("t")  # back to the page view
    expect(page.locator("#pagesvg")).not_to_have_class(re.compile(r"\bafter\b"))
    expect(box(page, rejected)).to_be_visible()


def test_thumbnails_show_open_pages(batch: Batch, server: str, page: Page) -> None:
    jansen_p2 = batch.proposals[("brief", 2, "Jansen")]
    open_brief(page, server, batch)
    thumbs = page.locator("#thumbs li")
    expect(thumbs).to_have_count(2)
    expect(thumbs.nth(0)).to_have_class(re.compile(r"\bopen\b"))
    expect(thumbs.nth(0).locator(".tbadge")).to_have_text("8")
    expect(thumbs.nth(1).locator(".tbadge")).to_have_text("1")
    image = thumbs.nth(1).locator("img")
    expect(image).to_have_attribute("src", re.compile(r"pages/2\.png\?size=thumb$"))
    until(page, "document.querySelector('#thumbs li[data-page=\"2\"] img').naturalWidth > 0")
    thumbs.nth(1).locator("a").click()
    expect(page.locator("body")).to_have_attribute("data-current-page", "2")
    expect(thumbs.nth(1).locator("a")).to_have_attribute("aria-current", "page")
    expect(page.locator("#page-number")).to_have_value("2")
    box(page, jansen_p2).click()
    page.click("#act-accept")
    expect(thumbs.nth(1)).not_to_have_class(re.compile(r"\bopen\b"))
    expect(thumbs.nth(1).locator(".tbadge")).to_have_text("")
    page.keyboard.press("[")
    expect(page.locator("body")).to_have_attribute("data-current-page", "1")
    page.keyboard.press("PageDown")
    expect(page.locator("body")).to_have_attribute("data-current-page", "2")
    # The strip is one Tab stop (the current page); arrow keys move in it, Enter opens.
    expect(page.locator("#thumbs a[tabindex='0']")).to_have_count(1)
    page.locator("#thumbs a[aria-current='page']").focus()
    page.keyboard.press("ArrowUp")
    expect(thumbs.nth(0).locator("a")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-current-page", "1")


def test_zoom(batch: Batch, server: str, page: Page) -> None:
    open_brief(page, server, batch)
    svg = page.locator("#pagesvg")

    def width() -> float:
        return float(svg.evaluate("s => s.getBoundingClientRect().width"))

    fit = width()
    page.keyboard.press("+")
    expect(page.locator("body")).to_have_attribute("data-zoom", "1.25")
    assert width() == pytest.approx(fit * 1.25, rel=0.02)
    page.click("#zoom-in")
    page.click("#zoom-in")
    expect(page.locator("body")).to_have_attribute("data-zoom", "2")
    assert width() == pytest.approx(fit * 2, rel=0.02)
    # zoomed in, the sharper image is loaded
    expect(page.locator("#pageimage")).to_have_attribute("href", re.compile(r"size=large$"))
    page.keyboard.press("-")
    expect(page.locator("body")).to_have_attribute("data-zoom", "1.5")
    page.keyboard.press("0")
    expect(page.locator("body")).to_have_attribute("data-zoom", "1")
    assert width() == pytest.approx(fit, rel=0.02)
    expect(page.locator("#zoom-level")).to_have_text("100%")


def test_keyboard_only_review(batch: Batch, server: str, page: Page) -> None:
    """No mouse: Tab to a box, then keys only, until every proposal of the document is decided
    (across both pages); the help panel opens with ? and closes with Escape."""
    open_brief(page, server, batch)
    page.keyboard.press("?")
    expect(page.locator("dialog#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("dialog#help")).to_be_hidden()
    for _ in range(60):  # Tab through the controls to the first box on the page
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('g.box')"):
            break
    else:
        raise AssertionError("Tab never reached a box on the page")
    focused = int(page.evaluate("document.activeElement.dataset.id"))
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(focused))
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth")
    assert outline == "3px"  # the focus is visible
    brief = [r for r in proposals(batch.root) if r["document_id"] == batch.docs["brief"]]
    wanted: dict[int, str] = {}
    for i, r in enumerate(sorted(brief, key=lambda r: (r["page"], r["start"], r["id"]))):
        wanted[r["id"]] = "accepted" if i % 3 != 1 else "rejected"
    assert focused == next(iter(wanted))  # the boxes are in reading order
    for pid, status in wanted.items():
        expect(page.locator("body")).to_have_attribute("data-current-proposal", str(pid))
        page.keyboard.press("a" if status == "accepted" else "r")
    expect(page.locator("#doc-progress")).to_have_attribute("value", str(len(brief)))
    until(page, "document.querySelector('#doc-progress').value === "
                "document.querySelector('#doc-progress').max")
    got = {r["id"]: r["status"] for r in proposals(batch.root)
           if r["document_id"] == batch.docs["brief"]}
    assert got == wanted
    assert page.evaluate("document.body.dataset.currentPage") == "2"


def test_the_current_page_and_proposal_are_exposed(batch: Batch, server: str, page: Page) -> None:
    """``body[data-current-page]`` and ``[data-current-proposal]`` follow the review (other
    panels read them), and the address keeps the page and the proposal for a reload."""
    jansen_p2 = batch.proposals[("brief", 2, "Jansen")]
    open_brief(page, server, batch, f"#p-{jansen_p2}")
    expect(page.locator("body")).to_have_attribute("data-current-page", "2")
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(jansen_p2))
    assert re.search(rf"\?page=2#p-{jansen_p2}$", page.url)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    expect(page.locator("body")).to_have_attribute("data-current-proposal", str(jansen_p2))


def test_a_long_document_loads_as_needed(tmp_path: Path, page: Page) -> None:
    """60 pages: the page asks for one page's proposals (and the next, ahead), and for the
    thumbnails in view only; a far page comes when it is opened."""
    inbox, root = tmp_path / "inbox", tmp_path / "ws"
    make_pdf(inbox / "lang.pdf", [f"Pagina {n}\nDe heer Jan Jansen belde op dag {n}."
                                  for n in range(1, 61)])
    redact("scan", inbox, "--workspace", root, "--executor", "serial", check=True)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    with running(create_app(root, "alice")) as base:
        open_document(page, base, 1)
        until(page, "document.querySelector('#thumbs li[data-page=\"1\"] img').complete")
        expect(page.locator("#thumbs li")).to_have_count(60)
        data = [u for u in asked if "/api/documents/1/pages/" in u]
        thumbs = [u for u in asked if "size=thumb" in u]
        assert data == [f"{base}/api/documents/1/pages/2"]  # page 1 came with the page
        assert 0 < len(thumbs) < 20, len(thumbs)
        page.fill("#page-number", "55")
        page.keyboard.press("Enter")
        expect(page.locator("body")).to_have_attribute("data-current-page", "55")
        expect(page.locator("#thumbs li[data-page='55'] img")).to_have_attribute(
            "src", re.compile(r"pages/55\.png\?size=thumb$"))
        assert f"{base}/api/documents/1/pages/55" in asked
        assert not any(f"/api/documents/1/pages/{n}" in u for u in asked for n in (30, 40))
        page.keyboard.press("j")  # the review's keys work again after typing a page number
        first = int(page.evaluate("document.body.dataset.currentProposal"))
        page.keyboard.press("a")
        expect(page.locator("#toast")).not_to_be_empty()
        until(page, "document.querySelector('#doc-progress').value === 1")
    accepted = [(r["id"], r["page"]) for r in proposals(root) if r["status"] == "accepted"]
    assert accepted == [(first, 55)]
