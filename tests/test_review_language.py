"""The Dutch and the English interface in Debian's chromium: the server's words, the scripts'
words (``t`` in static/i18n.js, fed by the page's catalogue block) and the API's messages that
the scripts show, in the language of the configuration or of the switch in the header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from redact.config import config_from_dict, defaults
from redact.review import i18n
from redact.review.app import create_app
from tests import browser_kit
from tests.browser_kit import open_document, running, scan_batch, screenshot
from tests.test_review_api import Batch

pytestmark = pytest.mark.browser
browser, page = browser_kit.browser, browser_kit.page  # the kit's fixtures, for these tests


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """One workspace made by ``redact scan`` for the module; the tests decide only the first
    proposal of one document, each in a way that does not depend on the others."""
    return scan_batch(tmp_path_factory.mktemp("language"))


@pytest.fixture
def dutch(batch: Batch) -> Iterator[str]:
    """The review as installed: no language configured, so Dutch."""
    with running(create_app(batch.root, "alice")) as base:
        yield base


@pytest.fixture
def english(batch: Batch) -> Iterator[str]:
    """The review with ``"language": "en"`` in its configuration."""
    config = config_from_dict({**defaults(), "language": "en"})
    with running(create_app(batch.root, "alice", config=config)) as base:
        yield base


def counter(language: str) -> re.Pattern[str]:
    """The document's progress line after one decision, as the script writes it (``t``): the
    catalogue's words for the language, any total."""
    with i18n.using(language):
        words = i18n.translations(language).gettext("%(n)s of %(total)s decided")
    return re.compile(re.escape(words).replace(re.escape("%(n)s"), "1")
                      .replace(re.escape("%(total)s"), r"\d+"))


def term_refused(page: Page) -> None:
    """Ask for a term under a ground that needs a motivation, without one: refused, and the
    script says so (its own words around the server's message)."""
    page.fill("#t-text", "Kerkstraat")
    page.select_option("#t-ground", "5.1.2i")
    page.click("#t-add")


def decide_first(page: Page, base: str, doc: int) -> None:
    """Open a document and accept its first proposal with the keyboard (j, a)."""
    open_document(page, base, doc)
    page.keyboard.press("j")
    page.keyboard.press("a")


def test_the_dutch_interface(batch: Batch, dutch: str, page: Page, tmp_path: Path) -> None:
    brief = batch.docs["brief"]
    page.goto(dutch + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("Overzicht")
    expect(page.locator(f"tr[data-document='{brief}'] .badge").first).to_have_text(
        "niet beoordeeld")
    expect(page.locator("button.lang-switch")).to_have_text("English")
    term_refused(page)
    expect(page.locator("#t-result")).to_have_text(re.compile(
        r"^Niet opgeslagen: Grond 5\.1\.2i vraagt een motivering"))
    decide_first(page, dutch, brief)
    expect(page.locator("#toast")).to_have_text("1 gelakt")
    expect(page.locator("#doc-progress-text")).to_have_text(counter("nl"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.goto(dutch + "/")
    screenshot(page, "review-overview.png", tmp_path)  # the README's picture (REDACT_SCREENSHOTS)


def test_the_english_interface(batch: Batch, english: str, page: Page) -> None:
    brief = batch.docs["brief"]
    page.goto(english + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Batch overview")
    expect(page.locator(f"tr[data-document='{brief}'] .badge").first).to_have_text(
        re.compile("undecided|in review"))  # the Dutch test may have decided one already
    expect(page.locator("button.lang-switch")).to_have_text("Nederlands")
    term_refused(page)
    expect(page.locator("#t-result")).to_have_text(re.compile(
        r"^Not saved: Ground 5\.1\.2i needs a motivation"))
    open_document(page, english, brief)
    page.keyboard.press("j")
    page.keyboard.press("r")
    expect(page.locator("#toast")).to_have_text("1 rejected")
    expect(page.locator("#doc-progress-text")).to_have_text(counter("en"))


def test_the_switch_in_the_header(batch: Batch, dutch: str, page: Page) -> None:
    page.goto(dutch + "/")
    expect(page.locator("h1")).to_have_text("Overzicht")
    with page.expect_navigation():
        page.click("button.lang-switch[data-language='en']")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Batch overview")
    open_document(page, dutch, batch.docs["notitie"])  # the session keeps its choice
    expect(page.locator("html")).to_have_attribute("lang", "en")
    with page.expect_navigation():
        page.click("button.lang-switch[data-language='nl']")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_the_error_page_is_dutch(dutch: str, page: Page) -> None:
    page.goto(dutch + "/documents/999999")  # a link to a document that is not there
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("Niet gevonden")
    expect(page.locator("#error-message")).to_have_text("Document 999999 bestaat niet.")
    expect(page.locator("a.button")).to_have_text("Terug naar het overzicht")
