"""Signing in to the review and out again, in Debian's chromium (one test per action).

The workspace has two accounts; the review server runs in this process on a loopback port.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from playwright.sync_api import Page, expect

from redact.config import config_from_dict, defaults
from redact.review.app import create_app
from tests import browser_kit
from tests.browser_kit import (
    SIGN_IN_NAME,
    SIGN_IN_PASSWORD,
    SIGN_IN_SUBMIT,
    SIGN_OUT,
    add_user,
    running,
    sign_in,
    sign_out,
)
from tests.test_review_api import Batch, build_review_workspace

pytestmark = pytest.mark.browser
browser, page = browser_kit.browser, browser_kit.page  # the kit's fixtures, for these tests

PASSWORD = "paard-batterij-niet"  # invented


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    batch = build_review_workspace(tmp_path / "ws", tmp_path / "inbox")
    add_user(batch.root, "alice", PASSWORD, "beoordelaar")
    add_user(batch.root, "bob", "nietjesmachine-42", "controleur")
    return batch


@pytest.fixture
def server(batch: Batch) -> Iterator[str]:
    config = config_from_dict({**defaults(), "language": "en"})
    with running(create_app(batch.root, "nobody", config=config)) as base:
        yield base


def test_sign_in_then_sign_out(batch: Batch, server: str, page: Page) -> None:
    # A page asked for before signing in: the sign-in form, then that very page.
    doc = batch.docs["notitie"]
    page.goto(f"{server}/documents/{doc}")
    expect(page).to_have_url(re.compile(r"/aanmelden\?next="))
    expect(page.locator("h1")).to_have_text("Sign in to the review")
    expect(page.locator(SIGN_IN_NAME)).to_be_focused()
    page.fill(SIGN_IN_NAME, "alice")
    page.fill(SIGN_IN_PASSWORD, PASSWORD)
    with page.expect_navigation():
        page.press(SIGN_IN_PASSWORD, "Enter")
    expect(page).to_have_url(re.compile(rf"^{re.escape(server)}/documents/{doc}(\?page=1)?$"))
    expect(page.locator("header .who")).to_contain_text("alice")
    cookies = page.context.cookies()
    session = [c for c in cookies if c["name"].startswith("redact_session_")]
    assert len(session) == 1
    assert session[0]["httpOnly"] and session[0]["sameSite"] == "Strict"

    sign_out(page)
    expect(page).to_have_url(f"{server}/aanmelden")
    assert not [c for c in page.context.cookies() if c["name"].startswith("redact_session_")]
    page.goto(server + "/")
    expect(page).to_have_url(re.compile(r"/aanmelden\?next=%2F$"))
    expect(page.locator(SIGN_OUT)).to_have_count(0)


def test_a_wrong_password(batch: Batch, server: str, page: Page) -> None:
    sign_in(page, server, "alice", "not-the-password")
    expect(page).to_have_url(f"{server}/aanmelden")
    message = page.locator("#signin-message")
    expect(message).to_have_text("Wrong name or password. Check both and try again.")
    expect(message).to_have_attribute("role", "alert")
    expect(page.locator(SIGN_IN_NAME)).to_have_value("alice")  # kept; the password is not
    expect(page.locator(SIGN_IN_PASSWORD)).to_have_value("")
    expect(page.locator(SIGN_IN_PASSWORD)).to_be_focused()
    page.goto(server + "/")
    expect(page).to_have_url(re.compile(r"/aanmelden"))  # still not signed in
    # The right password then works from the same form.
    sign_in(page, server, "alice", PASSWORD)
    expect(page).to_have_url(server + "/")
    expect(page.locator(SIGN_IN_SUBMIT)).to_have_count(0)


ATTACK = """<!doctype html><html><body>
<form id="out" method="post" action="{review}/afmelden"><input name="csrf" value="guess"></form>
<script>
fetch("{review}/api/proposals/{pid}/decide", {{method: "POST", mode: "no-cors",
  credentials: "include", headers: {{"Content-Type": "text/plain"}},
  body: JSON.stringify({{decision: "accepted", version: 0}})}})
  .catch(() => null)  // the answer is not this page's to read (Cross-Origin-Resource-Policy)
  .then(() => {{ document.getElementById("out").submit(); }});
</script></body></html>"""


def test_a_page_elsewhere_cannot_act_for_the_signed_in_reviewer(
        batch: Batch, server: str, page: Page) -> None:
    """Another site (here: another port, so another origin) that the signed-in reviewer
    visits tries a decision and a sign-out in the reviewer's name: both are refused."""
    pid = batch.proposals[("brief", 1, "123456782")]
    elsewhere = FastAPI()

    @elsewhere.get("/")
    def attack() -> HTMLResponse:
        return HTMLResponse(ATTACK.format(review=server, pid=pid))

    sign_in(page, server, "alice", PASSWORD)
    expect(page.locator("header .who")).to_contain_text("alice")
    with running(elsewhere) as other:
        with page.expect_navigation():  # the forged sign-out form
            page.goto(other + "/")
        expect(page.locator("body")).to_contain_text('"error":"cross_site"')
    with sqlite3.connect(batch.root / "workspace.sqlite") as db:
        assert db.execute("SELECT status, decided_by FROM proposals WHERE id = ?",
                          (pid,)).fetchone() == ("pending", None)
    page.goto(server + "/")
    expect(page).to_have_url(server + "/")  # still signed in
    expect(page.locator("header .who")).to_contain_text("alice")
