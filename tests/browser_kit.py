"""The shared kit of the browser tests: Debian's chromium through Playwright, the review server
in a thread of the test process, and the gestures of a reviewer (sign in, select text).

Import what a test module needs explicitly, fixtures included::

    from tests import browser_kit
    from tests.browser_kit import running, sign_in

    browser, page = browser_kit.browser, browser_kit.page  # the fixtures, for pytest

The ``page`` fixture fails the test on a script error or on any request that leaves the machine.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, Route, sync_playwright

from redact import accounts
from redact.review.app import uvicorn_config
from redact.workspace import Workspace
from tests.conftest import make_pdf, redact
from tests.test_review_api import BRIEF, NOTITIE, Batch

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The sign-in form (redact/review/templates/login.html).
SIGN_IN_PATH = "/aanmelden"
SIGN_IN_NAME = "#signin-name"
SIGN_IN_PASSWORD = "#signin-password"
SIGN_IN_SUBMIT = "#signin-submit"
SIGN_OUT = "#sign-out"  # the button in the header of every page

# What ``redact scan`` proposes for the two letters of tests/test_review_api.py: (document,
# page, text).
EXPECTED = [("brief", 1, "Jan Jansen"), ("brief", 1, "Kerkstraat 12"), ("brief", 1, "1234 AB"),
            ("brief", 1, "Utrecht"), ("brief", 1, "Jansen"), ("brief", 1, "123456782"),
            ("brief", 1, "06-12345678"), ("brief", 1, "jan.jansen@example.nl"),
            ("brief", 2, "Jansen"), ("notitie", 1, "Jansen"),
            ("notitie", 1, "p.devries@example.nl")]


# -- the workspace -----------------------------------------------------------------------------


def proposals(root: Path) -> list[sqlite3.Row]:
    """Every proposal of the workspace, with its document's name, read straight from SQLite."""
    db = sqlite3.connect(root / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return list(db.execute(
            "SELECT p.*, d.name FROM proposals p JOIN documents d ON d.id = p.document_id "
            "ORDER BY p.id"))
    finally:
        db.close()


def scan_batch(tmp_path: Path) -> Batch:
    """A workspace made by the real ``redact scan`` of two letters, as a reviewer finds it."""
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
    assert sorted(EXPECTED) == found, f"the scan now proposes {found}; update the browser tests"
    return Batch(root, docs, ids)


def add_user(root: Path, name: str, password: str | None, role: str = "beoordelaar") -> None:
    """An account in the workspace at ``root``, as ``redact users add`` makes it (the CLI
    itself is tested in tests/test_accounts.py; this is quicker)."""
    with Workspace.open(root) as ws:
        accounts.add_user(ws, name, role, password, "test")


# -- the server and the browser ----------------------------------------------------------------


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread of this process; yields the base URL
    (``http://127.0.0.1:PORT``)."""
    srv = uvicorn.Server(uvicorn_config(app, "127.0.0.1", 0))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the review server did not start"
        time.sleep(0.02)
    port = srv.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
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
    """A fresh browser context (no cookies) and page; a script error or a request to anywhere
    but the loopback fails the test."""
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


# -- a reviewer's gestures ---------------------------------------------------------------------


def sign_in(page: Page, base: str, name: str, password: str) -> None:
    """Open the sign-in page, fill in the form and send it; waits for the page that follows
    (the overview, or the sign-in form again with a message when the password is wrong)."""
    page.goto(base + SIGN_IN_PATH)
    page.fill(SIGN_IN_NAME, name)
    page.fill(SIGN_IN_PASSWORD, password)
    with page.expect_navigation():
        page.click(SIGN_IN_SUBMIT)


def sign_out(page: Page) -> None:
    """Press the sign-out button in the page header; waits for the sign-in page."""
    with page.expect_navigation():
        page.click(SIGN_OUT)


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


def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    """A screenshot of the page's top; with ``REDACT_SCREENSHOTS=FOLDER`` also copied there."""
    target = tmp_path / name
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(target))
    folder = os.environ.get("REDACT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, Path(folder) / name)
