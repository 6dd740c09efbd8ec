"""The review page in Debian's chromium, driven by Playwright, then ``redact apply`` on the result.

``redact scan`` reads two letters; a reviewer opens the workspace, decides with the keyboard,
accepts every mention of a name, adds redactions by selecting text and by drawing a box, undoes
a decision, reloads to see everything kept, and ``redact apply`` burns in: the output PDFs hold
exactly the accepted redactions and nothing else.

Set ``REDACT_SCREENSHOTS=docs`` to refresh docs/review-overview.png and review-document.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
import uvicorn
from playwright.sync_api import Browser, Locator, Page, Route, expect, sync_playwright

from redact.review.app import create_app, uvicorn_config
from tests.conftest import make_pdf, pdf_text, redact
from tests.test_review_api import BRIEF, NOTITIE, Batch

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# What the scan must propose for the walk-through below: (document, page, text).
EXPECTED = [("brief", 1, "Jan Jansen"), ("brief", 1, "Kerkstraat 12"), ("brief", 1, "1234 AB"),
            ("brief", 1, "Utrecht"), ("brief", 1, "Jansen"), ("brief", 1, "123456782"),
            ("brief", 1, "06-12345678"), ("brief", 1, "jan.jansen@example.nl"),
            ("brief", 2, "Jansen"), ("notitie", 1, "Jansen"),
            ("notitie", 1, "p.devries@example.nl")]


def proposals(root: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(root / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return list(db.execute(
            "SELECT p.*, d.name FROM proposals p JOIN documents d ON d.id = p.document_id "
            "ORDER BY p.id"))
    finally:
        db.close()


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    """A workspace made by ``redact scan``, as a reviewer finds it."""
    inbox, root = tmp_path / "inbox", tmp_path / "ws"
    make_pdf(inbox / "brief.pdf", BRIEF)
    make_pdf(inbox / "notitie.pdf", NOTITIE)
    redact("scan", inbox, "--workspace", root, "--executor", "serial", check=True)
    docs: dict[str, int] = {}
    ids: dict[tuple[str, int, str], int] = {}
    for row in proposals(root):
        stem = Path(row["name"]).stem
        docs[stem] = row["document_id"]
        ids.setdefault((stem, row["page"], row["text"]), row["id"])
    found = sorted(ids)
    assert sorted(EXPECTED) == found, f"the scan now proposes {found}; update this walk-through"
    return Batch(root, docs, ids)


@pytest.fixture
def server(batch: Batch) -> Iterator[str]:
    """The review application on a free loopback port, in a thread of this process."""
    app = create_app(batch.root, "alice")
    srv = uvicorn.Server(uvicorn_config(app, "127.0.0.1", 0))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the review server did not start"
        time.sleep(0.02)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))

    def outside(route: Route) -> None:  # nothing may be loaded from outside the machine
        errors.append(f"external request {route.request.url}")
        route.abort()

    pg.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/|data:)"), outside)
    yield pg
    context.close()
    assert not errors, errors


def card(page: Page, pid: int) -> Locator:
    return page.locator(f"#p-{pid}")


def open_document(page: Page, base: str, doc_id: int, query: str = "") -> None:
    page.goto(f"{base}/documents/{doc_id}{query}")
    page.wait_for_selector("body[data-ready='1']")


def select_text(page: Page, page_number: int, value: str) -> None:
    """Drag the mouse across ``value`` in the original text of one page, as a reviewer would."""
    box = page.evaluate(
        """([n, value]) => {
          const pre = document.querySelector(`pre.pagetext[data-page="${n}"]`);
          const at = pre.textContent.indexOf(value);
          const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
          let seen = 0, range = document.createRange(), node;
          while ((node = walker.nextNode())) {
            const len = node.textContent.length;
            if (seen <= at && at < seen + len) range.setStart(node, at - seen);
            if (seen < at + value.length && at + value.length <= seen + len) {
              range.setEnd(node, at + value.length - seen);
              break;
            }
            seen += len;
          }
          range.startContainer.parentElement.scrollIntoView({block: "center"});
          const r = range.getBoundingClientRect();
          return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        }""", [page_number, value])
    y = (box["top"] + box["bottom"]) / 2
    page.mouse.move(box["left"] + 0.5, y)
    page.mouse.down()
    page.mouse.move((box["left"] + box["right"]) / 2, y, steps=3)
    page.mouse.move(box["right"] - 0.5, y, steps=3)
    page.mouse.up()


def draw_box(page: Page, page_number: int, rect: tuple[float, float, float, float]) -> None:
    """Drag a box on the page image; ``rect`` in PDF points."""
    corners = page.evaluate(
        """([n, rect]) => {
          const svg = document.querySelector(`svg.pageimg[data-page="${n}"]`);
          svg.scrollIntoView({block: "center"});
          const m = svg.getScreenCTM();
          const at = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y;
                                 const q = p.matrixTransform(m); return [q.x, q.y]; };
          return [at(rect[0], rect[1]), at(rect[2], rect[3])];
        }""", [page_number, list(rect)])
    (x0, y0), (x1, y1) = corners
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    page.mouse.move(x1, y1, steps=4)
    page.mouse.up()


def add_redaction(page: Page, entity: str) -> None:
    dialog = page.locator("dialog#manual")
    expect(dialog).to_be_visible()
    page.select_option("#manual-entity", entity)
    with page.expect_navigation():
        page.click("#manual-add")
    page.wait_for_selector("body[data-ready='1']")


def goto(page: Page, pid: int) -> None:
    """Press j until proposal ``pid`` is the current one."""
    for _ in range(30):
        if "current" in (card(page, pid).get_attribute("class") or "").split():
            return
        page.keyboard.press("j")
    raise AssertionError(f"j never reached proposal {pid}")


def expect_status(page: Page, pid: int, status: str) -> None:
    expect(card(page, pid)).to_have_class(re.compile(rf"\bs-{status}\b"))
    expect(card(page, pid).locator(".status")).to_have_text(status)


def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(target))
    folder = os.environ.get("REDACT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, Path(folder) / name)


def test_review_in_the_browser_then_apply(
    batch: Batch, server: str, page: Page, tmp_path: Path
) -> None:
    brief, notitie = batch.docs["brief"], batch.docs["notitie"]
    pid = {text: value for (stem, number, text), value in batch.proposals.items()
           if stem == "brief" and number == 1}
    jansen_p2 = batch.proposals[("brief", 2, "Jansen")]
    jansen_notitie = batch.proposals[("notitie", 1, "Jansen")]
    devries = batch.proposals[("notitie", 1, "p.devries@example.nl")]
    current = re.compile(r"\bcurrent\b")

    # The overview lists both documents, undecided.
    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{brief}'] .badge")).to_have_text("undecided")
    expect(page.locator(f"tr[data-document='{notitie}'] .badge")).to_have_text("undecided")
    with page.expect_navigation():
        page.click(f"tr[data-document='{brief}'] a")
    page.wait_for_selector("body[data-ready='1']")

    # Keyboard: j selects the first proposal, a accepts it and moves on to the next.
    page.keyboard.press("j")
    expect(card(page, pid["Jan Jansen"])).to_have_class(current)
    page.keyboard.press("a")
    expect_status(page, pid["Jan Jansen"], "accepted")
    expect(card(page, pid["Jan Jansen"])).not_to_have_class(current)
    goto(page, pid["Kerkstraat 12"])
    page.keyboard.press("a")
    goto(page, pid["1234 AB"])
    page.keyboard.press("r")
    expect(card(page, pid["Utrecht"])).to_have_class(current)
    page.keyboard.press("r")
    expect_status(page, pid["Kerkstraat 12"], "accepted")
    expect_status(page, pid["1234 AB"], "rejected")
    expect_status(page, pid["Utrecht"], "rejected")
    # Shift+A: every mention of "Jansen" in the batch (3, one in the other document).
    goto(page, pid["Jansen"])
    page.keyboard.press("Shift+A")
    expect_status(page, pid["Jansen"], "accepted")
    expect_status(page, jansen_p2, "accepted")
    expect(page.locator("#toast")).to_contain_text("3 accepted")
    goto(page, pid["123456782"])
    page.keyboard.press("a")
    expect_status(page, pid["123456782"], "accepted")
    expect(card(page, pid["06-12345678"])).to_have_class(current)
    page.keyboard.press("r")
    expect_status(page, pid["06-12345678"], "rejected")
    screenshot(page, "review-document.png", tmp_path)
    # Accept every e-mail address in this document.
    page.click("button[data-entity-accept='EMAIL_ADDRESS']")
    expect_status(page, pid["jan.jansen@example.nl"], "accepted")
    redacted = page.locator("pre.redacted[data-page='1']")
    expect(redacted).to_contain_text("[5.1.1e]")
    expect(redacted).to_contain_text("06-12345678")
    expect(redacted).not_to_contain_text("123456782")

    # Add a redaction by selecting text the scan did not propose.
    select_text(page, 1, "Z/23/012345")
    expect(page.locator("#redact-selection")).to_be_visible()
    page.click("#redact-selection")
    expect(page.locator("#manual-what")).to_contain_text("“Z/23/012345”")
    add_redaction(page, "OTHER")
    expect(page.locator(".card", has_text="Z/23/012345")).to_have_class(
        re.compile(r"\bs-accepted\b"))
    expect(page.locator("pre.redacted[data-page='1']")).not_to_contain_text("Z/23")

    # Add one by drawing a box over "14 april 2024" on page 2.
    left = 72 + pymupdf.get_text_length("Jansen belde op ", "helv", 10.5)
    right = left + pymupdf.get_text_length("14 april 2024", "helv", 10.5)
    draw_box(page, 2, (left - 1, 87.75 - 9, right + 1, 87.75 + 2))
    expect(page.locator("#manual-what")).to_contain_text("box drawn on page 2")
    add_redaction(page, "DATE_OF_BIRTH")
    expect(page.locator(".card", has_text="14 april 2024")).to_have_class(
        re.compile(r"\bs-accepted\b"))
    expect(page.locator("svg.pageimg[data-page='2'] g.box.s-accepted")).to_have_count(2)

    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{brief}'] .badge")).to_have_text("decided")
    expect(page.locator(f"tr[data-document='{notitie}'] .badge")).to_have_text("in review")
    screenshot(page, "review-overview.png", tmp_path)

    # The other document, undecided only: reject, undo, accept.
    open_document(page, server, notitie, "?pending=1")
    expect(page.locator("#f-pending")).to_be_checked()
    expect(card(page, jansen_notitie)).to_have_class(re.compile(r"\bhidden\b"))
    page.keyboard.press("j")
    expect(card(page, devries)).to_have_class(current)
    page.keyboard.press("r")
    expect_status(page, devries, "rejected")
    page.keyboard.press("u")
    expect_status(page, devries, "pending")
    page.keyboard.press("k")  # back to it (it is the only undecided one)
    expect(card(page, devries)).to_have_class(current)
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
    open_document(page, server, brief)
    for r in rows:
        if r["document_id"] == brief:
            expect_status(page, r["id"], r["status"])
    expect(page.locator("#doc-progress-text")).to_have_text("11 of 11 decided")
    page.goto(server + "/")
    expect(page.locator(f"tr[data-document='{notitie}'] .badge")).to_have_text("decided")
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
    expect(page.locator(f"tr[data-document='{brief}'] .badge")).to_have_text("applied")
