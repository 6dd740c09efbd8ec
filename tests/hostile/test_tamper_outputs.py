"""Outputs that cannot lie (issue 13): workspace.sqlite edited behind redact's back.

A real workspace (scan, decide, apply through the CLI) is copied per test and its database edited
with sqlite3, as someone with write access to the file could. ``apply`` and ``verify`` must
refuse (exit 5) with one line naming ids, never the data, and publish nothing; an operator's
``redact audit WS --repair`` puts every differing proposal back to pending.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from redact.workspace import SCHEMA_VERSION
from tests.conftest import LETTER, SECOND_PAGE, make_pdf, pdf_text, redact

BSN = "123456782"


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose documents were all accepted and applied into ``out``."""
    base = tmp_path_factory.mktemp("tamper")
    make_pdf(base / "inbox" / "brief.pdf", [LETTER, SECOND_PAGE])
    make_pdf(base / "inbox" / "notitie.pdf", [SECOND_PAGE])
    redact("scan", base / "inbox", "--workspace", base / "ws", "--executor", "serial", check=True)
    redact("decide", base / "ws", "--accept-all", check=True)
    redact("apply", base / "ws", "--out", base / "out", "--executor", "serial", check=True)
    return base


@pytest.fixture
def copy(applied: Path, tmp_path: Path) -> Path:
    for name in ("ws", "out"):
        shutil.copytree(applied / name, tmp_path / name)
    manifest = json.loads((tmp_path / "out" / "redact-manifest.json").read_text())
    manifest["workspace"] = str((tmp_path / "ws").resolve())
    (tmp_path / "out" / "redact-manifest.json").write_text(json.dumps(manifest))
    return tmp_path


def sql(ws: Path, statement: str, *args: object) -> list[tuple[object, ...]]:
    db = sqlite3.connect(ws / "workspace.sqlite")
    try:
        rows = list(db.execute(statement, args))
        db.commit()
        return rows
    finally:
        db.close()


def bsn_proposal(ws: Path) -> int:
    return int(sql(ws, "SELECT id FROM proposals WHERE text=?", BSN)[0][0])


TAMPERS = {
    # the accepted box moved off the BSN: re-applied, the number would be readable
    "move-box": "UPDATE proposals SET rects='[[10.0, 10.0, 20.0, 20.0]]' WHERE id=:pid",
    # accepted turned into rejected: re-applied, the number would be readable
    "accept-to-reject": "UPDATE proposals SET status='rejected' WHERE id=:pid",
    # the value changed: verify would search the output for another string
    "change-value": "UPDATE proposals SET text='999999990' WHERE id=:pid",
    # an accepted proposal deleted: its box would be gone
    "delete": "DELETE FROM proposals WHERE id=:pid",
    # the ground printed in the box changed
    "ground": "UPDATE proposals SET ground='5.1.2i' WHERE id=:pid",
    # a pending proposal marked 'not proposed' would let apply go on without a decision
    "not-proposed": "UPDATE proposals SET proposed=0, status='pending' WHERE id=:pid",
    # the document made from another file than the one scanned
    "stored-path": "UPDATE documents SET stored_path=(SELECT stored_path FROM documents WHERE "
                   "id<>(SELECT document_id FROM proposals WHERE id=:pid) LIMIT 1) WHERE "
                   "id=(SELECT document_id FROM proposals WHERE id=:pid)",
    # the recorded output made to look current
    "output": "UPDATE outputs SET fingerprint='0' WHERE document_id=(SELECT document_id FROM "
              "proposals WHERE id=:pid)",
}


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_a_database_edited_behind_the_trail_is_refused(copy: Path, tamper: str) -> None:
    ws, out = copy / "ws", copy / "out"
    pid = bsn_proposal(ws)
    db = sqlite3.connect(ws / "workspace.sqlite")
    db.execute(TAMPERS[tamper], {"pid": pid})
    db.commit()
    db.close()

    verified = redact("verify", out)
    assert verified.returncode == 5, (tamper, verified.stdout, verified.stderr)
    assert "differs from the audit trail" in verified.stderr
    assert f"proposal {pid}" in verified.stderr or "document" in verified.stderr

    again = redact("apply", ws, "--out", copy / "out2", "--executor", "serial")
    assert again.returncode == 5, (tamper, again.stdout, again.stderr)
    line = again.stderr.strip()
    assert "\n" not in line and "differs from the audit trail" in line, line
    assert BSN not in line and "999999990" not in line  # ids, never the data
    assert not list((copy / "out2").glob("*.pdf"))  # nothing published


