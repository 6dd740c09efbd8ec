"""WCAG 2.1 AA on every page of the review, checked by axe-core in Debian's chromium.

axe-core comes from its npm package (``make test`` installs it under ``.cache/axe``); only this
test injects it, into a browser context that may bypass the page's Content-Security-Policy. The
review application itself still loads nothing from outside (the ``page`` fixture of
``tests.browser_kit`` fails any test whose page asks for more).

Each page is checked in the state a reviewer meets it: signed out (the sign-in form, a wrong
password), the overview and its work view, the queue, a document in its page view, its text
view, its "after" view and with the keyboard help open, an error page, and the read-only export.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from redact.config import config_from_dict, defaults
from redact.review.app import create_app
from tests import browser_kit
from tests.browser_kit import Batch, add_user, running, scan_batch, sign_in
from tests.conftest import redact

pytestmark = pytest.mark.browser

browser = browser_kit.browser

AXE = Path(__file__).resolve().parents[1] / ".cache/axe/node_modules/axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "een lang wachtwoord"


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations of the page as it is now, one line each."""
    assert AXE.is_file(), "run `make test` (it installs axe-core from npm into .cache/axe)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                               resultTypes: ["violations"]});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(" "))}));
           }""", WCAG_21_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['nodes'][:5])}"
            for v in found]


def assert_accessible(page: Page, what: str) -> None:
    problems = violations(page)
    assert not problems, f"{what}: " + json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """Two scanned letters, a beoordelaar and a controleur; one document partly decided."""
    made = scan_batch(tmp_path_factory.mktemp("axe"))
    add_user(made.root, "bob", PASSWORD, "beoordelaar")
    add_user(made.root, "anna", PASSWORD, "controleur")
    return made


@pytest.fixture(scope="module")
def server(batch: Batch) -> Iterator[str]:
    with running(create_app(batch.root, "unused")) as base:
        yield base


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """A page whose context lets the test inject axe-core despite the CSP."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def ready(page: Page) -> None:
    page.wait_for_selector("body[data-ready='1']")


def test_sign_in_page_is_accessible(server: str, axe_page: Page) -> None:
    axe_page.goto(server + "/")
    assert_accessible(axe_page, "sign-in page")
    sign_in(axe_page, server, "bob", "not the password")
    assert_accessible(axe_page, "sign-in page after a wrong password")


def test_overview_and_queue_are_accessible(server: str, batch: Batch, axe_page: Page) -> None:
    sign_in(axe_page, server, "bob", PASSWORD)
    axe_page.goto(server + "/")
    assert_accessible(axe_page, "overview")
    axe_page.goto(server + "/?status=pending&entity=PERSON")
    assert_accessible(axe_page, "overview filtered")
    axe_page.goto(server + "/mijn-werk")
    assert_accessible(axe_page, "queue")


def test_document_views_are_accessible(server: str, batch: Batch, axe_page: Page) -> None:
    sign_in(axe_page, server, "anna", PASSWORD)
    brief = batch.docs["brief"]
    axe_page.goto(f"{server}/documents/{brief}")
    ready(axe_page)
    assert_accessible(axe_page, "document, page view")
    axe_page.keyboard.press("j")
    axe_page.keyboard.press("a")
    axe_page.keyboard.press("t")
    assert_accessible(axe_page, "document, after a decision, next view")
    axe_page.keyboard.press("t")
    assert_accessible(axe_page, "document, third view")
    axe_page.keyboard.press("?")
    assert_accessible(axe_page, "document, keyboard help")


def test_error_page_is_accessible(server: str, axe_page: Page) -> None:
    sign_in(axe_page, server, "bob", PASSWORD)
    response = axe_page.goto(server + "/documents/999999")
    assert response is not None and response.status == 404
    assert_accessible(axe_page, "error page")


def test_english_interface_is_accessible(batch: Batch, axe_page: Page) -> None:
    config = config_from_dict({**defaults(), "language": "en"})
    with running(create_app(batch.root, "unused", config=config)) as base:
        sign_in(axe_page, base, "bob", PASSWORD)
        axe_page.goto(base + "/")
        assert re.search(r'lang="en', axe_page.content())
        assert_accessible(axe_page, "overview in English")


def test_export_is_accessible(batch: Batch, axe_page: Page, tmp_path: Path) -> None:
    out = tmp_path / "export"
    redact("review", batch.root, "--export", out, check=True)
    axe_page.goto((out / "index.html").as_uri())
    assert_accessible(axe_page, "export index")
    for html in sorted(out.glob("*.html")):
        if html.name != "index.html":
            axe_page.goto(html.as_uri())
            assert_accessible(axe_page, f"export {html.name}")
