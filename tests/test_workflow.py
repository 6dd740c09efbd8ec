"""The team's review: gereed, four eyes, send-backs, assignments, comments, the queue and the
work views (``redact.workflow``, ``redact.review.work``), and the apply gate through the real
command line.

Workspaces come from the real ``redact scan`` of two letters (scanned once, copied per test);
decisions are made with the real ``redact decide --reviewer X``, which count as X's.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import warnings
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from redact import accounts, workflow
from redact.review import work
from redact.review.app import create_app
from redact.review.security import Guard
from redact.review.work import person_key
from redact.workflow import (
    APPROVED,
    OPEN,
    READY,
    SENT_BACK,
    NoSuchDocument,
    NotAllowed,
    ReviewFacts,
    WorkflowError,
    WrongState,
)
from redact.workspace import Workspace
from tests.conftest import make_pdf, redact
from tests.test_review_api import BRIEF, NOTITIE

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # see tests/test_review_api.py
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8765"
PASSWORD = "een lang wachtwoord"  # for invented accounts only


@dataclass(frozen=True)
class Person:
    name: str
    role: str


ANNA = Person("anna", "beoordelaar")
BRAM = Person("bram", "controleur")
CAROLA = Person("carola", "controleur")

# -- the rules, as tables ---------------------------------------------------------------------

DECIDED_BY_ANNA = ReviewFacts(1, READY, by="anna", deciders=frozenset({"anna"}),
                              at="2026-01-01T10:00:00.000000Z",
                              last_decision="2026-01-01T09:00:00.000000Z")


@pytest.mark.parametrize(("who", "facts", "refusal"), [
    (BRAM, DECIDED_BY_ANNA, None),
    (ANNA, DECIDED_BY_ANNA, NotAllowed),  # a beoordelaar never approves
    (CAROLA, ReviewFacts(1, READY, by="anna", deciders=frozenset({"anna", "carola"})),
     NotAllowed),  # four eyes: she decided one of its proposals
    (BRAM, ReviewFacts(1, READY, by="bram"), NotAllowed),  # he marked it gereed himself
    (BRAM, ReviewFacts(1, OPEN, deciders=frozenset({"anna"})), WrongState),  # not gereed yet
    (BRAM, ReviewFacts(1, SENT_BACK, by="carola"), WrongState),
    (BRAM, ReviewFacts(1, READY, by="anna", pending=2), WrongState),
    (CAROLA, ReviewFacts(1, APPROVED, by="bram", at="2026-01-01T10:00:00Z"), WrongState),
], ids=["other-controleur", "beoordelaar", "decided-herself", "marked-it-himself", "open",
        "sent-back", "undecided-left", "approved-already"])
def test_who_may_approve(who: Person, facts: ReviewFacts,
                         refusal: type[WorkflowError] | None) -> None:
    found = workflow.approve_refusal(who, facts)
    assert (None if found is None else type(found)) is refusal


@pytest.mark.parametrize(("facts", "refusal"), [
    (ReviewFacts(1, OPEN), None),
    (ReviewFacts(1, SENT_BACK, by="bram", comment="pagina 2"), None),
    (ReviewFacts(1, OPEN, pending=3), WrongState),
    (ReviewFacts(1, READY, by="anna"), WrongState),
    (ReviewFacts(1, APPROVED, by="bram", at="2026-01-01T10:00:00Z"), WrongState),
], ids=["open", "sent-back", "undecided-left", "gereed", "approved"])
def test_who_may_mark_ready(facts: ReviewFacts, refusal: type[WorkflowError] | None) -> None:
    found = workflow.ready_refusal(ANNA, facts)
    assert (None if found is None else type(found)) is refusal


@pytest.mark.parametrize(("who", "facts", "comment", "refusal"), [
    (BRAM, DECIDED_BY_ANNA, "Pagina 2: naam gemist", None),
    (BRAM, DECIDED_BY_ANNA, "   ", WorkflowError),  # a send-back says why
    (ANNA, DECIDED_BY_ANNA, "graag nog eens", NotAllowed),
    (BRAM, ReviewFacts(1, OPEN), "nog niet klaar", WrongState),
    (BRAM, ReviewFacts(1, APPROVED, by="carola", at="2026-01-01T10:00:00Z"), "toch niet", None),
], ids=["with-comment", "without-comment", "beoordelaar", "open", "approved"])
def test_who_may_send_back(who: Person, facts: ReviewFacts, comment: str,
                           refusal: type[WorkflowError] | None) -> None:
    found = workflow.send_back_refusal(who, facts, comment)
    assert (None if found is None else type(found)) is refusal


@pytest.mark.parametrize(("who", "assignee", "current", "people", "refusal"), [
    (BRAM, "anna", None, (), None),  # a controleur assigns anyone
    (ANNA, "anna", None, (), None),  # a beoordelaar takes a document
    (ANNA, None, "anna", (), None),  # ... and gives back her own
    (ANNA, "bram", None, (), NotAllowed),
    (ANNA, None, "bram", (), NotAllowed),
    (BRAM, "dirk", None, ("anna", "bram"), WorkflowError),  # no such account
    (BRAM, " ", None, (), WorkflowError),
], ids=["controleur", "take", "give-back", "give-to-other", "take-from-other", "unknown",
        "blank"])
def test_who_may_assign(who: Person, assignee: str | None, current: str | None,
                        people: tuple[str, ...], refusal: type[WorkflowError] | None) -> None:
    found = workflow.assign_refusal(who, ReviewFacts(1, OPEN, assignee=current), assignee, people)
    assert (None if found is None else type(found)) is refusal


@pytest.mark.parametrize(("facts", "approved", "state"), [
    (ReviewFacts(1, APPROVED, by="bram", at="2026-01-01T10:00:00Z",
                 deciders=frozenset({"anna"}), last_decision="2026-01-01T09:00:00Z"),
     True, APPROVED),
    # a decision after the approval voids it: gereed again, waiting for a fresh approval
    (ReviewFacts(1, APPROVED, by="bram", at="2026-01-01T10:00:00Z",
                 deciders=frozenset({"anna"}), last_decision="2026-01-01T11:00:00Z"),
     False, READY),
    # the approver decided too (after the approval: voided; counted as a decider either way)
    (ReviewFacts(1, APPROVED, by="bram", at="2026-01-01T10:00:00Z",
                 deciders=frozenset({"anna", "bram"}), last_decision="2026-01-01T09:00:00Z"),
     False, APPROVED),
    (ReviewFacts(1, READY, by="anna"), False, READY),
    (ReviewFacts(1, OPEN), False, OPEN),
], ids=["approved", "decided-after", "approver-decided", "gereed", "open"])
def test_what_apply_may_burn_in(facts: ReviewFacts, approved: bool, state: str) -> None:
    assert workflow.approved(facts) is approved
    assert facts.state == state


# -- the workspace -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two letters scanned by the real ``redact scan`` (copied by each test that uses them)."""
    base = tmp_path_factory.mktemp("workflow")
    make_pdf(base / "inbox" / "brief.pdf", BRIEF)
    make_pdf(base / "inbox" / "notitie.pdf", NOTITIE)
    redact("scan", base / "inbox", "--workspace", base / "ws", "--executor", "serial",
           check=True)
    return base / "ws"


