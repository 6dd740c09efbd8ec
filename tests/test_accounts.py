"""The review team's accounts and sign-in: ``redact users ...`` through the real command line,
the sign-in gate through FastAPI's test client on a real workspace.

What must hold: a password is stored only as an argon2 hash and never reaches the audit trail;
with an active account every page and API call needs a signed-in session (on loopback too),
without one the review runs for the one reviewer as before; the session cookie is HttpOnly and
SameSite=Strict (Secure under TLS); sign-out ends the session; the single sign-on header counts
only from a configured proxy; every decision records who made it.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import Request

from redact import accounts
from redact.config import config_from_dict, defaults
from redact.errors import InputNotFound, UsageError
from redact.review.app import create_app
from redact.review.auth import FAILURE_WINDOW_S, MAX_FAILURES, safe_next
from redact.review.identity import current
from redact.review.security import Guard
from redact.workspace import Workspace
from tests.conftest import REPO
from tests.test_review_api import BASE, Batch, TestClient, build_review_workspace

ALICE_PW = "paard-batterij-niet"  # invented, at least 12 characters
BOB_PW = "nietjesmachine-42"
HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    return build_review_workspace(tmp_path / "ws", tmp_path / "inbox")


def users(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``redact users ...`` in its own process, as an administrator runs it."""
    return subprocess.run([sys.executable, "-m", "redact", "users", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def add(root: Path, name: str, password: str | None, role: str = "beoordelaar") -> None:
    with Workspace.open(root) as ws:
        accounts.add_user(ws, name, role, password, "test")


def english(**sign_in: Any) -> Any:
    data = {**defaults(), "language": "en"}
    if sign_in:
        data["sign_in"] = {**data["sign_in"], **sign_in}
    return config_from_dict(data)


def client(batch: Batch, reviewer: str = "solo", guard: Guard | None = None,
           client_address: str = "testclient", base_url: str = BASE, **sign_in: Any
           ) -> TestClient:
    app = create_app(batch.root, reviewer, guard=guard, config=english(**sign_in))
    return TestClient(app, base_url=base_url, client=(client_address, 50000),
                      follow_redirects=False)


def form_token(c: TestClient) -> str:
    page = c.get("/aanmelden")
    assert page.status_code == 200, page.text
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, "the sign-in form carries its CSRF token"
    return match.group(1)


def sign_in(c: TestClient, name: str, password: str, next_path: str = "/") -> httpx.Response:
    return c.post("/aanmelden", data={"name": name, "password": password,
                                      "csrf": form_token(c), "next": next_path})


def csrf(c: TestClient) -> str:
    """The page's CSRF token (every page carries it in a meta tag, the sign-in form too)."""
    token: str = c.app.state.guard.csrf_token  # type: ignore[attr-defined]
    return token


def decide(c: TestClient, pid: int, decision: str = "accepted") -> httpx.Response:
    ws: Workspace = c.app.state.workspace  # type: ignore[attr-defined]
    version = proposal(ws.root, pid)["version"]
    return c.post(f"/api/proposals/{pid}/decide", json={"decision": decision, "version": version},
                  headers={"X-CSRF-Token": csrf(c)})


def proposal(root: Path, pid: int) -> sqlite3.Row:
    db = sqlite3.connect(root / "workspace.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM proposals WHERE id = ?", (pid,)).fetchone()
    finally:
        db.close()


def trail(root: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (root / "audit.jsonl").read_text().splitlines()]


# -- redact users ... --------------------------------------------------------------------------


def test_users_through_the_command_line(batch: Batch) -> None:
    root = str(batch.root)
    added = users(root, "add", root, "alice", "--role", "beoordelaar", "--password-stdin",
                  stdin=ALICE_PW + "\n")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added alice (beoordelaar)"
    assert users(root, "add", root, "bob", "--role", "controleur", "--sso-only").returncode == 0
    listed = users(root, "list", root)
    assert listed.stdout.splitlines() == ["alice\tbeoordelaar\tactive\tpassword",
                                          "bob\tcontroleur\tactive\tsso"]
    assert users(root, "role", root, "alice", "controleur").stdout.strip() == \
        "alice is now controleur"
    new_pw = "een-ander-wachtwoord"
    assert users(root, "passwd", root, "alice", "--password-stdin",
                 stdin=new_pw + "\n").returncode == 0
    assert users(root, "disable", root, "bob").returncode == 0
    as_json = json.loads(users(root, "list", root, "--json").stdout)
    assert [(u["name"], u["role"], u["active"], u["sign_in"]) for u in as_json] == [
        ("alice", "controleur", True, "password"), ("bob", "controleur", False, "sso")]
    assert users(root, "enable", root, "bob").returncode == 0
    assert users(root, "remove", root, "bob").returncode == 0
    assert "bob" not in users(root, "list", root).stdout

    with Workspace.open(batch.root) as ws:
        row = ws.user("alice")
        assert row is not None and row.password is not None
        assert row.password.startswith("$argon2id$")
        assert accounts.authenticate(ws, "alice", new_pw) == row
        assert accounts.authenticate(ws, "alice", ALICE_PW) is None  # the old one is gone
        hashed = row.password
    # The audit trail names every change and who made it, never a password or its hash.
    events = [(r["event"], r["data"]) for r in trail(batch.root) if r["event"].startswith("user_")]
    operator = events[0][1]["operator"]
    assert [(e, d.get("name"), d.get("change")) for e, d in events] == [
        ("user_added", "alice", None), ("user_added", "bob", None),
        ("user_changed", "alice", "role"), ("user_changed", "alice", "password"),
        ("user_changed", "bob", "disabled"), ("user_changed", "bob", "enabled"),
        ("user_removed", "bob", None)]
    assert all(d["operator"] == operator for _, d in events)
    # Neither password is anywhere in the workspace's files; the hash only in the database.
    for path in batch.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (ALICE_PW, new_pw):
                assert secret.encode() not in data, f"a plain password in {path}"
            if path.name != "workspace.sqlite" and not path.name.startswith("workspace.sqlite-"):
                assert hashed.encode() not in data, f"the password hash in {path}"
    assert users(root, "verify-is-not-a-command", root).returncode == 2


@pytest.mark.parametrize("args, stdin, message", [
    (["add", "{ws}", "carol", "--role", "chef", "--sso-only"], None, "unknown role 'chef'"),
    (["add", "{ws}", "carol", "--role", "beoordelaar", "--password-stdin"], "te-kort\n",
     "at least 12 characters"),
    (["add", "{ws}", "carol", "--role", "beoordelaar", "--password-stdin"], "Carol\n",
     "at least 12 characters"),
    (["add", "{ws}", "carolcarolcarol", "--role", "beoordelaar", "--password-stdin"],
     "CarolCarolCarol\n", "must not be the user name"),
    (["add", "{ws}", "car ol", "--role", "beoordelaar", "--sso-only"], None, "invalid user name"),
    (["add", "{ws}", "-carol", "--role", "beoordelaar", "--sso-only"], None, ""),
    (["add", "{ws}", "carol", "--role", "beoordelaar"], "", "give --password-stdin"),
    (["add", "{ws}", "alice", "--role", "controleur", "--sso-only"], None, "already an account"),
    (["passwd", "{ws}", "nobody", "--password-stdin"], ALICE_PW + "\n", "no account 'nobody'"),
    (["role", "{ws}", "alice", "baas"], None, "unknown role 'baas'"),
    (["remove", "{ws}", "nobody"], None, "no account 'nobody'"),
])
def test_users_refused(batch: Batch, args: list[str], stdin: str | None, message: str) -> None:
    add(batch.root, "alice", ALICE_PW)
    before = (batch.root / "audit.jsonl").read_text()
    run = users(str(batch.root), *[a.replace("{ws}", str(batch.root)) for a in args],
                stdin=stdin)
    assert run.returncode in (2, 7), run
    assert message in run.stderr
    assert (batch.root / "audit.jsonl").read_text() == before  # nothing changed


def test_the_password_is_asked_twice_without_echo(batch: Batch) -> None:
    """At a terminal, ``redact users add`` asks twice and does not show what is typed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command line, on the pseudo-terminal
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "redact", "users", "add",
                                  str(batch.root), "alice", "--role", "controleur"])
    output = b""

    def until(text: bytes) -> None:
        nonlocal output
        deadline = time.monotonic() + 60
        while text not in output:
            assert time.monotonic() < deadline, output
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                output += os.read(fd, 1024)

    until(b"Password: ")
    os.write(fd, ALICE_PW.encode() + b"\n")
    until(b"Password again: ")
    os.write(fd, ALICE_PW.encode() + b"\n")
    until(b"added alice (controleur)")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert ALICE_PW.encode() not in output  # not echoed
    with Workspace.open(batch.root) as ws:
        assert accounts.authenticate(ws, "alice", ALICE_PW) is not None


def test_accounts_library_checks() -> None:
    assert accounts.check_name("j.de-vries@gemeente.example") == "j.de-vries@gemeente.example"
    for bad in ("", " alice", "a" * 65, "alice;drop", "élise"):
        with pytest.raises(UsageError):
            accounts.check_name(bad)
    with pytest.raises(UsageError):
        accounts.check_password("alice", "x" * (accounts.MAX_PASSWORD_CHARS + 1))
    assert accounts.check_role("controleur") == "controleur"


def test_authenticate_refuses_what_it_must(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    add(batch.root, "bob", None, "controleur")  # single sign-on only
    with Workspace.open(batch.root) as ws:
        assert accounts.authenticate(ws, "alice", ALICE_PW) is not None
        assert accounts.authenticate(ws, "alice", ALICE_PW.upper()) is None
        assert accounts.authenticate(ws, "nobody", ALICE_PW) is None
        assert accounts.authenticate(ws, "bob", "") is None  # no password: no form sign-in
        assert accounts.authenticate(ws, "bob", ALICE_PW) is None
        accounts.set_active(ws, "alice", False, "test")
        assert accounts.authenticate(ws, "alice", ALICE_PW) is None  # disabled
        assert accounts.has_accounts(ws)  # bob is still active
        accounts.set_active(ws, "bob", False, "test")
        assert not accounts.has_accounts(ws)
        with pytest.raises(InputNotFound):
            accounts.set_role(ws, "nobody", "controleur", "test")


# -- one reviewer: as before ---------------------------------------------------------------------


def test_without_accounts_the_review_is_as_before(batch: Batch) -> None:
    pid = batch.proposals[("brief", 1, "123456782")]
    with client(batch, "solo") as c:
        assert c.get("/", headers=HTML).status_code == 200
        assert c.get("/aanmelden").headers["location"] == "/"  # nothing to sign in to
        assert decide(c, pid).status_code == 200
    assert proposal(batch.root, pid)["decided_by"] == "solo"
    assert trail(batch.root)[-1]["data"]["reviewer"] == "solo"


# -- sign-in required ----------------------------------------------------------------------------


def test_with_an_account_every_request_needs_a_session_on_loopback_too(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    doc = batch.docs["brief"]
    pid = batch.proposals[("brief", 1, "123456782")]
    with client(batch) as c:
        for path in ("/", f"/documents/{doc}?page=2"):
            page = c.get(path, headers=HTML)
            assert page.status_code == 303
            assert page.headers["location"] == "/aanmelden?" + httpx.QueryParams(
                {"next": path}).__str__()
        assert c.get(f"/documents/{doc}/pages/1.png").status_code == 401
        refused = c.post(f"/api/proposals/{pid}/decide", json={"decision": "accepted",
                                                               "version": 0},
                         headers={"X-CSRF-Token": csrf(c)})
        assert refused.status_code == 401 and refused.json()["error"] == "sign_in"
        assert c.get("/static/review.css").status_code == 200  # the sign-in page's styles
        assert proposal(batch.root, pid)["status"] == "pending"


def test_sign_in_sets_a_strict_http_only_cookie_and_goes_where_asked(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c:
        done = sign_in(c, "alice", ALICE_PW, next_path="/documents/1?page=2")
        assert done.status_code == 303 and done.headers["location"] == "/documents/1?page=2"
        cookie = done.headers["set-cookie"]
        assert re.match(r"redact_session_[0-9a-f]{12}=[A-Za-z0-9_-]{40,};", cookie)
        flags = {f.strip().lower() for f in cookie.split(";")[1:]}
        assert {"httponly", "path=/", "samesite=strict"} <= flags
        assert "secure" not in flags  # plain HTTP on loopback
        assert c.get("/", headers=HTML).status_code == 200
    # Under TLS the cookie is Secure as well, and behind a proxy that says it serves HTTPS.
    with client(batch, guard=Guard(tls=True), base_url="https://127.0.0.1:8765") as c:
        done = sign_in(c, "alice", ALICE_PW)
        assert "secure" in done.headers["set-cookie"].lower()
    proxied = Guard(proxies=("10.0.0.5",), allowed_hosts=None, sign_in_required=True)
    for address, secure in (("10.0.0.5", True), ("10.0.0.6", False)):
        with client(batch, guard=proxied, client_address=address) as c:
            done = c.post("/aanmelden", data={"name": "alice", "password": ALICE_PW,
                                              "csrf": form_token(c), "next": "/"},
                          headers={"X-Forwarded-Proto": "https"})
            assert ("secure" in done.headers["set-cookie"].lower()) is secure


def test_the_header_names_who_is_signed_in_with_a_sign_out_button(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c:
        sign_in(c, "alice", ALICE_PW)
        page = c.get("/", headers=HTML).text
        assert re.search(r'class="who">[^<]*<b>alice</b>', page)
        assert re.search(r'<form class="sign-out" method="post" action="/afmelden">'
                         r'<input type="hidden" name="csrf" value="[^"]+">'
                         r'<button type="submit" id="sign-out">', page)


@pytest.mark.parametrize("name, password", [
    ("alice", "wrong-password-1"), ("nobody", ALICE_PW), ("alice", ""), ("", ""),
    ("bob", ""), ("bob", "anything-at-all")])  # bob: single sign-on only
def test_a_wrong_password_shows_the_form_again(batch: Batch, name: str, password: str) -> None:
    add(batch.root, "alice", ALICE_PW)
    add(batch.root, "bob", None)
    with client(batch) as c:
        refused = sign_in(c, name, password)
        assert refused.status_code == 401
        assert "Wrong name or password" in refused.text
        assert 'id="signin-name"' in refused.text
        assert "set-cookie" not in refused.headers
        assert password not in refused.text or not password
        assert c.get("/", headers=HTML).status_code == 303


def test_repeated_failures_block_the_name_for_a_while(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c:
        gate = c.app.state.gate  # type: ignore[attr-defined]
        now = [1000.0]
        gate.throttle.clock = lambda: now[0]
        for _ in range(MAX_FAILURES):
            assert sign_in(c, "alice", "wrong-password-1").status_code == 401
        blocked = sign_in(c, "Alice", ALICE_PW)  # the right password, too late
        assert blocked.status_code == 429 and "Too many failed attempts" in blocked.text
        assert sign_in(c, "bob", "wrong-password-1").status_code == 401  # another name: no
        now[0] += FAILURE_WINDOW_S + 1
        assert sign_in(c, "alice", ALICE_PW).status_code == 303


def test_sign_out_ends_the_session(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c:
        sign_in(c, "alice", ALICE_PW)
        cookies = dict(c.cookies)
        assert c.post("/afmelden", data={"csrf": "wrong"}).status_code == 403
        assert c.get("/", headers=HTML).status_code == 200  # still signed in
        button = re.search(r'action="/afmelden"><input type="hidden" name="csrf" value="([^"]+)"',
                           c.get("/", headers=HTML).text)
        assert button, "the header's sign-out form carries the token"
        out = c.post("/afmelden", data={"csrf": button.group(1)})
        assert out.status_code == 303 and out.headers["location"] == "/aanmelden"
        assert 'max-age=0' in out.headers["set-cookie"].lower()
        c.cookies.clear()
        # The old cookie, replayed, is worth nothing: the session is gone on the server.
        for name, value in cookies.items():
            c.cookies.set(name, value)
        assert c.get("/", headers=HTML).status_code == 303


def test_a_session_ends_when_idle_and_when_the_account_is_disabled(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    add(batch.root, "bob", BOB_PW, "controleur")
    with client(batch) as c:
        gate = c.app.state.gate  # type: ignore[attr-defined]
        now = [5000.0]
        gate.sessions.clock = lambda: now[0]
        sign_in(c, "alice", ALICE_PW)
        now[0] += 11 * 3600
        assert c.get("/", headers=HTML).status_code == 200  # used: the idle time starts again
        now[0] += 12 * 3600 + 1
        assert c.get("/", headers=HTML).status_code == 303
        sign_in(c, "alice", ALICE_PW)
        assert c.get("/", headers=HTML).status_code == 200
        with Workspace.open(batch.root) as ws:
            accounts.set_active(ws, "alice", False, "test")
        assert c.get("/", headers=HTML).status_code == 303
        assert len(gate.sessions) == 0


def test_a_new_password_ends_the_sessions_and_a_new_role_counts_at_once(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c, client(batch) as other:
        sign_in(c, "alice", ALICE_PW)
        sign_in(other, "alice", ALICE_PW)

        @c.app.get("/whoami")  # type: ignore[attr-defined]
        def whoami(request: Request) -> dict[str, str]:
            user = current(request)
            return {"name": user.name, "role": user.role}

        assert c.get("/whoami").json() == {"name": "alice", "role": "beoordelaar"}
        with Workspace.open(batch.root) as ws:
            accounts.set_role(ws, "alice", "controleur", "test")
        assert c.get("/whoami").json() == {"name": "alice", "role": "controleur"}  # same session
        with Workspace.open(batch.root) as ws:
            accounts.set_password(ws, "alice", "een-ander-wachtwoord", "test")
        assert c.get("/whoami").status_code == 401
        assert other.get("/", headers=HTML).status_code == 303  # every session of hers
        assert sign_in(c, "alice", "een-ander-wachtwoord").status_code == 303
        assert c.get("/whoami").status_code == 200


@pytest.mark.parametrize("target, expected", [
    ("/documents/3?page=2", "/documents/3?page=2"), ("//evil.example/x", "/evil.example/x"),
    ("/\\evil.example", "/evil.example"), ("https://evil.example/", "/"), ("", "/"),
    ("/aanmelden?next=/", "/"), ("/afmelden", "/"), ("javascript:alert(1)", "/"),
])
def test_after_sign_in_the_browser_stays_on_this_server(target: str, expected: str) -> None:
    assert safe_next(target) == expected


# -- cross-site and CSRF ------------------------------------------------------------------------


@pytest.mark.parametrize("headers, token_ok", [
    ({}, False),
    ({"Sec-Fetch-Site": "cross-site"}, True),
    ({"Origin": "http://evil.example"}, True),
    ({"Sec-Fetch-Site": "same-site"}, True),
])
def test_the_sign_in_form_refuses_forgeries(batch: Batch, headers: dict[str, str],
                                            token_ok: bool) -> None:
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c:
        token = form_token(c) if token_ok else "forged"
        sent = c.post("/aanmelden", data={"name": "alice", "password": ALICE_PW,
                                          "csrf": token, "next": "/"}, headers=headers)
        assert sent.status_code == 403
        assert "set-cookie" not in sent.headers
        out = c.post("/afmelden", data={"csrf": token}, headers=headers)
        assert out.status_code == 403


def test_a_form_posted_without_referrer_says_origin_null(batch: Batch) -> None:
    """Under Referrer-Policy no-referrer chromium sends ``Origin: null`` with a form; the
    form's token and Sec-Fetch-Site still decide."""
    add(batch.root, "alice", ALICE_PW)
    with client(batch) as c:
        token = form_token(c)
        body = {"name": "alice", "password": ALICE_PW, "csrf": token, "next": "/"}
        assert c.post("/aanmelden", data=body, headers={
            "Origin": "null", "Sec-Fetch-Site": "cross-site"}).status_code == 403
        assert c.post("/aanmelden", data={**body, "csrf": "forged"},
                      headers={"Origin": "null"}).status_code == 403
        assert c.post("/aanmelden", data=body, headers={
            "Origin": "null", "Sec-Fetch-Site": "same-origin"}).status_code == 303
        pid = batch.proposals[("brief", 1, "123456782")]
        assert c.post(f"/api/proposals/{pid}/decide", json={"decision": "accepted",
                                                            "version": 0},
                      headers={"Origin": "null", "X-CSRF-Token": csrf(c)}).status_code == 403


def test_signed_in_state_changes_still_need_the_page_token(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    pid = batch.proposals[("brief", 1, "123456782")]
    with client(batch) as c:
        sign_in(c, "alice", ALICE_PW)
        for headers in ({}, {"X-CSRF-Token": "forged"},
                        {"X-CSRF-Token": csrf(c), "Sec-Fetch-Site": "cross-site"},
                        {"X-CSRF-Token": csrf(c), "Origin": "http://evil.example"}):
            sent = c.post(f"/api/proposals/{pid}/decide", json={"decision": "accepted",
                                                                "version": 0}, headers=headers)
            assert sent.status_code == 403
        assert proposal(batch.root, pid)["status"] == "pending"


# -- every decision names who made it -----------------------------------------------------------


def test_each_decision_records_the_signed_in_user(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    add(batch.root, "bob", BOB_PW, "controleur")
    bsn = batch.proposals[("brief", 1, "123456782")]
    phone = batch.proposals[("brief", 1, "06-12345678")]
    doc = batch.docs["brief"]
    with client(batch, "solo") as alice, client(batch, "solo") as bob:
        sign_in(alice, "alice", ALICE_PW)
        sign_in(bob, "bob", BOB_PW)
        assert decide(alice, bsn).status_code == 200
        assert decide(bob, phone, "rejected").status_code == 200
        box = alice.post(f"/api/documents/{doc}/manual", json={
            "page": 2, "entity": "DATE_OF_BIRTH", "rect": [90, 78, 200, 92]},
            headers={"X-CSRF-Token": csrf(alice)})
        assert box.status_code == 200, box.text
        judged = bob.post(f"/api/documents/{doc}/judgement", json={"judgement": "deels"},
                          headers={"X-CSRF-Token": csrf(bob)})
        assert judged.status_code == 200, judged.text
        term = bob.post("/api/terms", json={"term": "Z/23/012345", "ground": "5.1.2e"},
                        headers={"X-CSRF-Token": csrf(bob)})
        assert term.status_code == 200, term.text
    assert proposal(batch.root, bsn)["decided_by"] == "alice"
    assert proposal(batch.root, phone)["decided_by"] == "bob"
    assert proposal(batch.root, box.json()["created"])["decided_by"] == "alice"
    by_event = [(r["event"], r["data"].get("reviewer")) for r in trail(batch.root)
                if r["event"] in ("decision", "manual_proposal", "judge", "terms_added")]
    assert by_event == [("decision", "alice"), ("decision", "bob"),
                        ("manual_proposal", "alice"), ("decision", "alice"),
                        ("judge", "bob"), ("terms_added", "bob")]
    assert "solo" not in json.dumps(trail(batch.root))


# -- single sign-on ------------------------------------------------------------------------------

SSO = {"sso_header": "X-Remote-User", "sso_proxies": ["10.0.0.5", "fd00::/64"]}


def test_the_sso_header_counts_only_from_a_configured_proxy(batch: Batch) -> None:
    add(batch.root, "bob", None, "controleur")
    pid = batch.proposals[("brief", 1, "123456782")]
    header = {"X-Remote-User": "bob", **HTML}
    with client(batch, client_address="10.0.0.5", **SSO) as c:
        page = c.get("/", headers=header)
        assert page.status_code == 200
        assert re.search(r'class="who">[^<]*<b>bob</b>', page.text)
        assert 'id="sign-out"' not in page.text  # the proxy's sign-on is the proxy's to end
        version = proposal(batch.root, pid)["version"]
        sent = c.post(f"/api/proposals/{pid}/decide", json={"decision": "accepted",
                                                            "version": version},
                      headers={"X-Remote-User": "bob", "X-CSRF-Token": csrf(c)})
        assert sent.status_code == 200
        assert proposal(batch.root, pid)["decided_by"] == "bob"
        unknown = c.get("/api/nothing", headers={"X-Remote-User": "mallory"})
        assert unknown.status_code == 403 and unknown.json()["error"] == "no_account"
    with client(batch, client_address="fd00::17", **SSO) as c:
        assert c.get("/", headers=header).status_code == 200
    # From anywhere else the header is ignored: not signed in.
    for elsewhere in ("10.0.0.6", "127.0.0.1", "testclient"):
        with client(batch, client_address=elsewhere, **SSO) as c:
            assert c.get("/", headers=header).status_code == 303
            assert c.get("/api/nothing", headers={"X-Remote-User": "bob"}).status_code == 401


def test_sso_without_an_account_a_browser_gets_the_error_page_in_its_language(
        batch: Batch) -> None:
    with client(batch, client_address="10.0.0.5", **SSO) as c:
        page = c.get("/documents/1", headers={"X-Remote-User": "mallory", **HTML})
        assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
        assert '<html lang="en"' in page.text and "Not allowed" in page.text
        assert "mallory has no active account in this review" in page.text
        c.cookies.set("redact_language", "nl")
        page = c.get("/", headers={"X-Remote-User": "mallory", **HTML})
        assert page.status_code == 403 and '<html lang="nl"' in page.text
        assert "mallory heeft geen actief account voor deze beoordeling" in page.text
        scripted = c.get("/api/documents/1/proposals", headers={"X-Remote-User": "mallory"})
        assert scripted.status_code == 403 and scripted.json()["error"] == "no_account"
        assert "heeft geen actief account" in scripted.json()["message"]


def test_sso_needs_an_active_account_and_is_off_by_default(batch: Batch) -> None:
    add(batch.root, "bob", None, "controleur")
    add(batch.root, "alice", ALICE_PW)
    with Workspace.open(batch.root) as ws:
        accounts.set_active(ws, "bob", False, "test")
    with client(batch, client_address="10.0.0.5", **SSO) as c:
        assert c.get("/", headers={"X-Remote-User": "bob", **HTML}).status_code == 403
        # A local account still signs in with its password next to single sign-on.
        assert sign_in(c, "alice", ALICE_PW).status_code == 303
        assert c.get("/", headers=HTML).status_code == 200
    with client(batch, client_address="10.0.0.5") as c:  # not configured: the header is nothing
        assert c.get("/", headers={"X-Remote-User": "alice", **HTML}).status_code == 303


@pytest.mark.parametrize("sign_in_section, message", [
    ({"sso_header": "X-Remote-User"}, "needs sso_proxies"),
    ({"sso_header": "X Remote", "sso_proxies": ["10.0.0.5"]}, "header name"),
    ({"sso_header": "X-Remote-User", "sso_proxies": ["proxy.example"]}, "not an address"),
    ({"session_idle_hours": 0}, "session_idle_hours"),
    ({"session_idle_hours": True}, "session_idle_hours"),
])
def test_sign_in_configuration_is_checked(sign_in_section: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        english(**sign_in_section)


def test_a_proxy_terminating_tls_may_send_an_https_origin(batch: Batch) -> None:
    add(batch.root, "bob", None, "controleur")
    pid = batch.proposals[("brief", 1, "123456782")]
    guard = Guard(proxies=("10.0.0.5",), allowed_hosts=None, sign_in_required=True)
    headers = {"X-Remote-User": "bob", "Origin": "https://review.example",
               "Host": "review.example"}
    with client(batch, guard=guard, client_address="10.0.0.5", **SSO) as c:
        headers["X-CSRF-Token"] = csrf(c)
        sent = c.post(f"/api/proposals/{pid}/decide", json={
            "decision": "accepted", "version": proposal(batch.root, pid)["version"]},
            headers=headers)
        assert sent.status_code == 200, sent.text
    with client(batch, guard=Guard(allowed_hosts=None, sign_in_required=True),
                client_address="10.0.0.5", **SSO) as c:  # not a proxy of the guard's: refused
        headers["X-CSRF-Token"] = csrf(c)
        assert c.post(f"/api/proposals/{pid}/decide", json={"decision": "rejected",
                                                            "version": 0},
                      headers=headers).status_code == 403


# -- off loopback ---------------------------------------------------------------------------------


def test_off_loopback_with_accounts_the_session_is_the_gate(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    guard = Guard.for_host("0.0.0.0", sign_in=True)
    assert guard.access_token is None and guard.sign_in_required
    with client(batch, guard=guard, base_url="http://review.example:8765") as c:
        assert c.get("/", headers=HTML).status_code == 303
        assert c.get("/api/nothing").status_code == 401
        assert sign_in(c, "alice", ALICE_PW).status_code == 303
        assert c.get("/", headers=HTML).status_code == 200


def test_off_loopback_without_an_active_account_nothing_opens(batch: Batch) -> None:
    """Started for accounts (no access token), then every account disabled: the review does
    not fall back to one reviewer without a token; it stays shut."""
    add(batch.root, "alice", ALICE_PW)
    with Workspace.open(batch.root) as ws:
        accounts.set_active(ws, "alice", False, "test")
    guard = Guard.for_host("0.0.0.0", sign_in=True)
    with client(batch, guard=guard, base_url="http://review.example:8765") as c:
        assert c.get("/", headers=HTML).status_code == 303
        assert sign_in(c, "alice", ALICE_PW).status_code == 401


def test_off_loopback_without_accounts_the_token_is_still_required(batch: Batch) -> None:
    guard = Guard.for_host("0.0.0.0")
    assert guard.access_token is not None
    with client(batch, guard=guard, base_url="http://review.example:8765") as c:
        assert c.get("/", headers=HTML).status_code == 401
        assert c.get(f"/?token={guard.access_token}").status_code == 303
        assert c.get("/", headers=HTML).status_code == 200


def test_redact_review_off_loopback_with_accounts_prints_no_token(batch: Batch) -> None:
    """``redact review --host 0.0.0.0`` on a workspace with accounts: sign-in is the gate, so
    no access token is printed or needed; the sign-in page answers, nothing else."""
    add(batch.root, "alice", ALICE_PW)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "redact", "review", str(batch.root), "--host", "0.0.0.0",
         "--port", str(port), "--insecure-no-tls"], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"http://0.0.0.0:{port}/ (sign in: accounts of the workspace" in first
        assert "token" not in first
        deadline = time.monotonic() + 30
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as web:
            while True:
                try:
                    page = web.get("/", headers=HTML)
                    break
                except httpx.ConnectError:
                    assert time.monotonic() < deadline and proc.poll() is None
                    time.sleep(0.1)
            assert page.status_code == 303 and page.headers["location"].startswith("/aanmelden")
            assert web.get("/aanmelden").status_code == 200
            assert web.get("/api/nothing").status_code == 401
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_the_accounts_language_is_the_pages_language(batch: Batch) -> None:
    add(batch.root, "alice", ALICE_PW)
    db = sqlite3.connect(batch.root / "workspace.sqlite")
    db.execute("UPDATE users SET language = 'en' WHERE name = 'alice'")
    db.commit()
    db.close()
    app = create_app(batch.root, "solo", config=config_from_dict({**defaults(), "language": "nl"}))
    with TestClient(app, base_url=BASE, follow_redirects=False) as c:
        assert '<html lang="nl">' in c.get("/aanmelden").text
        sign_in(c, "alice", ALICE_PW)
        assert '<html lang="en">' in c.get("/", headers=HTML).text
