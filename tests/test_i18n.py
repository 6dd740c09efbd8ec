"""The review speaks Dutch first and English as a setting, through one message catalogue.

The catalogue test extracts every msgid from the review's templates, scripts and Python as
``make translations`` does (babel.cfg) and asks for a Dutch translation of each, with the same
placeholders; the page tests read what the reviewer sees (the overview, the export, the API's
messages, the error page) in either language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from redact.config import config_from_dict, defaults
from redact.errors import UsageError
from redact.review import i18n
from redact.review.app import create_app
from redact.review.export import export
from redact.workspace import Workspace
from tests.test_accounts import add, sign_in
from tests.test_review_api import BASE, Batch, TestClient, build_review_workspace, csrf, post

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "redact" / "review" / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "t": None,
            "tn": (1, 2)}
BEA_PW = "zeven-kleine-lakjes"  # invented, at least 12 characters
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")

# Words of the English interface that must not be left on a Dutch page.
ENGLISH_LABELS = ("Batch overview", "Proposals per entity type", "Documents", "undecided",
                  "proposals decided", "signed in as", "Search and redact", "Propose everywhere",
                  "regular expression", "motivation (required")
DUTCH_LABELS = ("Overzicht", "Voorstellen per soort gegeven", "Documenten", "niet beoordeeld",
                "voorstellen beoordeeld", "aangemeld als", "Zoeken en lakken",
                "Overal voorstellen")


def extracted() -> dict[str, set[str]]:
    """Every msgid (a plural by its singular) in the review's sources, with the files it is in:
    what `make translations` finds."""
    method_map = [("redact/review/**.py", "python"), ("redact/review/templates/**.html", "jinja2"),
                  ("redact/review/static/**.js", "javascript")]
    options = {"redact/review/templates/**.html": {"trim_blocks": "true",
                                                   "lstrip_blocks": "true"}}
    found: dict[str, set[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, set()).add(filename)
    return found


def dutch() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="nl")


def placeholders(text: str) -> set[str]:
    return {m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1)}


# -- the catalogue ---------------------------------------------------------------------------


def test_every_msgid_has_a_dutch_translation() -> None:
    """Fails, naming them, while a msgid of the templates, scripts or Python has no Dutch (run
    `make translations`, translate, or merge the helpers' fragments)."""
    catalog = dutch()
    missing = []
    for msgid, where in sorted(extracted().items()):
        message = catalog.get(msgid)
        strings = () if message is None else (
            message.string if isinstance(message.string, tuple | list) else (message.string,))
        if (message is None or "fuzzy" in message.flags or not strings
                or not all(isinstance(s, str) and s.strip() for s in strings)):
            missing.append(f"{', '.join(sorted(where))}: {msgid!r}")
    assert not missing, f"{len(missing)} msgid(s) without Dutch:\n" + "\n".join(missing)


def test_translations_keep_the_placeholders() -> None:
    """The same %(name)s placeholders in msgid and msgstr (a plural's form may leave out its
    %(num)s: "één voorstel"), and no lone % (it must be %%)."""
    wrong = []
    for message in dutch():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = (message.string if isinstance(message.string, tuple | list)
                   else (message.string,))
        expected = set().union(*(placeholders(i) for i in ids))
        optional = {"num"} if len(ids) > 1 else set()
        for text in filter(None, strings):
            got = placeholders(text)
            if not (got <= expected and expected - got <= optional):
                wrong.append(f"{ids[0]!r} -> {text!r}")
            if "%" in PLACEHOLDER.sub("", text):
                wrong.append(f"a lone % in {text!r} (write %%)")
    assert not wrong, "\n".join(wrong)


def test_the_scripts_msgids_are_found() -> None:
    scripts = {ids[0] for ids in i18n.js_msgids()}
    assert {"Not saved: %(reason)s", "The review server cannot be reached: nothing was saved.",
            "page %(page)s (%(ground)s)"} <= scripts
    extracted_js = {m for m, where in extracted().items() if any(w.endswith(".js") for w in where)}
    assert scripts == extracted_js  # the page's block carries what extraction finds


def test_python_messages_follow_the_language() -> None:
    with i18n.using("nl"):
        assert i18n._("There is no document %(id)s.", id=7) == "Document 7 bestaat niet."
        assert i18n.ngettext("in %(num)s document", "in %(num)s documents", 2) == (
            "in 2 documenten")
        assert i18n.label("accepted") == "gelakt" and i18n.label("NL_BSN").startswith("burger")
    with i18n.using("en"):
        assert i18n._("There is no document %(id)s.", id=7) == "There is no document 7."
        assert i18n.label("accepted") == "accepted"
        assert i18n.js_catalog() == {}  # English: the msgids themselves
    with pytest.raises(ValueError):
        i18n.check("de")


def test_the_language_setting_is_validated() -> None:
    assert config_from_dict(defaults()).language == "nl"
    assert config_from_dict({**defaults(), "language": "en"}).language == "en"
    with pytest.raises(UsageError, match="language must be one of nl, en"):
        config_from_dict({**defaults(), "language": "de"})


def test_merging_fragments_keeps_existing_translations(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    target = Catalog(locale="nl")
    target.add("Sign out", "Afmelden")
    target.add("Comments", "")
    target.add("Undo", "Herstel", flags=("fuzzy",))
    with po.open("wb") as fh:
        write_po(fh, target)
    fragment = tmp_path / "h9.po"
    fragment.write_text('msgid "Sign out"\nmsgstr "Uitloggen"\n\n'
                        'msgid "Comments"\nmsgstr "Opmerkingen"\n\n'
                        'msgid "Undo"\nmsgstr "Ongedaan maken"\n\n'
                        'msgid "New"\nmsgstr "Nieuw"\n', "utf-8")
    notes = i18n.merge(po, [fragment])
    with po.open("rb") as fh:
        merged = read_po(fh, locale="nl")
    assert merged.get("Sign out").string == "Afmelden"  # kept, and reported
    assert merged.get("Comments").string == "Opmerkingen"
    undo = merged.get("Undo")
    assert undo.string == "Ongedaan maken" and "fuzzy" not in undo.flags
    assert merged.get("New").string == "Nieuw"
    assert any("kept the existing translation of 'Sign out'" in n for n in notes)
    assert any("added 'New'" in n for n in notes)


# -- what the reviewer sees ------------------------------------------------------------------


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    return build_review_workspace(tmp_path / "ws", tmp_path / "inbox")


def client(batch: Batch, language: str | None = None) -> TestClient:
    config = config_from_dict({**defaults(), "language": language} if language else defaults())
    return TestClient(create_app(batch.root, "alice", config=config), base_url=BASE)


def catalogue_block(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="i18n-catalog">(.*?)</script>', html)
    assert match, "the page carries its scripts' translations"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_the_overview_is_dutch_by_default(batch: Batch) -> None:
    with client(batch) as c:
        answer = c.get("/")
        html = answer.text
    assert '<html lang="nl">' in html and answer.headers["content-language"] == "nl"
    for label in DUTCH_LABELS:
        assert label in html, label
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
    for label in ENGLISH_LABELS:
        assert label not in visible, f"English left on the Dutch page: {label!r}"
    block = catalogue_block(html)
    assert block["Not saved: %(reason)s"] == "Niet opgeslagen: %(reason)s"
    assert '<script src="/static/i18n.js">' in html  # the block is data, read by a file


def test_language_en_renders_english(batch: Batch) -> None:
    with client(batch, "en") as c:
        html = c.get("/").text
        r = post(c, "/api/proposals/999999/decide", {"decision": "accepted", "version": 0})
    assert '<html lang="en">' in html
    for label in ("Batch overview", "Proposals per entity type", "undecided",
                  "0 of 8 proposals decided (0%)", "Propose everywhere"):
        assert label in html, label
    assert catalogue_block(html) == {}
    assert 'data-language="nl"' in html  # the switch offers Dutch
    assert r.status_code == 404 and r.json()["message"] == "There is no proposal 999999."


def test_api_messages_are_dutch(batch: Batch) -> None:
    pid = batch.proposals[("brief", 1, "Jansen")]
    with client(batch) as c:
        token = csrf(c)
        r = post(c, f"/api/proposals/{pid}/mentions", {"decision": "accepted", "version": 0},
                 token)
        assert r.status_code == 200 and r.json()["message"] == "3 gelakt"
        undo = post(c, "/api/revert", {"items": r.json()["undo"]}, token)
        assert undo.json()["message"] == "ongedaan gemaakt: 3 teruggezet"
        stale = post(c, f"/api/proposals/{pid}/decide", {"decision": "rejected", "version": 0},
                     token)
        assert stale.status_code == 409
        assert stale.json()["message"].startswith(f"Voorstel {pid} (persoon, pagina 1) is door "
                                                  "een andere beoordelaar gewijzigd")
        r = post(c, f"/api/proposals/{pid}/decide", {"decision": "maybe", "version": 2}, token)
        assert r.status_code == 400 and r.json()["message"] == "Onbekend besluit 'maybe'."
        r = post(c, "/api/proposals/999999/decide", {"decision": "accepted", "version": 0},
                 token)
        assert r.status_code == 404 and r.json()["message"] == "Voorstel 999999 bestaat niet."


def test_the_switch_sets_the_sessions_language(batch: Batch) -> None:
    with client(batch) as c:
        token = csrf(c)
        assert c.post("/api/language", json={"language": "en"}).status_code == 403  # no token
        r = post(c, "/api/language", {"language": "de"}, token)
        assert r.status_code == 400 and "nl, en" in r.json()["message"]
        r = post(c, "/api/language", {"language": "en"}, token)
        assert r.status_code == 200 and r.json()["message"] == "Language: English"
        cookie = r.headers["set-cookie"]
        assert "redact_language=en" in cookie and "HttpOnly" in cookie
        assert "samesite=strict" in cookie.lower()
        assert '<html lang="en">' in c.get("/").text
        r = post(c, "/api/language", {"language": "nl"}, token)
        assert r.json()["message"] == "Taal: Nederlands" and '<html lang="nl">' in c.get("/").text


def test_error_pages_are_dutch(batch: Batch) -> None:
    with client(batch) as c:
        page = c.get("/no-such-page", headers={"accept": "text/html"})
        assert page.status_code == 404 and '<html lang="nl">' in page.text
        assert "Deze pagina bestaat niet (meer)." in page.text and "Niet gevonden" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        data = c.get("/no-such-page", headers={"accept": "application/json"})
        assert data.status_code == 404
        assert data.json() == {"error": "not_found",
                               "message": "Deze pagina bestaat niet (meer)."}
        missing = c.get("/documents/999999", headers={"accept": "text/html"})
        assert missing.status_code == 404 and "Document 999999 bestaat niet." in missing.text
        assert c.get("/documents/999999").json()["message"] == "Document 999999 bestaat niet."
        invalid = c.get("/documents/abc", headers={"accept": "text/html"})
        assert invalid.status_code == 422 and "Het adres of het verzoek is niet geldig." in (
            invalid.text)


def test_the_export_is_dutch(batch: Batch, tmp_path: Path) -> None:
    export(batch.root, tmp_path / "nl", reviewer="alice")
    index = (tmp_path / "nl" / "index.html").read_text("utf-8")
    assert '<html lang="nl">' in index and "Export van de beoordeling" in index
    assert "0 van 8 voorstellen beoordeeld" in index and "alleen-lezen export" in index
    assert "niet beoordeeld" in index and "Review export" not in index
    document = (tmp_path / "nl" / "brief.html").read_text("utf-8")
    assert '<html lang="nl">' in document
    export(batch.root, tmp_path / "en", reviewer="alice", language="en")
    english = (tmp_path / "en" / "index.html").read_text("utf-8")
    assert '<html lang="en">' in english and "Review export" in english


def test_a_signed_in_account_keeps_its_language(batch: Batch) -> None:
    """The switch, used by a signed-in reviewer, is kept with the account (users.language), so
    that it follows the person to another browser; it is recorded like every account change."""
    add(batch.root, "bea", BEA_PW)

    def browser() -> TestClient:  # a fresh one: no cookies
        return TestClient(create_app(batch.root, "solo"), base_url=BASE,
                          follow_redirects=False)

    with browser() as first:
        assert sign_in(first, "bea", BEA_PW).status_code == 303
        assert '<html lang="nl">' in first.get("/").text  # Dutch by default
        r = post(first, "/api/language", {"language": "en"}, csrf(first))
        assert r.status_code == 200
    with Workspace.open(batch.root) as ws:
        user = ws.user("bea")
        assert user is not None and user.language == "en"
    changes = [json.loads(line)["data"] for line in
               (batch.root / "audit.jsonl").read_text("utf-8").splitlines()
               if '"user_changed"' in line]
    assert changes[-1] == {"name": "bea", "change": "language", "role": "beoordelaar",
                           "operator": "bea"}
    with browser() as second:
        assert sign_in(second, "bea", BEA_PW).status_code == 303
        overview = second.get("/")
        assert '<html lang="en">' in overview.text
        assert overview.headers["content-language"] == "en"