@pytest.fixture
def ws_root(scanned: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(scanned, root)
    return root


def doc_ids(root: Path) -> dict[str, int]:
    with Workspace.open(root) as ws:
        return {Path(d.name).stem: d.id for d in ws.documents(status="scanned")}


def decide(root: Path, reviewer: str, *args: str) -> None:
    redact("decide", root, "--accept-all", "--reviewer", reviewer, *args, check=True)


def events(root: Path, kind: str) -> list[dict[str, object]]:
    with Workspace.open(root) as ws:
        return [r["data"] for r in ws.audit_records() if r["event"] == kind]


def test_gereed_needs_every_proposal_decided(ws_root: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    with Workspace.open(ws_root) as ws:
        with pytest.raises(WrongState, match="still undecided"):
            workflow.mark_ready(ws, brief, ANNA)
    decide(ws_root, "anna")
    with Workspace.open(ws_root) as ws:
        facts = workflow.mark_ready(ws, brief, ANNA)
    assert (facts.state, facts.by, facts.deciders) == (READY, "anna", frozenset({"anna"}))
    assert events(ws_root, "document_ready") == [{"document": brief, "reviewer": "anna"}]


def test_the_person_who_decided_cannot_approve(ws_root: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    decide(ws_root, "carola")  # a controleur who decided, scripted: her decisions
    with Workspace.open(ws_root) as ws:
        workflow.mark_ready(ws, brief, ANNA)
        with pytest.raises(NotAllowed, match="four eyes"):
            workflow.approve(ws, brief, CAROLA)
        facts = workflow.approve(ws, brief, BRAM)
    assert facts.state == APPROVED and workflow.approved(facts)
    assert events(ws_root, "document_approved") == [
        {"document": brief, "reviewer": "bram", "deciders": ["carola"]}]


def test_a_decision_after_the_approval_voids_it(ws_root: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    decide(ws_root, "anna")
    with Workspace.open(ws_root) as ws:
        workflow.mark_ready(ws, brief, ANNA)
        workflow.approve(ws, brief, BRAM)
    decide(ws_root, "anna", "--redecide")
    with Workspace.open(ws_root) as ws:
        facts = workflow.facts_of(ws, brief)
        assert facts.voided and facts.state == READY and not workflow.approved(facts)
        assert workflow.approve(ws, brief, BRAM).state == APPROVED  # a fresh approval


def test_releasing_a_withheld_page_after_the_approval_voids_it(ws_root: Path,
                                                               tmp_path: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    decide(ws_root, "anna")
    redact("judge", ws_root, str(brief), "--page", "2", "--ground", "5.1.2e", "--reviewer",
           "anna", check=True)
    with Workspace.open(ws_root) as ws:
        workflow.mark_ready(ws, brief, ANNA)
        workflow.approve(ws, brief, BRAM)
    redact("judge", ws_root, str(brief), "--release-page", "2", "--reviewer", "carola",
           check=True)
    with Workspace.open(ws_root) as ws:
        facts = workflow.facts_of(ws, brief)
        assert facts.voided and facts.state == READY and not workflow.approved(facts)
        assert facts.deciders == frozenset({"anna", "carola"})  # the release is hers
        with pytest.raises(NotAllowed, match="four eyes"):
            workflow.approve(ws, brief, CAROLA)
    run = redact("apply", ws_root, "--out", tmp_path / "out", "--config", four_eyes(tmp_path),
                 "--executor", "serial", check=True)
    assert "applied 0 document(s)" in run.stdout and "2 waiting for approval" in run.stdout
    assert "approval voided by a later decision" in redact("status", ws_root, check=True).stdout
    with Workspace.open(ws_root) as ws:
        assert workflow.approve(ws, brief, BRAM).state == APPROVED  # a fresh approval


def test_a_send_back_lands_in_the_reviewers_queue_with_its_comment(ws_root: Path) -> None:
    ids = doc_ids(ws_root)
    decide(ws_root, "anna")
    with Workspace.open(ws_root) as ws:
        workflow.mark_ready(ws, ids["brief"], ANNA)
        assert [i.document.id for i in workflow.queue(ws, BRAM).to_approve] == [ids["brief"]]
        assert [i.document.id for i in workflow.queue(ws, ANNA).waiting] == [ids["brief"]]
        facts = workflow.send_back(ws, ids["brief"], BRAM, "Pagina 2: de naam is gemist.")
        assert (facts.state, facts.assignee) == (SENT_BACK, "anna")
        queue = workflow.queue(ws, ANNA)
        assert [(i.document.id, i.facts.comment) for i in queue.sent_back] == [
            (ids["brief"], "Pagina 2: de naam is gemist.")]
        assert queue.team == (("anna", 1, 0),)
        assert workflow.queue(ws, BRAM).to_approve == ()
    assert events(ws_root, "document_sent_back") == [
        {"document": ids["brief"], "reviewer": "bram", "comment": "Pagina 2: de naam is gemist.",
         "assignee": "anna", "comment_id": 1}]
    with Workspace.open(ws_root) as ws:  # the send-back stays among the document's comments
        assert [(c.author, c.page, c.text) for c in ws.comments(ids["brief"])] == [
            ("bram", None, "Pagina 2: de naam is gemist.")]


def test_a_comment_on_a_proposal_names_its_page(ws_root: Path) -> None:
    ids = doc_ids(ws_root)
    with Workspace.open(ws_root) as ws:
        on_page_2 = next(p for p in ws.proposals(ids["brief"]) if p.page == 2)
        other = ws.proposals(ids["notitie"])[0]
        row = workflow.comment(ws, ids["brief"], ANNA, "  Is dit de aanvrager?  ",
                               proposal=on_page_2.id)
        assert (row.page, row.proposal_id, row.text, row.author) == (
            2, on_page_2.id, "Is dit de aanvrager?", "anna")
        with pytest.raises(NoSuchDocument):
            workflow.comment(ws, ids["brief"], ANNA, "elders", proposal=other.id)
        with pytest.raises(NoSuchDocument):
            workflow.comment(ws, ids["brief"], ANNA, "te ver", page=3)
        with pytest.raises(WorkflowError, match="Write a comment"):
            workflow.comment(ws, ids["brief"], ANNA, "   ")
        assert [c.id for c in ws.comments(ids["brief"])] == [row.id]


def test_the_trail_reads_back_and_verifies_after_the_team_worked(ws_root: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    decide(ws_root, "anna")
    with Workspace.open(ws_root) as ws:
        workflow.assign(ws, brief, BRAM, "anna")
        workflow.comment(ws, brief, BRAM, "Let op de bijlage.", page=2)
        workflow.mark_ready(ws, brief, ANNA)
        workflow.send_back(ws, brief, BRAM, "Bijlage nog eens bekijken.")
        workflow.mark_ready(ws, brief, ANNA)
        workflow.approve(ws, brief, BRAM)
    history = redact("audit", ws_root, str(brief), check=True).stdout
    for line in ("bram assigned it to anna", "bram commented on page 2", "anna marked it gereed",
                 "bram sent it back to anna, with a comment", "bram approved it (decided by anna)"):
        assert line in history
    assert "Bijlage nog eens" not in history  # the comment stays in the trail, not the listing


# -- the apply gate, through the command line ---------------------------------------------------


def four_eyes(tmp_path: Path) -> Path:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"four_eyes": True}))
    return config


def test_apply_waits_for_approval_under_four_eyes(ws_root: Path, tmp_path: Path) -> None:
    ids = doc_ids(ws_root)
    config, out = four_eyes(tmp_path), tmp_path / "out"
    decide(ws_root, "anna")
    run = redact("apply", ws_root, "--out", out, "--config", config, "--executor", "serial",
                 check=True)
    assert "applied 0 document(s)" in run.stdout
    assert "0 waiting for decisions, 2 waiting for approval" in run.stdout
    assert "2 document(s) wait for a controleur's approval (four eyes)" in run.stderr
    assert not list(out.glob("*.pdf"))
    with Workspace.open(ws_root) as ws:
        workflow.mark_ready(ws, ids["brief"], ANNA)
        workflow.approve(ws, ids["brief"], BRAM)
    run = redact("apply", ws_root, "--out", out, "--config", config, "--executor", "serial",
                 check=True)
    assert "applied 1 document(s)" in run.stdout and "1 waiting for approval" in run.stdout
    assert sorted(p.name for p in out.glob("*.pdf")) == ["brief.pdf"]


def test_apply_waits_again_after_a_decision_voids_the_approval(ws_root: Path,
                                                              tmp_path: Path) -> None:
    ids = doc_ids(ws_root)
    config, out = four_eyes(tmp_path), tmp_path / "out"
    decide(ws_root, "anna")
    with Workspace.open(ws_root) as ws:
        for doc in ids.values():
            workflow.mark_ready(ws, doc, ANNA)
            workflow.approve(ws, doc, BRAM)
    redact("decide", ws_root, "--redecide", "--reject", "PHONE_NUMBER", "--reviewer", "anna",
           check=True)  # the phone number is in the brief only
    run = redact("apply", ws_root, "--out", out, "--config", config, "--executor", "serial",
                 check=True)
    assert "applied 1 document(s)" in run.stdout and "1 waiting for approval" in run.stdout
    assert [p.name for p in out.glob("*.pdf")] == ["notitie.pdf"]  # brief held: re-decided


def test_an_approval_written_behind_the_trails_back_does_not_count(ws_root: Path,
                                                                   tmp_path: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    decide(ws_root, "anna")
    db = sqlite3.connect(ws_root / "workspace.sqlite")
    with db:
        db.execute("INSERT INTO document_reviews (document_id, state, by, at) VALUES "
                   "(?, 'goedgekeurd', 'bram', '2099-01-01T00:00:00.000000Z')", (brief,))
    db.close()
    run = redact("apply", ws_root, "--out", tmp_path / "out", "--config", four_eyes(tmp_path),
                 "--executor", "serial", check=True)
    assert "applied 0 document(s)" in run.stdout and "2 waiting for approval" in run.stdout
    assert f"document {brief}: its approval is not in the audit trail" in run.stderr


def test_batch_reports_and_logs_what_waits_for_approval(ws_root: Path, tmp_path: Path) -> None:
    config = four_eyes(tmp_path)
    decide(ws_root, "anna")
    (tmp_path / "empty").mkdir()
    run = redact("batch", tmp_path / "empty", tmp_path / "out", "--workspace", ws_root,
                 "--config", config, "--executor", "serial", check=True)
    assert "0 applied" in run.stdout and "2 waiting for approval" in run.stdout
    assert events(ws_root, "batch")[-1]["unapproved"] == 2


def test_without_four_eyes_apply_does_not_wait(ws_root: Path, tmp_path: Path) -> None:
    decide(ws_root, "anna")
    run = redact("apply", ws_root, "--out", tmp_path / "out", "--executor", "serial",
                 check=True)
    assert "applied 2 document(s)" in run.stdout and "approval" not in run.stdout


def test_four_eyes_must_be_true_or_false(tmp_path: Path, ws_root: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"four_eyes": "ja"}))
    run = redact("apply", ws_root, "--out", tmp_path / "out", "--config", config)
    assert run.returncode == 2 and "four_eyes must be true or false" in run.stderr


# -- the API ---------------------------------------------------------------------------------------

TOKEN = "csrf-token-of-the-test"


def team(root: Path) -> None:
    with Workspace.open(root) as ws:
        for person in (ANNA, BRAM, CAROLA):
            accounts.add_user(ws, person.name, person.role, PASSWORD, "test")


def signed_in(root: Path, who: Person) -> TestClient:
    """A client of a fresh review app, signed in through the sign-in form."""
    client = TestClient(create_app(root, "niemand", guard=Guard(csrf_token=TOKEN)),
                        base_url=BASE)
    response = client.post("/aanmelden", data={"name": who.name, "password": PASSWORD,
                                               "csrf": TOKEN, "next": "/"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def post(client: TestClient, url: str, body: dict[str, object] | None = None,
         token: str = TOKEN) -> httpx.Response:
    return client.post(url, json=body or {}, headers={"X-CSRF-Token": token})


@pytest.fixture
def teamed(ws_root: Path) -> Path:
    team(ws_root)
    decide(ws_root, "anna")
    return ws_root


def test_api_a_beoordelaar_marks_ready_but_cannot_approve(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    anna = signed_in(teamed, ANNA)
    response = post(anna, f"/api/documents/{brief}/ready")
    assert response.status_code == 200 and response.json()["review"]["state"] == READY
    response = post(anna, f"/api/documents/{brief}/approve")
    assert response.status_code == 403 and response.json()["error"] == "forbidden"


def test_api_the_same_person_cannot_approve(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    decide(teamed, "carola", "--redecide")
    carola = signed_in(teamed, CAROLA)
    assert post(carola, f"/api/documents/{brief}/ready").status_code == 200
    response = post(carola, f"/api/documents/{brief}/approve")
    assert response.status_code == 403
    assert "four" in response.json()["message"] or "vier" in response.json()["message"]
    bram = signed_in(teamed, BRAM)
    response = post(bram, f"/api/documents/{brief}/approve")
    assert response.status_code == 200 and response.json()["review"]["approved"] is True


def test_api_releasing_a_page_on_the_review_page_voids_the_approval(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    anna = signed_in(teamed, ANNA)
    judgement = f"/api/documents/{brief}/judgement"
    assert post(anna, judgement, {"page": 2, "ground": "5.1.2e"}).status_code == 200
    assert post(anna, f"/api/documents/{brief}/ready").status_code == 200
    bram = signed_in(teamed, BRAM)
    assert post(bram, f"/api/documents/{brief}/approve").json()["review"]["approved"] is True
    carola = signed_in(teamed, CAROLA)
    released = post(carola, judgement, {"release_page": 2})
    assert released.status_code == 200 and released.json()["withheld_pages"] == {}
    with Workspace.open(teamed) as ws:
        facts = workflow.facts_of(ws, brief)
    assert facts.voided and facts.state == READY and "carola" in facts.deciders
    assert post(carola, f"/api/documents/{brief}/approve").status_code == 403  # four eyes
    assert post(bram, f"/api/documents/{brief}/approve").json()["review"]["approved"] is True


def test_api_send_back_needs_a_comment_and_reaches_the_queue(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    anna = signed_in(teamed, ANNA)
    post(anna, f"/api/documents/{brief}/ready")
    bram = signed_in(teamed, BRAM)
    assert post(bram, f"/api/documents/{brief}/send-back", {"comment": " "}).status_code == 400
    response = post(bram, f"/api/documents/{brief}/send-back",
                    {"comment": "Het BSN op pagina 1 staat er nog."})
    assert response.status_code == 200
    assert response.json()["review"]["state"] == SENT_BACK
    page = anna.get("/mijn-werk").text
    sent_back = page[page.index('id="queue-sent-back"'):page.index('id="queue-assigned"')]
    assert "Het BSN op pagina 1 staat er nog." in sent_back and "brief.pdf" in sent_back


def test_api_comments_are_added_and_listed(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    anna = signed_in(teamed, ANNA)
    response = post(anna, f"/api/documents/{brief}/comments",
                    {"text": "Is 'Jansen' op pagina 2 dezelfde persoon?", "page": 2})
    assert response.status_code == 200
    listed = anna.get(f"/api/documents/{brief}/comments").json()["comments"]
    assert [(c["author"], c["page"], c["text"]) for c in listed] == [
        ("anna", 2, "Is 'Jansen' op pagina 2 dezelfde persoon?")]
    assert "dezelfde persoon" in anna.get(f"/documents/{brief}/comments").text
    assert post(anna, f"/api/documents/{brief}/comments", {"text": "x" * 4001}).status_code == 422
    assert post(anna, "/api/documents/999/comments", {"text": "ergens"}).status_code == 404


def test_api_assign_by_role(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    anna, bram = signed_in(teamed, ANNA), signed_in(teamed, BRAM)
    assert post(anna, f"/api/documents/{brief}/assign", {"assignee": "bram"}).status_code == 403
    assert post(anna, f"/api/documents/{brief}/assign", {"assignee": "anna"}).status_code == 200
    assert post(bram, f"/api/documents/{brief}/assign", {"assignee": "dirk"}).status_code == 400
    response = post(bram, f"/api/documents/{brief}/assign", {"assignee": "carola"})
    assert response.json()["review"]["assignee"] == "carola"
    assert "brief.pdf" in signed_in(teamed, CAROLA).get("/mijn-werk").text


def test_api_every_state_change_needs_the_csrf_token(teamed: Path) -> None:
    brief = doc_ids(teamed)["brief"]
    anna = signed_in(teamed, ANNA)
    for path, body in (("ready", {}), ("approve", {}), ("send-back", {"comment": "x"}),
                       ("assign", {"assignee": "anna"}), ("comments", {"text": "x"})):
        response = post(anna, f"/api/documents/{brief}/{path}", body, token="wrong")
        assert response.status_code == 403 and response.json()["error"] == "csrf", path
        cross = anna.post(f"/api/documents/{brief}/{path}", json=body,
                          headers={"X-CSRF-Token": TOKEN, "Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403, path
    with Workspace.open(teamed) as ws:
        assert ws.document_review(brief) is None and ws.comments(brief) == []


def test_api_bad_requests_get_a_4xx(teamed: Path) -> None:
    bram = signed_in(teamed, BRAM)
    assert post(bram, "/api/documents/999/ready").status_code == 404
    assert post(bram, f"/api/documents/{2**63}/approve").status_code == 422
    assert post(bram, "/api/documents/1/send-back", {"comment": "x", "extra": 1}).status_code == 422
    assert post(bram, "/api/documents/1/comments", {"text": "x", "page": 0}).status_code == 422
    assert post(bram, "/api/documents/1/comments", {"text": "x", "proposal": 10**6}
                ).status_code == 404
    assert bram.get("/documents/999/workflow").status_code == 404
    nobody = TestClient(create_app(teamed, "niemand", guard=Guard(csrf_token=TOKEN)),
                        base_url=BASE)
    assert post(nobody, "/api/documents/1/ready").status_code == 401  # not signed in
    assert nobody.get("/mijn-werk", follow_redirects=False).status_code in (401, 303)


def test_api_without_accounts_the_one_reviewer_is_a_controleur(ws_root: Path) -> None:
    brief = doc_ids(ws_root)["brief"]
    decide(ws_root, "anna")
    client = TestClient(create_app(ws_root, "bram", guard=Guard(csrf_token=TOKEN)),
                        base_url=BASE)
    assert post(client, f"/api/documents/{brief}/ready").status_code == 200
    response = post(client, f"/api/documents/{brief}/approve")
    assert response.status_code == 403  # he marked it gereed himself
    with Workspace.open(ws_root) as ws:
        workflow.send_back(ws, brief, BRAM, "terug")
        workflow.mark_ready(ws, brief, ANNA)
    assert post(client, f"/api/documents/{brief}/approve").status_code == 200


# -- the work views --------------------------------------------------------------------------------


def count(html: str) -> int:
    match = re.search(r'id="workview-count">\s*(\d+)', html)
    assert match, "the work view says how many proposals match"
    return int(match.group(1))


def test_work_views_filter_in_the_workspace(ws_root: Path) -> None:
    ids = doc_ids(ws_root)
    redact("decide", ws_root, "--accept", "PERSON", "--reviewer", "anna", check=True)
    client = TestClient(create_app(ws_root, "bram"), base_url=BASE)
    with Workspace.open(ws_root) as ws:
        rows = ws.proposals()
    persons = [p for p in rows if p.entity == "PERSON" and p.proposed]
    assert count(client.get("/?entity=PERSON&status=accepted").text) == len(persons)
    assert count(client.get("/?status=pending").text) == sum(
        1 for p in rows if p.proposed and p.status == "pending")
    assert count(client.get(f"/?document={ids['notitie']}").text) == sum(
        1 for p in rows if p.document_id == ids["notitie"])
    assert count(client.get(f"/?reviewer={person_key('anna')}").text) == len(persons)
    assert count(client.get("/?ground=5.1.1e").text) == sum(1 for p in rows
                                                            if p.ground == "5.1.1e")
    html = client.get("/?review=goedgekeurd").text
    assert count(html) == 0 and 'data-document="' not in html.split('id="workview"')[1]
    # unknown values are no filter; a page beyond the last is empty, not an error
    assert client.get("/?status=<x>&document=-1&page=99999999999999999999").status_code == 200


def test_work_views_page_through_many_proposals(ws_root: Path) -> None:
    with Workspace.open(ws_root) as ws, ws.transaction():
        doc = doc_ids(ws_root)["brief"]
        for i in range(work.PER_PAGE + 5):
            ws.insert_proposal(document_id=doc, page=1, start=0, end=3, entity="PERSON",
                               text=f"Naam {i}", score=1.0, ground="5.1.2e", recognizer="test",
                               explanation={}, rects=[[1, 1, 2, 2]])
    client = TestClient(create_app(ws_root, "bram"), base_url=BASE)
    first = client.get("/?entity=PERSON").text
    assert first.count('<tr data-proposal="') == work.PER_PAGE
    assert 'id="workview-next"' in first
    second = client.get("/?entity=PERSON&page=2").text
    total = count(second)
    assert second.count('<tr data-proposal="') == total - work.PER_PAGE


def test_status_shows_each_documents_review_state(ws_root: Path, tmp_path: Path) -> None:
    ids = doc_ids(ws_root)
    decide(ws_root, "anna")
    with Workspace.open(ws_root) as ws:
        workflow.mark_ready(ws, ids["brief"], ANNA)
        workflow.approve(ws, ids["brief"], BRAM)
        workflow.assign(ws, ids["notitie"], BRAM, "anna")
    lines = redact("status", ws_root, "--config", four_eyes(tmp_path), check=True).stdout
    brief = next(line for line in lines.splitlines() if line.endswith("brief.pdf"))
    notitie = next(line for line in lines.splitlines() if line.endswith("notitie.pdf"))
    assert "goedgekeurd" in brief and "approved by bram" in brief
    assert "open" in notitie and "assigned: anna" in notitie
    assert lines.splitlines()[-1] == ("2 document(s): 1 open, 0 gereed, 1 goedgekeurd, "
                                      "0 teruggestuurd; four eyes on, 1 waiting for approval")