def test_an_accepted_box_moved_is_named_by_id(copy: Path) -> None:
    ws = copy / "ws"
    pid = bsn_proposal(ws)
    sql(ws, "UPDATE proposals SET rects='[[10.0, 10.0, 20.0, 20.0]]' WHERE id=?", pid)
    run = redact("apply", ws, "--out", copy / "out")
    assert run.returncode == 5
    assert f"proposal {pid}: value, page or box differs" in run.stderr, run.stderr
    assert BSN not in (pdf_text(copy / "out" / "brief.pdf"))  # the published file untouched


def test_the_trail_holds_no_value_in_clear(copy: Path) -> None:
    trail = (copy / "ws" / "audit.jsonl").read_text()
    assert BSN not in trail and "pieter.fictief" not in trail
    records = [json.loads(line) for line in trail.splitlines()]
    proposals = [p for r in records if r["event"] == "proposals" for p in r["data"]["proposals"]]
    assert proposals and all(len(p["commit"]) == 64 for p in proposals)
    decisions = [r for r in records if r["event"] == "decision"]
    assert decisions and all(len(r["data"]["outcome"]) == len(r["data"]["proposals"])
                             for r in decisions)


def test_a_repair_puts_differing_proposals_back_to_pending(copy: Path) -> None:
    ws, out = copy / "ws", copy / "out"
    pid = bsn_proposal(ws)
    sql(ws, "UPDATE proposals SET status='rejected' WHERE id=?", pid)
    assert redact("audit", ws, "--repair").returncode == 2  # a reason is required
    fixed = redact("audit", ws, "--repair", "--reason", "status edited by hand, see ticket 12")
    assert fixed.returncode == 0, fixed.stderr
    assert "1 difference(s)" in fixed.stdout
    assert sql(ws, "SELECT status FROM proposals WHERE id=?", pid) == [("pending",)]
    repair = json.loads((ws / "audit.jsonl").read_text().splitlines()[-1])
    assert repair["event"] == "repair" and repair["data"]["reason"].startswith("status edited")
    assert BSN not in json.dumps(repair)
    # The document waits for a person again; decided, it is published and verified.
    waiting = redact("apply", ws, "--out", out, "--executor", "serial", check=True)
    assert "1 waiting for decisions" in waiting.stdout
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--executor", "serial", check=True)
    assert BSN not in pdf_text(out / "brief.pdf")
    redact("verify", out, check=True)


def test_a_workspace_of_schema_2_gets_a_baseline_and_is_checked_from_then_on(copy: Path) -> None:
    ws, out = copy / "ws", copy / "out"
    # As a workspace written before commitments: no key, version 2, records without commits.
    sql(ws, "DELETE FROM meta WHERE key='commit_key'")
    sql(ws, "UPDATE meta SET value='2' WHERE key='schema_version'")
    # ...without what version 4 added (judgements, withheld pages, a proposal's motivation) and
    # what version 5 added (the review team's tables).
    for table in ("users", "document_reviews", "comments"):
        sql(ws, f"DROP TABLE {table}")
    sql(ws, "DROP TABLE judgements")
    sql(ws, "DROP TABLE withheld_pages")
    sql(ws, "ALTER TABLE proposals DROP COLUMN motivation")
    redact("verify", out, check=True)  # opening upgrades it: a baseline is written
    events = [json.loads(line)["event"] for line in (ws / "audit.jsonl").read_text().splitlines()]
    assert "baseline" in events
    assert sql(ws, "SELECT value FROM meta WHERE key='schema_version'") == [(str(SCHEMA_VERSION),)]
    pid = bsn_proposal(ws)
    sql(ws, "UPDATE proposals SET status='rejected' WHERE id=?", pid)
    assert redact("verify", out).returncode == 5
